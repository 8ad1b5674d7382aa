/* epub: the EPUB 3 package (see epub.h). */
#include "epub.h"

#include <minizip/zip.h>
#include <string.h>
#include <zlib.h>

#include "error.h"
#include "html.h"
#include "output.h"
#include "pdfedition.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define OPS_NS "http://www.idpf.org/2007/ops"

/* One file of the package, owned. */
typedef struct {
    char *name;
    guint8 *data;
    gsize len;
} Entry;

typedef struct {
    const HkDocument *doc;
    GArray *entries; /* of Entry, in zip order */
    int figures;
} Package;

static void entry_clear(gpointer p)
{
    Entry *e = p;
    g_free(e->name);
    g_free(e->data);
}

static void add_entry(Package *pk, const char *name, guint8 *data, gsize len)
{
    Entry e = {g_strdup(name), data, len};
    g_array_append_val(pk->entries, e);
}

static void add_buffer(Package *pk, const char *name, xmlBufferPtr buf)
{
    gsize len = (gsize)xmlBufferLength(buf);
    add_entry(pk, name, g_memdup2(xmlBufferContent(buf), len), len);
}

static char *image_file(const HkBlock *figure, gpointer data, GError **error)
{
    Package *pk = data;
    gsize len = 0;
    guint8 *png = hk_html_png(pk->doc, figure, &len, error);
    if (!png)
        return NULL;
    char *href = g_strdup_printf("images/figure%d.png", ++pk->figures);
    char *name = g_strconcat("EPUB/", href, NULL);
    add_entry(pk, name, png, len);
    g_free(name);
    return href;
}

/* ---------- what the package declares ---------- */

static gboolean inlines_have_ruby(const GPtrArray *list)
{
    for (guint i = 0; list && i < list->len; i++) {
        const HkInline *in = g_ptr_array_index(list, i);
        if (in->kind == HK_INLINE_RUBY || inlines_have_ruby(in->children))
            return TRUE;
    }
    return FALSE;
}

static gboolean blocks_have_ruby(const GPtrArray *list)
{
    for (guint i = 0; list && i < list->len; i++) {
        const HkBlock *b = g_ptr_array_index(list, i);
        if (inlines_have_ruby(b->inlines) || blocks_have_ruby(b->children))
            return TRUE;
    }
    return FALSE;
}

/* dcterms:modified (required by EPUB 3) and the zip entries' dates: the
 * document's date, so that output never depends on the clock; a source
 * without one gets the zip format's first date. */
static GDateTime *package_date(const HkDocument *doc)
{
    GDateTime *d = hk_pdf_document_date(doc);
    if (!d || g_date_time_get_year(d) < 1980) {
        if (d)
            g_date_time_unref(d);
        d = g_date_time_new_utc(1980, 1, 1, 0, 0, 0);
    }
    return d;
}

/* A name-based UUID (version 5 layout over SHA-1) of the stem and title:
 * the same publication keeps its identifier from render to render. */
static char *identifier(const HkDocument *doc)
{
    char *key = g_strconcat("hiraku:", doc->stem, "\n", doc->title ? doc->title : "", NULL);
    char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA1, key, -1);
    hex[12] = '5';
    hex[16] = "89ab"[g_ascii_xdigit_value(hex[16]) & 3];
    char *id = g_strdup_printf("urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
                               hex + 16, hex + 20);
    g_free(hex);
    g_free(key);
    return id;
}

/* ---------- XML documents ---------- */

typedef struct {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
} Xml;

static void xml_begin(Xml *x)
{
    x->buf = xmlBufferCreate();
    x->w = xmlNewTextWriterMemory(x->buf, 0);
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL);
}

/* Ends the document and stores it in the package as `name`; FALSE if the
 * writer failed. The buffer is freed either way. */
