/* Unit tests for brailledoc: document model → braille book → files, with a
 * test translator (one cell per character) in place of the real one, so
 * that what is checked here is the mapping of blocks, not the braille. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "brailledoc.h"
#include "datadir.h"
#include "error.h"
#include "layout.h"
#include "source.h"

/* Kana: the reading where the author gave one, else the text. A span
 * containing ✗ fails, as a translator does on a character it cannot read. */
static char *fake_kana(gpointer data, const HkSpan *spans, gsize n, GError **error)
{
    (void)data;
    GString *s = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        if (strstr(spans[i].text, "✗")) {
            g_set_error(error, HK_ERROR, HK_ERROR_INPUT, "cannot read '✗'");
            return g_string_free(s, TRUE), NULL;
        }
        g_string_append(s, spans[i].reading ? spans[i].reading : spans[i].text);
    }
    return g_string_free(s, FALSE);
}

/* Cells: one per character (a blank for a space), and 。 with two blanks. */
static char *fake_cells(gpointer data, const char *kana, GError **error)
{
    (void)data;
    (void)error;
    GString *s = g_string_new(NULL);
    for (const char *p = kana; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == ' ')
            g_string_append_c(s, ' ');
        else if (c == 0x3002)
            g_string_append(s, "⠲  ");
        else
            g_string_append_unichar(s, 0x2800 + 1 + c % 62);
    }
    return g_string_free(s, FALSE);
}

static const HkBrailleTranslator fake = {NULL, fake_kana, fake_cells, NULL};

static HkLayout *layout(void)
{
    char *path = hk_data_path("layouts/braille-32x18.ini");
    HkLayout *l = hk_layout_load(path, NULL);
    assert_non_null(l);
    g_free(path);
    return l;
}

static char *tmpdir;

static HkDocument *parse(const char *text, GError **err)
{
    char *path = g_build_filename(tmpdir, "doc.md", NULL);
    HkDocument *doc = hk_source_parse(path, text, strlen(text), err);
    g_free(path);
    return doc;
}

static const char *const source = "---\ntitle: 題名\norganization: 金沢区\ndate: 2025-04-01\n---\n"
                                  "# 一\n\n本文です。\n\n## 二\n\n1. 甲\n2. 乙\n   - 丙\n\n"
                                  "![地図の説明](map.png)\n\n> 引用\n\n---\n\n{漢字|かんじ}\n";

static char *line_utf8(const HkBrailleBook *book, guint page, guint line)
{
    const HkBraillePage *p = g_ptr_array_index(book->pages, page);
    return hk_braille_line_utf8(g_ptr_array_index(p->lines, line), " ");
}

static void blocks_become_braille(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse(source, &err);
    if (!doc)
        fail_msg("%s", err->message);
    HkLayout *l = layout();
    HkBrailleLayout bl;
    assert_true(hk_braille_layout_load(l, &bl, &err));
    bl.duplex = FALSE; /* one side: no blank backs */
    GPtrArray *books = hk_braille_books_from_document(doc, &bl, &fake, &err);
    assert_non_null(books);
    assert_int_equal(books->len, 1); /* far below [volumes] max_pages */
    HkBrailleBook *book = g_ptr_array_index(books, 0);
    assert_int_equal(book->volume, 1);
    assert_int_equal(book->volumes, 1);
    /* Title page, one TOC page, one body page. */
    assert_int_equal(book->pages->len, 3);
    assert_int_equal(((HkBraillePage *)g_ptr_array_index(book->pages, 0))->kind, HK_BP_TITLE);
    assert_int_equal(((HkBraillePage *)g_ptr_array_index(book->pages, 1))->kind, HK_BP_TOC);
    assert_string_equal(book->title, "題名");
    assert_string_equal(book->date, "2025-04-01");
    assert_true(g_str_has_prefix(book->identifier, "urn:hiraku:doc:"));
    assert_int_equal(book->title_dots->len, 2);
    assert_int_equal(book->author_dots->len, 3);
    /* The date on the title page is written the Japanese way, in the era
     * form (the layout's default). */
    const HkBraillePage *tp = g_ptr_array_index(book->pages, 0);
    const HkBrailleLine *last = g_ptr_array_index(tp->lines, tp->lines->len - 1);
    HkBrailleMark *m = &g_array_index(last->marks, HkBrailleMark, 0);
    assert_string_equal(m->kana, "令和7年4月1日");
    /* Body: 一, 本文, 二, items, figure, quote, a blank line (thematic
     * break), ruby read as its reading. */
    const HkBraillePage *body = g_ptr_array_index(book->pages, 2);
    const char *kinds[] = {"一", "本文です。",    "二",   "1 甲", "2 乙",
                           "丙", "ズ 地図の説明", "引用", NULL,   "かんじ"};
    assert_int_equal(body->lines->len, 1 + G_N_ELEMENTS(kinds));
    for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
        const HkBrailleLine *ln = g_ptr_array_index(body->lines, i + 1);
        if (!kinds[i]) {
            assert_int_equal(ln->kind, HK_BL_BLANK);
            continue;
        }
        GString *k = g_string_new(NULL);
        for (guint j = 0; j < ln->marks->len; j++)
            g_string_append_printf(k, "%s%s", j ? " " : "",
                                   g_array_index(ln->marks, HkBrailleMark, j).kana);
        assert_string_equal(k->str, kinds[i]);
        g_string_free(k, TRUE);
    }
    /* Indents: h1 9th cell, paragraph 3rd, h2 7th, items 3rd, nested 5th,
     * figure and quote as paragraphs (the quote one level in). */
    int indents[] = {8, 2, 6, 2, 2, 4, 2, 4, -1, 2};
    for (guint i = 0; i < G_N_ELEMENTS(indents); i++)
        if (indents[i] >= 0)
            assert_int_equal(((HkBrailleLine *)g_ptr_array_index(body->lines, i + 1))->indent,
                             indents[i]);
    /* The figure is in the transcriber's note signs. */
    char *fig = line_utf8(book, 2, 7);
    assert_true(g_str_has_prefix(fig, "  ⠶⠶"));
    assert_true(g_str_has_suffix(fig, "⠶⠶"));
    g_free(fig);
    /* Ordered items start with 数符 and the digit. */
    char *item = line_utf8(book, 2, 4);
    assert_true(g_str_has_prefix(item, "  ⠼⠁ "));
    g_free(item);
    g_ptr_array_unref(books);
    hk_braille_layout_clear(&bl);
    hk_layout_free(l);
    hk_document_free(doc);
}

