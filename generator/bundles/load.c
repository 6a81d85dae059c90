/* load.c - the trusted keys and the bundles of a content directory,
 * loaded into a bundle_set (see bundles.h). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "impl.h"

/* What a keys/ or bundles/ entry of the content directory is. */
typedef enum { DIR_ABSENT, DIR_PRESENT, DIR_WRONG } dir_kind;

static dir_kind content_dir_kind(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT)
        return DIR_ABSENT;
    /* stat follows a symlink: one to a folder is that folder, a dangling one
     * is wrong, never "absent" */
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? DIR_PRESENT : DIR_WRONG;
}

typedef struct key_report {
    diag *d;
    int skip;
} key_report;

static void bad_key(void *ctx, const char *path, const char *why)
{
    key_report *k = ctx;
    if (k->skip)
        diag_warn(k->d, path, 0, "left out: %s", why);
    else
        diag_error(k->d, path, 0, "cannot use this key: %s (fix or remove the file)", why);
}

/* Warns about each key ID trusted for two parties: a signature by it would
 * count as either's. Entries of one key number are neighbours (the keyring
 * is sorted by key number, then party). */
static void warn_shared_ids(const keyring *kr, diag *d)
{
    char id[17];
    for (size_t k = 1; k < kr->n; k++) {
        const keyring_entry *a = &kr->entries[k - 1], *b = &kr->entries[k];
        if (memcmp(a->pk.keynum, b->pk.keynum, sizeof a->pk.keynum) || !a->party[0] ||
            !b->party[0] || !strcmp(a->party, b->party))
            continue;
        ms_keyid(a->pk.keynum, id);
        diag_warn(d, b->path, 0,
                  "key ID %s is also %s's key (%s): a signature by it counts as either party's; "
                  "each person needs a key of their own",
                  id, a->party, a->path);
    }
}

int bundles_load_keys(const content *c, unsigned flags, keyring *kr, diag *d)
{
    char *kdir = path_join(c->dir, "keys"), err[VERR_MAX];
    key_report k = {d, (flags & BUNDLES_SKIP_UNREADABLE) != 0};
    int before = d->errors, rc = 0;
    switch (content_dir_kind(kdir)) {
    case DIR_ABSENT:
        break;
    case DIR_WRONG:
        if (k.skip)
            diag_warn(d, kdir, 0, "is not a directory of keys; no key is trusted");
        else
            diag_error(d, kdir, 0, "is not a directory: keys/ holds the parties' public keys");
        break;
    case DIR_PRESENT:
        if (keyring_add_dir(kr, kdir, bad_key, &k, err) < 0) {
            if (k.skip)
                diag_warn(d, kdir, 0, "%s; no key is trusted", err);
            else
                diag_error(d, kdir, 0, "%s", err);
        }
        warn_shared_ids(kr, d);
        break;
    }
    free(kdir);
    if (d->errors != before)
        rc = -1;
    return rc;
}

/* Reports a bundle file that could not be read. */
static void unreadable(diag *d, const char *path, int skip, int err)
{
    if (skip)
        diag_warn(d, path, 0, "left out: cannot read it: %s", vu_read_error(err));
    else
        diag_error(d, path, 0, "cannot read it: %s (fix or remove the file)", vu_read_error(err));
}

/* Grows a doubling array *v of *cap items of size bytes when full (n ==
 * *cap): linear in the number of bundles. Returns 0 or -1. */
static int make_room(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? 2 * *cap : 16;
    void *p = realloc(*v, nc * size);
    if (!p)
        return -1;
    *v = p;
    *cap = nc;
    return 0;
}

/* Keeps pa (read_idp's: its party a mentee of c) as its mentee's IDP
 * unless one already kept is later: the higher revision, then the later
 * created time, then the greater digest, so the order bundles are read in
 * never matters. slot (c->n_people, zeroed at first) holds per person 1 +
 * the place of their IDP in bs->idps. Returns 0, or -1 when out of memory. */