static gboolean xml_store(Package *pk, Xml *x, gboolean ok, const char *name, GError **error)
{
    ok = xmlTextWriterEndDocument(x->w) >= 0 && ok;
    xmlFreeTextWriter(x->w);
    if (ok)
        add_buffer(pk, name, x->buf);
    else if (error && !*error)
        g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: cannot write the EPUB package",
                    pk->doc->path);
    xmlBufferFree(x->buf);
    return ok;
}

static int elem(xmlTextWriterPtr w, const char *name, const char *attr, const char *value,
                const char *text)
{
    int rc = xmlTextWriterStartElement(w, BAD_CAST name);
    if (rc >= 0 && attr)
        rc = xmlTextWriterWriteAttribute(w, BAD_CAST attr, BAD_CAST value);
    if (rc >= 0 && text)
        rc = xmlTextWriterWriteString(w, BAD_CAST text);
    return rc >= 0 ? xmlTextWriterEndElement(w) : rc;
}

static gboolean container_xml(Package *pk, GError **error)
{
    Xml x;
    xml_begin(&x);
    int rc = xmlTextWriterStartElement(x.w, BAD_CAST "container");
    rc |= xmlTextWriterWriteAttribute(x.w, BAD_CAST "version", BAD_CAST "1.0");
    rc |= xmlTextWriterWriteAttribute(x.w, BAD_CAST "xmlns",
                                      BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:container");
    rc |= xmlTextWriterStartElement(x.w, BAD_CAST "rootfiles");
    rc |= xmlTextWriterStartElement(x.w, BAD_CAST "rootfile");
    rc |= xmlTextWriterWriteAttribute(x.w, BAD_CAST "full-path", BAD_CAST "EPUB/package.opf");
    rc |= xmlTextWriterWriteAttribute(x.w, BAD_CAST "media-type",
                                      BAD_CAST "application/oebps-package+xml");
    return xml_store(pk, &x, rc >= 0, "META-INF/container.xml", error);
}

/* The opening of an XHTML content document up to <body>. */
static void xhtml_head(HkHtml *h, const HkDocument *doc, const char *title)
{
    const char *lang = doc->lang && *doc->lang ? doc->lang : "ja";
    hk_html_doctype(h);
    hk_html_start(h, "html");
    hk_html_attr(h, "xmlns", XHTML_NS);
    hk_html_attr(h, "xmlns:epub", OPS_NS);
    hk_html_attr(h, "lang", lang);
    hk_html_attr(h, "xml:lang", lang);
    hk_html_start(h, "head");
    hk_html_start(h, "meta");
    hk_html_attr(h, "charset", "utf-8");
    hk_html_end_void(h);
    hk_html_start(h, "title");
    hk_html_text(h, title);
    hk_html_end(h);
    hk_html_start(h, "link");
    hk_html_attr(h, "rel", "stylesheet");
    hk_html_attr(h, "href", "style.css");
    hk_html_end_void(h);
    hk_html_start(h, "link");
    hk_html_attr(h, "rel", "stylesheet");
    hk_html_attr(h, "media", "screen and (prefers-contrast: more)");
    hk_html_attr(h, "href", "contrast.css");
    hk_html_end_void(h);
    hk_html_end(h);
    hk_html_nl(h);
}

static gboolean content_xhtml(Package *pk, const GArray *ruby, GError **error)
{
    const HkDocument *doc = pk->doc;
    Xml x;
    xml_begin(&x);
    xmlTextWriterSetIndent(x.w, 0); /* mixed content: indenting would add text */
    HkHtml *h = hk_html_new(x.w, doc, ruby, image_file, pk);
    xhtml_head(h, doc, doc->title ? doc->title : doc->stem);
    hk_html_start(h, "body");
    hk_html_start(h, "header");
    hk_html_front(h);
    hk_html_end(h);
    hk_html_nl(h);
    hk_html_start(h, "main");
    hk_html_attr(h, "id", "main");
    hk_html_attr(h, "epub:type", "bodymatter");
    hk_html_nl(h);
    hk_html_blocks(h);
    hk_html_end(h);
    hk_html_end(h);
    hk_html_end(h);
    gboolean ok = hk_html_free(h, error);
    return xml_store(pk, &x, ok, "EPUB/content.xhtml", error);
}

static void nav_link(HkHtml *h, const char *type, const char *href, const char *text)
{
    hk_html_start(h, "li");
    hk_html_start(h, "a");
    hk_html_attr(h, "epub:type", type);
    hk_html_attr(h, "href", href);
    hk_html_text(h, text);
    hk_html_end(h);
    hk_html_end(h);
}

/* The navigation document: the table of contents (the title alone when
 * the source has no headings: the nav needs one entry) and landmarks. */
static gboolean nav_xhtml(Package *pk, GError **error)
{
    const HkDocument *doc = pk->doc;
    Xml x;
    xml_begin(&x);
    xmlTextWriterSetIndent(x.w, 0);
    HkHtml *h = hk_html_new(x.w, doc, NULL, image_file, pk);
    xhtml_head(h, doc, "目次");
    hk_html_start(h, "body");
    hk_html_start(h, "nav");
    hk_html_attr(h, "epub:type", "toc");
    hk_html_attr(h, "id", "toc");
    hk_html_start(h, "h1");
    hk_html_text(h, "目次");
    hk_html_end(h);
    if (!hk_html_toc(h, "content.xhtml")) {
        hk_html_start(h, "ol");
        nav_link(h, "bodymatter", "content.xhtml#main", doc->title ? doc->title : doc->stem);
        hk_html_end(h);
    }
    hk_html_end(h);
    hk_html_nl(h);
    hk_html_start(h, "nav");
    hk_html_attr(h, "epub:type", "landmarks");
    hk_html_attr(h, "hidden", "hidden");
    hk_html_start(h, "h2");
    hk_html_text(h, "ランドマーク");
    hk_html_end(h);
    hk_html_start(h, "ol");
    nav_link(h, "bodymatter", "content.xhtml#main", "本文");
    hk_html_end(h);
    hk_html_end(h);
    hk_html_end(h);
    hk_html_end(h);
    gboolean ok = hk_html_free(h, error);
    return xml_store(pk, &x, ok, "EPUB/nav.xhtml", error);
}

static int meta(xmlTextWriterPtr w, const char *property, const char *value)
{
    return elem(w, "meta", "property", property, value);
}

/* EPUB Accessibility 1.1 §2 (discovery metadata), with the schema.org
 * values of what this package really has. */
static int a11y_metadata(xmlTextWriterPtr w, gboolean figures, gboolean ruby)
{
    int rc = meta(w, "schema:accessMode", "textual");
    if (figures)
        rc |= meta(w, "schema:accessMode", "visual");
    rc |= meta(w, "schema:accessModeSufficient", "textual");
    const char *features[] = {"structuralNavigation", "tableOfContents", "readingOrder",
                              "displayTransformability"};
    for (size_t i = 0; i < G_N_ELEMENTS(features); i++)
        rc |= meta(w, "schema:accessibilityFeature", features[i]);
    if (figures)
        rc |= meta(w, "schema:accessibilityFeature", "alternativeText");
    if (ruby)
        rc |= meta(w, "schema:accessibilityFeature", "rubyAnnotations");
    rc |= meta(w, "schema:accessibilityHazard", "none");
    GString *sum = g_string_new("見出しと目次で移動でき、本文は読む順に並んでいます。");
    if (figures)
        g_string_append(sum, "図には代替テキストがあります。");
    if (ruby)
        g_string_append(sum, "漢字の読みはルビで示しています。");
    g_string_append(sum, "文字の大きさや色は読書システムで変えられます。");
    rc |= meta(w, "schema:accessibilitySummary", sum->str);
    g_string_free(sum, TRUE);
    return rc | meta(w, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA");
}

static int item(xmlTextWriterPtr w, const char *id, const char *href, const char *type,
                const char *properties)
{
    int rc = xmlTextWriterStartElement(w, BAD_CAST "item");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST id);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "href", BAD_CAST href);
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "media-type", BAD_CAST type);
    if (properties)
        rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "properties", BAD_CAST properties);
    return rc | xmlTextWriterEndElement(w);
}

