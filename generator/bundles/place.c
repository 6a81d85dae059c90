/* place.c - sorting verified bundles into each agreement's
 * revisions, in revision order, and having the agreement bundles that are
 * due made (made.c). Revision N follows the agreement of revision N-1 signed by both
 * parties, or is refused; one refused file never stops the others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "accord_sign.h"
#include "impl.h"

const char *chain_problem(arena *ar, const agreement_info *ai, int r, const char *previous,
                          const char *created)
{
    if (created && ai->ag->ended && strncmp(created, ai->ag->ended, 10) > 0)
        return arena_printf(ar,
                            "agreement %s ended on %s, and this was made on %.10s, after that: "
                            "an ended agreement takes nothing new (remove ended= from people.xml "
                            "to go on with it)",
                            ai->ag->id, ai->ag->ended, created);
    if (r == 1)
        return NULL; /* META's rule: revision 1 names previous none */
    const agreement_rev *p = bundles_rev(ai, r - 1);
    if (!p || !p->bundle)
        return arena_printf(ar,
                            "it reviews revision %d of agreement %s, which is not here: a review "
                            "follows the agreement of the revision before, signed by both parties",
                            r - 1, ai->ag->id);
    if (p->outcome != BUNDLE_VALID)
        return arena_printf(ar,
                            "it reviews revision %d of agreement %s, which is not signed by both "
                            "parties yet: a review starts once it is",
                            r - 1, ai->ag->id);
    if (strcmp(previous, p->digest))
        return arena_printf(
            ar, "its previous is not the digest of the signed agreement of revision %d", r - 1);
    return NULL;
}

/* Names the first fact of page that the content no longer says. */
static const char *changed_fact(arena *ar, const agreement_facts *page, const agreement_facts *now)
{
    if (strcmp(page->program_title, now->program_title))
        return arena_printf(ar, "the program title '%s' (program.xml now says '%s')",
                            page->program_title, now->program_title);
    if (strcmp(page->mentee_name, now->mentee_name))
        return arena_printf(ar, "the mentee's name '%s' (people.xml now says '%s')",
                            page->mentee_name, now->mentee_name);
    if (strcmp(page->mentor_name, now->mentor_name))
        return arena_printf(ar, "the mentor's name '%s' (people.xml now says '%s')",
                            page->mentor_name, now->mentor_name);
    return arena_printf(ar, "a review every %d months (program.xml now says %d)",
                        page->review_months, now->review_months);
}

const char *check_page(loader *L, agreement_info *ai, agreement_rev *rev)
{
    arena *ar = L->ar;
    agreement_view v;
    agreement_facts now = content_agreement_facts(L->c, ai->ag);
    char why[VERR_MAX] = "";
    int signed_by_both = rev->outcome == BUNDLE_VALID;
    bundles_view(ai, rev, &rev->meta, &v);
    switch (L->pages->check(&v, rev->html, rev->html_len, ar, &rev->facts, why)) {
    case PAGE_BOUND:
        break;
    case PAGE_LEGACY:
        if (!signed_by_both)
            return "its agreement.html was made before pages were bound to the answers they "
                   "show; a fresh agreement is made from its answers";
        rev->legacy_page = 1;
        rev->facts = now;
        return NULL;
    case PAGE_DIFFERS:
        return arena_strdup(ar, why);
    }
    if (agreement_facts_equal(&rev->facts, &now))
        return NULL;
    const char *what = changed_fact(ar, &rev->facts, &now);
    if (!signed_by_both)
        return arena_printf(ar,
                            "its page shows %s; a fresh agreement is made from its answers for "
                            "both parties to sign",
                            what);
    diag_warn(L->d, rev->source, 0, "signed by both parties when its page showed %s", what);
    return NULL;
}

int cmp_copy(const void *pa, const void *pb)
{
    const copy_in *a = pa, *b = pb;
    if (a->ai != b->ai)
        return a->ai < b->ai ? -1 : 1;
    if (a->revision != b->revision)
        return a->revision < b->revision ? -1 : 1;
    int c = strcmp(a->digest, b->digest);
    return c ? c : strcmp(a->path, b->path);
}

int cmp_answers(const void *pa, const void *pb)
{
    const answers_in *a = pa, *b = pb;
    if (a->ai != b->ai)
        return a->ai < b->ai ? -1 : 1;
    if (a->pa->ans.revision != b->pa->ans.revision)
        return a->pa->ans.revision < b->pa->ans.revision ? -1 : 1;
    return strcmp(a->pa->path, b->pa->path);
}

