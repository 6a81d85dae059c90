/* build.c - accord build: check the content, then write the site.
 *
 * Order matters for "a failed build loses nothing": the content is loaded
 * and checked first (problems: exit 1, nothing written), then the theme,
 * then every page whose bytes are new is written into a temporary
 * directory beside the target, and put in place only when every page and
 * asset has been written (base.h's site writer).
 * The signing kit is made from the theme before any page is rendered, so
 * that its SHA-256 is known to every page that shows it.
 */
#include <limits.h>
#include <errno.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accord_sign.h"
#include "base.h"
#include "bundles.h"
#include "cmd.h"
#include "content.h"
#include "impl.h"
#include "render.h"

enum { OPT_CONTENT, OPT_OUTPUT, OPT_STRICT, OPT_SKIP_UNREADABLE, N_OPTIONS };

static const option_spec build_options[N_OPTIONS] = {
    [OPT_CONTENT] = {"-C", "DIR",
                     "the content directory (default: content); the working directory does not "
                     "change"},
    [OPT_OUTPUT] = {"-o", "DIR",
                    "the site root (default: site): DIR/public is what to publish, "
                    "DIR/private is for the admin and the parties only"},
    [OPT_STRICT] = {"--strict", NULL,
                    "exit 1 when any bundle is refused, or an agreement's open revision was "
                    "answered against an earlier version of its questionnaire (the site is "
                    "written all the same)"},
    [OPT_SKIP_UNREADABLE] = {"--skip-unreadable", NULL,
                             "build even when a key or bundle cannot be read, leaving it out "
                             "(each is named); without it nothing is written then"},
};

const command_spec build_spec = {
    .name = "build",
    .summary = "check the content, then write the static site",
    .synopsis = "build [-C DIR] [-o DIR] [--strict] [--skip-unreadable]",
    .description =
        "Checks the content directory as 'accord check' does, verifies every bundle of "
        "bundles/ against keys/, then writes the static site: the public pages (guide, "
        "forms, dashboard) and the private pages of answers, mentor reviews and agreements, "
        "with the agreement bundles beside them, and public/signing-kit.zip, the signing kit "
        "(the same bytes for every program built with this accord and theme).\n\n"
        "Nothing is written when the content has problems or when a key or bundle cannot be "
        "read: a bundle signed with a key left out would show as not started. The new site "
        "replaces the old one only once every page is written. The site root must be new, "
        "empty, or hold only accord's public and private folders and its cache .accord-cache, "
        "and must not lie inside the content directory. A rebuild renders only the pages "
        "whose inputs changed; any change outside bundles/ renders every page (in keys/, only "
        "a change to the keys it loads). With the program secret, the cache also keeps a tag, "
        "keyed by the secret, per Ed25519 check of a "
        "signature that passed (two per signature); the next build takes a check with such a "
        "tag as passed and says how many it took; and what verifying each bundle file found, "
        "which the next build takes, unread, for a file that still has the inode, size and "
        "times it had (a file changed shortly before it was read is verified again). A bundle "
        "that "
        "does not verify, does not fit the content or the order of revisions, or whose page "
        "differs from its answers is reported and never shown. An agreement whose open revision "
        "was answered against its questionnaire as it "
        "was before an edit is a warning at its line of people.xml, saying how to move it to "
        "the new version.",
    .operands = "",
    .min_operands = 0,
    .max_operands = 0,
    .exit_status = "0 the site was written; 1 the content is wrong (or, with --strict, a "
                   "bundle was refused or an agreement was answered before its questionnaire "
                   "changed); 2 a usage or I/O error.",
    .options = build_options,
    .n_options = N_OPTIONS,
};

typedef struct build_state {
    const render_ctx *rc;
    const page_job *jobs;
    site_writer *w;
    page_key *keys; /* one per job */
    diag *d;        /* one per thread */
    size_t *kept;   /* one per thread: pages taken from the live site unrendered */
} build_state;

static void put_site_file(void *to, const void *bytes, size_t len)
{
    site_put(to, bytes, len);
}

/* Renders job i on thread w (run_parallel) straight into its file. Each
 * page is its own file, so the order pages finish in never shows in the
 * output. */
static int build_one(void *ctx, size_t w, size_t i)
{
    build_state *st = ctx;
    if (build_cache_keep(st->w, st->jobs[i].path, &st->keys[i])) {
        st->kept[w]++;
        return 0;
    }
    site_file *f = site_open(st->w, st->jobs[i].path, &st->d[w]);
    if (!f)
        return -1;
    page_sink out = {put_site_file, f};
    if (render_job(st->rc, &st->jobs[i], &out, &st->d[w]) != 0) {
        site_cancel(f);
        return -1;
    }
    return site_close(f, &st->d[w]);
}

