/* page_parts.c - what many pages share (see impl.h): a page's start (the
 * theme page, its navigation and footer), people's names, links, tables,
 * Markdown blocks, and the lists of agreements, list parts, IDP forms and
 * sample agreements. */
#include <string.h>

#include "impl.h"

size_t render_list_parts(const content *c)
{
    size_t n = c->n_agreements;
    return n > DASHBOARD_ROWS_MAX ? (n + DASHBOARD_ROWS_MAX - 1) / DASHBOARD_ROWS_MAX : 0;
}

void render_part_list(const content *c, const page *p, xmlNodePtr parent, const char *cls,
                      const char *(*path)(arena *ar, size_t k), arena *ar)
{
    xmlNodePtr ul = html_elc(parent, "ul", cls, NULL);
    for (size_t from = 0, k = 0; from < c->n_agreements; from += DASHBOARD_ROWS_MAX, k++) {
        size_t to = from + DASHBOARD_ROWS_MAX < c->n_agreements ? from + DASHBOARD_ROWS_MAX
                                                                : c->n_agreements;
        xmlNodePtr li = html_el(ul, "li", NULL);
        render_link(p, li, path(ar, k), arena_printf(ar, "Agreements %zu to %zu", from + 1, to));
        html_text(li,
                  arena_printf(ar, ": %s to %s", c->agreements[from].id, c->agreements[to - 1].id));
    }
}

const char *render_person_name(const content *c, const char *id)
{
    const person *p = content_person(c, id);
    return p && p->name ? p->name : id;
}

void render_idp_list(const page *p, xmlNodePtr parent, const content *c, const size_t *rows,
                     size_t n, arena *ar)
{
    if (!c->program.names_public)
        return; /* each mentee's plan is on their own pages */
    xmlNodePtr ul = html_elc(parent, "ul", "idp-list", NULL);
    if (!rows) {
        for (size_t i = 0; i < c->n_people; i++)
            if (c->people[i].is_mentee)
                render_link(p, html_el(ul, "li", NULL), render_idp_path(ar, c->people[i].id),
                            c->people[i].name);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const char *mentee = c->agreements[rows[k]].mentee;
        size_t seen = 0; /* a mentee of several agreements once, at the first */
        while (seen < k && strcmp(c->agreements[rows[seen]].mentee, mentee))
            seen++;
        if (seen == k)
            render_link(p, html_el(ul, "li", NULL), render_idp_path(ar, mentee),
                        render_person_name(c, mentee));
    }
}

void render_sample_list(const page *p, xmlNodePtr parent, const content *c, arena *ar)
{
    xmlNodePtr ul = html_elc(parent, "ul", "sample-list", NULL);
    for (size_t i = 0; i < c->n_questionnaires; i++) {
        const questionnaire *q = &c->questionnaires[i];
        if (q->kind == QN_AGREEMENT)
            render_link(p, html_el(ul, "li", NULL), render_sample_path(ar, q->id), q->title);
    }
}

xmlNodePtr render_link(const page *p, xmlNodePtr parent, const char *rel, const char *text)
{
    sbuf href = SBUF_INIT;
    xmlNodePtr a = html_el(parent, "a", text);
    sb_puts(&href, p->prefix);
    sb_puts(&href, rel);
    html_attr(a, "href", href.data);
    sb_release(&href);
    return a;
}

xmlNodePtr render_table(xmlNodePtr parent, const char *cls, const char *const *heads, size_t n)
{
    xmlNodePtr t = html_elc(parent, "table", cls, NULL);
    xmlNodePtr tr = html_el(html_el(t, "thead", NULL), "tr", NULL);
    for (size_t i = 0; i < n; i++)
        html_attr(html_el(tr, "th", heads[i]), "scope", "col");
    return html_el(t, "tbody", NULL);
}

int render_markdown(xmlNodePtr parent, const char *cls, const char *name, const char *md, diag *d)
{
    if (!md)
        return 0;
    xmlNodePtr div = html_elc(parent, "div", cls, NULL);
    return markdown_render(div, name, md, strlen(md), NULL, d);
}

static void nav_item(page *p, xmlNodePtr ul, const char *rel, const char *label, int current)
{
    xmlNodePtr li = html_el(ul, "li", NULL);
    xmlNodePtr a = render_link(p, li, rel, label);
    if (current)
        html_attr(a, "aria-current", "page");
}

int render_page_begin(const render_ctx *rc, const page_job *j, page *p, const char *title)
{
    const program *pr = &rc->c->program;
    if (page_begin(p, rc->t, j->kind, j->depth, title, pr->title) != 0)
        return -1;
    if (p->nav) {
        xmlNodePtr ul = html_el(p->nav, "ul", NULL);
        if (j->kind == PAGE_PRIVATE_INDEX || j->kind == PAGE_REVIEW || j->kind == PAGE_AGREEMENT ||
            j->private_form) {
            nav_item(p, ul, "index.html", "Dashboard", j->kind == PAGE_PRIVATE_INDEX && !j->rows);
            nav_item(p, ul, "../public/index.html", "Public site", 0);
        } else {
            nav_item(p, ul, "index.html", "Home", j->kind == PAGE_INDEX);
            nav_item(p, ul, "guide/index.html", "Guide", j->kind == PAGE_GUIDE_INDEX);
            nav_item(p, ul, "keys.html", "Your keys", j->kind == PAGE_KEYS);
            nav_item(p, ul, "forms/index.html", "Forms", j->kind == PAGE_FORM_INDEX && !j->rows);
        }
    }
    if (p->footer && pr->further_label) {
        xmlNodePtr para = html_el(p->footer, "p", "Further resources: ");
        html_link(para, pr->further_href, pr->further_label);
    }
    return 0;
}

int render_agreement_list(const render_ctx *rc, page *p, xmlNodePtr parent, const size_t *rows,
                          size_t n, arena *ar)
{
    const content *c = rc->c;
    if (!c->program.names_public) {
        html_elc(parent, "p", "personal-pages-note",
                 "Your forms, and your agreement when it is ready to sign, are on your own "
                 "pages. The program sends each person their own link to them: open it to see "
                 "what is yours to do. Keep the link to yourself, as anyone who has it can read "
                 "your pages.");
        return 0;
    }
    if (c->n_agreements == 0) {
        html_el(parent, "p", "No agreements yet.");
        return 0;
    }
    xmlNodePtr ul = html_elc(parent, "ul", "agreement-list", NULL);
    page_list items = {0};
    for (size_t k = 0; k < (rows ? n : c->n_agreements); k++) {
        const agreement *ag = &c->agreements[rows ? rows[k] : k];
        xmlNodePtr li = html_el(ul, "li", NULL);
        html_el(li, "strong", render_person_name(c, ag->mentee));
        html_text(li, " (mentee) and ");
        html_el(li, "strong", render_person_name(c, ag->mentor));
        html_text(li, " (mentor): ");
        render_link(p, li, render_form_path(ar, ag->id, ROLE_MENTEE), "mentee form");
        html_text(li, ", ");
        render_link(p, li, render_form_path(ar, ag->id, ROLE_MENTOR), "mentor form");
        if (render_has_countersign(program_state_find(rc->ps, ag->id))) {
            html_text(li, ", ");
            render_link(p, li, render_countersign_path(ar, ag->id), "sign the agreement");
        }
        if (page_list_add(p, &items, li) != 0)
            return -1;
    }
    return page_list_end(p, &items);
}
