// Browser tests of the roster's validity by index order in the pages, from
// file://, against `accord build` on the same content: with a program
// ledger (the setup of tests/cli/ledger.sh) in which farid's and ben's keys
// were revoked (compromised) after their bundles were indexed, the mentor's
// form accepts farid's indexed answers and refuses answers farid signed
// later; the signing page accepts the agreement ben countersigned before
// the revocation and refuses ben's countersignature made after it; farid
// and ben cannot sign in the page with their revoked keys. The build
// refuses and accepts the same bundles. Without a ledger the pages carry
// no validity and accept what the build accepts.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCORD, ROOT, buildSite, expect, fileUrl, newContext, problem, run, runWithBrowser, test } from './lib.mjs';
import { ok, ready, signForm, useWorkFolder } from './signing.mjs';

const work = useWorkFolder('browser-ledger');
const DS = path.join(ROOT, 'content/keys/demo-secret');
const LATE = '1790899200'; // the day after ines-ben was made, long before the revocation

const at = (...p) => path.join(work, ...p);
let c = null, site = null, demo = null;

// The demo content with a ledger whose keys of farid and ben are revoked
// after `accord index`; the late bundles each signed with a revoked key.
function setup() {
  c = at('c');
  cpSync(path.join(ROOT, 'content'), c, { recursive: true });
  rmSync(path.join(c, 'ledger'), { recursive: true, force: true });
  ok(run(ACCORD, ['keygen', '-W', '-p', at('prog.pub'), '-s', at('prog.key')]), 'keygen');
  const xml = path.join(c, 'program.xml');
  writeFileSync(xml, readFileSync(xml, 'utf8').replace(/(<site url=.*\/>)/, '$1\n  <program-key file="ledger/program.pub"/>'));
  ok(run(ACCORD, ['roster', 'init', '-C', c, '-s', at('prog.key')]), 'roster init');
  ok(run(ACCORD, ['index', '-C', c, '-s', at('prog.key')]), 'accord index');
  const roster = readFileSync(path.join(c, 'ledger/roster-0001.txt'), 'utf8');
  for (const party of ['farid', 'ben']) {
    const id = new RegExp(`^key ${party} ([0-9A-F]{16}) `, 'm').exec(roster)[1];
    ok(run(ACCORD, ['roster', 'revoke', '-C', c, '-s', at('prog.key'), party, id, 'compromised']), `roster revoke ${party}`);
  }
  const env = { env: { ...process.env, SOURCE_DATE_EPOCH: LATE } };
  writeFileSync(at('farid.xml'), run('unzip', ['-p', path.join(c, 'bundles/farid-chen-r1-mentee.accord'), 'answers.xml']).stdout);
  ok(run(ACCORD, ['sign', '-s', path.join(DS, 'farid.key'), '-C', c, at('farid.xml'), '-o', at('late-farid.accord')], env), 'farid signs late');
  ok(run(ACCORD, ['sign', '--countersign', '-C', c, '-s', path.join(DS, 'ben.key'), '-o', at('late-ben.accord'),
    path.join(c, 'bundles/ines-ben-r1.accord')], env), 'ben countersigns late');
  site = buildSite(c, 'site-ledger');
  demo = buildSite('content', 'site-ledger-demo');
}

try {
  setup();
} catch (err) {
  problem(`setting up the ledger\n${err.message}`);
}

// What `accord build` says of content c with file as bundles/name.
function buildWith(name, file) {
  const c2 = at('c-' + name);
  rmSync(c2, { recursive: true, force: true });
  cpSync(c, c2, { recursive: true });
  cpSync(file, path.join(c2, 'bundles', name));
  const r = run(ACCORD, ['build', '-C', c2, '-o', at('site-' + name)]);
  return r.stderr + r.stdout;
}

// The status after loading file into the page at url (input and status ids).
async function load(context, url, input, status, file) {
  const page = await context.newPage();
  await page.goto(url);
  await page.setInputFiles('#' + input, file);
  await page.waitForFunction((i) => document.getElementById(i).textContent !== '', status);
  const text = (await page.textContent('#' + status)).replace(/\s+/g, ' ');
  await page.close();
  return text;
}

const mentorForm = (s) => fileUrl(path.join(s, 'public/forms/farid-chen-mentor.html')) + '#all';
const signingPage = (s, ag) => fileUrl(path.join(s, `public/countersign/${ag}.html`));
const REVOKED = /revoked \(compromised\) at index entry \d+/;

