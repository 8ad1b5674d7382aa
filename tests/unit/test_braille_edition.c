/* The braille edition on the samples with the real translator: joining the
 * lines of the body pages back together gives exactly the unpaginated
 * translation of each block (no word lost, split or reordered), every page
 * fits the layout, and the TOC's numbers are the pages the headings are on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "braille.h"
#include "brailledoc.h"
#include "datadir.h"
#include "layout.h"
#include "source.h"

static char *kana(gpointer data, const HkSpan *spans, gsize n, GError **error)
{
    return hk_braille_kana(data, spans, n, error);
}

static char *cells(gpointer data, const char *k, GError **error)
{
    return hk_braille_cells_from_kana(data, k, error);
}

static void set_warn(gpointer data, HkCharWarnFn fn, gpointer user)
{
    hk_braille_set_warn(data, fn, user);
}

static void check_sample(const char *name, const char *layout_name)
{
    char *rel = g_build_filename("samples", name, NULL);
    char *path = hk_data_path(rel);
    char *lrel = g_build_filename("layouts", layout_name, NULL);
    char *lpath = hk_data_path(lrel);
    GError *err = NULL;
    HkDocument *doc = hk_source_load(path, &err);
    HkLayout *l = doc ? hk_layout_load(lpath, &err) : NULL;
    HkBrailleLayout bl;
    HkBraille *br = l && hk_braille_layout_load(l, &bl, &err) ? hk_braille_shared(&err) : NULL;
    if (!br)
        fail_msg("%s", err->message);
    HkBrailleTranslator tr = {br, kana, cells, set_warn};
    GPtrArray *blocks = hk_braille_blocks_from_document(doc, &bl, &tr, &err);
    if (!blocks)
        fail_msg("%s", err->message);
    char *toc = hk_braille_cells_from_kana(br, bl.toc_title, &err);
    assert_non_null(toc);
    HkBrailleBook *book = hk_braille_paginate(&bl, blocks, toc, doc->path, &err);
    assert_non_null(book);
    assert_true(book->pages->len > 3);

    GPtrArray *joined = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    for (guint i = 0; i < blocks->len; i++)
        g_ptr_array_add(joined, g_byte_array_new());
    int *page_of = g_new0(int, blocks->len);
    int last = -1, number = 0;
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        assert_true((int)page->lines->len <= bl.rows);
        if (page->number)
            assert_int_equal(page->number, ++number);
        for (guint i = 0; i < page->lines->len; i++) {
            const HkBrailleLine *ln = g_ptr_array_index(page->lines, i);
            assert_true(ln->len <= bl.cols);
            if (ln->kind != HK_BL_TEXT)
                continue;
            assert_true(ln->block >= last);
            last = ln->block;
            if (!page_of[ln->block])
                page_of[ln->block] = page->number;
            GByteArray *j = g_ptr_array_index(joined, ln->block);
            /* A long address's line ends in the added 行継続符. */
            g_byte_array_append(j, ln->dots + ln->indent, ln->len - ln->indent - ln->continued);
            static const guint8 zero = 0;
            for (int c = 0; c < ln->dropped; c++)
                g_byte_array_append(j, &zero, 1);
        }
    }
    for (guint i = 0; i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        GByteArray *want = g_byte_array_new();
        assert_true(hk_braille_parse_cells(b->cells, want, NULL));
        /* The page model drops a block's leading and trailing blanks. */
        while (want->len && want->data[want->len - 1] == 0)
            g_byte_array_set_size(want, want->len - 1);
        guint s = 0;
        while (s < want->len && want->data[s] == 0)
            s++;
        g_byte_array_remove_range(want, 0, s);
        GByteArray *got = g_ptr_array_index(joined, i);
        if (b->kind == HK_BB_ITEM && b->number > 0) {
            /* Its number comes first: 数符, the digits and a blank. */
            guint n = 2 + (guint)snprintf(NULL, 0, "%d", b->number);
            assert_true(got->len >= n && got->data[0] == bl.number_sign && got->data[n - 1] == 0);
            g_byte_array_remove_range(got, 0, n);
        }
        if (got->len != want->len || memcmp(got->data, want->data, want->len))
            fail_msg("%s: block %u (line %d) differs after pagination", name, i, b->line);
        g_byte_array_unref(want);
    }
    /* TOC entries: the page number of their heading. */
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        if (page->kind != HK_BP_TOC)
            continue;
        for (guint i = 1; i < page->lines->len; i++) {
            const HkBrailleLine *ln = g_ptr_array_index(page->lines, i);
            if (ln->kind != HK_BL_TOC || ln->block < 0 || ln->len != bl.cols ||
                ln->dots[ln->len - 1] == bl.toc_leader)
                continue;
            const HkBrailleMark *m = &g_array_index(ln->marks, HkBrailleMark, ln->marks->len - 1);
            if (ln->dots[m->col] != bl.number_sign)
                continue;
            assert_int_equal(atoi(m->kana), page_of[ln->block]);
        }
    }
    g_free(page_of);
    g_ptr_array_unref(joined);
    hk_braille_book_free(book);
    g_free(toc);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
    hk_layout_free(l);
    hk_document_free(doc);
    g_free(lpath);
    g_free(lrel);
    g_free(path);
    g_free(rel);
}

static void r02(void **state)
{
    (void)state;
    check_sample("kanazawa-r02-policy.md", "braille-32x18.ini");
    check_sample("kanazawa-r02-policy.md", "braille-40x25.ini");
}

static void r07(void **state)
{
    (void)state;
    check_sample("kanazawa-r07-policy.md", "braille-32x18.ini");
    check_sample("kanazawa-r07-policy.md", "braille-32x22.ini");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(r02),
        cmocka_unit_test(r07),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    return rc;
}