static agreement_rev *rev_slot(arena *ar, agreement_info *ai, int r)
{
    for (size_t i = 0; i < ai->n_revs; i++)
        if (ai->revs[i].revision == r)
            return &ai->revs[i];
    size_t at = 0;
    while (at < ai->n_revs && ai->revs[at].revision < r)
        at++;
    agreement_rev *v = ai->revs;
    if (ai->n_revs == ai->cap_revs) { /* place_agreement made room for most: grow by one */
        v = arena_alloc(ar, (ai->n_revs + 1) * sizeof *v);
        ai->cap_revs = ai->n_revs + 1;
        if (ai->n_revs) /* memcpy's source may not be NULL, even for 0 bytes */
            memcpy(v, ai->revs, ai->n_revs * sizeof *v);
    }
    memmove(v + at + 1, v + at, (ai->n_revs - at) * sizeof *v);
    memset(&v[at], 0, sizeof v[at]);
    v[at].revision = r;
    ai->revs = v;
    ai->n_revs++;
    return &v[at];
}

static void release_rev_bundle(const bundle_set *bs, agreement_rev *rev)
{
    rev->bundle = NULL; /* what the spool holds of it is never read */
    release_archive(bs, &rev->kept);
    rev->html = NULL;
    rev->html_len = 0;
}

/* A canonical copy's file as rev->bundle: copy when it still holds the
 * bytes that were verified (its bytes_sha256 is the copy's; a copy set
 * aside was just read again and checked by unpack_again), else NULL (then
 * it is merged and verified anew). Its bytes are read again where they
 * are shown, and checked to be these. */
static copy_in *reread_canonical(arena *ar, copy_in *copy, agreement_rev *rev)
{
    unsigned char *buf, hash[BUNDLES_INPUTS_BYTES];
    size_t len;
    if (!copy->canonical)
        return NULL;
    if (!copy->set_aside) {
        if (read_file(copy->path, ZIPREAD_FILE_MAX, &buf, &len) != 0)
            return NULL;
        bytes_sha256(buf, len, hash);
        free(buf);
        if (sodium_memcmp(hash, copy->file_hash, sizeof hash) != 0)
            return NULL;
    }
    stored_bytes *kept = arena_alloc(ar, sizeof *kept);
    stored_file(copy->path, copy->file_len, copy->file_hash, kept);
    rev->bundle = kept;
    return copy;
}

/* Answers taken from agreement bundles that were refused: their signed
 * answers still count. */
typedef struct extra_answers {
    party_answers **v; /* in the loader's arena */
    size_t n;
} extra_answers;

/* Tries one group of copies (same digest, cp[0..n)): merged, verified,
 * its parties read, its page checked. Returns NULL and fills *rev, or the
 * reason it is refused (rev released). */
static const char *try_group(loader *L, agreement_info *ai, const copy_in *cp, size_t n,
                             agreement_rev *rev)
{
    char err[VERR_MAX];
    const char *why;
    party_answers *parts[2];
    memset(rev, 0, sizeof *rev);
    rev->revision = cp[0].revision;
    rev->source = cp[0].path;
    copy_in *one = n == 1 ? reread_canonical(L->ar, (copy_in *)&cp[0], rev) : NULL;
    if (one) {
        /* what the merge would write is the file, verified as it was read:
         * what its verification found and its members move to rev */
        rev->outcome = one->outcome;
        rev->digest = arena_strdup(L->ar, one->digest);
        rev->meta = one->meta;
        rev->countersigs = one->countersigs;
        rev->n_countersigs = one->n_countersigs;
        keep_members(rev, one->z);
        memset(one->z, 0, sizeof *one->z);
    } else {
        zipread_archive *arr = malloc(n * sizeof *arr);
        unsigned char *out;
        size_t outlen;
        if (!arr)
            return "out of memory";
        for (size_t k = 0; k < n; k++)
            arr[k] = *cp[k].z;
        int rc = bundle_merge_signatures(arr, n, &out, &outlen, err);
        free(arr);
        if (rc)
            return arena_printf(L->ar, "cannot merge its signatures: %s", err);
        if (adopt_bundle(L, rev, out, outlen, err))
            return arena_strdup(L->ar, err);
    }
    why = read_embedded(L, ai, &rev->kept, rev->source, parts);
    if (!why) {
        rev->mentee = parts[0];
        rev->mentor = parts[1];
        why = check_page(L, ai, rev);
    }
    if (why && one) { /* back to the copy: its signed answers still count */
        *one->z = rev->kept;
        memset(rev, 0, sizeof *rev);
    } else if (why) {
        release_rev_bundle(L->bs, rev);
    }
    return why;
}

