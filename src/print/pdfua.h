/* pdfua: the PDF/UA-1 (ISO 14289-1) details of a Cairo PDF that Cairo 1.16
 * does not write, done with libqpdf on the document pdfpost.c finishes.
 *
 * Owns the link annotations (a /Contents on each, ISO 14289-1 7.18.5; one
 * annotation per page a link is drawn on, with one quadrilateral per line
 * fragment in /QuadPoints and /Rect their union, each reached from its
 * Link element by an OBJR and from the parent tree by its /StructParent)
 * and the /CIDToGIDMap of the embedded TrueType CID fonts (7.21.3.2).
 * The pdfuaid identifier in the XMP is pdfpost.c's, with the rest of the
 * packet. */
#ifndef HK_PDFUA_H
#define HK_PDFUA_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Gives the n-th Link element of the structure tree (`elems`, of qpdf_oh,
 * in document order, as the post-processing's one walk of the tree found
 * them: structwalk.h) the annotations of the n-th of `links` (of
 * HkPdfLink, pdf.h). TRUE when it wrote /QuadPoints, which PDF 1.6
 * introduced. */
gboolean hk_pdfua_links(qpdf_data q, const GPtrArray *links, const GArray *elems);

/* Writes /CIDToGIDMap /Identity on every CIDFontType2 font the pages (and
 * their form XObjects) use that has none: Cairo numbers the glyphs of a
 * TrueType subset with CID = GID, which is what Identity says. */
void hk_pdfua_cid_fonts(qpdf_data q);

#endif
