/* agreement_page.c - the renderer versions, the facts a page carries, and
 * the check that binds a bundle's agreement.html to its answers (see
 * agreement_page.h). */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

typedef int (*renderer_fn)(const agreement_view *, const agreement_facts *, const page_site *,
                           sbuf *, char *);

/* Every renderer version ever released, by version number (index + 1). */
static const renderer_fn renderers[] = {agreement_page_v1};
#define N_RENDERERS (sizeof renderers / sizeof *renderers)

_Static_assert(N_RENDERERS == AGREEMENT_PAGE_VERSION, "one renderer per version");

/* A fact must be what people.xml or program.xml could hold: 1 to LABEL_MAX
 * characters of printable UTF-8. */
static int fact_ok(const char *s)
{
    return s && *s && vu_printable_utf8((const unsigned char *)s, strlen(s)) &&
           utf8_chars(s) <= LABEL_MAX;
}

static int facts_ok(const agreement_facts *f, char *why)
{
    if (!fact_ok(f->program_title) || !fact_ok(f->mentee_name) || !fact_ok(f->mentor_name)) {
        verr(why, "a name or title is empty, not plain text, or longer than %d characters",
             LABEL_MAX);
        return 0;
    }
    if (f->review_months < REVIEW_MONTHS_MIN || f->review_months > REVIEW_MONTHS_MAX) {
        verr(why, "the review interval %d is not %d to %d months", f->review_months,
             REVIEW_MONTHS_MIN, REVIEW_MONTHS_MAX);
        return 0;
    }
    return 1;
}

static int render(int version, const agreement_view *v, const agreement_facts *f,
                  const page_site *site, unsigned char **out, size_t *len, char *why)
{
    sbuf b = SBUF_INIT;
    if (version < 1 || (size_t)version > N_RENDERERS) {
        verr(why, "agreement page renderer version %d is not known to this accord", version);
        return -1;
    }
    if (!facts_ok(f, why))
        return -1;
    if (renderers[version - 1](v, f, site, &b, why)) {
        sb_release(&b);
        return -1;
    }
    *out = (unsigned char *)sb_take(&b, len);
    return 0;
}

int agreement_page_make(int version, const agreement_view *v, const agreement_facts *f,
                        unsigned char **out, size_t *len, char *why)
{
    return render(version, v, f, NULL, out, len, why);
}

int agreement_page_make_current(const agreement_view *v, const agreement_facts *f,
                                unsigned char **out, size_t *len, char *why)
{
    return render(AGREEMENT_PAGE_VERSION, v, f, NULL, out, len, why);
}

int agreement_page_site(const agreement_view *v, const agreement_facts *f, const page_site *s,
                        unsigned char **out, size_t *len, char *why)
{
    return render(AGREEMENT_PAGE_VERSION, v, f, s, out, len, why);
}

/* The facts a page's head names, as read back. */
typedef struct head_facts {
    char *v[5]; /* by the index of fact_names; malloc'd */
} head_facts;

static const char *const fact_names[] = {"accord-render", "accord-program-title",
                                         "accord-mentee-name", "accord-mentor-name",
                                         "accord-review-months"};
enum { N_FACTS = sizeof fact_names / sizeof *fact_names };

static void head_facts_release(head_facts *h)
{
    for (int i = 0; i < N_FACTS; i++)
        free(h->v[i]);
}

static const char *find(const char *s, const char *end, const char *what)
{
    size_t n = strlen(what);
    for (; s && (size_t)(end - s) >= n; s++) {
        s = memchr(s, what[0], (size_t)(end - s));
        if (!s || (size_t)(end - s) < n)
            return NULL;
        if (!memcmp(s, what, n))
            return s;
    }
    return NULL;
}

/* Reads every <meta name="accord-..." content="..."> of the head (before
 * the first "</head>"). Returns 0, or -1 with why set (a name twice, a
 * value that hw_attr could not have written, a value too long). Facts that
 * are absent stay NULL. */
