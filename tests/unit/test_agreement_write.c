/* test_agreement_write.c - the agreement writer, countersigning and merging
 * at the library level, over the committed answers bundles
 * of ada (mentee) and grace (mentor). */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"
#include "../cli/forge_util.h"
#include "check.h"

#define FIX "tests/fixtures/verify/"
#define HTML "<!DOCTYPE html><p>agreed</p>\n"

static int write_agreement(const meta *m, const zipread_archive *a, const zipread_archive *b,
                           unsigned char **out, size_t *len, char *err)
{
    return bundle_agreement_write(m, a, b, NULL, 0, (const unsigned char *)HTML, strlen(HTML), out,
                                  len, err);
}

/* Verifies buf, keeping the archive in *z when it does not fail. */
static bundle_outcome verify(const unsigned char *buf, size_t len, const keyring *kr,
                             bundle_report *r, zipread_archive *z)
{
    return bundle_verify(buf, len, kr, r, z);
}

static void test_meta(const meta *mentee, const meta *mentor)
{
    meta am, late = *mentor, other = *mentor;
    char err[VERR_MAX];
    snprintf(late.v[META_CREATED], sizeof late.v[META_CREATED], "2026-03-09T10:00:00Z");
    CHECK(bundle_agreement_meta(mentee, &late, &am, err) == 0 &&
              !strcmp(am.v[META_CREATED], "2026-03-09T10:00:00Z") &&
              !strcmp(am.v[META_PARTY], "ada,grace") && !strcmp(am.v[META_KIND], "agreement") &&
              !strcmp(am.v[META_ROLE], "agreement"),
          "agreement META: parties mentee first, created the later of the two");
    CHECK(bundle_agreement_meta(mentor, mentee, &am, err) == -1 && strstr(err, "in that order"),
          "agreement META refuses the mentor's answers in the mentee's place");
    snprintf(other.v[META_REVISION], sizeof other.v[META_REVISION], "2");
    CHECK(bundle_agreement_meta(mentee, &other, &am, err) == -1 && strstr(err, "revision"),
          "agreement META refuses answers of different revisions");
    other = *mentor;
    snprintf(other.v[META_QUESTIONNAIRE_SHA256], sizeof other.v[META_QUESTIONNAIRE_SHA256], "%064d",
             0);
    CHECK(bundle_agreement_meta(mentee, &other, &am, err) == -1 &&
              strstr(err, "questionnaire-sha256"),
          "agreement META refuses answers to different questionnaires");
}

