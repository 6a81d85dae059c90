/* diag.h - diagnostics: problems found in input, reported as file:line.
 *
 * Modules report problems here and return; only the command layer decides the
 * exit code (1 when problems were found in input, 2 for I/O and usage).
 */
#ifndef ACCORD_DIAG_H
#define ACCORD_DIAG_H

typedef struct diag {
    int errors;    /* problems in the input: exit 1 */
    int io_errors; /* files that could not be opened or read: exit 2 */
    int warnings;
} diag;

#define DIAG_INIT                                                                                  \
    {                                                                                              \
        0, 0, 0                                                                                    \
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

/* Exit status for a command that is done: 2 if any I/O error, else 1 if any
 * error, else 0. */
int diag_exit_code(const diag *d);

#endif
