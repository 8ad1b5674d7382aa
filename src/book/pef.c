#include "pef.h"

#include <libxml/xmlwriter.h>

#include "error.h"

#define DC_NS "http://purl.org/dc/elements/1.1/"

static int dc(xmlTextWriterPtr w, const char *name, const char *value)
{
    return xmlTextWriterWriteElementNS(w, BAD_CAST "dc", BAD_CAST name, NULL, BAD_CAST value);
}

static int write_row(xmlTextWriterPtr w, const HkBrailleLine *l)
{
    /* PEF rows hold only braille patterns: a blank cell is U+2800. */
    char *row = hk_braille_line_utf8(l, "\u2800");
    int rc = xmlTextWriterWriteElement(w, BAD_CAST "row", BAD_CAST row);
    g_free(row);
    return rc;
}

/* One <volume>: a section per part (title page, 目次, body), each of which
 * starts a new sheet; blank backs are pages of the part before. */
static int write_volume(xmlTextWriterPtr w, const HkBrailleBook *book)
{
    char num[16];
    int rc = xmlTextWriterStartElement(w, BAD_CAST "volume");
#define DO(x)                                                                                      \
    do {                                                                                           \
        if (rc >= 0)                                                                               \
            rc = (x);                                                                              \
    } while (0)
    g_snprintf(num, sizeof num, "%d", book->cols);
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "cols", BAD_CAST num));
    g_snprintf(num, sizeof num, "%d", book->rows);
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "rows", BAD_CAST num));
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "rowgap", BAD_CAST "0"));
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "duplex",
                                   BAD_CAST(book->duplex ? "true" : "false")));
    int section = -1;
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        if ((int)page->kind != section) {
            if (section >= 0)
                DO(xmlTextWriterEndElement(w));
            DO(xmlTextWriterStartElement(w, BAD_CAST "section"));
            section = (int)page->kind;
        }
        DO(xmlTextWriterStartElement(w, BAD_CAST "page"));
        for (guint i = 0; i < page->lines->len; i++)
            DO(write_row(w, g_ptr_array_index(page->lines, i)));
        DO(xmlTextWriterEndElement(w));
    }
    if (section < 0) { /* PEF needs at least one section with one page */
        DO(xmlTextWriterStartElement(w, BAD_CAST "section"));
        DO(xmlTextWriterWriteElement(w, BAD_CAST "page", BAD_CAST ""));
    }
    DO(xmlTextWriterEndElement(w)); /* section */
    DO(xmlTextWriterEndElement(w)); /* volume */
#undef DO
    return rc;
}

GBytes *hk_pef_bytes(HkBrailleBook *const *books, guint n, GError **error)
{
    const HkBrailleBook *book = books[0];
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    int rc = w ? 0 : -1;
#define DO(x)                                                                                      \
    do {                                                                                           \
        if (rc >= 0)                                                                               \
            rc = (x);                                                                              \
    } while (0)
    if (w)
        xmlTextWriterSetIndent(w, 1);
    DO(xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL));
    DO(xmlTextWriterStartElement(w, BAD_CAST "pef"));
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "2008-1"));
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST HK_PEF_NS));
    DO(xmlTextWriterStartElement(w, BAD_CAST "head"));
    DO(xmlTextWriterStartElement(w, BAD_CAST "meta"));
    DO(xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:dc", BAD_CAST DC_NS));
    DO(dc(w, "format", "application/x-pef+xml"));
    DO(dc(w, "identifier", book->identifier ? book->identifier : "hiraku"));
    if (book->title)
        DO(dc(w, "title", book->title));
    /* The transcriber's data: the print text's author, the braille
     * edition's producer, the people who made it and the print original. */
    const struct {
        const char *name, *value;
    } credits[] = {
        {"creator", book->author},
        {"contributor", book->credits.transcriber},
        {"contributor", book->credits.proofreader},
        {"publisher", book->credits.producer},
        {"source", book->credits.original},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(credits); i++)
        if (credits[i].value && *credits[i].value)
            DO(dc(w, credits[i].name, credits[i].value));
    DO(dc(w, "language", book->lang ? book->lang : "ja"));
    if (book->date)
        DO(dc(w, "date", book->date));
    DO(xmlTextWriterEndElement(w)); /* meta */
    DO(xmlTextWriterEndElement(w)); /* head */
    DO(xmlTextWriterStartElement(w, BAD_CAST "body"));
    for (guint v = 0; v < n; v++)
        DO(write_volume(w, books[v]));
    DO(xmlTextWriterEndDocument(w)); /* closes every open element */
#undef DO
    GBytes *out = NULL;
    if (w)
        xmlFreeTextWriter(w); /* flushes into buf */
    if (rc < 0)
        hk_set_error_at(error, HK_ERROR_RENDER, "pef", 1, 1, "libxml2 could not write the PEF");
    else
        out = g_bytes_new(xmlBufferContent(buf), (gsize)xmlBufferLength(buf));
    xmlBufferFree(buf);
    return out;
}
