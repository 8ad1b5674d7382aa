/* Unit tests for runmerge: a line's runs drawn through the merge make the
 * same PDF, byte for byte, as the runs drawn one by one with Pango; the
 * merge takes whole runs in one font and colour only, and a run it cannot
 * take is left to the caller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo-pdf.h>
#include <cmocka.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "fonts.h"
#include "runmerge.h"

#define PT(x) ((double)(x) / PANGO_SCALE)

static int drawn; /* runs drawn by `one_run` */

/* As pdf.c's draw_run draws a run without underline. */
static void one_run(cairo_t *cr, const char *text, PangoGlyphItem *gi, double x, double y)
{
    for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
        PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
            PangoColor c = ((PangoAttrColor *)attr)->color;
            cairo_set_source_rgb(cr, c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0);
        }
    }
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, text, gi);
    drawn++;
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A line of Japanese and Latin, letter-spaced here and there as the
 * composition does, a few characters red: many runs in two fonts. */
static PangoLayout *line_layout(PangoContext *ctx)
{
    static const char text[] = "区の「計画」、令和7年度はSDGsの目標。次の年度も";
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string("BIZ UDMincho 10.5");
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, text, -1);
    PangoAttrList *attrs = pango_attr_list_new();
    const char *spaced[] = {"の", "」", "、", "は", "。"};
    for (size_t i = 0; i < G_N_ELEMENTS(spaced); i++) {
        const char *p = strstr(text, spaced[i]);
        PangoAttribute *a = pango_attr_letter_spacing_new(-2 * PANGO_SCALE);
        a->start_index = (guint)(p - text);
        a->end_index = a->start_index + (guint)strlen(spaced[i]);
        pango_attr_list_insert(attrs, a);
    }
    PangoAttribute *latin = pango_attr_family_new("BIZ UDPMincho");
    latin->start_index = (guint)(strstr(text, "SDGs") - text);
    latin->end_index = latin->start_index + 4;
    pango_attr_list_insert(attrs, latin);
    PangoAttribute *red = pango_attr_foreground_new(65535, 0, 0);
    red->start_index = (guint)(strstr(text, "次") - text);
    red->end_index = (guint)strlen(text);
    pango_attr_list_insert(attrs, red);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    return l;
}

/* The line drawn into a PDF, its runs through the merge or one by one. */
static GByteArray *line_pdf(PangoLayout *l, gboolean merge, int *calls)
{
    GByteArray *out = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, out, 300, 100);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2025-04-01T00:00:00Z");
    cairo_t *cr = cairo_create(s);
    cairo_translate(cr, 10.25, 20.125);
    PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
    const char *text = pango_layout_get_text(l);
    HkRunMerge *m = hk_run_merge_new();
    double x = 3.1;
    drawn = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *run = r->data;
        if (!merge) {
            one_run(cr, text, run, x, 30.7);
        } else if (!hk_run_merge_add(m, run, x)) {
            hk_run_merge_flush(m, cr, text, 30.7, one_run);
            assert_true(hk_run_merge_add(m, run, x));
        }
        x += PT(pango_glyph_string_get_width(run->glyphs));
    }
    hk_run_merge_flush(m, cr, text, 30.7, one_run);
    hk_run_merge_free(m);
    *calls = drawn;
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    return out;
}

static void merged_line_is_the_same_pdf(void **state)
{
    (void)state;
    HkFonts *fonts = hk_fonts_open(NULL);
    assert_non_null(fonts);
    PangoContext *ctx = hk_fonts_context(fonts);
    PangoLayout *l = line_layout(ctx);
    int runs = (int)g_slist_length(pango_layout_get_line_readonly(l, 0)->runs);
    assert_true(runs >= 8);
    int one_by_one, merged;
    GByteArray *a = line_pdf(l, FALSE, &one_by_one);
    GByteArray *b = line_pdf(l, TRUE, &merged);
    assert_int_equal(one_by_one, runs);
    /* what is left to one_run is a lone run: the Latin one */
    assert_int_equal(merged, 1);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->data, b->data, a->len);
    g_byte_array_unref(a);
    g_byte_array_unref(b);
    g_object_unref(l);
    g_object_unref(ctx);
    hk_fonts_free(fonts);
}

/* The runs of `text` in `fd` with attributes `attrs`. */
static PangoLayout *runs_of(PangoContext *ctx, const char *text, PangoAttrList *attrs)
{
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string("BIZ UDGothic 12");
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    return l;
}

static PangoAttribute *at(PangoAttribute *a, guint s, guint e)
{
    a->start_index = s;
    a->end_index = e;
    return a;
}

static void what_the_merge_leaves(void **state)
{
    (void)state;
    HkFonts *fonts = hk_fonts_open(NULL);
    PangoContext *ctx = hk_fonts_context(fonts);
    /* あいうえお: い underlined, え blue; う and お letter-spaced */
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, at(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), 3, 6));
    pango_attr_list_insert(attrs, at(pango_attr_letter_spacing_new(PANGO_SCALE), 6, 9));
    pango_attr_list_insert(attrs, at(pango_attr_foreground_new(0, 0, 65535), 9, 12));
    pango_attr_list_insert(attrs, at(pango_attr_letter_spacing_new(PANGO_SCALE), 12, 15));
    PangoLayout *l = runs_of(ctx, "あいうえお", attrs);
    GSList *r = pango_layout_get_line_readonly(l, 0)->runs;
    assert_int_equal(g_slist_length(r), 5);
    HkRunMerge *m = hk_run_merge_new();
    assert_true(hk_run_merge_add(m, r->data, 0));
    /* underlined: never merged */
    assert_false(hk_run_merge_add(m, r->next->data, 12));
    hk_run_merge_free(m);
    m = hk_run_merge_new();
    /* う (no colour) then え (blue): え would change the colour of a run
     * that takes the colour before it */
    assert_true(hk_run_merge_add(m, r->next->next->data, 24));
    assert_false(hk_run_merge_add(m, r->next->next->next->data, 36));
    hk_run_merge_free(m);
    m = hk_run_merge_new();
    /* え (blue) then お (no colour: drawn in blue after え) */
    assert_true(hk_run_merge_add(m, r->next->next->next->data, 36));
    assert_true(hk_run_merge_add(m, r->next->next->next->next->data, 48));
    hk_run_merge_free(m);
    m = hk_run_merge_new();
    /* not next to each other in the text: あ then う */
    assert_true(hk_run_merge_add(m, r->data, 0));
    assert_false(hk_run_merge_add(m, r->next->next->data, 24));
    hk_run_merge_free(m);
    g_object_unref(l);
    g_object_unref(ctx);
    hk_fonts_free(fonts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merged_line_is_the_same_pdf),
        cmocka_unit_test(what_the_merge_leaves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
