// Browser tests of keys and signing in the page, every page from file://:
// the keys page makes a pair stock minisign and accord use; a mentee and a
// mentor sign their answers on their forms; each bundle passes
// accord-verify, minisign -V with sha256sum -c, and equals what `accord
// sign` makes from the same key and answers, in several time zones; the
// mentor's form verifies the mentee's bundle and refuses tampered and
// foreign ones; wrong passwords and keys get plain messages; no secret is
// stored. Keys made for the signing runs use a low scrypt cost (16 MiB);
// one key at minisign's default cost is unlocked once.
import { readFileSync, writeFileSync, mkdirSync, rmSync, cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  ACCORD, EXAMPLES, OUT, REFUSAL, ROOT, axeViolations, buildSite, bundleMembers, expect, fileUrl, jargonIn, makeZip, menteeRefusal,
  newContext, problem, run, runWithBrowser, screenshot, test
} from './lib.mjs';
import {
  PASSWORD, VERIFY, auditorAccepts, clickAndSettle, download, lowCostPair, ok, ready, signForm,
  useWorkFolder
} from './signing.mjs';

const work = useWorkFolder('browser-sign');
const pwFile = path.join(work, 'password');

let site = null;
try {
  site = buildSite('content', 'site-sign');
} catch (err) {
  problem(`building the demo site\n${err.message}`);
}

const keysUrl = () => fileUrl(path.join(site, 'public/keys.html'));

let mentee = null, mentor = null, signedSite = null, content = null;

