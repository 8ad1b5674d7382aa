/* edition_web: the web edition, DIR/<stem>.html: one self-contained HTML
 * page (stylesheets and images inside it, no script) for the ward's
 * website, where residents with screen readers and magnifiers meet it.
 *
 * Owns the page around the shared body (html.h): the head with the
 * layout's stylesheets (screen, prefers-contrast, print, and the
 * high-contrast and large-type alternate stylesheets a reader chooses in
 * the browser), the landmarks (header, nav, main) and the links to the
 * other editions found beside it in DIR. */
#ifndef HK_EDITION_WEB_H
#define HK_EDITION_WEB_H

#include "document.h"
#include "layout.h"

/* The HkRenderFn of the edition. The links to the other editions are to
 * the files <stem>.print.pdf, .large.pdf, .furigana.pdf, .epub, .brf and
 * .pef that exist in DIR when it renders (`render` with no --edition
 * renders the web edition last, after those). */
gboolean hk_render_web(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                       GError **error);

/* The HkCheckFn of the web and EPUB editions: the stylesheets the layout
 * names exist and its keys are the ones these editions read. */
gboolean hk_check_web(const HkLayout *layout, GError **error);

#endif
