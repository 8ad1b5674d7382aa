/* phrases: line breaks only between phrases (文節) for the editions whose
 * layout says [body] break_at_phrases = true (the large-type edition: a
 * reader with low vision follows a line that ends where a phrase ends,
 * never one that cuts a word as なま/ち).
 *
 * Owns the phrase boundaries of a document's text, from the analyser the
 * braille edition and the furigana use (phrase.h; the parse is the
 * document's one analysis, analysis.h, shared with the furigana), and
 * their use in line
 * breaking: no break inside a phrase that fits on a line. A phrase longer
 * than the line keeps every break Pango allows in it (it must break
 * somewhere); kinsoku and the ruby bases are not touched (their own
 * no-break ranges stay). */
#ifndef HK_PHRASES_H
#define HK_PHRASES_H

#include <pango/pango.h>

#include "document.h"
#include "reader.h"

typedef struct HkPhraseMap HkPhraseMap;

/* The phrase starts of `doc`'s headings, paragraphs, list items, quotes
 * and front matter (the strings the typesetter sets: title, subtitle,
 * organization, the date in each form), keyed as HkExtraRuby is (the
 * block, or the front-matter string by pointer). NULL with *error if the
 * analyser fails. */
HkPhraseMap *hk_phrases_of_document(HkReader *reader, const HkDocument *doc, GError **error);
void hk_phrase_map_free(HkPhraseMap *map);

/* Adds to `attrs` a no-break range over every phrase of `key`'s text
 * (`len` bytes) no wider than `width` points in `fd`. */
void hk_phrases_keep(const HkPhraseMap *map, const void *key, PangoAttrList *attrs,
                     PangoContext *ctx, const PangoFontDescription *fd, const char *text, int len,
                     double width);

/* The analysed boundaries of `key`'s text (gsize byte offsets), or NULL:
 * for tests and tools. */
const GArray *hk_phrases_starts(const HkPhraseMap *map, const void *key);

#endif
