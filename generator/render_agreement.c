/* render_agreement.c - the agreement page (issue 4 D2): agreement.html as
 * it goes into the agreement bundle (self-contained, the theme's CSS
 * inlined, no script: exactly what the parties read before signing), and
 * the site's copy, which adds the verification block and the agreement's
 * history. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>

#include "bundles.h"
#include "conflict.h"
#include "fsutil.h"
#include "html.h"
#include "render.h"

static void review_date(const char *created, int months, char out[11]);

/* "YYYY-MM-DD" of a META time. */
static void date_of(const char *created, char out[11])
{
    snprintf(out, 11, "%.10s", created);
}

const char *render_review_date(arena *ar, const char *created, int months)
{
    char out[11];
    review_date(created, months, out);
    return arena_strdup(ar, out);
}

/* created + months (calendar months, same day, clamped to the month's
 * end), as YYYY-MM-DD. */
static void review_date(const char *created, int months, char out[11])
{
    int y = 0, m = 0, d = 0;
    if (sscanf(created, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1 || y > 9000 || m < 1 || m > 12 ||
        d < 1 || d > 31 || months < 0 || months > 1200) {
        snprintf(out, 11, "?");
        return;
    }
    m += months;
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int last = mdays[m - 1] + (m == 2 && leap);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100,
             (unsigned)(d > last ? last : d) % 100);
}

static void dl_item(xmlNodePtr dl, const char *term, const char *value)
{
    html_el(dl, "dt", term);
    html_el(dl, "dd", value);
}

static void note_of(xmlNodePtr parent, const answer *an, const char *name, const char *role)
{
    if (!an || !an->note)
        return;
    xmlNodePtr p = html_elc(parent, "p", "agreement-note", NULL);
    char label[160];
    snprintf(label, sizeof label, "Note from %s (%s):", name, role);
    html_elc(p, "span", "note-label", label);
    html_text(p, " ");
    html_text(p, an->note);
}

/* The page's content, shared by agreement.html and the site's copy. */
static void agreement_content(xmlNodePtr m, const content *c, const agreement *ag, const meta *am,
                              const agreement_rev *rev)
{
    const questionnaire *q = rev->mentor->snap;
    const answers *fin = &rev->mentor->ans, *mentee = &rev->mentee->ans;
    const char *mentee_name = render_person_name(c, ag->mentee);
    const char *mentor_name = render_person_name(c, ag->mentor);
    char created[11], next[11], buf[256];
    date_of(am->v[META_CREATED], created);
    review_date(am->v[META_CREATED], c->program.review_months, next);

    html_el(m, "h1", q->title);
    html_elc(m, "p", "agreement-lead",
             "This is the agreement between a mentee and a mentor. The mentor's answers are "
             "final; both parties' notes follow each answer.");
    xmlNodePtr dl = html_elc(m, "dl", "agreement-facts", NULL);
    dl_item(dl, "Program", c->program.title);
    snprintf(buf, sizeof buf, "%s (%s)", mentee_name, ag->mentee);
    dl_item(dl, "Mentee", buf);
    snprintf(buf, sizeof buf, "%s (%s)", mentor_name, ag->mentor);
    dl_item(dl, "Mentor", buf);
    dl_item(dl, "Agreement", ag->id);
    dl_item(dl, "Revision", am->v[META_REVISION]);
    dl_item(dl, "Questionnaire", am->v[META_QUESTIONNAIRE]);
    dl_item(dl, "Created", created);
    dl_item(dl, "Next review", next);

    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        xmlNodePtr se = NULL;
        for (size_t k = 0; k < sec->n_questions; k++) {
            const question *qq = &sec->questions[k];
            const answer *an = answers_find(fin, qq->id);
            if (!answer_given(an) || !question_visible(qq, fin))
                continue; /* unanswered questions (and so empty sections) are left out */
            if (!se) {
                char id[96];
                snprintf(id, sizeof id, "s-%s", sec->id);
                se = html_elc(m, "section", "agreement-section", NULL);
                html_attr(se, "id", id);
                html_el(se, "h2", sec->title);
            }
            xmlNodePtr item = html_elc(se, "div", "agreement-item", NULL);
            char id[96];
            snprintf(id, sizeof id, "q-%s", qq->id);
            html_attr(item, "id", id);
            html_elc(item, "h3", "question-text", qq->text);
            xmlNodePtr a = html_elc(
                item, "p", an->text ? "agreement-answer agreement-text" : "agreement-answer", NULL);
            render_answer_text(a, qq, an);
            note_of(item, answers_find(mentee, qq->id), mentee_name, "mentee");
            note_of(item, an, mentor_name, "mentor");
        }
    }

    xmlNodePtr close = html_elc(m, "section", "agreement-closing", NULL);
    html_el(close, "h2", "Agreement");
    snprintf(buf, sizeof buf,
             "%s and %s agree to work together as set out above, and to review this agreement "
             "by %s.",
             mentee_name, mentor_name, next);
    html_el(close, "p", buf);
    xmlNodePtr sig = html_elc(m, "section", "signatures", NULL);
    html_attr(sig, "id", "signatures");
    html_el(sig, "h2", "Signatures");
    html_el(sig, "p",
            "This page is part of a signed bundle. Each party signs the bundle with their own "
            "key (accord sign --countersign); a signature covers this page, both parties' "
            "signed answers and the questions they answered. The signatures are kept in the "
            "bundle beside this page, so they are not shown here. Anyone can check them "
            "with accord-verify, or with minisign and sha256sum alone.");
}

