/* template.h - one page made from a theme's page.html: the template's tree
 * is copied, its data-slot elements are found and filled through the tree
 * (never by pasting markup), and the result is serialized as UTF-8 HTML with
 * <!DOCTYPE html>. See notes/site-contract.md "Theme". */
#ifndef ACCORD_TEMPLATE_H
#define ACCORD_TEMPLATE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "theme.h"

typedef enum {
    PAGE_INDEX,
    PAGE_GUIDE,
    PAGE_GUIDE_INDEX,
    PAGE_FORM,
    PAGE_FORM_INDEX,
    PAGE_SAMPLE,
    PAGE_PRIVATE_INDEX,
    PAGE_REVIEW,    /* private/review/<agreement>.html (issue 4 D5) */
    PAGE_AGREEMENT, /* private/agreements/<agreement>-r<N>.html (D2) */
} page_kind;

enum { PAGE_DEPTH_MAX = 8 };

typedef struct page {
    xmlDocPtr doc;
    xmlNodePtr body;
    xmlNodePtr main;                     /* the main slot (the body when the theme has none) */
    xmlNodePtr nav;                      /* NULL when the theme has no such slot */
    xmlNodePtr footer;                   /* NULL when the theme has no such slot */
    char prefix[3 * PAGE_DEPTH_MAX + 1]; /* "../" per directory level */
} page;

/* Returns the body class of a kind: "page-index", "page-form", ... */
const char *page_kind_class(page_kind k);

/* Starts page p from theme t for a page depth directories below its site
 * root (public/ or private/): copies the template, prefixes the template's
 * relative href/src with "../" per level (and drops any template element
 * that would load something from another host), fills the title slot with
 * "title – site_title" (just site_title when title is NULL) and the
 * site-title slot, empties the other slots, and sets the body class.
 * Returns 0, or -1 when out of memory. Free with page_finish or
 * page_discard. */
int page_begin(page *p, const theme *t, page_kind kind, int depth, const char *title,
               const char *site_title);

/* Returns prefix + rel (a link from this page to rel, a path from the site
 * root) in buf of size n. */
const char *page_href(const page *p, const char *rel, char *buf, size_t n);

/* Serializes p (data-slot attributes removed) and frees its tree. Returns 0
 * and a malloc'd buffer (caller frees) in *out, or -1 when out of memory. */
int page_finish(page *p, unsigned char **out, size_t *len);

/* Frees p's tree without serializing it. */
void page_discard(page *p);

#endif
