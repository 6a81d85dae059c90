/* read.c - reading one bundle file: verified with the verifier
 * library, then fitted to the content; its answers and snapshot parsed,
 * or taken as the last build parsed them. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "impl.h"

/* The snapshot of list whose SHA-256 is sha256 (hex), or NULL. */
static snapshot *find_snapshot(snapshot *list, const char *sha256)
{
    for (snapshot *s = list; s; s = s->next)
        if (!strcmp(s->sha256, sha256))
            return s;
    return NULL;
}

/* The snapshot of *list with SHA-256 sha256, added (its bytes xml[0..len)
 * copied into ar, not parsed yet) when there is none. Call it under
 * lock_shared. */
static snapshot *intern_snapshot(snapshot **list, const char *sha256, const unsigned char *xml,
                                 size_t len, arena *ar)
{
    snapshot *s = find_snapshot(*list, sha256);
    if (s)
        return s;
    s = arena_alloc(ar, sizeof *s);
    snprintf(s->sha256, sizeof s->sha256, "%s", sha256);
    unsigned char *copy = arena_alloc(ar, len + 1); /* NUL-ended, as members are */
    memcpy(copy, xml, len);
    copy[len] = '\0';
    s->xml = copy;
    s->len = len;
    s->next = *list;
    *list = s;
    return s;
}

/* Where parsing a bundle's answers puts what it makes: allocations in
 * ar; snapshots through *cache (NULL: parsed every time), which is read
 * and grown under lock_shared; what is wrong inside a bundle printed where
 * out prints (NULL: at once), counted in no command's diag, since it is
 * not a problem of the content and its reason refuses the bundle. */
typedef struct parse_ctx {
    arena *ar;
    snapshot **cache;
    const diag *out;
    /* not NULL: each party's answers.xml is put in aside's spool and its
     * answers parsed into items, to be set aside (set_answers_aside) once
     * placed; the fields of answers outside items go to ar. NULL: all in
     * ar, held. */
    bundle_set *aside;
    arena *items;
} parse_ctx;

/* The bytes of answers member am put in px's spool, described in px->ar;
 * NULL when nothing is set aside (no spool asked for, or none can be
 * written: the answers are then held). */
static const stored_bytes *spool_answers(const parse_ctx *px, const zipread_member *am)
{
    if (!px->aside)
        return NULL;
    stored_bytes *kept = arena_alloc(px->ar, sizeof *kept);
    return set_spool_put(px->aside, am->data, am->len, kept) == 0 ? kept : NULL;
}

/* The snapshot of META m's questionnaire-sha256 (which the verifier
 * checked is the SHA-256 of its bytes, qm's) parsed and checked once: the
 * one px->cache lists (interned with qm's bytes when it lists none),
 * parsed the first time it is asked for and kept when good; without a
 * cache, parsed from qm every time. Returns NULL with pa's snapshot set,
 * or the reason. */
static const char *read_snapshot_locked(const zipread_member *qm, const meta *m, const char *qname,
                                        const parse_ctx *px, party_answers *pa)
{
    diag scratch = diag_scratch(px->out), *d = &scratch;
    arena *ar = px->ar;
    snapshot *s = px->cache ? intern_snapshot(px->cache, m->v[META_QUESTIONNAIRE_SHA256], qm->data,
                                              qm->len, ar)
                            : NULL;
    if (s && s->q) {
        pa->snap = s->q;
        pa->qxml = s->xml;
        pa->qxml_len = s->len;
        return NULL;
    }
    questionnaire *q = arena_alloc(ar, sizeof *q);
    if (questionnaire_parse(qname, qm->data, qm->len, ar, d, q) != 0)
        return "its questionnaire snapshot is not a valid questionnaire (see above)";
    if (questionnaire_markdown_check(qname, q, d) != 0)
        return "its questionnaire snapshot has Markdown over the limits (see above)";
    pa->snap = q;
    pa->qxml = s ? s->xml : qm->data;
    pa->qxml_len = qm->len;
    if (s)
        s->q = q;
    return NULL;
}

static const char *read_snapshot(const zipread_member *qm, const meta *m, const char *qname,
                                 const parse_ctx *px, party_answers *pa)
{
    if (!px->cache)
        return read_snapshot_locked(qm, m, qname, px, pa);
    lock_shared();
    const char *why = read_snapshot_locked(qm, m, qname, px, pa);
    unlock_shared();
    return why;
}

