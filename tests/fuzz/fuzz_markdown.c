/* fuzz_markdown.c - libFuzzer target: Markdown through cmark-gfm, the
 * libxml2 re-parse and the sanitizer (markdown.c), plus the cheap title scan.
 * Inputs over the limits must be refused quickly; anything within them must
 * render without a crash, a leak, or an element or URL the allowlist bans.
 *
 * Build: tests/fuzz/build.sh. Run with -close_fd_mask=2. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "render/impl.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a finding) when the sanitized tree holds anything the allowlist
 * should have removed. */
static void audit(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "iframe") ||
            !strcmp(name, "form") || !strcmp(name, "input"))
            abort();
        for (xmlAttrPtr a = n->properties; a; a = a->next)
            if (!strncmp((const char *)a->name, "on", 2))
                abort();
        xmlChar *href = xmlGetProp(n, BAD_CAST "href");
        if (href && !url_link_allowed((const char *)href))
            abort();
        xmlFree(href);
        xmlChar *src = xmlGetProp(n, BAD_CAST "src");
        if (src && !url_src_allowed((const char *)src))
            abort();
        xmlFree(src);
        audit(n->children);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        render_init();
        ready = 1;
    }
    free(markdown_heading((const char *)data, size));
    xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
    xmlDocSetRootElement(doc, div);
    diag d = DIAG_INIT;
    char *title = NULL;
    if (markdown_render(div, "fuzz.md", (const char *)data, size, &title, &d) == 0)
        audit(div->children);
    free(title);
    xmlFreeDoc(doc);
    return 0;
}
