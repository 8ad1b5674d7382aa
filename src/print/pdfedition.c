#include "pdfedition.h"

#include <stdlib.h>
#include <string.h>

#include "braille.h"
#include "error.h"
#include "fonts.h"
#include "output.h"
#include "pdf.h"
#include "pdfpost.h"
#include "typeset.h"

GDateTime *hk_pdf_document_date(const HkDocument *doc)
{
    return hk_output_date(doc->date);
}

/* The phrase boundaries of [body] break_at_phrases, from the analyser the
 * braille edition and the furigana use. */
static HkPhraseMap *document_phrases(const HkDocument *doc, GError **error)
{
    HkBraille *br = hk_braille_shared(error);
    HkReader *reader = br ? hk_braille_reader(br, error) : NULL;
    return reader ? hk_phrases_of_document(reader, doc, error) : NULL;
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
    HkPhraseMap *phrases = NULL;
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
    if (style->break_at_phrases && !(phrases = document_phrases(doc, error)))
        goto out;
    date = hk_pdf_document_date(doc);
    /* PDF/X needs both dates (ISO 15930-7 6.7.3), and they must not be
     * the time of the run for the file to be reproducible. A source with
     * no date (a leaflet) must still get every edition, so the press file
     * takes the epoch, as SOURCE_DATE_EPOCH=0 would, and says so. */
    if (style->press && !date) {
        hk_warn_at(doc->path, 1, 1,
                   "the press edition (PDF/X) needs a date and the source has none: it is "
                   "dated 1970-01-01 (set 'date:' in the front matter or SOURCE_DATE_EPOCH)");
        date = g_date_time_new_from_unix_utc(0);
    }
    /* Typeset and drawn in one stream: each page is drawn and released as
     * soon as it is laid out. */
    title = hk_typeset_title(doc, style);
    HkPdfMeta meta = {title, doc->organization, doc->subtitle, "hiraku " HK_VERSION};
    HkPdfDrawer *drawer = hk_pdf_drawer_new(style, &meta);
    HkTypesetInfo info = {0};
    if (!hk_typeset_stream(doc, style, fonts, extra, phrases, hk_pdf_drawer_op, drawer, &info,
                           error)) {
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
                      NULL,
                      style->press ? &pdfx : NULL};
    char *name = g_strdup_printf("%s.%s.pdf", doc->stem, spec->suffix);
    char *path = g_build_filename(out_dir, name, NULL);
    g_free(name);
    ok = hk_pdfpost_write(&drawing, &post, path, error);
    g_free(path);
out:
    if (date)
        g_date_time_unref(date);
    hk_pdf_drawing_clear(&drawing);
    g_free(title);
    if (extra)
        g_array_unref(extra);
    hk_phrase_map_free(phrases);
    hk_page_style_free(style);
    hk_fonts_free(fonts);
    return ok;
}

gboolean hk_pdf_edition_check(const HkLayout *layout, const HkPdfEditionSpec *spec, GError **error)
{
    HkFonts *fonts = hk_fonts_open(error);
    if (!fonts)
        return FALSE;
    HkPageStyle *style = hk_page_style_load(layout, &spec->limits, fonts, error);
    gboolean ok = style != NULL;
    hk_page_style_free(style);
    hk_fonts_free(fonts);
    return ok;
}

#define PRINT_LIMITS                                                                               \
    {                                                                                              \
        5.0, 8.0, 14.0, FALSE                                                                      \
    }
const HkStyleLimits hk_pdf_print_limits = PRINT_LIMITS;

static const HkPdfEditionSpec print_spec = {"print", PRINT_LIMITS, NULL, NULL};
/* Large type: nothing on any page under 18 pt (ruby, footer and page
 * numbers included); the body between 18 and 30 pt. */
static const HkPdfEditionSpec large_spec = {"large", {18.0, 18.0, 30.0, FALSE}, NULL, NULL};
/* The print design, for a print vendor: the layout must say the bleed. */
static const HkPdfEditionSpec press_spec = {"press", {5.0, 8.0, 14.0, TRUE}, NULL, NULL};

gboolean hk_render_print(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    return hk_pdf_edition_render(doc, layout, out_dir, &print_spec, error);
}

gboolean hk_render_large(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    return hk_pdf_edition_render(doc, layout, out_dir, &large_spec, error);
}

gboolean hk_render_press(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error)
{
    return hk_pdf_edition_render(doc, layout, out_dir, &press_spec, error);
}

gboolean hk_check_print(const HkLayout *layout, GError **error)
{
    return hk_pdf_edition_check(layout, &print_spec, error);
}

gboolean hk_check_large(const HkLayout *layout, GError **error)
{
    return hk_pdf_edition_check(layout, &large_spec, error);
}

gboolean hk_check_press(const HkLayout *layout, GError **error)
{
    return hk_pdf_edition_check(layout, &press_spec, error);
}
