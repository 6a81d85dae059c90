/* accord page scripts: sealed personal pages and the key in a personal link.
 *
 * The formats are generator/seal/seal.h's, which holds every byte:
 * - a link's fragment is "#k=" and the person's 32-byte link key in
 *   base64url without padding (43 characters), nothing else;
 * - a sealed page is nonce (24 bytes) || XChaCha20-Poly1305 ciphertext of
 *   the page padded to its bucket (a power of two, at least 1024 bytes:
 *   the page, 0x80, then zeros) || tag (16 bytes), with associated data
 *   "accord-page/1" || the page name (the person's opaque name, "/", the
 *   page's file name).
 * XChaCha20-Poly1305 comes from @noble/ciphers in crypto.js. Whatever does
 * not open (a wrong or incomplete key, another page name, a truncated or
 * altered page) is refused with a plain accord.Refused and nothing of it
 * is returned. Nothing here keeps a key: the caller owns it.
 */
(function (accord) {
  'use strict';

  const KEY_BYTES = 32, NONCE_BYTES = 24, TAG_BYTES = 16;
  const BUCKET_MIN = 1024, BUCKET_MAX = 1 << 30, NAME_MAX = 255;
  const LABEL = 'accord-page/1';
  // 32 bytes in unpadded base64url: 42 characters, then one whose last two
  // bits are zero (so each key has one spelling).
  const FRAGMENT = /^#?k=([A-Za-z0-9_-]{42}[AEIMQUYcgkosw048])$/;
  const encoder = new TextEncoder();

  function refuse(message) { throw new accord.Refused(message); }

  // "accord-page/1" || the page name, which the page itself gives.
  function associated(pageName) {
    const name = encoder.encode(typeof pageName === 'string' ? pageName : '');
    if (name.length < 1 || name.length > NAME_MAX) {
      throw new accord.ConfigError('the page was built with a sealed page name of ' + name.length +
        ' bytes; it needs 1 to ' + NAME_MAX);
    }
    const ad = new Uint8Array(LABEL.length + name.length);
    ad.set(encoder.encode(LABEL), 0);
    ad.set(name, LABEL.length);
    return ad;
  }

  // The page inside padded: everything before its last 0x80, which only
  // zeros may follow (ISO/IEC 7816-4, libsodium's sodium_unpad).
  function unpad(padded) {
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (end < 0 || padded[end] !== 0x80) refuse('the page is damaged: it does not end as a sealed page ends');
    return padded.subarray(0, end);
  }

  accord.sealed = {
    // The link key in a URL fragment (location.hash, with or without its
    // "#"): a Uint8Array of 32 bytes.
    keyFromFragment: function (fragment) {
      const f = typeof fragment === 'string' ? fragment : '';
      if (f === '' || f === '#' || !/^#?k=/.test(f)) {
        refuse('the link holds no key (the part after "#k="): open the whole link you were sent');
      }
      const m = FRAGMENT.exec(f);
      if (!m) refuse('the key in the link is incomplete or damaged: open the whole link you were sent');
      const bin = atob(m[1].replace(/-/g, '+').replace(/_/g, '/') + '=');
      const key = new Uint8Array(KEY_BYTES);
      for (let i = 0; i < KEY_BYTES; i++) key[i] = bin.charCodeAt(i);
      return key;
    },

    // The page sealed under linkKey (32 bytes) as pageName: a Uint8Array
    // of the page's bytes, without its padding.
    open: function (linkKey, pageName, sealed) {
      if (!(linkKey instanceof Uint8Array) || linkKey.length !== KEY_BYTES) {
        refuse('the key in the link is incomplete or damaged: open the whole link you were sent');
      }
      const ad = associated(pageName);
      if (!(sealed instanceof Uint8Array)) refuse('the page is missing');
      const bucket = sealed.length - NONCE_BYTES - TAG_BYTES;
      if (bucket < BUCKET_MIN || bucket > BUCKET_MAX || (bucket & (bucket - 1)) !== 0) {
        refuse('the page is truncated or damaged (' + sealed.length + ' bytes is no sealed page\'s size)');
      }
      const cipher = accord.minisign.lib().xchacha20poly1305(linkKey, sealed.subarray(0, NONCE_BYTES), ad);
      let padded;
      try {
        padded = cipher.decrypt(sealed.subarray(NONCE_BYTES));
      } catch {
        refuse('the page does not open with the key in this link: the link is not this page\'s, ' +
          'or the page was changed');
      }
      return unpad(padded);
    }
  };
})(window.accord);
