// Checks a built site in headless Chromium, every page the site has:
//   - axe-core (WCAG 2.0/2.1/2.2 A and AA, and axe's best practices) at 390 px
//     and 1280 px, in light and dark mode (4 passes);
//   - no <script> element, and no horizontal overflow at either width;
//   - link purpose: two links with the same accessible name lead to the same
//     address;
//   - print: one page of each kind (current, archived, upcoming and draft
//     version, comparison, history, language index, home) in each language,
//     printed to PDF: every printed page has the footer of the @page margin
//     boxes (the page's title, and "page N of M" in the language's words), and
//     the notice of an upcoming version is printed.
// Then, when asked, screenshots at 390 and 1280 px of the current privacy
// policy in each language, and (for the example) of the details that matter.
//
// Usage: node browser.mjs <base-url> <site-dir> [<screenshot-dir> <pdf-dir> <name>]
// The print check writes its PDFs to <pdf-dir>/print/ (or a temporary
// directory); for the example, the printed current privacy policy of each
// language is also <pdf-dir>/<lang>-privacy.pdf.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const [base, site, shots, pdfs, name = 'site'] = process.argv.slice(2);
const example = name === 'example';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const SCHEMES = ['light', 'dark'];
const WIDTHS = [[390, 844], [1280, 800]];

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
const isDir = (p) => existsSync(p) && statSync(p).isDirectory();
const langs = readdirSync(site).filter((d) => isDir(join(site, d)) && d !== 'assets' && !d.startsWith('.'));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
// Every failure, also grouped by what is wrong, for the summary at the end.
const groups = new Map();
const fail = (msg, group, page) => {
  failures += 1;
  console.log(`FAIL ${msg}`);
  if (group) {
    const g = groups.get(group) || { pages: new Set(), count: 0 };
    g.count += 1;
    if (page) g.pages.add(page);
    groups.set(group, g);
  }
};

// ---------------------------------------------------------------------------
// axe-core, script, overflow and link purpose on every page, 4 passes.

// The accessible name of each link (aria-label, else its text; whitespace
// collapsed) and the addresses it leads to; names with more than one address.
const linkPurpose = () => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const selector = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
      if (e.id) { parts.unshift(`#${CSS.escape(e.id)}`); break; }
      parts.unshift(e.localName + [...e.classList].map((c) => `.${CSS.escape(c)}`).join(''));
    }
    return parts.join(' > ');
  };
  const byName = new Map();
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.closest('[aria-hidden="true"], [hidden]')) continue;
    let label = norm(a.getAttribute('aria-label'));
    const labelledby = norm(a.getAttribute('aria-labelledby'));
    if (!label && labelledby) {
      label = norm(labelledby.split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
    }
    const accessibleName = label || norm(a.textContent);
    if (!accessibleName) continue;
    const entry = byName.get(accessibleName) || new Map();
    if (!entry.has(a.href)) entry.set(a.href, selector(a));
    byName.set(accessibleName, entry);
  }
  return [...byName].filter(([, hrefs]) => hrefs.size > 1)
    .map(([text, hrefs]) => ({ text, targets: [...hrefs].map(([href, sel]) => ({ href, sel })) }));
};

