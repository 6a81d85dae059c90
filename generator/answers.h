/* answers.h - answers files: loading and checking against the effective
 * questionnaire of their agreement (or the program's IDP). */
#ifndef ACCORD_ANSWERS_H
#define ACCORD_ANSWERS_H

#include "diag.h"
#include "model.h"

/* Parses the answers file at path into *out (allocated in ar). Returns 0, or
 * -1 after reporting to d (malformed file: error; unreadable: io error). */
int answers_load(const char *path, answers *out, arena *ar, diag *d);

/* Parses an answers file held in memory; name is used in messages. */
int answers_parse(const char *name, const unsigned char *buf, size_t len, answers *out, arena *ar,
                  diag *d);

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

#endif
