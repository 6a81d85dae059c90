/* personal.c - public/p/<opaque>.html, one person's pages sealed under
 * their link key (see seal.h).
 *
 * A person gets a page when the content has a secret and they are a party
 * of at least one agreement. The page is a theme page that names nobody:
 * its main holds one hidden <div class="sealed-page"> per sealed file,
 * sorted by file name with index.html last, each carrying page_seal's
 * output for page name "<opaque>/<file>" in standard padded base64. The
 * .html files but the agreement pages are the main's children of pages
 * rendered here at depth 1, as public/forms/ is, so their relative links
 * work from public/p/:
 *   index.html           the person's home (personal_home.c)
 *   form-<N>.html        the person's own form of their N-th agreement
 *                        (the next revision's, prefilled, once one is signed)
 *   review-<N>.html      a mentor's review page, while it exists (review.c)
 *   countersign-<N>.html the signing page, which opens the latest of:
 *   agreement-<N>-r<R>.accord  revision R's agreement bundle, as written
 *                        to private/agreements/ (a file to download)
 *   agreement-<N>-r<R>.html    its agreement page, the whole document
 *                        (a file to download: it is a page of its own)
 *   idp.html             a mentee's IDP form, when the program has an IDP
 *   idp-plan.html, .accord  their signed IDP to read, and its bundle
 *   idp-<N>.html         a mentor's: the mentee's signed IDP to read, when
 *                        the program shares IDPs with mentors
 * where N counts the person's agreements from 1 in the agreements' order
 * (by id): file names are in clear, and agreement ids often name both
 * parties, so no file name carries one.
 * Everything comes from read-only inputs, so personal pages render in
 * parallel with any other page, and the same content gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"
#include "seal.h"

/* One of a person's sealed files other than index.html: its name and what
 * it holds: a bundle's bytes as stored when stored is set, else the page
 * job renders. */
typedef struct sealed_file {
    const char *file;
    page_job job;
    const stored_bytes *stored;
    const idp_view *idp; /* when set: the page shows this IDP to read (idp_view.c) */
} sealed_file;

/* A person's page as it is written: their key and opaque name, and their
 * sealed files in the order they go in, index.html (number n) last. */
typedef struct sealer {
    const render_ctx *rc;
    const page_job *j; /* the personal page's job: errors name its path */
    const person *who;
    const unsigned char *key;
    const char *name;
    const sealed_file *v;
    size_t n;
    arena *ar;
    diag *d;
} sealer;

/* The main of inner, serialized into *html. 0, or -1 after reporting. */
static int main_of(const sealer *s, const char *file, const page *inner, unsigned char **html,
                   size_t *len)
{
    if (page_main_html(inner, html, len) != 0) {
        diag_error(s->d, s->j->path, 0, "cannot render %s: out of memory", file);
        return -1;
    }
    return 0;
}

/* What f holds before it is sealed, into *bytes (malloc'd): a bundle's
 * bytes, read back where they are kept, a theme page's main, or an
 * agreement page's whole document. 0, or -1 after reporting. */
static int file_bytes(const sealer *s, const sealed_file *f, unsigned char **bytes, size_t *len)
{
    const render_ctx *rc = s->rc;
    if (f->stored) {
        const char *why = stored_read(f->stored, bytes);
        if (why) {
            diag_io(s->d, f->stored->path, "cannot read the bundle for %s again: %s", s->j->path,
                    why);
            return -1;
        }
        *len = f->stored->len;
        return 0;
    }
    if (f->job.kind == PAGE_AGREEMENT)
        return render_agreement_page(rc, &f->job, bytes, len, s->d);
    page q;
    memset(&q, 0, sizeof q);
    int r;
    if (f->idp) {
        arena ar = ARENA_INIT;
        r = render_page_begin(rc, &f->job, &q, "Individual development plan");
        if (r == 0) {
            render_idp_view(rc, f->idp, q.main, &ar);
            r = main_of(s, f->file, &q, bytes, len);
        } else {
            diag_error(s->d, s->j->path, 0, "cannot render %s: out of memory", f->file);
        }
        arena_release(&ar);
    } else {
        r = render_job_page(rc, &f->job, &q, s->d);
        if (r == 0 && !q.doc) {
            diag_error(s->d, s->j->path, 0, "cannot render %s: out of memory", f->file);
            r = -1;
        }
        if (r == 0)
            r = main_of(s, f->file, &q, bytes, len);
    }
    page_discard(&q);
    return r;
}

