/* Unit tests for the characters and signs of issue 10 with the real
 * translator: a character with no braille is described or dropped with one
 * warning at its own offset (never an error); signs take their table cells;
 * Latin, digits and signs mixed with kana; the review classes of the
 * samples (波線, nested parentheses, quotation marks, a colon before an
 * address, a reading in parentheses). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "braille.h"

typedef struct {
    int count;
    glong offset[8];
    gunichar ch[8];
} Seen;

static void seen(gpointer user, glong offset, gunichar ch, const char *what)
{
    Seen *s = user;
    assert_non_null(what);
    if (s->count < 8) {
        s->offset[s->count] = offset;
        s->ch[s->count] = ch;
    }
    s->count++;
}

static HkBraille *br;

static char *kana_of(const char *text, Seen *s)
{
    GError *err = NULL;
    HkSpan span = {(char *)text, NULL};
    hk_braille_set_warn(br, s ? seen : NULL, s);
    char *k = hk_braille_kana(br, &span, 1, &err);
    hk_braille_set_warn(br, NULL, NULL);
    if (!k)
        fail_msg("%s: %s", text, err->message);
    return k;
}

static char *cells_of(const char *text, Seen *s)
{
    GError *err = NULL;
    HkSpan span = {(char *)text, NULL};
    hk_braille_set_warn(br, s ? seen : NULL, s);
    char *c = hk_braille_cells(br, &span, 1, &err);
    hk_braille_set_warn(br, NULL, NULL);
    if (!c)
        fail_msg("%s: %s", text, err->message);
    return c;
}

#define KANA(text, want)                                                                           \
    do {                                                                                           \
        char *got_ = kana_of(text, NULL);                                                          \
        if (strcmp(got_, want))                                                                    \
            fail_msg("%s: got \"%s\", want \"%s\"", text, got_, want);                             \
        g_free(got_);                                                                              \
    } while (0)

#define CELLS(text, want)                                                                          \
    do {                                                                                           \
        char *got_ = cells_of(text, NULL);                                                         \
        if (strcmp(got_, want))                                                                    \
            fail_msg("%s: got \"%s\", want \"%s\"", text, got_, want);                             \
        g_free(got_);                                                                              \
    } while (0)

static void no_braille_is_a_warning(void **state)
{
    (void)state;
    /* A picture sign with a note: described in the 点訳者挿入符. */
    Seen s = {0};
    char *k = kana_of("ア❤イ", &s);
    assert_non_null(strstr(k, "⠶⠶ハート⠶⠶"));
    assert_int_equal(s.count, 1);
    assert_int_equal(s.offset[0], 1);
    assert_int_equal(s.ch[0], 0x2764);
    g_free(k);
    /* A private-use character (never the table's own marks), a control, a
     * bidi control and a variation selector: dropped, one warning each at
     * its offset, the rest written. */
    s = (Seen){0};
    char *c = cells_of("ア\ue000イ\x01ウ\u200eエ\ufe0fオ", &s);
    assert_string_equal(c, "⠁⠃⠉⠋⠊");
    assert_int_equal(s.count, 4);
    assert_int_equal(s.offset[0], 1);
    assert_int_equal(s.ch[0], 0xE000);
    assert_int_equal(s.offset[1], 3);
    assert_int_equal(s.offset[2], 5);
    assert_int_equal(s.ch[2], 0x200E);
    assert_int_equal(s.offset[3], 7);
    assert_int_equal(s.ch[3], 0xFE0F);
    g_free(c);
    /* A sign or an emoji the dictionary names is written as its name. */
    s = (Seen){0};
    k = kana_of("━", &s);
    /* (a katakana compound the dictionary does not hold whole: its words apart, as キー ボックス)
     */
    assert_string_equal(k, "ヨコ センダイ");
    assert_int_equal(s.count, 1);
    g_free(k);
    /* Ordinary text: no warning at all. */
    s = (Seen){0};
    g_free(kana_of("区民の皆様、ABC・１２３（テスト）！", &s));
    assert_int_equal(s.count, 0);
}

static void signs_have_cells(void **state)
{
    (void)state;
    CELLS("1+2", "⠼⠁⠢⠼⠃");
    CELLS("a*b", "⠰⠁⠰⠡⠰⠃");
    CELLS("ソレ…ダメ", "⠺⠛ ⠂⠂⠂ ⠐⠕⠿");
    CELLS("ソシテ…。", "⠺⠳⠟ ⠂⠂⠂⠲"); /* no blank between 点線 and 句点 */
    CELLS("◎", "⠠⠵⠲");
    CELLS("■", "⠠⠳⠆");
    CELLS("℃", "⠰⠙⠠⠉");
    CELLS("Α", "⡁");
}

static void latin_digits_and_kana(void **state)
{
    (void)state;
    KANA("バージョンv1.4を使う", "バージョン ⠦v1.4⠴ ヲ ツカウ");
    KANA("abc.123.jpに送る", "⠦abc.123.jp⠴ ニ オクル");
    KANA("h26a.pdfを開く", "⠦h26a.pdf⠴ ヲ ヒラク");
    KANA("No. 2514269", "No. 2514269");
    KANA("Gift券を配る", "Giftケンヲ クバル");
    KANA("赤wineを飲む", "アカwine ヲ ノム");
    KANA("PDF形式", "PDF ケイシキ");
    KANA("東京，大阪．", "トーキョー、オオサカ。");
    KANA("１，０００円", "1,000エン");
}

static void review_classes(void **state)
{
    (void)state;
    /* 波線: a range joined on both sides; a pair framing a phrase. */
    KANA("（平成28年度～令和2年度）", "(ヘイセイ 28ネンド～レイワ 2ネンド)");
    KANA("9時～17時", "9ジ～17ジ");
    KANA("～私らしく心地よいまち～", "～ワタシラシク ココチヨイ マチ～");
    KANA("創る！～住みたいまち～", "ツクル! ～スミタイ マチ～");
    KANA("まちづくり～インフラ事業～", "マチヅクリ ～インフラ ジギョー～");
    /* Parentheses inside parentheses: the 第2カッコ. */
    KANA("エリア（鳥浜（南）地区）", "エリア(トリハマ〔ミナミ〕 チク)");
    KANA("f(g(x))", "f(g(x))");
    /* Straight quotation marks around Japanese: the 第1カギ. */
    KANA("皆様との\"つながり\"を強化", "ミナサマトノ 「ツナガリ」ヲ キョーカ");
    /* A colon before an address stays outside the computer braille. */
    KANA("ホームページ：https://a.jp/", "ホーム ページ ⠠⠦https://a.jp/⠠⠴");
    /* The print's reading in parentheses is read once. */
    KANA("寄り道(よりみち)する", "ヨリミチ スル");
}

static int setup(void **state)
{
    (void)state;
    br = hk_braille_shared(NULL);
    return br ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_braille_is_a_warning),
        cmocka_unit_test(signs_have_cells),
        cmocka_unit_test(latin_digits_and_kana),
        cmocka_unit_test(review_classes),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
