/* diag.c - diagnostics (see base.h). */
#include "base.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

/* Writes b's bytes to standard error with as few writes as it takes. */
static void write_stderr(const sbuf *b)
{
    size_t off = 0;
    while (off < b->len) {
        ssize_t w = write(STDERR_FILENO, b->data + off, b->len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
}

/* Formats the whole line first, then writes it with one write(2), or
 * appends it to held. */
static void vreport(sbuf *held, const char *kind, const char *file, long line, const char *fmt,
                    va_list ap)
{
    sbuf b = SBUF_INIT;
    sb_puts(&b, "accord: ");
    if (file) {
        if (line > 0)
            sb_printf(&b, "%s:%ld: ", file, line);
        else
            sb_printf(&b, "%s: ", file);
    }
    if (kind)
        sb_puts(&b, kind);
    sb_vprintf(&b, fmt, ap);
    sb_puts(&b, "\n");
    if (held)
        sb_put(held, b.data, b.len);
    else
        write_stderr(&b);
    sb_release(&b);
}

diag diag_scratch(const diag *d)
{
    diag s = DIAG_INIT;
    s.held = d ? d->held : NULL;
    return s;
}

void diag_print_held(sbuf *held)
{
    write_stderr(held);
    sb_release(held);
}

void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d->held, NULL, file, line, fmt, ap);
    va_end(ap);
    d->errors++;
}

void diag_io(diag *d, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d->held, NULL, file, 0, fmt, ap);
    va_end(ap);
    d->io_errors++;
}

void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d->held, "warning: ", file, line, fmt, ap);
    va_end(ap);
    d->warnings++;
}

void diag_refuse(diag *d, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(d->held, "refused: ", file, 0, fmt, ap);
    va_end(ap);
    d->refused++;
}

void diag_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(NULL, NULL, NULL, 0, fmt, ap);
    va_end(ap);
}

void diag_merge(diag *d, const diag *from)
{
    d->errors += from->errors;
    d->io_errors += from->io_errors;
    d->warnings += from->warnings;
    d->refused += from->refused;
}

int diag_exit_code(const diag *d)
{
    if (d->io_errors)
        return 2;
    return d->errors ? 1 : 0;
}
