#include "proof.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "document.h"
#include "error.h"

#define PT_PER_MM (72.0 / 25.4)
#define HEADER_MM 8.0

/* Cells are glyphs of a Cairo user font, which the PDF holds once as a
 * Type 3 font: a page of cells is two text-showing operators instead of six
 * arcs of path data per cell (which made the proof most of the braille
 * edition's time and size). Glyph g (0-63) is the raised dots of pattern g,
 * glyph UNRAISED + g the faint unraised positions of pattern g (glyphs 0
 * and UNRAISED draw nothing: they stand for a blank cell); both are
 * drawn with the top-left dot at the glyph origin. The font is used at
 * 1 pt, so that glyph units are points: Cairo keeps a glyph's outline to
 * 1/256 of the em, the same precision as a path on the page. */
#define UNRAISED 64

/* Distinct words whose shaped kana are kept (a few megabytes at most). */
#define WORD_CACHE_MAX 4096

typedef struct {
    double pitch;            /* dot pitch, pt */
    double raised_r, flat_r; /* dot radii, pt */
    double advance;          /* cell pitch, pt */
} CellShape;

static const cairo_user_data_key_t cell_shape_key;

typedef struct {
    const HkBrailleLayout *bl;
    cairo_t *cr;
    PangoLayout *small;
    PangoContext *pc;
    PangoAttrList *kana_attrs; /* the kana font */
    GHashTable *words;         /* kana → KanaWord */
    GPtrArray *line_words;     /* one line's words (KanaWord) */
    GArray *line_x;            /* and where each starts, mm */
    GString *line_text;        /* one line's kana, the words run together */
    PangoGlyphString *line_glyphs;
    double left, top; /* mm, of the first cell of the first line */
    cairo_font_face_t *cells;
    cairo_glyph_t *glyphs;          /* one line's cells */
    cairo_text_cluster_t *clusters; /* one per raised glyph: 3 bytes, 1 glyph */
    int glyphs_cap;
    GString *text; /* the Unicode braille of one line's raised glyphs */
} Proof;

static double mm(double v)
{
    return v * PT_PER_MM;
}

static cairo_status_t render_cell(cairo_scaled_font_t *font, unsigned long glyph, cairo_t *cr,
                                  cairo_text_extents_t *extents)
{
    const CellShape *shape =
        cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(font), &cell_shape_key);
    unsigned pattern = glyph % UNRAISED;
    double r = glyph < UNRAISED ? shape->raised_r : shape->flat_r;
    for (int n = 0; n < 6; n++) {
        if (!((pattern >> n) & 1))
            continue;
        cairo_new_sub_path(cr);
        cairo_arc(cr, n < 3 ? 0 : shape->pitch, (n % 3) * shape->pitch, r, 0, 2 * G_PI);
    }
    cairo_fill(cr);
    extents->x_advance = shape->advance;
    return CAIRO_STATUS_SUCCESS;
}

/* The font's extents bound every glyph: Cairo clips text to an estimate
 * made from them. */
