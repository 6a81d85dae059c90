/* mentor_questions.c - a mentor's own questions in a file of their own,
 * questions/<party>.xml (README "A mentor's own questions"): the
 * <custom-questions party="ID"> element the questions page downloads,
 * read with the very code that reads people.xml's <custom-questions>, so a
 * mentor's questions are the same whichever file holds them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* The questions file at path: its party (checked to be an id) and its
 * questions, read as custom_questions_parse reads people.xml's. Returns 0,
 * or -1 after reporting to d. Everything lives in ar. */
static int read_questions(const char *path, arena *ar, diag *d, const char **party, question **qs,
                          size_t *n)
{
    *party = NULL;
    *qs = NULL;
    *n = 0;
    xmlDocPtr doc = xmldoc_open(path, NULL, 0, "custom-questions", "a mentor's questions file", d);
    if (!doc)
        return -1;
    const char *file = arena_strdup(ar, path);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int rc = 0;
    *party = xmldoc_attr(ar, root, "party");
    if (!valid_id(*party, 0)) {
        diag_error(d, file, xmldoc_line(root),
                   "party '%s' is not a party id: write the mentor's id as people.xml has it",
                   *party);
        rc = -1;
    } else {
        rc =
            custom_questions_parse(root, file, arena_printf(ar, "mentor %s", *party), ar, d, qs, n);
    }
    xmlFreeDoc(doc);
    return rc;
}

/* The person party names in c, or NULL after reporting at file. */
static person *questions_person(const content *c, const char *party, const char *file, diag *d)
{
    person *p = (person *)content_person(c, party);
    if (!p)
        diag_error(d, file, 0,
                   "party '%s' is not a person of people.xml: add them there first, or fix the "
                   "id",
                   party);
    return p;
}

void mentor_questions_load(content *c, diag *d)
{
    char *dir = path_join(c->dir, "questions");
    char **names;
    size_t n;
    if (list_dir(dir, ".xml", &names, &n) != 0) {
        if (errno != ENOENT)
            diag_io(d, dir, "cannot list: %s", strerror(errno));
        free(dir);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = path_join(dir, names[i]);
        const char *party;
        question *qs;
        size_t nq;
        person *p = NULL;
        if (read_questions(path, &c->arena, d, &party, &qs, &nq) == 0 &&
            (p = questions_person(c, party, path, d))) {
            if (strlen(names[i]) != strlen(party) + 4 || strncmp(names[i], party, strlen(party)))
                diag_error(d, path, 0,
                           "holds the questions of '%s': name the file questions/%s.xml", party,
                           party);
            else if (p->n_custom && !p->custom_own_file)
                diag_error(d, path, 0,
                           "mentor %s has custom questions in people.xml too (line %ld): keep "
                           "them in one of the two files",
                           party, p->custom[0].line);
            else {
                p->custom = qs;
                p->n_custom = nq;
                p->custom_own_file = 1;
            }
        }
        free(path);
    }
    free_names(names, n);
    free(dir);
}

int mentor_questions_check(const content *c, const char *path, arena *ar, diag *d,
                           const char **party, size_t *n)
{
    int before = d->errors + d->io_errors;
    question *qs;
    if (read_questions(path, ar, d, party, &qs, n) != 0)
        return -1;
    const person *p = questions_person(c, *party, path, d);
    if (p && p->n_custom && !p->custom_own_file)
        diag_error(d, path, 0,
                   "mentor %s has custom questions in people.xml (line %ld): take them out of "
                   "people.xml first, or keep them there",
                   *party, p->custom[0].line);
    for (size_t i = 0; p && i < c->n_agreements; i++) {
        const agreement *a = &c->agreements[i];
        if (strcmp(a->mentor, *party))
            continue;
        /* each questionnaire once: the first agreement that names it */
        size_t k = 0;
        while (k < i && (strcmp(c->agreements[k].mentor, *party) ||
                         strcmp(c->agreements[k].questionnaire, a->questionnaire)))
            k++;
        const questionnaire *q = content_questionnaire(c, a->questionnaire);
        if (k == i && q)
            custom_ids_check(qs, *n, q, c->program.custom, c->program.n_custom, d);
    }
    return d->errors + d->io_errors == before ? 0 : -1;
}
