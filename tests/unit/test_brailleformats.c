/* Unit tests for the braille writers (brf, bes, pef, brailletxt) and for
 * writing all five files from one page model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "bes.h"
#include "brailleformat.h"
#include "brailletxt.h"
#include "braillewrite.h"
#include "brf.h"
#include "datadir.h"
#include "layout.h"
#include "pef.h"

static HkBrailleLayout load_layout(void)
{
    char *path = hk_data_path("layouts/braille-32x18.ini");
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    assert_non_null(l);
    HkBrailleLayout bl;
    assert_true(hk_braille_layout_load(l, &bl, &err));
    hk_layout_free(l);
    g_free(path);
    bl.duplex = FALSE; /* one side: no blank backs in the page sequences below */
    return bl;
}

/* A small book: a title page, a TOC (two headings) and a few body pages. */
static HkBrailleBook *sample_book(const HkBrailleLayout *bl)
{
    GPtrArray *blocks = g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_block_free);
    HkBrailleBlock *b = hk_braille_block_new(HK_BB_TITLE, "⠁⠃⠉", "アイウ");
    b->level = 1;
    g_ptr_array_add(blocks, b);
    b = hk_braille_block_new(HK_BB_HEADING, "⠓⠁", "ハア");
    b->level = 2;
    g_ptr_array_add(blocks, b);
    for (int i = 0; i < 30; i++)
        g_ptr_array_add(blocks, hk_braille_block_new(HK_BB_PARAGRAPH,
                                                     "⠁⠁⠁ ⠃⠃⠃ ⠉⠉⠉⠲  ⠙⠙ ⠑⠑⠑⠑⠑ ⠋⠋⠋⠋ ⠛⠛⠛⠰ "
                                                     "⠓⠓⠓⠓⠓⠓ ⠊⠊⠊⠲",
                                                     NULL));
    b = hk_braille_block_new(HK_BB_HEADING, "⠓⠃", "ハイ");
    b->level = 2;
    g_ptr_array_add(blocks, b);
    g_ptr_array_add(blocks, hk_braille_block_new(HK_BB_PARAGRAPH, "⠿⠿⠲", NULL));
    GError *err = NULL;
    HkBrailleBook *book = hk_braille_paginate(bl, blocks, "⠾⠩⠐⠳", "t.md", &err);
    assert_non_null(book);
    book->title = g_strdup("題 & <名>");
    book->lang = g_strdup("ja");
    book->date = g_strdup("2025-04-01");
    book->identifier = g_strdup("urn:test:1");
    g_ptr_array_unref(blocks);
    return book;
}

static int total_lines(const HkBrailleBook *book)
{
    int n = 0;
    for (guint p = 0; p < book->pages->len; p++)
        n += (int)((HkBraillePage *)g_ptr_array_index(book->pages, p))->lines->len;
    return n;
}

static void brf_mapping(void **state)
{
    (void)state;
    /* Spot checks from the NABCC table (facts §1.5). */
    assert_int_equal(hk_brf_char(0), ' ');
    assert_int_equal(hk_brf_char(0x01), 'A'); /* dot 1 */
    assert_int_equal(hk_brf_char(0x3C), '#'); /* 3456 */
    assert_int_equal(hk_brf_char(0x02), '1'); /* 2 */
    assert_int_equal(hk_brf_char(0x2E), '!'); /* 2346 */
    assert_int_equal(hk_brf_char(0x3F), '='); /* 123456 */
    assert_int_equal(hk_brf_char(0x36), '7'); /* 2356 */
    assert_int_equal(hk_brf_dots('a'), 0x01); /* lowercase */
    assert_int_equal(hk_brf_dots('\n'), -1);
    /* A bijection between the 64 cells and 0x20..0x5F. */
    gboolean seen[64] = {FALSE};
    for (int d = 0; d < 64; d++) {
        char c = hk_brf_char((guint8)d);
        assert_true(c >= 0x20 && c <= 0x5F);
        assert_false(seen[c - 0x20]);
        seen[c - 0x20] = TRUE;
        assert_int_equal(hk_brf_dots(c), d);
    }
}

