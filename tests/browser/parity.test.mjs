// Parity of the pages' verifier with accord-verify, in chromium:
// - every answers bundle of the verifier's negative matrix
//   (tests/cli/verify_matrix.sh, run here with MATRIX_OUT) gets the same
//   verdict from accord.bundle.verifyAnswers as the matrix expects of
//   accord-verify: refused or accepted, with keys made from the same key
//   arguments;
// - every agreement bundle checked by tests/cli/agreement_tamper.sh and
//   tests/cli/verify_agreement.sh (also run with MATRIX_OUT), and any of
//   the matrix's, gets from accord.agreement.verify the outcome
//   accord-verify gives: FAIL is Refused, OK returns with both parties in
//   `signed`, AWAITING returns with exactly the awaited parties missing
//   from it;
// - every Ed25519 edge vector of tests/fixtures/ed25519-edge.json gets the
//   verdict libsodium gives (tests/cli/ed25519_edge.sh checks that one)
//   from accord.minisign.verifyDetached.
// Cases that need an option of accord-verify the pages do not model are
// skipped and counted in a "# skipped" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ACCORD, OUT, ROOT, buildSite, expect, fileUrl, newContext, problem, run, runWithBrowser, test } from './lib.mjs';

const work = path.join(OUT, 'browser-parity');
// The scripts that record cases, each into a directory of its own.
const SCRIPTS = {
  matrix: 'tests/cli/verify_matrix.sh',
  tamper: 'tests/cli/agreement_tamper.sh',
  agreement: 'tests/cli/verify_agreement.sh'
};
const UNCLAIMED = 'no-party-claimed'; // the party of -p keys when META cannot be read

/* ---- the verifier's bounds: accord_verify.h's ZIPREAD_*, SIGNING_MONTHS_MAX */

// The value of enum constant name in accord_verify.h (a product of
// numbers, as "64 * 1024 * 1024").
function headerValue(header, name) {
  const m = header.match(new RegExp(`\\b${name}\\s*=\\s*([0-9][0-9 *]*)[,}]`));
  if (!m) throw new Error(`accord_verify.h has no ${name}`);
  return m[1].split('*').reduce((n, f) => n * Number(f.trim()), 1);
}

function verifierBounds() {
  const header = readFileSync(path.join(ROOT, 'verifier/verify/accord_verify.h'), 'utf8');
  const zip = (name) => headerValue(header, `ZIPREAD_${name}_MAX`);
  return {
    limits: { maxBytes: zip('FILE'), maxMembers: zip('MEMBERS'), maxName: zip('NAME'), maxExtra: zip('EXTRA') },
    monthsMax: headerValue(header, 'SIGNING_MONTHS_MAX')
  };
}

/* ---- the recorded cases --------------------------------------------------- */

// accord-verify, as tests/run gives it (ACCORD_VERIFY) or beside accord.
function verifierPath() {
  return path.resolve(ROOT, process.env.ACCORD_VERIFY || path.join(path.dirname(ACCORD), 'accord-verify'));
}

// Runs script (tests/cli/X.sh) with MATRIX_OUT=dir; returns its cases
// [{file, expected, what, args}].
function recordedCases(script, dir) {
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    ROOT,
    BIN: process.env.BIN || path.relative(ROOT, path.dirname(ACCORD)),
    ACCORD,
    ACCORD_VERIFY: verifierPath(),
    OUT: work,
    MATRIX_OUT: dir,
    TZ: 'UTC0',
    LC_ALL: 'C.UTF-8'
  };
  const r = run('bash', [script], { env });
  const failed = r.stdout.split('\n').filter((l) => l.startsWith('not ok'));
  if (r.status !== 0 || failed.length)
    problem(`${script} exited ${r.status}, its expectations of accord-verify are not all met\n` +
      `${failed.slice(0, 8).join('\n')}\n${r.stderr.slice(0, 800)}`);
  let tsv = '';
  try { tsv = readFileSync(path.join(dir, 'cases.tsv'), 'utf8'); } catch { /* counted as no case below */ }
  return tsv.split('\n').filter(Boolean).map((line) => {
    const [file, expected, what, args] = line.split('\t');
    return { file: path.join(dir, file), expected, what, args: (args || '').split(' ').filter(Boolean) };
  });
}

// Every script's cases, each marked with its source (a key of SCRIPTS).
function allCases() {
  rmSync(work, { recursive: true, force: true });
  return Object.entries(SCRIPTS).flatMap(([source, script]) =>
    recordedCases(script, path.join(work, source)).map((c) => ({ ...c, source })));
}

// META's kind and party as unzip reads them (whatever it manages to print
// of a hostile archive); {} when it cannot.
function metaOf(file) {
  const r = spawnSync('unzip', ['-p', file, 'META'], { encoding: 'latin1', maxBuffer: 1 << 20 });
  const field = (k) => { const m = (r.stdout || '').match(new RegExp(`^${k}: (.*)$`, 'm')); return m ? m[1] : undefined; };
  return { kind: field('kind'), party: field('party') };
}

