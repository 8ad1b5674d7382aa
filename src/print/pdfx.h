/* pdfx: makes the press edition's PDF a PDF/X file (ISO 15930-7 PDF/X-4,
 * or ISO 15930-4 PDF/X-1a:2001 where the layout says so), in place, on the
 * libqpdf document pdfpost.c is finishing.
 *
 * Owns what PDF/X asks beyond a plain PDF: CMYK colour everywhere (the
 * layout's inks written into every content stream, by contentinks.c;
 * images converted with lcms2 from sRGB to the output profile;
 * transparency groups blended in CMYK, or removed for X-1a), crop marks in
 * registration colour (Separation /All), no annotations on the page, the
 * output intent (GTS_PDFX, the layout's ICC profile and its condition
 * identifier) and the version keys in Info and XMP. Everything is done
 * through libqpdf objects; no PDF is written by hand. */
#ifndef HK_PDFX_H
#define HK_PDFX_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "pagestyle.h"

typedef struct {
    HkPdfxLevel level;
    const char *icc_profile, *output_id, *output_condition, *registry;
    const GArray *inks; /* of HkInk */
} HkPdfx;

/* Converts document `q` (written to `path`, for messages). On success
 * *doc_id is a uuid derived from the converted page content, for the
 * XMP DocumentID (free with g_free). */
gboolean hk_pdfx_apply(qpdf_data q, const HkPdfx *x, const char *path, char **doc_id,
                       GError **error);

/* Appends the PDF/X rdf:Description (pdfxid:GTS_PDFXVersion, pdf:Trapped,
 * xmpMM ids) to an XMP packet being built. */
void hk_pdfx_xmp(const HkPdfx *x, const char *doc_id, GString *xmp);

/* The PDF version the file must be written as, or NULL to keep Cairo's. */
const char *hk_pdfx_pdf_version(const HkPdfx *x);

#endif
