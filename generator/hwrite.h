/* hwrite.h - writing HTML as text, for pages whose bytes must never change
 * with a library version (the signed agreement page).
 *
 * Markup comes only from the string literals of the caller; every text or
 * attribute value a person or file supplied goes through hw_text or
 * hw_attr, which escape it. hw_unescape reverses exactly this escaping. */
#ifndef ACCORD_HWRITE_H
#define ACCORD_HWRITE_H

#include <stddef.h>

#include "sbuf.h"

/* Appends text with &, < and > escaped. */
void hw_text(sbuf *b, const char *text);

/* Appends ` name="value"` with &, <, > and " escaped in value. */
void hw_attr(sbuf *b, const char *name, const char *value);

/* Appends <tag> with a class and an id when not NULL; no newline. */
void hw_open(sbuf *b, const char *tag, const char *cls, const char *id);

/* Appends <tag class>text</tag> and a newline. */
void hw_el(sbuf *b, const char *tag, const char *cls, const char *text);

/* Appends </tag> and a newline. */
void hw_close(sbuf *b, const char *tag);

/* Reverses hw_attr's escaping of s[0..n) into a malloc'd NUL-terminated
 * string (caller frees). Returns NULL when s holds an '&' that is not one of
 * the four entities hw_attr writes, or a raw '<', '>' or '"', or a NUL, or
 * memory runs out: such a value was not written by hw_attr. */
char *hw_unescape(const char *s, size_t n);

#endif