static void brf_lines_and_pages(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout();
    HkBrailleBook *book = sample_book(&bl);
    GBytes *b = hk_brf_bytes(book);
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    int crlf = 0, ff = 0;
    for (gsize i = 0; i < len; i++) {
        if (data[i] == '\n') {
            assert_true(i > 0 && data[i - 1] == '\r');
            crlf++;
        } else if (data[i] == '\r')
            assert_true(i + 1 < len && data[i + 1] == '\n');
        else if (data[i] == '\f')
            ff++;
        else
            assert_true(data[i] >= 0x20 && data[i] <= 0x5F);
    }
    assert_int_equal(ff, book->pages->len); /* after every page, the last one too */
    assert_int_equal(data[len - 1], '\f');
    assert_int_equal(crlf, total_lines(book));
    /* Every page: at most rows lines of at most cols cells. */
    char *text = g_strndup(data, len - 1);
    char **pages = g_strsplit(text, "\f", -1);
    assert_int_equal(g_strv_length(pages), book->pages->len);
    for (int p = 0; pages[p]; p++) {
        char **lines = g_strsplit(pages[p], "\r\n", -1);
        int n = (int)g_strv_length(lines) - 1; /* after the last CR LF */
        assert_string_equal(lines[n], "");
        assert_true(n <= bl.rows);
        for (int i = 0; i < n; i++)
            assert_true((int)strlen(lines[i]) <= bl.cols);
        g_strfreev(lines);
    }
    /* The second page is the TOC's first: its page line is "#A" at the right. */
    char **p2 = g_strsplit(pages[1], "\r\n", 2);
    assert_int_equal(strlen(p2[0]), bl.cols);
    assert_true(g_str_has_suffix(p2[0], " #A"));
    g_strfreev(p2);
    g_strfreev(pages);
    g_free(text);
    g_bytes_unref(b);
    hk_braille_book_free(book);
    hk_braille_layout_clear(&bl);
}

static void bes_header_and_codes(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout();
    HkBrailleBook *book = sample_book(&bl);
    book->title_dots = g_byte_array_new();
    hk_braille_parse_cells("⠁⠃⠉", book->title_dots, NULL);
    GBytes *b = hk_bes_bytes(book);
    gsize len;
    const guint8 *d = g_bytes_get_data(b, &len);
    assert_true(len > HK_BES_HEADER);
    assert_memory_equal(d, "%BET400%", 8);
    assert_memory_equal(d + 8, "2025/04/01", 10);
    assert_memory_equal(d + 18, "  E5", 4);
    assert_memory_equal(d + 22, "33", 2); /* cells + 1 (docs/bes-format.md) */
    assert_memory_equal(d + 24, "18", 2);
    char count[8];
    g_snprintf(count, sizeof count, "%3u", book->pages->len - 1);
    assert_memory_equal(d + 30, count, 3);
    assert_memory_equal(d + 47, "!#) ", 4); /* title: 0x20 + dot mask, space-padded */
    assert_int_equal(d[97], ' ');
    assert_memory_equal(d + 512, "\xFF\xFF\xFF\x54", 4);
    assert_int_equal(d[1023], ' ');
    /* Body: per page FF, a chunk size that reaches the next FF, FD, lines. */
    gsize at = HK_BES_HEADER;
    int hard = 0, soft = 0, lines = 0;
    for (guint p = 0; p < book->pages->len; p++) {
        assert_int_equal(d[at], HK_BES_PAGE);
        gsize size = d[at + 1] | (gsize)d[at + 2] << 8;
        assert_int_equal(d[at + 3], HK_BES_PAGE_START);
        gsize end = at + 1 + size;
        assert_true(end < len);
        for (gsize i = at + 4; i < end; i++) {
            if (d[i] == HK_BES_LINE_END) {
                lines++;
                if (d[i - 1] == HK_BES_CR)
                    hard++;
                else
                    soft++;
            } else if (d[i] != HK_BES_CR)
                assert_true(d[i] >= 0xA0 && d[i] <= 0xDF);
        }
        at = end;
    }
    assert_int_equal(at, len - 1);
    assert_int_equal(d[len - 1], HK_BES_END);
    assert_int_equal(d[len - 2], HK_BES_CR); /* the last line: 0D alone */
    assert_int_equal(lines, total_lines(book) - 1);
    assert_true(hard > 0 && soft > 0); /* the 30 paragraphs wrap */
    /* The TOC page line: FF, size, FD, blanks (0xA0), 数符 ⠼ and ⠁, 0D FE. */
    const HkBraillePage *title_page = g_ptr_array_index(book->pages, 0);
    at = HK_BES_HEADER + 1 + (d[HK_BES_HEADER + 1] | d[HK_BES_HEADER + 2] << 8);
    assert_int_equal(title_page->kind, HK_BP_TITLE);
    assert_int_equal(d[at], HK_BES_PAGE);
    at += 4;
    assert_int_equal(d[at], 0xA0);
    assert_int_equal(d[at + 30], 0xA0 + 0x3C);
    assert_int_equal(d[at + 31], 0xA1);
    assert_int_equal(d[at + 32], HK_BES_CR);
    assert_int_equal(d[at + 33], HK_BES_LINE_END);
    g_bytes_unref(b);
    hk_braille_book_free(book);
    hk_braille_layout_clear(&bl);
}

static int count(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(o);
    return n;
}

