/* test_template.c - pages from a theme template: slots, URL prefixes,
 * escaping by construction, DOCTYPE; attribute values set aside as base64;
 * loading themes from a data directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <sodium.h>

#include "check.h"
#include "base.h"
#include "render/impl.h"

static const char tpl[] =
    "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n"
    "<html><head><meta charset=\"utf-8\"><title data-slot=\"title\">T</title>"
    "<link rel=\"stylesheet\" href=\"assets/style.css\">"
    "<link rel=\"stylesheet\" href=\"https://fonts.example.com/f.css\">"
    "<script src=\"//cdn.example.com/x.js\"></script>"
    "<script src=\"assets/form.js\" defer></script></head>"
    "<body class=\"theme\"><a href=\"#main\">skip</a><a href=\"index.html\" "
    "data-slot=\"site-title\">S</a><a href=\"https://example.edu/\">ext</a>"
    "<a href=\"javascript:alert(1)\">bad</a>"
    "<nav data-slot=\"nav\">old nav</nav><main data-slot=\"main\">placeholder</main>"
    "<footer data-slot=\"footer\">old</footer></body></html>";

/* A theme whose page.html is html (free t.page with xmlFreeDoc). */
static theme theme_of(const char *html)
{
    theme t;
    memset(&t, 0, sizeof t);
    t.page = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    return t;
}

static int has(const char *s, const char *needle)
{
    int ok = strstr(s, needle) != NULL;
    if (!ok)
        printf("# missing: %s\n", needle);
    return ok;
}

