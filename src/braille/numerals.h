/* numerals: numbers in the braille transcription (点訳のてびき ch. 2 その2).
 *
 * Owns kanji numerals → digits (二千三百 → 2300, 一〇 → 10, 二十一二 →
 * 21⠼2: a second number right after a complete one gets its own 数符),
 * the kana units of large numbers (334万 → 334マン), and the days of the
 * month read in Japanese (一日 → ツイタチ, 十四日 → 14カ). */
#ifndef HK_NUMERALS_H
#define HK_NUMERALS_H

#include <glib.h>

/* TRUE for 〇一二…九 十百千 万億兆 零 and ASCII digits. */
gboolean hk_numeral_char(gunichar c);

/* Appends the braille form of a run of numerals. Returns FALSE (and
 * appends nothing) if the run holds anything else. *value gets the number
 * (or -1 when the run is several numbers or too large). */
gboolean hk_numerals_convert(GString *out, const char *s, gsize len, gint64 *value);

/* Kana of a day of the month read in Japanese (1 → ツイタチ, 20 → ハツカ)
 * or, for n ending in 4, n followed by カ; NULL where the day is read
 * ニチ. */
const char *hk_numerals_day(gint64 n);

#endif

/* A dictionary word that starts with a number read the Sino-Japanese way
 * and goes on with a counter or another word (一流 イチリュー, 4月 シガツ,
 * 一石 イッセキ): writes the number in digits and the rest of the word's
 * spelling (1リュー, 4ガツ, 1セキ: a geminated number takes no 促音符) and
 * returns TRUE. `kana` is the word's braille spelling. A kanji number read
 * with a geminate is taken only if `geminate` (inside a compound such as
 * 一石二鳥); alone such a word has mostly lost its number (一体 イッタイ,
 * 一生 イッショー). Whether the rest is a counter is for the caller. */
gboolean hk_numerals_sino_word(GString *out, const char *surface, const char *kana,
                               gboolean geminate);
