/* fuzz_bundle.c - libFuzzer target: the whole verification policy over an
 * archive, with the known-answer test's public key trusted for any party.
 * For an agreement that verifies, merging its signatures with itself
 * (bundle_merge_signatures) must give a bundle that verifies with the same
 * outcome and digest, and the chain check must run over its report. */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/fixtures/verify/ada.pub */
static const char ada_pub[] = "untrusted comment: minisign public key 696D529691852703\n"
                              "RWQDJ4WRllJtaeu68VNv7SRyLHYnG5Ao6q2JnJ8Fp+56nRE3HeK4RaXa\n";

static void ignore(void *ctx, const char *path, const char *msg)
{
    (void)ctx;
    (void)path;
    (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static keyring_entry entry;
    keyring kr = {&entry, 1, 1};
    bundle_report r;
    zipread_archive z = {NULL, 0};
    char err[VERR_MAX];
    if (sodium_init() < 0)
        return 0;
    if (ms_pubkey_parse((const unsigned char *)ada_pub, strlen(ada_pub), &entry.pk, err))
        __builtin_trap();
    entry.path = "ada.pub";
    bundle_verify(data, size, &kr, &r, &z);
    if (r.outcome != BUNDLE_INVALID && !strcmp(r.meta.v[META_KIND], "agreement")) {
        unsigned char *out;
        size_t outlen;
        bundle_report again;
        const char *path = "fuzz";
        bundle_chain_check(&r, &path, 1, ignore, NULL);
        if (bundle_merge_signatures(&z, 1, &out, &outlen, err) == 0) {
            if (bundle_verify(out, outlen, &kr, &again, NULL) != r.outcome ||
                strcmp(again.digest, r.digest))
                __builtin_trap();
            bundle_report_release(&again);
            free(out);
        }
    }
    if (r.outcome != BUNDLE_INVALID)
        zipread_release(&z);
    bundle_report_release(&r);
    return 0;
}
