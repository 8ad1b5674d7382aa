/* Unit tests for source + markdown: the document model built from text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "document.h"
#include "error.h"
#include "source.h"

static HkDocument *parse(const char *text, GError **err)
{
    return hk_source_parse("t.md", text, strlen(text), err);
}

static void front_matter_fills_metadata(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("---\ntitle: 運営方針\nsubtitle: 副題\norganization: 金沢区\n"
                            "date: 2025-04-01\n---\n# 見出し\n",
                            &err);
    assert_non_null(doc);
    assert_string_equal(doc->title, "運営方針");
    assert_string_equal(doc->subtitle, "副題");
    assert_string_equal(doc->organization, "金沢区");
    assert_string_equal(doc->date, "2025-04-01");
    assert_string_equal(doc->lang, "ja");
    assert_string_equal(doc->stem, "t");
    HkBlock *h = g_ptr_array_index(doc->blocks, 0);
    assert_int_equal(h->kind, HK_BLOCK_HEADING);
    assert_int_equal(h->line, 7);
    hk_document_free(doc);
}

static void blocks_in_order(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("# 一\n\n本文です。\n続きの行。\n\n## 二\n\n- 項目A\n- 項目B\n\n---\n\n"
                            "1. 番号\n",
                            &err);
    assert_non_null(doc);
    assert_int_equal(doc->blocks->len, 6);
    HkBlock *b = g_ptr_array_index(doc->blocks, 1);
    assert_int_equal(b->kind, HK_BLOCK_PARAGRAPH);
    char *t = hk_inlines_text(b->inlines);
    /* A soft break between Japanese lines joins them without a space. */
    assert_string_equal(t, "本文です。続きの行。");
    g_free(t);
    HkBlock *h2 = g_ptr_array_index(doc->blocks, 2);
    assert_int_equal(h2->level, 2);
    HkBlock *list = g_ptr_array_index(doc->blocks, 3);
    assert_int_equal(list->kind, HK_BLOCK_LIST);
    assert_false(list->ordered);
    assert_int_equal(list->children->len, 2);
    HkBlock *item = g_ptr_array_index(list->children, 1);
    HkBlock *para = g_ptr_array_index(item->children, 0);
    t = hk_inlines_text(para->inlines);
    assert_string_equal(t, "項目B");
    g_free(t);
    assert_int_equal(((HkBlock *)g_ptr_array_index(doc->blocks, 4))->kind, HK_BLOCK_BREAK);
    HkBlock *ol = g_ptr_array_index(doc->blocks, 5);
    assert_true(ol->ordered);
    assert_int_equal(ol->start, 1);
    hk_document_free(doc);
}

static void latin_soft_break_keeps_space(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("word\nnext\n", &err);
    char *t = hk_inlines_text(((HkBlock *)g_ptr_array_index(doc->blocks, 0))->inlines);
    assert_string_equal(t, "word next");
    g_free(t);
    hk_document_free(doc);
}

static void ruby_group_and_per_char(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("{金沢|かなざわ}区と{六浦|む|つ}、{ではない\n", &err);
    assert_non_null(doc);
    HkBlock *p = g_ptr_array_index(doc->blocks, 0);
    assert_int_equal(p->inlines->len, 4);
    HkInline *r = g_ptr_array_index(p->inlines, 0);
    assert_int_equal(r->kind, HK_INLINE_RUBY);
    assert_string_equal(r->text, "金沢");
    assert_string_equal(r->reading, "かなざわ");
    assert_null(r->parts);
    HkInline *r2 = g_ptr_array_index(p->inlines, 2);
    assert_string_equal(r2->reading, "むつ");
    assert_string_equal(r2->parts[0], "む");
    assert_string_equal(r2->parts[1], "つ");
    char *t = hk_inlines_text(p->inlines);
    assert_string_equal(t, "金沢区と六浦、{ではない");
    g_free(t);
    GArray *spans = hk_inlines_spans(p->inlines);
    assert_int_equal(spans->len, 4);
    assert_string_equal(g_array_index(spans, HkSpan, 0).reading, "かなざわ");
    assert_null(g_array_index(spans, HkSpan, 1).reading);
    assert_string_equal(g_array_index(spans, HkSpan, 1).text, "区と");
    g_array_unref(spans);
    hk_document_free(doc);
}