/* The person's home, index.html: the main of its page. */
static int home_bytes(const sealer *s, unsigned char **bytes, size_t *len)
{
    page_job hj = {.kind = PAGE_PERSONAL, .path = s->j->path, .depth = 1};
    page q;
    memset(&q, 0, sizeof q);
    if (render_page_begin(s->rc, &hj, &q, "Your pages") != 0) {
        diag_error(s->d, s->j->path, 0, "cannot render index.html: out of memory");
        return -1;
    }
    render_personal_home(s->rc, s->who, q.main, s->ar);
    int r = main_of(s, "index.html", &q, bytes, len);
    page_discard(&q);
    return r;
}

/* The file names of a person's page, in order. */
static const char *file_name(const sealer *s, size_t which)
{
    return which < s->n ? s->v[which].file : "index.html";
}

/* A page_value_fn: the person's which-th file, rendered and sealed. */
static int seal_one(void *ctx, size_t which, unsigned char **sealed, size_t *sealed_len)
{
    const sealer *s = ctx;
    const char *file = file_name(s, which);
    unsigned char *bytes;
    size_t len;
    if ((which < s->n ? file_bytes(s, &s->v[which], &bytes, &len) : home_bytes(s, &bytes, &len)) !=
        0)
        return -1;
    char pname[SEAL_NAME_MAX + 1];
    snprintf(pname, sizeof pname, "%s/%s", s->name, file);
    int r = page_seal(s->key, pname, bytes, len, sealed, sealed_len);
    if (r != 0)
        diag_error(s->d, s->j->path, 0, "cannot seal %s: %s", file,
                   errno == EFBIG ? "the page is too large" : "out of memory");
    free(bytes);
    return r;
}

static int by_file(const void *a, const void *b)
{
    return strcmp(((const sealed_file *)a)->file, ((const sealed_file *)b)->file);
}

/* Appends to v (at *n) the files of agreement i, the person's mine-th, in
 * which they take role: its form (prefilled from the last signed revision
 * when there is one), the mentor's review page, each revision's agreement
 * page and bundle, and the signing page, which opens the latest bundle. */
static void agreement_files(const render_ctx *rc, const sealer *s, size_t i, party_role role,
                            size_t mine, sealed_file *v, size_t *n, arena *ar)
{
    const agreement_status *st = program_state_find(rc->ps, rc->c->agreements[i].id);
    page_job sub = {.kind = PAGE_FORM, .path = s->j->path, .depth = 1, .item = i, .role = role};
    sub.private_form = agreement_status_last_signed(st) != NULL;
    v[(*n)++] = (sealed_file){render_personal_file(ar, PAGE_FORM, mine), sub, NULL, NULL};
    sub.private_form = 0;
    if (role == ROLE_MENTOR && render_has_review(st)) {
        sub.kind = PAGE_REVIEW;
        v[(*n)++] = (sealed_file){render_personal_file(ar, PAGE_REVIEW, mine), sub, NULL, NULL};
    }
    const char *latest = NULL;
    for (size_t r = 0; st && r < st->n_revs; r++) {
        const revision_view *rev = &st->revs[r];
        if (!rev->bundle)
            continue;
        sub.kind = PAGE_AGREEMENT;
        sub.revision = rev->revision;
        v[(*n)++] = (sealed_file){render_personal_agreement(ar, mine, rev->revision, "html"), sub,
                                  NULL, NULL};
        latest = render_personal_agreement(ar, mine, rev->revision, "accord");
        v[(*n)++] = (sealed_file){latest, sub, rev->bundle, NULL};
    }
    if (latest) {
        sub.kind = PAGE_COUNTERSIGN;
        sub.revision = 0;
        sub.sealed_bundle = latest;
        v[(*n)++] =
            (sealed_file){render_personal_file(ar, PAGE_COUNTERSIGN, mine), sub, NULL, NULL};
    }
    const idp_view *plan = render_mentor_sees_idp(rc, &rc->c->agreements[i], role);
    if (plan) {
        sub = (page_job){.kind = PAGE_PERSONAL, .path = s->j->path, .depth = 1};
        v[(*n)++] = (sealed_file){render_personal_mentee_idp(ar, mine), sub, NULL, plan};
    }
}

