/* bundle_write.c - writing bundles: deterministic stored zips (libzip) and
 * answers bundles signed with minisign's "ED" algorithm. */
#include "bundle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "manifest.h"

enum {
    DOS_TIME_MIN = 315532800, /* 1980-01-01T00:00:00Z */
};
#define DOS_TIME_MAX 4354819199LL /* 2107-12-31T23:59:59Z */

/* Reads the whole written archive back out of the in-memory source. */
static int source_contents(zip_source_t *src, unsigned char **out, size_t *outlen, char *err)
{
    zip_stat_t st;
    unsigned char *buf;
    if (zip_source_open(src) < 0) {
        verr(err, "libzip: cannot reopen the archive written");
        return -1;
    }
    zip_stat_init(&st);
    if (zip_source_stat(src, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) ||
        !(buf = malloc(st.size ? st.size : 1))) {
        zip_source_close(src);
        verr(err, "libzip: cannot size the archive written");
        return -1;
    }
    if (zip_source_read(src, buf, st.size) != (zip_int64_t)st.size) {
        zip_source_close(src);
        free(buf);
        verr(err, "libzip: cannot read back the archive written");
        return -1;
    }
    zip_source_close(src);
    *out = buf;
    *outlen = st.size;
    return 0;
}

int bundle_zip_write(const zipread_member *m, size_t n, long long mtime, unsigned char **out,
                     size_t *outlen, char *err)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    int rc = 0;
    if (mtime < DOS_TIME_MIN)
        mtime = DOS_TIME_MIN;
    if (mtime > DOS_TIME_MAX)
        mtime = DOS_TIME_MAX;
    /* libzip writes DOS times in local time: fix the zone so bytes never
     * depend on where the bundle is made. */
    setenv("TZ", "UTC0", 1);
    tzset();
    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        verr(err, "libzip: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!za) {
        verr(err, "libzip: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        zip_source_free(src);
        return -1;
    }
    zip_error_fini(&ze);
    for (size_t i = 0; i < n && rc == 0; i++) {
        zip_source_t *s = zip_source_buffer(za, m[i].data, m[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(za, m[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(s);
            rc = -1;
        } else if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) ||
                   zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)mtime, 0) ||
                   zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                                    0100644u << 16)) {
            rc = -1;
        }
        if (rc)
            verr(err, "libzip: cannot add %s: %s", m[i].name, zip_strerror(za));
    }
    if (rc) {
        zip_discard(za);
        zip_source_free(src);
        return -1;
    }
    if (zip_close(za) < 0) {
        verr(err, "libzip: cannot write the archive: %s", zip_strerror(za));
        zip_discard(za);
        zip_source_free(src);
        return -1;
    }
    rc = source_contents(src, out, outlen, err);
    zip_source_free(src);
    return rc;
}

int bundle_answers_write(const meta *m, const unsigned char *answers, size_t answers_len,
                         const unsigned char *questionnaire, size_t questionnaire_len,
                         const ms_seckey *sk, unsigned char **out, size_t *outlen, char *err)
{
    char *meta_text = NULL, *manifest_text = NULL, *sig = NULL, *tc = NULL, signame[128];
    size_t meta_len = 0, manifest_len = 0;
    long long created;
    int rc = -1;
    if (meta_check(m, err))
        return -1;
    if (strcmp(m->v[META_KIND], "answers")) {
        verr(err, "META kind is not answers");
        return -1;
    }
    created = meta_time_parse(m->v[META_CREATED]);
    snprintf(signame, sizeof signame, "signatures/%.80s.minisig", m->v[META_PARTY]);
    meta_text = meta_format(m, &meta_len);
    tc = meta_trusted_comment(m);
    if (!meta_text || !tc)
        goto oom;
    {
        const char *names[] = {"META", "answers.xml", "questionnaire.xml"};
        const unsigned char *data[] = {(unsigned char *)meta_text, answers, questionnaire};
        const size_t lens[] = {meta_len, answers_len, questionnaire_len};
        if (manifest_format(names, data, lens, 3, &manifest_text, &manifest_len))
            goto oom;
    }
    sig = ms_sign(sk, (unsigned char *)manifest_text, manifest_len, tc, 0);
    if (!sig)
        goto oom;
    {
        zipread_member members[] = {
            {"META", (unsigned char *)meta_text, meta_len},
            {"answers.xml", (unsigned char *)answers, answers_len},
            {"questionnaire.xml", (unsigned char *)questionnaire, questionnaire_len},
            {"MANIFEST", (unsigned char *)manifest_text, manifest_len},
            {signame, (unsigned char *)sig, strlen(sig)},
        };
        rc = bundle_zip_write(members, sizeof members / sizeof *members, created, out, outlen, err);
    }
    goto done;
oom:
    verr(err, "out of memory");
done:
    free(meta_text);
    free(manifest_text);
    free(sig);
    free(tc);
    return rc;
}
