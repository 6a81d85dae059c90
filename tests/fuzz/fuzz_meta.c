/* fuzz_meta.c - libFuzzer target: META parsing; what parses must format
 * back to the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    meta m;
    char err[VERR_MAX];
    if (meta_parse(data, size, &m, err) == 0) {
        size_t len;
        char *back = meta_format(&m, &len), tc[META_COMMENT_MAX];
        meta_trusted_comment(&m, tc);
        if (!back || len != size || memcmp(back, data, size) || strncmp(tc, "accord/1 ", 9))
            abort();
        free(back);
    }
    return 0;
}
