/* verify.h - what the verify core's files share with each other and with
 * verifier/sign/; everything else uses accord_verify.h only. */
#ifndef ACCORD_VERIFY_INTERNAL_H
#define ACCORD_VERIFY_INTERNAL_H

#include "accord_verify.h"

/* Splits buf[0..len) into at most max lines ending in LF (the last LF may
 * be missing). Returns the number of lines, or -1 when there are more, or
 * a CR or NUL byte. */
int vu_split_lines(const unsigned char *buf, size_t len, const unsigned char **line,
                   size_t *line_len, int max);

/* Makes room in *v (n items of size bytes, room for *cap) for one more,
 * doubling from first: 0, or -1 when out of memory (*v and *cap unchanged). */
int vu_grow(void **v, size_t n, size_t *cap, size_t size, size_t first);

/* Checks a member name: 1 to ZIPREAD_NAME_MAX printable ASCII bytes, no
 * backslash, colon, leading slash, empty, "." or ".." component. 0 or -1. */
int zipread_name_check(const char *name, size_t len, char *err);

/* MANIFEST: "<64 lowercase hex>  <path>" lines sorted by path, LF. */
enum { MANIFEST_MAX = 128 * 1024 };

typedef struct manifest_entry {
    char sha256[65];
    char *path; /* into the manifest's own copy */
} manifest_entry;

typedef struct manifest {
    manifest_entry *entries; /* sorted by path */
    size_t n;
    char *text;
} manifest;

/* Parses the canonical form only (release with manifest_release, also
 * after a failure). 0 or -1. */
int manifest_parse(const unsigned char *buf, size_t len, manifest *out, char *err);
void manifest_release(manifest *m);

/* A decoded .minisig file of minisign 0.11: alg | keynum | sig as its
 * second line holds them; trusted is NUL-terminated. */
typedef struct ms_sig {
    unsigned char alg[2]; /* "ED" (prehashed) or "Ed" (legacy) */
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char sig[MS_SIG_BYTES];
    char trusted[MS_COMMENT_MAX + 1];
    size_t trusted_len;
    unsigned char global_sig[MS_SIG_BYTES];
} ms_sig;

/* Splits a key or signature file (what, for messages) into exactly n lines
 * (2 or 4) at line/line_len, checks the first is a short untrusted comment,
 * and decodes the second (canonical base64 of want bytes) to bin. 0 or -1. */
int ms_file_decode(const unsigned char *buf, size_t len, const char *what, int n,
                   const unsigned char **line, size_t *line_len, void *bin, size_t want, char *err);

/* Parses a public key file (an "Ed" key). 0 or -1. */
int ms_pubkey_parse(const unsigned char *buf, size_t len, ms_pubkey *out, char *err);

/* Parses a .minisig file: canonical base64, bounded comments, a printable
 * UTF-8 trusted comment, algorithm "ED" or "Ed" (for the caller). 0 or -1. */
int ms_sig_parse(const unsigned char *buf, size_t len, ms_sig *out, char *err);

/* Verifies sig (as ms_sig_parse made it) over msg with pk: key numbers
 * equal, algorithm "ED" (Ed25519 over BLAKE2b-512 of msg), the signature
 * and the global signature (over sig | trusted comment), each through v
 * (NULL: libsodium). 0 or -1. */
int ms_sig_verify(const ms_sig *sig, const ms_pubkey *pk, const unsigned char *msg, size_t len,
                  const ed25519_verifier *v, char *err);

#endif