/* Why answers a do not fit META m and their snapshot q (reported to d
 * where the questions are concerned), or NULL. */
static const char *answers_misfit(const answers *a, const meta *m, const questionnaire *q, diag *d)
{
    char rev[16];
    snprintf(rev, sizeof rev, "%d", a->revision);
    /* IDP answers name no agreement, and their META says "-" */
    if (strcmp(a->program, m->v[META_PROGRAM]) ||
        strcmp(a->agreement ? a->agreement : "-", m->v[META_AGREEMENT]) ||
        strcmp(a->party, m->v[META_PARTY]) || strcmp(role_name(a->role), m->v[META_ROLE]) ||
        strcmp(rev, m->v[META_REVISION]) || strcmp(a->digest, m->v[META_QUESTIONNAIRE_SHA256]) ||
        strcmp(a->previous ? a->previous : "none", m->v[META_PREVIOUS]))
        return "its answers.xml does not match its META (program, agreement, party, role, "
               "revision, digest or previous)";
    if (strcmp(q->id, a->questionnaire) || strcmp(q->version, a->version))
        return "its answers.xml names another questionnaire than its snapshot";
    if (answers_check_questions(a, q, d) != 0 || answers_check_previous(a, d) != 0)
        return "its answers do not fit its questionnaire snapshot (see above)";
    return NULL;
}

/* Points the fields of pa's answers, parsed into the loader's items arena
 * and fitting (answers_misfit), at strings that outlive that arena: its
 * kept META's and its snapshot's, which they equal, saved and file copied
 * into ar; and says where their bytes were put aside. */
static void keep_fields(party_answers *pa, const stored_bytes *aside, arena *ar)
{
    answers *a = &pa->ans;
    const char *const *v = pa->meta.v;
    a->program = v[META_PROGRAM];
    a->agreement = a->agreement ? v[META_AGREEMENT] : NULL;
    a->party = v[META_PARTY];
    a->digest = v[META_QUESTIONNAIRE_SHA256];
    a->previous = a->previous ? v[META_PREVIOUS] : NULL;
    a->questionnaire = pa->snap->id;
    a->version = pa->snap->version;
    a->saved = arena_strdup(ar, a->saved);
    a->file = arena_strdup(ar, a->file);
    a->items_at = aside;
    a->items_names = pa->snap;
}

/* Reads an answers bundle's answers.xml and snapshot (under prefix; the
 * snapshot through px, read_snapshot) into *pa and checks them against
 * META m and each other (m kept in pa unless pa holds its META already);
 * nothing of the content is needed. Returns NULL when they fit, else the
 * reason (static or in px->ar). */
static const char *parse_party(const zipread_archive *z, const char *prefix, const meta *m,
                               const char *path, const parse_ctx *px, party_answers *pa)
{
    diag scratch = diag_scratch(px->out), *d = &scratch;
    arena *ar = px->ar;
    /* member names and the names messages give them: on the stack, since
     * what they are passed to copies what it keeps */
    char aname[PATH_MAX + 64], qname[PATH_MAX + 64];
    snprintf(aname, sizeof aname, "%sanswers.xml", prefix);
    snprintf(qname, sizeof qname, "%squestionnaire.xml", prefix);
    const zipread_member *am = zipread_find(z, aname), *qm = zipread_find(z, qname);
    if (!am || !qm)
        return "answers.xml or questionnaire.xml is missing";
    if (snprintf(aname, sizeof aname, "%s:%s", path, am->name) >= (int)sizeof aname ||
        snprintf(qname, sizeof qname, "%s:%s", path, qm->name) >= (int)sizeof qname)
        return "its path is too long";
    const char *why = read_snapshot(qm, m, qname, px, pa);
    if (why)
        return why;
    const questionnaire *q = pa->snap;
    const stored_bytes *aside = spool_answers(px, am);
    int revision = pa->ans.revision;
    why = answers_parse(aname, am->data, am->len, q, &pa->ans, aside ? px->items : ar, d) != 0
              ? "its answers.xml is not a valid answers file (see above)"
              : answers_misfit(&pa->ans, m, q, d);
    if (why) {
        if (aside) /* nothing left pointing into items */
            pa->ans = (answers){.revision = revision};
        return why;
    }
    pa->path = path;
    if (!pa->meta.v[0]) /* parse_answers: read_bundle kept it already */
        meta_keep(ar, m, &pa->meta);
    if (aside)
        keep_fields(pa, aside, ar);
    return NULL;
}

