/* Unit tests for wakachi (word separation) on hand-made tokens, and for
 * the whole reader on sentences of our own (not the harness's), with the
 * dictionary the build compiles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "reader.h"
#include "wakachi.h"

typedef struct {
    HkWClass cls;
    const char *kana;
    gboolean kango2, family, given, particle;
} T;

static char *join(const T *in, gsize n)
{
    GString *buf = g_string_new(NULL);
    HkWTok *t = g_new0(HkWTok, n);
    for (gsize i = 0; i < n; i++) {
        t[i].cls = in[i].cls;
        t[i].kana_off = buf->len;
        g_string_append(buf, in[i].kana);
        t[i].kana_len = buf->len - t[i].kana_off;
        t[i].morae = (int)g_utf8_strlen(in[i].kana, -1);
        t[i].kango2 = in[i].kango2;
        t[i].family = in[i].family;
        t[i].given = in[i].given;
        t[i].particle = in[i].particle;
    }
    GString *out = g_string_new(NULL);
    hk_wakachi_join(out, t, n, buf->str);
    g_free(t);
    g_string_free(buf, TRUE);
    return g_string_free(out, FALSE);
}

#define JOIN(want, ...)                                                                            \
    do {                                                                                           \
        const T toks[] = {__VA_ARGS__};                                                            \
        char *got = join(toks, G_N_ELEMENTS(toks));                                                \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void compound_mora_rule(void **state)
{
    (void)state;
    /* Two units of 3 morae or more: a blank. */
    JOIN("サクラ ナミキ", {.cls = HK_W_NOUN, .kana = "サクラ"},
         {.cls = HK_W_NOUN, .kana = "ナミキ"});
    /* A unit of 2 morae joins its neighbour. */
    JOIN("ミギテクビ", {.cls = HK_W_NOUN, .kana = "ミギ"}, {.cls = HK_W_NOUN, .kana = "テクビ"});
    /* A two-kanji 漢語 counts as a full unit even with 2 morae. */
    JOIN("チリ ガクシュー", {.cls = HK_W_NOUN, .kana = "チリ", .kango2 = TRUE},
         {.cls = HK_W_NOUN, .kana = "ガクシュー", .kango2 = TRUE});
    /* A suffix joins, and counts towards its unit. */
    JOIN("ヨコハマシ ミドリク", {.cls = HK_W_NOUN, .kana = "ヨコハマ"},
         {.cls = HK_W_ATTACH, .kana = "シ"}, {.cls = HK_W_NOUN, .kana = "ミドリ"},
         {.cls = HK_W_ATTACH, .kana = "ク"});
}

static void particles_names_and_signs(void **state)
{
    (void)state;
    JOIN("ハナガ サク。", {.cls = HK_W_NOUN, .kana = "ハナ"},
         {.cls = HK_W_ATTACH, .kana = "ガ", .particle = TRUE}, {.cls = HK_W_WORD, .kana = "サク"},
         {.cls = HK_W_PUNCT, .kana = "。"});
    /* Family and given names apart, however short. */
    JOIN("リ ホー", {.cls = HK_W_NOUN, .kana = "リ", .family = TRUE},
         {.cls = HK_W_NOUN, .kana = "ホー", .given = TRUE});
    /* No blank after punctuation or inside brackets. */
    JOIN("アメ、カゼ 「ハレ」", {.cls = HK_W_NOUN, .kana = "アメ"},
         {.cls = HK_W_PUNCT, .kana = "、"}, {.cls = HK_W_NOUN, .kana = "カゼ"},
         {.cls = HK_W_OPEN, .kana = "「"}, {.cls = HK_W_NOUN, .kana = "ハレ"},
         {.cls = HK_W_CLOSE, .kana = "」"});
    /* A particle after a Latin word is written apart. */
    JOIN("PDF デ", {.cls = HK_W_LATIN, .kana = "PDF"},
         {.cls = HK_W_ATTACH, .kana = "デ", .particle = TRUE});
    /* Prefixes join the word after them. */
    JOIN("オチャ", {.cls = HK_W_PREFIX, .kana = "オ"}, {.cls = HK_W_NOUN, .kana = "チャ"});
}

