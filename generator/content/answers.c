/* answers.c - reading answers files (README "Answers file"); the format
 * checks that need nothing else. answers_check.c checks them against the
 * content.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static int valid_digest(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

/* YYYY-MM-DDTHH:MM:SSZ, a real time: META's rule for created. */
static int valid_saved(const char *s)
{
    return s && meta_time_parse(s) >= 0;
}

/* The question id of <answer> n: names' own copy when names (may be NULL)
 * has that question (*q then says which), else a copy in ar. */
static const char *read_question_id(arena *ar, const xmlNode *n, const questionnaire *names,
                                    const question **q)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"question");
    *q = v ? questionnaire_question(names, (const char *)v) : NULL;
    const char *id = *q ? (*q)->id : v ? arena_strdup(ar, (const char *)v) : NULL;
    xmlFree(v);
    return id;
}

/* The text of <value> n as xmldoc_text reads it: q's own string when q (may
 * be NULL) takes that value, else a copy in ar. A value q takes is one word
 * (an id, "yes", "no" or "other"). */
static const char *read_value(arena *ar, const xmlNode *n, const question *q)
{
    char buf[ID_MAX + 1];
    const char *word = q ? xmldoc_word(n, buf, sizeof buf) : NULL;
    const char *known = word ? question_value(q, word) : NULL;
    return known ? known : xmldoc_text(ar, n);
}

/* Reads one <answer> element; its values go to *pool, which moves past them. */
static void read_answer(const xmlNode *n, const char *file, const questionnaire *names,
                        const char ***pool, arena *ar, diag *d, answer *an)
{
    const question *q;
    an->line = (int)xmldoc_line(n);
    an->question = read_question_id(ar, n, names, &q);
    if (!valid_id(an->question, 0))
        diag_error(d, file, an->line, "answer names question '%s', which is not a valid id",
                   an->question);
    an->values = *pool;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (xmldoc_is(c, "value"))
            (*pool)[an->n_values++] = read_value(ar, c, q);
        else if (xmldoc_is(c, "other"))
            an->other = xmldoc_raw_text(ar, c);
        else if (xmldoc_is(c, "text"))
            an->text = xmldoc_raw_text(ar, c);
        else if (xmldoc_is(c, "note"))
            an->note = xmldoc_raw_text(ar, c);
    }
    *pool += an->n_values;
    if (an->n_values > OPTIONS_MAX + 1)
        diag_error(d, file, an->line, "answer to question '%s' has %u values: at most %d",
                   an->question, an->n_values, OPTIONS_MAX + 1);
    if (an->note && utf8_chars(an->note) > NOTE_MAX)
        diag_error(d, file, an->line,
                   "note on question '%s' has %zu characters: at most %d are allowed; shorten it",
                   an->question, utf8_chars(an->note), NOTE_MAX);
    if (an->other && utf8_chars(an->other) > SHORT_TEXT_MAX)
        diag_error(d, file, an->line,
                   "\"other\" text of question '%s' has %zu characters: at most %d are allowed; "
                   "shorten it",
                   an->question, utf8_chars(an->other), SHORT_TEXT_MAX);
    if (!an->n_values && !an->other && !an->text && !an->note)
        diag_error(d, file, an->line,
                   "answer to question '%s' is empty: give a value, text or note, or remove the "
                   "<answer>",
                   an->question);
}

