/* agreement_forge.c - builds agreement bundles for the command-line tests
 * (tests/cli/agreement_*.sh) with the verifier library's writer, and forges
 * the hostile ones. A test tool, not part of accord.
 *
 *   agreement_forge write MENTEE.accord MENTOR.accord OUT
 *        bundle_agreement_write (META derived, the snapshot both carry)
 *   agreement_forge edit IN NAME FILE OUT
 *        member NAME's bytes from FILE (added if absent), MANIFEST rebuilt,
 *        countersignatures dropped: a consistent bundle nobody signed yet
 *   agreement_forge drop IN NAME OUT
 *        member NAME removed, MANIFEST rebuilt, countersignatures dropped
 *   agreement_forge sign IN KEY PARTY EPOCH MODE OUT
 *        adds signatures/PARTY.minisig by KEY (unencrypted); trusted comment by
 *        MODE: ok (META + signed=EPOCH), plain (META only), junk (signed= a
 *        time that does not exist)
 *   agreement_forge merge OUT IN...
 *        bundle_merge_signatures of the copies
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"
#define FORGE_TOOL "agreement_forge"
#include "forge_util.h"

static void get_meta(const zipread_archive *z, meta *m)
{
    const zipread_member *mm = zipread_find(z, "META");
    char err[VERR_MAX];
    /* Parse leniently: an edited META may break the rules on purpose. */
    if (!mm || meta_parse(mm->data, mm->len, m, err)) {
        const char *p = mm ? (const char *)mm->data : NULL;
        memset(m, 0, sizeof *m);
        for (int k = 0; p && k < META_NFIELDS; k++) {
            const char *colon = strchr(p, ':'), *nl = strchr(p, '\n');
            if (!colon || !nl)
                break;
            snprintf(m->v[k], sizeof m->v[k], "%.*s", (int)(nl - colon - 2), colon + 2);
            p = nl + 1;
        }
    }
}

static ms_seckey *load_key(const char *path)
{
    ms_seckey *sk = forge_load_key(path);
    if (!sk)
        forge_die("cannot load an unencrypted secret key");
    return sk;
}

/* Writes z's members: everything but MANIFEST and countersignatures in
 * order, then MANIFEST (rebuilt when rebuild is set), then z's
 * countersignatures sorted, plus extra when not NULL. */
static void write_out(zipread_archive *z, int rebuild, const zipread_member *extra, const char *out)
{
    zipread_member *all = calloc(z->n + 2, sizeof *all), *sigs = calloc(z->n + 2, sizeof *sigs);
    const char **names = calloc(z->n + 1, sizeof *names);
    const unsigned char **data = calloc(z->n + 1, sizeof *data);
    size_t *lens = calloc(z->n + 1, sizeof *lens), n = 0, ns = 0, mflen, len;
    char *mf = NULL, err[VERR_MAX];
    unsigned char *buf;
    meta m;
    for (size_t i = 0; i < z->n; i++) {
        const zipread_member *x = &z->members[i];
        if (!strncmp(x->name, "signatures/", 11)) {
            if (!rebuild)
                sigs[ns++] = *x;
        } else if (strcmp(x->name, "MANIFEST")) {
            names[n] = x->name;
            data[n] = x->data;
            lens[n] = x->len;
            all[n++] = *x;
        }
    }
    if (rebuild) {
        if (manifest_format(names, data, lens, n, &mf, &mflen))
            forge_die("manifest");
        all[n++] = (zipread_member){"MANIFEST", (unsigned char *)mf, mflen};
    } else {
        all[n++] = *zipread_find(z, "MANIFEST");
    }
    if (extra)
        sigs[ns++] = *extra;
    for (size_t i = 1; i < ns; i++)
        for (size_t j = i; j > 0 && strcmp(sigs[j - 1].name, sigs[j].name) > 0; j--) {
            zipread_member t = sigs[j];
            sigs[j] = sigs[j - 1];
            sigs[j - 1] = t;
        }
    for (size_t i = 0; i < ns; i++)
        all[n++] = sigs[i];
    get_meta(z, &m);
    if (bundle_zip_write(all, n, meta_time_parse(m.v[META_CREATED]), &buf, &len, err))
        forge_die(err);
    forge_put(out, buf, len);
    free(buf);
    free(mf);
    free(all);
    free(sigs);
    free(names);
    free(data);
    free(lens);
}

