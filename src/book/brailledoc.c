#include "brailledoc.h"

#include <stdio.h>
#include <string.h>

#include "braillevolumes.h"
#include "braillewrite.h"
#include "error.h"
#include "fonts.h"

typedef struct {
    const HkDocument *doc;
    const HkBrailleLayout *bl;
    const HkBrailleTranslator *tr;
    GPtrArray *blocks;  /* of HkBrailleBlock* */
    char *figure_label; /* cells of the layout's figure label, on first use */
    GError **error;
    /* The block being translated, for the position of a warning. */
    const GPtrArray *inlines; /* its inlines, or NULL for text without any */
    int line, col;
} Walk;

/* Finds character `offset` of the text hk_inlines_spans() makes of
 * `inlines` (the same walk: text, code and ruby bases in order, a hard
 * break as one character); FALSE if the inlines are shorter. */
static gboolean locate(const GPtrArray *inlines, glong *offset, int *line, int *col)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        const HkInline *in = g_ptr_array_index(inlines, i);
        if (in->kind == HK_INLINE_BREAK) {
            if ((*offset)-- == 0) {
                *line = in->line;
                *col = in->col;
                return TRUE;
            }
            continue;
        }
        if (in->kind != HK_INLINE_TEXT && in->kind != HK_INLINE_CODE &&
            in->kind != HK_INLINE_RUBY) {
            if (locate(in->children, offset, line, col))
                return TRUE;
            continue;
        }
        int l = in->line, c = in->col;
        for (const char *p = in->text; p && *p; p = g_utf8_next_char(p)) {
            if ((*offset)-- == 0) {
                *line = l;
                *col = c;
                return TRUE;
            }
            if (*p == '\n') {
                l++;
                c = 1;
            } else
                c++;
        }
    }
    return FALSE;
}

/* The translator's report of a character it described or dropped: one
 * warning naming where the character stands in the source. */
static void warn_char(gpointer user, glong offset, gunichar ch, const char *what)
{
    const Walk *w = user;
    int line = w->line, col = w->col;
    glong rest = offset;
    if (offset >= 0)
        locate(w->inlines, &rest, &line, &col);
    char utf8[8];
    hk_char_warn_glyph(ch, utf8);
    hk_warn_at(w->doc->path, line, col, "braille: the character %s%s%sU+%04X %s", *utf8 ? "'" : "",
               utf8, *utf8 ? "' " : "", (unsigned)ch, what);
}

/* Points the translator's warnings at the block about to be translated. */
static void aim(Walk *w, const GPtrArray *inlines, int line, int col)
{
    w->inlines = inlines;
    w->line = line;
    w->col = col;
    if (w->tr->set_warn)
        w->tr->set_warn(w->tr->data, warn_char, w);
}

/* A print hard line break has no braille equivalent inside a block: it
 * becomes a word space. */
static void spans_without_breaks(GArray *spans)
{
    for (guint i = 0; i < spans->len; i++) {
        HkSpan *s = &g_array_index(spans, HkSpan, i);
        for (char *p = s->text; p && *p; p++)
            if (*p == '\n')
                *p = ' ';
    }
}

static gboolean fail(Walk *w, GError *e, int line, int col)
{
    hk_set_error_at(w->error, e->domain == HK_ERROR ? e->code : HK_ERROR_RENDER, w->doc->path, line,
                    col, "cannot translate to braille: %s", e->message);
    g_error_free(e);
    return FALSE;
}

/* The book is six-dot braille: a capital the translator writes as an
 * eight-dot cell (Greek and Cyrillic capitals carry dot 7, the
 * international computer form) becomes the 大文字符 (dot 6) and the
 * letter, as 日本点字表記法 2018 writes capitals in six dots; dot 8 has no
 * six-dot meaning and is left off. Returns cells in place or a new string. */
