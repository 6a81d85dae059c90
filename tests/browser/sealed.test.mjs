// Sealed personal pages in the browser: a page of the built demo site,
// loaded from file://, opens with accord.sealed.open every sealed page of
// tests/fixtures/sealed-vectors.json (written by accord's C code,
// tests/unit/test_seal.c) into exactly its bytes, and refuses a wrong key,
// another page name, a flipped byte and a truncated page with a plain
// accord.Refused; accord.sealed.keyFromFragment reads each vector's link
// fragment and refuses missing, short and malformed keys. The derivations
// and the nonce are recomputed here from their definitions (seal.h) with
// the page's own BLAKE2b, so the written rules, C and the page agree. The
// time open takes for a 64 KiB and a 1 MiB page is printed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildSite, expect, fileUrl, newContext, runWithBrowser, test } from './lib.mjs';

const vectors = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/sealed-vectors.json'), 'utf8'));

let site = null;
try {
  site = buildSite('content', 'site-sealed');
} catch (err) {
  console.log(`not ok - build the demo site: ${err.message}`);
}

// In the page: shared helpers, installed once as window.t.
function helpers() {
  const fromHex = (h) => Uint8Array.from((h.match(/../g) || []).map((x) => parseInt(x, 16)));
  const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  // The refusal's name and message, or what opened instead.
  const attempt = (fn) => {
    try {
      const r = fn();
      return { opened: true, value: r instanceof Uint8Array ? toHex(r) : String(r) };
    } catch (err) {
      return { opened: false, refused: err instanceof window.accord.Refused, message: String(err.message) };
    }
  };
  // seal.h's sealing, written out again here from @noble/ciphers and
  // @noble/hashes: pads to the bucket, derives the nonce, encrypts.
  const seal = (key, name, page) => {
    const c = window.accordCrypto();
    const enc = new TextEncoder();
    let bucket = 1024;
    while (bucket <= page.length) bucket *= 2;
    const padded = new Uint8Array(bucket);
    padded.set(page);
    padded[page.length] = 0x80;
    const nkey = c.blake2b(enc.encode('accord-nonce/1'), { key, dkLen: 32 });
    const nameBytes = enc.encode(name);
    const msg = new Uint8Array(nameBytes.length + 1 + bucket);
    msg.set(nameBytes);
    msg.set(padded, nameBytes.length + 1);
    const nonce = c.blake2b(msg, { key: nkey, dkLen: 32 }).subarray(0, 24);
    const ad = enc.encode('accord-page/1' + name);
    const ct = c.xchacha20poly1305(key, nonce, ad).encrypt(padded);
    const out = new Uint8Array(24 + ct.length);
    out.set(nonce);
    out.set(ct, 24);
    return out;
  };
  window.t = { fromHex, toHex, attempt, seal };
}

// A plain message: a sentence for a person, not a library's words.
const PLAIN = /^[a-z][^\n]{10,200}$/;
const TECHNICAL = /undefined|null|object|Uint8Array|TypeError|RangeError|tag|invalid|expected|stack/i;
function plainRefusal(r, what) {
  expect(!r.opened, `${what}: it opened (${(r.value || '').slice(0, 40)}…)`);
  expect(r.refused, `${what}: not an accord.Refused: ${r.message}`);
  expect(PLAIN.test(r.message) && !TECHNICAL.test(r.message), `${what}: the message is not plain: ${r.message}`);
}

