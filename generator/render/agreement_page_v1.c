/* agreement_page_v1.c - agreement page renderer, version 1.
 *
 * Frozen: what this file writes for a bundle is part of every agreement
 * signed with it. Any change to the bytes it writes (markup, words, style
 * sheet, the order of anything) is a new renderer version in a new file,
 * with this one left as it is; the golden vectors of
 * tests/golden/agreement-page/v1/ fail on any such change. The blocks it adds
 * for the site's copy (site != NULL) are not signed and may change.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static const char style_v1[] =
    ":root{color-scheme:light}\n"
    "body{margin:0;background:#f3f2f1;color:#0b0c0c;"
    "font:1.0625rem/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif}\n"
    "main{box-sizing:border-box;max-width:48rem;margin:0 auto;padding:2rem 1.25rem 3rem;"
    "background:#fff}\n"
    "h1{font-size:2rem;line-height:1.2;margin:.25rem 0 1rem}\n"
    "h2{font-size:1.4rem;line-height:1.3;margin:2.5rem 0 1rem;padding-top:.5rem;"
    "border-top:2px solid #0b0c0c}\n"
    "h3{font-size:1.0625rem;margin:0 0 .35rem}\n"
    "p{margin:0 0 1rem}\n"
    ".program{margin:0;color:#505a5f;font-weight:600}\n"
    ".lead{font-size:1.2rem}\n"
    ".facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.5rem;margin:0 0 1rem;"
    "padding:1rem;background:#f3f2f1}\n"
    ".facts dt{font-weight:700}\n"
    ".facts dd{margin:0;overflow-wrap:anywhere}\n"
    ".item{margin:0 0 1.25rem;padding:0 0 1rem;border-bottom:1px solid #b1b4b6}\n"
    ".answer{margin:0 0 .5rem;white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".note{margin:0 0 .5rem;padding-left:.75rem;border-left:4px solid #b1b4b6;"
    "white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".who{font-weight:700}\n"
    ".closing p,.signing p{max-width:40rem}\n"
    "@media (max-width:40rem){main{padding:1.25rem .9rem 2rem}h1{font-size:1.6rem}"
    ".facts{grid-template-columns:1fr;gap:0}.facts dd{margin-bottom:.5rem}}\n"
    "@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}"
    "h2{break-after:avoid}h3{break-after:avoid}.facts{background:none;padding:0}}\n";

/* The site's copy only: its own blocks (not part of any signed page). */
static const char style_site[] =
    ".site-bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;"
    "margin:0 0 1.5rem}\n"
    ".site-bar a{color:#1d70b8}\n"
    ".status{margin:0 0 1.5rem;padding:.75rem 1rem;border-left:6px solid #1d70b8;"
    "background:#f3f2f1;font-weight:700}\n"
    ".status.signed{border-color:#00703c}\n"
    ".legacy{padding:.75rem 1rem;border-left:6px solid #b58840;background:#fff7e6}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 1rem}\n"
    "th,td{text-align:left;vertical-align:top;padding:.4rem .5rem .4rem 0;"
    "border-bottom:1px solid #b1b4b6;overflow-wrap:anywhere}\n"
    "code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}\n"
    "pre{overflow-x:auto;padding:.75rem;background:#f3f2f1;white-space:pre}\n"
    ".digest{overflow-wrap:anywhere}\n"
    ".change{margin:0 0 1rem;padding:0 0 .5rem;border-bottom:1px solid #b1b4b6}\n"
    ".change h3{margin:0 0 .4rem}\n"
    ".change dl{margin:0}\n"
    ".change dt{font-weight:700}\n"
    ".change dd{margin:0 0 .5rem}\n"
    ".change .was{color:#505a5f}\n"
    "@media print{.site-bar{display:none}}\n";

/* The words of one answer: option labels joined by ", " ("Other: <text>"
 * for value other), or the text. */
static void answer_words(sbuf *b, const question *q, const answer *an)
{
    if (an->text) {
        hw_text(b, an->text);
        return;
    }
    for (size_t i = 0; i < an->n_values; i++) {
        const char *v = an->values[i], *label = v;
        if (i)
            sb_puts(b, ", ");
        if (!strcmp(v, "other") && q->other && an->other) {
            sb_puts(b, "Other: ");
            hw_text(b, an->other);
            continue;
        }
        if (q->kind == QK_YESNO)
            label = !strcmp(v, "yes") ? "Yes" : !strcmp(v, "no") ? "No" : v;
        for (size_t k = 0; k < q->n_options; k++)
            if (!strcmp(q->options[k].value, v))
                label = q->options[k].label;
        hw_text(b, label);
    }
}

