/* policy.c - what makes an accord bundle valid (accord_verify.h bundle_verify). */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const zipread_member *find_at(const zipread_archive *z, const char *prefix, const char *name)
{
    char path[ZIPREAD_NAME_MAX + 64];
    snprintf(path, sizeof path, "%s%s", prefix, name);
    return zipread_find(z, path);
}

/* A countersignature's trusted comment: META's (base_len bytes), then
 * " signed=<UTC time>" from created to SIGNING_MONTHS_MAX months later. */
static int check_signed_time(const ms_sig *sig, size_t base_len, const meta *m,
                             bundle_sig_report *rep, char *why)
{
    const char *rest = sig->trusted + base_len, *created = m->v[META_CREATED];
    long long when, t0 = meta_time_parse(created);
    if (sig->trusted_len != base_len + 8 + 20 || memcmp(rest, " signed=", 8))
        return verr(why, "trusted comment is not META's followed by ' signed=<UTC time>' (an "
                         "agreement signature records when it was made)");
    const char *at = rest + 8; /* 20 bytes, then the comment's NUL */
    if ((when = meta_time_parse(at)) < 0)
        return verr(why, "signed time '%s' is not a valid UTC time", at);
    if (when < t0)
        return verr(why, "signed at %s, before the agreement was created (%s)", at, created);
    if (when > meta_time_add_months(t0, SIGNING_MONTHS_MAX))
        return verr(why, "signed at %s, more than %d months after the agreement was created (%s)",
                    at, SIGNING_MONTHS_MAX, created);
    memcpy(rep->signed_at, at, sizeof rep->signed_at);
    return 0;
}

/* Checks a signature of MANIFEST (mf) by party, saying why not in why: a
 * key trusted for that very party (bound: not one for any party), minisign's
 * checks, then the trusted comment recomputed from META byte for byte. */
static int check_signature(const ms_sig *sig, const char *party, const meta *m,
                           const zipread_member *mf, const keyring *kr, int countersign, int bound,
                           bundle_sig_report *rep, char *why)
{
    const keyring_entry *key = keyring_find(kr, party, sig->keynum);
    char want[META_COMMENT_MAX];
    if (!key && kr->n && !kr->entries[0].party[0])
        return verr(why, "signed with key ID %s, not the trusted key (wrong key?)", rep->keyid);
    if (!key)
        return verr(why, "signed with key ID %s, which is not a trusted key of %s", rep->keyid,
                    party);
    if (bound && !key->party[0])
        return verr(why, "an agreement names two parties: verify it with a key directory (-r), "
                         "which binds each key to its party, not with a key for any party (-p)");
    if (ms_sig_verify(sig, &key->pk, mf->data, mf->len, kr->ed25519, why))
        return -1;
    meta_trusted_comment(m, want);
    size_t n = strlen(want);
    if (!(countersign ? n <= sig->trusted_len : n == sig->trusted_len) ||
        memcmp(want, sig->trusted, n))
        return verr(why, "trusted comment does not match META");
    return countersign ? check_signed_time(sig, n, m, rep, why) : 0;
}

/* Verifies the signature member sigm into rep; a failure goes to err, named. */
static int verify_signature(const zipread_member *sigm, const char *party, const meta *m,
                            const zipread_member *mf, const keyring *kr, int countersign, int bound,
                            bundle_sig_report *rep, char *err)
{
    ms_sig sig;
    char why[VERR_MAX];
    snprintf(rep->member, sizeof rep->member, "%.127s", sigm->name);
    snprintf(rep->party, sizeof rep->party, "%.32s", party);
    rep->countersign = countersign;
    if (ms_sig_parse(sigm->data, sigm->len, &sig, why) == 0) {
        ms_keyid(sig.keynum, rep->keyid);
        memcpy(rep->trusted, sig.trusted, sig.trusted_len + 1);
        rep->ok = !check_signature(&sig, party, m, mf, kr, countersign, bound, rep, why);
    }
    return rep->ok ? 0 : verr(err, "%s: %s", sigm->name, why);
}

