// Browser tests of every page kind of the built demo site: the theme's
// slots are filled, relative links resolve to files, axe-core finds no
// violation, nothing but file:// is requested, print styles hide the
// navigation and show a blank form whole. Screenshots of each page kind go
// to $OUT/screenshots/<kind>.png for people to look at.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  OUT, ROOT, axeViolations, buildSite, expect, fileUrl, newContext, problem, runWithBrowser, screenshot, test
} from './lib.mjs';

let site = null;
try {
  site = process.env.ACCORD_TEST_SITE || buildSite('content', 'site-pages');
} catch (err) {
  problem(`accord build of content\n${err.message}`);
}

function firstHtml(dir, except = []) {
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.html') && !except.includes(n)).sort() : [];
  return names.length ? path.join(dir, names[0]) : null;
}

// The page scripts of the default theme, in the order its page.html loads
// them: ["assets/<name>.js", ...].
const THEME_SCRIPTS = [...readFileSync(path.join(ROOT, 'themes/default/page.html'), 'utf8')
  .matchAll(/<script src="(assets\/[a-z][a-z-]*\.js)" defer><\/script>/g)].map((m) => m[1]);

// One page of each kind (body class page-<kind>).
function pageKinds() {
  const pub = path.join(site, 'public');
  return [
    ['index', path.join(pub, 'index.html')],
    ['guide-index', path.join(pub, 'guide/index.html')],
    ['guide', firstHtml(path.join(pub, 'guide'), ['index.html'])],
    ['form-index', path.join(pub, 'forms/index.html')],
    ['form', path.join(pub, 'forms/amira-ben-mentee.html')],
    ['form-idp', path.join(pub, 'forms/idp-amira.html')],
    ['sample', firstHtml(path.join(pub, 'sample'))],
    ['private-index', path.join(site, 'private/index.html')]
  ];
}

