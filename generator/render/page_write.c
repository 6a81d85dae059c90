/* page_write.c - writing a page out (see impl.h): its tree serialized by
 * libxml2, and the values set aside from the tree (base64 attributes,
 * values made as the page is written, folded lists) put in place of their
 * placeholders as the bytes go out. */
#define _GNU_SOURCE /* memmem */
#include "impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/xmlIO.h>
#include <openssl/evp.h>
#include <sodium.h>

/* A placeholder: the page's token and the payload's number, 8 hex digits. */
enum { PLACEHOLDER_LEN = PAGE_TOKEN_HEX + 8 };

/* Writes payload i's placeholder of page p into out (i below 2^32: a page
 * holds a few dozen). */
_Static_assert(PAGE_TOKEN_HEX == 32, "placeholder_of's format names the token's length");
static void placeholder_of(const page *p, size_t i, char out[PLACEHOLDER_LEN + 1])
{
    snprintf(out, PLACEHOLDER_LEN + 1, "%.32s%08x", p->token, (unsigned)i);
}

typedef enum {
    PAYLOAD_BASE64, /* an attribute's bytes, written as base64 (page_attr_base64) */
    PAYLOAD_LATER,  /* the same, made as the page is written (page_attr_base64_later) */
    PAYLOAD_MARKUP, /* markup written as it is in place of a comment (page_fold) */
} payload_kind;

/* One value set aside: bytes (malloc'd, the page's) for PAYLOAD_BASE64
 * and PAYLOAD_MARKUP, what makes them for PAYLOAD_LATER. */
