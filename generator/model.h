/* model.h - the program's content as loaded from a content directory.
 *
 * Every string and array below lives in the owning arena (content.arena or
 * the arena passed to the loader); nothing here is freed on its own. Arrays
 * are sorted where the comment says so, so iteration is deterministic.
 * Strings that hold Markdown are the source text, rendered later.
 */
#ifndef ACCORD_MODEL_H
#define ACCORD_MODEL_H

#include <stddef.h>

#include "arena.h"

/* Limits of the formats (README "Content formats"). */
enum {
    ID_MAX = 32,              /* party, agreement, questionnaire, section, question ids */
    OPTIONS_MAX = 20,         /* options per question */
    CUSTOM_OPTIONS_MAX = 10,  /* options per custom question */
    CUSTOM_QUESTIONS_MAX = 5, /* admin's, and each mentor's */
    SECTIONS_MAX = 40,
    QUESTIONS_PER_SECTION_MAX = 60,
    RESOURCES_MAX = 20,
    SHORT_TEXT_MAX = 200,           /* characters: short answers, "other" text */
    LONG_TEXT_MAX = 5000,           /* characters: long answers */
    NOTE_MAX = 2000,                /* characters: a note */
    LABEL_MAX = 500,                /* characters: question text, option labels, titles */
    MARKDOWN_MAX = 64 * 1024,       /* bytes: one Markdown input (help, intro, guide page) */
    XML_FILE_MAX = 4 * 1024 * 1024, /* bytes: one XML input file */
    SHOW_IF_MAX = 10,               /* show-ifs per question */
    DISABLE_MAX = 400,              /* <disable>s in program.xml */
    ANSWERS_MAX = SECTIONS_MAX * QUESTIONS_PER_SECTION_MAX + 2 * CUSTOM_QUESTIONS_MAX,
    REVIEW_MONTHS_MIN = 6,
    REVIEW_MONTHS_MAX = 12,
};

typedef enum { QK_YESNO, QK_SINGLE, QK_MULTIPLE, QK_SHORT, QK_LONG } question_kind;

typedef enum { QN_AGREEMENT, QN_IDP } questionnaire_kind;

typedef enum { ROLE_MENTEE, ROLE_MENTOR } party_role;

typedef struct option {
    const char *value;
    const char *label;
} option;

/* "show if question QUESTION has value VALUE". */
typedef struct condition {
    const char *question;
    const char *value;
    long line;
} condition;

typedef struct question {
    const char *id;
    question_kind kind;
    int required;
    int other;        /* single/multiple: offers value "other" with a text box */
    const char *text; /* the question itself, plain text */
    const char *help; /* Markdown or NULL */
    option *options;  /* in document order; yes/no has none (values yes, no) */
    size_t n_options;
    condition *conds; /* all must hold for the question to show */
    size_t n_conds;
    const char *file;
    long line;
} question;

typedef struct section {
    const char *id;
    const char *title;
    const char *help; /* Markdown or NULL */
    question *questions;
    size_t n_questions;
    long line;
} section;

typedef struct questionnaire {
    const char *id;
    const char *version;
    questionnaire_kind kind;
    const char *title;
    const char *intro; /* Markdown or NULL */
    section *sections;
    size_t n_sections;
    const char *file;
} questionnaire;

typedef struct resource {
    const char *label;
    const char *href; /* NULL for a resource without a link */
} resource;

typedef struct disabled_section {
    const char *questionnaire;
    const char *section;
    long line;
} disabled_section;

typedef struct program {
    const char *id;
    const char *title;
    const char *theme; /* folder name under themes/ */
    int review_months;
    const char *questionnaire; /* default agreement questionnaire id */
    disabled_section *disabled;
    size_t n_disabled;
    resource *resources;
    size_t n_resources;
    const char *further_label; /* NULL when absent */
    const char *further_href;
    int idp_enabled;
    const char *idp_questionnaire; /* NULL when no IDP */
    const char *idp_href;          /* NULL when absent */
    question *custom;              /* admin custom questions */
    size_t n_custom;
    const char *file;
    long line;     /* of <program> */
    long idp_line; /* of <idp>, 0 when absent */
} program;

typedef struct person {
    const char *id;
    const char *name;
    question *custom; /* the person's custom questions as a mentor */
    size_t n_custom;
    long line;
} person;

typedef struct agreement {
    const char *id;
    const char *mentee;
    const char *mentor;
    const char *questionnaire; /* resolved: the program default when not given */
    long line;
} agreement;

