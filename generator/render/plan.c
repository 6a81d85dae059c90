/* plan.c - the site plan: every page a site has, as a job (see render.h),
 * checked (no two at one path, every Markdown source renders), and the
 * dispatch of a job to the renderer that writes it. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* A guide page called "index" becomes the top of guide/index.html. */
static int is_guide_index_page(const guide_page *g)
{
    return !strcmp(g->name, "index");
}

/* Appends to v (at *k) a job of kind for each part of c's lists
 * (render_list_parts), at root/path(ar, part), listing its rows of all
 * (every agreement's index, in order). */
static void add_parts(page_job *v, size_t *k, page_kind kind, const char *root,
                      const char *(*path)(arena *ar, size_t part), const content *c,
                      const size_t *all, arena *ar)
{
    size_t parts = render_list_parts(c);
    for (size_t part = 0; part < parts; part++) {
        page_job *j = &v[(*k)++];
        j->kind = kind;
        j->path = arena_printf(ar, "%s/%s", root, path(ar, part));
        j->depth = 1;
        j->item = part;
        j->rows = all + part * DASHBOARD_ROWS_MAX;
        j->n_rows =
            part + 1 < parts ? DASHBOARD_ROWS_MAX : c->n_agreements - part * DASHBOARD_ROWS_MAX;
    }
}

/* The most public pages content c gives. */
static size_t public_pages_max(const content *c)
{
    return 7 + c->n_guide + 3 * c->n_agreements + 2 * c->n_people + c->n_questionnaires +
           2 * render_list_parts(c);
}

/* Writes the public pages into v (room for public_pages_max of them);
 * their paths go into ar. */
static void plan_public(const content *c, const program_state *ps, arena *ar, page_job *v,
                        size_t *n)
{
    size_t parts = render_list_parts(c);
    size_t *all = parts ? arena_alloc(ar, c->n_agreements * sizeof *all) : NULL;
    for (size_t i = 0; i < c->n_agreements && all; i++)
        all[i] = i;
    size_t k = 0;
#define ADD(kind_, path_, depth_)                                                                  \
    (v[k].kind = (kind_), v[k].path = (path_), v[k].depth = (depth_), &v[k++])
    ADD(PAGE_INDEX, "public/index.html", 0);
    ADD(PAGE_GUIDE_INDEX, "public/guide/index.html", 1);
    for (size_t i = 0; i < c->n_guide; i++) {
        if (is_guide_index_page(&c->guide[i]))
            continue;
        page_job *j =
            ADD(PAGE_GUIDE, arena_printf(ar, "public/guide/%s.html", c->guide[i].name), 1);
        j->item = i;
    }
    ADD(PAGE_KEYS, "public/keys.html", 0);
    ADD(PAGE_QUESTIONS, "public/questions.html", 0);
    ADD(PAGE_FORM_INDEX, "public/forms/index.html", 1);
    /* names private: the pages below that name parties exist only sealed */
    int named = c->program.names_public;
    if (named)
        add_parts(v, &k, PAGE_FORM_INDEX, "public", render_forms_part_path, c, all, ar);
    for (size_t i = 0; named && i < c->n_agreements; i++) {
        for (int r = 0; r < 2; r++) {
            const char *rel = render_form_path(ar, c->agreements[i].id, (party_role)r);
            page_job *j = ADD(PAGE_FORM, arena_printf(ar, "public/%s", rel), 1);
            j->item = i;
            j->role = (party_role)r;
        }
    }
    if (named && c->program.idp_enabled && c->program.idp_questionnaire) {
        for (size_t i = 0; i < c->n_people; i++) {
            if (!c->people[i].is_mentee)
                continue;
            const char *rel = render_idp_path(ar, c->people[i].id);
            page_job *j = ADD(PAGE_FORM, arena_printf(ar, "public/%s", rel), 1);
            j->idp = 1;
            j->item = i;
            j->role = ROLE_MENTEE;
        }
    }
    for (size_t i = 0; i < c->n_questionnaires; i++) {
        if (c->questionnaires[i].kind != QN_AGREEMENT)
            continue;
        const char *rel = render_sample_path(ar, c->questionnaires[i].id);
        page_job *j = ADD(PAGE_SAMPLE, arena_printf(ar, "public/%s", rel), 1);
        j->item = i;
    }
    for (size_t i = 0; named && i < c->n_agreements; i++) {
        if (!render_has_countersign(program_state_find(ps, c->agreements[i].id)))
            continue;
        const char *rel = render_countersign_path(ar, c->agreements[i].id);
        page_job *j = ADD(PAGE_COUNTERSIGN, arena_printf(ar, "public/%s", rel), 1);
        j->item = i;
    }
    for (size_t i = 0; i < c->n_people; i++) {
        if (!render_has_personal(c, i))
            continue;
        page_job *j = ADD(PAGE_PERSONAL, render_personal_path(c, i, ar), 1);
        j->item = i;
    }
    ADD(PAGE_PRIVATE_INDEX, "private/index.html", 0);
    add_parts(v, &k, PAGE_PRIVATE_INDEX, "private", render_dashboard_part_path, c, all, ar);
#undef ADD
    *n = k;
}

