/* check.c - `accord check [-C DIR] [ANSWERS.xml...]`: checks a content
 * directory and, optionally, answers files against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "render.h"

static const char usage_text[] =
    "usage: accord check [-C DIR] [ANSWERS.xml | BUNDLE.accord]...\n"
    "\n"
    "Checks the content directory DIR (default content/): program.xml,\n"
    "questionnaires/*.xml and people.xml against their schemas and each other,\n"
    "every key of keys/, and every bundle of bundles/ as 'accord build' takes it\n"
    "in. With ANSWERS.xml files, also checks each against its agreement's\n"
    "effective questionnaire and, for a review, the signed agreement it follows\n"
    "(the checks 'accord sign' runs); DIR/examples/*.xml are checked the same\n"
    "way. With BUNDLE.accord files, checks each as the build would: its\n"
    "signatures against keys/, that it fits the content and the order of\n"
    "revisions, and that an agreement's page is exactly the page its signed\n"
    "answers make. Problems are printed as FILE:LINE: message. -C never\n"
    "changes the working directory.\n"
    "\n"
    "Exit status: 0 no problems, 1 problems found (a refused bundle included),\n"
    "2 usage error or a file that cannot be read.\n";

static int is_bundle_name(const char *path)
{
    size_t n = strlen(path);
    return n > 7 && !strcmp(path + n - 7, ".accord");
}

static void check_answers_file(const content *c, bundle_set *bs, const char *path, diag *d)
{
    arena ar = ARENA_INIT;
    answers a;
    if (answers_load(path, &a, &ar, d) == 0 && answers_check(c, &a, &ar, NULL, d) == 0) {
        if (bs->have_bundles)
            bundles_check_previous(bs, &a, d);
        else if (a.agreement && a.revision > 1)
            diag_warn(d, a.file, a.line,
                      "previous not checked: %s has no bundles/ folder holding the signed "
                      "agreement of revision %d",
                      c->dir, a.revision - 1);
    }
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
                diag_say("check: -C needs a directory");
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
            diag_say("check: unknown option '%s'", argv[i]);
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
            diag_say("check: options go before files: '%s'", argv[i]);
            return 2;
        }

    diag d = DIAG_INIT;
    content c;
    bundle_set bs;
    int rc = content_load(dir, &c, &d);
    memset(&bs, 0, sizeof bs);
    if (rc != 0 && first < argc)
        diag_say("answers files and bundles not checked: fix the content first");
    if (rc == 0) {
        render_init();
        /* the guide pages and Markdown limits, as the build checks them */
        render_check_markdown(&c, &d);
        bundles_load(&c, &agreement_pages, 0, &bs, &d);
        if (d.refused)
            diag_error(&d, NULL, 0,
                       "%d bundle%s of %s/bundles refused (see above): remove or replace %s",
                       d.refused, d.refused == 1 ? "" : "s", dir, d.refused == 1 ? "it" : "them");
    }
    for (int i = first; rc == 0 && i < argc; i++) {
        if (is_bundle_name(argv[i]))
            bundles_check_file(&c, &bs, &agreement_pages, argv[i], &d);
        else
            check_answers_file(&c, &bs, argv[i], &d);
    }
    /* The content's own example answers files must match it too: they are
     * what the demo bundles and the documentation are made from. */
    size_t n_examples = 0;
    if (rc == 0) {
        char *ex = path_join(dir, "examples");
        char **names;
        if (is_directory(ex) && list_dir(ex, ".xml", &names, &n_examples) == 0) {
            for (size_t i = 0; i < n_examples; i++) {
                char *path = path_join(ex, names[i]);
                check_answers_file(&c, &bs, path, &d);
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
        int n_bundles = 0;
        for (int i = first; i < argc; i++)
            n_bundles += is_bundle_name(argv[i]);
        if (argc - first - n_bundles)
            printf(", %d answers files", argc - first - n_bundles);
        if (n_bundles)
            printf(", %d bundle%s", n_bundles, n_bundles == 1 ? "" : "s");
        puts(": no problems");
    }
    bundle_set_release(&bs);
    content_release(&c);
    return diag_exit_code(&d);
}
