/* minisign.h - minisign's key and signature file formats (minisign 0.11).
 *
 * The binary layouts below read straight from the decoded base64, as in
 * minisign's own src/minisign.h. Every parser bounds its input before any
 * expensive call and reports a reason into err (VERR_MAX bytes).
 * Secret key material lives only in sodium_malloc'd memory (ms_secret) and is
 * wiped when freed.
 */
#ifndef ACCORD_MINISIGN_H
#define ACCORD_MINISIGN_H

#include <stddef.h>

enum {
    MS_KEYNUM_BYTES = 8,
    MS_PK_BYTES = 32,
    MS_SK_BYTES = 64,
    MS_SIG_BYTES = 64,
    MS_KEY_FILE_MAX = 4096,       /* bytes of a public or secret key file */
    MS_SIG_FILE_MAX = 4096,       /* bytes of a .minisig file */
    MS_COMMENT_MAX = 1024,        /* bytes of an untrusted or trusted comment */
    MS_SECKEY_BYTES = 158,        /* decoded secret key */
    MS_SECKEY_CRYPT_BYTES = 104,  /* keynum | sk | chk: the encrypted part */
    MS_PUBKEY_FILE_LEN_MAX = 200, /* what ms_pubkey_format writes, at most */
};

/* Decoded public key: "Ed" | keynum | pk. */
typedef struct ms_pubkey {
    unsigned char sig_alg[2];
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char pk[MS_PK_BYTES];
} ms_pubkey;

/* Decoded secret key file, as stored (the last three fields encrypted unless
 * kdf_alg is 00 00). */
typedef struct ms_seckey {
    unsigned char sig_alg[2];
    unsigned char kdf_alg[2];
    unsigned char chk_alg[2];
    unsigned char kdf_salt[32];
    unsigned char kdf_opslimit_le[8];
    unsigned char kdf_memlimit_le[8];
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char sk[MS_SK_BYTES];
    unsigned char chk[32];
} ms_seckey;

/* A decoded signature file. trusted is NUL-terminated. */
typedef struct ms_sig {
    unsigned char alg[2]; /* "ED" (prehashed) or "Ed" (legacy) */
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char sig[MS_SIG_BYTES];
    char trusted[MS_COMMENT_MAX + 1];
    size_t trusted_len;
    unsigned char global_sig[MS_SIG_BYTES];
} ms_sig;

/* Formats a key number as minisign prints it: 16 uppercase hex digits of
 * the little-endian u64. */
void ms_keyid(const unsigned char keynum[MS_KEYNUM_BYTES], char out[17]);

/* Parses a public key file (or, when len is the length of one base64 line
 * without an untrusted comment, that line). Returns 0, or -1 with err set. */
int ms_pubkey_parse(const unsigned char *buf, size_t len, ms_pubkey *out, char *err);

/* Writes the public key file text for pk (NUL-terminated, at most
 * MS_PUBKEY_FILE_LEN_MAX bytes) into out. */
void ms_pubkey_format(const ms_pubkey *pk, char out[MS_PUBKEY_FILE_LEN_MAX]);

/* Parses a secret key file into *out, which must be sodium_malloc'd by the
 * caller (ms_seckey_new). Checks the algorithms and bounds the scrypt limits.
 * Returns 0, or -1 with err set. Does not decrypt. */
int ms_seckey_parse(const unsigned char *buf, size_t len, ms_seckey *out, char *err);

/* Returns 1 when sk is password-encrypted, else 0. */
int ms_seckey_encrypted(const ms_seckey *sk);

/* Decrypts sk in place with the password (scrypt, then XOR, then checksum).
 * Unencrypted keys are only checked. Returns 0, or -1 with err set ("wrong
 * password" when the checksum does not match). */
int ms_seckey_decrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err);

/* Encrypts a decrypted sk in place for writing: computes the checksum, then,
 * with a password, picks a random salt and minisign's scrypt limits (with
 * pwlen 0 and password NULL the key stays unencrypted, as minisign -W).
 * Returns 0, or -1 with err set (out of memory for scrypt). */
int ms_seckey_encrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err);

/* Returns a sodium_malloc'd zeroed ms_seckey, or NULL. Free with
 * ms_seckey_free, which wipes it. */
ms_seckey *ms_seckey_new(void);
void ms_seckey_free(ms_seckey *sk);

/* Writes the secret key file text of an encrypted-for-writing sk into a
 * sodium_malloc'd buffer (*out, *outlen; free with sodium_free). Returns 0
 * or -1. */
int ms_seckey_format(const ms_seckey *sk, char **out, size_t *outlen);

/* Fills sk (sodium_malloc'd) with a new random key pair and its public key
 * into *pk. */
void ms_keypair_new(ms_seckey *sk, ms_pubkey *pk);

/* Parses a .minisig file. Refuses non-canonical base64, comments over
 * MS_COMMENT_MAX, a trusted comment that is not printable UTF-8, and any
 * algorithm but "ED" and "Ed" (the caller decides which it accepts).
 * Returns 0, or -1 with err set. */
int ms_sig_parse(const unsigned char *buf, size_t len, ms_sig *out, char *err);

/* Verifies sig over msg with pk: the key numbers must match, the algorithm
 * must be "ED" (Ed25519 over BLAKE2b-512 of msg), the signature and the
 * global signature (over sig | trusted comment) must hold. Returns 0, or -1
 * with err set. */
int ms_sig_verify(const ms_sig *sig, const ms_pubkey *pk, const unsigned char *msg, size_t len,
                  char *err);

/* Signs msg with the decrypted sk as minisign -S does with "ED" (or, with
 * legacy set, "Ed": for tests only). trusted is the trusted comment
 * (printable, at most MS_COMMENT_MAX bytes). Returns a malloc'd signature
 * file text (caller frees) or NULL. */
char *ms_sign(const ms_seckey *sk, const unsigned char *msg, size_t len, const char *trusted,
              int legacy);

#endif