static char *six_dot(char *cells)
{
    gboolean eight = FALSE;
    for (const char *p = cells; *p && !eight; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        eight = c >= 0x2840 && c <= 0x28FF;
    }
    if (!eight)
        return cells;
    GString *out = g_string_sized_new(strlen(cells) + 16);
    for (const char *p = cells; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x2840 && c <= 0x28FF) {
            if (c & 0x40)
                g_string_append_unichar(out, 0x2820);
            c = 0x2800 + ((c - 0x2800) & 0x3F);
            if (c == 0x2800) {
                g_string_append_c(out, ' ');
                continue;
            }
        }
        g_string_append_unichar(out, c);
    }
    g_free(cells);
    return g_string_free(out, FALSE);
}

/* Translates spans into a new block appended to the walk. */
static HkBrailleBlock *add(Walk *w, HkBrailleBlockKind kind, GArray *spans, int line, int col)
{
    GError *e = NULL;
    spans_without_breaks(spans);
    if (w->line != line || w->col != col)
        aim(w, NULL, line, col);
    char *kana = w->tr->kana(w->tr->data, (const HkSpan *)spans->data, spans->len, &e);
    char *cells = kana ? w->tr->cells(w->tr->data, kana, &e) : NULL;
    aim(w, NULL, 0, 0);
    if (cells)
        cells = six_dot(cells);
    HkBrailleBlock *b = NULL;
    if (!cells)
        fail(w, e, line, col);
    else {
        b = hk_braille_block_new(kind, cells, kana);
        b->line = line;
        b->col = col;
        g_ptr_array_add(w->blocks, b);
    }
    g_free(kana);
    g_free(cells);
    return b;
}

static HkBrailleBlock *add_text(Walk *w, HkBrailleBlockKind kind, const char *text, int line,
                                int col)
{
    GArray *spans = g_array_new(FALSE, TRUE, sizeof(HkSpan));
    HkSpan s = {g_strdup(text), NULL}; /* a copy: spans_without_breaks writes */
    g_array_append_val(spans, s);
    HkBrailleBlock *b = add(w, kind, spans, line, col);
    g_free(s.text);
    g_array_unref(spans);
    return b;
}

/* The block's inlines as a braille block in *out, or *out = NULL if they
 * are empty (which is not an error). */
static gboolean add_inlines(Walk *w, HkBrailleBlockKind kind, const HkBlock *src, int depth,
                            HkBrailleBlock **out)
{
    GArray *spans = hk_inlines_spans(src->inlines);
    *out = NULL;
    gboolean ok = TRUE;
    if (spans->len) {
        aim(w, src->inlines, src->line, src->col);
        *out = add(w, kind, spans, src->line, src->col);
        ok = *out != NULL;
        if (*out)
            (*out)->depth = depth;
    }
    g_array_unref(spans);
    return ok;
}

static gboolean walk_block(Walk *w, const HkBlock *src, int depth);

static gboolean figure(Walk *w, const HkBlock *src, int depth)
{
    GError *e = NULL;
    if (!w->figure_label && !(w->figure_label = w->tr->cells(w->tr->data, w->bl->figure_label, &e)))
        return fail(w, e, src->line, src->col);
    GArray *spans = g_array_new(FALSE, TRUE, sizeof(HkSpan));
    HkSpan s = {g_strdup(src->alt ? src->alt : ""), NULL};
    g_array_append_val(spans, s);
    spans_without_breaks(spans);
    aim(w, NULL, src->line, src->col);
    char *kana = w->tr->kana(w->tr->data, (const HkSpan *)spans->data, spans->len, &e);
    char *cells = kana ? w->tr->cells(w->tr->data, kana, &e) : NULL;
    aim(w, NULL, 0, 0);
    if (cells)
        cells = six_dot(cells);
    g_free(s.text);
    g_array_unref(spans);
    gboolean ok = cells != NULL;
    if (!ok)
        fail(w, e, src->line, src->col);
    else {
        char *fc = hk_braille_figure_cells(w->bl, w->figure_label, cells);
        char *fk = hk_braille_figure_kana(w->bl, kana);
        HkBrailleBlock *b = hk_braille_block_new(HK_BB_FIGURE, fc, fk);
        b->depth = depth;
        b->line = src->line;
        b->col = src->col;
        g_ptr_array_add(w->blocks, b);
        g_free(fc);
        g_free(fk);
        /* A caption is print text under the figure: a paragraph after it. */
        HkBrailleBlock *c;
        ok = add_inlines(w, HK_BB_PARAGRAPH, src, depth, &c);
    }
    g_free(kana);
    g_free(cells);
    return ok;
}

