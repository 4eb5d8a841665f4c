// Checks a built site in headless Chromium: axe-core (WCAG 2.2 A/AA) on every
// page the site has, in light and dark mode; no horizontal overflow at 390 px;
// then, when asked, screenshots at 390 and 1280 px of the current privacy
// policy in each language and a PDF of it.
//
// Usage: node browser.mjs <base-url> <site-dir> [<screenshot-dir> <pdf-dir> <name>]
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [base, site, shots, pdfs, name = 'site'] = process.argv.slice(2);

// Every page of the site: each HTML file, at the address it is served at.
const pages = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry.endsWith('.html')) {
      const rel = relative(site, path).split('\\').join('/');
      pages.push('/' + rel.replace(/(^|\/)index\.html$/, '$1'));
    }
  }
};
walk(site);
const langs = readdirSync(site).filter((d) => statSync(join(site, d)).isDirectory() && d !== 'assets' && !d.startsWith('.'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
const fail = (msg) => { failures += 1; console.log(`FAIL ${msg}`); };

for (const scheme of ['light', 'dark']) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
  const page = await context.newPage();
  for (const path of pages) {
    const response = await page.goto(base + path);
    if (!response || response.status() !== 200) { fail(`${path}: HTTP ${response && response.status()}`); continue; }
    const scripts = await page.locator('script').count();
    if (scripts > 0) fail(`${path}: has ${scripts} script element(s); pages must work without JavaScript`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) fail(`${path}: ${overflow}px of horizontal overflow at 390px`);
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }));
    for (const v of result.violations) {
      fail(`${path} (${scheme}): ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    }
  }
  await context.close();
  console.log(`axe (${scheme}): every page of ${name}, ${pages.length} pages, checked`);
}

if (shots && pdfs) {
  mkdirSync(shots, { recursive: true });
  mkdirSync(pdfs, { recursive: true });
  for (const lang of langs) {
    for (const [width, height, size] of [[390, 844, 'phone'], [1280, 800, 'desktop']]) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${base}/${lang}/privacy/`);
      await page.screenshot({ path: `${shots}/${name === 'example' ? '' : `${name}-`}${lang}-privacy-${size}.png` });
      await context.close();
    }
    if (name !== 'example') continue;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/${lang}/privacy/`);
    await page.pdf({ path: `${pdfs}/${lang}-privacy.pdf`, format: 'A4', displayHeaderFooter: false, printBackground: false });
    await context.close();
  }
  console.log(`screenshots written to ${shots}${name === 'example' ? `, PDFs to ${pdfs}` : ''}`);
}

await browser.close();
if (failures > 0) {
  console.log(`${failures} browser check(s) failed`);
  process.exit(1);
}
console.log('browser checks passed');
