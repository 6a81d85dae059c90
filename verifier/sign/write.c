/* write.c - writing bundle members (META, MANIFEST) and deterministic
 * stored zips (libzip), and answers bundles signed with minisign's "ED"
 * algorithm. */
#include "accord_sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "verify.h"

char *meta_format(const meta *m, size_t *len)
{
    size_t cap = 1, pos = 0;
    char *buf;
    for (int k = 0; k < META_NFIELDS; k++)
        cap += strlen(meta_keys[k]) + 3 + strlen(m->v[k]);
    buf = malloc(cap);
    if (!buf)
        return NULL;
    for (int k = 0; k < META_NFIELDS; k++)
        pos += (size_t)snprintf(buf + pos, cap - pos, "%s: %s\n", meta_keys[k], m->v[k]);
    *len = pos;
    return buf;
}

static int cmp_index(const void *a, const void *b, void *names)
{
    const char *const *nm = names;
    return strcmp(nm[*(const size_t *)a], nm[*(const size_t *)b]);
}

/* A small insertion sort keeps this free of qsort_r portability questions. */
static void sort_indexes(size_t *idx, size_t n, const char *const *names)
{
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && cmp_index(&idx[k - 1], &idx[k], (void *)names) > 0; k--) {
            size_t t = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = t;
        }
}

int manifest_format(const char *const *names, const unsigned char *const *data, const size_t *lens,
                    size_t n, char **out, size_t *outlen)
{
    size_t *idx = malloc((n ? 2 * n : 1) * sizeof *idx), *at = idx + n, cap = 1, pos = 0;
    char *buf;
    if (!idx)
        return -1;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        cap += 67 + strlen(names[i]);
    }
    sort_indexes(idx, n, names);
    buf = malloc(cap);
    if (!buf) {
        free(idx);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k], nl = strlen(names[i]);
        if (k > 0 && !strcmp(names[idx[k - 1]], names[i])) {
            free(idx);
            free(buf);
            return -1;
        }
        /* a member with the bytes of one before it (an agreement carries
         * three copies of its questionnaire snapshot) takes its digest */
        size_t same = 0;
        while (same < k && !(lens[idx[same]] == lens[i] &&
                             (!lens[i] || !memcmp(data[idx[same]], data[i], lens[i]))))
            same++;
        if (same < k)
            memcpy(buf + pos, buf + at[same], 64);
        else
            manifest_sha256(data[i], lens[i], buf + pos);
        at[k] = pos;
        memcpy(buf + pos + 64, "  ", 2);
        memcpy(buf + pos + 66, names[i], nl);
        buf[pos + 66 + nl] = '\n';
        pos += 67 + nl;
    }
    buf[pos] = '\0';
    free(idx);
    *out = buf;
    *outlen = pos;
    return 0;
}

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
    /* DOS times are local times to libzip's mtime setter: the fields are
     * made here from UTC, so bytes never depend on where a bundle is made */
    struct tm tm;
    time_t tt = (time_t)mtime;
    gmtime_r(&tt, &tm);
    zip_uint16_t dtime = (zip_uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
    zip_uint16_t ddate = (zip_uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
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
                   zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) ||
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
    char *meta_text = NULL, *manifest_text = NULL, *sig = NULL, tc[META_COMMENT_MAX], signame[128];
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
    meta_trusted_comment(m, tc);
    if (!meta_text)
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
    return rc;
}
