/* main.c - accord: finds the command in the table and runs it; prints the
 * command list, a command's help, or the version. */
#include <cmark-gfm.h>
#include <libxml/parser.h>
#include <malloc.h>
#include <openssl/crypto.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base.h"
#include "cmd.h"

static void usage(FILE *out)
{
    fputs("usage: accord COMMAND [OPTIONS] [FILE]...\n\n"
          "Builds a mentoring program's static site from its content directory, and signs\n"
          "and checks the bundles its mentees and mentors agree with.\n\nCommands:\n",
          out);
    for (const command *c = commands; c->spec; c++)
        fprintf(out, "  %-8s %s\n", c->spec->name, c->spec->summary);
    fputs("\n'accord help COMMAND' or 'accord COMMAND --help' describes a command;\n"
          "'man accord' describes them all. 'accord --version' prints the version.\n"
          "Exit status: 0 success, 1 the input is wrong, 2 a usage or I/O error.\n",
          out);
}

static const command *find_command(const char *name)
{
    for (const command *c = commands; c->spec; c++)
        if (!strcmp(name, c->spec->name))
            return c;
    return NULL;
}

static void version(void)
{
    int xml = atoi(xmlParserVersion); /* "20914" for 2.9.14 */
    printf("accord %s (libxml2 %d.%d.%d, cmark-gfm %s, libzip %s, libsodium %s, OpenSSL %s)\n",
           ACCORD_VERSION, xml / 10000, xml / 100 % 100, xml % 100, cmark_version_string(),
           zip_libzip_version(), sodium_version_string(), OpenSSL_version(OPENSSL_VERSION_STRING));
}

int main(int argc, char **argv)
{
    /* No local time is ever shown; libzip converts each member's DOS time
     * with mktime, which checks the zone file per call unless TZ is set. */
    setenv("TZ", "UTC0", 1);
    /* before any thread starts, and before any hash: it picks libsodium's
     * fastest implementations for this processor */
    if (sodium_init() < 0) {
        fputs("accord: libsodium failed to start\n", stderr);
        return 2;
    }
    /* Pages of megabytes (a personal page, its sealed pages) are made and
     * freed thousands of times in a build: glibc would map each afresh
     * (and fault in its pages) and hand the memory back each time. Fixed
     * thresholds keep such blocks in the heap for the next page; only a
     * block over 32 MiB is mapped, and more than 64 MiB free at the top
     * is given back. The peak is the same. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* One malloc arena per worker thread, not glibc's eight per core: what
     * a thread frees stays in its own arena, so each extra arena holds a
     * peak of its own. */
    mallopt(M_ARENA_MAX, (int)worker_threads());
    const command *c;
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        (!strcmp(argv[1], "help") && argc == 2)) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        version();
        return 0;
    }
    if (!strcmp(argv[1], "help")) {
        if (argc > 3 || !(c = find_command(argv[2]))) {
            diag_say("help: no command '%s'", argv[2]);
            usage(stderr);
            return 2;
        }
        options_help(c->spec, stdout);
        return 0;
    }
    if ((c = find_command(argv[1])))
        return c->run(argc - 1, argv + 1);
    diag_say("unknown command '%s'", argv[1]);
    usage(stderr);
    return 2;
}
