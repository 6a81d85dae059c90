/* minisign.c - minisign's secret key files (parsed with bounds, scrypt
 * decryption and encryption, writing, new key pairs) and signing in its
 * "ED" mode. */
#include "accord_sign.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "
/* keynum | sk | chk: the part of a secret key file scrypt encrypts */
enum { SECKEY_CRYPT_BYTES = MS_KEYNUM_BYTES + MS_SK_BYTES + 32 };

#define KDF_OPS crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
#define KDF_MEM crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE

static void store64_le(unsigned char p[8], uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

static uint64_t load64_le(const unsigned char p[8])
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

void ms_pubkey_format(const ms_pubkey *pk, char out[MS_PUBKEY_FILE_LEN_MAX])
{
    char id[17], b64[sodium_base64_ENCODED_LEN(sizeof *pk, sodium_base64_VARIANT_ORIGINAL)];
    ms_keyid(pk->keynum, id);
    sodium_bin2base64(b64, sizeof b64, (const unsigned char *)pk, sizeof *pk,
                      sodium_base64_VARIANT_ORIGINAL);
    snprintf(out, MS_PUBKEY_FILE_LEN_MAX, UNTRUSTED "minisign public key %s\n%s\n", id, b64);
}

ms_seckey *ms_seckey_new(void)
{
    ms_seckey *sk = sodium_malloc(sizeof *sk);
    if (sk)
        memset(sk, 0, sizeof *sk);
    return sk;
}

void ms_seckey_free(ms_seckey *sk)
{
    if (sk) {
        sodium_memzero(sk, sizeof *sk);
        sodium_free(sk);
    }
}

int ms_seckey_parse(const unsigned char *buf, size_t len, ms_seckey *out, char *err)
{
    const unsigned char *line[2];
    size_t line_len[2];
    if (ms_file_decode(buf, len, "secret key", 2, line, line_len, out, sizeof *out, err))
        return -1;
    if (memcmp(out->sig_alg, "Ed", 2) || memcmp(out->chk_alg, "B2", 2)) {
        verr(err, "secret key algorithms are not Ed25519 and BLAKE2b (\"Ed\", \"B2\")");
        return -1;
    }
    if (ms_seckey_encrypted(out)) {
        if (memcmp(out->kdf_alg, "Sc", 2)) {
            verr(err, "secret key uses an unknown key derivation (not scrypt \"Sc\")");
            return -1;
        }
        if (load64_le(out->kdf_opslimit_le) > KDF_OPS ||
            load64_le(out->kdf_memlimit_le) > KDF_MEM) {
            verr(err, "secret key asks for scrypt limits above minisign's (%llu ops, %llu bytes)",
                 (unsigned long long)KDF_OPS, (unsigned long long)KDF_MEM);
            return -1;
        }
    }
    return 0;
}

int ms_seckey_encrypted(const ms_seckey *sk)
{
    return sk->kdf_alg[0] != 0 || sk->kdf_alg[1] != 0;
}

static void seckey_chk(const ms_seckey *sk, unsigned char chk[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, sk->sig_alg, 2);
    crypto_generichash_update(&st, sk->keynum, sizeof sk->keynum);
    crypto_generichash_update(&st, sk->sk, sizeof sk->sk);
    crypto_generichash_final(&st, chk, 32);
    sodium_memzero(&st, sizeof st);
}

/* XORs keynum | sk | chk with the scrypt stream of the password. */
static int seckey_xor(ms_seckey *sk, const char *password, size_t pwlen, char *err)
{
    unsigned char *stream = sodium_malloc(SECKEY_CRYPT_BYTES);
    unsigned char *p = sk->keynum;
    if (!stream) {
        verr(err, "out of memory");
        return -1;
    }
    if (crypto_pwhash_scryptsalsa208sha256(stream, SECKEY_CRYPT_BYTES, password, pwlen,
                                           sk->kdf_salt, load64_le(sk->kdf_opslimit_le),
                                           (size_t)load64_le(sk->kdf_memlimit_le)) != 0) {
        sodium_free(stream);
        verr(err, "scrypt failed (out of memory, or limits too small)");
        return -1;
    }
    for (size_t i = 0; i < SECKEY_CRYPT_BYTES; i++)
        p[i] ^= stream[i];
    sodium_free(stream);
    return 0;
}

int ms_seckey_decrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err)
{
    unsigned char chk[32], pk[MS_PK_BYTES], *seed;
    int zero_chk;
    if (ms_seckey_encrypted(sk) && seckey_xor(sk, password, pwlen, err))
        return -1;
    seckey_chk(sk, chk);
    zero_chk = sodium_is_zero(sk->chk, sizeof sk->chk);
    if (sodium_memcmp(chk, sk->chk, sizeof chk) != 0 && (ms_seckey_encrypted(sk) || !zero_chk)) {
        sodium_memzero(chk, sizeof chk);
        verr(err, ms_seckey_encrypted(sk) ? "wrong password for the secret key"
                                          : "secret key checksum does not match");
        return -1;
    }
    sodium_memzero(chk, sizeof chk);
    /* The public half stored in sk must be the seed's own. */
    seed = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    if (!seed) {
        verr(err, "out of memory");
        return -1;
    }
    crypto_sign_seed_keypair(pk, seed, sk->sk);
    int bad = sodium_memcmp(pk, sk->sk + 32, sizeof pk) != 0;
    sodium_free(seed);
    if (bad) {
        verr(err, "secret key is corrupt (its public half does not match)");
        return -1;
    }
    return 0;
}