let views = 0;
let violations = 0;
for (const scheme of SCHEMES) {
  for (const [width, height] of WIDTHS) {
    const first = scheme === SCHEMES[0] && width === WIDTHS[0][0];
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of pages) {
      const response = await page.goto(base + path);
      if (!response || response.status() !== 200) {
        fail(`${path}: HTTP ${response && response.status()}`, 'HTTP status', path);
        continue;
      }
      views += 1;
      if (first) {
        const scripts = await page.locator('script').count();
        if (scripts > 0) fail(`${path}: has ${scripts} script element(s); pages must work without JavaScript`, 'script element', path);
        for (const { text, targets } of await page.evaluate(linkPurpose)) {
          const rel = (href) => href.startsWith(base) ? href.slice(base.length) : href;
          fail(`${path}: link purpose: ${targets.length} links named "${text}" lead to different places: `
            + targets.slice(0, 4).map((t) => `${rel(t.href)} (${t.sel})`).join('; ')
            + (targets.length > 4 ? `; and ${targets.length - 4} more` : ''),
          `link purpose: "${text.replace(/[\d\u2460-\u2473]+/g, 'N')}"`, path);
        }
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) {
        // Which elements stick out, to say where to look.
        const culprits = await page.evaluate((w) => {
          const out = (e) => { const r = e.getBoundingClientRect(); return r.right > w + 0.5 || r.left < -0.5; };
          return [...document.querySelectorAll('body *')].filter((e) => out(e) && !(e.parentElement && out(e.parentElement)))
            .slice(0, 3).map((e) => e.localName + [...e.classList].map((c) => `.${c}`).join(''));
        }, width);
        fail(`${path} (${scheme}): ${overflow}px of horizontal overflow at ${width}px: ${culprits.join(', ')}`,
          `overflow at ${width}px: ${culprits.join(', ')}`, path);
      }
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate((tags) => axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }), AXE_TAGS);
      for (const v of result.violations) {
        violations += 1;
        const targets = v.nodes.map((n) => n.target.join(' '));
        fail(`${path} (${scheme}, ${width}px): ${v.id} [${v.impact}]: ${v.help} — ${targets.slice(0, 3).join('; ')}`
          + (targets.length > 3 ? `; and ${targets.length - 3} more` : ''),
        `axe ${v.id}: ${v.help} — ${targets[0]}`, `${path} (${scheme}, ${width}px)`);
      }
    }
    await context.close();
    console.log(`axe (${scheme}, ${width}px): ${pages.length} pages of ${name} checked`);
  }
}
console.log(`axe: ${pages.length} pages × ${SCHEMES.length} modes × ${WIDTHS.length} widths = ${views} page views, ${violations} violations`);

// ---------------------------------------------------------------------------
// Print: one page of each kind in each language, printed by Chromium.

// "Page N of M" in a language's words, from its `pdf-page` message; for a
// language without one here (the fixtures' German and Arabic), two numbers.
const counterPattern = (lang) => {
  const ftl = join(repo, 'locales', lang, 'site.ftl');
  const message = existsSync(ftl) && readFileSync(ftl, 'utf8').match(/^pdf-page\s*=\s*(.+)$/m);
  if (!message) return { re: /(?<!\d)(\d+)(?=\D{1,16}?(\d+)(?!\d))/g, order: ['page', 'total'], words: 'N … M' };
  const escape = (s) => s.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  const parts = message[1].split(/\{\s*\$(page|total)\s*\}/);
  const order = [];
  let source = '(?<!\\d)';
  parts.forEach((part, i) => {
    if (i % 2 === 1) { order.push(part); source += '\\s*(\\d+)(?!\\d)\\s*'; } else source += escape(part);
  });
  return { re: new RegExp(source, 'g'), order, words: message[1].trim() };
};
const squash = (s) => s.replace(/\s+/g, '');
const pdfText = (file, ...args) => execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }).toString();
// What each printed page has in its bottom margin (the @page margin boxes),
// from the words' positions: line by line, each line in the direction of the
// page. Digits and CJK sit at slightly different heights, so a line is the
// words whose middles are within 4pt of each other. Right to left, pdftotext
// gives each word's letters in visual order; they are turned back.
const RTL_LETTERS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
// How poppler reads Arabic back, from this or any PDF (Chromium's too): the
// two letters of the lam-alef ligature swapped, a combining mark before its
// letter. The title looked for is read the same way.
const asPopplerReads = (s) => s.replace(/\u0644([\u0627\u0623\u0625\u0622])/g, '$1\u0644')
  .replace(/([^\u064b-\u065f\u0670])([\u064b-\u065f\u0670]+)/g, '$2$1');
const footers = (file, rtl) => {
  const xml = pdfText(file, '-bbox');
  const unxml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml.split('<page ').slice(1).map((chunk) => {
    const height = Number(chunk.match(/height="([\d.]+)"/)[1]);
    const lines = [];
    for (const [, x0, y0, , y1, w] of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      const y = (+y0 + +y1) / 2;
      if (y < height - 20 / 25.4 * 72) continue;
      const word = { x: +x0, w: rtl && RTL_LETTERS.test(unxml(w)) ? [...unxml(w)].reverse().join('') : unxml(w) };
      const line = lines.find((l) => Math.abs(l.y - y) <= 4);
      if (line) line.words.push(word); else lines.push({ y, words: [word] });
    }
    return lines.sort((l, m) => l.y - m.y)
      .map((l) => l.words.sort((u, v) => (rtl ? v.x - u.x : u.x - v.x)).map((u) => u.w).join(' ')).join(' ');
  });
};

// The pages to print: the first of each kind in each language, and the home page.
const docsOf = (lang) => readdirSync(join(site, lang)).filter((d) => isDir(join(site, lang, d)))
  .sort((a, b) => (b === 'privacy') - (a === 'privacy') || a.localeCompare(b));
