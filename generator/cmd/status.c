/* status.c - accord status: every agreement's state, what happens next and
 * who acts, and when its review falls due, for the terminal or (--json)
 * for scripts. The state is read as 'accord build' reads it; the steps
 * and review dates are agreement_next_step's and review_state_on's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "impl.h"

enum { OPT_CONTENT, OPT_JSON, OPT_AS_OF, N_OPTIONS };

static const option_spec status_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
    [OPT_JSON] = {"--json", NULL,
                  "print one JSON document: \"as_of\", \"program\", \"counts\" and "
                  "\"agreements\""},
    [OPT_AS_OF] = {"--as-of", "DATE",
                   "the day reviews are due or overdue on, as YYYY-MM-DD (default: today, in "
                   "UTC)"},
};

const command_spec status_spec = {
    .name = "status",
    .summary = "show every agreement's state and who must act next",
    .synopsis = "status [-C DIR] [--json] [--as-of DATE]",
    .description =
        "Reads the content directory and its bundles as 'accord build' does, writing nothing, "
        "and prints the counts of agreements per state, then each agreement: its parties, "
        "questionnaire, current revision and state, the next step and who must take it, and "
        "the review date of its last revision signed by both, with whether that review is due "
        "(from 30 days before the date) or overdue on the day of --as-of, and whether its "
        "questionnaire changed since the answers of its open revision. A refused bundle is "
        "reported and not counted, as the site leaves it out.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the state was printed; 1 the content is wrong; 2 a usage or I/O error.",
    .options = status_options,
    .n_options = N_OPTIONS,
};

/* The counts: one per agreement_state, then the reviews due and overdue
 * (of agreements with a revision signed by both), then the agreements
 * ended (counted there alone, not by their state). */
enum { COUNT_REVIEW_DUE = AGS_SIGNED + 1, COUNT_REVIEW_OVERDUE, COUNT_ENDED, N_COUNTS };
static const char *const count_keys[N_COUNTS] = {
    "not_started", "mentee_answered", "mentor_answered", "awaiting_signatures",
    "signed",      "review_due",      "review_overdue",  "ended"};

/* One agreement as the output says it. */
typedef struct row {
    const agreement_status *st;
    const person *mentee, *mentor;
    next_step next;
    review_state review;
    char due_from[11];
    int changed; /* the open revision answered an earlier version of the questionnaire: */
    questionnaire_change qc;
    int has_idp;         /* the program has IDPs: idp is the mentee's latest signed one */
    const idp_view *idp; /* NULL: none signed yet */
} row;

static const char *const step_keys[] = {[NEXT_MENTEE_ANSWERS] = "mentee answers",
                                        [NEXT_MENTOR_ANSWERS] = "mentor answers",
                                        [NEXT_SIGN] = "sign",
                                        [NEXT_PROGRAM] = "program",
                                        [NEXT_REVIEW] = "review",
                                        [NEXT_NONE] = "none"};
static const char *const review_words[] = {
    [REVIEW_NOT_DUE] = "not due", [REVIEW_DUE] = "due", [REVIEW_OVERDUE] = "overdue"};

/* Who must act, in words: "the mentee", "the mentor", "both", "the
 * program". */
static const char *who_acts(const next_step *n)
{
    if (n->acts[ROLE_MENTEE] && n->acts[ROLE_MENTOR])
        return "both";
    if (n->acts[ROLE_MENTEE])
        return "the mentee";
    return n->acts[ROLE_MENTOR] ? "the mentor" : "the program";
}

/* The next step in plain words, in ar. */
static const char *step_words(const row *r, arena *ar)
{
    const revision_view *cur = agreement_status_rev(r->st, r->st->revision);
    switch (r->next.kind) {
    case NEXT_MENTEE_ANSWERS:
        return "the mentee answers the agreement form";
    case NEXT_MENTOR_ANSWERS:
        return "the mentor gives their answers beside the mentee's";
    case NEXT_SIGN:
        return arena_printf(ar, "%s sign%s the agreement", who_acts(&r->next),
                            !strcmp(who_acts(&r->next), "both") ? "" : "s");
    case NEXT_PROGRAM:
        return arena_printf(ar, "the program: both answered, but no agreement could be made (%s)",
                            cur && cur->build_problem ? cur->build_problem : "see accord build");
    case NEXT_REVIEW:
        return arena_printf(ar, "both review it by %s", r->next.review_date);
    case NEXT_NONE:
        return arena_printf(ar, "ended on %s: %s", r->st->ag->ended,
                            plain_text(ar, r->st->ag->ended_reason));
    }
    return "";
}

