// Shared helpers of the browser tests (tests/browser/*.test.mjs).
//
// Each test file is run by tests/run as `node tests/browser/<name>.test.mjs`
// from the repository root, with ACCORD (the built accord binary) and OUT (a
// scratch directory) in the environment. It launches Debian's chromium once,
// builds the demo site with `$ACCORD build`, and prints "ok - what" or
// "not ok - what" (with "# detail" lines) per test; it exits non-zero when
// any test failed.
//
// ACCORD_TEST_SITE=DIR (a development aid) makes the tests use an already
// built site root instead of building one.
//
// Pages are loaded from file:// only. Every browser context gets a guard:
// any request to anything but file:, blob:, data: or about: is aborted and
// fails the test that was running, since pages must never reach a network.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = process.env.ROOT || path.resolve(HERE, '../..');
export const OUT = path.resolve(process.env.OUT || path.join(ROOT, 'tests/out/browser'));
export const ACCORD = path.resolve(ROOT, process.env.ACCORD || 'bin/accord');
export const AXE_PATH = path.join(HERE, 'node_modules/axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const LOCAL_SCHEMES = /^(file|blob|data|about):/;

let failures = 0;
let count = 0;
let current = null; // the test running now, so the request guard can blame it

/** Runs one test: prints "ok - name", or "not ok - name" and "# " details. */
export async function test(name, fn) {
  const state = { problems: [] };
  current = state;
  count++;
  try {
    await fn();
  } catch (err) {
    state.problems.push(String((err && err.stack) || err));
  }
  current = null;
  if (state.problems.length === 0) {
    console.log(`ok - ${name}`);
  } else {
    failures++;
    console.log(`not ok - ${name}`);
    for (const p of state.problems)
      for (const line of p.split('\n').slice(0, 12)) console.log(`# ${line}`);
  }
}

/** Records a failure of the running test (or of the file, between tests). */
export function problem(text) {
  if (current) current.problems.push(text);
  else {
    failures++;
    console.log(`not ok - ${text}`);
  }
}

/** Throws when cond is false; message says what was expected. */
export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the summary comment and sets the exit status. */
export function finish() {
  console.log(`# ${count - failures} of ${count} passed`);
  process.exitCode = failures ? 1 : 0;
}

/** Runs a command; returns {status, stdout, stderr}. */
// Launches one browser, runs each step with it in turn, closes it, then
// prints the summary and exits (finish). An error a step throws counts as one
// failure. When ready is false (the site could not be built, which was
// already reported), no browser starts.
export async function runWithBrowser(ready, ...steps) {
  if (ready) {
    let browser;
    try {
      browser = await launch();
      for (const step of steps) await step(browser);
    } catch (err) {
      problem(`browser run: ${err.stack || err}`);
    } finally {
      if (browser) await browser.close();
    }
  }
  finish();
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT, ...opts });
  return { status: r.status, stdout: r.stdout || '', stderr: (r.stderr || '') + (r.error ? String(r.error) : '') };
}

/**
 * Builds the site of content directory contentDir into OUT/<name> with
 * `$ACCORD build` and returns the site root (holding public/ and private/).
 * Throws with accord's own messages when the build fails.
 */
export function buildSite(contentDir = 'content', name = 'site') {
  const site = path.join(OUT, name);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const r = run(ACCORD, ['build', '-C', contentDir, '-o', site]);
  if (r.status !== 0)
    throw new Error(`${ACCORD} build -C ${contentDir} -o ${site} exited ${r.status}\n${r.stderr}${r.stdout}`);
  return site;
}

/** The demo's example answers of agreement amira-ben (content/examples/). */
export const EXAMPLES = {
  mentee: 'content/examples/amira-ben-mentee.xml',
  mentor: 'content/examples/amira-ben-mentor.xml'
};

/**
 * Makes a copy of contentDir in OUT/<name>-content whose bundles/ holds
 * answers bundles signed here with the demo keys (content/keys/demo-secret/)
 * from the answers files named in signed ({file, party} pairs, paths
 * relative to the repository root), then builds it into OUT/<name>.
 * Returns {content, site, bundles: [paths]}; throws with accord's messages.
 */
