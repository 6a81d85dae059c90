/* check.c - `accord check [-C DIR] [ANSWERS.xml...]`: checks a content
 * directory and, optionally, answers files against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"
#include "render.h"

enum { OPT_CONTENT, OPT_STRICT, N_OPTIONS };

static const option_spec check_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
    [OPT_STRICT] = {"--strict", NULL,
                    "exit 1 when an agreement's open revision was answered against an earlier "
                    "version of its questionnaire"},
};

const command_spec check_spec = {
    .name = "check",
    .summary = "check the content directory, answers files and bundles",
    .synopsis = "check [-C DIR] [--strict] [ANSWERS.xml | BUNDLE.accord]...",
    .description =
        "Checks the content directory: program.xml, questionnaires/*.xml, people.xml and the "
        "guide pages against their schemas and each other, the program secret when there is "
        "one, every key of keys/, and every bundle of bundles/ as 'accord build' takes it in. "
        "The example answers files of DIR/examples/ are checked too.\n\n"
        "Each ANSWERS.xml named is checked against its agreement's questionnaire and, for a "
        "review, against the signed agreement it follows: the checks 'accord sign' runs. Each "
        "BUNDLE.accord named is checked as the build would: its signatures against keys/, "
        "that it fits the content and the order of revisions, and that an agreement's page "
        "is exactly the page its signed answers make.\n\n"
        "An agreement whose open revision was answered against its questionnaire as it was "
        "before an edit is a warning at its line of people.xml, saying how to move it to the "
        "new version (--strict: an error). Answers to such a revision are checked against the "
        "questionnaire its answers bundles carry, as its review page asks it.\n\n"
        "Problems are printed as accord: FILE:LINE: message.",
    .operands = "answers file or bundle",
    .min_operands = 0,
    .max_operands = -1,
    .exit_status = "0 no problems; 1 problems found (a refused bundle included; with --strict, "
                   "an agreement answered before its questionnaire changed); 2 a usage error or "
                   "a file that cannot be read.",
    .options = check_options,
    .n_options = N_OPTIONS,
};

static int is_bundle_name(const char *path)
{
    size_t n = strlen(path);
    return n > 7 && !strcmp(path + n - 7, ".accord");
}

static void check_answers_file(const content *c, bundle_set *bs, const char *path, diag *d)
{
    arena ar = ARENA_INIT;
    answers a;
    effective eff;
    if (answers_load(path, &a, &ar, d) == 0 &&
        answers_check_signable(c, bs, &a, &ar, &eff, d) == 0) {
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
    const char *opt[N_OPTIONS] = {0};
    int n_files, rc = options_parse(&check_spec, argc, argv, opt, &n_files);
    if (rc)
        return rc == 1 ? 0 : rc;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    char **files = argv + 1;

    diag d = DIAG_INIT;
    content c;
    bundle_set bs;
    int changed = 0;
    rc = content_load(dir, &c, &d);
    memset(&bs, 0, sizeof bs);
    if (rc != 0 && n_files)
        diag_say("answers files and bundles not checked: fix the content first");
    if (rc == 0) {
        render_init();
        /* the guide pages and Markdown limits, as the build checks them */
        render_check_markdown(&c, &d);
        int takes_bundles = 0; /* bundle operands are checked against the loaded set */
        for (int i = 0; i < n_files; i++)
            takes_bundles |= is_bundle_name(files[i]);
        bundles_load(&c, &agreement_pages, takes_bundles ? 0 : BUNDLES_STATE_ONLY, NULL, &bs, &d);
        changed = warn_questionnaire_changes(&c, &bs.state, &d);
        if (changed && opt[OPT_STRICT])
            diag_error(&d, NULL, 0,
                       "--strict: %d agreement%s answered before %s questionnaire changed (see "
                       "above)",
                       changed, changed == 1 ? "" : "s", changed == 1 ? "its" : "their");
        if (d.refused)
            diag_error(&d, NULL, 0,
                       "%d bundle%s of %s/bundles refused (see above): remove or replace %s",
                       d.refused, d.refused == 1 ? "" : "s", dir, d.refused == 1 ? "it" : "them");
    }
    for (int i = 0; rc == 0 && i < n_files; i++) {
        if (is_bundle_name(files[i]))
            bundles_check_file(&c, &bs, &agreement_pages, files[i], &d, NULL);
        else
            check_answers_file(&c, &bs, files[i], &d);
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
        printf("%s: %zu questionnaire%s, %zu %s, %zu agreement%s", dir, c.n_questionnaires,
               c.n_questionnaires == 1 ? "" : "s", c.n_people,
               c.n_people == 1 ? "person" : "people", c.n_agreements,
               c.n_agreements == 1 ? "" : "s");
        if (n_examples)
            printf(", %zu example%s", n_examples, n_examples == 1 ? "" : "s");
        int n_bundles = 0;
        for (int i = 0; i < n_files; i++)
            n_bundles += is_bundle_name(files[i]);
        if (n_files - n_bundles)
            printf(", %d answers file%s", n_files - n_bundles, n_files - n_bundles == 1 ? "" : "s");
        if (n_bundles)
            printf(", %d bundle%s", n_bundles, n_bundles == 1 ? "" : "s");
        puts(": no problems");
    }
    bundle_set_release(&bs);
    content_release(&c);
    return diag_exit_code(&d);
}
