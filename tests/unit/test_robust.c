/* Unit tests for issue 9's checks where one function is the unit: dates,
 * front-matter characters, link schemes, image paths, message escaping,
 * layout numbers and keys, and the output module's all-or-nothing files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "error.h"
#include "layout.h"
#include "output.h"
#include "reference.h"
#include "source.h"

static void dates(void **state)
{
    (void)state;
    const char *good[] = {"2025-04-01", "2024-02-29", "0001-01-01", "9999-12-31", "2000-02-29"};
    const char *bad[] = {"2025-13-01",  "2025-02-30",  "2023-02-29", "1900-02-29", "0000-01-01",
                         "2025-04-00",  "2025-4-1",    "20250401",   "2025/04/01", "2025-04-01x",
                         " 2025-04-01", "10000-01-01", "-001-01-01", "2025-04-0",  ""};
    for (gsize i = 0; i < G_N_ELEMENTS(good); i++)
        assert_true(hk_source_valid_date(good[i]));
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (hk_source_valid_date(bad[i]))
            fail_msg("accepted '%s'", bad[i]);
    }
}

static void front_matter_characters(void **state)
{
    (void)state;
    assert_int_equal(hk_source_bad_char("令和7年度 運営方針", strlen("令和7年度 運営方針")),
                     (gunichar)-1);
    assert_int_equal(hk_source_bad_char("a\nb", 3), 0x0A);
    assert_int_equal(hk_source_bad_char("a\tb", 3), 0x09);
    assert_int_equal(hk_source_bad_char("a\x1b[31m", 6), 0x1B);
    assert_int_equal(hk_source_bad_char("a\xc2\x85", 3), 0x85);       /* NEL, C1 */
    assert_int_equal(hk_source_bad_char("a\xef\xbf\xbe", 4), 0xFFFE); /* not XML 1.0 */
    assert_int_equal(hk_source_bad_char("vis\0hid", 7), 0);           /* a NUL inside */
}

static HkDocument *parse(const char *text, GError **err)
{
    return hk_source_parse("t.md", text, strlen(text), err);
}

static void front_matter_documents(void **state)
{
    (void)state;
    GError *err = NULL;
    assert_null(parse("---\ntitle: A\ntitle: B\n---\n本文\n", &err));
    assert_non_null(strstr(err->message, "t.md:3:1: front matter: 'title' is given twice"));
    g_clear_error(&err);
    assert_null(parse("---\ntitle: \"a\\nb\"\n---\n本文\n", &err));
    assert_null(strchr(err->message, '\n'));
    g_clear_error(&err);
    assert_null(parse("---\ndate: 2025-02-30\n---\n本文\n", &err));
    assert_non_null(strstr(err->message, "t.md:2:7: front matter: date '2025-02-30'"));
    g_clear_error(&err);
    /* Line endings CR only and CRLF: front matter recognised, lines counted. */
    const char *eols[] = {"\r", "\r\n"};
    for (gsize i = 0; i < G_N_ELEMENTS(eols); i++) {
        char *src = g_strjoin(eols[i], "---", "title: T", "---", "# 見出し", "", "本文", NULL);
        HkDocument *doc = parse(src, &err);
        assert_non_null(doc);
        assert_string_equal(doc->title, "T");
        HkBlock *h = g_ptr_array_index(doc->blocks, 0);
        assert_int_equal(h->kind, HK_BLOCK_HEADING);
        assert_int_equal(h->line, 4);
        hk_document_free(doc);
        g_free(src);
    }
    assert_null(parse("{漢字|}です。\n", &err));
    assert_non_null(strstr(err->message, "the reading is empty"));
    g_clear_error(&err);
}

static void link_schemes(void **state)
{
    (void)state;
    const char *ok[] = {"https://www.city.yokohama.lg.jp/",
                        "http://x/",
                        "HTTPS://X/",
                        "mailto:a@example.jp",
                        "tel:045-788-7711",
                        "doc.large.pdf",
                        "doc.brf",
                        "doc.braille.txt"};
    const char *bad[] = {"javascript:alert(1)",
                         "JavaScript:alert(1)",
                         "file:///etc/passwd",
                         "data:text/html,x",
                         "launch:calc.exe",
                         "vbscript:x",
                         "../../etc/passwd",
                         "other.pdf",
                         "doc.large.pdf/../x",
                         "sub/doc.large.pdf",
                         "",
                         "http://a b/",
                         "http://a/\x1b",
                         "C:\\x.pdf",
                         "doc.exe"};
    for (gsize i = 0; i < G_N_ELEMENTS(ok); i++)
        if (hk_reference_link_problem(ok[i], "doc"))
            fail_msg("refused '%s'", ok[i]);
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++)
        if (!hk_reference_link_problem(bad[i], "doc"))
            fail_msg("allowed '%s'", bad[i]);
}