const html = (rel) => { const f = join(site, rel, 'index.html'); return existsSync(f) ? readFileSync(f, 'utf8') : null; };
const targets = [];
for (const lang of langs) {
  const docs = docsOf(lang);
  const found = new Map();
  const take = (type, rel) => { if (!found.has(type) && html(rel) !== null) found.set(type, rel); };
  for (const doc of docs) {
    take('current', `${lang}/${doc}`);
    take('versions', `${lang}/${doc}/versions`);
    take('draft', `${lang}/${doc}/draft`);
    for (const entry of readdirSync(join(site, lang, doc)).sort()) {
      if (/^\d{4}-\d{2}-\d{2}$/.test(entry)) {
        const page = html(`${lang}/${doc}/${entry}`) || '';
        if (/class="banner archived"/.test(page)) take('archived', `${lang}/${doc}/${entry}`);
        if (/class="banner upcoming"/.test(page)) take('upcoming', `${lang}/${doc}/${entry}`);
      }
    }
    if (isDir(join(site, lang, doc, 'diff'))) {
      for (const entry of readdirSync(join(site, lang, doc, 'diff')).sort()) take('diff', `${lang}/${doc}/diff/${entry}`);
    }
  }
  take('index', lang);
  const expected = ['current', 'archived', 'upcoming', 'diff', 'versions', 'index'];
  for (const type of expected.filter((t) => !found.has(t))) {
    if (example) fail(`print: the example has no ${type} page in ${lang}`, 'print: page kind missing');
    else console.log(`  print: no ${type} page in ${lang} (skipped)`);
  }
  for (const [type, rel] of found) targets.push({ lang, type, path: `/${rel}/`, doc: rel.split('/')[1] });
}
if (html('') !== null) targets.push({ lang: null, type: 'home', path: '/' });

const printDir = pdfs ? join(pdfs, 'print') : mkdtempSync(join(tmpdir(), 'print-'));
mkdirSync(printDir, { recursive: true });
let printed = 0;
let printedPages = 0;
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const { lang, type, path, doc } of targets) {
    await page.goto(base + path);
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      // The page's own title: <title> without the site's name after it (its
      // separator comes from site.ftl), or the first language's on `/`.
      title: (() => {
        const site = document.querySelector('.site-title')?.textContent.trim();
        const whole = document.title.trim();
        if (site && whole.endsWith(site) && whole !== site) {
          return whole.slice(0, -site.length).replace(/[\s|｜]+$/u, '');
        }
        return whole.split(' / ')[0];
      })(),
      rtl: getComputedStyle(document.documentElement).direction === 'rtl',
      // What of the notice shows on paper (its links are left out).
      notice: document.querySelector('.banner.notice')?.innerText ?? null,
    }));
    const file = join(printDir, `${name}-${lang ? `${lang}-` : ''}${type}.pdf`);
    await page.pdf({ path: file, format: 'A4', printBackground: false });
    printed += 1;
    if (example && type === 'current' && doc === 'privacy' && pdfs) copyFileSync(file, join(pdfs, `${lang}-privacy.pdf`));
    const where = `${path} (printed)`;
    const text = pdfText(file);
    const sheets = footers(file, info.rtl);
    const total = Number(execFileSync('pdfinfo', [file]).toString().match(/^Pages:\s*(\d+)/m)[1]);
    printedPages += total;
    if (sheets.length !== total) fail(`${where}: pdftotext gives ${sheets.length} pages, pdfinfo ${total}`, 'print: page count', path);
    const { re, order, words } = counterPattern(info.lang || lang);
    const title = squash(info.rtl ? asPopplerReads(info.title) : info.title);
    sheets.forEach((foot, i) => {
      // The counter, and the title before it, left to right; right to left
      // (where @bottom-left, the title, is the end of the line) on either side.
      const counter = [...foot.matchAll(re)].find((m) => {
        const n = Object.fromEntries(order.map((k, j) => [k, Number(m[j + 1])]));
        return n.page === i + 1 && n.total === total;
      });
      const shown = JSON.stringify(foot);
      if (!counter) {
        fail(`${where}: printed page ${i + 1} of ${total} has no page counter "${words}" at its foot: ${shown}`,
          `print: no page counter in the footer (${type} page)`, path);
      }
      const rest = !counter ? foot : info.rtl
        ? foot.slice(0, counter.index) + foot.slice(counter.index + counter[0].length) : foot.slice(0, counter.index);
      if (!squash(rest).includes(title)) {
        fail(`${where}: printed page ${i + 1} of ${total} has not the title "${info.title}" at its foot${counter ? ' before the counter' : ''}: ${shown}`,
          `print: no title in the footer (${type} page)`, path);
      }
    });
    if (type === 'current') {
      if (info.notice === null) {
        if (example && lang === 'ja' && doc === 'privacy') fail(`${path}: no .banner.notice of the upcoming version`, 'print: notice missing', path);
      } else if (!squash(info.notice)) {
        fail(`${where}: the notice of the upcoming version is empty in print`, 'print: notice not printed', path);
      } else if (!squash(text).includes(squash(info.notice))) {
        fail(`${where}: the notice of the upcoming version is not printed: "${info.notice.trim()}"`, 'print: notice not printed', path);
      } else if (/[|｜·・/]\s*$/.test(info.notice)) {
        // Its links are left out on paper; what stood between them must go too.
        fail(`${where}: the printed notice ends with the separator of its hidden links: "${info.notice.trim()}"`,
          'print: notice ends with a separator', path);
      }
    }
  }
  await context.close();
}
console.log(`print: ${printed} pages printed to ${printDir}, ${printedPages} sheets, footers checked`);

