/* Unit tests for brailleformat: the paginated page model, with synthetic
 * cell strings (no translator involved). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "brailleformat.h"
#include "datadir.h"
#include "error.h"
#include "layout.h"

static HkBrailleLayout load_layout(const char *name)
{
    char *rel = g_strconcat("layouts/", name, NULL);
    char *path = hk_data_path(rel);
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    assert_non_null(l);
    HkBrailleLayout bl;
    gboolean ok = hk_braille_layout_load(l, &bl, &err);
    if (!ok)
        fail_msg("%s", err->message);
    hk_layout_free(l);
    g_free(path);
    g_free(rel);
    /* One side: the page sequences below have no blank backs (those are
     * tested in duplex_blank_backs). */
    bl.duplex = FALSE;
    return bl;
}

/* A word of `n` random non-blank cells; `period` ends it with 。 (⠲). */
static void word(GString *s, GRand *r, int n, gboolean period)
{
    for (int i = 0; i < n; i++) {
        gunichar c = 0x2800 + (gunichar)g_rand_int_range(r, 1, 64);
        if (period && i == n - 1)
            c = 0x2832;
        else if (c == 0x2832)
            c = 0x2801;
        g_string_append_unichar(s, c);
    }
}

/* Random text: words of 1..max cells; after a 。 two blanks, else one. */
static char *text(GRand *r, int words, int max)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < words; i++) {
        gboolean period = g_rand_int_range(r, 0, 5) == 0 || i == words - 1;
        word(s, r, g_rand_int_range(r, 1, max + 1), period);
        if (i < words - 1)
            g_string_append(s, period ? "  " : " ");
    }
    return g_string_free(s, FALSE);
}

static HkBrailleBlock *block(GPtrArray *blocks, HkBrailleBlockKind kind, int level, char *cells)
{
    HkBrailleBlock *b = hk_braille_block_new(kind, cells, NULL);
    b->level = level;
    b->line = (int)blocks->len + 1;
    b->col = 1;
    g_ptr_array_add(blocks, b);
    g_free(cells);
    return b;
}

/* A document of headings of three levels, paragraphs and list items. */
static GPtrArray *random_doc(GRand *r, int n)
{
    GPtrArray *blocks = g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_block_free);
    for (int i = 0; i < n; i++) {
        int k = g_rand_int_range(r, 0, 10);
        if (k < 2)
            block(blocks, HK_BB_HEADING, g_rand_int_range(r, 1, 4), text(r, 3, 6));
        else if (k < 4) {
            HkBrailleBlock *b = block(blocks, HK_BB_ITEM, 0, text(r, 8, 7));
            b->depth = g_rand_int_range(r, 0, 2);
        } else if (k == 4)
            block(blocks, HK_BB_BREAK, 0, NULL);
        else
            block(blocks, HK_BB_PARAGRAPH, 0, text(r, g_rand_int_range(r, 3, 40), 8));
    }
    return blocks;
}

static HkBrailleBook *paginate(const HkBrailleLayout *bl, GPtrArray *blocks)
{
    GError *err = NULL;
    HkBrailleBook *book = hk_braille_paginate(bl, blocks, "⠾⠩⠐⠳", "t.md", &err);
    if (!book)
        fail_msg("%s", err->message);
    return book;
}

static HkBrailleLine *line_at(const HkBraillePage *p, guint i)
{
    return g_ptr_array_index(p->lines, i);
}

/* The number on a page line: blanks, 数符, digits, nothing else. */
static int page_line_number(const HkBrailleLayout *bl, const HkBrailleLine *l)
{
    int i = 0;
    while (i < l->len && l->dots[i] == 0)
        i++;
    if (i == l->len)
        return 0;
    assert_int_equal(l->dots[i], bl->number_sign);
    assert_int_equal(l->len, bl->cols); /* right-aligned */
    int n = 0;
    for (i++; i < l->len; i++) {
        int d = -1;
        for (int k = 0; k < 10; k++)
            if (bl->digits[k] == l->dots[i])
                d = k;
        assert_true(d >= 0);
        n = n * 10 + d;
    }
    return n;
}

