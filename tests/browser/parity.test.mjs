// Parity of the pages' verifier with accord-verify, in chromium:
// - every answers bundle of the verifier's negative matrix
//   (tests/cli/verify_matrix.sh, run here with MATRIX_OUT) gets the same
//   verdict from accord.bundle.verifyAnswers as the matrix expects of
//   accord-verify: refused or accepted, with keys made from the same key
//   arguments;
// - every Ed25519 edge vector of tests/fixtures/ed25519-edge.json gets the
//   verdict libsodium gives (tests/cli/ed25519_edge.sh checks that one)
//   from accord.minisign.verifyDetached.
// Agreement bundles, and cases that need an option of accord-verify the
// pages do not model, are skipped and counted in a "# skipped" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ACCORD, OUT, ROOT, buildSite, expect, fileUrl, newContext, problem, run, runWithBrowser, test } from './lib.mjs';

const work = path.join(OUT, 'browser-parity');
const matrixDir = path.join(work, 'matrix');
const UNCLAIMED = 'no-party-claimed'; // the party of -p keys when META cannot be read

/* ---- the archive limits: accord_verify.h's ZIPREAD_* ------------------ */

function zipLimits() {
  const header = readFileSync(path.join(ROOT, 'verifier/verify/accord_verify.h'), 'utf8');
  const value = (name) => {
    const m = header.match(new RegExp(`\\bZIPREAD_${name}_MAX\\s*=\\s*([0-9][0-9 *]*),`));
    if (!m) throw new Error(`accord_verify.h has no ZIPREAD_${name}_MAX`);
    return m[1].split('*').reduce((n, f) => n * Number(f.trim()), 1);
  };
  return { maxBytes: value('FILE'), maxMembers: value('MEMBERS'), maxName: value('NAME'), maxExtra: value('EXTRA') };
}

/* ---- the matrix's cases --------------------------------------------------- */

// Runs verify_matrix.sh with MATRIX_OUT; returns its cases
// [{file, expected, what, args}].
function matrixCases() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(matrixDir, { recursive: true });
  const verifier = process.env.ACCORD_VERIFY || path.join(path.dirname(ACCORD), 'accord-verify');
  const env = {
    ...process.env,
    ROOT,
    BIN: process.env.BIN || path.relative(ROOT, path.dirname(ACCORD)),
    ACCORD,
    ACCORD_VERIFY: path.resolve(ROOT, verifier),
    OUT: work,
    MATRIX_OUT: matrixDir,
    TZ: 'UTC0',
    LC_ALL: 'C.UTF-8'
  };
  const r = run('bash', ['tests/cli/verify_matrix.sh'], { env });
  const failed = r.stdout.split('\n').filter((l) => l.startsWith('not ok'));
  if (r.status !== 0 || failed.length)
    problem(`tests/cli/verify_matrix.sh exited ${r.status}, its expectations of accord-verify are not all met\n` +
      `${failed.slice(0, 8).join('\n')}\n${r.stderr.slice(0, 800)}`);
  let tsv = '';
  try { tsv = readFileSync(path.join(matrixDir, 'cases.tsv'), 'utf8'); } catch { /* counted as no case below */ }
  return tsv.split('\n').filter(Boolean).map((line) => {
    const [file, expected, what, args] = line.split('\t');
    return { file: path.join(matrixDir, file), expected, what, args: (args || '').split(' ').filter(Boolean) };
  });
}

// META's kind and party as unzip reads them (whatever it manages to print
// of a hostile archive); {} when it cannot.
function metaOf(file) {
  const r = spawnSync('unzip', ['-p', file, 'META'], { encoding: 'latin1', maxBuffer: 1 << 20 });
  const field = (k) => { const m = (r.stdout || '').match(new RegExp(`^${k}: (.*)$`, 'm')); return m ? m[1] : undefined; };
  return { kind: field('kind'), party: field('party') };
}

// The key files of case c, as the pages get keys: [{party, file, bytes}];
// or {skip: reason} when it needs what the pages do not model.
function keyFiles(c, meta) {
  const out = [];
  for (let i = 0; i < c.args.length; i++) {
    const opt = c.args[i];
    if (opt === '-v' || opt === '--json') continue; // what it prints, not its verdict
    const arg = c.args[++i];
    if (arg === undefined || (opt !== '-p' && opt !== '-r'))
      return { skip: `needs accord-verify ${opt}, which the pages do not model` };
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

// Runs in the page: the verdict of verifyAnswers on the file chosen in
// #parity-bundle with the key files given (a key the page cannot parse is
// left out, as accord-verify leaves it out).
async function verifyInPage({ keys, limits }) {
  const { accord } = window;
  const bytes = new Uint8Array(await document.getElementById('parity-bundle').files[0].arrayBuffer());
  const held = new Map(), unusable = [];
  for (const k of keys) {
    try {
      const pub = accord.minisign.parsePublicKey(Uint8Array.from(k.bytes));
      held.set(k.party, (held.get(k.party) || []).concat([pub]));
    } catch (err) {
      unusable.push(`key ${k.file}: ${err.message}`);
    }
  }
  try {
    const got = accord.bundle.verifyAnswers(bytes, held, limits);
    return { verdict: 'accept', detail: `party ${got.meta.get('party')}, key ID ${got.keyId}`, unusable };
  } catch (err) {
    if (err instanceof accord.Refused) return { verdict: 'refuse', detail: err.message, unusable };
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

let site = null, cases = [], limits = null;
const started = Date.now();
try {
  limits = zipLimits();
  cases = matrixCases();
  site = buildSite('content', 'site-parity');
} catch (err) {
  problem(`setting up: ${err.stack || err}`);
}

async function matrixParity(page) {
  const skipped = new Map(); // reason -> count
  let compared = 0;
  for (const c of cases) {
    const meta = metaOf(c.file);
    let k;
    try {
      k = meta.kind === 'agreement' ? { skip: 'an agreement bundle (the pages verify answers bundles only)' } : keyFiles(c, meta);
    } catch (err) {
      await test(`matrix: ${c.what}: the keys ${c.args.join(' ')} are readable`, async () => { throw err; });
      continue;
    }
    if (k.skip) {
      skipped.set(k.skip, (skipped.get(k.skip) || 0) + 1);
      continue;
    }
    compared++;
    await page.setInputFiles('#parity-bundle', c.file);
    const got = await page.evaluate(verifyInPage, { keys: k.keys, limits });
    const said = `${got.verdict === 'accept' ? 'accepts' : got.verdict === 'refuse' ? 'refuses' : 'fails'}: ${got.detail}`;
    await test(`matrix: the page ${c.expected}s ${c.what} [${path.basename(c.file)}] (the page ${said.split('\n')[0]})`, async () => {
      expect(got.verdict === c.expected, `accord-verify is expected to ${c.expected} it; the page ${said}` +
        (got.unusable.length ? `\n${got.unusable.join('\n')}` : ''));
    });
  }
  for (const [reason, n] of skipped) console.log(`# skipped ${n}: ${reason}`);
  console.log(`# ${compared} matrix cases compared with accord-verify's expected verdicts`);
  await test('matrix: at least one case was compared', async () => {
    expect(compared > 0, `no case compared (${cases.length} recorded in ${matrixDir}/cases.tsv)`);
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
    await page.waitForFunction(() => window.accord && window.accord.bundle && window.accord.minisign);
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
