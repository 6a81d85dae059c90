/* questionnaire.h - reading and writing questionnaires (README
 * "Questionnaire"), and the question elements that program.xml and
 * people.xml share with them (custom questions).
 */
#ifndef ACCORD_QUESTIONNAIRE_H
#define ACCORD_QUESTIONNAIRE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "diag.h"
#include "model.h"

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

/* Reads the <question> children of a <custom-questions> element (which may
 * be NULL: none) into *out, enforcing the custom-question limits: at most
 * CUSTOM_QUESTIONS_MAX questions, CUSTOM_OPTIONS_MAX options each, no
 * show-if. whose names the owner in messages ("the program", "mentor
 * grace"). Returns 0, or -1 after reporting to d. */
int custom_questions_parse(const xmlNode *container, const char *file, const char *whose, arena *ar,
                           diag *d, question **out, size_t *n);

/* Returns 1 when s is an allowed link: https:, http: or mailto:, with no
 * white space or control characters. */
int link_allowed(const char *s);

/* Writes q in accord's canonical serialization: UTF-8 with an XML
 * declaration, elements and attributes in a fixed order, two-space
 * indentation. Returns the bytes (len in *len) allocated in ar. The bytes
 * parse back with questionnaire_parse into a questionnaire that serializes
 * to the same bytes. */
unsigned char *questionnaire_serialize(const questionnaire *q, arena *ar, size_t *len);

#endif
