// Browser tests of a form page: conditions, validation and the error
// summary, drafts, check-your-answers, export (checked by `accord check`),
// prefill from prior answers and refusal of a DOCTYPE, told in plain words.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, OUT, buildSite, expect, exportAnswers, fileUrl, jargonIn, newContext, problem, run, runWithBrowser, test
} from './lib.mjs';

const NOT_ANSWERS = 'This file is not an answers file; it was not read.';

// Chooses file as prior answers on page: the status once it says
// something else than before; the status must be the plain refusal and
// the page's reason for it (the refusal's detail) must match why.
async function priorRefused(page, file, why) {
  await page.evaluate(() => { document.getElementById('prior-status').textContent = ''; });
  await page.setInputFiles('#prior-file', file);
  await page.waitForFunction(() => document.getElementById('prior-status').textContent !== '');
  const status = (await page.textContent('#prior-status')).replace(/\s+/g, ' ').trim();
  expect(status === NOT_ANSWERS && jargonIn(status).length === 0, `${path.basename(file)}: the status says "${status}"`);
  const detail = await page.evaluate((text) => {
    try {
      window.accord.answersFile.parse(text);
      return null;
    } catch (e) {
      return e.detail;
    }
  }, readFileSync(file, 'utf8'));
  expect(why.test(detail || ''), `${path.basename(file)}: refused for "${detail}", not ${why}`);
}

// The demo content (content/): agreement amira-ben, whose mentor ben has
// custom questions of his own, and amira's individual development plan.
const CONTENT = 'content';
const MENTEE_FORM = 'public/forms/amira-ben-mentee.html';
const IDP_FORM = 'public/forms/idp-amira.html';
const SPECIAL = 'Fortnightly <b>"bold" & \'quoted\'</b> ]]> ünïcödé — ok';
const NOTE = 'Note with <tags> & an ampersand';

const work = path.join(OUT, 'browser-form');
mkdirSync(work, { recursive: true });

let site = null;
try {
  site = process.env.ACCORD_TEST_SITE || buildSite(CONTENT, 'site-form');
} catch (err) {
  problem(`accord build of ${CONTENT}\n${err.message}`);
}

