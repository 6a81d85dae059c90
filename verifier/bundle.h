/* bundle.h - accord bundles (.accord): verification policy and writing.
 *
 * bundle_verify reads an archive from memory (zipread), checks META, the
 * member set, the canonical MANIFEST and every member's digest, then each
 * signature of MANIFEST against the caller's keyring with the trusted comment
 * recomputed from META. The outcome is one of three (DESIGN "Trust"): valid,
 * valid but awaiting signatures (agreements only), invalid.
 */
#ifndef ACCORD_BUNDLE_H
#define ACCORD_BUNDLE_H

#include <stddef.h>

#include "keyring.h"
#include "meta.h"
#include "minisign.h"
#include "vutil.h"
#include "zipread.h"

typedef enum {
    BUNDLE_VALID,
    BUNDLE_AWAITING, /* agreement bundles: good so far, not every party signed */
    BUNDLE_INVALID,
} bundle_outcome;

typedef struct bundle_member_report {
    char *name; /* malloc'd */
    char sha256[65];
    size_t len;
} bundle_member_report;

typedef struct bundle_sig_report {
    char member[128]; /* the signature's member path */
    char party[33];
    char keyid[17];
    char trusted[MS_COMMENT_MAX + 1]; /* signer-supplied: escape before printing */
    char key_path[VERR_MAX];          /* the trusted key that verified it, or "" */
    int ok;
} bundle_sig_report;

typedef struct bundle_report {
    bundle_outcome outcome;
    char reason[VERR_MAX]; /* why it is invalid (or awaiting whom) */
    int have_meta;
    meta meta;
    char digest[65]; /* SHA-256 of MANIFEST (the bundle digest), or "" */
    bundle_member_report *members;
    size_t n_members;
    bundle_sig_report *sigs;
    size_t n_sigs;
} bundle_report;

/* Verifies the bundle buf[0..len) against the keys in kr and fills *out.
 * An answers bundle is valid when its one signature is. An agreement bundle
 * (META kind agreement, party "mentee,mentor") holds META,
 * questionnaire.xml, agreement.html, each party's whole answers bundle under
 * parties/<id>/ (verified as answers bundles of the same agreement, revision
 * and questionnaire), MANIFEST, and signatures/<id>.minisig for each party
 * who has countersigned (trusted comment recomputed from the agreement's
 * META): valid when both have, awaiting signatures when fewer have and every
 * one present verifies, invalid otherwise.
 * (release with bundle_report_release whatever the outcome). When keep is
 * not NULL and the outcome is not BUNDLE_INVALID, the archive's members move
 * to *keep (caller releases with zipread_release) so the caller can use
 * what it verified without reading the archive again. Returns the outcome. */
bundle_outcome bundle_verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *out, zipread_archive *keep);

void bundle_report_release(bundle_report *r);

/* Writes the n members (in this order) as a zip archive of stored members,
 * deterministically: every timestamp is mtime (UTC; clamped to DOS's range),
 * fixed attributes, no comment. Sets TZ=UTC0 in the process environment,
 * because libzip converts timestamps with the local time zone. Returns 0 and
 * a malloc'd archive (*out, *outlen; caller frees), or -1 with err set. */
int bundle_zip_write(const zipread_member *m, size_t n, long long mtime, unsigned char **out,
                     size_t *outlen, char *err);

/* Builds an answers bundle: META from m (checked; kind answers), the answers
 * file and effective questionnaire bytes as given, the canonical MANIFEST,
 * and signatures/<party>.minisig signed with the decrypted secret key sk.
 * Returns 0 and a malloc'd archive (caller frees), or -1 with err set. */
int bundle_answers_write(const meta *m, const unsigned char *answers, size_t answers_len,
                         const unsigned char *questionnaire, size_t questionnaire_len,
                         const ms_seckey *sk, unsigned char **out, size_t *outlen, char *err);

#endif
