/* remind.c - accord remind: an outbox of drafts, never sent. One message
 * per person with something to do in any of their agreements (what
 * agreement_next_step says they must do, a review only once
 * review_state_on finds it due or overdue), with their personal link; one
 * calendar file per agreement with a revision signed by both, for its
 * review date. Everything depends on the content and --as-of alone, so
 * the same day gives the same outbox byte for byte.
 *
 * The outbox holds link keys: it is made 0700, its files 0600, and it may
 * not lie inside the content directory or under a folder named public. A
 * folder that already holds anything is written only when accord's marker
 * file (OUTBOX_MARKER) is in it; then its .eml and .ics files are replaced
 * and nothing else in it is touched. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "cmd.h"
#include "impl.h"
#include "render.h"

#define OUTBOX_MARKER ".accord-outbox"

enum { OPT_CONTENT, OPT_OUTPUT, OPT_AS_OF, N_OPTIONS };

static const option_spec remind_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
    [OPT_OUTPUT] = {"-o", "DIR",
                    "the outbox (default: outbox): a new or empty folder, or one an earlier "
                    "'accord remind' wrote (it holds " OUTBOX_MARKER "), whose .eml and .ics "
                    "files are then replaced; never inside the content directory or under a "
                    "folder named public"},
    [OPT_AS_OF] = {"--as-of", "DATE",
                   "the day the reminders are for, as YYYY-MM-DD (default: today, in UTC): "
                   "which reviews are due, and the messages' Date"},
};

const command_spec remind_spec = {
    .name = "remind",
    .summary = "write reminders to send, and review dates, into an outbox",
    .synopsis = "remind [-C DIR] [-o DIR] [--as-of DATE]",
    .description =
        "Reads the content and its bundles as 'accord build' does and writes drafts into the "
        "outbox; nothing is sent. Each person with something to do in any of their "
        "agreements (answer, give their answers beside the mentee's, sign, or a review due "
        "within 30 days or overdue) gets PERSON.eml: one message from the program's contact "
        "address saying what to do in each agreement, with their personal link, marked "
        "X-Unsent so that a mail program opens it as a draft. People without an email "
        "address in people.xml are listed as 'remind by hand' instead. Each agreement signed "
        "by both gets review-AGREEMENT.ics, an all-day calendar event on its review date.\n\n"
        "program.xml must have <contact email> and <site url>, and the program a secret "
        "('accord secret'). The outbox holds personal links: it is readable by you alone; "
        "send each message to its person only, and delete the outbox when done.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the outbox was written; 1 the content is wrong or lacks what reminders "
                   "need, or the outbox folder is refused; 2 a usage or I/O error.",
    .options = remind_options,
    .n_options = N_OPTIONS,
};

/* A file of the outbox in the making. */
typedef struct outfile {
    const char *name;
    char *data; /* malloc'd */
    size_t len;
} outfile;

typedef struct outbox {
    outfile *files;
    size_t n, cap;
} outbox;

static void outbox_add(outbox *o, const char *name, sbuf *b)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 16;
        o->files = realloc(o->files, o->cap * sizeof *o->files);
        if (!o->files) {
            fputs("accord: out of memory\n", stderr);
            abort();
        }
    }
    outfile *f = &o->files[o->n++];
    f->name = name;
    f->data = sb_take(b, &f->len);
}

static void outbox_release(outbox *o)
{
    for (size_t i = 0; i < o->n; i++) {
        sodium_memzero(o->files[i].data, o->files[i].len); /* links */
        free(o->files[i].data);
    }
    free(o->files);
}

/* What person p, role in st, must do there on as_of, as a sentence in ar;
 * NULL when nothing. other is the other party's name. */
