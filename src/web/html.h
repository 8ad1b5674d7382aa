/* html: the HTML body both web editions share (the web page and the EPUB
 * content document), written with libxml2's xmlTextWriter so that every
 * name, attribute and text is escaped by the writer, never by hand.
 *
 * Owns how the document model maps onto HTML: the front matter as the
 * page header, headings with stable ids and the table of contents built
 * from them, paragraphs, lists, figures with their alt text, quotes, code,
 * ruby as <ruby><rb>…</rb><rt>…</rt></ruby> (the author's, and the
 * furigana edition's readings where the layout asks for them) and
 * lang="en" on runs of Latin script. The markup is polyglot (XHTML syntax
 * that is also valid HTML), so one writer serves the .html page and the
 * EPUB's XHTML. The page around the body (head, stylesheets) belongs to
 * each edition. */
#ifndef HK_HTML_H
#define HK_HTML_H

#include <libxml/xmlwriter.h>

#include "document.h"
#include "layout.h"

typedef struct HkHtml HkHtml;

/* What a figure's <img src> is: the edition decides (a data: URI in the
 * page, a file in the EPUB). Returns a new string, or NULL with *error. */
typedef char *(*HkHtmlImageFn)(const HkBlock *figure, gpointer data, GError **error);

/* A body writer on `w` for `doc`. `ruby` (HkExtraRuby, typeset.h, or
 * NULL) are readings to add over the text; they are borrowed. */
HkHtml *hk_html_new(xmlTextWriterPtr w, const HkDocument *doc, const GArray *ruby,
                    HkHtmlImageFn image, gpointer image_data);
/* Frees the writer state; FALSE with *error if any write failed. */
gboolean hk_html_free(HkHtml *h, GError **error);

/* Elements and text, escaped by the writer. A failure is remembered and
 * reported by hk_html_free. `end` always writes a closing tag; `end_void`
 * closes an empty element (<meta/>, <img/>). */
void hk_html_start(HkHtml *h, const char *name);
void hk_html_attr(HkHtml *h, const char *name, const char *value);
void hk_html_text(HkHtml *h, const char *text);
void hk_html_end(HkHtml *h);
void hk_html_end_void(HkHtml *h);
/* <!DOCTYPE html>, first in both kinds of file. */
void hk_html_doctype(HkHtml *h);
/* Text the writer must not escape: a stylesheet inside <style> (its ">"
 * combinators would become "&gt;"); the caller has checked it holds no
 * "</" (hk_html_stylesheet). */
void hk_html_raw(HkHtml *h, const char *text);
/* A line break between elements (whitespace HTML ignores there), so
 * that the file reads a block a line. */
void hk_html_nl(HkHtml *h);
/* Text with lang="en" around each run of Latin script. */
void hk_html_text_lang(HkHtml *h, const char *text);

/* The front matter: <h1> title, then subtitle, organization and date as
 * paragraphs, in the order the print edition sets them. */
void hk_html_front(HkHtml *h);
/* The table of contents: nested <ol> of links to the headings; `href` is
 * the document the ids live in ("" for the same page). FALSE (and nothing
 * written) if the document has no headings. */
gboolean hk_html_toc(HkHtml *h, const char *href);
/* Every block of the document, in reading order. */
void hk_html_blocks(HkHtml *h);

/* The readings the layout asks for: with [text] furigana = true, the
 * furigana edition's readings of every kanji word (the braille
 * translator's analyser); else *out = NULL. FALSE with *error if the
 * layout value is bad or the analyser fails. */
gboolean hk_html_readings(const HkDocument *doc, const HkLayout *layout, GArray **out,
                          GError **error);

/* The bytes of a figure's PNG file; NULL with *error at the figure's
 * source position if it cannot be read or is not a PNG (the print
 * editions take PNG only, so every edition takes the same images). */
guint8 *hk_html_png(const HkDocument *doc, const HkBlock *figure, gsize *len, GError **error);

/* Reads a stylesheet named by layout [style] `key`, relative to the
 * layout file's folder. NULL with *error (at that key) if unreadable or if
 * it holds "</" (it is embedded in a <style> element). */
char *hk_html_stylesheet(const HkLayout *layout, const char *key, GError **error);

#endif
