/* fuzz_manifest.c - libFuzzer target: MANIFEST parsing; what parses must
 * be what manifest_format writes for the same paths (canonical form). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    manifest m;
    char err[VERR_MAX];
    if (manifest_parse(data, size, &m, err) == 0) {
        /* Canonical: sorted strictly, so each path is greater than the last. */
        for (size_t i = 1; i < m.n; i++)
            if (strcmp(m.entries[i - 1].path, m.entries[i].path) >= 0)
                abort();
    }
    manifest_release(&m);
    return 0;
}