static void sign(zipread_archive *z, char **argv)
{
    const char *party = argv[4], *mode = argv[6];
    long long when = atoll(argv[5]);
    ms_seckey *sk = load_key(argv[3]);
    const zipread_member *mf = zipread_find(z, "MANIFEST");
    char name[128], *tc, *sig;
    meta m;
    get_meta(z, &m);
    if (!strcmp(mode, "ok")) {
        tc = bundle_countersign_comment(&m, when);
    } else if (!strcmp(mode, "plain") || !strcmp(mode, "junk")) {
        if (!(tc = malloc(META_COMMENT_MAX + 32)))
            forge_die("out of memory");
        meta_trusted_comment(&m, tc);
        if (!strcmp(mode, "junk"))
            strcat(tc, " signed=2026-13-45T99:99:99Z");
    } else {
        forge_die("MODE is ok, plain or junk");
    }
    if (!tc || !mf)
        forge_die("cannot make the trusted comment");
    sig = ms_sign(sk, mf->data, mf->len, tc, 0);
    snprintf(name, sizeof name, "signatures/%.80s.minisig", party);
    zipread_member extra = {name, (unsigned char *)sig, strlen(sig)};
    write_out(z, 0, &extra, argv[7]);
    free(sig);
    free(tc);
    ms_seckey_free(sk);
}

int main(int argc, char **argv)
{
    zipread_archive a = {NULL, 0}, b = {NULL, 0};
    unsigned char *buf;
    size_t len;
    char err[VERR_MAX];
    if (sodium_init() < 0 || argc < 4)
        forge_die("usage: see the comment at the top of agreement_forge.c");
    if (!strcmp(argv[1], "write") && argc == 5) {
        forge_load(argv[2], &a);
        forge_load(argv[3], &b);
        if (bundle_agreement_write(NULL, &a, &b, NULL, 0,
                                   (const unsigned char *)"<!DOCTYPE html><p>agreed</p>\n", 29,
                                   &buf, &len, err))
            forge_die(err);
        forge_put(argv[4], buf, len);
        free(buf);
    } else if (!strcmp(argv[1], "edit") && argc == 6) {
        unsigned char *d;
        size_t dl;
        forge_load(argv[2], &a);
        if (vu_read_file(argv[4], ZIPREAD_FILE_MAX, &d, &dl))
            forge_die("cannot read the replacement");
        forge_set_member(&a, argv[3], d, dl);
        free(d);
        write_out(&a, 1, NULL, argv[5]);
    } else if (!strcmp(argv[1], "drop") && argc == 5) {
        zipread_member *m;
        forge_load(argv[2], &a);
        m = (zipread_member *)zipread_find(&a, argv[3]);
        if (!m)
            forge_die("no such member");
        free(m->name);
        free(m->data);
        memmove(m, m + 1, (a.n - (size_t)(m - a.members) - 1) * sizeof *m);
        a.n--;
        write_out(&a, 1, NULL, argv[4]);
    } else if (!strcmp(argv[1], "sign") && argc == 8) {
        forge_load(argv[2], &a);
        sign(&a, argv);
    } else if (!strcmp(argv[1], "merge") && argc >= 4) {
        size_t n = (size_t)argc - 3;
        zipread_archive *c = calloc(n, sizeof *c);
        for (size_t i = 0; i < n; i++)
            forge_load(argv[3 + i], &c[i]);
        if (bundle_merge_signatures(c, n, &buf, &len, err))
            forge_die(err);
        forge_put(argv[2], buf, len);
        free(buf);
        for (size_t i = 0; i < n; i++)
            zipread_release(&c[i]);
        free(c);
    } else {
        forge_die("usage: see the comment at the top of agreement_forge.c");
    }
    zipread_release(&a);
    zipread_release(&b);
    return 0;
}
