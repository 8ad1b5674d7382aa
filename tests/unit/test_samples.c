/* Unit tests for the two sample documents: they load through the real source
 * path and have the structure that was checked by hand against the seeds
 * (heading tree, lists, ruby, links, repaired text). A careless edit of a
 * sample, or a parser change that alters its model, fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "datadir.h"
#include "document.h"
#include "source.h"

static HkDocument *load(const char *name)
{
    char *rel = g_build_filename("samples", name, NULL);
    char *path = hk_data_path(rel);
    GError *err = NULL;
    HkDocument *doc = hk_source_load(path, &err);
    g_free(rel);
    g_free(path);
    if (!doc) {
        char buf[1024];
        g_strlcpy(buf, err->message, sizeof buf);
        g_error_free(err);
        fail_msg("%s", buf);
    }
    return doc;
}

/* Every block in reading order, nested ones included (borrowed pointers). */
static void collect(GPtrArray *blocks, GPtrArray *out)
{
    for (guint i = 0; i < blocks->len; i++) {
        HkBlock *b = g_ptr_array_index(blocks, i);
        g_ptr_array_add(out, b);
        if (b->children)
            collect(b->children, out);
    }
}

static GPtrArray *all_blocks(HkDocument *doc)
{
    GPtrArray *out = g_ptr_array_new();
    collect(doc->blocks, out);
    return out;
}

static int count_headings(HkDocument *doc, int level)
{
    GPtrArray *h = hk_document_headings(doc);
    int n = 0;
    for (guint i = 0; i < h->len; i++)
        if (((HkBlock *)g_ptr_array_index(h, i))->level == level)
            n++;
    g_ptr_array_unref(h);
    return n;
}

static int count_kind(HkDocument *doc, HkBlockKind kind)
{
    GPtrArray *all = all_blocks(doc);
    int n = 0;
    for (guint i = 0; i < all->len; i++)
        if (((HkBlock *)g_ptr_array_index(all, i))->kind == kind)
            n++;
    g_ptr_array_unref(all);
    return n;
}

/* Index in doc->blocks of the top-level heading with exactly this text, or -1. */
static int find_heading(HkDocument *doc, const char *text, int level)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        HkBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind != HK_BLOCK_HEADING)
            continue;
        char *t = hk_inlines_text(b->inlines);
        gboolean same = !strcmp(t, text) && b->level == level;
        g_free(t);
        if (same)
            return (int)i;
    }
    return -1;
}

static char *block_text(HkBlock *b)
{
    return hk_inlines_text(b->inlines);
}

/* The title lives in the front matter, so the body starts at level 2 and
 * never skips a level on the way down. */
static void assert_heading_levels_nest(HkDocument *doc)
{
    GPtrArray *h = hk_document_headings(doc);
    int prev = 1;
    for (guint i = 0; i < h->len; i++) {
        HkBlock *b = g_ptr_array_index(h, i);
        if (b->level < 2 || b->level > prev + 1) {
            char buf[512];
            char *t = block_text(b);
            g_strlcpy(buf, t, sizeof buf);
            g_free(t);
            g_ptr_array_unref(h);
            fail_msg("heading '%s' at line %d: level %d after level %d", buf, b->line, b->level,
                     prev);
        }
        prev = b->level;
    }
    g_ptr_array_unref(h);
}

/* What the PDF extraction broke must stay repaired: no half-width ! or ~ in
 * the Japanese text, and no space left before 、 or 。 or after 、. */
static void assert_no_extraction_debris(HkDocument *doc)
{
    GPtrArray *all = all_blocks(doc);
    for (guint i = 0; i < all->len; i++) {
        HkBlock *b = g_ptr_array_index(all, i);
        if (b->kind != HK_BLOCK_HEADING && b->kind != HK_BLOCK_PARAGRAPH)
            continue;
        char *t = block_text(b);
        if (strchr(t, '!') || strchr(t, '~') || strstr(t, " 、") || strstr(t, "、 ") ||
            strstr(t, " 。") || strstr(t, "  ")) {
            char buf[1024];
            g_strlcpy(buf, t, sizeof buf);
            g_free(t);
            g_ptr_array_unref(all);
            fail_msg("line %d keeps extraction debris: %s", b->line, buf);
        }
        g_free(t);
    }
    g_ptr_array_unref(all);
}

/* The last top-level block is a paragraph holding a link to `url`. */
static void assert_ends_with_link(HkDocument *doc, const char *url)
{
    HkBlock *last = g_ptr_array_index(doc->blocks, doc->blocks->len - 1);
    assert_int_equal(last->kind, HK_BLOCK_PARAGRAPH);
    gboolean found = FALSE;
    for (guint i = 0; i < last->inlines->len; i++) {
        HkInline *in = g_ptr_array_index(last->inlines, i);
        if (in->kind == HK_INLINE_LINK && !strcmp(in->url, url))
            found = TRUE;
    }
    assert_true(found);
}

