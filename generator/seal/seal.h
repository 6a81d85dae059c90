/* seal.h - personal links: what the program secret derives for each
 * person, and sealing the pages only that person's link opens. Every
 * output depends on its inputs alone (no randomness), so two builds from
 * the same content are byte-identical. Includes nothing of accord's; the
 * primitives are libsodium's, which the caller has started (sodium_init)
 * before calling anything here. The page script sealed.js opens what
 * page_seal makes; tests/fixtures/sealed-vectors.json holds vectors both
 * run.
 *
 * Derivations (BLAKE2b is libsodium's crypto_generichash, keyed; "||" is
 * concatenation, "\0" one zero byte, EPOCH the person's link epoch in
 * decimal without leading zeros, ID the party id in its bytes):
 *   link key  = BLAKE2b-256(key = secret,   "accord-link/1\0" || ID || "\0" || EPOCH)
 *   nonce key = BLAKE2b-256(key = link key, "accord-nonce/1")
 *   name      = lowercase hex of
 *               BLAKE2b-128(key = secret,   "accord-name/1\0" || ID || "\0" || EPOCH)
 * The name (32 hex characters) is the person's opaque folder on the public
 * host; the link key travels only in the link's fragment, "#k=" followed by
 * its 43 characters of unpadded base64url (RFC 4648 section 5).
 *
 * A page name is what a sealed page is bound to: the person's opaque name,
 * "/", and the page's file name among that person's pages, e.g.
 * "3fa85f6457174562b3fc2c963f66afa6/index.html" (1 to SEAL_NAME_MAX bytes).
 * A sealed page opens only under its own page name, so it cannot be moved
 * to another person or file.
 *
 * A sealed page (all sizes in bytes; B is the page's bucket):
 *   nonce (24) || XChaCha20-Poly1305-IETF ciphertext of the padded page (B)
 *              || Poly1305 tag (16)
 * where
 *   B          = the smallest power of two >= SEAL_BUCKET_MIN that is
 *                greater than the page's length (at most SEAL_BUCKET_MAX);
 *   padded     = the page, then ISO/IEC 7816-4 padding to exactly B bytes
 *                (one 0x80, then zeros: libsodium's sodium_pad);
 *   associated = "accord-page/1" || page name (no separator, no NUL);
 *   nonce      = the first 24 bytes of
 *                BLAKE2b-256(key = nonce key, page name || "\0" || padded).
 * The same page under the same name gives the same bytes; different
 * contents or names share a nonce only if BLAKE2b collides. Anyone holding
 * the link key can open the page; nobody else can read it or alter it
 * unnoticed. Opening checks the tag and the padding, not how the nonce was
 * made. */
#ifndef ACCORD_SEAL_H
#define ACCORD_SEAL_H

#include <stddef.h>

enum {
    SEAL_SECRET_BYTES = 32, /* the program secret */
    LINK_KEY_BYTES = 32,    /* a person's link key, and the nonce key */
    LINK_NAME_HEX = 32,     /* characters of a person's opaque name */
    LINK_FRAGMENT_LEN = 46, /* "k=" + 43 characters of base64url + NUL, the "#" left out */
    SEAL_NONCE_BYTES = 24,
    SEAL_TAG_BYTES = 16,
    SEAL_OVERHEAD = SEAL_NONCE_BYTES + SEAL_TAG_BYTES,
    SEAL_BUCKET_MIN = 1024,
    SEAL_NAME_MAX = 255, /* bytes of a page name */
};

/* The largest bucket: a page must be shorter than this. */
#define SEAL_BUCKET_MAX ((size_t)1 << 30)

/* The link key of person id at link epoch epoch (derivation above). */
void link_key(const unsigned char secret[SEAL_SECRET_BYTES], const char *id, unsigned long epoch,
              unsigned char out[LINK_KEY_BYTES]);

/* The nonce key of a link key (derivation above). */
void link_nonce_key(const unsigned char key[LINK_KEY_BYTES], unsigned char out[LINK_KEY_BYTES]);

/* The opaque name of person id at epoch: 32 lowercase hex characters and a
 * NUL in out. */
void link_name(const unsigned char secret[SEAL_SECRET_BYTES], const char *id, unsigned long epoch,
               char out[LINK_NAME_HEX + 1]);

/* The link's fragment for key, without its "#": "k=" and the key in
 * unpadded base64url, NUL-terminated in out. */
void link_fragment(const unsigned char key[LINK_KEY_BYTES], char out[LINK_FRAGMENT_LEN]);

/* The bucket a page of len bytes is padded to, or 0 when the page is too
 * large (len >= SEAL_BUCKET_MAX). A sealed page is SEAL_OVERHEAD bytes
 * longer. */
size_t seal_bucket(size_t len);

/* Seals page (len bytes) under key, the person's link key, as page name
 * name. Returns 0 with *out a malloc'd buffer the caller frees holding the
 * sealed page (*out_len bytes); or -1 with errno EINVAL (name empty or
 * longer than SEAL_NAME_MAX), EFBIG (page too large) or ENOMEM, *out left
 * NULL. */
int page_seal(const unsigned char key[LINK_KEY_BYTES], const char *name, const unsigned char *page,
              size_t len, unsigned char **out, size_t *out_len);

/* Opens a sealed page of len bytes with key as page name name. Returns 0
 * with *out a malloc'd buffer the caller frees holding the page (*out_len
 * bytes); or -1 with errno EBADMSG (the wrong key or name, a truncated,
 * altered or malformed page: all alike), EINVAL (name as page_seal) or
 * ENOMEM, *out left NULL. */
int page_open(const unsigned char key[LINK_KEY_BYTES], const char *name,
              const unsigned char *sealed, size_t len, unsigned char **out, size_t *out_len);

#endif
