/* directory.c - loading a content directory and checking the references
 * between its files (see content.h). Each file's own checks live with its
 * reader: questionnaire.c, program.c, people.c.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"

/* Section ids the effective questionnaire adds for custom questions. */
static const char *const reserved_sections[] = {"program-questions", "mentor-questions"};

static int cmp_questionnaire(const void *a, const void *b)
{
    return strcmp(((const questionnaire *)a)->id, ((const questionnaire *)b)->id);
}

static int cmp_guide(const void *a, const void *b)
{
    return strcmp(((const guide_page *)a)->name, ((const guide_page *)b)->name);
}

/* Loads every questionnaires/NAME.xml, referenced or not. Files that fail are
 * left out of c (after being reported). Returns 0 when all were clean. */
static int load_questionnaires(content *c, diag *d)
{
    char *dir = path_join(c->dir, "questionnaires");
    char **names;
    size_t n;
    int rc = 0;
    if (list_dir(dir, ".xml", &names, &n) != 0) {
        if (errno == ENOENT)
            diag_error(d, dir, 0,
                       "no questionnaires directory: create it with at least the program's "
                       "questionnaire");
        else
            diag_io(d, dir, "cannot list: %s", strerror(errno));
        free(dir);
        return -1;
    }
    c->questionnaires = arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->questionnaires);
    for (size_t i = 0; i < n; i++) {
        char *path = path_join(dir, names[i]);
        questionnaire *q = &c->questionnaires[c->n_questionnaires];
        if (questionnaire_load(path, &c->arena, d, q) == 0) {
            for (size_t r = 0; r < 2; r++)
                for (size_t s = 0; s < q->n_sections; s++)
                    if (!strcmp(q->sections[s].id, reserved_sections[r])) {
                        diag_error(d, q->file, q->sections[s].line,
                                   "section id '%s' is reserved for custom questions: rename the "
                                   "section",
                                   reserved_sections[r]);
                        rc = -1;
                    }
            c->n_questionnaires++;
        } else {
            rc = -1;
        }
        free(path);
    }
    free_names(names, n);
    free(dir);
    qsort(c->questionnaires, c->n_questionnaires, sizeof *c->questionnaires, cmp_questionnaire);
    for (size_t i = 1; i < c->n_questionnaires; i++)
        if (!strcmp(c->questionnaires[i - 1].id, c->questionnaires[i].id)) {
            diag_error(d, c->questionnaires[i].file, 0,
                       "duplicate questionnaire id '%s' (also in %s): each questionnaire needs "
                       "its own id",
                       c->questionnaires[i].id, c->questionnaires[i - 1].file);
            rc = -1;
        }
    return rc;
}

/* Lists guide/NAME.md (names only; the renderer reads them). */
static void load_guide(content *c, diag *d)
{
    char *dir = path_join(c->dir, "guide");
    char **names;
    size_t n;
    if (list_dir(dir, ".md", &names, &n) != 0) {
        if (errno != ENOENT)
            diag_io(d, dir, "cannot list: %s", strerror(errno));
        free(dir);
        return;
    }
    c->guide = arena_alloc(&c->arena, (n ? n : 1) * sizeof *c->guide);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]) - 3;
        guide_page *g = &c->guide[c->n_guide];
        g->name = arena_strndup(&c->arena, names[i], len);
        char *path = path_join(dir, names[i]);
        g->path = arena_strdup(&c->arena, path);
        free(path);
        if (!valid_id(g->name, 1)) {
            diag_error(d, g->path, 0,
                       "guide page name '%s' is not valid: name it with lowercase letters, "
                       "digits and '-', ending in .md",
                       g->name);
            continue;
        }
        c->n_guide++;
    }
    qsort(c->guide, c->n_guide, sizeof *c->guide, cmp_guide);
    free_names(names, n);
    free(dir);
}

/* Returns the questionnaire id of kind kind, or reports at file:line. */
static const questionnaire *need_questionnaire(const content *c, const char *id,
                                               questionnaire_kind kind, const char *what,
                                               const char *file, long line, diag *d)
{
    const questionnaire *q = content_questionnaire(c, id);
    if (!q) {
        diag_error(d, file, line,
                   "%s names unknown questionnaire '%s': add questionnaires/%s.xml or fix the id",
                   what, id, id);
        return NULL;
    }
    if (q->kind != kind) {
        diag_error(d, file, line, "%s names questionnaire '%s' of kind %s: it must be of kind %s",
                   what, id, q->kind == QN_IDP ? "idp" : "agreement",
                   kind == QN_IDP ? "idp" : "agreement");
        return NULL;
    }
    return q;
}

