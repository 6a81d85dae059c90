/* questionnaire.c - questionnaires and question elements: XML to model, with
 * the checks that need nothing outside the questionnaire (see
 * questionnaire.h). Cross-file checks live in content.c.
 */

#include <string.h>
#include <strings.h>

#include "impl.h"

/* Reads a boolean attribute ("true"/"1"; the schema allows nothing else). */
static int bool_attr(arena *ar, const xmlNode *n, const char *name)
{
    const char *v = xmldoc_attr(ar, n, name);
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

static int is_choice(question_kind k)
{
    return k == QK_YESNO || k == QK_SINGLE || k == QK_MULTIPLE;
}

/* Checks a plain-text label: present, not empty, at most LABEL_MAX chars. */
static void check_label(const char *s, const char *what, const char *file, long line, diag *d)
{
    if (!s || !*s)
        diag_error(d, file, line, "%s is empty: write it", what);
    else if (utf8_chars(s) > LABEL_MAX)
        diag_error(d, file, line, "%s is longer than %d characters: shorten it", what, LABEL_MAX);
}

static void check_markdown(const char *s, const char *what, const char *file, long line, diag *d)
{
    if (s && strlen(s) > MARKDOWN_MAX)
        diag_error(d, file, line, "%s is larger than %d bytes: shorten it", what, MARKDOWN_MAX);
}

/* Reads n's label child (label_tag, checked as a label named what; line
 * is n's, for a missing one) and its optional Markdown child (md_tag,
 * checked for size) into *label and *markdown, NULL where absent. */
static void read_label_markdown(arena *ar, const xmlNode *n, const char *label_tag,
                                const char *what, const char *md_tag, const char *file, long line,
                                const char **label, const char **markdown, diag *d)
{
    xmlNodePtr l = xmldoc_child(n, label_tag), m = xmldoc_child(n, md_tag);
    *label = l ? xmldoc_text(ar, l) : NULL;
    check_label(*label, what, file, l ? xmldoc_line(l) : line, d);
    *markdown = m ? xmldoc_text(ar, m) : NULL;
    if (m)
        check_markdown(*markdown, md_tag, file, xmldoc_line(m), d);
}

static question_kind kind_of(const char *t)
{
    static const char *const names[] = {"yesno", "single", "multiple", "short", "long"};
    for (int i = 0; i < 5; i++)
        if (t && !strcmp(t, names[i]))
            return (question_kind)i;
    return QK_SHORT; /* the schema has already refused anything else */
}

/* Parses one <question> element into *q; checks its id, type, options and
 * labels. Conditions are read but checked by the caller, which knows the
 * questions before this one. */
static void question_parse(const xmlNode *n, const char *file, arena *ar, diag *d, question *q)
{
    memset(q, 0, sizeof *q);
    q->file = file;
    q->line = xmldoc_line(n);
    q->id = xmldoc_attr(ar, n, "id");
    q->kind = kind_of(xmldoc_attr(ar, n, "type"));
    q->required = bool_attr(ar, n, "required");
    q->other = bool_attr(ar, n, "other");
    if (!valid_id(q->id, 0))
        diag_error(d, file, q->line,
                   "question id '%s' is not valid: use a lowercase letter, then up to 31 "
                   "lowercase letters, digits or '-'",
                   q->id ? q->id : "");
    read_label_markdown(ar, n, "text", "question text", "help", file, q->line, &q->text, &q->help,
                        d);

    q->n_options = xmldoc_count(n, "option");
    q->options = arena_alloc(ar, (q->n_options ? q->n_options : 1) * sizeof *q->options);
    q->n_conds = xmldoc_count(n, "show-if");
    if (q->n_conds > SHOW_IF_MAX) {
        diag_error(d, file, q->line, "question '%s' has %zu show-ifs: at most %d are allowed",
                   q->id, q->n_conds, SHOW_IF_MAX);
        q->n_conds = 0;
    }
    q->conds = arena_alloc(ar, (q->n_conds ? q->n_conds : 1) * sizeof *q->conds);
    size_t io = 0, ic = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (xmldoc_is(c, "option")) {
            option *o = &q->options[io++];
            long line = xmldoc_line(c);
            o->value = xmldoc_attr(ar, c, "value");
            o->label = xmldoc_text(ar, c);
            if (!valid_id(o->value, 1))
                diag_error(d, file, line,
                           "option value '%s' is not valid: use a lowercase letter or digit, "
                           "then up to 31 lowercase letters, digits or '-'",
                           o->value ? o->value : "");
            else if (q->other && !strcmp(o->value, "other"))
                diag_error(d, file, line,
                           "option value 'other' is reserved when other=\"true\": rename the "
                           "option or drop other=\"true\"");
            check_label(o->label, "option label", file, line, d);
            /* Past OPTIONS_MAX the count is already an error: no need to
             * compare (and no quadratic work on a hostile file). */
            for (size_t j = 0; io <= OPTIONS_MAX && j + 1 < io && o->value; j++)
                if (q->options[j].value && !strcmp(q->options[j].value, o->value))
                    diag_error(d, file, line,
                               "duplicate option value '%s' in question '%s': option values "
                               "must differ",
                               o->value, q->id);
        } else if (xmldoc_is(c, "show-if") && ic < q->n_conds) {
            condition *k = &q->conds[ic++];
            k->question = xmldoc_attr(ar, c, "question");
            k->value = xmldoc_attr(ar, c, "value");
            k->line = xmldoc_line(c);
        }
    }

    if (q->kind == QK_SINGLE || q->kind == QK_MULTIPLE) {
        if (q->n_options < OPTIONS_MIN || q->n_options > OPTIONS_MAX)
            diag_error(d, file, q->line,
                       "question '%s' has %zu options: a %s question needs %d to %d <option>s",
                       q->id, q->n_options, question_kind_name(q->kind), OPTIONS_MIN, OPTIONS_MAX);
    } else if (q->n_options) {
        diag_error(d, file, q->line,
                   "question '%s' of type %s has <option>s: only single and multiple "
                   "questions have options (yes/no has yes and no)",
                   q->id, question_kind_name(q->kind));
    }
    if (q->other && q->kind != QK_SINGLE && q->kind != QK_MULTIPLE)
        diag_error(d, file, q->line,
                   "question '%s' of type %s has other=\"true\": only single and multiple "
                   "questions offer \"other\"",
                   q->id, question_kind_name(q->kind));
}

