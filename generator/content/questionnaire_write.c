/* questionnaire_write.c - the canonical serialization of a questionnaire
 * (see content.h). Its bytes are hashed into the questionnaire digest
 * and stored in bundles, so the order of elements and attributes, the
 * indentation and the encoding must never depend on anything but the model.
 * Changing this file changes every digest: don't, without a format version.
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

/* Adds <name>text</name> under parent; the text is literal (escaped on
 * output, never parsed for entity references). */
static void text_child(xmlNodePtr parent, const char *name, const char *text)
{
    xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)(text ? text : ""));
}

static void prop(xmlNodePtr n, const char *name, const char *value)
{
    xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static void write_question(xmlNodePtr parent, const question *q)
{
    xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"question", NULL);
    prop(n, "id", q->id);
    prop(n, "type", question_kind_name(q->kind));
    if (q->required)
        prop(n, "required", "true");
    if (q->other)
        prop(n, "other", "true");
    text_child(n, "text", q->text);
    if (q->help)
        text_child(n, "help", q->help);
    for (size_t i = 0; i < q->n_options; i++) {
        xmlNodePtr o = xmlNewTextChild(n, NULL, (const xmlChar *)"option",
                                       (const xmlChar *)q->options[i].label);
        prop(o, "value", q->options[i].value);
    }
    for (size_t i = 0; i < q->n_conds; i++) {
        xmlNodePtr c = xmlNewChild(n, NULL, (const xmlChar *)"show-if", NULL);
        prop(c, "question", q->conds[i].question);
        prop(c, "value", q->conds[i].value);
    }
}

unsigned char *questionnaire_serialize(const questionnaire *q, arena *ar, size_t *len)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr root = xmlNewDocNode(doc, NULL, (const xmlChar *)"questionnaire", NULL);
    xmlDocSetRootElement(doc, root);
    prop(root, "id", q->id);
    prop(root, "version", q->version);
    prop(root, "kind", q->kind == QN_IDP ? "idp" : "agreement");
    text_child(root, "title", q->title);
    if (q->intro)
        text_child(root, "intro", q->intro);
    for (size_t s = 0; s < q->n_sections; s++) {
        const section *sec = &q->sections[s];
        xmlNodePtr sn = xmlNewChild(root, NULL, (const xmlChar *)"section", NULL);
        prop(sn, "id", sec->id);
        text_child(sn, "title", sec->title);
        if (sec->help)
            text_child(sn, "help", sec->help);
        for (size_t i = 0; i < sec->n_questions; i++)
            write_question(sn, &sec->questions[i]);
    }
    /* Explicit save options rather than xmlDocDumpFormatMemory's defaults;
     * the indentation is libxml2's default two spaces (nothing in accord
     * changes xmlTreeIndentString or xmlIndentTreeOutput). */
    xmlBufferPtr buf = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_FORMAT);
    xmlSaveDoc(save, doc);
    xmlSaveClose(save);
    xmlFreeDoc(doc);
    *len = (size_t)xmlBufferLength(buf);
    unsigned char *out = arena_alloc(ar, *len + 1);
    memcpy(out, xmlBufferContent(buf), *len);
    xmlBufferFree(buf);
    return out;
}
