#include "pagestyle.h"

#include <string.h>

#include "error.h"

typedef struct {
    const HkLayout *l;
    const HkStyleLimits *lim;
    HkFonts *fonts;
    GError **error;
    gboolean ok;
    gboolean press; /* colours must be CMYK inks */
} Reader;

static double num(Reader *r, const char *group, const char *key, double min, double max,
                  double dflt)
{
    double v = dflt;
    if (r->ok && !hk_layout_double_or(r->l, group, key, min, max, dflt, &v, r->error))
        r->ok = FALSE;
    return v;
}

static int whole(Reader *r, const char *group, const char *key, int min, int max, int dflt)
{
    int v = dflt;
    if (r->ok && !hk_layout_int_or(r->l, group, key, min, max, dflt, &v, r->error))
        r->ok = FALSE;
    return v;
}

static gboolean flag(Reader *r, const char *group, const char *key, gboolean dflt)
{
    gboolean v = dflt;
    if (r->ok && !hk_layout_bool_or(r->l, group, key, dflt, &v, r->error))
        r->ok = FALSE;
    return v;
}

/* Reads a colour; without the key, `base`'s (when given) or the default
 * for the edition: `dflt` for the screen, `dflt_ink` for press. */
static void colour(Reader *r, const char *group, const char *key, const HkColour *base,
                   const char *dflt, const char *dflt_ink, HkColour *out)
{
    if (!r->ok)
        return;
    char *v = hk_layout_string_or(r->l, group, key, NULL);
    const char *why = NULL;
    if (!v && base)
        *out = *base;
    else if (!hk_colour_parse(v ? v : r->press ? dflt_ink : dflt, out, &why))
        hk_layout_error(r->l, group, key, r->error, "'%s' %s", v, why);
    else if (r->press && !out->is_cmyk)
        /* A vendor's black must be K only: an RGB black converts to
         * four-colour black, so press layouts say the ink itself. */
        hk_layout_error(r->l, group, key, r->error,
                        "'%s': the press edition prints CMYK inks; name the colour as "
                        "cmyk(C, M, Y, K) in percent, e.g. cmyk(0, 0, 0, 100) for black",
                        v);
    r->ok = why == NULL && (!r->press || out->is_cmyk);
    g_free(v);
}

/* A string key. One that is there but not UTF-8 is an error naming it:
 * GKeyFile refuses such a value, and taking the default instead would
 * silently drop what the layout asked for (a kinsoku set, a phrase). */
static char *text(Reader *r, const char *group, const char *key, const char *dflt)
{
    if (!r->ok || !hk_layout_has(r->l, group, key))
        return hk_layout_string_or(r->l, group, key, dflt);
    char *v = hk_layout_string(r->l, group, key, r->error);
    if (!v) {
        r->ok = FALSE;
        return g_strdup(dflt);
    }
    return v;
}

/* A family (and weight) the layout names must exist in fonts/fonts.conf:
 * fontconfig would otherwise silently substitute another face. */
static void check_font(Reader *r, const char *group, const char *key, const char *family,
                       gboolean bold)
{
    if (!r->ok)
        return;
    if (!hk_fonts_has(r->fonts, family, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)) {
        hk_layout_error(r->l, group, key, r->error,
                        "font '%s'%s is not available through %s (install the Debian package "
                        "that provides it, e.g. fonts-morisawa-bizud-gothic / -mincho%s)",
                        family, bold ? " Bold" : "", hk_fonts_config_path(r->fonts),
                        bold ? "; BIZ UDMincho has no bold face" : "");
        r->ok = FALSE;
    }
}

static HkAlign align(Reader *r, const char *group, HkAlign dflt)
{
    char *v = hk_layout_string_or(r->l, group, "align", NULL);
    HkAlign a = dflt;
    if (v) {
        g_strstrip(v);
        if (!strcmp(v, "left"))
            a = HK_ALIGN_LEFT;
        else if (!strcmp(v, "center") || !strcmp(v, "centre"))
            a = HK_ALIGN_CENTER;
        else if (!strcmp(v, "right"))
            a = HK_ALIGN_RIGHT;
        else if (r->ok) {
            hk_layout_error(r->l, group, "align", r->error, "'%s' is not left, center or right", v);
            r->ok = FALSE;
        }
        g_free(v);
    }
    return a;
}

