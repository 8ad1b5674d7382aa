/* bench/bare.c: the ceiling of hiraku's own stack for the print editions.
 *
 * Sets plain text (blocks separated by blank lines; a block that opens
 * with "# " to "###### " is a heading of that level, bench/plain-text.sh
 * writes it) with Pango on the page of a hiraku layout (layouts/<edition>-a4.ini:
 * page size, margins, text block a whole number of characters wide, the
 * fonts, sizes, leading, indent, spacing and justification of the body and
 * the headings) into one Cairo PDF surface: one PangoLayout a paragraph,
 * its lines placed at the style's pitch, a page break between any two
 * lines, nothing else. No tagging, no JLREQ composition, no kinsoku beyond
 * Pango's own line breaking, no keeps, no header or footer, no ruby, no
 * post-processing. Its time is what Pango+HarfBuzz+Cairo alone need to set
 * the same text: the floor under hiraku's print and large-type editions.
 * Not part of hiraku; `make bench` builds it (mk/bench.mk).
 *
 * --threads N (N >= 2) lays the paragraphs out on N worker threads, each
 * with its own fontconfig configuration, PangoFontMap and PangoContext, so
 * no Pango object is used by two threads. A worker hands over plain glyph
 * records and referenced cairo scaled fonts (cairo's objects are made to
 * be shared between threads) and the main thread alone draws them into
 * the PDF surface, in document order. */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define LEVELS 7 /* body, then heading1..6 */
#define BATCH 16 /* paragraphs a worker lays out at a time */

/* Pango's placeholders (an empty glyph, a character the font lacks) are
 * not glyphs of the font; the serial path's renderer skips or boxes them. */
static gboolean is_drawn(PangoGlyph g)
{
    return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG);
}

typedef struct {
    char *font;
    gboolean bold, justify;
    double size, leading, indent, before, after; /* indent, before, after: em */
} Style;

typedef struct {
    double width, height, top, bottom, left, measure; /* points */
    Style style[LEVELS];
} Page;

typedef struct {
    int level; /* 0 body, 1..6 heading */
    const char *text;
} Block;

/* Where the next line goes: page breaks happen here and only here. */
typedef struct {
    cairo_t *cr;
    const Page *pg;
    double y;
    gboolean fresh; /* nothing set on this page yet */
    int pages;
} Flow;

static void die(const char *what, const char *why)
{
    fprintf(stderr, "bare: %s: %s\n", what, why);
    exit(1);
}

/* A key of the style for LEVEL, inherited as hiraku's layouts do: a heading
 * from the heading above it, heading1 and every other style from [body]. */
static const char *style_group(GKeyFile *kf, int level, const char *key)
{
    static const char *groups[LEVELS] = {"body",     "heading1", "heading2", "heading3",
                                         "heading4", "heading5", "heading6"};
    for (int l = level; l >= 0; l--)
        if (g_key_file_has_key(kf, groups[l], key, NULL))
            return groups[l];
    return NULL;
}

static double style_num(GKeyFile *kf, const char *path, int level, const char *key)
{
    const char *g = style_group(kf, level, key);
    if (!g) {
        fprintf(stderr, "bare: %s: no '%s' in [body] or the heading above\n", path, key);
        exit(1);
    }
    GError *e = NULL;
    double v = g_key_file_get_double(kf, g, key, &e);
    if (e)
        die(path, e->message);
    return v;
}

static gboolean style_bool(GKeyFile *kf, int level, const char *key)
{
    const char *g = style_group(kf, level, key);
    return g ? g_key_file_get_boolean(kf, g, key, NULL) : FALSE;
}

static double page_mm(GKeyFile *kf, const char *path, const char *key)
{
    GError *e = NULL;
    double v = g_key_file_get_double(kf, "page", key, &e);
    if (e)
        die(path, e->message);
    return v * MM;
}

