/* Unit tests for quotes: smart quotes in the model, on Japanese text with
 * no blanks around the quotes, English apostrophes, code left alone, and
 * the pairs across emphasis; through the source loader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "document.h"
#include "quotes.h"
#include "source.h"

#define CHECK(in, want)                                                                            \
    do {                                                                                           \
        char *got = hk_quotes_smarten(in);                                                         \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void double_quotes_in_japanese(void **state)
{
    (void)state;
    CHECK("区民の皆様に\"ご満足いただけるサービス\"を", "区民の皆様に“ご満足いただけるサービス”を");
    CHECK("\"つながり\"と\"ささえあい\"", "“つながり”と“ささえあい”");
    CHECK("He said \"yes\" and left.", "He said “yes” and left.");
    CHECK("（\"括弧\"）", "（“括弧”）");
}

static void single_quotes_and_apostrophes(void **state)
{
    (void)state;
    CHECK("it's", "it’s");
    CHECK("don't stop", "don’t stop");
    CHECK("'word' here", "‘word’ here");
    CHECK("the students' books", "the students’ books");
    CHECK("'ことば'です", "‘ことば’です");
    CHECK("in the '90s", "in the ’90s");
    CHECK("She said 'it's fine'.", "She said ‘it’s fine’.");
}

static void nothing_else_changes(void **state)
{
    (void)state;
    CHECK("045--788-7700 と a---b", "045--788-7700 と a---b");
    CHECK("引用符のない文", "引用符のない文");
    CHECK("", "");
    assert_null(hk_quotes_smarten(NULL));
}

static char *block_text(const HkDocument *doc, guint i)
{
    const HkBlock *b = g_ptr_array_index(doc->blocks, i);
    return hk_inlines_text(b->inlines);
}

static void through_the_loader(void **state)
{
    (void)state;
    const char *src = "---\ntitle: 金沢の\"方針\"\n---\n"
                      "地域の皆様との\"**つながり**\"を強化\n\n"
                      "`\"code\"` は\"そのまま\"\n\n"
                      "### 見出しの\"引用\"\n";
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("t.md", src, strlen(src), &err);
    assert_non_null(doc);
    assert_string_equal(doc->title, "金沢の“方針”");
    char *t = block_text(doc, 0);
    assert_string_equal(t, "地域の皆様との“つながり”を強化");
    g_free(t);
    t = block_text(doc, 1);
    /* Code is as written; the quotes after it pair on their own. */
    assert_string_equal(t, "\"code\" は“そのまま”");
    g_free(t);
    t = block_text(doc, 2);
    assert_string_equal(t, "見出しの“引用”");
    g_free(t);
    hk_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(double_quotes_in_japanese),
        cmocka_unit_test(single_quotes_and_apostrophes),
        cmocka_unit_test(nothing_else_changes),
        cmocka_unit_test(through_the_loader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
