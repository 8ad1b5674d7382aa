/* pdf: draws a typeset plan with Cairo into two PDFs in memory.
 *
 * Owns the mapping from plan operations to Cairo: structure tags, links,
 * bookmarks, metadata, glyph drawing of line segments, ruby as outlines,
 * images. The body PDF holds the tagged content; the furniture PDF holds,
 * page for page, what is not content (running header, footer, rules, crop
 * marks, bleed backgrounds), which pdfpost.c lays under each body page as
 * an artifact. Two files because Cairo 1.16 puts whatever is drawn while a
 * structure element is open into that element, and a paragraph that runs
 * over a page break is open when the next page's header is drawn. */
#ifndef HK_PDF_H
#define HK_PDF_H

#include <glib.h>

#include "pagestyle.h"
#include "typeset.h"

/* A key the drawer wanted on a structure element but Cairo cannot write:
 * the n-th element of `type` (in document order) gets key = value. */
typedef struct {
    char *type;  /* "Figure", "RT" */
    char *key;   /* "Alt", "ActualText" */
    char *value; /* UTF-8 */
} HkStructAttr;

typedef struct {
    const char *title, *author, *subject, *creator;
} HkPdfMeta;

typedef struct {
    GByteArray *body, *furniture;
    GPtrArray *struct_attrs; /* of HkStructAttr*, in document order */
    double media_w, media_h; /* page size including slug (press) */
    double offset;           /* where the trim box starts, from the media edge */
} HkPdfDrawing;

gboolean hk_pdf_draw(const HkPlan *plan, const HkPageStyle *style, const HkPdfMeta *meta,
                     HkPdfDrawing *out, GError **error);
void hk_pdf_drawing_clear(HkPdfDrawing *d);

#endif