static gboolean paragraph_contains(HkDocument *doc, const char *needle)
{
    GPtrArray *all = all_blocks(doc);
    gboolean found = FALSE;
    for (guint i = 0; i < all->len && !found; i++) {
        HkBlock *b = g_ptr_array_index(all, i);
        if (b->kind != HK_BLOCK_PARAGRAPH)
            continue;
        char *t = block_text(b);
        found = strstr(t, needle) != NULL;
        g_free(t);
    }
    g_ptr_array_unref(all);
    return found;
}

static void r02_front_matter(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r02-policy.md");
    assert_string_equal(doc->title, "令和2年度 金沢区運営方針");
    assert_string_equal(doc->organization, "横浜市金沢区");
    assert_string_equal(doc->date, "2020-04-01");
    assert_string_equal(doc->lang, "ja");
    assert_string_equal(doc->stem, "kanazawa-r02-policy");
    hk_document_free(doc);
}

static void r02_heading_tree(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r02-policy.md");
    assert_int_equal(count_headings(doc, 1), 0);
    assert_int_equal(count_headings(doc, 2), 10);
    assert_int_equal(count_headings(doc, 3), 15);
    assert_int_equal(count_headings(doc, 4), 18);
    assert_heading_levels_nest(doc);
    int p1 = find_heading(doc, "Ⅰ 基本目標", 2);
    int p2 = find_heading(doc, "Ⅱ 目標達成に向けた施策", 2);
    int p3 = find_heading(doc, "Ⅲ 目標達成に向けた組織運営", 2);
    assert_true(p1 >= 0 && p1 < p2 && p2 < p3);
    /* The overview's policy headings and the detail pages' ones differ only
     * in the space the PDF shows before the subtitle. */
    assert_true(find_heading(doc, "1 金沢の未来を創る！ ～住みたい、住み続けたいまちの実現～", 3) >
                p2);
    assert_true(find_heading(doc, "1 金沢の未来を創る！～住みたい、住み続けたいまちの実現～", 2) >
                p3);
    assert_true(find_heading(doc, "◆ クリーンタウン推進事業", 4) > p3);
    assert_true(find_heading(doc, "【新型コロナウイルス感染症への対応】", 2) > p3);
    hk_document_free(doc);
}

static void r02_blocks(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r02-policy.md");
    /* Every paragraph is at top level: the seed's bold "list items" were
     * policy headings, and the ★ notes are paragraphs. */
    assert_int_equal(count_kind(doc, HK_BLOCK_LIST), 0);
    assert_int_equal(count_kind(doc, HK_BLOCK_PARAGRAPH), 43);
    assert_int_equal(doc->blocks->len, 43 + 10 + 15 + 18);
    assert_true(paragraph_contains(doc, "金沢区の歴史資産"));
    assert_true(paragraph_contains(doc, "地域ケアプラザ等で構成される"));
    assert_true(paragraph_contains(doc, "区民の皆様に“ご満足いただけるサービス”を私たちは"));
    assert_true(paragraph_contains(doc, "団塊の世代が75歳以上となる2025年に向けて"));
    assert_no_extraction_debris(doc);
    assert_ends_with_link(doc, "https://www.city.yokohama.lg.jp/kanazawa/kusei/uneihoshin-yosan/"
                               "yosan/R02kuyosan.html");
    hk_document_free(doc);
}

static void r07_front_matter(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r07-policy.md");
    assert_string_equal(doc->title, "令和7年度 金沢区運営方針");
    assert_string_equal(doc->organization, "横浜市金沢区");
    assert_string_equal(doc->date, "2025-04-01");
    assert_string_equal(doc->lang, "ja");
    hk_document_free(doc);
}

static void r07_heading_tree(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r07-policy.md");
    assert_int_equal(count_headings(doc, 1), 0);
    assert_int_equal(count_headings(doc, 2), 5);
    assert_int_equal(count_headings(doc, 3), 14);
    assert_int_equal(count_headings(doc, 4), 11);
    assert_heading_levels_nest(doc);
    int main_items = find_heading(doc, "主な事業・取組", 2);
    assert_true(main_items > find_heading(doc, "III 目標達成に向けた組織運営", 2));
    assert_true(find_heading(doc, "施策1 子どもが健やかに育ち、地元への愛着心を育むまちづくり", 3) >
                main_items);
    assert_true(find_heading(doc, "○金沢若者ライフデザイン事業", 4) > main_items);
    assert_true(find_heading(doc, "<区がすすめる区民サービス向上の施策>", 3) > main_items);
    hk_document_free(doc);
}

/* The basic goal's furigana came out of the PDF as text ("はぐく かなざわ
 * しあわせ育む 金沢"); it is ruby again. */
