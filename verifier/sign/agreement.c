/* agreement.c - writing agreement bundles, adding a party's
 * countersignature, and merging the signatures of several copies of one
 * agreement. Nothing here verifies a signature: callers hand in archives
 * that bundle_verify kept, and verify what comes out. */
#include "accord_sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

/* The five members of an answers bundle, in the order an agreement embeds
 * them (the signature, named after the party, comes last). */
static const char *const answers_members[] = {"META", "answers.xml", "questionnaire.xml",
                                              "MANIFEST"};
#define N_ANSWERS_MEMBERS (sizeof answers_members / sizeof *answers_members)

int bundle_digest(const zipread_archive *z, char out[65])
{
    const zipread_member *mf = zipread_find(z, "MANIFEST");
    if (!mf) {
        out[0] = '\0';
        return -1;
    }
    manifest_sha256(mf->data, mf->len, out);
    return 0;
}

int bundle_agreement_meta(const meta *mentee, const meta *mentor, meta *out, char *err)
{
    static const int same[] = {
        META_PROGRAM, META_AGREEMENT, META_REVISION, META_QUESTIONNAIRE, META_QUESTIONNAIRE_SHA256,
        META_PREVIOUS};
    if (strcmp(mentee->v[META_KIND], "answers") || strcmp(mentor->v[META_KIND], "answers") ||
        strcmp(mentee->v[META_ROLE], "mentee") || strcmp(mentor->v[META_ROLE], "mentor")) {
        verr(err, "an agreement needs the mentee's answers bundle and the mentor's, in that order");
        return -1;
    }
    if (!strcmp(mentee->v[META_AGREEMENT], "-")) {
        verr(err, "answers without an agreement (an IDP) make no agreement bundle");
        return -1;
    }
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        if (strcmp(mentee->v[same[i]], mentor->v[same[i]])) {
            verr(err, "the answers bundles differ in META %s (%s and %s)", meta_keys[same[i]],
                 mentee->v[same[i]], mentor->v[same[i]]);
            return -1;
        }
    }
    *out = *mentee;
    snprintf(out->v[META_KIND], sizeof out->v[META_KIND], "agreement");
    snprintf(out->v[META_ROLE], sizeof out->v[META_ROLE], "agreement");
    snprintf(out->v[META_PARTY], sizeof out->v[META_PARTY], "%.32s,%.32s", mentee->v[META_PARTY],
             mentor->v[META_PARTY]);
    /* created is fixed-width UTC, so the later time is the larger string. */
    if (strcmp(mentor->v[META_CREATED], mentee->v[META_CREATED]) > 0)
        memcpy(out->v[META_CREATED], mentor->v[META_CREATED], sizeof out->v[META_CREATED]);
    return meta_check(out, err);
}

/* Checks that z is an answers bundle's five members and parses its META. */
static int answers_side(const zipread_archive *z, const char *who, meta *m, char *err)
{
    const zipread_member *mm = zipread_find(z, "META");
    char why[VERR_MAX], signame[128];
    if (!mm || meta_parse(mm->data, mm->len, m, why)) {
        verr(err, "the %s's answers bundle: %s", who, mm ? why : "missing member META");
        return -1;
    }
    snprintf(signame, sizeof signame, "signatures/%.80s.minisig", m->v[META_PARTY]);
    for (size_t k = 0; k < N_ANSWERS_MEMBERS; k++)
        if (!zipread_find(z, answers_members[k])) {
            verr(err, "the %s's answers bundle lacks %s", who, answers_members[k]);
            return -1;
        }
    if (z->n != N_ANSWERS_MEMBERS + 1 || !zipread_find(z, signame)) {
        verr(err,
             "the %s's answers bundle is not exactly META, answers.xml, questionnaire.xml, "
             "MANIFEST and %s",
             who, signame);
        return -1;
    }
    return 0;
}