static void answers_from_doc(xmlDocPtr doc, const char *file, const questionnaire *names, arena *ar,
                             diag *d, answers *a)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    long line = a->line = xmldoc_line(root);
    a->program = xmldoc_attr(ar, root, "program");
    a->questionnaire = xmldoc_attr(ar, root, "questionnaire");
    a->version = xmldoc_attr(ar, root, "version");
    a->digest = xmldoc_attr(ar, root, "digest");
    a->agreement = xmldoc_attr(ar, root, "agreement");
    const char *role = xmldoc_attr(ar, root, "role");
    a->role = role && !strcmp(role, "mentor") ? ROLE_MENTOR : ROLE_MENTEE;
    a->party = xmldoc_attr(ar, root, "party");
    a->saved = xmldoc_attr(ar, root, "saved");
    const char *rev = xmldoc_attr(ar, root, "revision");
    a->previous = xmldoc_attr(ar, root, "previous");

    if (!valid_id(a->program, 0))
        diag_error(d, file, line, "program '%s' is not a valid program id", a->program);
    if (!valid_id(a->questionnaire, 0))
        diag_error(d, file, line, "questionnaire '%s' is not a valid questionnaire id",
                   a->questionnaire);
    if (a->agreement && !valid_id(a->agreement, 0))
        diag_error(d, file, line, "agreement '%s' is not a valid agreement id", a->agreement);
    if (!valid_id(a->party, 0))
        diag_error(d, file, line, "party '%s' is not a valid party id", a->party);
    if (!valid_digest(a->digest))
        diag_error(d, file, line,
                   "digest '%s' is not a SHA-256 digest (64 lowercase hex digits): export the "
                   "answers again from the form",
                   a->digest);
    char *end = NULL;
    errno = 0;
    long r = rev ? strtol(rev, &end, 10) : 0;
    if (!rev || !*rev || *end || errno || r < 1 || r > 1000000 || rev[0] == '0' || rev[0] == '+')
        diag_error(d, file, line, "revision '%s' is not valid: revisions are whole numbers from 1",
                   rev ? rev : "");
    else
        a->revision = (int)r;
    if (a->previous && !valid_digest(a->previous))
        diag_error(d, file, line,
                   "previous '%s' is not a bundle digest (64 lowercase hex digits): export the "
                   "answers again from the review form",
                   a->previous);
    if (!valid_saved(a->saved))
        diag_error(d, file, line,
                   "saved time '%s' is not valid: write UTC as YYYY-MM-DDTHH:MM:SSZ, e.g. "
                   "2026-03-02T14:05:00Z",
                   a->saved);

    size_t n = xmldoc_count(root, "answer");
    if (n > ANSWERS_MAX) {
        diag_error(d, file, line, "%zu answers: no questionnaire has more than %d questions", n,
                   ANSWERS_MAX);
        return;
    }
    a->answers = arena_alloc(ar, (n ? n : 1) * sizeof *a->answers);
    size_t n_values = 0; /* every answer's, in one array */
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (xmldoc_is(c, "answer"))
            n_values += xmldoc_count(c, "value");
    const char **pool = arena_alloc(ar, (n_values ? n_values : 1) * sizeof *pool);
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (!xmldoc_is(c, "answer"))
            continue;
        answer *an = &a->answers[a->n_answers++];
        read_answer(c, file, names, &pool, ar, d, an);
        const answer *first = answers_find(a, an->question);
        if (an->question && first != an)
            diag_error(d, file, an->line,
                       "question '%s' is answered twice (first at line %d): keep one <answer>",
                       an->question, first->line);
    }
}

int answers_parse(const char *name, const unsigned char *buf, size_t len,
                  const questionnaire *names, answers *out, arena *ar, diag *d)
{
    memset(out, 0, sizeof *out);
    out->file = arena_strdup(ar, name);
    int before = d->errors + d->io_errors;
    xmlDocPtr doc = xmldoc_open(name, buf, len, "answers", "an answers file", d);
    if (!doc)
        return -1;
    answers_from_doc(doc, out->file, names, ar, d, out);
    xmlFreeDoc(doc);
    return d->errors + d->io_errors == before ? 0 : -1;
}

int answers_hold(const answers **a, arena *ar, const char **why)
{
    const answers *in = *a;
    if (!in || in->answers || !in->items_at)
        return 0;
    unsigned char *buf;
    if ((*why = stored_read(in->items_at, &buf)))
        return -1;
    /* the bytes parsed once already: whatever this parse says is dropped */
    sbuf said = SBUF_INIT;
    diag quiet = DIAG_INIT;
    quiet.held = &said;
    answers *held = arena_alloc(ar, sizeof *held);
    int rc = answers_parse(in->file, buf, in->items_at->len, in->items_names, held, ar, &quiet);
    free(buf);
    sb_release(&said);
    if (rc != 0) {
        *why = "its answers no longer parse";
        return -1;
    }
    *a = held;
    return 0;
}

int answers_load(const char *path, answers *out, arena *ar, diag *d)
{
    unsigned char *buf;
    size_t len;
    memset(out, 0, sizeof *out);
    if (read_file(path, XML_FILE_MAX, &buf, &len) != 0) {
        if (errno == EFBIG)
            diag_error(d, path, 0, "file is larger than %d bytes: this is not an answers file",
                       XML_FILE_MAX);
        else
            diag_io(d, path, "cannot read: %s", vu_read_error(errno));
        return -1;
    }
    int rc = answers_parse(path, buf, len, NULL, out, ar, d);
    free(buf);
    return rc;
}