// ---------------------------------------------------------------------------
// Screenshots.

if (shots && pdfs) {
  mkdirSync(shots, { recursive: true });
  mkdirSync(pdfs, { recursive: true });
  const shot = async ({ width = 390, height = 844, scheme = 'light' }, path, act) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme: scheme });
    const page = await context.newPage();
    const response = await page.goto(base + path);
    if (!response || response.status() !== 200) fail(`screenshot: ${path}: HTTP ${response && response.status()}`, 'screenshot');
    else {
      try { await act(page); } catch (e) { fail(`screenshot of ${path}: ${e.message.split('\n')[0]}`, 'screenshot', path); }
    }
    await context.close();
  };
  for (const lang of langs) {
    if (!existsSync(join(site, lang, 'privacy', 'index.html'))) continue;
    for (const [width, height, size] of [[390, 844, 'phone'], [1280, 800, 'desktop']]) {
      await shot({ width, height }, `/${lang}/privacy/`,
        (page) => page.screenshot({ path: `${shots}/${example ? '' : `${name}-`}${lang}-privacy-${size}.png` }));
    }
  }
  if (example) {
    // The top of the current policy on a phone: notice, version links, summary of changes.
    await shot({}, '/ja/privacy/', async (page) => {
      const box = await page.locator('.policy-header').boundingBox();
      await page.screenshot({ path: `${shots}/ja-privacy-header-phone.png`, fullPage: true,
        clip: { x: 0, y: 0, width: 390, height: Math.ceil(box.y + box.height + 8) } });
    });
    await shot({}, '/ja/privacy/draft/',
      (page) => page.locator('nav.key-terms').screenshot({ path: `${shots}/ja-key-terms.png` }));
    await shot({}, '/ja/privacy/', async (page) => {
      const table = page.locator('.table-scroll').first();
      if (!(await table.locator('.scroll-hint').isVisible())) fail('/ja/privacy/: the scroll hint of the first table is not shown at 390px', 'scroll hint hidden', '/ja/privacy/');
      await table.screenshot({ path: `${shots}/ja-table-phone.png` });
    });
    await shot({ scheme: 'dark' }, '/ja/cookies/diff/2024-04-01...2026-04-01/',
      (page) => page.screenshot({ path: `${shots}/ja-diff-dark-phone.png` }));
    // The first page of charta's own PDF of the version in force.
    const link = (html('ja/privacy') || '').match(/<li class="pdf-link"><a href="(?:\.\.\/)*([^"]+\.pdf)"/);
    const made = join(site, link ? link[1] : 'ja/privacy/2026-04-01.pdf');
    if (existsSync(made)) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', made, `${shots}/ja-privacy-pdf`]);
    } else fail(`screenshot: no PDF ${made}`, 'screenshot');
  }
  console.log(`screenshots written to ${shots}${example ? `, PDFs to ${pdfs}` : ''}`);
}

await browser.close();
if (failures > 0) {
  console.log(`\n${failures} browser check(s) failed; ${groups.size} distinct finding(s):`);
  for (const [what, { pages: where, count }] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
    const list = [...where];
    console.log(`  ${what}\n      ${count}×, e.g. ${list.slice(0, 3).join(', ')}${list.length > 3 ? ` (+${list.length - 3} more)` : ''}`);
  }
  process.exit(1);
}
console.log('browser checks passed');
