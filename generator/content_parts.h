/* content_parts.h - the pieces content_load assembles: program.xml and
 * people.xml readers. Each runs the schema and the checks that need only its
 * own file; content.c then checks references between files.
 */
#ifndef ACCORD_CONTENT_PARTS_H
#define ACCORD_CONTENT_PARTS_H

#include "diag.h"
#include "model.h"

/* Loads program.xml at path into *out (strings in ar). Returns 0 when clean,
 * else -1 after reporting to d. */
int program_load(const char *path, arena *ar, diag *d, program *out);

/* Loads people.xml at path: people and agreements, each sorted by id, with
 * duplicates, unknown people and a mentee who is their own mentor reported.
 * An agreement's questionnaire is left NULL when not given (content.c
 * resolves it). Returns 0 when clean, else -1 after reporting to d. */
int people_load(const char *path, arena *ar, diag *d, person **people, size_t *n_people,
                agreement **agreements, size_t *n_agreements);

#endif
