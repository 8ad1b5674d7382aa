/* epub: the EPUB 3 edition, DIR/<stem>.epub, for reading systems (the
 * DAISY Consortium's direction for accessible publishing).
 *
 * Owns the package: the content document (the shared body, html.h, as
 * XHTML), the navigation document (table of contents from the headings,
 * landmarks), the package document with EPUB Accessibility 1.1 metadata
 * (schema:accessMode, accessModeSufficient, accessibilityFeature,
 * accessibilityHazard, accessibilitySummary), META-INF/container.xml and
 * the zip (minizip): `mimetype` first and stored, every entry dated with the
 * document's date, so the same source gives the same bytes. No page-list:
 * the model has no print page breaks (pagination is each PDF's own). */
#ifndef HK_EPUB_H
#define HK_EPUB_H

#include "document.h"
#include "layout.h"

/* The HkRenderFn of the edition. */
gboolean hk_render_epub(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                        GError **error);

#endif
