// Browser tests of ids that name properties of Object.prototype, on every
// page whose form or review scripts act. A question id "constructor" is valid
// (^[a-z][a-z0-9-]{0,31}$); "__proto__", "toString", "hasOwnProperty" and
// "valueOf" can only come from a hostile answers file, bundle or stored
// draft. None may make a script throw, be taken for a question, or pollute
// Object.prototype: the scripts look such data up in Maps and Sets only.
//
// The content is built here from the verify fixture (tests/fixtures/verify/):
// agreement ada-grace answers questionnaire "tiny", whose multiple-choice
// question is "constructor" (and a later question shows if it has "chat");
// agreement mary-kat answers questionnaire "plain", which has no such
// question. A second build adds ada's and grace's answers bundles (signed
// with the fixture keys), so that the private review page exists.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, OUT, REFUSAL, ROOT, buildSite, bundleMembers, expect, exportAnswers, fileUrl, flagOf, makeZip, menteeRefusal, newContext,
  problem, run, runWithBrowser, signInPage, summaryText, test
} from './lib.mjs';

const FIX = path.join(ROOT, 'tests/fixtures/verify');
const work = path.join(OUT, 'browser-ids');
const HOSTILE = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

const TINY = `<?xml version="1.0" encoding="UTF-8"?>
<questionnaire id="tiny" version="1" kind="agreement">
  <title>Tiny questionnaire</title>
  <section id="basics">
    <title>Basics</title>
    <question id="often" type="single" required="true">
      <text>How often will you meet?</text>
      <option value="weekly">Once a week</option>
      <option value="monthly">Once a month</option>
    </question>
    <question id="constructor" type="multiple" required="true" other="true">
      <text>How will you keep in touch?</text>
      <option value="email">Email</option>
      <option value="chat">Chat</option>
    </question>
    <question id="goal" type="short" required="true">
      <text>What will you chat about?</text>
      <show-if question="constructor" value="chat"/>
    </question>
  </section>
</questionnaire>
`;

const PLAIN = `<?xml version="1.0" encoding="UTF-8"?>
<questionnaire id="plain" version="1" kind="agreement">
  <title>Plain questionnaire</title>
  <section id="basics">
    <title>Basics</title>
    <question id="often" type="single" required="true">
      <text>How often will you meet?</text>
      <option value="weekly">Once a week</option>
      <option value="monthly">Once a month</option>
    </question>
  </section>
</questionnaire>
`;

const PEOPLE = `<?xml version="1.0" encoding="UTF-8"?>
<people>
  <person id="ada" name="Ada Lovelace"/>
  <person id="grace" name="Grace Hopper"/>
  <person id="kat" name="Katherine Johnson"/>
  <person id="mary" name="Mary Jackson"/>
  <agreement id="ada-grace" mentee="ada" mentor="grace"/>
  <agreement id="mary-kat" mentee="mary" mentor="kat" questionnaire="plain"/>
</people>
`;

// Writes the content directory described above into dir.
function makeContent(dir) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(FIX, 'content'), dir, { recursive: true });
  for (const party of ['ada', 'grace']) cpSync(path.join(FIX, `${party}.pub`), path.join(dir, 'keys', `${party}.pub`));
  writeFileSync(path.join(dir, 'questionnaires/tiny.xml'), TINY);
  writeFileSync(path.join(dir, 'questionnaires/plain.xml'), PLAIN);
  writeFileSync(path.join(dir, 'people.xml'), PEOPLE);
}

