/* Unit tests for the typesetter's caches (fontmetrics, layoutcache): what
 * they give is what Pango gives uncached, and a cache hit is the same
 * object, a different text or font a different one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "fontmetrics.h"
#include "fonts.h"
#include "layoutcache.h"

static PangoFontDescription *font(const char *family, double size)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    return fd;
}

static int width_uncached(PangoContext *ctx, const PangoFontDescription *fd, const char *text)
{
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, -1);
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    g_object_unref(l);
    return r.width;
}

static void metrics_as_pango_gives_them(void **state)
{
    (void)state;
    HkFonts *fonts = hk_fonts_open(NULL);
    assert_non_null(fonts);
    PangoContext *ctx = hk_fonts_context(fonts);
    HkFontMetrics *cache = hk_font_metrics_new(ctx);
    const double sizes[] = {10.5, 5.25, 22, 10.5};
    for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
        PangoFontDescription *fd = font("BIZ UDMincho", sizes[i]);
        PangoFontMetrics *m = pango_context_get_metrics(ctx, fd, NULL);
        int asc = -1, desc = -1;
        hk_font_metrics_get(cache, fd, &asc, &desc);
        assert_int_equal(asc, pango_font_metrics_get_ascent(m));
        assert_int_equal(desc, pango_font_metrics_get_descent(m));
        assert_true(asc > 0 && desc > 0);
        pango_font_metrics_unref(m);
        pango_font_description_free(fd);
    }
    /* a bigger font has a bigger ascent: sizes are not mixed up */
    PangoFontDescription *small = font("BIZ UDMincho", 8), *big = font("BIZ UDMincho", 16);
    int a_small, a_big;
    hk_font_metrics_get(cache, small, &a_small, NULL);
    hk_font_metrics_get(cache, big, &a_big, NULL);
    assert_true(a_big > a_small);
    pango_font_description_free(small);
    pango_font_description_free(big);
    hk_font_metrics_free(cache);
    g_object_unref(ctx);
    hk_fonts_free(fonts);
}

static void layouts_shared_by_text_and_font(void **state)
{
    (void)state;
    HkFonts *fonts = hk_fonts_open(NULL);
    assert_non_null(fonts);
    PangoContext *ctx = hk_fonts_context(fonts);
    HkLayoutCache *cache = hk_layout_cache_new(ctx);
    PangoFontDescription *ruby = font("BIZ UDMincho", 5.25), *body = font("BIZ UDMincho", 10.5);

    PangoLayout *a = hk_layout_cache_get(cache, ruby, "しえん", -1);
    assert_string_equal(pango_layout_get_text(a), "しえん");
    PangoRectangle r;
    pango_layout_get_extents(a, NULL, &r);
    assert_int_equal(r.width, width_uncached(ctx, ruby, "しえん"));
    /* the same text and font: the same layout, also given as a byte range */
    assert_ptr_equal(hk_layout_cache_get(cache, ruby, "しえん", -1), a);
    assert_ptr_equal(hk_layout_cache_get(cache, ruby, "しえんする", (int)strlen("しえん")), a);
    /* another font or another text: another layout, of its own width */
    PangoLayout *b = hk_layout_cache_get(cache, body, "しえん", -1);
    assert_ptr_not_equal(b, a);
    pango_layout_get_extents(b, NULL, &r);
    assert_int_equal(r.width, width_uncached(ctx, body, "しえん"));
    assert_ptr_not_equal(hk_layout_cache_get(cache, ruby, "しえ", -1), a);

    /* Full, it starts again: a layout kept by reference stays valid. */
    g_object_ref(a);
    for (int i = 0; i < 5000; i++) {
        char *t = g_strdup_printf("%d", i);
        PangoLayout *l = hk_layout_cache_get(cache, ruby, t, -1);
        assert_string_equal(pango_layout_get_text(l), t);
        g_free(t);
    }
    assert_string_equal(pango_layout_get_text(a), "しえん");
    g_object_unref(a);
    /* A NUL inside: laid out as given, not confused with the text before it. */
    PangoLayout *n =
        g_object_ref(hk_layout_cache_get(cache, ruby, "く\0く", (int)sizeof "く\0く" - 1));
    assert_int_equal(strlen(pango_layout_get_text(n)), strlen("く"));
    assert_ptr_not_equal(n, hk_layout_cache_get(cache, ruby, "く", -1));
    g_object_unref(n);
    pango_font_description_free(ruby);
    pango_font_description_free(body);
    hk_layout_cache_free(cache);
    g_object_unref(ctx);
    hk_fonts_free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(metrics_as_pango_gives_them),
        cmocka_unit_test(layouts_shared_by_text_and_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
