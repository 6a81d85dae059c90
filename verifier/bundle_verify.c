/* bundle_verify.c - the verification policy for accord bundles. */
#include "bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"

/* The members an answers bundle signs (MANIFEST lists exactly these). */
static const char *const answers_payload[] = {"META", "answers.xml", "questionnaire.xml"};
#define N_PAYLOAD (sizeof answers_payload / sizeof *answers_payload)

static int fill_members(const zip_archive *z, bundle_report *out, char *err)
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
        sha256_hex(z->members[i].data, z->members[i].len, r->sha256);
        r->len = z->members[i].len;
        out->n_members++;
    }
    return 0;
}

/* Checks one signature of MANIFEST by party against the keyring: parse,
 * trusted key by key ID, Ed25519 "ED" and global signature, then the trusted
 * comment recomputed from META, byte for byte. */
static int verify_signature(const zip_member *sigm, const char *party, const meta *m,
                            const zip_member *mf, const keyring *kr, bundle_sig_report *rep,
                            char *err)
{
    ms_sig sig;
    char why[VERR_MAX], *want;
    const keyring_entry *key;
    int same;
    snprintf(rep->party, sizeof rep->party, "%.32s", party);
    if (ms_sig_parse(sigm->data, sigm->len, &sig, why)) {
        verr(err, "%s: %s", sigm->name, why);
        return -1;
    }
    ms_keyid(sig.keynum, rep->keyid);
    memcpy(rep->trusted, sig.trusted, sig.trusted_len + 1);
    key = keyring_find(kr, party, sig.keynum);
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
    same = strlen(want) == sig.trusted_len && !memcmp(want, sig.trusted, sig.trusted_len);
    free(want);
    if (!same) {
        verr(err, "%s: trusted comment does not match META", sigm->name);
        return -1;
    }
    snprintf(rep->key_path, sizeof rep->key_path, "%s", key->path);
    rep->ok = 1;
    return 0;
}

/* Checks that MANIFEST lists exactly the named members, each with its digest. */
static int check_manifest(const zip_archive *z, const manifest *mf, const char *const *names,
                          size_t n, char *err)
{
    for (size_t i = 0; i < mf->n; i++) {
        size_t k = 0;
        while (k < n && strcmp(names[k], mf->entries[i].path))
            k++;
        if (k == n) {
            verr(err, "MANIFEST lists %s, which is not a signed member of this bundle",
                 mf->entries[i].path);
            return -1;
        }
    }
    for (size_t k = 0; k < n; k++) {
        const manifest_entry *e = manifest_find(mf, names[k]);
        const zip_member *zm = zip_find(z, names[k]);
        char got[65];
        if (!e) {
            verr(err, "member %s is not listed in MANIFEST", names[k]);
            return -1;
        }
        sha256_hex(zm->data, zm->len, got);
        if (strcmp(got, e->sha256)) {
            verr(err, "member %s does not match its MANIFEST digest", names[k]);
            return -1;
        }
    }
    return 0;
}

static int verify_answers(const zip_archive *z, const meta *m, const keyring *kr,
                          bundle_report *out)
{
    char signame[128], *err = out->reason;
    const char *expected[N_PAYLOAD + 2];
    const zip_member *mfm, *q;
    manifest mf;
    int rc;
    snprintf(signame, sizeof signame, "signatures/%s.minisig", m->v[META_PARTY]);
    for (size_t i = 0; i < N_PAYLOAD; i++)
        expected[i] = answers_payload[i];
    expected[N_PAYLOAD] = "MANIFEST";
    expected[N_PAYLOAD + 1] = signame;
    for (size_t i = 0; i < z->n; i++) {
        size_t k = 0;
        while (k < N_PAYLOAD + 2 && strcmp(expected[k], z->members[i].name))
            k++;
        if (k == N_PAYLOAD + 2) {
            verr(err,
                 "unexpected member %s (an answers bundle holds exactly META, answers.xml, "
                 "questionnaire.xml, MANIFEST and %s)",
                 z->members[i].name, signame);
            return -1;
        }
    }
    for (size_t k = 0; k < N_PAYLOAD + 2; k++) {
        if (!zip_find(z, expected[k])) {
            verr(err, "missing member %s", expected[k]);
            return -1;
        }
    }
    mfm = zip_find(z, "MANIFEST");
    sha256_hex(mfm->data, mfm->len, out->digest);
    if (manifest_parse(mfm->data, mfm->len, &mf, err)) {
        manifest_release(&mf);
        return -1;
    }
    rc = check_manifest(z, &mf, answers_payload, N_PAYLOAD, err);
    manifest_release(&mf);
    if (rc)
        return -1;
    q = zip_find(z, "questionnaire.xml");
    char qsha[65];
    sha256_hex(q->data, q->len, qsha);
    if (strcmp(qsha, m->v[META_QUESTIONNAIRE_SHA256])) {
        verr(err, "questionnaire.xml does not match META questionnaire-sha256");
        return -1;
    }
    out->sigs = calloc(1, sizeof *out->sigs);
    if (!out->sigs) {
        verr(err, "out of memory");
        return -1;
    }
    out->n_sigs = 1;
    return verify_signature(zip_find(z, signame), m->v[META_PARTY], m, mfm, kr, &out->sigs[0], err);
}

bundle_outcome bundle_verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *out, zip_archive *keep)
{
    zip_archive z;
    const zip_member *mm;
    memset(out, 0, sizeof *out);
    out->outcome = BUNDLE_INVALID;
    if (zipread_mem(buf, len, &z, out->reason))
        goto done;
    if (fill_members(&z, out, out->reason))
        goto done;
    mm = zip_find(&z, "META");
    if (!mm) {
        verr(out->reason, "missing member META");
        goto done;
    }
    if (meta_parse(mm->data, mm->len, &out->meta, out->reason))
        goto done;
    out->have_meta = 1;
    if (!strcmp(out->meta.v[META_KIND], "agreement")) {
        verr(out->reason, "agreement bundles are not supported yet by this verifier");
        goto done;
    }
    if (verify_answers(&z, &out->meta, kr, out) == 0)
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
