/* Unit tests for kana (braille kana spelling) and numerals, on morphemes
 * built by hand, independent of any dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "kana.h"
#include "numerals.h"

static HkMorph morph(const char *surface, const char *pos0, const char *reading, const char *pron)
{
    HkMorph m;
    memset(&m, 0, sizeof m);
    m.surface = surface;
    m.pos[0] = pos0;
    m.pos[1] = m.pos[2] = m.pos[3] = "";
    m.ctype = m.cform = "";
    m.base = surface;
    m.reading = reading;
    m.pron = pron;
    m.braille = "";
    return m;
}

static char *spell(const HkMorph *m, gunichar prev)
{
    GString *s = g_string_new(NULL);
    hk_kana_spell(s, m, prev);
    return g_string_free(s, FALSE);
}

#define CHECK(m, prev, want)                                                                       \
    do {                                                                                           \
        char *got = spell(&(m), prev);                                                             \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void long_vowels_follow_pronunciation(void **state)
{
    (void)state;
    HkMorph a = morph("学校", "名詞", "ガッコウ", "ガッコー");
    CHECK(a, 0, "ガッコー");
    /* エ段 + イ stays イ even where it is pronounced long. */
    HkMorph b = morph("経営", "名詞", "ケイエイ", "ケーエー");
    CHECK(b, 0, "ケイエイ");
    /* オオ is kept as written. */
    HkMorph c = morph("大きい", "形容詞", "オオキイ", "オーキイ");
    CHECK(c, 0, "オオキイ");
    /* No long vowel where the pronunciation has none (湖). */
    HkMorph d = morph("湖", "名詞", "ミズウミ", "ミズウミ");
    CHECK(d, 0, "ミズウミ");
}

static void particles(void **state)
{
    (void)state;
    HkMorph wa = morph("は", "助詞", "ハ", "ワ");
    CHECK(wa, 0, "ワ");
    HkMorph e = morph("へ", "助詞", "ヘ", "エ");
    CHECK(e, 0, "エ");
    HkMorph wo = morph("を", "助詞", "ヲ", "オ");
    CHECK(wo, 0, "ヲ");
    HkMorph dewa = morph("では", "助詞", "デハ", "デワ");
    CHECK(dewa, 0, "デワ");
}

static void verb_endings_and_volitional(void **state)
{
    (void)state;
    HkMorph iu = morph("言う", "動詞", "イウ", "ユー");
    iu.cform = "基本形";
    CHECK(iu, 0, "イウ");
    HkMorph omou = morph("思う", "動詞", "オモウ", "オモー");
    omou.cform = "基本形";
    CHECK(omou, 0, "オモウ");
    /* The volitional う after an オ段 syllable. */
    HkMorph u = morph("う", "助動詞", "ウ", "ウ");
    CHECK(u, 0x30DC /* ボ */, "ー");
    CHECK(u, 0x30AB /* カ */, "ウ");
    /* ウ音便 before た. */
    HkMorph kou = morph("買う", "動詞", "カウ", "カウ");
    kou.ctype = "五段・ワ行ウ音便";
    kou.cform = "連用タ接続";
    kou.reading = kou.pron = "コウ";
    CHECK(kou, 0, "コー");
}

static void unknown_words_and_signs(void **state)
{
    (void)state;
    HkMorph k = morph("ぼたん", "名詞", "", "");
    CHECK(k, 0, "ボタン");
    HkMorph x = morph("×", "記号", "カケル", "カケル");
    CHECK(x, 0, "×");
    HkMorph loan = morph("ラヂオ", "名詞", "ラヂオ", "ラヂオ");
    CHECK(loan, 0, "ラジオ");
    HkMorph hanaji = morph("鼻血", "名詞", "ハナヂ", "ハナヂ");
    CHECK(hanaji, 0, "ハナヂ");
    HkMorph dic = morph("梅雨前線", "名詞", "バイウゼンセン", "バイウゼンセン");
    dic.braille = "バイウ ゼンセン";
    CHECK(dic, 0, "バイウ ゼンセン");
}

static void small_vowels(void **state)
{
    (void)state;
    GString *s = g_string_new("ヤッタァ ファイル キミィ");
    hk_kana_fix_small_vowels(s, 0);
    assert_string_equal(s->str, "ヤッタア ファイル キミイ");
    g_string_free(s, TRUE);
    assert_int_equal(hk_kana_morae("キョーカイ", -1), 4);
    assert_int_equal(hk_kana_morae("ガッコー", -1), 4);
}

static char *num(const char *s, gint64 *v)
{
    GString *out = g_string_new(NULL);
    if (!hk_numerals_convert(out, s, strlen(s), v)) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}

static void numerals(void **state)
{
    (void)state;
    gint64 v;
    struct {
        const char *in, *out;
        gint64 value;
    } cases[] = {
        {"二千三百", "2300", 2300}, {"一〇", "10", 10},
        {"十七", "17", 17},         {"百十", "110", 110},
        {"二〇二五", "2025", 2025}, {"二十一二", "21⠼2", -1},
        {"334万", "334マン", -1},   {"04", "04", 4},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = num(cases[i].in, &v);
        assert_non_null(got);
        assert_string_equal(got, cases[i].out);
        assert_int_equal(v, cases[i].value);
        g_free(got);
    }
    assert_null(num("数千", &v));
    assert_string_equal(hk_numerals_day(1), "ツイタチ");
    assert_string_equal(hk_numerals_day(20), "ハツカ");
    assert_null(hk_numerals_day(15));

    GString *s = g_string_new(NULL);
    assert_true(hk_numerals_sino_word(s, "一流", "イチリュー", FALSE));
    assert_string_equal(s->str, "1リュー");
    g_string_truncate(s, 0);
    assert_false(hk_numerals_sino_word(s, "一生", "イッショー", FALSE));
    assert_true(hk_numerals_sino_word(s, "一石", "イッセキ", TRUE));
    assert_string_equal(s->str, "1セキ");
    g_string_truncate(s, 0);
    assert_false(hk_numerals_sino_word(s, "一人", "ヒトリ", FALSE));
    assert_true(hk_numerals_sino_word(s, "4月", "シガツ", FALSE));
    assert_string_equal(s->str, "4ガツ");
    g_string_free(s, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(long_vowels_follow_pronunciation),
        cmocka_unit_test(particles),
        cmocka_unit_test(verb_endings_and_volitional),
        cmocka_unit_test(unknown_words_and_signs),
        cmocka_unit_test(small_vowels),
        cmocka_unit_test(numerals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