static void r07_basic_goal_ruby(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r07-policy.md");
    int h = find_heading(doc, "I 基本目標", 2);
    assert_int_equal(h, 0);
    HkBlock *goal = g_ptr_array_index(doc->blocks, h + 1);
    assert_int_equal(goal->kind, HK_BLOCK_PARAGRAPH);
    char *t = block_text(goal);
    assert_string_equal(t, "しあわせ育む 金沢");
    g_free(t);
    const char *bases[] = {"育", "金沢"}, *readings[] = {"はぐく", "かなざわ"};
    int rubies = 0;
    for (guint i = 0; i < goal->inlines->len; i++) {
        HkInline *in = g_ptr_array_index(goal->inlines, i);
        if (in->kind != HK_INLINE_RUBY)
            continue;
        assert_true(rubies < 2);
        assert_string_equal(in->text, bases[rubies]);
        assert_string_equal(in->reading, readings[rubies]);
        rubies++;
    }
    assert_int_equal(rubies, 2);
    /* The spans carry the reading the braille edition must use. */
    GArray *spans = hk_inlines_spans(goal->inlines);
    gboolean has = FALSE;
    for (guint i = 0; i < spans->len; i++) {
        HkSpan *s = &g_array_index(spans, HkSpan, i);
        if (!strcmp(s->text, "育") && s->reading && !strcmp(s->reading, "はぐく"))
            has = TRUE;
    }
    g_array_unref(spans);
    assert_true(has);
    hk_document_free(doc);
}

static void r07_department_list(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r07-policy.md");
    int h = find_heading(doc, "「まごころ」あふれる、区民の皆様に信頼される区役所を目指して", 2);
    assert_true(h > 0);
    HkBlock *list = NULL;
    for (guint i = (guint)h + 1; i < doc->blocks->len && !list; i++) {
        HkBlock *b = g_ptr_array_index(doc->blocks, i);
        assert_int_not_equal(b->kind, HK_BLOCK_HEADING);
        if (b->kind == HK_BLOCK_LIST)
            list = b;
    }
    assert_non_null(list);
    assert_false(list->ordered);
    assert_int_equal(list->children->len, 16);
    /* Each item: the department's name, then what it does. */
    for (guint i = 0; i < list->children->len; i++) {
        HkBlock *item = g_ptr_array_index(list->children, i);
        assert_int_equal(item->children->len, 2);
        HkBlock *desc = g_ptr_array_index(item->children, 1);
        char *t = block_text(desc);
        assert_true(g_str_has_suffix(t, "。"));
        g_free(t);
    }
    HkBlock *first = g_ptr_array_index(list->children, 0);
    char *t = block_text(g_ptr_array_index(first->children, 0));
    assert_string_equal(t, "総務課");
    g_free(t);
    HkBlock *last = g_ptr_array_index(list->children, 15);
    t = block_text(g_ptr_array_index(last->children, 0));
    assert_string_equal(t, "保険年金課");
    g_free(t);
    hk_document_free(doc);
}

static void r07_blocks(void **state)
{
    (void)state;
    HkDocument *doc = load("kanazawa-r07-policy.md");
    /* 取組例 ×2 (4 items each), テーマ (5), ①②③ (3), 【参考】 (3), departments (16). */
    assert_int_equal(count_kind(doc, HK_BLOCK_LIST), 6);
    assert_int_equal(count_kind(doc, HK_BLOCK_ITEM), 4 + 4 + 5 + 3 + 3 + 16);
    assert_int_equal(count_kind(doc, HK_BLOCK_PARAGRAPH), 90);
    /* Lines the PDF split mid-sentence are one paragraph again. */
    assert_true(paragraph_contains(doc, "子どもが健やかに育ち、地元への愛着心を育むまち"));
    assert_true(
        paragraph_contains(doc, "資機材の購入等を支援するとともに、防災講演会を開催します。"));
    assert_true(paragraph_contains(doc, "金沢区幸せお届け大使 ぼたんちゃん"));
    /* The strategy's name is bold in the PDF. */
    HkBlock *intro =
        g_ptr_array_index(doc->blocks, (guint)find_heading(doc, "II 目標達成に向けた施策", 2) + 1);
    gboolean strong = FALSE;
    for (guint i = 0; i < intro->inlines->len; i++)
        if (((HkInline *)g_ptr_array_index(intro->inlines, i))->kind == HK_INLINE_STRONG)
            strong = TRUE;
    assert_true(strong);
    assert_no_extraction_debris(doc);
    assert_ends_with_link(doc, "https://www.city.yokohama.lg.jp/kanazawa/kusei/uneihiushin-yosan/"
                               "yosan/R07kuyosan.html");
    hk_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(r02_front_matter),    cmocka_unit_test(r02_heading_tree),
        cmocka_unit_test(r02_blocks),          cmocka_unit_test(r07_front_matter),
        cmocka_unit_test(r07_heading_tree),    cmocka_unit_test(r07_basic_goal_ruby),
        cmocka_unit_test(r07_department_list), cmocka_unit_test(r07_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
