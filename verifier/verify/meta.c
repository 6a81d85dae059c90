/* meta.c - META parsing, checking, writing, and its trusted comment. */
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const meta_keys[META_NFIELDS] = {
    "format",    "kind",          "program",
    "agreement", "revision",      "role",
    "party",     "questionnaire", "questionnaire-sha256",
    "previous",  "created",
};

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int is_version(const char *s, size_t n)
{
    if (n < 1 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' || s[i] == '_'))
            return 0;
    return 1;
}

long long meta_time_parse(const char *s)
{
    struct tm tm;
    char back[21];
    long long t;
    if (strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[19] != 'Z' || !all_digits(s, 4) || !all_digits(s + 5, 2) ||
        !all_digits(s + 8, 2) || !all_digits(s + 11, 2) || !all_digits(s + 14, 2) ||
        !all_digits(s + 17, 2))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    tm.tm_hour = atoi(s + 11);
    tm.tm_min = atoi(s + 14);
    tm.tm_sec = atoi(s + 17);
    t = (long long)timegm(&tm);
    /* Round-trips only when every field was in range. */
    if (t < 0 || meta_time_format(t, back) || strcmp(back, s))
        return -1;
    return t;
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
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    struct tm tm;
    time_t tt = (time_t)t;
    int y, m, last;
    if (t < 0 || months < 0 || months > 12000 || !gmtime_r(&tt, &tm))
        return -1;
    m = tm.tm_mon + months;
    y = tm.tm_year + 1900 + m / 12;
    m %= 12;
    last = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    tm.tm_year = y - 1900;
    tm.tm_mon = m;
    if (tm.tm_mday > last)
        tm.tm_mday = last;
    t = (long long)timegm(&tm);
    return t > 253402300799LL ? -1 : t;
}

static int value_ok(const meta *m, int k)
{
    const char *v = m->v[k];
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
        return n >= 1 && n <= 9 && v[0] != '0' && all_digits(v, n);
    case META_ROLE:
        return answers ? (!strcmp(v, "mentee") || !strcmp(v, "mentor")) : !strcmp(v, "agreement");
    case META_PARTY: {
        const char *comma = strchr(v, ',');
        if (answers)
            return vu_is_id(v, n);
        /* mentee,mentor: two different ids */
        return comma && vu_is_id(v, (size_t)(comma - v)) &&
               vu_is_id(comma + 1, strlen(comma + 1)) &&
               !(strlen(comma + 1) == (size_t)(comma - v) &&
                 !memcmp(v, comma + 1, (size_t)(comma - v)));
    }
    case META_QUESTIONNAIRE: {
        const char *at = strchr(v, '@');
        return at && vu_is_id(v, (size_t)(at - v)) && is_version(at + 1, strlen(at + 1));
    }
    case META_QUESTIONNAIRE_SHA256:
        return vu_is_hex64(v, n);
    case META_PREVIOUS:
        return !strcmp(v, "none") || vu_is_hex64(v, n);
    case META_CREATED:
        return meta_time_parse(v) >= 0;
    }
    return 0;
}

int meta_check(const meta *m, char *err)
{
    for (int k = 0; k < META_NFIELDS; k++) {
        if (!value_ok(m, k)) {
            char *shown = vu_escape(m->v[k], strlen(m->v[k]));
            verr(err, "META %s has an invalid value \"%s\"", meta_keys[k], shown ? shown : "?");
            free(shown);
            return -1;
        }
    }
    /* A review names the agreement it revises; the first
     * revision names none. (IDP answers have no agreement to chain.) */
    if (strcmp(m->v[META_AGREEMENT], "-")) {
        int first = !strcmp(m->v[META_REVISION], "1"), none = !strcmp(m->v[META_PREVIOUS], "none");
        if (first != none) {
            verr(err,
                 first ? "META previous must be none for revision 1"
                       : "META previous must be the digest of the previous revision's "
                         "agreement bundle for revision %s, not none",
                 m->v[META_REVISION]);
            return -1;
        }
    }
    return 0;
}

int meta_parse(const unsigned char *buf, size_t len, meta *out, char *err)
{
    const unsigned char *line[META_NFIELDS];
    size_t line_len[META_NFIELDS];
    memset(out, 0, sizeof *out);
    if (len > META_MAX) {
        verr(err, "META is larger than %d bytes", META_MAX);
        return -1;
    }
    if (len == 0 || buf[len - 1] != '\n' ||
        vu_split_lines(buf, len, line, line_len, META_NFIELDS) != META_NFIELDS) {
        verr(err, "META is not %d lines ending in LF (no CR, no NUL)", META_NFIELDS);
        return -1;
    }
    for (int k = 0; k < META_NFIELDS; k++) {
        size_t kl = strlen(meta_keys[k]), vl;
        if (line_len[k] < kl + 2 || memcmp(line[k], meta_keys[k], kl) || line[k][kl] != ':' ||
            line[k][kl + 1] != ' ') {
            verr(err, "META line %d is not '%s: value' (keys in fixed order, each once)", k + 1,
                 meta_keys[k]);
            return -1;
        }
        vl = line_len[k] - kl - 2;
        if (vl > META_VALUE_MAX) {
            verr(err, "META %s is longer than %d bytes", meta_keys[k], META_VALUE_MAX);
            return -1;
        }
        memcpy(out->v[k], line[k] + kl + 2, vl);
        out->v[k][vl] = '\0';
        if (memchr(out->v[k], '\0', vl)) {
            verr(err, "META %s holds a NUL byte", meta_keys[k]);
            return -1;
        }
    }
    return meta_check(out, err);
}

char *meta_trusted_comment(const meta *m)
{
    size_t cap = sizeof "accord/1", pos;
    char *buf;
    for (int k = 0; k < META_NFIELDS; k++)
        cap += strlen(meta_keys[k]) + 2 + strlen(m->v[k]);
    buf = malloc(cap);
    if (!buf)
        return NULL;
    pos = (size_t)snprintf(buf, cap, "accord/1");
    for (int k = 0; k < META_NFIELDS; k++)
        pos += (size_t)snprintf(buf + pos, cap - pos, " %s=%s", meta_keys[k], m->v[k]);
    return buf;
}
