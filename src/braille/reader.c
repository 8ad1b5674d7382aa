/* reader: composes normalisation, analysis, kana spelling and word
 * separation (see reader.h). Per call it works in buffers the reader owns
 * and reuses, so a line costs no allocation per word. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "kana.h"
#include "normalize.h"
#include "numerals.h"
#include "phrase.h"
#include "reading.h"
#include "streq.h"
#include "utf8.h"
#include "wakachi.h"
#include "wordlists.h"

/* Words whose compound analysis is remembered at most (memory stays flat). */
#define SPLIT_CACHE_MAX 20000

struct HkReader {
    HkAnalyzer *an;
    HkAnalyzer *sub;    /* for the parts of long compounds, created on first use */
    HkWordLists *words; /* dict/braille-words.ini */
    GHashTable *splits; /* surface → its compound parts ("" = not split) */
    GString *norm;      /* normalised text of the current chunk */
    GString *kana;      /* transcriptions of the tokens */
    GArray *toks;       /* HkWTok */
    GString *tmp;
    GString *iter; /* kana of the last one-kanji word, for a 々 after it */
};

HkReader *hk_reader_new(GError **error)
{
    HkAnalyzer *an = hk_analyzer_new(error);
    if (!an)
        return NULL;
    HkWordLists *words = hk_wordlists_load(error);
    if (!words) {
        hk_analyzer_free(an);
        return NULL;
    }
    HkReader *r = g_new0(HkReader, 1);
    r->an = an;
    r->words = words;
    r->norm = g_string_sized_new(1024);
    r->kana = g_string_sized_new(1024);
    r->tmp = g_string_sized_new(256);
    r->iter = g_string_sized_new(16);
    r->toks = g_array_sized_new(FALSE, TRUE, sizeof(HkWTok), 64);
    r->splits = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return r;
}

void hk_reader_free(HkReader *r)
{
    if (!r)
        return;
    hk_analyzer_free(r->an);
    hk_analyzer_free(r->sub);
    hk_wordlists_free(r->words);
    g_hash_table_unref(r->splits);
    g_string_free(r->norm, TRUE);
    g_string_free(r->kana, TRUE);
    g_string_free(r->tmp, TRUE);
    g_string_free(r->iter, TRUE);
    g_array_unref(r->toks);
    g_free(r);
}

static gboolean has_kanji(const char *s);

static gboolean is_kanji(gunichar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 ||
           (c >= 0xF900 && c <= 0xFAFF);
}

static int count_kanji(const char *s, int *chars)
{
    int k = 0, n = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        n++;
        if (is_kanji(hk_utf8_get(p)))
            k++;
    }
    *chars = n;
    return k;
}

static gboolean ascii_word_char(char c)
{
    return c > ' ' && c < 0x7F && !strchr("()[]{}\"", c);
}

/* Every byte of non-empty `s` satisfies `ok`. */
static gboolean all_bytes(const char *s, gboolean (*ok)(char c))
{
    if (!*s)
        return FALSE;
    for (; *s; s++)
        if (!ok(*s))
            return FALSE;
    return TRUE;
}

static gboolean ascii_digit(char c)
{
    return g_ascii_isdigit(c);
}

static gboolean all_ascii_word(const char *s)
{
    return all_bytes(s, ascii_word_char);
}

static gboolean all_digits(const char *s)
{
    return all_bytes(s, ascii_digit);
}

static gboolean is_numeral_morph(const HkMorph *m)
{
    if (all_digits(m->surface))
        return TRUE;
    if (!hk_streq(m->pos[0], "名詞") || !hk_streq(m->pos[1], "数"))
        return FALSE;
    for (const char *p = m->surface; *p; p = g_utf8_next_char(p))
        if (!hk_numeral_char(hk_utf8_get(p)))
            return FALSE;
    return TRUE;
}

/* An abbreviation's period before a number is followed by a blank
 * (No. 2514269). `text` is the analysed text, the morphemes point into. */
static gboolean abbrev_before_digit(const char *abbrev_text, const HkMorph *start, const HkMorph *b)
{
    /* The run so far is a short word and its period: No. Vol. */
    gsize a = start->offset, o = b->offset;
    if (o < a + 2 || o - a > 5 || abbrev_text[o - 1] != '.' || !g_ascii_isdigit(b->surface[0]))
        return FALSE;
    for (gsize k = a; k < o - 1; k++)
        if (!g_ascii_isalpha(abbrev_text[k]))
            return FALSE;
    /* A host name goes on with another period and letters (abc.123.jp). */
    for (gsize k = o; abbrev_text[k] && ascii_word_char(abbrev_text[k]); k++)
        if (abbrev_text[k] == '.' && g_ascii_isalpha(abbrev_text[k + 1]))
            return FALSE;
    return TRUE;
}

/* TRUE if the ASCII run starting at i is more than plain digits (plain
 * digits go the numeral path, where 334万 and 3ラン are handled). */
static gboolean ascii_run_is_word(const char *text, const HkMorph *ms, gsize i, gsize n)
{
    if (!all_digits(ms[i].surface))
        return TRUE;
    gsize j = i + 1;
    while (j < n && ms[j].space_before == 0 && all_ascii_word(ms[j].surface) &&
           !abbrev_before_digit(text, &ms[i], &ms[j])) {
        const char *s = ms[j].surface;
        /* 1,230 0.01 21:46 80's 30adac67 1-7 */
        if (!all_digits(s))
            return TRUE;
        j++;
    }
    return FALSE;
}

/* A range of years written with a hyphen (2022-2025) takes the 波線 of
 * a range (2022～2025: てびき 第4版 第4章 波線); other hyphens between
 * numbers (03-1234, 1-7) stay. */
static void year_range(GString *run)
{
    if (run->len != 9 || run->str[4] != '-')
        return;
    for (int k = 0; k < 9; k++)
        if (k != 4 && !g_ascii_isdigit(run->str[k]))
            return;
    int a = atoi(run->str), b = atoi(run->str + 5);
    if (a >= 1000 && a < b && b <= 2999) {
        g_string_erase(run, 4, 1);
        g_string_insert(run, 4, "～");
    }
}

/* Text written in computer braille (情報処理用点字): addresses, paths. */
static gboolean computer_text(const char *s)
{
    const char *u = strstr(s, "://");
    if (u && u > s && g_ascii_isalpha(u[-1]))
        return TRUE;
    const char *at = strchr(s, '@');
    if (at && at > s && g_ascii_isalnum(at[-1]) && g_ascii_isalnum(at[1]))
        return TRUE;
    if (strchr(s, '\\'))
        return TRUE;
    return FALSE;
}

static HkWTok *push_tok(HkReader *r, HkWClass cls, gsize kana_from, int blanks)
{
    HkWTok t;
    memset(&t, 0, sizeof t);
    t.cls = cls;
    t.kana_off = kana_from;
    t.kana_len = r->kana->len - kana_from;
    t.morae = hk_kana_morae(r->kana->str + kana_from, (gssize)t.kana_len);
    t.source_blanks = blanks;
    g_array_append_val(r->toks, t);
    return &g_array_index(r->toks, HkWTok, r->toks->len - 1);
}

/* A colon ending a number run (テーマ01:) is the sentence's, not the
 * number's: the last token is cut into the number, which stands apart
 * from the noun before it (テーマ 01:, as シサク 1), and the colon, a
 * sign joined to it with the blank after it. */
static void split_trailing_colon(HkReader *r)
{
    HkWTok *t = &g_array_index(r->toks, HkWTok, r->toks->len - 1);
    if (t->kana_len < 2 || r->kana->str[t->kana_off + t->kana_len - 1] != ':')
        return;
    t->kana_len--;
    t->morae--;
    push_tok(r, HK_W_SYMBOL, r->kana->len - 1, 0);
}

static gunichar last_char(const GString *s, gsize from)
{
    if (s->len <= from)
        return 0;
    const char *p = g_utf8_find_prev_char(s->str + from, s->str + s->len);
    return p ? hk_utf8_get(p) : 0;
}

/* Blanks in the normalised text between byte offsets a and b. */
static int blanks_between(const GString *norm, gsize a, gsize b)
{
    int n = 0;
    for (gsize i = a; i < b && i < norm->len; i++)
        if (norm->str[i] == ' ' || norm->str[i] == '\t' || norm->str[i] == '\n')
            n++;
    return n;
}

/* 数 何 幾 before a numeral make a vague number written in kana
 * (スーセン, ナンビャク). */
static gboolean vague_number(const HkMorph *m)
{
    return hk_streq(m->surface, "数") || hk_streq(m->surface, "何") || hk_streq(m->surface, "幾");
}

/* Two kanji numerals in a row with 、 between them, the second one more
 * than the first (二、三 "two or three"): an approximate number, written
 * 2⠼3 (てびき 第4版 第2章 その2 概数). `cur` is the number so far, `v`
 * its value; ms[j] is what follows it. */
static gboolean approx_pair(const HkMorph *ms, gsize j, gsize n, const char *cur, gint64 v)
{
    static const char *const digits = "一二三四五六七八九";
    if (j + 1 >= n || !hk_streq(ms[j].surface, "、") || ms[j].space_before ||
        ms[j + 1].space_before || g_utf8_strlen(cur, -1) != 1 ||
        g_utf8_strlen(ms[j + 1].surface, -1) != 1)
        return FALSE;
    const char *a = strstr(digits, cur), *b = strstr(digits, ms[j + 1].surface);
    return a && b && v >= 1 && (b - digits) == (a - digits) + (gssize)strlen("一");
}

/* Wago counting words made of a number and a counter. */
static const char *wago_count(gint64 n, const char *counter)
{
    static const char *const tsu[] = {NULL,     "ヒトツ", "フタツ", "ミッツ",   "ヨッツ", "イツツ",
                                      "ムッツ", "ナナツ", "ヤッツ", "ココノツ", "トオ"};
    if (hk_streq(counter, "つ") && n >= 1 && n <= 10)
        return tsu[n];
    if (hk_streq(counter, "人") && n == 1)
        return "ヒトリ";
    if (hk_streq(counter, "人") && n == 2)
        return "フタリ";
    return NULL;
}

/* Every character of non-empty `s` in lo..hi. */
static gboolean all_in_range(const char *s, gunichar lo, gunichar hi)
{
    if (!*s)
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (c < lo || c > hi)
            return FALSE;
    }
    return TRUE;
}

