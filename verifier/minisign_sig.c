/* minisign_sig.c - minisign signature files (.minisig): parsing with bounds,
 * verification of the "ED" algorithm, and signing. */
#include "minisign.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vutil.h"

#define UNTRUSTED "untrusted comment: "
#define TRUSTED "trusted comment: "
#define SIG_B64_MAX 100 /* base64 of 74 bytes */

typedef struct sig_bin {
    unsigned char alg[2];
    unsigned char keynum[MS_KEYNUM_BYTES];
    unsigned char sig[MS_SIG_BYTES];
} sig_bin;

static int decode_exact(const unsigned char *b64, size_t len, unsigned char *bin, size_t want)
{
    size_t got = 0;
    if (len > SIG_B64_MAX)
        return -1;
    if (sodium_base642bin(bin, want, (const char *)b64, len, NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want ? 0 : -1;
}

static int has_prefix(const unsigned char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n >= p && !memcmp(s, prefix, p);
}

int ms_sig_parse(const unsigned char *buf, size_t len, ms_sig *out, char *err)
{
    const unsigned char *line[4];
    size_t line_len[4], tlen = strlen(TRUSTED);
    sig_bin bin;
    int n;
    memset(out, 0, sizeof *out);
    if (len > MS_SIG_FILE_MAX) {
        verr(err, "signature file is larger than %d bytes", MS_SIG_FILE_MAX);
        return -1;
    }
    n = vu_split_lines(buf, len, line, line_len, 4);
    if (n != 4) {
        verr(err, "signature file is not four lines ending in LF (no CR, no NUL)");
        return -1;
    }
    if (!has_prefix(line[0], line_len[0], UNTRUSTED) ||
        line_len[0] > strlen(UNTRUSTED) + MS_COMMENT_MAX) {
        verr(err, "signature file does not start with a short 'untrusted comment: ' line");
        return -1;
    }
    if (decode_exact(line[1], line_len[1], (unsigned char *)&bin, sizeof bin)) {
        verr(err, "signature line is not canonical base64 of %zu bytes", sizeof bin);
        return -1;
    }
    if (!has_prefix(line[2], line_len[2], TRUSTED)) {
        verr(err, "signature file lacks its 'trusted comment: ' line");
        return -1;
    }
    if (line_len[2] - tlen > MS_COMMENT_MAX) {
        verr(err, "trusted comment is longer than %d bytes", MS_COMMENT_MAX);
        return -1;
    }
    if (!vu_printable_utf8(line[2] + tlen, line_len[2] - tlen)) {
        verr(err, "trusted comment is not printable UTF-8");
        return -1;
    }
    if (decode_exact(line[3], line_len[3], out->global_sig, sizeof out->global_sig)) {
        verr(err, "global signature line is not canonical base64 of %d bytes", MS_SIG_BYTES);
        return -1;
    }
    if (memcmp(bin.alg, "ED", 2) && memcmp(bin.alg, "Ed", 2)) {
        verr(err, "signature algorithm is neither \"ED\" nor \"Ed\"");
        return -1;
    }
    memcpy(out->alg, bin.alg, 2);
    memcpy(out->keynum, bin.keynum, sizeof bin.keynum);
    memcpy(out->sig, bin.sig, sizeof bin.sig);
    out->trusted_len = line_len[2] - tlen;
    memcpy(out->trusted, line[2] + tlen, out->trusted_len);
    out->trusted[out->trusted_len] = '\0';
    return 0;
}

int ms_sig_verify(const ms_sig *sig, const ms_pubkey *pk, const unsigned char *msg, size_t len,
                  char *err)
{
    unsigned char hash[crypto_generichash_BYTES_MAX];
    unsigned char *global;
    char want[17], got[17];
    int bad;
    if (memcmp(sig->keynum, pk->keynum, sizeof pk->keynum)) {
        ms_keyid(sig->keynum, got);
        ms_keyid(pk->keynum, want);
        verr(err, "signed with key ID %s, not the trusted key %s", got, want);
        return -1;
    }
    /* The algorithm bytes are not signed: accept exactly "ED", and say which
     * way a relabelled signature was turned. */
    if (!memcmp(sig->alg, "Ed", 2)) {
        if (crypto_sign_verify_detached(sig->sig, msg, len, pk->pk) == 0)
            verr(err, "legacy algorithm \"Ed\" refused (only prehashed \"ED\" is accepted)");
        else
            verr(err, "signature labelled legacy \"Ed\" does not verify (algorithm relabelled?)");
        return -1;
    }
    if (memcmp(sig->alg, "ED", 2)) {
        verr(err, "unknown signature algorithm");
        return -1;
    }
    crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
    if (crypto_sign_verify_detached(sig->sig, hash, sizeof hash, pk->pk) != 0) {
        if (crypto_sign_verify_detached(sig->sig, msg, len, pk->pk) == 0)
            verr(err, "a legacy \"Ed\" signature relabelled \"ED\"");
        else
            verr(err, "signature does not match MANIFEST");
        return -1;
    }
    global = malloc(sizeof sig->sig + sig->trusted_len);
    if (!global) {
        verr(err, "out of memory");
        return -1;
    }
    memcpy(global, sig->sig, sizeof sig->sig);
    memcpy(global + sizeof sig->sig, sig->trusted, sig->trusted_len);
    bad = crypto_sign_verify_detached(sig->global_sig, global, sizeof sig->sig + sig->trusted_len,
                                      pk->pk) != 0;
    free(global);
    if (bad) {
        verr(err, "trusted comment signature does not verify (comment edited?)");
        return -1;
    }
    return 0;
}

char *ms_sign(const ms_seckey *sk, const unsigned char *msg, size_t len, const char *trusted,
              int legacy)
{
    unsigned char hash[crypto_generichash_BYTES_MAX], global_sig[MS_SIG_BYTES];
    unsigned char global[MS_SIG_BYTES + MS_COMMENT_MAX];
    char b64a[sodium_base64_ENCODED_LEN(sizeof(sig_bin), sodium_base64_VARIANT_ORIGINAL)];
    char b64b[sodium_base64_ENCODED_LEN(MS_SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    size_t tlen = strlen(trusted), cap;
    sig_bin bin;
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