// The key files of case c, as the pages get keys: [{party, file, bytes}];
// or {skip: reason} when it needs what the pages do not model. An
// agreement's keys are bound to parties (-r): accord-verify refuses a key
// for any party (-p) there, and the pages hold keys for named parties only.
function keyFiles(c, meta, agreement) {
  const out = [];
  for (let i = 0; i < c.args.length; i++) {
    const opt = c.args[i];
    if (opt === '-v' || opt === '--json') continue; // what it prints, not its verdict
    const arg = c.args[++i];
    if (arg === undefined || (opt !== '-p' && opt !== '-r'))
      return { skip: `needs accord-verify ${opt}, which the pages do not model` };
    if (opt === '-p' && agreement)
      return { skip: 'an agreement checked with -p (a key for any party), which the pages cannot be given' };
    if (opt === '-p') {
      // a key for any party: the pages hold it for the party META claims
      out.push({ party: meta.party || UNCLAIMED, file: arg, bytes: Array.from(readFileSync(arg)) });
    } else {
      for (const name of readdirSync(arg).sort()) {
        // keyring.c's key_file_party: "<party>.pub" or "<party>.<anything>.pub"
        const m = name.match(/^([a-z][a-z0-9-]{0,31})\.(?:.*\.)?pub$/);
        if (m) out.push({ party: m[1], file: path.join(arg, name), bytes: Array.from(readFileSync(path.join(arg, name))) });
      }
    }
  }
  return { keys: out };
}

/* ---- in the page ------------------------------------------------------------ */

// Runs in the page: the verdict of verifyAnswers, or for an agreement of
// agreement.verify, on the file chosen in #parity-bundle with the key files
// given (a key the page cannot parse is left out, as accord-verify leaves
// it out). An agreement accepted also says who has not countersigned it
// (unsigned: party ids).
async function verifyInPage({ keys, limits, monthsMax, agreement }) {
  const { accord } = window;
  const bytes = new Uint8Array(await document.getElementById('parity-bundle').files[0].arrayBuffer());
  const held = new Map(), unusable = [];
  for (const k of keys) {
    try {
      const pub = accord.minisign.parsePublicKey(Uint8Array.from(k.bytes));
      held.set(k.party, (held.get(k.party) || []).concat([pub]));
    } catch (err) {
      unusable.push(`key ${k.file}: ${err.detail || err.message}`);
    }
  }
  try {
    if (agreement) {
      const got = accord.agreement.verify(bytes, held, limits, monthsMax);
      const unsigned = [got.mentee, got.mentor].filter((p) => !got.signed.has(p));
      const signed = [...got.signed].map(([p, at]) => `${p} at ${at}`).join(', ') || 'nobody';
      return { verdict: 'accept', unsigned, detail: `agreement ${got.meta.get('agreement')}, signed by ${signed}`, unusable };
    }
    const got = accord.bundle.verifyAnswers(bytes, held, limits);
    return { verdict: 'accept', detail: `party ${got.meta.get('party')}, key ID ${got.keyId}`, unusable };
  } catch (err) {
    if (err instanceof accord.Refused) return { verdict: 'refuse', detail: err.detail, unusable };
    return { verdict: 'error', detail: String((err && err.stack) || err), unusable };
  }
}

// Runs in the page: verifyDetached's verdict on each vector (a string when
// it throws).
function vectorsInPage(vectors) {
  const fromHex = (h) => Uint8Array.from((h.match(/../g) || []).map((x) => parseInt(x, 16)));
  return vectors.map((v) => {
    try {
      return window.accord.minisign.verifyDetached(fromHex(v.sig), fromHex(v.msg), fromHex(v.pk));
    } catch (err) {
      return `threw ${(err && err.message) || err}`;
    }
  });
}

/* ---- the tests ---------------------------------------------------------------- */

let site = null, cases = [], bounds = null;
const started = Date.now();
try {
  bounds = verifierBounds();
  cases = allCases();
  site = buildSite('content', 'site-parity');
} catch (err) {
  problem(`setting up: ${err.stack || err}`);
}

// What accord-verify's outcome for case c means for the page: refuse,
// or accept with exactly the parties c awaits ("awaiting:ada,grace")
// not countersigned (none for accept).
function wanted(c) {
  const awaits = c.expected.match(/^awaiting:(.+)$/);
  if (awaits) return { verdict: 'accept', unsigned: awaits[1].split(',').sort() };
  return { verdict: c.expected, unsigned: [] };
}

// Checks answers-bundle case c in the page: its ok/not ok line.
async function compareAnswers(page, c, keys) {
  await page.setInputFiles('#parity-bundle', c.file);
  const got = await page.evaluate(verifyInPage, { keys, ...bounds, agreement: false });
  const said = `${got.verdict === 'accept' ? 'accepts' : got.verdict === 'refuse' ? 'refuses' : 'fails'}: ${got.detail}`;
  await test(`matrix: the page ${c.expected}s ${c.what} [${path.basename(c.file)}] (the page ${said.split('\n')[0]})`, async () => {
    expect(got.verdict === c.expected, `accord-verify is expected to ${c.expected} it; the page ${said}` +
      (got.unusable.length ? `\n${got.unusable.join('\n')}` : ''));
  });
}

