/* diag.c - diagnostics (see diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static void vreport(const char *kind, const char *file, long line, const char *fmt, va_list ap)
{
    fputs("accord: ", stderr);
    if (file) {
        if (line > 0)
            fprintf(stderr, "%s:%ld: ", file, line);
        else
            fprintf(stderr, "%s: ", file);
    }
    if (kind)
        fputs(kind, stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(NULL, file, line, fmt, ap);
    va_end(ap);
    d->errors++;
}

void diag_io(diag *d, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(NULL, file, 0, fmt, ap);
    va_end(ap);
    d->io_errors++;
}

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("warning: ", file, line, fmt, ap);
    va_end(ap);
    d->warnings++;
}

int diag_exit_code(const diag *d)
{
    if (d->io_errors)
        return 2;
    return d->errors ? 1 : 0;
}