static void lines_and_pages_fit(void **state)
{
    (void)state;
    const char *layouts[] = {"braille-32x18.ini", "braille-32x22.ini", "braille-40x25.ini"};
    for (gsize li = 0; li < G_N_ELEMENTS(layouts); li++) {
        HkBrailleLayout bl = load_layout(layouts[li]);
        GRand *r = g_rand_new_with_seed(7 + li);
        for (int round = 0; round < 20; round++) {
            GPtrArray *blocks = random_doc(r, 60);
            HkBrailleBook *book = paginate(&bl, blocks);
            assert_true(book->pages->len > 1);
            int expect = 1;
            for (guint p = 0; p < book->pages->len; p++) {
                const HkBraillePage *page = g_ptr_array_index(book->pages, p);
                assert_true((int)page->lines->len <= bl.rows);
                assert_int_equal(line_at(page, 0)->kind, HK_BL_PAGE);
                for (guint i = 0; i < page->lines->len; i++)
                    assert_true(line_at(page, i)->len <= bl.cols);
                /* Page numbers run 1..N and are what the page line shows. */
                assert_int_equal(page->number, expect++);
                assert_int_equal(page_line_number(&bl, line_at(page, 0)), page->number);
                for (guint i = 1; i < page->lines->len; i++)
                    assert_int_not_equal(line_at(page, i)->kind, HK_BL_PAGE);
            }
            hk_braille_book_free(book);
            g_ptr_array_unref(blocks);
        }
        g_rand_free(r);
        hk_braille_layout_clear(&bl);
    }
}

/* Joining the lines of each block back (with the blanks dropped at each
 * break) gives exactly the block's cells: no word lost, split or moved. */
static void joined_lines_give_the_text(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GRand *r = g_rand_new_with_seed(11);
    for (int round = 0; round < 20; round++) {
        GPtrArray *blocks = random_doc(r, 80);
        HkBrailleBook *book = paginate(&bl, blocks);
        GPtrArray *joined = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
        for (guint i = 0; i < blocks->len; i++)
            g_ptr_array_add(joined, g_byte_array_new());
        int last_block = -1;
        for (guint p = 0; p < book->pages->len; p++) {
            const HkBraillePage *page = g_ptr_array_index(book->pages, p);
            for (guint i = 0; i < page->lines->len; i++) {
                const HkBrailleLine *l = line_at(page, i);
                if (l->kind != HK_BL_TEXT)
                    continue;
                assert_true(l->block >= last_block); /* reading order kept */
                last_block = l->block;
                GByteArray *j = g_ptr_array_index(joined, l->block);
                /* The indent is blank, the text starts and ends with a cell. */
                for (int c = 0; c < l->indent; c++)
                    assert_int_equal(l->dots[c], 0);
                assert_true(l->len > l->indent);
                assert_int_not_equal(l->dots[l->indent], 0);
                assert_int_not_equal(l->dots[l->len - 1], 0);
                assert_false(l->split); /* no word here is longer than a line */
                g_byte_array_append(j, l->dots + l->indent, l->len - l->indent);
                static const guint8 zero = 0;
                for (int c = 0; c < l->dropped; c++)
                    g_byte_array_append(j, &zero, 1);
            }
        }
        for (guint i = 0; i < blocks->len; i++) {
            const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
            GByteArray *want = g_byte_array_new();
            assert_true(hk_braille_parse_cells(b->cells, want, NULL));
            GByteArray *got = g_ptr_array_index(joined, i);
            assert_int_equal(got->len, want->len);
            assert_memory_equal(got->data, want->data, want->len);
            g_byte_array_unref(want);
        }
        g_ptr_array_unref(joined);
        hk_braille_book_free(book);
        g_ptr_array_unref(blocks);
    }
    g_rand_free(r);
    hk_braille_layout_clear(&bl);
}

static GPtrArray *blocks_new(void)
{
    return g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_block_free);
}

static const HkBrailleLine *first_text_line(const HkBrailleBook *book, int page, guint *index)
{
    const HkBraillePage *p = g_ptr_array_index(book->pages, page);
    for (guint i = 1; i < p->lines->len; i++)
        if (line_at(p, i)->kind == HK_BL_TEXT) {
            if (index)
                *index = i;
            return line_at(p, i);
        }
    return NULL;
}

/* 。 with its two blanks exactly at the line end: the blanks are dropped,
 * the next line starts at the first cell with the next word. */
