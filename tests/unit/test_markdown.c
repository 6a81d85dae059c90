/* test_markdown.c - Markdown rendering and sanitizing, the URL allowlist. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "check.h"
#include "render/impl.h"
#include "content.h"

/* Renders md and returns the serialized children of the holder without
 * newlines (malloc'd), or NULL when markdown_render failed. */
static char *render(const char *md, char **title, diag *d)
{
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
    xmlDocSetRootElement(doc, div);
    if (markdown_render(div, "test.md", md, strlen(md), title, d) != 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    xmlBufferPtr b = xmlBufferCreate();
    for (xmlNodePtr c = div->children; c; c = c->next)
        htmlNodeDump(b, doc, c);
    /* cmark puts a newline after each block: left out to compare */
    const char *src = (const char *)xmlBufferContent(b);
    char *s = malloc(strlen(src) + 1), *o = s;
    for (; *src; src++)
        if (*src != '\n')
            *o++ = *src;
    *o = '\0';
    xmlBufferFree(b);
    xmlFreeDoc(doc);
    return s;
}

static int renders_to(const char *md, const char *want)
{
    diag d = DIAG_INIT;
    char *got = render(md, NULL, &d);
    int ok = got && !strcmp(got, want);
    if (!ok)
        printf("# markdown: %s\n# got:  %s\n# want: %s\n", md, got ? got : "(null)", want);
    free(got);
    return ok;
}

static int contains(const char *md, const char *needle)
{
    diag d = DIAG_INIT;
    char *got = render(md, NULL, &d);
    int ok = got && strstr(got, needle);
    free(got);
    return ok != 0;
}

static void test_urls(void)
{
    CHECK(url_link_allowed("https://example.edu/x"), "https link allowed");
    CHECK(url_link_allowed("HTTP://example.edu"), "scheme case-insensitive");
    CHECK(url_link_allowed("mailto:a@example.edu"), "mailto allowed");
    CHECK(url_link_allowed("page.html"), "relative link allowed");
    CHECK(url_link_allowed("../index.html#top"), "relative link with fragment");
    CHECK(url_link_allowed("#top"), "fragment allowed");
    CHECK(url_link_allowed("a/b:c"), "colon after a slash is a path");
    CHECK(!url_link_allowed("javascript:alert(1)"), "javascript refused");
    CHECK(!url_link_allowed("JaVaScRiPt:alert(1)"), "javascript in any case refused");
    CHECK(!url_link_allowed("java\tscript:alert(1)"), "tab inside the scheme refused");
    CHECK(!url_link_allowed(" javascript:alert(1)"), "leading space refused");
    CHECK(!url_link_allowed("vbscript:x"), "vbscript refused");
    CHECK(!url_link_allowed("data:text/html,x"), "data refused");
    CHECK(!url_link_allowed("file:///etc/passwd"), "file refused");
    CHECK(!url_link_allowed("//evil.example/"), "protocol-relative refused");
    CHECK(!url_link_allowed("\\\\evil.example\\x"), "backslashes refused");
    CHECK(!url_link_allowed(":x"), "empty scheme refused");
    CHECK(!url_link_allowed("a b:c"), "odd scheme characters refused");
    CHECK(url_src_allowed("pic.png") && url_src_allowed("img/pic.png"), "relative src allowed");
    CHECK(!url_src_allowed("https://example.edu/x.png"), "remote src refused");
    CHECK(!url_src_allowed("/x.png"), "absolute path src refused");
    CHECK(!url_src_allowed("//evil.example/x.png"), "protocol-relative src refused");
    CHECK(!url_src_allowed("data:image/png;base64,AAAA"), "data src refused");
    CHECK(!url_src_allowed("%5Cevil.example%5Cx.png"), "encoded backslash src refused");
    CHECK(!url_src_allowed(""), "empty src refused");
    CHECK(url_is_relative_file("assets/x.css") && !url_is_relative_file("#main"),
          "relative file vs fragment");
}

static void test_render(void)
{
    CHECK(renders_to("Hello *world*", "<p>Hello <em>world</em></p>"), "paragraph and emphasis");
    CHECK(renders_to("a\n\n- b\n\nc", "<p>a</p><ul><li>b</li></ul><p>c</p>"),
          "blocks are siblings, not nested in a <p>");
    CHECK(renders_to("<script>alert(1)</script>", ""), "raw script block dropped");
    CHECK(renders_to("x <script>alert(1)</script>", "<p>x alert(1)</p>"),
          "inline script tags dropped, text inert");
    CHECK(renders_to("[x](javascript:alert(1))", "<p><a>x</a></p>"), "javascript link loses href");
    CHECK(renders_to("[x](JAVASCRIPT:alert(1))", "<p><a>x</a></p>"), "upper-case javascript too");
    CHECK(renders_to("<javascript:alert(1)>", "<p><a>javascript:alert(1)</a></p>"),
          "autolink with javascript loses href");
    CHECK(renders_to("[x](https://example.edu/)", "<p><a href=\"https://example.edu/\">x</a></p>"),
          "https link kept");
    CHECK(renders_to("[x](page.html)", "<p><a href=\"page.html\">x</a></p>"),
          "relative link kept as is");
    CHECK(renders_to("![alt](https://evil.example/x.png)", "<p>alt</p>"),
          "remote image becomes its alt text");
    CHECK(renders_to("![alt](data:image/png;base64,AAAA)", "<p>alt</p>"),
          "data: image (kept by cmark) removed");
    CHECK(renders_to("![alt](//evil.example/x.png)", "<p>alt</p>"),
          "protocol-relative image removed");
    CHECK(renders_to("![alt](pic.png)", "<p><img src=\"pic.png\" alt=\"alt\"></p>"),
          "relative image kept");
    CHECK(renders_to("<div onclick=\"alert(1)\">x</div>", ""), "raw HTML block dropped");
    CHECK(renders_to("a <img src=x onerror=alert(1)> b", "<p>a  b</p>"), "raw inline HTML dropped");
    CHECK(contains("| a | b |\n|---|---|\n| 1 | 2 |", "<td>2</td>"), "tables extension");
    CHECK(contains("~~gone~~", "<del>gone</del>"), "strikethrough extension");
    CHECK(contains("see https://example.edu/x", "<a href=\"https://example.edu/x\">"),
          "autolink extension");
    CHECK(contains("- [x] done", "aria-label=\"done\""), "tasklist extension, named box");
    CHECK(!contains("- [x] done", "<input"), "no input elements from task lists");
    CHECK(renders_to("", ""), "empty input");
    CHECK(contains("a\xff b", "a\xef\xbf\xbd b"), "invalid UTF-8 replaced");
}

static void test_title(void)
{
    diag d = DIAG_INIT;
    char *t = NULL;
    char *html = render("intro\n\n# The *title*\n\n# Second", &t, &d);
    CHECK(t && !strcmp(t, "The title"), "cmark title: first level-1 heading, plain text");
    free(t);
    free(html);
    char *m = markdown_heading("```\n# not this\n```\n# Title ##  \n", 31);
    CHECK(m && !strcmp(m, "Title"), "markdown_heading skips fences and closing hashes");
    free(m);
    m = markdown_heading("## Two\n#NoSpace\n", 16);
    CHECK(m == NULL, "markdown_heading: no level-1 heading");
    free(m);
    const char *c = "   # Indented # C#\n";
    m = markdown_heading(c, strlen(c));
    CHECK(m && !strcmp(m, "Indented # C#"), "markdown_heading keeps inner hashes");
    free(m);
    const char *setext = "Set *Text* title\n================\n\nBody.\n";
    m = markdown_heading(setext, strlen(setext));
    CHECK(m && !strcmp(m, "Set Text title"),
          "markdown_heading reads a setext heading as cmark does");
    free(m);
}

static void test_limits(void)
{
    diag d = DIAG_INIT;
    size_t n = MARKDOWN_MAX + 1;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    CHECK(markdown_check("big.md", big, n, &d) == -1 && d.errors == 1, "over MARKDOWN_MAX refused");
    CHECK(markdown_check("ok.md", big, MARKDOWN_MAX, &d) == 0, "MARKDOWN_MAX itself allowed");
    char *r = render(big, NULL, &d);
    CHECK(r == NULL, "markdown_render refuses an input over the limit");
    free(big);
    char wide[MARKDOWN_PIPES_PER_LINE_MAX + 10];
    memset(wide, '|', sizeof wide - 1);
    wide[sizeof wide - 1] = '\0';
    diag d2 = DIAG_INIT;
    CHECK(markdown_check("wide.md", wide, strlen(wide), &d2) == -1 && d2.errors == 1,
          "too many '|' on a line refused");
    char ok[2 * MARKDOWN_PIPES_PER_LINE_MAX + 2];
    memset(ok, '|', sizeof ok - 1);
    ok[MARKDOWN_PIPES_PER_LINE_MAX] = '\n';
    ok[sizeof ok - 1] = '\0';
    CHECK(markdown_check("ok.md", ok, strlen(ok), &d2) == 0, "the '|' limit is per line");
}

/* Rendered fragments are kept and reused: the same text gives the same
 * nodes every time, from the cache too; another text never gets them; and
 * a page with a title is rendered afresh each time. */
static void test_reuse(void)
{
    diag d = DIAG_INIT;
    const char *md = "Help with *emphasis* and [a link](guide/index.html).";
    char *first = render(md, NULL, &d), *again = render(md, NULL, &d);
    CHECK(first && again && !strcmp(first, again), "the same Markdown renders the same twice");
    char *other = render("Help with *emphasis* and [a link](guide/other.html).", NULL, &d);
    CHECK(other && strstr(other, "other.html") && !strstr(other, "index.html"),
          "a text that differs by a few bytes is not given the kept fragment");
    char *title = NULL, *body = render("# Title\n\nBody", &title, &d);
    char *title2 = NULL, *body2 = render("# Title\n\nBody", &title2, &d);
    CHECK(title && title2 && !strcmp(title, "Title") && !strcmp(title2, "Title") && body && body2 &&
              !strcmp(body, body2),
          "a page rendered with its title twice gets its title both times");
    free(first);
    free(again);
    free(other);
    free(title);
    free(title2);
    free(body);
    free(body2);
    /* past the cache's room, fragments are still rendered (afresh) */
    int all = 1;
    for (int i = 0; i < 5000 && all; i++) {
        char text[64], want[80];
        snprintf(text, sizeof text, "Item %d", i);
        snprintf(want, sizeof want, "<p>Item %d</p>", i);
        all = renders_to(text, want) && renders_to(text, want);
    }
    CHECK(all, "5,000 distinct fragments, each twice, render right (more than are kept)");
}

int main(void)
{
    render_init();
    test_reuse();
    test_urls();
    test_render();
    test_title();
    test_limits();
    return CHECK_DONE();
}
