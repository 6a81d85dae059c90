/* bundles.c - verifying content/bundles/ and sorting it into agreements'
 * revisions (see bundles.h). */
#include "bundles.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "fsutil.h"
#include "manifest.h"
#include "markdown.h"
#include "questionnaire.h"

/* A verified agreement bundle as found in content/bundles/. */
typedef struct agreement_copy {
    const char *path;
    agreement_info *ai;
    int revision;
    char digest[65];
    size_t n_sigs; /* countersignatures */
    zipread_archive *z;
} agreement_copy;

typedef struct loader {
    const content *c;
    bundle_set *bs;
    diag *d;
    party_answers **answers; /* verified answers bundles */
    agreement_info **answers_of;
    size_t n_answers, cap_answers;
    agreement_copy *copies;
    size_t n_copies, cap_copies;
} loader;

static void refuse(bundle_set *bs, const char *path, const char *fmt, const char *why)
{
    fprintf(stderr, "accord: %s: refused: ", path);
    fprintf(stderr, fmt, why);
    fputc('\n', stderr);
    bs->refused++;
}

static zipread_archive *keep_archive(bundle_set *bs, zipread_archive *z)
{
    if (bs->n_archives == bs->cap_archives) {
        size_t cap = bs->cap_archives ? 2 * bs->cap_archives : 16;
        zipread_archive **v = realloc(bs->archives, cap * sizeof *v);
        if (!v)
            return NULL;
        bs->archives = v;
        bs->cap_archives = cap;
    }
    zipread_archive *k = malloc(sizeof *k);
    if (!k)
        return NULL;
    *k = *z;
    bs->archives[bs->n_archives++] = k;
    return k;
}

