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

static void strip_slots(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlUnsetProp(n, BAD_CAST "data-slot");
        strip_slots(n->children);
    }
}

/* A placeholder: the page's token and the payload's number, 8 hex digits. */
enum { PLACEHOLDER_LEN = PAGE_TOKEN_HEX + 8 };

/* Writes payload i's placeholder of page p into out (i below 2^32: a page
 * holds a few dozen). */
_Static_assert(PAGE_TOKEN_HEX == 32, "placeholder_of's format names the token's length");
static void placeholder_of(const page *p, size_t i, char out[PLACEHOLDER_LEN + 1])
{
    snprintf(out, PLACEHOLDER_LEN + 1, "%.32s%08x", p->token, (unsigned)i);
}

/* One value set aside (bytes malloc'd, the page's): an attribute's bytes,
 * written as base64 (page_attr_base64), or markup written as it is in
 * place of a comment (page_fold). */
struct page_payload {
    unsigned char *bytes;
    size_t len;
    int markup;
};

void page_discard(page *p)
{
    if (p->doc)
        xmlFreeDoc(p->doc);
    for (size_t i = 0; i < p->n_payloads; i++)
        free(p->payloads[i].bytes);
    free(p->payloads);
    memset(p, 0, sizeof *p);
}

/* Adds bytes (malloc'd, taken over whatever the result) as p's next
 * payload and writes its placeholder into out. 0, or -1 when out of
 * memory. */
static int add_payload(page *p, unsigned char *bytes, size_t len, int markup,
                       char out[PLACEHOLDER_LEN + 1])
{
    if (p->n_payloads == p->cap_payloads) {
        size_t cap = p->cap_payloads ? 2 * p->cap_payloads : 8;
        struct page_payload *v = realloc(p->payloads, cap * sizeof *v);
        if (!v) {
            free(bytes);
            return -1;
        }
        p->payloads = v;
        p->cap_payloads = cap;
    }
    if (!p->token[0]) {
        unsigned char r[PAGE_TOKEN_HEX / 2];
        randombytes_buf(r, sizeof r);
        sodium_bin2hex(p->token, sizeof p->token, r, sizeof r);
    }
    placeholder_of(p, p->n_payloads, out);
    p->payloads[p->n_payloads++] = (struct page_payload){bytes, len, markup};
    return 0;
}

int page_attr_base64(page *p, xmlNodePtr el, const char *name, unsigned char *bytes, size_t len)
{
    char placeholder[PLACEHOLDER_LEN + 1];
    if (add_payload(p, bytes, len, 0, placeholder) != 0)
        return -1;
    html_attr(el, name, placeholder);
    return 0;
}

static int serialize(xmlDocPtr doc, xmlNodePtr first, xmlNodePtr stop, unsigned char **out,
                     size_t *len);

int page_fold(page *p, xmlNodePtr first, xmlNodePtr last)
{
    if (first && first->parent && first == first->parent->children) {
        if (first == last)
            return 0;
        first = first->next; /* the parent's first child says how its start tag is written */
    }
    if (!first || !last || first->type != XML_ELEMENT_NODE || last->type != XML_ELEMENT_NODE)
        return 0;
    unsigned char *markup;
    size_t len;
    char placeholder[PLACEHOLDER_LEN + 1];
    xmlNodePtr after = last->next;
    if (serialize(p->doc, first, after, &markup, &len) != 0 ||
        add_payload(p, markup, len, 1, placeholder) != 0)
        return -1;
    /* a comment is not text: what comes before and after it is written as
     * beside the elements it stands for */
    xmlNodePtr mark = xmlNewDocComment(p->doc, BAD_CAST placeholder);
    if (!mark || !xmlAddPrevSibling(first, mark)) {
        xmlFreeNode(mark);
        return -1;
    }
    for (xmlNodePtr n = first, next; n != after; n = next) {
        next = n->next;
        xmlUnlinkNode(n);
        xmlFreeNode(n);
    }
    return 0;
}

int page_list_add(page *p, page_list *l, xmlNodePtr item)
{
    if (!l->first)
        l->first = item;
    if (++l->n <= PAGE_LIST_FOLD)
        return 0;
    int rc = page_fold(p, l->first, item->prev);
    l->first = item;
    l->n = 1;
    return rc;
}

int page_list_end(page *p, page_list *l)
{
    int rc = l->first ? page_fold(p, l->first, l->first->parent->last) : 0;
    l->first = NULL;
    l->n = 0;
    return rc;
}

/* Replaces the placeholders of p's payloads in the serialized *out (*len
 * bytes, NUL-terminated, malloc'd) by their base64, or a fold's comment by
 * its markup: *out is then a new
 * buffer of the same kind. 0, or -1 with *out freed: out of memory, or
 * the placeholders not each there once, in order. */
