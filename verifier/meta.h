/* meta.h - a bundle's META: "key: value" lines, LF, the keys below in this
 * order, each exactly once, nothing else. The trusted comment of every
 * signature is recomputed from it. */
#ifndef ACCORD_META_H
#define ACCORD_META_H

#include <stddef.h>

enum {
    META_FORMAT,
    META_KIND,
    META_PROGRAM,
    META_AGREEMENT, /* "-" for an IDP answers bundle (no agreement) */
    META_REVISION,
    META_ROLE,
    META_PARTY,
    META_QUESTIONNAIRE,
    META_QUESTIONNAIRE_SHA256,
    META_PREVIOUS,
    META_CREATED,
    META_NFIELDS,
    META_VALUE_MAX = 80, /* bytes of one value */
    META_MAX = 2048,     /* bytes of a META file */
};

/* The key of each field, in META order. */
extern const char *const meta_keys[META_NFIELDS];

typedef struct meta {
    char v[META_NFIELDS][META_VALUE_MAX + 1];
} meta;

/* Parses and checks buf[0..len) into *out: keys, order, and each value's
 * grammar. Returns 0, or -1 with err set. */
int meta_parse(const unsigned char *buf, size_t len, meta *out, char *err);

/* Checks the values of m as meta_parse does. Returns 0, or -1 with err set. */
int meta_check(const meta *m, char *err);

/* Writes the META file text of m into a malloc'd NUL-terminated buffer
 * (caller frees), its length into *len. NULL when memory runs out. */
char *meta_format(const meta *m, size_t *len);

/* Returns the trusted comment for m, malloc'd (caller frees): "accord/1"
 * then " key=value" for each field in META order. */
char *meta_trusted_comment(const meta *m);

/* Converts created ("YYYY-MM-DDTHH:MM:SSZ") to seconds since the epoch;
 * -1 when malformed. And back: out must hold 21 bytes; -1 when out of range. */
long long meta_time_parse(const char *created);
int meta_time_format(long long t, char out[21]);

/* t plus months calendar months, same day and time of day, the day clamped
 * to the end of a shorter month (Jan 31 + 1 month = Feb 28 or 29). Returns
 * -1 when t or the result is out of META's range. */
long long meta_time_add_months(long long t, int months);

#endif
