/* Unit tests for braillevolumes: a long book divided into volumes, with
 * synthetic cells (no translator involved). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "braillevolumes.h"
#include "datadir.h"
#include "layout.h"

static HkBrailleLayout load_layout(int max_pages, gboolean restart)
{
    char *path = hk_data_path("layouts/braille-32x18.ini");
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    assert_non_null(l);
    HkBrailleLayout bl;
    if (!hk_braille_layout_load(l, &bl, &err))
        fail_msg("%s", err->message);
    hk_layout_free(l);
    g_free(path);
    bl.max_pages = max_pages;
    bl.restart_numbers = restart;
    return bl;
}

static HkBrailleBlock *block(GPtrArray *blocks, HkBrailleBlockKind kind, int level,
                             const char *cells)
{
    HkBrailleBlock *b = hk_braille_block_new(kind, cells, NULL);
    b->level = level;
    b->line = (int)blocks->len + 1;
    g_ptr_array_add(blocks, b);
    return b;
}

/* A title, 12 chapters (level 2) of 2 sections (level 3) of 6 paragraphs
 * of 3 lines, a word too long for a line in chapter 9, and a 奥付. */
static GPtrArray *long_book(void)
{
    GPtrArray *blocks = g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_block_free);
    block(blocks, HK_BB_TITLE, 1, "⠁⠁⠁");
    GString *para = g_string_new(NULL);
    for (int i = 0; i < 14; i++)
        g_string_append(para, "⠃⠃⠃⠃⠃ ");
    for (int c = 0; c < 12; c++) {
        block(blocks, HK_BB_HEADING, 2, "⠓⠓");
        for (int s = 0; s < 2; s++) {
            block(blocks, HK_BB_HEADING, 3, "⠊⠊");
            for (int p = 0; p < 6; p++)
                block(blocks, HK_BB_PARAGRAPH, 0, para->str);
        }
        if (c == 8)
            block(blocks, HK_BB_PARAGRAPH, 0, "⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿⠿");
    }
    g_string_free(para, TRUE);
    block(blocks, HK_BB_COLOPHON, 1, "⠟⠴⠌⠩ ⠌⠵⠐⠕");
    return blocks;
}

/* The 巻数 line: ⠐⠕⠃ + 数符 + n, or none for an undivided book. */
static gboolean label(gpointer data, int n, int total, char **cells, char **kana, GError **error)
{
    (void)error;
    int *calls = data;
    (*calls)++;
    *kana = total > 1 ? g_strdup_printf("ダイ%dカン", n) : NULL;
    *cells = total > 1 ? g_strdup_printf("⠐⠕⠃⠼%s", n == 1 ? "⠁" : n == 2 ? "⠃" : "⠉") : NULL;
    return TRUE;
}

/* The first body line of a book: its block's kind and level. */
static const HkBrailleLine *first_body_line(const HkBrailleBook *b)
{
    for (guint p = 0; p < b->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(b->pages, p);
        for (guint i = 1; page->kind == HK_BP_BODY && i < page->lines->len; i++) {
            const HkBrailleLine *l = g_ptr_array_index(page->lines, i);
            if (l->kind == HK_BL_TEXT)
                return l;
        }
    }
    return NULL;
}

static gboolean has_label(const HkBrailleBook *b, guint8 digit)
{
    const HkBraillePage *t = g_ptr_array_index(b->pages, 0);
    for (guint i = 1; i < t->lines->len; i++) {
        const HkBrailleLine *l = g_ptr_array_index(t->lines, i);
        if (l->len >= 5 && l->dots[l->indent] == 0x10 && l->dots[l->indent + 3] == 0x3C &&
            l->dots[l->indent + 4] == digit)
            return TRUE;
    }
    return FALSE;
}

static int min_number(const HkBrailleBook *b)
{
    for (guint p = 0; p < b->pages->len; p++) {
        int n = ((const HkBraillePage *)g_ptr_array_index(b->pages, p))->number;
        if (n)
            return n;
    }
    return 0;
}

static int max_number(const HkBrailleBook *b)
{
    int n = 0;
    for (guint p = 0; p < b->pages->len; p++)
        n = MAX(n, ((const HkBraillePage *)g_ptr_array_index(b->pages, p))->number);
    return n;
}

