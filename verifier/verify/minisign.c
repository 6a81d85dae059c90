/* minisign.c - minisign's public key and signature files: parsed with
 * bounds, and signatures verified with the "ED" algorithm only. */
#include "verify.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void ms_keyid(const unsigned char keynum[MS_KEYNUM_BYTES], char out[17])
{
    snprintf(out, 17, "%016llX", (unsigned long long)vu_load64_le(keynum));
}

int ms_key_file_decode(const unsigned char *buf, size_t len, const char *what, unsigned char *bin,
                       size_t want, char *err)
{
    const unsigned char *line[2];
    size_t line_len[2], got = 0;
    int n;
    if (len > MS_KEY_FILE_MAX) {
        verr(err, "%s file is larger than %d bytes", what, MS_KEY_FILE_MAX);
        return -1;
    }
    n = vu_split_lines(buf, len, line, line_len, 2);
    if (n != 2) {
        verr(err, "%s file is not two lines (untrusted comment, base64 key) ending in LF", what);
        return -1;
    }
    if (line_len[0] < strlen(UNTRUSTED) || memcmp(line[0], UNTRUSTED, strlen(UNTRUSTED)) ||
        line_len[0] > strlen(UNTRUSTED) + MS_COMMENT_MAX) {
        verr(err, "%s file does not start with a short 'untrusted comment: ' line", what);
        return -1;
    }
    if (line_len[1] > 4 * ((want + 2) / 3) ||
        sodium_base642bin(bin, want, (const char *)line[1], line_len[1], NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != want) {
        verr(err, "%s is not canonical base64 of %zu bytes", what, want);
        return -1;
    }
    return 0;
}

int ms_pubkey_parse(const unsigned char *buf, size_t len, ms_pubkey *out, char *err)
{
    if (ms_key_file_decode(buf, len, "public key", (unsigned char *)out, sizeof *out, err))
        return -1;
    if (memcmp(out->sig_alg, "Ed", 2)) {
        verr(err, "public key algorithm is not Ed25519 (\"Ed\")");
        return -1;
    }
    return 0;
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