int bundle_agreement_write(const meta *m, const zipread_archive *mentee_bundle,
                           const zipread_archive *mentor_bundle, const unsigned char *questionnaire,
                           size_t qlen, const unsigned char *agreement_html, size_t hlen,
                           unsigned char **out, size_t *outlen, char *err)
{
    enum { N = 3 + 2 * (N_ANSWERS_MEMBERS + 1) + 1 };
    const zipread_archive *side[2] = {mentee_bundle, mentor_bundle};
    const char *who[2] = {"mentee", "mentor"};
    meta pm[2], am;
    zipread_member mem[N];
    char names[2][N_ANSWERS_MEMBERS + 1][192], *meta_text = NULL, *mf = NULL;
    const char *mnames[N];
    const unsigned char *mdata[N];
    size_t mlens[N], n = 0, meta_len = 0, mf_len = 0;
    int rc = -1;
    for (int p = 0; p < 2; p++)
        if (answers_side(side[p], who[p], &pm[p], err))
            return -1;
    if (bundle_agreement_meta(&pm[0], &pm[1], &am, err))
        return -1;
    if (m && memcmp(m, &am, sizeof am)) {
        for (int k = 0; k < META_NFIELDS; k++)
            if (strcmp(m->v[k], am.v[k])) {
                verr(err, "META %s \"%.80s\" is not \"%s\", what the answers bundles give",
                     meta_keys[k], m->v[k], am.v[k]);
                return -1;
            }
    }
    if (!questionnaire) {
        const zipread_member *q = zipread_find(mentee_bundle, "questionnaire.xml");
        questionnaire = q->data;
        qlen = q->len;
    }
    for (int p = 0; p < 2; p++) {
        const zipread_member *q = zipread_find(side[p], "questionnaire.xml");
        if (q->len != qlen || memcmp(q->data, questionnaire, qlen)) {
            verr(err, "the %s's questionnaire.xml is not the agreement's questionnaire snapshot",
                 who[p]);
            return -1;
        }
    }
    meta_text = meta_format(&am, &meta_len);
    if (!meta_text)
        goto oom;
    mem[n++] = (zipread_member){"META", (unsigned char *)meta_text, meta_len};
    mem[n++] = (zipread_member){"questionnaire.xml", (unsigned char *)questionnaire, qlen};
    mem[n++] = (zipread_member){"agreement.html", (unsigned char *)agreement_html, hlen};
    for (int p = 0; p < 2; p++) {
        const char *party = pm[p].v[META_PARTY];
        for (size_t k = 0; k <= N_ANSWERS_MEMBERS; k++) {
            const zipread_member *src;
            char inner[128];
            if (k < N_ANSWERS_MEMBERS)
                snprintf(inner, sizeof inner, "%s", answers_members[k]);
            else
                snprintf(inner, sizeof inner, "signatures/%.80s.minisig", party);
            src = zipread_find(side[p], inner);
            snprintf(names[p][k], sizeof names[p][k], "parties/%.32s/%.127s", party, inner);
            mem[n++] = (zipread_member){names[p][k], src->data, src->len};
        }
    }
    for (size_t i = 0; i < n; i++) {
        mnames[i] = mem[i].name;
        mdata[i] = mem[i].data;
        mlens[i] = mem[i].len;
    }
    if (manifest_format(mnames, mdata, mlens, n, &mf, &mf_len))
        goto oom;
    mem[n++] = (zipread_member){"MANIFEST", (unsigned char *)mf, mf_len};
    rc = bundle_zip_write(mem, n, meta_time_parse(am.v[META_CREATED]), out, outlen, err);
    goto done;
oom:
    verr(err, "out of memory");
done:
    free(meta_text);
    free(mf);
    return rc;
}

char *bundle_countersign_comment(const meta *m, long long signed_at)
{
    char when[21], base[META_COMMENT_MAX], *tc;
    size_t n;
    if (meta_time_format(signed_at, when))
        return NULL;
    meta_trusted_comment(m, base);
    n = strlen(base) + sizeof " signed=" + 20;
    if ((tc = malloc(n)))
        snprintf(tc, n, "%s signed=%s", base, when);
    return tc;
}

static int is_countersignature(const char *name)
{
    return !strncmp(name, "signatures/", 11);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const zipread_member *)a)->name, ((const zipread_member *)b)->name);
}

/* Writes base's unsigned members in their order, then sigs[0..n) sorted by
 * path, with mtime = META created. */
static int write_signed(const zipread_archive *base, zipread_member *sigs, size_t n,
                        unsigned char **out, size_t *outlen, char *err)
{
    zipread_member *all = calloc(base->n + n + 1, sizeof *all);
    const zipread_member *mm = zipread_find(base, "META");
    size_t k = 0;
    meta m;
    int rc;
    if (!all) {
        verr(err, "out of memory");
        return -1;
    }
    if (!mm || meta_parse(mm->data, mm->len, &m, err)) {
        if (!mm)
            verr(err, "missing member META");
        free(all);
        return -1;
    }
    for (size_t i = 0; i < base->n; i++)
        if (!is_countersignature(base->members[i].name))
            all[k++] = base->members[i];
    qsort(sigs, n, sizeof *sigs, by_name);
    for (size_t i = 0; i < n; i++)
        all[k++] = sigs[i];
    rc = bundle_zip_write(all, k, meta_time_parse(m.v[META_CREATED]), out, outlen, err);
    free(all);
    return rc;
}