await runWithBrowser(site !== null, async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(fileUrl(path.join(site, 'public/index.html')));
  await page.evaluate(helpers);

  await test('every page lists sealed.js after crypto.js and minisign.js', async () => {
    const html = readFileSync(path.join(site, 'public/index.html'), 'utf8');
    const at = (f) => html.indexOf(`<script src="assets/${f}"`);
    expect(at('sealed.js') > at('minisign.js') && at('minisign.js') > at('crypto.js') && at('crypto.js') >= 0,
      'public/index.html does not load crypto.js, minisign.js and sealed.js in that order');
    expect(await page.evaluate(() => typeof window.accord.sealed.open === 'function'), 'accord.sealed.open is missing');
  });

  await test('the derivations and nonces of the vectors, recomputed from their definitions in the page', async () => {
    const bad = await page.evaluate((v) => {
      const c = window.accordCrypto();
      const enc = new TextEncoder();
      const out = [];
      for (const d of v.derivations) {
        const secret = window.t.fromHex(d.secret);
        const tail = d.person + '\0' + String(d.epoch);
        const key = c.blake2b(enc.encode('accord-link/1\0' + tail), { key: secret, dkLen: 32 });
        const nkey = c.blake2b(enc.encode('accord-nonce/1'), { key, dkLen: 32 });
        const name = window.t.toHex(c.blake2b(enc.encode('accord-name/1\0' + tail), { key: secret, dkLen: 16 }));
        if (window.t.toHex(key) !== d.linkKey || window.t.toHex(nkey) !== d.nonceKey || name !== d.name) {
          out.push(`${d.person}@${d.epoch}`);
        }
      }
      for (const p of v.pages) {
        const sealed = window.t.seal(window.t.fromHex(p.linkKey), p.pageName, window.t.fromHex(p.page));
        if (window.t.toHex(sealed) !== p.sealed) out.push(`sealing ${p.pageName} (${p.page.length / 2} bytes)`);
      }
      return out;
    }, vectors);
    expect(bad.length === 0, `differ from the vectors: ${bad.join(', ')}`);
  });

  await test('accord.sealed.open opens every sealed vector into its page, unpadded', async () => {
    const got = await page.evaluate((v) => v.pages.map((p) => window.t.attempt(() =>
      window.accord.sealed.open(window.t.fromHex(p.linkKey), p.pageName, window.t.fromHex(p.sealed)))), vectors);
    expect(vectors.pages.length >= 6, 'too few page vectors');
    got.forEach((r, i) => {
      const want = vectors.pages[i];
      expect(r.opened && r.value === want.page,
        `${want.pageName} (${want.page.length / 2} bytes): ${r.opened ? 'other bytes' : r.message}`);
    });
  });

  await test('a wrong key, another page name, a flipped byte and a truncated page are refused plainly', async () => {
    const v = vectors.pages[2];
    const cases = await page.evaluate((p) => {
      const key = window.t.fromHex(p.linkKey), sealed = window.t.fromHex(p.sealed);
      const open = (k, n, s) => () => window.accord.sealed.open(k, n, s);
      const flipped = (i) => { const s = Uint8Array.from(sealed); s[i] ^= 0x20; return s; };
      const otherKey = Uint8Array.from(key); otherKey[0] ^= 1;
      return {
        'a wrong key': window.t.attempt(open(otherKey, p.pageName, sealed)),
        'another page name': window.t.attempt(open(key, p.pageName.replace('index', 'other'), sealed)),
        'a flipped nonce byte': window.t.attempt(open(key, p.pageName, flipped(3))),
        'a flipped ciphertext byte': window.t.attempt(open(key, p.pageName, flipped(500))),
        'a flipped tag byte': window.t.attempt(open(key, p.pageName, flipped(sealed.length - 1))),
        'one byte cut off': window.t.attempt(open(key, p.pageName, sealed.subarray(0, sealed.length - 1))),
        'cut to 1000 bytes': window.t.attempt(open(key, p.pageName, sealed.subarray(0, 1000))),
        'nothing at all': window.t.attempt(open(key, p.pageName, new Uint8Array(0))),
        'one byte added': window.t.attempt(open(key, p.pageName, Uint8Array.from([...sealed, 0]))),
        'a 31-byte key': window.t.attempt(open(key.subarray(1), p.pageName, sealed))
      };
    }, v);
    for (const [what, r] of Object.entries(cases)) plainRefusal(r, what);
  });

  await test('keyFromFragment reads each vector\'s fragment, with or without "#"', async () => {
    const got = await page.evaluate((v) => v.derivations.map((d) => [
      window.t.attempt(() => window.accord.sealed.keyFromFragment(d.fragment)),
      window.t.attempt(() => window.accord.sealed.keyFromFragment(d.fragment.slice(1)))
    ]), vectors);
    got.forEach(([a, b], i) => {
      const d = vectors.derivations[i];
      expect(a.opened && a.value === d.linkKey, `${d.fragment}: ${a.value || a.message}`);
      expect(b.opened && b.value === d.linkKey, `${d.fragment.slice(1)}: ${b.value || b.message}`);
    });
  });

  await test('keyFromFragment refuses a missing, short, long or malformed key plainly', async () => {
    const good = vectors.derivations[0].fragment; // "#k=" + 43 characters
    const body = good.slice(3);
    const flipLast = body.slice(0, 42) + (body[42] === 'A' ? 'B' : String.fromCharCode(body.charCodeAt(42) + 1));
    const cases = {
      'no fragment': '',
      'a lone "#"': '#',
      'another name': '#x=' + body,
      'no "k="': '#' + body,
      'an empty key': '#k=',
      'one character short': '#k=' + body.slice(0, 42),
      'half a key': '#k=' + body.slice(0, 20),
      'one character more': '#k=' + body + 'A',
      'padding': '#k=' + body + '=',
      'standard base64': '#k=+' + body.slice(1),
      'a space': '#k= ' + body.slice(1),
      'more after the key': good + '&x=1',
      'a non-canonical last character': '#k=' + flipLast,
      'not a string': null
    };
    const got = await page.evaluate((c) => Object.fromEntries(Object.entries(c).map(([what, f]) =>
      [what, window.t.attempt(() => window.accord.sealed.keyFromFragment(f))])), cases);
    for (const [what, r] of Object.entries(got)) plainRefusal(r, what);
  });

  await test('time accord.sealed.open takes for a 64 KiB and a 1 MiB page', async () => {
    const times = await page.evaluate(() => {
      const key = new Uint8Array(32).fill(9);
      const out = {};
      for (const size of [64 * 1024, 1024 * 1024]) {
        const bytes = new Uint8Array(size - 1).map((_, i) => (i * 13) & 0xff);
        const sealed = window.t.seal(key, 'x/index.html', bytes);
        const runs = [];
        let same = true;
        for (let i = 0; i < 7; i++) {
          const t0 = performance.now();
          const opened = window.accord.sealed.open(key, 'x/index.html', sealed);
          runs.push(performance.now() - t0);
          same = same && opened.length === bytes.length && opened[size - 2] === bytes[size - 2];
        }
        runs.sort((a, b) => a - b);
        out[size] = { median: runs[3], sealed: sealed.length, same };
      }
      return out;
    });
    for (const [size, r] of Object.entries(times)) {
      console.log(`# accord.sealed.open: ${Number(size) / 1024} KiB page (${r.sealed} bytes sealed): median ${r.median.toFixed(1)} ms of 7`);
      expect(r.same, `the ${size}-byte page did not open whole`);
      expect(r.median < 2000, `opening ${size} bytes took ${r.median} ms`);
    }
  });
  await context.close();
});
