/* render.h - the pages of a site: the plan (which pages exist, from the
 * content alone) and the rendering of each page into HTML bytes.
 *
 * Each page is rendered on its own from read-only inputs (content, theme),
 * so pages can be rendered in any order or in parallel; the plan's order is
 * sorted and fixed, which keeps the output deterministic.
 */
#ifndef ACCORD_RENDER_H
#define ACCORD_RENDER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "template.h"
#include "theme.h"

struct bundle_set;

typedef struct render_ctx {
    const content *c;
    const theme *t;
    const struct bundle_set *bs; /* the verified bundles (bundles.h); NULL: none */
} render_ctx;

typedef struct page_job {
    page_kind kind;
    const char *path; /* below the site root: "public/guide/index.html" */
    int depth;        /* directories below public/ or private/ */
    int idp;          /* PAGE_FORM: the IDP of a mentee rather than an agreement */
    size_t item;      /* index of the guide page, agreement, person or questionnaire */
    party_role role;  /* PAGE_FORM of an agreement */
    int revision;     /* PAGE_AGREEMENT: the revision shown */
    int private_form; /* PAGE_FORM: the prefilled next-revision form of private/forms/ (D7) */
} page_job;

/* Lists every page of content c's site, in a fixed order. Returns the jobs
 * (allocated in ar) and their count in *n. */
page_job *render_plan(const content *c, arena *ar, size_t *n);

/* Reports, as content errors, pages of the plan that would be written to
 * the same path (an agreement "idp" and a mentee "mentee" both give
 * forms/idp-mentee.html). Returns 0, or -1 after reporting to d. */
int render_plan_check(const page_job *jobs, size_t n, diag *d);

/* Checks every Markdown text of content c (intros, help, guide pages)
 * against the Markdown limits before anything is written, so an input over
 * them is a content problem like any other. Returns 0, or -1 after reporting
 * each problem to d. */
int render_check_markdown(const content *c, diag *d);

/* Renders job j. Returns 0 and the page's bytes in *out (malloc'd, caller
 * frees), or -1 after reporting to d. Thread-safe for different jobs as long
 * as d is private to the thread. */
int render_job(const render_ctx *rc, const page_job *j, unsigned char **out, size_t *len, diag *d);

/* --- for the render_*.c files ----------------------------------------- */

/* Begins page p for job j with title (NULL: the program title alone), and
 * fills the nav and footer slots. Returns 0 or -1 (out of memory). */
int render_page_begin(const render_ctx *rc, const page_job *j, page *p, const char *title);

/* Appends <a href=(p's prefix + rel)>text</a> to parent; returns the <a>. */
xmlNodePtr render_link(const page *p, xmlNodePtr parent, const char *rel, const char *text);

/* Appends <table class=cls> with a header row of the n column heads (th
 * scope=col) to parent; returns its (empty) <tbody>. */
xmlNodePtr render_table(xmlNodePtr parent, const char *cls, const char *const *heads, size_t n);

/* Renders Markdown md (from file name, for messages) into a new <div
 * class=cls> under parent. Returns 0, or -1 after reporting to d. NULL md
 * adds nothing. */
int render_markdown(xmlNodePtr parent, const char *cls, const char *name, const char *md, diag *d);

/* Returns the name of person id, or id itself when unknown. */
const char *render_person_name(const content *c, const char *id);

/* Returns the site-root path of a page, in the arena: form of agreement ag
 * for role r, IDP form of a mentee, sample of a questionnaire. */
const char *render_form_path(arena *ar, const char *agreement_id, party_role r);
const char *render_idp_path(arena *ar, const char *mentee);
const char *render_sample_path(arena *ar, const char *questionnaire_id);

/* Appends to parent the list of every agreement of c: both parties' names
 * and links to the mentee's and the mentor's form (paths built in ar), or
 * "No agreements yet." */
void render_agreement_list(const page *p, xmlNodePtr parent, const content *c, arena *ar);

/* Returns 1 when person id is the mentee of some agreement. */
int render_is_mentee(const content *c, const char *id);

/* What a form page holds (render_form_body): the public form, the private
 * prefilled next-revision form, and the mentor's review form. */
typedef struct form_spec {
    const questionnaire *q; /* the questionnaire answered */
    const char *digest;     /* its digest */
    const char *program;    /* the program id */
    const agreement *ag;    /* NULL for an IDP form */
    party_role role;
    const char *party;
    int revision;
    const char *previous;   /* revision > 1: data-previous */
    const answers *prefill; /* inputs prefilled from these answers, or NULL */
    const answers *notes;   /* notes prefilled from these (NULL: from prefill) */
    const answers *mentee;  /* review forms: the mentee's answers shown beside each question */
    const char *mentee_name;
    int review;             /* data-review="true" and the mentee's column */
    int conflicts, discuss; /* out: the review's flag counts */
} form_spec;

/* Appends the form of fs (markup of notes/site-contract.md, plus the
 * mentee's column of issue4-contract.md "D5 markup as built" when
 * fs->review) and the review section after it to parent. Returns 0, or -1
 * after reporting to d. */
int render_form_body(xmlNodePtr parent, form_spec *fs, diag *d);

/* Appends the mentee's read-only column to question element box (D5) and
 * returns the flag it shows: mentee is the mentee's answer (or NULL), mentor
 * the mentor's as prefilled (NULL when not answered or hidden). */
int render_mentee_answer(xmlNodePtr box, const question *q, const answer *mentee,
                         const answer *mentor, const char *mentee_name);

/* Appends the text of answer an to question q as its labels (", "-joined;
 * "Other: text" for value other) or its text. */
void render_answer_text(xmlNodePtr parent, const question *q, const answer *an);

/* Returns created (a META time) + months, calendar months, same day
 * clamped to the month's end, as "YYYY-MM-DD" in ar (the next review). */
const char *render_review_date(arena *ar, const char *created, int months);

/* Lists the private pages that the verified bundles bs give (review pages,
 * agreement pages, prefilled next-revision forms), in a fixed order, after
 * the n jobs of v (v allocated in ar; grows). Returns the new list; *n is
 * updated. */
page_job *render_plan_bundles(const content *c, const struct bundle_set *bs, arena *ar, page_job *v,
                              size_t *n);

/* The page kinds, each in its own file. */
int render_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_guide(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_guide_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_form(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_form_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_sample(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_private_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_review(const render_ctx *rc, const page_job *j, page *p, diag *d);
/* The site's copy of an agreement page: bytes made by the agreement page
 * renderer rather than a theme page (malloc'd, caller frees). Returns 0,
 * or -1 after reporting to d. */
int render_agreement_page(const render_ctx *rc, const page_job *j, unsigned char **out, size_t *len,
                          diag *d);

#endif
