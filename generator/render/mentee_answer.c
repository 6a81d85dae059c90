/* mentee_answer.c - the mentee's answer beside a question of the mentor's
 * form, every disagreement flagged by text and icon as well as colour; the
 * words a mentor's page starts with; an answer in words. The page scripts
 * (review.js, conflicts.js) read this markup: div.mentee-answer with
 * data-answered, data-values and data-other, and p.agreement-flag. */
#include <stdio.h>
#include <string.h>

#include "impl.h"

void render_answer_text(xmlNodePtr parent, const question *q, const answer *an)
{
    if (an->text) {
        html_text(parent, an->text);
        return;
    }
    for (size_t i = 0; i < an->n_values; i++) {
        if (i)
            html_text(parent, ", ");
        if (!strcmp(an->values[i], "other") && q->other && an->other) {
            html_text(parent, "Other: ");
            html_text(parent, an->other);
        } else {
            html_text(parent, question_option_label(q, an->values[i]));
        }
    }
}

void render_mentor_intro(xmlNodePtr parent, int review, const char *then)
{
    xmlNodePtr box = html_elc(parent, "div", "intro mentor-intro", NULL);
    html_el(box, "p",
            review ? "Your mentee answered these questions first. Their answers are shown "
                     "beside each question."
                   : "Your mentee answered these questions first. Load their answers (the file "
                     "they sent you) to see them beside each question.");
    xmlNodePtr ul = html_el(box, "ul", NULL);
    html_el(ul, "li", "Where your answers differ, talk it through with your mentee.");
    html_el(ul, "li", "Your answers are final: they become the agreement.");
    html_el(ul, "li",
            "Every question has room for a note. Use it for details such as a meeting day, a "
            "room or a condition.");
    if (then)
        html_el(box, "p", then);
}

int render_mentee_answer(xmlNodePtr box, const question *q, const answer *mentee,
                         const answer *mentor, const char *mentee_name, const form_spec *fs)
{
    xmlNodePtr col = html_elc(box, "div", "mentee-answer", NULL);
    int given = answer_given(mentee);
    html_attr(col, "data-answered", given ? "true" : "false");
    /* values are ids (safe grammar): space-separated in one attribute */
    size_t cap = 1;
    for (size_t i = 0; given && i < mentee->n_values; i++)
        cap += strlen(mentee->values[i]) + 1;
    char *vals = xmlMalloc(cap);
    if (vals) {
        vals[0] = '\0';
        for (size_t i = 0; given && i < mentee->n_values; i++) {
            if (i)
                strcat(vals, " ");
            strcat(vals, mentee->values[i]);
        }
        html_attr(col, "data-values", vals);
        xmlFree(vals);
    }
    if (given && mentee->other)
        html_attr(col, "data-other", mentee->other);
    html_elc(col, "p", "mentee-answer-title", "Mentee's answer");
    if (!given) {
        html_elc(col, "p", "mentee-answer-value mentee-none", "Not answered");
    } else {
        xmlNodePtr v = html_elc(
            col, "p", mentee->text ? "mentee-answer-value mentee-text" : "mentee-answer-value",
            NULL);
        render_answer_text(v, q, mentee);
    }
    if (mentee && mentee->note) {
        xmlNodePtr n = html_elc(col, "p", "mentee-note", NULL);
        xmlNodePtr label = html_elc(n, "span", "note-label", "Note from ");
        html_text(label, mentee_name);
        html_text(label, " (mentee):");
        html_text(n, " ");
        html_text(n, mentee->note);
    }
    const answer *agreed = fs->agreed ? answers_find(fs->agreed, q->id) : NULL;
    if (fs->agreed && render_answer_changed(agreed, mentee)) {
        arena ar = ARENA_INIT;
        xmlNodePtr ch = html_elc(col, "p", "changed-since", NULL);
        html_elc(ch, "span", "note-label",
                 arena_printf(&ar, "Changed since revision %d,", fs->agreed_revision));
        html_text(ch, " which agreed: ");
        html_text(ch, render_answer_string(q, agreed, &ar));
        arena_release(&ar);
    }
    const answer *earlier = fs->agreed_mentee ? answers_find(fs->agreed_mentee, q->id) : NULL;
    if (fs->agreed_mentee && render_note_changed(earlier, mentee)) {
        arena ar = ARENA_INIT;
        const char *was = earlier ? earlier->note : NULL;
        const char *how = !was ? "added" : mentee && mentee->note ? "changed" : "removed";
        xmlNodePtr ch = html_elc(col, "p", "changed-since", NULL);
        html_elc(ch, "span", "note-label",
                 arena_printf(&ar, "Note %s since revision %d%s", how, fs->agreed_revision,
                              was ? "," : "."));
        if (was) {
            html_text(ch, " which said: ");
            html_text(ch, was);
        }
        arena_release(&ar);
    }
    agreement_flag f = conflict_flag(q, mentee, mentor);
    char cls[64];
    snprintf(cls, sizeof cls, "agreement-flag %s", conflict_flag_class(f));
    xmlNodePtr fl = html_elc(col, "p", cls, NULL);
    if (f == FLAG_NONE) {
        html_attr(fl, "hidden", NULL);
    } else {
        html_attr(html_el(fl, "span", conflict_flag_icon(f)), "aria-hidden", "true");
        html_text(fl, " ");
        html_text(fl, conflict_flag_text(f));
    }
    return (int)f;
}
