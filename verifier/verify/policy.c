/* policy.c - the verification policy for accord bundles (accord_verify.h
 * bundle_verify). */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The members an answers bundle signs (MANIFEST lists exactly these). */
static const char *const answers_payload[] = {"META", "answers.xml", "questionnaire.xml"};
#define N_PAYLOAD (sizeof answers_payload / sizeof *answers_payload)

static int fill_members(const zipread_archive *z, bundle_report *out, char *err)
{
    out->members = calloc(z->n, sizeof *out->members);
    if (!out->members) {
        verr(err, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < z->n; i++) {
        bundle_member_report *r = &out->members[out->n_members];
        r->name = strdup(z->members[i].name);
        if (!r->name) {
            verr(err, "out of memory");
            return -1;
        }
        manifest_sha256(z->members[i].data, z->members[i].len, r->sha256);
        r->len = z->members[i].len;
        out->n_members++;
    }
    return 0;
}

/* An agreement countersignature's trusted comment is META's followed by
 * exactly one " signed=<UTC time>", the time not before META
 * created. Records the time in rep. */
static int check_signed_suffix(const ms_sig *sig, size_t base_len, const meta *m,
                               bundle_sig_report *rep, char *err)
{
    const char *rest = sig->trusted + base_len;
    long long when;
    if (sig->trusted_len != base_len + 8 + 20 || memcmp(rest, " signed=", 8)) {
        verr(err,
             "%s: trusted comment is not META's followed by ' signed=<UTC time>' (an "
             "agreement signature records when it was made)",
             rep->member);
        return -1;
    }
    when = meta_time_parse(rest + 8);
    if (when < 0) {
        verr(err, "%s: signed time '%.20s' is not a valid UTC time", rep->member, rest + 8);
        return -1;
    }
    if (when < meta_time_parse(m->v[META_CREATED])) {
        verr(err, "%s: signed at %.20s, before the agreement was created (%s)", rep->member,
             rest + 8, m->v[META_CREATED]);
        return -1;
    }
    /* A fixed rule, no clock: an agreement is signed within its first two
     * years, so a signing time cannot be pushed into the far future. */
    if (when > meta_time_add_months(meta_time_parse(m->v[META_CREATED]), SIGNING_MONTHS_MAX)) {
        verr(err, "%s: signed at %.20s, more than %d months after the agreement was created (%s)",
             rep->member, rest + 8, SIGNING_MONTHS_MAX, m->v[META_CREATED]);
        return -1;
    }
    memcpy(rep->signed_at, rest + 8, 20);
    rep->signed_at[20] = '\0';
    return 0;
}

/* Checks one signature of MANIFEST by party against the keyring: parse,
 * trusted key by key ID (bound: only a key trusted for that very party),
 * Ed25519 "ED" and global signature, then the trusted comment recomputed
 * from META, byte for byte (plus " signed=<time>" for an agreement's
 * countersignature). */
static int verify_signature(const zipread_member *sigm, const char *party, const meta *m,
                            const zipread_member *mf, const keyring *kr, int countersign, int bound,
                            bundle_sig_report *rep, char *err)
{
    ms_sig sig;
    char why[VERR_MAX], *want;
    const keyring_entry *key;
    size_t want_len;
    int same;
    snprintf(rep->member, sizeof rep->member, "%.127s", sigm->name);
    snprintf(rep->party, sizeof rep->party, "%.32s", party);
    rep->countersign = countersign;
    if (ms_sig_parse(sigm->data, sigm->len, &sig, why)) {
        verr(err, "%s: %s", sigm->name, why);
        return -1;
    }
    ms_keyid(sig.keynum, rep->keyid);
    memcpy(rep->trusted, sig.trusted, sig.trusted_len + 1);
    key = keyring_find(kr, party, sig.keynum);
    if (key && bound && !key->party[0]) {
        /* A key trusted "for any party" cannot tell the mentee's signature
         * from the mentor's: an agreement needs a key per party. */
        verr(err,
             "%s: an agreement names two parties: verify it with a key directory (-r), which "
             "binds each key to its party, not with a key for any party (-p)",
             sigm->name);
        return -1;
    }
    if (!key) {
        if (keyring_has_party(kr, party))
            verr(err, "%s: signed with key ID %s, which is not a trusted key of %s", sigm->name,
                 rep->keyid, party);
        else if (kr->n && !kr->entries[0].party[0])
            verr(err, "%s: signed with key ID %s, not the trusted key (wrong key?)", sigm->name,
                 rep->keyid);
        else
            verr(err, "%s: no trusted key for party %s (key ID %s)", sigm->name, party, rep->keyid);
        return -1;
    }
    if (ms_sig_verify(&sig, &key->pk, mf->data, mf->len, why)) {
        verr(err, "%s: %s", sigm->name, why);
        return -1;
    }
    want = meta_trusted_comment(m);
    if (!want) {
        verr(err, "out of memory");
        return -1;
    }
    want_len = strlen(want);
    same = countersign ? want_len <= sig.trusted_len && !memcmp(want, sig.trusted, want_len)
                       : want_len == sig.trusted_len && !memcmp(want, sig.trusted, want_len);
    free(want);
    if (!same) {
        verr(err, "%s: trusted comment does not match META", sigm->name);
        return -1;
    }
    if (countersign && check_signed_suffix(&sig, want_len, m, rep, err))
        return -1;
    snprintf(rep->key_path, sizeof rep->key_path, "%s", key->path);
    rep->ok = 1;
    return 0;
}

/* Returns the member prefix + name, or NULL. */
static const zipread_member *find_at(const zipread_archive *z, const char *prefix, const char *name)
{
    char path[ZIPREAD_NAME_MAX + 64];
    snprintf(path, sizeof path, "%s%s", prefix, name);
    return zipread_find(z, path);
}

/* Checks that MANIFEST lists exactly the named members (names relative to
 * prefix), each with its digest. */
static int check_manifest(const zipread_archive *z, const char *prefix, const manifest *mf,
                          const char *const *names, size_t n, char *err)
{
    for (size_t i = 0; i < mf->n; i++) {
        size_t k = 0;
        while (k < n && strcmp(names[k], mf->entries[i].path))
            k++;
        if (k == n) {
            verr(err, "%sMANIFEST lists %s, which is not a signed member of this bundle", prefix,
                 mf->entries[i].path);
            return -1;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const manifest_entry *e = manifest_find(mf, names[k]);
        const zipread_member *zm = find_at(z, prefix, names[k]);
        char got[65];
        if (!e) {
            verr(err, "member %s%s is not listed in %sMANIFEST", prefix, names[k], prefix);
            return -1;
        }
        manifest_sha256(zm->data, zm->len, got);
        if (strcmp(got, e->sha256)) {
            verr(err, "member %s%s does not match its MANIFEST digest%s%s%s", prefix, names[k],
                 prefix[0] ? " (" : "", prefix, prefix[0] ? "MANIFEST)" : "");
            return -1;
        }
    }
    return 0;
}

/* Parses MANIFEST (at prefix), records its digest, and checks it lists
 * exactly names. */
static int check_manifest_member(const zipread_archive *z, const char *prefix,
                                 const char *const *names, size_t n, char digest[65], char *err)
{
    const zipread_member *mfm = find_at(z, prefix, "MANIFEST");
    manifest mf;
    char why[VERR_MAX];
    int rc;
    manifest_sha256(mfm->data, mfm->len, digest);
    if (manifest_parse(mfm->data, mfm->len, &mf, why)) {
        manifest_release(&mf);
        verr(err, "%s%s", prefix, why);
        return -1;
    }
    rc = check_manifest(z, prefix, &mf, names, n, err);
    manifest_release(&mf);
    return rc;
}

static int check_questionnaire(const zipread_archive *z, const char *prefix, const meta *m,
                               char *err)
{
    const zipread_member *q = find_at(z, prefix, "questionnaire.xml");
    char qsha[65];
    manifest_sha256(q->data, q->len, qsha);
    if (strcmp(qsha, m->v[META_QUESTIONNAIRE_SHA256])) {
        verr(err, "%squestionnaire.xml does not match META questionnaire-sha256", prefix);
        return -1;
    }
    return 0;
}

/* Verifies the answers bundle whose members are named prefix + name (prefix
 * "" for a bundle of its own, "parties/<id>/" inside an agreement). Members
 * under prefix other than the five it holds are refused. */
static int verify_answers_at(const zipread_archive *z, const char *prefix, const meta *m,
                             const keyring *kr, int bound, bundle_sig_report *rep, char digest[65],
                             char *err)
{
    char signame[128];
    const char *expected[N_PAYLOAD + 2];
    size_t plen = strlen(prefix);
    snprintf(signame, sizeof signame, "signatures/%.80s.minisig", m->v[META_PARTY]);
    for (size_t i = 0; i < N_PAYLOAD; i++)
        expected[i] = answers_payload[i];
    expected[N_PAYLOAD] = "MANIFEST";
    expected[N_PAYLOAD + 1] = signame;
    for (size_t i = 0; i < z->n; i++) {
        const char *name = z->members[i].name;
        size_t k = 0;
        if (strncmp(name, prefix, plen))
            continue;
        while (k < N_PAYLOAD + 2 && strcmp(expected[k], name + plen))
            k++;
        if (k == N_PAYLOAD + 2) {
            verr(err,
                 "unexpected member %s (an answers bundle holds exactly META, answers.xml, "
                 "questionnaire.xml, MANIFEST and %s)",
                 name, signame);
            return -1;
        }
    }
    for (size_t k = 0; k < N_PAYLOAD + 2; k++) {
        if (!find_at(z, prefix, expected[k])) {
            verr(err, "missing member %s%s", prefix, expected[k]);
            return -1;
        }
    }
    if (check_manifest_member(z, prefix, answers_payload, N_PAYLOAD, digest, err) ||
        check_questionnaire(z, prefix, m, err))
        return -1;
    return verify_signature(find_at(z, prefix, signame), m->v[META_PARTY], m,
                            find_at(z, prefix, "MANIFEST"), kr, 0, bound, rep, err);
}

static int verify_answers(const zipread_archive *z, const meta *m, const keyring *kr,
                          bundle_report *out)
{
    out->sigs = calloc(1, sizeof *out->sigs);
    if (!out->sigs) {
        verr(out->reason, "out of memory");
        return -1;
    }
    out->n_sigs = 1;
    return verify_answers_at(z, "", m, kr, 0, &out->sigs[0], out->digest, out->reason);
}

/* An embedded answers bundle must answer this very agreement: the mentee's
 * under parties/<mentee>/, the mentor's (the final answers) under
 * parties/<mentor>/, and META agreeing field by field with the agreement's. */
static int check_party_meta(const meta *am, const meta *pm, const char *party, const char *role,
                            const char *prefix, char *err)
{
    static const int same[] = {
        META_PROGRAM, META_AGREEMENT, META_REVISION, META_QUESTIONNAIRE, META_QUESTIONNAIRE_SHA256,
        META_PREVIOUS};
    if (strcmp(pm->v[META_KIND], "answers")) {
        verr(err, "%sMETA is not an answers bundle's (kind %s)", prefix, pm->v[META_KIND]);
        return -1;
    }
    if (strcmp(pm->v[META_PARTY], party) || strcmp(pm->v[META_ROLE], role)) {
        verr(err,
             "%sMETA is not %s's answers as %s (it holds %s's answers as %s; the agreement "
             "names the mentee first and takes the mentor's answers as final)",
             prefix, party, role, pm->v[META_PARTY], pm->v[META_ROLE]);
        return -1;
    }
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        if (strcmp(am->v[same[i]], pm->v[same[i]])) {
            verr(err, "%sMETA %s differs from the agreement's (%s, agreement META says %s)", prefix,
                 meta_keys[same[i]], pm->v[same[i]], am->v[same[i]]);
            return -1;
        }
    }
    return 0;
}

/* The agreement's questionnaire.xml is both parties' snapshot, byte for
 * byte, and its created is the later of the two answers' created. */
static int check_agreement_sources(const zipread_archive *z, const meta *m, const meta pm[2],
                                   char prefix[2][48], char *err)
{
    const zipread_member *q = zipread_find(z, "questionnaire.xml");
    const char *later = strcmp(pm[1].v[META_CREATED], pm[0].v[META_CREATED]) > 0
                            ? pm[1].v[META_CREATED]
                            : pm[0].v[META_CREATED];
    for (int p = 0; p < 2; p++) {
        const zipread_member *pq = find_at(z, prefix[p], "questionnaire.xml");
        if (pq->len != q->len || memcmp(pq->data, q->data, q->len)) {
            verr(err, "%squestionnaire.xml differs from the agreement's questionnaire.xml",
                 prefix[p]);
            return -1;
        }
    }
    if (strcmp(m->v[META_CREATED], later)) {
        verr(err, "META created %s is not the later of the answers bundles' created times (%s)",
             m->v[META_CREATED], later);
        return -1;
    }
    return 0;
}

static bundle_outcome verify_agreement(const zipread_archive *z, const meta *m, const keyring *kr,
                                       bundle_report *out)
{
    static const char *const fixed[] = {"META", "questionnaire.xml", "agreement.html", "MANIFEST"};
    char parties[2][33], prefix[2][48], sigpath[2][64], *err = out->reason;
    meta party_meta[2];
    const char *roles[2] = {"mentee", "mentor"}, **signed_names;
    const char *comma = strchr(m->v[META_PARTY], ',');
    size_t n_signed = 0, signed_count = 0;
    int rc = -1;
    snprintf(parties[0], sizeof parties[0], "%.*s", (int)(comma - m->v[META_PARTY]),
             m->v[META_PARTY]);
    snprintf(parties[1], sizeof parties[1], "%.32s", comma + 1);
    for (int p = 0; p < 2; p++) {
        snprintf(prefix[p], sizeof prefix[p], "parties/%s/", parties[p]);
        snprintf(sigpath[p], sizeof sigpath[p], "signatures/%s.minisig", parties[p]);
    }
    /* Every member is a fixed one, under a party's prefix, or a party's
     * countersignature. */
    for (size_t i = 0; i < z->n; i++) {
        const char *name = z->members[i].name;
        int known = 0;
        for (size_t k = 0; k < 4; k++)
            known |= !strcmp(name, fixed[k]);
        for (int p = 0; p < 2; p++)
            known |= !strncmp(name, prefix[p], strlen(prefix[p])) || !strcmp(name, sigpath[p]);
        if (!known) {
            verr(err, "unexpected member %s (not part of agreement %s)", name,
                 m->v[META_AGREEMENT]);
            return BUNDLE_INVALID;
        }
    }
    for (size_t k = 0; k < 4; k++) {
        if (!zipread_find(z, fixed[k])) {
            verr(err, "missing member %s", fixed[k]);
            return BUNDLE_INVALID;
        }
    }
    /* MANIFEST lists every member but itself and the top-level signatures. */
    signed_names = calloc(z->n, sizeof *signed_names);
    out->sigs = calloc(4, sizeof *out->sigs);
    if (!signed_names || !out->sigs) {
        free(signed_names);
        verr(err, "out of memory");
        return BUNDLE_INVALID;
    }
    for (size_t i = 0; i < z->n; i++)
        if (strcmp(z->members[i].name, "MANIFEST") &&
            strncmp(z->members[i].name, "signatures/", 11))
            signed_names[n_signed++] = z->members[i].name;
    if (check_manifest_member(z, "", signed_names, n_signed, out->digest, err) ||
        check_questionnaire(z, "", m, err))
        goto done;
    for (int p = 0; p < 2; p++) {
        const zipread_member *pm = find_at(z, prefix[p], "META");
        char why[VERR_MAX], digest[65];
        if (!pm) {
            verr(err, "missing member %sMETA (%s's answers bundle)", prefix[p], parties[p]);
            goto done;
        }
        if (meta_parse(pm->data, pm->len, &party_meta[p], why)) {
            verr(err, "%s%s", prefix[p], why);
            goto done;
        }
        if (check_party_meta(m, &party_meta[p], parties[p], roles[p], prefix[p], err) ||
            verify_answers_at(z, prefix[p], &party_meta[p], kr, 1, &out->sigs[out->n_sigs++],
                              digest, err))
            goto done;
    }
    if (check_agreement_sources(z, m, party_meta, prefix, err))
        goto done;
    for (int p = 0; p < 2; p++) {
        const zipread_member *s = zipread_find(z, sigpath[p]);
        if (!s)
            continue;
        if (verify_signature(s, parties[p], m, zipread_find(z, "MANIFEST"), kr, 1, 1,
                             &out->sigs[out->n_sigs++], err))
            goto done;
        signed_count++;
    }
    rc = 0;
    if (signed_count < 2) {
        char who[80] = "";
        for (int p = 0; p < 2; p++)
            if (!zipread_find(z, sigpath[p])) {
                snprintf(who + strlen(who), sizeof who - strlen(who), "%s%s", who[0] ? ", " : "",
                         parties[p]);
                memcpy(out->awaiting[out->n_awaiting++], parties[p], sizeof parties[p]);
            }
        verr(err, "awaiting signatures from %s", who);
    }
done:
    free(signed_names);
    if (rc)
        return BUNDLE_INVALID;
    return signed_count == 2 ? BUNDLE_VALID : BUNDLE_AWAITING;
}

bundle_outcome bundle_verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *out, zipread_archive *keep)
{
    zipread_archive z;
    const zipread_member *mm;
    memset(out, 0, sizeof *out);
    out->outcome = BUNDLE_INVALID;
    if (zipread_mem(buf, len, &z, out->reason))
        goto done;
    if (fill_members(&z, out, out->reason))
        goto done;
    mm = zipread_find(&z, "META");
    if (!mm) {
        verr(out->reason, "missing member META");
        goto done;
    }
    if (meta_parse(mm->data, mm->len, &out->meta, out->reason))
        goto done;
    out->have_meta = 1;
    if (!strcmp(out->meta.v[META_KIND], "agreement"))
        out->outcome = verify_agreement(&z, &out->meta, kr, out);
    else if (verify_answers(&z, &out->meta, kr, out) == 0)
        out->outcome = BUNDLE_VALID;
done:
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
