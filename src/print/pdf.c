#include "pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "error.h"
#include "runmerge.h"

#define PT(x) ((double)(x) / PANGO_SCALE)

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static const char *role_name(HkRole r)
{
    static const char *const names[] = {
        [HK_ROLE_DOCUMENT] = "Document",
        [HK_ROLE_H1] = "H1",
        [HK_ROLE_H2] = "H2",
        [HK_ROLE_H3] = "H3",
        [HK_ROLE_H4] = "H4",
        [HK_ROLE_H5] = "H5",
        [HK_ROLE_H6] = "H6",
        [HK_ROLE_P] = "P",
        [HK_ROLE_L] = "L",
        [HK_ROLE_LI] = "LI",
        [HK_ROLE_LBL] = "Lbl",
        [HK_ROLE_LBODY] = "LBody",
        [HK_ROLE_FIGURE] = "Figure",
        [HK_ROLE_BLOCKQUOTE] = "BlockQuote",
        [HK_ROLE_LINK] = CAIRO_TAG_LINK,
        [HK_ROLE_SPAN] = "Span",
        [HK_ROLE_RUBY] = "Ruby",
        [HK_ROLE_RB] = "RB",
        [HK_ROLE_RT] = "RT",
    };
    return names[r];
}

/* Cairo's attribute strings quote with ' and escape with \. */
static char *quote_attr(const char *s)
{
    GString *q = g_string_new("'");
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            g_string_append_c(q, '\\');
        g_string_append_c(q, *s);
    }
    g_string_append_c(q, '\'');
    return g_string_free(q, FALSE);
}

static void struct_attr_free(gpointer p)
{
    HkStructAttr *a = p;
    g_free(a->type);
    g_free(a->key);
    g_free(a->value);
    g_free(a);
}

static void add_struct_attr(HkPdfDrawing *d, const char *type, const char *key, const char *value)
{
    HkStructAttr *a = g_new0(HkStructAttr, 1);
    a->type = g_strdup(type);
    a->key = g_strdup(key);
    a->value = g_strdup(value);
    g_ptr_array_add(d->struct_attrs, a);
}

static void link_free(gpointer p)
{
    HkPdfLink *l = p;
    g_free(l->uri);
    g_string_free(l->text, TRUE);
    g_array_unref(l->boxes);
    g_free(l);
}

static HkPdfLink *link_new(const char *uri)
{
    HkPdfLink *l = g_new0(HkPdfLink, 1);
    l->uri = g_strdup(uri ? uri : "");
    l->text = g_string_new(NULL);
    l->boxes = g_array_new(FALSE, FALSE, sizeof(HkLinkBox));
    return l;
}

/* The box of bytes [start, end) of a TEXT operation: the advance of the
 * glyphs drawn, over the line's logical height; with its text, added to
 * the open link. Positions are turned from Cairo's (y down, inside the
 * trim offset) into PDF user space. */
static void link_add_text(HkPdfLink *l, const HkOp *op, int page, double offset, double media_h)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
    const char *text = pango_layout_get_text(op->layout);
    double x = op->x, x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphItem *run = r->data;
        for (int i = 0; i < run->glyphs->num_glyphs; i++) {
            double w = PT(run->glyphs->glyphs[i].geometry.width);
            int byte = run->item->offset + run->glyphs->log_clusters[i];
            if (byte >= op->start && byte < op->end) {
                x0 = MIN(x0, x);
                x1 = MAX(x1, x + w);
            }
            x += w;
        }
    }
    if (x0 > x1)
        return;
    PangoRectangle logical;
    pango_layout_line_get_extents(line, NULL, &logical);
    double top = op->y + PT(logical.y), bottom = top + PT(logical.height);
    HkLinkBox b = {page, x0 + offset, media_h - (bottom + offset), x1 + offset,
                   media_h - (top + offset)};
    g_array_append_val(l->boxes, b);
    g_string_append_len(l->text, text + op->start, op->end - op->start);
}

/* One run (or part of one), in the colour and underline its attributes
 * ask for: pango_cairo_show_glyph_item draws glyphs only. */