/* List items: the first paragraph of an item is the item (with its number
 * in an ordered list), later ones continue it, nested lists go one level
 * in, anything else is walked as a block one level in. */
static gboolean list(Walk *w, const HkBlock *src, int depth, int quote)
{
    for (guint i = 0; src->children && i < src->children->len; i++) {
        const HkBlock *item = g_ptr_array_index(src->children, i);
        gboolean first = TRUE;
        for (guint j = 0; item->children && j < item->children->len; j++) {
            const HkBlock *c = g_ptr_array_index(item->children, j);
            HkBrailleBlock *b;
            gboolean ok = TRUE;
            if (c->kind == HK_BLOCK_PARAGRAPH) {
                ok = add_inlines(w, first ? HK_BB_ITEM : HK_BB_ITEM_MORE, c, depth, &b);
                if (b && first && src->ordered)
                    b->number = src->start + (int)i;
                first = FALSE;
            } else if (c->kind == HK_BLOCK_LIST)
                ok = list(w, c, depth + 1, quote);
            else
                ok = walk_block(w, c, quote + 1);
            if (!ok)
                return FALSE;
        }
    }
    return TRUE;
}

static gboolean walk_block(Walk *w, const HkBlock *src, int depth)
{
    HkBrailleBlock *b;
    switch (src->kind) {
    case HK_BLOCK_HEADING:
        if (!add_inlines(w, HK_BB_HEADING, src, 0, &b))
            return FALSE;
        if (b)
            b->level = src->level;
        return TRUE;
    case HK_BLOCK_PARAGRAPH:
        return add_inlines(w, HK_BB_PARAGRAPH, src, depth, &b);
    case HK_BLOCK_CODE: {
        char *t = g_strstrip(g_strdup(src->text ? src->text : ""));
        gboolean ok = TRUE;
        if (*t) {
            b = add_text(w, HK_BB_PARAGRAPH, t, src->line, src->col);
            ok = b != NULL;
            if (b)
                b->depth = depth;
        }
        g_free(t);
        return ok;
    }
    case HK_BLOCK_LIST:
        return list(w, src, 0, depth);
    case HK_BLOCK_ITEM: /* only inside lists */
        return TRUE;
    case HK_BLOCK_QUOTE:
        for (guint i = 0; src->children && i < src->children->len; i++)
            if (!walk_block(w, g_ptr_array_index(src->children, i), depth + 1))
                return FALSE;
        return TRUE;
    case HK_BLOCK_FIGURE:
        return figure(w, src, depth);
    case HK_BLOCK_BREAK:
        b = hk_braille_block_new(HK_BB_BREAK, "", NULL);
        b->line = src->line;
        b->col = src->col;
        g_ptr_array_add(w->blocks, b);
        return TRUE;
    }
    return TRUE;
}

static gboolean has(const char *s)
{
    return s && *s;
}

/* The year of transcription as printed: "2025" → "2025年". */
static char *year_text(const char *year)
{
    if (!has(year))
        return NULL;
    for (const char *p = year; *p; p++)
        if (!g_ascii_isdigit(*p))
            return g_strdup(year);
    return g_strconcat(year, "年", NULL);
}

/* The producer and the year of transcription, as one line. */
static char *producer_text(const HkDocument *doc)
{
    char *year = year_text(doc->transcription_year);
    char *r = has(doc->producer) && year ? g_strconcat(doc->producer, "　", year, NULL)
              : has(doc->producer)       ? g_strdup(doc->producer)
                                         : g_strdup(year);
    g_free(year);
    return r;
}

