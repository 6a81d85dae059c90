/* mail.c - RFC 5322 messages (impl.h): headers within 78 characters,
 * non-ASCII words as RFC 2047 encoded-words, the body quoted-printable
 * (RFC 2045) in UTF-8, every line ended by CRLF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "accord_verify.h"
#include "impl.h"

enum {
    WORD_BYTES = 36, /* text bytes per encoded-word: 48 of base64, 60 characters in all */
    QP_LINE = 76,    /* characters of a quoted-printable line, its soft break's '=' included */
    WRAP = 72,       /* characters of a body line */
};

int mail_addr_ascii(const char *addr)
{
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
        if (*p <= ' ' || *p >= 0x7f)
            return 0;
    return *addr != '\0';
}

/* 1 when s can be a quoted-string on one line: printable ASCII. */
static int quotable(const char *s)
{
    size_t n = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < ' ' || *p >= 0x7f)
            return 0;
    return n && n <= 50;
}

/* Appends text as encoded-words (base64 of UTF-8), one per line after the
 * first; control characters become spaces first. */
static void encoded_words(sbuf *b, const char *text)
{
    char *clean = strdup(text);
    if (!clean) {
        fputs("accord: out of memory\n", stderr);
        abort();
    }
    for (unsigned char *p = (unsigned char *)clean; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            *p = ' ';
    const unsigned char *s = (const unsigned char *)clean;
    size_t n = strlen(clean);
    for (size_t at = 0; at < n;) {
        size_t take = n - at < WORD_BYTES ? n - at : WORD_BYTES;
        while (at + take < n && take > 1 && (s[at + take] & 0xc0) == 0x80)
            take--; /* never inside a UTF-8 character */
        char b64[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, s + at, take, sodium_base64_VARIANT_ORIGINAL);
        sb_printf(b, "%s=?UTF-8?B?%s?=", at ? "\r\n " : "", b64);
        at += take;
    }
    free(clean);
}

/* "Field: name <addr>": the name a quoted-string when it is short
 * printable ASCII, else encoded-words. */
static void address_header(sbuf *b, const char *field, const char *name, const char *addr)
{
    sb_printf(b, "%s: ", field);
    if (quotable(name)) {
        sb_puts(b, "\"");
        for (const char *p = name; *p; p++)
            sb_printf(b, "%s%c", *p == '"' || *p == '\\' ? "\\" : "", *p);
        sb_printf(b, "\" <%s>\r\n", addr);
        return;
    }
    encoded_words(b, name);
    sb_printf(b, "\r\n <%s>\r\n", addr);
}

static void subject_header(sbuf *b, const char *subject)
{
    size_t n = strlen(subject);
    int plain = n && n <= 68 && !strstr(subject, "=?");
    for (const unsigned char *p = (const unsigned char *)subject; plain && *p; p++)
        plain = *p >= ' ' && *p < 0x7f;
    sb_puts(b, "Subject: ");
    if (plain)
        sb_puts(b, subject);
    else
        encoded_words(b, subject);
    sb_puts(b, "\r\n");
}

/* RFC 5322 date-time of 09:00 UTC on day (a real YYYY-MM-DD). */
static void date_header(sbuf *b, const char *day)
{
    static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char t[21];
    snprintf(t, sizeof t, "%.10sT09:00:00Z", day);
    long long s = meta_time_parse(t);
    int m = (day[5] - '0') * 10 + (day[6] - '0');
    sb_printf(b, "Date: %s, %.2s %s %.4s 09:00:00 +0000\r\n", wd[(s / 86400) % 7], day + 8,
              mon[m - 1], day);
}

/* Appends text (lines ended by "\n") quoted-printable, lines ended by CRLF. */
static void quoted_printable(sbuf *b, const char *text)
{
    int col = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\n') {
            sb_puts(b, "\r\n");
            col = 0;
            continue;
        }
        char tok[4];
        int at_end = p[1] == '\n' || !p[1];
        if ((*p > ' ' && *p < 0x7f && *p != '=') || ((*p == ' ' || *p == '\t') && !at_end))
            snprintf(tok, sizeof tok, "%c", *p);
        else
            snprintf(tok, sizeof tok, "=%02X", *p);
        int len = (int)strlen(tok);
        /* room for the soft break's '=' unless this ends the line */
        if (col + len > QP_LINE - (at_end ? 0 : 1)) {
            sb_puts(b, "=\r\n");
            col = 0;
        }
        sb_puts(b, tok);
        col += len;
    }
}

void mail_write(sbuf *b, const mail *m)
{
    date_header(b, m->day);
    address_header(b, "From", m->from_name, m->from_addr);
    address_header(b, "To", m->to_name, m->to_addr);
    subject_header(b, m->subject);
    sb_printf(b, "Message-ID: <%s>\r\n", m->message_id);
    sb_puts(b, "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=UTF-8\r\n"
               "Content-Transfer-Encoding: quoted-printable\r\n"
               "X-Unsent: 1\r\n\r\n");
    quoted_printable(b, m->body);
}

void mail_wrap(sbuf *b, const char *text, int indent)
{
    int col = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        int chars = 0;
        for (size_t i = 0; i < w; i++)
            chars += ((unsigned char)p[i] & 0xc0) != 0x80;
        if (col && col + 1 + chars > WRAP) {
            sb_printf(b, "\n%*s", indent, "");
            col = indent;
        } else if (col) {
            sb_puts(b, " ");
            col++;
        }
        sb_put(b, p, w);
        col += chars;
        p += w;
    }
    sb_puts(b, "\n");
}