static void divided_at_headings(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout(12, FALSE);
    GPtrArray *blocks = long_book();
    int calls = 0;
    GError *err = NULL;
    GPtrArray *books = hk_braille_volumes(&bl, blocks, "⠾⠩⠐⠳", label, &calls, "t.md", &err);
    assert_non_null(books);
    assert_true(books->len >= 3);
    int prev_last = 0, splits = 0, colophons = 0;
    for (guint v = 0; v < books->len; v++) {
        const HkBrailleBook *b = g_ptr_array_index(books, v);
        assert_int_equal(b->volume, (int)v + 1);
        assert_int_equal(b->volumes, (int)books->len);
        assert_true((int)b->pages->len <= bl.max_pages);
        assert_int_equal(((HkBraillePage *)g_ptr_array_index(b->pages, 0))->kind, HK_BP_TITLE);
        assert_true(has_label(b, v == 0 ? 0x01 : v == 1 ? 0x03 : 0x09));
        /* 分冊番号 for the BES header: 数符 + the number. */
        assert_int_equal(b->volume_dots->len, 2);
        assert_int_equal(b->volume_dots->data[0], bl.number_sign);
        /* Each volume starts with a chapter heading (the largest rank). */
        const HkBrailleLine *l = first_body_line(b);
        assert_int_equal(((HkBrailleBlock *)g_ptr_array_index(blocks, l->block))->kind,
                         HK_BB_HEADING);
        assert_int_equal(((HkBrailleBlock *)g_ptr_array_index(blocks, l->block))->level, 2);
        assert_int_equal(l->indent, bl.heading_indent[0]);
        /* Numbering continues. */
        assert_int_equal(min_number(b), prev_last + 1);
        prev_last = max_number(b);
        for (guint i = 0; i < b->splits->len; i++) {
            int at = g_array_index(b->splits, int, i);
            assert_true(at >= 0 && at < (int)blocks->len);
            assert_int_equal(((HkBrailleBlock *)g_ptr_array_index(blocks, at))->kind,
                             HK_BB_PARAGRAPH);
            splits++;
        }
        const HkBraillePage *last = g_ptr_array_index(b->pages, b->pages->len - 1);
        const HkBrailleLine *ll = g_ptr_array_index(last->lines, 1);
        colophons += ll->dots[ll->indent] == 0x1F; /* ⠟ of テンヤク */
    }
    assert_int_equal(splits, 1);    /* mapped back to the long word's block, once */
    assert_int_equal(colophons, 1); /* the 奥付, in the last volume only */
    g_ptr_array_unref(books);

    /* restart: every volume from page 1. */
    bl.restart_numbers = TRUE;
    books = hk_braille_volumes(&bl, blocks, "⠾⠩⠐⠳", label, &calls, "t.md", &err);
    assert_non_null(books);
    for (guint v = 0; v < books->len; v++)
        assert_int_equal(min_number(g_ptr_array_index(books, v)), 1);
    g_ptr_array_unref(books);

    /* max_pages = 0: one volume, no 巻数 line, no volume field. */
    bl.max_pages = 0;
    books = hk_braille_volumes(&bl, blocks, "⠾⠩⠐⠳", label, &calls, "t.md", &err);
    assert_int_equal(books->len, 1);
    const HkBrailleBook *one = g_ptr_array_index(books, 0);
    assert_int_equal(one->volumes, 1);
    assert_null(one->volume_dots);
    assert_false(has_label(one, 0x01));
    g_ptr_array_unref(books);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* A label that fails fails the book, with its message. */
static gboolean bad_label(gpointer data, int n, int total, char **cells, char **kana,
                          GError **error)
{
    (void)data, (void)n, (void)total;
    *cells = *kana = NULL;
    g_set_error(error, g_quark_from_static_string("t"), 1, "no label");
    return FALSE;
}

static void label_failure_is_an_error(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout(20, FALSE);
    GPtrArray *blocks = long_book();
    GError *err = NULL;
    assert_null(hk_braille_volumes(&bl, blocks, "⠾⠩⠐⠳", bad_label, NULL, "t.md", &err));
    assert_non_null(err);
    assert_string_equal(err->message, "no label");
    g_clear_error(&err);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(divided_at_headings),
        cmocka_unit_test(label_failure_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