/* Returns 1 when v is a value question q can have. */
static int has_value(const question *q, const char *v)
{
    if (q->kind == QK_YESNO)
        return !strcmp(v, "yes") || !strcmp(v, "no");
    if (q->other && !strcmp(v, "other"))
        return 1;
    for (size_t i = 0; i < q->n_options; i++)
        if (q->options[i].value && !strcmp(q->options[i].value, v))
            return 1;
    return 0;
}

/* Checks the show-ifs of q against the questions of the questionnaire that
 * come before it (earlier[0..n_earlier)) and all of its questions (all). */
static void check_conditions(const question *q, const questionnaire *qn, const question *self,
                             diag *d)
{
    for (size_t k = 0; k < q->n_conds; k++) {
        const condition *c = &q->conds[k];
        if (!c->question || !c->value)
            continue;
        const question *target = NULL;
        int before_self = 1;
        for (size_t s = 0; s < qn->n_sections && !target; s++)
            for (size_t i = 0; i < qn->sections[s].n_questions; i++) {
                const question *o = &qn->sections[s].questions[i];
                if (o == self)
                    before_self = 0;
                if (o->id && !strcmp(o->id, c->question)) {
                    target = o;
                    break;
                }
            }
        if (!target) {
            diag_error(d, q->file, c->line,
                       "show-if of question '%s' names unknown question '%s': name an earlier "
                       "question of this questionnaire",
                       q->id, c->question);
        } else if (target == self || !before_self) {
            diag_error(d, q->file, c->line,
                       "show-if of question '%s' names question '%s', which does not come "
                       "before it: a condition can only depend on an earlier question",
                       q->id, c->question);
        } else if (!is_choice(target->kind)) {
            diag_error(d, q->file, c->line,
                       "show-if of question '%s' names question '%s' of type %s: a condition "
                       "needs a yesno, single or multiple question",
                       q->id, c->question, question_kind_name(target->kind));
        } else if (!has_value(target, c->value)) {
            diag_error(d, q->file, c->line,
                       "show-if of question '%s': '%s' is not a value of question '%s': use "
                       "one of its option values%s",
                       q->id, c->value, c->question,
                       target->kind == QK_YESNO ? " (yes or no)" : "");
        }
    }
}

