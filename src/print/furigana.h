/* furigana: the furigana edition (ふりがな付き), for children and residents
 * still learning Japanese: the print layout with a reading over every word
 * that contains kanji.
 *
 * Owns which words get a reading and where it sits: the reader's words
 * (the readings the braille edition uses, from the document's one
 * analysis, analysis.h), each reading aligned with its
 * word so that only kanji carry ruby (okurigana and other kana left bare,
 * one ruby per run of kanji where the alignment is unambiguous, one over
 * the word's kanji part otherwise), never over kanji the author's ruby
 * already covers. The drawing is the print edition's (pdfedition.c), given
 * these readings as extra ruby. */
#ifndef HK_FURIGANA_H
#define HK_FURIGANA_H

#include "document.h"
#include "layout.h"
#include "reader.h"

/* The readings for `doc`'s headings, paragraphs, list items, quotes and
 * front matter (not code): a new array of HkExtraRuby (typeset.h) in
 * reading order; g_array_unref frees the readings too. NULL with *error if
 * the reader fails. */
GArray *hk_furigana_ruby(HkReader *reader, const HkDocument *doc, GError **error);

/* The HkRenderFn of the edition: DIR/<stem>.furigana.pdf. */
gboolean hk_render_furigana(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                            GError **error);
/* Checks the layout as hk_render_furigana would read it. */
gboolean hk_check_furigana(const HkLayout *layout, GError **error);

#endif
