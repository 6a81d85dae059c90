// Browser tests of the admin's dashboard (private/index.html) on a program
// of 500 agreements made once by tests/scale/make_program.sh with the real
// accord, every page from file:// and the clock set to 2026-11-29: the
// counts per state, with review due and overdue decided from the viewer's
// date, and the chart's label saying the same; filtering by state and
// sorting; one card per agreement on a phone; a person's link opening
// their own pages; axe at 1280 and 390 wide. The same program with one
// more agreement (501: more than one page lists) gets an overview whose
// counts, due and overdue included, are the whole program's, linking two
// parts of the list.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  OUT, ROOT, axeViolations, buildSite, expect, fileUrl, newContext, problem, run, runWithBrowser,
  screenshot, test
} from './lib.mjs';

const N = 500;
// by make_program.sh's rule: k mod 10 gives the state, 50 agreements each
const WANT = {
  'not-started': 100, 'mentee-answered': 100, 'mentor-answered': 50, 'awaiting-signatures': 100,
  signed: 50, ended: 0, 'review-due': 50, 'review-overdue': 50
};
const TODAY = new Date('2026-11-29T12:00:00');

let site = null, parted = null;
try {
  const dir = path.join(OUT, `large-${N}`);
  const made = run('bash', [path.join(ROOT, 'tests/scale/make_program.sh'), String(N), dir]);
  if (made.status !== 0) throw new Error(`make_program.sh exited ${made.status}\n${made.stderr}`);
  site = buildSite(path.join(dir, 'content'), `site-large-${N}`);
  // one agreement more, not started, whose id sorts last
  const more = path.join(OUT, `large-${N + 1}`);
  rmSync(more, { recursive: true, force: true });
  cpSync(path.join(dir, 'content'), more, { recursive: true });
  const people = path.join(more, 'people.xml');
  const xml = readFileSync(people, 'utf8');
  const at = xml.indexOf('<agreement ');
  writeFileSync(people, xml.slice(0, at) + '<person id="zz-mentee" name="Last Mentee"/>\n  ' +
    xml.slice(at).replace('</people>', '  <agreement id="zz-last" mentee="zz-mentee" mentor="t0"/>\n</people>'));
  parted = buildSite(more, `site-large-${N + 1}`);
} catch (err) {
  problem(`making the ${N}-agreement program\n${err.message}`);
}

async function openDashboard(browser, width) {
  const context = await newContext(browser, { viewport: { width, height: 900 } });
  await context.clock.setFixedTime(TODAY);
  const page = await context.newPage();
  await page.goto(fileUrl(path.join(site, 'private/index.html')));
  await page.waitForSelector('#dashboard-filter');
  return { context, page };
}

const visibleRows = (page) => page.$$eval('table.agreement-table tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => ({
  id: r.querySelector('.agreement-id').textContent, state: r.getAttribute('data-shown'), review: r.getAttribute('data-review')
})));

