/* content.h - loading and checking a content directory.
 *
 * The loader reads program.xml, questionnaires/NAME.xml, people.xml and the
 * guide/NAME.md names, validates each XML file against its schema, then runs the
 * semantic checks, reporting every problem to the diag as file:line.
 */
#ifndef ACCORD_CONTENT_H
#define ACCORD_CONTENT_H

#include "diag.h"
#include "model.h"

/* Loads and checks the content directory dir into c (which the caller then
 * releases with content_release, whatever the result). Returns 0 when the
 * content is clean, -1 when problems were reported to d (d->errors or
 * d->io_errors tell which kind). */
int content_load(const char *dir, content *c, diag *d);

/* Frees everything content_load allocated. */
void content_release(content *c);

#endif
