/* Unit tests for inks and contentinks: layout colour syntax, and the
 * rewrite of Cairo's RGB colour operators into the layout's CMYK inks —
 * only the colour operators change, strings and inline image data that
 * look like operators are left alone, and anything RGB that is not an ink
 * is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "contentinks.h"
#include "inks.h"

static void colour_syntax(void **state)
{
    (void)state;
    HkColour c;
    const char *why = NULL;
    assert_true(hk_colour_parse("cmyk(0, 0, 0, 100)", &c, &why));
    assert_true(c.is_cmyk && c.cmyk[3] == 1 && c.rgb[0] == 0);
    assert_true(hk_colour_parse(" cmyk(100,60,0,20) ", &c, &why));
    assert_true(c.cmyk[0] == 1 && c.cmyk[1] == 0.6 && c.cmyk[3] == 0.2);
    assert_true(hk_colour_parse("#1A4F9C", &c, &why));
    assert_false(c.is_cmyk);
    assert_true(c.rgb[0] == 26 / 255.0);
    assert_false(hk_colour_parse("cmyk(0, 0, 0)", &c, &why));
    assert_false(hk_colour_parse("cmyk(0, 0, 0, 101)", &c, &why));
    assert_false(hk_colour_parse("cmyk(0, 0, 0, 1) x", &c, &why));
    assert_false(hk_colour_parse("#12345", &c, &why));
    assert_false(hk_colour_parse("black", &c, &why));
    assert_non_null(why);
    assert_true(hk_colour_parse("cmyk(10, 20, 30, 40)", &c, &why));
    char *s = hk_colour_format(&c);
    assert_string_equal(s, "cmyk(10.000, 20.000, 30.000, 40.000)");
    g_free(s);
}

/* An ink set as pagestyle makes it: black text, a K grey, a blue. */
static GArray *inks(HkColour *black, HkColour *grey, HkColour *blue)
{
    const char *why;
    GArray *k = hk_inks_new();
    assert_true(hk_colour_parse("cmyk(0, 0, 0, 100)", black, &why));
    assert_true(hk_colour_parse("cmyk(0, 0, 0, 67)", grey, &why));
    assert_true(hk_colour_parse("cmyk(100, 60, 0, 20)", blue, &why));
    hk_inks_add(k, black);
    hk_inks_add(k, grey);
    hk_inks_add(k, blue);
    return k;
}

static char *rewrite(const GArray *k, const char *in, gboolean *reg, char **why)
{
    GString *out = hk_content_to_inks(in, strlen(in), k, "HkAll", reg, why);
    return out ? g_string_free(out, FALSE) : NULL;
}

static void rgb_keys_become_inks(void **state)
{
    (void)state;
    HkColour black, grey, blue;
    GArray *k = inks(&black, &grey, &blue);
    double reg[3];
    hk_inks_registration_rgb(k, reg);
    char *in = g_strdup_printf("q 0 0 0 rg /a0 gs BT (rg \\) 1 2 3 RG)Tj <0001>Tj ET\n"
                               "%f %f %f rg 0 0 m 1 1 l f %f %f %f RG 0.3 w S\n"
                               "%f %f %f RG\n%% 0 0 0 rg in a comment\nQ",
                               grey.rgb[0], grey.rgb[1], grey.rgb[2], reg[0], reg[1], reg[2],
                               blue.rgb[0], blue.rgb[1], blue.rgb[2]);
    gboolean used = FALSE;
    char *why = NULL;
    char *out = rewrite(k, in, &used, &why);
    if (!out)
        fail_msg("%s", why);
    assert_true(used);
    assert_string_equal(out, "q 0 0 0 1 k /a0 gs BT (rg \\) 1 2 3 RG)Tj <0001>Tj ET\n"
                             "0 0 0 0.67 k 0 0 m 1 1 l f /HkAll CS 1 SCN 0.3 w S\n"
                             "1 0.6 0 0.2 K\n% 0 0 0 rg in a comment\nQ");
    g_free(out);
    g_free(in);
    /* a stream with no colour operator is copied byte for byte */
    used = FALSE;
    out = rewrite(k, "BT /F1 1 Tf (x) Tj ET", &used, &why);
    assert_string_equal(out, "BT /F1 1 Tf (x) Tj ET");
    assert_false(used);
    g_free(out);
    g_array_unref(k);
}

static void inline_image_data_is_skipped(void **state)
{
    (void)state;
    HkColour black, grey, blue;
    GArray *k = inks(&black, &grey, &blue);
    /* binary data that contains " 1 0 0 rg " must not be touched */
    const char in[] = "BI /W 2 /H 1 /CS /G /BPC 8 ID \x01 1 0 0 rg \xff EI 0 0 0 rg";
    gboolean used = FALSE;
    char *why = NULL;
    char *out = rewrite(k, in, &used, &why);
    if (!out)
        fail_msg("%s", why);
    assert_string_equal(out, "BI /W 2 /H 1 /CS /G /BPC 8 ID \x01 1 0 0 rg \xff EI 0 0 0 1 k");
    g_free(out);
    g_array_unref(k);
}

static void anything_else_rgb_is_refused(void **state)
{
    (void)state;
    HkColour black, grey, blue;
    GArray *k = inks(&black, &grey, &blue);
    static const char *const bad[] = {
        "1 0 0 rg",                               /* not an ink */
        "/DeviceRGB cs 1 0 0 sc",                 /* an RGB colour space */
        "/CS0 CS",                                /* a space we cannot see into */
        "BI /W 1 /H 1 /CS /RGB /BPC 8 ID abc EI", /* an RGB inline image */
        "/Sh0 sh",                                /* a shading */
        "0 0 rg",                                 /* malformed */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        gboolean used = FALSE;
        char *why = NULL;
        char *out = rewrite(k, bad[i], &used, &why);
        if (out)
            fail_msg("accepted '%s' as '%s'", bad[i], out);
        assert_non_null(why);
        g_free(why);
    }
    g_array_unref(k);
}

static void keys_never_collide(void **state)
{
    (void)state;
    GArray *k = hk_inks_new();
    const char *why;
    HkColour c[40];
    /* 40 greys a hair apart: their screen colours round to few keys */
    for (int i = 0; i < 40; i++) {
        char *s = g_strdup_printf("cmyk(0, 0, 0, %g)", 99.0 + i * 0.025);
        assert_true(hk_colour_parse(s, &c[i], &why));
        g_free(s);
        hk_inks_add(k, &c[i]);
    }
    assert_int_equal(k->len, 41);
    for (guint i = 0; i < k->len; i++)
        for (guint j = i + 1; j < k->len; j++)
            assert_memory_not_equal(g_array_index(k, HkInk, i).key, g_array_index(k, HkInk, j).key,
                                    3);
    /* the same ink again gets the same key */
    HkColour again = c[7];
    hk_inks_add(k, &again);
    assert_int_equal(k->len, 41);
    assert_memory_equal(again.rgb, c[7].rgb, sizeof again.rgb);
    g_array_unref(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(colour_syntax),
        cmocka_unit_test(rgb_keys_become_inks),
        cmocka_unit_test(inline_image_data_is_skipped),
        cmocka_unit_test(anything_else_rgb_is_refused),
        cmocka_unit_test(keys_never_collide),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
