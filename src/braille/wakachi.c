/* wakachi: see wakachi.h. */
#include "wakachi.h"

#include <string.h>

#include "kana.h"
#include "numerals.h"
#include "streq.h"
#include "utf8.h"

/* Honorifics after a name are written apart (鈴木 サン); other name
 * suffixes such as 嬢 attach. */
static const char *const separate_honorifics[] = {"さん", "様", "さま",   "君",   "くん", "殿",
                                                  "どの", "氏", "ちゃん", "先生", NULL};

/* Authorship after a person's name is a word of its own (タナカ チョ,
 * ムラオカ ハナコ ヤク), even where the dictionary calls it a name
 * suffix. */
static const char *const authorship[] = {"著", "訳", "作", "編", "画",   "談",   "曲", "記",
                                         "撰", "選", "述", "筆", "監修", "編著", NULL};

/* 形容詞,非自立 that behave as suffixes of the verb before (食べやすい). */
static const char *const attached_adjectives[] = {"やすい", "にくい", "づらい", "がたい",
                                                  "難い",   "易い",   "辛い",   NULL};

/* 動詞,非自立 contractions that attach (食べちゃう, 見てる). */
static const char *const attached_verbs[] = {"ちゃう", "じゃう", "てる",   "でる", "とく",
                                             "どく",   "ちまう", "じまう", NULL};

/* One-kanji prefixes written apart from the word they qualify when it is
 * a word of its own (キュー カゾク, ゼン 5カン, ゼン シチョー): the
 * てびき allows the blank "where it helps understanding", and the 点字表記
 * 辞典 entries of the harness make it for these, and the てびき 第4版's
 * examples for 貴 当 反 元 (キ ショーテン, トー シセツ, ハン
 * シャカイテキ, モト フクソーリ). 再 大 小 第 お ご and the like stay
 * joined (サイホーソー, ダイキボ, ダイ1). */
static const char *const separate_prefixes[] = {"旧", "新", "超", "故", "全", "満", "逆", "前",
                                                "元", "現", "各", "貴", "当", "反", NULL};

static gboolean in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (hk_streq(*list, s))
            return TRUE;
    return FALSE;
}

static gboolean is(const char *a, const char *b)
{
    return hk_streq(a, b);
}

static gboolean is_braille_pattern(const char *s)
{
    gunichar c = hk_utf8_get(s);
    return c >= 0x2800 && c <= 0x28FF;
}

static gboolean is_small_kana_only(const char *s)
{
    if (!*s)
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (!(c == 0x3041 || c == 0x3043 || c == 0x3045 || c == 0x3047 || c == 0x3049 ||
              c == 0x30A1 || c == 0x30A3 || c == 0x30A5 || c == 0x30A7 || c == 0x30A9 ||
              c == 0x309B || c == 0x309C || c == 0x3099 || c == 0x309A))
            return FALSE;
    }
    return TRUE;
}

static gboolean starts_small(const char *s)
{
    char buf[8];
    int n = g_unichar_to_utf8(hk_utf8_get(s), buf);
    buf[n] = '\0';
    return is_small_kana_only(buf);
}

/* A character that is neither a numeral nor kana or kanji (○ ● ×). */
static gboolean is_sign(const char *s)
{
    gunichar c = hk_utf8_get(s);
    return !hk_numeral_char(c) && !(c >= 0x3040 && c <= 0x30FF) && !(c >= 0x4E00 && c <= 0x9FFF);
}

static HkWClass classify(const HkMorph *m);

/* TRUE if a counter may follow prev: a number, or 何 数 幾 (ナンニン). */
static gboolean after_number(const HkMorph *prev)
{
    if (is(prev->pos[1], "数") || is(prev->pos[0], "接頭詞"))
        return TRUE;
    gsize l = strlen(prev->surface);
    if (l > 0 && g_ascii_isdigit(prev->surface[l - 1]))
        return TRUE;
    return is(prev->surface, "何") || is(prev->surface, "数") || is(prev->surface, "幾");
}

