/* form.c - form pages (agreement × role, and the IDP of a mentee) and
 * the forms index. The page scripts read this markup: the form's data-
 * attributes, and per question data-question, data-kind, data-required,
 * data-show-if and the ids q-<id>-input, -other-text, -note, -error.
 * Optional questions say "(optional)" in their label or legend; required
 * ones carry no mark. Text fields have no maxlength (it would cut pasted
 * text without a word): the scripts count and check the data-limit-* of
 * the form instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* "q-<qid>-<suffix>" in buf. */
static const char *qid(char *buf, size_t n, const question *q, const char *suffix)
{
    if (suffix)
        snprintf(buf, n, "q-%s-%s", q->id, suffix);
    else
        snprintf(buf, n, "q-%s", q->id);
    return buf;
}

static void optional_mark(xmlNodePtr parent, const question *q)
{
    if (q->required)
        return;
    html_text(parent, " ");
    html_elc(parent, "span", "optional", "(optional)");
}

static void note_field(xmlNodePtr parent, const question *q, const answer *pre)
{
    char id[128], name[128];
    xmlNodePtr div = html_elc(parent, "div", "note", NULL);
    xmlNodePtr l = html_el(div, "label", "Note (optional)");
    html_attr(l, "for", qid(id, sizeof id, q, "note"));
    xmlNodePtr t = html_el(div, "textarea", NULL);
    html_attr(t, "id", id);
    snprintf(name, sizeof name, "%s.note", q->id);
    html_attr(t, "name", name);
    html_attr(t, "rows", "2");
    if (pre && pre->note)
        html_text(t, pre->note);
}

static void choice(xmlNodePtr parent, const question *q, const char *type, const char *value,
                   const char *label, const answer *pre)
{
    char id[160];
    xmlNodePtr div = html_elc(parent, "div", "choice", NULL);
    xmlNodePtr in = html_el(div, "input", NULL);
    html_attr(in, "type", type);
    snprintf(id, sizeof id, "q-%s-%s", q->id, value);
    html_attr(in, "id", id);
    html_attr(in, "name", q->id);
    html_attr(in, "value", value);
    if (answer_has_value(pre, value))
        html_attr(in, "checked", NULL);
    xmlNodePtr l = html_el(div, "label", label);
    html_attr(l, "for", id);
}

/* data-show-if="q1=v1 q2=v2" */
static void show_if(xmlNodePtr n, const question *q)
{
    if (q->n_conds == 0)
        return;
    size_t cap = 1;
    for (size_t i = 0; i < q->n_conds; i++)
        cap += strlen(q->conds[i].question) + strlen(q->conds[i].value) + 2;
    char *s = xmlMalloc(cap), *p = s;
    if (!s)
        return;
    for (size_t i = 0; i < q->n_conds; i++)
        p += sprintf(p, "%s%s=%s", i ? " " : "", q->conds[i].question, q->conds[i].value);
    html_attr(n, "data-show-if", s);
    xmlFree(s);
}

