/* impl.h - what the render files share (for the files of render/ only): pages made
 * from a theme's template, the HTML tree helpers, the escaping writer of
 * the agreement page, Markdown, and the agreement page's renderers. */
#ifndef ACCORD_RENDER_IMPL_H
#define ACCORD_RENDER_IMPL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "render.h"

/* --- themes: themes/<name>/page.html (the page template, parsed once) and
 * the asset files copied beside the pages. */

enum { THEME_FILE_MAX = 4 * 1024 * 1024 }; /* bytes: page.html or one asset */

struct theme {
    char *name;
    char *dir;      /* data_dir()/themes/<name> */
    xmlDocPtr page; /* parsed page.html; read-only once loaded */
    char **assets;  /* file names in dir other than page.html, sorted */
    size_t n_assets;
};

/* --- pages from a theme's page.html (template.c, written by page_write.c):
 * the template's tree is copied, its data-slot elements are found and
 * filled through the tree (never by pasting markup), and the result is
 * serialized as UTF-8 HTML with <!DOCTYPE html>. */

enum { PAGE_DEPTH_MAX = 8, PAGE_TOKEN_HEX = 32 };

typedef struct page {
    xmlDocPtr doc;
    xmlNodePtr body;
    xmlNodePtr main;                     /* the main slot (the body when the theme has none) */
    xmlNodePtr nav;                      /* NULL when the theme has no such slot */
    xmlNodePtr footer;                   /* NULL when the theme has no such slot */
    char prefix[3 * PAGE_DEPTH_MAX + 1]; /* "../" per directory level */
    struct page_payload *payloads;       /* values set aside (page_write.c), in the order set
                                            (malloc'd) */
    size_t n_payloads, cap_payloads;
    char token[PAGE_TOKEN_HEX + 1]; /* random per page once a payload is set: the placeholder */
} page;

/* Returns the body class of a kind: "page-index", "page-form", ... */
const char *page_kind_class(page_kind k);

/* Starts page p from theme t for a page depth directories below its site
 * root (public/ or private/): copies the template, prefixes the template's
 * relative href/src with "../" per level (and drops any template element
 * that would load something from another host), fills the title slot with
 * "title – site_title" (just site_title when title is NULL) and the
 * site-title slot, empties the other slots, and sets the body class.
 * Returns 0, or -1 when out of memory. Free with page_write, page_finish
 * or page_discard. */
int page_begin(page *p, const theme *t, page_kind kind, int depth, const char *title,
               const char *site_title);

/* Writes p (data-slot attributes removed) into out and frees it, tree
 * and payloads, whatever the result. Returns 0, or -1 when out of memory
 * or a payload could not be made (out may then hold part of the page). */
int page_write(page *p, const page_sink *out);

/* page_write into a malloc'd buffer (caller frees) in *out: 0, or -1. */
int page_finish(page *p, unsigned char **out, size_t *len);

/* Frees p's tree without serializing it. */
void page_discard(page *p);

/* Sets attribute name of el, an element of p, to len bytes in standard
 * padded base64 without the text passing through the tree: the attribute
 * holds a placeholder, random per page, which page_write and
 * page_main_html replace by the base64 as they write, so that a value
 * of megabytes is written once instead of copied through libxml2's tree
 * and serializer. Takes bytes (malloc'd) whatever the result: the page
 * frees them when finished or discarded. Placeholders must be serialized
 * in the order they were set (set them in document order); a
 * serialization that does not hold them all, in order, fails. 0, or -1
 * when out of memory. */
int page_attr_base64(page *p, xmlNodePtr el, const char *name, unsigned char *bytes, size_t len);

/* The same for a value made only as the page is written, so that it is
 * held no longer than it takes to write it: make(ctx, which, ...) is
 * called then, in the placeholders' order, and returns 0 with the bytes
 * (malloc'd, freed once written) in *bytes and *len, or -1 having said
 * why (which fails the write). ctx must outlive the page's writing. 0, or
 * -1 when out of memory. */
typedef int (*page_value_fn)(void *ctx, size_t which, unsigned char **bytes, size_t *len);
int page_attr_base64_later(page *p, xmlNodePtr el, const char *name, page_value_fn make, void *ctx,
                           size_t which);

