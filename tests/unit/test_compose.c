/* Unit tests for compose: JLREQ classes, the class-pair aki set on Pango's
 * lines (consecutive punctuation squeezed, 四分アキ around Latin), justified
 * lines that end exactly at the measure with Pango's extents and cursor
 * positions agreeing, and a bad composition table refused at its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "compose.h"
#include "datadir.h"
#include "error.h"
#include "fonts.h"
#include "layout.h"

#define SIZE 10.0
#define EM (SIZE * PANGO_SCALE)

typedef struct {
    HkFonts *fonts;
    HkLayout *layout;
    HkCompose *compose;
    PangoContext *ctx;
} Fix;

static int setup(void **state)
{
    Fix *f = g_new0(Fix, 1);
    GError *err = NULL;
    f->fonts = hk_fonts_open(&err);
    assert_non_null(f->fonts);
    char *path = hk_data_path("layouts/print-a4.ini");
    f->layout = hk_layout_load(path, &err);
    g_free(path);
    assert_non_null(f->layout);
    f->compose = hk_compose_load(f->layout, f->fonts, &err);
    if (!f->compose)
        fail_msg("%s", err->message);
    f->ctx = hk_fonts_context(f->fonts);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    g_object_unref(f->ctx);
    hk_compose_free(f->compose);
    hk_layout_free(f->layout);
    hk_fonts_free(f->fonts);
    g_free(f);
    return 0;
}

/* `text` set in BIZ UDMincho SIZE pt on a measure of `ems`, composed. */
static PangoLayout *composed(Fix *f, const char *text, int ems, gboolean justify)
{
    PangoLayout *l = pango_layout_new(f->ctx);
    PangoFontDescription *fd = pango_font_description_from_string("BIZ UDMincho");
    pango_font_description_set_absolute_size(fd, EM);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(ems * EM));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    PangoAttrList *attrs = pango_attr_list_new();
    hk_compose_attrs(f->compose, text, (int)strlen(text), attrs, "BIZ UDMincho", SIZE, NULL);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    hk_compose_lines(f->compose, l, justify, FALSE, NULL);
    return l;
}

/* The distance in em from the start of the first character of `pair`
 * (where it first occurs in `text`) to the start of its second. */
static double dist(PangoLayout *l, const char *text, const char *pair)
{
    const char *a = strstr(text, pair);
    assert_non_null(a);
    PangoRectangle ra, rb;
    pango_layout_index_to_pos(l, (int)(a - text), &ra);
    pango_layout_index_to_pos(l, (int)(g_utf8_next_char(a) - text), &rb);
    return (rb.x - ra.x) / EM;
}

static void classes(void **state)
{
    Fix *f = *state;
    const struct {
        gunichar c;
        const char *name;
    } want[] = {{0x300C, "opening"},    {0x300D, "closing"},
                {0x3001, "comma"},      {0x3002, "full_stop"},
                {0x30FB, "middle_dot"}, {0x6F22, "japanese"},
                {'A', "latin"},         {'4', "latin"},
                {' ', "space"},         {0x3000, "ideographic_space"}};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        assert_string_equal(hk_compose_class_name(f->compose, want[i].c), want[i].name);
}

/* JLREQ 3.1.4: ）」 and 、」 set solid, 」「 and 、「 a half em. */
static void consecutive_punctuation_squeezed(void **state)
{
    Fix *f = *state;
    const char *t = "抑制）」の取組、「第」「こ、」";
    PangoLayout *l = composed(f, t, 40, FALSE);
    /* a mark's advance: its half-width ink and the aki after it */
    assert_float_equal(dist(l, t, "）」"), 0.5, 1e-3);
    assert_float_equal(dist(l, t, "組、"), 1.0, 1e-3);
    /* 「's box starts half an em before its ink: 、 and 「 share a half em */
    assert_float_equal(dist(l, t, "、「"), 0.5, 1e-3);
    assert_float_equal(dist(l, t, "」「"), 0.5, 1e-3);
    assert_float_equal(dist(l, t, "、」"), 0.5, 1e-3);
    assert_float_equal(dist(l, t, "第」"), 1.0, 1e-3);
    g_object_unref(l);
}

