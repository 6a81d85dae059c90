/* diag.h - diagnostics: problems found in input, reported as file:line.
 *
 * Modules report problems here and return; only the command layer decides the
 * exit code (1 when problems were found in input, 2 for I/O and usage).
 * Every message has one shape, "accord: FILE:LINE: [warning: ]message",
 * and goes to standard error in a single write, so messages from threads
 * that render pages at the same time never interleave.
 */
#ifndef ACCORD_DIAG_H
#define ACCORD_DIAG_H

typedef struct diag {
    int errors;    /* problems in the input: exit 1 */
    int io_errors; /* files that could not be opened or read: exit 2 */
    int warnings;
    int refused; /* bundles refused (reported, never rendered; exit 1 only on request) */
} diag;

#define DIAG_INIT                                                                                  \
    {                                                                                              \
        0, 0, 0, 0                                                                                 \
    }

/* Prints "accord: FILE:LINE: message" (":LINE" left out when line <= 0,
 * "FILE: " left out when file is NULL) to stderr and counts an error. */
void diag_error(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* As diag_error, for a file the system could not open or read. */
void diag_io(diag *d, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* As diag_error, prefixed "warning: ", counted as a warning only. */
void diag_warn(diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "accord: FILE: refused: message" for a bundle that is never used. */
void diag_refuse(diag *d, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "accord: message": what a command did (not a problem; counts nothing). */
void diag_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Adds the counts of from into d (a thread's own diag into the command's). */
void diag_merge(diag *d, const diag *from);

/* Exit status for a command that is done: 2 if any I/O error, else 1 if any
 * error, else 0. */
int diag_exit_code(const diag *d);

#endif