static void read_layout(const char *path, Page *pg)
{
    GKeyFile *kf = g_key_file_new();
    GError *e = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &e))
        die(path, e->message);
    for (int l = 0; l < LEVELS; l++) {
        Style *s = &pg->style[l];
        const char *g = style_group(kf, l, "font");
        s->font = g ? g_key_file_get_string(kf, g, "font", NULL) : g_strdup("BIZ UDMincho");
        s->bold = style_bool(kf, l, "bold");
        s->justify = style_bool(kf, l, "justify");
        s->size = style_num(kf, path, l, "size");
        s->leading = style_num(kf, path, l, "leading");
        s->indent = style_num(kf, path, l, "indent");
        s->before = style_num(kf, path, l, "space_before");
        s->after = style_num(kf, path, l, "space_after");
    }
    pg->width = page_mm(kf, path, "width_mm");
    pg->height = page_mm(kf, path, "height_mm");
    pg->top = page_mm(kf, path, "margin_top_mm");
    pg->bottom = pg->height - page_mm(kf, path, "margin_bottom_mm");
    pg->left = page_mm(kf, path, "margin_left_mm");
    pg->measure = pg->width - pg->left - page_mm(kf, path, "margin_right_mm");
    if (g_key_file_get_boolean(kf, "page", "whole_characters", NULL)) {
        /* As hiraku sets it: a whole number of body characters, centred. */
        pg->measure = floor(pg->measure / pg->style[0].size) * pg->style[0].size;
        pg->left = (pg->width - pg->measure) / 2;
    }
    g_key_file_free(kf);
}

/* A block's level: "# " to "###### " open a heading, and are cut off. */
static Block classify(const char *text)
{
    Block b = {0, text};
    while (b.level < 6 && text[b.level] == '#')
        b.level++;
    if (b.level > 0 && text[b.level] == ' ')
        b.text += b.level + 1;
    else
        b.level = 0;
    return b;
}

/* Blocks are separated by lines that are empty or only white space (a CR
 * of CRLF text included); the lines of a block stay lines. TEXT is cut in
 * place: the blocks point into it. */
static Block *read_blocks(char *text, int *n)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(Block));
    char *start = NULL, *last = NULL; /* the open block, the end of its last line */
    for (char *line = text; line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : NULL;
        char *end = nl ? nl : line + strlen(line);
        gboolean blank = TRUE;
        for (char *c = line; c < end && blank; c++)
            blank = g_ascii_isspace(*c);
        if (!blank && !start)
            start = line;
        if (!blank)
            last = end;
        if ((blank || !next) && start) {
            *last = '\0';
            Block b = classify(g_strchomp(start));
            g_array_append_val(a, b);
            start = NULL;
        }
        line = next;
    }
    *n = (int)a->len;
    return (Block *)g_array_free(a, FALSE);
}

/* A font map and context of their own (one a thread), on fonts.conf alone
 * with the options hiraku sets for PDF output (src/print/fonts.c). */
static PangoContext *open_context(const char *conf, PangoFontMap **map_out)
{
    FcConfig *fc = FcConfigCreate();
    if (!FcConfigParseAndLoad(fc, (const FcChar8 *)conf, FcTrue) || !FcConfigBuildFonts(fc))
        die(conf, "fontconfig could not load it");
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), fc);
    FcConfigDestroy(fc); /* the font map holds its own reference */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    PangoContext *ctx = pango_font_map_create_context(map);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    cairo_font_options_t *o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, o);
    cairo_font_options_destroy(o);
    pango_context_set_language(ctx, pango_language_from_string("ja"));
    *map_out = map;
    return ctx;
}

static void close_context(PangoContext *ctx, PangoFontMap *map)
{
    g_object_unref(ctx);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), NULL);
    g_object_unref(map);
}

static void make_fonts(const Page *pg, PangoFontDescription *fd[LEVELS])
{
    for (int l = 0; l < LEVELS; l++) {
        fd[l] = pango_font_description_from_string(pg->style[l].font);
        pango_font_description_set_size(fd[l], (int)lround(pg->style[l].size * PANGO_SCALE));
        pango_font_description_set_weight(fd[l], pg->style[l].bold ? PANGO_WEIGHT_BOLD
                                                                   : PANGO_WEIGHT_NORMAL);
    }
}

