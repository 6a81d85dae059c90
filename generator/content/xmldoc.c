/* xmldoc.c - safe XML parsing and tree helpers (see impl.h). */
#include "impl.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlstring.h>

#include "schemas.h"

/* What the SAX hook saw; kept in the parser context's _private. */
typedef struct parse_state {
    int doctype;
    long doctype_line;
} parse_state;

/* Called for every <!DOCTYPE ...>, with or without an internal subset. We
 * stop the parser right there: nothing after it (entity declarations,
 * external identifiers) is ever processed. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *st = ctxt->_private;
    st->doctype = 1;
    st->doctype_line = ctxt->input ? ctxt->input->line : 0;
    xmlStopParser(ctxt);
}

/* Options: no network, no error printing (we report ourselves), correct line
 * numbers past 65535, CDATA as text. Never NOENT, DTDLOAD, DTDATTR,
 * DTDVALID, XINCLUDE or HUGE. */
enum {
    PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                    XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA
};

/* libxml2's messages end in a newline and may hold more: one line each. */
static void trim_message(char *msg)
{
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    for (char *p = msg; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

xmlDocPtr xmldoc_parse(const char *name, const unsigned char *buf, size_t len, diag *d)
{
    if (len > XML_FILE_MAX) {
        diag_error(d, name, 0, "file is larger than %d bytes: split or shorten it", XML_FILE_MAX);
        return NULL;
    }
    if (len > (size_t)INT32_MAX)
        return NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        diag_error(d, name, 0, "out of memory while parsing");
        return NULL;
    }
    parse_state st = {0, 0};
    ctxt->_private = &st;
    ctxt->sax->internalSubset = refuse_doctype;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, (const char *)buf, (int)len, name, NULL, PARSE_OPTIONS);
    if (st.doctype) {
        diag_error(d, name, st.doctype_line,
                   "DOCTYPE is not allowed: accord refuses any DTD or entity declaration; "
                   "remove the <!DOCTYPE ...> declaration");
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[512] = "not well-formed XML";
        long line = 0;
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            trim_message(msg);
            line = e->line;
        }
        diag_error(d, name, line, "malformed XML: %s", msg);
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (!xmlDocGetRootElement(doc)) {
        diag_error(d, name, 0, "malformed XML: no root element");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    ctxt->_private = NULL;
    xmlFreeParserCtxt(ctxt);
    return doc;
}

xmlDocPtr xmldoc_load(const char *path, diag *d)
{
    unsigned char *buf;
    size_t len;
    if (read_file(path, XML_FILE_MAX, &buf, &len) != 0) {
        if (errno == EFBIG)
            diag_error(d, path, 0, "file is larger than %d bytes: split or shorten it",
                       XML_FILE_MAX);
        else
            diag_io(d, path, "cannot read: %s", vu_read_error(errno));
        return NULL;
    }
    xmlDocPtr doc = xmldoc_parse(path, buf, len, d);
    free(buf);
    return doc;
}

typedef struct schema_report {
    diag *d;
    const char *name;
    int count;
} schema_report;

enum { SCHEMA_ERRORS_MAX = 20 };

static void schema_error(void *ctx, xmlErrorPtr e)
{
    schema_report *r = ctx;
    if (++r->count > SCHEMA_ERRORS_MAX)
        return;
    char msg[512] = "does not match the schema";
    if (e && e->message) {
        snprintf(msg, sizeof msg, "%s", e->message);
        trim_message(msg);
    }
    diag_error(r->d, r->name, e ? e->line : 0, "%s (see the format in README.md)", msg);
}

static void ignore_schema_parse_error(void *ctx, xmlErrorPtr e) {}

enum { SCHEMAS_MAX = 16 }; /* embedded schemas there may be */

/* Each embedded schema compiled once, on first use, and kept for the
 * process: a program's thousands of answers files and bundles are
 * validated against the same few. libxml2's schema compiler is not
 * thread-safe, so compiling holds the lock; a compiled schema is only
 * read by validation, each with a context of its own. NULL when the
 * schema does not compile. */
static xmlSchemaPtr compiled_schema(size_t k)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static xmlSchemaPtr compiled[SCHEMAS_MAX];
    static int tried[SCHEMAS_MAX];
    pthread_mutex_lock(&lock);
    if (!tried[k]) {
        const embedded_schema *es = &embedded_schemas[k];
        xmlSchemaParserCtxtPtr pctxt =
            xmlSchemaNewMemParserCtxt((const char *)es->data, (int)es->len);
        if (pctxt) {
            xmlSchemaSetParserStructuredErrors(pctxt, ignore_schema_parse_error, NULL);
            compiled[k] = xmlSchemaParse(pctxt);
            xmlSchemaFreeParserCtxt(pctxt);
        }
        tried[k] = 1;
    }
    xmlSchemaPtr schema = compiled[k];
    pthread_mutex_unlock(&lock);
    return schema;
}