static void translator_error_names_the_block(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse("# 一\n\n本文\n\n- 項目 ✗\n", &err);
    assert_non_null(doc);
    HkLayout *l = layout();
    HkBrailleLayout bl;
    assert_true(hk_braille_layout_load(l, &bl, &err));
    bl.duplex = FALSE; /* one side: no blank backs */
    assert_null(hk_braille_books_from_document(doc, &bl, &fake, &err));
    assert_non_null(err);
    char *want = g_strdup_printf("%s:5:3: cannot translate to braille: cannot read", doc->path);
    if (!g_str_has_prefix(err->message, want))
        fail_msg("'%s' does not start with '%s'", err->message, want);
    g_free(want);
    g_clear_error(&err);
    hk_braille_layout_clear(&bl);
    hk_layout_free(l);
    hk_document_free(doc);
}

static int files_in(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    for (const char *name; (name = g_dir_read_name(d));)
        n += g_str_has_prefix(name, "doc.");
    g_dir_close(d);
    return n;
}

static void render_writes_six_files_or_none(void **state)
{
    (void)state;
    GError *err = NULL;
    HkDocument *doc = parse(source, &err);
    assert_non_null(doc);
    HkLayout *l = layout();
    char *out = g_build_filename(tmpdir, "out", NULL);
    g_mkdir(out, 0777);
    assert_true(hk_braille_render(doc, l, &fake, out, &err));
    assert_int_equal(files_in(out), 6);
    const char *names[] = {"doc.brf", "doc.bes",         "doc.bse",
                           "doc.pef", "doc.braille.txt", "doc.proof.pdf"};
    for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(out, names[i], NULL);
        assert_true(g_file_test(p, G_FILE_TEST_EXISTS));
        g_unlink(p);
        g_free(p);
    }
    hk_layout_free(l);
    /* A bad layout: a clear error, and nothing written. */
    char *bad = g_build_filename(tmpdir, "bad.ini", NULL);
    char *orig = hk_data_path("layouts/braille-32x18.ini"), *text;
    assert_true(g_file_get_contents(orig, &text, NULL, NULL));
    char *at = strstr(text, "\nrows = 18");
    assert_non_null(at);
    memcpy(at, "\nrows = 02", 10);
    assert_true(g_file_set_contents(bad, text, -1, NULL));
    l = hk_layout_load(bad, &err);
    assert_non_null(l);
    assert_false(hk_braille_render(doc, l, &fake, out, &err));
    assert_non_null(strstr(err->message, "[page] rows: 2 is out of range"));
    assert_true(g_str_has_prefix(err->message, bad));
    g_clear_error(&err);
    assert_int_equal(files_in(out), 0);
    /* A translation failure: nothing written either. */
    HkDocument *doc2 = parse("本文 ✗\n", &err);
    hk_layout_free(l);
    l = layout();
    assert_false(hk_braille_render(doc2, l, &fake, out, &err));
    g_clear_error(&err);
    assert_int_equal(files_in(out), 0);
    g_rmdir(out);
    g_unlink(bad);
    hk_document_free(doc2);
    g_free(text);
    g_free(orig);
    g_free(bad);
    g_free(out);
    hk_layout_free(l);
    hk_document_free(doc);
}

static int setup(void **state)
{
    (void)state;
    tmpdir = g_dir_make_tmp("hk-brailledoc-XXXXXX", NULL);
    /* The figure's image must exist. */
    char *png = g_build_filename(tmpdir, "map.png", NULL);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
    cairo_surface_write_to_png(s, png);
    cairo_surface_destroy(s);
    g_free(png);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char *png = g_build_filename(tmpdir, "map.png", NULL);
    g_unlink(png);
    g_free(png);
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_become_braille),
        cmocka_unit_test(translator_error_names_the_block),
        cmocka_unit_test(render_writes_six_files_or_none),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    return rc;
}