// An answers file of agreement ada-grace; answers: the <answer> elements.
function answersXml(digest, role, party, answers) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<answers program="kat" questionnaire="tiny" version="1" digest="${digest}" agreement="ada-grace" role="${role}" ` +
    `party="${party}" revision="1" saved="2026-03-02T14:05:00Z">\n` + answers.map((a) => `  ${a}\n`).join('') + '</answers>\n';
}

// <answer> elements for each hostile id, each with a value, text or note.
const HOSTILE_ANSWERS = [
  '<answer question="__proto__"><value>weekly</value><note>A note of __proto__</note></answer>',
  '<answer question="toString"><text>Some text</text></answer>',
  '<answer question="hasOwnProperty"><value>chat</value></answer>',
  '<answer question="valueOf"><note>A note of valueOf</note></answer>'
];

let content = null, site = null, signedSite = null, digest = null, menteeBundle = null;
try {
  mkdirSync(work, { recursive: true });
  content = path.join(work, 'content');
  makeContent(content);
  site = buildSite(content, 'site-ids');
  const form = readFileSync(path.join(site, 'public/forms/ada-grace-mentee.html'), 'utf8');
  digest = (/ data-digest="([0-9a-f]{64})"/.exec(form) || [])[1];
  if (!digest) throw new Error('the ada-grace mentee form has no data-digest');
  // the signed copy: ada answered chat (and what to chat about), grace email
  const signed = path.join(work, 'content-signed');
  makeContent(signed);
  mkdirSync(path.join(signed, 'bundles'), { recursive: true });
  const files = {
    ada: answersXml(digest, 'mentee', 'ada', ['<answer question="often"><value>weekly</value></answer>',
      '<answer question="constructor"><value>chat</value><note>Mornings suit me.</note></answer>',
      '<answer question="goal"><text>Papers</text></answer>']),
    grace: answersXml(digest, 'mentor', 'grace', ['<answer question="often"><value>weekly</value></answer>',
      '<answer question="constructor"><value>email</value></answer>'])
  };
  for (const [party, xml] of Object.entries(files)) {
    const file = path.join(work, `${party}.xml`);
    writeFileSync(file, xml);
    const out = path.join(signed, 'bundles', `${party}.accord`);
    const r = run(ACCORD, ['sign', '-s', path.join(FIX, `${party}.key`), '-C', signed, file, '-o', out]);
    if (r.status !== 0) throw new Error(`${ACCORD} sign ${file} exited ${r.status}\n${r.stderr}${r.stdout}`);
  }
  menteeBundle = path.join(signed, 'bundles/ada.accord');
  signedSite = buildSite(signed, 'site-ids-signed');
} catch (err) {
  problem(`making and building the content of ${work}\n${err.message}`);
  site = null;
}

/* ---- helpers ------------------------------------------------------------ */

// Collects the page's script errors and console errors (newContext fails
// the running test on them too; these lists let a test state it plainly).
function errorsOf(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`script error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console error: ${msg.text()}`); });
  return errors;
}

async function openPage(ctx, file) {
  const page = await ctx.newPage();
  const errors = errorsOf(page);
  await page.goto(fileUrl(file) + '#all');
  return { page, errors };
}

// What is wrong with Object.prototype on page: any own property a fresh
// page lacks, or "polluted" reachable from a plain object.
async function pollution(page, clean) {
  const now = await page.evaluate(() => ({
    names: Object.getOwnPropertyNames(Object.prototype).sort(),
    polluted: 'polluted' in {} || 'goal' in {},
    proto: Object.getPrototypeOf({}) === Object.prototype
  }));
  const extra = now.names.filter((n) => !clean.includes(n));
  const out = [];
  if (extra.length) out.push(`Object.prototype gained ${extra.join(', ')}`);
  if (now.polluted) out.push('a plain object inherits "polluted" or "goal"');
  if (!now.proto) out.push('plain objects lost Object.prototype');
  return out;
}

async function prototypeNames(browser) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto('about:blank');
  const names = await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).sort());
  await ctx.close();
  return names;
}

async function usePrior(page, file) {
  await page.evaluate(() => { document.getElementById('prior-status').textContent = ''; });
  await page.setInputFiles('#prior-file', file);
  await page.waitForFunction(() => document.getElementById('prior-status').textContent !== '');
  return {
    lead: (await page.textContent('#prior-status p')).replace(/\s+/g, ' '),
    items: await page.$$eval('#prior-status li', (lis) => lis.map((li) => li.textContent))
  };
}

async function loadMentee(page, file) {
  await page.evaluate(() => { document.getElementById('mentee-status').textContent = ''; });
  await page.setInputFiles('#mentee-file', file);
  await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
  return {
    text: (await page.textContent('#mentee-status')).replace(/\s+/g, ' '),
    items: await page.$$eval('#mentee-status li', (lis) => lis.map((li) => li.textContent))
  };
}

// The mentee column of question qid: {answered, values, text} or null.
function column(page, qid) {
  return page.evaluate((id) => {
    const c = document.querySelector(`#q-${id} > .mentee-answer`);
    return c && { answered: c.getAttribute('data-answered'), values: c.getAttribute('data-values'), text: c.textContent };
  }, qid);
}

