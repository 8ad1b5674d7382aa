/* pdfpost: finishes a Cairo PDF with libqpdf.
 *
 * Owns everything Cairo 1.16 cannot write: /Lang, ViewerPreferences
 * DisplayDocTitle, XMP metadata (with the PDF/UA identifier), /Alt,
 * /ActualText and /Lang on structure elements, fixed creation dates,
 * TrimBox/BleedBox, and the furniture layer (running header and footer)
 * laid under each page as an /Artifact form; hands the link annotations
 * and CID fonts to pdfua.c and, for the press edition, the document to
 * pdfx.c. Writes
 * with a deterministic /ID so the same input gives the same bytes, to a
 * file. */
#ifndef HK_PDFPOST_H
#define HK_PDFPOST_H

#include <glib.h>

#include "pdf.h"
#include "pdfx.h"

typedef struct {
    const char *lang;
    const char *title, *author, *subject, *creator;
    GDateTime *date; /* creation and modification date, or NULL for none */
    gboolean press;  /* set TrimBox and BleedBox */
    double trim_w, trim_h, bleed;
    /* the file as the user knows it (its final name), for messages: `path`
     * below is a temporary name */
    const char *name;
    const HkPdfx *pdfx; /* press: make the file PDF/X (pdfx.h), else NULL */
} HkPdfPost;

/* Writes the finished PDF to `path` through output.c (all or nothing):
 * qpdf writes the output's temporary file itself, so that the finished
 * file is not also held in memory (twice: qpdf's buffer and a copy). */
gboolean hk_pdfpost_write(const HkPdfDrawing *drawing, const HkPdfPost *post, const char *path,
                          GError **error);

#endif