/* parse_party of a bundle L reads, and the answers are for this program. */
static const char *read_party(loader *L, const zipread_archive *z, const char *prefix,
                              const meta *m, const char *path, party_answers *pa)
{
    const content *c = L->c;
    parse_ctx px = {L->ar, &L->bs->snapshots, L->d, L->items ? L->bs : NULL, L->items};
    const char *why = parse_party(z, prefix, m, path, &px, pa);
    if (!why && strcmp(pa->ans.program, c->program.id))
        return arena_printf(L->ar, "it is for program '%s', not '%s'", pa->ans.program,
                            c->program.id);
    return why;
}

agreement_info *fit_content(loader *L, const meta *m, const char **why)
{
    const content *c = L->c;
    arena *ar = L->ar;
    if (strcmp(m->v[META_PROGRAM], c->program.id)) {
        *why = arena_printf(ar, "it is for program '%s', not this program", m->v[META_PROGRAM]);
        return NULL;
    }
    agreement_info *ai = (agreement_info *)bundles_info(L->bs, m->v[META_AGREEMENT]);
    if (!ai) {
        *why = arena_printf(ar, "agreement '%s' is not in people.xml", m->v[META_AGREEMENT]);
        return NULL;
    }
    const agreement *ag = ai->ag;
    if (!strcmp(m->v[META_KIND], "agreement")) {
        const char *want = arena_printf(ar, "%s,%s", ag->mentee, ag->mentor);
        if (strcmp(m->v[META_PARTY], want)) {
            *why = arena_printf(ar, "its parties are not the agreement's mentee and mentor (%s)",
                                want);
            return NULL;
        }
        return ai;
    }
    const char *want = !strcmp(m->v[META_ROLE], "mentor") ? ag->mentor : ag->mentee;
    if (strcmp(m->v[META_PARTY], want)) {
        *why = arena_printf(ar, "its party is not the agreement's %s", m->v[META_ROLE]);
        return NULL;
    }
    return ai;
}

/* The members of z under prefix, named without it: a view into z's data
 * (arrays in ar; z must outlive it). */
static zipread_archive *embedded_archive(const zipread_archive *z, const char *prefix, arena *ar)
{
    size_t pl = strlen(prefix), n = 0;
    zipread_archive *out = arena_alloc(ar, sizeof *out);
    out->members = arena_alloc(ar, (z->n ? z->n : 1) * sizeof *out->members);
    for (size_t i = 0; i < z->n; i++)
        if (!strncmp(z->members[i].name, prefix, pl))
            out->members[n++] = (zipread_member){arena_strdup(ar, z->members[i].name + pl),
                                                 z->members[i].data, z->members[i].len};
    out->n = n;
    return out;
}

/* Parses both parties' answers embedded in agreement archive z (META am)
 * into out[0] (mentee) and out[1] (mentor), each with a z view into z. */
static const char *parse_embedded(const zipread_archive *z, const meta *am, const char *path,
                                  const parse_ctx *px, party_answers *out[2])
{
    arena *ar = px->ar;
    const char *comma = strchr(am->v[META_PARTY], ',');
    if (!comma)
        return "its META names no two parties";
    const char *ids[2] = {arena_strndup(ar, am->v[META_PARTY], (size_t)(comma - am->v[META_PARTY])),
                          comma + 1};
    for (int p = 0; p < 2; p++) {
        char err[VERR_MAX];
        const char *prefix = arena_printf(ar, "parties/%s/", ids[p]);
        const zipread_member *mm = zipread_find(z, arena_printf(ar, "%sMETA", prefix));
        party_answers *pa = arena_alloc(ar, sizeof *pa);
        meta pm;
        if (!mm || meta_parse(mm->data, mm->len, &pm, err))
            return "its parties' META cannot be read";
        const char *w = parse_party(z, prefix, &pm, path, px, pa);
        if (w)
            return w;
        pa->z = embedded_archive(z, prefix, px->items ? px->items : ar);
        bundle_digest(pa->z, pa->digest);
        out[p] = pa;
    }
    return NULL;
}

