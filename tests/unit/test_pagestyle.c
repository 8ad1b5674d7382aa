/* Unit tests for pagestyle: a layout that breaks an edition's limits or
 * names a font the program's font configuration lacks is rejected with
 * file:line:col at the offending key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "error.h"
#include "fonts.h"
#include "layout.h"
#include "pagestyle.h"

static const HkStyleLimits print_limits = {5.0, 8.0, 14.0, FALSE};
static const HkStyleLimits large_limits = {18.0, 18.0, 30.0, FALSE};
static const HkStyleLimits press_limits = {5.0, 8.0, 14.0, TRUE};

static char *path_of(const char *name)
{
    return g_build_filename(g_get_tmp_dir(), name, NULL);
}

/* Loads `text` as a layout file named `name` and reads it with `limits`;
 * returns the error message (or NULL on success). */
static char *try_layout(const char *name, const char *text, const HkStyleLimits *limits)
{
    char *path = path_of(name);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    assert_non_null(l);
    HkFonts *fonts = hk_fonts_open(&err);
    assert_non_null(fonts);
    HkPageStyle *st = hk_page_style_load(l, limits, fonts, &err);
    char *msg = NULL;
    if (st)
        hk_page_style_free(st);
    else {
        assert_int_equal(err->code, HK_ERROR_INPUT);
        msg = g_strdup(err->message);
        g_error_free(err);
    }
    hk_fonts_free(fonts);
    hk_layout_free(l);
    g_unlink(path);
    g_free(path);
    return msg;
}

#define BASE "[page]\nmargin_left_mm = 20\n\n[body]\nfont = BIZ UDMincho\n"

static void print_layout_loads(void **state)
{
    (void)state;
    char *path = hk_data_path("layouts/print-a4.ini");
    char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    char *msg = try_layout("hk-print-ok.ini", text, &print_limits);
    if (msg)
        fail_msg("%s", msg);
    g_free(text);
    g_free(path);
}