static void draw_run(cairo_t *cr, const char *text, PangoGlyphItem *gi, double x, double y)
{
    gboolean underline = FALSE;
    for (GSList *a = gi->item->analysis.extra_attrs; a; a = a->next) {
        PangoAttribute *attr = a->data;
        if (attr->klass->type == PANGO_ATTR_FOREGROUND) {
            PangoColor c = ((PangoAttrColor *)attr)->color;
            cairo_set_source_rgb(cr, c.red / 65535.0, c.green / 65535.0, c.blue / 65535.0);
        } else if (attr->klass->type == PANGO_ATTR_UNDERLINE) {
            underline = ((PangoAttrInt *)attr)->value != PANGO_UNDERLINE_NONE;
        }
    }
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, text, gi);
    if (underline) {
        PangoFontMetrics *m = pango_font_get_metrics(gi->item->analysis.font, NULL);
        double pos = PT(pango_font_metrics_get_underline_position(m));
        double th = PT(pango_font_metrics_get_underline_thickness(m));
        pango_font_metrics_unref(m);
        cairo_rectangle(cr, x, y - pos, PT(pango_glyph_string_get_width(gi->glyphs)), th);
        cairo_fill(cr);
    }
}

/* The start of the glyph cluster of `run` that holds byte `at` (relative to
 * the run). A range edge can fall inside a cluster: an ideographic
 * variation selector or a combining mark just after a link or a ruby base
 * belongs to the character before it, and Pango can only split a run
 * between clusters. */
static int cluster_start(const PangoGlyphItem *run, int at)
{
    int best = 0;
    for (int i = 0; i < run->glyphs->num_glyphs; i++) {
        int c = run->glyphs->log_clusters[i];
        if (c <= at && c > best)
            best = c;
    }
    return best;
}

/* Draws bytes [a, b) of `run` (cluster boundaries) at x. A left-to-right
 * run is drawn through a view of its glyphs, without copying the run and
 * its attributes (which made a paragraph with thousands of ruby bases cost
 * the square of its length); a right-to-left one is split. */
static void draw_part(cairo_t *cr, const char *text, PangoGlyphItem *run, int a, int b, double x,
                      double y)
{
    int rs = run->item->offset;
    const PangoGlyphString *g = run->glyphs;
    if (run->item->analysis.level % 2) {
        PangoGlyphItem *rest = pango_glyph_item_copy(run);
        PangoGlyphItem *head = a > rs ? pango_glyph_item_split(rest, text, a - rs) : NULL;
        if (head) {
            x += PT(pango_glyph_string_get_width(head->glyphs));
            pango_glyph_item_free(head);
        }
        PangoGlyphItem *mid =
            b < rs + run->item->length ? pango_glyph_item_split(rest, text, b - a) : NULL;
        draw_run(cr, text, mid ? mid : rest, x, y);
        if (mid)
            pango_glyph_item_free(mid);
        pango_glyph_item_free(rest);
        return;
    }
    int g0 = 0;
    while (g0 < g->num_glyphs && g->log_clusters[g0] < a - rs)
        x += PT(g->glyphs[g0++].geometry.width);
    int g1 = g0;
    while (g1 < g->num_glyphs && g->log_clusters[g1] < b - rs)
        g1++;
    if (g1 == g0)
        return;
    PangoItem item = *run->item;
    item.offset = a;
    item.length = b - a;
    item.num_chars = (int)g_utf8_strlen(text + a, b - a);
    int *clusters = g_new(int, g1 - g0);
    for (int i = g0; i < g1; i++)
        clusters[i - g0] = g->log_clusters[i] - (a - rs);
    PangoGlyphString view = *g;
    view.num_glyphs = g1 - g0;
    view.space = g1 - g0;
    view.glyphs = g->glyphs + g0;
    view.log_clusters = clusters;
    PangoGlyphItem part = *run;
    part.item = &item;
    part.glyphs = &view;
    draw_run(cr, text, &part, x, y);
    g_free(clusters);
}

/* Draws bytes [start, end) of one laid-out line. Runs that straddle the
 * range are drawn in part, so that a link or a ruby base is drawn, and
 * tagged, on its own. A cluster is drawn by the range that holds its first
 * byte, so that ranges next to each other draw each glyph once. Whole runs
 * next to each other in one font and colour are drawn as one (runmerge.h). */
