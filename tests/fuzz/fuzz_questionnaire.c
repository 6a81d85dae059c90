/* fuzz_questionnaire.c - libFuzzer target: questionnaire_parse (safe XML
 * parse, schema, model, checks), then the canonical serialization, which must
 * parse back and serialize to the same bytes.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined ... tests/fuzz/fuzz_questionnaire.c
 * with the generator objects (tests/fuzz/run does). Messages about bad input
 * go to stderr: run with -close_fd_mask=2 to keep them quiet. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    questionnaire q;
    if (questionnaire_parse("fuzz.xml", data, size, &ar, &d, &q) == 0) {
        size_t len, len2;
        unsigned char *xml = questionnaire_serialize(&q, &ar, &len);
        questionnaire back;
        diag d2 = DIAG_INIT;
        /* A questionnaire that passed every check serializes to bytes that
         * pass them again, and to the same bytes the second time. */
        if (questionnaire_parse("canonical.xml", xml, len, &ar, &d2, &back) != 0)
            abort();
        unsigned char *again = questionnaire_serialize(&back, &ar, &len2);
        if (len != len2 || memcmp(xml, again, len) != 0)
            abort();
    }
    arena_release(&ar);
    return 0;
}
