/* links.c - the one rule for every URL accord shows or loads (see
 * content.h "links"). */
#include <string.h>
#include <strings.h>

#include "content.h"

/* Returns the length of url's scheme (the part before ':') when it has one,
 * 0 when it is a relative reference, -1 when a ':' comes first in a shape
 * browsers might still read as a scheme (so it is refused). */
static int scheme_len(const char *url)
{
    size_t i = 0;
    for (; url[i]; i++) {
        char ch = url[i];
        if (ch == '/' || ch == '?' || ch == '#')
            return 0;
        if (ch == ':')
            break;
    }
    if (!url[i])
        return 0;
    if (i == 0)
        return -1;
    for (size_t j = 0; j < i; j++) {
        char ch = url[j];
        int alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        int ok =
            alpha || (j > 0 && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.'));
        if (!ok)
            return -1;
    }
    return (int)i;
}

/* Control characters and backslashes are refused anywhere: browsers drop
 * tabs and newlines inside a scheme ("java\tscript:") and read "\" as "/". */
static int has_bad_chars(const char *url)
{
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return 1;
        if (*p == '%' && p[1] == '5' && (p[2] == 'c' || p[2] == 'C'))
            return 1; /* cmark writes "\\" as %5C: refused the same */
    }
    return url[0] == ' ';
}

int url_link_allowed(const char *url)
{
    if (!url || has_bad_chars(url))
        return 0;
    int n = scheme_len(url);
    if (n < 0)
        return 0;
    if (n == 0)
        return strncmp(url, "//", 2) != 0;
    return (n == 5 && !strncasecmp(url, "https", 5)) || (n == 4 && !strncasecmp(url, "http", 4)) ||
           (n == 6 && !strncasecmp(url, "mailto", 6));
}

int url_src_allowed(const char *url)
{
    if (!url || !*url || has_bad_chars(url) || strchr(url, ' '))
        return 0;
    return scheme_len(url) == 0 && url[0] != '/';
}

int url_is_relative_file(const char *url)
{
    return url_src_allowed(url) && url[0] != '#' && url[0] != '?';
}

int url_program_link_allowed(const char *s)
{
    if (!s || strchr(s, ' ') || !url_link_allowed(s))
        return 0;
    return (!strncasecmp(s, "https://", 8) && s[8]) || (!strncasecmp(s, "http://", 7) && s[7]) ||
           (!strncasecmp(s, "mailto:", 7) && s[7]);
}
