/* markdown.c - Markdown to a sanitized HTML tree (see impl.h). */
#include "impl.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <sodium.h>

/* cmark-gfm 0.29 keeps the inline parser's table of special characters in
 * global state that attaching and freeing extensions rewrites: two threads
 * parsing at once corrupt each other's output (strikethrough and autolinks
 * vanish at random). Everything cmark does happens under this lock; the
 * libxml2 half of the work runs in parallel. */
static pthread_mutex_t cmark_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

void render_init(void)
{
    xmlInitParser();
    cmark_gfm_core_extensions_ensure_registered();
}

/* Appends the literal text below n (text and code spans) to buf. */
static void collect_text(cmark_node *n, char **buf, size_t *len)
{
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            const char *s = cmark_node_get_literal(c);
            size_t sl = s ? strlen(s) : 0;
            char *nb = realloc(*buf, *len + sl + 1);
            if (!nb)
                return;
            memcpy(nb + *len, s ? s : "", sl);
            *len += sl;
            nb[*len] = '\0';
            *buf = nb;
        } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
            char *nb = realloc(*buf, *len + 2);
            if (!nb)
                return;
            nb[(*len)++] = ' ';
            nb[*len] = '\0';
            *buf = nb;
        } else {
            collect_text(c, buf, len);
        }
    }
}

static char *first_h1(cmark_node *doc)
{
    for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) == CMARK_NODE_HEADING && cmark_node_get_heading_level(c) == 1) {
            char *buf = NULL;
            size_t len = 0;
            collect_text(c, &buf, &len);
            return buf ? buf : strdup("");
        }
    }
    return NULL;
}

/* Elements whose whole subtree is dropped; any other element not in the
 * allowlist below is unwrapped (its children kept). */
static const char *const dropped[] = {
    "script", "style", "iframe", "object",   "embed",    "form",   "frame", "frameset", "applet",
    "base",   "link",  "meta",   "noscript", "template", "svg",    "math",  "textarea", "select",
    "button", "title", "head",   "video",    "audio",    "source", NULL};

/* Allowed elements, each with its allowed attributes (space-separated). */
static const struct {
    const char *el, *attrs;
} allowed[] = {
    {"p", ""},
    {"h1", ""},
    {"h2", ""},
    {"h3", ""},
    {"h4", ""},
    {"h5", ""},
    {"h6", ""},
    {"a", "href title"},
    {"img", "src alt title"},
    {"em", ""},
    {"strong", ""},
    {"del", ""},
    {"s", ""},
    {"code", "class"},
    {"pre", "lang"},
    {"blockquote", ""},
    {"ul", ""},
    {"ol", "start"},
    {"li", ""},
    {"table", ""},
    {"thead", ""},
    {"tbody", ""},
    {"tr", ""},
    {"th", "align"},
    {"td", "align"},
    {"hr", ""},
    {"br", ""},
    {"input", "type checked disabled"},
    {"sup", ""},
    {"sub", ""},
    {"kbd", ""},
};

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (!strcasecmp(*list, s))
            return 1;
    return 0;
}

static const char *allowed_attrs(const char *el)
{
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (!strcasecmp(allowed[i].el, el))
            return allowed[i].attrs;
    return NULL;
}

