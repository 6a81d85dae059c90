/* verify_forge.c - builds the hostile bundles of the verifier's negative
 * matrix (tests/cli/verify_matrix.sh) from a valid bundle. A test tool, not
 * part of accord: it links the verifier library to re-sign what it forges.
 *
 *   verify_forge swap-sig A B OUT         A with B's signature member
 *   verify_forge replace A NAME FILE OUT  member NAME's bytes from FILE (added if absent)
 *   verify_forge remove A NAME OUT
 *   verify_forge resign A KEY MODE OUT    rebuild MANIFEST (MODE: canonical, unsorted,
 *                                         upper, crlf, omit, legacy, tc) and re-sign
 *   verify_forge sig A MODE OUT           edit the signature (alg-Ed, alg-ED, tc, b64)
 *   verify_forge raw A MODE OUT           raw zip writer (plain, dup, casedup, traversal,
 *                                         absolute, backslash, control, symlink, encrypted,
 *                                         deflate, comment, gap, cdgap, namemismatch,
 *                                         toomany, datadesc, dir)
 *   verify_forge seckey KEY MODE OUT      hostile secret key (scrypt, alg)
 *   verify_forge agreement MENTEE.accord MENTOR.accord OUT [PARTY=KEY]...
 *                                         an agreement bundle embedding both answers
 *                                         bundles, countersigned with each KEY given
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"
#define FORGE_TOOL "verify_forge"
#include "forge_util.h"

static zipread_archive za;

static zipread_member *member(zipread_archive *z, const char *name)
{
    return (zipread_member *)zipread_find(z, name);
}

static void write_zip(const zipread_archive *z, const char *out)
{
    unsigned char *buf;
    size_t len;
    char err[VERR_MAX];
    if (bundle_zip_write(z->members, z->n, 1772460300, &buf, &len, err))
        forge_die(err);
    forge_put(out, buf, len);
    free(buf);
}

static zipread_member *sig_member(zipread_archive *z)
{
    for (size_t i = 0; i < z->n; i++)
        if (!strncmp(z->members[i].name, "signatures/", 11))
            return &z->members[i];
    forge_die("no signature member");
    return NULL;
}

static ms_seckey *load_key(const char *path)
{
    ms_seckey *sk = forge_load_key(path);
    if (!sk)
        forge_die("cannot load an unencrypted secret key");
    return sk;
}

/* Rebuilds MANIFEST in one of several (mostly non-canonical) ways, then signs it. */
static void resign(zipread_archive *z, const char *keypath, const char *mode)
{
    const char *names[] = {"META", "answers.xml", "questionnaire.xml"};
    const unsigned char *data[3];
    size_t lens[3], mlen;
    char *mf, tc[META_COMMENT_MAX], *sig, *out;
    meta m;
    char err[VERR_MAX];
    ms_seckey *sk = load_key(keypath);
    for (int i = 0; i < 3; i++) {
        data[i] = member(z, names[i])->data;
        lens[i] = member(z, names[i])->len;
    }
    if (meta_parse(member(z, "META")->data, member(z, "META")->len, &m, err))
        forge_die(err);
    if (!strcmp(mode, "omit")) {
        if (manifest_format(names, data, lens, 2, &mf, &mlen)) /* no questionnaire.xml */
            forge_die("manifest");
    } else if (manifest_format(names, data, lens, 3, &mf, &mlen)) {
        forge_die("manifest");
    }
    out = malloc(2 * mlen + 16);
    if (!strcmp(mode, "unsorted")) {
        /* swap the first two lines */
        char *nl = strchr(mf, '\n');
        size_t a = (size_t)(nl - mf) + 1;
        char *nl2 = strchr(nl + 1, '\n');
        size_t b = (size_t)(nl2 - nl);
        memcpy(out, nl + 1, b);
        memcpy(out + b, mf, a);
        memcpy(out + a + b, nl2 + 1, mlen - a - b);
        memcpy(mf, out, mlen);
    } else if (!strcmp(mode, "upper")) {
        for (size_t i = 0; i < 64; i++)
            if (mf[i] >= 'a' && mf[i] <= 'f')
                mf[i] = (char)(mf[i] - 32);
    } else if (!strcmp(mode, "crlf")) {
        size_t k = 0;
        for (size_t i = 0; i < mlen; i++) {
            if (mf[i] == '\n')
                out[k++] = '\r';
            out[k++] = mf[i];
        }
        free(mf);
        mf = malloc(k + 1);
        memcpy(mf, out, k);
        mlen = k;
    }
    free(out);
    meta_trusted_comment(&m, tc);
    if (!strcmp(mode, "tc")) {
        char *p = strstr(tc, "revision=1");
        if (p)
            p[9] = '7';
    }
    sig = ms_sign(sk, (unsigned char *)mf, mlen, tc, !strcmp(mode, "legacy"));
    if (!sig)
        forge_die("sign");
    forge_set_member(z, "MANIFEST", mf, mlen);
    forge_set_member(z, sig_member(z)->name, sig, strlen(sig));
    free(mf);
    free(sig);
    ms_seckey_free(sk);
}

