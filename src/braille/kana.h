/* kana: braille kana spelling (点訳のてびき ch. 2) of analysed words.
 *
 * Owns the rules that turn a dictionary reading into braille kana:
 * particles は/へ → ワ/エ and を → ヲ, ウ段・オ段 long vowels written with
 * the 長音符 where the word is pronounced long (the dictionary's
 * pronunciation decides; エ段 long vowels keep イ, オオ stays), verb endings
 * う kept (イウ for 言う), small vowels that lengthen a kana written full
 * size (ヤッタア), ヰ/ヱ → イ/エ, ヂ/ヅ of loanwords → ジ/ズ. */
#ifndef HK_KANA_H
#define HK_KANA_H

#include <glib.h>

#include "reading.h"

/* Appends `s` with hiragana turned into katakana. */
void hk_kana_to_katakana(GString *out, const char *s, gssize len);

/* Vowel of a katakana character: 'a' 'i' 'u' 'e' 'o', or 0 (ン, ッ, ー,
 * not kana). */
char hk_kana_vowel(gunichar c);

/* Number of morae of katakana text (small ャュョァィゥェォ do not count;
 * ン ッ ー do). */
int hk_kana_morae(const char *kata, gssize len);

/* TRUE if every character of s is hiragana or katakana (or ー). */
gboolean hk_kana_is_kana(const char *s);

/* Appends the braille spelling of one morpheme. `prev_last` is the last
 * character already written before it (0 at the start), for the rules
 * that look across a morpheme boundary (遊ぼ+う → アソボー). */
void hk_kana_spell(GString *out, const HkMorph *m, gunichar prev_last);

/* Rewrites small vowels that lengthen the kana before them as full-size
 * vowels (ヤッタァ → ヤッタア, キミィ → キミイ) in out from byte `from`. */
void hk_kana_fix_small_vowels(GString *out, gsize from);

#endif
