/* people.c - people.xml: people and agreements (README "People and
 * agreements"). */
#include <stdlib.h>
#include <string.h>

#include "impl.h"

static const char *id_hint = "use a lowercase letter, then up to 31 lowercase letters, digits "
                             "or '-'";

static int cmp_person(const void *a, const void *b)
{
    return strcmp(((const person *)a)->id, ((const person *)b)->id);
}

static int cmp_agreement(const void *a, const void *b)
{
    return strcmp(((const agreement *)a)->id, ((const agreement *)b)->id);
}

/* link-epoch: a whole number 0 to LINK_EPOCH_MAX in decimal, no sign and
 * no leading zeros (the derivations use its decimal form). Returns 1 and
 * sets *out, or 0. */
static int parse_link_epoch(const char *s, unsigned long *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 6 || strspn(s, "0123456789") != n || (s[0] == '0' && n > 1))
        return 0;
    *out = strtoul(s, NULL, 10);
    return *out <= LINK_EPOCH_MAX;
}

static const person *find_person(const person *v, size_t n, const char *id)
{
    person key = {.id = id};
    return id ? bsearch(&key, v, n, sizeof *v, cmp_person) : NULL;
}

static void check_party(const char *who, const char *id, const agreement *a, const person *people,
                        size_t n, const char *file, diag *d)
{
    if (!valid_id(id, 0))
        diag_error(d, file, a->line, "agreement '%s': %s '%s' is not a valid party id: %s", a->id,
                   who, id, id_hint);
    else if (!find_person(people, n, id))
        diag_error(d, file, a->line,
                   "agreement '%s' names unknown %s '%s': add <person id=\"%s\" .../> or fix "
                   "the id",
                   a->id, who, id, id);
}

/* ended and ended-reason of agreement element el into a: a real day and
 * 1 to LABEL_MAX characters without a control character, both or neither
 * (NULL both after reporting to d). */
static void agreement_ended(const xmlNode *el, agreement *a, const char *file, arena *ar, diag *d)
{
    const char *day = xmldoc_attr(ar, el, "ended");
    const char *why = xmldoc_attr(ar, el, "ended-reason");
    if (!day && !why)
        return;
    int bad = 0;
    if (!day || !why) {
        diag_error(d, file, a->line,
                   "agreement '%s': write both ended=\"YYYY-MM-DD\" and ended-reason=\"...\" "
                   "to end it, or neither",
                   a->id);
        return;
    }
    if (!valid_day(day)) {
        diag_error(d, file, a->line,
                   "agreement '%s': ended=\"%s\" is not a day: write it as YYYY-MM-DD, e.g. "
                   "2026-11-20",
                   a->id, day);
        bad = 1;
    }
    size_t n = utf8_chars(why);
    int control = 0;
    for (const unsigned char *s = (const unsigned char *)why; *s; s++)
        control |= *s < 0x20 || *s == 0x7f;
    if (strspn(why, " ") == strlen(why))
        n = 0; /* nothing to read */
    if (n == 0 || n > LABEL_MAX || control) {
        diag_error(d, file, a->line,
                   "agreement '%s': ended-reason %s: write why it ended in 1 to %d characters on "
                   "one line",
                   a->id,
                   control ? "holds a control character or a line break"
                   : n     ? "is too long"
                           : "is empty",
                   LABEL_MAX);
        bad = 1;
    }
    if (!bad) {
        a->ended = day;
        a->ended_reason = why;
    }
}