/* Renders and writes every job, but those the live site holds unchanged
 * (keys listed); *kept counts those. Small sites, where starting threads
 * costs more than it saves, take one thread. 0, or -1 after reporting to
 * d. */
static int render_all(const render_ctx *rc, const page_job *jobs, size_t n, page_key *keys,
                      site_writer *w, size_t *kept, diag *d)
{
    size_t nt = n < 32 ? 1 : worker_threads();
    build_state st = {.rc = rc, .jobs = jobs, .w = w, .keys = keys};
    st.d = calloc(nt, sizeof *st.d);
    st.kept = calloc(nt, sizeof *st.kept);
    if (!st.d || !st.kept) {
        free(st.d);
        free(st.kept);
        diag_io(d, NULL, "out of memory");
        return -1;
    }
    int failed = run_parallel(n, nt, build_one, &st);
    *kept = 0;
    for (size_t t = 0; t < nt; t++) {
        diag_merge(d, &st.d[t]);
        *kept += st.kept[t];
    }
    free(st.d);
    free(st.kept);
    return failed;
}

/* With a ledger: public/checkpoint.txt and its .minisig as ledger/ holds
 * them (bundles_load checked both), for anyone to keep and compare. */
static int write_checkpoint(const ledger_state *lg, site_writer *w, diag *d)
{
    static const char *const names[] = {"checkpoint.txt", "checkpoint.txt.minisig"};
    for (int i = 0; lg->present && i < 2; i++) {
        char *path = path_join(lg->dir, names[i]), rel[64];
        unsigned char *buf;
        size_t len;
        int rc = read_file(path, 4096, &buf, &len);
        snprintf(rel, sizeof rel, "public/%s", names[i]);
        if (rc)
            diag_io(d, path, "cannot read it: %s", vu_read_error(errno));
        else {
            rc = site_write(w, rel, buf, len, d);
            free(buf);
        }
        free(path);
        if (rc)
            return -1;
    }
    return 0;
}

/* The program ledger lg as the pages need it (render.h page_ledger), its
 * names and its copies of the index entries in ar; it still points at lg's
 * roster. 0, or -1 after reporting to d (the index key unreadable). */
static int page_ledger_of(const content *c, ledger_state *lg, page_ledger *pl, arena *ar, diag *d)
{
    const char **ag = arena_alloc(ar, (c->n_agreements + 1) * sizeof *ag);
    const char **pe = arena_alloc(ar, (c->n_people + 1) * sizeof *pe);
    char name[70];
    for (size_t i = 0; i < c->n_agreements; i++) {
        if (ledger_name(c, lg, c->agreements[i].id, name, d))
            return -1;
        ag[i] = arena_strdup(ar, name);
    }
    for (size_t i = 0; i < c->n_people; i++) {
        if (ledger_name(c, lg, c->people[i].id, name, d))
            return -1;
        pe[i] = arena_strdup(ar, name);
    }
    *pl = (page_ledger){.roster = &lg->roster, .agreement_names = ag, .person_names = pe};
    render_page_ledger_sort(pl, &lg->ix, ar);
    return 0;
}

/* Writes the bundle bytes b as rel: the live site's file, unread, when
 * the cache lists it with b's key k, else b read back where it is kept. */
static int write_stored(site_writer *w, const char *rel, const stored_bytes *b, page_key *k,
                        diag *d)
{
    if (build_cache_keep(w, rel, k))
        return 0;
    unsigned char *bytes;
    const char *why = stored_read(b, &bytes);
    if (why) {
        diag_io(d, b->path, "cannot read the bundle for %s again: %s", rel, why);
        return -1;
    }
    int rc = site_write(w, rel, bytes, b->len, d);
    free(bytes);
    return rc;
}

/* The agreement bundles (merged or made) that the site holds beside their
 * pages, in ps's order, each with its path and key (in ar); *n of them. */
static cache_file *agreement_files(const program_state *ps, arena *ar, size_t *n)
{
    size_t all = 0;
    for (size_t i = 0; i < ps->n; i++)
        all += ps->agreements[i].n_revs;
    cache_file *files = arena_alloc(ar, (all ? all : 1) * sizeof *files);
    *n = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const agreement_status *st = &ps->agreements[i];
        for (size_t r = 0; r < st->n_revs; r++) {
            if (!st->revs[r].bundle)
                continue;
            cache_file *f = &files[(*n)++];
            f->path =
                arena_printf(ar, AGREEMENTS_DIR "/%s-r%d.accord", st->ag->id, st->revs[r].revision);
            f->bytes = st->revs[r].bundle;
            build_file_key(f->bytes->hash, &f->key);
        }
    }
    return files;
}