static void period_blanks_dropped_at_line_end(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    /* First line: indent 2, then 29 cells + ⠲ = 30 cells, ending at cell 32. */
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 29; i++)
        g_string_append(s, "⠁");
    g_string_append(s, "⠲  ⠃⠃⠃ ⠉⠉⠲");
    block(blocks, HK_BB_PARAGRAPH, 0, g_string_free(s, FALSE));
    HkBrailleBook *book = paginate(&bl, blocks);
    const HkBraillePage *p = g_ptr_array_index(book->pages, 0);
    const HkBrailleLine *l1 = line_at(p, 1), *l2 = line_at(p, 2);
    assert_int_equal(l1->indent, bl.para_first);
    assert_int_equal(bl.para_first, 2);
    assert_int_equal(l1->len, 32);
    assert_int_equal(l1->dots[31], 0x32);
    assert_int_equal(l1->dropped, 2);
    assert_int_equal(l2->indent, 0);
    assert_int_equal(l2->dots[0], 0x03);
    assert_int_equal(l2->len, 7); /* ⠃⠃⠃ ⠉⠉⠲ */
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

static void long_word_is_split_and_marked(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    GString *s = g_string_new("⠁⠁ ");
    for (int i = 0; i < 45; i++)
        g_string_append(s, "⠃");
    g_string_append(s, " ⠉");
    block(blocks, HK_BB_PARAGRAPH, 0, g_string_free(s, FALSE));
    HkBrailleBook *book = paginate(&bl, blocks);
    assert_int_equal(book->splits->len, 1);
    assert_int_equal(g_array_index(book->splits, int, 0), 0);
    const HkBraillePage *p = g_ptr_array_index(book->pages, 0);
    /* ⠁⠁ alone (the long word does not fit after it), then the long word
     * cut at the line end, its rest and ⠉ on the next line. */
    assert_int_equal(line_at(p, 1)->len, 4);
    assert_false(line_at(p, 1)->split);
    assert_int_equal(line_at(p, 2)->len, 32);
    assert_true(line_at(p, 2)->split);
    assert_int_equal(line_at(p, 2)->dropped, 0);
    assert_int_equal(line_at(p, 3)->len, 45 - 32 + 2);
    assert_false(line_at(p, 3)->split);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);

    /* A word over three lines is one split word, its lines all marked. */
    blocks = blocks_new();
    s = g_string_new(NULL);
    for (int i = 0; i < 80; i++)
        g_string_append(s, "⠃");
    block(blocks, HK_BB_PARAGRAPH, 0, g_string_free(s, FALSE));
    book = paginate(&bl, blocks);
    assert_int_equal(book->splits->len, 1);
    p = g_ptr_array_index(book->pages, 0);
    assert_int_equal(p->lines->len, 4);
    assert_int_equal(line_at(p, 1)->len, 32);
    assert_true(line_at(p, 1)->split);
    assert_true(line_at(p, 2)->split);
    assert_false(line_at(p, 3)->split);
    assert_int_equal(line_at(p, 3)->len, 80 - 30 - 32);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* An address in 情報処理用点字 too long for a line goes on after its last
 * '/' or '.' that fits, the line ending in the 行継続符; it is not a split
 * word. Without a separator it is cut one cell short of the line end. */
static void long_address_breaks_after_a_separator(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    assert_int_equal(bl.continuation, 0x10);
    GPtrArray *blocks = blocks_new();
    /* ⠠⠦ + 20 letters + ⠌ + 20 letters + ⠲ + 5 letters + ⠠⠴ */
    GString *s = g_string_new("⠠⠦");
    for (int i = 0; i < 20; i++)
        g_string_append(s, "⠁");
    g_string_append(s, "⠌");
    for (int i = 0; i < 20; i++)
        g_string_append(s, "⠃");
    g_string_append(s, "⠲⠉⠉⠉⠉⠉⠠⠴");
    block(blocks, HK_BB_PARAGRAPH, 0, g_string_free(s, FALSE));
    HkBrailleBook *book = paginate(&bl, blocks);
    assert_int_equal(book->splits->len, 0);
    const HkBraillePage *p = g_ptr_array_index(book->pages, 0);
    /* Indent 2, ⠠⠦, 20 letters, ⠌ and the 行継続符: 26 cells. */
    const HkBrailleLine *l1 = line_at(p, 1), *l2 = line_at(p, 2);
    assert_int_equal(l1->len, 2 + 2 + 20 + 1 + 1);
    assert_int_equal(l1->dots[l1->len - 2], 0x0C);
    assert_int_equal(l1->dots[l1->len - 1], 0x10);
    assert_true(l1->continued);
    assert_false(l1->split);
    assert_int_equal(l2->dots[0], 0x03);
    assert_int_equal(l2->len, 20 + 1 + 5 + 2);
    assert_false(l2->continued);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);

    /* No separator in reach: 29 cells and the sign on the first line. */
    blocks = blocks_new();
    s = g_string_new("⠠⠦");
    for (int i = 0; i < 40; i++)
        g_string_append(s, "⠁");
    g_string_append(s, "⠠⠴");
    block(blocks, HK_BB_PARAGRAPH, 0, g_string_free(s, FALSE));
    book = paginate(&bl, blocks);
    p = g_ptr_array_index(book->pages, 0);
    assert_int_equal(line_at(p, 1)->len, 32);
    assert_int_equal(line_at(p, 1)->dots[31], 0x10);
    assert_int_equal(line_at(p, 2)->len, 44 - 29);
    assert_int_equal(book->splits->len, 0);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* A heading that would land on the last line of a page goes to the next
 * page, with the first line of what follows it. */
