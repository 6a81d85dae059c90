/* render.h - the pages of a site: the plan (which pages exist, from the
 * content and the program's state) and the rendering of each page into
 * HTML bytes, through a theme; and the agreement page, which no theme
 * touches. Includes content and base only: the program's state arrives as
 * content-level views (program_state), never as bundles.
 *
 * Each page is rendered on its own from read-only inputs, so pages can be
 * rendered in any order or in parallel; the plan's order is sorted and
 * fixed, which keeps the output deterministic.
 */
#ifndef ACCORD_RENDER_H
#define ACCORD_RENDER_H

#include <stddef.h>

#include "base.h"
#include "content.h"

typedef enum {
    PAGE_INDEX,
    PAGE_GUIDE,
    PAGE_GUIDE_INDEX,
    PAGE_KEYS,      /* public/keys.html: making a key pair in the browser */
    PAGE_QUESTIONS, /* public/questions.html: a mentor writing their own questions */
    PAGE_FORM,
    PAGE_FORM_INDEX,
    PAGE_SAMPLE,
    PAGE_COUNTERSIGN, /* public/countersign/<agreement>.html: signing the agreement */
    PAGE_PRIVATE_INDEX,
    PAGE_REVIEW,      /* private/review/<agreement>.html */
    PAGE_AGREEMENT,   /* private/agreements/<agreement>-r<N>.html */
    PAGE_SIGNING_KIT, /* the page inside public/signing-kit.zip: no job of the plan */
    PAGE_PERSONAL,    /* public/p/<opaque>.html: one person's sealed pages */
} page_kind;

/* Sets up the libraries pages are made with (libxml2, cmark-gfm's
 * extensions). Call once, before any thread renders or checks a page. */
void render_init(void);

/* A theme: its page template and the files copied beside the pages. */
typedef struct theme theme;

/* Loads the theme called name (a folder of the themes accord finds beside
 * itself; see data_dir). Returns it (free with theme_close), or NULL after
 * reporting to d: an unknown theme or a page.html without a body is an
 * error of the content (program_file names the theme); an unreadable file
 * an I/O error. */
theme *theme_open(const char *name, const char *program_file, diag *d);
void theme_close(theme *t);

/* The folder theme t was read from: everything it makes pages with. */
const char *theme_dir(const theme *t);

/* Writes the theme's files to public/assets/ and private/assets/ of w.
 * Returns 0, or -1 after reporting to d. */
int theme_copy_assets(const theme *t, site_writer *w, diag *d);

/* --- the signing kit: public/signing-kit.zip, which a person downloads
 * once, checks against the SHA-256 printed in accord's README, unpacks and
 * opens from their own computer, so that the scripts that see their key
 * and password are the ones they checked, not whatever the site's host
 * serves later. It holds nothing of the program: the same accord version
 * and theme give the same bytes, whatever the content. */

#define SIGNING_KIT_FILE "signing-kit.zip" /* in public/ */

/* Every time in the kit's zip: 1980-01-01T00:00:00Z, the smallest DOS time. */
enum { SIGNING_KIT_MTIME = 315532800 };

/* The kit's files in the order the zip holds them: signing-kit/signing-
 * kit.html (made from t's page.html), then signing-kit/assets/<file> for
 * each file theme_copy_assets copies, by name, with the same bytes.
 * Returns 0 and the members (free with render_signing_kit_free), or -1
 * after reporting to d. */
int render_signing_kit(const theme *t, zipread_member **members, size_t *n, diag *d);
void render_signing_kit_free(zipread_member *members, size_t n);

/* One public key the program holds for a party, as the form pages give it
 * to their scripts. */
typedef struct party_key {
    const char *party;
    const char *file; /* the key file's name: a party's keys go in its order */
    const char *line; /* the key file's second line: base64 of "Ed", key number, key */
} party_key;