/* Frees what is unpacked of copies cp[0..n) (their archives stay in the
 * set, empty) and, when rev is not NULL (the revision their merge became),
 * of rev's own archive too: once a revision is placed only its bundle's
 * bytes, what its verification found and its parties' parsed answers are
 * read, never the members (its parties' views into them are cleared). */
static void unpacked_done(bundle_set *bs, const copy_in *cp, size_t n, agreement_rev *rev)
{
    for (size_t k = 0; k < n; k++)
        release_archive(bs, cp[k].z);
    if (!rev)
        return;
    release_archive(bs, &rev->kept);
    rev->html = NULL;
    rev->html_len = 0;
    rev->mentee->z = rev->mentor->z = NULL;
}

/* The parties whose countersignature a merge of the group holds: those who
 * signed any copy of it. */
static size_t group_signatures(const copy_in *cp, size_t n)
{
    size_t parties = 0;
    for (int p = 0; p < 2; p++) {
        const char *id = p ? cp[0].ai->ag->mentor : cp[0].ai->ag->mentee;
        char name[64];
        snprintf(name, sizeof name, "signatures/%s.minisig", id);
        for (size_t k = 0; k < n; k++)
            if (zipread_find(cp[k].z, name)) {
                parties++;
                break;
            }
    }
    return parties;
}

typedef struct group {
    size_t from, n, sigs;
} group;

static int cmp_group(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    if (a->sigs != b->sigs)
        return a->sigs > b->sigs ? -1 : 1;
    return a->from < b->from ? -1 : 1; /* copies are sorted by digest */
}

/* Unpacks again the copies cp[0..n) that read_bundle set aside (once:
 * place_copies places a revision's copies once). 0, or -1 after reporting
 * to L->d. */
static int copies_unpacked(loader *L, copy_in *cp, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (cp[k].set_aside && unpack_again(L, cp[k].path, cp[k].file_hash,
                                            cp[k].meta.v[META_QUESTIONNAIRE_SHA256], cp[k].z))
            return -1;
    return 0;
}

/* Places revision r's one copy cp as the last build noted it placed
 * (copy_noted), unread: 1, or 0 (place it from its bytes). */
static int place_noted(loader *L, agreement_info *ai, int r, copy_in *cp)
{
    agreement_rev rev;
    if (chain_problem(L->ar, ai, r, cp->meta.v[META_PREVIOUS], cp->meta.v[META_CREATED]) ||
        copy_noted(L, cp, &rev) != 0)
        return 0;
    *rev_slot(L->ar, ai, r) = rev;
    cp->parsed = PARSED_TAKEN;
    return 1;
}

/* Places the agreement copies of revision r (cp[0..n), sorted by digest):
 * the group with the most signatures (then the smallest digest) that
 * stands. The answers inside refused groups go to extra. 0, or -1 when a
 * copy cannot be unpacked again (reported to L->d). */
