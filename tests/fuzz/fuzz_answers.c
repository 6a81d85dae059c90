/* fuzz_answers.c - libFuzzer target: answers_parse, then answers_check
 * against the valid fixture program (tests/fixtures/content/valid, found from
 * the working directory or $ACCORD_FUZZ_CONTENT; parse only when absent).
 *
 * Build: clang -fsanitize=fuzzer,address,undefined ... tests/fuzz/fuzz_answers.c
 * with the generator objects (tests/fuzz/run does). Run with -close_fd_mask=2
 * to keep the messages about bad input quiet. */
#include <stdint.h>
#include <stdlib.h>

#include "content.h"
#include "base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static content c;
static int have_content = -1;

static void load_content(void)
{
    const char *dir = getenv("ACCORD_FUZZ_CONTENT");
    if (!dir)
        dir = "tests/fixtures/content/valid";
    diag d = DIAG_INIT;
    have_content = is_directory(dir) && content_load(dir, &c, &d) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (have_content < 0)
        load_content();
    arena ar = ARENA_INIT;
    diag d = DIAG_INIT;
    answers a;
    /* read as the build reads a bundle's: with a questionnaire to share names with */
    const questionnaire *names =
        have_content == 1 && c.n_questionnaires ? &c.questionnaires[0] : NULL;
    if (answers_parse("fuzz.xml", data, size, names, &a, &ar, &d) == 0 && have_content == 1) {
        const questionnaire *eq = NULL;
        if (answers_check(&c, &a, &ar, &eq, &d) == 0 && !eq)
            abort(); /* success always hands back the effective questionnaire */
    }
    arena_release(&ar);
    return 0;
}