/* A question whose show-if names a question in a disabled section could
 * never show: report it rather than silently hiding it forever. */
static void check_disabled_conditions(const content *c, const questionnaire *q, diag *d)
{
    for (size_t s = 0; s < q->n_sections; s++) {
        if (program_section_disabled(&c->program, q->id, q->sections[s].id))
            continue;
        for (size_t i = 0; i < q->sections[s].n_questions; i++) {
            const question *qq = &q->sections[s].questions[i];
            for (size_t k = 0; k < qq->n_conds; k++)
                for (size_t t = 0; t < q->n_sections; t++) {
                    const section *ts = &q->sections[t];
                    if (!program_section_disabled(&c->program, q->id, ts->id))
                        continue;
                    for (size_t j = 0; j < ts->n_questions; j++)
                        if (!strcmp(ts->questions[j].id, qq->conds[k].question))
                            diag_error(d, q->file, qq->conds[k].line,
                                       "show-if of question '%s' names question '%s' in "
                                       "section '%s', which program.xml disables: the question "
                                       "could never show; remove the show-if or enable the "
                                       "section",
                                       qq->id, qq->conds[k].question, ts->id);
                }
        }
    }
}

typedef struct mentor_pair {
    const person *mentor;
    const questionnaire *q;
} mentor_pair;

static int cmp_pair(const void *a, const void *b)
{
    const mentor_pair *x = a, *y = b;
    int r = strcmp(x->mentor->id, y->mentor->id);
    return r ? r : strcmp(x->q->id, y->q->id);
}

/* The checks between files; run only when every file read cleanly, since a
 * file that failed its own checks would make them report nonsense. */
static void check_references(content *c, diag *d)
{
    program *p = &c->program;
    const questionnaire *def = need_questionnaire(
        c, p->questionnaire, QN_AGREEMENT, "<program questionnaire=...>", p->file, p->line, d);
    for (size_t i = 0; i < p->n_disabled; i++) {
        const disabled_section *ds = &p->disabled[i];
        const questionnaire *q = content_questionnaire(c, ds->questionnaire);
        int found = 0;
        for (size_t s = 0; q && s < q->n_sections; s++)
            found |= !strcmp(q->sections[s].id, ds->section);
        if (!q)
            diag_error(d, p->file, ds->line,
                       "<disable> names unknown questionnaire '%s': fix the id or remove the "
                       "<disable>",
                       ds->questionnaire);
        else if (!found)
            diag_error(d, p->file, ds->line,
                       "<disable> names section '%s', which questionnaire '%s' does not have: "
                       "fix the section id or remove the <disable>",
                       ds->section, ds->questionnaire);
    }
    if (p->idp_questionnaire)
        need_questionnaire(c, p->idp_questionnaire, QN_IDP, "<idp>", p->file, p->idp_line, d);
    for (size_t i = 0; i < c->n_questionnaires; i++) {
        const questionnaire *q = &c->questionnaires[i];
        check_disabled_conditions(c, q, d);
        /* An effective questionnaire needs a section: all off is a mistake. */
        size_t on = 0;
        long last = 0;
        for (size_t s = 0; s < q->n_sections; s++)
            on += !program_section_disabled(p, q->id, q->sections[s].id);
        for (size_t k = 0; k < p->n_disabled; k++)
            if (!strcmp(p->disabled[k].questionnaire, q->id))
                last = p->disabled[k].line;
        if (q->n_sections && !on)
            diag_error(d, p->file, last,
                       "every section of questionnaire '%s' is disabled: leave at least one on",
                       q->id);
    }
    const char *people_file = arena_printf(&c->arena, "%s/people.xml", c->dir);
    custom_ids_check(p->custom, p->n_custom, def, NULL, 0, d);
    /* Each (mentor, questionnaire) pair is checked once, however many
     * agreements share it: sort the pairs, skip repeats. */
    mentor_pair *pairs = calloc(c->n_agreements ? c->n_agreements : 1, sizeof *pairs);
    size_t n_pairs = 0;
    for (size_t i = 0; i < c->n_agreements; i++) {
        agreement *a = &c->agreements[i];
        const questionnaire *q = def;
        if (a->questionnaire) {
            char *what = arena_printf(&c->arena, "agreement '%s'", a->id);
            q = need_questionnaire(c, a->questionnaire, QN_AGREEMENT, what, people_file, a->line,
                                   d);
            if (q && q != def)
                custom_ids_check(p->custom, p->n_custom, q, NULL, 0, d);
        } else {
            a->questionnaire = p->questionnaire;
        }
        const person *mentor = content_person(c, a->mentor);
        if (q && mentor)
            pairs[n_pairs++] = (mentor_pair){mentor, q};
    }
    qsort(pairs, n_pairs, sizeof *pairs, cmp_pair);
    for (size_t i = 0; i < n_pairs; i++)
        if (i == 0 || cmp_pair(&pairs[i - 1], &pairs[i]) != 0)
            custom_ids_check(pairs[i].mentor->custom, pairs[i].mentor->n_custom, pairs[i].q,
                             p->custom, p->n_custom, d);
    free(pairs);
}

