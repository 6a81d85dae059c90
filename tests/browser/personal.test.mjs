// Browser tests of each person's own pages, opened with their link from
// file:// and from a static server on loopback: a link opens that
// person's pages and no one else's; a changed or missing key shows one
// plain message and nothing of the pages; links between the pages keep the
// key; a form opened there works and keeps no draft in the browser; the
// host never receives the key; axe at 1280 and 390 wide.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  axeViolations, buildSite, expect, fileUrl, newContext, problem, runWithBrowser, screenshot, test
} from './lib.mjs';

let site = null;
try {
  site = buildSite('content', 'site-personal');
} catch (err) {
  problem(`building the demo site\n${err.message}`);
}

// The personal links of the private index: [{name, href (relative to
// private/index.html)}].
async function links(context) {
  const page = await context.newPage();
  await page.goto(fileUrl(path.join(site, 'private/index.html')));
  const found = await page.$$eval('section.personal-links a[href*="public/p/"]', (as) => as.map((a) => ({
    href: a.getAttribute('href'),
    name: (a.closest('tr, li, dd, p') || a).textContent.replace(/\s+/g, ' ').trim()
  })));
  await page.close();
  return found;
}

// Opens the link href (relative to private/index.html) under base: the page.
async function openLink(context, base, href) {
  const page = await context.newPage();
  await page.goto(new URL(href, base).href);
  await page.waitForFunction(() => document.getElementById('personal-view') &&
    (document.getElementById('personal-view').childElementCount > 0 || document.getElementById('personal-problem').textContent !== ''));
  return page;
}

const viewText = (page) => page.textContent('#personal-view');

async function personal(browser) {
  const context = await newContext(browser);
  const all = await links(context);
  const base = pathToFileURL(path.join(site, 'private/index.html')).href;
  const amira = all.find((l) => l.name.includes('Amira Testwell'));
  const ben = all.find((l) => l.name.includes('Ben Samplesworth'));

  await test('the private index lists a link per person; a link opens that person\'s pages only', async () => {
    expect(all.length >= 6 && amira && ben, `links: ${JSON.stringify(all)}`);
    expect(all.every((l) => /public\/p\/[0-9a-f]{32}\.html#k=[A-Za-z0-9_-]{43}$/.test(l.href)), JSON.stringify(all.map((l) => l.href)));
    const page = await openLink(context, base, amira.href);
    const text = await viewText(page);
    expect(text.includes('Hello, Amira Testwell.') && !text.includes('Hello, Ben'), text.slice(0, 300));
    expect(text.includes('Ben Samplesworth') && text.includes('Chen Placeholder'), 'Amira\'s two agreements are not both listed');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const found = await axeViolations(page);
      expect(found.length === 0, `${width} wide:\n${found.join('\n')}`);
      await screenshot(page, `personal-index-${width}`);
    }
    const other = await openLink(context, base, ben.href);
    const t2 = await viewText(other);
    expect(t2.includes('Hello, Ben Samplesworth.') && !t2.includes('Hello, Amira'), t2.slice(0, 300));
  });

  await test('a changed or missing key shows one plain message and nothing of the pages', async () => {
    const flipped = amira.href.replace(/k=(.)/, (m, c) => 'k=' + (c === 'A' ? 'B' : 'A'));
    for (const href of [flipped, amira.href.replace(/#.*$/, ''), amira.href.slice(0, -5)]) {
      const page = await openLink(context, base, href);
      const said = await page.textContent('#personal-problem');
      expect(/could not be opened/.test(said), `${href}: ${said}`);
      expect((await page.$eval('#personal-view', (v) => v.childElementCount)) === 0, `${href}: pages shown`);
      expect(!(await page.content()).includes('Amira Testwell'), `${href}: a name in the page`);
    }
  });

  await test('links between the pages keep the key; a form there works and keeps no draft', async () => {
    const page = await openLink(context, base, amira.href);
    const formLink = await page.$('#personal-view ul.personal-pages a[data-personal-page="form-2.html"]');
    expect(formLink, 'no link to Amira\'s second form');
    await formLink.click();
    await page.waitForSelector('#personal-view form.accord-form');
    expect(/#k=[A-Za-z0-9_-]{43}&p=form-2/.test(page.url()), `the key was lost: ${page.url()}`);
    expect(await page.$('.accord-steps'), 'the form did not start in steps');
    await page.click('#step-continue');
    expect(/There is a problem/.test(await page.textContent('#error-summary')), 'the form did not validate');
    await page.fill('#q-meeting-frequency-note', 'Typed on my own page');
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(!stored.includes('Typed on my own page'), 'a draft was stored in the browser');
    expect(/#k=/.test(page.url()), `typing lost the key: ${page.url()}`);
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
    expect(/#k=/.test(page.url()) && (await page.$('#personal-view form.accord-form')), 'the skip link lost the key or the page');
    await screenshot(page, 'personal-form');
  });
  await context.close();

  await test('from a static server on loopback: the pages open, and the server never sees the key', async () => {
    const seen = [];
    const root = path.join(site);
    const server = createServer((req, res) => {
      seen.push(req.url);
      const file = path.join(root, decodeURIComponent(req.url.split('?')[0]));
      if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) { res.writeHead(404); res.end(); return; }
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type });
      res.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    try {
      const ctx = await newContext(browser, {}, { origin });
      const page = await openLink(ctx, origin + '/private/index.html', amira.href);
      expect((await viewText(page)).includes('Hello, Amira Testwell.'), 'the pages did not open from the server');
      expect(seen.length > 0 && seen.every((u) => !u.includes('k=') && !u.includes('#')), `requests: ${seen.join(' ')}`);
      await ctx.close();
    } finally {
      server.close();
    }
  });
}

runWithBrowser(site !== null, personal);
