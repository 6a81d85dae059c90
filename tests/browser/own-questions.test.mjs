// Browser test of a mentor's own questions page (public/questions.html) on
// a copy of the demo with a new mentor, kim, and an agreement amira-kim,
// every page from file://: the page takes kim's id from its fragment; two
// questions, one missing its text, show an error summary and the field's
// error; once fixed the page downloads questions-kim.xml, which
// 'accord add' takes in as questions/kim.xml, after which check and build
// are clean and kim's agreement forms ask the questions. A sixth question
// is refused by the page, and a file of six by 'accord add'. axe at 1280
// and 390 wide, with screenshots.
import { cpSync, chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, OUT, ROOT, axeViolations, buildSite, expect, fileUrl, newContext, problem, run, runWithBrowser,
  screenshot, test
} from './lib.mjs';

const content = path.join(OUT, 'own-questions-content');
const work = path.join(OUT, 'own-questions-work');
let site = null;
try {
  rmSync(content, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  chmodSync(path.join(content, 'secret'), 0o600);
  const people = path.join(content, 'people.xml');
  writeFileSync(people, readFileSync(people, 'utf8')
    .replace('<agreement id="amira-ben"', '<person id="kim" name="Kim Trialson"/>\n  <agreement id="amira-kim" mentee="amira" mentor="kim"/>\n  <agreement id="amira-ben"'));
  site = buildSite(content, 'site-own-questions');
} catch (err) {
  problem(`building the demo with a new mentor\n${err.message}`);
}

async function openPage(browser, width, hash) {
  const context = await newContext(browser, { viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(fileUrl(path.join(site, 'public/questions.html')) + hash);
  await page.waitForSelector('#questions-download');
  return { context, page };
}

async function ownQuestions(browser) {
  await test('two questions: an error on a missing text, then a file accord add takes in', async () => {
    const { context, page } = await openPage(browser, 1280, '#party=kim');
    expect(await page.inputValue('#questions-party') === 'kim', 'the party id is not taken from the fragment');
    await page.fill('#q1-text', 'Which lab day suits you?');
    await page.selectOption('#q1-type', 'single');
    await page.fill('#q1-options', 'Monday\nThursday & Friday');
    await page.click('#questions-add');
    await page.selectOption('#q2-type', 'long');
    await page.click('#questions-download');
    const said = await page.textContent('#questions-errors');
    expect(said.includes('There is a problem') && said.includes('Write the text of question 2'), `error summary: ${said}`);
    expect(await page.getAttribute('#q2-text', 'aria-invalid') === 'true', 'question 2 text not marked invalid');
    expect(await page.locator('#q2-text-error').count() === 1, 'no error beside question 2 text');
    await screenshot(page, 'own-questions-error-desktop');
    let found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await page.fill('#q2-text', 'What do you hope to learn from me?');
    await page.fill('#q2-help', 'A *sentence* or two.');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#questions-download')]);
    expect(download.suggestedFilename() === 'questions-kim.xml', download.suggestedFilename());
    const file = path.join(work, 'questions-kim.xml');
    await download.saveAs(file);
    expect(await page.isHidden('#questions-errors'), 'the error summary stays');
    let r = run(ACCORD, ['add', '-C', content, file]);
    expect(r.status === 0 && r.stdout.includes('2 questions of mentor kim: placed as'), `accord add: ${r.status}\n${r.stdout}${r.stderr}`);
    r = run(ACCORD, ['check', '-C', content]);
    expect(r.status === 0, `accord check: ${r.status}\n${r.stderr}`);
    const built = buildSite(content, 'site-own-questions-after');
    const form = readFileSync(path.join(built, 'public/forms/amira-kim-mentee.html'), 'utf8');
    expect(form.includes('Which lab day suits you?') && form.includes('Thursday &amp; Friday') && form.includes('What do you hope to learn from me?'),
      'the mentee form of amira-kim lacks kim\'s questions');
    found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await context.close();
  });

  await test('a sixth question is refused by the page and by accord add', async () => {
    const { context, page } = await openPage(browser, 390, '');
    for (let i = 0; i < 4; i++) await page.click('#questions-add');
    expect(await page.locator('fieldset.custom-question').count() === 5, 'five questions');
    await page.click('#questions-add');
    const said = await page.textContent('#questions-errors');
    expect(said.includes('You can ask at most 5 questions of your own'), `error summary: ${said}`);
    expect(await page.locator('fieldset.custom-question').count() === 5, 'a sixth question was added');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width <= 390, `the page is ${width} pixels wide on a 390-pixel phone`);
    await screenshot(page, 'own-questions-phone');
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await context.close();
    const six = ['<?xml version="1.0" encoding="UTF-8"?>', '<custom-questions party="kim">'];
    for (let i = 1; i <= 6; i++) six.push(`  <question id="kim-x${i}" type="yesno"><text>Question ${i}?</text></question>`);
    six.push('</custom-questions>', '');
    const file = path.join(work, 'six.xml');
    writeFileSync(file, six.join('\n'));
    const r = run(ACCORD, ['add', '-C', content, '--replace', file]);
    expect(r.status === 1 && /custom question 'kim-x6' is the 6th of mentor kim: at most 5/.test(r.stderr), `accord add: ${r.status}\n${r.stderr}`);
  });
}

runWithBrowser(site !== null, ownQuestions);
