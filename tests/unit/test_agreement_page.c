/* test_agreement_page.c - the golden vectors of every agreement page
 * renderer version (tests/golden/agreement-page/vN/CASE/): the page a
 * renderer makes from a case's META, questionnaire snapshot, both parties'
 * answers and facts is byte for byte expected.html, and checking
 * expected.html against its inputs binds it, reading the facts back. Then
 * every way of changing a bound page is refused.
 *
 * ACCORD_GOLDEN_WRITE=1 writes expected.html instead of comparing: for a
 * new renderer version's vectors only, never to make a test pass. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "content.h"
#include "check.h"
#include "base.h"
#include "accord_sign.h"
#include "verify.h"

#define GOLDEN "tests/golden/agreement-page/"

typedef struct golden_case {
    meta m;
    questionnaire q;
    answers mentee, mentor;
    agreement_facts f;
    agreement_view v;
    char parties[2][33];
    arena ar;
} golden_case;

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char path[512];
    unsigned char *buf;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (read_file(path, 8 * 1024 * 1024, &buf, len) != 0) {
        printf("# cannot read %s\n", path);
        return NULL;
    }
    return (char *)buf;
}

/* Loads a case's inputs. Returns 0 or -1. */
static int load_case(const char *dir, golden_case *g)
{
    diag d = DIAG_INIT;
    char err[VERR_MAX], *buf;
    size_t len;
    int rc = 0;
    memset(g, 0, sizeof *g);
    if (!(buf = slurp(dir, "META", &len)) || meta_parse((unsigned char *)buf, len, &g->m, err))
        rc = -1;
    free(buf);
    if (!(buf = slurp(dir, "questionnaire.xml", &len)) ||
        questionnaire_parse("questionnaire.xml", (unsigned char *)buf, len, &g->ar, &d, &g->q))
        rc = -1;
    free(buf);
    if (!(buf = slurp(dir, "mentee.xml", &len)) ||
        answers_parse("mentee.xml", (unsigned char *)buf, len, &g->q, &g->mentee, &g->ar, &d))
        rc = -1;
    free(buf);
    if (!(buf = slurp(dir, "mentor.xml", &len)) ||
        answers_parse("mentor.xml", (unsigned char *)buf, len, &g->q, &g->mentor, &g->ar, &d))
        rc = -1;
    free(buf);
    /* facts.txt: program title, mentee name, mentor name, review months */
    if (!(buf = slurp(dir, "facts.txt", &len)))
        return -1;
    char *line[4] = {NULL}, *p = buf;
    for (int i = 0; i < 4 && p; i++) {
        line[i] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    if (!line[3]) {
        free(buf);
        return -1;
    }
    g->f.program_title = arena_strdup(&g->ar, line[0]);
    g->f.mentee_name = arena_strdup(&g->ar, line[1]);
    g->f.mentor_name = arena_strdup(&g->ar, line[2]);
    g->f.review_months = atoi(line[3]);
    free(buf);
    const char *comma = strchr(g->m.v[META_PARTY], ',');
    if (!comma)
        return -1;
    snprintf(g->parties[0], sizeof g->parties[0], "%.*s", (int)(comma - g->m.v[META_PARTY]),
             g->m.v[META_PARTY]);
    snprintf(g->parties[1], sizeof g->parties[1], "%s", comma + 1);
    g->v = (agreement_view){g->m.v[META_AGREEMENT],
                            g->parties[0],
                            g->parties[1],
                            g->m.v[META_REVISION],
                            g->m.v[META_QUESTIONNAIRE],
                            g->m.v[META_CREATED],
                            g->m.v[META_PREVIOUS],
                            &g->q,
                            &g->mentee,
                            &g->mentor};
    return rc;
}

/* A copy of page with the first occurrence of from replaced by to. */
static unsigned char *replaced(const unsigned char *page, size_t len, const char *from,
                               const char *to, size_t *out_len)
{
    const char *at = strstr((const char *)page, from);
    if (!at)
        return NULL;
    size_t pre = (size_t)(at - (const char *)page), fl = strlen(from), tl = strlen(to);
    unsigned char *out = malloc(len - fl + tl + 1);
    memcpy(out, page, pre);
    memcpy(out + pre, to, tl);
    memcpy(out + pre + tl, at + fl, len - pre - fl + 1);
    *out_len = len - fl + tl;
    return out;
}

static void refused(const golden_case *g, const unsigned char *page, size_t len, const char *from,
                    const char *to, const char *what)
{
    size_t n;
    unsigned char *bad = replaced(page, len, from, to, &n);
    arena ar = ARENA_INIT;
    agreement_facts f;
    char why[VERR_MAX] = "";
    char name[256];
    snprintf(name, sizeof name, "refused: %s", what);
    CHECK(bad && agreement_page_check(&g->v, bad, n, &ar, &f, why) == PAGE_DIFFERS && why[0], name);
    free(bad);
    arena_release(&ar);
}

static void one_case(int version, const char *name, int write)
{
    char dir[256], what[512];
    golden_case g;
    unsigned char *page = NULL;
    size_t len = 0, want_len = 0;
    char why[VERR_MAX] = "", *want;
    snprintf(dir, sizeof dir, GOLDEN "v%d/%s", version, name);
    snprintf(what, sizeof what, "v%d/%s: inputs load", version, name);
    CHECK(load_case(dir, &g) == 0, what);
    snprintf(what, sizeof what, "v%d/%s: renderer %d makes a page", version, name, version);
    CHECK(agreement_page_make(version, &g.v, &g.f, &page, &len, why) == 0, what);
    if (write && page) {
        char path[300];
        snprintf(path, sizeof path, "%s/expected.html", dir);
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(page, 1, len, f);
            fclose(f);
        }
    }
    want = slurp(dir, "expected.html", &want_len);
    snprintf(what, sizeof what, "v%d/%s: the page is expected.html byte for byte", version, name);
    CHECK(want && page && want_len == len && !memcmp(want, page, len), what);
    agreement_facts back;
    arena ar = ARENA_INIT;
    snprintf(what, sizeof what, "v%d/%s: expected.html is bound, its facts read back", version,
             name);
    CHECK(want &&
              agreement_page_check(&g.v, (unsigned char *)want, want_len, &ar, &back, why) ==
                  PAGE_BOUND &&
              agreement_facts_equal(&back, &g.f),
          what);
    arena_release(&ar);
    free(page);
    free(want);
    arena_release(&g.ar);
}