static void draw_text(cairo_t *cr, const HkOp *op)
{
    PangoLayoutLine *line = pango_layout_get_line_readonly(op->layout, op->line);
    const char *text = pango_layout_get_text(op->layout);
    double x = op->x;
    HkRunMerge *m = hk_run_merge_new();
    for (GSList *l = line->runs; l; l = l->next) {
        PangoGlyphItem *run = l->data;
        int rs = run->item->offset, re = rs + run->item->length;
        double w = PT(pango_glyph_string_get_width(run->glyphs));
        int a = MAX(rs, op->start), b = MIN(re, op->end);
        if (a < b && a > rs)
            a = rs + cluster_start(run, a - rs);
        if (a < b && b < re)
            b = rs + cluster_start(run, b - rs);
        gboolean whole = a < b && a == rs && b == re;
        if (!whole || !hk_run_merge_add(m, run, x)) {
            hk_run_merge_flush(m, cr, text, op->y, draw_run);
            if (whole && !hk_run_merge_add(m, run, x))
                draw_run(cr, text, run, x, op->y);
            else if (a < b && !whole)
                draw_part(cr, text, run, a, b, x, op->y);
        }
        x += w;
    }
    hk_run_merge_flush(m, cr, text, op->y, draw_run);
    hk_run_merge_free(m);
}

static gboolean draw_image(cairo_t *cr, const HkOp *op, GError **error)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(op->path);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        hk_set_error_at(error, HK_ERROR_RENDER, op->path, 1, 1, "cannot read image: %s",
                        cairo_status_to_string(cairo_surface_status(img)));
        cairo_surface_destroy(img);
        return FALSE;
    }
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    cairo_save(cr);
    cairo_translate(cr, op->x, op->y);
    cairo_scale(cr, op->w / iw, op->h / ih);
    cairo_set_source_surface(cr, img, 0, 0);
    /* A fill, not cairo_paint: Cairo 1.16 fails at finish ("invalid tag
     * nesting") when a tagged paint is the first thing drawn on a page. */
    cairo_rectangle(cr, 0, 0, iw, ih);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
    return TRUE;
}

/* One glyph's outline in one colour, drawn once into a recording surface
 * that Cairo writes as a form XObject and reuses wherever it is painted. */
static cairo_surface_t *glyph_outline(GHashTable *cache, cairo_scaled_font_t *sf, PangoGlyph glyph,
                                      const double rgb[3])
{
    char *key = g_strdup_printf("%p %u %.4f %.4f %.4f", (void *)sf, glyph, rgb[0], rgb[1], rgb[2]);
    cairo_surface_t *g = g_hash_table_lookup(cache, key);
    if (g) {
        g_free(key);
        return g;
    }
    cairo_glyph_t cg = {glyph, 0, 0};
    cairo_text_extents_t ext;
    cairo_scaled_font_glyph_extents(sf, &cg, 1, &ext);
    cairo_rectangle_t box = {floor(ext.x_bearing) - 1, floor(ext.y_bearing) - 1,
                             ceil(ext.width) + 2, ceil(ext.height) + 2};
    g = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &box);
    cairo_t *c = cairo_create(g);
    cairo_set_scaled_font(c, sf);
    cairo_glyph_path(c, &cg, 1);
    cairo_set_source_rgb(c, rgb[0], rgb[1], rgb[2]);
    cairo_fill(c);
    cairo_destroy(c);
    g_hash_table_insert(cache, key, g);
    return g;
}

/* Ruby as outlines (see typeset.h), glyph by glyph through the cache: a
 * furigana edition sets thousands of readings from a hundred kana. */
