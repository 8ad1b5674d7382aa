/* Unit tests for typeset: Japanese line composition (kinsoku, first-line
 * indent), ruby, heading keeps and heading tag levels, read from the plan
 * the PDF is drawn from. */
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
#include "document.h"
#include "fonts.h"
#include "layout.h"
#include "pagestyle.h"
#include "source.h"
#include "typeset.h"

static const HkStyleLimits print_limits = {5.0, 8.0, 14.0, FALSE};

static char *print_layout_text(void)
{
    char *path = hk_data_path("layouts/print-a4.ini");
    char *text = NULL;
    assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_free(path);
    return text;
}

/* The print layout with some keys' values replaced (key=value pairs). */
static char *print_layout_with(const char *const *subst)
{
    char *text = print_layout_text();
    for (int i = 0; subst && subst[i]; i += 2) {
        char *pattern = g_strdup_printf("(?m)^%s *=.*$", subst[i]);
        char *repl = g_strdup_printf("%s = %s", subst[i], subst[i + 1]);
        GRegex *re = g_regex_new(pattern, 0, 0, NULL);
        char *next = g_regex_replace_literal(re, text, -1, 0, repl, 0, NULL);
        g_regex_unref(re);
        g_free(text);
        g_free(pattern);
        g_free(repl);
        text = next;
    }
    return text;
}

static HkLayout *layout_from(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("hk-layout-XXXXXX.ini", &path, NULL);
    assert_true(fd >= 0);
    close(fd);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    HkLayout *l = hk_layout_load(path, NULL);
    assert_non_null(l);
    g_unlink(path);
    g_free(path);
    return l;
}

typedef struct {
    HkFonts *fonts;
    HkPageStyle *style;
    HkDocument *doc;
    HkPlan *plan;
} Case;

static void case_open(Case *c, const char *layout_text, const char *md)
{
    memset(c, 0, sizeof *c);
    GError *err = NULL;
    c->fonts = hk_fonts_open(&err);
    assert_non_null(c->fonts);
    HkLayout *l = layout_from(layout_text);
    c->style = hk_page_style_load(l, &print_limits, c->fonts, &err);
    if (!c->style)
        fail_msg("%s", err->message);
    hk_layout_free(l);
    c->doc = hk_source_parse("t.md", md, strlen(md), &err);
    if (!c->doc)
        fail_msg("%s", err->message);
    c->plan = hk_typeset(c->doc, c->style, c->fonts, NULL, &err);
    if (!c->plan)
        fail_msg("%s", err->message);
}

static void case_close(Case *c)
{
    hk_plan_free(c->plan);
    hk_document_free(c->doc);
    hk_page_style_free(c->style);
    hk_fonts_free(c->fonts);
}

/* Each laid-out line's text, rebuilt from the TEXT operations (a line is
 * drawn in several segments where links or ruby bases cut it). A line that
 * starts or ends its block is marked with a leading '^' or trailing '$'
 * (kinsoku applies only where a line was broken). */
static GPtrArray *plan_lines_marked(const HkPlan *plan, gboolean marked)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    GString *cur = NULL;
    const HkOp *first = NULL;
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->kind != HK_OP_TEXT || op->artifact)
            continue;
        if (!first || op->layout != first->layout || op->line != first->line) {
            if (cur)
                g_ptr_array_add(lines, g_string_free(cur, FALSE));
            cur = g_string_new(marked && op->line == 0 ? "^" : "");
            first = op;
        }
        g_string_append_len(cur, pango_layout_get_text(op->layout) + op->start,
                            op->end - op->start);
        const HkOp *next = NULL;
        for (guint k = i + 1; k < plan->ops->len && !next; k++) {
            const HkOp *o = &g_array_index(plan->ops, HkOp, k);
            if (o->kind == HK_OP_TEXT && !o->artifact)
                next = o;
        }
        gboolean line_ends = !next || next->layout != op->layout || next->line != op->line;
        if (marked && line_ends && op->line == pango_layout_get_line_count(op->layout) - 1)
            g_string_append_c(cur, '$');
    }
    if (cur)
        g_ptr_array_add(lines, g_string_free(cur, FALSE));
    return lines;
}

static GPtrArray *plan_lines(const HkPlan *plan)
{
    return plan_lines_marked(plan, FALSE);
}

static gboolean in_set(const char *set, gunichar c)
{
    return *set && g_utf8_strchr(set, -1, c) != NULL;
}

