/* pages.c - the index, guide and private pages. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* md[0..*len) with every GUIDE_KIT_TOKEN replaced by sha: md itself when
 * it holds none, else a new malloc'd NUL-terminated buffer (its length in
 * *len) and md freed. */
static char *put_kit_sha256(char *md, size_t *len, const char *sha)
{
    const size_t tn = strlen(GUIDE_KIT_TOKEN);
    const char *end = md + *len, *rest = md;
    sbuf b = SBUF_INIT;
    for (const char *at = md; (size_t)(end - at) >= tn; at++) {
        if (memcmp(at, GUIDE_KIT_TOKEN, tn))
            continue;
        sb_put(&b, rest, (size_t)(at - rest));
        sb_puts(&b, sha);
        rest = at + tn;
        at = rest - 1;
    }
    if (rest == md)
        return md;
    sb_put(&b, rest, (size_t)(end - rest));
    free(md);
    return sb_take(&b, len);
}

/* Reads guide page g, with the kit's SHA-256 put in (see
 * render_guide_titles). Returns 0 and a malloc'd NUL-terminated buffer, or
 * -1 after reporting to d (too large: a content error; unreadable: I/O). */
static int read_guide(const guide_page *g, const char *kit_sha256, char **md, size_t *len, diag *d)
{
    unsigned char *buf;
    if (read_file(g->path, MARKDOWN_MAX, &buf, len) != 0) {
        if (errno == EFBIG)
            diag_error(d, g->path, 0, "larger than %d bytes; split the page up", MARKDOWN_MAX);
        else
            diag_io(d, g->path, "cannot read: %s", vu_read_error(errno));
        return -1;
    }
    *md = kit_sha256 ? put_kit_sha256((char *)buf, len, kit_sha256) : (char *)buf;
    return 0;
}

const char **render_guide_titles(const content *c, const char *kit_sha256, arena *ar, diag *d)
{
    const char **titles = arena_alloc(ar, (c->n_guide ? c->n_guide : 1) * sizeof *titles);
    for (size_t i = 0; i < c->n_guide; i++) {
        char *md = NULL, *h1;
        size_t len;
        if (read_guide(&c->guide[i], kit_sha256, &md, &len, d) != 0)
            return NULL;
        h1 = markdown_heading(md, len);
        titles[i] = arena_strdup(ar, h1 && *h1 ? h1 : c->guide[i].name);
        free(h1);
        free(md);
    }
    return titles;
}

/* Renders guide page g into a div of parent, with an h1 of fallback first
 * when the page has no level-1 heading of its own. Returns 0 or -1. */
static int guide_content(const render_ctx *rc, xmlNodePtr parent, const guide_page *g,
                         const char *fallback, diag *d)
{
    char *md = NULL, *h1 = NULL;
    size_t len;
    if (read_guide(g, rc->kit_sha256, &md, &len, d) != 0)
        return -1;
    xmlNodePtr div = html_elc(parent, "div", "guide-content", NULL);
    int r = markdown_render(div, g->path, md, len, &h1, d);
    if (r == 0 && !h1) { /* no heading of its own: give it its title */
        xmlNodePtr h = xmlNewDocNode(parent->doc, NULL, BAD_CAST "h1", NULL);
        xmlAddPrevSibling(div, h);
        html_text(h, fallback);
    }
    free(h1);
    free(md);
    return r;
}

int render_guide(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const guide_page *g = &rc->c->guide[j->item];
    const char *title = rc->guide_titles[j->item];
    if (render_page_begin(rc, j, p, title) != 0)
        return -1;
    return guide_content(rc, p->main, g, title, d);
}

int render_guide_index(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    if (render_page_begin(rc, j, p, "Guide") != 0)
        return -1;
    xmlNodePtr m = p->main;
    int have_top = 0;
    for (size_t i = 0; i < c->n_guide; i++) {
        if (strcmp(c->guide[i].name, "index") != 0)
            continue;
        if (guide_content(rc, m, &c->guide[i], "Guide", d) != 0)
            return -1;
        have_top = 1;
    }
    if (!have_top)
        html_el(m, "h1", "Guide");
    html_el(m, "h2", "Pages");
    xmlNodePtr ul = html_elc(m, "ul", "guide-list", NULL);
    arena ar = ARENA_INIT;
    for (size_t i = 0; i < c->n_guide; i++)
        if (strcmp(c->guide[i].name, "index"))
            render_link(p, html_el(ul, "li", NULL),
                        arena_printf(&ar, "guide/%s.html", c->guide[i].name), rc->guide_titles[i]);
    render_link(p, html_el(ul, "li", NULL), "questions.html", "Mentors: your own questions");
    arena_release(&ar);
    return 0;
}

static void step_list(xmlNodePtr parent, const char *heading, const char *const *steps)
{
    html_el(parent, "h3", heading);
    xmlNodePtr ol = html_el(parent, "ol", NULL);
    for (; *steps; steps++)
        html_el(ol, "li", *steps);
}

