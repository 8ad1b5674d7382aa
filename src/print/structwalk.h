/* structwalk: the elements of a PDF's structure tree, through libqpdf.
 *
 * Owns the one walk the post-processing steps share: every structure
 * element (a dictionary under /K) in document order, parent before its
 * kids, each object visited once however often it is referenced, and the
 * depth bounded, so that a malformed or cyclic tree cannot recurse without
 * end. */
#ifndef HK_STRUCTWALK_H
#define HK_STRUCTWALK_H

#include <glib.h>
#include <qpdf/qpdf-c.h>

/* Called with each element; `elem` is released after the call (keep one
 * with qpdf_oh_new_object). */
typedef void (*HkStructVisit)(qpdf_data q, qpdf_oh elem, gpointer data);

/* Walks from `kids`, the /K of the StructTreeRoot (or of any element). */
void hk_struct_walk(qpdf_data q, qpdf_oh kids, HkStructVisit visit, gpointer data);

#endif