/* `lines` from plan_lines_marked. */
static void assert_kinsoku(const GPtrArray *lines, const HkPageStyle *st)
{
    int checked = 0;
    for (guint i = 0; i < lines->len; i++) {
        const char *l = g_ptr_array_index(lines, i);
        size_t n = strlen(l);
        if (n == 0)
            continue;
        gboolean starts_block = l[0] == '^', ends_block = l[n - 1] == '$';
        const char *body = l + (starts_block ? 1 : 0);
        const char *end = l + n - (ends_block ? 1 : 0);
        if (body >= end)
            continue;
        gunichar first = g_utf8_get_char(body);
        gunichar last = g_utf8_get_char(g_utf8_prev_char(end));
        if (!starts_block && in_set(st->no_start, first))
            fail_msg("line starts with a forbidden character: %s", l);
        if (!ends_block && in_set(st->no_end, last))
            fail_msg("line ends with a forbidden character: %s", l);
        checked += !starts_block;
    }
    assert_true(checked > 0);
}

/* A 20-character measure (margins 67 mm, whole characters) with a 1 em
 * indent: the first line holds 19 characters, so a ～ as the 20th would
 * start line 2. */
static const char *const narrow[] = {"margin_left_mm", "67", "margin_right_mm", "67", NULL};
#define NINETEEN "あいうえおかきくけこさしすせそたちつて"

static void tilde_does_not_start_a_line(void **state)
{
    (void)state;
    char *layout = print_layout_with(narrow);
    Case c;
    case_open(&c, layout, NINETEEN "～なにぬねの\n");
    GPtrArray *marked = plan_lines_marked(c.plan, TRUE);
    assert_kinsoku(marked, c.style);
    g_ptr_array_unref(marked);
    GPtrArray *lines = plan_lines(c.plan);
    assert_true(lines->len >= 2);
    /* The character before ～ goes down with it. */
    assert_true(g_str_has_prefix(g_ptr_array_index(lines, 1), "て～"));
    g_ptr_array_unref(lines);
    case_close(&c);
    g_free(layout);
}

/* The control: without the layout's rule, Pango 1.50 does break before ～
 * (which is why the rule is there). */
static void pango_alone_breaks_before_tilde(void **state)
{
    (void)state;
    const char *const subst[] = {
        "margin_left_mm", "67", "margin_right_mm", "67", "no_start", "", NULL};
    char *layout = print_layout_with(subst);
    Case c;
    case_open(&c, layout, NINETEEN "～なにぬねの\n");
    GPtrArray *lines = plan_lines(c.plan);
    assert_true(lines->len >= 2);
    assert_true(g_str_has_prefix(g_ptr_array_index(lines, 1), "～"));
    g_ptr_array_unref(lines);
    case_close(&c);
    g_free(layout);
}

static void opening_bracket_does_not_end_a_line(void **state)
{
    (void)state;
    char *layout = print_layout_with(narrow);
    Case c;
    case_open(&c, layout, "あいうえおかきくけこさしすせそたちつ「なにぬ」ねのはひふへほ\n");
    GPtrArray *lines = plan_lines_marked(c.plan, TRUE);
    assert_true(lines->len >= 2);
    assert_false(g_str_has_suffix(g_ptr_array_index(lines, 0), "「"));
    assert_kinsoku(lines, c.style);
    g_ptr_array_unref(lines);
    case_close(&c);
    g_free(layout);
}

/* Every line of the fixture, at the real print measure and at a narrow
 * one that forces many more breaks. */
static void fixture_obeys_kinsoku(void **state)
{
    (void)state;
    char *path = hk_data_path("tests/data/print-fixture.md");
    char *md = NULL;
    assert_true(g_file_get_contents(path, &md, NULL, NULL));
    const char *const widths[] = {"22", "45", "60"};
    for (size_t w = 0; w < G_N_ELEMENTS(widths); w++) {
        const char *const subst[] = {"margin_left_mm", widths[w], "margin_right_mm", widths[w],
                                     NULL};
        char *layout = print_layout_with(subst);
        GError *err = NULL;
        Case c;
        memset(&c, 0, sizeof c);
        c.fonts = hk_fonts_open(&err);
        HkLayout *l = layout_from(layout);
        c.style = hk_page_style_load(l, &print_limits, c.fonts, &err);
        assert_non_null(c.style);
        hk_layout_free(l);
        c.doc = hk_source_load(path, &err);
        assert_non_null(c.doc);
        c.plan = hk_typeset(c.doc, c.style, c.fonts, NULL, &err);
        assert_non_null(c.plan);
        GPtrArray *lines = plan_lines_marked(c.plan, TRUE);
        assert_true(lines->len > 40);
        assert_kinsoku(lines, c.style);
        g_ptr_array_unref(lines);
        case_close(&c);
        g_free(layout);
    }
    g_free(md);
    g_free(path);
}