/* Holds siblings first to last (the items of a long list, rendered) as
 * the markup they serialize to instead of as a tree: they are serialized,
 * freed, and a placeholder (a comment) put in their place, which
 * serialization replaces by that markup, byte for byte what the tree would
 * have written. Nothing may be added right after last later when it is
 * its parent's last child (the markup was written without a following
 * sibling). Nodes are kept as they are when folding them could change how
 * their neighbours are written (the parent's first child; a run that does
 * not start and end with an element). Placeholders follow
 * page_attr_base64's rule of order. 0, or -1 when out of memory. */
int page_fold(page *p, xmlNodePtr first, xmlNodePtr last);

/* A list folded as it grows: zero it, call page_list_add with each item
 * just appended to the list's element, page_list_end after the last; the
 * items are folded PAGE_LIST_FOLD at a time, so that a list of thousands
 * of items never stands as a tree. 0, or -1 when out of memory. */
enum { PAGE_LIST_FOLD = 32 };
typedef struct page_list {
    xmlNodePtr first; /* the first item not folded yet */
    size_t n;         /* items from it */
} page_list;
int page_list_add(page *p, page_list *l, xmlNodePtr item);
int page_list_end(page *p, page_list *l);

/* Serializes the children of p's main (not main itself) as UTF-8 HTML,
 * leaving p as it was. Returns 0 and a malloc'd NUL-terminated buffer
 * (caller frees) in *out, or -1 when out of memory. */
int page_main_html(const page *p, unsigned char **out, size_t *len);

/* --- HTML trees: building HTML trees with libxml2 so that text is escaped by
 * construction, and the URL allowlist every generated or user-given link
 * passes through.
 *
 * Every helper takes literal text: element content goes in through
 * xmlNewText (never parsed for markup or entities) and attribute values
 * through xmlSetProp, and libxml2's serializer escapes both on output.
 */

/* Appends a new element name to parent, with literal text as its content
 * when text is not NULL. Returns the new element (owned by parent's doc). */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);

/* As html_el, with a class attribute (cls may be NULL). */
xmlNodePtr html_elc(xmlNodePtr parent, const char *name, const char *cls, const char *text);

/* Sets attribute name of n to the literal value (value NULL: a boolean
 * attribute such as hidden, written without a value). */
void html_attr(xmlNodePtr n, const char *name, const char *value);

/* Sets attribute name of n to value in decimal. */
void html_attr_number(xmlNodePtr n, const char *name, long long value);

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

/* --- HTML as text: writing HTML as text, for pages whose bytes must never change
 * with a library version (the signed agreement page).
 *
 * Markup comes only from the string literals of the caller; every text or
 * attribute value a person or file supplied goes through hw_text or
 * hw_attr, which escape it. hw_unescape reverses exactly this escaping. */

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

/* --- Markdown: GitHub-flavoured Markdown (cmark-gfm, safe mode) rendered
 * into an HTML tree and sanitized there.
 *
 * cmark-gfm's own safe mode already turns raw HTML into comments and blanks
 * javascript: URLs, but it keeps data: image URLs and any http(s) image, so
 * its output is parsed into a libxml2 tree and walked: only an allowlist of
 * elements and attributes survives, links pass url_link_allowed and images
 * url_src_allowed (relative only: no page makes a request to another host).
 */

/* Renders md (len bytes; need not be NUL-terminated) and appends the
 * sanitized nodes as children of parent. When title is not NULL, stores in
 * it the plain text of the first level-1 heading (malloc'd, caller frees) or
 * NULL when there is none. Returns 0, or -1 after reporting to d (limits
 * exceeded, or out of memory). */
int markdown_render(xmlNodePtr parent, const char *name, const char *md, size_t len, char **title,
                    diag *d);

/* The plain text of the first level-1 heading of md (ATX or setext, as
 * cmark-gfm reads it): malloc'd (caller frees), or NULL when there is none. */
char *markdown_heading(const char *md, size_t len);

/* --- the agreement page renderer versions (agreement_page*.c) */

/* Renderer version 1 (agreement_page_v1.c): appends the page to b; with
 * site, the site's copy. Returns 0, or -1 with why set. */
int agreement_page_v1(const agreement_view *v, const agreement_facts *f, const page_site *site,
                      sbuf *b, char *why);