static void heading_never_alone_at_page_bottom(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    /* 16 one-line paragraphs fill 16 of the 17 text lines. */
    for (int i = 0; i < bl.rows - 2; i++)
        block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠁ ⠃⠲"));
    block(blocks, HK_BB_HEADING, 2, g_strdup("⠓⠓"));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠉⠉⠲"));
    HkBrailleBook *book = paginate(&bl, blocks);
    assert_int_equal(book->pages->len, 2);
    const HkBraillePage *p1 = g_ptr_array_index(book->pages, 0);
    assert_int_equal(p1->lines->len, bl.rows - 1); /* page line + 16 */
    guint at;
    const HkBrailleLine *h = first_text_line(book, 1, &at);
    assert_int_equal(at, 1);
    assert_int_equal(h->block, bl.rows - 2);
    /* One heading level only: the single-level start cell (7th). */
    assert_int_equal(h->indent, bl.heading_single);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);

    /* The same over random documents: no page ends with a heading line
     * whose block continues or is followed on the next page. */
    GRand *r = g_rand_new_with_seed(5);
    for (int round = 0; round < 30; round++) {
        blocks = random_doc(r, 70);
        book = paginate(&bl, blocks);
        for (guint p = 0; p + 1 < book->pages->len; p++) {
            const HkBraillePage *page = g_ptr_array_index(book->pages, p);
            const HkBrailleLine *last = line_at(page, page->lines->len - 1);
            if (last->kind != HK_BL_TEXT)
                continue;
            const HkBrailleBlock *b = g_ptr_array_index(blocks, last->block);
            assert_int_not_equal(b->kind, HK_BB_HEADING);
        }
        hk_braille_book_free(book);
        g_ptr_array_unref(blocks);
    }
    g_rand_free(r);
    hk_braille_layout_clear(&bl);
}

/* The number at the right end of a TOC entry's last line. */
static int toc_number(const HkBrailleLayout *bl, const HkBrailleLine *l)
{
    int i = l->len;
    int n = 0, scale = 1;
    for (;;) {
        int d = -1;
        for (int k = 0; k < 10; k++)
            if (bl->digits[k] == l->dots[i - 1])
                d = k;
        if (d < 0)
            break;
        n += d * scale;
        scale *= 10;
        i--;
    }
    assert_int_equal(l->dots[i - 1], bl->number_sign);
    assert_int_equal(l->dots[i - 2], 0);
    assert_int_equal(l->dots[i - 3], bl->toc_leader);
    assert_int_equal(l->len, bl->cols);
    return n;
}

