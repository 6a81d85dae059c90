/* json.c - JSON strings (impl.h). */
#include <stdio.h>

#include "impl.h"

void json_string(sbuf *b, const char *s)
{
    if (!s) {
        sb_puts(b, "null");
        return;
    }
    sb_put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        const char *esc = *p == '"'    ? "\\\""
                          : *p == '\\' ? "\\\\"
                          : *p == '\n' ? "\\n"
                          : *p == '\r' ? "\\r"
                          : *p == '\t' ? "\\t"
                                       : NULL;
        if (esc)
            sb_puts(b, esc);
        else if (*p < 0x20)
            sb_printf(b, "\\u%04x", *p);
        else
            sb_put(b, p, 1);
    }
    sb_put(b, "\"", 1);
}