/* 1 when name is pattern, or lies under it when pattern ends in '/'. */
static int name_matches(const char *name, const char *pattern)
{
    size_t n = strlen(pattern);
    return pattern[n - 1] == '/' ? !strncmp(name, pattern, n) : !strcmp(name, pattern);
}

/* Checks the members under prefix are among names[0..n) and the first
 * required ones are there; why ends the message for one that is not. */
static int check_members(const zipread_archive *z, const char *prefix, const char *const *names,
                         size_t n, size_t required, const char *why, char *err)
{
    size_t plen = strlen(prefix), k;
    for (size_t i = 0; i < z->n; i++) {
        const char *name = z->members[i].name;
        if (strncmp(name, prefix, plen))
            continue;
        for (k = 0; k < n && !name_matches(name + plen, names[k]); k++)
            ;
        if (k == n)
            return verr(err, "unexpected member %s (%s)", name, why);
    }
    for (k = 0; k < required; k++)
        if (!find_at(z, prefix, names[k]))
            return verr(err, "missing member %s%s", prefix, names[k]);
    return 0;
}

/* 1 when name lies under prefix and the MANIFEST there lists it: all but
 * MANIFEST itself and signatures/. */
static int is_signed(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    return !strncmp(name, prefix, n) && strcmp(name + n, "MANIFEST") &&
           strncmp(name + n, "signatures/", 11);
}

/* MANIFEST at prefix (its digest to digest) lists exactly the signed members
 * there with their digests, and questionnaire.xml is the one META m names.
 * sums[i] is the SHA-256 of z's member i, each computed once. */
static int check_digests(const zipread_archive *z, const char *prefix, const meta *m,
                         const bundle_member_report *sums, char digest[65], char *err)
{
    const zipread_member *mfm = find_at(z, prefix, "MANIFEST"), *zm;
    size_t plen = strlen(prefix), i, k;
    manifest mf;
    char why[VERR_MAX];
    int rc = 0;
    memcpy(digest, sums[mfm - z->members].sha256, 65);
    if (manifest_parse(mfm->data, mfm->len, &mf, why))
        rc = verr(err, "%s%s", prefix, why);
    for (i = 0; rc == 0 && i < mf.n; i++) {
        if (!(zm = find_at(z, prefix, mf.entries[i].path)) || !is_signed(zm->name, prefix))
            rc = verr(err, "%sMANIFEST lists %s, which is not a signed member of this bundle",
                      prefix, mf.entries[i].path);
        else if (strcmp(sums[zm - z->members].sha256, mf.entries[i].sha256))
            rc = verr(err, "member %s does not match its MANIFEST digest%s%s%s", zm->name,
                      plen ? " (" : "", prefix, plen ? "MANIFEST)" : "");
    }
    for (k = 0; rc == 0 && k < z->n; k++) {
        const char *name = z->members[k].name;
        if (!is_signed(name, prefix))
            continue;
        for (i = 0; i < mf.n && strcmp(name + plen, mf.entries[i].path); i++)
            ;
        if (i == mf.n)
            rc = verr(err, "member %s is not listed in %sMANIFEST", name, prefix);
    }
    manifest_release(&mf);
    zm = find_at(z, prefix, "questionnaire.xml"); /* a member both kinds require */
    if (rc == 0 && strcmp(sums[zm - z->members].sha256, m->v[META_QUESTIONNAIRE_SHA256]))
        rc = verr(err, "%squestionnaire.xml does not match META questionnaire-sha256", prefix);
    return rc;
}

/* Verifies the answers bundle of META m whose members are prefix + name
 * ("" for a bundle of its own, "parties/<id>/" inside an agreement). */