const char *bundles_read_view(const zipread_archive *z, const meta *am, const char *path, arena *ar,
                              agreement_view *v)
{
    party_answers *parts[2];
    parse_ctx px = {ar, NULL, NULL, NULL, NULL};
    const char *why = parse_embedded(z, am, path, &px, parts);
    if (why)
        return why;
    v->agreement = am->v[META_AGREEMENT];
    v->mentee = parts[0]->meta.v[META_PARTY];
    v->mentor = parts[1]->meta.v[META_PARTY];
    v->revision = am->v[META_REVISION];
    v->questionnaire = am->v[META_QUESTIONNAIRE];
    v->created = am->v[META_CREATED];
    v->previous = am->v[META_PREVIOUS];
    v->snapshot = parts[1]->snap;
    v->mentee_answers = &parts[0]->ans;
    v->mentor_answers = &parts[1]->ans;
    return NULL;
}

const char *read_embedded(loader *L, agreement_info *ai, const zipread_archive *z, const char *path,
                          party_answers *out[2])
{
    const zipread_member *mm = zipread_find(z, "META");
    char err[VERR_MAX];
    meta am;
    if (!mm || meta_parse(mm->data, mm->len, &am, err))
        return "its META cannot be read";
    parse_ctx px = {L->ar, &L->bs->snapshots, L->d, L->items ? L->bs : NULL, L->items};
    const char *why = parse_embedded(z, &am, path, &px, out);
    (void)ai; /* META's parties are the agreement's: fit_content checked */
    if (!why && strcmp(out[0]->ans.program, L->c->program.id))
        why = arena_printf(L->ar, "it is for program '%s', not '%s'", out[0]->ans.program,
                           L->c->program.id);
    return why;
}

/* An IDP answers bundle (verified file v; META m): the answers of a mentee
 * of this program, on the program's IDP questionnaire, kept with where
 * their file is (read again, and checked, where it is shown). v's archive is kept in the set when
 * it fits (v->z_taken). */
static read_outcome read_idp(loader *L, verified_file *v, const meta *m, answers_in *ans,
                             const char **why)
{
    bundle_set *bs = L->bs;
    const content *c = L->c;
    const char *path = v->path;
    const person *who = content_person(c, m->v[META_PARTY]);
    if (strcmp(m->v[META_PROGRAM], c->program.id))
        *why = arena_printf(L->ar, "it is for program '%s', not this program", m->v[META_PROGRAM]);
    else if (!c->program.idp_enabled || !c->program.idp_questionnaire)
        *why = "it is an individual development plan, and this program has none";
    else if (!who || !who->is_mentee)
        *why = arena_printf(L->ar, "its party '%s' is no mentee in people.xml", m->v[META_PARTY]);
    zipread_archive *k = *why ? NULL : keep_archive(bs, &v->z);
    if (!k) {
        if (!*why)
            *why = "out of memory";
        return READ_REFUSED;
    }
    v->z_taken = 1;
    party_answers *pa = arena_alloc(L->ar, sizeof *pa);
    *why = read_party(L, k, "", m, path, pa);
    if (!*why && strcmp(pa->ans.questionnaire, c->program.idp_questionnaire))
        *why = arena_printf(L->ar, "it answers questionnaire '%s', not the program's IDP ('%s')",
                            pa->ans.questionnaire, c->program.idp_questionnaire);
    if (*why)
        return READ_REFUSED;
    pa->path = path;
    pa->z = k;
    bundle_digest(k, pa->digest);
    stored_bytes *file = arena_alloc(L->ar, sizeof *file);
    stored_file(path, v->len, v->file_hash, file);
    pa->file = file;
    ans->pa = pa;
    ans->ai = NULL;
    ans->kept = k;
    return READ_IDP;
}

/* Points the questionnaire.xml members of z (a bundle kept in the set,
 * META m: an answers bundle's, and an agreement's own and each party's,
 * whose SHA-256 the verifier checked is the same) at the set's one copy of
 * those bytes, interned here, and frees z's own: most bundles carry one of
 * a few snapshots, which are parsed when their answers are.
 * release_archive undoes it. */
static void share_snapshots(loader *L, zipread_archive *z, const char *snapshot_sha256)
{
    const zipread_member *qm = zipread_find(z, "questionnaire.xml");
    if (!qm)
        return;
    lock_shared();
    const snapshot *s =
        intern_snapshot(&L->bs->snapshots, snapshot_sha256, qm->data, qm->len, L->ar);
    unlock_shared(); /* a snapshot's bytes, once listed, never change */
    for (size_t i = 0; i < z->n; i++) {
        zipread_member *mb = &z->members[i];
        const char *base = strrchr(mb->name, '/');
        base = base ? base + 1 : mb->name;
        if (!strcmp(base, "questionnaire.xml") && mb->data != s->xml && mb->len == s->len &&
            !memcmp(mb->data, s->xml, s->len)) {
            free(mb->data);
            mb->data = (unsigned char *)s->xml;
        }
    }
}