static void body_size_out_of_range(void **state)
{
    (void)state;
    char *msg = try_layout("hk-big.ini", BASE "size = 40\n", &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-big.ini:6:1: [body] size: 40 is out of range (8 to 14)"));
    g_free(msg);
}

static void large_edition_refuses_small_type(void **state)
{
    (void)state;
    /* fine for print, too small for large type: the footer at 9 pt */
    char *msg = try_layout("hk-small.ini",
                           BASE "size = 22\n\n[header]\nfont = BIZ UDGothic\nsize = 20\n\n"
                                "[footer]\nsize = 9\n",
                           &large_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-small.ini:13:1: [footer] size: 9 is out of range (18 to"));
    g_free(msg);
}

static void missing_font_family(void **state)
{
    (void)state;
    char *msg = try_layout("hk-font.ini",
                           "[body]\nfont = BIZ UDMincho\nsize = 10.5\n\n[heading1]\n"
                           "font = Noto Sans CJK JP\n",
                           &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-font.ini:6:1: [heading1] font: font 'Noto Sans CJK JP'"));
    assert_non_null(strstr(msg, "fonts.conf"));
    g_free(msg);
}

static void no_bold_mincho(void **state)
{
    (void)state;
    char *msg = try_layout("hk-bold.ini", BASE "size = 10.5\nbold = true\n", &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-bold.ini:5:1: [body] font: font 'BIZ UDMincho' Bold"));
    g_free(msg);
}

static void bad_colour_and_align(void **state)
{
    (void)state;
    char *msg = try_layout("hk-col.ini", BASE "size = 10.5\ncolour = red\n", &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-col.ini:7:1: [body] colour: 'red' is not a colour"));
    g_free(msg);
    msg = try_layout("hk-align.ini", BASE "size = 10.5\nalign = middle\n", &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-align.ini:7:1: [body] align: 'middle'"));
    g_free(msg);
}

#define PRESS BASE "size = 10.5\n\n[heading1]\nfont = BIZ UDGothic\n\n[press]\nbleed_mm = 3\n"

/* The press edition prints inks: a colour must be CMYK, black text comes
 * out 0/0/0/100 by default, and the PDF/X keys are checked. */
static void press_colours_are_inks(void **state)
{
    (void)state;
    char *msg =
        try_layout("hk-px1.ini", BASE "size = 10.5\ncolour = #000000\n\n[press]\nbleed_mm = 3\n",
                   &press_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-px1.ini:7:1: [body] colour: '#000000': the press edition "
                                "prints CMYK inks"));
    g_free(msg);
    msg =
        try_layout("hk-px2.ini", BASE "size = 10.5\ncolour = cmyk(0, 0, 0, 120)\n", &print_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-px2.ini:7:1: [body] colour: 'cmyk(0, 0, 0, 120)' is not"));
    g_free(msg);
    msg = try_layout("hk-px3.ini", PRESS "pdfx = PDF/X-3\n", &press_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-px3.ini:13:1: [press] pdfx: 'PDF/X-3' is not PDF/X-4"));
    g_free(msg);
    msg = try_layout("hk-px4.ini", PRESS "icc_profile = no-such.icc\n", &press_limits);
    assert_non_null(msg);
    assert_non_null(strstr(msg, "hk-px4.ini:13:1: [press] icc_profile: ICC profile"));
    assert_non_null(strstr(msg, "no-such.icc' not found"));
    g_free(msg);
    msg = try_layout("hk-px5.ini", PRESS, &press_limits);
    if (msg)
        fail_msg("%s", msg);
}

static void press_inks_are_drawn_in_distinct_keys(void **state)
{
    (void)state;
    char *path = path_of("hk-px6.ini");
    /* K 100 and the darkest grey round to one screen colour, 0/0/0 */
    assert_true(g_file_set_contents(
        path,
        BASE "size = 10.5\n\n[heading1]\nfont = BIZ UDGothic\ncolour = cmyk(0, 0, 0, 99.9)"
             "\n\n[press]\nbleed_mm = 3\n",
        -1, NULL));
    GError *err = NULL;
    HkLayout *l = hk_layout_load(path, &err);
    HkFonts *fonts = hk_fonts_open(&err);
    HkPageStyle *st = hk_page_style_load(l, &press_limits, fonts, &err);
    if (!st)
        fail_msg("%s", err->message);
    const HkInk *body =
        hk_inks_find(st->inks, (guint8)lround(st->body.rgb[0] * 255),
                     (guint8)lround(st->body.rgb[1] * 255), (guint8)lround(st->body.rgb[2] * 255));
    const HkInk *head = hk_inks_find(st->inks, (guint8)lround(st->heading[0].rgb[0] * 255),
                                     (guint8)lround(st->heading[0].rgb[1] * 255),
                                     (guint8)lround(st->heading[0].rgb[2] * 255));
    assert_non_null(body);
    assert_non_null(head);
    assert_ptr_not_equal(body, head);
    assert_false(body->registration);
    assert_true(body->cmyk[0] == 0 && body->cmyk[1] == 0 && body->cmyk[2] == 0 &&
                body->cmyk[3] == 1);
    assert_true(head->cmyk[3] > 0.998 && head->cmyk[3] < 1);
    double reg[3];
    hk_inks_registration_rgb(st->inks, reg);
    assert_true(memcmp(reg, st->body.rgb, sizeof reg) != 0);
    assert_true(memcmp(st->registration_rgb, reg, sizeof reg) == 0);
    hk_page_style_free(st);
    hk_fonts_free(fonts);
    hk_layout_free(l);
    g_unlink(path);
    g_free(path);
}

static void fonts_know_their_families(void **state)
{
    (void)state;
    GError *err = NULL;
    HkFonts *f = hk_fonts_open(&err);
    assert_non_null(f);
    assert_true(hk_fonts_has(f, "BIZ UDMincho", PANGO_WEIGHT_NORMAL));
    assert_false(hk_fonts_has(f, "BIZ UDMincho", PANGO_WEIGHT_BOLD));
    assert_true(hk_fonts_has(f, "BIZ UDGothic", PANGO_WEIGHT_BOLD));
    assert_false(hk_fonts_has(f, "DejaVu Sans", PANGO_WEIGHT_NORMAL));
    hk_fonts_free(f);
}

/* press-a4.ini is the print design plus [press]: the two files must not
 * drift apart. Its colours are the same design named as CMYK inks. */
static void press_layout_is_print_plus_press(void **state)
{
    (void)state;
    char *pp = hk_data_path("layouts/print-a4.ini"), *xp = hk_data_path("layouts/press-a4.ini");
    GKeyFile *print = g_key_file_new(), *press = g_key_file_new();
    assert_true(g_key_file_load_from_file(print, pp, G_KEY_FILE_NONE, NULL));
    assert_true(g_key_file_load_from_file(press, xp, G_KEY_FILE_NONE, NULL));
    char **groups = g_key_file_get_groups(press, NULL);
    int checked = 0;
    for (int g = 0; groups[g]; g++) {
        if (!strcmp(groups[g], "press"))
            continue;
        char **keys = g_key_file_get_keys(press, groups[g], NULL, NULL);
        for (int k = 0; keys[k]; k++) {
            char *a = g_key_file_get_value(press, groups[g], keys[k], NULL);
            char *b = g_key_file_get_value(print, groups[g], keys[k], NULL);
            if (g_str_has_suffix(keys[k], "colour")) {
                if (!b || !g_str_has_prefix(a, "cmyk("))
                    fail_msg("press [%s] %s = %s is not a CMYK ink", groups[g], keys[k], a);
            } else if (!b || strcmp(a, b) != 0)
                fail_msg("press [%s] %s = %s, print has %s", groups[g], keys[k], a,
                         b ? b : "nothing");
            g_free(a);
            g_free(b);
            checked++;
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    groups = g_key_file_get_groups(print, NULL);
    for (int g = 0; groups[g]; g++) {
        char **keys = g_key_file_get_keys(print, groups[g], NULL, NULL);
        for (int k = 0; keys[k]; k++)
            if (!g_key_file_has_key(press, groups[g], keys[k], NULL))
                fail_msg("press-a4.ini lacks [%s] %s", groups[g], keys[k]);
        g_strfreev(keys);
    }
    g_strfreev(groups);
    assert_true(checked > 50);
    assert_true(g_key_file_has_key(press, "press", "bleed_mm", NULL));
    g_key_file_free(print);
    g_key_file_free(press);
    g_free(pp);
    g_free(xp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(print_layout_loads),
        cmocka_unit_test(body_size_out_of_range),
        cmocka_unit_test(large_edition_refuses_small_type),
        cmocka_unit_test(missing_font_family),
        cmocka_unit_test(no_bold_mincho),
        cmocka_unit_test(bad_colour_and_align),
        cmocka_unit_test(press_colours_are_inks),
        cmocka_unit_test(press_inks_are_drawn_in_distinct_keys),
        cmocka_unit_test(fonts_know_their_families),
        cmocka_unit_test(press_layout_is_print_plus_press),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