static int keep_idp(bundle_set *bs, const content *c, size_t *slot, party_answers *pa)
{
    size_t who = (size_t)(content_person(c, pa->meta.v[META_PARTY]) - c->people);
    if (slot[who]) {
        party_answers **kept = &bs->idps[slot[who] - 1];
        const party_answers *o = *kept;
        int by_rev = pa->ans.revision - o->ans.revision;
        int by_time = strcmp(pa->meta.v[META_CREATED], o->meta.v[META_CREATED]);
        if (by_rev > 0 ||
            (!by_rev && (by_time > 0 || (!by_time && strcmp(pa->digest, o->digest) > 0))))
            *kept = pa;
        return 0;
    }
    if (make_room((void **)&bs->idps, bs->n_idps, &bs->cap_idps, sizeof *bs->idps) != 0)
        return -1;
    bs->idps[bs->n_idps++] = pa;
    slot[who] = bs->n_idps;
    return 0;
}

int bundles_load(const content *c, const page_binder *pages, unsigned flags,
                 const earlier_source *from, bundle_set *bs, diag *d)
{
    int skip = (flags & BUNDLES_SKIP_UNREADABLE) != 0, before = d->errors, rc = 0;
    char *bdir = path_join(c->dir, "bundles"), **names = NULL;
    size_t n = 0, *idp_slot = NULL;
    memset(bs, 0, sizeof *bs);
    arena records = ARENA_INIT;
    loader L = {.c = c,
                .bs = bs,
                .pages = pages,
                .kr = &bs->keys,
                .ar = &bs->ar,
                .records = &records,
                .d = d,
                .parse_later = 1,
                .flags = flags};
    bs->n = c->n_agreements;
    bs->info = arena_alloc(&bs->ar, (bs->n ? bs->n : 1) * sizeof *bs->info);
    for (size_t i = 0; i < bs->n; i++) {
        bs->info[i].ag = &c->agreements[i];
        bs->info[i].next_revision = 1;
    }
    if (ledger_load(c, 0, &bs->ledger, d) != 0)
        goto done;
    if (!(flags & BUNDLES_INDEXING))
        ledger_drop_text(&bs->ledger);
    if (bs->ledger.present) {
        char err[VERR_MAX];
        if (ledger_roster_keyring(&bs->ledger.roster, bs->ledger.roster_path, &bs->keys, err))
            diag_error(d, bs->ledger.roster_path, 0, "%s", err);
    } else {
        bundles_load_keys(c, flags, &bs->keys, d);
    }
    const sig_tags *earlier = from ? from->get(&bs->keys, from->ctx) : NULL;
    bs->passed = passed_sigs_new(c, earlier);
    bs->keys.ed25519 = passed_sigs_verifier(bs->passed);
    switch (content_dir_kind(bdir)) {
    case DIR_ABSENT:
        goto done;
    case DIR_WRONG:
        (skip ? diag_warn : diag_error)(d, bdir, 0, "is not a directory of bundles");
        goto done;
    case DIR_PRESENT:
        bs->have_bundles = 1;
        break;
    }
    if (list_dir(bdir, ".accord", &names, &n) != 0) {
        (skip ? diag_warn : diag_error)(d, bdir, 0, "cannot list it: %s", strerror(errno));
        goto done;
    }
    if (n && bs->keys.n == 0) {
        char *kdir = path_join(c->dir, "keys");
        (skip ? diag_warn : diag_error)(d, kdir, 0,
                                        "no public key to verify the %zu bundles of %s with: put "
                                        "each party's key there as <party>.pub",
                                        n, bdir);
        free(kdir);
    }
    const char **paths = arena_alloc(&bs->ar, (n ? n : 1) * sizeof *paths);
    for (size_t i = 0; i < n; i++)
        paths[i] = arena_printf(&bs->ar, "%s/%s", bdir, names[i]);
    idp_slot = calloc(c->n_people ? c->n_people : 1, sizeof *idp_slot);
    /* outcomes noted and taken only where what is placed is set aside and
     * read again where it is needed (BUNDLES_STATE_ONLY) and no ledger
     * orders signatures */
    int noting =
        (flags & BUNDLES_NOTE_CHECKED) && (flags & BUNDLES_STATE_ONLY) && !bs->ledger.present;
    const checked_set *known = noting && earlier ? earlier->files : NULL;
    L.note_made = noting;
    L.made = noting && earlier ? earlier->made : NULL;
    L.made_dir = noting && earlier ? earlier->made_dir : NULL;
    L.made_unchanged = L.made ? earlier->made_unchanged : NULL;
    L.made_unchanged_ctx = L.made ? earlier->made_unchanged_ctx : NULL;
    L.parsed = noting && earlier ? earlier->parsed : NULL;
    ahead *files = idp_slot
                       ? ahead_start(&bs->keys, paths, n, known, noting ? (long long)time(NULL) : 0)
                       : NULL;
    rc = files ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *path = paths[i], *why = NULL;
        copy_in copy;
        answers_in ans;
        verified_file *v = ahead_take(files, i);
        read_outcome o = read_bundle(&L, v, &copy, &ans, &why);
        int err = errno;
        bs->checked_taken += v->from_cache;
        if (noting && (o == READ_COPY || o == READ_ANSWERS)) {
            size_t before_len = bs->checked.len;
            checked_note(&bs->checked, names[i], v);
            bs->n_checked += bs->checked.len != before_len;
        }
        verified_file_release(v);
        switch (o) {
        case READ_UNREADABLE:
            unreadable(d, path, skip, err);
            break;
        case READ_REFUSED:
            diag_refuse(d, path, "%s", why);
            break;
        case READ_IDP:
            rc = keep_idp(bs, c, idp_slot, ans.pa);
            break;
        case READ_COPY:
            rc = make_room((void **)&L.copies, L.n_copies, &L.cap_copies, sizeof copy);
            copy.name = names[i];
            if (rc == 0)
                L.copies[L.n_copies++] = copy;
            break;
        case READ_ANSWERS:
            rc = make_room((void **)&L.answers, L.n_answers, &L.cap_answers, sizeof ans);
            ans.name = names[i];
            if (rc == 0)
                L.answers[L.n_answers++] = ans;
            break;
        }
    }
    ahead_stop(files);
    if (earlier && earlier->files)
        checked_release(earlier->files); /* every file is taken: not held while placing */
    if (rc == 0)
        rc = place_all(&L);
    if (earlier && earlier->made)
        checked_release(earlier->made); /* every agreement is placed: not held while noting */
    if (earlier && earlier->parsed)
        checked_release(earlier->parsed);
    if (rc == 0 && noting)
        rc = made_lines(bs) || parsed_lines(bs, L.answers, L.n_answers, L.copies, L.n_copies) ? -1
                                                                                              : 0;
    if (rc != 0 && d->errors == before)
        diag_io(d, bdir, "out of memory");