static void image_paths(void **state)
{
    (void)state;
    char *root = g_dir_make_tmp("hk-ref-XXXXXX", NULL);
    char *doc = g_build_filename(root, "doc", NULL), *pics = g_build_filename(root, "pics", NULL);
    g_mkdir(doc, 0700);
    g_mkdir(pics, 0700);
    char *in = g_build_filename(doc, "a.png", NULL), *out = g_build_filename(pics, "b.png", NULL);
    g_file_set_contents(in, "x", 1, NULL);
    g_file_set_contents(out, "x", 1, NULL);
    char *link = g_build_filename(doc, "l.png", NULL);
    assert_int_equal(symlink(out, link), 0);
    char *r = NULL;
    assert_int_equal(hk_reference_image(doc, "a.png", &r), HK_IMAGE_OK);
    assert_non_null(r);
    g_free(r);
    /* ../ that stays inside is inside. */
    assert_int_equal(hk_reference_image(doc, "./x/../a.png", &r), HK_IMAGE_OK);
    g_free(r);
    assert_int_equal(hk_reference_image(doc, "none.png", &r), HK_IMAGE_NOT_FOUND);
    assert_int_equal(hk_reference_image(doc, "../pics/b.png", &r), HK_IMAGE_OUTSIDE);
    assert_int_equal(hk_reference_image(doc, "../pics/none.png", &r), HK_IMAGE_OUTSIDE);
    assert_int_equal(hk_reference_image(doc, out, &r), HK_IMAGE_OUTSIDE);
    assert_int_equal(hk_reference_image(doc, "/etc/passwd", &r), HK_IMAGE_OUTSIDE);
    assert_int_equal(hk_reference_image(doc, "l.png", &r), HK_IMAGE_OUTSIDE);
    assert_null(r);
    hk_reference_allow_dir(pics);
    assert_int_equal(hk_reference_image(doc, "../pics/b.png", &r), HK_IMAGE_OK);
    g_free(r);
    assert_int_equal(hk_reference_image(doc, "l.png", &r), HK_IMAGE_OK);
    g_free(r);
    assert_int_equal(hk_reference_image(doc, "../pics/none.png", &r), HK_IMAGE_NOT_FOUND);
    /* A directory that only shares a prefix is not inside. */
    char *pics2 = g_strconcat(pics, "2", NULL);
    g_mkdir(pics2, 0700);
    char *c = g_build_filename(pics2, "c.png", NULL);
    g_file_set_contents(c, "x", 1, NULL);
    assert_int_equal(hk_reference_image(doc, "../pics2/c.png", &r), HK_IMAGE_OUTSIDE);
    hk_reference_clear_allowed();
    assert_int_equal(hk_reference_image(doc, "../pics/b.png", &r), HK_IMAGE_OUTSIDE);
    const char *all[] = {c, link, in, out, pics2, doc, pics, root};
    for (gsize i = 0; i < G_N_ELEMENTS(all); i++)
        g_remove(all[i]);
    g_free(c);
    g_free(pics2);
    g_free(link);
    g_free(in);
    g_free(out);
    g_free(doc);
    g_free(pics);
    g_free(root);
}

static void escaping(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"plain 日本語", "plain 日本語"},
        {"\x1b]0;owned\x07", "\\x1B]0;owned\\x07"},
        {"a\nb\tc\rd", "a\\x0Ab\\x09c\\x0Dd"},
        {"del\x7f", "del\\x7F"},
        {"nel\xc2\x85", "nel\\u{0085}"},
        {"rlo\xe2\x80\xae", "rlo\\u{202E}"},
        {"bad\xff", "bad\\xFF"},
        {"back\\slash", "back\\slash"},
    };
    for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *e = hk_error_escape(cases[i].in);
        assert_string_equal(e, cases[i].out);
        /* Escaping twice changes nothing more: printing may escape again. */
        char *e2 = hk_error_escape(e);
        assert_string_equal(e2, e);
        g_free(e2);
        g_free(e);
    }
    GError *err = NULL;
    hk_set_error_at(&err, HK_ERROR_INPUT, "f\x1b.md", 1, 2, "x%sy", "\a");
    assert_string_equal(err->message, "f\\x1B.md:1:2: x\\x07y");
    g_error_free(err);
}