export function buildSignedSite(name, signed, contentDir = 'content') {
  const content = path.join(OUT, `${name}-content`);
  rmSync(content, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  cpSync(path.resolve(ROOT, contentDir), content, { recursive: true });
  // bundles committed to the content (the demo's) would decide the pages' state, not this test;
  // its example answers of later revisions follow those bundles, so they go too
  rmSync(path.join(content, 'examples'), { recursive: true, force: true });
  const bundleDir = path.join(content, 'bundles');
  rmSync(bundleDir, { recursive: true, force: true });
  mkdirSync(bundleDir, { recursive: true });
  const bundles = [];
  for (const { file, party } of signed) {
    const key = path.join(ROOT, 'content/keys/demo-secret', `${party}.key`);
    const out = path.join(bundleDir, path.basename(file).replace(/\.xml$/, '.accord'));
    const r = run(ACCORD, ['sign', '-s', key, '-C', content, file, '-o', out]);
    if (r.status !== 0) throw new Error(`${ACCORD} sign -s ${key} ${file} exited ${r.status}\n${r.stderr}${r.stdout}`);
    bundles.push(out);
  }
  return { content, site: buildSite(content, name), bundles };
}

/* ---- words people read -------------------------------------------------- */

/**
 * Terms of the file formats and the cryptography that text shown to
 * mentees and mentors never uses: they belong to accord-verify and the
 * command line. What a page quotes (“file name”, “id”) is not its words
 * and is left out of the check.
 */
export const JARGON = /MANIFEST|\bMETA\b|minisig|Ed25519|SHA-?256|digest|checksum|trusted comment|\bzip\b|archive|central directory|local header|DOCTYPE|\bXML\b|UTF-8|base64/gi;

/** The jargon words in text, quoted names aside (none: plain words). */
export function jargonIn(text) {
  return [...text.replace(/“[^”]*”/g, '“”').matchAll(JARGON)].map((m) => m[0]);
}

/** What the page scripts tell people when they refuse a file, by kind
 * (accord.refuses in themes/default/core.js). */
export const REFUSAL = {
  damaged: /it is damaged, or it is not an answers or agreement file/,
  changed: /it was changed after it was signed/,
  altered: /it was changed after the program made it/
};

/**
 * Reads file as the mentor form open on page reads the mentee's file
 * (accord.menteeFile); returns null when it is used, else the refusal's
 * {message (what people read), detail (the technical reason)}.
 */
export async function menteeRefusal(page, file) {
  return page.evaluate(async ([name, bytes]) => {
    const reader = window.accord.menteeFile.reader(document.getElementById('accord-form'));
    try {
      await reader.read(name, Uint8Array.from(bytes));
      return null;
    } catch (e) {
      if (!(e instanceof window.accord.Refused)) throw e;
      return { message: e.message, detail: e.detail };
    }
  }, [path.basename(file), Array.from(readFileSync(file))]);
}

/* ---- archives made by the tests (stored unless told) ------------------- */

export function u16(n) { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }
export function u32(n) { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; }

/**
 * Returns the bytes of a zip archive of entries ([{name, data, method?,
 * localName?}], in that order): stored members unless method is 8
 * (deflate), localName (if given) written in the local header instead of name.
 */
export function makeZip(entries) {
  const locals = [], centrals = [];
  let off = 0;
  for (const e of entries) {
    const method = e.method || 0;
    const body = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const crc = zlib.crc32(e.data);
    const name = Buffer.from(e.name, 'latin1');
    const lname = Buffer.from(e.localName || e.name, 'latin1');
    const common = [u16(0), u16(method), u16(0), u16(0x5321), u32(crc), u32(body.length), u32(e.data.length)];
    const local = Buffer.concat([u32(0x04034b50), u16(20), ...common, u16(lname.length), u16(0), lname, body]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), u16(20), ...common, u16(name.length), u16(0), u16(0),
      u16(0), u16(0), u32(0), u32(off), name]));
    locals.push(local);
    off += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length),
    u32(cd.length), u32(off), u16(0)]);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The members of the answers bundle of party at path bundle, read with
 * unzip, in the order makeZip takes: [{name, data}].
 */
export function bundleMembers(bundle, party) {
  const names = ['META', 'answers.xml', 'questionnaire.xml', 'MANIFEST', `signatures/${party}.minisig`];
  return names.map((name) => {
    const r = spawnSync('unzip', ['-p', bundle, name], { cwd: ROOT });
    if (r.status !== 0) throw new Error(`unzip -p ${bundle} ${name} failed`);
    return { name, data: Buffer.from(r.stdout) };
  });
}

/**
 * Signs an answers bundle with the page scripts of page (any built page):
 * META bytes meta, answers and questionnaire bytes, with the unencrypted
 * secret key file keyFile. Returns the bundle's bytes (a Buffer).
 */
export async function signInPage(page, keyFile, meta, answers, questionnaire) {
  const out = await page.evaluate(async ([k, m, a, q]) => {
    const u8 = (x) => new Uint8Array(x);
    const key = await window.accord.minisign.unlock(window.accord.minisign.parseSecretKey(u8(k)), '');
    return Array.from(window.accord.bundle.write(key, window.accord.bundle.metaParse(u8(m)), u8(a), u8(q)));
  }, [readFileSync(keyFile), meta, answers, questionnaire].map((b) => Array.from(b)));
  return Buffer.from(out);
}

/** Returns the file:// URL of path p. */
export function fileUrl(p) {
  return pathToFileURL(p).href;
}