/* The keys of kr (content/keys/ as the build loaded it), sorted by party,
 * then file name, in ar; their count in *n. A key trusted for any party
 * belongs to nobody's list and is left out. */
party_key *render_party_keys(const keyring *kr, arena *ar, size_t *n);

/* One bundle or signature entry of the index, as a page names it: its
 * subject (in the page ledger's arena), SEQ and last field (a SHA-256). */
typedef struct subject_entry {
    const char *subject;
    long seq;
    unsigned char sha256[32];
} subject_entry;

/* With a program ledger (README "Program key, roster and index"), what
 * the pages need to apply validity by index order to the keys they carry:
 * the latest roster, the index's bundle and signature entries, and each
 * agreement's and person's name as the index writes it (the id, or "h:"
 * and its keyed hash with names private). */
typedef struct page_ledger {
    const ledger_roster *roster;
    const char *const *agreement_names; /* in c->agreements' order */
    const char *const *person_names;    /* in c->people's order */
    /* render_page_ledger_sort: the roster's keys by party, then from, then
     * key number; the index's bundle and signature entries by subject, then
     * SEQ; so that a page finds its own without reading every key or entry */
    const roster_key **keys_by_party;
    subject_entry *entries_by_subject;
    size_t n_entries_by_subject;
} page_ledger;

/* Fills pl's keys_by_party from its roster and entries_by_subject from
 * index ix, in ar: the entries are copies, so ix may be released after. */
void render_page_ledger_sort(page_ledger *pl, const ledger_index *ix, arena *ar);

typedef struct render_ctx {
    const content *c;
    const theme *t;
    const program_state *ps;         /* what the verified bundles say */
    const char *const *guide_titles; /* render_guide_titles */
    const party_key *keys;           /* render_party_keys */
    size_t n_keys;
    const page_ledger *ledger; /* NULL without a program ledger */
    const char *kit_sha256;    /* the signing kit's SHA-256 in hex; NULL: no kit is written */
    const effective *const *effectives; /* effective_build_all's, or NULL: built per form */
} render_ctx;

/* The title of each guide page of c, in c->guide's order: the text of its
 * first level-1 heading as cmark-gfm reads it (ATX or setext), else the
 * page's name. Reads each page once, so index pages need not. Returns the
 * array (in ar), or NULL after reporting to d.
 *
 * Guide pages are read, here and when rendered, with every GUIDE_KIT_TOKEN
 * replaced by kit_sha256 (left as it is when kit_sha256 is NULL), before
 * any Markdown is read. */
const char **render_guide_titles(const content *c, const char *kit_sha256, arena *ar, diag *d);

#define GUIDE_KIT_TOKEN "{{signing-kit-sha256}}"

typedef struct page_job {
    /* pointers and sizes first, then the int-sized fields: no padding */
    const char *path;          /* below the site root: "public/guide/index.html" */
    size_t item;               /* index of the guide page, agreement, person or questionnaire */
    const char *sealed_bundle; /* PAGE_COUNTERSIGN among a person's sealed pages: the
                                  sealed file of the agreement bundle to sign, or NULL */
    const size_t *rows;        /* PAGE_PRIVATE_INDEX, or PAGE_FORM_INDEX with names public,
                                  of a program of more than DASHBOARD_ROWS_MAX agreements:
                                  the agreements (indices) this part of the list holds;
                                  NULL: the overview (or the whole list of a smaller
                                  program) */
    size_t n_rows;
    page_kind kind;
    int depth;        /* directories below public/ or private/ */
    int idp;          /* PAGE_FORM: the IDP of a mentee rather than an agreement */
    party_role role;  /* PAGE_FORM of an agreement */
    int revision;     /* PAGE_AGREEMENT: the revision shown */
    int private_form; /* PAGE_FORM: the prefilled next-revision form of private/forms/ */
} page_job;