static gboolean has_credits(const HkDocument *doc)
{
    return has(doc->transcriber) || has(doc->proofreader) || has(doc->original) ||
           has(doc->transcription_year) || has(doc->producer);
}

/* The 奥付 (てびき: at the end of the book): the print original (底本; the
 * document's own title, organization and date if the front matter names
 * none), 点訳者, 校正者, the producer and year, each after its label. */
static gboolean colophon(Walk *w)
{
    const HkDocument *doc = w->doc;
    if (!has_credits(doc))
        return TRUE;
    const char *date = hk_document_date(doc, w->bl->date_style);
    GString *own_s = g_string_new(doc->title ? doc->title : doc->stem);
    const char *more[] = {doc->organization, date};
    for (gsize i = 0; i < G_N_ELEMENTS(more); i++)
        if (has(more[i]))
            g_string_append_printf(own_s, "　%s", more[i]);
    char *own = g_string_free(own_s, FALSE);
    char *producer = producer_text(doc);
    const char *value[HK_COLOPHON_ITEMS] = {has(doc->original) ? doc->original : own,
                                            doc->transcriber, doc->proofreader, producer};
    gboolean ok = TRUE;
    for (int i = 0; ok && i < HK_COLOPHON_ITEMS; i++) {
        if (!has(value[i]))
            continue;
        char *t = g_strconcat(w->bl->colophon_label[i], "　", value[i], NULL);
        HkBrailleBlock *b = add_text(w, HK_BB_COLOPHON, t, 1, 1);
        ok = b != NULL;
        if (b)
            b->level = i;
        g_free(t);
    }
    g_free(producer);
    g_free(own);
    return ok;
}

/* The title page items from the front matter (levels as in
 * brailleformat.h); the 巻数 is added per volume by the paginator. */
static gboolean front_items(Walk *w)
{
    const HkDocument *doc = w->doc;
    /* The front matter has no source position of its own: line 1. */
    const char *date = hk_document_date(doc, w->bl->date_style);
    char *producer = producer_text(doc);
    const char *front[] = {doc->title, doc->subtitle, doc->organization, date, NULL, producer};
    gboolean ok = TRUE;
    for (int level = 1; ok && level <= HK_TITLE_PRODUCER; level++) {
        if (!has(front[level - 1]))
            continue;
        HkBrailleBlock *b = add_text(w, HK_BB_TITLE, front[level - 1], 1, 1);
        ok = b != NULL;
        if (b)
            b->level = level;
    }
    g_free(producer);
    return ok;
}

GPtrArray *hk_braille_blocks_from_document(const HkDocument *doc, const HkBrailleLayout *bl,
                                           const HkBrailleTranslator *tr, GError **error)
{
    Walk w = {.doc = doc, .bl = bl, .tr = tr, .error = error};
    w.blocks = g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_block_free);
    gboolean ok = front_items(&w);
    for (guint i = 0; ok && i < doc->blocks->len; i++)
        ok = walk_block(&w, g_ptr_array_index(doc->blocks, i), 0);
    ok = ok && colophon(&w);
    g_free(w.figure_label);
    /* The walk ends here: the translator must not report into it later. */
    if (tr->set_warn)
        tr->set_warn(tr->data, NULL, NULL);
    if (!ok)
        g_clear_pointer(&w.blocks, g_ptr_array_unref);
    return w.blocks;
}

static GByteArray *title_dots(const GPtrArray *blocks, int level)
{
    for (guint i = 0; i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind == HK_BB_TITLE && b->level == level) {
            GByteArray *d = g_byte_array_new();
            hk_braille_parse_cells(b->cells, d, NULL);
            return d;
        }
    }
    return NULL;
}

/* Braille of a print text for a header field; NULL if empty or if it
 * does not translate (a header field is not worth failing the book). */