/* Reads the theme's CSS file name into a malloc'd string, or NULL (no
 * such file: an empty string). */
static char *theme_css(const theme *t, const char *name, diag *d)
{
    char *path = path_join(t->dir, name);
    unsigned char *buf;
    size_t len;
    if (!path)
        return NULL;
    if (read_file(path, THEME_FILE_MAX, &buf, &len) != 0) {
        if (errno == ENOENT) {
            free(path);
            return strdup("");
        }
        diag_io(d, path, "cannot read: %s", strerror(errno));
        free(path);
        return NULL;
    }
    /* the CSS goes into a <style> element, which ends at the first "</" */
    if (strstr((char *)buf, "</")) {
        diag_error(d, path, 0, "holds \"</\", which cannot be inlined in a page; remove it");
        free(buf);
        free(path);
        return NULL;
    }
    free(path);
    return (char *)buf;
}

int render_agreement_html(const content *c, const theme *t, const agreement_info *ai,
                          const agreement_rev *rev, const meta *am, unsigned char **out,
                          size_t *len, diag *d)
{
    char *css = theme_css(t, "style.css", d), *print = css ? theme_css(t, "print.css", d) : NULL;
    if (!css || !print) {
        free(css);
        return -1;
    }
    size_t n = strlen(css) + strlen(print) + 64;
    char *style = malloc(n);
    if (!style) {
        free(css);
        free(print);
        return -1;
    }
    snprintf(style, n, "\n%s\n@media print {\n%s\n}\n", css, print);
    free(css);
    free(print);

    page p;
    memset(&p, 0, sizeof p);
    p.doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNodePtr html = xmlNewDocNode(p.doc, NULL, BAD_CAST "html", NULL);
    xmlDocSetRootElement(p.doc, html);
    html_attr(html, "lang", "en");
    xmlNodePtr head = html_el(html, "head", NULL);
    html_attr(html_el(head, "meta", NULL), "charset", "utf-8");
    xmlNodePtr vp = html_el(head, "meta", NULL);
    html_attr(vp, "name", "viewport");
    html_attr(vp, "content", "width=device-width, initial-scale=1");
    char title[256];
    snprintf(title, sizeof title, "Agreement %s, revision %s – %s", ai->ag->id,
             am->v[META_REVISION], c->program.title);
    html_el(head, "title", title);
    html_el(head, "style", style); /* the serializer writes <style> text as it is */
    free(style);
    p.body = html_el(html, "body", NULL);
    html_attr(p.body, "class", "page-agreement agreement-document");
    p.main = html_elc(p.body, "main", "site-main", NULL);
    html_attr(p.main, "id", "main");
    agreement_content(p.main, c, ai->ag, am, rev);
    return page_finish(&p, out, len);
}

static void verification(const render_ctx *rc, xmlNodePtr m, page *p, const agreement *ag,
                         const agreement_rev *rev)
{
    const bundle_report *r = &rev->report;
    char file[128], buf[512];
    snprintf(file, sizeof file, "%s-r%d.accord", ag->id, rev->revision);
    xmlNodePtr v = html_elc(m, "section", "verification", NULL);
    html_attr(v, "id", "verification");
    html_el(v, "h2", "Verification");
    xmlNodePtr bp = html_el(v, "p", NULL);
    html_text(bp, "Bundle ");
    html_attr(html_el(bp, "a", file), "href", file); /* beside this page */
    html_text(bp,
              r->outcome == BUNDLE_VALID ? ": signed by both parties." : ": awaiting signatures.");
    xmlNodePtr dp = html_el(v, "p", "Bundle digest (SHA-256 of MANIFEST): ");
    html_elc(dp, "code", "digest", r->digest);

    static const char *const heads[] = {"Party", "Role", "Key ID", "Signed"};
    xmlNodePtr tb = render_table(v, "signature-table", heads, 4), tr;
    const char *ids[2] = {ag->mentee, ag->mentor}, *roles[2] = {"mentee", "mentor"};
    for (int k = 0; k < 2; k++) {
        const bundle_sig_report *s = NULL;
        for (size_t i = 0; i < r->n_sigs; i++)
            if (r->sigs[i].countersign && r->sigs[i].ok && !strcmp(r->sigs[i].party, ids[k]))
                s = &r->sigs[i];
        tr = html_el(tb, "tr", NULL);
        snprintf(buf, sizeof buf, "%s (%s)", render_person_name(rc->c, ids[k]), ids[k]);
        html_attr(html_el(tr, "th", buf), "scope", "row");
        html_el(tr, "td", roles[k]);
        html_el(html_el(tr, "td", NULL), "code", s ? s->keyid : "–");
        html_elc(tr, "td", s ? "signed" : "not-signed", s ? s->signed_at : "not signed yet");
    }
    html_el(v, "h3", "Check it yourself");
    html_el(v, "p",
            "With the parties' public keys (content/keys/<party>.pub) and nothing of accord, "
            "an auditor runs:");
    snprintf(buf, sizeof buf,
             "unzip %s -d %s-r%d\ncd %s-r%d\nminisign -V -m MANIFEST -x signatures/%s.minisig "
             "-p %s.pub\nminisign -V -m MANIFEST -x signatures/%s.minisig -p %s.pub\nsha256sum "
             "-c MANIFEST",
             file, ag->id, rev->revision, ag->id, rev->revision, ag->mentee, ag->mentee, ag->mentor,
             ag->mentor);
    html_el(html_elc(v, "pre", "commands", NULL), "code", buf);
    html_el(v, "p", "Or, with accord's verifier and the program's key directory:");
    snprintf(buf, sizeof buf, "accord-verify -r keys %s", file);
    html_el(html_elc(v, "pre", "commands", NULL), "code", buf);
}

