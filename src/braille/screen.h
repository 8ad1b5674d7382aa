/* screen: the characters of a text that braille cannot write as they stand,
 * found before the reader sees the text.
 *
 * A character passes when its normal form (normalize.h) is text the reader
 * transcribes (kana, kanji, ASCII) or signs the table has cells for. One
 * that does not is described instead, inside the 点訳者挿入符 ⠶⠶…⠶⠶, where
 * tables/ja-kana-notes.tsv has a description for it (❤ → ハート: a
 * transcriber describes a picture sign that has no braille), written as
 * its name where the dictionary names it (━ ヨコセンダイ, ∞ ムゲンダイ: the
 * reference translator's way, without the 点訳者挿入符), and dropped
 * otherwise (an emoji without a description, a private-use character, a
 * control, bidi or format character, a variation selector). Either way the
 * caller hears of it, once per character. */
#ifndef HK_SCREEN_H
#define HK_SCREEN_H

#include "charwarn.h"
#include "document.h"
#include "louis.h"

typedef struct HkScreen HkScreen;

/* Loads the descriptions; the table decides what passes. */
HkScreen *hk_screen_new(HkLouis *louis, GError **error);
void hk_screen_free(HkScreen *screen);

/* The spans with every character that cannot pass described or dropped
 * (a new array owning its strings; free with g_array_unref), or NULL when
 * every character passes (the common case costs no copy). Offsets given to
 * `warn` count characters through the spans one after the other. */
GArray *hk_screen_spans(HkScreen *screen, const HkSpan *spans, gsize n, const HkCharWarn *warn);

/* What becomes of c: NULL if it passes, "" if it is dropped, else the
 * transcription that takes its place. */
const char *hk_screen_char(HkScreen *screen, gunichar c);

/* The second look, at the transcription: a character the reader left as
 * it was (a kanji it cannot read, 々 after kana) and the table has no
 * cells for is replaced the same way. Returns a new string, or NULL when
 * nothing changes; warnings carry offset -1. */
char *hk_screen_kana(HkScreen *screen, const char *kana, const HkCharWarn *warn);
const char *hk_screen_kana_char(HkScreen *screen, gunichar c);

#endif