static const HkOp *nth_text(const HkPlan *plan, int n)
{
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->kind == HK_OP_TEXT && !op->artifact && n-- == 0)
            return op;
    }
    return NULL;
}

static void paragraph_first_line_indented(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout,
              "区民の皆様との協働による安全・安心なまちを目指します。大規模な地震や風水害に備え、"
              "地域防災拠点の訓練を支援するとともに、自助・共助の取組を広げます。\n");
    const HkOp *l1 = nth_text(c.plan, 0), *l2 = nth_text(c.plan, 1);
    assert_non_null(l2);
    assert_int_equal(l1->line, 0);
    assert_int_equal(l2->line, 1);
    assert_true(fabs((l1->x - l2->x) - c.style->body.indent * c.style->body.size) < 0.01);
    assert_true(c.style->body.indent > 0);
    case_close(&c);
    g_free(layout);
}

static void list_item_hangs(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout,
              "- 妊娠期から子育て期まで切れ目のない支援を行います。相談窓口を充実させ、必要な情報が"
              "必要な方に届くよう、広報と地域のネットワークを活用します。\n");
    /* label, then the two lines of the item body */
    const HkOp *label = nth_text(c.plan, 0), *l1 = nth_text(c.plan, 1), *l2 = nth_text(c.plan, 2);
    assert_non_null(l2);
    assert_string_equal(pango_layout_get_text(label->layout), c.style->bullet);
    assert_true(label->x < l1->x);
    assert_true(fabs(l1->x - l2->x) < 0.01); /* hanging: both lines at the body edge */
    assert_true(fabs(label->y - l1->y) < 0.01);
    case_close(&c);
    g_free(layout);
}

static int page_of_first_text_after(const HkPlan *plan, guint from, int nth)
{
    for (guint i = from; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->kind == HK_OP_TEXT && !op->artifact && nth-- == 0)
            return op->page;
    }
    return -1;
}

/* Whatever the amount of text before it, a heading lands on the page of
 * the first two lines of the paragraph after it; and for some amounts the
 * heading did fit at the bottom of a page but was moved. */
static void heading_kept_with_next(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    const char *filler = "海や緑、歴史や文化など、区の魅力を区内外に発信します。区民が主体となって"
                         "行う地域の行事やまちづくりの活動を支え、にぎわいのあるまちを目指します。"
                         "駅周辺の環境を整えます。\n\n";
    int moved = 0;
    for (int n = 1; n <= 40; n++) {
        GString *md = g_string_new(NULL);
        for (int i = 0; i < n; i++)
            g_string_append(md, filler);
        g_string_append(md, "## 見出し\n\n");
        /* text enough after it that the last page's balancing
         * (pagemaking.c) never reaches back to the heading */
        for (int i = 0; i < 20; i++)
            g_string_append(md, filler);
        Case c;
        case_open(&c, layout, md->str);
        const HkPlan *plan = c.plan;
        for (guint i = 0; i < plan->ops->len; i++) {
            const HkOp *op = &g_array_index(plan->ops, HkOp, i);
            if (op->kind != HK_OP_BEGIN || op->role != HK_ROLE_H1)
                continue;
            int hpage = page_of_first_text_after(plan, i, 0);
            assert_int_equal(page_of_first_text_after(plan, i, 1), hpage);
            assert_int_equal(page_of_first_text_after(plan, i, 2), hpage);
            /* the last line before the heading */
            const HkOp *prev = NULL;
            for (guint k = 0; k < i; k++) {
                const HkOp *o = &g_array_index(plan->ops, HkOp, k);
                if (o->kind == HK_OP_TEXT && !o->artifact)
                    prev = o;
            }
            const HkTextStyle *h = &c.style->heading[1];
            double room = c.style->page_h - c.style->margin_bottom -
                          (prev->y + c.style->body.size * c.style->body.leading);
            if (prev->page < hpage && room > h->size * (h->leading + h->before))
                moved++;
        }
        case_close(&c);
        g_string_free(md, TRUE);
    }
    assert_true(moved > 0);
    g_free(layout);
}

static int count_role(const HkPlan *plan, HkRole role)
{
    int n = 0;
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        n += op->kind == HK_OP_BEGIN && op->role == role;
    }
    return n;
}

