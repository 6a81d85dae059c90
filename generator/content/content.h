/* content.h - a program's content: the model (program, people,
 * agreements, questionnaires, answers), loading a content directory with
 * its schemas and checks, questionnaires and their canonical writer,
 * answers and their checks, the effective questionnaire, the conflict
 * rules, the Markdown limits and the link rules. Every string and array
 * lives in an arena. Includes base only. */
#ifndef ACCORD_CONTENT_H
#define ACCORD_CONTENT_H

#include <stddef.h>

#include "base.h"

/* --- the model: the program's content as loaded from a content directory.
 *
 * Every string and array below lives in the owning arena (content.arena or
 * the arena passed to the loader); nothing here is freed on its own. Arrays
 * are sorted where the comment says so, so iteration is deterministic.
 * Strings that hold Markdown are the source text, rendered later.
 */

/* Limits of the formats (README "Content formats"). */
enum {
    ID_MAX = 32,              /* party, agreement, questionnaire, section, question ids */
    OPTIONS_MIN = 2,          /* options of a single or multiple question */
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
    CONTACT_MIN = 3,           /* bytes: the contact email address */
    CONTACT_MAX = 254,         /* bytes: the longest address mail accepts */
    LINK_EPOCH_MAX = 999999,   /* a person's link-epoch */
    PROGRAM_SECRET_BYTES = 32, /* the program secret, DIR/secret */
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
    const char *theme;    /* folder name under themes/ */
    const char *contact;  /* the program's email address (<contact email>), NULL when absent */
    const char *site_url; /* the public site's address (<site url>), NULL when absent: an
                             https:// or http:// URL without '?' or '#' */
    /* <program-key file>: the program's public key, a path relative to the
     * content directory (under it, ending ".pub"); NULL when the program
     * keeps no ledger and trusts keys/ */
    const char *program_key;
    long program_key_line;
    int review_months;
    /* names="public": the public site lists the agreements and carries the
     * forms and signing pages, naming the parties. Otherwise (the default,
     * names="private") nothing per agreement or per person is written in
     * clear to public/: those pages exist only sealed in personal pages. */
    int names_public;
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
    int idp_shared;   /* <idp shared-with-mentor>: a mentor's pages show their mentees' IDPs
                         (default: an IDP is the mentee's alone) */
    question *custom; /* admin custom questions */
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
    int custom_own_file; /* 1: they come from questions/<id>.xml, not people.xml */
    int is_mentee;       /* the mentee of some agreement (so has an IDP when the program asks) */
    const size_t *agreements; /* the agreements (indices into content's) the person is a party
                                 of, in people.xml's order (in the content's arena) */
    size_t n_agreements;
    unsigned long link_epoch; /* link-epoch, 0 to LINK_EPOCH_MAX (default 0): raising it
                                 gives the person a new link and revokes the old one */
    const char *email;        /* the person's address, or NULL: for the admin's pages and reminders
                                 only, never written under public/ */
    long line;
} person;

typedef struct agreement {
    const char *id;
    const char *mentee;
    const char *mentor;
    const char *questionnaire; /* resolved: the program default when not given */
    /* ended="YYYY-MM-DD" ended-reason="...": the admin ended the agreement
     * on that day, for that reason (a real day, and 1 to LABEL_MAX
     * characters with no control character; both or neither). NULL both
     * when it goes on. An ended agreement has no next step and no review;
     * its revisions made up to that day stay, later ones are refused. */
    const char *ended;
    const char *ended_reason;
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
    /* The program secret personal links derive from (DIR/secret), when
     * has_secret; zeroed by content_release. Never printed or written. */
    unsigned char secret[PROGRAM_SECRET_BYTES];
    int has_secret;
    arena arena;
} content;