static void toc_numbers_are_body_pages(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GRand *r = g_rand_new_with_seed(3);
    /* Enough headings for a TOC of several pages, so the body page numbers
     * depend on the TOC's own length. */
    GPtrArray *blocks = blocks_new();
    for (int i = 0; i < 60; i++) {
        block(blocks, HK_BB_HEADING, 1 + i % 3, text(r, g_rand_int_range(r, 1, 6), 6));
        block(blocks, HK_BB_PARAGRAPH, 0, text(r, g_rand_int_range(r, 3, 30), 8));
    }
    HkBrailleBook *book = paginate(&bl, blocks);
    GHashTable *page_of = g_hash_table_new(NULL, NULL); /* heading block → page number */
    int toc_pages = 0, entries = 0;
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        if (page->kind == HK_BP_TOC) {
            assert_int_equal(toc_pages, (int)p); /* the TOC comes first */
            toc_pages++;
        }
        for (guint i = 1; i < page->lines->len; i++) {
            const HkBrailleLine *l = line_at(page, i);
            if (l->kind == HK_BL_TEXT && !g_hash_table_contains(page_of, GINT_TO_POINTER(l->block)))
                g_hash_table_insert(page_of, GINT_TO_POINTER(l->block),
                                    GINT_TO_POINTER(page->number));
        }
    }
    assert_true(toc_pages >= 2);
    for (guint p = 0; p < (guint)toc_pages; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        for (guint i = 1; i < page->lines->len; i++) {
            const HkBrailleLine *l = line_at(page, i);
            if (l->kind != HK_BL_TOC || l->block < 0)
                continue;
            /* The last line of an entry carries the number. */
            const HkBrailleLine *next = i + 1 < page->lines->len ? line_at(page, i + 1) : NULL;
            if (next && next->block == l->block)
                continue;
            int want = GPOINTER_TO_INT(g_hash_table_lookup(page_of, GINT_TO_POINTER(l->block)));
            assert_true(want > toc_pages);
            assert_int_equal(toc_number(&bl, l), want);
            entries++;
        }
    }
    assert_int_equal(entries, 60);
    g_hash_table_unref(page_of);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);

    /* One heading: no TOC, the body starts at page 1. */
    blocks = blocks_new();
    block(blocks, HK_BB_HEADING, 1, g_strdup("⠓"));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠲"));
    book = paginate(&bl, blocks);
    assert_int_equal(book->pages->len, 1);
    assert_int_equal(((HkBraillePage *)g_ptr_array_index(book->pages, 0))->kind, HK_BP_BODY);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    g_rand_free(r);
    hk_braille_layout_clear(&bl);
}

static void heading_indents_by_rank(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    block(blocks, HK_BB_HEADING, 2, g_strdup("⠁"));
    block(blocks, HK_BB_HEADING, 3, g_strdup("⠃"));
    block(blocks, HK_BB_HEADING, 5, g_strdup("⠉"));
    block(blocks, HK_BB_HEADING, 6, g_strdup("⠙"));
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 8; i++)
        g_string_append(s, "⠑⠑⠑⠑ ");
    block(blocks, HK_BB_HEADING, 2, g_string_free(s, FALSE));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠲"));
    HkBrailleBook *book = paginate(&bl, blocks);
    /* Page 1 is the TOC; find the body lines by block. */
    int seen = 0;
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        int prev_block = -1;
        for (guint i = 1; i < page->lines->len; i++) {
            const HkBrailleLine *l = line_at(page, i);
            if (l->kind != HK_BL_TEXT)
                continue;
            int want[] = {8, 6, 4, 4, 8, 2};
            if (l->block != prev_block)
                assert_int_equal(l->indent, want[l->block]);
            else if (l->block == 4)
                assert_int_equal(l->indent, 8 + bl.heading_continue);
            prev_block = l->block;
            seen++;
        }
    }
    assert_int_equal(seen, 7);
    /* A blank line before each heading of the largest rank, except at the
     * top of the page. */
    const HkBraillePage *body = g_ptr_array_index(book->pages, 1);
    assert_int_equal(line_at(body, 1)->block, 0);
    assert_int_equal(line_at(body, 5)->kind, HK_BL_BLANK);
    assert_int_equal(line_at(body, 6)->block, 4);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

