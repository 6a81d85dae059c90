/* effective.h - the effective questionnaire (README "The effective
 * questionnaire"): what an agreement's people actually answer, its canonical
 * serialization and its SHA-256 digest. */
#ifndef ACCORD_EFFECTIVE_H
#define ACCORD_EFFECTIVE_H

#include "model.h"

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

#endif
