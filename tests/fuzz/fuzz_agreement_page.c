/* fuzz_agreement_page.c - libFuzzer target: agreement_page_check of any
 * bytes as the agreement.html of the demo's revision-2 agreement (the
 * golden vector tests/golden/agreement-page/v1/demo-r2, found from the
 * working directory). It must never crash, and only the one page renderer 1
 * makes may come out bound: anything else bound is a forgery that passed.
 *
 * Build and run: tests/fuzz/run (a seed corpus in corpus/fuzz_agreement_page). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "content.h"
#include "base.h"
#include "accord_sign.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CASE "tests/golden/agreement-page/v1/demo-r2/"

static arena ar;
static agreement_view v;
static unsigned char *expected;
static size_t expected_len;
static int ready = -1;

static const unsigned char *load(const char *name, size_t *len)
{
    unsigned char *buf;
    char path[256];
    strcpy(path, CASE);
    strcat(path, name);
    return read_file(path, 8 * 1024 * 1024, &buf, len) == 0 ? buf : NULL;
}

static void setup(void)
{
    static meta m;
    static questionnaire q;
    static answers mentee, mentor;
    diag d = DIAG_INIT;
    char err[VERR_MAX];
    size_t n[4];
    const unsigned char *b[4] = {load("META", &n[0]), load("questionnaire.xml", &n[1]),
                                 load("mentee.xml", &n[2]), load("mentor.xml", &n[3])};
    expected = (unsigned char *)load("expected.html", &expected_len);
    ready = b[0] && b[1] && b[2] && b[3] && expected && !meta_parse(b[0], n[0], &m, err) &&
            !questionnaire_parse("q", b[1], n[1], &ar, &d, &q) &&
            !answers_parse("a", b[2], n[2], &q, &mentee, &ar, &d) &&
            !answers_parse("b", b[3], n[3], &q, &mentor, &ar, &d);
    v = (agreement_view){m.v[META_AGREEMENT],
                         mentee.party,
                         mentor.party,
                         m.v[META_REVISION],
                         m.v[META_QUESTIONNAIRE],
                         m.v[META_CREATED],
                         m.v[META_PREVIOUS],
                         &q,
                         &mentee,
                         &mentor};
    for (int i = 0; i < 4; i++)
        free((void *)b[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ready < 0)
        setup();
    if (!ready)
        abort(); /* run from the repository root */
    arena scratch = ARENA_INIT;
    agreement_facts f;
    char why[256];
    if (agreement_page_check(&v, data, size, &scratch, &f, why) == PAGE_BOUND &&
        (size != expected_len || memcmp(data, expected, size)))
        abort();
    arena_release(&scratch);
    return 0;
}