static void edit_sig(zipread_archive *z, const char *mode)
{
    zipread_member *s = sig_member(z);
    char *text = (char *)s->data, *l2 = strchr(text, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    if (!strcmp(mode, "alg-Ed") || !strcmp(mode, "alg-ED")) {
        /* The line's first base64 characters encode the two algorithm bytes. */
        unsigned char bin[74];
        size_t got;
        char b64[101];
        if (sodium_base642bin(bin, sizeof bin, l2, (size_t)(l3 - l2 - 1), NULL, &got, NULL,
                              sodium_base64_VARIANT_ORIGINAL))
            forge_die("sig b64");
        memcpy(bin, mode[5] == 'd' ? "Ed" : "ED", 2);
        sodium_bin2base64(b64, sizeof b64, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL);
        memcpy(l2, b64, 100);
    } else if (!strcmp(mode, "tc")) {
        char *p = strstr(l3, "revision=1");
        if (!p)
            forge_die("no revision in trusted comment");
        p[9] = '2';
    } else if (!strcmp(mode, "b64")) {
        /* 74 bytes end in "X=": a last character with its unused low bits set
         * still decodes leniently elsewhere but is not canonical. */
        char *eq = strchr(l2, '=');
        const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int v = (int)(strchr(alphabet, eq[-1]) - alphabet);
        eq[-1] = alphabet[v | 1]; /* canonical: the two low bits are zero */
    } else {
        forge_die("unknown sig mode");
    }
}

/* --- a raw zip writer, for layouts libzip will not produce ----------------- */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
    }
    return ~c;
}

static unsigned char *obuf;
static size_t olen, ocap;

static void emit(const void *p, size_t n)
{
    if (olen + n > ocap) {
        ocap = (olen + n) * 2;
        obuf = realloc(obuf, ocap);
    }
    memcpy(obuf + olen, p, n);
    olen += n;
}

