/* password.c - passwords from a file or the terminal, and
 * no-clobber atomic file writes for keys and bundles. */
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

void password_free(char *pw)
{
    if (pw) {
        sodium_memzero(pw, PASSWORD_MAX + 2);
        sodium_free(pw);
    }
}

/* Reads one line from fd into pw (PASSWORD_MAX + 2 bytes). Returns its
 * length, -1 on a read error, -2 when too long. */
static long read_line(int fd, char *pw)
{
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0 || c == '\n')
            break;
        if (n == PASSWORD_MAX)
            return -2;
        pw[n++] = c;
    }
    if (n > 0 && pw[n - 1] == '\r')
        n--;
    pw[n] = '\0';
    return (long)n;
}

static long ask_tty(int fd, const char *prompt, char *pw)
{
    struct termios old, quiet;
    int have = tcgetattr(fd, &old) == 0;
    long n;
    if (have) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    if (write(fd, prompt, strlen(prompt)) < 0) {
        /* the prompt is a courtesy: read anyway */
    }
    n = read_line(fd, pw);
    if (have)
        tcsetattr(fd, TCSAFLUSH, &old);
    return n;
}

char *password_read(const char *file, const char *prompt, int confirm, size_t *len, int *io)
{
    char *pw = sodium_malloc(PASSWORD_MAX + 2), *again = NULL;
    long n;
    int fd;
    *io = 1;
    if (!pw) {
        diag_say("out of memory");
        return NULL;
    }
    if (file) {
        fd = open(file, O_RDONLY | O_NOCTTY);
        if (fd < 0) {
            diag_say("%s: cannot open password file: %s", file, strerror(errno));
            goto fail;
        }
        n = read_line(fd, pw);
        close(fd);
        if (n == -1) {
            diag_say("%s: cannot read password file: %s", file, strerror(errno));
            goto fail;
        }
    } else {
        fd = open("/dev/tty", O_RDWR | O_NOCTTY);
        if (fd < 0) {
            diag_say("no terminal to ask for the password; use --password-file FILE");
            goto fail;
        }
        n = ask_tty(fd, prompt, pw);
        if (n >= 0 && confirm) {
            again = sodium_malloc(PASSWORD_MAX + 2);
            long m = again ? ask_tty(fd, "Password (again): ", again) : -1;
            if (m != n || sodium_memcmp(pw, again, (size_t)n) != 0) {
                close(fd);
                password_free(again);
                diag_say("the passwords do not match");
                *io = 0;
                goto fail;
            }
            password_free(again);
        }
        close(fd);
        if (n == -1) {
            diag_say("cannot read the password from the terminal");
            goto fail;
        }
    }
    if (n == -2) {
        diag_say("password is longer than %d bytes", PASSWORD_MAX);
        *io = 0;
        goto fail;
    }
    if (n == 0) {
        diag_say("the password is empty (use -W for a key without a password)");
        *io = 0;
        goto fail;
    }
    *len = (size_t)n;
    return pw;
fail:
    password_free(pw);
    return NULL;
}
