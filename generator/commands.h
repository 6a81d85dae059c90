/* commands.h - accord's subcommands. Each takes the arguments after its own
 * name (argv[0] is the subcommand name) and returns the exit status:
 * 0 success, 1 the input is wrong, 2 usage or I/O error. */
#ifndef ACCORD_COMMANDS_H
#define ACCORD_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv);

#endif