static GByteArray *text_dots(const HkBrailleTranslator *tr, const char *text)
{
    if (!has(text))
        return NULL;
    HkSpan s = {(char *)text, NULL};
    char *kana = tr->kana(tr->data, &s, 1, NULL);
    char *cells = kana ? tr->cells(tr->data, kana, NULL) : NULL;
    GByteArray *d = NULL;
    if (cells) {
        d = g_byte_array_new();
        if (!hk_braille_parse_cells(g_strstrip(cells), d, NULL))
            g_clear_pointer(&d, g_byte_array_unref);
    }
    g_free(kana);
    g_free(cells);
    return d;
}

/* The transcriber's data for the writers: print text for PEF and BSE,
 * braille for the BES header (点訳者; 備考 gets the producer). */
static void set_credits(const HkDocument *doc, const HkBrailleTranslator *tr, HkBrailleBook *book)
{
    book->author = g_strdup(doc->organization);
    book->subtitle = g_strdup(doc->subtitle);
    book->credits.transcriber = g_strdup(doc->transcriber);
    book->credits.proofreader = g_strdup(doc->proofreader);
    book->credits.original = g_strdup(doc->original);
    book->credits.year = g_strdup(doc->transcription_year);
    book->credits.producer = g_strdup(doc->producer);
    book->transcriber_dots = text_dots(tr, doc->transcriber);
    book->remarks_dots = text_dots(tr, doc->producer);
}

/* The writers' metadata, the same in every volume. */
static void set_metadata(const HkDocument *doc, const HkBrailleTranslator *tr,
                         const GPtrArray *blocks, HkBrailleBook *book)
{
    book->title = g_strdup(doc->title ? doc->title : doc->stem);
    book->lang = g_strdup(doc->lang ? doc->lang : "ja");
    book->date = g_strdup(doc->date);
    /* The identifier names the content: the same braille, the same id. */
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        g_checksum_update(sum, (const guchar *)b->cells, (gssize)strlen(b->cells) + 1);
    }
    book->identifier =
        g_strdup_printf("urn:hiraku:%s:%.16s", doc->stem, g_checksum_get_string(sum));
    g_checksum_free(sum);
    book->title_dots = title_dots(blocks, 1);
    book->author_dots = title_dots(blocks, 3);
    set_credits(doc, tr, book);
}

typedef struct {
    const HkBrailleLayout *bl;
    const HkBrailleTranslator *tr;
    const char *path;
} LabelData;

/* The 巻数 line: the layout's kana with {n} replaced, translated. */
static gboolean volume_label(gpointer data, int n, int total, char **cells, char **kana,
                             GError **error)
{
    const LabelData *d = data;
    const char *pattern = total > 1 ? d->bl->volume_label : d->bl->volume_single;
    *cells = *kana = NULL;
    if (!has(pattern))
        return TRUE;
    char num[16];
    g_snprintf(num, sizeof num, "%d", n);
    char **parts = g_strsplit(pattern, "{n}", -1);
    *kana = g_strjoinv(num, parts);
    g_strfreev(parts);
    GError *e = NULL;
    *cells = d->tr->cells(d->tr->data, *kana, &e);
    if (!*cells) {
        hk_set_error_at(error, HK_ERROR_RENDER, d->path, 1, 1,
                        "cannot translate the volume label '%s' to braille: %s", *kana, e->message);
        g_error_free(e);
        g_clear_pointer(kana, g_free);
    }
    return *cells != NULL;
}