// Fills every shown required question that is still unanswered: the first
// option that is not "other", or some text.
async function fillRequired(page) {
  await page.evaluate(() => {
    for (const q of document.querySelectorAll('[data-question][data-required="true"]')) {
      if (q.hidden) continue;
      const boxes = [...q.querySelectorAll('.choices input')];
      if (boxes.length) {
        if (boxes.some((b) => b.checked)) continue;
        const pick = boxes.find((b) => b.value !== 'other');
        pick.click();
      } else {
        const input = q.querySelector(`#${q.id}-input`);
        if (input.value === '') {
          input.value = 'An answer';
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }
    }
  });
}

// The first question with exactly one condition: {question, on, off, input}
// where checking #on shows it and checking #off (if any) hides it again.
async function conditional(page) {
  return page.evaluate(() => {
    for (const q of document.querySelectorAll('[data-show-if]')) {
      const pairs = q.getAttribute('data-show-if').trim().split(/\s+/);
      if (pairs.length !== 1) continue;
      const [qid, value] = pairs[0].split('=');
      const ctl = document.getElementById(`q-${qid}`);
      if (!ctl || ctl.hasAttribute('data-show-if')) continue;
      const inputs = [...ctl.querySelectorAll('.choices input')];
      const off = inputs.find((i) => i.value !== value && i.type === 'radio');
      const input = q.querySelector(`#${q.id}-input`) || q.querySelector('.choices input');
      return { question: q.id, qid: q.getAttribute('data-question'), on: `q-${qid}-${value}`, off: off ? off.id : null,
        input: input.id, text: input.tagName === 'TEXTAREA' || input.type === 'text' };
    }
    return null;
  });
}

function exportFile(page, name) {
  return exportAnswers(page, work, name);
}

async function main(browser) {
  const url = fileUrl(path.join(site, MENTEE_FORM));
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(url + '#all');
  let cond = null;
  let exported = null;

  await test('form tools are shown by the script, review hidden', async () => {
    expect(await page.isVisible('.form-tools'), '.form-tools still hidden');
    expect(await page.isVisible('#prior-file'), '#prior-file not visible');
    expect(await page.isHidden('#review'), '#review visible before submit');
    expect(await page.isHidden('#error-summary'), '#error-summary visible before submit');
  });

  await test('a show-if question is hidden and disabled until its condition holds', async () => {
    cond = await conditional(page);
    expect(cond, 'the demo form has no question with a single show-if condition');
    expect(await page.isHidden(`#${cond.question}`), `#${cond.question} visible before ${cond.on} is chosen`);
    expect(await page.isDisabled(`#${cond.input}`), `#${cond.input} enabled while hidden`);
    await page.check(`#${cond.on}`);
    expect(await page.isVisible(`#${cond.question}`), `#${cond.question} still hidden after checking ${cond.on}`);
    expect(await page.isEnabled(`#${cond.input}`), `#${cond.input} still disabled`);
    if (cond.off) {
      await page.check(`#${cond.off}`);
      expect(await page.isHidden(`#${cond.question}`), `#${cond.question} still shown after checking ${cond.off}`);
      await page.check(`#${cond.on}`);
    }
  });

  await test('missing required answers: error summary, focused, links focus each field', async () => {
    await page.click('.form-actions button[type=submit]');
    expect(await page.isVisible('#error-summary'), 'no error summary');
    expect(await page.evaluate(() => document.activeElement.id) === 'error-summary', 'error summary not focused');
    expect((await page.textContent('#error-summary h2')).includes('There is a problem'), 'summary heading');
    const required = await page.$$eval('[data-question][data-required="true"]:not([hidden])', (qs) => qs.length);
    const links = await page.$$eval('#error-summary a', (as) => as.map((a) => a.getAttribute('href')));
    expect(required > 0 && links.length === required, `${links.length} summary links for ${required} required questions`);
    expect(await page.isHidden('#review'), 'review shown despite errors');
    expect((await page.title()).startsWith('Error: '), 'title not prefixed with "Error: "');
    const target = links[links.length - 1].slice(1);
    await page.click(`#error-summary a[href="#${target}"]`);
    expect(await page.evaluate(() => document.activeElement.id) === target, `link did not focus #${target}`);
    expect(await page.getAttribute(`#${target}`, 'aria-invalid') === 'true', `#${target} lacks aria-invalid`);
    const q = await page.evaluate((id) => document.getElementById(id).closest('[data-question]').id, target);
    expect(await page.isVisible(`#${q}-error`), `#${q}-error not shown`);
  });

  await test('"other" chosen without a description is an error linked to its text box', async () => {
    const other = await page.$$eval('.question:not([hidden]) input[value=other]', (is) => is.map((i) => i.id));
    expect(other.length > 0, 'no question with an "other" option');
    await page.check(`#${other[0]}`);
    await fillRequired(page);
    await page.click('.form-actions button[type=submit]');
    const links = await page.$$eval('#error-summary a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links.length === 1 && links[0] === `#${other[0]}-text`, `summary links ${JSON.stringify(links)}`);
    await page.fill(`#${other[0]}-text`, 'Every ten days');
  });

  await test('filled form with a condition and a note reaches "check your answers"', async () => {
    await page.fill(`#${cond.input}`, SPECIAL);
    const firstNote = await page.$eval('.question:not([hidden]) .note textarea', (t) => t.id);
    await page.fill(`#${firstNote}`, NOTE);
    await fillRequired(page);
    await page.click('.form-actions button[type=submit]');
    expect(await page.isVisible('#review'), 'review not shown');
    expect(await page.isHidden('#accord-form'), 'form still shown');
    expect(await page.evaluate(() => document.activeElement.id) === 'review-title', 'review title not focused');
    const text = await page.textContent('#review-list');
    expect(text.includes(SPECIAL), 'review lacks the conditional answer');
    expect(text.includes(NOTE), 'review lacks the note');
    expect(text.includes('Every ten days'), 'review lacks the other text');
    expect(!(await page.innerHTML('#review-list')).includes('<b>'), 'user text became markup in the review');
    await page.click('#back-to-form');
    expect(await page.isVisible('#accord-form'), 'form not back after "Change answers"');
  });

  await test('draft saved under the contract key and restored after reload', async () => {
    const digest = await page.getAttribute('#accord-form', 'data-digest');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.includes(`accord-draft:amira-ben:mentee:${digest}`), `localStorage keys ${JSON.stringify(keys)}`);
    expect(/Draft saved in this browser at \d\d:\d\d/.test(await page.textContent('#draft-status')), 'draft status');
    await page.reload();
    expect((await page.textContent('#draft-status')).includes('Draft restored'), 'no "Draft restored"');
    expect(await page.inputValue(`#${cond.input}`) === SPECIAL, 'conditional answer not restored');
    expect(await page.isVisible(`#${cond.question}`), 'conditional question hidden after reload');
    expect(await page.$$eval('.note textarea', (ts) => ts.some((t) => t.value === 'Note with <tags> & an ampersand')), 'note not restored');
  });

  await test('export downloads <agreement>-<role>-r<revision>.xml with the answers', async () => {
    exported = await exportFile(page, 'exported.xml');
    // The demo's amira-ben is signed up to revision 2 (content/bundles/), so
    // its forms are for the next revision, which names the last one's digest.
    const rev = await page.getAttribute('#accord-form', 'data-revision');
    const previous = await page.getAttribute('#accord-form', 'data-previous');
    expect(Number(rev) > 1 && /^[0-9a-f]{64}$/.test(previous || ''), `data-revision ${rev}, data-previous ${previous}`);
    expect(exported.suggested === `amira-ben-mentee-r${rev}.xml`, `file name ${exported.suggested}`);
    const xml = exported.xml;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<answers '), 'XML declaration / root');
    for (const attr of ['program="demo"', 'questionnaire="', 'agreement="amira-ben"', 'role="mentee"', 'party="amira"', `revision="${rev}"`, `previous="${previous}"`])
      expect(xml.includes(attr), `missing ${attr}`);
    expect(/ saved="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/.test(xml), 'saved attribute format');
    expect(xml.includes(`<answer question="${cond.qid}"><text>Fortnightly &lt;b&gt;"bold" &amp; 'quoted'&lt;/b&gt; ]]&gt; ünïcödé — ok</text></answer>`),
      'conditional answer missing or badly escaped');
    expect(xml.includes('<note>Note with &lt;tags&gt; &amp; an ampersand</note>'), 'note missing or badly escaped');
    expect(xml.includes('<value>other</value><other>Every ten days</other>'), 'other text missing');
    expect(!/<!DOCTYPE/i.test(xml), 'DOCTYPE in export');
    const status = await page.textContent('#export-status');
    expect(status.includes(`amira-ben-mentee-r${rev}.xml`), `export status "${status}"`);
  });

  await test('accord check accepts the exported file', async () => {
    expect(exported, 'no exported file');
    const r = run(ACCORD, ['check', '-C', CONTENT, exported.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
  });

  await test('a hidden question is not exported (and the file still checks)', async () => {
    expect(cond.off, 'the condition has no other radio to hide it');
    await page.click('#back-to-form');
    await page.check(`#${cond.off}`);
    const again = await exportFile(page, 'exported-hidden.xml');
    expect(!again.xml.includes(`question="${cond.qid}"`), 'hidden question exported');
    const r = run(ACCORD, ['check', '-C', CONTENT, again.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
  });
  await ctx.close();

  const fresh = await newContext(browser);
  const page2 = await fresh.newPage();
  await page2.goto(url + '#all');

  await test('prior answers prefill a fresh form (no draft)', async () => {
    expect(exported, 'no exported file');
    expect(!(await page2.textContent('#draft-status')).includes('restored'), 'fresh context restored a draft');
    expect(await page2.isHidden(`#${cond.question}`), 'conditional question shown before prefill');
    await page2.setInputFiles('#prior-file', exported.file);
    await page2.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    expect(await page2.isVisible(`#${cond.question}`), 'prefill did not show the conditional question');
    expect(await page2.inputValue(`#${cond.input}`) === SPECIAL, 'conditional answer not prefilled');
    expect(await page2.$$eval('.note textarea', (ts) => ts.some((t) => t.value === 'Note with <tags> & an ampersand')), 'note not prefilled');
    await page2.click('.form-actions button[type=submit]');
    expect(await page2.isVisible('#review'), 'prefilled form does not validate');
    const again = await exportFile(page2, 'reexported.xml');
    const strip = (x) => x.replace(/ saved="[^"]*"/, '');
    expect(strip(again.xml) === strip(exported.xml), 're-exported file differs from the prior file');
    await page2.click('#back-to-form');
  });

  await test('a DOCTYPE file is refused by prior answers', async () => {
    const before = await page2.$$eval('.note textarea', (ts) => ts.map((t) => t.value).join('|'));
    const evil = path.join(work, 'doctype.xml');
    writeFileSync(evil, '<?xml version="1.0"?>\n<!DocType answers [<!ENTITY x "EXPANDED">]>\n' +
      '<answers program="demo"><answer question="meeting-frequency"><note>&x;</note></answer></answers>\n');
    await priorRefused(page2, evil, /DOCTYPE/);
    const after = await page2.$$eval('.note textarea', (ts) => ts.map((t) => t.value).join('|'));
    expect(before === after && !after.includes('EXPANDED'), 'the refused file changed the form');
  });

  await test('prior answers that no longer fit are listed; malformed files refused', async () => {
    const old = path.join(work, 'old.xml');
    const opt = await page2.$eval('.choices input[type=radio]', (i) => ({ q: i.name, v: i.value }));
    writeFileSync(old, '<?xml version="1.0" encoding="UTF-8"?>\n<answers program="demo" role="mentee">' +
      '<answer question="gone-question"><value>yes</value></answer>' +
      `<answer question="${opt.q}"><value>retired-value</value></answer></answers>\n`);
    await page2.setInputFiles('#prior-file', old);
    await page2.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    const status = await page2.textContent('#prior-status');
    expect(status.includes('gone-question') && /no longer exists/.test(status), `status: ${status}`);
    expect(status.includes('retired-value') && /no longer an option/.test(status), `status: ${status}`);
    const bad = path.join(work, 'bad.xml');
    writeFileSync(bad, '<answers><answer></answers>');
    await priorRefused(page2, bad, /not well-formed/);
    const wrong = path.join(work, 'wrong.xml');
    writeFileSync(wrong, '<questionnaire id="x"/>');
    await priorRefused(page2, wrong, /not an accord answers file/);
  });
  await fresh.close();

  const idp = await newContext(browser);
  const page3 = await idp.newPage();
  await test('IDP form exports idp-<party>-r<revision>.xml without an agreement attribute', async () => {
    await page3.goto(fileUrl(path.join(site, IDP_FORM)) + '#all');
    await fillRequired(page3);
    await page3.locator('.question:not([hidden]) .note textarea').first().fill('An IDP note');
    const out = await exportFile(page3, 'idp.xml');
    expect(out.suggested === 'idp-amira-r1.xml', `file name ${out.suggested}`);
    expect(!/ agreement=/.test(out.xml), 'IDP export has an agreement attribute');
    const keys = await page3.evaluate(() => Object.keys(localStorage));
    expect(keys.some((k) => k.startsWith('accord-draft:idp-amira:mentee:')), `keys ${JSON.stringify(keys)}`);
    const r = run(ACCORD, ['check', '-C', CONTENT, out.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
  });
  await test('mentor form with the mentor\'s own questions exports a file accord check accepts', async () => {
    await page3.goto(fileUrl(path.join(site, 'public/forms/amira-ben-mentor.html')) + '#all');
    const other = await page3.$$eval('[data-kind=multiple] input[value=other]', (is) => is.map((i) => i.id));
    expect(other.length > 0, 'no multiple-choice question with "other" on the mentor form');
    await page3.check(`#${other[other.length - 1]}`);
    await page3.fill(`#${other[other.length - 1]}-text`, 'The shared <calendar> & wiki');
    await fillRequired(page3);
    const out = await exportFile(page3, 'mentor.xml');
    const rev = await page3.getAttribute('#accord-form', 'data-revision');
    expect(out.suggested === `amira-ben-mentor-r${rev}.xml`, `file name ${out.suggested}`);
    expect(/ role="mentor" party="ben"/.test(out.xml), 'role/party of the mentor');
    expect(out.xml.includes('<other>The shared &lt;calendar&gt; &amp; wiki</other>'), 'other text of a multiple choice');
    const r = run(ACCORD, ['check', '-C', CONTENT, out.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
  });
  await idp.close();
}

await runWithBrowser(site, main);