static gboolean is_katakana(const char *s)
{
    return all_in_range(s, 0x30A1, 0x30FC);
}

static gboolean is_hiragana(const char *s)
{
    return all_in_range(s, 0x3041, 0x309F);
}

/* A suffix that begins with a voiced kana is the second part of a
 * compound with 連濁 (まちづくり, えんづくり, 家族ぐるみ). */
static gboolean rendaku_suffix(const HkMorph *m)
{
    if (!hk_streq(m->pos[0], "名詞") || !hk_streq(m->pos[1], "接尾"))
        return FALSE;
    gunichar c = hk_utf8_get(m->surface), base, mark;
    return c >= 0x3041 && c <= 0x3096 && g_unichar_decompose(c, &base, &mark) &&
           (mark == 0x3099 || mark == 0x309A);
}

static gboolean two_kanji_noun(const HkMorph *m)
{
    int chars = 0;
    return hk_streq(m->pos[0], "名詞") && !hk_streq(m->pos[1], "固有名詞") &&
           count_kanji(m->surface, &chars) == 2 && chars == 2;
}

/* The class of ms[i] as a part of a compound, where the words around it
 * decide (てびき 第4版 第3章 複合語, 接頭語):
 * - a verb's 連用形 right before a suffix is the noun of a compound
 *   (まち+づくり analysed as 待ち: マチヅクリ);
 * - 新 before one two-kanji word that ends the compound is joined to it
 *   (シンキノー, シンキロク, シンネンド), apart before a longer compound;
 * - a one-kanji verbal noun between two two-kanji words qualifies the
 *   second (情報受伝達: ジョーホー ジュデンタツ). */
static HkWClass compound_class(const HkMorph *ms, gsize i, gsize n, HkWClass cls)
{
    const HkMorph *m = &ms[i];
    const HkMorph *next = i + 1 < n && ms[i + 1].space_before == 0 ? &ms[i + 1] : NULL;
    const HkMorph *after = next && i + 2 < n && ms[i + 2].space_before == 0 ? &ms[i + 2] : NULL;
    if (!next)
        return cls;
    if (cls == HK_W_WORD && hk_streq(m->pos[0], "動詞") && hk_streq(m->pos[1], "自立") &&
        g_str_has_prefix(m->cform, "連用") && hk_streq(next->pos[0], "名詞") &&
        hk_streq(next->pos[1], "接尾") && !hk_streq(next->pos[2], "助数詞"))
        return HK_W_NOUN;
    if (cls == HK_W_PREFIX_APART && hk_streq(m->surface, "新") && two_kanji_noun(next) &&
        !(after && hk_streq(after->pos[0], "名詞") && !hk_streq(after->pos[1], "接尾")))
        return HK_W_PREFIX;
    int chars = 0;
    if (cls == HK_W_NOUN && i > 0 && m->space_before == 0 && hk_streq(m->pos[1], "サ変接続") &&
        count_kanji(m->surface, &chars) == 1 && chars == 1 && two_kanji_noun(&ms[i - 1]) &&
        two_kanji_noun(next) && hk_streq(next->pos[1], "サ変接続"))
        return HK_W_PREFIX;
    return cls;
}

/* TRUE if ms[i] is the し of a して that is a particle, joined to the
 * word before (てびき 第4版 第3章: 助詞「して」): after an adverbial
 * に (今にして, 居ながらにして) or after an adjective's 連用形 in a clause
 * with no object (若くして: ワカクシテ; but 文字を大きくして makes the
 * object so, する is a verb there). Not before an auxiliary verb
 * (にしてください is する). */
static gboolean particle_shite(const HkMorph *ms, gsize i, gsize n)
{
    const HkMorph *m = &ms[i];
    if (i < 1 || i + 1 >= n || !hk_streq(m->surface, "し") || !hk_streq(m->base, "する") ||
        !hk_streq(ms[i + 1].surface, "て") || m->space_before || ms[i + 1].space_before)
        return FALSE;
    if (i + 2 < n && (hk_streq(ms[i + 2].pos[1], "非自立") || hk_streq(ms[i + 2].pos[0], "助動詞")))
        return FALSE;
    const HkMorph *p = &ms[i - 1];
    if (hk_streq(p->surface, "に") && hk_streq(p->pos[1], "格助詞") && i >= 2) {
        const HkMorph *q = &ms[i - 2];
        return hk_streq(q->pos[1], "副詞可能") || hk_streq(q->pos[1], "接続助詞");
    }
    if (!hk_streq(p->pos[0], "形容詞") || !g_str_has_prefix(p->cform, "連用"))
        return FALSE;
    for (gsize k = i - 1; k-- > 0;) {
        if (hk_streq(ms[k].pos[0], "記号"))
            break;
        if (hk_streq(ms[k].surface, "を") && hk_streq(ms[k].pos[0], "助詞"))
            return FALSE;
    }
    return TRUE;
}

/* A verb ending in う that the analyser calls 基本形 right before て or
 * た (ゆうて, 吸うたり) is the ウ音便 of its 連用形, a base form never
 * stands there: the う is a long vowel (ユーテ, スータリ), as kana.c
 * writes the ウ音便 the analyser recognises (買うた コータ). */
static void u_onbin(HkReader *r, const HkMorph *m, const HkMorph *next, gsize from)
{
    if (!next || next->space_before || !hk_streq(m->pos[0], "動詞") ||
        !hk_streq(m->cform, "基本形") || !g_str_has_suffix(m->surface, "う") ||
        !(g_str_has_prefix(next->surface, "て") || g_str_has_prefix(next->surface, "た")) ||
        !(hk_streq(next->pos[0], "助詞") || hk_streq(next->pos[0], "助動詞")))
        return;
    gsize len = r->kana->len;
    if (len < from + 2 * strlen("ウ") || !g_str_has_suffix(r->kana->str + from, "ウ"))
        return;
    const char *pv = g_utf8_find_prev_char(r->kana->str + from, r->kana->str + len - strlen("ウ"));
    char v = pv ? hk_kana_vowel(hk_utf8_get(pv)) : 0;
    if (v == 'u' || v == 'o') {
        g_string_truncate(r->kana, len - strlen("ウ"));
        g_string_append(r->kana, "ー");
    }
}

/* A one-kanji country name (米 英 独 仏 …, 名詞,固有名詞,地域,国) before
 * a noun is an abbreviation written apart from it (米ドル ベイ ドル, 英女王
 * エイ ジョオー); two of them together are one word (日米 ニチベイ). */
static gboolean country_abbreviation(const HkMorph *ms, gsize i, gsize n)
{
    const HkMorph *m = &ms[i];
    if (g_utf8_strlen(m->surface, -1) != 1 || !hk_streq(m->pos[2], "地域") ||
        !hk_streq(m->pos[3], "国"))
        return FALSE;
    if (i + 1 >= n || ms[i + 1].space_before || !hk_streq(ms[i + 1].pos[0], "名詞"))
        return FALSE;
    return !(g_utf8_strlen(ms[i + 1].surface, -1) == 1 && hk_streq(ms[i + 1].pos[3], "国"));
}

/* Remembers the kana of a one-kanji word for a 々 after it. */
static void remember_one_kanji(HkReader *r, const HkMorph *m, gsize from)
{
    g_string_truncate(r->iter, 0);
    if (g_utf8_strlen(m->surface, -1) == 1 && is_kanji(hk_utf8_get(m->surface)))
        g_string_append(r->iter, r->kana->str + from);
}

/* 々 the analyser leaves alone after a one-kanji word repeats its reading
 * (唯々諾々 イイ ダクダク, 複々々々線 フクフクフクフクセン), once per 々. */
static gboolean add_iteration(HkReader *r, const HkMorph *m, int blanks)
{
    if (blanks || !r->iter->len || r->toks->len == 0)
        return FALSE;
    int count = 0;
    for (const char *p = m->surface; *p; p = g_utf8_next_char(p)) {
        if (hk_utf8_get(p) != 0x3005)
            return FALSE;
        count++;
    }
    if (!count)
        return FALSE;
    gsize from = r->kana->len;
    for (int k = 0; k < count; k++)
        g_string_append(r->kana, r->iter->str);
    push_tok(r, HK_W_ATTACH, from, 0);
    return TRUE;
}

/* なくなる after the く of an adjective or of たい is ない + なる, two
 * words (食べたくなくなる タベタク ナク ナル); alone it is one verb
 * (財布がなくなる "is lost": ナクナル). */
static gboolean split_naku_naru(HkReader *r, const HkMorph *m, const HkMorph *prev, int blanks)
{
    if (!prev || blanks || !hk_streq(m->pos[0], "動詞") ||
        !(hk_streq(m->base, "なくなる") || hk_streq(m->base, "無くなる")) ||
        !g_str_has_prefix(m->surface, "なく") || !g_str_has_suffix(prev->surface, "く") ||
        !(hk_streq(prev->pos[0], "形容詞") || hk_streq(prev->pos[0], "助動詞")))
        return FALSE;
    gsize from = r->kana->len;
    hk_kana_spell(r->kana, m, 0);
    if (!g_str_has_prefix(r->kana->str + from, "ナク") || r->kana->len <= from + strlen("ナク")) {
        g_string_truncate(r->kana, from);
        return FALSE;
    }
    gsize cut = from + strlen("ナク");
    HkWTok *t = push_tok(r, HK_W_WORD, from, 0);
    t->kana_len = cut - from;
    t->morae = 2;
    t = push_tok(r, HK_W_WORD, cut, 0);
    t->kana_len = r->kana->len - cut;
    t->morae = hk_kana_morae(r->kana->str + cut, (gssize)t->kana_len);
    return TRUE;
}

/* The sub-analyser, created on first use. */
static HkAnalyzer *sub_analyzer(HkReader *r)
{
    if (!r->sub)
        r->sub = hk_analyzer_new_sibling(r->an);
    return r->sub;
}

/* お + a verb's 連用形 + する is the humble form (お守りする オマモリ
 * スル, お届けする): the word after お reads as the verb does, even where
 * the dictionary has the whole as a noun read otherwise (お守り オモリ
 * "babysitting"). Rewrites the kana from `from`. */
