// Browser tests of the whole agreement cycle inside each person's own
// pages, with names private, every page from file:// and opened only
// through the person's link: the mentee's home says to answer and leads to
// the form, where they sign; after a build the mentor's home leads to the
// review page with the mentee's answers beside each question, where the
// mentor signs; after a build both homes lead to the signing page, which
// opens the agreement the program prepared by itself, and both countersign
// (each copy equal to what `accord sign --countersign` makes); after the
// last build the history downloads the signed agreement byte for byte as
// the build wrote it, and a review step shows only from its due date by
// the viewer's clock. axe at 1280 and 390 wide on each kind of page.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  EXAMPLES, ROOT, axeViolations, buildSite, expect, fileUrl, newContext, problem, run,
  runWithBrowser, screenshot, test
} from './lib.mjs';
import {
  PASSWORD, VERIFY, auditorAccepts, countersignedAsCli, clickAndSettle, download, lowCostPair, ok, ready,
  signOpenForm, useWorkFolder
} from './signing.mjs';

const work = useWorkFolder('browser-personal-cycle');

let demo = null;
try {
  demo = buildSite('content', 'site-personal-cycle-demo');
} catch (err) {
  problem(`building the demo site\n${err.message}`);
}

// The demo content with names private, new keys for amira and ben and no bundles.
function freshContent(mentee, mentor) {
  const dir = path.join(work, 'content');
  cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  rmSync(path.join(dir, 'bundles'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'bundles'));
  const program = path.join(dir, 'program.xml');
  writeFileSync(program, readFileSync(program, 'utf8').replace(' names="public"', ' names="private"'));
  expect(readFileSync(program, 'utf8').includes('names="private"'), 'the copy does not set names private');
  cpSync(mentee.pub, path.join(dir, 'keys/amira.pub'));
  cpSync(mentor.pub, path.join(dir, 'keys/ben.pub'));
  return dir;
}

// The personal link (file:// URL) of the person named name in site's private index.
async function linkOf(context, site, name) {
  const page = await context.newPage();
  const index = fileUrl(path.join(site, 'private/index.html'));
  await page.goto(index);
  const href = await page.$$eval('section.personal-links a[href*="public/p/"]', (as, n) => {
    const a = as.find((x) => (x.closest('li') || x).textContent.includes(n));
    return a ? a.getAttribute('href') : null;
  }, name);
  await page.close();
  expect(href, `no personal link for ${name}`);
  return new URL(href, pathToFileURL(path.join(site, 'private/index.html')).href).href;
}

// Opens link and waits for the person's home: the page.
async function openHome(context, link) {
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('#personal-view h1');
  return page;
}

const stepsOf = (page) => page.$$eval('#personal-view ul.personal-steps li:not([hidden])', (li) => li.map((x) => x.textContent.replace(/\s+/g, ' ').trim()));

// Follows the step link whose text matches re: waits for the page it opens.
async function followStep(page, re, selector) {
  const links = await page.$$('#personal-view ul.personal-steps a');
  let target = null;
  for (const a of links) if (re.test(await a.textContent())) target = a;
  expect(target, `no step matches ${re}: ${(await stepsOf(page)).join(' | ')}`);
  await target.click();
  await page.waitForSelector(selector);
  expect(/#k=[A-Za-z0-9_-]{43}&p=/.test(page.url()), `the key was lost: ${page.url()}`);
}

async function axeBothWidths(page, name) {
  const wide = await axeViolations(page);
  expect(wide.length === 0, `${name} at 1280:\n${wide.join('\n')}`);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await axeViolations(page);
  expect(narrow.length === 0, `${name} at 390:\n${narrow.join('\n')}`);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1100, height: 900 });
}