static void emphasis_and_links(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("本市の**基本戦略**と[ホームページ](https://example.jp/)\n", &err);
    HkBlock *p = g_ptr_array_index(doc->blocks, 0);
    HkInline *s = g_ptr_array_index(p->inlines, 1);
    assert_int_equal(s->kind, HK_INLINE_STRONG);
    HkInline *l = g_ptr_array_index(p->inlines, 3);
    assert_int_equal(l->kind, HK_INLINE_LINK);
    assert_string_equal(l->url, "https://example.jp/");
    hk_document_free(doc);
}

static void expect_error(const char *text, const char *where, const char *what)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("t.md", text, strlen(text), &err);
    assert_null(doc);
    assert_non_null(err);
    assert_int_equal(err->code, HK_ERROR_INPUT);
    if (!g_str_has_prefix(err->message, where) || !strstr(err->message, what))
        fail_msg("got '%s', want '%s…%s'", err->message, where, what);
    g_error_free(err);
}

static void bad_input_is_located(void **state)
{
    (void)state;
    expect_error("# ok\n\nab\xff\n", "t.md:3:3:", "invalid UTF-8");
    /* An unpaired surrogate in UTF-8 form is not refused: it becomes
     * U+FFFD, which the editions report. */
    GError *e = NULL;
    HkDocument *d = hk_source_parse("t.md",
                                    "a\xed\xa0\x80"
                                    "b\n",
                                    6, &e);
    assert_non_null(d);
    char *t = hk_inlines_text(((HkBlock *)g_ptr_array_index(d->blocks, 0))->inlines);
    assert_string_equal(t, "a\xef\xbf\xbd"
                           "b");
    g_free(t);
    hk_document_free(d);
    expect_error("---\ntitle: x\n", "t.md:1:1:", "never closed");
    expect_error("---\ntitle: x\nauthor: y\n---\n", "t.md:3:1:", "unknown front-matter key");
    expect_error("---\ntitle: [a, b]\n---\n", "t.md:2:8:", "plain text");
    expect_error("段落\n\n![](pic.png)\n", "t.md:3:1:", "no alt text");
    expect_error("段落\n\n![地図](no-such.png)\n", "t.md:3:1:", "not found");
    expect_error("{漢字|kanji}\n", "t.md:1:", "must be kana");
    expect_error("{漢字|か|ん|じ}\n", "t.md:1:", "3 readings for 2 characters");
    GError *err = NULL;
    assert_null(hk_source_parse("t.md", "a\0b", 3, &err));
    assert_true(g_str_has_prefix(err->message, "t.md:1:2: NUL byte"));
    g_error_free(err);
}

static void runaway_input_is_refused(void **state)
{
    (void)state;
    gsize n = 10u << 20;
    char *big = g_malloc(n + 8);
    memcpy(big, "# a\n\n", 5);
    memset(big + 5, 'x', n);
    big[n + 5] = '\n';
    GError *err = NULL;
    assert_null(hk_source_parse("t.md", big, n + 6, &err));
    assert_string_equal(err->message, "t.md:3:1: line longer than 256 KiB");
    g_error_free(err);
    g_free(big);
}

static void deep_nesting_is_refused(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 200; i++)
        g_string_append_c(s, '>');
    g_string_append(s, " x\n");
    GError *err = NULL;
    assert_null(hk_source_parse("t.md", s->str, s->len, &err));
    assert_non_null(strstr(err->message, "nesting deeper"));
    g_clear_error(&err);
    g_string_free(s, TRUE);
    /* 1,000 nested list levels */
    s = g_string_new(NULL);
    for (int i = 0; i < 1000; i++) {
        for (int j = 0; j < i * 2; j++)
            g_string_append_c(s, ' ');
        g_string_append(s, "- x\n");
    }
    assert_null(hk_source_parse("t.md", s->str, s->len, &err));
    assert_non_null(strstr(err->message, "nesting deeper"));
    g_error_free(err);
    g_string_free(s, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(front_matter_fills_metadata),  cmocka_unit_test(blocks_in_order),
        cmocka_unit_test(latin_soft_break_keeps_space), cmocka_unit_test(ruby_group_and_per_char),
        cmocka_unit_test(emphasis_and_links),           cmocka_unit_test(bad_input_is_located),
        cmocka_unit_test(deep_nesting_is_refused),      cmocka_unit_test(runaway_input_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
