/* reader: Japanese text to the braille kana transcription.
 *
 * Composes normalisation, MeCab analysis (reading.c), the braille kana
 * spelling rules (kana.c) and word separation (wakachi.c). Output is the
 * format of the braille harness's `input` field: katakana as braille spells
 * it (は→ワ, long vowels …), words separated by one ASCII space, punctuation
 * kept, digits and Latin letters in ASCII. */
#ifndef HK_READER_H
#define HK_READER_H

#include "document.h"

typedef struct HkReader HkReader;

/* Opens MeCab with the project's dictionary (named explicitly, never the
 * system default) once; reuse the reader for every line. */
HkReader *hk_reader_new(GError **error);
void hk_reader_free(HkReader *reader);

/* Transcribes spans; a span with a reading (author's ruby) uses that reading
 * instead of the analyser's. Returns a new string or NULL with *error. */
char *hk_reader_transcribe(HkReader *reader, const HkSpan *spans, gsize n, GError **error);

/* hk_reader_transcribe in two halves, for two threads: the first
 * normalises and analyses (MeCab), the second applies the rules. After
 * the first call of each, one thread may analyse while another transcribes
 * what was analysed before: the halves share no state (the rules' own
 * analyses use the reader's second MeCab). Each half on one thread only. */
typedef struct HkReaderText HkReaderText;
HkReaderText *hk_reader_analyse(HkReader *reader, const HkSpan *spans, gsize n, GError **error);
char *hk_reader_transcribe_analysed(HkReader *reader, const HkReaderText *text);
/* About the bytes an analysed text holds (to bound a queue of them). */
gsize hk_reader_text_size(const HkReaderText *text);
void hk_reader_text_free(HkReaderText *text);

/* One analysed word for furigana: surface as in the text and its reading
 * in hiragana (empty where the surface has no kanji). */
typedef struct {
    char *surface;
    char *reading;
} HkWord;

/* One analysis of `text` for the print and web editions: its words with
 * readings (as hk_reader_words) and its phrase starts (as
 * hk_reader_phrase_starts), both from the same MeCab parse. Sets two new
 * arrays, the words' strings in `strings` (they live as long as it), or
 * returns FALSE with *error. analysis.h keeps them per document. */
gboolean hk_reader_words_and_phrases(HkReader *reader, const char *text, GStringChunk *strings,
                                     GArray **words, GArray **starts, GError **error);

/* Splits text into words with readings (free with g_array_unref). */
GArray *hk_reader_words(HkReader *reader, const char *text, GError **error);

/* The byte offsets (gsize) in `text` where a 文節 begins (phrase.h), the
 * text's start excluded: a new array, or NULL with *error. */
GArray *hk_reader_phrase_starts(HkReader *reader, const char *text, GError **error);

#endif