int people_load(const char *path, arena *ar, diag *d, person **people, size_t *n_people,
                agreement **agreements, size_t *n_agreements)
{
    *people = NULL;
    *agreements = NULL;
    *n_people = *n_agreements = 0;
    int before = d->errors + d->io_errors;
    xmlDocPtr doc = xmldoc_open(path, NULL, 0, "people", "people.xml", d);
    if (!doc)
        return -1;
    const char *file = arena_strdup(ar, path);
    xmlNodePtr root = xmlDocGetRootElement(doc);

    size_t np = xmldoc_count(root, "person"), na = xmldoc_count(root, "agreement");
    person *pv = arena_alloc(ar, (np ? np : 1) * sizeof *pv);
    agreement *av = arena_alloc(ar, (na ? na : 1) * sizeof *av);
    size_t ip = 0, ia = 0;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (xmldoc_is(c, "person")) {
            person *p = &pv[ip++];
            p->line = xmldoc_line(c);
            p->id = xmldoc_attr(ar, c, "id");
            p->name = xmldoc_attr(ar, c, "name");
            if (!valid_id(p->id, 0))
                diag_error(d, file, p->line, "person id '%s' is not a valid party id: %s", p->id,
                           id_hint);
            if (!*p->name)
                diag_error(d, file, p->line, "person '%s' has an empty name: write it", p->id);
            else if (utf8_chars(p->name) > LABEL_MAX)
                diag_error(d, file, p->line,
                           "name of person '%s' is longer than %d characters: shorten it", p->id,
                           LABEL_MAX);
            const char *epoch = xmldoc_attr(ar, c, "link-epoch");
            if (epoch && !parse_link_epoch(epoch, &p->link_epoch))
                diag_error(d, file, p->line,
                           "person '%s': link-epoch=\"%s\" is not a whole number from 0 to %d "
                           "(written without leading zeros)",
                           p->id, epoch, LINK_EPOCH_MAX);
            p->email = content_email(c, arena_printf(ar, "person '%s':", p->id), file, ar, d);
            const char *whose = arena_printf(ar, "mentor %s", p->id);
            custom_questions_parse(xmldoc_child(c, "custom-questions"), file, whose, ar, d,
                                   &p->custom, &p->n_custom);
        } else if (xmldoc_is(c, "agreement")) {
            agreement *a = &av[ia++];
            a->line = xmldoc_line(c);
            a->id = xmldoc_attr(ar, c, "id");
            a->mentee = xmldoc_attr(ar, c, "mentee");
            a->mentor = xmldoc_attr(ar, c, "mentor");
            a->questionnaire = xmldoc_attr(ar, c, "questionnaire");
            if (!valid_id(a->id, 0))
                diag_error(d, file, a->line, "agreement id '%s' is not valid: %s", a->id, id_hint);
            agreement_ended(c, a, file, ar, d);
            if (a->questionnaire && !valid_id(a->questionnaire, 0))
                diag_error(d, file, a->line,
                           "agreement '%s': questionnaire '%s' is not a valid questionnaire id: "
                           "%s",
                           a->id, a->questionnaire, id_hint);
        }
    }

    /* Sorted by id (stable output, binary search); equal ids end up side by
     * side, so duplicates are found in one pass. qsort is not stable: report
     * at the later line of each pair. */
    qsort(pv, np, sizeof *pv, cmp_person);
    for (size_t i = 1; i < np; i++)
        if (!strcmp(pv[i - 1].id, pv[i].id)) {
            const person *a = &pv[i - 1], *b = &pv[i];
            if (a->line > b->line) {
                const person *t = a;
                a = b;
                b = t;
            }
            diag_error(d, file, b->line,
                       "duplicate person id '%s' (first at line %ld): each person is listed once",
                       b->id, a->line);
        }
    qsort(av, na, sizeof *av, cmp_agreement);
    for (size_t i = 0; i < na; i++) {
        const agreement *a = &av[i];
        if (i > 0 && !strcmp(av[i - 1].id, a->id)) {
            const agreement *x = &av[i - 1], *y = a;
            if (x->line > y->line) {
                const agreement *t = x;
                x = y;
                y = t;
            }
            diag_error(d, file, y->line,
                       "duplicate agreement id '%s' (first at line %ld): agreement ids must "
                       "differ (a mentee with two mentors has two agreements)",
                       y->id, x->line);
        }
        check_party("mentee", a->mentee, a, pv, np, file, d);
        check_party("mentor", a->mentor, a, pv, np, file, d);
        if (!strcmp(a->mentee, a->mentor))
            diag_error(d, file, a->line,
                       "agreement '%s' has '%s' as both mentee and mentor: name two different "
                       "people",
                       a->id, a->mentee);
    }
    *people = pv;
    *n_people = np;
    *agreements = av;
    *n_agreements = na;
    xmlFreeDoc(doc);
    return d->errors + d->io_errors == before ? 0 : -1;
}