static int place_copies(loader *L, agreement_info *ai, int r, copy_in *cp, size_t n,
                        extra_answers *extra)
{
    extra->v = arena_alloc(L->ar, (2 * n + 1) * sizeof *extra->v);
    if (n == 1 && place_noted(L, ai, r, cp))
        return 0;
    if (copies_unpacked(L, cp, n) != 0)
        return -1;
    group *g = arena_alloc(L->ar, (n ? n : 1) * sizeof *g);
    size_t ng = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && !strcmp(cp[j].digest, cp[i].digest))
            j++;
        g[ng++] = (group){i, j - i, group_signatures(cp + i, j - i)};
        i = j;
    }
    qsort(g, ng, sizeof *g, cmp_group);
    int placed = 0;
    for (size_t k = 0; k < ng; k++) {
        const copy_in *c0 = &cp[g[k].from];
        if (placed) {
            diag_warn(L->d, NULL, 0,
                      "agreement %s revision %d: content/bundles holds %zu different agreement "
                      "bundles; using %s (the most signatures, then the smallest digest)",
                      ai->ag->id, r, ng, bundles_rev(ai, r)->source);
            for (; k < ng; k++) /* never read again */
                unpacked_done(L->bs, &cp[g[k].from], g[k].n, NULL);
            break;
        }
        const char *why =
            chain_problem(L->ar, ai, r, c0->meta.v[META_PREVIOUS], c0->meta.v[META_CREATED]);
        agreement_rev rev;
        if (!why && !(why = try_group(L, ai, c0, g[k].n, &rev))) {
            agreement_rev *in = rev_slot(L->ar, ai, r);
            *in = rev;
            placed = 1;
            /* one copy, taken as it is, its page bound and naming what the
             * content says: the next build may take it unread */
            agreement_facts now = content_agreement_facts(L->c, ai->ag);
            if (n == 1 && in->bundle->path == c0->path && !in->bundle->member && !in->legacy_page &&
                agreement_facts_equal(&in->facts, &now))
                cp[0].parsed = PARSED_HERE;
            unpacked_done(L->bs, &cp[g[k].from], g[k].n, in);
            continue;
        }
        for (size_t m = 0; m < g[k].n; m++)
            diag_refuse(L->d, c0[m].path, "%s", why);
        /* a refused agreement's own signed answers may still make a fresh one */
        party_answers *parts[2];
        if (!chain_problem(L->ar, ai, r, c0->meta.v[META_PREVIOUS], c0->meta.v[META_CREATED]) &&
            !read_embedded(L, ai, c0->z, c0->path, parts)) {
            extra->v[extra->n++] = parts[0];
            extra->v[extra->n++] = parts[1];
        }
    }
    return 0;
}

/* 1 when answers a should be used rather than b (same party and revision):
 * the later created, then the smaller digest. */
static int better_answers(const party_answers *a, const party_answers *b)
{
    int cmp = strcmp(a->meta.v[META_CREATED], b->meta.v[META_CREATED]);
    return cmp > 0 || (cmp == 0 && strcmp(a->digest, b->digest) < 0);
}

/* Puts answers pa (revision r) into its slot, unless r already has an
 * agreement bundle (which holds the parties' answers itself). */
static void place_answers(loader *L, agreement_info *ai, party_answers *pa)
{
    int r = pa->ans.revision;
    const char *why =
        chain_problem(L->ar, ai, r, pa->meta.v[META_PREVIOUS], pa->meta.v[META_CREATED]);
    if (why) {
        diag_refuse(L->d, pa->path, "%s", why);
        return;
    }
    agreement_rev *rev = rev_slot(L->ar, ai, r);
    if (rev->bundle)
        return;
    party_answers **slot = pa->ans.role == ROLE_MENTOR ? &rev->mentor : &rev->mentee;
    if (*slot && strcmp((*slot)->digest, pa->digest))
        diag_warn(L->d, NULL, 0,
                  "%s and %s are both the %s's answers to revision %d of %s; using %s (the later "
                  "one)",
                  (*slot)->path, pa->path, role_name(pa->ans.role), r, ai->ag->id,
                  better_answers(pa, *slot) ? pa->path : (*slot)->path);
    if (!*slot || better_answers(pa, *slot))
        *slot = pa;
}

/* Fills rev->signed_by from its countersignatures that verified (the
 * last of each party's; strings shared with them). */
static void note_signatures(const agreement_info *ai, agreement_rev *rev)
{
    const char *ids[2] = {ai->ag->mentee, ai->ag->mentor};
    for (int k = 0; k < 2; k++) {
        rev->signed_by[k] = (signature_view){ids[k], NULL, NULL};
        for (size_t i = 0; rev->bundle && i < rev->n_countersigs; i++) {
            const countersig *c = &rev->countersigs[i];
            if (c->ok && !strcmp(c->party, ids[k])) {
                rev->signed_by[k].key_id = c->key_id;
                rev->signed_by[k].signed_at = c->signed_at;
            }
        }
    }
}

/* The state is about the latest revision with anything in it. */
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
    if (last->bundle && last->outcome == BUNDLE_VALID) {
        ai->state = AGS_SIGNED;
        ai->next_revision = last->revision + 1;
        ai->next_previous = last->digest;
    } else if (last->bundle) {
        ai->state = AGS_AWAITING;
    } else if (last->mentee) {
        ai->state = AGS_MENTEE_ANSWERED;
    } else {
        ai->state = AGS_MENTOR_ANSWERED;
    }
}

/* 1 when answers bundle pa is a copy of one that the agreement bundle
 * placed for its revision carries (the same bundle digest, so the same
 * META, answers.xml and snapshot): reading that agreement parsed and
 * checked these very answers, and the agreement's are the ones used. */