// Countersigns the agreement the signing page opened by itself: the file.
async function countersignHere(page, keyFile, name) {
  await page.waitForFunction(() => document.getElementById('agreement-status').textContent !== '');
  const status = await page.textContent('#agreement-status');
  expect(/as the program prepared it/.test(status), `the signing page did not open the agreement: ${status}`);
  await page.check('#agreement-confirm');
  await page.click('#agreement-continue');
  await page.setInputFiles('#sign-key', keyFile);
  await page.fill('#sign-password', PASSWORD);
  let file = null;
  const done = page.waitForEvent('download', { timeout: 120000 }).then(async (d) => {
    file = path.join(work, name);
    await d.saveAs(file);
  }).catch(() => {});
  const said = await clickAndSettle(page, '#sign-button', 'sign-status');
  expect(/^Signed/.test(said), said);
  await done;
  return file;
}

async function cycle(browser) {
  const context = await newContext(browser);
  const keysPage = await context.newPage();
  await keysPage.goto(fileUrl(path.join(demo, 'public/keys.html')));
  await ready(keysPage, 'minisign');
  const mentee = await lowCostPair(keysPage, 'amira');
  const mentor = await lowCostPair(keysPage, 'ben');
  const content = freshContent(mentee, mentor);
  const bundles = path.join(content, 'bundles');
  let site = buildSite(content, 'site-personal-cycle-1');

  await test('the mentee\'s home says to answer; the form there signs the answers', async () => {
    const page = await openHome(context, await linkOf(context, site, 'Amira Testwell'));
    const steps = await stepsOf(page);
    expect(steps.some((s) => /^Answer your agreement form with Ben Samplesworth$/.test(s)), steps.join(' | '));
    await axeBothWidths(page, 'personal-home');
    await followStep(page, /Ben Samplesworth/, '#personal-view form.accord-form');
    await page.click('#step-toggle');
    const r = await signOpenForm(page, EXAMPLES.mentee, mentee.key, PASSWORD, 'amira-mentee.accord');
    expect(/^Signed/.test(r.status), r.status);
    expect(/#k=/.test(page.url()), `signing lost the key: ${page.url()}`);
    ok(run(VERIFY, ['-r', path.join(content, 'keys'), r.file]), 'accord-verify of the mentee\'s bundle');
    cpSync(r.file, path.join(bundles, 'amira-ben-r1-mentee.accord'));
  });

  site = buildSite(content, 'site-personal-cycle-2');
  await test('the mentor\'s home leads to the review page, with the mentee\'s answers beside each question', async () => {
    const page = await openHome(context, await linkOf(context, site, 'Ben Samplesworth'));
    await followStep(page, /^Read Amira Testwell's answers and give yours$/, '#personal-view .mentee-answer');
    const text = await page.textContent('#personal-view');
    expect(text.includes('Tuesday mornings suit me best'), 'the mentee\'s answers are not on the review page');
    await axeBothWidths(page, 'personal-review');
    await page.click('#step-toggle');
    const r = await signOpenForm(page, EXAMPLES.mentor, mentor.key, PASSWORD, 'ben-mentor.accord');
    expect(/^Signed/.test(r.status), r.status);
    ok(run(VERIFY, ['-r', path.join(content, 'keys'), r.file]), 'accord-verify of the mentor\'s bundle');
    cpSync(r.file, path.join(bundles, 'amira-ben-r1-mentor.accord'));
  });

  site = buildSite(content, 'site-personal-cycle-3');
  const prepared = path.join(site, 'private/agreements/amira-ben-r1.accord');
  let menteeSigned = null;
  await test('both sign the agreement on their own signing page, which opens it by itself', async () => {
    const amira = await openHome(context, await linkOf(context, site, 'Amira Testwell'));
    await followStep(amira, /^Sign the agreement with Ben Samplesworth$/, '#personal-view #agreement-file');
    await amira.waitForFunction(() => document.getElementById('agreement-status').textContent !== '');
    expect((await amira.textContent('#agreement-shown')).includes('Tuesday mornings suit me best.'), 'the agreement is not shown');
    await axeBothWidths(amira, 'personal-countersign');
    menteeSigned = await countersignHere(amira, mentee.key, 'amira-ben-r1-amira.accord');
    countersignedAsCli(content, prepared, menteeSigned, mentee.key, 'amira');
    // the mentor signs the build's copy too; the program merges both
    const ben = await openHome(context, await linkOf(context, site, 'Ben Samplesworth'));
    await followStep(ben, /^Sign the agreement with Amira Testwell$/, '#personal-view #agreement-file');
    const benSigned = await countersignHere(ben, mentor.key, 'amira-ben-r1-ben.accord');
    countersignedAsCli(content, prepared, benSigned, mentor.key, 'ben');
    cpSync(menteeSigned, path.join(bundles, 'amira-ben-r1-amira.accord'));
    cpSync(benSigned, path.join(bundles, 'amira-ben-r1-ben.accord'));
  });

  site = buildSite(content, 'site-personal-cycle-4');
  await test('the history downloads the signed agreement as the build wrote it; nothing is left to do', async () => {
    const final = path.join(site, 'private/agreements/amira-ben-r1.accord');
    auditorAccepts(final, path.join(content, 'keys'), 'amira', 'ben');
    const page = await openHome(context, await linkOf(context, site, 'Amira Testwell'));
    const history = await page.textContent('#personal-view ul.personal-history');
    expect(/Revision 1, made on \d{4}-\d\d-\d\d, signed by Amira Testwell on \d{4}-\d\d-\d\d and Ben Samplesworth on/.test(history.replace(/\s+/g, ' ')), history);
    const got = await download(page, () => page.click('#personal-view a[data-personal-file$=".accord"]'));
    expect(path.basename(got) === 'amira-ben-r1.accord', `downloaded as ${path.basename(got)}`);
    expect(Buffer.compare(readFileSync(got), readFileSync(final)) === 0, 'the downloaded agreement differs from the build\'s');
    const html = await download(page, () => page.click('#personal-view a[data-personal-file$=".html"]'));
    expect(Buffer.compare(readFileSync(html), readFileSync(final.replace(/\.accord$/, '.html'))) === 0, 'the downloaded agreement page differs from the build\'s');
    const steps = await stepsOf(page);
    expect(!steps.some((s) => /Ben Samplesworth/.test(s)), `a signed agreement still asks for a step: ${steps.join(' | ')}`);
    await axeBothWidths(page, 'personal-history');
  });

  await test('a review step shows from the day its review is due by the viewer\'s clock, and not before', async () => {
    const link = await linkOf(context, site, 'Ben Samplesworth');
    const step = '#personal-view li[data-review-from]';
    const at = async (when) => {
      const ctx = await newContext(browser);
      await ctx.clock.setFixedTime(when);
      const page = await openHome(ctx, link);
      const got = { from: await page.$eval(step, (li) => li.getAttribute('data-review-from')), steps: await stepsOf(page), none: await page.isVisible('#personal-view p.personal-none') };
      await ctx.close();
      return got;
    };
    const now = await at(new Date());
    expect(/^\d{4}-\d\d-\d\d$/.test(now.from), `no review day: ${now.from}`);
    expect(now.steps.length === 0 && now.none, `a review step shows before its day: ${now.steps.join(' | ')}`);
    const before = await at(new Date(Date.parse(now.from + 'T12:00:00') - 86400000));
    expect(before.steps.length === 0 && before.none, `a review step shows the day before: ${before.steps.join(' | ')}`);
    const on = await at(new Date(Date.parse(now.from + 'T12:00:00')));
    expect(on.steps.some((s) => /^Review your agreement with Amira Testwell: its review is due by \d{4}-\d\d-\d\d\.$/.test(s)) && !on.none, on.steps.join(' | '));
  });
  await context.close();
}

runWithBrowser(demo !== null, cycle);
