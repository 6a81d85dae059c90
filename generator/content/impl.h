/* impl.h - what the content files share (for the files of content/ only): the one
 * safe XML parser, the readers of program.xml and people.xml, custom
 * questions and the program secret's reader. */
#ifndef ACCORD_CONTENT_IMPL_H
#define ACCORD_CONTENT_IMPL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "content.h"

/* --- XML: the one safe way the generator parses XML.
 *
 * Every XML reader in the generator goes through xmldoc_parse: it refuses any
 * DOCTYPE (so no entity is ever declared, expanded or fetched: XXE, external
 * DTDs, parameter entities, billion laughs and quadratic blowup all stop
 * there), never reaches the network, and caps the input size. The helpers
 * below read the tree into arena strings.
 */

/* Parses len bytes of XML named name (used in messages). Returns a document
 * the caller frees with xmlFreeDoc, or NULL after reporting an error to d
 * (not well-formed, a DOCTYPE, larger than XML_FILE_MAX). */
xmlDocPtr xmldoc_parse(const char *name, const unsigned char *buf, size_t len, diag *d);

/* Reads the file at path (at most XML_FILE_MAX bytes) and parses it as
 * xmldoc_parse does. A file that cannot be read is an I/O error in d. */
xmlDocPtr xmldoc_load(const char *path, diag *d);

/* The one way content reads an XML file: parsed as xmldoc_parse does (buf
 * NULL: the file called name, as xmldoc_load), its root element named root
 * (else "root element is <x>: WHAT starts with <ROOT>"), valid against the
 * embedded schema of the same name. Returns the document (xmlFreeDoc it)
 * or NULL after reporting to d. */
xmlDocPtr xmldoc_open(const char *name, const unsigned char *buf, size_t len, const char *root,
                      const char *what, diag *d);

/* The email attribute of element n, checked to be an address accord can
 * put in a mailto: link and a mail header as it is: the address (in ar),
 * or NULL when absent or after reporting to d an error naming file, n's
 * line and what ("contact", "person 'amira'"). */
const char *content_email(const xmlNode *n, const char *what, const char *file, arena *ar, diag *d);

/* Validates doc against the embedded schema schema_name (e.g. "program"),
 * reporting each violation as name:line. Returns 0 when valid, else -1. */
int xmldoc_validate(xmlDocPtr doc, const char *schema_name, const char *name, diag *d);

/* Returns 1 when n is an element called name. */
int xmldoc_is(const xmlNode *n, const char *name);

/* Returns how many element children of n (NULL: none) are called name. */
size_t xmldoc_count(const xmlNode *n, const char *name);

/* Returns the first element child of n called name, or NULL. */
xmlNodePtr xmldoc_child(const xmlNode *n, const char *name);

/* Returns n's line number (big line numbers included). */
long xmldoc_line(const xmlNode *n);

/* Returns attribute name of n copied into ar, or NULL when absent. */
char *xmldoc_attr(arena *ar, const xmlNode *n, const char *name);

/* Returns the text content of n copied into ar, exactly as written. */
char *xmldoc_raw_text(arena *ar, const xmlNode *n);

/* Returns the text content of n with leading and trailing white space
 * removed and, when the text starts on a line of its own, the lines' common
 * indentation removed too (so indented Markdown in XML stays Markdown; text
 * that starts right after the tag, as accord writes it, is kept as is). */
char *xmldoc_text(arena *ar, const xmlNode *n);

/* Copies the text content of n without the white space around it into
 * out (size bytes) and returns out, when it is one word that fits (no white
 * space inside): then it is what xmldoc_text returns. Else NULL. */
const char *xmldoc_word(const xmlNode *n, char *out, size_t size);

/* --- the pieces content_load assembles: program.xml and
 * people.xml readers. Each runs the schema and the checks that need only its
 * own file; content.c then checks references between files.
 */

/* Loads program.xml at path into *out (strings in ar). Returns 0 when clean,
 * else -1 after reporting to d. */
int program_load(const char *path, arena *ar, diag *d, program *out);

/* Loads people.xml at path: people and agreements, each sorted by id, with
 * duplicates, unknown people and a mentee who is their own mentor reported.
 * An agreement's questionnaire is left NULL when not given (content.c
 * resolves it). Returns 0 when clean, else -1 after reporting to d. */
int people_load(const char *path, arena *ar, diag *d, person **people, size_t *n_people,
                agreement **agreements, size_t *n_agreements);

/* Reads the program secret DIR/secret into c->secret and sets
 * c->has_secret, as content.h's loader comment says; c->dir and
 * c->program come first. No file: no secret, nothing reported. */
void secret_load(content *c, diag *d);

/* Reads the <question> children of a <custom-questions> element (which may
 * be NULL: none) into *out, enforcing the custom-question limits: at most
 * CUSTOM_QUESTIONS_MAX questions, CUSTOM_OPTIONS_MAX options each, no
 * show-if. whose names the owner in messages ("the program", "mentor
 * grace"). Returns 0, or -1 after reporting to d. */
int custom_questions_parse(const xmlNode *container, const char *file, const char *whose, arena *ar,
                           diag *d, question **out, size_t *n);

/* Reads every questions/PARTY.xml of c->dir into that person's custom
 * questions (person.custom_own_file set), after people.xml: the file's
 * party must be a person, the file named after them, with no custom
 * questions in people.xml. Reports to d. */
void mentor_questions_load(content *c, diag *d);

/* Reports to d each of the n custom questions whose id is a question of
 * questionnaire q or one of the n_other questions other (the admin's). */
void custom_ids_check(const question *custom, size_t n, const questionnaire *q,
                      const question *other, size_t n_other, diag *d);

#endif