#include "reader_fixture.h"

static char *tr(const char *text, const char *reading)
{
    HkSpan span = {(char *)text, (char *)reading};
    GError *err = NULL;
    char *s = hk_reader_transcribe(reader, &span, 1, &err);
    if (!s)
        fail_msg("%s", err->message);
    return s;
}

#define TR(text, want)                                                                             \
    do {                                                                                           \
        char *got = tr(text, NULL);                                                                \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void sentences(void **state)
{
    (void)state;
    TR("私は学校へ行きます。", "ワタシワ ガッコーエ イキマス。");
    TR("山田さんが来た", "ヤマダ サンガ キタ");
    TR("図書館で本を読んでいる", "トショカンデ ホンヲ ヨンデ イル");
    TR("防災訓練を実施します", "ボーサイ クンレンヲ ジッシ シマス");
    TR("３月２日に２人で", "3ガツ フツカニ フタリデ");
    TR("金沢区役所", "カナザワク ヤクショ");
    TR("ＰＤＦで配布", "PDF デ ハイフ");
}

/* The classes of issue 10 (点訳のてびき 第4版), on sentences of our own. */
static void prefixes_and_suffixes(void **state)
{
    (void)state;
    TR("当施設の利用", "トー シセツノ リヨー");
    TR("元副総理", "モト フクソーリ");
    TR("国内初の試み", "コクナイ ハツノ ココロミ");
    TR("新製品", "シンセイヒン");
    TR("住民同士", "ジューミンドーシ");
    TR("米ドル", "ベイ ドル");
    TR("日米", "ニチベイ");
}

static void suru_and_shite(void **state)
{
    (void)state;
    TR("今にして思う", "イマニシテ オモウ");
    TR("若くして", "ワカクシテ");
    TR("大切にしてください", "タイセツニ シテ クダサイ");
    TR("文字を大きくして", "モジヲ オオキク シテ");
    TR("お届けします", "オトドケ シマス");
    TR("そういう", "ソー イウ");
    TR("食べたくなくなる", "タベタク ナク ナル");
    TR("ゆうて", "ユーテ");
}

static void compounds(void **state)
{
    (void)state;
    TR("キーボックス", "キー ボックス");
    TR("人づくり", "ヒトヅクリ");
    TR("健康づくり", "ケンコー ヅクリ");
    TR("まち鎌倉", "マチ カマクラ");
}

static void numbers_and_senses(void **state)
{
    (void)state;
    TR("二、三人", "2⠼3ニン");
    TR("四、五日", "4⠼5ニチ");
    TR("七面鳥", "シチメンチョー");
    TR("一輪車", "1リンシャ");
    TR("(2019-2021)", "(2019～2021)");
    TR("03-1234", "03-1234");
    TR("ごみの分別", "ゴミノ ブンベツ");
    TR("分別のある人", "フンベツノ アル ヒト");
}

static void ruby_overrides_the_analyser(void **state)
{
    (void)state;
    char *got = tr("金沢", "かねざわ");
    assert_string_equal(got, "カネザワ");
    g_free(got);
    got = tr("東京", "とうきょう");
    assert_string_equal(got, "トーキョー");
    g_free(got);
}

static void words_for_furigana(void **state)
{
    (void)state;
    GError *err = NULL;
    GArray *w = hk_reader_words(reader, "金沢の海", &err);
    assert_non_null(w);
    assert_int_equal(w->len, 3);
    assert_string_equal(g_array_index(w, HkWord, 0).reading, "かなざわ");
    assert_string_equal(g_array_index(w, HkWord, 1).reading, "");
    g_array_unref(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compound_mora_rule), cmocka_unit_test(particles_names_and_signs),
        cmocka_unit_test(sentences),          cmocka_unit_test(ruby_overrides_the_analyser),
        cmocka_unit_test(words_for_furigana), cmocka_unit_test(prefixes_and_suffixes),
        cmocka_unit_test(suru_and_shite),     cmocka_unit_test(compounds),
        cmocka_unit_test(numbers_and_senses),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