static int verify_answers(const zipread_archive *z, const char *prefix, const meta *m,
                          const keyring *kr, int bound, const bundle_member_report *sums,
                          bundle_sig_report *rep, char digest[65], char *err)
{
    char sig[128], why[VERR_MAX];
    const char *names[] = {"META", "answers.xml", "questionnaire.xml", "MANIFEST", sig};
    snprintf(sig, sizeof sig, "signatures/%.80s.minisig", m->v[META_PARTY]);
    snprintf(why, sizeof why,
             "an answers bundle holds exactly META, answers.xml, questionnaire.xml, MANIFEST "
             "and %s",
             sig);
    if (check_members(z, prefix, names, 5, 5, why, err) ||
        check_digests(z, prefix, m, sums, digest, err))
        return -1;
    return verify_signature(find_at(z, prefix, sig), m->v[META_PARTY], m,
                            find_at(z, prefix, "MANIFEST"), kr, 0, bound, rep, err);
}

/* The answers bundle under dir is party's as role, and answers agreement am. */
static int verify_party(const zipread_archive *z, const meta *am, const char *party,
                        const char *role, const char *dir, const keyring *kr, meta *pm,
                        bundle_report *out, char *err)
{
    static const int same[] = {
        META_PROGRAM, META_AGREEMENT, META_REVISION, META_QUESTIONNAIRE, META_QUESTIONNAIRE_SHA256,
        META_PREVIOUS};
    const zipread_member *mm = find_at(z, dir, "META");
    char why[VERR_MAX], digest[65];
    if (!mm)
        return verr(err, "missing member %sMETA (%s's answers bundle)", dir, party);
    if (meta_parse(mm->data, mm->len, pm, why))
        return verr(err, "%s%s", dir, why);
    if (strcmp(pm->v[META_KIND], "answers"))
        return verr(err, "%sMETA is not an answers bundle's (kind %s)", dir, pm->v[META_KIND]);
    if (strcmp(pm->v[META_PARTY], party) || strcmp(pm->v[META_ROLE], role))
        return verr(err,
                    "%sMETA is not %s's answers as %s (it holds %s's answers as %s; the "
                    "agreement names the mentee first and takes the mentor's answers as final)",
                    dir, party, role, pm->v[META_PARTY], pm->v[META_ROLE]);
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (strcmp(am->v[same[i]], pm->v[same[i]]))
            return verr(err, "%sMETA %s differs from the agreement's (%s, agreement META says %s)",
                        dir, meta_keys[same[i]], pm->v[same[i]], am->v[same[i]]);
    /* its questionnaire.xml has the agreement's SHA-256, so the same bytes */
    return verify_answers(z, dir, pm, kr, 1, out->members, &out->sigs[out->n_sigs++], digest, err);
}

/* Verifies agreement m (party "mentee,mentor"); whom it awaits goes to out. */
static int verify_agreement(const zipread_archive *z, const meta *m, const keyring *kr,
                            bundle_report *out)
{
    char party[2][33], dir[2][48], sig[2][64], why[VERR_MAX], *err = out->reason;
    const char *names[] = {
        "META", "questionnaire.xml", "agreement.html", "MANIFEST", dir[0], dir[1], sig[0], sig[1]};
    const char *comma = strchr(m->v[META_PARTY], ','), *later;
    meta pm[2];
    snprintf(party[0], sizeof party[0], "%.*s", (int)(comma - m->v[META_PARTY]), m->v[META_PARTY]);
    snprintf(party[1], sizeof party[1], "%.32s", comma + 1);
    for (int p = 0; p < 2; p++) {
        snprintf(dir[p], sizeof dir[p], "parties/%s/", party[p]);
        snprintf(sig[p], sizeof sig[p], "signatures/%s.minisig", party[p]);
    }
    snprintf(why, sizeof why, "not part of agreement %s", m->v[META_AGREEMENT]);
    if (check_members(z, "", names, 8, 4, why, err) ||
        check_digests(z, "", m, out->members, out->digest, err))
        return -1;
    for (int p = 0; p < 2; p++)
        if (verify_party(z, m, party[p], p ? "mentor" : "mentee", dir[p], kr, &pm[p], out, err))
            return -1;
    later = strcmp(pm[1].v[META_CREATED], pm[0].v[META_CREATED]) > 0 ? pm[1].v[META_CREATED]
                                                                     : pm[0].v[META_CREATED];
    if (strcmp(m->v[META_CREATED], later))
        return verr(err,
                    "META created %s is not the later of the answers bundles' created times (%s)",
                    m->v[META_CREATED], later);
    for (int p = 0; p < 2; p++) {
        const zipread_member *s = zipread_find(z, sig[p]);
        if (!s)
            memcpy(out->awaiting[out->n_awaiting++], party[p], sizeof party[p]);
        else if (verify_signature(s, party[p], m, zipread_find(z, "MANIFEST"), kr, 1, 1,
                                  &out->sigs[out->n_sigs++], err))
            return -1;
    }
    if (out->n_awaiting)
        verr(err, "awaiting signatures from %s%s%s", out->awaiting[0],
             out->n_awaiting > 1 ? ", " : "", out->n_awaiting > 1 ? out->awaiting[1] : "");
    return 0;
}

