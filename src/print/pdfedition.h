/* pdfedition: the paged PDF editions (print, large type, press) as one
 * renderer: fonts → page style → typeset plan → Cairo drawing → qpdf
 * finishing → atomic output. The editions differ only in their layout file
 * and in the limits they promise (smallest type size, body size range,
 * press boxes), given here. */
#ifndef HK_PDFEDITION_H
#define HK_PDFEDITION_H

#include "document.h"
#include "layout.h"
#include "pagestyle.h"

typedef struct {
    const char *suffix; /* the file is DIR/<stem>.<suffix>.pdf */
    HkStyleLimits limits;
    const char *title_suffix; /* added after the layout's title suffix, or NULL */
    /* Readings to set over the text besides the author's ruby (an array of
     * HkExtraRuby, typeset.h), computed before typesetting; NULL for none.
     * Returns NULL with *error on failure. */
    GArray *(*extra_ruby)(const HkDocument *doc, GError **error);
} HkPdfEditionSpec;

/* What the print design promises (5 pt lets half-size ruby over 10.5 pt
 * body through; the body range is what a printed municipal document may
 * use); editions built on the print layout share it. */
extern const HkStyleLimits hk_pdf_print_limits;

gboolean hk_pdf_edition_render(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                               const HkPdfEditionSpec *spec, GError **error);

/* Reads the page style the edition would, to check the layout before
 * anything is rendered. */
gboolean hk_pdf_edition_check(const HkLayout *layout, const HkPdfEditionSpec *spec, GError **error);

/* The HkRenderFn and HkCheckFn of each edition (see editions.c). */
gboolean hk_check_print(const HkLayout *layout, GError **error);
gboolean hk_check_large(const HkLayout *layout, GError **error);
gboolean hk_check_press(const HkLayout *layout, GError **error);
gboolean hk_render_print(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error);
gboolean hk_render_large(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error);
gboolean hk_render_press(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                         GError **error);

/* The document's date for the PDF: the front-matter date when it is
 * YYYY-MM-DD, else $SOURCE_DATE_EPOCH, else NULL (no date is written). */
GDateTime *hk_pdf_document_date(const HkDocument *doc);

#endif