static int manifest(xmlTextWriterPtr w, int figures)
{
    int rc = xmlTextWriterStartElement(w, BAD_CAST "manifest");
    rc |= item(w, "nav", "nav.xhtml", "application/xhtml+xml", "nav");
    rc |= item(w, "content", "content.xhtml", "application/xhtml+xml", NULL);
    rc |= item(w, "style", "style.css", "text/css", NULL);
    rc |= item(w, "contrast", "contrast.css", "text/css", NULL);
    for (int i = 1; i <= figures; i++) {
        char id[32], href[48];
        g_snprintf(id, sizeof id, "figure%d", i);
        g_snprintf(href, sizeof href, "images/figure%d.png", i);
        rc |= item(w, id, href, "image/png", NULL);
    }
    rc |= xmlTextWriterEndElement(w);
    rc |= xmlTextWriterStartElement(w, BAD_CAST "spine");
    rc |= elem(w, "itemref", "idref", "content", NULL);
    return rc | xmlTextWriterEndElement(w);
}

static gboolean package_opf(Package *pk, gboolean ruby, GDateTime *date, GError **error)
{
    const HkDocument *doc = pk->doc;
    const char *lang = doc->lang && *doc->lang ? doc->lang : "ja";
    char *id = identifier(doc);
    char *modified = g_date_time_format(date, "%Y-%m-%dT%H:%M:%SZ");
    Xml x;
    xml_begin(&x);
    xmlTextWriterPtr w = x.w;
    int rc = xmlTextWriterStartElement(w, BAD_CAST "package");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST "http://www.idpf.org/2007/opf");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST "3.0");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "unique-identifier", BAD_CAST "uid");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xml:lang", BAD_CAST lang);
    rc |= xmlTextWriterStartElement(w, BAD_CAST "metadata");
    rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:dc",
                                      BAD_CAST "http://purl.org/dc/elements/1.1/");
    rc |= elem(w, "dc:identifier", "id", "uid", id);
    rc |= elem(w, "dc:title", NULL, NULL, doc->title ? doc->title : doc->stem);
    rc |= elem(w, "dc:language", NULL, NULL, lang);
    if (doc->organization && *doc->organization) {
        rc |= elem(w, "dc:creator", NULL, NULL, doc->organization);
        rc |= elem(w, "dc:publisher", NULL, NULL, doc->organization);
    }
    GDateTime *dated = hk_pdf_document_date(doc);
    if (dated && doc->date) {
        char *day = g_date_time_format(date, "%Y-%m-%d");
        rc |= elem(w, "dc:date", NULL, NULL, day);
        g_free(day);
    }
    if (dated)
        g_date_time_unref(dated);
    rc |= meta(w, "dcterms:modified", modified);
    rc |= a11y_metadata(w, pk->figures > 0, ruby);
    rc |= xmlTextWriterEndElement(w);
    rc |= manifest(w, pk->figures);
    g_free(modified);
    g_free(id);
    return xml_store(pk, &x, rc >= 0, "EPUB/package.opf", error);
}

