/* phrase: where a 文節 (phrase) begins in analysed text, for the editions
 * that break lines only between phrases (the large-type edition).
 *
 * Owns the rule, on the classes wakachi.c gives each morpheme: a phrase
 * begins at a 自立語 (a word, a noun, a number, a Latin word, an opening
 * bracket); 付属語, suffixes, punctuation and closing brackets stay with
 * the phrase before, a prefix and an opening bracket with the one after;
 * a compound (nouns, numbers and Latin words in a row: 地域包括支援センター,
 * 令和7年) is one phrase, and a noun + する (支援する) too. Unlike braille
 * 分かち書き, which also cuts compounds into units of 3 morae, a line of
 * print never breaks inside a compound word. A blank in the source always
 * begins a phrase. */
#ifndef HK_PHRASE_H
#define HK_PHRASE_H

#include <glib.h>

#include "reading.h"

/* The byte offsets (gsize, ascending, in the analysed text: HkMorph
 * offset) where a phrase begins, the first morpheme's excluded: a new
 * array. */
GArray *hk_phrase_starts(const HkMorph *ms, gsize n);

#endif
