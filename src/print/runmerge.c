/* runmerge: see runmerge.h. */
#include "runmerge.h"

#include <pango/pangocairo.h>

typedef struct {
    PangoGlyphItem *run;
    double x;
} Run;

struct HkRunMerge {
    GArray *runs;             /* Run: gathered, in order */
    const PangoColor *colour; /* the foreground the first sets, or NULL */
    int end;                  /* the byte after the last */
    GArray *glyphs;           /* cairo_glyph_t, for the flush */
    GArray *clusters;         /* cairo_text_cluster_t, for the flush */
};

HkRunMerge *hk_run_merge_new(void)
{
    HkRunMerge *m = g_new0(HkRunMerge, 1);
    m->runs = g_array_new(FALSE, FALSE, sizeof(Run));
    m->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
    m->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
    return m;
}

void hk_run_merge_free(HkRunMerge *m)
{
    if (!m)
        return;
    g_array_unref(m->runs);
    g_array_unref(m->glyphs);
    g_array_unref(m->clusters);
    g_free(m);
}

/* The foreground a run sets, or NULL, and whether it is underlined: as
 * pdf.c's draw_run reads its attributes, in order, the last one winning.
 * A run that sets no foreground is drawn in the colour of the one before. */
static const PangoColor *run_colour(const PangoGlyphItem *run, gboolean *underline)
{
    const PangoColor *c = NULL;
    *underline = FALSE;
    for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
        const PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND)
            c = &((const PangoAttrColor *)attr)->color;
        else if (attr->klass->type == PANGO_ATTR_UNDERLINE)
            *underline = ((const PangoAttrInt *)attr)->value != PANGO_UNDERLINE_NONE;
    }
    return c;
}

/* Whether Pango would draw the run with its font's scaled font and no
 * box for an unknown glyph (which it draws apart, between the glyphs). */
static gboolean plain(const PangoGlyphItem *run)
{
    cairo_scaled_font_t *sf =
        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
    if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
        return FALSE;
    const PangoGlyphString *g = run->glyphs;
    for (int i = 0; i < g->num_glyphs; i++)
        if (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            return FALSE;
    return TRUE;
}

static gboolean takes(const HkRunMerge *m, const PangoGlyphItem *run, const PangoColor *colour)
{
    const PangoGlyphItem *first = g_array_index(m->runs, Run, 0).run;
    const PangoColor *mc = m->colour;
    return run->item->analysis.font == first->item->analysis.font && run->item->offset == m->end &&
           run->y_offset == first->y_offset &&
           (!colour || (mc && colour->red == mc->red && colour->green == mc->green &&
                        colour->blue == mc->blue));
}

gboolean hk_run_merge_add(HkRunMerge *m, PangoGlyphItem *run, double x)
{
    gboolean underline;
    const PangoColor *colour = run_colour(run, &underline);
    if (underline || run->item->analysis.level % 2 ||
        !PANGO_IS_CAIRO_FONT(run->item->analysis.font) || !plain(run))
        return FALSE;
    if (m->runs->len && !takes(m, run, colour))
        return FALSE;
    if (!m->runs->len)
        m->colour = colour;
    Run r = {run, x};
    g_array_append_val(m->runs, r);
    m->end = run->item->offset + run->item->length;
    return TRUE;
}

/* The glyphs and clusters of one run, as pango_cairo_show_glyph_item
 * makes them (pangocairo-render.c): each glyph at the pen Cairo gives back
 * for x (its current point, in fixed point), plus the advances before it;
 * empty glyphs left out of both. */
static void add_run(HkRunMerge *m, cairo_t *cr, const char *text, const Run *r, double y)
{
    double bx, by;
    cairo_move_to(cr, r->x, y);
    cairo_get_current_point(cr, &bx, &by);
    const PangoGlyphString *g = r->run->glyphs;
    int pos = 0;
    for (int i = 0; i < g->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &g->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY) {
            cairo_glyph_t cg = {
                gi->glyph, bx + (double)(pos + gi->geometry.x_offset) / PANGO_SCALE,
                gi->geometry.y_offset == 0 ? by : by + (double)gi->geometry.y_offset / PANGO_SCALE};
            g_array_append_val(m->glyphs, cg);
        }
        pos += gi->geometry.width;
    }
    PangoGlyphItemIter it;
    for (gboolean more = pango_glyph_item_iter_init_start(&it, r->run, text); more;
         more = pango_glyph_item_iter_next_cluster(&it)) {
        cairo_text_cluster_t c = {it.end_index - it.start_index, it.end_glyph - it.start_glyph};
        for (int i = it.start_glyph; i < it.end_glyph; i++)
            if (g->glyphs[i].glyph == PANGO_GLYPH_EMPTY)
                c.num_glyphs--;
        g_array_append_val(m->clusters, c);
    }
}

/* Several runs in one call: the colour draw_run would set, the font Pango
 * would install, inside the save and restore Pango makes. */
static void show_merged(HkRunMerge *m, cairo_t *cr, const char *text, double y)
{
    const PangoGlyphItem *first = g_array_index(m->runs, Run, 0).run;
    if (m->colour)
        cairo_set_source_rgb(cr, m->colour->red / 65535.0, m->colour->green / 65535.0,
                             m->colour->blue / 65535.0);
    g_array_set_size(m->glyphs, 0);
    g_array_set_size(m->clusters, 0);
    for (guint i = 0; i < m->runs->len; i++)
        add_run(m, cr, text, &g_array_index(m->runs, Run, i), y);
    cairo_save(cr);
    cairo_set_scaled_font(
        cr, pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(first->item->analysis.font)));
    cairo_show_text_glyphs(cr, text + first->item->offset, m->end - first->item->offset,
                           (const cairo_glyph_t *)(void *)m->glyphs->data, (int)m->glyphs->len,
                           (const cairo_text_cluster_t *)(void *)m->clusters->data,
                           (int)m->clusters->len, 0);
    cairo_restore(cr);
}

void hk_run_merge_flush(HkRunMerge *m, cairo_t *cr, const char *text, double y, HkRunDraw draw)
{
    if (m->runs->len == 1) {
        const Run *r = &g_array_index(m->runs, Run, 0);
        draw(cr, text, r->run, r->x, y);
    } else if (m->runs->len > 1) {
        show_merged(m, cr, text, y);
    }
    g_array_set_size(m->runs, 0);
    m->colour = NULL;
}