static cairo_status_t init_cells(cairo_scaled_font_t *font, cairo_t *cr,
                                 cairo_font_extents_t *extents)
{
    (void)cr;
    const CellShape *shape =
        cairo_font_face_get_user_data(cairo_scaled_font_get_font_face(font), &cell_shape_key);
    extents->ascent = shape->raised_r;
    extents->descent = 2 * shape->pitch + shape->raised_r;
    extents->height = extents->ascent + extents->descent;
    extents->max_x_advance = shape->advance;
    extents->max_y_advance = 0;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_font_face_t *cell_font(const HkBrailleLayout *bl)
{
    CellShape *shape = g_new(CellShape, 1);
    shape->pitch = mm(bl->dot_pitch);
    shape->raised_r = mm(bl->dot_diameter / 2);
    shape->flat_r = mm(bl->dot_diameter / 6);
    shape->advance = mm(bl->cell_pitch);
    cairo_font_face_t *face = cairo_user_font_face_create();
    cairo_user_font_face_set_init_func(face, init_cells);
    cairo_user_font_face_set_render_glyph_func(face, render_cell);
    cairo_font_face_set_user_data(face, &cell_shape_key, shape, g_free);
    return face;
}

/* The cells of a page: the unraised positions in grey, then the raised
 * dots in black, the latter with their Unicode braille as the text (a blank
 * cell as a space) so that the proof's text layer reads as the braille.
 * Each layer is one text-showing operation for the whole page, Cairo's
 * cost being mostly per operation; a blank cell inside a line is a glyph
 * that draws nothing, so that a line is one run of glyphs with no moves
 * (each move is numbers Cairo formats). */
static void draw_cells(Proof *p, const HkBraillePage *page)
{
    const HkBrailleLayout *bl = p->bl;
    int cells = 0;
    for (guint r = 0; r < page->lines->len; r++)
        cells += ((const HkBrailleLine *)g_ptr_array_index(page->lines, r))->len;
    if (cells > p->glyphs_cap) {
        p->glyphs_cap = cells;
        p->glyphs = g_renew(cairo_glyph_t, p->glyphs, p->glyphs_cap);
        p->clusters = g_renew(cairo_text_cluster_t, p->clusters, p->glyphs_cap);
    }
    cairo_set_font_face(p->cr, p->cells);
    cairo_set_font_size(p->cr, 1.0);
    for (int layer = 0; layer < 2; layer++) {
        gboolean raised = layer == 1;
        int n = 0;
        g_string_truncate(p->text, 0);
        for (guint r = 0; r < page->lines->len; r++) {
            const HkBrailleLine *l = g_ptr_array_index(page->lines, r);
            double y = mm(p->top + r * bl->line_pitch);
            int c = 0;
            while (c < l->len && !l->dots[c])
                c++;
            for (; c < l->len; c++) {
                unsigned dots = l->dots[c] & 63u;
                /* The grey layer draws nothing for a blank or a full cell. */
                unsigned glyph = raised ? dots : UNRAISED + (dots ? ~dots & 63u : 0);
                p->glyphs[n] = (cairo_glyph_t){glyph, mm(p->left + c * bl->cell_pitch), y};
                if (raised) {
                    gsize before = p->text->len;
                    if (dots)
                        g_string_append_unichar(p->text, 0x2800 + dots);
                    else
                        g_string_append_c(p->text, ' ');
                    p->clusters[n] = (cairo_text_cluster_t){(int)(p->text->len - before), 1};
                }
                n++;
            }
        }
        if (!n)
            continue;
        if (raised) {
            cairo_set_source_rgb(p->cr, 0, 0, 0);
            cairo_show_text_glyphs(p->cr, p->text->str, (int)p->text->len, p->glyphs, n,
                                   p->clusters, n, 0);
        } else {
            cairo_set_source_rgb(p->cr, 0.78, 0.78, 0.78);
            /* No text: one cluster of all the glyphs and no bytes. */
            cairo_text_cluster_t none = {0, n};
            cairo_show_text_glyphs(p->cr, "", 0, p->glyphs, n, &none, 1, 0);
        }
    }
}

/* A word's kana shaped once: its runs and its size. */
typedef struct {
    PangoItem *item;
    PangoGlyphString *glyphs;
} KanaRun;

typedef struct {
    char *text; /* the runs' items index into it */
    KanaRun *runs;
    int n_runs;
    int width, baseline; /* Pango units */
} KanaWord;

static void kana_word_free(gpointer data)
{
    KanaWord *w = data;
    for (int i = 0; i < w->n_runs; i++) {
        pango_item_free(w->runs[i].item);
        pango_glyph_string_free(w->runs[i].glyphs);
    }
    g_free(w->runs);
    g_free(w->text);
    g_free(w);
}

/* The shaped kana of a word. Words recur all through a document, so each
 * distinct one is shaped once (draw_kana empties the cache between lines
 * when it grows large, so that memory stays flat on long documents). A
 * word is one line of
 * text, so it is itemized and shaped directly rather than through a
 * PangoLayout, whose line breaking it does not need. */
/* The kana as the proof prints it. The transcription may hold braille
 * cells written out (⠠⠦…⠠⠴ around computer text, ⠦…⠴ around English, a
 * 数符), which the kana font has no glyph for: each run of them is printed
 * as its dot numbers, ［6・236］, so the proofreader sees which cells. */
static char *printable_kana(const char *kana)
{
    GString *s = g_string_new(NULL);
    gboolean in_cells = FALSE;
    for (const char *c = kana; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        gboolean cell = u >= 0x2800 && u <= 0x28FF;
        if (cell != in_cells)
            g_string_append(s, cell ? "［" : "］");
        else if (cell)
            g_string_append(s, "・");
        in_cells = cell;
        if (!cell) {
            g_string_append_unichar(s, u);
            continue;
        }
        if (u == 0x2800)
            g_string_append_c(s, '0'); /* a blank cell */
        for (int d = 0; d < 8; d++)
            if ((u - 0x2800) & (1u << d))
                g_string_append_c(s, (char)('1' + d));
    }
    if (in_cells)
        g_string_append(s, "］");
    return g_string_free(s, FALSE);
}

static const KanaWord *kana_word(Proof *p, const char *kana)
{
    KanaWord *w = g_hash_table_lookup(p->words, kana);
    if (w)
        return w;
    w = g_new0(KanaWord, 1);
    w->text = printable_kana(kana);
    int len = (int)strlen(w->text);
    GList *items = pango_itemize(p->pc, w->text, 0, len, p->kana_attrs, NULL);
    w->runs = g_new(KanaRun, g_list_length(items));
    for (GList *i = items; i; i = i->next) {
        PangoItem *item = i->data;
        PangoGlyphString *glyphs = pango_glyph_string_new();
        pango_shape_full(w->text + item->offset, item->length, w->text, len, &item->analysis,
                         glyphs);
        PangoRectangle logical;
        pango_glyph_string_extents(glyphs, item->analysis.font, NULL, &logical);
        w->width += logical.width;
        w->baseline = MAX(w->baseline, -logical.y);
        w->runs[w->n_runs++] = (KanaRun){item, glyphs};
    }
    g_list_free(items);
    g_hash_table_insert(p->words, g_strdup(kana), w);
    return w;
}

/* One word's runs at x (points), baseline y. */
static void draw_word(Proof *p, const KanaWord *w, double x, double y)
{
    for (int r = 0; r < w->n_runs; r++) {
        PangoGlyphItem run = {.item = w->runs[r].item, .glyphs = w->runs[r].glyphs};
        cairo_move_to(p->cr, x, y);
        pango_cairo_show_glyph_item(p->cr, w->text, &run);
        x += (double)pango_glyph_string_get_width(run.glyphs) / PANGO_SCALE;
    }
}

/* The kana of one line, each word under its first cell or, if the previous
 * word reaches further, just after it. When every word is in one font (the
 * usual case), the line is drawn as one glyph run with the gaps between
 * words added to the advance of each word's last glyph: one text object
 * per line instead of one per word. */
static void draw_kana(Proof *p, const HkBrailleLine *l, double y)
{
    const HkBrailleLayout *bl = p->bl;
    double end = -1e9; /* where the previous word's kana ended, mm */
    /* Only here, before a line: the line's words point into the cache
     * until it is drawn. */
    if (g_hash_table_size(p->words) >= WORD_CACHE_MAX)
        g_hash_table_remove_all(p->words);
    g_ptr_array_set_size(p->line_words, 0);
    g_array_set_size(p->line_x, 0);
    PangoFont *font = NULL;
    gboolean one_run = TRUE;
    int n_glyphs = 0;
    for (guint i = 0; i < l->marks->len; i++) {
        const HkBrailleMark *m = &g_array_index(l->marks, HkBrailleMark, i);
        if (!m->kana || !*m->kana)
            continue;
        const KanaWord *w = kana_word(p, m->kana);
        double x = MAX(p->left + m->col * bl->cell_pitch - bl->dot_diameter / 2, end + 0.8);
        g_ptr_array_add(p->line_words, (gpointer)w);
        g_array_append_val(p->line_x, x);
        end = x + (double)w->width / PANGO_SCALE / PT_PER_MM;
        for (int r = 0; r < w->n_runs; r++) {
            const PangoAnalysis *a = &w->runs[r].item->analysis;
            one_run = one_run && (!font || a->font == font) && a->level % 2 == 0;
            font = a->font;
            n_glyphs += w->runs[r].glyphs->num_glyphs;
        }
        one_run = one_run && w->n_runs > 0 && w->runs[w->n_runs - 1].glyphs->num_glyphs > 0;
    }
    guint n = p->line_words->len;
    if (n == 0)
        return;
    if (l->kana_exact)
        cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
    else
        cairo_set_source_rgb(p->cr, 0.75, 0.1, 0.1);
    if (!one_run) {
        for (guint k = 0; k < n; k++) {
            const KanaWord *w = g_ptr_array_index(p->line_words, k);
            double x = g_array_index(p->line_x, double, k);
            draw_word(p, w, mm(x), mm(y) + (double)w->baseline / PANGO_SCALE);
        }
        return;
    }
    GString *text = p->line_text;
    PangoGlyphString *g = p->line_glyphs;
    g_string_truncate(text, 0);
    pango_glyph_string_set_size(g, n_glyphs);
    int gi = 0;
    double x0 = g_array_index(p->line_x, double, 0);
    const KanaWord *first = g_ptr_array_index(p->line_words, 0);
    for (guint k = 0; k < n; k++) {
        const KanaWord *w = g_ptr_array_index(p->line_words, k);
        int offset = (int)text->len;
        g_string_append(text, w->text);
        for (int r = 0; r < w->n_runs; r++) {
            const PangoGlyphString *rg = w->runs[r].glyphs;
            for (int j = 0; j < rg->num_glyphs; j++, gi++) {
                g->glyphs[gi] = rg->glyphs[j];
                g->log_clusters[gi] = offset + w->runs[r].item->offset + rg->log_clusters[j];
            }
        }
        if (k + 1 < n) {
            /* Word starts in Pango units from the line's start, rounded
             * once each, so that rounding does not add up along a line. */
            double here = g_array_index(p->line_x, double, k) - x0;
            double next = g_array_index(p->line_x, double, k + 1) - x0;
            g->glyphs[gi - 1].geometry.width +=
                (int)(lround(mm(next) * PANGO_SCALE) - lround(mm(here) * PANGO_SCALE) - w->width);
        }
    }
    PangoItem item = {.offset = 0,
                      .length = (int)text->len,
                      .num_chars = (int)g_utf8_strlen(text->str, (gssize)text->len),
                      .analysis = first->runs[0].item->analysis};
    PangoGlyphItem run = {.item = &item, .glyphs = g};
    cairo_move_to(p->cr, mm(x0), mm(y) + (double)first->baseline / PANGO_SCALE);
    pango_cairo_show_glyph_item(p->cr, text->str, &run);
}

static void draw_page(Proof *p, const HkBrailleBook *book, guint index)
{
    const HkBrailleLayout *bl = p->bl;
    const HkBraillePage *page = g_ptr_array_index(book->pages, index);
    /* Running header: which page of the file this is, outside the braille. */
    static const char *const part[] = {"標題紙", "目次", "本文"};
    char *title = book->volumes > 1
                      ? g_strdup_printf("%s 第%d巻", book->title ? book->title : "", book->volume)
                      : g_strdup(book->title ? book->title : "");
    char *head = page->number
                     ? g_strdup_printf("%s — %s  点字ページ %d  (%u/%u)", title, part[page->kind],
                                       page->number, index + 1, book->pages->len)
                     : g_strdup_printf("%s — %s  (%u/%u)", title, part[page->kind], index + 1,
                                       book->pages->len);
    g_free(title);
    pango_layout_set_text(p->small, head, -1);
    cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
    cairo_move_to(p->cr, mm(bl->margin), mm(bl->margin));
    pango_cairo_show_layout(p->cr, p->small);
    g_free(head);
    /* The frame of the embossable area: cols x rows at true pitch. */
    cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
    cairo_set_line_width(p->cr, 0.4);
    cairo_rectangle(p->cr, mm(p->left - bl->dot_diameter), mm(p->top - bl->dot_diameter),
                    mm(book->cols * bl->cell_pitch), mm(book->rows * bl->line_pitch));
    cairo_stroke(p->cr);
    draw_cells(p, page);
    for (guint r = 0; r < page->lines->len; r++) {
        const HkBrailleLine *l = g_ptr_array_index(page->lines, r);
        double y = p->top + r * bl->line_pitch;
        if (l->split) {
            /* A word cut at the line end: a red bar after the last cell. */
            double x = p->left + book->cols * bl->cell_pitch - bl->dot_diameter;
            cairo_set_source_rgb(p->cr, 0.8, 0.1, 0.1);
            cairo_set_line_width(p->cr, mm(0.6));
            cairo_move_to(p->cr, mm(x), mm(y - bl->dot_diameter));
            cairo_line_to(p->cr, mm(x), mm(y + 2 * bl->dot_pitch + bl->dot_diameter));
            cairo_stroke(p->cr);
        }
        draw_kana(p, l, y + 2 * bl->dot_pitch + bl->dot_diameter);
    }
}

/* Cairo stamps the clock of the run, which would make the proof differ
 * from run to run; the date comes from the document instead, and cairo
 * writes none when given one it cannot parse (""). Cairo before 1.17.6
 * writes a given date without the "D:" prefix that ISO 32000-1 7.9.4
 * requires, so with those the proof carries no date at all. */
static void set_dates(cairo_surface_t *s, const char *declared)
{
    GDateTime *date =
        cairo_version() >= CAIRO_VERSION_ENCODE(1, 17, 6) ? hk_output_date(declared) : NULL;
    char *iso = date ? g_date_time_format(date, "%Y-%m-%dT%H:%M:%SZ") : g_strdup("");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, iso);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, iso);
    g_free(iso);
    if (date)
        g_date_time_unref(date);
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

