// Browser test of an ended agreement on the admin's dashboard: a copy of
// the demo with dara-emil (signed, its review in 2027) ended in
// people.xml, opened from file:// with the clock long after its review
// date. The dashboard counts it as ended, never as review due or overdue,
// marks no due tag on its row, and the filter by "ended" shows it alone;
// amira-ben, signed and not ended, is overdue on that day.
import { cpSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  OUT, ROOT, axeViolations, buildSite, expect, fileUrl, newContext, problem, runWithBrowser,
  screenshot, test
} from './lib.mjs';

const TODAY = new Date('2029-01-15T12:00:00');

let site = null;
try {
  const content = path.join(OUT, 'ended-content');
  rmSync(content, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  chmodSync(path.join(content, 'secret'), 0o600);
  const people = path.join(content, 'people.xml');
  const ended = readFileSync(people, 'utf8').replace('questionnaire="ground-rules"/>',
    'questionnaire="ground-rules" ended="2027-11-20" ended-reason="Dara finished the degree"/>');
  writeFileSync(people, ended);
  site = buildSite(content, 'site-ended');
} catch (err) {
  problem(`building the demo with an ended agreement\n${err.message}`);
}

async function ended(browser) {
  await test('an ended agreement counts as ended and is never due, long after its review date', async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    await context.clock.setFixedTime(TODAY);
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(site, 'private/index.html')));
    await page.waitForSelector('#dashboard-filter');
    const counts = await page.$$eval('ul.state-counts li', (lis) => Object.fromEntries(lis.map((li) => [li.getAttribute('data-state'), Number(li.querySelector('.count').textContent)])));
    expect(counts.ended === 1, `ended count ${counts.ended}`);
    expect(counts['review-overdue'] === 1 && counts['review-due'] === 0, `due ${counts['review-due']}, overdue ${counts['review-overdue']}: only amira-ben is overdue`);
    const row = page.locator('table.agreement-table tbody tr', { has: page.locator('.agreement-id', { hasText: /^dara-emil$/ }) });
    expect(await row.getAttribute('data-shown') === 'ended', `dara-emil shows as ${await row.getAttribute('data-shown')}`);
    expect(await row.locator('.due-tag').count() === 0, 'dara-emil carries a due tag');
    const step = await row.locator('td.next-step').textContent();
    expect(step === 'none: ended on 2027-11-20 (Dara finished the degree)', `its next step: ${step}`);
    const label = await page.getAttribute('svg.state-chart', 'aria-label');
    expect(label.includes('1 ended'), `the chart's label: ${label}`);
    await page.selectOption('#dashboard-filter', 'ended');
    const shown = await page.$$eval('table.agreement-table tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => r.querySelector('.agreement-id').textContent));
    expect(shown.join() === 'dara-emil', `the filter by ended shows ${shown.join()}`);
    await screenshot(page, 'dashboard-ended');
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await context.close();
  });
}

runWithBrowser(site !== null, ended);
