/* Unit tests for analysis: one parse a text for every edition of a
 * document. The furigana and the large type's phrases take their views
 * from the same analysis (the same arrays, not another parse), the views
 * are those of the reader's own calls, and the analysis goes with the
 * document (the ASan build checks that nothing leaks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "analysis.h"
#include "furigana.h"
#include "phrases.h"
#include "source.h"

#include "reader_fixture.h"

static const char source[] = "---\ntitle: 金沢区の基本計画\ndate: 2025-04-01\n---\n\n"
                             "# 子育て支援\n\n市民の皆様の生活を守ります。\n\n"
                             "- 地域の交通を整える\n";

static HkDocument *parse(void)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("test.md", source, strlen(source), &err);
    if (!doc)
        fail_msg("%s", err->message);
    return doc;
}

static const HkBlock *first_paragraph(const HkDocument *doc)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        const HkBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == HK_BLOCK_PARAGRAPH)
            return b;
    }
    fail_msg("no paragraph");
    return NULL;
}

static const HkTextAnalysis *of_block(const HkDocument *doc, const HkBlock *b)
{
    char *text = hk_inlines_text(b->inlines);
    GError *err = NULL;
    const HkTextAnalysis *t = hk_analysis_text(reader, doc, b, text, &err);
    g_free(text);
    assert_non_null(t);
    return t;
}

static void one_analysis_a_text(void **state)
{
    (void)state;
    HkDocument *doc = parse();
    const HkBlock *b = first_paragraph(doc);
    const HkTextAnalysis *first = of_block(doc, b);
    assert_ptr_equal(of_block(doc, b), first);
    /* The large type's phrases are the analysis's own array. */
    GError *err = NULL;
    HkPhraseMap *map = hk_phrases_of_document(reader, doc, &err);
    assert_non_null(map);
    assert_ptr_equal(hk_phrases_starts(map, b), first->starts);
    const HkTextAnalysis *title = hk_analysis_text(reader, doc, doc->title, doc->title, &err);
    assert_non_null(title);
    assert_ptr_equal(hk_phrases_starts(map, doc->title), title->starts);
    hk_phrase_map_free(map);
    /* The furigana made after it parse nothing new: the texts it reads
     * are the ones the phrases analysed. */
    GArray *rubies = hk_furigana_ruby(reader, doc, &err);
    assert_non_null(rubies);
    assert_true(rubies->len > 0);
    assert_ptr_equal(of_block(doc, b), first);
    g_array_unref(rubies);
    hk_document_free(doc);
}

static void views_match_the_reader(void **state)
{
    (void)state;
    HkDocument *doc = parse();
    const HkBlock *b = first_paragraph(doc);
    const HkTextAnalysis *t = of_block(doc, b);
    char *text = hk_inlines_text(b->inlines);
    GError *err = NULL;
    GArray *words = hk_reader_words(reader, text, &err);
    GArray *starts = hk_reader_phrase_starts(reader, text, &err);
    assert_non_null(words);
    assert_non_null(starts);
    assert_int_equal(t->words->len, words->len);
    for (guint i = 0; i < words->len; i++) {
        const HkWord *a = &g_array_index(t->words, HkWord, i);
        const HkWord *w = &g_array_index(words, HkWord, i);
        assert_string_equal(a->surface, w->surface);
        assert_string_equal(a->reading, w->reading);
    }
    assert_int_equal(t->starts->len, starts->len);
    assert_true(starts->len > 0);
    assert_memory_equal(t->starts->data, starts->data, starts->len * sizeof(gsize));
    /* 市民(しみん): the reading is there, in hiragana. */
    const HkWord *w0 = &g_array_index(t->words, HkWord, 0);
    assert_string_equal(w0->surface, "市民");
    assert_string_equal(w0->reading, "しみん");
    g_array_unref(words);
    g_array_unref(starts);
    g_free(text);
    hk_document_free(doc);
}

static void each_document_its_own(void **state)
{
    (void)state;
    HkDocument *a = parse(), *b = parse();
    const HkTextAnalysis *ta = of_block(a, first_paragraph(a));
    const HkTextAnalysis *tb = of_block(b, first_paragraph(b));
    assert_ptr_not_equal(ta, tb);
    hk_document_free(a);
    assert_ptr_equal(of_block(b, first_paragraph(b)), tb);
    hk_document_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_analysis_a_text),
        cmocka_unit_test(views_match_the_reader),
        cmocka_unit_test(each_document_its_own),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