static void humble_o(HkReader *r, const HkMorph *m, const HkMorph *next, gsize from)
{
    if (!next || next->space_before || !hk_streq(next->pos[0], "動詞") ||
        !hk_streq(next->base, "する") || !hk_streq(m->pos[0], "名詞") ||
        !g_str_has_prefix(m->surface, "お"))
        return;
    const char *rest = m->surface + strlen("お");
    if (!is_kanji(hk_utf8_get(rest)) || !sub_analyzer(r))
        return;
    gsize n;
    const HkMorph *ms = hk_analyzer_parse(r->sub, rest, strlen(rest), &n, NULL);
    if (!ms || n != 1 || ms[0].unknown || !*ms[0].reading ||
        !(hk_streq(ms[0].pos[0], "名詞") ||
          (hk_streq(ms[0].pos[0], "動詞") && g_str_has_prefix(ms[0].cform, "連用"))))
        return;
    g_string_truncate(r->kana, from);
    g_string_append(r->kana, "オ");
    hk_kana_spell(r->kana, &ms[0], 0);
}

/* A dictionary word made of a number and 日 (一日, 二十日, 4日): the day
 * of the month as the てびき writes it. */
static gboolean numeral_day(HkReader *r, const HkMorph *m)
{
    if (!hk_streq(m->pos[0], "名詞") || !g_str_has_suffix(m->surface, "日") || *m->braille)
        return FALSE;
    gsize nlen = strlen(m->surface) - strlen("日");
    if (nlen == 0)
        return FALSE;
    g_string_truncate(r->tmp, 0);
    gint64 v;
    if (!hk_numerals_convert(r->tmp, m->surface, nlen, &v) || v < 1 || v > 31)
        return FALSE;
    /* Only where the dictionary reads it as a day (not 一日中 etc.). */
    const char *w = hk_numerals_day(v);
    if (w)
        g_string_append(r->kana, w);
    else
        g_string_append_printf(r->kana, "%s%s", r->tmp->str, v % 10 == 4 ? "カ" : "ニチ");
    return TRUE;
}

static gboolean all_kanji(const char *s, int *chars)
{
    int n = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        if (!is_kanji(hk_utf8_get(p)))
            return FALSE;
        n++;
    }
    *chars = n;
    return n > 0;
}

/* The one known word the sub-analyser finds in s, or NULL. */
static const HkMorph *single_word(HkAnalyzer *an, const char *s, gsize len)
{
    gsize n;
    const HkMorph *ms = hk_analyzer_parse(an, s, len, &n, NULL);
    if (!ms || n != 1 || ms[0].unknown || !*ms[0].reading || !hk_streq(ms[0].pos[0], "名詞"))
        return NULL;
    return &ms[0];
}

/* TRUE if the word after its leading number is a counter: a number in
 * digits before it makes the analyser see 助数詞 (一流 → 3流 → 3 + 流).
 * A word whose number has lost its meaning goes on with an ordinary noun
 * (一覧 → 3 + 覧) and stays in kana. Digits in the text always stay. */
static gboolean counter_follows(HkReader *r, const char *surface)
{
    if (g_ascii_isdigit(surface[0]))
        return TRUE;
    /* Half of a counted unit: 四半期 4ハンキ, 四半世紀. */
    if (g_str_has_prefix(g_utf8_next_char(surface), "半"))
        return TRUE;
    if (!r->sub) {
        r->sub = hk_analyzer_new_sibling(r->an);
        if (!r->sub)
            return FALSE;
    }
    char *probe = g_strconcat("3", g_utf8_next_char(surface), NULL);
    gsize n;
    const HkMorph *ms = hk_analyzer_parse(r->sub, probe, strlen(probe), &n, NULL);
    /* 3 + a counter, or a dictionary word 3X (3月) that is one. */
    gboolean counter =
        ms && ((n >= 2 && hk_streq(ms[1].pos[1], "接尾") && hk_streq(ms[1].pos[2], "助数詞")) ||
               (n == 1 && hk_streq(ms[0].pos[0], "名詞") && g_str_has_prefix(ms[0].surface, "3")));
    g_free(probe);
    return counter;
}

/* Searches a way to read text[pos, end) as reading[roff…] with dictionary
 * words, with a word boundary at byte `half`. Returns the reading's length
 * in characters up to that boundary, or -1. */
static glong reading_cut(GArray *ents, gsize pos, gsize half, gsize end, const char *reading,
                         gsize roff)
{
    if (pos == end)
        return reading[roff] == '\0' ? 0 : -1;
    for (guint i = 0; i < ents->len; i++) {
        const HkEntry *e = &g_array_index(ents, HkEntry, i);
        if (e->pos != pos || (pos < half && pos + e->len > half))
            continue;
        gsize rl = strlen(e->reading);
        if (strncmp(reading + roff, e->reading, rl))
            continue;
        glong rest = reading_cut(ents, pos + e->len, half, end, reading, roff + rl);
        if (rest < 0)
            continue;
        if (pos + e->len == half)
            return g_utf8_strlen(reading, (gssize)(roff + rl));
        return rest;
    }
    return -1;
}

/* 一流 → 1リュー, 4月 → 4ガツ: the kana of a word written from `from` gets
 * its leading number in digits where a counter follows it. A word alone
 * with a geminated number keeps it (一体 イッタイ); a half of a compound
 * may have one (一石 1セキ), and the halves of a numbered pair take digits
 * whatever follows (一唱三嘆 1ショー 3タン). */
enum { WORD_ALONE, HALF_OF_COMPOUND, HALF_OF_PAIR };
static void digits_in_word(HkReader *r, const char *surface, gsize from, int where)
{
    g_string_truncate(r->tmp, 0);
    if (hk_numerals_sino_word(r->tmp, surface, r->kana->str + from, where != WORD_ALONE) &&
        (where == HALF_OF_PAIR || counter_follows(r, surface))) {
        g_string_truncate(r->kana, from);
        g_string_append(r->kana, r->tmp->str);
    }
}

/* Both halves of a compound start with a number (一石二鳥, 三拝九拝): the
 * numbers count, whatever follows them. */
static gboolean numbered_pair(const char *a, const char *b)
{
    return hk_numeral_char(hk_utf8_get(a)) && hk_numeral_char(hk_utf8_get(b));
}

/* Where the reading of a four-kanji word is cut when one of its halves is
 * a word of its own whose reading begins (or ends) the whole reading and
 * the other half reads as the rest, 2 morae or more (起承転結: 転結
 * テンケツ ends キショウテンケツ). Characters before the cut, or -1. */
static glong half_word_cut(GArray *ents, gsize half, gsize end, const char *reading)
{
    glong total = g_utf8_strlen(reading, -1);
    for (guint i = 0; i < ents->len; i++) {
        const HkEntry *e = &g_array_index(ents, HkEntry, i);
        glong el = g_utf8_strlen(e->reading, -1);
        glong cut = -1;
        if (e->pos == 0 && e->len == half && g_str_has_prefix(reading, e->reading))
            cut = el;
        else if (e->pos == half && e->pos + e->len == end && g_str_has_suffix(reading, e->reading))
            cut = total - el;
        if (cut >= 2 && total - cut >= 2)
            return cut;
    }
    return -1;
}

/* TRUE if the analyser reads a kanji noun with a voiced first sound where
 * the word also has the unvoiced one (引き ビキ in 25%引き, else ヒキ): 連濁, the
 * mark of a compound, which is written as one word (てびき: 連濁を生じた
 * 複合語は続けて書く). */
static gboolean rendaku(HkReader *r, const HkMorph *m)
{
    if (!*m->reading || !is_kanji(hk_utf8_get(m->surface)))
        return FALSE;
    gunichar k = hk_utf8_get(m->reading), base, mark;
    if (!g_unichar_decompose(k, &base, &mark) || (mark != 0x3099 && mark != 0x309A))
        return FALSE;
    /* Remembered per word and reading, in the table of compound splits. */
    char *key = g_strconcat("\t", m->surface, "\t", m->reading, NULL);
    const char *hit = g_hash_table_lookup(r->splits, key);
    if (hit) {
        g_free(key);
        return *hit == '1';
    }
    if (!r->sub) {
        r->sub = hk_analyzer_new_sibling(r->an);
        if (!r->sub) {
            g_free(key);
            return FALSE;
        }
    }
    /* Some reading of the same word, as a whole, with the unvoiced sound
     * (引き: ヒキ beside ビキ; 大学 has no タイガク). */
    gsize len = strlen(m->surface);
    GArray *ents = hk_analyzer_entries(r->sub, m->surface, len);
    gboolean found = FALSE;
    for (guint i = 0; ents && i < ents->len && !found; i++) {
        const HkEntry *e = &g_array_index(ents, HkEntry, i);
        if (e->pos != 0 || e->len != len)
            continue;
        found = hk_utf8_get(e->reading) == base &&
                hk_streq(g_utf8_next_char(e->reading), g_utf8_next_char(m->reading));
    }
    if (ents)
        g_array_unref(ents);
    if (g_hash_table_size(r->splits) >= SPLIT_CACHE_MAX)
        g_hash_table_remove_all(r->splits);
    g_hash_table_insert(r->splits, key, g_strdup(found ? "1" : "0"));
    return found;
}

/* Byte boundaries that cut text[pos, end) into dictionary words of 3 morae
 * or more written as they read (katakana words); appended to cuts, TRUE
 * if found. */
static gboolean katakana_cuts(GArray *ents, gsize pos, gsize end, const char *text, GArray *cuts)
{
    const HkEntry *best[16];
    int nb = 0;
    for (guint i = 0; i < ents->len && nb < 16; i++) {
        const HkEntry *e = &g_array_index(ents, HkEntry, i);
        if (e->pos != pos || (pos == 0 && e->len == end) || pos + e->len > end)
            continue;
        if (strlen(e->reading) != e->len || strncmp(e->reading, text + pos, e->len) ||
            hk_kana_morae(e->reading, -1) < 3)
            continue;
        best[nb++] = e;
    }
    /* Longest first. */
    for (int a = 0; a < nb; a++)
        for (int b = a + 1; b < nb; b++)
            if (best[b]->len > best[a]->len) {
                const HkEntry *t = best[a];
                best[a] = best[b];
                best[b] = t;
            }
    /* Only the longest first word: a shorter one would cut a word that
     * goes on (コント|ロールキー in コントロールキー). */
    for (int a = 0; a < nb && a < 1; a++) {
        gsize next = pos + best[a]->len;
        if (next == end)
            return TRUE;
        guint mark = cuts->len;
        g_array_append_val(cuts, next);
        if (katakana_cuts(ents, next, end, text, cuts))
            return TRUE;
        g_array_set_size(cuts, mark);
    }
    return FALSE;
}