int main(void)
{
    zipread_archive ada, grace, kept = {NULL, 0}, one = {NULL, 0}, two = {NULL, 0};
    zipread_archive copies[2];
    unsigned char *out = NULL, *again = NULL, *signed1 = NULL, *signed2 = NULL, *merged = NULL;
    size_t len = 0, again_len = 0, s1_len = 0, s2_len = 0, merged_len = 0;
    keyring kr = KEYRING_INIT;
    bundle_report r, r1, r2, rm;
    char err[VERR_MAX], digest[65];
    meta mentee, mentor, am;
    ms_seckey *ada_key, *grace_key;
    if (sodium_init() < 0 || forge_read_archive(FIX "ada.accord", &ada) ||
        forge_read_archive(FIX "grace.accord", &grace) ||
        keyring_add_file(&kr, FIX "ada.pub", "ada", err) ||
        keyring_add_file(&kr, FIX "grace.pub", "grace", err) ||
        !(ada_key = forge_load_key(FIX "ada.key")) ||
        !(grace_key = forge_load_key(FIX "grace.key"))) {
        puts("not ok - fixtures readable (run from the repository root)");
        return 1;
    }
    meta_parse(zipread_find(&ada, "META")->data, zipread_find(&ada, "META")->len, &mentee, err);
    meta_parse(zipread_find(&grace, "META")->data, zipread_find(&grace, "META")->len, &mentor, err);
    test_meta(&mentee, &mentor);

    CHECK(write_agreement(NULL, &ada, &grace, &out, &len, err) == 0, "the writer writes");
    CHECK(write_agreement(NULL, &ada, &grace, &again, &again_len, err) == 0 && again_len == len &&
              !memcmp(out, again, len),
          "the same inputs give the same bytes");
    free(again);
    CHECK(verify(out, len, &kr, &r, &kept) == BUNDLE_AWAITING && r.n_awaiting == 2 &&
              !strcmp(r.awaiting[0], "ada") && !strcmp(r.awaiting[1], "grace"),
          "what it writes verifies, awaiting both parties, mentee first");
    CHECK(bundle_digest(&kept, digest) == 0 && !strcmp(digest, r.digest),
          "bundle_digest gives the report's digest");
    CHECK(kept.n == 14 && !strcmp(kept.members[0].name, "META") &&
              !strcmp(kept.members[2].name, "agreement.html") &&
              !strcmp(kept.members[3].name, "parties/ada/META") &&
              !strcmp(kept.members[13].name, "MANIFEST"),
          "members in the documented order, MANIFEST last");
    CHECK(write_agreement(&r.meta, &ada, &grace, &again, &again_len, err) == 0,
          "a META equal to the derived one is accepted");
    free(again);
    am = r.meta;
    snprintf(am.v[META_PROGRAM], sizeof am.v[META_PROGRAM], "other");
    CHECK(write_agreement(&am, &ada, &grace, &again, &again_len, err) == -1 &&
              strstr(err, "META program"),
          "a META that disagrees with the answers bundles is refused");
    CHECK(write_agreement(NULL, &grace, &ada, &again, &again_len, err) == -1,
          "the bundles in the wrong order are refused");
    CHECK(bundle_agreement_write(NULL, &ada, &grace, (const unsigned char *)"<q/>", 4,
                                 (const unsigned char *)HTML, strlen(HTML), &again, &again_len,
                                 err) == -1 &&
              strstr(err, "snapshot"),
          "a questionnaire that is not the snapshot is refused");
    CHECK(write_agreement(NULL, &kept, &grace, &again, &again_len, err) == -1,
          "an agreement is not an answers bundle");

    /* Countersigning and merging. */
    CHECK(bundle_countersign(&kept, &r.meta, "ada", ada_key, 1772470000, &signed1, &s1_len, err) ==
              0,
          "ada countersigns");
    CHECK(bundle_countersign(&kept, &r.meta, "grace", grace_key, 1772473600, &signed2, &s2_len,
                             err) == 0,
          "grace countersigns another copy");
    CHECK(verify(signed1, s1_len, &kr, &r1, &one) == BUNDLE_AWAITING && r1.n_awaiting == 1 &&
              !strcmp(r1.awaiting[0], "grace"),
          "one signature: awaiting the other party");
    CHECK(verify(signed2, s2_len, &kr, &r2, &two) == BUNDLE_AWAITING, "the other copy too");
    CHECK(!strcmp(r1.digest, r.digest), "the digest does not change as signatures are added");
    CHECK(bundle_countersign(&one, &r.meta, "ada", ada_key, 1772470000, &again, &again_len, err) ==
                  -1 &&
              strstr(err, "already signed"),
          "countersigning twice is refused by the library");
    copies[0] = one;
    copies[1] = two;
    CHECK(bundle_merge_signatures(copies, 2, &merged, &merged_len, err) == 0, "two copies merge");
    CHECK(verify(merged, merged_len, &kr, &rm, NULL) == BUNDLE_VALID && rm.n_awaiting == 0,
          "the merged bundle is signed by both");
    {
        int times = 0;
        for (size_t i = 0; i < rm.n_sigs; i++)
            times +=
                rm.sigs[i].countersign && (!strcmp(rm.sigs[i].signed_at, "2026-03-02T16:46:40Z") ||
                                           !strcmp(rm.sigs[i].signed_at, "2026-03-02T17:46:40Z"));
        CHECK(times == 2, "the report gives each party's signing time");
    }
    copies[1] = ada;
    CHECK(bundle_merge_signatures(copies, 2, &again, &again_len, err) == -1 &&
              strstr(err, "another MANIFEST"),
          "copies with different digests do not merge");

    bundle_report_release(&r);
    bundle_report_release(&r1);
    bundle_report_release(&r2);
    bundle_report_release(&rm);
    zipread_release(&ada);
    zipread_release(&grace);
    zipread_release(&kept);
    zipread_release(&one);
    zipread_release(&two);
    keyring_release(&kr);
    ms_seckey_free(ada_key);
    ms_seckey_free(grace_key);
    free(out);
    free(signed1);
    free(signed2);
    free(merged);
    return CHECK_DONE();
}
