/* raw_cmark.c - the bench's floor for page rendering: raw_cmark FILE N
 * renders the Markdown document FILE to HTML N times with the cmark-gfm
 * library alone (the options and extensions accord's Markdown uses: table,
 * strikethrough, autolink, tasklist), and prints the pages rendered per
 * CPU-second of this process. Exit status 1 when FILE cannot be read or a
 * render fails, 2 on a usage error. */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

/* FILE's bytes (malloc'd) and their count in *len, or NULL. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger)
            free(buf);
        buf = bigger;
    }
    if (ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* One page: parse and render md; the HTML's length, or 0 on failure. */
static size_t render(const char *md, size_t len)
{
    int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    cmark_parser *p = cmark_parser_new(opts);
    if (!p)
        return 0;
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    char *html = doc ? cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p)) : NULL;
    size_t out = html ? strlen(html) : 0;
    free(html);
    cmark_node_free(doc);
    cmark_parser_free(p);
    return out;
}

int main(int argc, char **argv)
{
    long n = argc == 3 ? atol(argv[2]) : 0;
    if (n < 1) {
        fprintf(stderr, "usage: raw_cmark FILE N\n");
        return 2;
    }
    size_t len;
    char *md = read_all(argv[1], &len);
    if (!md) {
        perror(argv[1]);
        return 1;
    }
    cmark_gfm_core_extensions_ensure_registered();
    struct timespec a, b;
    int bad = 0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    for (long i = 0; i < n; i++)
        bad += render(md, len) == 0;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%.0f\n", n / s);
    free(md);
    return bad != 0;
}
