/* cmd.h - accord's subcommands. Each command is described by one table
 * (command_spec) that both the option parser and the help read, so --help
 * lists exactly what the command takes and the man page is checked against
 * it. A command's run function gets the arguments after "accord" (argv[0]
 * is the command's name) and returns the exit status: 0 success, 1 the
 * input is wrong, 2 usage or I/O error. main.c has started libsodium
 * (sodium_init) before any command runs. This folder may include every
 * other folder's header; nothing outside it but main.c includes this one. */
#ifndef ACCORD_CMD_H
#define ACCORD_CMD_H

#include <stddef.h>
#include <stdio.h>

typedef struct option_spec {
    const char *name; /* "-C" or "--strict" */
    const char *arg;  /* what it takes ("DIR"), or NULL for a flag */
    const char *help; /* one or more sentences, wrapped when printed */
} option_spec;

typedef struct command_spec {
    const char *name;               /* "build" */
    const char *summary;            /* one line for the command list */
    const char *synopsis;           /* after "usage: accord " */
    const char *description;        /* paragraphs separated by "\n\n", wrapped when printed */
    const char *operands;           /* what the files named are, for "name ..." messages */
    int min_operands, max_operands; /* max -1: any number */
    const char *exit_status;
    const option_spec *options;
    size_t n_options;
    const struct command_spec *other_form; /* printed after this one by --help */
} command_spec;

/* Parses argv by cs. Options may come anywhere before "--"; an option with
 * an argument takes the next word, or the rest of the word ("-Cdir",
 * "--password-file=F"). values has cs->n_options slots, set to NULL first:
 * an option given sets its slot to its argument (a flag's to ""), the last
 * one winning. The files named are moved, in their order, to argv[1] ..
 * argv[*n_operands]. Returns 0; 1 after printing the help for --help or
 * -h; 2 after saying what is wrong with the usage. */
int options_parse(const command_spec *cs, int argc, char **argv, const char **values,
                  int *n_operands);

/* Prints cs's help (and its other form's): usage, description, every
 * option, exit status. */
void options_help(const command_spec *cs, FILE *out);

/* The usage line and a pointer to the help, for a usage error. */
void options_usage_error(const command_spec *cs);

typedef struct command {
    const command_spec *spec;
    int (*run)(int argc, char **argv);
} command;

/* Every command in the order the help lists them, ending with {NULL, NULL}. */
extern const command commands[];

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv); /* runs cmd_countersign for --countersign */
int cmd_countersign(int argc, char **argv);
int cmd_secret(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_index(int argc, char **argv);

/* Writes a new program secret to dir/secret (an existing directory), never
 * over an existing file, and prints its name. Returns 0, 1 when dir/secret
 * exists, 2 on an I/O error (each said). */
int secret_write(const char *dir);

extern const command_spec check_spec, build_spec, keygen_spec, sign_spec, countersign_spec,
    secret_spec, init_spec, add_spec, status_spec, remind_spec, export_spec, roster_spec,
    index_spec;

#endif
