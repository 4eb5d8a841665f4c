// Every character of the site's text has a glyph in an installed font
// (fontconfig's view: what Chromium uses to render and print).
//
// Usage: node glyphs.mjs <site-dir>
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const site = process.argv[2];
const chars = new Set();
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.html')) {
      const text = readFileSync(path, 'utf8').replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]*>/g, ' ');
      for (const c of text) if (c.codePointAt(0) > 0x20) chars.add(c.codePointAt(0));
    }
  }
};
walk(site);
const ranges = [];
for (const line of execFileSync('fc-list', ['--format', '%{charset}\n']).toString().split('\n')) {
  for (const part of line.trim().split(/\s+/).filter(Boolean)) {
    const [a, b] = part.split('-').map((h) => parseInt(h, 16));
    ranges.push([a, b ?? a]);
  }
}
const covered = (cp) => ranges.some(([a, b]) => cp >= a && cp <= b);
const missing = [...chars].filter((cp) => !covered(cp));
console.log(`glyphs: ${chars.size} distinct characters, ${missing.length} without a glyph`);
if (missing.length > 0) {
  console.log(missing.slice(0, 50).map((cp) => `U+${cp.toString(16).toUpperCase()} ${String.fromCodePoint(cp)}`).join('\n'));
  process.exit(1);
}