async function main(browser) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  for (const [kind, file] of pageKinds()) {
    const bodyKind = kind === 'form-idp' ? 'form' : kind;
    await test(`${kind} page: template filled, links resolve, no axe violations`, async () => {
      expect(file && existsSync(file), `no ${kind} page in the built site (${file})`);
      await page.goto(fileUrl(file));
      const facts = await page.evaluate(() => ({
        bodyClass: document.body.className,
        slots: document.querySelectorAll('[data-slot]').length,
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        lang: document.documentElement.lang,
        // style.css is read (a rule of it applies); print.css is linked for print only
        css: getComputedStyle(document.querySelector('.skip-link') || document.body).position === 'absolute',
        print: !!document.querySelector('link[rel=stylesheet][media=print][href$="assets/print.css"]'),
        skip: !!document.querySelector('a.skip-link[href="#main"]') && !!document.getElementById('main'),
        nav: document.querySelectorAll('nav[aria-label="Main"] a').length,
        inline: document.querySelectorAll('script:not([src]), style, [style], [onclick], [onload], [onsubmit]').length,
        scripts: [...document.scripts].map((x) => x.getAttribute('src') + (x.type ? ` type=${x.type}` : '') + (x.defer ? '' : ' (not deferred)')),
        links: [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
          .map((e) => e.href || e.src).filter((u) => u.startsWith('file:'))
      }));
      expect(facts.bodyClass.split(/\s+/).includes(`page-${bodyKind}`), `body class "${facts.bodyClass}"`);
      expect(facts.slots === 0, `${facts.slots} data-slot attributes left`);
      // the home page's title is the program's own; others "<page> – <program>"
      expect(kind === 'index' ? facts.title.trim() !== '' : facts.title.includes(' – '), `title "${facts.title}" is not "<page> – <program>"`);
      expect(facts.h1 === 1, `${facts.h1} h1 elements`);
      expect(facts.lang === 'en', 'html lang');
      expect(facts.css, 'assets/style.css not applied');
      expect(facts.print, 'assets/print.css not linked with media="print"');
      expect(facts.skip, 'skip link to #main');
      // no data in script or style: the theme's external classic scripts, nothing inline
      expect(facts.inline === 0, `${facts.inline} inline scripts, styles or handlers`);
      expect(THEME_SCRIPTS.length > 0 && facts.scripts.length === THEME_SCRIPTS.length &&
        facts.scripts.every((src, i) => src.replace(/^(\.\.\/)*/, '') === THEME_SCRIPTS[i]),
      `scripts: ${facts.scripts.join(', ')} (the theme's: ${THEME_SCRIPTS.join(', ')})`);
      expect(facts.nav >= 2, `${facts.nav} links in the main navigation`);
      const missing = [...new Set(facts.links.map((u) => decodeURI(u.replace(/#.*$/, ''))))]
        .filter((u) => !existsSync(new URL(u)) || u.endsWith('/'));
      expect(missing.length === 0, `links to missing files or folders:\n${missing.join('\n')}`);
      const shot = kind === 'form' || kind === 'form-idp' ? `${kind}-blank` : kind;
      await screenshot(page, shot);
      const violations = await axeViolations(page);
      expect(violations.length === 0, `axe-core:\n${violations.join('\n')}`);
    });
  }

  const form = path.join(site, 'public/forms/amira-ben-mentee.html');
  await test('form page with errors and the review step: no axe violations', async () => {
    await page.goto(fileUrl(form) + '#all');
    await page.click('.form-actions button[type=submit]');
    expect(await page.isVisible('#error-summary'), 'no error summary');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'form-errors');
    let violations = await axeViolations(page);
    expect(violations.length === 0, `axe-core (errors shown):\n${violations.join('\n')}`);
    await page.evaluate(() => {
      for (const q of document.querySelectorAll('[data-question]')) {
        if (q.hidden) continue;
        const box = q.querySelector('.choices input');
        if (box) box.click();
      }
      const note = document.querySelector('.note textarea');
      note.value = 'We agreed on this in our first meeting.';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.click('.form-actions button[type=submit]');
    expect(await page.isVisible('#review'), 'review not shown');
    await screenshot(page, 'form-review');
    violations = await axeViolations(page);
    expect(violations.length === 0, `axe-core (review):\n${violations.join('\n')}`);
  });

  await test('print: navigation and tools hidden, a blank form prints every question', async () => {
    const ctx2 = await newContext(browser);
    const p = await ctx2.newPage();
    await p.goto(fileUrl(form) + '#all');
    await p.emulateMedia({ media: 'print' });
    const facts = await p.evaluate(() => {
      const shown = (el) => !!el && getComputedStyle(el).display !== 'none';
      const qs = [...document.querySelectorAll('[data-question]')];
      return {
        nav: shown(document.querySelector('nav')),
        tools: shown(document.querySelector('.form-tools')),
        buttons: [...document.querySelectorAll('button')].filter(shown).length,
        questions: qs.length,
        printed: qs.filter(shown).length,
        conditional: qs.filter((q) => q.hidden).length
      };
    });
    expect(!facts.nav, 'navigation prints');
    expect(!facts.tools, 'form tools print');
    expect(facts.buttons === 0, `${facts.buttons} buttons print`);
    expect(facts.conditional > 0, 'no conditional question hidden on screen (nothing to check)');
    expect(facts.printed === facts.questions, `${facts.printed} of ${facts.questions} questions print`);
    await p.screenshot({ path: path.join(OUT, 'screenshots', 'form-print.png'), fullPage: false });
    // once something is answered, the printout is that person's form: questions
    // hidden by their conditions stay out
    await p.emulateMedia({ media: 'screen' });
    await p.locator('.question:not([hidden]) .choices input').first().check();
    await p.emulateMedia({ media: 'print' });
    const filled = await p.evaluate(() => [...document.querySelectorAll('[data-question]')]
      .filter((q) => q.hidden && getComputedStyle(q).display !== 'none').length);
    expect(filled === 0, `${filled} hidden questions print on a filled form`);
    const pdf = await p.pdf({ format: 'A4' });
    expect(pdf.length > 1000, 'no PDF');
    await ctx2.close();
  });
  await test('without JavaScript a form reads whole: every question shown, tools hidden, noscript note', async () => {
    const ctx4 = await newContext(browser, { javaScriptEnabled: false });
    const p = await ctx4.newPage();
    await p.goto(fileUrl(form) + '#all');
    const facts = await p.evaluate(() => ({
      questions: document.querySelectorAll('[data-question]').length,
      shown: [...document.querySelectorAll('[data-question]')].filter((q) => q.offsetParent !== null).length,
      tools: document.querySelector('.form-tools').offsetParent !== null
    }));
    expect(facts.questions > 0 && facts.shown === facts.questions, `${facts.shown} of ${facts.questions} questions shown`);
    expect(!facts.tools, 'form tools shown without a script to drive them');
    expect(/turn\s+JavaScript on/i.test(await p.textContent('body')), 'no noscript note');
    await ctx4.close();
  });

  await test('dark colour scheme: no axe violations (home, guide, form with errors, review, sample)', async () => {
    const dark = await newContext(browser, { colorScheme: 'dark' });
    const p = await dark.newPage();
    const found = [];
    const check = async (what) => {
      for (const v of await axeViolations(p)) found.push(`${what}: ${v}`);
    };
    for (const [kind, file] of pageKinds()) {
      if (!['index', 'guide', 'sample', 'private-index'].includes(kind) || !file) continue;
      await p.goto(fileUrl(file));
      await check(kind);
    }
    await p.goto(fileUrl(form) + '#all');
    expect(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'dark scheme not emulated');
    await p.click('.form-actions button[type=submit]');
    await screenshot(p, 'form-errors-dark');
    await check('form with errors');
    await p.evaluate(() => {
      for (const q of document.querySelectorAll('[data-question]')) {
        const box = !q.hidden && q.querySelector('.choices input');
        if (box) box.click();
      }
    });
    await p.click('.form-actions button[type=submit]');
    await check('review');
    await dark.close();
    expect(found.length === 0, `axe-core:\n${found.join('\n')}`);
  });

  await test('narrow screen (375 px): no page scrolls sideways', async () => {
    const ctx3 = await newContext(browser, { viewport: { width: 375, height: 800 } });
    const p = await ctx3.newPage();
    const wide = [];
    for (const [kind, file] of pageKinds()) {
      if (!file || !existsSync(file)) continue;
      await p.goto(fileUrl(file));
      const w = await p.evaluate(() => document.documentElement.scrollWidth);
      if (w > 375) wide.push(`${kind}: ${w} px wide`);
      if (kind === 'form') await screenshot(p, 'form-mobile');
    }
    await ctx3.close();
    expect(wide.length === 0, wide.join('\n'));
  });
  await ctx.close();
}

await runWithBrowser(site, main);