const draftKey = () => `accord-draft:ada-grace:mentee:${digest}`;

/* ---- prior answers with hostile ids -------------------------------------- */

async function priorAnswers(browser) {
  const clean = await prototypeNames(browser);

  await test('prior answers naming constructor, __proto__, toString, hasOwnProperty, valueOf: no error, the real answer used, each listed as gone', async () => {
    const file = path.join(work, 'prior-hostile-plain.xml');
    writeFileSync(file, '<?xml version="1.0" encoding="UTF-8"?>\n<answers program="kat" questionnaire="plain" role="mentee">\n' +
      '  <answer question="constructor"><value>weekly</value><note>A note of constructor</note></answer>\n' +
      HOSTILE_ANSWERS.map((a) => `  ${a}\n`).join('') +
      '  <answer question="often"><value>monthly</value><note>The real note</note></answer>\n</answers>\n');
    const ctx = await newContext(browser);
    const { page, errors } = await openPage(ctx, path.join(site, 'public/forms/mary-kat-mentee.html'));
    const status = await usePrior(page, file);
    expect(errors.length === 0, errors.join('\n'));
    expect(/^Prefilled 1 answer from/.test(status.lead), `status "${status.lead}"`);
    expect(await page.isChecked('#q-often-monthly') && !(await page.isChecked('#q-often-weekly')), 'the real answer was not prefilled');
    expect(await page.inputValue('#q-often-note') === 'The real note', 'the real note was not prefilled');
    for (const id of ['constructor', ...HOSTILE]) {
      const line = `Question “${id}” no longer exists; its answer was left out.`;
      expect(status.items.includes(line), `"${line}" not among ${JSON.stringify(status.items)}`);
    }
    expect(status.items.length === 5, `${status.items.length} misfits: ${JSON.stringify(status.items)}`);
    const p = await pollution(page, clean);
    expect(p.length === 0, p.join('; '));
    // the form goes on working: check your answers and export hold the real answer only
    const out = await exportAnswers(page, work, 'plain-after-hostile.xml');
    expect(out.xml.includes('<answer question="often"><value>monthly</value><note>The real note</note></answer>'), 'export lacks the real answer');
    expect(!/question="(constructor|__proto__|toString|hasOwnProperty|valueOf)"/.test(out.xml), 'export has a hostile id');
    const r = run(ACCORD, ['check', '-C', content, out.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
    expect(errors.length === 0, errors.join('\n'));
    await ctx.close();
  });

  await test('prior answers on a form whose question is "constructor": it is prefilled, the hostile ids are listed as gone', async () => {
    const file = path.join(work, 'prior-hostile-tiny.xml');
    writeFileSync(file, answersXml(digest, 'mentee', 'ada', [...HOSTILE_ANSWERS,
      '<answer question="constructor"><value>chat</value><value>email</value><note>Mornings</note></answer>',
      '<answer question="goal"><text>Papers</text></answer>',
      '<answer question="often"><value>weekly</value></answer>']));
    const ctx = await newContext(browser);
    const { page, errors } = await openPage(ctx, path.join(site, 'public/forms/ada-grace-mentee.html'));
    const status = await usePrior(page, file);
    expect(errors.length === 0, errors.join('\n'));
    expect(/^Prefilled 3 answers from/.test(status.lead), `status "${status.lead}"`);
    expect(await page.isChecked('#q-constructor-chat') && await page.isChecked('#q-constructor-email'), 'constructor not prefilled');
    expect(await page.inputValue('#q-constructor-note') === 'Mornings', 'the note of constructor not prefilled');
    expect(await page.isVisible('#q-goal') && await page.inputValue('#q-goal-input') === 'Papers', 'goal (shown if constructor=chat) not shown or prefilled');
    for (const id of HOSTILE) {
      const line = `Question “${id}” no longer exists; its answer was left out.`;
      expect(status.items.includes(line), `"${line}" not among ${JSON.stringify(status.items)}`);
    }
    expect(status.items.length === HOSTILE.length, `${status.items.length} misfits: ${JSON.stringify(status.items)}`);
    const p = await pollution(page, clean);
    expect(p.length === 0, p.join('; '));
    await ctx.close();
  });
}

/* ---- a questionnaire with a question "constructor" ----------------------- */

async function constructorForm(browser) {
  const clean = await prototypeNames(browser);
  const form = path.join(site, 'public/forms/ada-grace-mentee.html');
  const ctx = await newContext(browser);
  const { page, errors } = await openPage(ctx, form);
  let exported = null;

  await test('question "constructor": validation, its condition, the draft, check your answers and export work', async () => {
    expect(await page.isHidden('#q-goal'), 'goal shown before constructor has "chat"');
    await page.click('.form-actions button[type=submit]');
    const links = await page.$$eval('#error-summary a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links.includes('#q-constructor-email'), `summary links ${JSON.stringify(links)}`);
    expect(await page.getAttribute('#q-constructor-email', 'aria-invalid') === 'true', 'constructor lacks aria-invalid');
    await page.check('#q-constructor-chat');
    expect(await page.isHidden('#q-constructor-error'), 'answering constructor left its error shown');
    expect(await page.isVisible('#q-goal'), 'goal not shown after constructor has "chat"');
    await page.fill('#q-goal-input', 'Papers <b>& proofs</b>');
    await page.check('#q-often-weekly');
    await page.fill('#q-constructor-note', 'Mornings');
    const stored = await page.evaluate((k) => localStorage.getItem(k), draftKey());
    expect(stored, `no draft under ${draftKey()}`);
    const fields = JSON.parse(stored).fields;
    expect(JSON.stringify(fields.constructor) === '["chat"]' && fields['constructor.note'] === 'Mornings' && fields.goal === 'Papers <b>& proofs</b>',
      `draft fields ${JSON.stringify(fields)}`);
    // a new page: the browser's own form restoring on reload cannot help
    const again = await openPage(ctx, form);
    const p2 = again.page;
    expect((await p2.textContent('#draft-status')).includes('Draft restored'), 'no "Draft restored"');
    expect(await p2.isChecked('#q-constructor-chat') && !(await p2.isChecked('#q-constructor-email')), 'constructor not restored');
    expect(await p2.isVisible('#q-goal') && await p2.inputValue('#q-goal-input') === 'Papers <b>& proofs</b>', 'goal not restored');
    expect(await p2.inputValue('#q-constructor-note') === 'Mornings', 'the note of constructor not restored');
    await p2.click('.form-actions button[type=submit]');
    expect(await p2.isVisible('#review'), `no "check your answers": ${await p2.textContent('#error-summary')}`);
    const review = await p2.textContent('#review-list');
    expect(review.includes('How will you keep in touch?') && review.includes('Chat') && review.includes('Note: Mornings'),
      `check your answers: ${review}`);
    exported = await exportAnswers(p2, work, 'constructor.xml');
    expect(exported.suggested === 'ada-grace-mentee-r1.xml', `file name ${exported.suggested}`);
    expect(exported.xml.includes('<answer question="constructor"><value>chat</value><note>Mornings</note></answer>'),
      `export lacks constructor:\n${exported.xml}`);
    expect(exported.xml.includes('<answer question="goal"><text>Papers &lt;b&gt;&amp; proofs&lt;/b&gt;</text></answer>'), 'export lacks goal');
    const r = run(ACCORD, ['check', '-C', content, exported.file]);
    expect(r.status === 0, `accord check exited ${r.status}\n${r.stderr}${r.stdout}`);
    expect(errors.length === 0 && again.errors.length === 0, errors.concat(again.errors).join('\n'));
    const p = await pollution(p2, clean);
    expect(p.length === 0, p.join('; '));
  });
  await ctx.close();

  await test('a stored draft with __proto__, toString, hasOwnProperty and valueOf keys restores the rest and pollutes nothing', async () => {
    const c = await newContext(browser);
    const first = await openPage(c, form);
    const hostile = '{"saved":"2026-03-02T14:05:00.000Z","fields":{' +
      '"__proto__":{"polluted":"yes","goal":"from __proto__"},"toString":"x","hasOwnProperty":["chat"],"valueOf":"weekly",' +
      '"constructor":["chat"],"goal":"From the draft","often":"monthly","constructor.note":"Draft note"}}';
    await first.page.evaluate(([k, v]) => localStorage.setItem(k, v), [draftKey(), hostile]);
    const { page: p, errors: errs } = await openPage(c, form);
    expect(errs.length === 0, errs.join('\n'));
    expect((await p.textContent('#draft-status')).includes('Draft restored'), `draft status "${await p.textContent('#draft-status')}"`);
    expect(await p.isChecked('#q-constructor-chat') && !(await p.isChecked('#q-constructor-email')), 'constructor not restored');
    expect(await p.isChecked('#q-often-monthly'), 'often not restored');
    expect(await p.inputValue('#q-goal-input') === 'From the draft', `goal "${await p.inputValue('#q-goal-input')}"`);
    expect(await p.inputValue('#q-constructor-note') === 'Draft note', 'the note of constructor not restored');
    let bad = await pollution(p, clean);
    expect(bad.length === 0, bad.join('; '));
    // an edit saves the draft again: only the form's own names, none inherited
    await p.fill('#q-goal-input', 'Edited');
    const saved = JSON.parse(await p.evaluate((k) => localStorage.getItem(k), draftKey()));
    const names = Object.keys(saved.fields).sort();
    expect(JSON.stringify(names) === JSON.stringify(['constructor', 'constructor.note', 'goal', 'often']), `saved names ${JSON.stringify(names)}`);
    expect(Object.getPrototypeOf(saved.fields) === Object.prototype && saved.fields.goal === 'Edited', 'saved fields');
    // a draft whose only "fields" hides under __proto__ restores nothing
    const hidden = '{"__proto__":{"fields":{"goal":"via __proto__","often":"weekly"}},"saved":"2026-03-02T14:05:00.000Z"}';
    await p.evaluate(([k, v]) => localStorage.setItem(k, v), [draftKey(), hidden]);
    const third = await openPage(c, form);
    expect(third.errors.length === 0, third.errors.join('\n'));
    expect(!(await third.page.textContent('#draft-status')).includes('Draft restored'), 'a draft without fields was restored');
    expect(!(await third.page.isChecked('#q-often-weekly')) && await third.page.inputValue('#q-goal-input') === '',
      'fields under __proto__ were restored');
    bad = await pollution(third.page, clean);
    expect(bad.length === 0, bad.join('; '));
    expect(first.errors.length === 0, first.errors.join('\n'));
    await c.close();
  });
}

/* ---- the mentor form and the review page --------------------------------- */

async function mentorPages(browser) {
  const clean = await prototypeNames(browser);
  const ctx = await newContext(browser);
  const { page, errors } = await openPage(ctx, path.join(site, 'public/forms/ada-grace-mentor.html'));
  const qs = await page.$$eval('[data-question]', (q) => q.length);

  await test('mentor form: a mentee answers file with hostile ids and no answer to "constructor" loads without error', async () => {
    const file = path.join(work, 'mentee-hostile-no-constructor.xml');
    writeFileSync(file, answersXml(digest, 'mentee', 'ada', [...HOSTILE_ANSWERS,
      '<answer question="often"><value>weekly</value></answer>']));
    const s = await loadMentee(page, file);
    expect(errors.length === 0, errors.join('\n'));
    expect(/Showing your mentee/.test(s.text), `status: ${s.text}`);
    const cols = await page.$$eval('[data-question] > .mentee-answer', (c) => c.length);
    expect(cols === qs, `${cols} mentee columns for ${qs} questions`);
    const c = await column(page, 'constructor');
    expect(c && c.answered === 'false' && c.values === '' && c.text.includes('Not answered'), `constructor column ${JSON.stringify(c)}`);
    const o = await column(page, 'often');
    expect(o && o.values === 'weekly', `often column ${JSON.stringify(o)}`);
    for (const id of HOSTILE) {
      const line = `Question “${id}” is not on this form; its answer is not shown.`;
      expect(s.items.includes(line), `"${line}" not among ${JSON.stringify(s.items)}`);
    }
    expect(s.items.length === HOSTILE.length, `misfits ${JSON.stringify(s.items)}`);
    expect((await flagOf(page, 'often')).kind === 'discuss', 'often (mentor unanswered) not "discuss"');
    expect((await flagOf(page, 'constructor')).kind === '', 'an unanswered constructor is flagged');
    const p = await pollution(page, clean);
    expect(p.length === 0, p.join('; '));
  });

  await test('mentor form: a mentee answers file answering "constructor" among hostile ids: column and live flags', async () => {
    const file = path.join(work, 'mentee-hostile.xml');
    writeFileSync(file, answersXml(digest, 'mentee', 'ada', ['<answer question="constructor"><value>chat</value></answer>',
      ...HOSTILE_ANSWERS, '<answer question="often"><value>weekly</value></answer>']));
    const s = await loadMentee(page, file);
    expect(/Showing your mentee/.test(s.text) && s.items.length === HOSTILE.length, `status: ${s.text}`);
    const c = await column(page, 'constructor');
    expect(c && c.answered === 'true' && c.values === 'chat' && c.text.includes('Chat'), `constructor column ${JSON.stringify(c)}`);
    expect((await flagOf(page, 'constructor')).kind === 'discuss', 'constructor (mentor unanswered) not "discuss"');
    await page.check('#q-constructor-chat');
    expect((await flagOf(page, 'constructor')).kind === 'same', 'constructor (same set) not "same"');
    await page.check('#q-constructor-email');
    expect((await flagOf(page, 'constructor')).kind === 'conflict', 'constructor (sets differ) not "conflict"');
    // often and goal (shown by chat) are still to answer
    expect((await summaryText(page)).startsWith('You have 2 questions left to answer. 1 answer differs'), `summary "${await summaryText(page)}"`);
    expect(errors.length === 0, errors.join('\n'));
  });

  await test('mentor form: a signed bundle whose answers.xml has hostile ids (signed here) loads without error', async () => {
    const hostile = answersXml(digest, 'mentee', 'ada', [...HOSTILE_ANSWERS,
      '<answer question="often"><value>monthly</value></answer>', '<answer question="goal"><text>Forged</text></answer>']);
    const members = bundleMembers(menteeBundle, 'ada');
    const file = path.join(work, 'hostile-ids.accord');
    writeFileSync(file, await signInPage(page, path.join(FIX, 'ada.key'), members[0].data,
      Buffer.from(hostile), members[2].data));
    const s = await loadMentee(page, file);
    expect(errors.length === 0, errors.join('\n'));
    expect(/Showing your mentee/.test(s.text) && /Signed by your mentee/.test(s.text), `status: ${s.text}`);
    for (const id of HOSTILE)
      expect(s.items.includes(`Question “${id}” is not on this form; its answer is not shown.`), `${id} not listed: ${JSON.stringify(s.items)}`);
    const cols = await page.$$eval('[data-question] > .mentee-answer', (c) => c.length);
    expect(cols === qs, `${cols} mentee columns for ${qs} questions`);
    const c = await column(page, 'constructor');
    expect(c && c.answered === 'false', `constructor column ${JSON.stringify(c)}`);
    expect((await column(page, 'often')).values === 'monthly', 'often column not from the bundle');
    const p = await pollution(page, clean);
    expect(p.length === 0, p.join('; '));
  });

  await test('mentor form: bundle members named __proto__ or constructor are refused for what they are', async () => {
    const good = bundleMembers(menteeBundle, 'ada');
    const x = (name) => ({ name, data: Buffer.from('x') });
    // [file, members, the reason (the refusal's detail), what the mentor reads]
    const cases = [
      ['member-proto.accord', [...good, x('__proto__')], /holds an unexpected member, “__proto__”/, REFUSAL.changed],
      ['member-constructor.accord', [...good, x('constructor')], /holds an unexpected member, “constructor”/, REFUSAL.changed],
      ['member-tostring.accord', [...good, x('toString')], /holds an unexpected member, “toString”/, REFUSAL.changed],
      ['two-proto.accord', [...good, x('__proto__'), x('__proto__')], /two members are named “__proto__”/, REFUSAL.damaged],
      ['two-constructor.accord', [...good, x('constructor'), x('Constructor')], /two members are named “Constructor”/, REFUSAL.damaged]
    ];
    const bad = [];
    for (const [name, entries, why, plain] of cases) {
      const file = path.join(work, name);
      writeFileSync(file, makeZip(entries));
      const s = await loadMentee(page, file);
      if (!/was not used/.test(s.text) || !plain.test(s.text)) bad.push(`${name}: ${s.text}`);
      const refused = await menteeRefusal(page, file);
      if (!refused || !why.test(refused.detail)) bad.push(`${name}: refused for ${JSON.stringify(refused)}`);
    }
    expect(bad.length === 0, `not refused as expected:\n${bad.join('\n')}`);
    expect(errors.length === 0, errors.join('\n'));
  });
  await ctx.close();

  await test('review page of a questionnaire with "constructor": flags follow the mentor; hostile prior answers change nothing else', async () => {
    const c = await newContext(browser);
    const { page: p, errors: errs } = await openPage(c, path.join(signedSite, 'private/review/ada-grace.html'));
    expect(await p.getAttribute('#accord-form', 'data-review') === 'true', 'not a review page');
    expect((await flagOf(p, 'constructor')).kind === 'conflict', `constructor: ${JSON.stringify(await flagOf(p, 'constructor'))}`);
    expect((await flagOf(p, 'goal')).kind === 'discuss', `goal: ${JSON.stringify(await flagOf(p, 'goal'))}`);
    expect((await flagOf(p, 'often')).kind === 'same', `often: ${JSON.stringify(await flagOf(p, 'often'))}`);
    await p.check('#q-constructor-chat');
    await p.uncheck('#q-constructor-email');
    expect((await flagOf(p, 'constructor')).kind === 'same', 'constructor not "same" after the mentor chose chat');
    await p.fill('#q-goal-input', 'Papers');
    expect((await flagOf(p, 'goal')).kind === 'same', 'goal not "same"');
    expect((await summaryText(p)).startsWith('No answers differ'), `summary "${await summaryText(p)}"`);
    const file = path.join(work, 'review-prior-hostile.xml');
    writeFileSync(file, answersXml(digest, 'mentor', 'grace', [...HOSTILE_ANSWERS,
      '<answer question="constructor"><value>email</value></answer>']));
    const s = await usePrior(p, file);
    expect(/^Prefilled 1 answer from/.test(s.lead) && s.items.length === HOSTILE.length, `status "${s.lead}" ${JSON.stringify(s.items)}`);
    expect((await flagOf(p, 'constructor')).kind === 'conflict', 'the prefilled constructor not flagged "conflict"');
    expect((await flagOf(p, 'goal')).kind === 'discuss', 'goal (hidden again) not "discuss"');
    expect(errs.length === 0, errs.join('\n'));
    const bad = await pollution(p, clean);
    expect(bad.length === 0, bad.join('; '));
    await c.close();
  });
}

await runWithBrowser(site, priorAnswers, constructorForm, mentorPages);
