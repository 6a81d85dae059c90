// Browser tests of the whole agreement cycle with no accord binary on the
// parties' side, every page from file://: keys made in the page, the
// mentee signs on the form, the mentor verifies that bundle and signs, the
// program builds the agreement with `accord build`, and both countersign
// on the countersign page after reading it and confirming. The result
// passes accord-verify, minisign -V and sha256sum -c, and each signed copy
// equals what `accord sign --countersign` makes with the same key and
// signed= time. A bundle the program did not prepare (swapped answers,
// another agreement, a forged page, also one whose MANIFEST was redone so
// that accord-verify accepts it), a wrong key and a wrong password are
// refused with plain messages, and nothing is signed. What the page shows
// is its own rendering of the signed answers, with the mentee's first
// answers marked where they differ before any key is asked for; the
// bundle's agreement.html is only offered as a download, byte for byte.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  EXAMPLES, REFUSAL, ROOT, axeViolations, buildSite, expect, fileUrl, jargonIn, makeZip, newContext, problem,
  run, runWithBrowser, screenshot, test
} from './lib.mjs';
import {
  PASSWORD, VERIFY, auditorAccepts, countersignedAsCli, clickAndSettle, download, lowCostPair, ready, signForm, useWorkFolder
} from './signing.mjs';

const work = useWorkFolder('browser-countersign');

let demo = null;
try {
  demo = buildSite('content', 'site-countersign-demo');
} catch (err) {
  problem(`building the demo site\n${err.message}`);
}

let mentee = null, mentor = null, other = null, content = null, site = null, agreementFile = null;

// The demo content with new keys for amira and ben and no bundles.
function freshContent(name) {
  const dir = path.join(work, name);
  cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  rmSync(path.join(dir, 'bundles'), { recursive: true, force: true });
  rmSync(path.join(dir, 'examples'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'bundles'));
  cpSync(mentee.pub, path.join(dir, 'keys/amira.pub'));
  cpSync(mentor.pub, path.join(dir, 'keys/ben.pub'));
  return dir;
}

const countersignUrl = (s) => fileUrl(path.join(s, 'public/countersign/amira-ben.html'));

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

// The members of the archive at file, in its order: [{name, data}].
function membersOf(file) {
  return run('unzip', ['-Z1', file]).stdout.split('\n').filter(Boolean)
    .map((name) => ({ name, data: Buffer.from(run('unzip', ['-p', file, name], { encoding: 'buffer' }).stdout) }));
}

// The agreement at file with its agreement.html made by edit (a function
// of the page's text) and its MANIFEST made again as the program makes it
// (every member but MANIFEST and the countersignatures, sorted by name),
// the countersignatures dropped: an agreement nobody signed yet whose
// parts agree. Writes it to work/name; returns {file, digest (the
// SHA-256 of its MANIFEST), html (its agreement.html)}.
function reforged(file, edit, name) {
  const members = membersOf(file).filter((m) => !m.name.startsWith('signatures/'));
  const page = members.find((m) => m.name === 'agreement.html');
  page.data = Buffer.from(edit(page.data.toString('utf8')));
  const listed = members.filter((m) => m.name !== 'MANIFEST').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const manifest = Buffer.from(listed.map((m) => `${sha256(m.data)}  ${m.name}\n`).join(''));
  members.find((m) => m.name === 'MANIFEST').data = manifest;
  const out = path.join(work, name);
  writeFileSync(out, makeZip(members));
  return { file: out, digest: sha256(manifest), html: page.data };
}

// The answers of an answers file's text by question id, as the page
// compares them: {values (sorted), other, text}.
function answersOf(xml) {
  const one = (body, tag) => { const m = body.match(new RegExp(`<${tag}>([^<]*)</${tag}>`)); return m ? m[1] : ''; };
  const out = new Map();
  for (const [, id, body] of xml.matchAll(/<answer question="([^"]+)">(.*?)<\/answer>/gs)) {
    const values = [...body.matchAll(/<value>([^<]*)<\/value>/g)].map((v) => v[1].trim()).sort();
    out.set(id, { values: values.join('\n'), other: one(body, 'other'), text: one(body, 'text').trim() });
  }
  return out;
}