static int carried_by_agreement(const agreement_info *ai, const party_answers *pa)
{
    const agreement_rev *rev = bundles_rev(ai, pa->ans.revision);
    if (!rev || !rev->bundle)
        return 0;
    const party_answers *carried =
        strcmp(pa->meta.v[META_ROLE], "mentor") ? rev->mentee : rev->mentor;
    return carried && !strcmp(carried->digest, pa->digest);
}

/* The files of agreement slice cp[0..nc), an[0..na) (each sorted by
 * revision) from ic and ia on that are of the lowest revision among them:
 * returns it, and where they end in *jc and *ja. */
static int revision_group(const copy_in *cp, size_t nc, const answers_in *an, size_t na, size_t ic,
                          size_t ia, size_t *jc, size_t *ja)
{
    int r = ic < nc ? cp[ic].revision : an[ia].pa->ans.revision;
    if (ia < na && an[ia].pa->ans.revision < r)
        r = an[ia].pa->ans.revision;
    for (*jc = ic; *jc < nc && cp[*jc].revision == r;)
        ++*jc;
    for (*ja = ia; *ja < na && an[*ja].pa->ans.revision == r;)
        ++*ja;
    return r;
}

/* pa, when in the loader's records, copied into ar with its META (the
 * answers' fields that are META's strings then the copy's); else pa. */
static party_answers *kept_answers(party_answers *pa, arena *ar)
{
    if (!pa || !pa->in_records)
        return pa;
    party_answers *to = arena_alloc(ar, sizeof *to);
    *to = *pa;
    to->in_records = 0;
    for (size_t k = 0; k < META_NFIELDS; k++)
        to->meta.v[k] = arena_strdup(ar, pa->meta.v[k]);
    const char **fields[] = {&to->ans.program, &to->ans.questionnaire, &to->ans.version,
                             &to->ans.digest,  &to->ans.agreement,     &to->ans.party,
                             &to->ans.saved,   &to->ans.file,          &to->ans.previous};
    for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
        for (size_t k = 0; k < META_NFIELDS; k++)
            if (*fields[f] && *fields[f] == pa->meta.v[k])
                *fields[f] = to->meta.v[k];
    return to;
}

int place_agreement(loader *L, agreement_info *ai, copy_in *cp, size_t nc, answers_in *an,
                    size_t na)
{
    size_t ic, ia, jc, ja, n = 0;
    int rc = 0;
    for (ic = ia = 0; ic < nc || ia < na; ic = jc, ia = ja, n++)
        revision_group(cp, nc, an, na, ic, ia, &jc, &ja);
    if (!ai->n_revs && n) { /* room for every revision at once */
        ai->revs = arena_alloc(L->ar, n * sizeof *ai->revs);
        ai->cap_revs = n;
    }
    for (ic = ia = 0; ic < nc || ia < na; ic = jc, ia = ja) {
        int r = revision_group(cp, nc, an, na, ic, ia, &jc, &ja);
        extra_answers extra = {NULL, 0};
        if (place_copies(L, ai, r, cp + ic, jc - ic, &extra) != 0) {
            rc = -1;
            goto placed;
        }
        for (size_t k = ia; k < ja; k++) {
            answers_in *a = &an[k];
            const char *why = NULL;
            int failed = 0;
            if (!carried_by_agreement(ai, a->pa))
                why = fit_answers(L, a, &failed);
            if (failed) {
                rc = -1;
                goto placed;
            }
            if (why)
                diag_refuse(L->d, a->pa->path, "%s", why);
            else
                place_answers(L, ai, a->pa);
        }
        for (size_t k = 0; k < extra.n; k++)
            place_answers(L, ai, extra.v[k]);
        agreement_rev *rev = (agreement_rev *)bundles_rev(ai, r);
        if (rev && !rev->bundle && rev->mentee && rev->mentor &&
            make_agreement(L, ai, rev, an, na)) {
            rc = -1;
            goto placed;
        }
    }
placed:
    /* before anything points into them: the records are released after loading */
    for (size_t i = 0; i < ai->n_revs; i++) {
        agreement_rev *rev = &ai->revs[i];
        rev->mentee = kept_answers(rev->mentee, L->ar);
        rev->mentor = kept_answers(rev->mentor, L->ar);
        note_signatures(ai, rev);
    }
    set_state(ai);
    return rc;
}
