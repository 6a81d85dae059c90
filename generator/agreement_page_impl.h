/* agreement_page_impl.h - the renderer versions behind agreement_page.h
 * (for agreement_page*.c only). */
#ifndef ACCORD_AGREEMENT_PAGE_IMPL_H
#define ACCORD_AGREEMENT_PAGE_IMPL_H

#include "agreement_page.h"
#include "sbuf.h"

/* Renderer version 1 (agreement_page_v1.c): appends the page to b; with
 * site, the site's copy. Returns 0, or -1 with why set. */
int agreement_page_v1(const agreement_view *v, const agreement_facts *f, const page_site *site,
                      sbuf *b, char *why);

#endif