/* [document] date_style: era (令和7年4月1日, what a ward's documents
 * write, the default) or western (2025年4月1日). */
static void date_style(Reader *r, HkDateStyle *out)
{
    char *v = hk_layout_string_or(r->l, "document", "date_style", "era");
    if (!hk_date_style_parse(v, out) && r->ok) {
        hk_layout_error(r->l, "document", "date_style", r->error, "'%s' is not era or western", v);
        r->ok = FALSE;
    }
    g_free(v);
}

/* Reads one text style; keys the group leaves out come from `base`.
 * `min_size` lets a style demand more than the edition minimum (the body
 * range), `size_key_required` makes the size mandatory. */
static void read_style(Reader *r, const char *group, const HkTextStyle *base, double min_size,
                       double max_size, HkTextStyle *s)
{
    char *family = text(r, group, "font", base ? base->family : NULL);
    if (!family && r->ok) {
        hk_layout_error(r->l, group, "font", r->error, "missing key 'font'");
        r->ok = FALSE;
    }
    s->family = family;
    s->bold = flag(r, group, "bold", base ? base->bold : FALSE);
    double dsize = base ? base->size : -1;
    if (dsize < min_size || dsize > max_size)
        dsize = -1;
    if (dsize < 0 && r->ok && !hk_layout_has(r->l, group, "size")) {
        hk_layout_error(r->l, group, NULL, r->error, "missing key 'size'");
        r->ok = FALSE;
    }
    s->size = num(r, group, "size", min_size, max_size, dsize);
    s->leading = num(r, group, "leading", 1.0, 3.0, base ? base->leading : 1.5);
    s->before = num(r, group, "space_before", 0, 10, base ? base->before : 0);
    s->after = num(r, group, "space_after", 0, 10, base ? base->after : 0);
    s->indent = num(r, group, "indent", 0, 10, base ? base->indent : 0);
    s->align = align(r, group, base ? base->align : HK_ALIGN_LEFT);
    s->justify = flag(r, group, "justify", base ? base->justify : FALSE);
    colour(r, group, "colour", base ? &base->colour : NULL, "#000000", "cmyk(0, 0, 0, 100)",
           &s->colour);
    if (s->family)
        check_font(r, group, "font", s->family, s->bold);
}

static void free_style(HkTextStyle *s)
{
    g_free(s->family);
}

/* [press] pdfx, icc_profile and the output condition: which PDF/X the press
 * file is, and the printing condition its colours are meant for. A
 * relative profile path is taken from the layout file's folder, so that a
 * vendor's layout and profile can travel together. */
static void read_pdfx(Reader *r, HkPageStyle *st)
{
    char *level = text(r, "press", "pdfx", "PDF/X-4");
    g_strstrip(level);
    if (!g_ascii_strcasecmp(level, "PDF/X-4"))
        st->pdfx = HK_PDFX_4;
    else if (!g_ascii_strcasecmp(level, "PDF/X-1a"))
        st->pdfx = HK_PDFX_1A;
    else if (r->ok) {
        hk_layout_error(r->l, "press", "pdfx", r->error, "'%s' is not PDF/X-4 or PDF/X-1a", level);
        r->ok = FALSE;
    }
    g_free(level);
    char *icc =
        text(r, "press", "icc_profile", "/usr/share/color/icc/ghostscript/default_cmyk.icc");
    g_strstrip(icc);
    if (g_path_is_absolute(icc)) {
        st->icc_profile = icc;
    } else {
        char *dir = g_path_get_dirname(hk_layout_path(r->l));
        st->icc_profile = g_build_filename(dir, icc, NULL);
        g_free(dir);
        g_free(icc);
    }
    if (r->ok && !g_file_test(st->icc_profile, G_FILE_TEST_IS_REGULAR)) {
        hk_layout_error(r->l, "press", "icc_profile", r->error,
                        "ICC profile '%s' not found (Debian's is in package libgs-common)",
                        st->icc_profile);
        r->ok = FALSE;
    }
    char *why = NULL, *desc = NULL;
    gsize len;
    if (r->ok) {
        char *icc =
            hk_cmyk_profile_load(st->icc_profile, st->pdfx == HK_PDFX_1A, &len, &desc, &why);
        if (!icc) {
            hk_layout_error(r->l, "press", "icc_profile", r->error, "%s", why);
            r->ok = FALSE;
        }
        g_free(icc);
    }
    g_free(why);
    g_free(desc);
    st->output_id = text(r, "press", "output_condition_identifier", "CGATS TR 001");
    st->output_condition = text(r, "press", "output_condition", "");
    st->registry = text(r, "press", "registry_name", "http://www.color.org");
    g_strstrip(st->output_id);
    if (r->ok && !*st->output_id) {
        hk_layout_error(r->l, "press", "output_condition_identifier", r->error,
                        "PDF/X needs an output condition identifier");
        r->ok = FALSE;
    }
}

