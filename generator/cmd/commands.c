/* commands.c - the command table: what main.c dispatches to and what
 * 'accord --help' lists, in that order. */
#include "cmd.h"

const command commands[] = {
    {&init_spec, cmd_init}, /* a new program's content directory */
    {&check_spec, cmd_check},
    {&build_spec, cmd_build},
    {&add_spec, cmd_add},       /* take in the bundles and keys people send */
    {&status_spec, cmd_status}, /* who must act next, for the terminal and scripts */
    {&remind_spec, cmd_remind}, /* an outbox of reminders, never sent */
    {&export_spec, cmd_export}, /* one agreement for an auditor, checked with stock tools */
    {&keygen_spec, cmd_keygen},
    {&sign_spec, cmd_sign},
    {&secret_spec, cmd_secret}, /* the program secret personal links derive from */
    {&roster_spec, cmd_roster}, /* the program key's roster of party keys */
    {&index_spec, cmd_index},   /* the program's append-only index */
    {NULL, NULL},
};
