// Browser tests of the public mentor form's "load your mentee's answers"
// tool: a mentee's answers bundle (signed here with the demo keys) or
// answers file shows the mentee's column with live flags and a notice that
// the browser verified the mentee's signature; hostile archives (tampered,
// deflated, duplicate or traversal names, hidden bytes, too many members)
// and DOCTYPE files are refused, each for its own reason, told to the
// mentor in plain words. Also: a review form (a later revision) exports
// previous="<digest>".
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, EXAMPLES, OUT, REFUSAL, ROOT, axeViolations, buildSignedSite, bundleMembers, expect, exportAnswers, fileUrl, flagCounts,
  flagOf, jargonIn, makeZip, menteeRefusal, newContext, problem, run, runWithBrowser, screenshot, summaryText, test, u16
} from './lib.mjs';

const MENTEE_XML = EXAMPLES.mentee;
const MENTOR_XML = EXAMPLES.mentor;
const work = path.join(OUT, 'browser-mentor');
mkdirSync(work, { recursive: true });

let built = null;
try {
  built = buildSignedSite('site-mentor', [
    { file: MENTEE_XML, party: 'amira' },
    { file: MENTOR_XML, party: 'ben' }
  ]);
} catch (err) {
  problem(`signing the example answers and building the site\n${err.message}`);
}

/* ---- helpers ------------------------------------------------------------ */

async function loadMentee(page, file, expectOk = true) {
  await page.evaluate(() => { document.getElementById('mentee-status').textContent = ''; });
  await page.setInputFiles('#mentee-file', file);
  await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
  const status = (await page.textContent('#mentee-status')).replace(/\s+/g, ' ');
  if (expectOk) expect(/Showing your mentee/.test(status), `loading ${path.basename(file)}: ${status}`);
  return status;
}

function exportFile(page, name) {
  return exportAnswers(page, work, name);
}

/* ---- the tests ---------------------------------------------------------- */