/* The most agreements one page lists: a larger program's
 * private/index.html is an overview (the counts, and a link to each part)
 * and private/dashboard/agreements-N.html the N-th part of the list; with
 * names public, public/index.html and public/forms/index.html link the
 * parts of the list of forms, public/forms/agreements-N.html. So one new
 * bundle rewrites one part, not every agreement's row, and no page grows
 * with the program. */
enum { DASHBOARD_ROWS_MAX = 500 };

/* Lists every page of the site of content c in program state ps, in a
 * fixed order: the public pages (with names public, the forms and a
 * signing page for each agreement that has an agreement bundle in ps;
 * with names private, none of these; when c has a secret, a personal
 * page for each party of some agreement), then the private ones (the
 * dashboard and its parts, review pages, agreement pages, next-revision
 * forms). Returns the jobs (allocated in ar) and their count in *n. */
page_job *render_plan(const content *c, const program_state *ps, arena *ar, size_t *n);

/* The agreements whose state in the program state job j is rendered
 * from (indices into c's agreements): 0 with them in *list (n of them,
 * none for a page of content alone), or -1 when the page reads every
 * agreement's (the index pages and the dashboard). A page reads nothing
 * else of the bundles: a person's pages read their own agreements, a part
 * of the dashboard its rows, and an IDP is read through its mentee's
 * agreements. */
int render_job_agreements(const content *c, const page_job *j, const size_t **list, size_t *n);

/* Reports, as content errors, pages of the plan that would be written to
 * the same path (an agreement "idp" and a mentee "mentee" both give
 * forms/idp-mentee.html). Returns 0, or -1 after reporting to d. */
int render_plan_check(const page_job *jobs, size_t n, diag *d);

/* Checks every Markdown text of content c (intros, help, guide pages)
 * against the Markdown limits before anything is written, so an input over
 * them is a content problem like any other. Returns 0, or -1 after reporting
 * each problem to d. */
int render_check_markdown(const content *c, diag *d);

/* Where a page's bytes go as it is written: put(to, ...) takes each piece
 * in order (it cannot fail: a sink keeps its own failure). */
typedef struct page_sink {
    void (*put)(void *to, const void *bytes, size_t len);
    void *to;
} page_sink;

/* Renders job j into out, a piece at a time, so that a page need never
 * be held whole. Returns 0, or -1 after reporting to d (out may then hold
 * part of the page: drop it). Thread-safe for different jobs as long as d
 * is private to the thread. */
int render_job(const render_ctx *rc, const page_job *j, const page_sink *out, diag *d);

/* --- the agreement page: agreement.html as it goes into an
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

/* One thing that changed between two revisions: of question (its text),
 * what ("Agreed answer", "Note of Amira Testwell"), before and after in
 * words. */
typedef struct page_change {
    const char *question, *what, *before, *after;
} page_change;

/* What the site's copy adds to the page the parties signed: its state,
 * what changed since the revision before, the verification block and the
 * history. */
typedef struct page_site {
    const char *home_href;   /* the admin's list of agreements */
    const char *status;      /* "Signed by both parties." / "Awaiting ..." */
    int legacy;              /* the signed page carries no renderer marker */
    const char *bundle_href; /* the agreement bundle, beside the page */
    const char *digest;      /* the bundle digest */
    page_signature sigs[2];  /* mentee, mentor */
    const page_revision *history;
    size_t n_history;
    int current;                /* the revision this page shows */
    const page_change *changes; /* since revision current - 1 (none for revision 1) */
    size_t n_changes;
    long indexed_at;             /* with a ledger: the index entry listing the bundle, or 0 */
    const char *checkpoint_href; /* the kept checkpoint naming it, beside the page, or NULL */
    long checkpoint_entries;
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

/* Person i's personal link relative to public/, "p/<name>.html#k=<key>"
 * (seal.h), in ar; NULL when they have no personal page (no program
 * secret, or a party of no agreement). The link opens their pages: it
 * goes to them alone, never into anything published. */
const char *render_personal_link(const content *c, size_t i, arena *ar);

#endif