int bundle_countersign(const zipread_archive *z, const meta *m, const char *party,
                       const ms_seckey *sk, long long signed_at, unsigned char **out,
                       size_t *outlen, char *err)
{
    const zipread_member *mf = zipread_find(z, "MANIFEST");
    zipread_member *sigs = calloc(z->n + 1, sizeof *sigs);
    char name[128], *tc = NULL, *sig = NULL;
    size_t n = 0;
    int rc = -1;
    if (!sigs) {
        verr(err, "out of memory");
        return -1;
    }
    snprintf(name, sizeof name, "signatures/%.80s.minisig", party);
    if (strcmp(m->v[META_KIND], "agreement") || !mf) {
        verr(err, "not an agreement bundle");
        goto done;
    }
    if (zipread_find(z, name)) {
        verr(err, "%s has already signed", party);
        goto done;
    }
    tc = bundle_countersign_comment(m, signed_at);
    if (!tc) {
        verr(err, "the signing time is out of range");
        goto done;
    }
    sig = ms_sign(sk, mf->data, mf->len, tc, 0);
    if (!sig) {
        verr(err, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < z->n; i++)
        if (is_countersignature(z->members[i].name))
            sigs[n++] = z->members[i];
    sigs[n++] = (zipread_member){name, (unsigned char *)sig, strlen(sig)};
    rc = write_signed(z, sigs, n, out, outlen, err);
done:
    free(sigs);
    free(tc);
    free(sig);
    return rc;
}

/* The signed= time of a countersignature's trusted comment, as text ("" when
 * it has none), for choosing between two signatures by one party. */
static void signed_time(const zipread_member *s, char out[21])
{
    ms_sig sig;
    char why[VERR_MAX];
    const char *at;
    out[0] = '\0';
    if (ms_sig_parse(s->data, s->len, &sig, why))
        return;
    at = strstr(sig.trusted, " signed=");
    if (at && strlen(at + 8) == 20)
        memcpy(out, at + 8, 21);
}

/* 1 when signature a should be kept rather than b (same party). */
static int prefer(const zipread_member *a, const zipread_member *b)
{
    char ta[21], tb[21];
    size_t l = a->len < b->len ? a->len : b->len;
    int c;
    signed_time(a, ta);
    signed_time(b, tb);
    c = strcmp(ta, tb);
    if (c)
        return c < 0;
    c = memcmp(a->data, b->data, l);
    return c ? c < 0 : a->len < b->len;
}

int bundle_merge_signatures(const zipread_archive *copies, size_t n, unsigned char **out,
                            size_t *outlen, char *err)
{
    const zipread_member *mf0;
    zipread_member *sigs;
    size_t total = 0, ns = 0;
    int rc;
    if (n == 0 || !(mf0 = zipread_find(&copies[0], "MANIFEST"))) {
        verr(err, "no agreement bundle to merge");
        return -1;
    }
    for (size_t c = 0; c < n; c++) {
        const zipread_member *mf = zipread_find(&copies[c], "MANIFEST");
        if (!mf || mf->len != mf0->len || memcmp(mf->data, mf0->data, mf->len)) {
            verr(err, "copy %zu has another MANIFEST (bundle digest): not the same agreement",
                 c + 1);
            return -1;
        }
        total += copies[c].n;
    }
    sigs = calloc(total + 1, sizeof *sigs);
    if (!sigs) {
        verr(err, "out of memory");
        return -1;
    }
    for (size_t c = 0; c < n; c++) {
        for (size_t i = 0; i < copies[c].n; i++) {
            const zipread_member *s = &copies[c].members[i];
            size_t k = 0;
            if (!is_countersignature(s->name))
                continue;
            while (k < ns && strcmp(sigs[k].name, s->name))
                k++;
            if (k == ns)
                sigs[ns++] = *s;
            else if (prefer(s, &sigs[k]))
                sigs[k] = *s;
        }
    }
    rc = write_signed(&copies[0], sigs, ns, out, outlen, err);
    free(sigs);
    return rc;
}
