/* fuzz_minisign_sig.c - libFuzzer target: minisign signature files, parsed
 * and verified against a fixed key and message. */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_sig sig;
    ms_pubkey pk;
    char err[VERR_MAX];
    if (sodium_init() < 0)
        return 0;
    if (ms_sig_parse(data, size, &sig, err) == 0) {
        memset(&pk, 0, sizeof pk);
        memcpy(pk.sig_alg, "Ed", 2);
        memcpy(pk.keynum, sig.keynum, sizeof pk.keynum);
        ms_sig_verify(&sig, &pk, (const unsigned char *)"message", 7, NULL, err);
    }
    return 0;
}
