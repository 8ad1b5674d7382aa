/* wakachi: word separation (分かち書き, 点訳のてびき ch. 3) of transcribed
 * morphemes.
 *
 * Owns the decision where a blank goes: before each 自立語; 付属語
 * (particles, auxiliaries) and suffixes attach to the word before,
 * prefixes to the word after; inside a compound noun a blank goes only
 * between two units of 3 morae or more (a two-kanji 漢語 counts as such a
 * unit even when shorter), so shorter units join a neighbour; family and
 * given names are separated, as are honorifics (さん 様 君 …); a noun and
 * する are separated except after a one-kanji noun; numbers stand apart
 * from nouns and keep their counters; 、。・ and brackets take no blank
 * (the braille table adds the blanks that follow punctuation); a particle
 * after a Latin word is separated from it. Blanks of the source are kept. */
#ifndef HK_WAKACHI_H
#define HK_WAKACHI_H

#include <glib.h>

#include "reading.h"

typedef enum {
    HK_W_WORD,         /* 自立語 other than a noun: a blank before */
    HK_W_NOUN,         /* a noun: part of a compound, the mora rule decides */
    HK_W_ATTACH,       /* 付属語 or suffix: joins the word before */
    HK_W_PREFIX,       /* prefix: joins the word after */
    HK_W_PREFIX_APART, /* prefix written apart from a word (旧 新 全 …) */
    HK_W_NUMBER,       /* digits: stands apart from nouns, counters attach */
    HK_W_LATIN,        /* Latin letters (a word or an abbreviation) */
    HK_W_PUNCT,        /* 、。？！: joins before, no blank after */
    HK_W_JOINER,       /* ・ ← → ※: no blank on either side */
    HK_W_OPEN,         /* 「『 …: a blank before, none after */
    HK_W_ANNOT,        /* ( of an annotation: no blank before or after */
    HK_W_CLOSE,        /* 」』): joins before */
    HK_W_SYMBOL,       /* other signs (& # %): join before, a blank after */
} HkWClass;

typedef struct {
    HkWClass cls;
    gsize kana_off, kana_len; /* the transcription, in the caller's buffer */
    int morae;
    gboolean kango2;      /* a two-kanji word: a full compound unit */
    gboolean one_kanji;   /* a one-kanji noun (before する) */
    gboolean family;      /* 人名,姓 */
    gboolean given;       /* 人名,名 */
    gboolean particle;    /* 助詞 or 助動詞 */
    gboolean suru;        /* the verb する */
    gboolean quote_end;   /* ends with a foreign-word quote ⠴ */
    gboolean katakana;    /* written in katakana (a unit after a number) */
    gboolean plural;      /* 等 たち ら: a suffix of the whole compound, no unit part */
    gboolean proper;      /* 固有名詞 */
    gboolean hiragana;    /* written in hiragana only */
    gboolean rendaku;     /* a suffix with 連濁 (づくり): binds the word before */
    gboolean apart_after; /* an abbreviation apart from the noun after it (米 ドル) */
    gboolean kanji1;      /* a noun of one kanji (券, 赤): one word with a Latin word beside it */
    int source_blanks;    /* blanks in the source before it, -1 none */
} HkWTok;

/* Class of a morpheme from its part of speech and surface, and from the
 * morphemes before it (prev, prev2; NULL at the start) where the てびき's
 * rules depend on them. */
HkWClass hk_wakachi_classify(const HkMorph *m, const HkMorph *prev, const HkMorph *prev2);

/* Appends the tokens' kana (from buf) with the blanks between them. */
void hk_wakachi_join(GString *out, const HkWTok *toks, gsize n, const char *buf);

#endif