/* 四分アキ between Japanese and Latin; Latin in the proportional face. */
static void quarter_em_around_latin(void **state)
{
    Fix *f = *state;
    const char *t = "第4期PRする";
    PangoLayout *l = composed(f, t, 40, FALSE);
    assert_float_equal(dist(l, t, "第4"), 1.25, 1e-3);
    double four = dist(l, t, "4期") - 0.25, p = dist(l, t, "PR"), r = dist(l, t, "Rす") - 0.25;
    print_message("4 %.3f P %.3f R %.3f em\n", four, p, r);
    assert_true(four > 0.3 && four < 0.8);
    /* proportional: P and R differ from each other and from a half em */
    assert_true(fabs(p - r) > 0.01 && fabs(p - 0.5) > 0.01);
    g_object_unref(l);
}

/* Every line but the last ends at the measure; the extents Pango reports
 * and its cursor positions agree with the glyphs; no gap takes the line's
 * slack alone. */
static void justified_lines_fill_the_measure(void **state)
{
    Fix *f = *state;
    const char *t = "子育てしたいまち 次世代を共に育むまちヨコハマの実現に向けて、地域や事業者、"
                    "大学など多様な主体との協働によるまちづくりを進め、誰もが幸せを育める。";
    PangoLayout *l = composed(f, t, 17, TRUE);
    int n = pango_layout_get_line_count(l);
    assert_true(n >= 3);
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        int sum = 0, widest = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
            sum += pango_glyph_string_get_width(gs);
            for (int g = 0; g < gs->num_glyphs; g++)
                widest = MAX(widest, gs->glyphs[g].geometry.width);
        }
        assert_int_equal(logical.width, sum);
        if (i + 1 < n)
            assert_true(abs(logical.width - (int)(17 * EM)) <= 1);
        assert_true(widest <= (int)(1.5 * EM)); /* the space is not a hole */
        /* the cursor after the line's last character is where the line ends */
        int x;
        pango_layout_line_index_to_x(line, line->start_index + line->length, FALSE, &x);
        assert_int_equal(x, logical.width);
    }
    g_object_unref(l);
}

/* Latin runs take the proportional face of the family around them. */
static void latin_in_proportional_face(void **state)
{
    Fix *f = *state;
    const char *t = "来庁者用Wi-Fiの運用";
    PangoLayout *l = pango_layout_new(f->ctx);
    PangoFontDescription *fd = pango_font_description_from_string("BIZ UDGothic Bold");
    pango_font_description_set_absolute_size(fd, EM);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    PangoAttrList *attrs = pango_attr_list_new();
    hk_compose_attrs(f->compose, t, (int)strlen(t), attrs, "BIZ UDGothic", SIZE, NULL);
    pango_layout_set_text(l, t, -1);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    int latin = 0;
    for (GSList *r = pango_layout_get_line_readonly(l, 0)->runs; r; r = r->next) {
        PangoItem *item = ((PangoGlyphItem *)r->data)->item;
        PangoFontDescription *d = pango_font_describe(item->analysis.font);
        if (g_ascii_isalpha(t[item->offset]) || t[item->offset] == '-') {
            latin += item->length;
            assert_string_equal(pango_font_description_get_family(d), "BIZ UDPGothic");
            assert_int_equal(pango_font_description_get_weight(d), PANGO_WEIGHT_BOLD);
        } else {
            assert_string_equal(pango_font_description_get_family(d), "BIZ UDGothic");
        }
        pango_font_description_free(d);
    }
    assert_int_equal(latin, (int)strlen("Wi-Fi"));
    g_object_unref(l);
}

/* 追い込み: 「す。」 pushed down alone comes back onto the line before it,
 * whose comma and parentheses are squeezed, rather than the line spread. */