/* The sealed files of the agreements person `who` (the who-th person) is
 * a party of, and of their IDP, sorted by file name (in ar; *n of them). */
static sealed_file *sealed_files(const render_ctx *rc, const sealer *s, size_t who, arena *ar,
                                 size_t *n)
{
    const content *c = rc->c;
    const person *p = &c->people[who];
    size_t cap = 3;
    for (size_t k = 0; k < p->n_agreements; k++) {
        const agreement_status *st = program_state_find(rc->ps, c->agreements[p->agreements[k]].id);
        cap += 4 + 2 * (st ? st->n_revs : 0);
    }
    sealed_file *v = arena_alloc(ar, cap * sizeof *v);
    *n = 0;
    for (size_t k = 0; k < p->n_agreements; k++) {
        size_t i = p->agreements[k];
        int mentee = !strcmp(c->agreements[i].mentee, p->id);
        agreement_files(rc, s, i, mentee ? ROLE_MENTEE : ROLE_MENTOR, k + 1, v, n, ar);
    }
    if (render_has_personal_idp(c, who)) {
        page_job form = {.kind = PAGE_FORM,
                         .path = s->j->path,
                         .depth = 1,
                         .item = who,
                         .role = ROLE_MENTEE,
                         .idp = 1};
        v[(*n)++] = (sealed_file){PERSONAL_IDP_FILE, form, NULL, NULL};
        const idp_view *plan = program_state_idp(rc->ps, p->id);
        if (plan) {
            page_job view = {.kind = PAGE_PERSONAL, .path = s->j->path, .depth = 1};
            v[(*n)++] = (sealed_file){PERSONAL_IDP_PLAN ".html", view, NULL, plan};
            v[(*n)++] = (sealed_file){PERSONAL_IDP_PLAN ".accord", view, plan->bundle, NULL};
        }
    }
    qsort(v, *n, sizeof *v, by_file);
    return v;
}

/* The page holds one element per sealed file; each is rendered and sealed
 * only as the page is written (seal_one), so that a person's files are
 * never all held at once. */
int render_personal(const render_ctx *rc, const page_job *j, const page_sink *out, diag *d)
{
    const content *c = rc->c;
    const person *who = &c->people[j->item];
    if (!c->has_secret) {
        diag_error(d, j->path, 0, "no program secret to seal the page with");
        return -1;
    }
    unsigned char key[LINK_KEY_BYTES];
    char name[LINK_NAME_HEX + 1];
    link_key(c->secret, who->id, who->link_epoch, key);
    link_name(c->secret, who->id, who->link_epoch, name);
    page p;
    memset(&p, 0, sizeof p);
    arena ar = ARENA_INIT;
    sealer s = {.rc = rc, .j = j, .who = who, .key = key, .name = name, .ar = &ar, .d = d};
    int before = d->errors + d->io_errors;
    int r = render_page_begin(rc, j, &p, "Your pages");
    if (r == 0) {
        s.v = sealed_files(rc, &s, j->item, &ar, &s.n);
        xmlNodePtr box = html_elc(p.main, "div", "accord-personal", NULL);
        html_attr(box, "id", "accord-personal");
        html_attr(box, "data-name", name);
        /* sorted by file name, then index.html */
        for (size_t k = 0; r == 0 && k <= s.n; k++) {
            xmlNodePtr div = html_elc(box, "div", "sealed-page", NULL);
            html_attr(div, "hidden", NULL);
            html_attr(div, "data-page", file_name(&s, k));
            r = page_attr_base64_later(&p, div, "data-sealed", seal_one, &s, k);
        }
        xmlNodePtr ns = html_el(p.main, "noscript", NULL);
        html_el(ns, "p",
                "Your pages need JavaScript: they are locked, and only your browser can open "
                "them with your link.");
    }
    if (r == 0)
        r = page_write(&p, out);
    page_discard(&p);
    arena_release(&ar);
    sodium_memzero(key, sizeof key);
    if (r != 0 && d->errors + d->io_errors == before)
        diag_error(d, j->path, 0, "cannot render: out of memory");
    return r;
}