static int valid_version(const char *v)
{
    if (!v || !*v || strlen(v) > ID_MAX)
        return 0;
    for (const char *p = v; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == '_'))
            return 0;
    return 1;
}

/* Reads the validated document doc into *out and checks it. */
static int questionnaire_from_doc(xmlDocPtr doc, const char *file, arena *ar, diag *d,
                                  questionnaire *out)
{
    int before = d->errors;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    memset(out, 0, sizeof *out);
    out->file = file;
    long line = xmldoc_line(root);
    out->id = xmldoc_attr(ar, root, "id");
    out->version = xmldoc_attr(ar, root, "version");
    const char *kind = xmldoc_attr(ar, root, "kind");
    out->kind = kind && !strcmp(kind, "idp") ? QN_IDP : QN_AGREEMENT;
    if (!valid_id(out->id, 0))
        diag_error(d, file, line,
                   "questionnaire id '%s' is not valid: use a lowercase letter, then up to 31 "
                   "lowercase letters, digits or '-'",
                   out->id ? out->id : "");
    if (!valid_version(out->version))
        diag_error(d, file, line,
                   "questionnaire version '%s' is not valid: use 1 to 32 letters, digits, "
                   "'.', '-' or '_' (e.g. \"1\" or \"2026.1\")",
                   out->version ? out->version : "");
    read_label_markdown(ar, root, "title", "questionnaire title", "intro", file, line, &out->title,
                        &out->intro, d);

    out->n_sections = xmldoc_count(root, "section");
    if (out->n_sections > SECTIONS_MAX) {
        diag_error(d, file, line, "questionnaire has %zu sections: at most %d are allowed",
                   out->n_sections, SECTIONS_MAX);
        return -1; /* nothing more is worth reading (or the time) */
    }
    out->sections = arena_alloc(ar, (out->n_sections ? out->n_sections : 1) * sizeof(section));
    size_t is = 0;
    for (xmlNodePtr sn = root->children; sn; sn = sn->next) {
        if (!xmldoc_is(sn, "section"))
            continue;
        section *s = &out->sections[is++];
        s->line = xmldoc_line(sn);
        s->id = xmldoc_attr(ar, sn, "id");
        if (!valid_id(s->id, 0))
            diag_error(d, file, s->line,
                       "section id '%s' is not valid: use a lowercase letter, then up to 31 "
                       "lowercase letters, digits or '-'",
                       s->id ? s->id : "");
        for (size_t j = 0; j + 1 < is && s->id; j++)
            if (out->sections[j].id && !strcmp(out->sections[j].id, s->id))
                diag_error(d, file, s->line,
                           "duplicate section id '%s' (first at line %ld): section ids must "
                           "differ",
                           s->id, out->sections[j].line);
        read_label_markdown(ar, sn, "title", "section title", "help", file, s->line, &s->title,
                            &s->help, d);
        s->n_questions = xmldoc_count(sn, "question");
        if (s->n_questions > QUESTIONS_PER_SECTION_MAX) {
            diag_error(d, file, s->line, "section '%s' has %zu questions: at most %d are allowed",
                       s->id, s->n_questions, QUESTIONS_PER_SECTION_MAX);
            s->n_questions = 0;
        }
        s->questions = arena_alloc(ar, (s->n_questions ? s->n_questions : 1) * sizeof(question));
        size_t iq = 0;
        for (xmlNodePtr qn = sn->children; qn && iq < s->n_questions; qn = qn->next)
            if (xmldoc_is(qn, "question"))
                question_parse(qn, file, ar, d, &s->questions[iq++]);
    }

    /* Question ids are unique across the whole questionnaire: answers name
     * questions by id alone. */
    for (size_t s = 0; s < out->n_sections; s++)
        for (size_t i = 0; i < out->sections[s].n_questions; i++) {
            const question *q = &out->sections[s].questions[i];
            const question *first = questionnaire_question(out, q->id);
            if (q->id && first && first != q)
                diag_error(d, file, q->line,
                           "duplicate question id '%s' (first at line %ld): question ids must "
                           "differ across the whole questionnaire",
                           q->id, first->line);
            check_conditions(q, out, q, d);
        }
    return d->errors == before ? 0 : -1;
}