static void json_person(sbuf *b, const char *key, const person *p)
{
    sb_printf(b, "\"%s\": {\"id\": ", key);
    json_string(b, p->id);
    sb_puts(b, ", \"name\": ");
    json_string(b, p->name);
    sb_puts(b, "}");
}

static void json_output(sbuf *b, const content *c, const char *as_of, const row *rows, size_t n,
                        const size_t *counts, arena *ar)
{
    sb_printf(b, "{\n  \"as_of\": \"%s\",\n  \"program\": {\"id\": ", as_of);
    json_string(b, c->program.id);
    sb_puts(b, ", \"title\": ");
    json_string(b, c->program.title);
    sb_puts(b, "},\n  \"counts\": {");
    for (int k = 0; k < N_COUNTS; k++)
        sb_printf(b, "%s\"%s\": %zu", k ? ", " : "", count_keys[k], counts[k]);
    sb_puts(b, "},\n  \"agreements\": [");
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        sb_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
        json_string(b, r->st->ag->id);
        sb_puts(b, ", ");
        json_person(b, "mentee", r->mentee);
        sb_puts(b, ", ");
        json_person(b, "mentor", r->mentor);
        sb_puts(b, ", \"questionnaire\": ");
        json_string(b, r->st->ag->questionnaire);
        sb_printf(b, ", \"revision\": %d, \"state\": \"%s\", \"next\": {\"step\": \"%s\", ",
                  r->st->revision, agreement_state_name(r->st->state), step_keys[r->next.kind]);
        sb_puts(b, "\"who\": [");
        if (r->next.kind == NEXT_PROGRAM)
            sb_puts(b, "\"program\"");
        else
            sb_printf(b, "%s%s%s", r->next.acts[ROLE_MENTEE] ? "\"mentee\"" : "",
                      r->next.acts[ROLE_MENTEE] && r->next.acts[ROLE_MENTOR] ? ", " : "",
                      r->next.acts[ROLE_MENTOR] ? "\"mentor\"" : "");
        sb_puts(b, "], \"words\": ");
        json_string(b, step_words(r, ar));
        if (r->next.kind == NEXT_NONE) {
            sb_printf(b, "}, \"ended\": {\"date\": \"%s\", \"reason\": ", r->st->ag->ended);
            json_string(b, r->st->ag->ended_reason);
        }
        sb_puts(b, "}, \"review\": ");
        if (r->next.review_date[0])
            sb_printf(b, "{\"date\": \"%s\", \"due_from\": \"%s\", \"state\": \"%s\"}",
                      r->next.review_date, r->due_from, review_words[r->review]);
        else
            sb_puts(b, "null");
        sb_puts(b, ", \"idp\": ");
        if (!r->has_idp)
            sb_puts(b, "null");
        else if (r->idp)
            sb_printf(b, "{\"revision\": %d, \"signed\": \"%.10s\"}", r->idp->revision,
                      r->idp->created);
        else
            sb_puts(b, "{\"revision\": 0, \"signed\": null}");
        sb_puts(b, ", \"questionnaire_changed\": ");
        if (r->changed)
            sb_printf(b, "{\"since\": \"%s\", \"answered_digest\": \"%s\", \"digest\": \"%s\"}",
                      r->qc.since, r->qc.answered_digest, r->qc.digest);
        else
            sb_puts(b, "null");
        sb_puts(b, "}");
    }
    sb_puts(b, n ? "\n  ]\n}\n" : "]\n}\n");
}

/* "Amira Testwell (amira)", safe for a terminal. */
static const char *party(const person *p, arena *ar)
{
    return arena_printf(ar, "%s (%s)", plain_text(ar, p->name), p->id);
}

