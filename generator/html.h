/* html.h - building HTML trees with libxml2 so that text is escaped by
 * construction, and the URL allowlist every generated or user-given link
 * passes through.
 *
 * Every helper takes literal text: element content goes in through
 * xmlNewText (never parsed for markup or entities) and attribute values
 * through xmlSetProp, and libxml2's serializer escapes both on output.
 */
#ifndef ACCORD_HTML_H
#define ACCORD_HTML_H

#include <libxml/tree.h>

/* Appends a new element name to parent, with literal text as its content
 * when text is not NULL. Returns the new element (owned by parent's doc). */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);

/* As html_el, with a class attribute (cls may be NULL). */
xmlNodePtr html_elc(xmlNodePtr parent, const char *name, const char *cls, const char *text);

/* Sets attribute name of n to the literal value (value NULL: a boolean
 * attribute such as hidden, written without a value). */
void html_attr(xmlNodePtr n, const char *name, const char *value);

/* Appends literal text to parent. */
void html_text(xmlNodePtr parent, const char *text);

/* Appends <a href=href>text</a> to parent when href passes
 * url_link_allowed, else a <span> holding just the text. Returns the new
 * node. */
xmlNodePtr html_link(xmlNodePtr parent, const char *href, const char *text);

/* Returns the first element below (and including) n whose attribute attr
 * equals value, in document order, or NULL. */
xmlNodePtr html_find_attr(xmlNodePtr n, const char *attr, const char *value);

/* Returns the first element named name below (and including) n, or NULL. */
xmlNodePtr html_find_el(xmlNodePtr n, const char *name);

/* Returns 1 when url may be a link target: a relative reference (no scheme,
 * not starting with "//"), or an https:, http: or mailto: URL; no control
 * characters, white space before the scheme or backslashes anywhere. */
int url_link_allowed(const char *url);

/* Returns 1 when url may be an image or asset source that a page loads: a
 * relative reference only (no scheme, not absolute, not "//host"), so no
 * page ever makes a request to another host. */
int url_src_allowed(const char *url);

/* Returns 1 when url is relative (as url_src_allowed) and does not start
 * with "#" or "?": a file name a prefix such as "../" may be put before. */
int url_is_relative_file(const char *url);

#endif
