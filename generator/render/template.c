/* template.c - pages from a theme template (see impl.h). */
#define _GNU_SOURCE /* memmem */
#include "impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlIO.h>
#include <sodium.h>

static const char *const kind_classes[] = {
    [PAGE_INDEX] = "page-index",
    [PAGE_GUIDE] = "page-guide",
    [PAGE_GUIDE_INDEX] = "page-guide-index",
    [PAGE_KEYS] = "page-keys",
    [PAGE_QUESTIONS] = "page-questions",
    [PAGE_FORM] = "page-form",
    [PAGE_FORM_INDEX] = "page-form-index",
    [PAGE_SAMPLE] = "page-sample",
    [PAGE_COUNTERSIGN] = "page-countersign",
    [PAGE_PRIVATE_INDEX] = "page-private-index",
    [PAGE_REVIEW] = "page-review",
    [PAGE_AGREEMENT] = "page-agreement",
    [PAGE_SIGNING_KIT] = "page-signing-kit",
    [PAGE_PERSONAL] = "page-personal",
};

const char *page_kind_class(page_kind k)
{
    return kind_classes[k];
}

/* Elements whose href/src the browser fetches on its own. */
static int loads_url(const char *el)
{
    static const char *const v[] = {"link",  "script", "img",    "iframe", "source", "audio",
                                    "video", "embed",  "object", "input",  "track",  NULL};
    for (size_t i = 0; v[i]; i++)
        if (!strcasecmp(v[i], el))
            return 1;
    return 0;
}

/* Rewrites the template's own URLs for the page's depth. Returns 1 when n
 * must be removed (it would load from another host). */
static int fix_urls(xmlNodePtr n, const char *prefix)
{
    static const char *const attrs[] = {"href", "src", NULL};
    for (size_t i = 0; attrs[i]; i++) {
        xmlChar *v = xmlGetProp(n, BAD_CAST attrs[i]);
        if (!v)
            continue;
        const char *s = (const char *)v;
        if (loads_url((const char *)n->name) && !url_src_allowed(s)) {
            xmlFree(v);
            return 1;
        }
        if (!url_link_allowed(s)) {
            xmlUnsetProp(n, BAD_CAST attrs[i]);
        } else if (*prefix && url_is_relative_file(s)) {
            size_t need = strlen(prefix) + strlen(s) + 1;
            char *nv = malloc(need);
            if (nv) {
                snprintf(nv, need, "%s%s", prefix, s);
                xmlSetProp(n, BAD_CAST attrs[i], BAD_CAST nv);
                free(nv);
            }
        }
        xmlFree(v);
    }
    return 0;
}

/* Walks the template copy: fixes URLs, finds the slots. */
static void walk(page *p, xmlNodePtr n, xmlNodePtr *title, xmlNodePtr *site_title)
{
    while (n) {
        xmlNodePtr next = n->next;
        if (n->type == XML_ELEMENT_NODE) {
            if (fix_urls(n, p->prefix)) {
                xmlUnlinkNode(n);
                xmlFreeNode(n);
                n = next;
                continue;
            }
            xmlChar *slot = xmlGetProp(n, BAD_CAST "data-slot");
            if (slot) {
                const char *s = (const char *)slot;
                if (!strcmp(s, "title"))
                    *title = n;
                else if (!strcmp(s, "site-title"))
                    *site_title = n;
                else if (!strcmp(s, "nav"))
                    p->nav = n;
                else if (!strcmp(s, "main"))
                    p->main = n;
                else if (!strcmp(s, "footer"))
                    p->footer = n;
                xmlFree(slot);
            }
            if (!strcasecmp((const char *)n->name, "body"))
                p->body = n;
            walk(p, n->children, title, site_title);
        }
        n = next;
    }
}

static void clear(xmlNodePtr n)
{
    while (n->children) {
        xmlNodePtr c = n->children;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
    }
}

/* Makes n the first child of parent; returns n. */
static xmlNodePtr prepend(xmlNodePtr parent, xmlNodePtr n)
{
    return parent->children ? xmlAddPrevSibling(parent->children, n) : xmlAddChild(parent, n);
}

static int is_meta(xmlNodePtr n)
{
    return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, "meta");
}

/* The bytes written are UTF-8: a template without <meta charset> gets one,
 * first in <head>, or browsers reading from file:// may guess otherwise.
 * Returns that meta element. */
static xmlNodePtr ensure_charset(xmlDocPtr doc, xmlNodePtr head)
{
    for (xmlNodePtr n = head->children; n; n = n->next)
        if (is_meta(n) && xmlHasProp(n, BAD_CAST "charset"))
            return n;
    xmlNodePtr charset = xmlNewDocNode(doc, NULL, BAD_CAST "meta", NULL);
    xmlSetProp(charset, BAD_CAST "charset", BAD_CAST "utf-8");
    return prepend(head, charset);
}

