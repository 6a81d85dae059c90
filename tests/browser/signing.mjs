// Shared steps of the browser tests that make keys and sign in the page
// (sign, countersign, personal-cycle): downloads, status messages,
// low-cost key pairs, signing on a form, countersigning as the C tool
// does, and checking a bundle as an auditor would (accord-verify, unzip,
// minisign -V, sha256sum -c). Files go to the folder work each test file
// chooses with useWorkFolder().
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCORD, OUT, ROOT, expect, run } from './lib.mjs';

export const VERIFY = path.resolve(ROOT, process.env.ACCORD_VERIFY || 'bin/accord-verify');
export const PASSWORD = 'correct horse battery staple';
export const LOW_COST = { opslimit: 524288, memlimit: 16777216 }; // N = 2^14, r = 8, p = 1: 16 MiB

let work = null;

/** Makes OUT/name empty and the folder of what follows; returns its path
 * and writes PASSWORD to its file "password". */
export function useWorkFolder(name) {
  work = path.join(OUT, name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(path.join(work, 'password'), PASSWORD + '\n');
  return work;
}

/** Waits until the page script part what has loaded. */
export async function ready(page, what) {
  await page.waitForFunction((w) => window.accord && window.accord[w], what);
}

/** Saves the download that action starts as work/name (the suggested name
 * when null); returns the path. */
export async function download(page, action, name = null) {
  const [d] = await Promise.all([page.waitForEvent('download'), action()]);
  const file = path.join(work, name || d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

/** The status text of element id once it says something and no longer
 * that it is working. */
export async function settled(page, id) {
  await page.waitForFunction((i) => {
    const t = document.getElementById(i).textContent;
    return t !== '' && !/…/.test(t);
  }, id, { timeout: 120000 });
  return (await page.textContent('#' + id)).replace(/\s+/g, ' ');
}

/** Clears status element id, clicks button and returns the status once
 * settled. */
export async function clickAndSettle(page, button, id) {
  await page.evaluate((i) => { document.getElementById(i).textContent = ''; }, id);
  await page.click(button);
  return settled(page, id);
}

/** A key pair made in page (any built page) at LOW_COST, written as
 * work/base.key and work/base.pub: {key, pub, id}. */
export async function lowCostPair(page, base) {
  const pair = await page.evaluate(([pw, cost]) => window.accord.minisign.generate(pw, cost), [PASSWORD, LOW_COST]);
  writeFileSync(path.join(work, base + '.key'), pair.secretKeyFile);
  writeFileSync(path.join(work, base + '.pub'), pair.publicKeyFile);
  return { key: path.join(work, base + '.key'), pub: path.join(work, base + '.pub'), id: pair.id };
}

/** Throws unless the command result r exited 0. */
export function ok(r, what) {
  expect(r.status === 0, `${what} exited ${r.status}: ${r.stderr}${r.stdout}`);
}

/** Checks bundle as an auditor would: accord-verify with the keys folder,
 * then unzip, minisign -V on MANIFEST for each party's signature and
 * sha256sum -c. Returns the folder it was unpacked into. */
export function auditorAccepts(bundle, keysDir, ...parties) {
  ok(run(VERIFY, ['-r', keysDir, bundle]), `accord-verify -r ${keysDir} ${bundle}`);
  const dir = bundle + '.d';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  ok(run('unzip', ['-q', bundle, '-d', dir]), 'unzip');
  for (const party of parties)
    ok(run('minisign', ['-V', '-q', '-p', path.join(keysDir, party + '.pub'), '-m', path.join(dir, 'MANIFEST'),
      '-x', path.join(dir, 'signatures', party + '.minisig')]), `minisign -V (${party})`);
  ok(run('sha256sum', ['-c', '--quiet', 'MANIFEST'], { cwd: dir }), 'sha256sum -c MANIFEST');
  return dir;
}

/** Fills the form at url from the answers file prior, goes to "check your
 * answers", and signs with keyFile and password: {page, status, file}. */
export async function signForm(context, url, prior, keyFile, password, name) {
  const page = await context.newPage();
  await page.goto(url + '#all');
  return signOpenForm(page, prior, keyFile, password, name);
}

/** signForm on a form already open on page, all its sections shown. */
export async function signOpenForm(page, prior, keyFile, password, name) {
  await ready(page, 'signAnswers');
  await page.setInputFiles('#prior-file', prior);
  await page.waitForFunction(() => document.getElementById('prior-status').textContent !== '');
  await page.click('.form-actions button[type=submit]');
  await page.waitForSelector('#review:not([hidden])');
  await page.setInputFiles('#sign-key', keyFile);
  await page.fill('#sign-password', password);
  let file = null;
  const done = page.waitForEvent('download', { timeout: 120000 }).then(async (d) => {
    file = path.join(work, name || d.suggestedFilename());
    await d.saveAs(file);
  }).catch(() => {});
  const status = await clickAndSettle(page, '#sign-button', 'sign-status');
  if (/^Signed/.test(status)) await done;
  return { page, status, file };
}

/** The signed= time of party's countersignature in bundle (seconds). */
export function signedAt(bundle, party) {
  const r = run('unzip', ['-p', bundle, `signatures/${party}.minisig`]);
  const m = / signed=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/m.exec(r.stdout);
  expect(m, `no signed= time in ${party}'s countersignature`);
  return Date.parse(m[1]) / 1000;
}

/** The byte-for-byte check: accord sign --countersign -C content on input
 * with key at the browser's signed= time gives signed. */
export function countersignedAsCli(content, input, signed, key, party) {
  const cli = signed.replace(/\.accord$/, '.cli.accord');
  ok(run(ACCORD, ['sign', '--countersign', '-s', key, '--password-file', path.join(work, 'password'), '-C', content, '-f', '-o', cli, input],
    { env: { ...process.env, SOURCE_DATE_EPOCH: String(signedAt(signed, party)) } }), 'accord sign --countersign');
  expect(Buffer.compare(readFileSync(cli), readFileSync(signed)) === 0, `the page's ${path.basename(signed)} differs from accord sign --countersign's`);
}
