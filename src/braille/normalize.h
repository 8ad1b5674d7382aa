/* normalize: the text before analysis, in the form the braille
 * transcription writes it.
 *
 * Full-width ASCII becomes ASCII (Ａ１（！ → A1(!), half-width kana
 * full-width (ｶﾞ → ガ), compatibility characters their NFKC form (㎝ → cm,
 * Ⅶ → VII), ideographic and other blanks an ASCII space, accents on Latin
 * letters are dropped (café → cafe). Japanese punctuation stays as it is:
 * 、。「」『』・… and the wave dash ～ (which NFKC would turn into ASCII ~;
 * a free-standing ASCII ~ between Japanese words becomes ～, the 波線). */
#ifndef HK_NORMALIZE_H
#define HK_NORMALIZE_H

#include <glib.h>

/* Appends the normalised form of `len` bytes of valid UTF-8 to `out`. */
void hk_normalize_append(GString *out, const char *text, gsize len);

#endif