int xmldoc_validate(xmlDocPtr doc, const char *schema_name, const char *name, diag *d)
{
    size_t k = 0;
    while (embedded_schemas[k].name && strcmp(embedded_schemas[k].name, schema_name))
        k++;
    if (!embedded_schemas[k].name || k >= SCHEMAS_MAX) {
        diag_error(d, name, 0, "internal error: no schema named %s", schema_name);
        return -1;
    }
    xmlSchemaPtr schema = compiled_schema(k);
    if (!schema) {
        diag_error(d, name, 0, "internal error: schema %s does not compile", schema_name);
        return -1;
    }
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
    if (!vctxt) {
        diag_error(d, name, 0, "internal error: cannot validate against schema %s: out of memory",
                   schema_name);
        return -1;
    }
    schema_report r = {d, name, 0};
    xmlSchemaSetValidStructuredErrors(vctxt, schema_error, &r);
    int rc = xmlSchemaValidateDoc(vctxt, doc);
    xmlSchemaFreeValidCtxt(vctxt);
    if (rc != 0 && r.count == 0)
        diag_error(d, name, 0, "does not match the schema %s.xsd", schema_name);
    if (r.count > SCHEMA_ERRORS_MAX)
        diag_error(d, name, 0, "%d more schema errors not shown", r.count - SCHEMA_ERRORS_MAX);
    return rc == 0 ? 0 : -1;
}

int xmldoc_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

size_t xmldoc_count(const xmlNode *n, const char *name)
{
    size_t k = 0;
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        k += xmldoc_is(c, name);
    return k;
}

xmlNodePtr xmldoc_child(const xmlNode *n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (xmldoc_is(c, name))
            return c;
    return NULL;
}

long xmldoc_line(const xmlNode *n)
{
    return xmlGetLineNo(n);
}

char *xmldoc_attr(arena *ar, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = arena_strdup(ar, (const char *)v);
    xmlFree(v);
    return s;
}

char *xmldoc_raw_text(arena *ar, const xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = arena_strdup(ar, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Removes the common indentation of the non-blank lines of s, in place. */
static void dedent(char *s)
{
    size_t common = (size_t)-1;
    for (const char *line = s; line;) {
        size_t ind = 0;
        while (line[ind] == ' ' || line[ind] == '\t')
            ind++;
        if (line[ind] != '\n' && line[ind] != '\0' && ind < common)
            common = ind;
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
    }
    if (common == (size_t)-1 || common == 0)
        return;
    char *out = s;
    for (const char *line = s; line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
        size_t skip = 0;
        while (skip < common && skip < len && (line[skip] == ' ' || line[skip] == '\t'))
            skip++;
        memmove(out, line + skip, len - skip);
        out += len - skip;
        line = nl ? nl + 1 : NULL;
    }
    *out = '\0';
}

char *xmldoc_text(arena *ar, const xmlNode *n)
{
    char *s = xmldoc_raw_text(ar, n);
    /* Text on a line of its own after the tag is indented like the XML
     * around it; text that starts right after the tag is not. */
    const char *p = s;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    int own_line = *p == '\n';
    while (*s && is_space(*s))
        s++;
    size_t len = strlen(s);
    while (len > 0 && is_space(s[len - 1]))
        s[--len] = '\0';
    if (own_line) {
        /* s now starts at the first line's text: put back its indentation so
         * it counts towards the common indentation. */
        const char *start = s;
        while (start > p + 1 && (start[-1] == ' ' || start[-1] == '\t'))
            start--;
        s = (char *)start;
        dedent(s);
        /* A first line indented deeper than the rest keeps no leading
         * space: stored text never starts or ends with white space, so
         * writing it right after the tag reads back the same. */
        while (*s == ' ' || *s == '\t')
            s++;
    }
    return s;
}

const char *xmldoc_word(const xmlNode *n, char *out, size_t size)
{
    xmlChar *raw = xmlNodeGetContent(n);
    const char *b = raw ? (const char *)raw : "", *e = b + strlen(b), *got = NULL;
    while (b < e && is_space(*b))
        b++;
    while (e > b && is_space(e[-1]))
        e--;
    size_t len = (size_t)(e - b);
    if (len < size) {
        memcpy(out, b, len);
        out[len] = '\0';
        got = out;
        for (size_t i = 0; i < len && got; i++)
            got = is_space(out[i]) ? NULL : out;
    }
    xmlFree(raw);
    return got;
}

size_t utf8_chars(const char *s)
{
    int n = xmlUTF8Strlen((const xmlChar *)s);
    return n < 0 ? 0 : (size_t)n;
}

int valid_id(const char *s, int digit_first)
{
    size_t n = s ? strlen(s) : 0;
    /* an option value may start with a digit; otherwise the id grammar */
    if (digit_first && n && s[0] >= '0' && s[0] <= '9')
        return n <= ID_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
    return s && vu_is_id(s, n);
}

xmlDocPtr xmldoc_open(const char *name, const unsigned char *buf, size_t len, const char *root,
                      const char *what, diag *d)
{
    xmlDocPtr doc = buf ? xmldoc_parse(name, buf, len, d) : xmldoc_load(name, d);
    if (!doc)
        return NULL;
    xmlNodePtr r = xmlDocGetRootElement(doc);
    if (!xmldoc_is(r, root)) {
        diag_error(d, name, xmldoc_line(r), "root element is <%s>: %s starts with <%s>",
                   (const char *)r->name, what, root);
    } else if (xmldoc_validate(doc, root, name, d) == 0) {
        return doc;
    }
    xmlFreeDoc(doc);
    return NULL;
}