static void list_items_and_numbers(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 10; i++)
        g_string_append(s, "⠁⠁⠁ ");
    HkBrailleBlock *b = block(blocks, HK_BB_ITEM, 0, g_strdup(s->str));
    b->number = 12;
    b = block(blocks, HK_BB_ITEM, 0, g_strdup(s->str));
    b->depth = 1;
    g_string_free(s, TRUE);
    HkBrailleBook *book = paginate(&bl, blocks);
    const HkBraillePage *p = g_ptr_array_index(book->pages, 0);
    const HkBrailleLine *l = line_at(p, 1);
    assert_int_equal(l->indent, bl.list_first);
    assert_int_equal(l->dots[l->indent], bl.number_sign);
    assert_int_equal(l->dots[l->indent + 1], bl.digits[1]);
    assert_int_equal(l->dots[l->indent + 2], bl.digits[2]);
    assert_int_equal(l->dots[l->indent + 3], 0);
    assert_int_equal(line_at(p, 2)->indent, bl.list_continue);
    assert_int_equal(line_at(p, 3)->indent, bl.list_first + bl.list_step);
    assert_int_equal(line_at(p, 4)->indent, bl.list_continue + bl.list_step);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* Printed on both sides, each part starts on the front of a sheet: the
 * title page and a one-page TOC are each followed by a blank back, which
 * is counted (the body starts on page 3, an odd number, a front) but shows
 * no number; the TOC gives the body's real page numbers. */
