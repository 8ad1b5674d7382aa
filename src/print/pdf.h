/* pdf: draws a typeset stream with Cairo into two PDFs in memory.
 *
 * Owns the mapping from plan operations to Cairo: structure tags, links,
 * bookmarks, metadata, glyph drawing of line segments, ruby as outlines,
 * images. The body PDF holds the tagged content; the furniture PDF holds,
 * page for page, what is not content (running header, footer, rules, crop
 * marks, bleed backgrounds), which pdfpost.c lays under each body page as
 * an artifact. Two files because Cairo 1.16 puts whatever is drawn while a
 * structure element is open into that element, and a paragraph that runs
 * over a page break is open when the next page's header is drawn.
 * Operations are drawn as they arrive (hk_pdf_drawer_op is an HkOpSink),
 * both PDFs being written page by page, so nothing of a page outlives it
 * but what Cairo keeps for the whole file (structure tree, font subsets). */
#ifndef HK_PDF_H
#define HK_PDF_H

#include <glib.h>

#include "pagestyle.h"
#include "typeset.h"

/* A key the drawer wanted on a structure element but Cairo cannot write:
 * the n-th element of `type` (in document order) gets key = value. An
 * element that wants none has an entry with value NULL, so that the ones
 * after it keep their places (not every Span has a /Lang). */
typedef struct {
    char *type;  /* "Figure", "RT", "Span" */
    char *key;   /* "Alt", "ActualText", "Lang" */
    char *value; /* UTF-8, or NULL: no key on this element */
} HkStructAttr;

/* Where a link was drawn: one box per line fragment, in PDF user space
 * (y up, media box origin). */
typedef struct {
    int page; /* 0-based */
    double x0, y0, x1, y1;
} HkLinkBox;

/* One Link element, in document order: what pdfua.c needs to write its
 * annotations (Cairo 1.16 writes one box over every line of a link, on the
 * first page only, and no /Contents). */
typedef struct {
    char *uri;
    GString *text; /* the link's visible text */
    GArray *boxes; /* of HkLinkBox, in drawing order */
} HkPdfLink;

typedef struct {
    const char *title, *author, *subject, *creator;
} HkPdfMeta;

typedef struct {
    GByteArray *body, *furniture;
    GPtrArray *struct_attrs; /* of HkStructAttr*, in document order */
    GPtrArray *links;        /* of HkPdfLink*, in document order */
    double media_w, media_h; /* page size including slug (press) */
    double offset;           /* where the trim box starts, from the media edge */
} HkPdfDrawing;

typedef struct HkPdfDrawer HkPdfDrawer;

/* `style` must outlive the drawer. */
HkPdfDrawer *hk_pdf_drawer_new(const HkPageStyle *style, const HkPdfMeta *meta);
/* Draws one operation of a typeset stream (an HkOpSink; `drawer` is the
 * HkPdfDrawer). */
gboolean hk_pdf_drawer_op(const HkOp *op, gpointer drawer, GError **error);
/* Ends the stream of a document of `n_pages` pages: fills `out` and frees
 * the drawer, whether it succeeds or not. */
gboolean hk_pdf_drawer_finish(HkPdfDrawer *drawer, int n_pages, HkPdfDrawing *out, GError **error);
/* Frees a drawer whose stream was abandoned. */
void hk_pdf_drawer_free(HkPdfDrawer *drawer);

void hk_pdf_drawing_clear(HkPdfDrawing *d);

#endif