/* Writes each of the n agreement bundles of files (agreement_files)
 * beside its page, and with a ledger the kept checkpoint that first listed
 * each revision. */
static int write_bundles(const program_state *ps, site_writer *w, cache_file *files, size_t n,
                         arena *ar, diag *d)
{
    for (size_t i = 0; i < n; i++)
        if (write_stored(w, files[i].path, files[i].bytes, &files[i].key, d) != 0)
            return -1;
    for (size_t i = 0; i < ps->n; i++) {
        const agreement_status *st = &ps->agreements[i];
        for (size_t r = 0; r < st->n_revs; r++) {
            const revision_view *rev = &st->revs[r];
            if (!rev->checkpoint)
                continue;
            /* the checkpoint that first listed it, beside it: never rewritten by later appends */
            const char *cp = arena_printf(ar, "private/agreements/%s-r%d.checkpoint.txt",
                                          st->ag->id, rev->revision);
            if (site_write(w, cp, rev->checkpoint, rev->checkpoint_len, d) != 0 ||
                site_write(w, arena_printf(ar, "%s.minisig", cp), rev->checkpoint_sig,
                           rev->checkpoint_sig_len, d) != 0)
                return -1;
        }
    }
    return 0;
}

/* The signing kit (render.h): its files as a stored zip with every time
 * SIGNING_KIT_MTIME, so that its bytes depend on the theme and accord's
 * version only, and their SHA-256 in hex. Returns 0 and the zip (malloc'd,
 * caller frees), or -1 after reporting to d. */
static int make_signing_kit(const theme *t, unsigned char **zip, size_t *len, char sha256[65],
                            diag *d)
{
    zipread_member *m;
    size_t n;
    char err[VERR_MAX];
    if (render_signing_kit(t, &m, &n, d) != 0)
        return -1;
    int rc = bundle_zip_write(m, n, SIGNING_KIT_MTIME, zip, len, err);
    render_signing_kit_free(m, n);
    if (rc != 0) {
        diag_io(d, SIGNING_KIT_FILE, "cannot write: %s", err);
        return -1;
    }
    manifest_sha256(*zip, *len, sha256);
    return 0;
}

/* Refuses an output directory inside the content directory: the site
 * would be read back as content (or replace it). */
static int output_inside_content(const char *out, const char *dir, diag *d)
{
    int inside = path_inside(out, dir);
    if (inside)
        diag_error(d, out, 0,
                   "is inside the content directory %s: write the site elsewhere with -o", dir);
    return inside;
}

/* Says, for a program without a secret (content c in dir), that it has
 * no personal pages: a warning when names are private, since the forms
 * exist only on personal pages. */
static void warn_no_secret(const content *c, const char *dir, diag *d)
{
    if (c->has_secret)
        return;
    if (!c->program.names_public)
        diag_warn(d, c->program.file, c->program.line,
                  "names are private and the program has no secret, so the site has no "
                  "personal pages and nobody can reach their forms: run 'accord secret -C %s' "
                  "to make one",
                  dir);
    else
        diag_say("the program has no secret, so no personal pages were written: run 'accord "
                 "secret -C %s' to make one",
                 dir);
}

/* Says what loading took from the last build instead of doing it again. */
static void say_taken(const bundle_set *bs)
{
    size_t sigs_checked, sigs_taken;
    bundles_sig_counts(bs, &sigs_checked, &sigs_taken);
    if (sigs_taken)
        diag_say("%zu signature check%s passed; %zu more had passed in the last build and "
                 "were not repeated",
                 sigs_checked, sigs_checked == 1 ? "" : "s", sigs_taken);
    if (bs->checked_taken)
        diag_say("%zu bundle file%s unchanged since the last build verified them, not read "
                 "again unless their bytes are needed",
                 bs->checked_taken, bs->checked_taken == 1 ? "" : "s");
    if (bs->made_taken)
        diag_say("%zu agreement bundle%s made by the last build from the same answers taken "
                 "from the site, not made again (%zu unchanged there since, not read)",
                 bs->made_taken, bs->made_taken == 1 ? "" : "s", bs->made_unread);
    if (bs->parsed_taken)
        diag_say("%zu bundle file%s unchanged since the last build parsed %s answers, not "
                 "parsed again until shown",
                 bs->parsed_taken, bs->parsed_taken == 1 ? "" : "s",
                 bs->parsed_taken == 1 ? "its" : "their");
}