/* The most private pages the program state gives. */
static size_t private_pages_max(const program_state *ps)
{
    size_t most = 0;
    for (size_t i = 0; ps && i < ps->n; i++)
        most += 3 + ps->agreements[i].n_revs;
    return most;
}

/* Appends to w[0..*n) the private pages the program state gives (room for
 * private_pages_max of them): review pages, agreement pages, prefilled
 * next-revision forms. */
static void plan_private(const content *c, const program_state *ps, arena *ar, page_job *w,
                         size_t *n)
{
    size_t k = *n;
    for (size_t i = 0; ps && i < ps->n; i++) {
        const agreement_status *st = &ps->agreements[i];
        const agreement *ag = st->ag;
        size_t item = (size_t)(ag - c->agreements);
        if (render_has_review(st))
            w[k++] = (page_job){.kind = PAGE_REVIEW,
                                .depth = 1,
                                .item = item,
                                .role = ROLE_MENTOR,
                                .path = arena_printf(ar, "private/review/%s.html", ag->id)};
        for (size_t r = 0; r < st->n_revs; r++)
            if (st->revs[r].bundle)
                w[k++] = (page_job){.kind = PAGE_AGREEMENT,
                                    .depth = 1,
                                    .item = item,
                                    .revision = st->revs[r].revision,
                                    .path = arena_printf(ar, "private/agreements/%s-r%d.html",
                                                         ag->id, st->revs[r].revision)};
        if (agreement_status_last_signed(st))
            for (int role = 0; role < 2; role++)
                w[k++] = (page_job){
                    .kind = PAGE_FORM,
                    .depth = 1,
                    .item = item,
                    .role = (party_role)role,
                    .private_form = 1,
                    .path = arena_printf(ar, "private/%s",
                                         render_form_path(ar, ag->id, (party_role)role))};
    }
    *n = k;
}

page_job *render_plan(const content *c, const program_state *ps, arena *ar, size_t *n)
{
    /* planned with room for the most there can be, kept at the size they are */
    arena draft = ARENA_INIT;
    page_job *most =
        arena_alloc(&draft, (public_pages_max(c) + private_pages_max(ps)) * sizeof *most);
    plan_public(c, ps, ar, most, n);
    plan_private(c, ps, ar, most, n);
    page_job *v = arena_alloc(ar, (*n ? *n : 1) * sizeof *v);
    memcpy(v, most, *n * sizeof *v);
    arena_release(&draft);
    return v;
}