static gboolean add_stylesheet(Package *pk, const HkLayout *layout, const char *key,
                               const char *name, GError **error)
{
    char *css = hk_html_stylesheet(layout, key, error);
    if (!css)
        return FALSE;
    add_entry(pk, name, (guint8 *)css, strlen(css));
    return TRUE;
}

/* ---------- the zip ---------- */

/* EPUB 3.3 §4.2 (OCF): `mimetype` first, stored, no extra field; the rest
 * deflated. Dates are DOS dates, set directly so that the time zone never
 * changes them. Written with zlib's minizip, which needs nothing but zlib:
 * libzip links OpenSSL's libcrypto (for encrypted archives, never made
 * here), the one library of every run that only the EPUB used, and the
 * dearest to load (4,000 relocations, 2 ms of each run of every edition). */
static gboolean add_file(zipFile zf, const char *name, const void *data, size_t len,
                         gboolean deflated, uLong dosdate)
{
    zip_fileinfo zi = {0};
    zi.dosDate = dosdate;
    zi.external_fa = 0100644UL << 16; /* a regular file, rw-r--r-- (made on Unix, below) */
    /* the UTF-8 name flag (APPNOTE 4.4.4 bit 11) where the name needs it */
    uLong utf8 = g_str_is_ascii(name) ? 0 : 1 << 11;
    return zipOpenNewFileInZip4_64(zf, name, &zi, NULL, 0, NULL, 0, NULL, deflated ? Z_DEFLATED : 0,
                                   deflated ? 9 : 0, 0, -MAX_WBITS, DEF_MEM_LEVEL,
                                   Z_DEFAULT_STRATEGY, NULL, 0, 3 << 8 | 63, utf8, 0) == ZIP_OK &&
           zipWriteInFileInZip(zf, data, (unsigned)len) == ZIP_OK &&
           zipCloseFileInZip(zf) == ZIP_OK;
}