static void history(const render_ctx *rc, xmlNodePtr m, page *p, const agreement_info *ai,
                    int current)
{
    xmlNodePtr h = html_elc(m, "section", "agreement-history", NULL);
    html_attr(h, "id", "history");
    html_el(h, "h2", "History");
    static const char *const heads[] = {"Revision", "Created", "Signed by"};
    xmlNodePtr tb = render_table(h, "history-table", heads, 3), tr;
    char buf[256], date[11];
    for (size_t i = 0; i < ai->n_revs; i++) {
        const agreement_rev *rev = &ai->revs[i];
        if (!rev->bundle)
            continue;
        tr = html_el(tb, "tr", NULL);
        xmlNodePtr th = html_el(tr, "th", NULL);
        html_attr(th, "scope", "row");
        snprintf(buf, sizeof buf, "%s-r%d.html", ai->ag->id, rev->revision);
        char label[32];
        snprintf(label, sizeof label, "Revision %d", rev->revision);
        xmlNodePtr a = html_el(th, "a", label); /* the pages of every revision sit together */
        html_attr(a, "href", buf);
        if (rev->revision == current)
            html_attr(a, "aria-current", "page");
        date_of(rev->report.meta.v[META_CREATED], date);
        html_el(tr, "td", date);
        xmlNodePtr td = html_el(tr, "td", NULL);
        int any = 0;
        for (size_t k = 0; k < rev->report.n_sigs; k++) {
            const bundle_sig_report *s = &rev->report.sigs[k];
            if (!s->countersign || !s->ok)
                continue;
            snprintf(buf, sizeof buf, "%s%s on %s", any ? "; " : "",
                     render_person_name(rc->c, s->party), s->signed_at);
            html_text(td, buf);
            any = 1;
        }
        if (!any)
            html_text(td, "nobody yet");
    }
}

int render_agreement_page(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const agreement *ag = &rc->c->agreements[j->item];
    const agreement_info *ai = bundles_info(rc->bs, ag->id);
    const agreement_rev *rev = ai ? bundles_rev(ai, j->revision) : NULL;
    if (!rev || !rev->bundle || !rev->mentee || !rev->mentor) {
        diag_error(d, j->path, 0, "no agreement bundle to show");
        return -1;
    }
    char title[128];
    snprintf(title, sizeof title, "Agreement %s, revision %d", ag->id, rev->revision);
    if (render_page_begin(rc, j, p, title) != 0)
        return -1;
    xmlNodePtr m = p->main;
    xmlNodePtr st = html_elc(m, "p", "agreement-status", NULL);
    const bundle_report *r = &rev->report;
    if (r->outcome == BUNDLE_VALID) {
        html_text(st, "Signed by both parties.");
    } else {
        char buf[256];
        if (r->n_awaiting == 2)
            snprintf(buf, sizeof buf, "Awaiting the signatures of %s and %s.",
                     render_person_name(rc->c, r->awaiting[0]),
                     render_person_name(rc->c, r->awaiting[1]));
        else
            snprintf(buf, sizeof buf, "Awaiting the signature of %s.",
                     r->n_awaiting ? render_person_name(rc->c, r->awaiting[0]) : "a party");
        html_text(st, buf);
        html_text(st, " Each party signs the bundle with accord sign --countersign.");
    }
    agreement_content(m, rc->c, ag, &rev->report.meta, rev);
    verification(rc, m, p, ag, rev);
    history(rc, m, p, ai, rev->revision);
    return 0;
}
