/* edition_web: the self-contained web page (see edition_web.h). */
#include "edition_web.h"

#include <glib/gstdio.h>
#include <string.h>

#include "error.h"
#include "html.h"
#include "output.h"

/* The other editions a resident may want instead, in the order offered. */
static const struct {
    const char *suffix, *label;
} siblings[] = {
    {".print.pdf", "印刷用 PDF（A4）"},
    {".large.pdf", "大きな文字の PDF（A4）"},
    {".furigana.pdf", "ふりがな付き PDF（A4）"},
    {".epub", "電子書籍 EPUB"},
    {".brf", "点字データ BRF"},
    {".pef", "点字データ PEF"},
};

static char *data_uri(const char *type, const void *data, gsize len)
{
    char *b64 = g_base64_encode(data, len);
    char *uri = g_strdup_printf("data:%s;base64,%s", type, b64);
    g_free(b64);
    return uri;
}

static char *image_uri(const HkBlock *figure, gpointer doc, GError **error)
{
    gsize len = 0;
    guint8 *png = hk_html_png(doc, figure, &len, error);
    if (!png)
        return NULL;
    char *uri = data_uri("image/png", png, len);
    g_free(png);
    return uri;
}

typedef struct {
    char *screen, *contrast, *large, *print;
} Styles;

static void styles_clear(Styles *s)
{
    g_free(s->screen);
    g_free(s->contrast);
    g_free(s->large);
    g_free(s->print);
}

static gboolean styles_load(Styles *s, const HkLayout *layout, GError **error)
{
    return (s->screen = hk_html_stylesheet(layout, "screen", error)) &&
           (s->contrast = hk_html_stylesheet(layout, "contrast", error)) &&
           (s->large = hk_html_stylesheet(layout, "large", error)) &&
           (s->print = hk_html_stylesheet(layout, "print", error));
}

gboolean hk_check_web(const HkLayout *layout, GError **error)
{
    Styles s = {0};
    gboolean furigana;
    gboolean ok = styles_load(&s, layout, error) &&
                  hk_layout_bool_or(layout, "text", "furigana", FALSE, &furigana, error);
    styles_clear(&s);
    return ok;
}

static void void_element(HkHtml *h, const char *name, const char *const *attrs)
{
    hk_html_start(h, name);
    for (int i = 0; attrs[i]; i += 2)
        hk_html_attr(h, attrs[i], attrs[i + 1]);
    hk_html_end_void(h);
    hk_html_nl(h);
}

static void style(HkHtml *h, const char *media, const char *css)
{
    hk_html_start(h, "style");
    if (media)
        hk_html_attr(h, "media", media);
    hk_html_raw(h, css);
    hk_html_end(h);
    hk_html_nl(h);
}

/* Alternate stylesheets: the browser's page-style menu switches them
 * with no script (the reader's toggle, WCAG 2.2 SC 1.4.8). A link needs an
 * address, so the sheet travels as a data: URI. */
static void alternate(HkHtml *h, const char *title, const char *css)
{
    char *uri = data_uri("text/css", css, strlen(css));
    const char *attrs[] = {"rel", "alternate stylesheet", "title", title, "href", uri, NULL};
    void_element(h, "link", attrs);
    g_free(uri);
}

static void head(HkHtml *h, const HkDocument *doc, const Styles *s)
{
    hk_html_start(h, "head");
    hk_html_nl(h);
    void_element(h, "meta", (const char *[]){"charset", "utf-8", NULL});
    void_element(h, "meta",
                 (const char *[]){"name", "viewport", "content",
                                  "width=device-width, initial-scale=1", NULL});
    hk_html_start(h, "title");
    hk_html_text(h, doc->title ? doc->title : doc->stem);
    hk_html_end(h);
    hk_html_nl(h);
    void_element(h, "meta",
                 (const char *[]){"name", "generator", "content", "hiraku " HK_VERSION, NULL});
    style(h, NULL, s->screen);
    style(h, "screen and (prefers-contrast: more)", s->contrast);
    style(h, "print", s->print);
    alternate(h, "高コントラスト", s->contrast);
    alternate(h, "大きな文字", s->large);
    hk_html_end(h);
    hk_html_nl(h);
}

