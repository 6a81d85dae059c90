/* fuzz_minisign_key.c - libFuzzer target: minisign public and secret key
 * files. Unencrypted secret keys are checked too (encrypted ones would run
 * scrypt, which the parser has already bounded). */
#include <sodium.h>
#include <stdint.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_pubkey pk;
    ms_seckey *sk;
    char err[VERR_MAX];
    if (sodium_init() < 0)
        return 0;
    ms_pubkey_parse(data, size, &pk, err);
    sk = ms_seckey_new();
    if (sk && ms_seckey_parse(data, size, sk, err) == 0 && !ms_seckey_encrypted(sk))
        ms_seckey_decrypt(sk, NULL, 0, err);
    ms_seckey_free(sk);
    return 0;
}