static int question_el(xmlNodePtr sec, const question *q, const char *file, form_spec *fs, diag *d)
{
    const answer *pre = fs->prefill ? answers_find(fs->prefill, q->id) : NULL;
    char id[128], hint[128];
    int choice_q = q->kind == QK_YESNO || q->kind == QK_SINGLE || q->kind == QK_MULTIPLE;
    xmlNodePtr box = html_elc(sec, choice_q ? "fieldset" : "div", "question", NULL);
    html_attr(box, "id", qid(id, sizeof id, q, NULL));
    html_attr(box, "data-question", q->id);
    html_attr(box, "data-kind", question_kind_name(q->kind));
    html_attr(box, "data-required", q->required ? "true" : "false");
    show_if(box, q);
    qid(hint, sizeof hint, q, "hint");
    if (choice_q && q->help)
        html_attr(box, "aria-describedby", hint);

    if (choice_q) {
        xmlNodePtr lg = html_el(box, "legend", q->text);
        optional_mark(lg, q);
    } else {
        xmlNodePtr l = html_elc(box, "label", "question-text", q->text);
        html_attr(l, "for", qid(id, sizeof id, q, "input"));
        optional_mark(l, q);
    }
    if (q->help) {
        xmlNodePtr h = html_elc(box, "div", "hint", NULL);
        html_attr(h, "id", hint);
        if (markdown_render(h, file, q->help, strlen(q->help), NULL, d) != 0)
            return -1;
    }
    xmlNodePtr err = html_elc(box, "p", "field-error", NULL);
    html_attr(err, "id", qid(id, sizeof id, q, "error"));
    html_attr(err, "hidden", NULL);

    if (choice_q) {
        xmlNodePtr ch = html_elc(box, "div", "choices", NULL);
        const char *type = q->kind == QK_MULTIPLE ? "checkbox" : "radio";
        if (q->kind == QK_YESNO) {
            choice(ch, q, type, "yes", "Yes", pre);
            choice(ch, q, type, "no", "No", pre);
        }
        for (size_t i = 0; i < q->n_options; i++)
            choice(ch, q, type, q->options[i].value, q->options[i].label, pre);
        if (q->other) {
            choice(ch, q, type, "other", "Other", pre);
            xmlNodePtr ot = html_elc(ch, "div", "other-text", NULL);
            xmlNodePtr l = html_el(ot, "label", "Please describe");
            html_attr(l, "for", qid(id, sizeof id, q, "other-text"));
            xmlNodePtr in = html_el(ot, "input", NULL);
            html_attr(in, "type", "text");
            html_attr(in, "id", id);
            char name[128];
            snprintf(name, sizeof name, "%s.other", q->id);
            html_attr(in, "name", name);
            if (pre && pre->other && answer_has_value(pre, "other"))
                html_attr(in, "value", pre->other);
        }
    } else {
        xmlNodePtr in;
        if (q->kind == QK_SHORT) {
            in = html_el(box, "input", NULL);
            html_attr(in, "type", "text");
        } else {
            in = html_el(box, "textarea", NULL);
        }
        html_attr(in, "id", qid(id, sizeof id, q, "input"));
        html_attr(in, "name", q->id);
        if (q->kind == QK_LONG)
            html_attr(in, "rows", "5");
        if (q->help)
            html_attr(in, "aria-describedby", hint);
        if (pre && pre->text) {
            if (q->kind == QK_SHORT)
                html_attr(in, "value", pre->text);
            else
                html_text(in, pre->text);
        }
    }
    note_field(box, q, fs->notes ? answers_find(fs->notes, q->id) : pre);
    if (fs->review) {
        /* the mentor's answer counts only where the mentor's answers show it */
        int shown = question_visible(q, fs->prefill);
        const answer *mine = pre && shown ? pre : NULL;
        int flag = render_mentee_answer(box, q, answers_find(fs->mentee, q->id), mine,
                                        fs->mentee_name, fs);
        fs->counts.conflicts += flag == FLAG_CONFLICT;
        fs->counts.discuss += flag == FLAG_DISCUSS;
        fs->counts.answered += shown && answer_given(mine);
        fs->counts.left += shown && !answer_given(mine);
    }
    return 0;
}

static void form_tools(xmlNodePtr form)
{
    xmlNodePtr tools = html_elc(form, "div", "form-tools", NULL);
    html_attr(tools, "hidden", NULL);
    xmlNodePtr l = html_el(tools, "label", "Use prior answers");
    html_attr(l, "for", "prior-file");
    html_text(tools, " ");
    xmlNodePtr in = html_el(tools, "input", NULL);
    html_attr(in, "type", "file");
    html_attr(in, "id", "prior-file");
    html_attr(in, "accept", ".xml,.accord,application/xml,text/xml");
    xmlNodePtr st = html_el(tools, "div", NULL);
    html_attr(st, "id", "prior-status");
    html_attr(st, "role", "status");
    html_attr(st, "aria-live", "polite");
    xmlNodePtr ds = html_el(tools, "p", NULL);
    html_attr(ds, "id", "draft-status");
    html_attr(ds, "role", "status");
    html_attr(ds, "aria-live", "polite");
}

static void review_section(xmlNodePtr main)
{
    xmlNodePtr rv = html_elc(main, "section", "review", NULL);
    html_attr(rv, "id", "review");
    html_attr(rv, "hidden", NULL);
    html_attr(rv, "aria-labelledby", "review-title");
    xmlNodePtr h = html_el(rv, "h2", "Check your answers");
    html_attr(h, "id", "review-title");
    html_attr(h, "tabindex", "-1");
    html_attr(html_el(rv, "div", NULL), "id", "review-list");
    xmlNodePtr b = html_el(rv, "button", "Export answers file");
    html_attr(b, "type", "button");
    html_attr(b, "id", "export-answers");
    b = html_el(rv, "button", "Change answers");
    html_attr(b, "type", "button");
    html_attr(b, "id", "back-to-form");
    xmlNodePtr ns = html_el(main, "noscript", NULL);
    html_el(ns, "p",
            "Without JavaScript you can read and print this form; to save and export answers, "
            "turn JavaScript on.");
}