/* What the last build left in the site at out that this build may take:
 * the inputs digest, taken once the keys are loaded, and the cache's
 * tags and lines under it (earlier_from_cache). */
typedef struct from_cache {
    const content *c;
    const theme *t;
    const char *out;
    unsigned char inputs[PAGE_FINGERPRINT_BYTES];
    int have_inputs; /* inputs is the digest of every input */
    sig_tags earlier;
    kept_lines last;
} from_cache;

/* earlier_source.get: the digest of the inputs with keys, then what the
 * cache holds under it, or NULL when it holds nothing to take. */
static const sig_tags *earlier_from_cache(const keyring *keys, void *ctx)
{
    from_cache *fc = ctx;
    fc->have_inputs = build_inputs_digest(fc->c, fc->t, keys, fc->inputs) == 0;
    if (build_cache_tags(fc->out, fc->c, fc->have_inputs ? fc->inputs : NULL, &fc->earlier,
                         &fc->last) != 0)
        return NULL;
    fc->earlier.made_dir = path_join(fc->out, AGREEMENTS_DIR); /* where made_find reads them */
    return &fc->earlier;
}

int cmd_build(int argc, char **argv)
{
    const char *opt[N_OPTIONS] = {0};
    int n_files, code = options_parse(&build_spec, argc, argv, opt, &n_files);
    if (code)
        return code == 1 ? 0 : code;
    const char *dir = opt[OPT_CONTENT] ? opt[OPT_CONTENT] : "content";
    const char *out = opt[OPT_OUTPUT] ? opt[OPT_OUTPUT] : "site";
    int strict = opt[OPT_STRICT] != NULL;
    unsigned flags = BUNDLES_STATE_ONLY | (opt[OPT_SKIP_UNREADABLE] ? BUNDLES_SKIP_UNREADABLE : 0);
    if (!*out || !*dir) {
        diag_say("build: -C and -o need a directory name");
        options_usage_error(&build_spec);
        return 2;
    }

    diag d = DIAG_INIT;
    content c;
    memset(&c, 0, sizeof c);
    if (content_load(dir, &c, &d) != 0 || output_inside_content(out, dir, &d)) {
        content_release(&c);
        diag_say("the content has problems; nothing was written");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    warn_no_secret(&c, dir, &d);
    theme *t = NULL;
    if (render_check_markdown(&c, &d) != 0 ||
        !(t = theme_open(c.program.theme, c.program.file, &d))) {
        content_release(&c);
        diag_say("nothing was written");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    render_init();

    arena ar = ARENA_INIT;
    bundle_set bs;
    from_cache fc = {.c = &c, .t = t, .out = out};
    if (c.has_secret)
        flags |= BUNDLES_NOTE_CHECKED;
    int loaded = bundles_load(&c, &agreement_pages, flags,
                              &(earlier_source){earlier_from_cache, &fc}, &bs, &d);
    const unsigned char *inputs = fc.have_inputs ? fc.inputs : NULL;
    free((void *)fc.earlier.tags);
    free((void *)fc.earlier.made_dir);
    kept_lines_release(&fc.last);
    /* a file taken unread that then failed its placement's check leaves the
     * next build nothing to take: it reads and verifies every file */
    if (loaded != 0 && bs.checked_taken && build_cache_forget(out) != 0)
        diag_warn(&d, out, 0, "cannot remove %s: %s", SITE_CACHE_FILE, strerror(errno));
    if (loaded != 0) {
        bundle_set_release(&bs);
        theme_close(t);
        content_release(&c);
        diag_say("nothing was written: the site in %s was left as it was%s", out,
                 flags & BUNDLES_SKIP_UNREADABLE ? ""
                                                 : " (--skip-unreadable builds without what "
                                                   "cannot be read)");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    say_taken(&bs);
    int changed = warn_questionnaire_changes(&c, &bs.state, &d);
    bundle_set_drop_members(&bs); /* the pages need the views alone */
    page_ledger pl;
    int ledger_read = !bs.ledger.present || page_ledger_of(&c, &bs.ledger, &pl, &ar, &d) == 0;
    ledger_index_release(&bs.ledger.ix); /* the pages have their copies of its entries */
    size_t n_bundle_files, n_jobs = 0, kept = 0;
    cache_file *bundle_files = agreement_files(&bs.state, &ar, &n_bundle_files);
    /* the files the site holds besides its pages: each bundle, with a
     * ledger its checkpoint and their signature, and the theme's assets
     * twice */
    size_t others = n_bundle_files * (bs.ledger.present ? 3 : 1) + 256;
    site_writer w;
    int rc_ = -1, begun = site_begin(&w, out, others, &d) == 0;
    /* the cache's lines of bundle files go to disk first: not held while
     * the pages are planned and rendered */
    FILE *cache = begun ? build_cache_begin(&w, &bs, &c, inputs) : NULL;
    int cache_errno = cache ? 0 : errno;
    sb_release(&bs.checked);
    sb_release(&bs.made);
    sb_release(&bs.parsed);
    /* loading freed much of what it used between what it keeps (the
     * verified files, the archives unpacked, the XML parsed, the index):
     * those pages go back to the system before rendering, which reuses
     * little of them */
    malloc_trim(0);
    render_ctx rc = {.c = &c, .t = t, .ps = &bs.state};
    rc.keys = render_party_keys(&bs.keys, &ar, &rc.n_keys);
    rc.ledger = bs.ledger.present ? &pl : NULL;
    unsigned char *kit = NULL;
    size_t kit_len = 0;
    char kit_sha256[65];
    page_job *jobs = NULL;
    page_key *keys = NULL;
    int prepared = begun && ledger_read &&
                   make_signing_kit(t, &kit, &kit_len, kit_sha256, &d) == 0 &&
                   (rc.guide_titles = render_guide_titles(&c, kit_sha256, &ar, &d)) != NULL;
    int planned = 0, committing = 0;
    if (prepared) {
        rc.kit_sha256 = kit_sha256;
        rc.effectives = effective_build_all(&c, &ar);
        jobs = render_plan(&c, &bs.state, &ar, &n_jobs);
        keys = inputs ? build_page_keys(&c, &bs, jobs, n_jobs, inputs)
                      : calloc(n_jobs ? n_jobs : 1, sizeof *keys);
        if (!keys || site_reserve(&w, n_jobs + others) != 0)
            diag_io(&d, NULL, "out of memory");
        else
            planned = render_plan_check(jobs, n_jobs, &d) == 0;
    }
    if (planned) {
        /* read under the site's lock */
        build_cache_match(out, jobs, keys, n_jobs, bundle_files, n_bundle_files);
        if (site_write(&w, "public/" SIGNING_KIT_FILE, kit, kit_len, &d) == 0 &&
            render_all(&rc, jobs, n_jobs, keys, &w, &kept, &d) == 0 &&
            write_bundles(&bs.state, &w, bundle_files, n_bundle_files, &ar, &d) == 0 &&
            write_checkpoint(&bs.ledger, &w, &d) == 0 && theme_copy_assets(t, &w, &d) == 0) {
            int cache_written = build_cache_finish(cache, &w, jobs, keys, n_jobs, bundle_files,
                                                   n_bundle_files) == 0;
            if (!cache)
                errno = cache_errno;
            cache = NULL; /* closed */
            if (!cache_written)
                diag_warn(&d, out, 0,
                          "cannot write %s (%s): the next build renders every page again",
                          SITE_CACHE_FILE, strerror(errno));
            if (build_cache_forget(out) != 0)
                diag_warn(&d, out, 0, "cannot remove %s: %s", SITE_CACHE_FILE, strerror(errno));
            committing = 1;
            rc_ = site_commit(&w, cache_written ? SITE_CACHE_FILE : NULL, &d);
        }
    }
    if (cache)
        fclose(cache);
    if (begun && !committing)
        site_abort(&w);
    if (begun && !prepared) {
        free(kit);
        bundle_set_release(&bs);
        arena_release(&ar);
        theme_close(t);
        content_release(&c);
        diag_say("nothing was written");
        return diag_exit_code(&d) ? diag_exit_code(&d) : 1;
    }
    if (rc_ != 0)
        diag_say("the site in %s was left as it was", out);
    else if (kept)
        diag_say("wrote %zu pages to %s/public and %s/private (%zu unchanged since the last "
                 "build, taken as they were)",
                 n_jobs, out, out, kept);
    else
        diag_say("wrote %zu pages to %s/public and %s/private", n_jobs, out, out);
    free(keys);
    if (d.refused)
        diag_say("%d bundle%s refused (see above)%s", d.refused, d.refused == 1 ? "" : "s",
                 strict ? "" : "; --strict makes this an error");
    if (changed)
        diag_say("%d agreement%s answered before %s questionnaire changed (see above)%s", changed,
                 changed == 1 ? "" : "s", changed == 1 ? "its" : "their",
                 strict ? "" : "; --strict makes this an error");
    free(kit);
    bundle_set_release(&bs);
    arena_release(&ar);
    theme_close(t);
    content_release(&c);
    code = diag_exit_code(&d);
    if (rc_ == 0 && code == 0 && strict && (d.refused || changed))
        code = 1;
    return rc_ == 0 ? code : (code ? code : 2);
}