static void draw_outline(cairo_t *cr, const HkOp *op, GHashTable *cache)
{
    PangoLayoutIter *it = pango_layout_get_iter(op->layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        double x = op->x + PT(logical.x);
        double y = op->y + PT(pango_layout_iter_get_baseline(it));
        cairo_scaled_font_t *sf =
            pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
        for (int i = 0; sf && i < run->glyphs->num_glyphs; i++) {
            const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
            if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
                cairo_surface_t *g = glyph_outline(cache, sf, gi->glyph, op->rgb);
                cairo_set_source_surface(cr, g, x + PT(gi->geometry.x_offset),
                                         y + PT(gi->geometry.y_offset));
                cairo_paint(cr);
            }
            x += PT(gi->geometry.width);
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

static void draw_rect(cairo_t *cr, const HkOp *op, const HkPageStyle *st)
{
    double x0 = op->x, y0 = op->y, x1 = op->x + op->w, y1 = op->y + op->h;
    /* What touches the trim edge runs on into the bleed, so that a
     * guillotine a little off does not leave a white sliver. */
    if (st->press) {
        if (x0 <= 0)
            x0 = -st->bleed;
        if (y0 <= 0)
            y0 = -st->bleed;
        if (x1 >= st->page_w)
            x1 = st->page_w + st->bleed;
        if (y1 >= st->page_h)
            y1 = st->page_h + st->bleed;
    }
    cairo_set_source_rgb(cr, op->rgb[0], op->rgb[1], op->rgb[2]);
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_fill(cr);
}

static void line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
}

/* Japanese crop marks (トンボ): at each corner an L at the bleed corner
 * and a second pair of lines on the trim lines, and a cross at the middle
 * of each side; all outside the bleed. */
static void draw_crop_marks(cairo_t *cr, const HkPageStyle *st, double w, double h, double off)
{
    double b = st->bleed;
    double len = MIN(HK_MM(10), off - b - HK_MM(1));
    /* The registration key: pdfx.c prints it on every plate (Separation
     * /All), so that the marks register each plate to the trim. */
    const double *reg = st->registration_rgb;
    cairo_set_source_rgb(cr, reg[0], reg[1], reg[2]);
    cairo_set_line_width(cr, 0.3);
    for (int i = 0; i < 4; i++) {
        double sx = i & 1 ? w : 0, sy = i & 2 ? h : 0;
        double dx = i & 1 ? 1 : -1, dy = i & 2 ? 1 : -1;
        line(cr, sx + dx * b, sy + dy * b, sx + dx * (b + len), sy + dy * b);
        line(cr, sx + dx * b, sy + dy * b, sx + dx * b, sy + dy * (b + len));
        line(cr, sx + dx * b, sy, sx + dx * (b + len), sy);
        line(cr, sx, sy + dy * b, sx, sy + dy * (b + len));
    }
    for (int i = 0; i < 2; i++) {
        double sy = i ? h : 0, dy = i ? 1 : -1;
        line(cr, w / 2, sy + dy * b, w / 2, sy + dy * (b + len));
        line(cr, w / 2 - len * 0.6, sy + dy * (b + len / 2), w / 2 + len * 0.6,
             sy + dy * (b + len / 2));
        double sx = i ? w : 0, dx = i ? 1 : -1;
        line(cr, sx + dx * b, h / 2, sx + dx * (b + len), h / 2);
        line(cr, sx + dx * (b + len / 2), h / 2 - len * 0.6, sx + dx * (b + len / 2),
             h / 2 + len * 0.6);
    }
    cairo_stroke(cr);
}

static void add_bookmark(cairo_surface_t *s, int *ids, const HkOp *op, double off)
{
    char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd(x, sizeof x, "%.2f", op->x + off);
    g_ascii_formatd(y, sizeof y, "%.2f", op->y + off);
    char *attrs = g_strdup_printf("page=%d pos=[%s %s]", op->page + 1, x, y);
    int level = CLAMP(op->level, 1, HK_HEADING_LEVELS);
    int parent = ids[level - 1];
    int id = cairo_pdf_surface_add_outline(s, parent, op->text, attrs,
                                           level <= 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    ids[level] = id;
    for (int k = level + 1; k <= HK_HEADING_LEVELS; k++)
        ids[k] = id;
    g_free(attrs);
}

struct HkPdfDrawer {
    const HkPageStyle *st;
    char *title; /* for messages */
    HkPdfDrawing d;
    cairo_surface_t *body, *furniture;
    cairo_t *bcr, *fcr;
    int page;  /* the body page being drawn */
    int fpage; /* the furniture page being drawn */
    /* structure operations waiting for the next drawing, which says on
     * what page they belong: copies, with their own strings */
    GArray *pending;
    GPtrArray *open; /* names of the open structure elements */
    GHashTable *outlines;
    int ids[HK_HEADING_LEVELS + 1];
    HkPdfLink *link; /* the open link (in d.links), or NULL */
};

HkPdfDrawer *hk_pdf_drawer_new(const HkPageStyle *st, const HkPdfMeta *meta)
{
    HkPdfDrawer *dr = g_new0(HkPdfDrawer, 1);
    HkPdfDrawing *d = &dr->d;
    dr->st = st;
    dr->title = g_strdup(meta->title);
    d->body = g_byte_array_new();
    d->furniture = g_byte_array_new();
    d->struct_attrs = g_ptr_array_new_with_free_func(struct_attr_free);
    d->links = g_ptr_array_new_with_free_func(link_free);
    d->offset = st->press ? MAX(st->slug, st->bleed) : 0;
    d->media_w = st->page_w + 2 * d->offset;
    d->media_h = st->page_h + 2 * d->offset;

    /* Body: the tagged content, in reading order. */
    dr->body = cairo_pdf_surface_create_for_stream(write_bytes, d->body, d->media_w, d->media_h);
    cairo_pdf_surface_set_metadata(dr->body, CAIRO_PDF_METADATA_TITLE, meta->title);
    if (meta->author)
        cairo_pdf_surface_set_metadata(dr->body, CAIRO_PDF_METADATA_AUTHOR, meta->author);
    if (meta->subject)
        cairo_pdf_surface_set_metadata(dr->body, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
    cairo_pdf_surface_set_metadata(dr->body, CAIRO_PDF_METADATA_CREATOR, meta->creator);
    dr->bcr = cairo_create(dr->body);
    cairo_translate(dr->bcr, d->offset, d->offset);

    /* Furniture: page for page, what is not content. */
    dr->furniture =
        cairo_pdf_surface_create_for_stream(write_bytes, d->furniture, d->media_w, d->media_h);
    dr->fcr = cairo_create(dr->furniture);
    cairo_translate(dr->fcr, d->offset, d->offset);

    dr->pending = g_array_new(FALSE, TRUE, sizeof(HkOp));
    dr->open = g_ptr_array_new();
    dr->outlines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)cairo_surface_destroy);
    dr->ids[0] = CAIRO_PDF_OUTLINE_ROOT;
    return dr;
}

static void structure_op(HkPdfDrawer *dr, const HkOp *op)
{
    switch (op->kind) {
    case HK_OP_BEGIN: {
        const char *name = role_name(op->role);
        char *attrs = NULL;
        if (op->role == HK_ROLE_LINK) {
            char *q = quote_attr(op->attr ? op->attr : "");
            attrs = g_strdup_printf("uri=%s", q);
            g_free(q);
            dr->link = link_new(op->attr);
            g_ptr_array_add(dr->d.links, dr->link);
        } else if (op->role == HK_ROLE_FIGURE) {
            add_struct_attr(&dr->d, "Figure", "Alt", op->attr ? op->attr : "");
        } else if (op->role == HK_ROLE_RT) {
            add_struct_attr(&dr->d, "RT", "ActualText", op->attr ? op->attr : "");
        } else if (op->role == HK_ROLE_SPAN) {
            /* a run in another language than the document's (langspan.h) */
            add_struct_attr(&dr->d, "Span", "Lang", op->attr);
        }
        cairo_tag_begin(dr->bcr, name, attrs ? attrs : "");
        g_ptr_array_add(dr->open, (gpointer)name);
        g_free(attrs);
        break;
    }
    case HK_OP_END:
        if (dr->open->len) {
            const char *name = g_ptr_array_index(dr->open, dr->open->len - 1);
            if (strcmp(name, CAIRO_TAG_LINK) == 0)
                dr->link = NULL;
            cairo_tag_end(dr->bcr, name);
            g_ptr_array_remove_index(dr->open, dr->open->len - 1);
        }
        break;
    case HK_OP_BOOKMARK:
        add_bookmark(dr->body, dr->ids, op, dr->d.offset);
        break;
    default:
        break;
    }
}

static void clear_pending(HkPdfDrawer *dr)
{
    for (guint i = 0; i < dr->pending->len; i++) {
        HkOp *op = &g_array_index(dr->pending, HkOp, i);
        g_free(op->attr);
        g_free(op->text);
    }
    g_array_set_size(dr->pending, 0);
}

/* Turns to `page` and opens and closes there the elements waiting for it. */
static void body_page(HkPdfDrawer *dr, int page)
{
    for (; dr->page < page; dr->page++)
        cairo_show_page(dr->bcr);
    for (guint i = 0; i < dr->pending->len; i++)
        structure_op(dr, &g_array_index(dr->pending, HkOp, i));
    clear_pending(dr);
}

/* Closes the furniture pages before `page`. */
static void furniture_page(HkPdfDrawer *dr, int page)
{
    const HkPageStyle *st = dr->st;
    for (; dr->fpage < page; dr->fpage++) {
        if (st->press && st->crop_marks)
            draw_crop_marks(dr->fcr, st, st->page_w, st->page_h, dr->d.offset);
        cairo_show_page(dr->fcr);
    }
}

gboolean hk_pdf_drawer_op(const HkOp *op, gpointer data, GError **error)
{
    HkPdfDrawer *dr = data;
    if (op->artifact) {
        furniture_page(dr, op->page);
        if (op->kind == HK_OP_TEXT)
            draw_text(dr->fcr, op);
        else if (op->kind == HK_OP_RECT)
            draw_rect(dr->fcr, op, dr->st);
        return TRUE;
    }
    switch (op->kind) {
    case HK_OP_BEGIN:
    case HK_OP_END:
    case HK_OP_BOOKMARK:
        /* An element opens on the page of the first thing drawn in it,
         * which is not known yet; what follows it waits with it. */
        if (op->kind == HK_OP_BEGIN || dr->pending->len) {
            HkOp copy = *op;
            copy.layout = NULL;
            copy.path = NULL;
            copy.attr = g_strdup(op->attr);
            copy.text = g_strdup(op->text);
            g_array_append_val(dr->pending, copy);
        } else {
            structure_op(dr, op);
        }
        return TRUE;
    case HK_OP_TEXT:
        body_page(dr, op->page);
        draw_text(dr->bcr, op);
        if (dr->link)
            link_add_text(dr->link, op, op->page, dr->d.offset, dr->d.media_h);
        return TRUE;
    case HK_OP_OUTLINE:
        body_page(dr, op->page);
        draw_outline(dr->bcr, op, dr->outlines);
        return TRUE;
    case HK_OP_IMAGE:
        body_page(dr, op->page);
        return draw_image(dr->bcr, op, error);
    case HK_OP_RECT:
        body_page(dr, op->page);
        draw_rect(dr->bcr, op, dr->st);
        return TRUE;
    }
    return TRUE;
}

static gboolean surface_done(cairo_surface_t *s, const char *title, gboolean ok, GError **error)
{
    cairo_surface_finish(s);
    if (ok && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        hk_set_error_at(error, HK_ERROR_RENDER, title, 1, 1, "cairo: %s",
                        cairo_status_to_string(cairo_surface_status(s)));
        ok = FALSE;
    }
    cairo_surface_destroy(s);
    return ok;
}

gboolean hk_pdf_drawer_finish(HkPdfDrawer *dr, int n_pages, HkPdfDrawing *out, GError **error)
{
    body_page(dr, n_pages - 1);
    /* The last page is shown here, not left to cairo_surface_finish, which
     * drops a last page with nothing drawn on it: a page that holds only
     * artifacts (rules) is blank in the body, and the body must have as
     * many pages as the furniture. */
    cairo_show_page(dr->bcr);
    cairo_destroy(dr->bcr);
    dr->bcr = NULL;
    gboolean ok = surface_done(dr->body, dr->title, TRUE, error);
    dr->body = NULL;
    furniture_page(dr, n_pages);
    cairo_destroy(dr->fcr);
    dr->fcr = NULL;
    ok = surface_done(dr->furniture, dr->title, ok, error);
    dr->furniture = NULL;
    if (ok) {
        *out = dr->d;
        memset(&dr->d, 0, sizeof dr->d);
    }
    hk_pdf_drawer_free(dr);
    return ok;
}

void hk_pdf_drawer_free(HkPdfDrawer *dr)
{
    if (!dr)
        return;
    if (dr->bcr)
        cairo_destroy(dr->bcr);
    if (dr->body)
        cairo_surface_destroy(dr->body);
    if (dr->fcr)
        cairo_destroy(dr->fcr);
    if (dr->furniture)
        cairo_surface_destroy(dr->furniture);
    clear_pending(dr);
    g_array_unref(dr->pending);
    g_ptr_array_unref(dr->open);
    g_hash_table_unref(dr->outlines);
    hk_pdf_drawing_clear(&dr->d);
    g_free(dr->title);
    g_free(dr);
}

void hk_pdf_drawing_clear(HkPdfDrawing *d)
{
    if (d->body)
        g_byte_array_unref(d->body);
    if (d->furniture)
        g_byte_array_unref(d->furniture);
    if (d->struct_attrs)
        g_ptr_array_unref(d->struct_attrs);
    if (d->links)
        g_ptr_array_unref(d->links);
    memset(d, 0, sizeof *d);
}