static void heading_tags_do_not_skip_levels(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout, "# 一\n\n本文。\n\n### 三\n\n本文。\n\n## 二\n\n本文。\n");
    assert_int_equal(count_role(c.plan, HK_ROLE_H1), 1);
    assert_int_equal(count_role(c.plan, HK_ROLE_H2), 2);
    assert_int_equal(count_role(c.plan, HK_ROLE_H3), 0);
    assert_int_equal(c.plan->headings_clamped, 1);
    case_close(&c);
    /* With a front-matter title, the title is the H1 and # nests below. */
    case_open(&c, layout, "---\ntitle: 表題\n---\n# 一\n\n本文。\n\n## 二\n\n本文。\n");
    assert_int_equal(count_role(c.plan, HK_ROLE_H1), 1);
    assert_int_equal(count_role(c.plan, HK_ROLE_H2), 1);
    assert_int_equal(count_role(c.plan, HK_ROLE_H3), 1);
    assert_int_equal(c.plan->headings_clamped, 0);
    case_close(&c);
    /* Every ## is at one level, whatever came before it (issue 12: Ⅱ and
     * Ⅲ were tagged H3 under Ⅰ). */
    case_open(&c, layout,
              "---\ntitle: 表題\n---\n## Ⅰ\n\n本文。\n\n### 1\n\n本文。\n\n## Ⅱ\n\n"
              "本文。\n\n## Ⅲ\n\n本文。\n");
    assert_int_equal(count_role(c.plan, HK_ROLE_H1), 1);
    assert_int_equal(count_role(c.plan, HK_ROLE_H2), 3);
    assert_int_equal(count_role(c.plan, HK_ROLE_H3), 1);
    assert_int_equal(c.plan->headings_clamped, 0);
    case_close(&c);
    g_free(layout);
}

/* Ruby: an RT element carrying the reading, drawn as outlines above the
 * base, one per character for per-character ruby. */
static void ruby_above_base(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout, "{金沢|かなざわ}区と{歴史|れき|し}。\n");
    const HkPlan *plan = c.plan;
    int rts = 0, outlines = 0;
    double base_y = -1;
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->kind == HK_OP_BEGIN && op->role == HK_ROLE_RT) {
            assert_string_equal(op->attr, rts == 0 ? "かなざわ" : "れきし");
            rts++;
        }
        if (op->kind == HK_OP_TEXT && base_y < 0)
            base_y = op->y;
        if (op->kind == HK_OP_OUTLINE) {
            outlines++;
            PangoRectangle r;
            pango_layout_get_extents(op->layout, NULL, &r);
            /* the ruby's bottom is above the top of the base's em box */
            assert_true(op->y + r.height / (double)PANGO_SCALE < base_y - c.style->body.size * 0.8);
        }
    }
    assert_int_equal(rts, 2);
    assert_int_equal(outlines, 3); /* かなざわ, れき, し */
    case_close(&c);
    g_free(layout);
}

/* The advance (with any letter spacing) of the first character of
 * `needle` in the first text op's layout that holds it. */
static double advance_of(const HkPlan *plan, const char *needle)
{
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        const char *text = op->kind == HK_OP_TEXT ? pango_layout_get_text(op->layout) : NULL;
        const char *hit = text ? strstr(text, needle) : NULL;
        if (hit) {
            PangoRectangle r;
            pango_layout_index_to_pos(op->layout, (int)(hit - text), &r);
            return r.width / (double)PANGO_SCALE;
        }
    }
    fail_msg("no text op holds %s", needle);
    return 0;
}

/* A reading wider than its one-kanji base reaches over the kana beside it
 * (JIS X 4051): the base keeps its width and the ruby is centred on it;
 * with the layout's overhang at 0 the base is spaced out instead. */
static void ruby_overhangs_kana(void **state)
{
    (void)state;
    const char *md = "しあわせ{育|はぐく}む日々。\n";
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout, md);
    double size = c.style->body.size;
    assert_true(fabs(advance_of(c.plan, "育") - size) < 0.01);
    case_close(&c);
    g_free(layout);
    const char *subst[] = {"overhang", "0", NULL};
    layout = print_layout_with(subst);
    case_open(&c, layout, md);
    /* はぐく at half size is 1.5 em over a 1 em base */
    assert_true(fabs(advance_of(c.plan, "育") - 1.5 * size) < 0.01);
    case_close(&c);
    g_free(layout);
}

