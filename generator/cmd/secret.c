/* secret.c - accord secret: makes the program secret that personal links
 * derive from (seal.h says what it derives), as DIR/secret; accord init
 * makes it through the same function. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "cmd.h"
#include "content.h"

enum { OPT_CONTENT, N_OPTIONS };

static const option_spec secret_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
};

const command_spec secret_spec = {
    .name = "secret",
    .summary = "make the program secret that personal links derive from",
    .synopsis = "secret [-C DIR]",
    .description =
        "Writes DIR/secret: 32 random bytes as one line of base64, readable by you alone. "
        "Every person's link, and the names of their pages on the public host, derive from "
        "it: never publish it, and back it up with the content. Making a new one (remove the "
        "old one first) changes every link, which revokes them all. An existing secret is "
        "never overwritten.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the secret was written; 1 DIR/secret exists; 2 a usage or I/O error.",
    .options = secret_options,
    .n_options = N_OPTIONS,
};

int secret_write(const char *dir)
{
    /* the one line content.h's loader reads: base64, then a line feed */
    unsigned char secret[PROGRAM_SECRET_BYTES];
    char text[sodium_base64_ENCODED_LEN(PROGRAM_SECRET_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    randombytes_buf(secret, sizeof secret);
    sodium_bin2base64(text, sizeof text, secret, sizeof secret, sodium_base64_VARIANT_ORIGINAL);
    sodium_memzero(secret, sizeof secret);
    size_t len = strlen(text);
    text[len++] = '\n';
    char *path = path_join(dir, "secret");
    int rc = 0;
    if (file_write_atomic(path, text, len, 1, 0) != 0) {
        if (errno == EEXIST)
            diag_say("%s: exists; not overwritten (a new secret changes every person's link: "
                     "remove this one first to revoke them all)",
                     path);
        else
            diag_say("%s: %s", path, strerror(errno));
        rc = errno == EEXIST ? 1 : 2;
    } else {
        printf("program secret: %s (readable by you alone; back it up, never publish it)\n", path);
    }
    sodium_memzero(text, sizeof text);
    free(path);
    return rc;
}

int cmd_secret(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, rc = options_parse(&secret_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    if (!is_directory(dir)) {
        diag_say("%s: %s", dir,
                 path_exists(dir) ? "is not a directory: name a content directory with -C DIR"
                                  : "no such content directory: name one with -C DIR");
        return 2;
    }
    return secret_write(dir);
}
