/* fuzz_bundle.c - libFuzzer target: the whole verification policy over an
 * archive, with the known-answer test's public key trusted for any party. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* tests/fixtures/verify/ada.pub */
static const char ada_pub[] = "untrusted comment: minisign public key 696D529691852703\n"
                              "RWQDJ4WRllJtaeu68VNv7SRyLHYnG5Ao6q2JnJ8Fp+56nRE3HeK4RaXa\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static keyring_entry entry;
    keyring kr = {&entry, 1};
    bundle_report r;
    char err[VERR_MAX];
    if (sodium_init() < 0)
        return 0;
    if (ms_pubkey_parse((const unsigned char *)ada_pub, strlen(ada_pub), &entry.pk, err))
        __builtin_trap();
    entry.path = "ada.pub";
    bundle_verify(data, size, &kr, &r, NULL);
    bundle_report_release(&r);
    return 0;
}