async function mentorForm(browser) {
  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(fileUrl(path.join(built.site, 'public/forms/amira-ben-mentor.html')) + '#all');
  const [menteeBundle] = built.bundles;

  await test('public mentor form: the load tool is shown; no column or summary before a file is chosen', async () => {
    expect(await page.isVisible('#mentee-file'), 'no visible #mentee-file input');
    const label = await page.textContent('label[for="mentee-file"]');
    expect(/Load your mentee.s answers \(\.accord bundle or answers \.xml\)/.test(label), `label "${label}"`);
    expect(await page.$$eval('.mentee-answer', (c) => c.length) === 0, 'mentee columns before loading');
    expect(await page.$$eval('.review-summary', (c) => c.length) === 0, 'a summary before loading');
  });

  await test('public mentor form: the mentee bundle is verified and shows the column and flags', async () => {
    // the mentor's own example answers first (prior answers), then the mentee's bundle
    await page.setInputFiles('#prior-file', MENTOR_XML);
    await page.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    const status = await loadMentee(page, menteeBundle);
    const id = readFileSync(path.join(ROOT, 'content/keys/amira.pub'), 'utf8').split('\n')[0].split(' ').pop();
    expect(status.includes(`Signed by your mentee: your browser checked the signature with the key the program holds for them (key ID ${id})`),
      `no verified notice with key ID ${id}: ${status}`);
    expect(/Nothing was uploaded/.test(status), 'no "nothing uploaded" line');
    const cols = await page.$$eval('[data-question] > .mentee-answer', (c) => c.length);
    const qs = await page.$$eval('[data-question]', (q) => q.length);
    expect(cols === qs, `${cols} mentee columns for ${qs} questions`);
    const col = await page.$eval('#q-meeting-frequency .mentee-answer', (c) => ({ values: c.getAttribute('data-values'), text: c.textContent }));
    expect(col.values === 'weekly' && col.text.includes('Once a week'), `meeting-frequency column ${JSON.stringify(col)}`);
    expect(col.text.includes('Tuesday mornings suit me best.'), 'the mentee\'s note is missing');
    const other = await page.$eval('#q-productivity-measures .mentee-answer', (c) => c.getAttribute('data-other'));
    expect(other === 'Datasets shared with the community', `data-other "${other}"`);
    const f = await flagOf(page, 'meeting-frequency');
    expect(f.kind === 'conflict' && f.icon === '\u2260' && /Differs from the mentee.s answer/.test(f.text), `weekly vs fortnightly: ${JSON.stringify(f)}`);
    const same = await flagOf(page, 'meeting-length');
    expect(same.kind === 'same' && /Same as the mentee.s answer/.test(same.text) && same.icon, `meeting-length: ${JSON.stringify(same)}`);
    const multi = await flagOf(page, 'work-hours');
    expect(multi.kind === 'conflict', `work-hours (sets differ): ${JSON.stringify(multi)}`);
    const multiSame = await flagOf(page, 'channels');
    expect(multiSame.kind === 'same', `channels (same set): ${JSON.stringify(multiSame)}`);
    const text = await flagOf(page, 'lab-meeting-role');
    expect(text.kind !== 'conflict', `free text flagged as a conflict: ${JSON.stringify(text)}`);
    const c = await flagCounts(page);
    const s = await summaryText(page);
    expect(s.includes(`${c.conflict} answers differ from the mentee`), `summary "${s}" for ${c.conflict} conflicts`);
    expect(await page.getAttribute('.review-summary', 'aria-live') === 'polite', 'summary is not aria-live polite');
    expect(await page.$$eval('.mentee-answer [aria-live], .agreement-flag[aria-live]', (x) => x.length) === 0, 'flags are live regions');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'mentor-form-loaded');
  });

  await test('public mentor form: flags follow the mentor\'s changes live', async () => {
    const before = (await flagCounts(page)).conflict;
    await page.check('#q-meeting-frequency-weekly');
    expect((await flagOf(page, 'meeting-frequency')).kind === 'same', 'matching answer still flagged');
    expect((await flagCounts(page)).conflict === before - 1, 'count did not drop');
    expect((await summaryText(page)).includes(`${before - 1} answer`), `summary "${await summaryText(page)}"`);
    await page.uncheck('#q-channels-chat');
    expect((await flagOf(page, 'channels')).kind === 'conflict', 'unchecking one of a set did not flag a conflict');
    await page.uncheck('#q-channels-email');
    const d = await flagOf(page, 'channels');
    expect(d.kind === 'discuss' && /discuss before you answer/.test(d.text), `mentor unanswered: ${JSON.stringify(d)}`);
    await page.check('#q-channels-email');
    await page.check('#q-channels-chat');
    expect((await flagOf(page, 'channels')).kind === 'same', 'set restored, flag not "same"');
  });

  await test('public mentor form: a plain answers file loads with an unsigned-file notice', async () => {
    const status = await loadMentee(page, MENTEE_XML);
    expect(/not signed/.test(status), `status: ${status}`);
    const cols = await page.$$eval('.mentee-answer', (c) => c.length);
    const qs = await page.$$eval('[data-question]', (q) => q.length);
    expect(cols === qs, `loading twice left ${cols} columns for ${qs} questions`);
  });

  await test('public mentor form: hostile or wrong files are refused for their own reason, told in plain words, and change nothing', async () => {
    const good = bundleMembers(menteeBundle, 'amira');
    const rebuilt = path.join(work, 'rebuilt.accord');
    writeFileSync(rebuilt, makeZip(good));
    await loadMentee(page, rebuilt); // the test's own zip writer makes archives the reader takes
    const before = await page.$$eval('.mentee-answer', (c) => c.map((x) => x.textContent).join('|'));
    const raw = readFileSync(menteeBundle);
    const at = raw.indexOf('Tuesday');
    const flipped = Buffer.from(raw);
    flipped[at] = 'W'.charCodeAt(0);
    const edited = good.map((m) => m.name === 'answers.xml'
      ? { name: m.name, data: Buffer.from(m.data.toString('utf8').replace('<value>weekly</value>', '<value>monthly</value>')) } : m);
    // [file, bytes, the reason (the refusal's detail), what the mentor reads]
    const cases = [
      ['tampered.accord', flipped, /checksum does not match/, REFUSAL.damaged],
      ['resigned-crc.accord', makeZip(edited), /contents do not match its MANIFEST/, REFUSAL.changed],
      ['deflated.accord', makeZip(good.map((m) => (m.name === 'answers.xml' ? { ...m, method: 8 } : m))), /compressed/, REFUSAL.damaged],
      ['duplicate.accord', makeZip([...good, { name: 'answers.xml', data: Buffer.from('<answers/>') }]), /two members are named/, REFUSAL.damaged],
      ['case-duplicate.accord', makeZip([...good, { name: 'ANSWERS.xml', data: Buffer.from('<answers/>') }]), /two members are named/, REFUSAL.damaged],
      ['traversal.accord', makeZip([...good, { name: '../answers.xml', data: Buffer.from('x') }]), /“\.\.” part/, REFUSAL.damaged],
      ['absolute.accord', makeZip([...good, { name: '/etc/answers.xml', data: Buffer.from('x') }]), /absolute path/, REFUSAL.damaged],
      ['backslash.accord', makeZip([...good, { name: 'a\\answers.xml', data: Buffer.from('x') }]), /backslash/, REFUSAL.damaged],
      ['control.accord', makeZip([...good, { name: 'a\u0001.xml', data: Buffer.from('x') }]), /control character/, REFUSAL.damaged],
      ['mismatch.accord', makeZip(good.map((m) => (m.name === 'MANIFEST' ? { ...m, localName: 'MANIFESU' } : m))), /local and central headers/, REFUSAL.damaged],
      ['prefixed.accord', Buffer.concat([Buffer.from('junk'), makeZip(good)]), /before the first member|hidden/, REFUSAL.damaged],
      ['comment.accord', Buffer.concat([makeZip(good).subarray(0, -2), u16(3), Buffer.from('hey')]), /follow the end/, REFUSAL.damaged],
      ['many.accord', makeZip([...good, ...Array.from({ length: 252 }, (_, i) => ({ name: `x/${i}`, data: Buffer.from('') }))]), /257 members/, REFUSAL.damaged],
      ['unsigned.accord', makeZip(good.filter((m) => m.name !== 'signatures/amira.minisig')), /lacks its member signatures\/amira\.minisig/, /it is not signed/],
      ['extra.accord', makeZip([...good, { name: 'notes.txt', data: Buffer.from('x') }]), /unexpected member, “notes\.txt”/, REFUSAL.changed],
      ['mentor.accord', readFileSync(built.bundles[1]), /mentor.s answers bundle/, /mentor.s answers bundle, not your mentee.s/],
      ['doctype.xml', Buffer.from('<?xml version="1.0"?>\n<!DOCTYPE answers [<!ENTITY x "EXPANDED">]>\n' +
        '<answers program="demo" agreement="amira-ben" role="mentee"><answer question="meeting-frequency"><note>&x;</note></answer></answers>\n'),
      /DOCTYPE/, /the file is not an answers file/],
      ['other-agreement.xml', Buffer.from(readFileSync(MENTEE_XML, 'utf8').replace('agreement="amira-ben"', 'agreement="amira-chen"')), /amira-chen/, /amira-chen/],
      ['not-zip.accord', Buffer.from('PK\u0003\u0004 this is no archive'), /not a zip archive/, REFUSAL.damaged]
    ];
    const bad = [];
    for (const [name, bytes, why, plain] of cases) {
      const file = path.join(work, name);
      writeFileSync(file, bytes);
      const status = await loadMentee(page, file, false);
      const refused = await menteeRefusal(page, file);
      const jargon = jargonIn(status);
      if (!/was not used/.test(status) || !plain.test(status)) bad.push(`${name}: the mentor reads "${status}"`);
      if (jargon.length) bad.push(`${name}: the mentor reads ${jargon.join(', ')} in "${status}"`);
      if (!refused || !why.test(refused.detail)) bad.push(`${name}: refused for ${JSON.stringify(refused)}, not ${why}`);
    }
    const after = await page.$$eval('.mentee-answer', (c) => c.map((x) => x.textContent).join('|'));
    expect(bad.length === 0, `not refused as expected:\n${bad.join('\n')}`);
    expect(before === after && !after.includes('EXPANDED'), 'a refused file changed the mentee column');
  });

  await test('public mentor form with the mentee column: no axe violations (light and dark)', async () => {
    let v = await axeViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), 'dark scheme not emulated');
    v = v.concat((await axeViolations(page)).map((x) => `dark: ${x}`));
    await page.emulateMedia({ colorScheme: 'light' });
    expect(v.length === 0, `axe-core:\n${v.join('\n')}`);
  });
  await ctx.close();
}

