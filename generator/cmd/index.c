/* index.c - accord index: appends to the program's index every bundle and
 * signature the build accepts that it does not hold yet, then signs a new
 * checkpoint with the program's secret key (bundles.h, ledger_commit). */
#include <stdio.h>
#include <string.h>

#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"
#include "keys.h"

enum { OPT_CONTENT, OPT_KEY, OPT_PASSWORD_FILE, N_OPTIONS };

static const option_spec index_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR", "the content directory (default: content)"},
    [OPT_KEY] = {"-s", "KEY", "the program's minisign secret key (never in the content directory)"},
    [OPT_PASSWORD_FILE] = {"--password-file", "FILE",
                           "read the key's password from the first line of FILE instead of "
                           "asking on the terminal"},
};

const command_spec index_spec = {
    .name = "index",
    .summary = "append the accepted bundles and signatures to the program's index",
    .synopsis = "index -s KEY [-C DIR] [--password-file FILE]",
    .description =
        "Verifies bundles/ as 'accord build' does (trust from the latest roster, validity by "
        "index order) and appends to DIR/ledger/index.txt an entry for each accepted answers, "
        "agreement and IDP bundle and each countersignature it does not hold yet, then writes "
        "DIR/ledger/checkpoint.txt and its .minisig signed with the program key in force. "
        "Running it again with nothing new appends nothing and leaves every file as it was.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the index holds every accepted bundle; 1 the content, ledger or key is "
                   "wrong; 2 a usage or I/O error.",
    .options = index_options,
    .n_options = N_OPTIONS,
};

int cmd_index(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n, rc = options_parse(&index_spec, argc, argv, opt, &n);
    if (rc)
        return rc == 1 ? 0 : rc;
    if (!opt[OPT_KEY]) {
        diag_say("index: give -s KEY, the program's secret key");
        options_usage_error(&index_spec);
        return 2;
    }
    content c;
    bundle_set bs;
    ms_seckey *sk = NULL;
    diag d = DIAG_INIT;
    size_t added = 0;
    if ((rc = state_load(opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content",
                         BUNDLES_INDEXING | BUNDLES_STATE_ONLY, &c, &bs)) != 0)
        goto done;
    rc = 1;
    if (!bs.ledger.present) {
        diag_error(&d, c.program.file, c.program.line,
                   "names no program key: the program has no index (see accord roster init)");
        goto done;
    }
    if (!(sk = sign_load_secret_key(opt[OPT_KEY], opt[OPT_PASSWORD_FILE], &rc)))
        goto done;
    const ms_pubkey *pk = ledger_key_at(&bs.ledger, (long)bs.ledger.ix.n + 1);
    if (!secret_key_matches(sk, pk)) {
        diag_error(&d, opt[OPT_KEY], 0, "is not the secret half of the program key in force");
        rc = 1;
        goto done;
    }
    if (bundles_index(&c, &bs, &added, &d) != 0) {
        rc = diag_exit_code(&d) ? diag_exit_code(&d) : 1;
        goto done;
    }
    rc = added ? ledger_commit(&c, &bs.ledger, sk) : 0;
    if (rc == 0)
        printf("index: %zu entr%s appended; %zu in all\n", added, added == 1 ? "y" : "ies",
               bs.ledger.ix.n);
done:
    ms_seckey_free(sk);
    state_release(&c, &bs);
    return rc;
}