static void note(sbuf *b, const answer *an, const char *name, const char *role)
{
    if (!an || !an->note)
        return;
    hw_open(b, "p", "note", NULL);
    hw_open(b, "span", "who", NULL);
    sb_puts(b, "Note from ");
    hw_text(b, name);
    sb_puts(b, " (");
    sb_puts(b, role);
    sb_puts(b, "):</span> ");
    hw_text(b, an->note);
    hw_close(b, "p");
}

static void fact(sbuf *b, const char *term, const char *value)
{
    sb_puts(b, "<dt>");
    sb_puts(b, term);
    sb_puts(b, "</dt><dd>");
    hw_text(b, value);
    sb_puts(b, "</dd>\n");
}

static void person_fact(sbuf *b, const char *term, const char *name, const char *id)
{
    sb_puts(b, "<dt>");
    sb_puts(b, term);
    sb_puts(b, "</dt><dd>");
    hw_text(b, name);
    sb_puts(b, " (");
    hw_text(b, id);
    sb_puts(b, ")</dd>\n");
}

static void meta_fact(sbuf *b, const char *name, const char *value)
{
    sb_puts(b, "<meta");
    hw_attr(b, "name", name);
    hw_attr(b, "content", value);
    sb_puts(b, ">\n");
}

static void head(sbuf *b, const agreement_view *v, const agreement_facts *f, const char *style)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char b64[sodium_base64_ENCODED_LEN(sizeof h, sodium_base64_VARIANT_ORIGINAL)], months[16];
    crypto_hash_sha256(h, (const unsigned char *)style, strlen(style));
    sodium_bin2base64(b64, sizeof b64, h, sizeof h, sodium_base64_VARIANT_ORIGINAL);
    snprintf(months, sizeof months, "%d", f->review_months);
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    /* no script, no connection, nothing loaded: only this page's own style */
    sb_puts(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'sha256-");
    sb_puts(b, b64);
    sb_puts(b, "'; base-uri 'none'; form-action 'none'\">\n");
    meta_fact(b, "accord-render", "1");
    meta_fact(b, "accord-program-title", f->program_title);
    meta_fact(b, "accord-mentee-name", f->mentee_name);
    meta_fact(b, "accord-mentor-name", f->mentor_name);
    meta_fact(b, "accord-review-months", months);
    sb_puts(b, "<title>Agreement between ");
    hw_text(b, f->mentee_name);
    sb_puts(b, " and ");
    hw_text(b, f->mentor_name);
    sb_puts(b, ", revision ");
    hw_text(b, v->revision);
    sb_puts(b, "</title>\n<style>");
    sb_puts(b, style);
    sb_puts(b, "</style>\n</head>\n<body>\n<main>\n");
}

static void site_bar(sbuf *b, const page_site *s)
{
    sb_puts(b, "<nav class=\"site-bar\" aria-label=\"Agreement\"><a");
    hw_attr(b, "href", s->home_href);
    sb_puts(b, ">All agreements</a><a");
    hw_attr(b, "href", s->bundle_href);
    int both = s->sigs[0].key_id && s->sigs[1].key_id;
    sb_puts(b, both ? ">Download the signed agreement file</a></nav>\n"
                    : ">Download the agreement file to sign</a></nav>\n");
    hw_el(b, "p", both ? "status signed" : "status", s->status);
    if (s->legacy)
        hw_el(b, "p", "legacy",
              "This agreement was signed before accord bound the page to the answers, so its "
              "page cannot be checked against them. What follows is made from the signed "
              "answers; the signed file also holds the page the parties read.");
}

/* What changed since the revision before (site only): per question, each
 * thing that changed with what it said before and now. */
static void site_changes(sbuf *b, const page_site *s)
{
    if (s->current < 2)
        return;
    sb_printf(b, "<section id=\"changes\">\n<h2>What changed since revision %d</h2>\n",
              s->current - 1);
    if (!s->n_changes)
        sb_puts(b, "<p>Nothing: every answer and note is as it was.</p>\n");
    for (size_t i = 0; i < s->n_changes; i++) {
        const page_change *c = &s->changes[i];
        if (!i || strcmp(c->question, s->changes[i - 1].question)) {
            if (i)
                sb_puts(b, "</dl>\n</div>\n");
            sb_puts(b, "<div class=\"change\">\n");
            hw_el(b, "h3", NULL, c->question);
            sb_puts(b, "<dl>\n");
        }
        hw_el(b, "dt", NULL, c->what);
        sb_puts(b, "<dd><span class=\"was\">Before: ");
        hw_text(b, c->before);
        sb_puts(b, "</span><br><span class=\"now\">Now: ");
        hw_text(b, c->after);
        sb_puts(b, "</span></dd>\n");
    }
    if (s->n_changes)
        sb_puts(b, "</dl>\n</div>\n");
    sb_puts(b, "</section>\n");
}

