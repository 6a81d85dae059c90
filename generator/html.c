/* html.c - HTML tree helpers and the URL allowlist (see html.h). */
#include "html.h"

#include <string.h>
#include <strings.h>

xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);
    xmlAddChild(parent, n);
    if (text)
        html_text(n, text);
    return n;
}

xmlNodePtr html_elc(xmlNodePtr parent, const char *name, const char *cls, const char *text)
{
    xmlNodePtr n = html_el(parent, name, text);
    if (cls)
        html_attr(n, "class", cls);
    return n;
}

void html_attr(xmlNodePtr n, const char *name, const char *value)
{
    /* xmlSetProp stores the value as one literal text node; xmlNewDocProp
     * would parse entity references in it. */
    xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

void html_text(xmlNodePtr parent, const char *text)
{
    xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST text));
}

xmlNodePtr html_link(xmlNodePtr parent, const char *href, const char *text)
{
    if (href && url_link_allowed(href)) {
        xmlNodePtr a = html_el(parent, "a", text);
        html_attr(a, "href", href);
        return a;
    }
    return html_el(parent, "span", text);
}

xmlNodePtr html_find_attr(xmlNodePtr n, const char *attr, const char *value)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *v = xmlGetProp(n, BAD_CAST attr);
        int hit = v && !strcmp((const char *)v, value);
        xmlFree(v);
        if (hit)
            return n;
        xmlNodePtr r = html_find_attr(n->children, attr, value);
        if (r)
            return r;
    }
    return NULL;
}

xmlNodePtr html_find_el(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!strcasecmp((const char *)n->name, name))
            return n;
        xmlNodePtr r = html_find_el(n->children, name);
        if (r)
            return r;
    }
    return NULL;
}

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
