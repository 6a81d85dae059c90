/* hwrite.c - escaping HTML writer (see impl.h). */
#include "impl.h"

#include <stdlib.h>
#include <string.h>

static void escaped(sbuf *b, const char *s, int quote)
{
    const char *run = s;
    for (; *s; s++) {
        const char *ent = *s == '&'            ? "&amp;"
                          : *s == '<'          ? "&lt;"
                          : *s == '>'          ? "&gt;"
                          : quote && *s == '"' ? "&quot;"
                                               : NULL;
        if (!ent)
            continue;
        sb_put(b, run, (size_t)(s - run));
        sb_puts(b, ent);
        run = s + 1;
    }
    sb_put(b, run, (size_t)(s - run));
}

void hw_text(sbuf *b, const char *text)
{
    escaped(b, text, 0);
}

void hw_attr(sbuf *b, const char *name, const char *value)
{
    sb_puts(b, " ");
    sb_puts(b, name);
    sb_puts(b, "=\"");
    escaped(b, value, 1);
    sb_puts(b, "\"");
}

void hw_open(sbuf *b, const char *tag, const char *cls, const char *id)
{
    sb_puts(b, "<");
    sb_puts(b, tag);
    if (cls)
        hw_attr(b, "class", cls);
    if (id)
        hw_attr(b, "id", id);
    sb_puts(b, ">");
}

void hw_el(sbuf *b, const char *tag, const char *cls, const char *text)
{
    hw_open(b, tag, cls, NULL);
    hw_text(b, text);
    hw_close(b, tag);
}

void hw_close(sbuf *b, const char *tag)
{
    sb_puts(b, "</");
    sb_puts(b, tag);
    sb_puts(b, ">\n");
}

char *hw_unescape(const char *s, size_t n)
{
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
    char *out = malloc(n + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        if (s[i] == '<' || s[i] == '>' || s[i] == '"' || s[i] == '\0')
            goto bad;
        if (s[i] != '&') {
            *o++ = s[i++];
            continue;
        }
        size_t k = 0, l = 0;
        while (k < sizeof ents / sizeof *ents &&
               !((l = strlen(ents[k].ent)) <= n - i && !memcmp(s + i, ents[k].ent, l)))
            k++;
        if (k == sizeof ents / sizeof *ents)
            goto bad;
        *o++ = ents[k].c;
        i += l;
    }
    *o = '\0';
    return out;
bad:
    free(out);
    return NULL;
}