int render_index(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    const program *pr = &c->program;
    if (render_page_begin(rc, j, p, NULL) != 0)
        return -1;
    arena ar = ARENA_INIT;
    xmlNodePtr m = p->main;
    html_el(m, "h1", pr->title);

    xmlNodePtr how = html_elc(m, "section", "how-it-works", NULL);
    html_el(how, "h2", "How it works");
    static const char *const mentee[] = {
        "Read the guide.",
        "Open the mentee form of your agreement and answer the questions. Your browser keeps a "
        "draft as you type; you can start from last year's answers file.",
        "Check your answers, sign them on the same page and send the signed file to the "
        "program.",
        NULL};
    static const char *const mentor[] = {
        "Read the guide.",
        "Open the mentor form of your agreement and answer the same questions. Your answers are "
        "final.",
        "Load your mentee's signed answers to see them beside yours, check your answers, sign "
        "them and send the signed file to the program.",
        "Both of you then sign the agreement, and review it every few months.", NULL};
    /* names private: everything of a person's is behind their own link */
    static const char *const mentee_own[] = {
        "Read the guide.",
        "Open the link the program sent you: it leads to your own pages and your form. Answer "
        "the questions; you can start from last year's answers file.",
        "Check your answers, sign them on the same page and send the signed file to the "
        "program.",
        NULL};
    static const char *const mentor_own[] = {
        "Read the guide.",
        "Open the link the program sent you. Once your mentee has answered, your pages show "
        "their answers beside the same questions; give yours, which are final.",
        "Check your answers, sign them and send the signed file to the program.",
        "Both of you then read and sign the agreement on your own pages, and review it every "
        "few months.",
        NULL};
    step_list(how, "Mentees", pr->names_public ? mentee : mentee_own);
    step_list(how, "Mentors", pr->names_public ? mentor : mentor_own);
    xmlNodePtr keys = html_elc(how, "p", "keys-note",
                               "To sign, you need keys of your own: make them once, on the ");
    render_link(p, keys, "keys.html", "Your keys");
    html_text(keys, " page, and send your public key to the program.");
    xmlNodePtr para = html_el(how, "p", "Start with the ");
    render_link(p, para, "guide/index.html", "guide");
    if (pr->names_public) {
        html_text(para, ", or see ");
        render_link(p, para, "forms/index.html", "all forms");
    }
    html_text(para, ".");

    xmlNodePtr sec = html_elc(m, "section", "agreements", NULL);
    html_el(sec, "h2", pr->names_public ? "Agreements" : "Your pages");
    int in_parts = pr->names_public && render_list_parts(c);
    if (in_parts) {
        html_el(sec, "p", arena_printf(&ar, FORMS_IN_PARTS, c->n_agreements, DASHBOARD_ROWS_MAX));
        render_part_list(c, p, sec, "agreement-part-list", render_forms_part_path, &ar);
    } else if (render_agreement_list(rc, p, sec, NULL, 0, &ar) != 0) {
        diag_error(d, j->path, 0, "cannot render: out of memory");
        arena_release(&ar);
        return -1;
    }

    if (pr->idp_enabled && pr->idp_questionnaire) {
        sec = html_elc(m, "section", "idp", NULL);
        html_el(sec, "h2", "Individual development plans");
        html_el(sec, "p",
                in_parts ? "Each mentee also writes an individual development plan: its form is "
                           "listed with their agreement, on the pages above."
                : pr->names_public ? "Each mentee also writes an individual development plan."
                                   : "Each mentee also writes an individual development plan, on "
                                     "their own pages.");
        if (!in_parts)
            render_idp_list(p, sec, c, NULL, 0, &ar);
        if (pr->idp_href) {
            para = html_el(sec, "p", "More for your plan: ");
            html_link(para, pr->idp_href, "further IDP questions");
        }
    }

    sec = html_elc(m, "section", "samples", NULL);
    html_el(sec, "h2", "Sample agreements");
    html_el(sec, "p", "Every question of an agreement, blank, to read or print before you begin.");
    render_sample_list(p, sec, c, &ar);

    sec = html_elc(m, "section", "guide", NULL);
    html_el(sec, "h2", "Guide");
    xmlNodePtr ul = html_elc(sec, "ul", "guide-list", NULL);
    render_link(p, html_el(ul, "li", NULL), "guide/index.html", "All guide pages");
    for (size_t i = 0; i < c->n_guide; i++) {
        const guide_page *g = &c->guide[i];
        if (!strcmp(g->name, "index"))
            continue;
        render_link(p, html_el(ul, "li", NULL), arena_printf(&ar, "guide/%s.html", g->name),
                    rc->guide_titles[i]);
    }

    if (pr->n_resources || pr->further_label) {
        sec = html_elc(m, "section", "resources", NULL);
        html_el(sec, "h2", "Resources");
        if (pr->n_resources) {
            ul = html_elc(sec, "ul", "resource-list", NULL);
            for (size_t i = 0; i < pr->n_resources; i++)
                html_link(html_el(ul, "li", NULL), pr->resources[i].href, pr->resources[i].label);
        }
        if (pr->further_label) {
            para = html_el(sec, "p", "Further resources: ");
            html_link(para, pr->further_href, pr->further_label);
        }
    }
    arena_release(&ar);
    return 0;
}