/* The SHA-256 of member zm into out; a questionnaire snapshot equal to the
 * last this thread hashed is compared, not hashed (bundles share a few). */
static void member_sha256(const zipread_member *zm, char out[65])
{
    static _Thread_local struct {
        size_t len;
        char sha256[65];
        unsigned char data[256 * 1024];
    } last;
    if (zm->len && zm->len == last.len && !memcmp(zm->data, last.data, zm->len))
        return (void)memcpy(out, last.sha256, 65);
    manifest_sha256(zm->data, zm->len, out);
    if (zm->len <= sizeof last.data && strstr(zm->name, "questionnaire.xml")) {
        last.len = zm->len;
        memcpy(last.data, zm->data, zm->len);
        memcpy(last.sha256, out, 65);
    }
}

/* Verifies archive z into out: 0, or -1 when it is invalid. */
static int verify_archive(const zipread_archive *z, const keyring *kr, bundle_report *out)
{
    const zipread_member *mm = zipread_find(z, "META");
    out->members = calloc(z->n, sizeof *out->members);
    out->sigs = calloc(4, sizeof *out->sigs); /* at most two parties' and two countersignatures */
    if (!out->members || !out->sigs)
        return verr(out->reason, "out of memory");
    for (; out->n_members < z->n; out->n_members++) {
        bundle_member_report *r = &out->members[out->n_members];
        const zipread_member *zm = &z->members[out->n_members];
        if (!(r->name = strdup(zm->name)))
            return verr(out->reason, "out of memory");
        member_sha256(zm, r->sha256);
        r->len = zm->len;
    }
    if (!mm)
        return verr(out->reason, "missing member META");
    if (meta_parse(mm->data, mm->len, &out->meta, out->reason))
        return -1;
    out->have_meta = 1;
    if (!strcmp(out->meta.v[META_KIND], "agreement"))
        return verify_agreement(z, &out->meta, kr, out);
    out->n_sigs = 1;
    return verify_answers(z, "", &out->meta, kr, 0, out->members, out->sigs, out->digest,
                          out->reason);
}

bundle_outcome bundle_verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *out, zipread_archive *keep)
{
    zipread_archive z;
    *out = (bundle_report){.outcome = BUNDLE_INVALID};
    if (zipread_mem(buf, len, &z, out->reason) == 0 && verify_archive(&z, kr, out) == 0)
        out->outcome = out->n_awaiting ? BUNDLE_AWAITING : BUNDLE_VALID;
    if (out->outcome != BUNDLE_INVALID && keep)
        *keep = z;
    else
        zipread_release(&z);
    return out->outcome;
}

void bundle_report_release(bundle_report *r)
{
    for (size_t i = 0; i < r->n_members; i++)
        free(r->members[i].name);
    free(r->members);
    free(r->sigs);
    memset(r, 0, sizeof *r);
}