static void sibling_links(HkHtml *h, const HkDocument *doc, const char *out_dir)
{
    gboolean any = FALSE;
    for (size_t i = 0; i < G_N_ELEMENTS(siblings); i++) {
        char *name = g_strconcat(doc->stem, siblings[i].suffix, NULL);
        char *path = g_build_filename(out_dir, name, NULL);
        const char *now = hk_output_current(path);
        GStatBuf st;
        if (now && g_stat(now, &st) == 0 && S_ISREG(st.st_mode)) {
            if (!any) {
                hk_html_start(h, "nav");
                hk_html_attr(h, "class", "hk-editions");
                hk_html_attr(h, "aria-label", "ほかの版");
                hk_html_start(h, "ul");
                any = TRUE;
            }
            char *href = g_uri_escape_string(name, NULL, FALSE);
            char *size = g_strdup_printf("（%lld KB）", (long long)(st.st_size + 1023) / 1024);
            hk_html_start(h, "li");
            hk_html_start(h, "a");
            hk_html_attr(h, "href", href);
            hk_html_text_lang(h, siblings[i].label);
            hk_html_end(h);
            hk_html_text_lang(h, size);
            hk_html_end(h);
            g_free(size);
            g_free(href);
        }
        g_free(path);
        g_free(name);
    }
    if (any) {
        hk_html_end(h); /* ul */
        hk_html_end(h); /* nav */
    }
}

static void body(HkHtml *h, const HkDocument *doc, const char *out_dir)
{
    hk_html_start(h, "body");
    hk_html_nl(h);
    hk_html_start(h, "header");
    hk_html_front(h);
    sibling_links(h, doc, out_dir);
    hk_html_end(h);
    hk_html_nl(h);
    GPtrArray *heads = hk_document_headings(doc);
    if (heads->len) {
        hk_html_start(h, "nav");
        hk_html_attr(h, "class", "hk-toc");
        hk_html_attr(h, "aria-labelledby", "hk-toc");
        hk_html_start(h, "h2");
        hk_html_attr(h, "id", "hk-toc");
        hk_html_text(h, "目次");
        hk_html_end(h);
        hk_html_toc(h, "");
        hk_html_end(h);
        hk_html_nl(h);
    }
    g_ptr_array_unref(heads);
    hk_html_start(h, "main");
    hk_html_attr(h, "id", "main");
    hk_html_nl(h);
    hk_html_blocks(h);
    hk_html_end(h);
    hk_html_nl(h);
    hk_html_end(h);
    hk_html_nl(h);
}

/* The whole page in a new buffer, or NULL with *error. */
static xmlBufferPtr page(const HkDocument *doc, const GArray *ruby, const Styles *s,
                         const char *out_dir, GError **error)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    HkHtml *h = hk_html_new(w, doc, ruby, image_uri, (gpointer)doc);
    /* The writer keeps UTF-8 in attribute values only in a document that
     * declares it; HTML has no XML declaration, so it is dropped. */
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterFlush(w);
    xmlBufferEmpty(buf);
    hk_html_doctype(h);
    hk_html_nl(h);
    hk_html_start(h, "html");
    hk_html_attr(h, "lang", doc->lang && *doc->lang ? doc->lang : "ja");
    hk_html_nl(h);
    head(h, doc, s);
    body(h, doc, out_dir);
    hk_html_end(h);
    hk_html_nl(h);
    gboolean ok = hk_html_free(h, error);
    ok = xmlTextWriterEndDocument(w) >= 0 && ok;
    xmlFreeTextWriter(w);
    if (!ok) {
        xmlBufferFree(buf);
        return NULL;
    }
    return buf;
}

gboolean hk_render_web(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                       GError **error)
{
    Styles s = {0};
    GArray *ruby = NULL;
    gboolean ok = FALSE;
    if (styles_load(&s, layout, error) && hk_html_readings(doc, layout, &ruby, error)) {
        xmlBufferPtr buf = page(doc, ruby, &s, out_dir, error);
        if (buf) {
            char *name = g_strconcat(doc->stem, ".html", NULL);
            char *path = g_build_filename(out_dir, name, NULL);
            ok = hk_output_write_file(path, xmlBufferContent(buf), (gsize)xmlBufferLength(buf),
                                      error);
            g_free(path);
            g_free(name);
            xmlBufferFree(buf);
        }
    }
    if (ruby)
        g_array_unref(ruby);
    styles_clear(&s);
    return ok;
}