static void duplex_blank_backs(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    bl.duplex = TRUE;
    GPtrArray *blocks = blocks_new();
    block(blocks, HK_BB_TITLE, 1, g_strdup("⠁⠁"));
    block(blocks, HK_BB_HEADING, 1, g_strdup("⠓⠁"));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠲"));
    block(blocks, HK_BB_HEADING, 1, g_strdup("⠓⠃"));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠃⠲"));
    HkBrailleBook *book = paginate(&bl, blocks);
    HkBraillePageKind kinds[] = {HK_BP_TITLE, HK_BP_TITLE, HK_BP_TOC, HK_BP_TOC, HK_BP_BODY};
    int numbers[] = {0, 0, 1, 2, 3};
    assert_int_equal(book->pages->len, 5);
    for (guint p = 0; p < 5; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        assert_int_equal(page->kind, kinds[p]);
        assert_int_equal(page->number, numbers[p]);
        if (p == 1 || p == 3) { /* a blank back: the page line only, empty */
            assert_int_equal(page->lines->len, 1);
            assert_int_equal(line_at(page, 0)->len, 0);
        } else if (p > 1)
            assert_int_equal(page_line_number(&bl, line_at(page, 0)), numbers[p]);
    }
    /* The TOC's first entry ends with the body's page number 3 (⠼⠉). */
    const HkBraillePage *toc = g_ptr_array_index(book->pages, 2);
    const HkBrailleLine *entry = line_at(toc, 2);
    assert_int_equal(entry->dots[entry->len - 1], 0x09);
    /* One side: no blank pages. */
    hk_braille_book_free(book);
    bl.duplex = FALSE;
    book = paginate(&bl, blocks);
    assert_int_equal(book->pages->len, 3);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* A list item that does not fit in the lines left on a page moves whole to
 * the next one: at the top of a page its continuation lines (at the list
 * continuation cell) would look like the item's description. */
static void list_item_not_split_across_pages(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    int cap = bl.rows - 1;
    for (int i = 0; i < cap - 2; i++)
        block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠲"));
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 15; i++)
        g_string_append(s, "⠃⠃⠃⠃⠃ ");
    block(blocks, HK_BB_ITEM, 0, g_string_free(s, FALSE));
    HkBrailleBook *book = paginate(&bl, blocks);
    assert_int_equal(book->pages->len, 2);
    const HkBraillePage *p1 = g_ptr_array_index(book->pages, 0);
    const HkBraillePage *p2 = g_ptr_array_index(book->pages, 1);
    assert_int_equal(p1->lines->len, 1 + cap - 2); /* the paragraphs only */
    assert_true(p2->lines->len >= 4);              /* the whole item, 3+ lines */
    assert_int_equal(line_at(p2, 1)->block, cap - 2);
    assert_int_equal(line_at(p2, 1)->indent, bl.list_first);
    assert_int_equal(line_at(p2, 2)->indent, bl.list_continue);
    hk_braille_book_free(book);
    /* An item longer than a page is still split (it cannot move whole). */
    g_ptr_array_set_size(blocks, 0);
    s = g_string_new(NULL);
    for (int i = 0; i < 150; i++)
        g_string_append(s, "⠃⠃⠃⠃⠃ ");
    block(blocks, HK_BB_ITEM, 0, g_string_free(s, FALSE));
    book = paginate(&bl, blocks);
    assert_true(book->pages->len >= 2);
    assert_int_equal(((HkBraillePage *)g_ptr_array_index(book->pages, 0))->lines->len, bl.rows);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

static void title_page_from_front_matter(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    block(blocks, HK_BB_TITLE, 1, g_strdup("⠁⠁ ⠁⠁"));
    block(blocks, HK_BB_TITLE, 2, g_strdup("⠃⠃"));
    block(blocks, HK_BB_TITLE, 3, g_strdup("⠉⠉"));
    block(blocks, HK_BB_TITLE, 4, g_strdup("⠼⠃⠚⠃⠑"));
    block(blocks, HK_BB_PARAGRAPH, 0, g_strdup("⠁⠲"));
    HkBrailleBook *book = paginate(&bl, blocks);
    assert_int_equal(book->pages->len, 2);
    const HkBraillePage *t = g_ptr_array_index(book->pages, 0);
    assert_int_equal(t->kind, HK_BP_TITLE);
    assert_int_equal(t->number, 0);
    assert_int_equal(line_at(t, 0)->len, 0); /* unnumbered: an empty page line */
    assert_int_equal(line_at(t, bl.title_top - 1)->block, 0);
    assert_int_equal(line_at(t, bl.title_top - 1)->indent, bl.title_indent);
    assert_int_equal(line_at(t, bl.title_top)->kind, HK_BL_BLANK);
    assert_int_equal(line_at(t, bl.title_top + 1)->indent, bl.subtitle_indent);
    /* Organization and date end the page. */
    assert_int_equal(t->lines->len, bl.rows);
    assert_int_equal(line_at(t, bl.rows - 2)->block, 2);
    assert_int_equal(line_at(t, bl.rows - 1)->block, 3);
    assert_int_equal(line_at(t, bl.rows - 1)->indent, bl.imprint_indent);
    const HkBraillePage *body = g_ptr_array_index(book->pages, 1);
    assert_int_equal(body->number, 1);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

static void kana_follows_words(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    /* The transcription has no blank after 、 and 。; the cells do. */
    HkBrailleBlock *b =
        hk_braille_block_new(HK_BB_PARAGRAPH, "⠁⠰ ⠃⠲  ⠪⠎ ⠡⠷⠔", "ア、イ。コノ カミヲ");
    g_ptr_array_add(blocks, b);
    /* Different counts: all kana is still shown, flagged as inexact. */
    b = hk_braille_block_new(HK_BB_PARAGRAPH, "⠁ ⠃ ⠉", "アイウ エ");
    g_ptr_array_add(blocks, b);
    HkBrailleBook *book = paginate(&bl, blocks);
    const HkBraillePage *p = g_ptr_array_index(book->pages, 0);
    const HkBrailleLine *l = line_at(p, 1);
    assert_true(l->kana_exact);
    assert_int_equal(l->marks->len, 4);
    const char *want[] = {"ア、", "イ。", "コノ", "カミヲ"};
    int cols[] = {2, 5, 9, 12};
    for (int i = 0; i < 4; i++) {
        HkBrailleMark *m = &g_array_index(l->marks, HkBrailleMark, i);
        assert_string_equal(m->kana, want[i]);
        assert_int_equal(m->col, cols[i]);
    }
    l = line_at(p, 2);
    assert_false(l->kana_exact);
    GString *all = g_string_new(NULL);
    for (guint i = 0; i < l->marks->len; i++) {
        HkBrailleMark *m = &g_array_index(l->marks, HkBrailleMark, i);
        if (*m->kana)
            g_string_append_printf(all, "%s%s", all->len ? " " : "", m->kana);
    }
    assert_string_equal(all->str, "アイウ エ");
    g_string_free(all, TRUE);
    hk_braille_book_free(book);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

static void figure_in_note_signs(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    char *c = hk_braille_figure_cells(&bl, "⠐⠹", " ⠁⠁ ⠃⠃ ");
    assert_string_equal(c, "⠶⠶⠐⠹ ⠁⠁ ⠃⠃⠶⠶");
    char *k = hk_braille_figure_kana(&bl, "アア イイ");
    assert_string_equal(k, "ズ アア イイ");
    g_free(c);
    g_free(k);
    hk_braille_layout_clear(&bl);
}

static void bad_cells_are_an_error(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout("braille-32x18.ini");
    GPtrArray *blocks = blocks_new();
    HkBrailleBlock *b = hk_braille_block_new(HK_BB_PARAGRAPH, "⠁⠁ ア", NULL);
    b->line = 7;
    b->col = 3;
    g_ptr_array_add(blocks, b);
    GError *err = NULL;
    assert_null(hk_braille_paginate(&bl, blocks, NULL, "doc.md", &err));
    assert_non_null(err);
    assert_true(g_str_has_prefix(err->message, "doc.md:7:3: "));
    g_error_free(err);
    g_ptr_array_unref(blocks);
    hk_braille_layout_clear(&bl);
}

/* A copy of the default layout with one key replaced; returns the error. */
static char *layout_error(const char *group, const char *key, const char *value, int *line)
{
    char *src = hk_data_path("layouts/braille-32x18.ini");
    char *text;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    char **lines = g_strsplit(text, "\n", -1);
    char *hdr = g_strdup_printf("[%s]", group);
    gboolean in = FALSE;
    *line = 0;
    for (int i = 0; lines[i]; i++) {
        if (lines[i][0] == '[')
            in = !strcmp(lines[i], hdr);
        else if (in && g_str_has_prefix(lines[i], key) && lines[i][strlen(key)] == ' ') {
            g_free(lines[i]);
            lines[i] = g_strdup_printf("%s = %s", key, value);
            *line = i + 1;
        }
    }
    assert_int_not_equal(*line, 0);
    char *changed = g_strjoinv("\n", lines);
    char *dir = g_dir_make_tmp("hk-layout-XXXXXX", NULL);
    char *path = g_build_filename(dir, "bad.ini", NULL);
    assert_true(g_file_set_contents(path, changed, -1, NULL));
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    assert_non_null(l);
    HkBrailleLayout bl;
    assert_false(hk_braille_layout_load(l, &bl, &err));
    assert_non_null(err);
    char *want = g_strdup_printf("%s:%d:1: ", path, *line);
    if (!g_str_has_prefix(err->message, want))
        fail_msg("'%s' does not start with '%s'", err->message, want);
    assert_int_equal(err->code, HK_ERROR_INPUT);
    char *msg = g_strdup(err->message + strlen(want));
    g_error_free(err);
    hk_layout_free(l);
    g_unlink(path);
    g_rmdir(dir);
    g_free(want);
    g_free(path);
    g_free(dir);
    g_free(changed);
    g_free(hdr);
    g_strfreev(lines);
    g_free(text);
    g_free(src);
    return msg;
}

static void bad_layout_values(void **state)
{
    (void)state;
    int line;
    char *m = layout_error("page", "cols", "0", &line);
    assert_string_equal(m, "[page] cols: 0 is out of range (12 to 99)");
    g_free(m);
    m = layout_error("page", "rows", "2", &line);
    assert_string_equal(m, "[page] rows: 2 is out of range (5 to 99)");
    g_free(m);
    m = layout_error("heading", "indents", "9;7", &line);
    assert_non_null(strstr(m, "3 start cells"));
    g_free(m);
    m = layout_error("paragraph", "first", "30", &line);
    assert_string_equal(m, "[paragraph] first: 30 is out of range (1 to 24)");
    g_free(m);
    m = layout_error("figure", "open", "((", &line);
    assert_non_null(strstr(m, "is not braille"));
    g_free(m);
    m = layout_error("signs", "digits", "⠚;⠁", &line);
    assert_non_null(strstr(m, "ten cells"));
    g_free(m);
    m = layout_error("proof", "cell_pitch", "2", &line);
    assert_non_null(strstr(m, "out of range"));
    g_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_and_pages_fit),
        cmocka_unit_test(joined_lines_give_the_text),
        cmocka_unit_test(period_blanks_dropped_at_line_end),
        cmocka_unit_test(long_word_is_split_and_marked),
        cmocka_unit_test(long_address_breaks_after_a_separator),
        cmocka_unit_test(heading_never_alone_at_page_bottom),
        cmocka_unit_test(toc_numbers_are_body_pages),
        cmocka_unit_test(heading_indents_by_rank),
        cmocka_unit_test(list_items_and_numbers),
        cmocka_unit_test(duplex_blank_backs),
        cmocka_unit_test(list_item_not_split_across_pages),
        cmocka_unit_test(title_page_from_front_matter),
        cmocka_unit_test(kana_follows_words),
        cmocka_unit_test(figure_in_note_signs),
        cmocka_unit_test(bad_cells_are_an_error),
        cmocka_unit_test(bad_layout_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