static PangoLayout *block_layout(PangoContext *ctx, const Page *pg, PangoFontDescription **fd,
                                 const Block *b)
{
    const Style *s = &pg->style[b->level];
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, fd[b->level]);
    pango_layout_set_width(l, (int)lround(pg->measure * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_justify(l, s->justify);
    pango_layout_set_indent(l, (int)lround(s->indent * s->size * PANGO_SCALE));
    pango_layout_set_text(l, b->text, -1);
    return l;
}

/* Space above a paragraph, none at the head of a page. */
static void flow_begin(Flow *f, const Style *s)
{
    if (!f->fresh)
        f->y += s->before * s->size;
}

/* The top of the band of height PITCH the next line takes, after a page
 * break if it does not fit under the last one. */
static double flow_line(Flow *f, double pitch)
{
    if (!f->fresh && f->y + pitch > f->pg->bottom) {
        cairo_show_page(f->cr);
        f->pages++;
        f->y = f->pg->top;
    }
    double top = f->y;
    f->y += pitch;
    f->fresh = FALSE;
    return top;
}

/* The baseline of a line of logical height HEIGHT, ASCENT above its
 * baseline, centred in a band of PITCH from TOP (half-leading above and
 * below, as CSS and hiraku set a line). */
static double band_baseline(double top, double pitch, double height, double ascent)
{
    return top + (pitch - height) / 2 + ascent;
}

/* The serial path: Pango draws each line itself. */
static void set_block(Flow *f, PangoContext *ctx, PangoFontDescription **fd, const Block *b)
{
    const Style *s = &f->pg->style[b->level];
    double pitch = s->size * s->leading;
    PangoLayout *l = block_layout(ctx, f->pg, fd, b);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    flow_begin(f, s);
    do {
        PangoRectangle log;
        pango_layout_iter_get_line_extents(it, NULL, &log);
        double ascent = (pango_layout_iter_get_baseline(it) - log.y) / (double)PANGO_SCALE;
        double y =
            band_baseline(flow_line(f, pitch), pitch, log.height / (double)PANGO_SCALE, ascent);
        cairo_move_to(f->cr, f->pg->left + log.x / (double)PANGO_SCALE, y);
        pango_cairo_show_layout_line(f->cr, pango_layout_iter_get_line_readonly(it));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    f->y += s->after * s->size;
}

/* ---- the threaded path: workers lay out, the main thread draws ---- */

typedef struct {
    cairo_scaled_font_t *font; /* referenced */
    cairo_glyph_t *glyphs;     /* x from the line's left end, y from its baseline */
    int n_glyphs;
    char *utf8;
    int n_bytes;
    cairo_text_cluster_t *clusters; /* NULL: drawn without text */
    int n_clusters;
} Run;

typedef struct {
    double x, height, ascent; /* points */
    Run *runs;
    int n_runs;
} Line;

typedef struct {
    Line *lines;
    int n_lines;
} Para;

/* The clusters of a run, counting only the glyphs that are drawn. */
static void run_clusters(Run *r, PangoGlyphItem *gi, const char *text)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
    PangoGlyphItemIter it;
    for (gboolean ok = pango_glyph_item_iter_init_start(&it, gi, text); ok;
         ok = pango_glyph_item_iter_next_cluster(&it)) {
        cairo_text_cluster_t c = {it.end_index - it.start_index, 0};
        for (int g = it.start_glyph; g < it.end_glyph; g++)
            c.num_glyphs += is_drawn(gi->glyphs->glyphs[g].glyph);
        g_array_append_val(a, c);
    }
    r->n_clusters = (int)a->len;
    r->clusters = (cairo_text_cluster_t *)g_array_free(a, FALSE);
}

static Run record_run(PangoGlyphItem *gi, const char *text, double x)
{
    PangoGlyphString *gs = gi->glyphs;
    Run r = {0};
    r.font = cairo_scaled_font_reference(
        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(gi->item->analysis.font)));
    r.glyphs = g_new(cairo_glyph_t, gs->num_glyphs);
    for (int i = 0; i < gs->num_glyphs; i++) {
        PangoGlyphInfo *g = &gs->glyphs[i];
        if (is_drawn(g->glyph))
            r.glyphs[r.n_glyphs++] =
                (cairo_glyph_t){g->glyph, x + g->geometry.x_offset / (double)PANGO_SCALE,
                                g->geometry.y_offset / (double)PANGO_SCALE};
        x += g->geometry.width / (double)PANGO_SCALE;
    }
    r.utf8 = g_strndup(text + gi->item->offset, gi->item->length);
    r.n_bytes = gi->item->length;
    /* Right-to-left runs (none in Japanese text) would need the backward
     * cluster flag; they are drawn without clusters instead. */
    if (!(gi->item->analysis.level & 1))
        run_clusters(&r, gi, text);
    return r;
}

