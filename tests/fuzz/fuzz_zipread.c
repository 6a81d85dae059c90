/* fuzz_zipread.c - libFuzzer target: the bundle archive reader. */
#include <stddef.h>
#include <stdint.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    zipread_archive z;
    char err[VERR_MAX];
    zipread_mem(data, size, &z, err);
    zipread_release(&z);
    return 0;
}