/* With BUNDLES_STATE_ONLY, empties z (kept in the set), which read_bundle
 * is done with, until unpack_again: 1; else 0. */
static int set_aside(loader *L, zipread_archive *z)
{
    if (!(L->flags & BUNDLES_STATE_ONLY))
        return 0;
    release_archive(L->bs, z);
    return 1;
}

/* With a ledger, validity by index order (ledger_check_report): 0, and a
 * warning when a signature is not in the index yet; or -1 with why set. */
static int in_order(loader *L, const char *path, const bundle_report *rep, const char **why)
{
    const ledger_state *lg = &L->bs->ledger;
    char err[VERR_MAX];
    if (!lg->present)
        return 0;
    if (ledger_check_report(&lg->roster, &lg->ix, 0, rep, err)) {
        *why = arena_strdup(L->ar, err);
        return -1;
    }
    if (!(L->flags & BUNDLES_INDEXING) && ledger_check_report(&lg->roster, &lg->ix, 1, rep, err))
        diag_warn(L->d, path, 0, "%s, yet: run accord index -s PROGRAM.key", err);
    return 0;
}

/* Chains the bundle file at path, whose bytes hash to file_hash, into
 * what agreement ai's pages are made from (bundles_inputs). */
static void note_input(agreement_info *ai, const char *path,
                       const unsigned char file_hash[BUNDLES_INPUTS_BYTES])
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, BUNDLES_INPUTS_BYTES);
    crypto_generichash_update(&h, ai->inputs, BUNDLES_INPUTS_BYTES);
    crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
    crypto_generichash_update(&h, file_hash, BUNDLES_INPUTS_BYTES);
    crypto_generichash_final(&h, ai->inputs, BUNDLES_INPUTS_BYTES);
}

read_outcome read_bundle(loader *L, verified_file *v, copy_in *copy, answers_in *ans,
                         const char **why)
{
    bundle_set *bs = L->bs;
    const char *path = v->path;
    if (v->read_errno) {
        errno = v->read_errno;
        if (errno != EFBIG)
            return READ_UNREADABLE;
        *why = "it is larger than a bundle can be";
        return READ_REFUSED;
    }
    if (v->outcome == BUNDLE_INVALID) {
        *why = arena_strdup(L->ar, v->rep.reason);
        return READ_REFUSED;
    }
    if (in_order(L, path, &v->rep, why))
        return READ_REFUSED;
    meta m = v->rep.meta;
    if (!strcmp(m.v[META_AGREEMENT], "-")) {
        read_outcome r = read_idp(L, v, &m, ans, why);
        const person *mentee = r == READ_IDP ? content_person(L->c, m.v[META_PARTY]) : NULL;
        for (size_t k = 0; mentee && k < mentee->n_agreements; k++)
            note_input(&bs->info[mentee->agreements[k]], path, v->file_hash);
        return r;
    }
    agreement_info *ai = fit_content(L, &m, why);
    if (ai)
        note_input(ai, path, v->file_hash);
    zipread_archive *k = ai ? keep_archive(bs, &v->z) : NULL;
    if (!k) {
        if (ai)
            *why = "out of memory";
        return READ_REFUSED;
    }
    v->z_taken = 1;
    int revision = atoi(m.v[META_REVISION]);
    if (!strcmp(m.v[META_KIND], "agreement")) {
        memset(copy, 0, sizeof *copy);
        copy->path = path;
        copy->ai = ai;
        copy->revision = revision;
        copy->z = k;
        meta_keep(L->ar, &m, &copy->meta);
        copy->outcome = v->outcome;
        memcpy(copy->digest, v->rep.digest, sizeof copy->digest); /* SHA-256 of its MANIFEST */
        share_snapshots(L, k, m.v[META_QUESTIONNAIRE_SHA256]);
        memcpy(copy->file_hash, v->file_hash, sizeof copy->file_hash);
        copy->file_len = v->len;
        if (v->canonical) {
            copy->canonical = 1;
            copy->countersigs = countersigs_keep(L->ar, &v->rep, &copy->n_countersigs);
        }
        copy->set_aside = set_aside(L, k);
        return READ_COPY;
    }
    arena *records = L->records ? L->records : L->ar;
    party_answers *pa = arena_alloc(records, sizeof *pa);
    pa->in_records = L->records != NULL;
    pa->z = k;
    pa->path = path;
    meta_keep(records, &m, &pa->meta);
    pa->ans.revision = revision; /* META's, which answers.xml must repeat */
    memcpy(pa->digest, v->rep.digest, sizeof pa->digest);
    share_snapshots(L, k, m.v[META_QUESTIONNAIRE_SHA256]);
    if (!L->parse_later && (*why = parse_answers(L, pa)))
        return READ_REFUSED;
    memset(ans, 0, sizeof *ans);
    ans->pa = pa;
    ans->ai = ai;
    ans->kept = k;
    memcpy(ans->file_hash, v->file_hash, sizeof ans->file_hash);
    ans->set_aside = L->parse_later && set_aside(L, k);
    return READ_ANSWERS;
}