/* The hook for a later furigana edition: readings passed by byte range. */
static void extra_ruby_is_set(void **state)
{
    (void)state;
    char *layout = print_layout_text();
    Case c;
    case_open(&c, layout, "区役所の窓口。\n");
    const HkBlock *para = g_ptr_array_index(c.doc->blocks, 0);
    GArray *extra = g_array_new(FALSE, TRUE, sizeof(HkExtraRuby));
    HkExtraRuby x = {para, 0, (int)strlen("区役所"), (char *)"くやくしょ", NULL};
    g_array_append_val(extra, x);
    GError *err = NULL;
    HkPlan *plan = hk_typeset(c.doc, c.style, c.fonts, extra, &err);
    assert_non_null(plan);
    assert_int_equal(count_role(plan, HK_ROLE_RT), 1);
    assert_int_equal(count_role(c.plan, HK_ROLE_RT), 0);
    hk_plan_free(plan);
    g_array_unref(extra);
    case_close(&c);
    g_free(layout);
}

/* The large edition's promise, on the plan: every piece of text drawn
 * (body, headings, labels, header, footer) and every ruby is at least
 * 18 pt. (The golden script measures the text again from the PDF.) */
static void large_nothing_under_18pt(void **state)
{
    (void)state;
    static const HkStyleLimits large = {18.0, 18.0, 30.0, FALSE};
    char *lpath = hk_data_path("layouts/large-a4.ini");
    char *src = hk_data_path("tests/data/print-fixture.md");
    GError *err = NULL;
    HkFonts *fonts = hk_fonts_open(&err);
    HkLayout *l = hk_layout_load(lpath, &err);
    assert_non_null(l);
    HkPageStyle *st = hk_page_style_load(l, &large, fonts, &err);
    if (!st)
        fail_msg("%s", err->message);
    HkDocument *doc = hk_source_load(src, &err);
    HkPlan *plan = hk_typeset(doc, st, fonts, NULL, &err);
    assert_non_null(plan);
    int texts = 0, rubies = 0;
    double smallest = 1000;
    for (guint i = 0; i < plan->ops->len; i++) {
        const HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->kind != HK_OP_TEXT && op->kind != HK_OP_OUTLINE)
            continue;
        const PangoFontDescription *fd = pango_layout_get_font_description(op->layout);
        assert_non_null(fd);
        double size = pango_font_description_get_size(fd) / (double)PANGO_SCALE;
        smallest = MIN(smallest, size);
        texts += op->kind == HK_OP_TEXT;
        rubies += op->kind == HK_OP_OUTLINE;
        /* nothing in the text may change the size either */
        PangoAttrList *attrs = pango_layout_get_attributes(op->layout);
        if (attrs) {
            GSList *all = pango_attr_list_get_attributes(attrs);
            for (GSList *a = all; a; a = a->next) {
                PangoAttrType t = ((PangoAttribute *)a->data)->klass->type;
                assert_true(t != PANGO_ATTR_SIZE && t != PANGO_ATTR_ABSOLUTE_SIZE &&
                            t != PANGO_ATTR_SCALE && t != PANGO_ATTR_FONT_DESC);
            }
            g_slist_free_full(all, (GDestroyNotify)pango_attribute_destroy);
        }
    }
    assert_true(texts > 50);
    assert_true(rubies >= 3);
    assert_true(smallest >= 18.0);
    /* The print layout, read with the large limits, is refused. */
    char *ppath = hk_data_path("layouts/print-a4.ini");
    HkLayout *pl = hk_layout_load(ppath, &err);
    assert_null(hk_page_style_load(pl, &large, fonts, &err));
    assert_non_null(strstr(err->message, "is out of range (18 to 30)"));
    g_clear_error(&err);
    hk_layout_free(pl);
    g_free(ppath);
    hk_plan_free(plan);
    hk_document_free(doc);
    hk_page_style_free(st);
    hk_layout_free(l);
    hk_fonts_free(fonts);
    g_free(src);
    g_free(lpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tilde_does_not_start_a_line),
        cmocka_unit_test(pango_alone_breaks_before_tilde),
        cmocka_unit_test(opening_bracket_does_not_end_a_line),
        cmocka_unit_test(fixture_obeys_kinsoku),
        cmocka_unit_test(paragraph_first_line_indented),
        cmocka_unit_test(list_item_hangs),
        cmocka_unit_test(heading_kept_with_next),
        cmocka_unit_test(heading_tags_do_not_skip_levels),
        cmocka_unit_test(ruby_above_base),
        cmocka_unit_test(ruby_overhangs_kana),
        cmocka_unit_test(extra_ruby_is_set),
        cmocka_unit_test(large_nothing_under_18pt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
