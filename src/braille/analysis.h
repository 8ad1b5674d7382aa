/* analysis: the analyser's reading of one document's text, made once.
 *
 * Owns, for each text the print and web editions annotate (the front
 * matter strings, headings and paragraphs, in lists and quotes too), the
 * result of one MeCab parse: its words with readings (the furigana PDF and
 * the web and EPUB editions' furigana, furigana.h) and its phrase starts
 * (the large type's line breaks, phrases.h). It is kept with the document
 * (document.h's HkDerived), so that every edition rendered from it in the
 * process takes its view from the same analysis instead of parsing the
 * text again. The braille transcription parses its own text (normalised,
 * split at the author's ruby, reader.h) and is not kept here. */
#ifndef HK_ANALYSIS_H
#define HK_ANALYSIS_H

#include "document.h"
#include "reader.h"

typedef struct {
    GArray *words;  /* of HkWord (reader.h) */
    GArray *starts; /* of gsize: the 文節 starts, the text's start excluded */
} HkTextAnalysis;

/* The analysis of `text`, the text of `key` in `doc` (the block, or the
 * front-matter string itself by pointer, as HkExtraRuby keys them): made
 * with `reader` on the first call for that key, then kept with the
 * document. A key always names the same text. Borrowed; NULL with *error
 * if the analyser fails. */
const HkTextAnalysis *hk_analysis_text(HkReader *reader, const HkDocument *doc, const void *key,
                                       const char *text, GError **error);

#endif
