/* accord page scripts: minisign's key and signature files, and signing.
 *
 * The formats are minisign's (see accord-bundle(5)); every primitive comes
 * from the bundled libraries in crypto.js (accordCrypto()): scrypt and
 * BLAKE2b from @noble/hashes, Ed25519 from @noble/ed25519. This file only
 * lays bytes out and checks them, as verifier/ does in C:
 * - key and signature files are parsed with the same bounds and refused
 *   for the same reasons (canonical base64 only, LF-ended lines, short
 *   comments, printable UTF-8 trusted comments);
 * - a signature verifies as libsodium's crypto_sign_verify_detached: S
 *   below the group order, A and R canonical and not of small order, and
 *   R equal to [S]B - [k]A exactly (no cofactor);
 * - only prehashed "ED" signatures are made or accepted.
 * Refusals say in plain words what a person can act on (not a key file, a
 * file changed after it was signed); the verifier's reason is their
 * detail.
 * Secrets: a decrypted key lives in a plain object until forget(key) wipes
 * it; nothing here stores a key or a password anywhere. scrypt runs in a
 * worker made from crypto.js's own source as a blob: URL (from file:// no
 * other worker is allowed), one worker per derivation, ended after it.
 */
(function (accord) {
  'use strict';

  // Format limits (accord_verify.h: MS_KEY_FILE_MAX, MS_COMMENT_MAX).
  const KEY_FILE_MAX = 4096, COMMENT_MAX = 1024;
  const UNTRUSTED = 'untrusted comment: ', TRUSTED = 'trusted comment: ';
  // libsodium's crypto_pwhash_scryptsalsa208sha256_OPSLIMIT/MEMLIMIT_SENSITIVE:
  // minisign's default and the most a key file may ask for.
  const KDF_OPS_MAX = 33554432, KDF_MEM_MAX = 1073741824;
  const SECRET_KEY_BYTES = 158; // "Ed" kdf(2) "B2" salt(32) ops(8) mem(8) keynum(8) sk(64) chk(32)

  const encoder = new TextEncoder();
  let libraries = null;

  function refuse(message, detail) { throw new accord.Refused(message, detail); }

  // The bundled libraries, made once.
  function lib() {
    if (!libraries) {
      /* global accordCrypto */
      if (typeof accordCrypto !== 'function') throw new accord.ConfigError('the page was built without crypto.js');
      libraries = accordCrypto();
    }
    return libraries;
  }

  function concat(parts) {
    const out = new Uint8Array(parts.reduce(function (n, p) { return n + p.length; }, 0));
    let at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }

  function equalBytes(a, b) {
    if (a.length !== b.length) return false;
    let d = 0;
    for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
    return d === 0;
  }

  function wipe(bytes) { if (bytes) bytes.fill(0); }

  function hex(bytes) {
    return Array.from(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  function base64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }

  // The bytes of text, which must be the canonical base64 of exactly want
  // bytes (want null: any length); null when it is not.
  function fromBase64(text, want) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
    let bin;
    try { bin = atob(text); } catch { return null; }
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    if ((want !== null && out.length !== want) || base64(out) !== text) return null;
    return out;
  }

  // The lines of bytes: each ends in LF (the last may not), none holds CR
  // or NUL; null when that fails or there are not exactly n.
  function lines(bytes, n) {
    const out = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 13 || bytes[i] === 0) return null;
      if (bytes[i] === 10) { out.push(bytes.subarray(start, i)); start = i + 1; }
    }
    if (start < bytes.length) out.push(bytes.subarray(start));
    return out.length === n ? out : null;
  }

  // Whether s has no C0 control character and no DEL (vu_printable_utf8).
  function printable(s) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x7f) return false;
    }
    return true;
  }

  function startsWith(bytes, prefix) {
    const p = encoder.encode(prefix);
    return bytes.length >= p.length && equalBytes(bytes.subarray(0, p.length), p);
  }

  // The payload of a key or signature file of n lines, what naming it;
  // fault(detail) refuses it.
  function decodeFile(bytes, what, n, want, fault) {
    if (bytes.length > KEY_FILE_MAX) fault('the ' + what + ' file is larger than ' + KEY_FILE_MAX + ' bytes');
    const ls = lines(bytes, n);
    if (!ls) fault('the ' + what + ' file does not have ' + n + ' lines');
    if (!startsWith(ls[0], UNTRUSTED) || ls[0].length - UNTRUSTED.length > COMMENT_MAX)
      fault('the first line of the ' + what + ' file is not a short “untrusted comment”');
    const bin = fromBase64(accord.utf8(ls[1]) || '', want);
    if (!bin) fault('the key line of the ' + what + ' file is damaged');
    return { lines: ls, bin: bin };
  }

  // A fault of a key file: it is not one, in plain words.
  function notKeyFile(what) {
    return function (detail) { refuse('it is not a ' + what + ' file', detail); };
  }

  // minisign's key ID: the key number as a little-endian hex number.
  function keyId(keynum) { return hex(Uint8Array.from(keynum).reverse()).toUpperCase(); }

  function publicKeyOf(bin) {
    if (bin[0] !== 0x45 || bin[1] !== 0x64) refuse('it is not a public key file', 'it is not an Ed25519 public key');
    return { keynum: bin.slice(2, 10), pk: bin.slice(10, 42), id: keyId(bin.subarray(2, 10)) };
  }

  // The validity by index order of el's keys, or null without a ledger:
  // a Map from key ID to {from, revoked (0: never), reason, indexed (a Map
  // from SHA-256 hex to SEQ)}. The page's attributes (written by
  // generator/render/party_keys.c, the contract in generator/render/impl.h):
  //   data-key-validity  "KEYID:FROM" or "KEYID:FROM:REVOKED:REASON" per key
  //   data-indexed       "SEQ:SHA256" per index entry of the page's subject
  // throws accord.ConfigError when they are malformed.
  function validityOf(el) {
    const keys = el.getAttribute('data-key-validity'), entries = el.getAttribute('data-indexed');
    if (keys === null && entries === null) return null;
    const bad = function () { throw new accord.ConfigError('the page’s key validity is damaged'); };
    if (keys === null || entries === null) bad();
    const indexed = new Map();
    entries.split(' ').filter(Boolean).forEach(function (t) {
      const m = /^([1-9][0-9]{0,9}):([0-9a-f]{64})$/.exec(t);
      if (!m) bad();
      if (!indexed.has(m[2])) indexed.set(m[2], +m[1]);
    });
    const out = new Map();
    keys.split(' ').filter(Boolean).forEach(function (t) {
      const m = /^([0-9A-F]{16}):([1-9][0-9]{0,9})(?::([1-9][0-9]{0,9}):(lost|compromised|replaced|left))?$/.exec(t);
      if (!m) bad();
      out.set(m[1], { from: +m[2], revoked: m[3] ? +m[3] : 0, reason: m[4] || '', indexed: indexed });
    });
    return out;
  }

  function revokedText(pub, v) {
    return 'it was signed with a key the program revoked (' + v.reason + ') at index entry ' + v.revoked +
      ' (key ID ' + pub.id + ')';
  }

  // A public key from the base64 line of a .pub file (as pages carry them).
  function publicKeyFromLine(line) {
    const bin = fromBase64(line, 42);
    if (!bin) refuse('a public key on this page is damaged');
    return publicKeyOf(bin);
  }

  function formatPublicKey(keynum, pk) {
    return UNTRUSTED + 'minisign public key ' + keyId(keynum) + '\n' +
      base64(concat([encoder.encode('Ed'), keynum, pk])) + '\n';
  }

  function readU64(bytes, at) {
    let v = 0;
    for (let i = 7; i >= 0; i--) v = v * 256 + bytes[at + i];
    return v;
  }

  function writeU64(bytes, at, v) {
    for (let i = 0; i < 8; i++) { bytes[at + i] = v % 256; v = Math.floor(v / 256); }
  }

  // libsodium's choice of scrypt's N, r and p for opslimit and memlimit
  // (crypto_pwhash_scryptsalsa208sha256's pickparams).
  function scryptParams(opslimit, memlimit) {
    const r = 8;
    const ops = Math.max(opslimit, 32768);
    let logN = 1, p;
    const small = ops < Math.floor(memlimit / 32); // whole-number division, as in C
    const maxN = Math.floor(small ? ops / (r * 4) : memlimit / (r * 128));
    while (logN < 63 && Math.pow(2, logN) <= Math.floor(maxN / 2)) logN++;
    if (small) p = 1;
    else p = Math.floor(Math.min(Math.floor(ops / 4 / Math.pow(2, logN)), 0x3fffffff) / r);
    return { N: Math.pow(2, logN), r: r, p: p };
  }

  // The worker's source: crypto.js's function, then one derivation.
  function workerSource() {
    return 'var lib=(' + accordCrypto.toString() + ')();' +
      'onmessage=function(e){var d=e.data,last=0;try{' +
      'var out=lib.scrypt(d.password,d.salt,{N:d.N,r:d.r,p:d.p,dkLen:d.length,maxmem:128*d.r*(d.N+d.p+1),' +
      'onProgress:function(f){if(f-last>=0.02){last=f;postMessage({progress:f});}}});' +
      'd.password.fill(0);postMessage({out:out},[out.buffer]);' +
      '}catch(x){d.password.fill(0);postMessage({error:String(x&&x.message||x)});}};';
  }

  let workerUrl = null;

  // scrypt of password (bytes; the copy sent is wiped by the worker) into
  // length bytes, with minisign's limits; onProgress(fraction) as it runs.
  function scrypt(password, salt, opslimit, memlimit, length, onProgress) {
    lib();
    if (!workerUrl) workerUrl = URL.createObjectURL(new Blob([workerSource()], { type: 'text/javascript' }));
    const q = scryptParams(opslimit, memlimit);
    return new Promise(function (resolve, reject) {
      const worker = new Worker(workerUrl);
      worker.onmessage = function (e) {
        if (e.data.progress !== undefined) { if (onProgress) onProgress(e.data.progress); return; }
        worker.terminate();
        if (e.data.error) reject(new accord.Refused('the key could not be unlocked (' + e.data.error + ')'));
        else resolve(e.data.out);
      };
      worker.onerror = function (e) {
        worker.terminate();
        e.preventDefault();
        reject(new accord.Refused('this browser ran out of memory unlocking the key; close other tabs and try again'));
      };
      const copy = Uint8Array.from(password);
      worker.postMessage({ password: copy, salt: Uint8Array.from(salt), N: q.N, r: q.r, p: q.p, length: length }, [copy.buffer]);
    });
  }

  // BLAKE2b-256 of "Ed" | keynum | sk: the checksum a secret key file holds.
  function secretKeyChecksum(raw) {
    const m = concat([raw.subarray(0, 2), raw.subarray(54, 62), raw.subarray(62, 126)]);
    const sum = lib().blake2b(m, { dkLen: 32 });
    wipe(m);
    return sum;
  }

  // Libsodium's rules around noble's strict verification (see the top).
  function verifyDetached(sig, message, pk) {
    const ed = lib().ed;
    if (sig.length !== 64 || pk.length !== 32) return false;
    let ok = false;
    try { ok = ed.verify(sig, message, pk, { zip215: false }); } catch { return false; }
    if (!ok) return false;
    const R = ed.Point.fromBytes(sig.subarray(0, 32), false), A = ed.Point.fromBytes(pk, false);
    if (R.isSmallOrder() || A.isSmallOrder()) return false;
    const h = lib().sha512(concat([sig.subarray(0, 32), pk, message]));
    let k = 0n, s = 0n;
    for (let i = 63; i >= 0; i--) k = (k << 8n) | BigInt(h[i]);
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]);
    const L = 0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3edn;
    // multiply(n, false): zero allowed, as it may be here (S = 0, k = 0 mod L)
    const check = ed.Point.BASE.multiply(s, false).subtract(A.multiply(k % L, false));
    return equalBytes(check.toBytes(), sig.subarray(0, 32));
  }

  const minisign = accord.minisign = {
    KDF_OPS_MAX: KDF_OPS_MAX,
    KDF_MEM_MAX: KDF_MEM_MAX,
    lib: lib,
    hex: hex,
    base64: base64,
    fromBase64: fromBase64,
    keyId: keyId,
    equalBytes: equalBytes,
    verifyDetached: verifyDetached,
    scryptParams: scryptParams,
    publicKeyFromLine: publicKeyFromLine,
    formatPublicKey: formatPublicKey,

    // The SHA-256 of bytes in lowercase hex.
    sha256hex: function (bytes) { return hex(lib().sha256(bytes)); },

    // The public keys in attribute name of el: base64 key lines (the second
    // line of a .pub file) separated by spaces, none when it is empty;
    // throws accord.ConfigError when el lacks the attribute. With a program
    // ledger, el also has data-key-validity and data-indexed and each key
    // gets its validity by index order (validityOf).
    keysOf: function (el, name) {
      const v = el.getAttribute(name);
      if (v === null) throw new accord.ConfigError('the page was built without its ' + name + ' attribute');
      const keys = v.split(' ').filter(Boolean).map(publicKeyFromLine);
      const validity = validityOf(el);
      if (validity) keys.forEach(function (k) { k.validity = validity.get(k.id) || null; });
      return keys;
    },

    // Throws accord.Refused unless pub (from keysOf) may have made a
    // signature whose evidence is the SHA-256 hex evidence (for answers the
    // MANIFEST's, for a countersignature the .minisig's), as
    // ledger_check_report decides: the index entry recording the evidence
    // is after the key's from and, for a revoked key, before its
    // revocation; evidence the index does not hold counts only for a key
    // not revoked. A key without validity (no ledger) always may.
    checkValidity: function (pub, evidence) {
      if (pub.validity === undefined) return;
      const v = pub.validity;
      if (!v) refuse('it was signed with key ID ' + pub.id + ', which is not in the program’s roster; ask the program');
      const at = v.indexed.get(evidence) || 0;
      if (at && at <= v.from)
        refuse('it was signed with key ID ' + pub.id + ', which the program added only at index entry ' + v.from +
          ', not before this signature (entry ' + at + '); ask the program');
      if (v.revoked && (!at || at >= v.revoked)) refuse(revokedText(pub, v) + '; ask the program');
    },

    // Throws accord.Refused when key (unlocked, or a public key) is one of
    // keys (from keysOf) that the program revoked: nobody signs with it.
    refuseRevoked: function (key, keys) {
      const mine = keys.find(function (k) { return equalBytes(k.keynum, key.keynum); });
      if (mine && mine.validity && mine.validity.revoked)
        refuse('this key (key ID ' + key.id + ') was revoked by the program (' + mine.validity.reason + ') at index entry ' +
          mine.validity.revoked + ', so it can no longer sign. Make a new key on the “Your keys” page and send its public key to the program');
    },

    // A public key file's bytes → {keynum, pk, id}; throws accord.Refused.
    parsePublicKey: function (bytes) { return publicKeyOf(decodeFile(bytes, 'public key', 2, 42, notKeyFile('public key')).bin); },

    // A secret key file's bytes → {raw, encrypted, opslimit, memlimit}
    // (raw: the 158 decoded bytes, still encrypted; forget() wipes it).
    parseSecretKey: function (bytes) {
      const raw = decodeFile(bytes, 'secret key', 2, SECRET_KEY_BYTES, notKeyFile('secret key')).bin;
      if (raw[0] !== 0x45 || raw[1] !== 0x64 || raw[4] !== 0x42 || raw[5] !== 0x32) {
        wipe(raw);
        refuse('it is not a secret key file', 'it is not a minisign secret key');
      }
      const encrypted = raw[2] !== 0 || raw[3] !== 0;
      const opslimit = readU64(raw, 38), memlimit = readU64(raw, 46);
      if (encrypted && (raw[2] !== 0x53 || raw[3] !== 0x63)) { wipe(raw); refuse('the key is locked in a way this page does not know'); }
      if (encrypted && (opslimit > KDF_OPS_MAX || memlimit > KDF_MEM_MAX)) {
        wipe(raw);
        refuse('unlocking this key would take more work than any key may ask for', 'the key asks for more work to unlock than minisign allows');
      }
      return { raw: raw, encrypted: encrypted, opslimit: opslimit, memlimit: memlimit };
    },

    // Unlocks a parsed secret key with password (a string); resolves to
    // {keynum, pk, id, seed}, or rejects with accord.Refused (a wrong
    // password says so). The parsed key is wiped either way.
    unlock: async function (parsed, password, onProgress) {
      const raw = parsed.raw;
      try {
        if (parsed.encrypted) {
          const pw = encoder.encode(password);
          const stream = await scrypt(pw, raw.subarray(6, 38), parsed.opslimit, parsed.memlimit, 104, onProgress);
          wipe(pw);
          for (let i = 0; i < 104; i++) raw[54 + i] ^= stream[i];
          wipe(stream);
        }
        const sum = secretKeyChecksum(raw), stored = raw.subarray(126, 158);
        const zero = stored.every(function (b) { return b === 0; });
        if (!equalBytes(sum, stored) && (parsed.encrypted || !zero))
          refuse(parsed.encrypted ? 'the password is not right for this key' : 'the key file is damaged');
        const key = { keynum: raw.slice(54, 62), seed: raw.slice(62, 94), pk: raw.slice(94, 126) };
        key.id = keyId(key.keynum);
        if (!equalBytes(lib().ed.getPublicKey(key.seed), key.pk)) {
          minisign.forget(key);
          refuse('the key file is damaged (its two halves do not belong together)');
        }
        return key;
      } finally {
        wipe(raw);
      }
    },

    // Wipes a key from unlock() or a parsed key from parseSecretKey().
    forget: function (key) {
      if (!key) return;
      wipe(key.seed);
      wipe(key.raw);
      key.seed = null;
      key.raw = null;
    },

    // A new key pair, the secret key encrypted with password under
    // limits {opslimit, memlimit}: resolves to {secretKeyFile,
    // publicKeyFile, id} (file texts in minisign's formats).
    generate: async function (password, limits, onProgress) {
      const c = lib();
      const raw = new Uint8Array(SECRET_KEY_BYTES);
      const seed = crypto.getRandomValues(new Uint8Array(32));
      raw.set(encoder.encode('Ed'), 0);
      raw.set(encoder.encode('Sc'), 2);
      raw.set(encoder.encode('B2'), 4);
      raw.set(crypto.getRandomValues(new Uint8Array(32)), 6);
      writeU64(raw, 38, limits.opslimit);
      writeU64(raw, 46, limits.memlimit);
      raw.set(crypto.getRandomValues(new Uint8Array(8)), 54);
      raw.set(seed, 62);
      raw.set(c.ed.getPublicKey(seed), 94);
      wipe(seed);
      raw.set(secretKeyChecksum(raw), 126);
      const keynum = raw.slice(54, 62), pk = raw.slice(94, 126);
      const pw = encoder.encode(password);
      try {
        const stream = await scrypt(pw, raw.subarray(6, 38), limits.opslimit, limits.memlimit, 104, onProgress);
        for (let i = 0; i < 104; i++) raw[54 + i] ^= stream[i];
        wipe(stream);
        const secretKeyFile = UNTRUSTED + 'minisign encrypted secret key\n' + base64(raw) + '\n';
        return { secretKeyFile: secretKeyFile, publicKeyFile: formatPublicKey(keynum, pk), id: keyId(keynum) };
      } finally {
        wipe(pw);
        wipe(raw);
      }
    },

    // The text of a .minisig file: message signed with key in "ED" mode,
    // with trusted comment trusted (printable, at most 1024 bytes).
    sign: function (key, message, trusted) {
      const c = lib();
      const tc = encoder.encode(trusted);
      if (tc.length > COMMENT_MAX || !printable(trusted)) throw new Error('trusted comment is not short printable text');
      const sig = c.ed.sign(c.blake2b(message, { dkLen: 64 }), key.seed);
      const global = c.ed.sign(concat([sig, tc]), key.seed);
      return UNTRUSTED + 'signature from accord secret key\n' +
        base64(concat([encoder.encode('ED'), key.keynum, sig])) + '\n' +
        TRUSTED + trusted + '\n' + base64(global) + '\n';
    },

    // A .minisig file's bytes → {alg, keynum, id, sig, trusted, trustedBytes,
    // global}; throws accord.Refused (the file is damaged), verifier/'s
    // reason its detail.
    parseSignature: function (bytes) {
      const damaged = accord.refuses.damaged;
      const f = decodeFile(bytes, 'signature', 4, 74, damaged);
      if (!startsWith(f.lines[2], TRUSTED)) damaged('the signature file lacks its trusted comment line');
      const tcBytes = f.lines[2].subarray(TRUSTED.length);
      const tc = accord.utf8(tcBytes);
      if (tcBytes.length > COMMENT_MAX) damaged('the trusted comment is longer than ' + COMMENT_MAX + ' bytes');
      if (tc === null || !printable(tc)) damaged('the trusted comment is not printable UTF-8');
      const global = fromBase64(accord.utf8(f.lines[3]) || '', 64);
      if (!global) damaged('the global signature line is damaged');
      const alg = String.fromCharCode(f.bin[0], f.bin[1]);
      if (alg !== 'ED' && alg !== 'Ed') damaged('the signature algorithm is neither “ED” nor “Ed”');
      return { alg: alg, keynum: f.bin.slice(2, 10), id: keyId(f.bin.subarray(2, 10)), sig: f.bin.slice(10, 74),
        trusted: tc, trustedBytes: tcBytes, global: global };
    },

    // Checks parsed signature s of message by public key pub ({keynum,
    // pk, id}); throws accord.Refused, verifier/'s reason its detail.
    verify: function (s, pub, message) {
      if (!equalBytes(s.keynum, pub.keynum))
        refuse('it was signed with another key (key ID ' + s.id + ')', 'it was signed with key ID ' + s.id + ', not the key ' + pub.id);
      const c = lib();
      if (s.alg === 'Ed') refuse('it was signed in an old way that is no longer accepted', 'it uses minisign’s legacy signature “Ed”, which is not accepted');
      if (!verifyDetached(s.sig, c.blake2b(message, { dkLen: 64 }), pub.pk)) accord.refuses.changed('its signature does not match its contents');
      if (!verifyDetached(s.global, concat([s.sig, s.trustedBytes]), pub.pk)) accord.refuses.changed('its trusted comment was changed after signing');
    }
  };
})(window.accord);