static gboolean write_zip(const Package *pk, GDateTime *date, const char *path, GError **error)
{
    zipFile zf = zipOpen64(path, APPEND_STATUS_CREATE);
    if (!zf) {
        g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: cannot create the EPUB", path);
        return FALSE;
    }
    /* the date in the high half, the time (midnight) in the low */
    uLong dosdate = (uLong)(((g_date_time_get_year(date) - 1980) << 9) |
                            (g_date_time_get_month(date) << 5) | g_date_time_get_day_of_month(date))
                    << 16;
    static const char mimetype[] = "application/epub+zip";
    gboolean ok = add_file(zf, "mimetype", mimetype, sizeof mimetype - 1, FALSE, dosdate);
    for (guint i = 0; i < pk->entries->len && ok; i++) {
        const Entry *e = &g_array_index(pk->entries, Entry, i);
        ok = add_file(zf, e->name, e->data, e->len, TRUE, dosdate);
    }
    if (zipClose(zf, NULL) == ZIP_OK && ok)
        return TRUE;
    g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: cannot write the EPUB", path);
    return FALSE;
}

gboolean hk_render_epub(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                        GError **error)
{
    Package pk = {doc, g_array_new(FALSE, TRUE, sizeof(Entry)), 0};
    g_array_set_clear_func(pk.entries, entry_clear);
    GArray *ruby = NULL;
    GDateTime *date = package_date(doc);
    gboolean ok =
        hk_html_readings(doc, layout, &ruby, error) && container_xml(&pk, error) &&
        content_xhtml(&pk, ruby, error) && nav_xhtml(&pk, error) &&
        add_stylesheet(&pk, layout, "screen", "EPUB/style.css", error) &&
        add_stylesheet(&pk, layout, "contrast", "EPUB/contrast.css", error) &&
        package_opf(&pk, blocks_have_ruby(doc->blocks) || (ruby && ruby->len), date, error);
    if (ok) {
        char *name = g_strconcat(doc->stem, ".epub", NULL);
        char *path = g_build_filename(out_dir, name, NULL);
        HkOutput out = {0};
        ok = hk_output_begin(&out, path, error) && write_zip(&pk, date, out.tmp_path, error) &&
             hk_output_commit(&out, error);
        if (!ok)
            hk_output_abort(&out);
        g_free(path);
        g_free(name);
    }
    if (ruby)
        g_array_unref(ruby);
    g_date_time_unref(date);
    g_array_unref(pk.entries);
    return ok;
}
