/* cmd_check.c - `accord check [-C DIR] [ANSWERS.xml...]`: checks a content
 * directory and, optionally, answers files against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "commands.h"
#include "content.h"
#include "fsutil.h"

static const char usage_text[] =
    "usage: accord check [-C DIR] [ANSWERS.xml...]\n"
    "\n"
    "Checks the content directory DIR (default content/): program.xml,\n"
    "questionnaires/*.xml and people.xml against their schemas and each other.\n"
    "With ANSWERS.xml files, also checks each against its agreement's effective\n"
    "questionnaire (the check `accord sign` runs); DIR/examples/*.xml are\n"
    "checked the same way. Problems are printed as\n"
    "FILE:LINE: message. -C never changes the working directory.\n"
    "\n"
    "Exit status: 0 no problems, 1 problems found, 2 usage error or a file that\n"
    "cannot be read.\n";

static void check_answers_file(const content *c, const char *path, diag *d)
{
    arena ar = ARENA_INIT;
    answers a;
    if (answers_load(path, &a, &ar, d) == 0)
        answers_check(c, &a, &ar, NULL, d);
    arena_release(&ar);
}

int cmd_check(int argc, char **argv)
{
    const char *dir = "content";
    int first = argc;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(argv[i], "-C")) {
            if (i + 1 >= argc) {
                fputs("accord: check: -C needs a directory\n", stderr);
                fputs(usage_text, stderr);
                return 2;
            }
            dir = argv[++i];
        } else if (!strncmp(argv[i], "-C", 2)) {
            dir = argv[i] + 2;
        } else if (!strcmp(argv[i], "--")) {
            first = i + 1;
            break;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord: check: unknown option '%s'\n", argv[i]);
            fputs(usage_text, stderr);
            return 2;
        } else {
            first = i;
            break;
        }
    }
    /* Options after the first file are not options (so a file may be named
     * "-x" only after --); say so rather than reading "-C" as a file. */
    for (int i = first; i < argc && first < argc && strcmp(argv[first - 1], "--"); i++)
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "accord: check: options go before files: '%s'\n", argv[i]);
            return 2;
        }

    diag d = DIAG_INIT;
    content c;
    int rc = content_load(dir, &c, &d);
    if (rc != 0 && first < argc)
        fputs("accord: answers files not checked: fix the content first\n", stderr);
    for (int i = first; rc == 0 && i < argc; i++)
        check_answers_file(&c, argv[i], &d);
    /* The content's own example answers files must match it too: they are
     * what the demo bundles and the documentation are made from. */
    size_t n_examples = 0;
    if (rc == 0) {
        char *ex = path_join(dir, "examples");
        char **names;
        if (is_directory(ex) && list_dir(ex, ".xml", &names, &n_examples) == 0) {
            for (size_t i = 0; i < n_examples; i++) {
                char *path = path_join(ex, names[i]);
                check_answers_file(&c, path, &d);
                free(path);
            }
            free_names(names, n_examples);
        }
        free(ex);
    }
    if (diag_exit_code(&d) == 0) {
        printf("%s: %zu questionnaires, %zu people, %zu agreements", dir, c.n_questionnaires,
               c.n_people, c.n_agreements);
        if (n_examples)
            printf(", %zu examples", n_examples);
        if (first < argc)
            printf(", %d answers files", argc - first);
        puts(": no problems");
    }
    content_release(&c);
    return diag_exit_code(&d);
}