static Line record_line(PangoLayoutIter *it, const char *text)
{
    PangoRectangle log;
    pango_layout_iter_get_line_extents(it, NULL, &log);
    Line ln = {log.x / (double)PANGO_SCALE, log.height / (double)PANGO_SCALE,
               (pango_layout_iter_get_baseline(it) - log.y) / (double)PANGO_SCALE, NULL, 0};
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    ln.runs = g_new0(Run, g_slist_length(line->runs));
    double x = 0;
    for (GSList *r = line->runs; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        ln.runs[ln.n_runs++] = record_run(gi, text, x);
        x += pango_glyph_string_get_width(gi->glyphs) / (double)PANGO_SCALE;
    }
    return ln;
}

static Para record_block(PangoContext *ctx, const Page *pg, PangoFontDescription **fd,
                         const Block *b)
{
    PangoLayout *l = block_layout(ctx, pg, fd, b);
    Para p = {g_new0(Line, pango_layout_get_line_count(l)), 0};
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do
        p.lines[p.n_lines++] = record_line(it, pango_layout_get_text(l));
    while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    return p;
}

static void draw_run(cairo_t *cr, Run *r, double x, double y)
{
    for (int i = 0; i < r->n_glyphs; i++) {
        r->glyphs[i].x += x;
        r->glyphs[i].y += y;
    }
    cairo_set_scaled_font(cr, r->font);
    if (r->clusters)
        cairo_show_text_glyphs(cr, r->utf8, r->n_bytes, r->glyphs, r->n_glyphs, r->clusters,
                               r->n_clusters, 0);
    else
        cairo_show_glyphs(cr, r->glyphs, r->n_glyphs);
    cairo_scaled_font_destroy(r->font);
    g_free(r->glyphs);
    g_free(r->utf8);
    g_free(r->clusters);
}

static void draw_para(Flow *f, Para *p, const Style *s)
{
    double pitch = s->size * s->leading;
    flow_begin(f, s);
    for (int i = 0; i < p->n_lines; i++) {
        Line *ln = &p->lines[i];
        double y = band_baseline(flow_line(f, pitch), pitch, ln->height, ln->ascent);
        for (int r = 0; r < ln->n_runs; r++)
            draw_run(f->cr, &ln->runs[r], f->pg->left + ln->x, y);
        g_free(ln->runs);
    }
    g_free(p->lines);
    f->y += s->after * s->size;
}

typedef struct {
    const Page *pg;
    const char *conf;
    const Block *blocks;
    int n_blocks, n_batches, n_workers;
    Para *paras;
    gboolean *ready; /* per batch: laid out */
    int drawn;       /* batches drawn so far */
    /* POSIX's rather than GLib's (a futex of its own), so that
     * ThreadSanitizer sees the hand-over of each batch. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
} Shared;

typedef struct {
    Shared *sh;
    int index;
} Worker;

static gpointer worker_main(gpointer data)
{
    Worker *w = data;
    Shared *sh = w->sh;
    PangoFontMap *map;
    PangoContext *ctx = open_context(sh->conf, &map);
    PangoFontDescription *fd[LEVELS];
    make_fonts(sh->pg, fd);
    for (int b = w->index; b < sh->n_batches; b += sh->n_workers) {
        /* Stay a few batches ahead of the drawing, not the whole book. */
        pthread_mutex_lock(&sh->lock);
        while (b >= sh->drawn + 2 * sh->n_workers)
            pthread_cond_wait(&sh->cond, &sh->lock);
        pthread_mutex_unlock(&sh->lock);
        for (int i = b * BATCH; i < MIN((b + 1) * BATCH, sh->n_blocks); i++)
            sh->paras[i] = record_block(ctx, sh->pg, fd, &sh->blocks[i]);
        pthread_mutex_lock(&sh->lock);
        sh->ready[b] = TRUE;
        pthread_cond_broadcast(&sh->cond);
        pthread_mutex_unlock(&sh->lock);
    }
    for (int l = 0; l < LEVELS; l++)
        pango_font_description_free(fd[l]);
    close_context(ctx, map);
    return NULL;
}