int main(void)
{
    static const char *const v1[] = {"demo-r2", "hostile"};
    const char *w = getenv("ACCORD_GOLDEN_WRITE");
    int write = w && !strcmp(w, "1");
    for (size_t i = 0; i < sizeof v1 / sizeof *v1; i++)
        one_case(1, v1[i], write);

    /* Every change to a bound page is refused, and a page without a marker
     * is legacy. */
    golden_case g;
    size_t len;
    char *page = NULL;
    if (load_case(GOLDEN "v1/hostile", &g) == 0)
        page = slurp(GOLDEN "v1/hostile", "expected.html", &len);
    CHECK(page != NULL, "the hostile case loads");
    if (page) {
        const unsigned char *p = (unsigned char *)page;
        refused(&g, p, len, "Other: ", "Other:  ", "one byte more in an answer");
        refused(&g, p, len, "</main>", "<script>x()</script></main>", "a script added");
        refused(&g, p, len, "content=\"1\"", "content=\"9\"", "an unknown renderer version");
        refused(&g, p, len, "content=\"1\"", "content=\"01\"", "a version that is no number");
        refused(&g, p, len, "name=\"accord-review-months\" content=\"7\"",
                "name=\"accord-review-months\" content=\"70\"", "a review interval out of range");
        refused(&g, p, len, "name=\"accord-program-title\" content=\"Program &lt;b&gt;",
                "name=\"accord-program-title\" content=\"Program <b>", "raw markup in a fact");
        refused(&g, p, len, "name=\"accord-program-title\" content=\"Program &lt;b&gt;",
                "name=\"accord-program-title\" content=\"Program &#60;b&gt;",
                "an entity the writer never writes");
        refused(&g, p, len, "<meta name=\"accord-render\" content=\"1\">",
                "<meta name=\"accord-render\" content=\"1\"><meta name=\"accord-render\" "
                "content=\"1\">",
                "the marker twice");
        refused(&g, p, len, "name=\"accord-mentor-name\"", "name=\"accord-mentor-nam\"",
                "a fact missing");
        size_t n;
        unsigned char *legacy =
            replaced(p, len, "<meta name=\"accord-render\" content=\"1\">", "", &n);
        arena ar = ARENA_INIT;
        agreement_facts f;
        char why[VERR_MAX];
        CHECK(legacy && agreement_page_check(&g.v, legacy, n, &ar, &f, why) == PAGE_LEGACY,
              "a page without the marker is legacy");
        CHECK(agreement_page_check(&g.v, (const unsigned char *)"", 0, &ar, &f, why) == PAGE_LEGACY,
              "an empty page is legacy (no marker)");
        free(legacy);
        /* the view differs: the same page no longer matches */
        g.v.revision = "2";
        g.v.previous = "0000000000000000000000000000000000000000000000000000000000000000";
        CHECK(agreement_page_check(&g.v, p, len, &ar, &f, why) == PAGE_DIFFERS,
              "the page of revision 1 does not match revision 2's META");
        arena_release(&ar);
        free(page);
    }
    arena_release(&g.ar);
    return CHECK_DONE();
}
