#include "proof.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "error.h"

#define PT_PER_MM (72.0 / 25.4)
#define HEADER_MM 8.0

typedef struct {
    const HkBrailleLayout *bl;
    cairo_t *cr;
    PangoLayout *kana, *small;
    double left, top; /* mm, of the first cell of the first line */
} Proof;

static double mm(double v)
{
    return v * PT_PER_MM;
}

static void draw_cell(Proof *p, double x, double y, guint8 dots)
{
    const HkBrailleLayout *bl = p->bl;
    for (int n = 0; n < 6; n++) {
        double cx = x + (n < 3 ? 0 : bl->dot_pitch), cy = y + (n % 3) * bl->dot_pitch;
        gboolean raised = (dots >> n) & 1;
        double r = raised ? bl->dot_diameter / 2 : bl->dot_diameter / 6;
        cairo_new_sub_path(p->cr);
        cairo_arc(p->cr, mm(cx), mm(cy), mm(r), 0, 2 * G_PI);
        if (raised)
            cairo_set_source_rgb(p->cr, 0, 0, 0);
        else
            cairo_set_source_rgb(p->cr, 0.78, 0.78, 0.78);
        cairo_fill(p->cr);
    }
}

static void draw_kana(Proof *p, const HkBrailleLine *l, double y)
{
    const HkBrailleLayout *bl = p->bl;
    double end = -1e9; /* where the previous word's kana ended, mm */
    for (guint i = 0; i < l->marks->len; i++) {
        const HkBrailleMark *m = &g_array_index(l->marks, HkBrailleMark, i);
        if (!m->kana || !*m->kana)
            continue;
        pango_layout_set_text(p->kana, m->kana, -1);
        int w, h;
        pango_layout_get_size(p->kana, &w, &h);
        double x = MAX(p->left + m->col * bl->cell_pitch - bl->dot_diameter / 2, end + 0.8);
        if (l->kana_exact)
            cairo_set_source_rgb(p->cr, 0.1, 0.1, 0.1);
        else
            cairo_set_source_rgb(p->cr, 0.75, 0.1, 0.1);
        cairo_move_to(p->cr, mm(x), mm(y));
        pango_cairo_show_layout(p->cr, p->kana);
        end = x + (double)w / PANGO_SCALE / PT_PER_MM;
    }
}

static void draw_page(Proof *p, const HkBrailleBook *book, guint index)
{
    const HkBrailleLayout *bl = p->bl;
    const HkBraillePage *page = g_ptr_array_index(book->pages, index);
    /* Running header: which page of the file this is, outside the braille. */
    static const char *const part[] = {"標題紙", "目次", "本文"};
    char *head = page->number ? g_strdup_printf("%s — %s  点字ページ %d  (%u/%u)",
                                                book->title ? book->title : "", part[page->kind],
                                                page->number, index + 1, book->pages->len)
                              : g_strdup_printf("%s — %s  (%u/%u)", book->title ? book->title : "",
                                                part[page->kind], index + 1, book->pages->len);
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
    for (guint r = 0; r < page->lines->len; r++) {
        const HkBrailleLine *l = g_ptr_array_index(page->lines, r);
        double y = p->top + r * bl->line_pitch;
        for (int c = 0; c < l->len; c++)
            if (l->dots[c])
                draw_cell(p, p->left + c * bl->cell_pitch, y, l->dots[c]);
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

gboolean hk_proof_write(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                        const char *path, const char *name, GError **error)
{
    double w = 2 * bl->margin + book->cols * bl->cell_pitch;
    double h = 2 * bl->margin + HEADER_MM + book->rows * bl->line_pitch;
    cairo_surface_t *s = cairo_pdf_surface_create(path, mm(w), mm(h));
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        hk_set_error_at(error, HK_ERROR_RENDER, name, 1, 1, "cannot write the proof PDF: %s",
                        cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return FALSE;
    }
    if (book->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, book->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "hiraku");
    Proof p = {.bl = bl, .cr = cairo_create(s)};
    p.left = bl->margin + bl->dot_diameter;
    p.top = bl->margin + HEADER_MM + bl->dot_diameter;
    PangoContext *pc = hk_fonts_context(fonts);
    pango_cairo_update_context(p.cr, pc);
    p.kana = pango_layout_new(pc);
    p.small = pango_layout_new(pc);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, bl->kana_font);
    pango_font_description_set_absolute_size(fd, mm(bl->kana_size) * PANGO_SCALE);
    pango_layout_set_font_description(p.kana, fd);
    pango_font_description_set_absolute_size(fd, mm(3.0) * PANGO_SCALE);
    pango_layout_set_font_description(p.small, fd);
    pango_font_description_free(fd);
    for (guint i = 0; i < book->pages->len; i++) {
        draw_page(&p, book, i);
        cairo_show_page(p.cr);
    }
    g_object_unref(p.kana);
    g_object_unref(p.small);
    g_object_unref(pc);
    cairo_destroy(p.cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        hk_set_error_at(error, HK_ERROR_RENDER, name, 1, 1, "cannot write the proof PDF: %s",
                        cairo_status_to_string(st));
        return FALSE;
    }
    return TRUE;
}
