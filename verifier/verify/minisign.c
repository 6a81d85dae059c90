/* minisign.c - minisign's public key and signature files, parsed with
 * bounds; signatures verified with the "ED" algorithm only. */
#include "verify.h"

#include <sodium.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* 0 when b64[0..len) is the canonical base64 of exactly want bytes, put at bin. */
static int base64_exact(const unsigned char *b64, size_t len, void *bin, size_t want)
{
    size_t got = 0;
    if (len > 4 * ((want + 2) / 3) ||
        sodium_base642bin(bin, want, (const char *)b64, len, NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == want ? 0 : -1;
}

int ms_file_decode(const unsigned char *buf, size_t len, const char *what, int n,
                   const unsigned char **line, size_t *line_len, void *bin, size_t want, char *err)
{
    size_t u = strlen("untrusted comment: ");
    if (len > MS_KEY_FILE_MAX)
        return verr(err, "%s file is larger than %d bytes", what, MS_KEY_FILE_MAX);
    if (vu_split_lines(buf, len, line, line_len, n) != n)
        return verr(err, "%s file is not %s", what,
                    n == 2 ? "two lines (untrusted comment, base64 key) ending in LF"
                           : "four lines ending in LF (no CR, no NUL)");
    if (line_len[0] < u || line_len[0] - u > MS_COMMENT_MAX ||
        memcmp(line[0], "untrusted comment: ", u))
        return verr(err, "%s file does not start with a short 'untrusted comment: ' line", what);
    if (base64_exact(line[1], line_len[1], bin, want))
        return verr(err, "%s%s is not canonical base64 of %zu bytes", what, n == 2 ? "" : " line",
                    want);
    return 0;
}

void ms_keyid(const unsigned char keynum[MS_KEYNUM_BYTES], char out[17])
{
    for (int i = 0; i < MS_KEYNUM_BYTES; i++) /* a little-endian number, as minisign shows it */
        snprintf(out + 2 * i, 3, "%02X", keynum[MS_KEYNUM_BYTES - 1 - i]);
}

int ms_pubkey_parse(const unsigned char *buf, size_t len, ms_pubkey *out, char *err)
{
    const unsigned char *line[2];
    size_t line_len[2];
    if (ms_file_decode(buf, len, "public key", 2, line, line_len, out, sizeof *out, err))
        return -1;
    return memcmp(out->sig_alg, "Ed", 2) ? verr(err, "public key algorithm is not Ed25519 (\"Ed\")")
                                         : 0;
}

int ms_sig_parse(const unsigned char *buf, size_t len, ms_sig *out, char *err)
{
    const unsigned char *line[4];
    size_t line_len[4], t = strlen("trusted comment: ");
    memset(out, 0, sizeof *out);
    /* the second line is alg | keynum | sig, as ms_sig begins */
    if (ms_file_decode(buf, len, "signature", 4, line, line_len, out, offsetof(ms_sig, trusted),
                       err))
        return -1;
    if (line_len[2] < t || memcmp(line[2], "trusted comment: ", t))
        return verr(err, "signature file lacks its 'trusted comment: ' line");
    if (line_len[2] - t > MS_COMMENT_MAX)
        return verr(err, "trusted comment is longer than %d bytes", MS_COMMENT_MAX);
    if (!vu_printable_utf8(line[2] + t, line_len[2] - t))
        return verr(err, "trusted comment is not printable UTF-8");
    if (base64_exact(line[3], line_len[3], out->global_sig, MS_SIG_BYTES))
        return verr(err, "global signature line is not canonical base64 of %d bytes", MS_SIG_BYTES);
    if (memcmp(out->alg, "ED", 2) && memcmp(out->alg, "Ed", 2))
        return verr(err, "signature algorithm is neither \"ED\" nor \"Ed\"");
    out->trusted_len = line_len[2] - t;
    memcpy(out->trusted, line[2] + t, out->trusted_len);
    return 0;
}

/* Ed25519 through v, or libsodium's when v is NULL. 0 when valid. */
static int ed25519(const ed25519_verifier *v, const unsigned char *sig, const unsigned char *m,
                   size_t len, const unsigned char *pk)
{
    return v ? v->verify(v->ctx, sig, m, len, pk) : crypto_sign_verify_detached(sig, m, len, pk);
}

int ms_sig_verify(const ms_sig *sig, const ms_pubkey *pk, const unsigned char *msg, size_t len,
                  const ed25519_verifier *v, char *err)
{
    unsigned char hash[crypto_generichash_BYTES_MAX], global[MS_SIG_BYTES + MS_COMMENT_MAX];
    char want[17], got[17];
    if (memcmp(sig->keynum, pk->keynum, sizeof pk->keynum)) {
        ms_keyid(sig->keynum, got);
        ms_keyid(pk->keynum, want);
        return verr(err, "signed with key ID %s, not the trusted key %s", got, want);
    }
    /* The algorithm bytes are not signed: accept exactly "ED", and say which
     * way a relabelled signature was turned. */
    if (!memcmp(sig->alg, "Ed", 2))
        return verr(err, crypto_sign_verify_detached(sig->sig, msg, len, pk->pk) == 0
                             ? "legacy algorithm \"Ed\" refused (only prehashed \"ED\" is accepted)"
                             : "signature labelled legacy \"Ed\" does not verify (algorithm "
                               "relabelled?)");
    crypto_generichash(hash, sizeof hash, msg, len, NULL, 0);
    if (ed25519(v, sig->sig, hash, sizeof hash, pk->pk) != 0)
        return verr(err, crypto_sign_verify_detached(sig->sig, msg, len, pk->pk) == 0
                             ? "a legacy \"Ed\" signature relabelled \"ED\""
                             : "signature does not match MANIFEST");
    /* the global signature covers the signature and the trusted comment */
    memcpy(global, sig->sig, MS_SIG_BYTES);
    memcpy(global + MS_SIG_BYTES, sig->trusted, sig->trusted_len);
    if (ed25519(v, sig->global_sig, global, MS_SIG_BYTES + sig->trusted_len, pk->pk) != 0)
        return verr(err, "trusted comment signature does not verify (comment edited?)");
    return 0;
}