static HkLayout *layout_from(const char *text, char **path)
{
    int fd = g_file_open_tmp("hk-layout-XXXXXX.ini", path, NULL);
    assert_true(fd >= 0);
    close(fd);
    assert_true(g_file_set_contents(*path, text, -1, NULL));
    GError *err = NULL;
    HkLayout *l = hk_layout_load(*path, &err);
    assert_non_null(l);
    return l;
}

static void layout_numbers_and_keys(void **state)
{
    (void)state;
    const char *values[] = {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e999"};
    for (gsize i = 0; i < G_N_ELEMENTS(values); i++) {
        char *text = g_strdup_printf("[page]\nwidth_mm = %s\n", values[i]), *path;
        HkLayout *l = layout_from(text, &path);
        double d = 0;
        GError *err = NULL;
        if (hk_layout_double(l, "page", "width_mm", 90, 600, &d, &err))
            fail_msg("accepted width_mm = %s", values[i]);
        assert_non_null(strstr(err->message, ":2:1: [page] width_mm: '"));
        g_clear_error(&err);
        hk_layout_free(l);
        g_unlink(path);
        g_free(path);
        g_free(text);
    }
    char *path;
    HkLayout *l = layout_from("[page]\nwidth_mm = 210\nwidht_mm = 1\n[bogus]\nx = 1\n", &path);
    double d;
    GError *err = NULL;
    assert_true(hk_layout_double(l, "page", "width_mm", 90, 600, &d, &err));
    assert_false(hk_layout_check_unused(l, "print", &err));
    assert_non_null(strstr(err->message, ":3:1: [page] widht_mm: unknown key (the print edition "
                                         "reads here: width_mm)"));
    g_clear_error(&err);
    assert_true(hk_layout_has(l, "page", "widht_mm"));
    assert_false(hk_layout_check_unused(l, "print", &err));
    assert_non_null(strstr(err->message, ":4:1: [bogus]: unknown group"));
    g_clear_error(&err);
    hk_layout_free(l);
    g_unlink(path);
    g_free(path);
}

static int count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    return n;
}

static void outputs_all_or_nothing(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("hk-out-XXXXXX", NULL);
    char *a = g_build_filename(dir, "a.txt", NULL), *b = g_build_filename(dir, "b.txt", NULL);
    GError *err = NULL;
    mode_t old = umask(027);
    hk_output_batch_begin();
    assert_true(hk_output_write_file(a, "a", 1, &err));
    assert_true(hk_output_write_file(b, "b", 1, &err));
    /* Inside the batch both are complete, but under temporary names. */
    assert_false(g_file_test(a, G_FILE_TEST_EXISTS));
    assert_int_equal(count_entries(dir), 2);
    hk_output_batch_abort();
    assert_int_equal(count_entries(dir), 0);
    hk_output_batch_begin();
    assert_true(hk_output_write_file(a, "a", 1, &err));
    hk_output_batch_begin(); /* a nested batch joins the outer one */
    assert_true(hk_output_write_file(b, "b", 1, &err));
    assert_true(hk_output_batch_commit(&err));
    assert_false(g_file_test(b, G_FILE_TEST_EXISTS));
    assert_true(hk_output_batch_commit(&err));
    assert_true(g_file_test(a, G_FILE_TEST_IS_REGULAR) && g_file_test(b, G_FILE_TEST_IS_REGULAR));
    GStatBuf st;
    assert_int_equal(g_stat(a, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    umask(old);
    /* A temporary removed by the signal path is gone from disk. */
    HkOutput o;
    char *c = g_build_filename(dir, "c.txt", NULL);
    assert_true(hk_output_begin(&o, c, &err));
    assert_true(hk_output_write(&o, "c", 1, &err));
    assert_true(g_file_test(o.tmp_path, G_FILE_TEST_EXISTS));
    hk_output_remove_temporaries();
    assert_false(g_file_test(o.tmp_path, G_FILE_TEST_EXISTS));
    hk_output_abort(&o);
    g_unlink(a);
    g_unlink(b);
    assert_int_equal(count_entries(dir), 0);
    g_rmdir(dir);
    g_free(c);
    g_free(a);
    g_free(b);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates),
        cmocka_unit_test(front_matter_characters),
        cmocka_unit_test(front_matter_documents),
        cmocka_unit_test(link_schemes),
        cmocka_unit_test(image_paths),
        cmocka_unit_test(escaping),
        cmocka_unit_test(layout_numbers_and_keys),
        cmocka_unit_test(outputs_all_or_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