int ms_seckey_encrypt(ms_seckey *sk, const char *password, size_t pwlen, char *err)
{
    if (!password) {
        memset(sk->kdf_alg, 0, 2);
        memset(sk->kdf_salt, 0, sizeof sk->kdf_salt);
        memset(sk->kdf_opslimit_le, 0, 8);
        memset(sk->kdf_memlimit_le, 0, 8);
        memset(sk->chk, 0, sizeof sk->chk);
        return 0;
    }
    memcpy(sk->kdf_alg, "Sc", 2);
    randombytes_buf(sk->kdf_salt, sizeof sk->kdf_salt);
    store64_le(sk->kdf_opslimit_le, KDF_OPS);
    store64_le(sk->kdf_memlimit_le, KDF_MEM);
    seckey_chk(sk, sk->chk);
    return seckey_xor(sk, password, pwlen, err);
}

int ms_seckey_format(const ms_seckey *sk, char **out, size_t *outlen)
{
    static const char head[] = UNTRUSTED "minisign encrypted secret key\n";
    size_t b64len = sodium_base64_ENCODED_LEN(sizeof *sk, sodium_base64_VARIANT_ORIGINAL);
    size_t cap = sizeof head + b64len + 1;
    char *buf = sodium_malloc(cap);
    if (!buf)
        return -1;
    memcpy(buf, head, sizeof head - 1);
    sodium_bin2base64(buf + sizeof head - 1, b64len, (const unsigned char *)sk, sizeof *sk,
                      sodium_base64_VARIANT_ORIGINAL);
    *outlen = strlen(buf);
    buf[(*outlen)++] = '\n';
    *out = buf;
    return 0;
}

void ms_keypair_new(ms_seckey *sk, ms_pubkey *pk)
{
    unsigned char pub[MS_PK_BYTES];
    memset(sk, 0, sizeof *sk);
    memcpy(sk->sig_alg, "Ed", 2);
    memcpy(sk->chk_alg, "B2", 2);
    randombytes_buf(sk->keynum, sizeof sk->keynum);
    crypto_sign_keypair(pub, sk->sk);
    memcpy(pk->sig_alg, "Ed", 2);
    memcpy(pk->keynum, sk->keynum, sizeof pk->keynum);
    memcpy(pk->pk, pub, sizeof pub);
}

char *ms_sign(const ms_seckey *sk, const unsigned char *msg, size_t len, const char *trusted,
              int legacy)
{
    unsigned char hash[crypto_generichash_BYTES_MAX], global_sig[MS_SIG_BYTES];
    unsigned char global[MS_SIG_BYTES + MS_COMMENT_MAX];
    char b64a[sodium_base64_ENCODED_LEN(2 + MS_KEYNUM_BYTES + MS_SIG_BYTES,
                                        sodium_base64_VARIANT_ORIGINAL)];
    char b64b[sodium_base64_ENCODED_LEN(MS_SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    size_t tlen = strlen(trusted), cap;
    struct {
        unsigned char alg[2], keynum[MS_KEYNUM_BYTES], sig[MS_SIG_BYTES];
    } bin;
    char *out;
    if (tlen > MS_COMMENT_MAX || !vu_printable_utf8((const unsigned char *)trusted, tlen))
        return NULL;
    memcpy(bin.alg, legacy ? "Ed" : "ED", 2);
    memcpy(bin.keynum, sk->keynum, sizeof bin.keynum);
    if (legacy) {
        crypto_sign_detached(bin.sig, NULL, msg, len, sk->sk);
    } else {
        crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
        crypto_sign_detached(bin.sig, NULL, hash, sizeof hash, sk->sk);
    }
    memcpy(global, bin.sig, sizeof bin.sig);
    memcpy(global + sizeof bin.sig, trusted, tlen);
    crypto_sign_detached(global_sig, NULL, global, sizeof bin.sig + tlen, sk->sk);
    sodium_bin2base64(b64a, sizeof b64a, (const unsigned char *)&bin, sizeof bin,
                      sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(b64b, sizeof b64b, global_sig, sizeof global_sig,
                      sodium_base64_VARIANT_ORIGINAL);
    cap = strlen(UNTRUSTED) + 64 + sizeof b64a + strlen(TRUSTED) + tlen + sizeof b64b + 8;
    out = malloc(cap);
    if (out)
        snprintf(out, cap, "%ssignature from accord secret key\n%s\n%s%s\n%s\n", UNTRUSTED, b64a,
                 TRUSTED, trusted, b64b);
    return out;
}