done:
    arena_release(&records); /* the revisions hold copies (place_agreement) */
    fill_state(bs);
    free(idp_slot);
    free(L.copies);
    free(L.answers);
    free_names(names, n);
    free(bdir);
    return d->errors != before || d->io_errors || rc ? -1 : 0;
}

/* The parties of agreement copy (META "mentee,mentor") with a signature
 * in it, ","-joined into out. */
static void copy_signers(const copy_in *copy, char out[2 * ID_MAX + 2])
{
    char parties[META_VALUE_MAX + 1], *save = NULL;
    snprintf(parties, sizeof parties, "%s", copy->meta.v[META_PARTY]);
    out[0] = '\0';
    for (char *p = strtok_r(parties, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char name[META_VALUE_MAX + 32];
        snprintf(name, sizeof name, "signatures/%s.minisig", p);
        if (strlen(p) <= ID_MAX && zipread_find(copy->z, name))
            snprintf(out + strlen(out), 2 * ID_MAX + 2 - strlen(out), "%s%s", out[0] ? "," : "", p);
    }
}

/* *facts of an accepted bundle, from what read_bundle made of it. */
static void fill_facts(read_outcome o, const copy_in *copy, const answers_in *ans,
                       bundle_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    if (o == READ_ANSWERS || o == READ_IDP) {
        meta_expand(&ans->pa->meta, &facts->meta);
        memcpy(facts->digest, ans->pa->digest, sizeof facts->digest);
        return;
    }
    meta_expand(&copy->meta, &facts->meta);
    memcpy(facts->digest, copy->digest, sizeof facts->digest);
    if (o == READ_COPY)
        copy_signers(copy, facts->signers);
}

int bundles_check_file(const content *c, bundle_set *bs, const page_binder *pages, const char *path,
                       diag *d, bundle_facts *facts)
{
    keyring kr = KEYRING_INIT;
    diag quiet = DIAG_INIT; /* the content's own key problems are reported by check itself */
    loader L = {.c = c, .bs = bs, .pages = pages, .kr = &kr, .ar = &bs->ar, .d = d};
    const char *why = NULL;
    copy_in copy;
    answers_in ans;
    int rc = -1;
    bundles_load_keys(c, BUNDLES_SKIP_UNREADABLE, &kr, &quiet);
    verified_file v;
    verify_file(&kr, path, 0, &v);
    read_outcome o = read_bundle(&L, &v, &copy, &ans, &why);
    int err = errno;
    verified_file_release(&v);
    switch (o) {
    case READ_UNREADABLE:
        diag_io(d, path, "cannot read: %s", vu_read_error(err));
        break;
    case READ_REFUSED:
        break;
    case READ_IDP:
        rc = 0;
        break;
    case READ_ANSWERS:
        why = chain_problem(&bs->ar, ans.ai, ans.pa->ans.revision, ans.pa->meta.v[META_PREVIOUS],
                            ans.pa->meta.v[META_CREATED]);
        rc = why ? -1 : 0;
        break;
    case READ_COPY: {
        party_answers *parts[2];
        agreement_rev rev;
        memset(&rev, 0, sizeof rev);
        why = chain_problem(&bs->ar, copy.ai, copy.revision, copy.meta.v[META_PREVIOUS],
                            copy.meta.v[META_CREATED]);
        if (!why)
            why = read_embedded(&L, copy.ai, copy.z, path, parts);
        if (!why) {
            const zipread_member *h = zipread_find(copy.z, "agreement.html");
            rev.revision = copy.revision;
            rev.source = path;
            rev.outcome = copy.outcome;
            rev.meta = copy.meta;
            rev.mentee = parts[0];
            rev.mentor = parts[1];
            rev.html = h ? h->data : NULL;
            rev.html_len = h ? h->len : 0;
            why = check_page(&L, copy.ai, &rev);
        }
        rc = why ? -1 : 0;
        break;
    }
    }
    if (why)
        diag_error(d, path, 0, "refused: %s", why);
    else if (rc == 0 && facts)
        fill_facts(o, &copy, &ans, facts);
    keyring_release(&kr);
    return rc;
}

int bundles_check_previous(bundle_set *bs, const answers *a, diag *d)
{
    const agreement_info *ai = a->agreement ? bundles_info(bs, a->agreement) : NULL;
    if (!ai || a->revision < 2 || !a->previous)
        return 0;
    const char *why = chain_problem(&bs->ar, ai, a->revision, a->previous, NULL);
    if (!why)
        return 0;
    diag_error(d, a->file, a->line,
               "previous=\"%s\": %s; answer the review form the program's site offers, which "
               "names it",
               a->previous, why);
    return -1;
}

void bundle_set_drop_members(bundle_set *bs)
{
    for (size_t i = 0; i < bs->n; i++)
        for (size_t r = 0; r < bs->info[i].n_revs; r++) {
            agreement_rev *rev = &bs->info[i].revs[r];
            release_archive(bs, &rev->kept);
            rev->html = NULL;
            rev->html_len = 0;
            if (rev->mentee)
                rev->mentee->z = NULL;
            if (rev->mentor)
                rev->mentor->z = NULL;
        }
    for (size_t i = 0; i < bs->n_idps; i++)
        bs->idps[i]->z = NULL;
    for (size_t i = 0; i < bs->n_archives; i++) {
        release_archive(bs, bs->archives[i]);
        free(bs->archives[i]);
    }
    free(bs->archives);
    bs->archives = NULL;
    bs->n_archives = bs->cap_archives = 0;
}

void bundle_set_release(bundle_set *bs)
{
    for (size_t i = 0; i < bs->n; i++)
        for (size_t r = 0; r < bs->info[i].n_revs; r++) {
            agreement_rev *rev = &bs->info[i].revs[r];
            release_archive(bs, &rev->kept);
        }
    for (size_t i = 0; i < bs->n_archives; i++) {
        release_archive(bs, bs->archives[i]);
        free(bs->archives[i]);
    }
    free(bs->archives);
    free(bs->idps);
    spool_close(&bs->spool);
    keyring_release(&bs->keys);
    sb_release(&bs->checked);
    sb_release(&bs->made);
    sb_release(&bs->parsed);
    passed_sigs_free(bs->passed);
    ledger_release(&bs->ledger);
    arena_release(&bs->ar);
    memset(bs, 0, sizeof *bs);
}