static void le16(uint32_t v)
{
    unsigned char b[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    emit(b, 2);
}

static void le32(uint32_t v)
{
    le16(v & 0xffff);
    le16(v >> 16);
}

typedef struct raw_entry {
    const char *name, *local_name;
    const unsigned char *data;
    size_t len;
    uint32_t flags, method, ext_attr, offset;
} raw_entry;

static void raw_write(raw_entry *e, size_t n, const char *mode, const char *out)
{
    size_t cd;
    if (!strcmp(mode, "prefix-local"))
        emit("junk", 4);
    for (size_t i = 0; i < n; i++) {
        if (i == 1 && !strcmp(mode, "gap"))
            emit("hidden", 6);
        e[i].offset = (uint32_t)olen;
        le32(0x04034b50);
        le16(10);
        le16(e[i].flags);
        le16(e[i].method);
        le16(0x7000); /* time */
        le16(0x5c62); /* date */
        le32(crc32_of(e[i].data, e[i].len));
        le32((uint32_t)e[i].len);
        le32((uint32_t)e[i].len);
        le16((uint32_t)strlen(e[i].local_name));
        le16(0);
        emit(e[i].local_name, strlen(e[i].local_name));
        emit(e[i].data, e[i].len);
    }
    if (!strcmp(mode, "cdgap"))
        emit("hidden", 6);
    cd = olen;
    for (size_t i = 0; i < n; i++) {
        le32(0x02014b50);
        le16(0x0300 | 20);
        le16(10);
        le16(e[i].flags);
        le16(e[i].method);
        le16(0x7000);
        le16(0x5c62);
        le32(crc32_of(e[i].data, e[i].len));
        le32((uint32_t)e[i].len);
        le32((uint32_t)e[i].len);
        le16((uint32_t)strlen(e[i].name));
        le16(0);
        le16(0);
        le16(0);
        le16(0);
        le32(e[i].ext_attr);
        le32(e[i].offset);
        emit(e[i].name, strlen(e[i].name));
    }
    size_t cd_len = olen - cd;
    le32(0x06054b50);
    le16(0);
    le16(0);
    le16((uint32_t)n);
    le16((uint32_t)n);
    le32((uint32_t)cd_len);
    le32((uint32_t)cd);
    if (!strcmp(mode, "comment")) {
        le16(7);
        emit("comment", 7);
    } else {
        le16(0);
    }
    forge_put(out, obuf, olen);
}

static void raw(zipread_archive *z, const char *mode, const char *out)
{
    size_t n = z->n, extra = !strcmp(mode, "toomany") ? 300 : 1;
    raw_entry *e = calloc(n + extra, sizeof *e);
    static char names[300][16];
    for (size_t i = 0; i < n; i++) {
        e[i].name = e[i].local_name = z->members[i].name;
        e[i].data = z->members[i].data;
        e[i].len = z->members[i].len;
        e[i].ext_attr = 0100644u << 16;
    }
    raw_entry *x = &e[n]; /* an extra member, for modes that add one */
    *x = e[1];
    if (!strcmp(mode, "dup"))
        n++;
    else if (!strcmp(mode, "casedup"))
        x->name = x->local_name = "ANSWERS.XML", n++;
    else if (!strcmp(mode, "traversal"))
        x->name = x->local_name = "../evil", n++;
    else if (!strcmp(mode, "absolute"))
        x->name = x->local_name = "/etc/evil", n++;
    else if (!strcmp(mode, "backslash"))
        x->name = x->local_name = "..\\evil", n++;
    else if (!strcmp(mode, "control"))
        x->name = x->local_name = "evil\x1b[2J", n++;
    else if (!strcmp(mode, "symlink"))
        x->name = x->local_name = "link", x->ext_attr = 0120777u << 16, n++;
    else if (!strcmp(mode, "dir"))
        x->name = x->local_name = "folder", x->ext_attr = (040755u << 16) | 0x10, n++;
    else if (!strcmp(mode, "encrypted"))
        e[1].flags = 1;
    else if (!strcmp(mode, "datadesc"))
        e[1].flags = 8;
    else if (!strcmp(mode, "deflate"))
        e[1].method = 8;
    else if (!strcmp(mode, "namemismatch"))
        e[1].local_name = "answers.xmL";
    else if (!strcmp(mode, "toomany")) {
        for (size_t i = 0; i < 300; i++) {
            snprintf(names[i], sizeof names[i], "m%zu", i);
            e[n + i] = e[1];
            e[n + i].name = e[n + i].local_name = names[i];
        }
        n += 300;
    }
    raw_write(e, n, mode, out);
    free(e);
}

static void hostile_seckey(const char *path, const char *mode, const char *out)
{
    unsigned char *buf, bin[158];
    size_t len, got;
    char b64[300], *l2;
    if (vu_read_file(path, MS_KEY_FILE_MAX, &buf, &len))
        forge_die("key");
    l2 = strchr((char *)buf, '\n') + 1;
    if (sodium_base642bin(bin, sizeof bin, l2, strcspn(l2, "\n"), NULL, &got, NULL,
                          sodium_base64_VARIANT_ORIGINAL) ||
        got != sizeof bin)
        forge_die("key b64");
    if (!strcmp(mode, "scrypt")) {
        memcpy(bin + 2, "Sc", 2);
        memset(bin + 38, 0xff, 8); /* opslimit */
        memset(bin + 46, 0x7f, 8); /* memlimit */
    } else if (!strcmp(mode, "alg")) {
        memcpy(bin, "Xx", 2);
    } else if (!strcmp(mode, "kdf")) {
        memcpy(bin + 2, "Ar", 2);
    } else if (!strcmp(mode, "corrupt")) {
        bin[100] ^= 1; /* sk starts at 62: its public half (62 + 32 on) no longer matches */
    } else {
        forge_die("unknown seckey mode");
    }
    sodium_bin2base64(b64, sizeof b64, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL);
    FILE *f = fopen(out, "w");
    fprintf(f, "untrusted comment: hostile key\n%s\n", b64);
    fclose(f);
    free(buf);
}

/* Builds an agreement bundle as DESIGN.md describes it, apart from accord's
 * own writer: META, questionnaire.xml, agreement.html, parties/<id>/...,
 * MANIFEST, signatures/<id>.minisig per countersigning party. */
static void agreement(int argc, char **argv)
{
    zipread_archive mentee, mentor, out = {NULL, 0};
    meta am, pm, rm;
    char err[VERR_MAX], path[300];
    const char *names[64];
    const unsigned char *data[64];
    size_t lens[64], n = 0, len, mlen;
    char *meta_text, *mf, *tc;
    forge_load(argv[2], &mentee);
    forge_load(argv[3], &mentor);
    if (meta_parse(member(&mentee, "META")->data, member(&mentee, "META")->len, &pm, err) ||
        meta_parse(member(&mentor, "META")->data, member(&mentor, "META")->len, &rm, err))
        forge_die(err);
    am = pm;
    strcpy(am.v[META_KIND], "agreement");
    strcpy(am.v[META_ROLE], "agreement");
    snprintf(am.v[META_PARTY], sizeof am.v[META_PARTY], "%.32s,%.32s", pm.v[META_PARTY],
             rm.v[META_PARTY]);
    meta_text = meta_format(&am, &len);
    forge_set_member(&out, "META", meta_text, len);
    forge_set_member(&out, "questionnaire.xml", member(&mentee, "questionnaire.xml")->data,
                     member(&mentee, "questionnaire.xml")->len);
    forge_set_member(&out, "agreement.html", "<!DOCTYPE html><p>agreed</p>\n", 29);
    zipread_archive *sides[2] = {&mentee, &mentor};
    const char *who[2] = {pm.v[META_PARTY], rm.v[META_PARTY]};
    for (int p = 0; p < 2; p++)
        for (size_t i = 0; i < sides[p]->n; i++) {
            snprintf(path, sizeof path, "parties/%s/%s", who[p], sides[p]->members[i].name);
            forge_set_member(&out, path, sides[p]->members[i].data, sides[p]->members[i].len);
        }
    for (size_t i = 0; i < out.n; i++) {
        names[n] = out.members[i].name;
        data[n] = out.members[i].data;
        lens[n++] = out.members[i].len;
    }
    if (manifest_format(names, data, lens, n, &mf, &mlen))
        forge_die("manifest");
    forge_set_member(&out, "MANIFEST", mf, mlen);
    /* Countersignatures record when they were made (contract D3): an hour
     * after the agreement was created. */
    tc = bundle_countersign_comment(&am, meta_time_parse(am.v[META_CREATED]) + 3600);
    for (int i = 5; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        ms_seckey *sk;
        char *sig;
        if (!eq)
            forge_die("PARTY=KEY");
        *eq = '\0';
        sk = load_key(eq + 1);
        sig = ms_sign(sk, (unsigned char *)mf, mlen, tc, 0);
        snprintf(path, sizeof path, "signatures/%s.minisig", argv[i]);
        forge_set_member(&out, path, sig, strlen(sig));
        free(sig);
        ms_seckey_free(sk);
    }
    write_zip(&out, argv[4]);
    free(meta_text);
    free(mf);
    free(tc);
    zipread_release(&out);
    zipread_release(&mentee);
    zipread_release(&mentor);
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0 || argc < 4)
        forge_die("usage: see the comment at the top of verify_forge.c");
    const char *mode = argv[1];
    if (!strcmp(mode, "seckey") && argc == 5) {
        hostile_seckey(argv[2], argv[3], argv[4]);
        return 0;
    }
    if (!strcmp(mode, "agreement") && argc >= 5) {
        agreement(argc, argv);
        return 0;
    }
    forge_load(argv[2], &za);
    if (!strcmp(mode, "swap-sig") && argc == 5) {
        zipread_archive b;
        forge_load(argv[3], &b);
        zipread_member *s = sig_member(&b);
        forge_set_member(&za, sig_member(&za)->name, s->data, s->len);
        write_zip(&za, argv[4]);
        zipread_release(&b);
    } else if (!strcmp(mode, "replace") && argc == 6) {
        unsigned char *buf;
        size_t len;
        if (vu_read_file(argv[4], ZIPREAD_FILE_MAX, &buf, &len))
            forge_die("replacement");
        forge_set_member(&za, argv[3], buf, len);
        free(buf);
        write_zip(&za, argv[5]);
    } else if (!strcmp(mode, "remove") && argc == 5) {
        zipread_member *m = member(&za, argv[3]);
        if (!m)
            forge_die("no such member");
        size_t i = (size_t)(m - za.members);
        free(m->name);
        free(m->data);
        memmove(m, m + 1, (za.n - i - 1) * sizeof *m);
        za.n--;
        write_zip(&za, argv[4]);
    } else if (!strcmp(mode, "resign") && argc == 6) {
        resign(&za, argv[3], argv[4]);
        write_zip(&za, argv[5]);
    } else if (!strcmp(mode, "sig") && argc == 5) {
        edit_sig(&za, argv[3]);
        write_zip(&za, argv[4]);
    } else if (!strcmp(mode, "raw") && argc == 5) {
        raw(&za, argv[3], argv[4]);
    } else {
        forge_die("usage: see the comment at the top of verify_forge.c");
    }
    zipread_release(&za);
    free(obuf);
    return 0;
}