/* What each style draws in: its colour, or on press its ink's key. */
static void assign_colour(HkPageStyle *st, HkColour *c, double rgb[3])
{
    if (st->press)
        hk_inks_add(st->inks, c);
    memcpy(rgb, c->rgb, 3 * sizeof *rgb);
}

static void assign_colours(HkPageStyle *st)
{
    if (st->press) {
        st->inks = hk_inks_new();
        hk_inks_registration_rgb(st->inks, st->registration_rgb);
    }
    HkTextStyle *styles[] = {&st->body, &st->code,   &st->title,  &st->subtitle,
                             &st->meta, &st->header, &st->footer, &st->label};
    for (size_t i = 0; i < G_N_ELEMENTS(styles); i++)
        assign_colour(st, &styles[i]->colour, styles[i]->rgb);
    for (int i = 0; i < HK_HEADING_LEVELS; i++)
        assign_colour(st, &st->heading[i].colour, st->heading[i].rgb);
    assign_colour(st, &st->link_colour, st->link_rgb);
    assign_colour(st, &st->rule_colour, st->rule_rgb);
    if (st->press)
        assign_colour(st, &st->band_colour, st->band_rgb);
}

HkPageStyle *hk_page_style_load(const HkLayout *layout, const HkStyleLimits *lim, HkFonts *fonts,
                                GError **error)
{
    HkPageStyle *st = g_new0(HkPageStyle, 1);
    Reader r = {layout, lim, fonts, error, TRUE, hk_layout_has(layout, "press", "bleed_mm")};
    const double maxs = 96;
    const double mins = lim->min_size;

    st->page_w = HK_MM(num(&r, "page", "width_mm", 90, 600, 210));
    st->page_h = HK_MM(num(&r, "page", "height_mm", 120, 900, 297));
    st->margin_top = HK_MM(num(&r, "page", "margin_top_mm", 5, 100, 25));
    st->margin_bottom = HK_MM(num(&r, "page", "margin_bottom_mm", 5, 100, 25));
    st->margin_left = HK_MM(num(&r, "page", "margin_left_mm", 5, 100, 20));
    st->margin_right = HK_MM(num(&r, "page", "margin_right_mm", 5, 100, 20));
    st->whole_chars = flag(&r, "page", "whole_characters", TRUE);

    read_style(&r, "body", NULL, MAX(mins, lim->body_min), lim->body_max, &st->body);
    /* Other styles inherit from the body but may not go below the edition
     * minimum. */
    read_style(&r, "code", &st->body, mins, maxs, &st->code);
    read_style(&r, "heading1", &st->body, mins, maxs, &st->heading[0]);
    for (int i = 1; i < HK_HEADING_LEVELS; i++) {
        char group[16];
        g_snprintf(group, sizeof group, "heading%d", i + 1);
        read_style(&r, group, &st->heading[i - 1], mins, maxs, &st->heading[i]);
    }
    read_style(&r, "title", &st->heading[0], mins, maxs, &st->title);
    read_style(&r, "subtitle", &st->heading[1], mins, maxs, &st->subtitle);
    read_style(&r, "meta", &st->body, mins, maxs, &st->meta);
    read_style(&r, "header", &st->body, mins, maxs, &st->header);
    read_style(&r, "footer", &st->header, mins, maxs, &st->footer);
    read_style(&r, "list", &st->body, mins, maxs, &st->label);

    st->emph_family = text(&r, "inline", "emphasis_font", st->heading[0].family);
    st->emph_bold = flag(&r, "inline", "emphasis_bold", FALSE);
    check_font(&r, "inline", "emphasis_font", st->emph_family, st->emph_bold);
    st->strong_family = text(&r, "inline", "strong_font", st->emph_family);
    st->strong_bold = flag(&r, "inline", "strong_bold", TRUE);
    check_font(&r, "inline", "strong_font", st->strong_family, st->strong_bold);
    colour(&r, "inline", "link_colour", NULL, "#000000", "cmyk(0, 0, 0, 100)", &st->link_colour);
    st->link_underline = flag(&r, "inline", "link_underline", TRUE);

    st->ruby_scale = num(&r, "ruby", "scale", 0.3, 1.0, 0.5);
    st->ruby_min = num(&r, "ruby", "min_size", mins, maxs, mins);
    st->ruby_gap = num(&r, "ruby", "gap", 0, 1, 0.1);
    st->ruby_overhang = num(&r, "ruby", "overhang", 0, 1, 1);

    st->list_indent = num(&r, "list", "indent", 0.5, 10, 1);
    st->list_gap = num(&r, "list", "label_gap", 0, 5, 0.5);
    st->item_space = num(&r, "list", "item_space", 0, 5, 0.2);
    st->bullet = text(&r, "list", "bullet", "・");
    st->number_suffix = text(&r, "list", "number_suffix", ".");
    st->quote_indent = num(&r, "quote", "indent", 0, 10, 2);
    st->figure_max_h = HK_MM(num(&r, "figure", "max_height_mm", 10, 500, 100));
    st->image_dpi = num(&r, "figure", "image_dpi", 36, 1200, 96);
    st->image_max_mpx = num(&r, "figure", "max_megapixels", 0.01, 400, 36);
    colour(&r, "rule", "colour", NULL, "#808080", "cmyk(0, 0, 0, 50)", &st->rule_colour);
    st->rule_width = num(&r, "rule", "width", 0.1, 10, 0.5);

    st->header_text = text(&r, "header", "text", "{title}");
    st->footer_text = text(&r, "footer", "text", "{page}");
    st->header_from_page = whole(&r, "header", "from_page", 1, 1000, 2);
    st->header_y = HK_MM(num(&r, "header", "baseline_mm", 3, 100, 15));
    st->footer_y = HK_MM(num(&r, "footer", "baseline_mm", 3, 100, 12));

    st->break_at_phrases = flag(&r, "body", "break_at_phrases", FALSE);
    st->no_start = text(&r, "kinsoku", "no_start", "");
    st->no_end = text(&r, "kinsoku", "no_end", "");
    if (r.ok && hk_layout_has(layout, "composition", "table")) {
        st->compose = hk_compose_load(layout, fonts, error);
        r.ok = st->compose != NULL;
    }
    st->orphans = whole(&r, "keep", "orphans", 1, 10, 2);
    st->widows = whole(&r, "keep", "widows", 1, 10, 2);
    st->keep_heading_lines = whole(&r, "keep", "heading_with_next_lines", 0, 10, 2);
    st->keep_label_lines = whole(&r, "keep", "label_with_next_lines", 0, 10, 2);
    st->keep_label_endings = text(&r, "keep", "label_endings", "：:");
    st->keep_give_way = num(&r, "keep", "give_way", 0, 1, 0.25);
    st->keep_last_page_lines = whole(&r, "keep", "last_page_lines", 0, 20, 4);
    st->keep_next_page_phrases = text(&r, "keep", "next_page_phrases", "");

    st->title_suffix = text(&r, "document", "title_suffix", "");
    date_style(&r, &st->date_style);

    st->press = hk_layout_has(layout, "press", "bleed_mm");
    if (lim->press && !st->press && r.ok) {
        hk_layout_error(layout, "press", "bleed_mm", error,
                        "the press edition needs [press] bleed_mm");
        r.ok = FALSE;
    }
    if (st->press) {
        st->bleed = HK_MM(num(&r, "press", "bleed_mm", 1, 10, 3));
        st->crop_marks = flag(&r, "press", "crop_marks", TRUE);
        st->slug = HK_MM(num(&r, "press", "slug_mm", 0, 40, st->crop_marks ? 12 : 0));
        if (st->crop_marks && st->slug < st->bleed + HK_MM(6) && r.ok) {
            hk_layout_error(layout, "press", "slug_mm", error,
                            "crop marks need a slug at least 6 mm wider than the bleed");
            r.ok = FALSE;
        }
        st->band_h = HK_MM(num(&r, "press", "band_mm", 0, 100, 0));
        colour(&r, "press", "band_colour", NULL, "#1A4F9C", "cmyk(100, 60, 0, 10)",
               &st->band_colour);
        read_pdfx(&r, st);
    }

    /* Sanity of combinations the single ranges cannot see. */
    for (int i = 0; i < HK_HEADING_LEVELS && r.ok; i++) {
        if (st->heading[i].size < st->body.size) {
            char group[16];
            g_snprintf(group, sizeof group, "heading%d", i + 1);
            hk_layout_error(layout, hk_layout_has(layout, group, "size") ? group : "body", "size",
                            error, "headings may not be smaller than the body (%g < %g pt)",
                            st->heading[i].size, st->body.size);
            r.ok = FALSE;
        }
    }
    if (r.ok && st->margin_left + st->margin_right > st->page_w - 20 * st->body.size) {
        hk_layout_error(layout, "page", "margin_left_mm", error,
                        "margins leave less than 20 body characters per line");
        r.ok = FALSE;
    }
    if (r.ok && st->margin_top + st->margin_bottom > st->page_h - 10 * st->body.size) {
        hk_layout_error(layout, "page", "margin_top_mm", error,
                        "margins leave less than 10 body lines per page");
        r.ok = FALSE;
    }
    if (r.ok && (st->header_y >= st->margin_top || st->footer_y >= st->margin_bottom)) {
        hk_layout_error(layout, st->header_y >= st->margin_top ? "header" : "footer", "baseline_mm",
                        error, "the running %s must lie inside the margin",
                        st->header_y >= st->margin_top ? "header" : "footer");
        r.ok = FALSE;
    }
    if (r.ok && st->band_h >= st->margin_top) {
        hk_layout_error(layout, "press", "band_mm", error,
                        "the band must stay inside the top margin");
        r.ok = FALSE;
    }
    if (!r.ok) {
        hk_page_style_free(st);
        return NULL;
    }
    assign_colours(st);
    return st;
}

void hk_page_style_free(HkPageStyle *st)
{
    if (!st)
        return;
    free_style(&st->body);
    free_style(&st->code);
    free_style(&st->title);
    free_style(&st->subtitle);
    free_style(&st->meta);
    free_style(&st->header);
    free_style(&st->footer);
    free_style(&st->label);
    for (int i = 0; i < HK_HEADING_LEVELS; i++)
        free_style(&st->heading[i]);
    g_free(st->emph_family);
    g_free(st->strong_family);
    g_free(st->bullet);
    g_free(st->number_suffix);
    g_free(st->header_text);
    g_free(st->footer_text);
    g_free(st->no_start);
    g_free(st->no_end);
    hk_compose_free(st->compose);
    g_free(st->title_suffix);
    g_free(st->keep_label_endings);
    g_free(st->keep_next_page_phrases);
    g_free(st->icc_profile);
    g_free(st->output_id);
    g_free(st->output_condition);
    g_free(st->registry);
    if (st->inks)
        g_array_unref(st->inks);
    g_free(st);
}