void render_zip_limits(xmlNodePtr el)
{
    html_attr_number(el, "data-zip-max-bytes", ZIPREAD_FILE_MAX);
    html_attr_number(el, "data-zip-max-members", ZIPREAD_MEMBERS_MAX);
    html_attr_number(el, "data-zip-max-name", ZIPREAD_NAME_MAX);
    html_attr_number(el, "data-zip-max-extra", ZIPREAD_EXTRA_MAX);
}

/* The limits and words the page scripts need, from the constants the
 * checks here use: nothing is copied into a script by hand. */
static void script_config(xmlNodePtr f, const form_spec *fs)
{
    static const struct {
        const char *name;
        agreement_flag flag;
    } flags[] = {{"conflict", FLAG_CONFLICT}, {"discuss", FLAG_DISCUSS}, {"same", FLAG_SAME}};
    static const struct {
        const char *name;
        conflict_sentence_kind kind;
    } sentences[] = {{"data-summary-none", SUMMARY_NONE},
                     {"data-summary-one", SUMMARY_ONE},
                     {"data-summary-many", SUMMARY_MANY},
                     {"data-summary-unanswered-one", UNANSWERED_ONE},
                     {"data-summary-unanswered-many", UNANSWERED_MANY},
                     {"data-summary-left-one", LEFT_ONE},
                     {"data-summary-left-many", LEFT_MANY},
                     {"data-discuss-one", DISCUSS_ONE},
                     {"data-discuss-many", DISCUSS_MANY}};
    html_attr_number(f, "data-limit-short", SHORT_TEXT_MAX);
    html_attr_number(f, "data-limit-long", LONG_TEXT_MAX);
    html_attr_number(f, "data-limit-other", SHORT_TEXT_MAX);
    html_attr_number(f, "data-limit-note", NOTE_MAX);
    html_attr_number(f, "data-limit-answers-file", XML_FILE_MAX);
    /* every form writes and checks a bundle; a mentor's also reads one */
    render_zip_limits(f);
    if (fs->role != ROLE_MENTOR || !fs->ag)
        return; /* the mentor's forms read the mentee's answers and flag them */
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
        char name[32];
        snprintf(name, sizeof name, "data-flag-%s", flags[i].name);
        html_attr(f, name, conflict_flag_text(flags[i].flag));
        snprintf(name, sizeof name, "data-icon-%s", flags[i].name);
        html_attr(f, name, conflict_flag_icon(flags[i].flag));
    }
    for (size_t i = 0; i < sizeof sentences / sizeof *sentences; i++)
        html_attr(f, sentences[i].name, conflict_sentence(sentences[i].kind));
}

/* What signing in the page needs besides the answers: the questionnaire's
 * canonical bytes, as a bundle carries them (standard base64 with padding,
 * one line; data-digest is their SHA-256), and the public keys the program
 * holds for the form's parties. Returns 0, or -1 when out of memory. */
static int signing_config(xmlNodePtr f, const form_spec *fs)
{
    unsigned char *xml = malloc(fs->xml_len ? fs->xml_len : 1);
    if (!xml)
        return -1;
    memcpy(xml, fs->xml, fs->xml_len);
    if (page_attr_base64(fs->page, f, "data-questionnaire-bytes", xml, fs->xml_len) != 0)
        return -1;
    /* the mentee whose bundle a mentor's form verifies, by the keys below */
    html_attr(f, "data-mentee", fs->ag ? fs->ag->mentee : fs->party);
    if (fs->keys[ROLE_MENTEE])
        html_attr(f, "data-keys-mentee", fs->keys[ROLE_MENTEE]);
    if (fs->keys[ROLE_MENTOR])
        html_attr(f, "data-keys-mentor", fs->keys[ROLE_MENTOR]);
    render_ledger_attrs(f, fs->validity, fs->indexed);
    return 0;
}