static void text_output(sbuf *b, const content *c, const char *as_of, const row *rows, size_t n,
                        const size_t *counts, arena *ar)
{
    sb_printf(b, "%s: %zu agreement%s, as of %s\n", plain_text(ar, c->program.title), n,
              n == 1 ? "" : "s", as_of);
    for (int k = 0; k < N_COUNTS; k++) {
        const char *name = k <= AGS_SIGNED             ? agreement_state_name((agreement_state)k)
                           : k == COUNT_REVIEW_DUE     ? "review due"
                           : k == COUNT_REVIEW_OVERDUE ? "review overdue"
                                                       : "ended";
        sb_printf(b, "  %-20s %6zu\n", name, counts[k]);
    }
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        sb_printf(b, "\n%s: %s%s", r->st->ag->id, r->next.kind == NEXT_NONE ? "ended, " : "",
                  agreement_state_name(r->st->state));
        if (r->st->revision)
            sb_printf(b, ", revision %d", r->st->revision);
        sb_printf(b, " (questionnaire %s)\n", r->st->ag->questionnaire);
        sb_printf(b, "  mentee  %s\n  mentor  %s\n", party(r->mentee, ar), party(r->mentor, ar));
        sb_printf(b, "  next    %s\n", step_words(r, ar));
        if (r->has_idp && r->idp)
            sb_printf(b, "  idp     the mentee's plan: revision %d, signed %.10s\n",
                      r->idp->revision, r->idp->created);
        else if (r->has_idp)
            sb_puts(b, "  idp     the mentee has signed no plan yet\n");
        if (r->next.review_date[0])
            sb_printf(b, "  review  %s: %s%s%s\n", r->next.review_date, review_words[r->review],
                      r->review == REVIEW_NOT_DUE ? " yet, due from " : "",
                      r->review == REVIEW_NOT_DUE ? r->due_from : "");
        if (r->changed)
            sb_printf(b,
                      "  note    questionnaire changed since the answers of %s: 'accord check' "
                      "says how to move it to the new version\n",
                      r->qc.since);
    }
}

int cmd_status(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, code = options_parse(&status_spec, argc, argv, opt, &n_files);
    if (code)
        return code == 1 ? 0 : code;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    char as_of[11];
    if ((code = as_of_day("status", opt[OPT_AS_OF], as_of)))
        return code;
    content c;
    bundle_set bs;
    if ((code = state_load(dir, 0, &c, &bs))) {
        state_release(&c, &bs);
        return code;
    }
    const program_state *ps = &bs.state;
    arena ar = ARENA_INIT;
    row *rows = arena_alloc(&ar, (ps->n + 1) * sizeof *rows);
    const effective **effectives = effective_build_all(&c, &ar);
    size_t counts[N_COUNTS] = {0};
    for (size_t i = 0; i < ps->n; i++) {
        row *r = &rows[i];
        r->st = &ps->agreements[i];
        r->mentee = content_person(&c, r->st->ag->mentee);
        r->mentor = content_person(&c, r->st->ag->mentor);
        r->next = agreement_next_step(r->st);
        r->review = review_state_on(r->next.review_date, as_of);
        review_due_from(r->next.review_date, r->due_from);
        r->changed = agreement_questionnaire_changed(&c, effectives, r->st, &r->qc);
        r->has_idp = c.program.idp_enabled && c.program.idp_questionnaire;
        r->idp = r->has_idp ? program_state_idp(ps, r->mentee->id) : NULL;
        counts[r->next.kind == NEXT_NONE ? COUNT_ENDED : (int)r->st->state]++;
        if (r->next.review_date[0] && r->review != REVIEW_NOT_DUE)
            counts[r->review == REVIEW_DUE ? COUNT_REVIEW_DUE : COUNT_REVIEW_OVERDUE]++;
    }
    sbuf b = SBUF_INIT;
    if (opt[OPT_JSON])
        json_output(&b, &c, as_of, rows, ps->n, counts, &ar);
    else
        text_output(&b, &c, as_of, rows, ps->n, counts, &ar);
    code = fwrite(b.data, 1, b.len, stdout) == b.len && fflush(stdout) == 0 ? 0 : 2;
    if (code)
        diag_say("status: cannot write the output");
    sb_release(&b);
    arena_release(&ar);
    state_release(&c, &bs);
    return code;
}