static agreement_info *info_of(bundle_set *bs, const char *id)
{
    size_t lo = 0, hi = bs->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(bs->info[mid].ag->id, id);
        if (cmp == 0)
            return &bs->info[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const agreement_info *bundles_info(const bundle_set *bs, const char *agreement_id)
{
    return info_of((bundle_set *)bs, agreement_id);
}

/* Checks the Markdown of a snapshot against the limits the content's own
 * Markdown meets (render_check_markdown), so a signed but oversized help
 * text is a refused bundle, not a failed build. Returns 0 or -1. */
static int snapshot_markdown_check(const char *name, const questionnaire *q, diag *d)
{
    int rc = 0;
    if (q->intro)
        rc |= markdown_check(name, q->intro, strlen(q->intro), d);
    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        if (sec->help)
            rc |= markdown_check(name, sec->help, strlen(sec->help), d);
        for (size_t k = 0; k < sec->n_questions; k++)
            if (sec->questions[k].help)
                rc |=
                    markdown_check(name, sec->questions[k].help, strlen(sec->questions[k].help), d);
    }
    return rc ? -1 : 0;
}

/* Reads an answers bundle's answers.xml and snapshot (under prefix) into
 * *pa and checks them against META and each other. Returns NULL when they
 * fit, else the reason (static or in ar). */
static const char *read_party(const content *c, const zipread_archive *z, const char *prefix,
                              const meta *m, const char *path, arena *ar, party_answers *pa)
{
    char name[96];
    snprintf(name, sizeof name, "%sanswers.xml", prefix);
    const zipread_member *am = zipread_find(z, name);
    snprintf(name, sizeof name, "%squestionnaire.xml", prefix);
    const zipread_member *qm = zipread_find(z, name);
    if (!am || !qm)
        return "answers.xml or questionnaire.xml is missing";
    diag d = DIAG_INIT;
    questionnaire *q = arena_alloc(ar, sizeof *q);
    const char *qname = arena_printf(ar, "%s:%squestionnaire.xml", path, prefix);
    const char *aname = arena_printf(ar, "%s:%sanswers.xml", path, prefix);
    if (questionnaire_parse(qname, qm->data, qm->len, ar, &d, q) != 0)
        return "its questionnaire snapshot is not a valid questionnaire (see above)";
    if (snapshot_markdown_check(qname, q, &d) != 0)
        return "its questionnaire snapshot has Markdown over the limits (see above)";
    if (answers_parse(aname, am->data, am->len, &pa->ans, ar, &d) != 0)
        return "its answers.xml is not a valid answers file (see above)";
    const answers *a = &pa->ans;
    char rev[16];
    snprintf(rev, sizeof rev, "%d", a->revision);
    if (strcmp(a->program, c->program.id))
        return arena_printf(ar, "it is for program '%s', not '%s'", a->program, c->program.id);
    if (!a->agreement || strcmp(a->agreement, m->v[META_AGREEMENT]) ||
        strcmp(a->party, m->v[META_PARTY]) || strcmp(role_name(a->role), m->v[META_ROLE]) ||
        strcmp(rev, m->v[META_REVISION]) || strcmp(a->digest, m->v[META_QUESTIONNAIRE_SHA256]) ||
        strcmp(a->previous ? a->previous : "none", m->v[META_PREVIOUS]))
        return "its answers.xml does not match its META (agreement, party, role, revision, "
               "digest or previous)";
    if (strcmp(q->id, a->questionnaire) || strcmp(q->version, a->version))
        return "its answers.xml names another questionnaire than its snapshot";
    if (answers_check_questions(a, q, &d) != 0 || answers_check_previous(a, &d) != 0)
        return "its answers do not fit its questionnaire snapshot (see above)";
    pa->path = path;
    pa->meta = *m;
    pa->snap = q;
    pa->qxml = qm->data;
    pa->qxml_len = qm->len;
    return NULL;
}

/* Checks that META's agreement exists in the content and names its parties
 * in their roles. Returns the agreement's info, or NULL after refusing. */
static agreement_info *fit_content(loader *L, const char *path, const meta *m)
{
    const content *c = L->c;
    if (strcmp(m->v[META_PROGRAM], c->program.id)) {
        refuse(L->bs, path, "it is for program '%s', not this program", m->v[META_PROGRAM]);
        return NULL;
    }
    agreement_info *ai = info_of(L->bs, m->v[META_AGREEMENT]);
    if (!ai) {
        refuse(L->bs, path, "agreement '%s' is not in people.xml", m->v[META_AGREEMENT]);
        return NULL;
    }
    const agreement *ag = ai->ag;
    if (!strcmp(m->v[META_KIND], "agreement")) {
        char want[80];
        snprintf(want, sizeof want, "%s,%s", ag->mentee, ag->mentor);
        if (strcmp(m->v[META_PARTY], want)) {
            refuse(L->bs, path, "its parties are not the agreement's mentee and mentor (%s)", want);
            return NULL;
        }
        return ai;
    }
    const char *want = !strcmp(m->v[META_ROLE], "mentor") ? ag->mentor : ag->mentee;
    if (strcmp(m->v[META_PARTY], want)) {
        refuse(L->bs, path, "its party is not the agreement's %s", m->v[META_ROLE]);
        return NULL;
    }
    return ai;
}

/* Verifies and sorts one file of content/bundles/. Returns -1 only when
 * memory runs out. */
static int load_one(loader *L, const keyring *kr, const char *path)
{
    bundle_set *bs = L->bs;
    unsigned char *buf;
    size_t len;
    if (read_file(path, ZIPREAD_FILE_MAX, &buf, &len) != 0) {
        refuse(bs, path, "cannot read it: %s",
               errno == EFBIG ? "larger than a bundle can be" : strerror(errno));
        return 0;
    }
    bundle_report rep;
    zipread_archive z;
    bundle_outcome o = bundle_verify(buf, len, kr, &rep, &z);
    free(buf);
    if (o == BUNDLE_INVALID) {
        refuse(bs, path, "%s", rep.reason);
        bundle_report_release(&rep);
        return 0;
    }
    meta m = rep.meta;
    size_t n_counter = 0;
    for (size_t i = 0; i < rep.n_sigs; i++)
        n_counter += rep.sigs[i].countersign && rep.sigs[i].ok;
    bundle_report_release(&rep);
    if (!strcmp(m.v[META_AGREEMENT], "-")) { /* IDP answers: nothing of the site shows them */
        zipread_release(&z);
        return 0;
    }
    agreement_info *ai = fit_content(L, path, &m);
    if (!ai) {
        zipread_release(&z);
        return 0;
    }
    zipread_archive *k = keep_archive(bs, &z);
    if (!k) {
        zipread_release(&z);
        return -1;
    }
    int revision = atoi(m.v[META_REVISION]);
    if (!strcmp(m.v[META_KIND], "agreement")) {
        if (L->n_copies == L->cap_copies) { /* doubling: linear in the number of bundles */
            size_t cap = L->cap_copies ? 2 * L->cap_copies : 16;
            agreement_copy *v = realloc(L->copies, cap * sizeof *v);
            if (!v)
                return -1;
            L->copies = v;
            L->cap_copies = cap;
        }
        agreement_copy *cp = &L->copies[L->n_copies++];
        memset(cp, 0, sizeof *cp);
        cp->path = path;
        cp->ai = ai;
        cp->revision = revision;
        cp->n_sigs = n_counter;
        cp->z = k;
        bundle_digest(k, cp->digest);
        return 0;
    }
    party_answers *pa = arena_alloc(&bs->ar, sizeof *pa);
    const char *why = read_party(L->c, k, "", &m, path, &bs->ar, pa);
    if (why) {
        refuse(bs, path, "%s", why);
        return 0;
    }
    pa->z = k;
    bundle_digest(k, pa->digest);
    if (L->n_answers == L->cap_answers) {
        size_t cap = L->cap_answers ? 2 * L->cap_answers : 16;
        party_answers **va = realloc(L->answers, cap * sizeof *va);
        if (va)
            L->answers = va;
        agreement_info **vi = realloc(L->answers_of, cap * sizeof *vi);
        if (vi)
            L->answers_of = vi;
        if (!va || !vi)
            return -1;
        L->cap_answers = cap;
    }
    L->answers[L->n_answers] = pa;
    L->answers_of[L->n_answers++] = ai;
    return 0;
}

static agreement_rev *rev_of(bundle_set *bs, agreement_info *ai, int r)
{
    for (size_t i = 0; i < ai->n_revs; i++)
        if (ai->revs[i].revision == r)
            return &ai->revs[i];
    /* revisions are few: grow by one, keeping the order */
    agreement_rev *v = arena_alloc(&bs->ar, (ai->n_revs + 1) * sizeof *v);
    size_t at = 0;
    while (at < ai->n_revs && ai->revs[at].revision < r)
        at++;
    if (ai->n_revs) { /* memcpy's source may not be NULL, even for 0 bytes */
        memcpy(v, ai->revs, at * sizeof *v);
        memcpy(v + at + 1, ai->revs + at, (ai->n_revs - at) * sizeof *v);
    }
    memset(&v[at], 0, sizeof v[at]);
    v[at].revision = r;
    ai->revs = v;
    ai->n_revs++;
    return &v[at];
}

/* Of two answers bundles for one role and revision, the later one wins
 * (ties: the smaller digest), so the choice never depends on file order. */
static int better_answers(const party_answers *a, const party_answers *b)
{
    int cmp = strcmp(a->meta.v[META_CREATED], b->meta.v[META_CREATED]);
    return cmp > 0 || (cmp == 0 && strcmp(a->digest, b->digest) < 0);
}

static int cmp_copies(const void *pa, const void *pb)
{
    const agreement_copy *a = pa, *b = pb;
    int cmp = strcmp(a->ai->ag->id, b->ai->ag->id);
    if (cmp)
        return cmp;
    if (a->revision != b->revision)
        return a->revision < b->revision ? -1 : 1;
    return strcmp(a->digest, b->digest);
}

static void release_rev_bundle(agreement_rev *rev)
{
    free(rev->bundle);
    rev->bundle = NULL;
    rev->bundle_len = 0;
    bundle_report_release(&rev->report);
    zipread_release(&rev->kept);
    rev->html = NULL;
    rev->html_len = 0;
}

/* Sets rev's bundle from bytes (malloc'd; taken over) after verifying it
 * again: the merged or built archive is what the site shows. Returns 0, or
 * -1 with the reason in why. */
static int adopt_bundle(bundle_set *bs, const keyring *kr, agreement_rev *rev, unsigned char *b,
                        size_t len, char *why)
{
    zipread_archive z;
    bundle_outcome o = bundle_verify(b, len, kr, &rev->report, &z);
    if (o == BUNDLE_INVALID) {
        snprintf(why, VERR_MAX, "%s", rev->report.reason);
        bundle_report_release(&rev->report);
        free(b);
        return -1;
    }
    rev->bundle = b;
    rev->bundle_len = len;
    rev->kept = z;
    const zipread_member *h = zipread_find(&rev->kept, "agreement.html");
    rev->html = h ? h->data : NULL;
    rev->html_len = h ? h->len : 0;
    (void)bs;
    return 0;
}

/* Counts the top-level signatures of an archive. */
static size_t count_signatures(const unsigned char *b, size_t len)
{
    zipread_archive z;
    char err[VERR_MAX];
    size_t n = 0;
    if (zipread_mem(b, len, &z, err) == 0)
        for (size_t k = 0; k < z.n; k++)
            n += !strncmp(z.members[k].name, "signatures/", 11);
    zipread_release(&z);
    return n;
}

/* Reads both parties' answers out of rev's agreement bundle. Returns NULL,
 * or the reason they do not fit. */
static const char *read_parties(loader *L, agreement_info *ai, agreement_rev *rev)
{
    const char *ids[2] = {ai->ag->mentee, ai->ag->mentor};
    for (int p = 0; p < 2; p++) {
        char prefix[48], name[96], err[VERR_MAX];
        snprintf(prefix, sizeof prefix, "parties/%s/", ids[p]);
        snprintf(name, sizeof name, "%sMETA", prefix);
        const zipread_member *mm = zipread_find(&rev->kept, name);
        party_answers *pa = arena_alloc(&L->bs->ar, sizeof *pa);
        if (!mm || meta_parse(mm->data, mm->len, &pa->meta, err))
            return "its parties' META cannot be read";
        const char *w =
            read_party(L->c, &rev->kept, prefix, &pa->meta, rev->source, &L->bs->ar, pa);
        if (w)
            return w;
        snprintf(name, sizeof name, "%sMANIFEST", prefix);
        const zipread_member *mf = zipread_find(&rev->kept, name);
        if (mf)
            manifest_sha256(mf->data, mf->len, pa->digest);
        if (p == 0)
            rev->mentee = pa;
        else
            rev->mentor = pa;
    }
    return NULL;
}

/* Takes the agreement copies of each revision: merged when they share a
 * MANIFEST; when they do not, the merged group with the most signatures
 * (ties: the smaller digest, as the copies are sorted by digest). */
static int place_copies(loader *L, const keyring *kr)
{
    bundle_set *bs = L->bs;
    if (L->n_copies)
        qsort(L->copies, L->n_copies, sizeof *L->copies, cmp_copies);
    for (size_t i = 0; i < L->n_copies;) {
        size_t j = i;
        while (j < L->n_copies && L->copies[j].ai == L->copies[i].ai &&
               L->copies[j].revision == L->copies[i].revision)
            j++;
        unsigned char *best = NULL;
        size_t best_len = 0, best_sigs = 0, best_from = i, best_end = i;
        int groups = 0;
        for (size_t g = i; g < j;) {
            size_t end = g;
            while (end < j && !strcmp(L->copies[end].digest, L->copies[g].digest))
                end++;
            zipread_archive *arr = malloc((end - g) * sizeof *arr);
            if (!arr) {
                free(best);
                return -1;
            }
            for (size_t k = g; k < end; k++)
                arr[k - g] = *L->copies[k].z;
            unsigned char *out;
            size_t outlen;
            char err[VERR_MAX];
            int rc = bundle_merge_signatures(arr, end - g, &out, &outlen, err);
            free(arr);
            groups++;
            if (rc != 0) {
                for (size_t k = g; k < end; k++)
                    refuse(bs, L->copies[k].path, "cannot merge its signatures: %s", err);
            } else {
                size_t sigs = count_signatures(out, outlen);
                if (!best || sigs > best_sigs) {
                    free(best);
                    best = out;
                    best_len = outlen;
                    best_sigs = sigs;
                    best_from = g;
                    best_end = end;
                } else {
                    free(out);
                }
            }
            g = end;
        }
        agreement_info *ai = L->copies[i].ai;
        int r = L->copies[i].revision;
        if (groups > 1)
            fprintf(stderr,
                    "accord: warning: agreement %s revision %d: content/bundles holds %d "
                    "different agreement bundles; using %s (the most signatures, then the "
                    "smallest digest)\n",
                    ai->ag->id, r, groups, L->copies[best_from].path);
        if (best) {
            agreement_rev *rev = rev_of(bs, ai, r);
            char why[VERR_MAX];
            const char *w = NULL;
            rev->source = L->copies[best_from].path;
            if (adopt_bundle(bs, kr, rev, best, best_len, why) != 0)
                w = why;
            else if ((w = read_parties(L, ai, rev)) != NULL)
                release_rev_bundle(rev);
            if (w) {
                for (size_t k = best_from; k < best_end; k++)
                    refuse(bs, L->copies[k].path, "%s", w);
                rev->source = NULL;
                rev->mentee = rev->mentor = NULL;
            }
        }
        i = j;
    }
    return 0;
}

/* Puts each verified answers bundle into its revision, unless an agreement
 * bundle of that revision already holds the parties' answers. */
static void place_answers(loader *L)
{
    for (size_t i = 0; i < L->n_answers; i++) {
        party_answers *pa = L->answers[i];
        /* a review follows the signed revision before it (D1); only copies
         * from content/bundles can be signed yet, and they are placed */
        const agreement_rev *prev = bundles_rev(L->answers_of[i], pa->ans.revision - 1);
        if (prev && prev->bundle && prev->report.outcome == BUNDLE_VALID &&
            strcmp(pa->meta.v[META_PREVIOUS], prev->report.digest)) {
            refuse(L->bs, pa->path,
                   "its previous is not the digest of the signed agreement of revision %s",
                   prev->report.meta.v[META_REVISION]);
            continue;
        }
        agreement_rev *rev = rev_of(L->bs, L->answers_of[i], pa->ans.revision);
        if (rev->source)
            continue;
        party_answers **slot = pa->ans.role == ROLE_MENTOR ? &rev->mentor : &rev->mentee;
        if (*slot)
            fprintf(stderr,
                    "accord: warning: %s and %s are both the %s's answers to revision %d of %s; "
                    "using %s (the later one)\n",
                    (*slot)->path, pa->path, role_name(pa->ans.role), rev->revision,
                    L->answers_of[i]->ag->id, better_answers(pa, *slot) ? pa->path : (*slot)->path);
        if (!*slot || better_answers(pa, *slot))
            *slot = pa;
    }
}

/* Revision r > 1 follows the signed agreement of r-1: answers (and
 * agreements) whose previous names anything else are refused (D1). */
static void check_chain(bundle_set *bs, agreement_info *ai)
{
    for (size_t i = 0; i < ai->n_revs; i++) {
        agreement_rev *rev = &ai->revs[i];
        const agreement_rev *prev = bundles_rev(ai, rev->revision - 1);
        if (!prev || !prev->bundle || prev->report.outcome != BUNDLE_VALID)
            continue;
        const char *want = prev->report.digest;
        if (rev->source && strcmp(rev->report.meta.v[META_PREVIOUS], want)) {
            refuse(bs, rev->source,
                   "its previous is not the digest of the signed agreement of revision %s",
                   prev->report.meta.v[META_REVISION]);
            release_rev_bundle(rev);
            rev->source = NULL;
            rev->mentee = rev->mentor = NULL;
            continue;
        }
        party_answers **slots[2] = {&rev->mentee, &rev->mentor};
        for (int p = 0; p < 2; p++) {
            if (*slots[p] && strcmp((*slots[p])->meta.v[META_PREVIOUS], want)) {
                refuse(bs, (*slots[p])->path,
                       "its previous is not the digest of the signed agreement of revision %s",
                       prev->report.meta.v[META_REVISION]);
                *slots[p] = NULL;
            }
        }
    }
}

/* Builds the agreement bundle of each revision that has both parties'
 * answers and none yet. */
static int build_agreements(bundle_set *bs, const keyring *kr, agreement_info *ai,
                            agreement_html_fn html, void *ctx, diag *d)
{
    for (size_t i = 0; i < ai->n_revs; i++) {
        agreement_rev *rev = &ai->revs[i];
        if (rev->bundle || !rev->mentee || !rev->mentor)
            continue;
        meta am;
        char err[VERR_MAX];
        if (bundle_agreement_meta(&rev->mentee->meta, &rev->mentor->meta, &am, err) != 0 ||
            rev->mentee->qxml_len != rev->mentor->qxml_len ||
            memcmp(rev->mentee->qxml, rev->mentor->qxml, rev->mentee->qxml_len)) {
            rev->build_problem = arena_printf(
                &bs->ar, "the mentee's and the mentor's answers do not belong together: %s",
                err[0] ? err : "their questionnaire snapshots differ");
            fprintf(stderr, "accord: warning: agreement %s revision %d: %s\n", ai->ag->id,
                    rev->revision, rev->build_problem);
            continue;
        }
        unsigned char *h, *out;
        size_t hlen, outlen;
        if (html(ctx, ai, rev, &am, &h, &hlen, d) != 0)
            return -1;
        int rc = bundle_agreement_write(&am, rev->mentee->z, rev->mentor->z, NULL, 0, h, hlen, &out,
                                        &outlen, err);
        free(h);
        if (rc != 0 || adopt_bundle(bs, kr, rev, out, outlen, err) != 0) {
            diag_error(d, NULL, 0, "cannot build the agreement bundle of %s revision %d: %s",
                       ai->ag->id, rev->revision, err);
            return -1;
        }
    }
    return 0;
}

/* The state is about the latest revision with anything left after the
 * refusals. */
static void set_state(agreement_info *ai)
{
    ai->state = AGS_NOT_STARTED;
    ai->revision = 0;
    ai->next_revision = 1;
    ai->next_previous = NULL;
    const agreement_rev *last = NULL;
    for (size_t i = ai->n_revs; i-- > 0 && !last;)
        if (ai->revs[i].bundle || ai->revs[i].mentee || ai->revs[i].mentor)
            last = &ai->revs[i];
    if (!last)
        return;
    ai->revision = last->revision;
    ai->next_revision = last->revision;
    const party_answers *any = last->mentee ? last->mentee : last->mentor;
    if (any && strcmp(any->meta.v[META_PREVIOUS], "none"))
        ai->next_previous = any->meta.v[META_PREVIOUS];
    if (last->bundle && last->report.outcome == BUNDLE_VALID) {
        ai->state = AGS_SIGNED;
        ai->next_revision = last->revision + 1;
        ai->next_previous = last->report.digest;
    } else if (last->bundle) {
        ai->state = AGS_AWAITING;
    } else if (last->mentee) {
        ai->state = AGS_MENTEE_ANSWERED;
    } else {
        ai->state = AGS_MENTOR_ANSWERED;
    }
}

int bundles_load(const content *c, agreement_html_fn html, void *ctx, bundle_set *bs, diag *d)
{
    memset(bs, 0, sizeof *bs);
    bs->n = c->n_agreements;
    bs->info = arena_alloc(&bs->ar, (bs->n ? bs->n : 1) * sizeof *bs->info);
    for (size_t i = 0; i < bs->n; i++) {
        bs->info[i].ag = &c->agreements[i];
        set_state(&bs->info[i]);
    }
    char *bdir = path_join(c->dir, "bundles"), *kdir = path_join(c->dir, "keys");
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    keyring kr = KEYRING_INIT;
    if (!bdir || !kdir) {
        rc = -1;
        goto done;
    }
    if (!is_directory(bdir))
        goto done;
    if (list_dir(bdir, ".accord", &names, &n) != 0) {
        diag_io(d, bdir, "cannot list: %s", strerror(errno));
        rc = -1;
        goto done;
    }
    char err[VERR_MAX] = "";
    if (n && is_directory(kdir) && keyring_add_dir(&kr, kdir, err) != 0)
        fprintf(stderr, "accord: warning: %s: %s (bundles signed with it will be refused)\n", kdir,
                err);
    loader L = {.c = c, .bs = bs, .d = d};
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = load_one(&L, &kr, arena_printf(&bs->ar, "%s/%s", bdir, names[i]));
    if (rc == 0)
        rc = place_copies(&L, &kr);
    if (rc == 0) {
        place_answers(&L);
        for (size_t i = 0; i < bs->n && rc == 0; i++) {
            check_chain(bs, &bs->info[i]);
            rc = build_agreements(bs, &kr, &bs->info[i], html, ctx, d);
            check_chain(bs, &bs->info[i]); /* built ones follow their previous too */
            set_state(&bs->info[i]);
        }
    }
    if (rc != 0 && d->errors + d->io_errors == 0)
        diag_io(d, bdir, "out of memory");
    free(L.answers);
    free(L.answers_of);
    free(L.copies);
done:
    keyring_release(&kr);
    free_names(names, n);
    free(bdir);
    free(kdir);
    return rc;
}

const agreement_rev *bundles_rev(const agreement_info *ai, int r)
{
    for (size_t i = 0; i < ai->n_revs; i++)
        if (ai->revs[i].revision == r)
            return &ai->revs[i];
    return NULL;
}

const agreement_rev *bundles_last_signed(const agreement_info *ai)
{
    for (size_t i = ai->n_revs; i-- > 0;)
        if (ai->revs[i].bundle && ai->revs[i].report.outcome == BUNDLE_VALID)
            return &ai->revs[i];
    return NULL;
}

const char *agreement_state_name(agreement_state s)
{
    static const char *const v[] = {"not started", "mentee answered", "mentor answered",
                                    "awaiting signatures", "signed"};
    return v[s];
}

void bundle_set_release(bundle_set *bs)
{
    for (size_t i = 0; i < bs->n; i++)
        for (size_t r = 0; r < bs->info[i].n_revs; r++)
            release_rev_bundle(&bs->info[i].revs[r]);
    for (size_t i = 0; i < bs->n_archives; i++) {
        zipread_release(bs->archives[i]);
        free(bs->archives[i]);
    }
    free(bs->archives);
    arena_release(&bs->ar);
    memset(bs, 0, sizeof *bs);
}
