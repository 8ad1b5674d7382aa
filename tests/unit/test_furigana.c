/* Unit tests for furigana: which base ranges get which readings, from the
 * reader's words aligned with their surfaces (okurigana trimmed, one ruby
 * per kanji run), the author's ruby winning, kana and code left bare; and
 * that the typesetter sets every reading it is given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "datadir.h"
#include "document.h"
#include "fonts.h"
#include "furigana.h"
#include "layout.h"
#include "pagestyle.h"
#include "pdfedition.h"
#include "reader.h"
#include "source.h"
#include "typeset.h"

#include "reader_fixture.h"

static HkDocument *parse(const char *md)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("test.md", md, strlen(md), &err);
    if (!doc)
        fail_msg("%s", err->message);
    return doc;
}

/* The text a ruby sits over: the block's plain text or the front matter. */
static char *base_of(const HkExtraRuby *x)
{
    if (!x->block)
        return g_strndup(x->meta + x->start, (gsize)(x->end - x->start));
    char *text = hk_inlines_text(x->block->inlines);
    assert_true(x->start >= 0 && x->start < x->end && x->end <= (int)strlen(text));
    char *base = g_strndup(text + x->start, (gsize)(x->end - x->start));
    g_free(text);
    return base;
}

/* The readings of a document as "base(reading) base(reading)…". */
static char *furigana_of(const char *md)
{
    HkDocument *doc = parse(md);
    GError *err = NULL;
    GArray *rubies = hk_furigana_ruby(reader, doc, &err);
    if (!rubies)
        fail_msg("%s", err->message);
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < rubies->len; i++) {
        const HkExtraRuby *x = &g_array_index(rubies, HkExtraRuby, i);
        char *base = base_of(x);
        g_string_append_printf(out, "%s%s(%s)", i ? " " : "", base, x->reading);
        g_free(base);
    }
    g_array_unref(rubies);
    hk_document_free(doc);
    return g_string_free(out, FALSE);
}

static void expect(const char *md, const char *want)
{
    char *got = furigana_of(md);
    if (strcmp(got, want))
        fail_msg("%s\n  got:  %s\n  want: %s", md, got, want);
    g_free(got);
}

/* A kanji compound gets one ruby over all of it. */
static void compound_whole(void **state)
{
    (void)state;
    expect("金沢区の海と緑。\n", "金沢区(かなざわく) 海(うみ) 緑(みどり)");
}

/* Okurigana and other kana of a word stay bare; each kanji run of a word
 * gets its own part of the reading. */
static void okurigana_trimmed(void **state)
{
    (void)state;
    expect("子どもを育む。\n", "子(こ) 育(はぐく)");
    expect("課題の解決に取り組みます。\n", "課題(かだい) 解決(かいけつ) 取(と) 組(く)");
    expect("支え合いのまち\n", "支(ささ) 合(あ)");
}

/* Words without kanji get nothing: hiragana, katakana, digits, Latin. */
static void kana_words_bare(void **state)
{
    (void)state;
    expect("ひらがなとカタカナだけです。\n", "");
    expect("ICTを使うツール 2025\n", "使(つか)");
}

/* The author's ruby wins: kanji it covers get no second reading, and the
 * rest of a word it is part of still gets its own. */
static void author_ruby_wins(void **state)
{
    (void)state;
    expect("しあわせ{育|はぐく}む {金沢|かなざわ}\n", "");
    expect("{金沢|かなざわ}区の海\n", "区(く) 海(うみ)");
    /* the author's reading is kept even where the dictionary reads the
     * word another way: the word is left alone */
    expect("{金沢|かねさわ}区の海\n", "海(うみ)");
}

/* Readings are spelled as written (ぎょうむ), not as braille spells
 * long vowels, even where a dictionary row gives the braille spelling. */
static void readings_spelled(void **state)
{
    (void)state;
    expect("業務の改善\n", "業務(ぎょうむ) 改善(かいぜん)");
}

/* Headings, list items, quotes and front matter get readings; code does
 * not. */
static void blocks_walked(void **state)
{
    (void)state;
    expect("---\ntitle: 区の計画\n---\n# 目標\n\n- 地域\n\n> 安全\n\n```\n漢字\n```\n\n`変数` "
           "と本文\n",
           "区(く) 計画(けいかく) 目標(もくひょう) 地域(ちいき) 安全(あんぜん) 本文(ほんぶん)");
}

/* Every reading reaches the plan as an RT element above its base; none
 * is dropped by the typesetter. */
static void typeset_sets_all(void **state)
{
    (void)state;
    const char *md = "# 地域の安全\n\n{金沢|かなざわ}区の皆様と共に、心地よいまちを目指します。\n";
    HkDocument *doc = parse(md);
    GError *err = NULL;
    GArray *rubies = hk_furigana_ruby(reader, doc, &err);
    assert_non_null(rubies);
    HkFonts *fonts = hk_fonts_open(&err);
    assert_non_null(fonts);
    char *lpath = hk_data_path("layouts/print-a4.ini");
    HkLayout *l = hk_layout_load(lpath, &err);
    assert_non_null(l);
    HkPageStyle *st = hk_page_style_load(l, &hk_pdf_print_limits, fonts, &err);
    assert_non_null(st);
    HkPlan *plan = hk_typeset(doc, st, fonts, rubies, &err);
    assert_non_null(plan);
    int rts = 0, outlines = 0;
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        rts += op->kind == HK_OP_BEGIN && op->role == HK_ROLE_RT;
        outlines += op->kind == HK_OP_OUTLINE;
    }
    /* the author's one and ours */
    assert_true(rubies->len >= 6);
    assert_int_equal(rts, (int)rubies->len + 1);
    assert_int_equal(outlines, rts);
    hk_plan_free(plan);
    hk_page_style_free(st);
    hk_layout_free(l);
    g_free(lpath);
    hk_fonts_free(fonts);
    g_array_unref(rubies);
    hk_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compound_whole),   cmocka_unit_test(okurigana_trimmed),
        cmocka_unit_test(kana_words_bare),  cmocka_unit_test(author_ruby_wins),
        cmocka_unit_test(readings_spelled), cmocka_unit_test(blocks_walked),
        cmocka_unit_test(typeset_sets_all),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
