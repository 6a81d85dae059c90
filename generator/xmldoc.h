/* xmldoc.h - the one safe way the generator parses XML.
 *
 * Every XML reader in the generator goes through xmldoc_parse: it refuses any
 * DOCTYPE (so no entity is ever declared, expanded or fetched: XXE, external
 * DTDs, parameter entities, billion laughs and quadratic blowup all stop
 * there), never reaches the network, and caps the input size. The helpers
 * below read the tree into arena strings.
 */
#ifndef ACCORD_XMLDOC_H
#define ACCORD_XMLDOC_H

#include <stddef.h>

#include <libxml/tree.h>

#include "arena.h"
#include "diag.h"

/* Parses len bytes of XML named name (used in messages). Returns a document
 * the caller frees with xmlFreeDoc, or NULL after reporting an error to d
 * (not well-formed, a DOCTYPE, larger than XML_FILE_MAX). */
xmlDocPtr xmldoc_parse(const char *name, const unsigned char *buf, size_t len, diag *d);

/* Reads the file at path (at most XML_FILE_MAX bytes) and parses it as
 * xmldoc_parse does. A file that cannot be read is an I/O error in d. */
xmlDocPtr xmldoc_load(const char *path, diag *d);

/* Validates doc against the embedded schema schema_name (e.g. "program"),
 * reporting each violation as name:line. Returns 0 when valid, else -1. */
int xmldoc_validate(xmlDocPtr doc, const char *schema_name, const char *name, diag *d);

/* Returns 1 when n is an element called name. */
int xmldoc_is(const xmlNode *n, const char *name);

/* Returns the first element child of n called name, or NULL. */
xmlNodePtr xmldoc_child(const xmlNode *n, const char *name);

/* Returns n's line number (big line numbers included). */
long xmldoc_line(const xmlNode *n);

/* Returns attribute name of n copied into ar, or NULL when absent. */
char *xmldoc_attr(arena *ar, const xmlNode *n, const char *name);

/* Returns the text content of n copied into ar, exactly as written. */
char *xmldoc_raw_text(arena *ar, const xmlNode *n);

/* Returns the text content of n with leading and trailing white space
 * removed and, when the text starts on a line of its own, the lines' common
 * indentation removed too (so indented Markdown in XML stays Markdown; text
 * that starts right after the tag, as accord writes it, is kept as is). */
char *xmldoc_text(arena *ar, const xmlNode *n);

/* Returns the number of characters (UTF-8 code points) in s. */
size_t utf8_chars(const char *s);

/* Returns 1 when s matches ^[a-z][a-z0-9-]{0,31}$ (digit_first: the first
 * character may also be a digit, as option values may). */
int valid_id(const char *s, int digit_first);

#endif