/* --- what the page kinds share */

/* Renders job j (any kind but PAGE_AGREEMENT and PAGE_PERSONAL, which
 * render_job writes as they go) into page p, which the caller finishes or
 * discards. Returns 0, or -1 after reporting to d. */
int render_job_page(const render_ctx *rc, const page_job *j, page *p, diag *d);

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
/* The k-th part of a large program's dashboard (from 0), below private/,
 * and of its list of forms (names public), below public/. */
const char *render_dashboard_part_path(arena *ar, size_t k);
const char *render_forms_part_path(arena *ar, size_t k);

/* How many parts of DASHBOARD_ROWS_MAX the lists of c's agreements are in:
 * 0 when one page lists them all. */
size_t render_list_parts(const content *c);

/* What the home page and the forms page say above the part list, with the
 * number of agreements and DASHBOARD_ROWS_MAX. */
#define FORMS_IN_PARTS                                                                             \
    "This program has %zu agreements. Their forms are listed on the pages below, %d "              \
    "agreements each, in the order of the agreements' ids: open the page with yours."

/* Appends to parent a <ul class=cls> linking each part of c's list
 * ("Agreements 1 to 500: first-id to last-id"), the k-th at path(ar, k)
 * (relative to p's root). */
void render_part_list(const content *c, const page *p, xmlNodePtr parent, const char *cls,
                      const char *(*path)(arena *ar, size_t k), arena *ar);

/* Appends to parent the list of the agreements rows[0..n) of rc's content
 * (rows NULL: every one): both parties' names and links to the mentee's
 * and the mentor's form, and to the signing page of each agreement that
 * has one (paths built in ar), or "No agreements yet." With names private
 * it names nobody: it says that each person reaches their forms through
 * their own link. 0, or -1 when out of memory. */
int render_agreement_list(const render_ctx *rc, page *p, xmlNodePtr parent, const size_t *rows,
                          size_t n, arena *ar);

/* The signing page of an agreement (countersign_page.c; paths.c): with names
 * public, public/countersign/<agreement>.html exists exactly for the
 * agreements with at least one agreement bundle the build writes beside its page in
 * private/agreements/ (made or accepted by the build: a refused bundle is
 * never one). Its path below public/, in ar. */
int render_has_countersign(const agreement_status *st);
const char *render_countersign_path(arena *ar, const char *agreement_id);

/* The mentor's review page (review.c; paths.c) exists while the agreement of st is
 * not signed and its current revision has the mentee's answers. */
int render_has_review(const agreement_status *st);

/* Appends to parent the list of the sample agreement of each agreement
 * questionnaire (links in ar). */
void render_sample_list(const page *p, xmlNodePtr parent, const content *c, arena *ar);

/* Appends to parent the list of the IDP forms of the mentees of
 * agreements rows[0..n) (rows NULL: of every mentee), each once (links in
 * ar); nothing with names private. */
void render_idp_list(const page *p, xmlNodePtr parent, const content *c, const size_t *rows,
                     size_t n, arena *ar);

/* What a form page holds (render_form_body): the public form, the private
 * prefilled next-revision form, and the mentor's review form. */
typedef struct form_spec {
    page *page;               /* the page the form is on */
    const questionnaire *q;   /* the questionnaire answered */
    const char *digest;       /* its digest */
    const unsigned char *xml; /* its canonical bytes, which a signed bundle carries */
    size_t xml_len;
    const char *program; /* the program id */
    const agreement *ag; /* NULL for an IDP form */
    party_role role;
    const char *party;
    int revision;
    const char *previous;   /* revision > 1: data-previous */
    const answers *prefill; /* inputs prefilled from these answers, or NULL */
    const answers *notes;   /* notes prefilled from these (NULL: from prefill) */
    const answers *mentee;  /* review forms: the mentee's answers shown beside each question */
    const char *mentee_name;
    int review;            /* data-review="true" and the mentee's column */
    const answers *agreed; /* a review of revision > 1: revision agreed_revision's final
                              answers, which the mentee's column says when they changed */
    int agreed_revision;
    const answers *agreed_mentee; /* with agreed: the mentee's answers of that revision, whose
                                     notes the mentee's column says when they changed */
    const char *keys[2];          /* by role: the party's key lines (render_form_keys); NULL: none
                                     written (the mentor of an IDP form) */
    const char *validity;   /* with a ledger: data-key-validity (render_form_keys), else NULL */
    const char *indexed;    /* with a ledger: data-indexed, else NULL */
    conflict_counts counts; /* out: what the review's summary counts */
} form_spec;