// The text of each question of a questionnaire snapshot, by id.
function questionTexts(xml) {
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return new Map([...xml.matchAll(/<question id="([^"]+)"[^>]*>\s*<text>([^<]*)<\/text>/g)].map((m) => [m[1], unescape(m[2]).trim()]));
}

// Opens the countersign page of s (or the page at url) and loads file;
// returns {page, status}.
async function openAgreement(context, s, file, url = countersignUrl(s)) {
  const page = await context.newPage();
  await page.goto(url);
  await ready(page, 'countersign');
  await page.setInputFiles('#agreement-file', file);
  await page.waitForFunction(() => document.getElementById('agreement-status').textContent !== '');
  return { page, status: (await page.textContent('#agreement-status')).replace(/\s+/g, ' ') };
}

// Reads, confirms and signs the agreement open on page with keyFile and
// password; returns {status, file} (file null when nothing was offered).
async function countersign(page, keyFile, password, name) {
  await page.check('#agreement-confirm');
  await page.click('#agreement-continue');
  await page.setInputFiles('#sign-key', keyFile);
  await page.fill('#sign-password', password);
  let file = null;
  const done = page.waitForEvent('download', { timeout: 120000 }).then(async (d) => {
    file = path.join(work, name);
    await d.saveAs(file);
  }).catch(() => {});
  const status = await clickAndSettle(page, '#sign-button', 'sign-status');
  if (/^Signed/.test(status)) await done;
  return { status, file };
}

async function cycle(browser) {
  const context = await newContext(browser);
  const keysPage = await context.newPage();
  await keysPage.goto(fileUrl(path.join(demo, 'public/keys.html')));
  await ready(keysPage, 'minisign');
  mentee = await lowCostPair(keysPage, 'amira');
  mentor = await lowCostPair(keysPage, 'ben');
  other = await lowCostPair(keysPage, 'stranger');
  content = freshContent('content');
  const first = buildSite(content, 'site-countersign-forms');

  await test('the mentee signs, the mentor verifies and signs, and the program builds the agreement', async () => {
    const a = await signForm(context, fileUrl(path.join(first, 'public/forms/amira-ben-mentee.html')), EXAMPLES.mentee, mentee.key, PASSWORD);
    expect(/^Signed/.test(a.status), a.status);
    const page = await context.newPage();
    await page.goto(fileUrl(path.join(first, 'public/forms/amira-ben-mentor.html')) + '#all');
    await ready(page, 'review');
    await page.setInputFiles('#mentee-file', a.file);
    await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
    expect((await page.textContent('#mentee-status')).includes('Signed by your mentee'), 'the mentor form did not verify the mentee');
    const b = await signForm(context, fileUrl(path.join(first, 'public/forms/amira-ben-mentor.html')), EXAMPLES.mentor, mentor.key, PASSWORD);
    expect(/^Signed/.test(b.status), b.status);
    cpSync(a.file, path.join(content, 'bundles/amira-ben-r1-mentee.accord'));
    cpSync(b.file, path.join(content, 'bundles/amira-ben-r1-mentor.accord'));
    site = buildSite(content, 'site-countersign');
    agreementFile = path.join(site, 'private/agreements/amira-ben-r1.accord');
    expect(run(VERIFY, ['-r', path.join(content, 'keys'), agreementFile]).stdout.startsWith('AWAITING'), 'the built agreement awaits both signatures');
  });

  let menteeSigned = null;
  await test('the mentee reads the agreement, confirms and countersigns; it equals accord sign --countersign\'s', async () => {
    const { page, status } = await openAgreement(context, site, agreementFile);
    expect(/as the program prepared it/.test(status) && /Nobody has signed it yet/.test(status), status);
    const shown = await page.textContent('#agreement-shown');
    expect(shown.includes('How often should we meet one-on-one?') && shown.includes('Tuesday mornings suit me best.'), 'the agreement is not shown');
    expect(await page.isHidden('#sign-key'), 'the key is asked for before the person confirmed');
    await page.click('#agreement-continue');
    expect(/tick the box/.test(await page.textContent('#confirm-status')), 'continuing without confirming is not refused');
    expect(await page.isHidden('#sign-key'), 'the key is asked for without the confirmation');
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await screenshot(page, 'countersign-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await axeViolations(page);
    expect(narrow.length === 0, `390 wide:\n${narrow.join('\n')}`);
    await screenshot(page, 'countersign-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
    const r = await countersign(page, mentee.key, PASSWORD, 'agreement-mentee.accord');
    expect(/^Signed/.test(r.status) && /has not signed yet/.test(r.status), r.status);
    countersignedAsCli(content, agreementFile, r.file, mentee.key, 'amira');
    menteeSigned = r.file;
  });

  await test('signing again with the same key changes nothing, and says so', async () => {
    const { page } = await openAgreement(context, site, menteeSigned);
    const r = await countersign(page, mentee.key, PASSWORD, 'agreement-again.accord');
    expect(/already signed this agreement/.test(r.status) && r.file === null, r.status);
  });

  await test('the mentor countersigns the mentee\'s copy: the agreement is complete for every checker', async () => {
    const { page, status } = await openAgreement(context, site, menteeSigned);
    expect(/Amira Testwell signed it on \d+ [A-Z][a-z]+ \d{4}\./.test(status), status);
    const r = await countersign(page, mentor.key, PASSWORD, 'agreement-both.accord');
    expect(/^Signed/.test(r.status) && /has signed too/.test(r.status), r.status);
    countersignedAsCli(content, menteeSigned, r.file, mentor.key, 'ben');
    auditorAccepts(r.file, path.join(content, 'keys'), 'amira', 'ben');
    const again = await openAgreement(context, site, r.file);
    expect(/Both of you have signed it/.test(again.status), again.status);
    expect(await again.page.$$eval('#sign-key', (x) => x.length) === 0, 'a fully signed agreement offers to sign');
  });

  await test('a wrong key and a wrong password are refused and nothing is signed', async () => {
    let { page } = await openAgreement(context, site, agreementFile);
    let r = await countersign(page, other.key, PASSWORD, 'x.accord');
    expect(/not signed: this key .* is neither/.test(r.status) && r.file === null, r.status);
    ({ page } = await openAgreement(context, site, agreementFile));
    r = await countersign(page, mentee.key, 'not the password', 'y.accord');
    expect(/not signed: the password is not right/.test(r.status) && r.file === null, r.status);
  });

  await test('an agreement the program did not prepare is refused: other answers, another agreement, a forged page', async () => {
    // the mentor signs other answers: a real, fully verifiable agreement, but not this program's
    const edited = path.join(work, 'mentor-other.xml');
    writeFileSync(edited, readFileSync(EXAMPLES.mentor, 'utf8').replace('<value>weekly</value>', '<value>monthly</value>'));
    const c2 = freshContent('content-swapped');
    const b = await signForm(context, fileUrl(path.join(first, 'public/forms/amira-ben-mentor.html')), edited, mentor.key, PASSWORD, 'mentor-other.accord');
    expect(/^Signed/.test(b.status), b.status);
    cpSync(path.join(content, 'bundles/amira-ben-r1-mentee.accord'), path.join(c2, 'bundles/amira-ben-r1-mentee.accord'));
    cpSync(b.file, path.join(c2, 'bundles/amira-ben-r1-mentor.accord'));
    const s2 = buildSite(c2, 'site-countersign-swapped');
    const swapped = path.join(s2, 'private/agreements/amira-ben-r1.accord');
    expect(run(VERIFY, ['-r', path.join(c2, 'keys'), swapped]).stdout.startsWith('AWAITING'), 'the swapped agreement verifies');
    let { status } = await openAgreement(context, site, swapped);
    expect(/was not used: it is not the agreement the program prepared/.test(status), status);
    ({ status } = await openAgreement(context, site, path.join(ROOT, 'content/bundles/dara-emil-r1.accord')));
    expect(/was not used: it is the agreement “dara-emil”, not yours/.test(status), status);
    // the page people read changed, the archive redone: MANIFEST no longer matches
    const members = membersOf(agreementFile);
    const html = members.find((m) => m.name === 'agreement.html');
    expect(html.data.includes('</body>'), 'agreement.html has a body');
    html.data = Buffer.from(html.data.toString().replace('</body>', '<p>We also agree to meet daily.</p></body>'));
    const forged = path.join(work, 'forged-page.accord');
    writeFileSync(forged, makeZip(members));
    ({ status } = await openAgreement(context, site, forged));
    expect(/was not used: /.test(status) && REFUSAL.altered.test(status) && jargonIn(status).length === 0, status);
  });

  await test('an agreement page replaced and its MANIFEST made again: accord-verify accepts it, the page refuses it as not the program\'s and offers nothing', async () => {
    const forged = reforged(agreementFile, (html) => html.replace('Tuesday mornings suit me best.', 'Any evening, any weekend.'), 'reforged-page.accord');
    expect(forged.html.includes('Any evening, any weekend.'), 'the forged page does not hold the changed note');
    const v = run(VERIFY, ['-r', path.join(content, 'keys'), forged.file]);
    expect(v.stdout.startsWith('AWAITING') && /awaiting signatures from amira, ben/.test(v.stdout),
      `accord-verify does not accept it as awaiting both signatures: exit ${v.status}: ${v.stdout}${v.stderr}`);
    const { page, status } = await openAgreement(context, site, forged.file);
    expect(/was not used: it is not the agreement the program prepared\b/.test(status) && jargonIn(status).length === 0, status);
    // the page's own verifier accepts it with the page's keys: only the program's list refuses it
    const verified = await page.evaluate((bytes) => {
      const { accord } = window;
      const root = document.getElementById('accord-countersign');
      const keys = new Map(['mentee', 'mentor'].map((r) => [root.getAttribute(`data-${r}`), accord.minisign.keysOf(root, `data-keys-${r}`)]));
      try {
        return accord.agreement.verify(Uint8Array.from(bytes), keys, accord.zip.limits(root), accord.config.count(root, 'data-signing-months-max')).digest;
      } catch (e) {
        return `refused: ${e.detail}`;
      }
    }, Array.from(readFileSync(forged.file)));
    expect(verified === forged.digest, `the page's verifier gives ${verified}, not the digest ${forged.digest}`);
    const prepared = (await page.getAttribute('#accord-countersign', 'data-prepared')).split(' ');
    const real = sha256(membersOf(agreementFile).find((m) => m.name === 'MANIFEST').data);
    expect(prepared.includes(real) && !prepared.includes(forged.digest), `data-prepared ${prepared.join(' ')}`);
    expect(await page.isHidden('#agreement-shown') && await page.$$eval('#agreement-shown > *', (x) => x.length) === 0, 'something of it is shown');
    const offered = await page.$$eval('#agreement-confirm, #agreement-continue, #sign-key, #sign-password, #sign-button, #agreement-download', (x) => x.map((e) => e.id));
    expect(offered.length === 0, `the page offers ${offered.join(', ')}`);
    expect(!(await page.textContent('body')).includes('Any evening'), 'the forged text is on the page');
  });

  await test('the differences from the mentee\'s first answers are marked where they are, before the key is asked for', async () => {
    const members = membersOf(agreementFile);
    const member = (name) => members.find((m) => m.name === name).data.toString('utf8');
    const texts = questionTexts(member('questionnaire.xml'));
    const first = answersOf(member('parties/amira/answers.xml')), fin = answersOf(member('parties/ben/answers.xml'));
    expect([...first.keys()].sort().join() === [...fin.keys()].sort().join(), 'the example answers answer different questions');
    const same = (a, b) => a.values === b.values && a.other === b.other && a.text === b.text;
    const want = [...fin.keys()].filter((id) => !same(fin.get(id), first.get(id))).map((id) => texts.get(id)).sort();
    expect(want.length >= 3 && want.length < fin.size && !want.includes(undefined), `differences: ${JSON.stringify(want)}`);
    const { page } = await openAgreement(context, site, agreementFile);
    const marked = await page.$$eval('#agreement-shown .review-item', (rows) => rows
      .filter((r) => r.querySelector('.agreement-changed')).map((r) => r.querySelector('dt').textContent.trim()).sort());
    expect(JSON.stringify(marked) === JSON.stringify(want), `marked ${JSON.stringify(marked)}\n# want ${JSON.stringify(want)}`);
    const mark = await page.$$eval('#agreement-shown .review-item', (rows) => {
      const row = rows.find((r) => r.querySelector('dt').textContent.trim() === 'How often should we meet one-on-one?');
      return row ? [row.querySelector('.review-answer').textContent, row.querySelector('.agreement-changed').textContent] : null;
    });
    expect(mark && mark[0] === 'Every two weeks' && mark[1] === 'Changed: Amira Testwell first answered “Once a week”.', `meeting-frequency: ${JSON.stringify(mark)}`);
    const intro = await page.textContent('.agreement-intro');
    expect(intro.includes(`(${want.length} questions)`), `the intro does not count ${want.length} differences: ${intro}`);
    expect(await page.isVisible('.agreement-changed'), 'the marks are not visible');
    expect(await page.isHidden('#sign-key') && await page.isHidden('#sign-password') && !(await page.isChecked('#agreement-confirm')),
      'the key is asked for before the person confirmed');
  });

  await test('what the page shows is rendered from the signed answers, never the bundle\'s agreement.html, which it offers as a download byte for byte', async () => {
    let { page } = await openAgreement(context, site, agreementFile);
    const genuine = membersOf(agreementFile).find((m) => m.name === 'agreement.html').data;
    let file = await download(page, () => page.click('#agreement-download'), 'downloaded-agreement.html');
    expect(Buffer.compare(readFileSync(file), genuine) === 0, 'the downloaded page is not the bundle\'s agreement.html');
    // an agreement.html saying something else, in a bundle the page takes as prepared: a copy of the
    // page whose list of what the program prepared holds its digest
    const forged = reforged(agreementFile, (html) => html.replace(/<body([^>]*)>[\s\S]*<\/body>/,
      '<body$1><h1>Forged agreement</h1><p>We also agree to meet daily, at midnight.</p></body>'), 'forged-text.accord');
    expect(forged.html.includes('at midnight') && !forged.html.includes('Tuesday mornings'), 'the forged page was not replaced');
    const pagePath = path.join(site, 'public/countersign/amira-ben.html');
    const copy = path.join(site, 'public/countersign/zz-forged-prepared.html');
    const html = readFileSync(pagePath, 'utf8');
    expect(/ data-prepared="[0-9a-f]{64}"/.test(html), 'the page has no data-prepared of one digest');
    writeFileSync(copy, html.replace(/ data-prepared="([0-9a-f ]+)"/, ` data-prepared="$1 ${forged.digest}"`));
    let status;
    ({ page, status } = await openAgreement(context, site, forged.file, fileUrl(copy)));
    expect(/as the program prepared it/.test(status), status);
    const shown = await page.textContent('#agreement-shown');
    expect(shown.includes('How often should we meet one-on-one?') && shown.includes('Every two weeks') &&
      shown.includes('Tuesday mornings suit me best.'), 'the page does not show the agreement from its answers');
    const all = await page.evaluate(() => document.documentElement.textContent + document.documentElement.innerHTML);
    expect(!all.includes('at midnight') && !all.includes('Forged agreement'), 'the bundle\'s agreement.html is on the page');
    expect(await page.$$eval('iframe, object, embed', (x) => x.length) === 0, 'the page embeds something');
    file = await download(page, () => page.click('#agreement-download'), 'downloaded-forged.html');
    expect(Buffer.compare(readFileSync(file), forged.html) === 0, 'the downloaded page is not this bundle\'s agreement.html');
  });
  await context.close();
}

runWithBrowser(demo !== null, cycle);