/* questionnaire_parse and _load: buf NULL reads the file name. */
static int questionnaire_open(const char *name, const unsigned char *buf, size_t len, arena *ar,
                              diag *d, questionnaire *out)
{
    memset(out, 0, sizeof *out);
    xmlDocPtr doc = xmldoc_open(name, buf, len, "questionnaire", "a questionnaire file", d);
    if (!doc)
        return -1;
    int rc = questionnaire_from_doc(doc, arena_strdup(ar, name), ar, d, out);
    xmlFreeDoc(doc);
    return rc;
}

int questionnaire_parse(const char *name, const unsigned char *buf, size_t len, arena *ar, diag *d,
                        questionnaire *out)
{
    static const unsigned char empty[1];
    return questionnaire_open(name, buf ? buf : empty, buf ? len : 0, ar, d, out);
}

int questionnaire_load(const char *path, arena *ar, diag *d, questionnaire *out)
{
    return questionnaire_open(path, NULL, 0, ar, d, out);
}

int custom_questions_parse(const xmlNode *container, const char *file, const char *whose, arena *ar,
                           diag *d, question **out, size_t *n)
{
    int before = d->errors;
    size_t count = xmldoc_count(container, "question");
    *out = arena_alloc(ar, (count ? count : 1) * sizeof **out);
    *n = count;
    size_t i = 0;
    for (xmlNodePtr c = container ? container->children : NULL; c; c = c->next) {
        if (!xmldoc_is(c, "question"))
            continue;
        question *q = &(*out)[i++];
        question_parse(c, file, ar, d, q);
        if (i == CUSTOM_QUESTIONS_MAX + 1) {
            diag_error(d, file, q->line,
                       "custom question '%s' is the %zuth of %s: at most %d custom questions "
                       "are allowed; remove some",
                       q->id, i, whose, CUSTOM_QUESTIONS_MAX);
            *n = i; /* the rest is not read: one error is enough */
            break;
        }
        if (q->n_options > CUSTOM_OPTIONS_MAX)
            diag_error(d, file, q->line,
                       "custom question '%s' has %zu options: a custom question has at most %d",
                       q->id, q->n_options, CUSTOM_OPTIONS_MAX);
        if (q->n_conds)
            diag_error(d, file, q->conds[0].line,
                       "custom question '%s' has a show-if: custom questions are always shown; "
                       "remove the <show-if>",
                       q->id);
        for (size_t j = 0; j + 1 < i && q->id; j++)
            if ((*out)[j].id && !strcmp((*out)[j].id, q->id))
                diag_error(d, file, q->line,
                           "duplicate question id '%s' (first at line %ld): question ids must "
                           "differ",
                           q->id, (*out)[j].line);
    }
    return d->errors == before ? 0 : -1;
}
