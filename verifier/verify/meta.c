/* meta.c - META: parsing, checking, its trusted comment, and UTC times. */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const meta_keys[META_NFIELDS] = {"format",    "kind",          "program",
                                             "agreement", "revision",      "role",
                                             "party",     "questionnaire", "questionnaire-sha256",
                                             "previous",  "created"};

long long meta_time_parse(const char *s)
{
    struct tm tm = {0};
    char back[21];
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon--;
    long long t = (long long)timegm(&tm);
    /* Only a real time written in the canonical form formats back to itself. */
    return t < 0 || meta_time_format(t, back) || strcmp(back, s) ? -1 : t;
}

int meta_time_format(long long t, char out[21])
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t < 0 || t > 253402300799LL || !gmtime_r(&tt, &tm))
        return -1;
    /* strftime bounds the output where snprintf's %d would need a larger buffer. */
    return strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 20 ? 0 : -1;
}

long long meta_time_add_months(long long t, int months)
{
    struct tm tm;
    time_t tt = (time_t)t;
    if (t < 0 || months < 0 || months > 12000 || !gmtime_r(&tt, &tm))
        return -1;
    int day = tm.tm_mday;
    tm.tm_mon += months;
    t = (long long)timegm(&tm); /* normalizes tm: 31 April becomes 1 May */
    if (tm.tm_mday != day) {    /* past a shorter month's end: its last day */
        tm.tm_mday = 0;
        t = (long long)timegm(&tm);
    }
    return t > 253402300799LL ? -1 : t;
}

/* 1 when s (a C string) has min to max bytes, each one of set. */
static int all_of(const char *s, size_t min, size_t max, const char *set)
{
    size_t n = strlen(s);
    return n >= min && n <= max && strspn(s, set) == n;
}

static int value_ok(const meta *m, int k)
{
    const char *v = m->v[k], *sep = strchr(v, k == META_PARTY ? ',' : '@');
    size_t n = strlen(v);
    int answers = !strcmp(m->v[META_KIND], "answers");
    switch (k) {
    case META_FORMAT:
        return !strcmp(v, "accord-bundle 1");
    case META_KIND:
        return answers || !strcmp(v, "agreement");
    case META_PROGRAM:
        return vu_is_id(v, n);
    case META_AGREEMENT:
        return vu_is_id(v, n) || (answers && !strcmp(v, "-"));
    case META_REVISION:
        return v[0] != '0' && all_of(v, 1, 9, "0123456789");
    case META_ROLE:
        return answers ? (!strcmp(v, "mentee") || !strcmp(v, "mentor")) : !strcmp(v, "agreement");
    case META_PARTY: /* an agreement's: mentee,mentor, two different ids */
        if (answers)
            return vu_is_id(v, n);
        return sep && vu_is_id(v, (size_t)(sep - v)) && vu_is_id(sep + 1, strlen(sep + 1)) &&
               !(strlen(sep + 1) == (size_t)(sep - v) && !memcmp(v, sep + 1, (size_t)(sep - v)));
    case META_QUESTIONNAIRE: /* id@version */
        return sep && vu_is_id(v, (size_t)(sep - v)) &&
               all_of(sep + 1, 1, 32,
                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");
    case META_QUESTIONNAIRE_SHA256:
        return all_of(v, 64, 64, "0123456789abcdef");
    case META_PREVIOUS:
        return !strcmp(v, "none") || all_of(v, 64, 64, "0123456789abcdef");
    case META_CREATED:
        return meta_time_parse(v) >= 0;
    }
    return 0;
}

int meta_check(const meta *m, char *err)
{
    int first = !strcmp(m->v[META_REVISION], "1");
    char shown[4 * META_VALUE_MAX + 8];
    for (int k = 0; k < META_NFIELDS; k++)
        if (!value_ok(m, k))
            return verr(err, "META %s has an invalid value \"%s\"", meta_keys[k],
                        vu_escape(m->v[k], strlen(m->v[k]), shown, sizeof shown));
    /* A review names the agreement it revises, the first revision none; IDP
     * answers (agreement "-") have no agreement to chain, so none. */
    if (!strcmp(m->v[META_AGREEMENT], "-"))
        return strcmp(m->v[META_PREVIOUS], "none")
                   ? verr(err, "META previous must be none for IDP answers (agreement -)")
                   : 0;
    if (first == !strcmp(m->v[META_PREVIOUS], "none"))
        return 0;
    return verr(err,
                first ? "META previous must be none for revision 1"
                      : "META previous must be the digest of the previous revision's agreement "
                        "bundle for revision %s, not none",
                m->v[META_REVISION]);
}

int meta_parse(const unsigned char *buf, size_t len, meta *out, char *err)
{
    const unsigned char *line[META_NFIELDS];
    size_t line_len[META_NFIELDS];
    memset(out, 0, sizeof *out);
    if (len > META_MAX)
        return verr(err, "META is larger than %d bytes", META_MAX);
    if (len == 0 || buf[len - 1] != '\n' ||
        vu_split_lines(buf, len, line, line_len, META_NFIELDS) != META_NFIELDS)
        return verr(err, "META is not %d lines ending in LF (no CR, no NUL)", META_NFIELDS);
    for (int k = 0; k < META_NFIELDS; k++) {
        size_t kl = strlen(meta_keys[k]), vl = line_len[k] - kl - 2;
        if (line_len[k] < kl + 2 || memcmp(line[k], meta_keys[k], kl) ||
            memcmp(line[k] + kl, ": ", 2))
            return verr(err, "META line %d is not '%s: value' (keys in fixed order, each once)",
                        k + 1, meta_keys[k]);
        if (vl > META_VALUE_MAX)
            return verr(err, "META %s is longer than %d bytes", meta_keys[k], META_VALUE_MAX);
        memcpy(out->v[k], line[k] + kl + 2, vl);
    }
    return meta_check(out, err);
}

void meta_trusted_comment(const meta *m, char out[META_COMMENT_MAX])
{
    /* each field: a space, a key of at most 20 bytes, "=" and its value */
    size_t pos = (size_t)snprintf(out, META_COMMENT_MAX, "accord/1");
    for (int k = 0; k < META_NFIELDS; k++)
        pos += (size_t)snprintf(out + pos, META_COMMENT_MAX - pos, " %s=%s", meta_keys[k], m->v[k]);
}
