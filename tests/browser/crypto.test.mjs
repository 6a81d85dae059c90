// The pages' crypto script (themes/default/crypto.js, bundled from the pinned
// @noble packages by make) as a built site ships it: loaded from file:// in
// chromium, each primitive gives what node's own crypto (OpenSSL) gives for
// the same input, and Ed25519 verification refuses what libsodium refuses
// (a non-canonical S; a small-order public key).
import { createHash, createPrivateKey, createPublicKey, scryptSync, sign } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSite, expect, fileUrl, newContext, runWithBrowser, test } from './lib.mjs';

let site = null;
try {
  site = buildSite('content', 'site-crypto');
} catch (err) {
  console.log(`not ok - build the demo site: ${err.message}`);
}

const hex = (b) => Buffer.from(b).toString('hex');
const seed = Buffer.alloc(32, 7);
const message = Buffer.from('accord: the page signs what accord sign signs\n');
const password = 'correct horse', salt = Buffer.alloc(32, 3);
// Ed25519 keys from a seed in node: PKCS#8 prefix + seed.
const privateKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
  format: 'der', type: 'pkcs8'
});
const want = {
  sha256: createHash('sha256').update(message).digest('hex'),
  blake2b: createHash('blake2b512').update(message).digest('hex'),
  scrypt: scryptSync(password, salt, 64, { N: 1 << 14, r: 8, p: 1, maxmem: 64 << 20 }).toString('hex'),
  signature: sign(null, message, privateKey).toString('hex'),
  publicKey: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12).toString('hex')
};

// Runs in the page: every result as hex, from the site's crypto.js alone.
function inPage(args) {
  const c = window.accordCrypto();
  const fromHex = (h) => Uint8Array.from(h.match(/../g).map((x) => parseInt(x, 16)));
  const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  const msg = new TextEncoder().encode(args.message);
  const seedBytes = fromHex(args.seed);
  const pk = c.ed.getPublicKey(seedBytes);
  const sig = c.ed.sign(msg, seedBytes);
  // S + L: the same signature with a non-canonical S (libsodium refuses it)
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  let s = 0n;
  for (let i = 31; i >= 0; i--) s = (s << 8n) + BigInt(sig[32 + i]);
  const bad = Uint8Array.from(sig);
  for (let i = 0, t = s + L; i < 32; i++, t >>= 8n) bad[32 + i] = Number(t & 255n);
  // A = R = the identity point (small order), S = 0: [S]B = R + [k]A holds
  // for every message, so only a check that refuses small-order points
  // (as libsodium does) refuses it; ZIP-215 rules accept it.
  const identity = new Uint8Array(32); identity[0] = 1;
  const smallOrderSig = new Uint8Array(64); smallOrderSig[0] = 1;
  const attempt = (zip215) => { try { return c.ed.verify(smallOrderSig, msg, identity, { zip215 }); } catch { return false; } };
  return {
    sha256: toHex(c.sha256(msg)),
    blake2b: toHex(c.blake2b(msg)),
    scrypt: toHex(c.scrypt(new TextEncoder().encode(args.password), fromHex(args.salt), { N: 1 << 14, r: 8, p: 1, dkLen: 64 })),
    signature: toHex(sig),
    publicKey: toHex(pk),
    verifies: c.ed.verify(sig, msg, pk, { zip215: false }),
    nonCanonicalDiffers: toHex(bad) !== toHex(sig),
    nonCanonicalAccepted: (() => { try { return c.ed.verify(bad, msg, pk, { zip215: false }); } catch { return false; } })(),
    smallOrderAccepted: attempt(false),
    smallOrderAcceptedByZip215: attempt(true)
  };
}

await runWithBrowser(site !== null, async (browser) => {
  await test('the site ships crypto.js and its licences', async () => {
    for (const f of ['crypto.js', 'crypto-licenses.txt']) {
      const p = path.join(site, 'public/assets', f);
      let size = 0;
      try { size = statSync(p).size; } catch { /* missing: size stays 0 */ }
      expect(size > 0, `public/assets/${f} is missing or empty`);
    }
  });
  await test('crypto.js from file:// matches node crypto: SHA-256, BLAKE2b-512, scrypt, Ed25519', async () => {
    const page = await (await newContext(browser)).newPage();
    const html = path.join(site, 'public/assets/crypto-test.html');
    writeFileSync(html, '<!doctype html><title>t</title><script src="crypto.js"></script>');
    await page.goto(fileUrl(html));
    const got = await page.evaluate(inPage, { message: message.toString(), seed: hex(seed), password, salt: hex(salt) });
    for (const k of Object.keys(want)) expect(got[k] === want[k], `${k}: page ${got[k]}, node ${want[k]}`);
    expect(got.verifies === true, 'a good signature does not verify');
    expect(got.nonCanonicalDiffers === true, 'the non-canonical signature was not made');
    expect(got.nonCanonicalAccepted === false, 'a non-canonical S was accepted');
    expect(got.smallOrderAcceptedByZip215 === true, 'the small-order forgery is not one ZIP-215 accepts');
    expect(got.smallOrderAccepted === false, 'a small-order public key was accepted');
    await page.context().close();
  });
});

