/* ics.c - RFC 5545 calendars of one all-day event (impl.h). */
#include <stdio.h>
#include <string.h>

#include "accord_verify.h"
#include "impl.h"

enum { FOLD = 75 }; /* octets of a content line before it is folded */

/* Appends one content line: NAME, then value, folded at FOLD octets (a
 * continuation line starts with one space, which counts), never inside a
 * UTF-8 character, then CRLF. */
static void line(sbuf *b, const char *name, const char *value)
{
    sbuf l = SBUF_INIT;
    sb_printf(&l, "%s%s", name, value);
    size_t col = 0;
    for (size_t i = 0; i < l.len; i++) {
        unsigned char ch = (unsigned char)l.data[i];
        size_t n = 1; /* the octets of this character */
        if (ch >= 0xc0)
            while (i + n < l.len && ((unsigned char)l.data[i + n] & 0xc0) == 0x80)
                n++;
        if (col + n > FOLD) {
            sb_puts(b, "\r\n ");
            col = 1;
        }
        sb_put(b, l.data + i, n);
        col += n;
        i += n - 1;
    }
    sb_puts(b, "\r\n");
    sb_release(&l);
}

/* text escaped as a TEXT value: backslash, ';' and ',' escaped, "\n" as
 * "\\n", other control characters (tab aside) as spaces; in ar. */
static const char *text(arena *ar, const char *s)
{
    sbuf o = SBUF_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',')
            sb_printf(&o, "\\%c", *p);
        else if (*p == '\n')
            sb_puts(&o, "\\n");
        else if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            sb_puts(&o, " ");
        else
            sb_put(&o, p, 1);
    }
    sb_puts(&o, "");
    const char *r = arena_strdup(ar, o.data);
    sb_release(&o);
    return r;
}

/* day (a real YYYY-MM-DD) plus days as YYYYMMDD, in out. */
static void ics_day(const char *day, int days, char out[9])
{
    char t[21];
    snprintf(t, sizeof t, "%.10sT00:00:00Z", day);
    meta_time_format(meta_time_parse(t) + (long long)days * 86400, t);
    snprintf(out, 9, "%.4s%.2s%.2s", t, t + 5, t + 8);
}

void ics_write(sbuf *b, const ics_event *e)
{
    arena ar = ARENA_INIT;
    char stamp[9], start[9], end[9];
    ics_day(e->stamp_day, 0, stamp);
    ics_day(e->day, 0, start);
    ics_day(e->day, 1, end);
    line(b, "BEGIN:", "VCALENDAR");
    line(b, "VERSION:", "2.0");
    line(b, "PRODID:", "-//accord//remind//EN");
    line(b, "CALSCALE:", "GREGORIAN");
    line(b, "BEGIN:", "VEVENT");
    line(b, "UID:", e->uid);
    line(b, "DTSTAMP:", arena_printf(&ar, "%sT090000Z", stamp));
    line(b, "DTSTART;VALUE=DATE:", start);
    line(b, "DTEND;VALUE=DATE:", end);
    line(b, "SUMMARY:", text(&ar, e->summary));
    line(b, "DESCRIPTION:", text(&ar, e->description));
    line(b, "TRANSP:", "TRANSPARENT");
    line(b, "END:", "VEVENT");
    line(b, "END:", "VCALENDAR");
    arena_release(&ar);
}