/* The one Content-Security-Policy of every page made from a theme: scripts
 * and styles only from the site's own files (no inline script, no style
 * element), images also as data: URLs, scrypt's worker from a blob:, and
 * no connection, form submission or <base> at all. Style attributes are
 * refused but for exactly two values, by hash: the ones Chromium's XML
 * parser puts on the error element it makes when DOMParser reads a
 * malformed file (the pages read people's files with DOMParser); without
 * them each refused file logs a policy violation. A policy the theme's
 * template carries is replaced by this one, so a theme can neither loosen
 * it nor add a second. */
static const char page_csp[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-hashes' 'sha256-ICa0DhwZQJsOd/Rn0N8H6FdQ71GfNL+op2zhAQ+Y4mM=' "
    "'sha256-ZD0chCyBaNHl+4UwQHJIHGoYhKwMeyCXGgJTKW5/67E='; img-src 'self' data:; "
    "connect-src 'none'; worker-src blob:; form-action 'none'; base-uri 'none'";

static int is_csp_meta(xmlNodePtr n)
{
    xmlChar *v = is_meta(n) ? xmlGetProp(n, BAD_CAST "http-equiv") : NULL;
    int yes = v && !strcasecmp((const char *)v, "Content-Security-Policy");
    xmlFree(v);
    return yes;
}

/* Removes every CSP meta below n. */
static void drop_csp(xmlNodePtr n)
{
    while (n) {
        xmlNodePtr next = n->next;
        if (is_csp_meta(n)) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            drop_csp(n->children);
        }
        n = next;
    }
}

/* The head of every page: its <meta charset>, and right after it the
 * policy, the only one of the page. */
static void head_metas(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr head = html_find_el(root, "head");
    if (!head)
        head = prepend(root, xmlNewDocNode(doc, NULL, BAD_CAST "head", NULL));
    drop_csp(root);
    xmlNodePtr csp = xmlNewDocNode(doc, NULL, BAD_CAST "meta", NULL);
    xmlSetProp(csp, BAD_CAST "http-equiv", BAD_CAST "Content-Security-Policy");
    xmlSetProp(csp, BAD_CAST "content", BAD_CAST page_csp);
    xmlAddNextSibling(ensure_charset(doc, head), csp);
}

int page_begin(page *p, const theme *t, page_kind kind, int depth, const char *title,
               const char *site_title)
{
    memset(p, 0, sizeof *p);
    if (depth > PAGE_DEPTH_MAX)
        depth = PAGE_DEPTH_MAX;
    for (int i = 0; i < depth; i++)
        memcpy(p->prefix + 3 * i, "../", 4);
    p->doc = xmlCopyDoc(t->page, 1);
    if (!p->doc)
        return -1;
    /* the names of the elements and attributes added from here on come
     * from a dictionary of the page's own (freed with it) instead of a
     * malloc'd copy each; without one (out of memory) they are copied */
    p->doc->dict = xmlDictCreate();
    xmlNodePtr title_el = NULL, site_el = NULL;
    walk(p, p->doc->children, &title_el, &site_el);
    if (!p->body) { /* theme_load checked; a copy has one too */
        page_discard(p);
        return -1;
    }
    if (!p->main)
        p->main = p->body;
    head_metas(p->doc);
    if (title_el) {
        clear(title_el);
        if (title) {
            size_t need = strlen(title) + strlen(site_title) + 8;
            char *s = malloc(need);
            if (!s) {
                page_discard(p);
                return -1;
            }
            snprintf(s, need, "%s \xe2\x80\x93 %s", title, site_title);
            html_text(title_el, s);
            free(s);
        } else {
            html_text(title_el, site_title);
        }
    }
    if (site_el) {
        clear(site_el);
        html_text(site_el, site_title);
    }
    if (p->main != p->body)
        clear(p->main);
    if (p->nav)
        clear(p->nav);
    if (p->footer)
        clear(p->footer);
    xmlChar *cls = xmlGetProp(p->body, BAD_CAST "class");
    const char *kc = page_kind_class(kind);
    if (cls && *cls) {
        size_t need = strlen((const char *)cls) + strlen(kc) + 2;
        char *s = malloc(need);
        if (s) {
            snprintf(s, need, "%s %s", (const char *)cls, kc);
            html_attr(p->body, "class", s);
            free(s);
        }
    } else {
        html_attr(p->body, "class", kc);
    }
    xmlFree(cls);
    return 0;
}