struct page_payload {
    payload_kind kind;
    unsigned char *bytes;
    size_t len;
    page_value_fn make;
    void *ctx;
    size_t which;
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

/* Adds pl (its bytes taken over whatever the result) as p's next payload
 * and writes its placeholder into out. 0, or -1 when out of memory. */
static int add_payload(page *p, struct page_payload pl, char out[PLACEHOLDER_LEN + 1])
{
    if (p->n_payloads == p->cap_payloads) {
        size_t cap = p->cap_payloads ? 2 * p->cap_payloads : 8;
        struct page_payload *v = realloc(p->payloads, cap * sizeof *v);
        if (!v) {
            free(pl.bytes);
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
    p->payloads[p->n_payloads++] = pl;
    return 0;
}

int page_attr_base64(page *p, xmlNodePtr el, const char *name, unsigned char *bytes, size_t len)
{
    char placeholder[PLACEHOLDER_LEN + 1];
    struct page_payload pl = {.kind = PAYLOAD_BASE64, .bytes = bytes, .len = len};
    if (add_payload(p, pl, placeholder) != 0)
        return -1;
    html_attr(el, name, placeholder);
    return 0;
}

int page_attr_base64_later(page *p, xmlNodePtr el, const char *name, page_value_fn make, void *ctx,
                           size_t which)
{
    char placeholder[PLACEHOLDER_LEN + 1];
    struct page_payload pl = {.kind = PAYLOAD_LATER, .make = make, .ctx = ctx, .which = which};
    if (add_payload(p, pl, placeholder) != 0)
        return -1;
    html_attr(el, name, placeholder);
    return 0;
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

int page_fold(page *p, xmlNodePtr first, xmlNodePtr last)
{
    if (first && first->parent && first == first->parent->children) {
        if (first == last)
            return 0;
        first = first->next; /* the parent's first child says how its start tag is written */
    }
    if (!first || !last || first->type != XML_ELEMENT_NODE || last->type != XML_ELEMENT_NODE)
        return 0;
    struct page_payload pl = {.kind = PAYLOAD_MARKUP};
    char placeholder[PLACEHOLDER_LEN + 1];
    xmlNodePtr after = last->next;
    if (serialize(p->doc, first, after, &pl.bytes, &pl.len) != 0 ||
        add_payload(p, pl, placeholder) != 0)
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

/* Puts len bytes into out as standard padded base64, a run of whole
 * triples at a time: the same characters as encoding them at once.
 * OpenSSL's table-driven encoder, not libsodium's constant-time one: what
 * pages carry is public (a questionnaire) or already sealed, and the
 * table is several times faster. */
static void put_base64(const page_sink *out, const unsigned char *bytes, size_t len)
{
    enum { RUN = 3 * 16384 };
    unsigned char text[RUN / 3 * 4 + 1];
    for (size_t at = 0; at < len;) {
        size_t n = len - at < RUN ? len - at : RUN;
        int written = EVP_EncodeBlock(text, bytes + at, (int)n);
        out->put(out->to, text, (size_t)written);
        at += n;
    }
}

/* Puts payload pl into out: its bytes as base64 or as markup, or, for
 * one made now, what make gives, released at once. 0, or -1 when it could
 * not be made. */
static int put_payload(const page_sink *out, const struct page_payload *pl)
{
    if (pl->kind == PAYLOAD_MARKUP) {
        out->put(out->to, pl->bytes, pl->len);
        return 0;
    }
    if (pl->kind == PAYLOAD_BASE64) {
        put_base64(out, pl->bytes, pl->len);
        return 0;
    }
    unsigned char *bytes;
    size_t len;
    if (pl->make(pl->ctx, pl->which, &bytes, &len) != 0)
        return -1;
    put_base64(out, bytes, len);
    free(bytes);
    return 0;
}

/* Puts the serialized text[0..len) into out, each of p's placeholders
 * replaced by its payload (a fold's whole comment, <!--placeholder-->, by
 * its markup). 0, or -1 when a payload could not be made or the
 * placeholders are not each there once, in order (out may then hold part
 * of the page). */
static int put_page(const page *p, const unsigned char *text, size_t len, const page_sink *out)
{
    const unsigned char *from = text, *end = text + len;
    for (size_t i = 0; i < p->n_payloads; i++) {
        char placeholder[PLACEHOLDER_LEN + 1];
        placeholder_of(p, i, placeholder);
        const unsigned char *at = memmem(from, (size_t)(end - from), placeholder, PLACEHOLDER_LEN);
        const struct page_payload *pl = &p->payloads[i];
        int markup = pl->kind == PAYLOAD_MARKUP;
        size_t before = markup ? 4 : 0, after = markup ? 3 : 0;
        if (!at || (size_t)(at - from) < before || (size_t)(end - at) < PLACEHOLDER_LEN + after ||
            (markup && (memcmp(at - 4, "<!--", 4) || memcmp(at + PLACEHOLDER_LEN, "-->", 3))))
            return -1;
        out->put(out->to, from, (size_t)(at - before - from));
        if (put_payload(out, pl) != 0)
            return -1;
        from = at + PLACEHOLDER_LEN + after;
    }
    /* after the last, none of the page's placeholders is left */
    if (p->n_payloads && memmem(from, (size_t)(end - from), p->token, PAGE_TOKEN_HEX))
        return -1;
    out->put(out->to, from, (size_t)(end - from));
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

int page_write(page *p, const page_sink *out)
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
    unsigned char *text;
    size_t len;
    int r = serialize(p->doc, NULL, NULL, &text, &len);
    if (r == 0) {
        /* the tree is done with before the payloads are made */
        xmlFreeDoc(p->doc);
        p->doc = NULL;
        r = put_page(p, text, len, out);
        free(text);
    }
    page_discard(p);
    return r;
}

static void put_sbuf(void *to, const void *bytes, size_t len)
{
    sb_put(to, bytes, len);
}

int page_finish(page *p, unsigned char **out, size_t *len)
{
    sbuf b = SBUF_INIT;
    page_sink sink = {put_sbuf, &b};
    if (page_write(p, &sink) != 0) {
        sb_release(&b);
        return -1;
    }
    *out = (unsigned char *)sb_take(&b, len);
    return 0;
}

int page_main_html(const page *p, unsigned char **out, size_t *len)
{
    unsigned char *text;
    size_t text_len;
    if (!p->main->children) {
        text = (unsigned char *)strdup("");
        text_len = 0;
        if (!text)
            return -1;
    } else if (serialize(p->doc, p->main->children, NULL, &text, &text_len) != 0) {
        return -1;
    }
    if (!p->n_payloads) { /* nothing to put in place: the text as libxml2 wrote it */
        *out = text;
        *len = text_len;
        return 0;
    }
    sbuf b = SBUF_INIT;
    page_sink sink = {put_sbuf, &b};
    int r = put_page(p, text, text_len, &sink);
    free(text);
    if (r != 0) {
        sb_release(&b);
        return -1;
    }
    *out = (unsigned char *)sb_take(&b, len);
    return 0;
}
