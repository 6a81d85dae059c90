/* main.c - accord: dispatches to a subcommand from a table. */
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "cmd.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"check", cmd_check, "check the content directory and answers files"},
    {"build", cmd_build, "check the content, then write the static site"},
    {"keygen", cmd_keygen, "make an Ed25519 key pair in minisign's formats"},
    {"sign", cmd_sign, "check an answers file and sign it into a bundle"},
};

static void usage(FILE *out)
{
    fputs("usage: accord COMMAND [OPTIONS]\n\ncommands:\n", out);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n'accord COMMAND --help' describes each. Exit status: 0 success, 1 the input is\n"
          "wrong, 2 usage or I/O error.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        puts("accord 0.1");
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    diag_say("unknown command '%s'", argv[1]);
    usage(stderr);
    return 2;
}