static int fill_payloads(const page *p, unsigned char **out, size_t *len)
{
    if (!p->n_payloads)
        return 0;
    size_t total = *len;
    for (size_t i = 0; i < p->n_payloads; i++)
        total += p->payloads[i].markup ? p->payloads[i].len
                                       : sodium_base64_ENCODED_LEN(p->payloads[i].len,
                                                                   sodium_base64_VARIANT_ORIGINAL);
    unsigned char *buf = malloc(total + 1), *to = buf;
    const unsigned char *from = *out, *end = *out + *len;
    for (size_t i = 0; buf && i < p->n_payloads; i++) {
        char placeholder[PLACEHOLDER_LEN + 1];
        placeholder_of(p, i, placeholder);
        const unsigned char *at = memmem(from, (size_t)(end - from), placeholder, PLACEHOLDER_LEN);
        const struct page_payload *pl = &p->payloads[i];
        /* markup replaces its whole comment, <!--placeholder--> */
        size_t before = pl->markup ? 4 : 0, after = pl->markup ? 3 : 0;
        if (!at || (size_t)(at - from) < before || (size_t)(end - at) < PLACEHOLDER_LEN + after ||
            (pl->markup && (memcmp(at - 4, "<!--", 4) || memcmp(at + PLACEHOLDER_LEN, "-->", 3)))) {
            free(buf);
            buf = NULL;
            break;
        }
        memcpy(to, from, (size_t)(at - before - from));
        to += at - before - from;
        if (pl->markup) {
            memcpy(to, pl->bytes, pl->len);
            to += pl->len;
        } else {
            size_t b64 = sodium_base64_ENCODED_LEN(pl->len, sodium_base64_VARIANT_ORIGINAL);
            sodium_bin2base64((char *)to, b64, pl->bytes, pl->len, sodium_base64_VARIANT_ORIGINAL);
            to += b64 - 1;
        }
        from = at + PLACEHOLDER_LEN + after;
    }
    /* after the last, none of the page's placeholders is left */
    if (buf && memmem(from, (size_t)(end - from), p->token, PAGE_TOKEN_HEX)) {
        free(buf);
        buf = NULL;
    }
    if (buf) {
        memcpy(to, from, (size_t)(end - from));
        to += end - from;
        *to = 0;
    }
    free(*out);
    *out = buf;
    *len = buf ? (size_t)(to - buf) : 0;
    return buf ? 0 : -1;
}

/* Serializes doc as UTF-8 HTML into a malloc'd NUL-terminated buffer
 * (libxml2's own, taken over: its allocator is malloc, as accord never
 * sets another): the whole document when first is NULL, else first and
 * its following siblings up to stop (NULL: all). Returns 0, or -1 when out
 * of memory. */
static int serialize(xmlDocPtr doc, xmlNodePtr first, xmlNodePtr stop, unsigned char **out,
                     size_t *len)
{
    xmlBufferPtr b = xmlBufferCreate();
    xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
    xmlOutputBufferPtr ob = b ? xmlOutputBufferCreateBuffer(b, utf8) : NULL;
    if (!ob) {
        if (b)
            xmlBufferFree(b);
        return -1;
    }
    /* the UTF-8 encoding given here writes characters as they are, and,
     * unlike htmlSaveFileFormat, adds no <meta http-equiv> of its own */
    if (!first)
        htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 1);
    for (xmlNodePtr n = first; n && n != stop; n = n->next)
        htmlNodeDumpFormatOutput(ob, doc, n, "UTF-8", 1);
    xmlOutputBufferClose(ob);
    *len = (size_t)xmlBufferLength(b);
    *out = xmlBufferDetach(b);
    xmlBufferFree(b);
    return *out ? 0 : -1;
}

int page_finish(page *p, unsigned char **out, size_t *len)
{
    strip_slots(p->doc->children);
    /* <!DOCTYPE html> whatever the template said: anything else puts
     * browsers in quirks mode */
    xmlDtdPtr dtd = xmlGetIntSubset(p->doc);
    if (dtd && (dtd->ExternalID || dtd->SystemID)) {
        xmlUnlinkNode((xmlNodePtr)dtd);
        xmlFreeDtd(dtd);
        dtd = NULL;
    }
    if (!dtd)
        xmlCreateIntSubset(p->doc, BAD_CAST "html", NULL, NULL);
    int r = serialize(p->doc, NULL, NULL, out, len);
    if (r == 0)
        r = fill_payloads(p, out, len);
    page_discard(p);
    return r;
}

int page_main_html(const page *p, unsigned char **out, size_t *len)
{
    if (!p->main->children) {
        *out = (unsigned char *)strdup("");
        *len = 0;
        if (!*out)
            return -1;
    } else if (serialize(p->doc, p->main->children, NULL, out, len) != 0) {
        return -1;
    }
    return fill_payloads(p, out, len);
}
