/* html.c - HTML tree helpers and the URL allowlist (see impl.h). */
#include "impl.h"

#include <stdio.h>
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

void html_attr_number(xmlNodePtr n, const char *name, long long value)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%lld", value);
    html_attr(n, name, buf);
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