GBytes *hk_proof_bytes(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                       const char *name, GError **error)
{
    double w = 2 * bl->margin + book->cols * bl->cell_pitch;
    double h = 2 * bl->margin + HEADER_MM + book->rows * bl->line_pitch;
    /* Drawn to memory: output.c alone writes files, checking every write
     * (Cairo's file writer does not report a failed close). */
    GByteArray *buf = g_byte_array_new();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(append, buf, mm(w), mm(h));
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        hk_set_error_file(error, HK_ERROR_RENDER, name, "cannot draw the proof PDF: %s",
                          cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        g_byte_array_unref(buf);
        return NULL;
    }
    if (book->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, book->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "hiraku");
    set_dates(s, book->date);
    Proof p = {.bl = bl, .cr = cairo_create(s)};
    p.left = bl->margin + bl->dot_diameter;
    p.top = bl->margin + HEADER_MM + bl->dot_diameter;
    p.cells = cell_font(bl);
    p.text = g_string_new(NULL);
    PangoContext *pc = hk_fonts_context(fonts);
    pango_cairo_update_context(p.cr, pc);
    p.small = pango_layout_new(pc);
    p.words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, kana_word_free);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, bl->kana_font);
    pango_font_description_set_absolute_size(fd, mm(bl->kana_size) * PANGO_SCALE);
    p.pc = pc;
    p.kana_attrs = pango_attr_list_new();
    pango_attr_list_insert(p.kana_attrs, pango_attr_font_desc_new(fd));
    p.line_words = g_ptr_array_new();
    p.line_x = g_array_new(FALSE, FALSE, sizeof(double));
    p.line_text = g_string_new(NULL);
    p.line_glyphs = pango_glyph_string_new();
    pango_font_description_set_absolute_size(fd, mm(3.0) * PANGO_SCALE);
    pango_layout_set_font_description(p.small, fd);
    pango_font_description_free(fd);
    for (guint i = 0; i < book->pages->len; i++) {
        draw_page(&p, book, i);
        cairo_show_page(p.cr);
    }
    cairo_font_face_destroy(p.cells);
    g_free(p.glyphs);
    g_free(p.clusters);
    g_string_free(p.text, TRUE);
    g_object_unref(p.small);
    g_hash_table_destroy(p.words);
    pango_attr_list_unref(p.kana_attrs);
    g_ptr_array_unref(p.line_words);
    g_array_unref(p.line_x);
    g_string_free(p.line_text, TRUE);
    pango_glyph_string_free(p.line_glyphs);
    g_object_unref(pc);
    /* A drawing error stops the context, not the surface: check both. */
    cairo_status_t st = cairo_status(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        hk_set_error_file(error, HK_ERROR_RENDER, name, "cannot draw the proof PDF: %s",
                          cairo_status_to_string(st));
        g_byte_array_unref(buf);
        return NULL;
    }
    return g_byte_array_free_to_bytes(buf);
}
