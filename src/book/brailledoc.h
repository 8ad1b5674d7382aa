/* brailledoc: the document model as a braille book.
 *
 * Owns the mapping of document blocks to braille blocks (front matter to
 * the title page, headings, paragraphs, list items and their numbers,
 * figures as their alt text, block quotes, thematic breaks) and the whole
 * braille render: translate, paginate, write the files. The
 * translator is passed in, so this module does not depend on how text
 * becomes braille; the braille edition passes the real one (braille.h). */
#ifndef HK_BRAILLEDOC_H
#define HK_BRAILLEDOC_H

#include "brailleformat.h"
#include "charwarn.h"
#include "document.h"
#include "layout.h"

typedef struct {
    gpointer data;
    /* Text with the author's readings → kana transcription (words
     * separated by one ASCII space). */
    char *(*kana)(gpointer data, const HkSpan *spans, gsize n, GError **error);
    /* Kana transcription → cells (blank cell as ASCII space). */
    char *(*cells)(gpointer data, const char *kana, GError **error);
    /* Where the two calls above report a character they describe or drop
     * (NULL: the translator has nowhere to report). brailledoc points it
     * at each block in turn and warns with the character's file:line:col. */
    void (*set_warn)(gpointer data, HkCharWarnFn fn, gpointer user);
} HkBrailleTranslator;

/* The document as braille blocks, before pagination (title-page items
 * first). NULL with *error on a translation failure, which names the
 * block's file:line:col. Free with g_ptr_array_unref. */
GPtrArray *hk_braille_blocks_from_document(const HkDocument *doc, const HkBrailleLayout *bl,
                                           const HkBrailleTranslator *tr, GError **error);

/* The paginated book of a document in volumes (one unless the layout's
 * [volumes] max_pages divides it), metadata and BES header fields set; free
 * with g_ptr_array_unref. A translation failure names the block's
 * file:line:col. */
GPtrArray *hk_braille_books_from_document(const HkDocument *doc, const HkBrailleLayout *bl,
                                          const HkBrailleTranslator *tr, GError **error);

/* Everything: layout values, book, and its files (braillewrite.h), all or
 * none. */
/* Reads and checks the braille layout (and its proof font) as
 * hk_braille_render would, without a document. */
gboolean hk_braille_check_layout(const HkLayout *layout, GError **error);
gboolean hk_braille_render(const HkDocument *doc, const HkLayout *layout,
                           const HkBrailleTranslator *tr, const char *out_dir, GError **error);

#endif