/* keys/ belongs to the verifier; here only a key file whose name names no
 * person is worth a warning (a typo there fails later, at signing). */
static void check_key_names(content *c, diag *d)
{
    char *dir = path_join(c->dir, "keys");
    char **names;
    size_t n;
    if (list_dir(dir, ".pub", &names, &n) == 0) {
        for (size_t i = 0; i < n; i++) {
            char *party = arena_strndup(&c->arena, names[i], strcspn(names[i], "."));
            if (!content_person(c, party))
                diag_warn(d, dir, 0,
                          "%s is a key of '%s', who is not a person of people.xml: rename it "
                          "<party>.pub or <party>.<anything>.pub",
                          names[i], party);
        }
        free_names(names, n);
    }
    free(dir);
}

/* Gives each person the list of their agreements: one pass to count, one
 * to fill, so that a person's pages never scan every agreement. */
static void index_agreements(content *c)
{
    for (int fill = 0; fill < 2; fill++) {
        for (size_t i = 0; i < c->n_people; i++) {
            person *p = &c->people[i];
            p->agreements =
                fill ? arena_alloc(&c->arena, (p->n_agreements + 1) * sizeof(size_t)) : NULL;
            p->n_agreements = 0;
        }
        for (size_t i = 0; i < c->n_agreements; i++) {
            person *mentee = (person *)content_person(c, c->agreements[i].mentee);
            person *mentor = (person *)content_person(c, c->agreements[i].mentor);
            person *party[2] = {mentee, mentor == mentee ? NULL : mentor};
            for (int k = 0; k < 2; k++)
                if (party[k]) {
                    if (fill)
                        ((size_t *)party[k]->agreements)[party[k]->n_agreements] = i;
                    party[k]->n_agreements++;
                }
            if (mentee)
                mentee->is_mentee = 1;
        }
    }
}

int content_load(const char *dir, content *c, diag *d)
{
    memset(c, 0, sizeof *c);
    int before = d->errors + d->io_errors;
    c->dir = arena_strdup(&c->arena, dir);
    if (!is_directory(dir)) {
        diag_io(d, dir,
                path_exists(dir) ? "is not a directory: name a content directory with -C DIR"
                                 : "no such content directory: name one with -C DIR");
        return -1;
    }
    int clean = 1;
    char *path = path_join(dir, "program.xml");
    if (program_load(path, &c->arena, d, &c->program) != 0)
        clean = 0;
    free(path);
    if (load_questionnaires(c, d) != 0)
        clean = 0;
    path = path_join(dir, "people.xml");
    if (people_load(path, &c->arena, d, &c->people, &c->n_people, &c->agreements,
                    &c->n_agreements) != 0)
        clean = 0;
    free(path);
    int read = d->errors + d->io_errors;
    mentor_questions_load(c, d);
    if (d->errors + d->io_errors != read)
        clean = 0;
    load_guide(c, d);
    secret_load(c, d);
    index_agreements(c);
    if (clean) {
        check_references(c, d);
        check_key_names(c, d);
    }
    return d->errors + d->io_errors == before ? 0 : -1;
}

void content_release(content *c)
{
    arena_release(&c->arena);
    memset(c, 0, sizeof *c);
}
