/* agreement_page.h - the agreement page: agreement.html as it goes into an
 * agreement bundle, and the check that a bundle's page is exactly that.
 *
 * The page is bound to what the parties sign. Its <head> names the renderer
 * version that made it (<meta name="accord-render" content="N">) and holds
 * one <meta name="accord-...">  per fact it shows that the bundle does not
 * (agreement_facts). Renderer N makes the page from those facts plus the
 * bundle's signed answers, snapshot and META alone: no theme, no content
 * directory, no library's serializer, so its bytes never change. Every
 * version ever released stays compiled in, each with golden vectors
 * (tests/golden/agreement-page/). A page that is not byte for byte what its
 * renderer makes is refused; a page with no marker predates the binding
 * (legacy).
 */
#ifndef ACCORD_AGREEMENT_PAGE_H
#define ACCORD_AGREEMENT_PAGE_H

#include <stddef.h>

#include "model.h"

enum {
    AGREEMENT_PAGE_VERSION = 1, /* the version new agreement pages are made with */
    AGREEMENT_FACT_MAX = 4096,  /* bytes of one fact read back from a page */
};

/* A signature as the site's copy shows it (content-level: no bundle types). */
typedef struct page_signature {
    const char *party, *role; /* role: "mentee" or "mentor" */
    const char *key_id;       /* NULL: not signed yet */
    const char *signed_at;    /* UTC time, when signed */
} page_signature;

/* One revision in the history of the site's copy. */
typedef struct page_revision {
    int revision;
    const char *created;   /* UTC time */
    const char *href;      /* the page of that revision, relative */
    const char *signed_by; /* "Amira on 2026-09-22T09:15:00Z; Ben on ..." or "nobody yet" */
} page_revision;

/* What the site's copy adds to the page the parties signed: its state, the
 * verification block and the history. */
typedef struct page_site {
    const char *home_href;   /* the admin's list of agreements */
    const char *status;      /* "Signed by both parties." / "Awaiting ..." */
    int legacy;              /* the signed page carries no renderer marker */
    const char *bundle_href; /* the agreement bundle, beside the page */
    const char *digest;      /* the bundle digest */
    page_signature sigs[2];  /* mentee, mentor */
    const page_revision *history;
    size_t n_history;
    int current; /* the revision this page shows */
} page_site;

/* Makes agreement.html with renderer version (1..AGREEMENT_PAGE_VERSION)
 * from the view and the facts. Returns 0 and malloc'd bytes (caller frees),
 * or -1 when version is unknown or a fact is out of bounds (why set,
 * 256 bytes). */
int agreement_page_make(int version, const agreement_view *v, const agreement_facts *f,
                        unsigned char **out, size_t *len, char *why);

/* agreement_page_make with AGREEMENT_PAGE_VERSION (a page_binder's make). */
int agreement_page_make_current(const agreement_view *v, const agreement_facts *f,
                                unsigned char **out, size_t *len, char *why);

/* The page_binder of this accord's renderers. */
extern const page_binder agreement_pages;

/* The site's copy: the page renderer AGREEMENT_PAGE_VERSION makes, plus
 * site's blocks. Same return as agreement_page_make. */
int agreement_page_site(const agreement_view *v, const agreement_facts *f, const page_site *s,
                        unsigned char **out, size_t *len, char *why);

/* Checks html[0..len) against the view: reads the renderer version and the
 * facts from the page's head (copied into ar, stored in *facts when
 * PAGE_BOUND), renders again, compares byte for byte. On PAGE_DIFFERS why
 * (256 bytes) says what differs. */
page_binding agreement_page_check(const agreement_view *v, const unsigned char *html, size_t len,
                                  arena *ar, agreement_facts *facts, char *why);

/* The review date shown on an agreement page: created + months, calendar
 * months, the day clamped to the month's end, as YYYY-MM-DD; "?" when out
 * of range. */
void agreement_review_date(const char *created, int months, char out[11]);

#endif