/* A katakana noun the dictionary has as one word but that is made of
 * katakana words of 3 morae or more (キャッシュカード → キャッシュ カード,
 * オールスターキャスト) is split into them, so that the compound rule puts
 * blanks between them. */
static gboolean split_katakana(HkReader *r, const HkMorph *m, int blanks)
{
    if (*m->braille || !hk_streq(m->pos[0], "名詞") || !is_katakana(m->surface) ||
        g_utf8_strlen(m->surface, -1) < 6 || (!m->unknown && !hk_streq(m->surface, m->reading)))
        return FALSE;
    if (!r->sub) {
        r->sub = hk_analyzer_new_sibling(r->an);
        if (!r->sub)
            return FALSE;
    }
    gsize len = strlen(m->surface);
    GArray *ents = hk_analyzer_entries(r->sub, m->surface, len);
    if (!ents)
        return FALSE;
    GArray *cuts = g_array_new(FALSE, FALSE, sizeof(gsize));
    gboolean ok = katakana_cuts(ents, 0, len, m->surface, cuts) && cuts->len > 0;
    if (ok) {
        gsize from = r->kana->len;
        hk_kana_spell(r->kana, m, 0);
        if (r->kana->len - from != len) {
            g_string_truncate(r->kana, from);
            ok = FALSE;
        } else {
            /* The spelling of a katakana word is the word itself: cut it
             * into tokens where the words meet. */
            gsize prev = 0;
            for (guint i = 0; i <= cuts->len; i++) {
                gsize c = i < cuts->len ? g_array_index(cuts, gsize, i) : len;
                HkWTok t;
                memset(&t, 0, sizeof t);
                t.cls = HK_W_NOUN;
                t.kana_off = from + prev;
                t.kana_len = c - prev;
                t.morae = hk_kana_morae(r->kana->str + t.kana_off, (gssize)t.kana_len);
                t.source_blanks = i == 0 ? blanks : 0;
                t.katakana = TRUE;
                g_array_append_val(r->toks, t);
                prev = c;
            }
        }
    }
    g_array_unref(cuts);
    g_array_unref(ents);
    return ok;
}

/* A noun in kanji and kana the dictionary has as one word but that is two
 * nouns read as they are alone, each a unit of the compound rule (3 morae
 * or more, or two kanji): 狂言回し → キョーゲン マワシ, 当たり狂言. Shorter
 * parts would join again (取り組み トリクミ stays). */
static gboolean split_mixed(HkReader *r, const HkMorph *m, int blanks)
{
    glong chars = g_utf8_strlen(m->surface, -1);
    int kanji_chars = 0, total = 0;
    kanji_chars = count_kanji(m->surface, &total);
    if (chars < 4 || chars > 10 || kanji_chars == 0)
        return FALSE;
    if (!r->sub) {
        r->sub = hk_analyzer_new_sibling(r->an);
        if (!r->sub)
            return FALSE;
    }
    char *surface = g_strdup(m->surface);
    char *reading = g_strdup(m->reading);
    gboolean done = FALSE;
    for (glong k = 2; k <= chars - 2 && !done; k++) {
        const char *cut = g_utf8_offset_to_pointer(surface, k);
        gsize llen = (gsize)(cut - surface);
        const HkMorph *a = single_word(r->sub, surface, llen);
        if (!a || !g_str_has_prefix(reading, a->reading))
            continue;
        int pc = 0;
        gboolean a_unit =
            hk_kana_morae(a->reading, -1) >= 3 || (count_kanji(a->surface, &pc) == 2 && pc == 2);
        gsize alen = strlen(a->reading);
        if (!a_unit)
            continue;
        const HkMorph *b = single_word(r->sub, cut, strlen(cut));
        if (!b || !hk_streq(reading + alen, b->reading))
            continue;
        gboolean b_unit =
            hk_kana_morae(b->reading, -1) >= 3 || (count_kanji(b->surface, &pc) == 2 && pc == 2);
        if (!b_unit)
            continue;
        for (int part = 0; part < 2; part++) {
            const char *ps = part ? cut : surface;
            gsize plen = part ? strlen(cut) : llen;
            const HkMorph *w = single_word(r->sub, ps, plen);
            gsize from = r->kana->len;
            hk_kana_spell(r->kana, w, 0);
            gboolean k2 = count_kanji(w->surface, &pc) == 2 && pc == 2;
            HkWTok *t = push_tok(r, HK_W_NOUN, from, part ? 0 : blanks);
            t->kango2 = k2;
        }
        done = TRUE;
    }
    g_free(surface);
    g_free(reading);
    return done;
}

/* A noun of four kanji or more that the dictionary has as one word but
 * that is made of two words read as they are alone (寒冷前線 = 寒冷 +
 * 前線) is split into them, so that the compound rule can put a blank
 * between its units. A compound whose second part changes its reading
 * (株式会社 カブシキガイシャ, rendaku) is one word and stays whole. */
static gboolean split_compound(HkReader *r, const HkMorph *m, int blanks)
{
    int chars;
    if (*m->braille || !hk_streq(m->pos[0], "名詞") || hk_streq(m->pos[1], "数") || !*m->reading)
        return FALSE;
    if (!all_kanji(m->surface, &chars))
        return split_mixed(r, m, blanks);
    if (chars < 3 || chars > 8)
        return FALSE;
    if (!r->sub) {
        r->sub = hk_analyzer_new_sibling(r->an);
        if (!r->sub)
            return FALSE;
    }
    char *surface = g_strdup(m->surface);
    char *reading = g_strdup(m->reading);
    gboolean done = FALSE;
    /* Four kanji and more: parts of two kanji or more. Three kanji: one
     * and two, where the one-kanji part must be a word of 3 morae or more
     * of its own (南半球 ミナミ ハンキュー), since a shorter one would
     * join again anyway. */
    int minpart = chars >= 4 ? 2 : 1;
    for (int k = minpart; k <= chars - minpart && !done; k++) {
        const char *cut = g_utf8_offset_to_pointer(surface, k);
        gsize llen = (gsize)(cut - surface);
        const HkMorph *a = single_word(r->sub, surface, llen);
        if (!a || !g_str_has_prefix(reading, a->reading))
            continue;
        gsize alen = strlen(a->reading);
        int amorae = hk_kana_morae(a->reading, -1);
        if (chars == 3 && k == 1 && amorae < 3)
            continue;
        const HkMorph *b = single_word(r->sub, cut, strlen(cut));
        if (!b || !hk_streq(reading + alen, b->reading))
            continue;
        if (chars == 3 && k == 2 && hk_kana_morae(b->reading, -1) < 3)
            continue;
        /* Both parts check out: spell them as two nouns. */
        gboolean pair = numbered_pair(surface, cut);
        for (int part = 0; part < 2; part++) {
            const char *ps = part ? cut : surface;
            gsize plen = part ? strlen(cut) : llen;
            const HkMorph *w = single_word(r->sub, ps, plen);
            gsize from = r->kana->len;
            hk_kana_spell(r->kana, w, 0);
            int pc = 0;
            gboolean k2 = count_kanji(w->surface, &pc) == 2 && pc == 2;
            char *ws = g_strdup(w->surface);
            digits_in_word(r, ws, from, pair ? HALF_OF_PAIR : HALF_OF_COMPOUND);
            g_free(ws);
            HkWTok *t = push_tok(r, HK_W_NOUN, from, part ? 0 : blanks);
            t->kango2 = k2;
        }
        done = TRUE;
    }
    /* Four kanji the dictionary knows only as a whole (四字熟語: 起承転結,
     * 驚天動地) are two 漢語 of two kanji each when some reading of the
     * first two kanji, word by word or character by character, is the
     * beginning of the whole reading and some reading of the last two is
     * the rest. The spelling is cut at the same place. */
    if (!done && chars == 4) {
        gsize half = (gsize)(g_utf8_offset_to_pointer(surface, 2) - surface);
        GArray *ents = hk_analyzer_entries(r->sub, surface, strlen(surface));
        glong cut = ents ? reading_cut(ents, 0, half, strlen(surface), reading, 0) : -1;
        if (cut < 0 && ents)
            cut = half_word_cut(ents, half, strlen(surface), reading);
        if (ents)
            g_array_unref(ents);
        if (cut > 0) {
            gsize from = r->kana->len;
            hk_kana_spell(r->kana, m, 0);
            const char *k = r->kana->str + from;
            glong kchars = g_utf8_strlen(k, -1);
            if (kchars == g_utf8_strlen(reading, -1) && cut < kchars) {
                gsize split = (gsize)(g_utf8_offset_to_pointer(k, cut) - k);
                char *second = g_strdup(k + split);
                gsize hb = (gsize)(g_utf8_offset_to_pointer(surface, 2) - surface);
                char *s1 = g_strndup(surface, hb);
                gboolean pair = numbered_pair(surface, surface + hb);
                g_string_truncate(r->kana, from + split);
                digits_in_word(r, s1, from, pair ? HALF_OF_PAIR : HALF_OF_COMPOUND);
                HkWTok *t = push_tok(r, HK_W_NOUN, from, blanks);
                t->kango2 = TRUE;
                gsize from2 = r->kana->len;
                g_string_append(r->kana, second);
                digits_in_word(r, surface + hb, from2, pair ? HALF_OF_PAIR : HALF_OF_COMPOUND);
                g_free(second);
                g_free(s1);
                t = push_tok(r, HK_W_NOUN, from2, 0);
                t->kango2 = TRUE;
                done = TRUE;
            } else {
                g_string_truncate(r->kana, from);
            }
        }
    }
    g_free(surface);
    g_free(reading);
    return done;
}

static gboolean non_ascii(const char *s, gsize len)
{
    for (gsize i = 0; i < len; i++)
        if (s[i] & 0x80)
            return TRUE;
    return FALSE;
}

/* The compound splits above, remembered per word: the analyses they need
 * cost more than the rest of the word's processing. The memory is bounded:
 * the table is emptied when it grows past SPLIT_CACHE_MAX words. Each
 * part is stored as a flags character (bit 0 kango2, bit 1 katakana) and
 * its kana, parts separated by '\n'. */