static char *value(xmlXPathContextPtr ctx, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(o);
    char *s = (char *)xmlXPathCastToString(o);
    char *r = g_strdup(s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    return r;
}

static void pef_parses_back(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout();
    HkBrailleBook *book = sample_book(&bl);
    GError *err = NULL;
    GBytes *b = hk_pef_bytes(&book, 1, &err);
    assert_non_null(b);
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    xmlDocPtr doc = xmlReadMemory(data, (int)len, "t.pef", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "p", BAD_CAST HK_PEF_NS);
    xmlXPathRegisterNs(ctx, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
    assert_int_equal(count(ctx, "/p:pef[@version='2008-1']"), 1);
    char *v = value(ctx, "/p:pef/p:head/p:meta/dc:format");
    assert_string_equal(v, "application/x-pef+xml");
    g_free(v);
    v = value(ctx, "/p:pef/p:head/p:meta/dc:title");
    assert_string_equal(v, "題 & <名>");
    g_free(v);
    v = value(ctx, "/p:pef/p:head/p:meta/dc:language");
    assert_string_equal(v, "ja");
    g_free(v);
    v = value(ctx, "/p:pef/p:head/p:meta/dc:identifier");
    assert_string_equal(v, "urn:test:1");
    g_free(v);
    v = value(ctx, "string(//p:volume/@cols)");
    assert_string_equal(v, "32");
    g_free(v);
    v = value(ctx, "string(//p:volume/@rows)");
    assert_string_equal(v, "18");
    g_free(v);
    v = value(ctx, "string(//p:volume/@duplex)");
    assert_string_equal(v, "false");
    g_free(v);
    /* Title page, TOC and body are sections; pages and rows match. */
    assert_int_equal(count(ctx, "//p:section"), 3);
    assert_int_equal(count(ctx, "//p:page"), book->pages->len);
    assert_int_equal(count(ctx, "//p:row"), total_lines(book));
    /* Rows hold braille patterns only: no ASCII space. */
    xmlXPathObjectPtr rows = xmlXPathEvalExpression(BAD_CAST "//p:row", ctx);
    for (int i = 0; i < rows->nodesetval->nodeNr; i++) {
        xmlChar *t = xmlNodeGetContent(rows->nodesetval->nodeTab[i]);
        for (const char *p = (const char *)t; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            assert_true(c >= 0x2800 && c <= 0x28FF);
        }
        assert_true(g_utf8_strlen((const char *)t, -1) <= 32);
        xmlFree(t);
    }
    xmlXPathFreeObject(rows);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    g_bytes_unref(b);
    hk_braille_book_free(book);
    hk_braille_layout_clear(&bl);
}

static void txt_pages(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout();
    HkBrailleBook *book = sample_book(&bl);
    GBytes *b = hk_brailletxt_bytes(book);
    gsize len;
    const char *data = g_bytes_get_data(b, &len);
    char *text = g_strndup(data, len);
    assert_true(g_utf8_validate(text, -1, NULL));
    char **pages = g_strsplit(text, "\f\n", -1);
    assert_int_equal(g_strv_length(pages), book->pages->len);
    assert_null(strchr(text, ' '));
    g_strfreev(pages);
    g_free(text);
    g_bytes_unref(b);
    hk_braille_book_free(book);
    hk_braille_layout_clear(&bl);
}

static void write_all_or_nothing(void **state)
{
    (void)state;
    HkBrailleLayout bl = load_layout();
    HkBrailleBook *book = sample_book(&bl);
    char *dir = g_dir_make_tmp("hk-braille-XXXXXX", NULL);
    GError *err = NULL;
    HkFonts *fonts = hk_fonts_open(&err);
    assert_non_null(fonts);
    assert_true(hk_braille_write_all(&book, 1, &bl, fonts, dir, "doc", &err));
    const char *names[] = {"doc.brf", "doc.bes",         "doc.bse",
                           "doc.pef", "doc.braille.txt", "doc.proof.pdf"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        GStatBuf st;
        assert_int_equal(g_stat(p, &st), 0);
        assert_true(st.st_size > 0);
        if (i == 5) {
            char *pdf;
            gsize n;
            assert_true(g_file_get_contents(p, &pdf, &n, NULL));
            assert_memory_equal(pdf, "%PDF-", 5);
            g_free(pdf);
        }
        g_unlink(p);
        g_free(p);
    }
    /* Nothing is left behind (no temporary files either). */
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_null(g_dir_read_name(d));
    g_dir_close(d);
    /* An unwritable directory: an error, and no file. */
    char *missing = g_build_filename(dir, "no", "such", NULL);
    assert_false(hk_braille_write_all(&book, 1, &bl, fonts, missing, "doc", &err));
    assert_non_null(err);
    g_clear_error(&err);
    d = g_dir_open(dir, 0, NULL);
    assert_null(g_dir_read_name(d));
    g_dir_close(d);
    g_rmdir(dir);
    g_free(missing);
    g_free(dir);
    hk_fonts_free(fonts);
    hk_braille_book_free(book);
    hk_braille_layout_clear(&bl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(brf_mapping),
        cmocka_unit_test(brf_lines_and_pages),
        cmocka_unit_test(bes_header_and_codes),
        cmocka_unit_test(pef_parses_back),
        cmocka_unit_test(txt_pages),
        cmocka_unit_test(write_all_or_nothing),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