async function pages(browser) {
  const context = await newContext(browser);

  await test('the build: indexed bundles by the revoked keys count, later ones are refused', async () => {
    const late = buildWith('farid-chen-r1-mentee.accord', at('late-farid.accord'));
    expect(new RegExp('farid-chen-r1-mentee.accord: refused: .*' + REVOKED.source).test(late), late);
    const ben = buildWith('ines-ben-r1-signed.accord', at('late-ben.accord'));
    expect(new RegExp('ines-ben-r1-signed.accord: refused: .*' + REVOKED.source).test(ben), ben);
    const fine = run(ACCORD, ['build', '-C', c, '-o', at('site-check')]);
    expect(fine.status === 0 && !/refused/.test(fine.stderr), fine.stderr);
  });

  await test('the pages carry their keys\' validity with a ledger only', async () => {
    const html = readFileSync(path.join(site, 'public/forms/farid-chen-mentor.html'), 'utf8');
    const validity = / data-key-validity="([^"]*)"/.exec(html);
    expect(validity && /^[0-9A-F]{16}:1 [0-9A-F]{16}:1:\d+:compromised$/.test(validity[1]), `chen's and farid's validity: ${validity && validity[1]}`);
    expect(/data-indexed="\d+:[0-9a-f]{64}"/.test(html), 'no index entry of farid-chen');
    for (const f of ['public/forms/farid-chen-mentor.html', 'public/countersign/ines-ben.html'])
      expect(!/data-key-validity|data-indexed/.test(readFileSync(path.join(demo, f), 'utf8')), `${f} of the demo has validity`);
  });

  await test('mentor form: the mentee\'s indexed answers are shown, answers by the revoked key signed later are refused', async () => {
    let s = await load(context, mentorForm(site), 'mentee-file', 'mentee-status', path.join(c, 'bundles/farid-chen-r1-mentee.accord'));
    expect(/Showing your mentee/.test(s), s);
    s = await load(context, mentorForm(site), 'mentee-file', 'mentee-status', at('late-farid.accord'));
    expect(REVOKED.test(s) && /signed with a key the program revoked/.test(s) && /ask the program/.test(s), s);
    s = await load(context, mentorForm(demo), 'mentee-file', 'mentee-status', at('late-farid.accord'));
    expect(/Showing your mentee/.test(s), `without a ledger: ${s}`);
  });

  await test('signing page: a countersignature indexed before the revocation counts, a later one is refused', async () => {
    let s = await load(context, signingPage(site, 'amira-ben'), 'agreement-file', 'agreement-status', path.join(c, 'bundles/amira-ben-r1.accord'));
    expect(/Both of you have signed it/.test(s), s);
    s = await load(context, signingPage(site, 'ines-ben'), 'agreement-file', 'agreement-status', at('late-ben.accord'));
    expect(/was not used: it was signed with a key the program revoked/.test(s) && REVOKED.test(s), s);
    s = await load(context, signingPage(demo, 'ines-ben'), 'agreement-file', 'agreement-status', at('late-ben.accord'));
    expect(/Both of you have signed it/.test(s), `without a ledger: ${s}`);
  });

  await test('nobody signs in the page with their own revoked key', async () => {
    const page = await context.newPage();
    await page.goto(signingPage(site, 'ines-ben'));
    await ready(page, 'countersign');
    await page.setInputFiles('#agreement-file', path.join(c, 'bundles/ines-ben-r1.accord'));
    await page.waitForFunction(() => document.getElementById('agreement-status').textContent !== '');
    await page.check('#agreement-confirm');
    await page.click('#agreement-continue');
    await page.setInputFiles('#sign-key', path.join(DS, 'ben.key'));
    await page.click('#sign-button');
    await page.waitForFunction(() => /not signed|was not|revoked/.test(document.getElementById('sign-status').textContent));
    const s = (await page.textContent('#sign-status')).replace(/\s+/g, ' ');
    expect(/was revoked by the program \(compromised\) at index entry \d+, so it can no longer sign/.test(s), s);
    const f = await signForm(context, fileUrl(path.join(site, 'public/forms/farid-chen-mentee.html')), at('farid.xml'),
      path.join(DS, 'farid.key'), '', 'farid-form.accord');
    expect(/was revoked by the program \(compromised\)/.test(f.status) && f.file === null, f.status);
  });

  await context.close();
}

runWithBrowser(site !== null, pages);