static gboolean split_cached(HkReader *r, const HkMorph *m, int blanks)
{
    int chars;
    gboolean candidate = !*m->braille && hk_streq(m->pos[0], "名詞") &&
                         !hk_streq(m->pos[1], "数") &&
                         ((all_kanji(m->surface, &chars) && chars >= 3) ||
                          (!all_kanji(m->surface, &chars) && !is_katakana(m->surface) &&
                           g_utf8_strlen(m->surface, -1) >= 4) ||
                          (is_katakana(m->surface) && g_utf8_strlen(m->surface, -1) >= 6));
    if (!candidate)
        return FALSE;
    const char *hit = g_hash_table_lookup(r->splits, m->surface);
    if (hit) {
        if (!*hit)
            return FALSE;
        gboolean first = TRUE;
        for (const char *p = hit; *p;) {
            const char *e = strchr(p, '\n');
            gsize plen = e ? (gsize)(e - p) : strlen(p);
            gsize from = r->kana->len;
            g_string_append_len(r->kana, p + 1, (gssize)plen - 1);
            HkWTok *t = push_tok(r, HK_W_NOUN, from, first ? blanks : 0);
            t->kango2 = (p[0] - '0') & 1;
            t->katakana = ((p[0] - '0') & 2) != 0;
            first = FALSE;
            p = e ? e + 1 : p + plen;
        }
        return TRUE;
    }
    guint before = r->toks->len;
    gboolean split = split_compound(r, m, blanks) || split_katakana(r, m, blanks);
    GString *v = g_string_new(NULL);
    for (guint i = before; split && i < r->toks->len; i++) {
        const HkWTok *t = &g_array_index(r->toks, HkWTok, i);
        if (v->len)
            g_string_append_c(v, '\n');
        g_string_append_c(v, (char)('0' + (t->kango2 ? 1 : 0) + (t->katakana ? 2 : 0)));
        g_string_append_len(v, r->kana->str + t->kana_off, (gssize)t->kana_len);
    }
    if (g_hash_table_size(r->splits) >= SPLIT_CACHE_MAX)
        g_hash_table_remove_all(r->splits);
    g_hash_table_insert(r->splits, g_strdup(m->surface), g_string_free(v, FALSE));
    return split;
}

/* 波線 (てびき第4版 第4章 波線). */
static gboolean is_wave(const HkMorph *m)
{
    return hk_streq(m->surface, "～") || hk_streq(m->surface, "〜");
}

/* A quantity on one side of a range: a number, a counter or unit after
 * one (28年度, 9時), or an era name before one (令和2年度). */
static gboolean quantity_before(const HkMorph *ms, gsize i)
{
    if (i == 0)
        return FALSE;
    const HkMorph *m = &ms[i - 1];
    gsize l = strlen(m->surface);
    return is_numeral_morph(m) || g_ascii_isdigit(m->surface[l - 1]) ||
           (hk_streq(m->pos[1], "接尾") && i >= 2 && is_numeral_morph(&ms[i - 2])) ||
           hk_streq(m->pos[2], "助数詞");
}

static gboolean quantity_after(const HkMorph *ms, gsize n, gsize i)
{
    if (i + 1 >= n)
        return FALSE;
    const HkMorph *m = &ms[i + 1];
    return is_numeral_morph(m) || g_ascii_isdigit(m->surface[0]) ||
           (i + 2 < n && hk_streq(m->pos[0], "名詞") && ms[i + 2].space_before == 0 &&
            is_numeral_morph(&ms[i + 2]));
}

/* The class of each ～ of the chunk: between two quantities the range
 * sign, joined on both sides (28ネンド～レイワ 2ネンド); the others in
 * pairs frame a phrase (a subtitle ～スミタイ マチ～), an enclosure whose
 * inside is joined and outside spaced (囲み記号); a lone one is joined
 * on both sides. `cls` has one entry per morpheme (set for the ～ only). */
static void wave_classes(const HkMorph *ms, gsize n, HkWClass *cls)
{
    gsize open = n;
    for (gsize i = 0; i < n; i++) {
        if (!is_wave(&ms[i]))
            continue;
        cls[i] = HK_W_JOINER;
        if (quantity_before(ms, i) && quantity_after(ms, n, i))
            continue;
        if (open == n) {
            open = i;
        } else if (i > open + 1) {
            cls[open] = HK_W_OPEN;
            cls[i] = HK_W_CLOSE;
            open = n;
        } else
            open = i;
    }
}

/* The print's reading of a word in parentheses right after it (寄り道(よ
 * りみち)): the text is read once (てびき第4版 第1章: 原本の読み仮名は点訳
 * しない). Returns the index after the ')' when morphemes i.. are "(",
 * kana and ")" and the kana is the reading of the words just before the
 * parenthesis, else i. */
static gsize reading_in_parentheses(const HkMorph *ms, gsize n, gsize i, GString *tmp)
{
    if (i == 0 || !hk_streq(ms[i].surface, "(") || ms[i].space_before)
        return i;
    gsize j = i + 1;
    g_string_truncate(tmp, 0);
    while (j < n && !hk_streq(ms[j].surface, ")") && hk_kana_is_kana(ms[j].surface))
        hk_kana_to_katakana(tmp, ms[j++].surface, -1);
    if (j >= n || !hk_streq(ms[j].surface, ")") || !tmp->len)
        return i;
    /* The readings of the words before, from the nearest back, until they
     * make the parenthesised kana or pass a blank. */
    GString *back = g_string_new(NULL);
    gboolean same = FALSE;
    for (gsize k = i; k-- > 0 && !same;) {
        const char *rd = *ms[k].reading ? ms[k].reading : ms[k].surface;
        if (!has_kanji(ms[k].surface) && !hk_kana_is_kana(ms[k].surface))
            break;
        g_string_prepend(back, rd);
        GString *kat = g_string_new(NULL);
        hk_kana_to_katakana(kat, back->str, -1);
        same = hk_streq(kat->str, tmp->str) && has_kanji(ms[k].surface);
        g_string_free(kat, TRUE);
        if (ms[k].space_before)
            break;
    }
    g_string_free(back, TRUE);
    return same ? j + 1 : i;
}

/* A word with two readings whose paragraph names its sense (ごみの分別
 * ブンベツ): its reading from dict/braille-words.ini, as one noun, where
 * the word ends where a morpheme ends. Sets *next past it. */
static gboolean add_sense(HkReader *r, const char *text, const HkMorph *ms, gsize i, gsize n,
                          int blanks, gsize *next)
{
    gsize len;
    const char *kana = hk_wordlists_sense(r->words, text + ms[i].offset, text, &len);
    if (!kana)
        return FALSE;
    gsize end = ms[i].offset + len, j = i;
    while (j < n && ms[j].offset + ms[j].len < end && (j == i || ms[j].space_before == 0))
        j++;
    if (j >= n || ms[j].offset + ms[j].len != end || (j > i && ms[j].space_before))
        return FALSE;
    gsize from = r->kana->len;
    g_string_append(r->kana, kana);
    HkWTok *t = push_tok(r, HK_W_NOUN, from, blanks);
    int chars = 0;
    t->kango2 = count_kanji(ms[i].surface, &chars) == 2 && chars == 2 && j == i;
    *next = j + 1;
    return TRUE;
}

/* A name coined in hiragana between a proper noun and a noun (金沢さ
 * さえいプラン, 金沢さえあいプラン) that the analyser cuts into words
 * which cannot stand there: a run of hiragana whose last word is a verb's
 * or an adjective's 連用形, right before a noun, no particle first. Such a
 * name is kept whole as one noun (カナザワ ササエイ プラン): the
 * analyser's words would cut it mid-word. Sets *next past it. */
static gboolean add_coined_name(HkReader *r, const HkMorph *ms, gsize i, gsize n, int blanks,
                                gsize *next)
{
    if (i == 0 || blanks || !hk_streq(ms[i - 1].pos[1], "固有名詞") ||
        !is_hiragana(ms[i].surface) ||
        (hk_streq(ms[i].pos[0], "助詞") &&
         (hk_streq(ms[i].pos[1], "格助詞") || hk_streq(ms[i].pos[1], "連体化") ||
          hk_streq(ms[i].pos[1], "並立助詞"))))
        return FALSE;
    gsize j = i;
    glong chars = 0;
    while (j < n && is_hiragana(ms[j].surface) && (j == i || ms[j].space_before == 0))
        chars += g_utf8_strlen(ms[j++].surface, -1);
    if (j >= n || j == i || ms[j].space_before || !hk_streq(ms[j].pos[0], "名詞") || chars < 3)
        return FALSE;
    const HkMorph *last = &ms[j - 1];
    if (!((hk_streq(last->pos[0], "動詞") || hk_streq(last->pos[0], "形容詞")) &&
          g_str_has_prefix(last->cform, "連用")))
        return FALSE;
    gsize from = r->kana->len;
    for (gsize k = i; k < j; k++)
        hk_kana_to_katakana(r->kana, ms[k].surface, -1);
    HkWTok *t = push_tok(r, HK_W_NOUN, from, blanks);
    t->hiragana = TRUE;
    *next = j;
    return TRUE;
}

/* One walk of walk_text over the morphemes of a text: the morpheme in hand
 * (i), the one after what it takes (j), and what the steps share. */
typedef struct {
    HkReader *r;
    const GString *norm; /* the normalised text the morphemes are of */
    const HkMorph *ms;
    gsize n;
    gsize i, j;
    gsize prev_end;       /* byte offset in norm where the last word taken ends */
    gsize first_tok;      /* the first token of this text */
    gsize from;           /* kana offset of the token in hand */
    int blanks;           /* blanks before it */
    HkWClass *waves;      /* the class of each ～ (wave_classes) */
    gboolean after_range; /* the last token was the range sign */
} Walk;

/* Morphemes up to `k` (exclusive) are taken. */
static void take_to(Walk *w, gsize k)
{
    w->prev_end = w->ms[k - 1].offset + w->ms[k - 1].len;
    w->i = k;
}

static gboolean last_tok_is(const Walk *w, HkWClass cls)
{
    const GArray *toks = w->r->toks;
    return toks->len > w->first_tok && g_array_index(toks, HkWTok, toks->len - 1).cls == cls;
}

/* Abbreviations with periods inside (U.S.A.) are quoted as foreign text;
 * so are words with a period inside (v1.4, h26a.pdf, abc.123.jp: a
 * version, a file or a host name), as the reference translator writes
 * them. */