async function dashboard(browser) {
  await test('the counts per state are the program\'s, due and overdue by the viewer\'s date, and the chart says so', async () => {
    const { context, page } = await openDashboard(browser, 1280);
    const counts = await page.$$eval('ul.state-counts li', (lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-state'), Number(li.querySelector('.count').textContent)])));
    expect(JSON.stringify(counts) === JSON.stringify(WANT), `counts ${JSON.stringify(counts)}, want ${JSON.stringify(WANT)}`);
    const said = await page.textContent('#counts-date');
    expect(said.includes(`${N} agreements`) && said.includes('29 November 2026'), said);
    const label = await page.getAttribute('svg.state-chart', 'aria-label');
    for (const [state, n] of Object.entries(WANT)) {
      expect(label.includes(`${n} ${state.replace(/-/g, ' ')}`), `the chart's label lacks ${n} ${state}: ${label}`);
    }
    const widths = await page.$$eval('svg.state-chart rect', (rs) => rs.map((r) => Number(r.getAttribute('width'))));
    expect(widths.join() === '100,100,50,100,50,0,50,50', `bar widths ${widths.join()}`);
    const overdue = await page.$$eval('tr[data-shown="review-overdue"] .due-tag', (t) => t.length);
    expect(overdue === 50, `${overdue} rows are marked overdue`);
    await screenshot(page, 'dashboard-desktop');
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await context.close();
  });

  await test('filtering by state shows those rows only; sorting by next review puts the oldest first', async () => {
    const { context, page } = await openDashboard(browser, 1280);
    await page.selectOption('#dashboard-filter', 'review-overdue');
    let rows = await visibleRows(page);
    expect(rows.length === 50 && rows.every((r) => r.state === 'review-overdue'), `${rows.length} rows shown after filtering`);
    expect((await page.textContent('#dashboard-shown')).includes(`Showing 50 of ${N}.`), await page.textContent('#dashboard-shown'));
    await page.selectOption('#dashboard-filter', '');
    await page.selectOption('#dashboard-sort', 'review');
    rows = await visibleRows(page);
    expect(rows.length === N, `${rows.length} rows after clearing the filter`);
    const reviews = rows.map((r) => r.review).filter(Boolean);
    expect(reviews.length === 150 && reviews.every((d, i) => i === 0 || reviews[i - 1] <= d), 'rows are not sorted by next review');
    expect(rows[0].review === reviews[0], 'rows with a review do not come first');
    await context.close();
  });

  await test('on a phone each agreement is a card with every field named, with no violations', async () => {
    const { context, page } = await openDashboard(browser, 390);
    const display = await page.$eval('table.agreement-table tbody tr', (r) => getComputedStyle(r).display);
    expect(display === 'block', `rows display as ${display} on a phone`);
    const label = await page.$eval('table.agreement-table td.state', (td) => getComputedStyle(td, '::before').content);
    expect(label.includes('State'), `a card's state is not named: ${label}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= 390, `the page is ${width} pixels wide on a 390-pixel phone`);
    await page.screenshot({ path: path.join(OUT, 'screenshots', 'dashboard-phone.png') });
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await context.close();
  });

  await test('a person\'s link on the dashboard opens their own pages, as they see them', async () => {
    const { context, page } = await openDashboard(browser, 1280);
    const row = page.locator('table.agreement-table tbody tr', { has: page.locator('.agreement-id', { hasText: /^a7$/ }) });
    const href = await row.locator('td.party').first().locator('a', { hasText: 'their pages' }).getAttribute('href');
    expect(/^\.\.\/public\/p\/[0-9a-f]{32}\.html#k=/.test(href), `no personal link: ${href}`);
    const mail = await row.locator('td.party a[href^="mailto:"]').first().getAttribute('href');
    expect(mail === 'mailto:m7@example.edu', `mailto link ${mail}`);
    await page.goto(new URL(href, page.url()).href);
    await page.waitForSelector('#personal-view h1');
    expect((await page.textContent('#personal-view')).includes('Hello, Mentee Number 7.'), 'the link does not open the person\'s pages');
    await context.close();
  });

  await test('past 500 agreements: an overview counting all, due by the viewer\'s date, linking each part', async () => {
    for (const width of [1280, 390]) {
      const context = await newContext(browser, { viewport: { width, height: 900 } });
      await context.clock.setFixedTime(TODAY);
      const page = await context.newPage();
      await page.goto(fileUrl(path.join(parted, 'private/index.html')));
      await page.waitForFunction(() => document.querySelector('#counts-date').textContent.includes('Counts for'));
      const counts = await page.$$eval('ul.state-counts li', (lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-state'), Number(li.querySelector('.count').textContent)])));
      const want = { ...WANT, 'not-started': WANT['not-started'] + 1 };
      expect(JSON.stringify(counts) === JSON.stringify(want), `counts ${JSON.stringify(counts)}, want ${JSON.stringify(want)}`);
      expect((await page.textContent('#counts-date')).includes(`${N + 1} agreements`), await page.textContent('#counts-date'));
      expect(await page.$('table.agreement-table') === null, 'the overview has a table of agreements');
      const parts = await page.$$eval('ul.dashboard-part-list a', (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(JSON.stringify(parts) === JSON.stringify([['Agreements 1 to 500', 'dashboard/agreements-1.html'], ['Agreements 501 to 501', 'dashboard/agreements-2.html']]), JSON.stringify(parts));
      await screenshot(page, `dashboard-overview-${width}`);
      let found = await axeViolations(page);
      expect(found.length === 0, found.join('\n'));
      await page.click('text=Agreements 501 to 501');
      await page.waitForSelector('#dashboard-filter');
      const rows = await visibleRows(page);
      expect(rows.length === 1 && rows[0].id === 'zz-last', JSON.stringify(rows));
      expect((await page.textContent('h1')) === 'Dashboard: agreements 501 to 501 of 501', await page.textContent('h1'));
      const width2 = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width2 <= width, `the part is ${width2} pixels wide at ${width}`);
      await screenshot(page, `dashboard-part-${width}`);
      found = await axeViolations(page);
      expect(found.length === 0, found.join('\n'));
      await page.click('nav >> text=Dashboard');
      expect(page.url().endsWith('/private/index.html'), `the part's Dashboard link goes to ${page.url()}`);
      await context.close();
    }
  });
}

runWithBrowser(site !== null && parted !== null, dashboard);