int unpack_again(loader *L, const char *path, const unsigned char *file_hash,
                 const char *snapshot_sha256, zipread_archive *z)
{
    unsigned char *buf, hash[BUNDLES_INPUTS_BYTES];
    size_t len;
    char err[VERR_MAX];
    if (read_file(path, ZIPREAD_FILE_MAX, &buf, &len) != 0) {
        diag_io(L->d, path, "cannot read it again: %s", vu_read_error(errno));
        return -1;
    }
    bytes_sha256(buf, len, hash);
    int same = sodium_memcmp(hash, file_hash, sizeof hash) == 0;
    int rc = same ? zipread_mem(buf, len, z, err) : -1;
    free(buf);
    if (rc) {
        zipread_release(z);
        diag_io(L->d, path, "%s: run accord again", same ? err : "it changed while accord read it");
        return -1;
    }
    share_snapshots(L, z, snapshot_sha256);
    return 0;
}

const char *parse_answers(loader *L, party_answers *pa)
{
    meta m;
    meta_expand(&pa->meta, &m);
    return read_party(L, pa->z, "", &m, pa->path, pa);
}

/* Interns, as the snapshot with SHA-256 sha256 (hex), agreement ag's
 * effective questionnaire as the content builds it today, when its bytes
 * have that SHA-256: the bytes the parties signed, found without reading
 * their files. Returns the set's snapshot, or NULL. */
static const snapshot *content_snapshot(const loader *L, const agreement *ag, const char *sha256)
{
    arena scratch = ARENA_INIT;
    effective eff;
    const snapshot *s = NULL;
    if (ag && effective_build(L->c, ag, &scratch, &eff) == 0 && !strcmp(eff.digest, sha256)) {
        lock_shared();
        s = intern_snapshot(&L->bs->snapshots, sha256, eff.xml, eff.xml_len, L->ar);
        unlock_shared();
    }
    arena_release(&scratch);
    return s;
}

/* Points pa (a party of agreement ag) at its snapshot (META's
 * questionnaire-sha256) when the set holds its bytes, or the content's
 * effective questionnaire for ag has them (content_snapshot), parsed once
 * (read_snapshot): 1, else 0. */
static int known_snapshot(const loader *L, const agreement *ag, party_answers *pa)
{
    const char *sha256 = pa->meta.v[META_QUESTIONNAIRE_SHA256];
    lock_shared();
    const snapshot *s = find_snapshot(L->bs->snapshots, sha256);
    unlock_shared();
    if (!s)
        s = content_snapshot(L, ag, sha256);
    zipread_member qm = {"questionnaire.xml", s ? (unsigned char *)s->xml : NULL, s ? s->len : 0};
    char qname[PATH_MAX + 64];
    meta m;
    meta_expand(&pa->meta, &m);
    parse_ctx px = {L->ar, &L->bs->snapshots, L->d, NULL, NULL};
    return s && snprintf(qname, sizeof qname, "%s:%s", pa->path, qm.name) < (int)sizeof qname &&
           !read_snapshot(&qm, &m, qname, &px, pa);
}

/* What parse_party gives pa (a party of agreement ag; its META and path
 * set, its digest too when embedded) when the last build parsed its
 * answers and found them fit (note), without reading its file: the fields
 * its META and snapshot give, the time saved and line noted, and the
 * answers set aside as the file's member (answers.xml, or an embedded
 * party's), read where a page shows them and checked against the noted
 * SHA-256. 0, or -1 when the answers cannot be set aside or their
 * snapshot is not known (known_snapshot): parse them then. */