/* One answered question. */
typedef struct answer {
    const char *question;
    const char **values; /* choice questions: chosen values, document order */
    const char *other;   /* text for value "other", or NULL */
    const char *text;    /* short/long answers, or NULL */
    const char *note;    /* or NULL */
    /* int-sized (a program holds hundreds of thousands of answers); both
     * are bounded by an XML file's size (XML_FILE_MAX) */
    unsigned n_values;
    int line;
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
    /* Answers a build holds in part: the fields above stay, while the
     * answers themselves are set aside (answers NULL, n_answers 0) as the
     * bytes of their answers.xml at items_at, parsed again against
     * items_names by answers_hold where a page shows them. items_at NULL:
     * nothing is set aside. */
    const stored_bytes *items_at;
    const questionnaire *items_names;
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

/* --- what the program's verified bundles say of each agreement: filled by
 * the bundles layer, read by the renderer (which never sees a bundle). */

typedef enum {
    AGS_NOT_STARTED,
    AGS_MENTEE_ANSWERED,
    AGS_MENTOR_ANSWERED, /* waiting for the mentee */
    AGS_AWAITING,        /* both answered: the agreement awaits signatures */
    AGS_SIGNED,
} agreement_state;

/* A countersignature of an agreement (key_id NULL: not signed yet). */
typedef struct signature_view {
    const char *party, *key_id, *signed_at;
} signature_view;

/* One revision of an agreement, as far as it has come. */
typedef struct revision_view {
    int revision;
    const answers *mentee, *mentor;    /* verified answers; NULL when absent */
    const questionnaire *snapshot;     /* what they answered (from their bundles) */
    const unsigned char *snapshot_xml; /* its bytes, as their bundles carry them */
    size_t snapshot_len;
    const char *questionnaire_digest; /* its SHA-256 of snapshot_xml */
    const char *previous;             /* the digest it follows, or "none" */
    const char *build_problem;        /* both answered, but no agreement could be made */
    /* the agreement bundle, when there is one: */
    const stored_bytes *bundle; /* where its bytes are: read them with stored_read */
    const char *digest;         /* its bundle digest */
    agreement_view view;        /* what it signs */
    agreement_facts facts;      /* what its page names */
    int legacy_page;            /* signed by both before pages were bound */
    int signed_by_both;
    signature_view sigs[2]; /* mentee, mentor */
    /* with a program ledger: the index entry that first lists the bundle
     * (0: none), and the first kept checkpoint naming that entry, its line
     * and its .minisig by the program key (NULL: none kept) */
    long indexed_at;
    long checkpoint_entries;
    const unsigned char *checkpoint, *checkpoint_sig;
    size_t checkpoint_len, checkpoint_sig_len;
} revision_view;

typedef struct agreement_status {
    const agreement *ag;
    agreement_state state;
    int revision;              /* the revision the state is about (0: not started) */
    int next_revision;         /* the revision the forms are for */
    const char *next_previous; /* its previous, or NULL for revision 1 */
    const revision_view *revs; /* ascending */
    size_t n_revs;
} agreement_status;

/* A mentee's individual development plan: the latest revision of their
 * verified IDP answers. */
typedef struct idp_view {
    const char *mentee; /* party id */
    int revision;
    const answers *ans;
    const questionnaire *snapshot; /* what they answered (from their bundle) */
    const char *created;           /* when they signed it: META created */
    const char *digest;            /* its bundle digest */
    const stored_bytes *bundle;    /* where the bundle as received is: stored_read */
} idp_view;

/* Every agreement's status, in the content's order (sorted by id), and
 * every mentee's IDP, sorted by mentee id (one per mentee at most). */
typedef struct program_state {
    const agreement_status *agreements;
    size_t n;
    const idp_view *idps;
    size_t n_idps;
} program_state;

/* Mentee's IDP in ps, or NULL. */
const idp_view *program_state_idp(const program_state *ps, const char *mentee);

/* The status of agreement id, or NULL. */
const agreement_status *program_state_find(const program_state *ps, const char *id);

/* Revision r of s, or NULL; the latest signed by both, or NULL. */
const revision_view *agreement_status_rev(const agreement_status *s, int r);
const revision_view *agreement_status_last_signed(const agreement_status *s);

/* "not started", "mentee answered", ... */
const char *agreement_state_name(agreement_state st);

/* --- what happens next (next_step.c) */

/* The review date of a revision made at created (YYYY-MM-DDTHH:MM:SSZ)
 * with months between reviews: created + months, calendar months, the day
 * clamped to the month's end, as YYYY-MM-DD; "?" when out of range. */
void agreement_review_date(const char *created, int months, char out[11]);

typedef enum {
    NEXT_MENTEE_ANSWERS, /* nobody answered yet, or only the mentor */
    NEXT_MENTOR_ANSWERS, /* the mentee answered */
    NEXT_SIGN,           /* the agreement bundle awaits the signatures of acts */
    NEXT_PROGRAM,        /* both answered, but no agreement could be made: the admin acts */
    NEXT_REVIEW,         /* signed by both: both review it by review_date */
    NEXT_NONE,           /* the agreement ended (agreement.ended): nobody acts, nothing falls
                            due, review_date is "" */
} next_kind;

typedef struct next_step {
    next_kind kind;
    int acts[2];          /* [ROLE_MENTEE], [ROLE_MENTOR]: 1 when that party must act */
    char review_date[11]; /* YYYY-MM-DD the last revision signed by both falls due for
                             review (whatever kind says), or "" when none is signed */
} next_step;

/* What happens next in the agreement of st (NULL: not started); NEXT_NONE
 * when its agreement ended, whatever its state. */
next_step agreement_next_step(const agreement_status *st);

/* A review is due from REVIEW_DUE_DAYS days before its date, and overdue
 * after it. review_state_on reads both days as YYYY-MM-DD (anything else:
 * not due); review_due_from writes the first day it is due ("" when
 * review_date is not a day). */
enum { REVIEW_DUE_DAYS = 30 };
typedef enum { REVIEW_NOT_DUE, REVIEW_DUE, REVIEW_OVERDUE } review_state;
review_state review_state_on(const char *review_date, const char *as_of);

/* Returns 1 when s is a real day written YYYY-MM-DD (from 1970-01-01). */
int valid_day(const char *s);
void review_due_from(const char *review_date, char out[11]);

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

/* Returns the answer to question id in a, or NULL. a must hold its
 * answers (answers_hold): answers set aside abort, as a defect of the
 * caller. */
const answer *answers_find(const answers *a, const char *question_id);

/* Makes *a (may be NULL) hold its answers: unchanged when it does, else
 * pointed at a copy parsed again (in ar) from the bytes they were set
 * aside as. Returns 0, or -1 with *why set (static or in ar) when those
 * bytes cannot be read back as they were. */
int answers_hold(const answers **a, arena *ar, const char **why);

/* 1 when an (may be NULL) lists value v. */
int answer_has_value(const answer *an, const char *v);

/* 1 when an answers its question: values, text or other text (a note alone
 * is not an answer). an may be NULL. */
int answer_given(const answer *an);

/* 1 when v is a value question q takes (yes/no, an option, "other" when
 * q offers it). */
int question_has_option(const question *q, const char *v);

/* That value as q holds it (q's own string, or a string literal), or NULL
 * when q takes no value v. */
const char *question_value(const question *q, const char *v);

/* The words for value v of q: "Yes"/"No", the option's label, "Other", or
 * v itself when q has no such value. */
const char *question_option_label(const question *q, const char *v);

/* 1 when program.xml turns section sid of questionnaire qid off. */
int program_section_disabled(const program *p, const char *qid, const char *sid);

/* Returns 1 when every condition of question q holds in a, else 0: a
 * condition holds when the answer to its question lists its value. a may be
 * NULL (nothing answered). The form's script implements the very same rule. */
int question_visible(const question *q, const answers *a);

const char *question_kind_name(question_kind k); /* "yesno", "single", ... */
const char *role_name(party_role r);             /* "mentee", "mentor" */

/* --- loading and checking a content directory.
 *
 * The loader reads program.xml, questionnaires/NAME.xml, people.xml, the
 * mentors' own questions (questions/PARTY.xml, each the PARTY's custom
 * questions, as if people.xml held them) and the guide/NAME.md names, validates each XML file
 * against its schema, then runs the semantic checks, reporting every problem to the diag as
 * file:line. It reads the program secret too, when DIR/secret exists: exactly one line, the
 * standard base64 of PROGRAM_SECRET_BYTES bytes and a line feed, as 'accord secret' writes it;
 * anything else is an error, and a secret that others than its owner may read or change is a
 * warning (except the demo's, which is published).
 */

/* Loads and checks the content directory dir into c (which the caller then
 * releases with content_release, whatever the result). Returns 0 when the
 * content is clean, -1 when problems were reported to d (d->errors or
 * d->io_errors tell which kind). */
int content_load(const char *dir, content *c, diag *d);

/* Checks the mentor's questions file at path (questions/<party>.xml, as
 * the questions page downloads it) against content c, as content_load
 * would take it in: the schema and the custom-question rules of people.xml
 * (custom_questions_parse), a party that is a person of people.xml with no
 * custom questions there, and no id clashing with a question of the
 * questionnaires of the mentor's agreements or an admin custom question.
 * Sets *party (in ar) and *n (how many questions). Returns 0, or -1 after
 * reporting to d. */
int mentor_questions_check(const content *c, const char *path, arena *ar, diag *d,
                           const char **party, size_t *n);

/* Frees everything content_load allocated. */
void content_release(content *c);

/* --- questionnaires: reading and writing questionnaires (README
 * "Questionnaire"), and the question elements that program.xml and
 * people.xml share with them (custom questions).
 */

/* Parses a questionnaire held in memory (a questionnaires/NAME.xml file, or the
 * canonical questionnaire.xml of a bundle); name is used in messages and
 * stored as out->file. Runs the schema and every check that needs nothing
 * but the questionnaire itself (ids, limits, conditions). Returns 0 when
 * clean, else -1 after reporting to d. Everything lives in ar. */
int questionnaire_parse(const char *name, const unsigned char *buf, size_t len, arena *ar, diag *d,
                        questionnaire *out);

/* As questionnaire_parse, for the file at path (at most XML_FILE_MAX bytes;
 * an unreadable file is an I/O error in d). */
int questionnaire_load(const char *path, arena *ar, diag *d, questionnaire *out);

/* Writes q in accord's canonical serialization: UTF-8 with an XML
 * declaration, elements and attributes in a fixed order, two-space
 * indentation. Returns the bytes (len in *len) allocated in ar. The bytes
 * parse back with questionnaire_parse into a questionnaire that serializes
 * to the same bytes. */
unsigned char *questionnaire_serialize(const questionnaire *q, arena *ar, size_t *len);

/* --- answers files: answers files: loading and checking against the effective
 * questionnaire of their agreement (or the program's IDP). */

/* Parses the answers file at path into *out (allocated in ar). Returns 0, or
 * -1 after reporting to d (malformed file: error; unreadable: io error). */
int answers_load(const char *path, answers *out, arena *ar, diag *d);

/* Parses an answers file held in memory; name is used in messages. With
 * names (may be NULL; the questionnaire the answers say they answer), each
 * question id and value that names holds is kept as names' own string
 * rather than copied into ar: names must then outlive *out. */
int answers_parse(const char *name, const unsigned char *buf, size_t len,
                  const questionnaire *names, answers *out, arena *ar, diag *d);

/* Checks a against content c: its agreement, party and role, the effective
 * questionnaire's id, version and digest, and every answer (known question,
 * valid values, sizes, conditions, required questions). On success stores
 * the effective questionnaire in *eq (allocated in ar; may be NULL) and
 * returns 0; otherwise reports to d and returns -1. */
int answers_check(const content *c, const answers *a, arena *ar, const questionnaire **eq, diag *d);

/* Checks every answer of a against questionnaire q (known question, valid
 * values, sizes, conditions, required questions): the part of answers_check
 * that needs nothing but the questionnaire, so a bundle's answers can be
 * checked against the snapshot it carries. Returns 0, or -1 after reporting
 * to d. */
int answers_check_questions(const answers *a, const questionnaire *q, diag *d);

/* Checks the presence rule of previous: revision 1 of an agreement must
 * not have it, a later revision must; IDP answers never do. (Whether it
 * names the right digest needs the program's bundles: bundles.h
 * bundles_check_previous.) Part of answers_check. Returns 0, or -1 after
 * reporting to d. */
int answers_check_previous(const answers *a, diag *d);

/* --- the effective questionnaire (README "The effective
 * questionnaire"): what an agreement's people actually answer, its canonical
 * serialization and its SHA-256 digest. */

typedef struct effective {
    const questionnaire *q; /* allocated in the arena given */
    unsigned char *xml;     /* canonical bytes, allocated in the arena */
    size_t xml_len;
    char digest[65]; /* SHA-256 of xml, lowercase hex */
} effective;

/* Builds the effective questionnaire of agreement ag (or, when ag is NULL, of
 * the program's IDP) into *out. Returns 0, or -1 when the content lacks what
 * it needs (content_load has already reported that). */
int effective_build(const content *c, const agreement *ag, arena *ar, effective *out);

/* Every agreement's effective questionnaire and the IDP's, each built once
 * per questionnaire and mentor's own questions and shared: out[i] for
 * agreement i, out[c->n_agreements] for the IDP, NULL where the content
 * lacks what one needs. The array and what it points to are in ar. */
const effective **effective_build_all(const content *c, arena *ar);

/* --- a questionnaire changed under an open revision (changed.c): an
 * agreement's answers are signed against the questionnaire as it was when
 * they were given; when the admin edits it before the revision is signed
 * by both, the revision stays on the old questions (its review page and
 * agreement use the answers' snapshot) until the parties answer again. */

typedef struct questionnaire_change {
    int revision;                /* the open revision */
    const char *answered_digest; /* the digest its answers name (borrowed from st) */
    char since[11];              /* YYYY-MM-DD: when the first of those answers was saved */
    char digest[65];             /* the agreement's effective questionnaire today */
} questionnaire_change;

/* 1 when the latest revision of st is open (mentee answered, mentor
 * answered or awaiting signatures) and a party's answers in it name
 * another questionnaire digest than the agreement's effective
 * questionnaire in c today (effectives' when not NULL, as
 * effective_build_all made them; else built here); then *out says which.
 * 0 otherwise (st may be NULL). */
int agreement_questionnaire_changed(const content *c, const effective *const *effectives,
                                    const agreement_status *st, questionnaire_change *out);

/* The revision of st that answers a are for when it is open and a
 * party's answers in it were given against the questionnaire a names by
 * digest (the snapshot a mentor's review page carries), else NULL. */
const revision_view *revision_answered_with(const agreement_status *st, const answers *a);

/* answers_check against the questionnaire e (its id, version, digest and
 * every answer) instead of the agreement's effective questionnaire today:
 * for answers to an open revision answered against an earlier version
 * (revision_answered_with). Returns 0, or -1 after reporting to d. */
int answers_check_with(const content *c, const answers *a, const effective *e, diag *d);

/* --- conflicts: how a mentor's answer compares with the mentee's. The
 * review page's flags come from here; the page script conflicts.js applies
 * the very same rules as the mentor answers, so keep them identical (a
 * browser test compares the two). */

typedef enum {
    FLAG_NONE,     /* nothing to say: the mentee did not answer, or free texts differ */
    FLAG_SAME,     /* both answered alike */
    FLAG_CONFLICT, /* choice answers that differ */
    FLAG_DISCUSS,  /* only the mentee answered */
} agreement_flag;

/* Compares the answers to question q (either may be NULL: not answered; pass
 * NULL for the mentor's when q is hidden by the mentor's other answers).
 * yes/no and single differ when the value differs, multiple when the sets
 * differ; with the same values, "other" chosen by both differs when its
 * texts differ; free text never conflicts (equal texts are "same"); a
 * question only the mentee answered is for discussion; one only the mentor
 * answered has no flag. Texts compare without the spaces, tabs and line
 * breaks at their ends (the page script compares them trim()med). */
agreement_flag conflict_flag(const question *q, const answer *mentee, const answer *mentor);

/* The class ("flag-conflict", ...), the icon ("" for FLAG_NONE) and the
 * text ("" for FLAG_NONE) of a flag: static strings. An icon is one
 * character every system font has (no emoji font needed); it only repeats
 * the text, which says it all on its own. */
const char *conflict_flag_class(agreement_flag f);
const char *conflict_flag_icon(agreement_flag f);
const char *conflict_flag_text(agreement_flag f);

/* The sentences of the review summary, "{n}" standing for a count. While
 * the mentor has answered none of the questions shown, the summary is
 * UNANSWERED_ONE or _MANY alone. Otherwise it is LEFT_ONE or _MANY when
 * questions shown are left to answer, then SUMMARY_NONE, _ONE or _MANY,
 * then DISCUSS_ONE or _MANY when the mentee answered questions the mentor
 * has not; the sentences are joined by one space. The page scripts
 * receive the same words from data- attributes. */
typedef enum {
    SUMMARY_NONE,
    SUMMARY_ONE,
    SUMMARY_MANY,
    DISCUSS_ONE,
    DISCUSS_MANY,
    UNANSWERED_ONE,
    UNANSWERED_MANY,
    LEFT_ONE,
    LEFT_MANY,
} conflict_sentence_kind;

const char *conflict_sentence(conflict_sentence_kind k);

/* What the review summary counts: the flags shown, and the questions shown
 * to the mentor (not hidden by the mentor's answers) that the mentor has
 * answered and has yet to answer. */
typedef struct {
    int conflicts;
    int discuss;
    int answered;
    int left;
} conflict_counts;

/* The review summary for the counts n, in ar. */
const char *conflict_summary(arena *ar, const conflict_counts *n);

/* --- Markdown limits: every Markdown text (guide pages, intros, help) is
 * at most MARKDOWN_MAX bytes with at most MARKDOWN_PIPES_PER_LINE_MAX '|'
 * on a line (cmark-gfm 0.29 slows down badly on many table columns). */

enum { MARKDOWN_PIPES_PER_LINE_MAX = 200 };

/* Checks md (len bytes), reporting to d as "name:line: ...". Returns 0
 * when within bounds, else -1. */
int markdown_check(const char *name, const char *md, size_t len, diag *d);

/* markdown_check of every Markdown text of q (intro, section and question
 * help), named "name (help of question ID)" and the like (a question of
 * its own file by that file). Returns 0 or -1. */
int questionnaire_markdown_check(const char *name, const questionnaire *q, diag *d);

/* The same for the help of n custom questions. */
int questions_markdown_check(const question *qs, size_t n, diag *d);

/* --- text */

/* Returns the number of characters (UTF-8 code points) in s. */
size_t utf8_chars(const char *s);

/* Returns 1 when s matches ^[a-z][a-z0-9-]{0,31}$ (digit_first: the first
 * character may also be a digit, as option values may). */
int valid_id(const char *s, int digit_first);

/* --- links: the one rule for every URL a page shows or loads. */

/* Returns 1 when url may be a link target: a relative reference (no scheme,
 * not starting with "//"), or an https:, http: or mailto: URL; no control
 * characters, white space before the scheme or backslashes anywhere. */
int url_link_allowed(const char *url);

/* Returns 1 when url may be an image or asset source that a page loads: a
 * relative reference only (no scheme, not absolute, not "//host"), so no
 * page ever makes a request to another host. */
int url_src_allowed(const char *url);

/* Returns 1 when url is relative (as url_src_allowed) and does not start
 * with "#" or "?": a file name a prefix such as "../" may be put before. */
int url_is_relative_file(const char *url);

/* 1 when s may be a link of program.xml: an absolute https://, http:// or
 * mailto: URL with something after the scheme, as url_link_allowed. */
int url_program_link_allowed(const char *s);

#endif