static gboolean foreign_quoted(const char *s, gsize slen, gboolean digit)
{
    int periods = 0;
    for (gsize k = 0; k < slen; k++)
        periods += s[k] == '.';
    gboolean inner_period = FALSE;
    for (gsize k = 1; k + 1 < slen; k++)
        inner_period = inner_period || (s[k] == '.' && g_ascii_isalnum(s[k + 1]));
    return (periods >= 2 && !digit) || (inner_period && slen > 3);
}

/* The kana of an ASCII run (in r->tmp), inside ⠠⠦…⠠⠴ for computer text
 * and ⠦…⠴ for quoted foreign text. */
static void append_ascii_run(HkReader *r, gboolean computer, gboolean quoted)
{
    if (computer)
        g_string_append(r->kana, "⠠⠦");
    if (quoted)
        g_string_append(r->kana, "⠦");
    if (!computer && r->tmp->len > 1 && strchr(r->tmp->str, '&')) {
        /* Q&A: the ampersand stands between blanks. */
        for (const char *q = r->tmp->str; *q; q++) {
            if (*q == '&')
                g_string_append(r->kana, " & ");
            else
                g_string_append_c(r->kana, *q);
        }
    } else {
        g_string_append(r->kana, r->tmp->str);
    }
    if (computer)
        g_string_append(r->kana, "⠠⠴");
    if (quoted)
        g_string_append(r->kana, "⠴");
}

/* A run of ASCII (no blank inside): a Latin word, an address, a number
 * with separators, a sign. */
static gboolean take_ascii_run(Walk *w)
{
    HkReader *r = w->r;
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    gsize n = w->n, j = w->j;
    if (!all_ascii_word(m->surface) || !ascii_run_is_word(w->norm->str, ms, w->i, n))
        return FALSE;
    while (j < n && ms[j].space_before == 0 && all_ascii_word(ms[j].surface) &&
           !abbrev_before_digit(w->norm->str, m, &ms[j]))
        j++;
    gsize end = ms[j - 1].offset + ms[j - 1].len;
    const char *s = w->norm->str + m->offset;
    gsize slen = end - m->offset;
    g_string_truncate(r->tmp, 0);
    g_string_append_len(r->tmp, s, (gssize)slen);
    gboolean alpha = FALSE, digit = FALSE;
    for (gsize k = 0; k < slen; k++) {
        alpha = alpha || g_ascii_isalpha(s[k]);
        digit = digit || g_ascii_isdigit(s[k]);
    }
    HkWClass cls = alpha ? HK_W_LATIN : digit ? HK_W_NUMBER : HK_W_SYMBOL;
    if (!alpha && !digit && j == w->i + 1)
        cls = hk_wakachi_classify(m, NULL, NULL);
    year_range(r->tmp);
    gboolean computer = computer_text(r->tmp->str);
    /* A colon that introduces an address (ホームページ：https://…) is a
     * heading-like colon, not part of the computer text: it is left out
     * and a blank stands before the ⠠⠦ (てびき第4版 第4章 情報処理用点字). */
    if (computer && r->tmp->str[0] == ':') {
        gsize colons = strspn(r->tmp->str, ":");
        g_string_erase(r->tmp, 0, (gssize)colons);
        s += colons;
        slen -= colons;
        w->blanks = MAX(w->blanks, 1);
    }
    gboolean quoted = !computer && alpha && foreign_quoted(s, slen, digit);
    append_ascii_run(r, computer, quoted);
    /* A run that ends in a sign (4#) is followed by a blank before a
     * particle, like a Latin word. */
    gboolean colon = cls == HK_W_NUMBER && s[slen - 1] == ':' && !computer && !quoted;
    if (cls == HK_W_NUMBER && !g_ascii_isalnum(s[slen - 1]) && s[slen - 1] != '.' && !colon)
        cls = HK_W_SYMBOL;
    HkWTok *t = push_tok(r, cls, w->from, w->blanks);
    t->morae = (int)slen;
    if (computer || quoted) {
        t->quote_end = TRUE;
        t->cls = HK_W_LATIN;
    }
    if (colon)
        split_trailing_colon(r);
    take_to(w, j);
    return TRUE;
}

/* A day of the month or a counted thing read in Japanese (ツイタチ,
 * ヒトツ) in place of the digits `num` holds from `before` on; FALSE if
 * the word after the number is neither. 日 with no Japanese reading is
 * read ニチ (カ after a 4) and the number stays digits. */
static gboolean number_in_words(Walk *w, gsize *j, GString *num, gsize before, gint64 v)
{
    const HkMorph *ms = w->ms;
    if (*j >= w->n || ms[*j].space_before != 0 || v < 0)
        return FALSE;
    const char *next = ms[*j].surface;
    const char *word = NULL;
    if (hk_streq(next, "日") && hk_streq(ms[*j].pos[0], "名詞")) {
        word = hk_numerals_day(v);
        if (!word) {
            g_string_append(num, v % 10 == 4 ? "カ" : "ニチ");
            (*j)++;
        }
    } else {
        word = wago_count(v, next);
    }
    if (!word)
        return FALSE;
    g_string_truncate(num, before);
    g_string_append(num, word);
    (*j)++;
    return TRUE;
}

/* The numerals from w->i on as the transcription writes them, into
 * `num`: 二・二六 as 2⠼26, 二、三 as 2⠼3. FALSE if they are no number
 * (w->j is then left as it was). *in_words is set when the number is
 * read as a word (number_in_words). */
static gboolean convert_numerals(Walk *w, GString *num, gboolean *in_words)
{
    HkReader *r = w->r;
    const HkMorph *ms = w->ms;
    gsize n = w->n, j = w->j;
    gboolean approx = FALSE;
    *in_words = FALSE;
    g_string_truncate(r->tmp, 0);
    g_string_append(r->tmp, ms[w->i].surface);
    for (;;) {
        while (j < n && ms[j].space_before == 0 && is_numeral_morph(&ms[j]))
            g_string_append(r->tmp, ms[j++].surface);
        gint64 v;
        gsize before = num->len;
        if (!hk_numerals_convert(num, r->tmp->str, r->tmp->len, &v))
            return FALSE;
        gboolean dot = j + 1 < n && hk_streq(ms[j].surface, "・") && ms[j + 1].space_before == 0 &&
                       ms[j].space_before == 0 && is_numeral_morph(&ms[j + 1]);
        gboolean pair = !dot && approx_pair(ms, j, n, r->tmp->str, v);
        if (dot || pair) {
            g_string_append(num, "⠼");
            g_string_truncate(r->tmp, 0);
            g_string_append(r->tmp, ms[j + 1].surface);
            j += 2;
            approx = approx || pair;
            continue;
        }
        if (approx) {
            /* 二、三日 2⠼3ニチ: a count of days, never a date. */
            if (j < n && ms[j].space_before == 0 && hk_streq(ms[j].surface, "日")) {
                g_string_append(num, "ニチ");
                j++;
            }
        } else {
            *in_words = number_in_words(w, &j, num, before, v);
        }
        break;
    }
    w->j = j;
    return TRUE;
}

/* Numbers: digits and kanji numerals (点訳のてびき ch. 2 その2), except a
 * numeral after 何 or 数 (left to take_word) or 無. */
static gboolean take_number(Walk *w)
{
    const HkMorph *ms = w->ms;
    gsize i = w->i;
    if (!is_numeral_morph(&ms[i]) ||
        (i > 0 && ms[i].space_before == 0 &&
         (vague_number(&ms[i - 1]) || hk_streq(ms[i - 1].surface, "無"))))
        return FALSE;
    GString *num = g_string_new(NULL);
    gboolean in_words;
    gboolean ok = convert_numerals(w, num, &in_words);
    if (ok) {
        g_string_append(w->r->kana, num->str);
        push_tok(w->r, in_words ? HK_W_NOUN : HK_W_NUMBER, w->from, w->blanks);
        take_to(w, w->j);
    }
    g_string_free(num, TRUE);
    return ok;
}

static gboolean lone_voicing_mark(const HkMorph *m)
{
    return hk_streq(m->surface, "゛") || hk_streq(m->surface, "゜") ||
           hk_streq(m->surface, "\u3099") || hk_streq(m->surface, "\u309a");
}

/* The words that make their own token(s), or none: a word with its sense
 * from the paragraph, a coined hiragana name, a compound split from the
 * cache, なくなる, 々, and a voicing mark that joins no kana (dropped). */
static gboolean take_own_token(Walk *w)
{
    HkReader *r = w->r;
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    /* A unit right after a number stays whole (30センチメートル). */
    gboolean after_number = w->blanks == 0 && last_tok_is(w, HK_W_NUMBER);
    if (add_sense(r, w->norm->str, ms, w->i, w->n, w->blanks, &w->j) ||
        add_coined_name(r, ms, w->i, w->n, w->blanks, &w->j) ||
        (!after_number && split_cached(r, m, w->blanks)) ||
        split_naku_naru(r, m, w->i > 0 ? &ms[w->i - 1] : NULL, w->blanks) ||
        add_iteration(r, m, w->blanks) || lone_voicing_mark(m)) {
        take_to(w, w->j);
        return TRUE;
    }
    return FALSE;
}

/* The word class of the morpheme in hand from the analysis (wakachi.c),
 * compounds, して as a particle, and suffixes that attach (同士:
 * ショクインドーシ). */
static HkWClass word_class(const Walk *w, gboolean *shite_particle)
{
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    gsize i = w->i;
    HkWClass cls = hk_wakachi_classify(m, i > 0 ? &ms[i - 1] : NULL, i > 1 ? &ms[i - 2] : NULL);
    cls = compound_class(ms, i, w->n, cls);
    *shite_particle = particle_shite(ms, i, w->n);
    if (*shite_particle)
        cls = HK_W_ATTACH;
    if (i > 0 && w->blanks == 0 && hk_streq(ms[i - 1].pos[0], "名詞") &&
        hk_wordlists_attached_suffix(w->r->words, m->surface))
        cls = HK_W_ATTACH;
    return cls;
}

/* Appends the kana of the morpheme in hand; returns its class, changed
 * where the spelling decides it (何 and 数 before a number, 型 after a
 * letter, a day of the month). */