/**
 * Launches Debian's chromium headless. playwright gives every launch a new,
 * empty temporary profile (it refuses --user-data-dir in args), and each
 * test's context has its own storage on top of that.
 */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (make deps-test installs chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // no sandbox (the tests may run as root), and none of chromium's own
    // background traffic: pages must make no request at all
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions'
    ],
    timeout: 60000
  });
}

/**
 * Returns a new context (own storage, so no draft carries over) whose pages
 * fail the running test on any non-local request, script error or console
 * error. Downloads are accepted. With watch false, script and console
 * errors are left to the test (a test that expects a page error collects
 * them itself); a non-local request still fails it. origin (e.g.
 * "http://127.0.0.1:PORT") allows the requests of a test's own server.
 */
export async function newContext(browser, opts = {}, { watch = true, origin = null } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 }, ...opts });
  // Generous: a loaded two-core machine renders long pages slowly, and a
  // time-out here says nothing about the page.
  context.setDefaultTimeout(30000);
  // origin: a test's own static server on loopback, whose pages may load from it
  const allowed = (u) => LOCAL_SCHEMES.test(u) || (origin !== null && u.startsWith(origin + '/'));
  await context.route((url) => !allowed(url.href), (route) => {
    problem(`page requested ${route.request().url()} (only file:// is allowed)`);
    route.abort();
  });
  context.on('request', (req) => {
    if (!allowed(req.url())) problem(`page requested ${req.url()} (only file:// is allowed)`);
  });
  if (watch) context.on('page', (page) => watchPage(page));
  return context;
}

function watchPage(page) {
  page.on('pageerror', (err) => problem(`script error on ${page.url()}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problem(`console error on ${page.url()}: ${msg.text()}`);
  });
}

/**
 * Runs axe-core on page; returns the violations as readable lines (empty
 * when there are none).
 */
export async function axeViolations(page) {
  // evaluated by the test driver, not added as a <script>: the pages' own
  // Content-Security-Policy allows no inline script
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  const violations = await page.evaluate(async () => {
    // axe-core, injected above, is a global of the page; preload: false, as
    // axe would otherwise fetch the style sheets again, which file:// pages
    // refuse (and log as errors)
    const r = await window.axe.run(document, { resultTypes: ['violations'], preload: false });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\n').slice(1, 2).join(''))
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.join('\n  ')}`);
}

/**
 * Saves a full-page screenshot as OUT/screenshots/<name>.png; name may hold
 * a folder ("steps-walk/01-first").
 */
export async function screenshot(page, name) {
  const file = path.join(OUT, 'screenshots', `${name}.png`);
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, timeout: 60000 });
  return file;
}

/**
 * Exports the answers of the form on page (through "check your answers")
 * into dir/name; returns {file, suggested, xml}. Throws with the error
 * summary's text when the form does not validate.
 */
export async function exportAnswers(page, dir, name) {
  if (await page.isHidden('#review')) await page.click('.form-actions button[type=submit]');
  await page.waitForSelector('#review:not([hidden])', { timeout: 30000 }).catch(async () => {
    throw new Error(`no "check your answers" step: ${await page.textContent('#error-summary')}`);
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-answers')]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return { file, suggested: download.suggestedFilename(), xml: readFileSync(file, 'utf8') };
}

/** The flag beside question qid: {kind, text, icon}; kind '' when none shows. */
export async function flagOf(page, qid) {
  return page.evaluate((id) => {
    const p = document.querySelector(`#q-${id} .mentee-answer .agreement-flag`);
    if (!p || p.hidden) return { kind: '', text: '', icon: '' };
    const kind = ['conflict', 'discuss', 'same'].find((k) => p.classList.contains(`flag-${k}`)) || '?';
    const icon = p.querySelector('[aria-hidden="true"]');
    return { kind, text: p.textContent.replace(/\s+/g, ' ').trim(), icon: icon ? icon.textContent : '' };
  }, qid);
}

/** How many flags of each kind show on page: {conflict, discuss, same}. */
export async function flagCounts(page) {
  return page.evaluate(() => {
    const c = { conflict: 0, discuss: 0, same: 0 };
    for (const p of document.querySelectorAll('.mentee-answer .agreement-flag:not([hidden])'))
      for (const k of Object.keys(c)) if (p.classList.contains(`flag-${k}`)) c[k]++;
    return c;
  });
}

/** The text of the review summary (white space collapsed). */
export async function summaryText(page) {
  return (await page.textContent('.review-summary')).replace(/\s+/g, ' ').trim();
}

/**
 * Runs axe-core on page and on a fresh page of url in the dark colour
 * scheme; returns the violations of both (dark ones marked).
 */
export async function axeLightDark(browser, page, url) {
  const found = await axeViolations(page);
  // axe is injected as a script: past any Content-Security-Policy the page has
  const dark = await newContext(browser, { colorScheme: 'dark', bypassCSP: true });
  try {
    const p = await dark.newPage();
    await p.goto(url);
    return found.concat((await axeViolations(p)).map((x) => `dark: ${x}`));
  } finally {
    await dark.close();
  }
}
