/* limits.c - the bounds on Markdown every text of the content and of a
 * bundle's questionnaire snapshot must keep (cmark-gfm 0.29 slows down
 * badly on very wide tables). */
#include <stdlib.h>
#include <string.h>

#include "content.h"

int markdown_check(const char *name, const char *md, size_t len, diag *d)
{
    if (len > MARKDOWN_MAX) {
        diag_error(d, name, 0, "Markdown is %zu bytes, more than the %d allowed; split it up", len,
                   MARKDOWN_MAX);
        return -1;
    }
    long line = 1;
    size_t pipes = 0;
    for (size_t i = 0; i < len; i++) {
        if (md[i] == '\n') {
            line++;
            pipes = 0;
        } else if (md[i] == '|' && ++pipes > MARKDOWN_PIPES_PER_LINE_MAX) {
            diag_error(d, name, line, "more than %d '|' on one line (table too wide)",
                       MARKDOWN_PIPES_PER_LINE_MAX);
            return -1;
        }
    }
    return 0;
}

/* Checks md when present, naming it "file (what id)" in messages. */
static int check_text(const char *file, const char *what, const char *id, const char *md, diag *d)
{
    if (!md)
        return 0;
    sbuf name = SBUF_INIT;
    size_t len;
    sb_printf(&name, "%s (%s%s%s)", file, what, id ? " " : "", id ? id : "");
    char *n = sb_take(&name, &len);
    int rc = markdown_check(n, md, strlen(md), d);
    free(n);
    return rc;
}

int questionnaire_markdown_check(const char *name, const questionnaire *q, diag *d)
{
    int rc = check_text(name, "intro", NULL, q->intro, d);
    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        rc |= check_text(name, "help of section", sec->id, sec->help, d);
        for (size_t k = 0; k < sec->n_questions; k++) {
            const question *qq = &sec->questions[k];
            rc |= check_text(qq->file ? qq->file : name, "help of question", qq->id, qq->help, d);
        }
    }
    return rc ? -1 : 0;
}

int questions_markdown_check(const question *qs, size_t n, diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        rc |= check_text(qs[i].file ? qs[i].file : "custom question", "help of question", qs[i].id,
                         qs[i].help, d);
    return rc ? -1 : 0;
}