static const char *todo(const agreement_status *st, party_role role, const char *other,
                        const char *as_of, arena *ar)
{
    next_step n = agreement_next_step(st);
    if (!n.acts[role])
        return NULL;
    const char *their = role == ROLE_MENTEE ? "mentor" : "mentee";
    switch (n.kind) {
    case NEXT_MENTEE_ANSWERS:
        return arena_printf(ar, "Fill in the agreement form for your mentoring with %s, your %s.",
                            other, their);
    case NEXT_MENTOR_ANSWERS:
        return arena_printf(ar, "Read the answers of %s, your mentee, and give yours beside them.",
                            other);
    case NEXT_SIGN:
        return arena_printf(ar, "Sign your agreement with %s, your %s.", other, their);
    case NEXT_PROGRAM:
    case NEXT_NONE:
        return NULL;
    case NEXT_REVIEW:
        switch (review_state_on(n.review_date, as_of)) {
        case REVIEW_DUE:
            return arena_printf(ar,
                                "Review your agreement with %s, your %s: the review is due "
                                "by %s.",
                                other, their, n.review_date);
        case REVIEW_OVERDUE:
            return arena_printf(ar,
                                "Review your agreement with %s, your %s: the review was due "
                                "on %s.",
                                other, their, n.review_date);
        case REVIEW_NOT_DUE:
            return NULL;
        }
    }
    return NULL;
}

/* The message for person i, whose steps are todo[0..n-1]. Its Message-ID
 * holds a digest of the day and the body, so the same content and day
 * give the same message and any change a new one. */
static void message(sbuf *out, const content *c, size_t i, const char **todo, size_t n,
                    const char *link, const char *as_of, arena *ar)
{
    const person *p = &c->people[i];
    sbuf body = SBUF_INIT;
    sb_printf(&body, "Dear %s,\n\n", plain_text(ar, p->name));
    mail_wrap(&body,
              arena_printf(ar, "This is a reminder from %s. %s", plain_text(ar, c->program.title),
                           n == 1 ? "There is one thing for you to do:"
                                  : "There are some things for you to do:"),
              0);
    for (size_t k = 0; k < n; k++) {
        sb_puts(&body, "\n");
        mail_wrap(&body, arena_printf(ar, "%zu. %s", k + 1, todo[k]), 3);
    }
    sb_puts(&body, "\n");
    mail_wrap(&body,
              "Your personal page has your forms, your agreements and the signing pages. Open "
              "it with this link, which is yours alone: please do not pass it on.",
              0);
    sb_printf(&body, "\n%s%s%s\n\n", c->program.site_url,
              c->program.site_url[strlen(c->program.site_url) - 1] == '/' ? "" : "/", link);
    mail_wrap(&body, arena_printf(ar, "Questions? Write to %s.", c->program.contact), 0);
    /* the day and the message, hashed: a new Message-ID for any change */
    unsigned char h[16];
    char hex[25];
    crypto_generichash_state hs;
    crypto_generichash_init(&hs, NULL, 0, sizeof h);
    crypto_generichash_update(&hs, (const unsigned char *)as_of, strlen(as_of));
    crypto_generichash_update(&hs, (const unsigned char *)body.data, body.len);
    crypto_generichash_final(&hs, h, sizeof h);
    sodium_bin2hex(hex, sizeof hex, h, 12);
    mail m = {
        .from_name = c->program.title,
        .from_addr = c->program.contact,
        .to_name = p->name,
        .to_addr = p->email,
        .subject = n == 1 ? "Your mentoring: one thing to do"
                          : arena_printf(ar, "Your mentoring: %zu things to do", n),
        .day = as_of,
        .message_id =
            arena_printf(ar, "%s.remind.%s%s", hex, p->id, strchr(c->program.contact, '@')),
        .body = body.data,
    };
    mail_write(out, &m);
    sodium_memzero(body.data, body.len);
    sb_release(&body);
}