/* The book in volumes, every volume with the document's metadata. */
static GPtrArray *books_from_blocks(const HkDocument *doc, const HkBrailleLayout *bl,
                                    const HkBrailleTranslator *tr, const GPtrArray *blocks,
                                    GError **error)
{
    GError *e = NULL;
    char *toc = tr->cells(tr->data, bl->toc_title, &e);
    LabelData ld = {bl, tr, doc->path};
    GPtrArray *books = NULL;
    if (!toc) {
        hk_set_error_at(error, HK_ERROR_RENDER, doc->path, 1, 1, "cannot translate to braille: %s",
                        e->message);
        g_error_free(e);
    } else
        books = hk_braille_volumes(bl, blocks, toc, volume_label, &ld, doc->path, error);
    for (guint i = 0; books && i < books->len; i++)
        set_metadata(doc, tr, blocks, g_ptr_array_index(books, i));
    g_free(toc);
    return books;
}

GPtrArray *hk_braille_books_from_document(const HkDocument *doc, const HkBrailleLayout *bl,
                                          const HkBrailleTranslator *tr, GError **error)
{
    GPtrArray *blocks = hk_braille_blocks_from_document(doc, bl, tr, error);
    GPtrArray *books = blocks ? books_from_blocks(doc, bl, tr, blocks, error) : NULL;
    if (blocks)
        g_ptr_array_unref(blocks);
    return books;
}

/* Not an error: the book is complete, but a proofreader must look. Each
 * word once, though the title page is in every volume. */
static void warn_splits(const HkDocument *doc, const HkBrailleLayout *bl, const GPtrArray *blocks,
                        const GPtrArray *books)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (guint v = 0; v < books->len; v++) {
        const HkBrailleBook *book = g_ptr_array_index(books, v);
        for (guint i = 0; i < book->splits->len; i++) {
            int at = g_array_index(book->splits, int, i);
            if (!g_hash_table_add(seen, GINT_TO_POINTER(at + 1)))
                continue;
            const HkBrailleBlock *b = g_ptr_array_index(blocks, at);
            hk_warn_at(doc->path, b->line, b->col,
                       "a word longer than a %d-cell line was split at the line end (marked in "
                       "red in the proof)",
                       bl->cols);
        }
    }
    g_hash_table_unref(seen);
}

/* fontconfig would silently substitute a missing family. */
static gboolean has_kana_font(const HkLayout *layout, const HkBrailleLayout *bl, HkFonts *fonts,
                              GError **error)
{
    if (hk_fonts_has(fonts, bl->kana_font, PANGO_WEIGHT_NORMAL))
        return TRUE;
    hk_layout_error(layout, "proof", "kana_font", error, "font '%s' is not available through %s",
                    bl->kana_font, hk_fonts_config_path(fonts));
    return FALSE;
}

gboolean hk_braille_check_layout(const HkLayout *layout, GError **error)
{
    HkBrailleLayout bl;
    if (!hk_braille_layout_load(layout, &bl, error))
        return FALSE;
    HkFonts *fonts = hk_fonts_open(error);
    gboolean ok = fonts && has_kana_font(layout, &bl, fonts, error);
    hk_fonts_free(fonts);
    hk_braille_layout_clear(&bl);
    return ok;
}

gboolean hk_braille_render(const HkDocument *doc, const HkLayout *layout,
                           const HkBrailleTranslator *tr, const char *out_dir, GError **error)
{
    HkBrailleLayout bl;
    if (!hk_braille_layout_load(layout, &bl, error))
        return FALSE;
    HkFonts *fonts = hk_fonts_open(error);
    gboolean ok = fonts && has_kana_font(layout, &bl, fonts, error);
    GPtrArray *blocks = ok ? hk_braille_blocks_from_document(doc, &bl, tr, error) : NULL;
    GPtrArray *books = blocks ? books_from_blocks(doc, &bl, tr, blocks, error) : NULL;
    ok = books && hk_braille_write_all((HkBrailleBook *const *)books->pdata, books->len, &bl, fonts,
                                       out_dir, doc->stem, error);
    if (ok)
        warn_splits(doc, &bl, blocks, books);
    if (blocks)
        g_ptr_array_unref(blocks);
    if (books)
        g_ptr_array_unref(books);
    hk_fonts_free(fonts);
    hk_braille_layout_clear(&bl);
    return ok;
}
