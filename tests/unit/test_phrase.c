/* Unit tests for phrase (文節 boundaries) through the reader's analyser:
 * particles and suffixes stay with their word, compounds and noun + する
 * are one phrase, a prefix binds the word after, the source's blanks
 * begin a phrase; offsets are bytes of the text given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "reader_fixture.h"

/* The text cut at its phrase starts, joined by '|' (a blank stays with
 * the phrase before it). */
static char *cut(const char *text)
{
    GError *err = NULL;
    GArray *starts = hk_reader_phrase_starts(reader, text, &err);
    assert_non_null(starts);
    GString *s = g_string_new(NULL);
    gsize at = 0;
    for (guint i = 0; i < starts->len; i++) {
        gsize b = g_array_index(starts, gsize, i);
        assert_true(b > at && b < strlen(text));
        g_string_append_len(s, text + at, (gssize)(b - at));
        g_string_append_c(s, '|');
        at = b;
    }
    g_string_append(s, text + at);
    g_array_unref(starts);
    return g_string_free(s, FALSE);
}

#define CHECK(text, want)                                                                          \
    do {                                                                                           \
        char *got = cut(text);                                                                     \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void particles_stay_with_their_word(void **state)
{
    (void)state;
    CHECK("地域の皆様と一緒に", "地域の|皆様と|一緒に");
    CHECK("心地よいまちを目指します。", "心地よい|まちを|目指します。");
}

static void compounds_are_one_phrase(void **state)
{
    (void)state;
    CHECK("地域包括支援センターで", "地域包括支援センターで");
    CHECK("令和7年4月1日", "令和7年4月1日");
    CHECK("安心して遊べる", "安心して|遊べる");
    CHECK("横浜市金沢区の高齢者が", "横浜市金沢区の|高齢者が");
}

static void brackets_and_blanks(void **state)
{
    (void)state;
    CHECK("基本戦略「子育てしたいまち 次世代を」", "基本戦略|「子育てしたい|まち |次世代を」");
}

static void no_phrase_in_empty_text(void **state)
{
    (void)state;
    CHECK("", "");
    CHECK("まち", "まち");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(particles_stay_with_their_word),
        cmocka_unit_test(compounds_are_one_phrase),
        cmocka_unit_test(brackets_and_blanks),
        cmocka_unit_test(no_phrase_in_empty_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