static void pull_up_before_push_out(void **state)
{
    Fix *f = *state;
    const char *t =
        "地域防災拠点における災害時下水直結式仮設トイレ（通称：ハマッコトイレ）の整備と、"
        "災害拠点病院などにつながる下水道の耐震化を実施することで、"
        "災害時におけるトイレ機能を確保します。";
    PangoLayout *l = composed(f, t, 44, TRUE);
    pango_layout_set_indent(l, (int)EM);
    hk_compose_lines(f->compose, l, TRUE, FALSE, NULL);
    int n = pango_layout_get_line_count(l);
    PangoLayoutLine *last = pango_layout_get_line_readonly(l, n - 1);
    assert_string_equal(t + last->start_index, "す。");
    PangoAttrList *tighter = hk_compose_pull_up(f->compose, l, NULL);
    assert_non_null(tighter);
    pango_layout_set_attributes(l, tighter);
    pango_attr_list_unref(tighter);
    hk_compose_lines(f->compose, l, TRUE, FALSE, NULL);
    assert_int_equal(pango_layout_get_line_count(l), n - 1);
    for (int i = 0; i < n - 1; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        int avail = (int)((i ? 44 : 43) * EM);
        assert_true(logical.width <= avail + 1);
        if (i < n - 2)
            assert_true(logical.width >= avail - 1);
    }
    /* the full stop at the end of the line keeps its ink inside */
    last = pango_layout_get_line_readonly(l, n - 2);
    assert_string_equal(t + last->start_index + last->length, "");
    g_object_unref(l);
}

static char *table_error(const char *table)
{
    char *dir = g_dir_make_tmp("hk-compose-XXXXXX", NULL);
    char *tpath = g_build_filename(dir, "t.ini", NULL);
    char *lpath = g_build_filename(dir, "l.ini", NULL);
    assert_true(g_file_set_contents(tpath, table, -1, NULL));
    assert_true(g_file_set_contents(lpath, "[composition]\ntable = t.ini\n", -1, NULL));
    GError *err = NULL;
    HkLayout *l = hk_layout_load(lpath, &err);
    HkFonts *fonts = hk_fonts_open(&err);
    HkCompose *c = hk_compose_load(l, fonts, &err);
    char *msg = c ? NULL : g_strdup(err->message);
    g_clear_error(&err);
    hk_compose_free(c);
    hk_fonts_free(fonts);
    hk_layout_free(l);
    g_unlink(tpath);
    g_unlink(lpath);
    g_rmdir(dir);
    g_free(tpath);
    g_free(lpath);
    g_free(dir);
    return msg;
}

/* The shipped table with one value changed. */
static char *shipped_with(const char *from, const char *to)
{
    char *path = hk_data_path("layouts/jlreq.ini"), *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_free(path);
    char *at = strstr(text, from);
    assert_non_null(at);
    *at = '\0';
    char *out = g_strconcat(text, to, at + strlen(from), NULL);
    g_free(text);
    return out;
}

/* The shipped table with `from` changed to `to` must be refused with a
 * message holding every one of `want` (NULL-terminated). */
static void refused(const char *from, const char *to, const char *const *want)
{
    char *t = shipped_with(from, to);
    char *msg = table_error(t);
    assert_non_null(msg);
    for (; *want; want++)
        assert_non_null(strstr(msg, *want));
    g_free(msg);
    g_free(t);
}

static void bad_table_is_refused_at_its_line(void **state)
{
    (void)state;
    refused("[gap.after_full_stop]\nnatural = 0.5\nmin = 0.5",
            "[gap.after_full_stop]\nnatural = 0.5\nmin = 0.75",
            (const char *[]){"t.ini:", "[gap.after_full_stop] min", NULL});
    refused("max = 0.25\nshrink_priority = 2", "max = 7\nshrink_priority = 2",
            (const char *[]){"out of range", NULL});
    refused("[gap.word_space]", "[gap.word_space]\nnatual = 0.3", (const char *[]){"natual", NULL});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classes),
        cmocka_unit_test(consecutive_punctuation_squeezed),
        cmocka_unit_test(quarter_em_around_latin),
        cmocka_unit_test(justified_lines_fill_the_measure),
        cmocka_unit_test(latin_in_proportional_face),
        cmocka_unit_test(pull_up_before_push_out),
        cmocka_unit_test(bad_table_is_refused_at_its_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