/* answers_hold of each *v[0..n) (NULL stays NULL): what a page shows of
 * answers a build set aside, read back (in ar). 0, or -1 after reporting
 * at path. */
int render_hold_answers(const answers **const *v, size_t n, arena *ar, const char *path, diag *d);

/* The key lines of party from the program's keys (rc->keys): space-
 * separated in file-name order, "" when the program has none (in ar). The
 * value of data-keys-mentee and data-keys-mentor wherever a page has them. */
const char *render_key_list(const render_ctx *rc, const char *party, arena *ar);

/* Sets fs->keys from the program's keys (rc->keys): for an agreement form
 * both parties' key lines, for an IDP form the mentee's only; each party's
 * lines space-separated in file-name order, "" when it has none (in ar). */
void render_form_keys(const render_ctx *rc, form_spec *fs, arena *ar);

/* With a program ledger, what a page's scripts need to decide each
 * signature's validity by index order as ledger_check_report does, without
 * the whole index (minisign.js keysOf reads both):
 *
 *   data-key-validity  one token per roster key of the page's parties,
 *                      space-separated: "KEYID:FROM" or, for a revoked key,
 *                      "KEYID:FROM:REVOKED:REASON" (KEYID the 16 hex digits
 *                      minisign prints, FROM and REVOKED index SEQs, REASON
 *                      lost, compromised, replaced or left).
 *   data-indexed       one "SEQ:SHA256" per bundle or signature entry of the
 *                      page's subject (its agreement, or the mentee of an
 *                      IDP), in index order: the bundle digest or the
 *                      .minisig's SHA-256 that entry records.
 *
 * A signature counts when the SEQ recording its evidence (for answers the
 * SHA-256 of the MANIFEST it signs, for a countersignature its .minisig's)
 * is after its key's FROM and, for a revoked key, before REVOKED; evidence
 * not listed counts as not in the index: refused for a revoked key,
 * accepted otherwise. Both NULL without a ledger (no attributes). */
const char *render_key_validity(const render_ctx *rc, const char *mentee, const char *mentor,
                                arena *ar);
const char *render_indexed(const render_ctx *rc, const agreement *ag, const char *mentee,
                           arena *ar);

/* Sets data-key-validity and data-indexed on el when both are given. */
void render_ledger_attrs(xmlNodePtr el, const char *validity, const char *indexed);

/* Appends the form of fs (the markup the page scripts read: data-
 * attributes on the form and on each question; the mentee's column when
 * fs->review) and the check-your-answers section after it to parent.
 * Returns 0, or -1 after reporting to d. */
int render_form_body(xmlNodePtr parent, form_spec *fs, diag *d);

/* Appends the words a mentor's form or review page starts with, in place of
 * the questionnaire's intro (which speaks to the mentee): the mentee
 * answered first, and their answers are shown beside each question (review
 * 1) or can be loaded (review 0); where the answers differ, talk it
 * through; the mentor's answers are final; every question has room for a
 * note. then, when not NULL, closes it. */
void render_mentor_intro(xmlNodePtr parent, int review, const char *then);

/* Appends the mentee's read-only column to question element box and
 * returns the flag it shows: mentee is the mentee's answer (or NULL), mentor
 * the mentor's as prefilled (NULL when not answered or hidden); when
 * fs->agreed is set and the mentee's answer differs from the one agreed
 * there, p.changed-since says what was agreed; likewise when the mentee's
 * note differs from their note in fs->agreed_mentee. */
int render_mentee_answer(xmlNodePtr box, const question *q, const answer *mentee,
                         const answer *mentor, const char *mentee_name, const form_spec *fs);

/* Appends the text of answer an to question q as its labels (", "-joined;
 * "Other: text" for value other) or its text. */
void render_answer_text(xmlNodePtr parent, const question *q, const answer *an);