typedef struct guide_page {
    const char *name; /* file name without ".md"; sorted by name */
    const char *path; /* path of the .md file */
} guide_page;

typedef struct content {
    const char *dir;
    program program;
    questionnaire *questionnaires; /* sorted by id */
    size_t n_questionnaires;
    person *people; /* sorted by id */
    size_t n_people;
    agreement *agreements; /* sorted by id */
    size_t n_agreements;
    guide_page *guide; /* sorted by name */
    size_t n_guide;
    arena arena;
} content;

/* One answered question. */
typedef struct answer {
    const char *question;
    const char **values; /* choice questions: chosen values, document order */
    size_t n_values;
    const char *other; /* text for value "other", or NULL */
    const char *text;  /* short/long answers, or NULL */
    const char *note;  /* or NULL */
    long line;
} answer;

typedef struct answers {
    const char *program;
    const char *questionnaire;
    const char *version;
    const char *digest;    /* 64 lowercase hex */
    const char *agreement; /* NULL for IDP answers */
    party_role role;
    const char *party;
    int revision;
    const char *saved; /* YYYY-MM-DDTHH:MM:SSZ */
    answer *answers;   /* document order */
    size_t n_answers;
    const char *file;
    long line;            /* of <answers> */
    const char *previous; /* revision > 1: the digest of revision-1's signed agreement bundle;
                             NULL when absent */
} answers;

/* What one revision of an agreement holds, as signed: the agreement's
 * META fields, the questionnaire snapshot both parties answered, and both
 * parties' answers. Everything here comes from a verified bundle (or from
 * the answers bundles an agreement is made of); pointers are borrowed. */
typedef struct agreement_view {
    const char *agreement;         /* id */
    const char *mentee, *mentor;   /* party ids */
    const char *revision;          /* decimal, from 1 */
    const char *questionnaire;     /* "id@version" */
    const char *created;           /* YYYY-MM-DDTHH:MM:SSZ: the later answers' time */
    const char *previous;          /* the previous revision's bundle digest, or "none" */
    const questionnaire *snapshot; /* parsed questionnaire.xml */
    const answers *mentee_answers, *mentor_answers; /* the mentor's are final */
} agreement_view;

/* What an agreement page shows that its bundle does not hold: it is written
 * into the page itself so that the page can be checked from the bundle
 * alone. */
typedef struct agreement_facts {
    const char *program_title;
    const char *mentee_name, *mentor_name;
    int review_months; /* the review is due this many months after created */
} agreement_facts;

/* How an agreement bundle's agreement.html relates to what it signs. */
typedef enum {
    PAGE_BOUND,   /* byte for byte what its renderer makes from the bundle */
    PAGE_LEGACY,  /* no accord-render marker: made before pages were bound */
    PAGE_DIFFERS, /* anything else: the bundle is refused */
} page_binding;

/* How a command makes and checks agreement pages (agreement_page.h), handed
 * to the layers that must not include the renderer. */
typedef struct page_binder {
    /* agreement.html for a new agreement bundle: 0 and malloc'd bytes, or -1
     * with why (256 bytes) set */
    int (*make)(const agreement_view *v, const agreement_facts *f, unsigned char **out, size_t *len,
                char *why);
    /* agreement_page_check */
    page_binding (*check)(const agreement_view *v, const unsigned char *html, size_t len, arena *ar,
                          agreement_facts *facts, char *why);
} page_binder;

/* 1 when both name the same title, names and review interval. */
int agreement_facts_equal(const agreement_facts *a, const agreement_facts *b);

/* The facts of agreement ag as the content says them today. */
agreement_facts content_agreement_facts(const content *c, const agreement *ag);

/* Lookups by id: return NULL when absent. Linear or binary search over the
 * sorted arrays; the returned pointer is owned by c. */
const questionnaire *content_questionnaire(const content *c, const char *id);
const person *content_person(const content *c, const char *id);
const agreement *content_agreement(const content *c, const char *id);
const question *questionnaire_question(const questionnaire *q, const char *id);

/* Returns the answer to question id in a, or NULL. */
const answer *answers_find(const answers *a, const char *question_id);

/* Returns 1 when every condition of question q holds in a, else 0: a
 * condition holds when the answer to its question lists its value. a may be
 * NULL (nothing answered). The form's script implements the very same rule. */
int question_visible(const question *q, const answers *a);

const char *question_kind_name(question_kind k); /* "yesno", "single", ... */
const char *role_name(party_role r);             /* "mentee", "mentor" */

#endif
