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

enum {
    /* An agreement's countersignatures carry a time no later than this many
     * months after the agreement was created (a fixed rule, no clock). */
    SIGNING_MONTHS_MAX = 24,
};

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
    int countersign;    /* 1: an agreement's top-level signatures/<party>.minisig */
    char signed_at[21]; /* countersignatures: the time after " signed=", else "" */
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
    /* Agreement bundles that verify (valid or awaiting): the parties who have
     * not countersigned yet, mentee first. */
    char awaiting[2][33];
    size_t n_awaiting;
} bundle_report;

/* Verifies the bundle buf[0..len) against the keys in kr and fills *out.
 * An answers bundle is valid when its one signature is (trusted comment
 * exactly META's). An agreement bundle (META kind agreement, party
 * "mentee,mentor") holds META, questionnaire.xml, agreement.html, each
 * party's whole answers bundle under parties/<id>/ (verified as answers
 * bundles: the mentee's with role mentee, the mentor's with role mentor, META
 * program, agreement, revision, questionnaire, its digest and previous equal
 * to the agreement's; the agreement's created the later of theirs; both
 * questionnaire.xml snapshots byte for byte the agreement's), MANIFEST, and
 * signatures/<id>.minisig for each party who has countersigned (trusted
 * comment META's + " signed=<UTC time>", the time not before created, kept
 * in the report's signed_at): valid when both have, awaiting signatures
 * (the missing parties in awaiting[]) when fewer have and every one present
 * verifies, invalid otherwise.
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

/* The bundle digest of an archive: SHA-256 of its MANIFEST member as 64
 * lowercase hex digits. Returns 0, or -1 when there is no MANIFEST. */
int bundle_digest(const zipread_archive *z, char out[65]);

/* Fills *out with the META of the agreement built from the mentee's and the
 * mentor's answers bundle METAs (DESIGN, contract D2): kind agreement, role
 * agreement, party "<mentee>,<mentor>", created the later of the two, the
 * rest copied. Refuses (-1, err set) answers that do not belong together:
 * roles, agreement, revision, program, questionnaire, digest or previous
 * differ, or an IDP bundle (agreement "-"). Returns 0. */
int bundle_agreement_meta(const meta *mentee, const meta *mentor, meta *out, char *err);

/* Builds an unsigned agreement bundle (contract D2): META, questionnaire.xml,
 * agreement.html, parties/<mentee>/... and parties/<mentor>/... (each answers
 * bundle's five members byte for byte), the canonical MANIFEST; zip written
 * by bundle_zip_write with mtime = created. The answers bundles are archives
 * kept by bundle_verify (their signatures are not checked again here). m may
 * be NULL (derived with bundle_agreement_meta) or must equal what it
 * derives; questionnaire may be NULL (the snapshot both bundles carry) or
 * must equal both snapshots byte for byte. Returns 0 and a malloc'd archive
 * (*out, *outlen; caller frees), or -1 with err set. */
int bundle_agreement_write(const meta *m, const zipread_archive *mentee_bundle,
                           const zipread_archive *mentor_bundle, const unsigned char *questionnaire,
                           size_t qlen, const unsigned char *agreement_html, size_t hlen,
                           unsigned char **out, size_t *outlen, char *err);

/* Returns the trusted comment of an agreement countersignature (contract
 * D3): meta_trusted_comment(m) + " signed=YYYY-MM-DDTHH:MM:SSZ", malloc'd
 * (caller frees); NULL when memory runs out or signed_at is out of range. */
char *bundle_countersign_comment(const meta *m, long long signed_at);

/* Adds signatures/<party>.minisig, signed with the decrypted sk at time
 * signed_at, to the agreement archive z (kept by bundle_verify; META in m;
 * party one of META's parties without a signature yet) and rewrites it:
 * unsigned members in their order, then every signature sorted by path.
 * Returns 0 and a malloc'd archive (caller frees), or -1 with err set. */
int bundle_countersign(const zipread_archive *z, const meta *m, const char *party,
                       const ms_seckey *sk, long long signed_at, unsigned char **out,
                       size_t *outlen, char *err);

/* Merges n copies (n >= 1) of one agreement bundle, each an archive kept by
 * bundle_verify (so every signature in it verified) with the same MANIFEST
 * bytes: one archive with the union of their countersignatures (for a party
 * signed in several copies, the signature with the earliest signed= time,
 * then the bytewise smallest), written as bundle_countersign writes.
 * Returns 0 and a malloc'd archive (caller frees), or -1 with err set
 * (digests differ, not an agreement). Verify the result to get its report. */
int bundle_merge_signatures(const zipread_archive *copies, size_t n, unsigned char **out,
                            size_t *outlen, char *err);

/* Checks that n verified agreement bundles (reports from bundle_verify,
 * any order; paths[i] names r[i] in messages) are one agreement's review
 * chain: revisions 1..N, each valid (fully signed), previous of 1 "none"
 * and of k the digest of k-1, created strictly increasing (signing times
 * are not compared: signers write them), one agreement id and the same
 * parties throughout. Calls problem(ctx, path, message) once per
 * problem (path NULL when it concerns the chain as a whole). Returns the
 * number of problems (0: the chain holds). */
size_t bundle_chain_check(const bundle_report *r, const char *const *paths, size_t n,
                          void (*problem)(void *ctx, const char *path, const char *msg), void *ctx);

#endif