static int word_in(const char *words, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = words; *p;) {
        const char *e = strchr(p, ' ');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == n && !strncasecmp(p, w, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static void sanitize_children(xmlNodePtr parent);

/* Sanitizes one element in place. Returns the node that now stands where n
 * stood (n itself, or NULL when n was removed and its children, if kept,
 * were moved up and already sanitized). */
static void sanitize_element(xmlNodePtr n)
{
    const char *name = (const char *)n->name;
    const char *attrs = allowed_attrs(name);
    if (!attrs || in_list(dropped, name)) {
        if (!in_list(dropped, name) && attrs == NULL) {
            /* unknown element: keep its (sanitized) children in its place */
            sanitize_children(n);
            xmlNodePtr c = n->children;
            while (c) {
                xmlNodePtr next = c->next;
                xmlUnlinkNode(c);
                xmlAddPrevSibling(n, c);
                c = next;
            }
        }
        xmlUnlinkNode(n);
        xmlFreeNode(n);
        return;
    }
    for (xmlAttrPtr a = n->properties; a;) {
        xmlAttrPtr next = a->next;
        if (!word_in(attrs, (const char *)a->name))
            xmlRemoveProp(a);
        a = next;
    }
    if (!strcasecmp(name, "a")) {
        xmlChar *href = xmlGetProp(n, BAD_CAST "href");
        /* cmark blanks the URLs it finds unsafe: an empty href is dropped
         * too, so the text no longer looks like a link */
        if (href && (!*href || !url_link_allowed((const char *)href)))
            xmlUnsetProp(n, BAD_CAST "href");
        xmlFree(href);
    } else if (!strcasecmp(name, "img")) {
        xmlChar *src = xmlGetProp(n, BAD_CAST "src");
        if (!src || !url_src_allowed((const char *)src)) {
            /* an image from elsewhere would make a request: keep its words */
            xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
            if (alt && *alt)
                xmlAddPrevSibling(n, xmlNewDocText(n->doc, alt));
            xmlFree(alt);
            xmlFree(src);
            xmlUnlinkNode(n);
            xmlFreeNode(n);
            return;
        }
        xmlFree(src);
    } else if (!strcasecmp(name, "input")) {
        /* a task list item's box: a disabled checkbox without a label is
         * noise to a screen reader, so it becomes a symbol with a name */
        int checked = xmlHasProp(n, BAD_CAST "checked") != NULL;
        xmlNodePtr span = xmlNewDocNode(n->doc, NULL, BAD_CAST "span", NULL);
        xmlSetProp(span, BAD_CAST "class", BAD_CAST "task");
        xmlSetProp(span, BAD_CAST "role", BAD_CAST "img");
        xmlSetProp(span, BAD_CAST "aria-label", BAD_CAST(checked ? "done" : "to do"));
        xmlAddChild(span,
                    xmlNewDocText(n->doc, BAD_CAST(checked ? "\xe2\x98\x91" : "\xe2\x98\x90")));
        xmlReplaceNode(n, span);
        xmlFreeNode(n);
        return;
    }
    sanitize_children(n);
}

static void sanitize_children(xmlNodePtr parent)
{
    for (xmlNodePtr c = parent->children; c;) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            sanitize_element(c);
        } else if (c->type != XML_TEXT_NODE) {
            /* comments (cmark's "raw HTML omitted"), processing instructions */
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

/* Parses md and renders it to HTML (malloc'd, caller frees), storing the
 * first level-1 heading in *title when title is not NULL. Returns NULL when
 * out of memory. Call with cmark_lock held. */
static char *render_html(const char *md, size_t len, int opts, char **title)
{
    cmark_parser *p = cmark_parser_new(opts);
    if (!p)
        return NULL;
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, md, len);
    cmark_node *doc = cmark_parser_finish(p);
    if (!doc) {
        cmark_parser_free(p);
        return NULL;
    }
    if (title)
        *title = first_h1(doc);
    char *html = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
    cmark_node_free(doc);
    cmark_parser_free(p);
    return html;
}

/* Fragments already rendered, by the BLAKE2b-256 of their Markdown: a
 * help text that every form shows goes through cmark-gfm, the HTML parser
 * and the sanitizer once. An entry is never changed or removed once added
 * (so it is read without the lock); at most FRAGMENTS_MAX are kept, for
 * the life of the process, and past that fragments are rendered afresh. */
enum { FRAGMENTS_MAX = 4096, FRAGMENT_BUCKETS = 1024 };

typedef struct fragment {
    unsigned char key[crypto_generichash_BYTES];
    htmlDocPtr doc;    /* owns holder */
    xmlNodePtr holder; /* the sanitized nodes' parent */
    struct fragment *next;
} fragment;

static fragment *fragments[FRAGMENT_BUCKETS];
static size_t n_fragments;
static pthread_mutex_t fragments_lock = PTHREAD_MUTEX_INITIALIZER;

static fragment **bucket_of(const unsigned char *key)
{
    return &fragments[(key[0] | (unsigned)key[1] << 8) % FRAGMENT_BUCKETS];
}

static const fragment *fragment_find(const unsigned char *key)
{
    pthread_mutex_lock(&fragments_lock);
    const fragment *f = *bucket_of(key);
    while (f && memcmp(f->key, key, sizeof f->key))
        f = f->next;
    pthread_mutex_unlock(&fragments_lock);
    return f;
}

/* Keeps doc (holder inside it) under key: 1, or 0 when the cache is full
 * or holds key already (the caller then frees doc). */
static int fragment_keep(const unsigned char *key, htmlDocPtr doc, xmlNodePtr holder)
{
    fragment *f = malloc(sizeof *f);
    int kept = 0;
    if (!f)
        return 0;
    memcpy(f->key, key, sizeof f->key);
    f->doc = doc;
    f->holder = holder;
    pthread_mutex_lock(&fragments_lock);
    fragment **b = bucket_of(key), *g = *b;
    while (g && memcmp(g->key, key, sizeof g->key))
        g = g->next;
    if (!g && n_fragments < FRAGMENTS_MAX) {
        f->next = *b;
        *b = f;
        n_fragments++;
        kept = 1;
    }
    pthread_mutex_unlock(&fragments_lock);
    if (!kept)
        free(f);
    return kept;
}

static void copy_children(xmlNodePtr parent, xmlNodePtr holder)
{
    for (xmlNodePtr c = holder->children; c; c = c->next)
        xmlAddChild(parent, xmlDocCopyNode(c, parent->doc, 1));
}

int markdown_render(xmlNodePtr parent, const char *name, const char *md, size_t len, char **title,
                    diag *d)
{
    unsigned char key[crypto_generichash_BYTES];
    if (title) /* a page with a title is never kept: no key */
        *title = NULL;
    else
        crypto_generichash(key, sizeof key, (const unsigned char *)md, len, NULL, 0);
    const fragment *known = title ? NULL : fragment_find(key);
    if (known) { /* the same bytes passed markdown_check when they were kept */
        copy_children(parent, known->holder);
        return 0;
    }
    if (markdown_check(name, md, len, d) != 0)
        return -1;
    int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    pthread_mutex_lock(&cmark_lock);
    char *html = render_html(md, len, opts, title);
    pthread_mutex_unlock(&cmark_lock);
    if (!html)
        goto oom;
    size_t hl = strlen(html);
    if (hl == 0) {
        free(html);
        return 0;
    }
    htmlDocPtr h = htmlReadMemory(html, (int)hl, NULL, "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    free(html);
    if (!h)
        goto oom;
    /* the parser puts the fragment in an implied <html><body> (without it,
     * libxml2 2.9 does not close a <p> before a following block) */
    xmlNodePtr holder = html_find_el(xmlDocGetRootElement(h), "body");
    if (!holder) {
        xmlFreeDoc(h);
        return 0;
    }
    sanitize_children(holder);
    copy_children(parent, holder);
    if (title || !fragment_keep(key, h, holder))
        xmlFreeDoc(h);
    return 0;
oom:
    if (title) {
        free(*title);
        *title = NULL;
    }
    diag_error(d, name, 0, "cannot render Markdown: out of memory");
    return -1;
}

char *markdown_heading(const char *md, size_t len)
{
    char *title = NULL;
    pthread_mutex_lock(&cmark_lock);
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    if (p) {
        cmark_parser_feed(p, md, len);
        cmark_node *doc = cmark_parser_finish(p);
        if (doc) {
            title = first_h1(doc);
            cmark_node_free(doc);
        }
        cmark_parser_free(p);
    }
    pthread_mutex_unlock(&cmark_lock);
    return title;
}
