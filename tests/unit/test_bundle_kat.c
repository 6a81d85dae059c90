/* test_bundle_kat.c - the known-answer test at the library level, without
 * the content loader: META and payload bytes taken from the committed
 * bundle, re-signed with the committed key, must give the committed bytes;
 * the committed forgery must fail. Also: bundle_verify's keep contract. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"
#include "check.h"

#define FIX "tests/fixtures/verify/"

int main(void)
{
    unsigned char *kat, *keybuf, *out = NULL, *forged;
    size_t kat_len, key_len, out_len = 0, forged_len;
    zipread_archive z, kept = {NULL, 0};
    keyring kr = KEYRING_INIT;
    bundle_report r;
    char err[VERR_MAX];
    meta m;
    if (sodium_init() < 0 || vu_read_file(FIX "ada.accord", ZIPREAD_FILE_MAX, &kat, &kat_len) ||
        vu_read_file(FIX "ada.key", MS_KEY_FILE_MAX, &keybuf, &key_len) ||
        vu_read_file(FIX "forged.accord", ZIPREAD_FILE_MAX, &forged, &forged_len)) {
        puts("not ok - fixtures readable (run from the repository root)");
        return 1;
    }
    CHECK(zipread_mem(kat, kat_len, &z, err) == 0, "the committed bundle reads");
    const zipread_member *mm = zipread_find(&z, "META"), *a = zipread_find(&z, "answers.xml"),
                         *q = zipread_find(&z, "questionnaire.xml");
    CHECK(mm && a && q && meta_parse(mm->data, mm->len, &m, err) == 0, "its META parses");
    ms_seckey *sk = ms_seckey_new();
    CHECK(ms_seckey_parse(keybuf, key_len, sk, err) == 0 &&
              ms_seckey_decrypt(sk, NULL, 0, err) == 0,
          "the committed key loads");
    CHECK(bundle_answers_write(&m, a->data, a->len, q->data, q->len, sk, &out, &out_len, err) == 0,
          "bundle_answers_write signs");
    CHECK(out_len == kat_len && !memcmp(out, kat, kat_len),
          "the bytes are the committed known answer");
    CHECK(keyring_add_file(&kr, FIX "ada.pub", NULL, err) == 0, "the public key loads");
    CHECK(bundle_verify(out, out_len, &kr, &r, &kept) == BUNDLE_VALID, "the bundle verifies");
    CHECK(kept.n == 5 && zipread_find(&kept, "answers.xml"), "keep hands over the members");
    CHECK(r.n_sigs == 1 && r.sigs[0].ok && !strcmp(r.sigs[0].party, "ada"), "one good signature");
    bundle_report_release(&r);
    zipread_release(&kept);
    CHECK(bundle_verify(forged, forged_len, &kr, &r, &kept) == BUNDLE_INVALID && kept.n == 0,
          "the committed forgery does not, and keeps nothing");
    CHECK(strstr(r.reason, "signature does not match MANIFEST") != NULL, "the forgery's reason");
    bundle_report_release(&r);
    /* Determinism does not depend on the time zone. */
    setenv("TZ", "Asia/Tokyo", 1);
    unsigned char *again;
    size_t again_len;
    CHECK(bundle_answers_write(&m, a->data, a->len, q->data, q->len, sk, &again, &again_len, err) ==
                  0 &&
              again_len == kat_len && !memcmp(again, kat, kat_len),
          "the same bytes when TZ was Asia/Tokyo");
    free(again);
    ms_seckey_free(sk);
    keyring_release(&kr);
    zipread_release(&z);
    free(out);
    free(kat);
    free(keybuf);
    free(forged);
    return CHECK_DONE();
}