int render_form_body(xmlNodePtr m, form_spec *fs, diag *d)
{
    const questionnaire *q = fs->q;
    xmlNodePtr f = html_elc(m, "form", "accord-form", NULL);
    html_attr(f, "id", "accord-form");
    html_attr(f, "action", "#");
    html_attr(f, "method", "post");
    html_attr(f, "novalidate", NULL);
    html_attr(f, "data-program", fs->program);
    html_attr(f, "data-questionnaire", q->id);
    html_attr(f, "data-version", q->version);
    html_attr(f, "data-digest", fs->digest);
    html_attr(f, "data-kind", fs->ag ? "agreement" : "idp");
    if (fs->ag)
        html_attr(f, "data-agreement", fs->ag->id);
    html_attr(f, "data-role", role_name(fs->role));
    html_attr(f, "data-party", fs->party);
    char rev[16];
    snprintf(rev, sizeof rev, "%d", fs->revision > 0 ? fs->revision : 1);
    html_attr(f, "data-revision", rev);
    if (fs->revision > 1 && fs->previous)
        html_attr(f, "data-previous", fs->previous);
    if (fs->review)
        html_attr(f, "data-review", "true");
    if (signing_config(f, fs) != 0)
        return -1;
    script_config(f, fs);
    form_tools(f);
    xmlNodePtr es = html_elc(f, "div", "error-summary", NULL);
    html_attr(es, "id", "error-summary");
    html_attr(es, "role", "alert");
    html_attr(es, "tabindex", "-1");
    html_attr(es, "hidden", NULL);

    int rc_ = 0;
    for (size_t s = 0; s < q->n_sections && rc_ == 0; s++) {
        const section *sec = &q->sections[s];
        char id[96], tid[112];
        snprintf(id, sizeof id, "s-%s", sec->id);
        snprintf(tid, sizeof tid, "s-%s-title", sec->id);
        xmlNodePtr se = html_elc(f, "section", "form-section", NULL);
        html_attr(se, "id", id);
        html_attr(se, "aria-labelledby", tid);
        html_attr(html_el(se, "h2", sec->title), "id", tid);
        rc_ = render_markdown(se, "section-help", q->file, sec->help, d);
        for (size_t k = 0; k < sec->n_questions && rc_ == 0; k++) {
            const question *qq = &sec->questions[k];
            rc_ = question_el(se, qq, qq->file ? qq->file : q->file, fs, d);
        }
    }
    xmlNodePtr act = html_elc(f, "div", "form-actions", NULL);
    html_attr(html_el(act, "button", "Check your answers"), "type", "submit");
    review_section(m);
    return rc_;
}

int render_hold_answers(const answers **const *v, size_t n, arena *ar, const char *path, diag *d)
{
    for (size_t i = 0; i < n; i++) {
        const char *why;
        if (answers_hold(v[i], ar, &why) != 0) {
            diag_error(d, path, 0, "cannot render: the answers of %s: %s", (*v[i])->file, why);
            return -1;
        }
    }
    return 0;
}

