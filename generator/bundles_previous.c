/* bundles_previous.c - issue 4 D1: a review's answers name the digest of
 * the signed agreement they follow; when content/bundles/ holds that
 * agreement, the digest must be its (see bundles.h). Apart from bundles.c
 * because accord check and accord sign need only this, not the whole
 * sorting of content/bundles/. */
#include <stdlib.h>
#include <string.h>

#include "bundles.h"
#include "fsutil.h"

int bundles_check_previous(const content *c, const answers *a, diag *d)
{
    if (!a->agreement || a->revision < 2 || !a->previous || !c->dir)
        return 0;
    char *bdir = path_join(c->dir, "bundles"), *kdir = path_join(c->dir, "keys");
    char **names = NULL, err[VERR_MAX];
    size_t n = 0, found = 0, match = 0;
    keyring kr = KEYRING_INIT;
    if (bdir && kdir && is_directory(bdir) && list_dir(bdir, ".accord", &names, &n) == 0 && n &&
        is_directory(kdir))
        keyring_add_dir(&kr, kdir, err); /* a bad key only means fewer bundles verify */
    for (size_t i = 0; i < n; i++) {
        char *p = path_join(bdir, names[i]);
        unsigned char *buf;
        size_t len;
        if (!p || read_file(p, ZIPREAD_FILE_MAX, &buf, &len) != 0) {
            free(p);
            continue;
        }
        free(p);
        bundle_report rep;
        /* copies that await a signature carry the same MANIFEST digest */
        if (bundle_verify(buf, len, &kr, &rep, NULL) != BUNDLE_INVALID &&
            !strcmp(rep.meta.v[META_KIND], "agreement") &&
            !strcmp(rep.meta.v[META_AGREEMENT], a->agreement) &&
            atoi(rep.meta.v[META_REVISION]) == a->revision - 1) {
            found++;
            match += !strcmp(rep.digest, a->previous);
        }
        bundle_report_release(&rep);
        free(buf);
    }
    keyring_release(&kr);
    free_names(names, n);
    free(bdir);
    free(kdir);
    if (found && !match) {
        diag_error(d, a->file, a->line,
                   "previous=\"%s\" is not the digest of the signed agreement of revision %d in "
                   "%s/bundles/: answer the review form of the private site, which names it",
                   a->previous, a->revision - 1, c->dir);
        return -1;
    }
    return 0;
}