/* With a ledger: where the program's index lists the bundle, and the
 * checkpoint that first named it, to keep as proof (site only). */
static void site_listing(sbuf *b, const page_site *s)
{
    if (!s->indexed_at)
        return;
    sb_printf(b,
              "<p class=\"listing\">The program's index lists this agreement file at entry "
              "%ld.",
              s->indexed_at);
    if (s->checkpoint_href) {
        sb_printf(b,
                  " The first checkpoint naming it, of %ld entries and signed with the "
                  "program's key, is your proof that it was listed: keep ",
                  s->checkpoint_entries);
        sb_puts(b, "<a");
        hw_attr(b, "href", s->checkpoint_href);
        char sig[300];
        snprintf(sig, sizeof sig, "%s.minisig", s->checkpoint_href);
        sb_puts(b, ">the checkpoint</a> and <a");
        hw_attr(b, "href", sig);
        sb_puts(b, ">its signature</a>.");
    }
    sb_puts(b, "</p>\n");
}

static void site_blocks(sbuf *b, const agreement_view *v, const page_site *s)
{
    site_changes(b, s);
    sb_puts(b, "<section id=\"verification\">\n<h2>Verification</h2>\n<p>Agreement file: <a");
    hw_attr(b, "href", s->bundle_href);
    sb_puts(b, ">");
    hw_text(b, s->bundle_href);
    sb_puts(b, "</a></p>\n<p>Fingerprint (SHA-256 of its MANIFEST): <code class=\"digest\">");
    hw_text(b, s->digest);
    sb_puts(b, "</code></p>\n<table>\n<thead><tr><th scope=\"col\">Party</th><th "
               "scope=\"col\">Role</th><th scope=\"col\">Key ID</th><th "
               "scope=\"col\">Signed</th></tr></thead>\n<tbody>\n");
    for (int k = 0; k < 2; k++) {
        const page_signature *g = &s->sigs[k];
        sb_puts(b, "<tr><th scope=\"row\">");
        hw_text(b, g->party);
        sb_puts(b, "</th><td>");
        hw_text(b, g->role);
        sb_puts(b, "</td><td><code>");
        hw_text(b, g->key_id ? g->key_id : "\xe2\x80\x93");
        sb_puts(b, g->key_id ? "</code></td><td class=\"signed\">"
                             : "</code></td><td class=\"not-signed\">");
        hw_text(b, g->key_id ? g->signed_at : "not signed yet");
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</tbody>\n</table>\n");
    site_listing(b, s);
    sb_puts(b, "<h3>Check it yourself</h3>\n<p>With the parties' public "
               "keys and no accord at all, an auditor runs:</p>\n<pre><code>");
    sb_puts(b, "unzip ");
    hw_text(b, s->bundle_href);
    sb_puts(b, " -d agreement\ncd agreement\n");
    const char *ids[2] = {v->mentee, v->mentor};
    for (int k = 0; k < 2; k++) {
        sb_puts(b, "minisign -V -m MANIFEST -x signatures/");
        hw_text(b, ids[k]);
        sb_puts(b, ".minisig -p ");
        hw_text(b, ids[k]);
        sb_puts(b, ".pub\n");
    }
    sb_puts(b, "sha256sum -c MANIFEST</code></pre>\n<p>With accord: <code>accord-verify -r "
               "keys/ ");
    hw_text(b, s->bundle_href);
    sb_puts(b, "</code> checks the signatures, and <code>accord check AGREEMENT.accord</code> "
               "checks that the page matches the signed answers.</p>\n</section>\n");
    if (!s->n_history)
        return;
    sb_puts(b, "<section id=\"history\">\n<h2>History</h2>\n<table>\n<thead><tr><th "
               "scope=\"col\">Revision</th><th scope=\"col\">Created</th><th "
               "scope=\"col\">Signed by</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < s->n_history; i++) {
        const page_revision *r = &s->history[i];
        sb_printf(b, "<tr><th scope=\"row\"><a");
        hw_attr(b, "href", r->href);
        if (r->revision == s->current)
            hw_attr(b, "aria-current", "page");
        sb_printf(b, ">Revision %d</a></th><td>", r->revision);
        hw_text(b, r->created);
        sb_puts(b, "</td><td>");
        hw_text(b, r->signed_by);
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void answers_part(sbuf *b, const agreement_view *v, const agreement_facts *f)
{
    const questionnaire *q = v->snapshot;
    const answers *fin = v->mentor_answers, *mentee = v->mentee_answers;
    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        int open = 0;
        for (size_t k = 0; k < sec->n_questions; k++) {
            const question *qq = &sec->questions[k];
            const answer *an = answers_find(fin, qq->id);
            if (!answer_given(an) || !question_visible(qq, fin))
                continue; /* unanswered questions (and so empty sections) are left out */
            if (!open) {
                sb_puts(b, "<section class=\"part\"");
                sb_puts(b, " id=\"s-");
                hw_text(b, sec->id);
                sb_puts(b, "\">\n");
                hw_el(b, "h2", NULL, sec->title);
                open = 1;
            }
            sb_puts(b, "<div class=\"item\" id=\"q-");
            hw_text(b, qq->id);
            sb_puts(b, "\">\n");
            hw_el(b, "h3", NULL, qq->text);
            hw_open(b, "p", "answer", NULL);
            answer_words(b, qq, an);
            hw_close(b, "p");
            note(b, answers_find(mentee, qq->id), f->mentee_name, "mentee");
            note(b, an, f->mentor_name, "mentor");
            sb_puts(b, "</div>\n");
        }
        if (open)
            sb_puts(b, "</section>\n");
    }
}

int agreement_page_v1(const agreement_view *v, const agreement_facts *f, const page_site *site,
                      sbuf *b, char *why)
{
    char created[11], due[11];
    snprintf(created, sizeof created, "%.10s", v->created);
    agreement_review_date(v->created, f->review_months, due);
    if (!site) {
        head(b, v, f, style_v1);
    } else {
        sbuf style = SBUF_INIT;
        sb_puts(&style, style_v1);
        sb_puts(&style, style_site);
        head(b, v, f, style.data);
        sb_release(&style);
        site_bar(b, site);
    }
    sb_puts(b, "<header>\n");
    hw_el(b, "p", "program", f->program_title);
    hw_el(b, "h1", NULL, v->snapshot->title);
    sb_puts(b, "<p class=\"lead\">How ");
    hw_text(b, f->mentee_name);
    sb_puts(b, " (mentee) and ");
    hw_text(b, f->mentor_name);
    sb_puts(b, " (mentor) will work together. Both answered the same questions; where their "
               "answers differed, the mentor's answer is the one agreed. Any notes either of "
               "them added follow the answer.</p>\n<dl class=\"facts\">\n");
    person_fact(b, "Mentee", f->mentee_name, v->mentee);
    person_fact(b, "Mentor", f->mentor_name, v->mentor);
    fact(b, "Agreement", v->agreement);
    fact(b, "Revision", v->revision);
    fact(b, "Questionnaire", v->questionnaire);
    fact(b, "Answers completed on", created);
    fact(b, "Review due by", due);
    if (strcmp(v->previous, "none")) {
        /* the revision this one reviews, named by its bundle digest */
        sb_printf(b, "<dt>Follows</dt><dd>revision %ld, fingerprint ",
                  strtol(v->revision, NULL, 10) - 1);
        hw_text(b, v->previous);
        sb_puts(b, "</dd>\n");
    }
    sb_puts(b, "</dl>\n</header>\n");
    answers_part(b, v, f);
    sb_puts(b, "<section class=\"closing\">\n<h2>What we agree</h2>\n<p>");
    hw_text(b, f->mentee_name);
    sb_puts(b, " and ");
    hw_text(b, f->mentor_name);
    sb_puts(b, " agree to work together as set out above, and to review this agreement by ");
    hw_text(b, due);
    sb_puts(b, ".</p>\n</section>\n<section class=\"signing\">\n<h2>Signatures</h2>\n<p>Each of "
               "us signs this agreement with our own signing key. A signature covers this page, "
               "both sets of answers exactly as they were signed, and the questions they "
               "answer: if any of them changes afterwards, the signature no longer checks out. "
               "The signatures are kept with this page in the agreement file rather than "
               "printed on it.</p>\n</section>\n");
    if (site)
        site_blocks(b, v, site);
    sb_puts(b, "</main>\n</body>\n</html>\n");
    (void)why;
    return 0;
}