HkWClass hk_wakachi_classify(const HkMorph *m, const HkMorph *prev, const HkMorph *prev2)
{
    HkWClass cls = classify(m);
    if (!prev)
        return cls;
    const char *p0 = m->pos[0], *p1 = m->pos[1], *p2 = m->pos[2];
    /* ない after a noun, a particle, an adjective's く or て/で is the
     * adjective ない, a word of its own (モンダイ ナカッタ, ヨク ナイ,
     * ハナシテ ナイ); after a verb it is the auxiliary (オキナイ). */
    if (is(p0, "助動詞") && (is(m->base, "ない") || is(m->base, "無い"))) {
        if ((is(prev->pos[0], "名詞") && !is(prev->pos[1], "ナイ形容詞語幹")) ||
            is(prev->pos[0], "助詞") || is(prev->surface, "て") || is(prev->surface, "で") ||
            ((is(prev->pos[0], "形容詞") || is(prev->pos[0], "助動詞")) &&
             g_str_has_suffix(prev->surface, "く")))
            return HK_W_WORD;
    }
    /* A verb after another verb's 連用形 makes a compound verb, written
     * as one word (キメカネマス); after て/で it is an auxiliary verb, a
     * word of its own (ミテ イル). お/ご + 連用形 is a noun (オヨミ
     * イタダク). */
    if (is(p0, "動詞") && is(p1, "非自立") && is(prev->pos[0], "動詞") &&
        g_str_has_prefix(prev->cform, "連用") && !g_str_has_suffix(prev->surface, "て") &&
        !g_str_has_suffix(prev->surface, "で") && !(prev2 && is(prev2->pos[0], "接頭詞")))
        return HK_W_ATTACH;
    /* こと/もの closing a sentence after です/ます are sentence-final
     * particles (タノシミデスコト, ソーナンデスモノ). */
    if (is(p0, "名詞") && is(p1, "非自立") && (is(m->base, "こと") || is(m->base, "もの")) &&
        is(prev->pos[0], "助動詞") && (is(prev->base, "です") || is(prev->base, "ます")))
        return HK_W_ATTACH;
    /* A counter the analyser finds after no number is not one: えん of
     * えんづくり (縁) after 防災 is a noun of the compound. */
    if (is(p0, "名詞") && is(p1, "接尾") && is(p2, "助数詞") && !after_number(prev))
        return HK_W_NOUN;
    if (is(p0, "名詞") && is(p1, "接尾") && in_list(authorship, m->surface) &&
        is(prev->pos[1], "固有名詞") && is(prev->pos[2], "人名"))
        return HK_W_WORD;
    if (is(p0, "名詞") && is(p1, "接尾") && !is(p2, "人名") && !is(p2, "助数詞")) {
        /* 訳 作 著 談 after a person's name are words of their own
         * (ムラオカ ハナコ ヤク). */
        if (is(prev->pos[1], "固有名詞") && is(prev->pos[2], "人名"))
            return HK_W_WORD;
    }
    return cls;
}

static HkWClass classify(const HkMorph *m)
{
    const char *p0 = m->pos[0], *p1 = m->pos[1], *p2 = m->pos[2];
    if (is_braille_pattern(m->surface))
        return HK_W_JOINER;
    /* Small kana and the long-vowel mark cut off their kana (しぇ, あ゛ー)
     * belong to the word before. */
    if (is_small_kana_only(m->surface) || (m->unknown && starts_small(m->surface)) ||
        is(m->surface, "ー"))
        return HK_W_ATTACH;
    if (is(p0, "記号")) {
        if (is(p1, "句点") || is(p1, "読点"))
            return HK_W_PUNCT;
        if (is(p1, "括弧開"))
            return is(m->surface, "(") || is(m->surface, "[") ? HK_W_ANNOT : HK_W_OPEN;
        if (is(p1, "括弧閉"))
            return HK_W_CLOSE;
        if (is(p1, "アルファベット"))
            return HK_W_LATIN;
        if (is(m->surface, "・") || is(m->surface, "←") || is(m->surface, "→") ||
            is(m->surface, "※") || is(m->surface, "～") || is(m->surface, "〜"))
            return HK_W_JOINER;
        if (is(m->surface, "!") || is(m->surface, "?") || is(m->surface, "!?"))
            return HK_W_PUNCT;
        if (is(m->surface, "&") || is(m->surface, "@"))
            return HK_W_WORD;
        return HK_W_SYMBOL;
    }
    /* ございます and the ある of である are auxiliary verbs written apart
     * (オハヨー ゴザイマス, オオヤデ アル). */
    if (is(p0, "助動詞") && (is(m->base, "ござる") || is(m->base, "御座る") || is(m->base, "ある")))
        return HK_W_WORD;
    if (is(p0, "助詞") || is(p0, "助動詞"))
        return HK_W_ATTACH;
    if (is(p0, "接頭詞"))
        return in_list(separate_prefixes, m->surface) ? HK_W_PREFIX_APART : HK_W_PREFIX;
    if (is(p0, "名詞")) {
        if (is(p1, "接尾")) {
            if (is(p2, "人名") && in_list(separate_honorifics, m->surface))
                return HK_W_WORD;
            /* 初 (ハツ) after a noun, "the first in", is a word of its own
             * (セカイ ハツ). */
            if (is(m->surface, "初") && is(m->reading, "ハツ"))
                return HK_W_WORD;
            /* A suffix of 3 morae or more is a unit of the compound
             * (ソーヤ ミサキ). */
            if (!is(p2, "助数詞") && !is(p2, "人名") && hk_kana_morae(m->reading, -1) >= 3)
                return HK_W_NOUN;
            return HK_W_ATTACH;
        }
        if (is(p1, "数"))
            /* ○ or × the dictionary calls a number is a sign. */
            return is_sign(m->surface) ? HK_W_SYMBOL : HK_W_NUMBER;
        if ((is(p1, "非自立") || is(p1, "特殊")) && is(p2, "助動詞語幹"))
            return HK_W_ATTACH;
        /* The explanatory の/ん (ソーナンデス). */
        if (is(p1, "非自立") && (is(m->surface, "ん") || is(m->surface, "の")))
            return HK_W_ATTACH;
        if (is(p1, "非自立") || is(p1, "代名詞") || is(p1, "接続詞的") || is(p1, "動詞非自立的") ||
            is(p1, "引用文字列"))
            return HK_W_WORD;
        return HK_W_NOUN;
    }
    if (is(p0, "動詞")) {
        if (is(p1, "接尾"))
            return HK_W_ATTACH;
        if (is(p1, "非自立") && in_list(attached_verbs, m->base))
            return HK_W_ATTACH;
        return HK_W_WORD;
    }
    if (is(p0, "形容詞")) {
        if (is(p1, "接尾"))
            return HK_W_ATTACH;
        if (is(p1, "非自立") && in_list(attached_adjectives, m->base))
            return HK_W_ATTACH;
        return HK_W_WORD;
    }
    if (m->unknown) {
        gboolean ascii_alpha = FALSE;
        for (const char *s = m->surface; *s; s++)
            if (g_ascii_isalpha(*s))
                ascii_alpha = TRUE;
        gunichar c = hk_utf8_get(m->surface);
        /* Greek, Cyrillic and other alphabets go like Latin. */
        if (ascii_alpha || (c >= 0x0370 && c < 0x2000 && g_unichar_isalpha(c)))
            return HK_W_LATIN;
        return HK_W_NOUN;
    }
    return HK_W_WORD;
}

