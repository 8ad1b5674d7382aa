/* Unit tests for langspan: which runs of a Japanese text are Latin-script
 * words (tagged /Lang en in the PDFs): words with Latin letters, joined by
 * single spaces and by the marks inside names and addresses, never digits
 * alone, Roman numerals or fullwidth letters. (The spans in the PDFs are
 * checked by tests/golden/pdfua.sh.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "langspan.h"

/* The runs of `text`, each in [brackets], the rest dropped. */
static char *runs_of(const char *text)
{
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(HkLangRun));
    guint n = hk_lang_latin_runs(text, 0, (int)strlen(text), runs);
    assert_int_equal(n, runs->len);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < runs->len; i++) {
        const HkLangRun *r = &g_array_index(runs, HkLangRun, i);
        g_string_append_printf(out, "[%.*s]", r->end - r->start, text + r->start);
    }
    g_array_unref(runs);
    return g_string_free(out, FALSE);
}

static void expect_runs(const char *text, const char *want)
{
    char *got = runs_of(text);
    assert_string_equal(got, want);
    g_free(got);
}

static void finds_latin_words_in_japanese(void **state)
{
    (void)state;
    expect_runs("公共施設のWi-Fiの整備", "[Wi-Fi]");
    expect_runs("GREEN×EXPO 2027に向けて", "[GREEN×EXPO]");
    expect_runs("区のキャラクターKanabunと", "[Kanabun]");
    expect_runs("PRする、ICTによる", "[PR][ICT]");
    expect_runs("Smart City Yokohamaの取組", "[Smart City Yokohama]");
    expect_runs("Café au laitを", "[Café au lait]");
    expect_runs("LINEやメールで", "[LINE]");
}

static void joins_addresses_but_not_their_ends(void **state)
{
    (void)state;
    expect_runs("<https://www.city.example.jp/kanazawa/R07kuyosan.html>",
                "[https://www.city.example.jp/kanazawa/R07kuyosan.html]");
    expect_runs("（Kanabun）。", "[Kanabun]");
    expect_runs("Wi-Fi, LINE.", "[Wi-Fi][LINE]");
    expect_runs("DX化推進", "[DX]");
    /* two spaces, or a Japanese space, end a run */
    expect_runs("Smart  City", "[Smart][City]");
    expect_runs("Smart　City", "[Smart][City]");
}

static void digits_and_numerals_are_not_english(void **state)
{
    (void)state;
    expect_runs("第4期の計画、2027年", "");
    expect_runs("Ⅱ 目標達成に向けた施策", "");
    expect_runs("II 目標達成に向けた施策、III お悔やみ窓口", "");
    expect_runs("ＡＢＣ型", "");
    /* a number after a word is read in the document's language */
    expect_runs("Wi-Fi 6の", "[Wi-Fi]");
    expect_runs("R07kuyosan", "[R07kuyosan]");
}

static void stays_within_its_range(void **state)
{
    (void)state;
    const char *text = "前Kanabun後Wi-Fi";
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(HkLangRun));
    /* from inside "Kanabun" to before "Wi-Fi" */
    int s = (int)strlen("前Kana"), e = (int)strlen("前Kanabun後");
    assert_int_equal(hk_lang_latin_runs(text, s, e, runs), 1);
    const HkLangRun *r = &g_array_index(runs, HkLangRun, 0);
    assert_int_equal(r->start, s);
    assert_int_equal(r->end, (int)strlen("前Kanabun"));
    g_array_unref(runs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(finds_latin_words_in_japanese),
                                       cmocka_unit_test(joins_addresses_but_not_their_ends),
                                       cmocka_unit_test(digits_and_numerals_are_not_english),
                                       cmocka_unit_test(stays_within_its_range)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