static void test_page(void)
{
    theme t = theme_of(tpl);
    page p;
    CHECK(page_begin(&p, &t, PAGE_GUIDE, 2, "A <b>&amp; page", "Prog \"x\"") == 0, "page_begin");
    CHECK(p.main && p.nav && p.footer && p.main != p.body, "slots found");
    CHECK(!strcmp(p.prefix, "../../"), "prefix for depth 2");
    xmlNodePtr para = html_el(p.main, "p", "<script>alert(1)</script> &amp;");
    html_attr(para, "title", "\"><img src=x onerror=alert(1)>");
    xmlNodePtr a = render_link(&p, p.main, "forms/x.html", "x");
    xmlChar *href = xmlGetProp(a, BAD_CAST "href");
    CHECK(href && !strcmp((const char *)href, "../../forms/x.html"), "render_link prefixes");
    xmlFree(href);
    unsigned char *out;
    size_t len;
    CHECK(page_finish(&p, &out, &len) == 0, "page_finish");
    const char *s = (const char *)out;
    CHECK(!strncmp(s, "<!DOCTYPE html>\n", 16), "HTML4 DOCTYPE replaced by <!DOCTYPE html>");
    CHECK(strlen(s) == len, "length matches");
    CHECK(has(s, "<title>A &lt;b&gt;&amp;amp; page \xe2\x80\x93 Prog \"x\"</title>"),
          "title slot: escaped text, en dash, program title");
    CHECK(has(s, "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
                 "content=\"default-src 'none'; script-src 'self'; style-src 'self'; "
                 "style-src-attr 'unsafe-hashes' "
                 "'sha256-ICa0DhwZQJsOd/Rn0N8H6FdQ71GfNL+op2zhAQ+Y4mM=' "
                 "'sha256-ZD0chCyBaNHl+4UwQHJIHGoYhKwMeyCXGgJTKW5/67E='; img-src 'self' data:; "
                 "connect-src 'none'; worker-src blob:; "
                 "form-action 'none'; base-uri 'none'\">"),
          "the page policy right after the charset");
    CHECK(has(s, ">Prog \"x\"</a>"), "site-title slot filled");
    CHECK(has(s, "href=\"../../assets/style.css\""), "template stylesheet prefixed");
    CHECK(has(s, "src=\"../../assets/form.js\""), "template script prefixed");
    CHECK(has(s, "href=\"../../index.html\""), "template link prefixed");
    CHECK(has(s, "href=\"#main\""), "fragment not prefixed");
    CHECK(has(s, "href=\"https://example.edu/\""), "external <a> kept");
    CHECK(!strstr(s, "fonts.example.com"), "external stylesheet dropped");
    CHECK(!strstr(s, "cdn.example.com"), "protocol-relative script dropped");
    CHECK(!strstr(s, "javascript:"), "javascript: href removed from the template");
    CHECK(!strstr(s, "data-slot"), "data-slot attributes removed");
    CHECK(!strstr(s, "placeholder") && !strstr(s, "old nav"), "slots emptied");
    CHECK(has(s, "<body class=\"theme page-guide\">"), "body class: theme's plus the kind");
    CHECK(has(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"), "text escaped");
    CHECK(!strstr(s, "<img"), "attribute value cannot open a tag");
    free(out);
    xmlFreeDoc(t.page);
}

static void put(const char *path, const char *s)
{
    FILE *f = fopen(path, "w");
    fputs(s, f);
    fclose(f);
}

/* How payload_page gives its values: to the tree as base64 text, set
 * aside (page_attr_base64), or made as the page is written
 * (page_attr_base64_later with make_value). */
enum { GIVEN, SET_ASIDE, MADE_LATER };

/* The bytes of value i, len of them: i * 7 + k (malloc'd). */
static unsigned char *value_bytes(size_t i, size_t len)
{
    unsigned char *bytes = malloc(len ? len : 1);
    for (size_t k = 0; k < len; k++)
        bytes[k] = (unsigned char)(i * 7 + k);
    return bytes;
}

/* What make_value is given: the values' lengths, which values were made,
 * in the order made, and the one that fails (n for none). */
typedef struct values {
    const size_t *lens;
    size_t n, made[16], n_made, fails;
} values;

static int make_value(void *ctx, size_t which, unsigned char **bytes, size_t *len)
{
    values *v = ctx;
    v->made[v->n_made++] = which;
    if (which == v->fails)
        return -1;
    *len = v->lens[which];
    *bytes = value_bytes(which, *len);
    return 0;
}

/* A page of template with, in main, a div per value in v, each given as
 * how says; serialized whole, or its main alone. Returns what page_finish
 * (page_main_html) returned; *out malloc'd when 0. */
static int payload_page(const char *template, values *v, int how, int main_only,
                        unsigned char **out, size_t *len)
{
    theme t = theme_of(template);
    page p;
    int rc = page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S");
    for (size_t i = 0; rc == 0 && i < v->n; i++) {
        xmlNodePtr div = html_elc(p.main, "div", "sealed-page", NULL);
        html_attr(div, "data-page", "x.html");
        if (how == MADE_LATER) {
            rc = page_attr_base64_later(&p, div, "data-sealed", make_value, v, i);
            continue;
        }
        unsigned char *bytes = value_bytes(i, v->lens[i]);
        if (how == GIVEN) {
            size_t b64 = sodium_base64_ENCODED_LEN(v->lens[i], sodium_base64_VARIANT_ORIGINAL);
            char *text = malloc(b64);
            sodium_bin2base64(text, b64, bytes, v->lens[i], sodium_base64_VARIANT_ORIGINAL);
            html_attr(div, "data-sealed", text);
            free(text);
            free(bytes);
        } else {
            rc = page_attr_base64(&p, div, "data-sealed", bytes, v->lens[i]);
        }
    }
    if (rc == 0 && main_only) {
        rc = page_main_html(&p, out, len);
        page_discard(&p);
    } else if (rc == 0) {
        rc = page_finish(&p, out, len);
    } else {
        page_discard(&p);
    }
    xmlFreeDoc(t.page);
    return rc;
}

static void test_payloads(void)
{
    /* the theme itself holds a data-sealed attribute and text like a placeholder */
    static const char odd[] =
        "<html><body><p data-sealed=\"\">0123456789abcdef0123456789abcdef</p>"
        "<main data-slot=\"main\"></main><footer data-sealed=\"x\">f</footer></body></html>";
    static const size_t lens[] = {0, 1, 2, 3, 4, 100, 3 * 16384 + 1, 3 * 1024 * 1024 + 1};
    const size_t n = sizeof lens / sizeof *lens;
    const char *templates[] = {tpl, odd};
    for (int t = 0; t < 2; t++)
        for (int main_only = 0; main_only < 2; main_only++) {
            unsigned char *a = NULL, *b = NULL, *c = NULL;
            size_t alen = 0, blen = 0, clen = 0;
            values v = {.lens = lens, .n = n, .fails = n};
            int ra = payload_page(templates[t], &v, GIVEN, main_only, &a, &alen);
            int rb = payload_page(templates[t], &v, SET_ASIDE, main_only, &b, &blen);
            int rc = payload_page(templates[t], &v, MADE_LATER, main_only, &c, &clen);
            char what[160];
            snprintf(what, sizeof what,
                     "template %d, %s: values set aside serialize as the tree would write them",
                     t + 1, main_only ? "main alone" : "whole page");
            CHECK(ra == 0 && rb == 0 && alen == blen && !memcmp(a, b, alen) && a[alen] == 0, what);
            snprintf(what, sizeof what,
                     "template %d, %s: values made as the page is written, each once, in "
                     "order, serialize as the tree would write them",
                     t + 1, main_only ? "main alone" : "whole page");
            int in_order = v.n_made == n;
            for (size_t i = 0; in_order && i < n; i++)
                in_order = v.made[i] == i;
            CHECK(ra == 0 && rc == 0 && in_order && alen == clen && !memcmp(a, c, alen), what);
            free(a);
            free(b);
            free(c);
            v = (values){.lens = lens, .n = n, .fails = 2};
            CHECK(payload_page(templates[t], &v, MADE_LATER, main_only, &c, &clen) != 0 &&
                      v.n_made == 3,
                  "a value that cannot be made fails the page, and nothing after it is made");
        }

    /* placeholders out of order, or outside what is serialized: a failure, never a wrong page */
    theme t = theme_of(tpl);
    page p;
    unsigned char *out = NULL;
    size_t len = 0;
    CHECK(page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S") == 0, "page_begin");
    xmlNodePtr first = html_el(p.main, "div", NULL), second = html_el(p.main, "div", NULL);
    CHECK(page_attr_base64(&p, second, "data-a", (unsigned char *)strdup("ab"), 2) == 0 &&
              page_attr_base64(&p, first, "data-b", (unsigned char *)strdup("cd"), 2) == 0,
          "two values set aside, the second before the first in the page");
    CHECK(page_finish(&p, &out, &len) != 0 && p.doc == NULL,
          "placeholders out of order: the page fails to serialize (and is freed)");
    CHECK(page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S") == 0, "page_begin");
    first = html_el(p.main, "div", NULL);
    CHECK(page_attr_base64(&p, first, "data-a", (unsigned char *)strdup("ab"), 2) == 0,
          "a value set aside");
    xmlAddChild(p.main, xmlCopyNode(first, 1));
    CHECK(page_finish(&p, &out, &len) != 0, "a placeholder copied: the page fails to serialize");
    CHECK(page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S") == 0, "page_begin");
    first = html_el(p.main, "div", NULL);
    CHECK(page_attr_base64(&p, first, "data-a", (unsigned char *)strdup("ab"), 2) == 0,
          "a value set aside");
    xmlUnlinkNode(first);
    xmlFreeNode(first);
    CHECK(page_finish(&p, &out, &len) != 0, "a placeholder missing: the page fails to serialize");
    CHECK(page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S") == 0, "page_begin again");
    CHECK(page_attr_base64(&p, p.footer, "data-c", (unsigned char *)strdup("ef"), 2) == 0,
          "a value set aside in the footer");
    CHECK(page_main_html(&p, &out, &len) != 0,
          "the main alone, without the footer's placeholder, fails to serialize");
    page_discard(&p);
    xmlFreeDoc(t.page);
}

/* Appends to parent item k of a list of kind kind: table rows with cells,
 * list items with inline elements and text, paragraphs of <pre> or <p>
 * children, or a mix of elements and text (a text item every third). */
static xmlNodePtr list_item(xmlNodePtr parent, int kind, int k)
{
    char s[64];
    snprintf(s, sizeof s, "item %d <&> \"%d\"", k, k);
    switch (kind) {
    case 0: {
        xmlNodePtr tr = html_el(parent, "tr", NULL);
        html_attr(tr, "data-k", s);
        html_el(html_el(tr, "th", NULL), "span", s);
        xmlNodePtr td = html_el(tr, "td", s);
        html_el(td, "br", NULL);
        html_link(td, "x.html", "link");
        return tr;
    }
    case 1: {
        xmlNodePtr li = html_el(parent, "li", NULL);
        html_el(li, "strong", s);
        html_text(li, " (");
        html_link(li, "mailto:a@b", "a@b");
        html_text(li, "): ");
        return li;
    }
    case 2:
        return html_el(parent, k % 2 ? "pre" : "p", s);
    default:
        return k % 3 == 2 ? xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST s))
                          : html_el(parent, "div", s);
    }
}

static int list_children; /* list_page's parent's children, before serialization */

/* A page of a list of n items of kind, in a parent named pname inside
 * main, folded (page_list) or not; serialized whole or main alone. */
static int list_page(int kind, const char *pname, int n, int fold, int main_only,
                     unsigned char **out, size_t *len)
{
    theme t = theme_of(tpl);
    page p;
    int rc = page_begin(&p, &t, PAGE_PERSONAL, 1, "P", "S");
    xmlNodePtr before = html_el(p.main, "h2", "before");
    xmlNodePtr parent = html_el(p.main, pname, NULL);
    unsigned char *bytes = (unsigned char *)strdup("xyz");
    rc |= page_attr_base64(&p, before, "data-first", bytes, 3);
    page_list l = {0};
    for (int k = 0; k < n && rc == 0; k++) {
        xmlNodePtr item = list_item(parent, kind, k);
        if (fold)
            rc |= page_list_add(&p, &l, item);
    }
    if (fold)
        rc |= page_list_end(&p, &l);
    list_children = 0;
    for (xmlNodePtr c = parent->children; c; c = c->next)
        list_children++;
    html_el(p.main, "p", "after");
    if (main_only) {
        rc |= page_main_html(&p, out, len);
        page_discard(&p);
    } else {
        rc |= page_finish(&p, out, len);
    }
    xmlFreeDoc(t.page);
    return rc;
}

/* Begins page p from t with a list of four items and folds the last three:
 * the placeholder left after the first, or NULL when that failed. */
static xmlNodePtr folded_list(page *p, const theme *t)
{
    if (page_begin(p, t, PAGE_PERSONAL, 1, "P", "S") != 0)
        return NULL;
    xmlNodePtr ul = html_el(p->main, "ul", NULL);
    for (int k = 0; k < 4; k++)
        list_item(ul, 1, k);
    return page_fold(p, ul->children->next, ul->last) == 0 ? ul->children->next : NULL;
}

static void test_folds(void)
{
    static const char *const parents[] = {"tbody", "ul", "div", "p", "pre"};
    static const int sizes[] = {0, 1, 2, 31, 32, 33, 64, 65, 500};
    int same = 1, folded = 0;
    for (int kind = 0; kind < 4; kind++)
        for (size_t pi = 0; pi < sizeof parents / sizeof *parents; pi++)
            for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++)
                for (int main_only = 0; main_only < 2; main_only++) {
                    unsigned char *a = NULL, *b = NULL;
                    size_t alen = 0, blen = 0;
                    int ra = list_page(kind, parents[pi], sizes[si], 0, main_only, &a, &alen);
                    int rb = list_page(kind, parents[pi], sizes[si], 1, main_only, &b, &blen);
                    if (ra || rb || alen != blen || memcmp(a, b, alen) || b[blen]) {
                        same = 0;
                        printf("# differs: kind %d in <%s>, %d items, %s\n", kind, parents[pi],
                               sizes[si], main_only ? "main" : "page");
                    }
                    /* 500 rows: the first, and 16 placeholders of up to 32 */
                    folded += sizes[si] == 500 && kind == 0 && list_children == 17 &&
                              !strstr((char *)b, "<!--");
                    free(a);
                    free(b);
                }
    CHECK(same, "lists folded as they grow serialize byte for byte as their trees would");
    CHECK(folded == 10, "a list of 500 is held as 16 placeholders, none left in the page");

    /* a fold's placeholder that went missing fails the page */
    theme t = theme_of(tpl);
    page p;
    unsigned char *out = NULL;
    size_t len = 0;
    xmlNodePtr mark = folded_list(&p, &t);
    CHECK(mark && mark->type == XML_COMMENT_NODE && mark->next == NULL,
          "three items folded into one placeholder after the first");
    xmlUnlinkNode(mark);
    xmlFreeNode(mark);
    CHECK(page_finish(&p, &out, &len) != 0 && p.doc == NULL,
          "its placeholder removed: the page fails to serialize");
    mark = folded_list(&p, &t);
    CHECK(mark != NULL, "folded again");
    xmlNodeSetContent(mark, BAD_CAST "a comment of the theme's");
    xmlAddChild(p.main, xmlNewDocComment(p.doc, BAD_CAST "moved"));
    CHECK(page_finish(&p, &out, &len) != 0, "its placeholder changed: the page fails");
    xmlFreeDoc(t.page);
}

static void test_theme_load(void)
{
    char dir[] = "/tmp/accord-theme-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0, "mkdtemp");
        return;
    }
    char p[256];
    snprintf(p, sizeof p, "%s/themes/t1/sub", dir);
    make_dirs(p);
    snprintf(p, sizeof p, "%s/themes/t1/page.html", dir);
    put(p, "<html><body><main data-slot=\"main\"></main></body></html>");
    snprintf(p, sizeof p, "%s/themes/t1/z.css", dir);
    put(p, "z");
    snprintf(p, sizeof p, "%s/themes/t1/a.js", dir);
    put(p, "a");
    snprintf(p, sizeof p, "%s/themes/t1/.hidden", dir);
    put(p, "h");
    snprintf(p, sizeof p, "%s/themes/nomain", dir);
    make_dirs(p);
    snprintf(p, sizeof p, "%s/themes/nomain/page.html", dir);
    put(p, "<html><body><p>x</p></body></html>");
    setenv("ACCORD_DATADIR", dir, 1);

    diag d = DIAG_INIT;
    theme *t = theme_open("t1", "program.xml", &d);
    CHECK(t && d.errors == 0, "theme loads");
    CHECK(t && t->n_assets == 2 && !strcmp(t->assets[0], "a.js") && !strcmp(t->assets[1], "z.css"),
          "assets: sorted files, no page.html, dot files or folders");
    theme_close(t);
    diag d2 = DIAG_INIT;
    CHECK(!theme_open("nope", "program.xml", &d2) && d2.errors == 1,
          "unknown theme is an error in the content");
    diag d3 = DIAG_INIT;
    CHECK(!theme_open("../t1", "program.xml", &d3) && d3.errors == 1,
          "a theme name cannot climb out of themes/");
    diag d4 = DIAG_INIT;
    CHECK(!theme_open("nomain", "program.xml", &d4) && d4.errors == 1,
          "a template without a main slot is refused");
    remove_tree(dir);
}

int main(void)
{
    test_page();
    test_payloads();
    test_folds();
    test_theme_load();
    return CHECK_DONE();
}