/* The review calendar of agreement status st, whose review falls on day. */
static void review_event(sbuf *out, const content *c, const agreement_status *st, const char *day,
                         const char *as_of, arena *ar)
{
    const char *mentee = content_person(c, st->ag->mentee)->name;
    const char *mentor = content_person(c, st->ag->mentor)->name;
    char from[11];
    review_due_from(day, from);
    ics_event e = {
        .uid = arena_printf(ar, "review.%s.r%d.%s%s", st->ag->id,
                            agreement_status_last_signed(st)->revision, c->program.id,
                            strchr(c->program.contact, '@')),
        .stamp_day = as_of,
        .day = day,
        .summary = arena_printf(ar, "Review the mentoring agreement of %s and %s", mentee, mentor),
        .description = arena_printf(
            ar,
            "%s\nMentee: %s\nMentor: %s\nAgreement %s, revision %d, signed by both.\nIts review "
            "is due by %s (from %s): both answer the form again and sign the new revision.",
            c->program.title, mentee, mentor, st->ag->id,
            agreement_status_last_signed(st)->revision, day, from),
    };
    ics_write(out, &e);
}

/* Checks that c has what reminders need: a contact address, the site's
 * address and a secret. Returns 0, or 1 after saying what to add. */
static int need(const content *c)
{
    diag d = DIAG_INIT;
    if (!c->program.contact)
        diag_error(&d, c->program.file, c->program.line,
                   "remind needs the program's address to send from: add <contact "
                   "email=\"...\"/> to program.xml");
    else if (!mail_addr_ascii(c->program.contact))
        diag_error(&d, c->program.file, c->program.line,
                   "remind writes plain mail headers: the contact email must be ASCII");
    if (!c->program.site_url)
        diag_error(&d, c->program.file, c->program.line,
                   "remind needs the public site's address for personal links: add <site "
                   "url=\"https://...\"/> to program.xml");
    if (!c->has_secret)
        diag_error(&d, c->dir, 0,
                   "the program has no secret, so nobody has a personal link to send: run "
                   "'accord secret -C %s' to make one",
                   c->dir);
    return d.errors ? 1 : 0;
}

/* Makes out ready to write: new (made 0700), empty, or accord's own
 * outbox, whose old .eml and .ics files are removed. Returns 0, or the
 * exit status after saying why not. */
static int outbox_open(const char *out, const char *dir)
{
    if (path_inside(out, dir) || path_under_public(out)) {
        diag_say("%s: is %s: the outbox holds personal links; write it elsewhere with -o", out,
                 path_inside(out, dir) ? "inside the content directory"
                                       : "under a folder named public, which may be published");
        return 1;
    }
    if (!path_exists(out) && mkdir(out, 0700) != 0) {
        diag_say("%s: cannot make the outbox: %s", out, strerror(errno));
        return 2;
    }
    char **names;
    size_t n;
    if (!is_directory(out) || list_dir(out, "", &names, &n) != 0) {
        diag_say("%s: %s", out, is_directory(out) ? strerror(errno) : "is not a folder");
        return is_directory(out) ? 2 : 1;
    }
    int ours = 0, rc = 0;
    for (size_t i = 0; i < n; i++)
        ours |= !strcmp(names[i], OUTBOX_MARKER);
    if (n && !ours) {
        diag_say("%s: holds files accord did not write (no " OUTBOX_MARKER
                 "): name a new or empty folder with -o",
                 out);
        rc = 1;
    }
    for (size_t i = 0; ours && !rc && i < n; i++) {
        size_t len = strlen(names[i]);
        if (len < 4 || (strcmp(names[i] + len - 4, ".eml") && strcmp(names[i] + len - 4, ".ics")))
            continue;
        char *path = path_join(out, names[i]);
        if (unlink(path) != 0) {
            diag_say("%s: cannot remove: %s", path, strerror(errno));
            rc = 2;
        }
        free(path);
    }
    free_names(names, n);
    if (!rc && chmod(out, 0700) != 0) {
        diag_say("%s: %s", out, strerror(errno));
        rc = 2;
    }
    return rc;
}