/* Morae of the compound unit starting at i: the token and the suffixes
 * that attach to it. */
static int unit_morae(const HkWTok *t, gsize i, gsize n, gboolean *strong)
{
    int m = t[i].morae;
    gboolean s = t[i].kango2;
    for (gsize j = i + 1; j < n; j++) {
        /* A suffix with 連濁 binds the word right before it (えん+づくり:
         * ボーサイ エンヅクリ). */
        if (t[j].rendaku && t[j].source_blanks <= 0) {
            m += t[j].morae;
            continue;
        }
        if (t[j].cls != HK_W_ATTACH || t[j].particle || t[j].plural || t[j].source_blanks > 0)
            break;
        m += t[j].morae;
    }
    *strong = s || m >= 3;
    return m;
}

void hk_wakachi_join(GString *out, const HkWTok *t, gsize n, const char *buf)
{
    int comp_morae = 0; /* morae of the noun compound since the last blank */
    gboolean comp_strong = FALSE;
    gboolean in_noun = FALSE; /* the word so far ends in a noun or its suffix */
    for (gsize i = 0; i < n; i++) {
        const HkWTok *c = &t[i];
        int sep = 0;
        gboolean new_compound = FALSE;
        if (i == 0) {
            sep = c->source_blanks > 0 ? c->source_blanks : 0;
            new_compound = TRUE;
        } else {
            const HkWTok *p = &t[i - 1];
            if (c->source_blanks > 0) {
                sep = c->source_blanks;
                new_compound = TRUE;
            } else if (p->cls == HK_W_PREFIX_APART) {
                /* Apart before a word or a number, joined to a suffix-like
                 * remainder. */
                sep = (c->cls == HK_W_NOUN && (c->kango2 || c->morae >= 3)) ||
                              c->cls == HK_W_NUMBER || c->cls == HK_W_WORD || c->cls == HK_W_PREFIX
                          ? 1
                          : 0;
                new_compound = sep > 0;
            } else if (p->cls == HK_W_PREFIX || p->cls == HK_W_OPEN || p->cls == HK_W_ANNOT ||
                       p->cls == HK_W_JOINER) {
                sep = 0;
                if (p->cls != HK_W_PREFIX)
                    new_compound = TRUE;
            } else if (p->cls == HK_W_PUNCT) {
                sep = 0;
                new_compound = TRUE;
            } else if ((p->cls == HK_W_NUMBER || (p->cls == HK_W_ATTACH && p->kana_len == 3 &&
                                                  !memcmp(buf + p->kana_off, "ー", 3))) &&
                       g_ascii_isdigit(buf[c->kana_off])) {
                /* Digits the analyser cut apart (0 + 4月 → 04ガツ, 123ー45). */
                sep = 0;
            } else if (c->cls == HK_W_PUNCT || c->cls == HK_W_CLOSE || c->cls == HK_W_JOINER) {
                sep = 0;
            } else if (c->cls == HK_W_ATTACH) {
                if (c->particle &&
                    (p->cls == HK_W_LATIN || p->quote_end || p->cls == HK_W_SYMBOL)) {
                    sep = 1;
                    new_compound = TRUE;
                }
            } else if (c->cls == HK_W_SYMBOL) {
                sep = 0;
            } else if (c->cls == HK_W_ATTACH && !c->particle && p->cls == HK_W_SYMBOL) {
                /* A suffix after a sign (○区庁舎) begins a word. */
                sep = 1;
            } else if (c->cls == HK_W_ANNOT) {
                sep = p->cls == HK_W_CLOSE ? 1 : 0;
            } else if (c->cls == HK_W_NOUN && in_noun && p->cls != HK_W_LATIN) {
                gboolean strong;
                int um = unit_morae(t, i, n, &strong);
                if ((p->family && c->given) || p->apart_after)
                    sep = 1;
                else if (p->hiragana && !p->proper && c->proper && c->morae >= 3)
                    sep = 1; /* a common noun before a name in apposition:
                              * マチ カナザワ (てびき: 固有名詞) */
                else if (p->katakana && c->katakana && p->morae >= 2 && c->morae >= 3)
                    sep = 1; /* two loanwords the dictionary has as no one
                              * word: キー ボックス, リニア モーターカー */
                else if ((p->katakana && !c->katakana && p->morae == 2 && comp_morae == 2 &&
                          strong) ||
                         (c->katakana && !p->katakana && c->morae == 2 && um == 2 && comp_strong))
                    sep = 1; /* a two-mora loanword and a 漢語: バス テイリュージョ,
                              * キョーイク ママ */
                else
                    sep = comp_strong && strong ? 1 : 0;
                new_compound = sep > 0;
            } else if (c->cls == HK_W_NOUN && p->cls == HK_W_LATIN &&
                       (p->morae <= 1 || c->kanji1) && !p->quote_end) {
                /* A letter, or a Latin word and a one-kanji noun, make one
                 * word (Xセン, Giftケン; てびき: ADL⠤ケン). */
                sep = 0;
            } else if (c->cls == HK_W_LATIN && p->cls == HK_W_NOUN && p->kanji1 && !c->quote_end &&
                       !memchr(buf + c->kana_off, 0xE2, c->kana_len)) {
                sep = 0; /* アカwine */
            } else if (c->cls == HK_W_LATIN && p->cls == HK_W_LATIN && !p->quote_end) {
                /* Letters of other scripts the analyser cut one by one. */
                sep = 0;
            } else if (c->cls == HK_W_NOUN && c->katakana && p->cls == HK_W_NUMBER) {
                /* A unit in katakana after a number (30センチメートル). */
                sep = 0;
            } else if (c->cls == HK_W_WORD && c->suru && p->cls == HK_W_NOUN && p->one_kanji) {
                sep = 0;
            } else {
                sep = 1;
                new_compound = TRUE;
            }
        }
        for (int k = 0; k < sep; k++)
            g_string_append_c(out, ' ');
        g_string_append_len(out, buf + c->kana_off, (gssize)c->kana_len);

        if (c->cls == HK_W_NOUN || c->cls == HK_W_PREFIX || c->cls == HK_W_PREFIX_APART) {
            if (new_compound || !in_noun) {
                comp_morae = 0;
                comp_strong = FALSE;
            }
            comp_morae += c->morae;
            comp_strong = comp_strong || c->kango2 || comp_morae >= 3 ||
                          (i > 0 && t[i - 1].cls == HK_W_NUMBER && sep == 0);
            in_noun = TRUE;
        } else if (c->cls == HK_W_ATTACH && !c->particle && sep > 0) {
            /* A suffix that begins a word after a blank of the source. */
            comp_morae = c->morae;
            comp_strong = c->kango2 || comp_morae >= 3;
            in_noun = TRUE;
        } else if (c->cls == HK_W_ATTACH && !c->particle && in_noun && !new_compound) {
            comp_morae += c->morae;
            comp_strong = comp_strong || comp_morae >= 3;
        } else {
            in_noun = FALSE;
            comp_morae = 0;
            comp_strong = FALSE;
        }
    }
}
