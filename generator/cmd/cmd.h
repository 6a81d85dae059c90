/* cmd.h - accord's subcommands. Each takes the arguments after its own
 * name (argv[0] is the subcommand's name) and returns the exit status:
 * 0 success, 1 the input is wrong, 2 usage or I/O error. The command layer
 * may include every other folder's header; nothing includes this one but
 * main.c. */
#ifndef ACCORD_CMD_H
#define ACCORD_CMD_H

int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_sign(int argc, char **argv);

/* accord sign --countersign (cmd_sign hands over to it). */
int cmd_countersign(int argc, char **argv);

#endif