/* Appends the element keys.js drives to make or check a key pair:
 * <div class="accord-keys" id="accord-keys"> with the key's password cost
 * and shortest password, and data-program (program_id, when not NULL),
 * data-program-title and data-contact (when not NULL). */
void render_keys_box(xmlNodePtr parent, const char *program_id, const char *program_title,
                     const char *contact);

/* Sets on el the limits of the zips the page scripts read and check
 * (data-zip-max-bytes, -members, -name, -extra): the verifier's. */
void render_zip_limits(xmlNodePtr el);

/* The page kinds, each in its own file. */
int render_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_guide(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_guide_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_keys(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_questions(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_form(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_form_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_sample(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_private_index(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_review(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_countersign(const render_ctx *rc, const page_job *j, page *p, diag *d);
int render_personal(const render_ctx *rc, const page_job *j, const page_sink *out, diag *d);

/* Personal pages (personal.c; paths.c): the people who get one (a party of some
 * agreement) when c has a secret; person i's page path below the site
 * root, "public/p/<opaque>.html", in ar. */
int render_has_personal(const content *c, size_t i);
const char *render_personal_path(const content *c, size_t i, arena *ar);

/* The file name, among a person's sealed pages, of the form (kind
 * PAGE_FORM), review page (PAGE_REVIEW) or signing page (PAGE_COUNTERSIGN)
 * of the person's n-th agreement (from 1, by agreement id), "form-2.html";
 * and of revision r's agreement page (PAGE_AGREEMENT, "agreement-2-r1.html")
 * or agreement bundle ("agreement-2-r1.accord"); in ar. */
const char *render_personal_file(arena *ar, page_kind kind, size_t n);
const char *render_personal_agreement(arena *ar, size_t n, int r, const char *ext);

/* A mentee's signed IDP among their sealed pages: PERSONAL_IDP_PLAN.html to
 * read, .accord its bundle. A mentor sees the IDP of the mentee of their
 * n-th agreement as render_personal_mentee_idp(n), "idp-2.html", only when
 * the program shares IDPs with mentors: render_mentor_sees_idp gives it
 * (NULL otherwise, and for a mentee's role). */
#define PERSONAL_IDP_PLAN "idp-plan"
const char *render_personal_mentee_idp(arena *ar, size_t n);
const idp_view *render_mentor_sees_idp(const render_ctx *rc, const agreement *ag, party_role role);

/* What changed (changes.c). render_answer_string: an answer in words
 * ("no answer" when none), in ar. render_answer_changed: 1 when before and
 * after say different things (values as a set, other text, text; NULL is
 * no answer). render_changes: the changes from revision before to after of
 * an agreement (each its mentee's and mentor's answers, held), per
 * question of q (after's snapshot) in its order: the
 * agreed (mentor's) answer, then each party's note (names: mentee's,
 * mentor's, for the words); sets *out (in ar), returns how many. */
const char *render_answer_string(const question *q, const answer *an, arena *ar);
int render_answer_changed(const answer *before, const answer *after);
/* 1 when before and after carry different notes (NULL and no note are the same). */
int render_note_changed(const answer *before, const answer *after);
size_t render_changes(const questionnaire *q, const answers *const before[2],
                      const answers *const after[2], const char *names[2], page_change **out,
                      arena *ar);

/* A mentee's signed IDP to read (idp_view.c), appended to m. */
void render_idp_view(const render_ctx *rc, const idp_view *v, xmlNodePtr m, arena *ar);

/* A mentee's IDP form among their sealed pages: person i has one when they
 * are a mentee and the program has an IDP. */
#define PERSONAL_IDP_FILE "idp.html"
int render_has_personal_idp(const content *c, size_t i);

/* Appends P's home (personal_home.c): the heading, the greeting, P's open
 * steps and P's agreements, every link to another of P's pages an
 * <a href="#" data-personal-page=FILE>. */
void render_personal_home(const render_ctx *rc, const person *who, xmlNodePtr m, arena *ar);
/* The site's copy of an agreement page: bytes made by the agreement page
 * renderer rather than a theme page (malloc'd, caller frees). Returns 0,
 * or -1 after reporting to d. */
int render_agreement_page(const render_ctx *rc, const page_job *j, unsigned char **out, size_t *len,
                          diag *d);

#endif