static int read_head(const unsigned char *html, size_t len, head_facts *h, char *why)
{
    const char *s = (const char *)html, *end = find(s, s + len, "</head>");
    static const char lead[] = "<meta name=\"accord-", mid[] = "\" content=\"";
    memset(h, 0, sizeof *h);
    if (!end)
        return 0; /* no head: no marker, a legacy page (or not a page at all) */
    for (const char *p = find(s, end, lead); p; p = find(p + 1, end, lead)) {
        const char *name = p + sizeof "<meta name=\"" - 1,
                   *name_end = memchr(name, '"', (size_t)(end - name));
        const char *value, *value_end;
        int k = 0;
        if (!name_end || (size_t)(end - name_end) < sizeof mid - 1 ||
            memcmp(name_end, mid, sizeof mid - 1))
            goto bad;
        value = name_end + sizeof mid - 1;
        value_end = memchr(value, '"', (size_t)(end - value));
        if (!value_end || (size_t)(value_end - value) > AGREEMENT_FACT_MAX)
            goto bad;
        while (k < N_FACTS && ((size_t)(name_end - name) != strlen(fact_names[k]) ||
                               memcmp(name, fact_names[k], (size_t)(name_end - name))))
            k++;
        if (k == N_FACTS)
            continue; /* not a fact of any renderer: the comparison decides */
        if (h->v[k]) {
            verr(why, "its agreement.html names %s twice", fact_names[k]);
            return -1;
        }
        h->v[k] = hw_unescape(value, (size_t)(value_end - value));
        if (!h->v[k])
            goto bad;
    }
    return 0;
bad:
    verr(why, "its agreement.html has a malformed accord fact in its head");
    return -1;
}

/* Parses a small decimal number ("1", "12"); -1 when it is not one. */
static int small_number(const char *s)
{
    int n = 0;
    if (!s || !*s || *s == '0' || strlen(s) > 4)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        n = n * 10 + (*s - '0');
    }
    return n;
}

page_binding agreement_page_check(const agreement_view *v, const unsigned char *html, size_t len,
                                  arena *ar, agreement_facts *facts, char *why)
{
    head_facts h;
    agreement_facts f;
    unsigned char *want = NULL;
    size_t want_len = 0, at = 0;
    int version;
    page_binding rc = PAGE_DIFFERS;
    if (read_head(html, len, &h, why)) {
        head_facts_release(&h);
        return PAGE_DIFFERS;
    }
    if (!h.v[0]) {
        head_facts_release(&h);
        return PAGE_LEGACY;
    }
    version = small_number(h.v[0]);
    f.program_title = h.v[1];
    f.mentee_name = h.v[2];
    f.mentor_name = h.v[3];
    f.review_months = small_number(h.v[4]);
    if (version < 1) {
        verr(why, "its agreement.html names no valid renderer version");
    } else if (render(version, v, &f, NULL, &want, &want_len, why) == 0) {
        while (at < want_len && at < len && want[at] == html[at])
            at++;
        if (at == want_len && at == len) {
            rc = PAGE_BOUND;
            facts->program_title = arena_strdup(ar, f.program_title);
            facts->mentee_name = arena_strdup(ar, f.mentee_name);
            facts->mentor_name = arena_strdup(ar, f.mentor_name);
            facts->review_months = f.review_months;
        } else {
            verr(why,
                 "its agreement.html is not the page renderer %d makes from its signed answers "
                 "(they differ from byte %zu on)",
                 version, at);
        }
        free(want);
    } else {
        char inner[VERR_MAX];
        snprintf(inner, sizeof inner, "%s", why);
        verr(why, "its agreement.html cannot be checked: %s", inner);
    }
    head_facts_release(&h);
    return rc;
}

const page_binder agreement_pages = {agreement_page_make_current, agreement_page_check};