static void set_threaded(Flow *f, const char *conf, const Block *blocks, int n, int workers)
{
    Shared sh = {.pg = f->pg,
                 .conf = conf,
                 .blocks = blocks,
                 .n_blocks = n,
                 .n_batches = (n + BATCH - 1) / BATCH,
                 .n_workers = workers};
    sh.paras = g_new0(Para, n);
    sh.ready = g_new0(gboolean, sh.n_batches);
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.cond, NULL);
    Worker *w = g_new(Worker, workers);
    GThread **th = g_new(GThread *, workers);
    for (int i = 0; i < workers; i++) {
        w[i] = (Worker){&sh, i};
        th[i] = g_thread_new("layout", worker_main, &w[i]);
    }
    for (int b = 0; b < sh.n_batches; b++) {
        pthread_mutex_lock(&sh.lock);
        while (!sh.ready[b])
            pthread_cond_wait(&sh.cond, &sh.lock);
        pthread_mutex_unlock(&sh.lock);
        for (int i = b * BATCH; i < MIN((b + 1) * BATCH, n); i++)
            draw_para(f, &sh.paras[i], &f->pg->style[blocks[i].level]);
        pthread_mutex_lock(&sh.lock);
        sh.drawn = b + 1;
        pthread_cond_broadcast(&sh.cond);
        pthread_mutex_unlock(&sh.lock);
    }
    for (int i = 0; i < workers; i++)
        g_thread_join(th[i]);
    pthread_mutex_destroy(&sh.lock);
    pthread_cond_destroy(&sh.cond);
    g_free(th);
    g_free(w);
    g_free(sh.ready);
    g_free(sh.paras);
}

static void set_serial(Flow *f, const char *conf, const Block *blocks, int n)
{
    PangoFontMap *map;
    PangoContext *ctx = open_context(conf, &map);
    PangoFontDescription *fd[LEVELS];
    make_fonts(f->pg, fd);
    for (int i = 0; i < n; i++)
        set_block(f, ctx, fd, &blocks[i]);
    for (int l = 0; l < LEVELS; l++)
        pango_font_description_free(fd[l]);
    close_context(ctx, map);
}

static void usage(void)
{
    fprintf(stderr, "usage: bare [--large | --layout FILE.ini] [--fonts FONTS.conf] [--threads N] "
                    "TEXT.txt OUT.pdf\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *layout = "layouts/print-a4.ini", *conf = "fonts/fonts.conf";
    int threads = 1, a = 1;
    for (; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
        if (!strcmp(argv[a], "--large"))
            layout = "layouts/large-a4.ini";
        else if (!strcmp(argv[a], "--layout") && a + 1 < argc)
            layout = argv[++a];
        else if (!strcmp(argv[a], "--fonts") && a + 1 < argc)
            conf = argv[++a];
        else if (!strcmp(argv[a], "--threads") && a + 1 < argc)
            threads = atoi(argv[++a]);
        else
            usage();
    }
    if (argc - a != 2 || threads < 1 || threads > 16)
        usage();
    /* Fontconfig takes a relative name as one under /etc/fonts. */
    char *conf_abs = g_canonicalize_filename(conf, NULL);
    conf = conf_abs;
    /* Pango's first font map starts FcInit() on the default configuration:
     * point it at ours, as hiraku does, so the host's is never read. */
    g_setenv("FONTCONFIG_FILE", conf, TRUE);
    Page pg;
    read_layout(layout, &pg);
    char *text;
    GError *e = NULL;
    if (!g_file_get_contents(argv[a], &text, NULL, &e))
        die(argv[a], e->message);
    int n;
    Block *blocks = read_blocks(text, &n);
    cairo_surface_t *s = cairo_pdf_surface_create(argv[a + 1], pg.width, pg.height);
    if (cairo_surface_status(s))
        die(argv[a + 1], cairo_status_to_string(cairo_surface_status(s)));
    Flow f = {cairo_create(s), &pg, pg.top, TRUE, 1};
    if (threads == 1)
        set_serial(&f, conf, blocks, n);
    else
        set_threaded(&f, conf, blocks, n, threads);
    cairo_destroy(f.cr);
    cairo_surface_finish(s);
    if (cairo_surface_status(s))
        die(argv[a + 1], cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    printf("pages %d\n", f.pages);
    for (int l = 0; l < LEVELS; l++)
        g_free(pg.style[l].font);
    g_free(blocks);
    g_free(text);
    g_free(conf_abs);
    return 0;
}