static int take_party(loader *L, const agreement *ag, party_answers *pa, const char *member,
                      const parsed_party *note)
{
    if (!L->items || !known_snapshot(L, ag, pa))
        return -1;
    stored_bytes *aside = arena_alloc(L->ar, sizeof *aside);
    stored_member(pa->path, member, note->answers_len, note->answers_sha, aside);
    answers *ans = &pa->ans;
    const char *const *v = pa->meta.v;
    ans->role = strcmp(v[META_ROLE], "mentor") ? ROLE_MENTEE : ROLE_MENTOR;
    ans->revision = atoi(v[META_REVISION]);
    ans->agreement = v[META_AGREEMENT];
    ans->previous = strcmp(v[META_PREVIOUS], "none") ? v[META_PREVIOUS] : NULL;
    ans->saved = note->saved;
    ans->line = note->line;
    ans->file = arena_printf(L->ar, "%s:%s", pa->path, member);
    ans->answers = NULL;
    ans->n_answers = 0;
    keep_fields(pa, aside, L->ar);
    return 0;
}

int copy_noted(loader *L, const copy_in *cp, agreement_rev *rev)
{
    parsed_party note[2];
    party_answers *parts[2];
    const agreement *ag = cp->ai->ag;
    if (!cp->canonical || !parsed_find(L, cp->name, cp->file_hash, note, 2))
        return -1;
    for (int p = 0; p < 2; p++) /* an embedded party's own: an answers file's "-" will not do */
        if (strlen(note[p].digest) != 64 || !strcmp(note[p].created, "-"))
            return -1;
    for (int p = 0; p < 2; p++) {
        const char *id = p ? ag->mentor : ag->mentee;
        meta m;
        meta_expand(&cp->meta, &m);
        snprintf(m.v[META_KIND], sizeof m.v[META_KIND], "answers");
        snprintf(m.v[META_ROLE], sizeof m.v[META_ROLE], "%s", p ? "mentor" : "mentee");
        snprintf(m.v[META_PARTY], sizeof m.v[META_PARTY], "%s", id);
        memcpy(m.v[META_CREATED], note[p].created, sizeof m.v[META_CREATED]);
        party_answers *pa = parts[p] = arena_alloc(L->ar, sizeof *pa);
        memset(pa, 0, sizeof *pa);
        meta_keep(L->ar, &m, &pa->meta);
        pa->path = cp->path;
        memcpy(pa->digest, note[p].digest, sizeof pa->digest);
        if (take_party(L, ag, pa, arena_printf(L->ar, "parties/%s/answers.xml", id), &note[p]) != 0)
            return -1;
    }
    memset(rev, 0, sizeof *rev);
    rev->revision = cp->revision;
    rev->source = cp->path;
    stored_bytes *kept = arena_alloc(L->ar, sizeof *kept);
    stored_file(cp->path, cp->file_len, cp->file_hash, kept);
    rev->bundle = kept;
    rev->outcome = cp->outcome;
    rev->digest = arena_strdup(L->ar, cp->digest);
    rev->meta = cp->meta;
    rev->countersigs = cp->countersigs;
    rev->n_countersigs = cp->n_countersigs;
    rev->mentee = parts[0];
    rev->mentor = parts[1];
    rev->facts = content_agreement_facts(L->c, ag);
    return 0;
}

int answers_unpacked(loader *L, answers_in *a)
{
    if (!a->set_aside)
        return 0;
    if (unpack_again(L, a->pa->path, a->file_hash, a->pa->meta.v[META_QUESTIONNAIRE_SHA256],
                     a->kept) != 0)
        return -1;
    a->set_aside = 0;
    return 0;
}

const char *fit_answers(loader *L, answers_in *a, int *failed)
{
    parsed_party note;
    if (parsed_find(L, a->name, a->file_hash, &note, 1) &&
        take_party(L, a->ai ? a->ai->ag : NULL, a->pa, "answers.xml", &note) == 0) {
        a->parsed = PARSED_TAKEN;
        return NULL;
    }
    if (answers_unpacked(L, a) != 0) {
        *failed = 1;
        return NULL;
    }
    const char *why = parse_answers(L, a->pa);
    a->parsed = why ? PARSED_NO : PARSED_HERE;
    return why;
}
