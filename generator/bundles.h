/* bundles.h - the bundles an admin received (content/bundles/NAME.accord),
 * verified with the verifier library against content/keys/ and sorted into
 * each agreement's revisions (issue 4 D2, D4).
 *
 * Every bundle is verified before anything of it is used; a bundle that does
 * not verify, or does not fit the content, is refused with its reason and
 * never rendered. Answers are read against the questionnaire snapshot inside
 * their bundle, never today's questionnaire file.
 */
#ifndef ACCORD_BUNDLES_H
#define ACCORD_BUNDLES_H

#include <stddef.h>

#include "bundle.h"
#include "diag.h"
#include "model.h"

/* The state of an agreement's latest revision (D4). */
typedef enum {
    AGS_NOT_STARTED,
    AGS_MENTEE_ANSWERED,
    AGS_MENTOR_ANSWERED,
    AGS_AWAITING,
    AGS_SIGNED,
} agreement_state;

/* One party's verified answers bundle. */
typedef struct party_answers {
    const char *path;          /* the file it came from (content/bundles/X.accord) */
    const zipread_archive *z;  /* its members (owned by the bundle_set); NULL when embedded */
    meta meta;                 /* its META */
    char digest[65];           /* its bundle digest */
    answers ans;               /* its answers.xml */
    const questionnaire *snap; /* its questionnaire.xml, parsed */
    const unsigned char *qxml; /* the snapshot bytes */
    size_t qxml_len;
} party_answers;

/* One revision of an agreement. */
typedef struct agreement_rev {
    int revision;
    party_answers *mentee, *mentor; /* NULL when absent */
    const char *source;             /* the agreement bundle's file in content/bundles, or NULL
                                       when this build made it */
    unsigned char *bundle;          /* the agreement bundle (malloc'd, owned by the set), or NULL */
    size_t bundle_len;
    bundle_report report;      /* bundle's verification (valid or awaiting) */
    const unsigned char *html; /* its agreement.html member (inside kept) */
    size_t html_len;
    zipread_archive kept;      /* bundle's members */
    const char *build_problem; /* why no agreement bundle could be built, or NULL */
} agreement_rev;

typedef struct agreement_info {
    const agreement *ag;
    agreement_rev *revs; /* sorted by revision */
    size_t n_revs;
    agreement_state state;
    int revision;              /* the revision the state is about (0: not started) */
    int next_revision;         /* the revision the forms are for */
    const char *next_previous; /* its previous digest, or NULL for revision 1 */
} agreement_info;

typedef struct bundle_set {
    agreement_info *info; /* one per content agreement, in the content's order */
    size_t n;
    int refused;                /* bundles refused */
    zipread_archive **archives; /* every kept archive, released with the set */
    size_t n_archives, cap_archives;
    arena ar;
} bundle_set;

/* Makes the agreement.html of revision rev (both parties' answers present)
 * whose agreement META is am: returns 0 and malloc'd bytes (caller frees),
 * or -1 after reporting to d. */
typedef int (*agreement_html_fn)(void *ctx, const agreement_info *ai, const agreement_rev *rev,
                                 const meta *am, unsigned char **out, size_t *len, diag *d);

/* Verifies every content/bundles/NAME.accord of c against content/keys/ and
 * sorts the good ones into *bs (release with bundle_set_release whatever the
 * result). Refused bundles are reported "accord: PATH: refused: reason" on
 * stderr and counted in bs->refused, not in d. Agreement bundles with the
 * same MANIFEST are merged (bundle_merge_signatures); a revision with both
 * parties' answers and no agreement bundle gets one built here, its
 * agreement.html made by html (D2). Returns 0, or -1 after reporting to d
 * (out of memory, or html failed). */
int bundles_load(const content *c, agreement_html_fn html, void *ctx, bundle_set *bs, diag *d);

/* Returns the info of agreement id, or NULL. */
const agreement_info *bundles_info(const bundle_set *bs, const char *agreement_id);

/* Returns the latest revision with a valid (fully signed) agreement bundle,
 * or NULL. */
const agreement_rev *bundles_last_signed(const agreement_info *ai);

/* Returns revision r of ai, or NULL. */
const agreement_rev *bundles_rev(const agreement_info *ai, int r);

/* Returns "not started", "mentee answered", ... */
const char *agreement_state_name(agreement_state s);

void bundle_set_release(bundle_set *bs);

/* D1: when c's content/bundles/ holds an agreement bundle of a's agreement
 * at revision a->revision - 1 that verifies (signed, or copies awaiting
 * signatures: the digest is the same), a->previous must be its digest.
 * Reports to d at a's root element and returns -1 when it is not; 0
 * otherwise (nothing to compare with included). */
int bundles_check_previous(const content *c, const answers *a, diag *d);

#endif