async function previousAttribute(browser) {
  await test('a review form (revision 2, data-previous) exports previous="<digest>"; accord check refuses it while revision 1 awaits signatures', async () => {
    // the built site has no revision 2 yet, so a copy of the mentor form plays one
    const digest = 'ab'.repeat(32);
    const forms = path.join(built.site, 'public/forms');
    const html = readFileSync(path.join(forms, 'amira-ben-mentor.html'), 'utf8');
    expect(html.includes(' data-revision="1"'), 'the mentor form has no data-revision="1"');
    const copy = path.join(forms, 'zz-r2-test.html');
    writeFileSync(copy, html.replace(' data-revision="1"', ` data-revision="2" data-previous="${digest}"`));
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(fileUrl(copy) + '#all');
    await page.setInputFiles('#prior-file', MENTOR_XML);
    await page.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
    const out = await exportFile(page, 'revision-2.xml');
    await ctx.close();
    expect(out.suggested === 'amira-ben-mentor-r2.xml', `file name ${out.suggested}`);
    expect(out.xml.includes(` revision="2" previous="${digest}" saved="`), 'no previous attribute after revision');
    const plain = await (async () => {
      const c = await newContext(browser);
      const p = await c.newPage();
      await p.goto(fileUrl(path.join(forms, 'amira-ben-mentor.html')) + '#all');
      await p.setInputFiles('#prior-file', MENTOR_XML);
      await p.waitForFunction(() => /Prefilled/.test(document.getElementById('prior-status').textContent));
      const o = await exportFile(p, 'revision-1.xml');
      await c.close();
      return o;
    })();
    expect(!/ previous=/.test(plain.xml), 'a revision 1 form exports previous');
    // this site's revision 1 is not signed by both yet: a review of it is refused
    const r = run(ACCORD, ['check', '-C', built.content, out.file]);
    expect(r.status === 1 && /which is not signed by both parties yet/.test(r.stderr),
      `accord check of the revision 2 file exited ${r.status}\n${r.stderr}${r.stdout}`);
  });
}

await runWithBrowser(built, mentorForm, previousAttribute);