static int outbox_write(const char *out, const outbox *o)
{
    static const char marker[] = "accord remind's outbox: drafts holding personal links; never "
                                 "publish it\n";
    char *path = path_join(out, OUTBOX_MARKER);
    int rc = file_write_atomic(path, marker, sizeof marker - 1, 1, 1);
    for (size_t i = 0; rc == 0 && i < o->n; i++) {
        free(path);
        path = path_join(out, o->files[i].name);
        rc = file_write_atomic(path, o->files[i].data, o->files[i].len, 1, 1);
    }
    if (rc != 0)
        diag_say("%s: cannot write: %s", path, strerror(errno));
    free(path);
    return rc ? 2 : 0;
}

/* Adds person i's message to o, or prints "remind by hand" for them;
 * returns 1 when a message was added. */
static int remind_person(outbox *o, const content *c, const program_state *ps, size_t i,
                         const char *as_of, arena *ar)
{
    const person *p = &c->people[i];
    const char *link = render_personal_link(c, i, ar);
    const char **todos = arena_alloc(ar, (ps->n + 1) * sizeof *todos);
    size_t n = 0;
    for (size_t k = 0; link && k < ps->n; k++) {
        const agreement *ag = ps->agreements[k].ag;
        party_role role = !strcmp(ag->mentee, p->id) ? ROLE_MENTEE : ROLE_MENTOR;
        if (role == ROLE_MENTOR && strcmp(ag->mentor, p->id))
            continue;
        const person *other = content_person(c, role == ROLE_MENTEE ? ag->mentor : ag->mentee);
        const char *t = todo(&ps->agreements[k], role, plain_text(ar, other->name), as_of, ar);
        if (t)
            todos[n++] = t;
    }
    if (!n)
        return 0;
    if (!p->email || !mail_addr_ascii(p->email)) {
        printf("remind by hand: %s (%s):", plain_text(ar, p->name), p->id);
        for (size_t k = 0; k < n; k++)
            printf(" %s", todos[k]);
        printf("\n");
        return 0;
    }
    sbuf b = SBUF_INIT;
    message(&b, c, i, todos, n, link, as_of, ar);
    outbox_add(o, arena_printf(ar, "%s.eml", p->id), &b);
    return 1;
}

int cmd_remind(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, code = options_parse(&remind_spec, argc, argv, opt, &n_files);
    if (code)
        return code == 1 ? 0 : code;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    const char *out = opt[OPT_OUTPUT] ? opt[OPT_OUTPUT] : "outbox";
    char as_of[11];
    if (!*out) {
        diag_say("remind: -o needs a folder name");
        options_usage_error(&remind_spec);
        return 2;
    }
    if ((code = as_of_day("remind", opt[OPT_AS_OF], as_of)))
        return code;
    content c;
    bundle_set bs;
    if ((code = state_load(dir, 0, &c, &bs)) || (code = need(&c))) {
        state_release(&c, &bs);
        return code;
    }
    const program_state *ps = &bs.state;
    arena ar = ARENA_INIT;
    outbox o = {0};
    size_t messages = 0, events = 0;
    for (size_t i = 0; i < c.n_people; i++)
        messages += (size_t)remind_person(&o, &c, ps, i, as_of, &ar);
    for (size_t k = 0; k < ps->n; k++) {
        next_step n = agreement_next_step(&ps->agreements[k]);
        if (!n.review_date[0])
            continue;
        sbuf b = SBUF_INIT;
        review_event(&b, &c, &ps->agreements[k], n.review_date, as_of, &ar);
        outbox_add(&o, arena_printf(&ar, "review-%s.ics", ps->agreements[k].ag->id), &b);
        events++;
    }
    if (!(code = outbox_open(out, dir)) && !(code = outbox_write(out, &o)))
        printf("wrote %zu message%s and %zu review date%s to %s/ as of %s: nothing was sent.\n"
               "The messages hold personal links: send each to its person alone, then delete "
               "the outbox.\n",
               messages, messages == 1 ? "" : "s", events, events == 1 ? "" : "s", out, as_of);
    outbox_release(&o);
    arena_release(&ar);
    state_release(&c, &bs);
    return code;
}