async function keysPage(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(keysUrl());
  await ready(page, 'keys');

  await test('the keys page has no accessibility violations, at desktop and phone widths', async () => {
    let found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await screenshot(page, 'keys-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    found = await axeViolations(page);
    expect(found.length === 0, `390 wide:\n${found.join('\n')}`);
    await screenshot(page, 'keys-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  await test('the keys page refuses a short password and two different ones', async () => {
    await page.fill('#key-password', 'short');
    await page.fill('#key-password-again', 'short');
    await page.click('#make-keys');
    expect(/at least 12 characters/.test(await page.textContent('#make-status')), await page.textContent('#make-status'));
    await page.fill('#key-password', PASSWORD);
    await page.fill('#key-password-again', PASSWORD + 'x');
    await page.click('#make-keys');
    expect(/not the same/.test(await page.textContent('#make-status')), await page.textContent('#make-status'));
    expect(await page.inputValue('#key-password') === '', 'the password field is cleared');
  });

  let made = null;
  await test('the keys page makes a pair at its stated cost, shows the key ID and offers both files', async () => {
    await page.fill('#key-password', PASSWORD);
    await page.fill('#key-password-again', PASSWORD);
    const t0 = Date.now();
    await page.click('#make-keys');
    await page.waitForSelector('#keys-result:not([hidden])', { timeout: 120000 });
    console.log(`# making a key pair at the page's cost took ${Date.now() - t0} ms`);
    const id = (await page.textContent('.key-id strong')).trim();
    const key = await download(page, () => page.click('#download-secret'));
    const pub = await download(page, () => page.click('#download-public'));
    expect(path.basename(key) === `accord-secret-${id}.key` && path.basename(pub) === `accord-public-${id}.pub`,
      `file names ${path.basename(key)}, ${path.basename(pub)}`);
    expect(readFileSync(pub, 'utf8').startsWith(`untrusted comment: minisign public key ${id}\n`), 'public key comment');
    const raw = Buffer.from(readFileSync(key, 'utf8').split('\n')[1], 'base64');
    const ops = await page.getAttribute('#accord-keys', 'data-kdf-opslimit');
    const mem = await page.getAttribute('#accord-keys', 'data-kdf-memlimit');
    expect(raw.readBigUInt64LE(38) === BigInt(ops) && raw.readBigUInt64LE(46) === BigInt(mem),
      `scrypt limits ${raw.readBigUInt64LE(38)}/${raw.readBigUInt64LE(46)}, page says ${ops}/${mem}`);
    const mail = await page.getAttribute('#keys-result a[href^="mailto:"]', 'href');
    expect(mail && mail.includes(encodeURIComponent(readFileSync(pub, 'utf8').split('\n')[1])), `mailto holds the public key: ${mail}`);
    expect(!mail.includes(encodeURIComponent(readFileSync(key, 'utf8').split('\n')[1])), 'mailto holds no secret key');
    made = { key, pub, id };
    await screenshot(page, 'keys-made-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'keys-made-phone');
    await page.setViewportSize({ width: 1100, height: 900 });
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
  });

  await test('stock minisign and accord sign with a key made in the page', async () => {
    expect(made, 'no key was made');
    const msg = path.join(work, 'message.txt');
    writeFileSync(msg, 'signed with a key made in the browser\n');
    ok(run('sh', ['-c', `printf '%s\\n' "$PW" | minisign -S -s "$1" -m "$2" -x "$2.minisig"`, 'sh', made.key, msg],
      { env: { ...process.env, PW: PASSWORD } }), 'minisign -S');
    ok(run('minisign', ['-V', '-q', '-p', made.pub, '-m', msg, '-x', msg + '.minisig']), 'minisign -V');
  });

  await test('"Check my key" says whether the password is right', async () => {
    await page.setInputFiles('#check-key', made.key);
    await page.fill('#check-password', 'not the password');
    let said = await clickAndSettle(page, '#check-keys', 'check-status');
    expect(/password is not right/.test(said), said);
    await page.setInputFiles('#check-key', made.key);
    await page.fill('#check-password', PASSWORD);
    said = await clickAndSettle(page, '#check-keys', 'check-status');
    expect(said.includes(`password is right`) && said.includes(made.id), said);
    await page.setInputFiles('#check-key', path.join(ROOT, 'content/keys/amira.pub'));
    said = await clickAndSettle(page, '#check-keys', 'check-status');
    expect(/could not be unlocked: it is not a secret key file/.test(said), said);
  });

  await test('a key at minisign\'s default cost (1 GiB, from accord keygen) unlocks in the page', async () => {
    const key = path.join(work, 'default.key'), pub = path.join(work, 'default.pub');
    ok(run(ACCORD, ['keygen', '-p', pub, '-s', key, '--password-file', pwFile]), 'accord keygen');
    await page.setInputFiles('#check-key', key);
    await page.fill('#check-password', PASSWORD);
    const t0 = Date.now();
    const said = await clickAndSettle(page, '#check-keys', 'check-status');
    console.log(`# unlocking a key at minisign's default cost took ${Date.now() - t0} ms`);
    expect(/password is right/.test(said), said);
  });

  mentee = await lowCostPair(page, 'amira');
  mentor = await lowCostPair(page, 'ben');
  await context.close();
}

// The demo content with the two low-cost keys as amira's and ben's, and
// no bundles, built into site-signed.
function buildSignedContent() {
  content = path.join(work, 'content');
  cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  rmSync(path.join(content, 'bundles'), { recursive: true, force: true });
  rmSync(path.join(content, 'examples'), { recursive: true, force: true });
  mkdirSync(path.join(content, 'bundles'));
  cpSync(mentee.pub, path.join(content, 'keys/amira.pub'));
  cpSync(mentor.pub, path.join(content, 'keys/ben.pub'));
  signedSite = buildSite(content, 'site-signed');
}

const formUrl = (role) => fileUrl(path.join(signedSite, `public/forms/amira-ben-${role}.html`));

// accord sign on the answers inside bundle with key: the same bytes?
function sameAsCli(bundle, key, tz) {
  const dir = auditorAccepts(bundle, path.join(content, 'keys'), path.basename(key, '.key'));
  const cli = bundle.replace(/\.accord$/, '.cli.accord');
  ok(run(ACCORD, ['sign', '-s', key, '--password-file', pwFile, '-C', content, '-f', '-o', cli,
    path.join(dir, 'answers.xml')], { env: { ...process.env, TZ: tz } }), 'accord sign');
  expect(Buffer.compare(readFileSync(cli), readFileSync(bundle)) === 0, `the page's ${path.basename(bundle)} differs from accord sign's`);
}

async function signing(browser) {
  buildSignedContent();
  let menteeBundle = null;
  for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/St_Johns']) {
    await test(`the mentee signs on the form (time zone ${tz}): accord-verify, minisign and sha256sum accept it, and it equals accord sign's`, async () => {
      const context = await newContext(browser, { timezoneId: tz });
      const t0 = Date.now();
      const r = await signForm(context, formUrl('mentee'), EXAMPLES.mentee, mentee.key, PASSWORD, `mentee-${tz.replace('/', '-')}.accord`);
      console.log(`# unlocking (16 MiB) and signing took ${Date.now() - t0} ms`);
      expect(/^Signed/.test(r.status) && r.file, r.status);
      expect(r.status.includes('close this tab'), 'the page tells the person to close the tab');
      sameAsCli(r.file, mentee.key, tz);
      const stored = await r.page.evaluate(() => JSON.stringify(Object.entries(localStorage)) + JSON.stringify(Object.entries(sessionStorage)));
      expect(!stored.includes(PASSWORD) && !stored.includes(readFileSync(mentee.key, 'utf8').split('\n')[1]), 'a secret is in storage');
      expect(await r.page.inputValue('#sign-password') === '', 'the password field is cleared');
      if (tz === 'UTC') {
        const shots = path.join(OUT, 'screenshots');
        await screenshot(r.page, 'sign-desktop');
        await r.page.locator('.sign-answers').screenshot({ path: path.join(shots, 'sign-section-desktop.png') });
        await r.page.setViewportSize({ width: 390, height: 844 });
        await screenshot(r.page, 'sign-phone');
        await r.page.locator('.sign-answers').screenshot({ path: path.join(shots, 'sign-section-phone.png') });
        const found = await axeViolations(r.page);
        expect(found.length === 0, found.join('\n'));
      }
      menteeBundle = menteeBundle || r.file;
      await context.close();
    });
  }

  await test('the mentor signs on the form, and the mentor form verifies the mentee\'s bundle', async () => {
    const context = await newContext(browser);
    const r = await signForm(context, formUrl('mentor'), EXAMPLES.mentor, mentor.key, PASSWORD, 'mentor.accord');
    expect(/^Signed/.test(r.status), r.status);
    sameAsCli(r.file, mentor.key, 'UTC');
    const page = await context.newPage();
    await page.goto(formUrl('mentor') + '#all');
    await ready(page, 'review');
    await page.setInputFiles('#mentee-file', menteeBundle);
    await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
    const said = (await page.textContent('#mentee-status')).replace(/\s+/g, ' ');
    expect(said.includes('Signed by your mentee') && said.includes(mentee.id), said);
    await context.close();
  });

  await test('the mentor signs on the private review page (the questionnaire snapshot of the mentee\'s bundle)', async () => {
    const context = await newContext(browser);
    const r = await signForm(context, fileUrl(path.join(site, 'private/review/hugo-chen.html')),
      path.join(ROOT, 'content/examples/hugo-chen-mentor.xml'), path.join(ROOT, 'content/keys/demo-secret/chen.key'), '', 'review-chen.accord');
    expect(/^Signed/.test(r.status), r.status);
    const dir = auditorAccepts(r.file, path.join(ROOT, 'content/keys'), 'chen');
    const cli = path.join(work, 'review-chen.cli.accord');
    ok(run(ACCORD, ['sign', '-s', path.join(ROOT, 'content/keys/demo-secret/chen.key'), '-C', 'content', '-f', '-o', cli,
      path.join(dir, 'answers.xml')]), 'accord sign');
    expect(Buffer.compare(readFileSync(cli), readFileSync(r.file)) === 0, 'the review page\'s bundle differs from accord sign\'s');
    await context.close();
  });

  await test('wrong password, wrong key and a key file that is not one get plain messages', async () => {
    const context = await newContext(browser);
    let r = await signForm(context, formUrl('mentee'), EXAMPLES.mentee, mentee.key, 'wrong password');
    expect(/not signed: the password is not right for this key/.test(r.status), r.status);
    r = await signForm(context, formUrl('mentee'), EXAMPLES.mentee, mentor.key, PASSWORD);
    expect(/not the key the program has for you/.test(r.status) && r.status.includes(mentee.id), r.status);
    r = await signForm(context, formUrl('mentee'), EXAMPLES.mentee, mentee.pub, PASSWORD);
    expect(/not signed: it is not a secret key file/.test(r.status), r.status);
    await context.close();
  });

  await test('the mentor form refuses a tampered bundle in plain words, and one of another agreement', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(formUrl('mentor') + '#all');
    await ready(page, 'review');
    const load = async (file) => {
      await page.evaluate(() => { document.getElementById('mentee-status').textContent = ''; });
      await page.setInputFiles('#mentee-file', file);
      await page.waitForFunction(() => document.getElementById('mentee-status').textContent !== '');
      return (await page.textContent('#mentee-status')).replace(/\s+/g, ' ');
    };
    // one answer changed, the zip's checksums redone: only the signature can tell
    const members = bundleMembers(path.join(work, 'mentee-UTC.accord'), 'amira');
    const answers = members[1].data.toString('utf8');
    expect(answers.includes('<value>'), 'the answers have a <value>');
    members[1].data = Buffer.from(answers.replace('<value>', '<value>x'));
    const forged = path.join(work, 'tampered.accord');
    writeFileSync(forged, makeZip(members));
    expect(run(VERIFY, ['-r', path.join(content, 'keys'), forged]).status === 1, 'accord-verify refuses the tampered bundle');
    let said = await load(forged);
    expect(/was not used: /.test(said) && REFUSAL.changed.test(said), said);
    expect(jargonIn(said).length === 0, `the mentor reads ${jargonIn(said).join(', ')}: ${said}`);
    const refused = await menteeRefusal(page, forged);
    expect(refused && /contents do not match its MANIFEST/.test(refused.detail), `refused for ${JSON.stringify(refused)}`);
    // another agreement's mentee, signed with the demo key
    const other = path.join(work, 'dara-emil-mentee.accord');
    ok(run(ACCORD, ['sign', '-s', path.join(ROOT, 'content/keys/demo-secret/dara.key'), '-C', content, '-o', other,
      path.join(ROOT, 'content/examples/dara-emil-mentee.xml')]), 'accord sign dara');
    said = await load(other);
    expect(/belongs to agreement “dara-emil”, not “amira-ben”/.test(said), said);
    // the mentor's own bundle is not the mentee's
    said = await load(path.join(work, 'mentor.accord'));
    expect(/mentor’s answers bundle, not your mentee’s/.test(said), said);
    await context.close();
  });
}

// The signing kit, unpacked and opened from disk: it signs what a form
// saved for it, exactly as the form would have.
async function signingKit(browser) {
  const kitDir = path.join(work, 'kit');
  ok(run('unzip', ['-q', '-o', path.join(signedSite, 'public/signing-kit.zip'), '-d', kitDir]), 'unzip the kit');
  const kitUrl = fileUrl(path.join(kitDir, 'signing-kit/signing-kit.html'));
  const context = await newContext(browser);
  let prepared = null;

  await test('the form saves the answers for the kit, and the kit shows and signs exactly them', async () => {
    const form = await context.newPage();
    await form.goto(formUrl('mentee') + '#all');
    await ready(form, 'signAnswers');
    await form.setInputFiles('#prior-file', EXAMPLES.mentee);
    await form.waitForFunction(() => document.getElementById('prior-status').textContent !== '');
    await form.click('.form-actions button[type=submit]');
    await form.waitForSelector('#review:not([hidden])');
    prepared = await download(form, () => form.click('#kit-button'));
    expect(path.basename(prepared) === 'amira-ben-r1-mentee-unsigned.accord', path.basename(prepared));
    const page = await context.newPage();
    await page.goto(kitUrl);
    await ready(page, 'kit');
    await page.setInputFiles('#kit-answers', prepared);
    await page.waitForSelector('#kit-shown:not([hidden])');
    const shown = await page.textContent('#kit-shown');
    expect(shown.includes('How often should we meet one-on-one?') && shown.includes('Once a week') &&
      shown.includes('Tuesday mornings suit me best.'), 'the kit shows the questions, chosen labels and notes');
    await page.setInputFiles('#sign-key', mentee.key);
    await page.fill('#sign-password', PASSWORD);
    let file = null;
    const done = page.waitForEvent('download').then(async (d) => { file = path.join(work, 'kit-' + d.suggestedFilename()); await d.saveAs(file); });
    const said = await clickAndSettle(page, '#sign-button', 'sign-status');
    expect(/^Signed/.test(said), said);
    await done;
    expect(path.basename(file) === 'kit-amira-ben-r1-mentee.accord', path.basename(file));
    sameAsCli(file, mentee.key, 'UTC');
    const found = await axeViolations(page);
    expect(found.length === 0, found.join('\n'));
    await screenshot(page, 'kit-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'kit-phone');
  });

  await test('the kit refuses a prepared file whose parts disagree, and a signed bundle', async () => {
    const page = await context.newPage();
    await page.goto(kitUrl);
    await ready(page, 'kit');
    const members = ['META', 'answers.xml', 'questionnaire.xml'].map((name) => {
      const r = run('unzip', ['-p', prepared, name], { encoding: 'buffer' });
      return { name, data: Buffer.from(r.stdout) };
    });
    const load = async (file) => {
      await page.evaluate(() => { document.getElementById('kit-load-status').textContent = ''; });
      await page.setInputFiles('#kit-answers', file);
      await page.waitForFunction(() => document.getElementById('kit-load-status').textContent !== '');
      return (await page.textContent('#kit-load-status')).replace(/\s+/g, ' ');
    };
    const other = members.map((m) => (m.name === 'META' ? { ...m, data: Buffer.from(m.data.toString().replace('party: amira', 'party: ben')) } : m));
    writeFileSync(path.join(work, 'other-party-unsigned.accord'), makeZip(other));
    // the kit's reason for refusing file (the refusal's detail)
    const reason = (file) => page.evaluate((bytes) => {
      try {
        window.accord.kit.readPrepared(Uint8Array.from(bytes), window.accord.zip.limits(document.getElementById('accord-kit')));
        return null;
      } catch (e) {
        return e.detail;
      }
    }, Array.from(readFileSync(file)));
    const apart = /was not used: its parts do not belong together: it was changed after the form saved it\./;
    let said = await load(path.join(work, 'other-party-unsigned.accord'));
    expect(apart.test(said) && jargonIn(said).length === 0, said);
    expect(/its answers and its META disagree about “party”/.test(await reason(path.join(work, 'other-party-unsigned.accord'))), 'not refused for the party');
    const q = members.map((m) => (m.name === 'questionnaire.xml' ? { ...m, data: Buffer.concat([m.data, Buffer.from(' ')]) } : m));
    writeFileSync(path.join(work, 'other-questionnaire-unsigned.accord'), makeZip(q));
    said = await load(path.join(work, 'other-questionnaire-unsigned.accord'));
    expect(apart.test(said) && jargonIn(said).length === 0, said);
    expect(/its questionnaire is not the one its META names/.test(await reason(path.join(work, 'other-questionnaire-unsigned.accord'))), 'not refused for the questionnaire');
    said = await load(path.join(work, 'mentor.accord'));
    expect(/was not used: it is not a file of answers to sign\./.test(said) && jargonIn(said).length === 0, said);
  });
  await context.close();
}

// Nothing on any page of the demo site asks for anything but its own files.
async function noNetwork(browser) {
  await test('every page of the demo site loads with no request outside the site and carries its policy', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pages = [];
    const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) pages.push(p);
    });
    walk(path.join(site, 'public'));
    for (const p of pages) {
      await page.goto(fileUrl(p));
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      expect(csp && csp.includes("connect-src 'none'"), `${p}: no policy forbidding connections`);
    }
    await context.close();
  });
}

runWithBrowser(site !== null, keysPage, signing, signingKit, noNetwork);
