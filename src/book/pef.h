/* pef: the PEF 1.0 (DAISY Portable Embosser Format) writer.
 *
 * Owns the XML form of the page model: pef/head/meta (Dublin Core) and
 * body/volume/section/page/row, written with libxml2's xmlTextWriter so the
 * output is well-formed by construction. One section per part of the book
 * (title page, contents, body), since a PEF section starts a new sheet;
 * one volume per 分冊. */
#ifndef HK_PEF_H
#define HK_PEF_H

#include <glib.h>

#include "brailleformat.h"

#define HK_PEF_NS "http://www.daisy.org/ns/2008/pef"

/* NULL with *error if libxml2 fails. */
/* One PEF of the n volumes of a book; the head's metadata is books[0]'s. */
GBytes *hk_pef_bytes(HkBrailleBook *const *books, guint n, GError **error);

#endif