int render_form(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    const agreement *ag = j->idp ? NULL : &c->agreements[j->item];
    const char *party = j->idp                   ? c->people[j->item].id
                        : j->role == ROLE_MENTEE ? ag->mentee
                                                 : ag->mentor;
    arena ar = ARENA_INIT;
    effective eff;
    const effective *shared =
        rc->effectives ? rc->effectives[j->idp ? c->n_agreements : j->item] : NULL;
    if (shared)
        eff = *shared;
    else if (effective_build(c, ag, &ar, &eff) != 0) {
        diag_error(d, j->path, 0, "cannot build the effective questionnaire");
        arena_release(&ar);
        return -1;
    }
    const questionnaire *q = eff.q;
    form_spec fs = {.page = p,
                    .q = q,
                    .digest = eff.digest,
                    .xml = eff.xml,
                    .xml_len = eff.xml_len,
                    .program = c->program.id,
                    .ag = ag,
                    .role = j->role,
                    .party = party,
                    .revision = 1};
    render_form_keys(rc, &fs, &ar);
    const agreement_status *st = ag ? program_state_find(rc->ps, ag->id) : NULL;
    if (st) {
        fs.revision = st->next_revision;
        fs.previous = st->next_previous;
    }
    if (j->private_form && st) {
        /* the next revision starts from the last signed agreement's final answers */
        const revision_view *last = agreement_status_last_signed(st);
        if (last) {
            fs.prefill = last->mentor;
            /* the final answers are the mentor's; each party's notes stay their own */
            fs.notes = j->role == ROLE_MENTEE ? last->mentee : last->mentor;
        }
    }
    const answers **held[] = {&fs.prefill, &fs.notes};
    if (render_hold_answers(held, 2, &ar, j->path, d) != 0) {
        arena_release(&ar);
        return -1;
    }
    const char *title = j->idp ? arena_printf(&ar, "%s: %s", q->title, render_person_name(c, party))
                               : arena_printf(&ar, "%s: %s form", q->title, role_name(j->role));
    if (render_page_begin(rc, j, p, title) != 0) {
        arena_release(&ar);
        return -1;
    }
    xmlNodePtr m = p->main;
    html_el(m, "h1", q->title);
    xmlNodePtr who = html_elc(m, "p", "form-for", NULL);
    if (j->idp) {
        html_text(who, "Individual development plan of ");
        html_el(who, "strong", render_person_name(c, party));
        html_text(who, " (mentee).");
    } else {
        html_text(who, j->role == ROLE_MENTEE ? "Mentee form" : "Mentor form");
        html_text(who, " for the agreement between ");
        html_el(who, "strong", render_person_name(c, ag->mentee));
        html_text(who, " (mentee) and ");
        html_el(who, "strong", render_person_name(c, ag->mentor));
        html_text(who, " (mentor).");
        if (fs.revision > 1) {
            char *rv = arena_printf(&ar, " This is revision %d: a review of the signed agreement.",
                                    fs.revision);
            html_text(who, rv);
        }
    }
    if (fs.prefill)
        html_elc(m, "p", "prefilled-note",
                 "This form starts from the answers of the last signed agreement. Change what "
                 "has changed.");
    if (j->idp && c->program.idp_href) {
        xmlNodePtr extra = html_elc(m, "p", "idp-extra", "More for your plan: ");
        html_link(extra, c->program.idp_href, "further IDP questions");
    }
    /* the questionnaire's intro speaks to the mentee, who answers first */
    int rc_ = 0;
    if (!j->idp && j->role == ROLE_MENTOR)
        render_mentor_intro(m, 0, NULL);
    else
        rc_ = render_markdown(m, "intro", q->file, q->intro, d);
    if (rc_ == 0)
        rc_ = render_form_body(m, &fs, d);
    arena_release(&ar);
    return rc_;
}

int render_form_index(const render_ctx *rc, const page_job *j, page *p, diag *d)
{
    const content *c = rc->c;
    arena ar = ARENA_INIT;
    size_t from = j->item * DASHBOARD_ROWS_MAX;
    const char *title = j->rows ? arena_printf(&ar, "Forms: agreements %zu to %zu of %zu", from + 1,
                                               from + j->n_rows, c->n_agreements)
                                : "Forms";
    if (render_page_begin(rc, j, p, title) != 0) {
        arena_release(&ar);
        return -1;
    }
    xmlNodePtr m = p->main;
    html_el(m, "h1", title);
    html_el(m, "p",
            "Each agreement has a form for the mentee and one for the mentor. The mentee "
            "answers first; the mentor's answers are final.");
    html_el(m, "h2", c->program.names_public ? "Agreements" : "Your pages");
    int in_parts = c->program.names_public && render_list_parts(c);
    if (in_parts && !j->rows) {
        html_el(m, "p", arena_printf(&ar, FORMS_IN_PARTS, c->n_agreements, DASHBOARD_ROWS_MAX));
        render_part_list(c, p, m, "agreement-part-list", render_forms_part_path, &ar);
    } else if (render_agreement_list(rc, p, m, j->rows, j->n_rows, &ar) != 0) {
        diag_error(d, j->path, 0, "cannot render: out of memory");
        arena_release(&ar);
        return -1;
    }
    if (!c->program.names_public) {
        html_el(m, "h2", "Sample agreements");
        html_el(m, "p",
                "Every question of an agreement, blank, to read or print before you begin.");
        render_sample_list(p, m, c, &ar);
    }
    if (c->program.names_public && c->program.idp_enabled && c->program.idp_questionnaire &&
        !(in_parts && !j->rows)) { /* the overview of parts: on the parts, with the agreements */
        html_el(m, "h2", "Individual development plans");
        render_idp_list(p, m, c, j->rows, j->n_rows, &ar);
    }
    arena_release(&ar);
    return 0;
}
