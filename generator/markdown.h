/* markdown.h - GitHub-flavoured Markdown (cmark-gfm, safe mode) rendered
 * into an HTML tree and sanitized there.
 *
 * cmark-gfm's own safe mode already turns raw HTML into comments and blanks
 * javascript: URLs, but it keeps data: image URLs and any http(s) image, so
 * its output is parsed into a libxml2 tree and walked: only an allowlist of
 * elements and attributes survives, links pass url_link_allowed and images
 * url_src_allowed (relative only: no page makes a request to another host).
 */
#ifndef ACCORD_MARKDOWN_H
#define ACCORD_MARKDOWN_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"

/* cmark-gfm 0.29 slows down badly on many table columns: at most this many
 * '|' per line of input (MARKDOWN_MAX in model.h bounds the whole input). */
enum { MARKDOWN_PIPES_PER_LINE_MAX = 200 };

/* Registers cmark-gfm's extensions. Call once, before any thread renders. */
void markdown_init(void);

/* Checks md (len bytes) against MARKDOWN_MAX and the '|' limit, reporting to
 * d as "name:line: ..." Returns 0 when within bounds, else -1. */
int markdown_check(const char *name, const char *md, size_t len, diag *d);

/* Renders md (len bytes; need not be NUL-terminated) and appends the
 * sanitized nodes as children of parent. When title is not NULL, stores in
 * it the plain text of the first level-1 heading (malloc'd, caller frees) or
 * NULL when there is none. Returns 0, or -1 after reporting to d (limits
 * exceeded, or out of memory). */
int markdown_render(xmlNodePtr parent, const char *name, const char *md, size_t len, char **title,
                    diag *d);

/* Returns the text of the first ATX level-1 heading ("# Title", outside
 * fenced code) of md, trailing '#'s and spaces removed: malloc'd (caller
 * frees), or NULL when there is none. Cheap: no Markdown parse, so index
 * pages can list titles without rendering every page. */
char *markdown_title(const char *md, size_t len);

#endif