int render_job_agreements(const content *c, const page_job *j, const size_t **list, size_t *n)
{
    *list = NULL;
    *n = 0;
    switch (j->kind) {
    case PAGE_GUIDE:
    case PAGE_KEYS:
    case PAGE_QUESTIONS:
    case PAGE_SAMPLE:
    case PAGE_SIGNING_KIT:
        return 0;
    case PAGE_FORM: /* an IDP form is its mentee's, like their personal page */
        if (!j->idp)
            break;
        /* fall through */
    case PAGE_PERSONAL:
        *list = c->people[j->item].agreements;
        *n = c->people[j->item].n_agreements;
        return *n ? 0 : -1; /* a party of nothing: read as every agreement's, to be safe */
    case PAGE_COUNTERSIGN:
    case PAGE_REVIEW:
    case PAGE_AGREEMENT:
        break;
    case PAGE_PRIVATE_INDEX: /* a part of the dashboard reads its rows */
        *list = j->rows;
        *n = j->n_rows;
        return j->rows ? 0 : -1;
    case PAGE_INDEX:
    case PAGE_FORM_INDEX: /* in parts: the overview links them, reading none */
        if (!c->program.names_public || !render_list_parts(c))
            return -1; /* one page lists every agreement */
        *list = j->rows;
        *n = j->n_rows;
        return 0;
    default: /* the indexes list every agreement */
        return -1;
    }
    *list = &j->item;
    *n = 1;
    return 0;
}

int render_job(const render_ctx *rc, const page_job *j, const page_sink *out, diag *d)
{
    if (j->kind == PAGE_PERSONAL)
        return render_personal(rc, j, out, d);
    if (j->kind == PAGE_AGREEMENT) {
        unsigned char *bytes;
        size_t len;
        if (render_agreement_page(rc, j, &bytes, &len, d) != 0)
            return -1;
        out->put(out->to, bytes, len);
        free(bytes);
        return 0;
    }
    page p;
    memset(&p, 0, sizeof p);
    if (render_job_page(rc, j, &p, d) != 0) {
        page_discard(&p);
        return -1;
    }
    if (!p.doc || page_write(&p, out) != 0) {
        page_discard(&p);
        diag_error(d, j->path, 0, "cannot render: out of memory");
        return -1;
    }
    return 0;
}

int render_check_markdown(const content *c, diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < c->n_questionnaires; i++)
        rc |= questionnaire_markdown_check(c->questionnaires[i].file, &c->questionnaires[i], d);
    rc |= questions_markdown_check(c->program.custom, c->program.n_custom, d);
    for (size_t i = 0; i < c->n_people; i++)
        rc |= questions_markdown_check(c->people[i].custom, c->people[i].n_custom, d);
    for (size_t i = 0; i < c->n_guide; i++) {
        unsigned char *buf;
        size_t len;
        if (read_file(c->guide[i].path, MARKDOWN_MAX, &buf, &len) != 0) {
            if (errno == EFBIG)
                diag_error(d, c->guide[i].path, 0, "larger than %d bytes; split the page up",
                           MARKDOWN_MAX);
            else
                diag_io(d, c->guide[i].path, "cannot read: %s", vu_read_error(errno));
            rc = -1;
            continue;
        }
        rc |= markdown_check(c->guide[i].path, (const char *)buf, len, d);
        free(buf);
    }
    return rc ? -1 : 0;
}

static int cmp_paths(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int render_plan_check(const page_job *jobs, size_t n, diag *d)
{
    const char **paths = malloc((n ? n : 1) * sizeof *paths);
    if (!paths) {
        diag_io(d, NULL, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        paths[i] = jobs[i].path;
    qsort(paths, n, sizeof *paths, cmp_paths);
    int rc = 0;
    for (size_t i = 1; i < n; i++) {
        if (!strcmp(paths[i - 1], paths[i])) {
            diag_error(d, NULL, 0,
                       "two pages would be written to %s: rename the agreement or person whose "
                       "id makes it",
                       paths[i]);
            rc = -1;
        }
    }
    free(paths);
    return rc;
}
