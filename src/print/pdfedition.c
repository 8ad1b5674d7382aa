#include "pdfedition.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fonts.h"
#include "output.h"
#include "pdf.h"
#include "pdfpost.h"
#include "typeset.h"

GDateTime *hk_pdf_document_date(const HkDocument *doc)
{
    int y, m, d;
    char tail;
    if (doc->date && sscanf(doc->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
        g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return g_date_time_new_utc(y, m, d, 0, 0, 0);
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        gint64 t = g_ascii_strtoll(epoch, &end, 10);
        if (!*end && t >= 0)
            return g_date_time_new_from_unix_utc(t);
    }
    return NULL;
}

gboolean hk_pdf_edition_render(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                               const HkPdfEditionSpec *spec, GError **error)
{
    gboolean ok = FALSE;
    HkPageStyle *style = NULL;
    char *title = NULL;
    HkPdfDrawing drawing = {0};
    GDateTime *date = NULL;
    GArray *extra = NULL;
    HkFonts *fonts = hk_fonts_open(error);
    if (!fonts)
        return FALSE;
    style = hk_page_style_load(layout, &spec->limits, fonts, error);
    if (!style)
        goto out;
    if (spec->title_suffix) {
        char *t = g_strconcat(style->title_suffix, spec->title_suffix, NULL);
        g_free(style->title_suffix);
        style->title_suffix = t;
    }
    if (spec->extra_ruby && !(extra = spec->extra_ruby(doc, error)))
        goto out;
    date = hk_pdf_document_date(doc);
    /* PDF/X needs both dates (ISO 15930-7 6.7.3), and they must not be
     * the time of the run for the file to be reproducible. */
    if (style->press && !date) {
        hk_set_error_at(error, HK_ERROR_INPUT, doc->path, 1, 1,
                        "the press edition (PDF/X) needs a date: set 'date:' in the front "
                        "matter or SOURCE_DATE_EPOCH");
        goto out;
    }
    /* Typeset and drawn in one stream: each page is drawn and released as
     * soon as it is laid out. */
    title = hk_typeset_title(doc, style);
    HkPdfMeta meta = {title, doc->organization, doc->subtitle, "hiraku " HK_VERSION};
    HkPdfDrawer *drawer = hk_pdf_drawer_new(style, &meta);
    HkTypesetInfo info = {0};
    if (!hk_typeset_stream(doc, style, fonts, extra, hk_pdf_drawer_op, drawer, &info, error)) {
        hk_pdf_drawer_free(drawer);
        goto out;
    }
    if (!hk_pdf_drawer_finish(drawer, info.n_pages, &drawing, error))
        goto out;
    const HkPdfx pdfx = {style->pdfx,      style->icc_profile,
                         style->output_id, style->output_condition,
                         style->registry,  style->inks};
    HkPdfPost post = {doc->lang ? doc->lang : "ja",
                      title,
                      doc->organization,
                      doc->subtitle,
                      meta.creator,
                      date,
                      style->press,
                      style->page_w,
                      style->page_h,
                      style->bleed,
                      style->press ? &pdfx : NULL};
    char *name = g_strdup_printf("%s.%s.pdf", doc->stem, spec->suffix);
    char *path = g_build_filename(out_dir, name, NULL);
    g_free(name);
    HkOutput out;
    if (hk_output_begin(&out, path, error)) {
        if (hk_pdfpost_write(&drawing, &post, out.tmp_path, error))
            ok = hk_output_commit(&out, error);
        else
            hk_output_abort(&out);
    }
    g_free(path);
out:
    if (date)
        g_date_time_unref(date);
    hk_pdf_drawing_clear(&drawing);
    g_free(title);
    if (extra)
        g_array_unref(extra);
    hk_page_style_free(style);
    hk_fonts_free(fonts);
    return ok;
}

const HkStyleLimits hk_pdf_print_limits = {5.0, 8.0, 14.0, FALSE};

gboolean hk_render_print(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    const HkPdfEditionSpec spec = {"print", hk_pdf_print_limits, NULL, NULL};
    return hk_pdf_edition_render(doc, layout, out_dir, &spec, error);
}

gboolean hk_render_large(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    /* Large type: nothing on any page under 18 pt (ruby, footer and page
     * numbers included); the body between 18 and 30 pt. */
    static const HkPdfEditionSpec spec = {"large", {18.0, 18.0, 30.0, FALSE}, NULL, NULL};
    return hk_pdf_edition_render(doc, layout, out_dir, &spec, error);
}

gboolean hk_render_press(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    /* The print design, for a print vendor: the layout must say the bleed. */
    static const HkPdfEditionSpec spec = {"press", {5.0, 8.0, 14.0, TRUE}, NULL, NULL};
    return hk_pdf_edition_render(doc, layout, out_dir, &spec, error);
}