static HkWClass spell_word(Walk *w, HkWClass cls, gunichar prev_last)
{
    HkReader *r = w->r;
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    gsize i = w->i, j = w->j, n = w->n;
    if (vague_number(m) && !hk_streq(m->surface, "幾") && j < n && ms[j].space_before == 0 &&
        (is_numeral_morph(&ms[j]) || hk_streq(ms[j].pos[2], "助数詞") ||
         all_ascii_word(ms[j].surface))) {
        /* 何 and 数 before a number, a counter or a unit: ナン, スー,
         * joined to what follows (ナンビャク, スーkg). */
        g_string_append(r->kana, hk_streq(m->surface, "何") ? "ナン" : "スー");
        return HK_W_PREFIX;
    }
    if (hk_streq(m->surface, "型") && i > 0 && m->space_before == 0 &&
        all_ascii_word(ms[i - 1].surface)) {
        /* 型 after a letter or a number is ガタ (A型, 2型). */
        g_string_append(r->kana, "ガタ");
        return HK_W_ATTACH;
    }
    if (numeral_day(r, m))
        return HK_W_NOUN;
    hk_kana_spell(r->kana, m, prev_last);
    humble_o(r, m, j < n ? &ms[j] : NULL, w->from);
    u_onbin(r, m, j < n ? &ms[j] : NULL, w->from);
    if (!*m->braille && ((hk_streq(m->pos[0], "名詞") && !hk_streq(m->pos[1], "固有名詞") &&
                          !hk_streq(m->pos[1], "数")) ||
                         (hk_streq(m->pos[0], "副詞") && g_utf8_strlen(m->surface, -1) == 2)))
        digits_in_word(r, m->surface, w->from, WORD_ALONE);
    return cls;
}

/* 波線 (てびき第4版 第4章): the range sign joins on both sides; a framing
 * ～ after ! or ? begins a new phrase; inside the frame words are joined. */
static HkWClass wave_in_context(Walk *w, HkWClass cls, gunichar prev_last)
{
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    if (is_wave(m)) {
        cls = w->waves[w->i];
        if (cls == HK_W_JOINER) {
            w->blanks = 0;
            w->after_range = TRUE;
        } else if (cls == HK_W_OPEN && w->r->toks->len > w->first_tok) {
            if (prev_last == '!' || prev_last == '?')
                w->blanks = MAX(w->blanks, 1);
        } else if (cls == HK_W_CLOSE)
            w->blanks = 0;
    } else if (w->blanks > 0 && last_tok_is(w, HK_W_OPEN) && is_wave(&ms[w->i - 1]))
        w->blanks = 0;
    return cls;
}

/* The class as the words around decide it: a numeral after 数/何
 * (スーセン), 連濁 after a noun, a dictionary phrase with blanks
 * (トコロニ ヨリ: words of its own), “ ”, the 第2カッコ, 波線. */
static HkWClass class_in_context(Walk *w, HkWClass cls, gunichar prev_last)
{
    HkReader *r = w->r;
    const HkMorph *ms = w->ms, *m = &ms[w->i];
    if (cls == HK_W_NUMBER)
        cls = HK_W_ATTACH;
    if (cls == HK_W_NOUN && w->blanks == 0 && r->toks->len > w->first_tok && rendaku(r, m)) {
        HkWClass pc = g_array_index(r->toks, HkWTok, r->toks->len - 1).cls;
        if (pc == HK_W_NOUN || pc == HK_W_NUMBER || pc == HK_W_SYMBOL || pc == HK_W_ATTACH)
            cls = HK_W_ATTACH;
    }
    if (cls == HK_W_NOUN && strchr(m->braille, ' '))
        cls = HK_W_WORD;
    if (hk_streq(m->surface, "“"))
        cls = HK_W_OPEN;
    else if (hk_streq(m->surface, "”"))
        cls = HK_W_CLOSE;
    /* The 第2カッコ of a parenthesis inside parentheses (normalize.c)
     * annotates the word before it as the 第1カッコ does: no blank. */
    if (hk_streq(m->surface, "〔") && cls == HK_W_OPEN && w->i > 0 && m->space_before == 0)
        cls = HK_W_ANNOT;
    return wave_in_context(w, cls, prev_last);
}

/* What wakachi.c needs to know of the word behind token `t`. */
static void mark_token(HkWTok *t, const HkMorph *ms, gsize i, gsize n, gboolean shite_particle)
{
    const HkMorph *m = &ms[i];
    int chars = 0;
    int kanji = count_kanji(m->surface, &chars);
    t->kango2 = kanji == 2 && chars == 2 && hk_streq(m->pos[0], "名詞");
    t->kanji1 = kanji == 1 && chars == 1 && hk_streq(m->pos[0], "名詞");
    t->one_kanji = kanji == 1 && chars == 1 && hk_streq(m->pos[1], "サ変接続");
    t->katakana = is_katakana(m->surface);
    t->hiragana = is_hiragana(m->surface);
    t->proper = hk_streq(m->pos[1], "固有名詞");
    t->rendaku = t->cls == HK_W_NOUN && rendaku_suffix(m);
    t->apart_after = country_abbreviation(ms, i, n);
    t->plural =
        hk_streq(m->pos[1], "接尾") && (hk_streq(m->surface, "等") || hk_streq(m->surface, "達") ||
                                        hk_streq(m->surface, "たち") || hk_streq(m->surface, "ら"));
    t->family = hk_streq(m->pos[2], "人名") && hk_streq(m->pos[3], "姓");
    t->given = hk_streq(m->pos[2], "人名") && hk_streq(m->pos[3], "名");
    t->particle = hk_streq(m->pos[0], "助詞") || hk_streq(m->pos[0], "助動詞") || shite_particle;
    t->suru = hk_streq(m->pos[0], "動詞") && hk_streq(m->base, "する") && !shite_particle;
}

/* An ordinary word: its class, its kana, its token. */
static void take_word(Walk *w)
{
    HkReader *r = w->r;
    const HkMorph *m = &w->ms[w->i];
    gunichar prev_last = r->toks->len > w->first_tok ? last_char(r->kana, 0) : 0;
    gboolean shite_particle;
    HkWClass cls = word_class(w, &shite_particle);
    cls = spell_word(w, cls, prev_last);
    cls = class_in_context(w, cls, prev_last);
    HkWTok *t = push_tok(r, cls, w->from, w->blanks);
    mark_token(t, w->ms, w->i, w->n, shite_particle);
    remember_one_kanji(r, m, w->from);
    take_to(w, w->j);
}

/* Latin phrases: two or more words with blanks between them (or one with
 * an apostrophe), inside Japanese text or with sentence signs, go in
 * foreign-word quotes ⠦…⠴. Tokens a..b-1 are such a run. */
static gboolean latin_phrase_quoted(const HkReader *r, gsize first_tok, gsize a, gsize b)
{
    const HkWTok *t = (const HkWTok *)r->toks->data;
    gsize nt = r->toks->len;
    gboolean apostrophe = FALSE;
    for (gsize k = a; k < b; k++)
        if (memchr(r->kana->str + t[k].kana_off, '\'', t[k].kana_len))
            apostrophe = TRUE;
    if (b - a < 2 && !apostrophe)
        return FALSE;
    gboolean japanese = FALSE;
    for (gsize k = first_tok; k < nt && !japanese; k++)
        japanese = non_ascii(r->kana->str + t[k].kana_off, t[k].kana_len);
    gboolean signs = FALSE;
    for (gsize k = a; k < b; k++)
        for (gsize q = 0; q < t[k].kana_len; q++)
            if (strchr(".,!?'", r->kana->str[t[k].kana_off + q]))
                signs = TRUE;
    return japanese || signs || apostrophe;
}

/* Rebuilds the kana of the first and last word of tokens a..b-1 with the
 * quotes around the phrase. */
static void quote_latin_phrase(HkReader *r, gsize a, gsize b)
{
    HkWTok *t = (HkWTok *)r->toks->data;
    gsize start = r->kana->len;
    g_string_append(r->kana, "⠦");
    g_string_append_len(r->kana, r->kana->str + t[a].kana_off, (gssize)t[a].kana_len);
    t[a].kana_off = start;
    t[a].kana_len = r->kana->len - start;
    gsize lstart = r->kana->len;
    g_string_append_len(r->kana, r->kana->str + t[b - 1].kana_off, (gssize)t[b - 1].kana_len);
    g_string_append(r->kana, "⠴");
    t[b - 1].kana_off = lstart;
    t[b - 1].kana_len = r->kana->len - lstart;
    t[b - 1].quote_end = TRUE;
}

static void quote_latin_phrases(HkReader *r, gsize first_tok)
{
    const HkWTok *t = (const HkWTok *)r->toks->data;
    gsize nt = r->toks->len;
    for (gsize a = first_tok; a < nt;) {
        if (t[a].cls != HK_W_LATIN || t[a].quote_end) {
            a++;
            continue;
        }
        gsize b = a + 1;
        while (b < nt && t[b].cls == HK_W_LATIN && !t[b].quote_end && t[b].source_blanks > 0)
            b++;
        if (latin_phrase_quoted(r, first_tok, a, b))
            quote_latin_phrase(r, a, b);
        a = b;
    }
}

/* One text (no ruby), normalised and analysed, into tokens: each
 * morpheme taken by the first step that knows it. */
static void walk_text(HkReader *r, const GString *norm, const HkMorph *ms, gsize n)
{
    g_string_truncate(r->iter, 0);
    Walk w = {.r = r, .norm = norm, .ms = ms, .n = n, .first_tok = r->toks->len};
    w.waves = g_new0(HkWClass, n + 1);
    wave_classes(ms, n, w.waves);
    while (w.i < n) {
        w.blanks = blanks_between(norm, w.prev_end, ms[w.i].offset);
        w.from = r->kana->len;
        w.j = w.i + 1;
        gsize skip = reading_in_parentheses(ms, n, w.i, r->tmp);
        if (skip > w.i) {
            take_to(&w, skip);
            continue;
        }
        /* The range sign joins what follows, whatever blank the print has. */
        if (w.after_range)
            w.blanks = 0;
        w.after_range = FALSE;
        if (!take_ascii_run(&w) && !take_number(&w) && !take_own_token(&w))
            take_word(&w);
    }
    /* Blanks after the last word are kept (a line's trailing blank). */
    int trailing = blanks_between(norm, w.prev_end, norm->len);
    if (trailing > 0)
        push_tok(r, HK_W_PUNCT, r->kana->len, trailing);
    quote_latin_phrases(r, w.first_tok);
    g_free(w.waves);
}