// Checks agreement case c in the page: its ok/not ok line.
async function compareAgreement(page, c, keys) {
  const want = wanted(c);
  await page.setInputFiles('#parity-bundle', c.file);
  const got = await page.evaluate(verifyInPage, { keys, ...bounds, agreement: true });
  const said = `${got.verdict === 'accept' ? 'accepts' : got.verdict === 'refuse' ? 'refuses' : 'fails'}: ${got.detail}`;
  const outcome = want.verdict === 'refuse' ? 'refuses'
    : want.unsigned.length ? `accepts, awaiting ${want.unsigned.join(' and ')},` : 'accepts, signed by both,';
  const same = got.verdict === want.verdict &&
    (want.verdict !== 'accept' || got.unsigned.slice().sort().join() === want.unsigned.join());
  await test(`agreement (${path.basename(SCRIPTS[c.source])}): the page ${outcome} ${c.what} [${path.basename(c.file)}] (the page ${said.split('\n')[0]})`, async () => {
    if (same) return;
    const v = run(verifierPath(), [...c.args, c.file]);
    expect(false, `accord-verify's outcome: ${c.expected}; the page ${said}` +
      (got.unsigned ? ` (not countersigned by ${got.unsigned.join(', ') || 'anyone'})` : '') +
      `\nbundle ${c.file}, keys ${c.args.join(' ')}` +
      `\naccord-verify exits ${v.status}: ${(v.stdout + v.stderr).trim()}` +
      (got.unusable.length ? `\n${got.unusable.join('\n')}` : ''));
  });
}

async function matrixParity(page) {
  const skipped = new Map(); // reason -> count
  const compared = { answers: 0 }; // answers bundles; agreements by source
  for (const c of cases) {
    const meta = metaOf(c.file);
    const agreement = c.source !== 'matrix' || meta.kind === 'agreement';
    let k;
    try {
      k = keyFiles(c, meta, agreement);
    } catch (err) {
      await test(`${c.source}: ${c.what}: the keys ${c.args.join(' ')} are readable`, async () => { throw err; });
      continue;
    }
    if (k.skip) {
      skipped.set(k.skip, (skipped.get(k.skip) || 0) + 1);
      continue;
    }
    const counter = agreement ? c.source : 'answers';
    compared[counter] = (compared[counter] || 0) + 1;
    await (agreement ? compareAgreement(page, c, k.keys) : compareAnswers(page, c, k.keys));
  }
  for (const [reason, n] of skipped) console.log(`# skipped ${n}: ${reason}`);
  const agreements = Object.keys(SCRIPTS).reduce((n, source) => n + (compared[source] || 0), 0);
  console.log(`# ${compared.answers} matrix cases compared with accord-verify's expected verdicts`);
  console.log(`# ${agreements} agreement cases compared with accord-verify's outcomes (` +
    Object.keys(SCRIPTS).map((source) => `${compared[source] || 0} from ${SCRIPTS[source]}`).join(', ') + ')');
  await test('matrix: at least one case was compared', async () => {
    expect(compared.answers > 0, `no case compared (${cases.filter((c) => c.source === 'matrix').length} recorded in ${work}/matrix/cases.tsv)`);
  });
  await test('agreement: at least one agreement case was compared', async () => {
    expect(agreements > 0, `no agreement case compared (${cases.length - compared.answers} cases recorded in all)`);
  });
}

async function vectorParity(page) {
  const vectors = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/ed25519-edge.json'), 'utf8'));
  const verdicts = await page.evaluate(vectorsInPage, vectors);
  for (const [i, v] of vectors.entries()) {
    const got = verdicts[i], want = v.libsodium ? 'accepts' : 'refuses';
    const said = got === true ? 'accepts' : got === false ? 'refuses' : got;
    await test(`ed25519: ${v.name} (libsodium and the page ${v.libsodium ? 'accept' : 'refuse'})`, async () => {
      expect(got === v.libsodium, `libsodium ${want}; verifyDetached ${said}`);
    });
  }
  console.log(`# ${vectors.length} Ed25519 edge vectors compared with libsodium's verdicts`);
  await test('ed25519: at least one vector was compared', async () => { expect(vectors.length > 0, 'no vector'); });
}

await runWithBrowser(site !== null, async (browser) => {
  const ctx = await newContext(browser);
  try {
    const page = await ctx.newPage();
    await page.goto(fileUrl(path.join(site, 'public/forms/index.html')));
    await page.waitForFunction(() => window.accord && window.accord.bundle && window.accord.minisign && window.accord.agreement);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'parity-bundle';
      input.hidden = true;
      document.body.append(input);
    });
    await matrixParity(page);
    await vectorParity(page);
  } finally {
    await ctx.close();
  }
  console.log(`# ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