/* One piece of a text as the first half leaves it for the second: a run
 * of spans without readings, or one span with the author's reading. */
typedef struct {
    char *reading; /* the author's reading, or NULL */
    GString *norm; /* the normalised text */
    HkParse *parse;
} Piece;

struct HkReaderText {
    GArray *pieces; /* Piece */
    gsize size;     /* bytes held, about */
};

static void clear_piece(gpointer p)
{
    Piece *pc = p;
    g_free(pc->reading);
    g_string_free(pc->norm, TRUE);
    hk_parse_free(pc->parse);
}

void hk_reader_text_free(HkReaderText *t)
{
    if (!t)
        return;
    g_array_unref(t->pieces);
    g_free(t);
}

gsize hk_reader_text_size(const HkReaderText *t)
{
    return t->size;
}

/* Normalises and analyses one piece (the first half's only MeCab call). */
static gboolean add_piece(HkReader *r, HkReaderText *t, const char *text, gsize len,
                          const char *reading, GError **error)
{
    Piece pc = {NULL, g_string_sized_new(len + 16), NULL};
    hk_normalize_append(pc.norm, text, len);
    pc.parse = hk_analyzer_parse_keep(r->an, pc.norm->str, pc.norm->len, error);
    if (!pc.parse) {
        g_string_free(pc.norm, TRUE);
        return FALSE;
    }
    pc.reading = g_strdup(reading);
    t->size += sizeof pc + pc.norm->allocated_len + hk_parse_size(pc.parse);
    g_array_append_val(t->pieces, pc);
    return TRUE;
}

HkReaderText *hk_reader_analyse(HkReader *r, const HkSpan *spans, gsize n, GError **error)
{
    HkReaderText *t = g_new0(HkReaderText, 1);
    t->pieces = g_array_sized_new(FALSE, TRUE, sizeof(Piece), 1);
    g_array_set_clear_func(t->pieces, clear_piece);
    GString *plain = g_string_new(NULL);
    gboolean ok = TRUE;
    for (gsize i = 0; i < n && ok; i++) {
        if (spans[i].reading && *spans[i].reading) {
            if (plain->len) {
                ok = add_piece(r, t, plain->str, plain->len, NULL, error);
                g_string_truncate(plain, 0);
            }
            if (ok)
                ok = add_piece(r, t, spans[i].text, strlen(spans[i].text), spans[i].reading, error);
        } else if (spans[i].text) {
            g_string_append(plain, spans[i].text);
        }
    }
    if (ok && plain->len)
        ok = add_piece(r, t, plain->str, plain->len, NULL, error);
    g_string_free(plain, TRUE);
    if (!ok) {
        hk_reader_text_free(t);
        return NULL;
    }
    return t;
}

/* A ruby span: the author's reading, as one word. When the analyser reads
 * the base the same way, its spelling is used (it knows where the vowels
 * are long); otherwise ウ after ウ段・オ段 becomes ー. */
static void take_ruby(HkReader *r, const Piece *pc)
{
    gsize n;
    const HkMorph *ms = hk_parse_morphs(pc->parse, &n);
    GString *want = g_string_new(NULL);
    hk_kana_to_katakana(want, pc->reading, -1);
    GString *got = g_string_new(NULL);
    for (gsize i = 0; i < n; i++)
        g_string_append(got, *ms[i].reading ? ms[i].reading : ms[i].surface);
    gboolean same = hk_streq(want->str, got->str);
    g_string_free(got, TRUE);
    if (same) {
        g_string_free(want, TRUE);
        walk_text(r, pc->norm, ms, n);
        return;
    }
    gsize from = r->kana->len;
    gunichar last = 0;
    for (const char *p = want->str; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        char v = hk_kana_vowel(last);
        if (c == 0x30A6 && (v == 'u' || v == 'o'))
            c = 0x30FC;
        g_string_append_unichar(r->kana, c);
        last = c;
    }
    g_string_free(want, TRUE);
    push_tok(r, HK_W_NOUN, from, 0);
}

char *hk_reader_transcribe_analysed(HkReader *r, const HkReaderText *t)
{
    g_string_truncate(r->kana, 0);
    g_array_set_size(r->toks, 0);
    for (guint i = 0; i < t->pieces->len; i++) {
        const Piece *pc = &g_array_index(t->pieces, Piece, i);
        if (pc->reading) {
            take_ruby(r, pc);
        } else {
            gsize n;
            const HkMorph *ms = hk_parse_morphs(pc->parse, &n);
            walk_text(r, pc->norm, ms, n);
        }
    }
    GString *out = g_string_sized_new(r->kana->len + r->toks->len);
    hk_wakachi_join(out, (const HkWTok *)r->toks->data, r->toks->len, r->kana->str);
    /* A small vowel the analyser split off its kana (やったぁ). */
    hk_kana_fix_small_vowels(out, 0);
    return g_string_free(out, FALSE);
}

char *hk_reader_transcribe(HkReader *r, const HkSpan *spans, gsize n, GError **error)
{
    HkReaderText *t = hk_reader_analyse(r, spans, n, error);
    if (!t)
        return NULL;
    char *kana = hk_reader_transcribe_analysed(r, t);
    hk_reader_text_free(t);
    return kana;
}

static void clear_word(gpointer p)
{
    HkWord *w = p;
    g_free(w->surface);
    g_free(w->reading);
}

static gboolean has_kanji(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p))
        if (is_kanji(hk_utf8_get(p)))
            return TRUE;
    return FALSE;
}

/* The reading with every lengthening vowel (ウ after オ段, イ after エ段,
 * a repeated vowel) written ー, as the braille-spelled rows write it. */
static void long_vowel_key(GString *out, const char *kata)
{
    static const char *const lengthens[] = {"aア", "iイ", "uウ", "eイエ", "oウオ"};
    char prev = 0;
    g_string_truncate(out, 0);
    for (const char *p = kata; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        const char *l = NULL;
        for (int i = 0; prev && i < 5; i++)
            if (lengthens[i][0] == prev)
                l = lengthens[i] + 1;
        if (l && g_utf8_strchr(l, -1, c))
            c = 0x30FC;
        else if (c != 0x30FC)
            prev = hk_kana_vowel(c);
        g_string_append_unichar(out, c);
    }
}

/* Some dictionary rows (libkuraji's) give 読み braille-spelled: ギョーム
 * for 業務. Furigana want the spelling, which another row for the same
 * surface that sounds the same usually has (NAIST-JDIC's ギョウム). */
static char *spelled_reading(HkReader *r, const char *surface, const char *reading)
{
    if (!strstr(reading, "ー") || strstr(surface, "ー"))
        return g_strdup(reading);
    gsize len = strlen(surface);
    GArray *es = hk_analyzer_entries(r->an, surface, len);
    GString *want = g_string_new(NULL), *key = g_string_new(NULL);
    long_vowel_key(want, reading);
    const char *best = reading;
    for (guint i = 0; es && i < es->len; i++) {
        const HkEntry *e = &g_array_index(es, HkEntry, i);
        if (e->pos == 0 && e->len == len && !strstr(e->reading, "ー")) {
            long_vowel_key(key, e->reading);
            if (g_str_equal(key->str, want->str))
                best = e->reading;
        }
    }
    char *out = g_strdup(best);
    g_string_free(want, TRUE);
    g_string_free(key, TRUE);
    if (es)
        g_array_unref(es);
    return out;
}

/* The words of parsed morphemes: each surface with its reading in
 * hiragana where it has kanji. The strings go into `strings` when given
 * (shared among the words: a document repeats の and 市 thousands of
 * times), else each word owns its own. */
static GArray *words_of(HkReader *r, const HkMorph *ms, gsize n, GStringChunk *strings)
{
    GArray *words = g_array_sized_new(FALSE, TRUE, sizeof(HkWord), n);
    if (!strings)
        g_array_set_clear_func(words, clear_word);
    GString *h = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        g_string_truncate(h, 0);
        if (has_kanji(ms[i].surface) && *ms[i].reading) {
            /* Katakana reading → hiragana. */
            char *spelled = spelled_reading(r, ms[i].surface, ms[i].reading);
            for (const char *p = spelled; *p; p = g_utf8_next_char(p)) {
                gunichar c = hk_utf8_get(p);
                if (c >= 0x30A1 && c <= 0x30F6)
                    c -= 0x60;
                g_string_append_unichar(h, c);
            }
            g_free(spelled);
        }
        HkWord w;
        if (strings) {
            w.surface = g_string_chunk_insert_const(strings, ms[i].surface);
            w.reading = g_string_chunk_insert_const(strings, h->str);
        } else {
            w.surface = g_strdup(ms[i].surface);
            w.reading = g_strdup(h->str);
        }
        g_array_append_val(words, w);
    }
    g_string_free(h, TRUE);
    return words;
}

/* The text as given (no normalisation: the offsets are the caller's). */
static const HkMorph *parse_as_is(HkReader *r, const char *text, gsize *n, GError **error)
{
    g_string_truncate(r->norm, 0);
    g_string_append(r->norm, text);
    return hk_analyzer_parse(r->an, r->norm->str, r->norm->len, n, error);
}

gboolean hk_reader_words_and_phrases(HkReader *r, const char *text, GStringChunk *strings,
                                     GArray **words, GArray **starts, GError **error)
{
    gsize n;
    const HkMorph *ms = parse_as_is(r, text, &n, error);
    if (!ms)
        return FALSE;
    /* The phrase starts first: spelled_reading looks up dictionary entries
     * but does not parse again, so the morphemes stay valid for both. */
    *starts = hk_phrase_starts(ms, n);
    *words = words_of(r, ms, n, strings);
    return TRUE;
}

GArray *hk_reader_words(HkReader *r, const char *text, GError **error)
{
    gsize n;
    const HkMorph *ms = parse_as_is(r, text, &n, error);
    return ms ? words_of(r, ms, n, NULL) : NULL;
}

GArray *hk_reader_phrase_starts(HkReader *r, const char *text, GError **error)
{
    gsize n;
    const HkMorph *ms = hk_analyzer_parse(r->an, text, strlen(text), &n, error);
    return ms ? hk_phrase_starts(ms, n) : NULL;
}
