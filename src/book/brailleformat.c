#include "brailleformat.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ------------------------------------------------------------------ cells */

gboolean hk_braille_parse_cells(const char *cells, GByteArray *out, gsize *bad_offset)
{
    for (const char *p = cells; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        guint8 d;
        if (c == ' ')
            d = 0;
        else if (c >= 0x2800 && c <= 0x283F)
            d = (guint8)(c - 0x2800);
        else {
            if (bad_offset)
                *bad_offset = (gsize)(p - cells);
            return FALSE;
        }
        g_byte_array_append(out, &d, 1);
    }
    return TRUE;
}

char *hk_braille_line_utf8(const HkBrailleLine *line, const char *blank)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < line->len; i++) {
        if (line->dots[i] == 0)
            g_string_append(s, blank);
        else
            g_string_append_unichar(s, 0x2800 + line->dots[i]);
    }
    return g_string_free(s, FALSE);
}

/* ----------------------------------------------------------------- layout */

/* A start cell: 1-based in the file, 0-based here. At least 8 cells must
 * remain on the line, or the rules for long words would split most words. */
static gboolean get_cell(const HkLayout *l, const char *group, const char *key, int cols, int *out,
                         GError **error)
{
    int v;
    if (!hk_layout_int(l, group, key, 1, cols - 8, &v, error))
        return FALSE;
    *out = v - 1;
    return TRUE;
}

static gboolean get_cells_list(const HkLayout *l, const char *group, const char *key, int cols,
                               int out[HK_BRAILLE_RANKS], GError **error)
{
    char *v = hk_layout_string(l, group, key, error);
    if (!v)
        return FALSE;
    char **parts = g_strsplit(v, ";", -1);
    gboolean ok = g_strv_length(parts) == HK_BRAILLE_RANKS;
    if (!ok)
        hk_layout_error(l, group, key, error,
                        "'%s' must be %d start cells separated by ';' (largest heading first)", v,
                        HK_BRAILLE_RANKS);
    for (int i = 0; ok && i < HK_BRAILLE_RANKS; i++) {
        char *s = g_strstrip(parts[i]), *end;
        long n = strtol(s, &end, 10);
        if (end == s || *end) {
            hk_layout_error(l, group, key, error, "'%s' is not a whole number", s);
            ok = FALSE;
        } else if (n < 1 || n > cols - 8) {
            hk_layout_error(l, group, key, error, "%ld is out of range (1 to %d)", n, cols - 8);
            ok = FALSE;
        } else
            out[i] = (int)n - 1;
    }
    g_strfreev(parts);
    g_free(v);
    return ok;
}

/* A string of braille cells; with `single`, exactly one non-blank cell. */
static char *get_braille(const HkLayout *l, const char *group, const char *key, gboolean single,
                         guint8 *cell, GError **error)
{
    char *v = hk_layout_string(l, group, key, error);
    if (!v)
        return NULL;
    g_strstrip(v);
    GByteArray *d = g_byte_array_new();
    gsize bad;
    if (!hk_braille_parse_cells(v, d, &bad)) {
        hk_layout_error(l, group, key, error, "'%s' is not braille (U+2800..U+283F)", v);
        g_clear_pointer(&v, g_free);
    } else if (d->len == 0 || (single && (d->len != 1 || d->data[0] == 0))) {
        hk_layout_error(l, group, key, error, single ? "must be one braille cell" : "is empty");
        g_clear_pointer(&v, g_free);
    } else if (cell)
        *cell = d->data[0];
    g_byte_array_unref(d);
    return v;
}

/* [titlepage] date_style: era (令和7年4月1日, the default, as the print
 * editions) or western; the braille is translated from it. */
static gboolean read_date_style(const HkLayout *l, HkBrailleLayout *bl, GError **error)
{
    char *v = hk_layout_string_or(l, "titlepage", "date_style", "era");
    gboolean ok = hk_date_style_parse(v, &bl->date_style);
    if (!ok)
        hk_layout_error(l, "titlepage", "date_style", error, "'%s' is not era or western", v);
    g_free(v);
    return ok;
}

gboolean hk_braille_layout_load(const HkLayout *l, HkBrailleLayout *bl, GError **error)
{
    memset(bl, 0, sizeof *bl);
    /* Two-digit fields in the BES header bound both; below 5 lines there is
     * no room for a page line, a heading and the line it must keep with. */
    if (!hk_layout_int(l, "page", "cols", 12, 99, &bl->cols, error) ||
        !hk_layout_int(l, "page", "rows", 5, 99, &bl->rows, error) ||
        !hk_layout_bool_or(l, "page", "duplex", FALSE, &bl->duplex, error))
        return FALSE;
    int c = bl->cols;
    gboolean ok =
        get_cells_list(l, "heading", "indents", c, bl->heading_indent, error) &&
        get_cell(l, "heading", "single", c, &bl->heading_single, error) &&
        hk_layout_int(l, "heading", "continue", 0, 8, &bl->heading_continue, error) &&
        hk_layout_bool_or(l, "heading", "blank_before_top", TRUE, &bl->blank_before_top, error) &&
        get_cell(l, "paragraph", "first", c, &bl->para_first, error) &&
        get_cell(l, "paragraph", "continue", c, &bl->para_continue, error) &&
        get_cell(l, "list", "first", c, &bl->list_first, error) &&
        get_cell(l, "list", "continue", c, &bl->list_continue, error) &&
        hk_layout_int(l, "list", "step", 0, 8, &bl->list_step, error) &&
        (bl->figure_open = get_braille(l, "figure", "open", FALSE, NULL, error)) &&
        (bl->figure_close = get_braille(l, "figure", "close", FALSE, NULL, error)) &&
        (bl->figure_label = hk_layout_string(l, "figure", "label", error)) &&
        (bl->toc_title = hk_layout_string(l, "toc", "title", error)) &&
        get_cell(l, "toc", "title_indent", c, &bl->toc_title_indent, error) &&
        get_cells_list(l, "toc", "indents", c, bl->toc_indent, error) &&
        hk_layout_int(l, "toc", "continue", 0, 8, &bl->toc_continue, error) &&
        hk_layout_int(l, "toc", "min_leader", 1, 8, &bl->toc_min_leader, error);
    char *s = ok ? get_braille(l, "toc", "leader", TRUE, &bl->toc_leader, error) : NULL;
    ok = ok && s;
    g_free(s);
    ok = ok && hk_layout_int(l, "titlepage", "top", 2, bl->rows - 1, &bl->title_top, error) &&
         get_cell(l, "titlepage", "title", c, &bl->title_indent, error) &&
         get_cell(l, "titlepage", "subtitle", c, &bl->subtitle_indent, error) &&
         get_cell(l, "titlepage", "imprint", c, &bl->imprint_indent, error);
    s = ok ? get_braille(l, "signs", "number", TRUE, &bl->number_sign, error) : NULL;
    ok = ok && s;
    g_free(s);
    /* 情報処理用点字's 行継続符: dot 5 unless the layout names another. */
    bl->continuation = 0x10;
    if (ok && hk_layout_has(l, "signs", "continuation")) {
        s = get_braille(l, "signs", "continuation", TRUE, &bl->continuation, error);
        ok = s != NULL;
        g_free(s);
    }
    if (ok) {
        char *v = hk_layout_string(l, "signs", "digits", error);
        ok = v != NULL;
        char **parts = v ? g_strsplit(v, ";", -1) : NULL;
        if (ok && g_strv_length(parts) != 10) {
            hk_layout_error(l, "signs", "digits", error,
                            "must be the ten cells of 0..9 separated by ';'");
            ok = FALSE;
        }
        for (int i = 0; ok && i < 10; i++) {
            GByteArray *d = g_byte_array_new();
            if (!hk_braille_parse_cells(g_strstrip(parts[i]), d, NULL) || d->len != 1 ||
                d->data[0] == 0) {
                hk_layout_error(l, "signs", "digits", error, "'%s' is not one braille cell",
                                parts[i]);
                ok = FALSE;
            } else
                bl->digits[i] = d->data[0];
            g_byte_array_unref(d);
        }
        g_strfreev(parts);
        g_free(v);
    }
    /* Continuation lines must also leave room on the line. */
    struct {
        const char *group, *key;
        int cell;
    } starts[] = {
        {"heading", "continue", bl->heading_indent[0] + bl->heading_continue},
        {"heading", "continue", bl->heading_single + bl->heading_continue},
        {"list", "step", bl->list_first + 2 * bl->list_step},
        {"list", "step", bl->list_continue + 2 * bl->list_step},
        {"toc", "continue", bl->toc_indent[HK_BRAILLE_RANKS - 1] + bl->toc_continue},
    };
    for (gsize i = 0; ok && i < G_N_ELEMENTS(starts); i++)
        if (starts[i].cell > c - 8) {
            hk_layout_error(l, starts[i].group, starts[i].key, error,
                            "lines would start at cell %d, leaving fewer than 8 of %d cells",
                            starts[i].cell + 1, c);
            ok = FALSE;
        }
    static const char *const colophon_key[HK_COLOPHON_ITEMS][2] = {
        {"original", "テイホン"},
        {"transcriber", "テンヤク"},
        {"proofreader", "コーセイ"},
        {"producer", "セイサク"},
    };
    for (int i = 0; ok && i < HK_COLOPHON_ITEMS; i++)
        bl->colophon_label[i] =
            hk_layout_string_or(l, "colophon", colophon_key[i][0], colophon_key[i][1]);
    ok = ok && read_date_style(l, bl, error);
    char *numbering = NULL;
    ok = ok && hk_layout_int_or(l, "volumes", "max_pages", 0, 9999, 100, &bl->max_pages, error);
    if (ok) {
        numbering = hk_layout_string_or(l, "volumes", "numbering", "continue");
        bl->restart_numbers = !strcmp(numbering, "restart");
        if (!bl->restart_numbers && strcmp(numbering, "continue")) {
            hk_layout_error(l, "volumes", "numbering", error,
                            "'%s' must be 'continue' or 'restart'", numbering);
            ok = FALSE;
        }
        bl->volume_label = hk_layout_string_or(l, "volumes", "label", "ダイ{n}カン");
        bl->volume_single = hk_layout_string_or(l, "volumes", "single", "");
    }
    g_free(numbering);
    /* A volume must hold at least a title page, a TOC page and a body page. */
    if (ok && bl->max_pages > 0 && bl->max_pages < 4) {
        hk_layout_error(l, "volumes", "max_pages", error,
                        "%d is too few pages for a volume (at least 4, or 0 for none)",
                        bl->max_pages);
        ok = FALSE;
    }
    ok = ok && hk_layout_double(l, "proof", "dot_pitch", 1.0, 5.0, &bl->dot_pitch, error) &&
         hk_layout_double(l, "proof", "cell_pitch", 3.0, 12.0, &bl->cell_pitch, error) &&
         hk_layout_double(l, "proof", "line_pitch", 6.0, 20.0, &bl->line_pitch, error) &&
         hk_layout_double(l, "proof", "dot_diameter", 0.5, 2.5, &bl->dot_diameter, error) &&
         hk_layout_double(l, "proof", "margin", 0.0, 50.0, &bl->margin, error) &&
         hk_layout_double(l, "proof", "kana_size", 1.5, 8.0, &bl->kana_size, error) &&
         (bl->kana_font = hk_layout_string(l, "proof", "kana_font", error));
    if (ok && bl->cell_pitch < bl->dot_pitch + bl->dot_diameter) {
        hk_layout_error(l, "proof", "cell_pitch", error, "%g mm is too small for dots %g mm apart",
                        bl->cell_pitch, bl->dot_pitch);
        ok = FALSE;
    }
    if (ok && bl->line_pitch < 2 * bl->dot_pitch + bl->dot_diameter + bl->kana_size) {
        hk_layout_error(l, "proof", "line_pitch", error,
                        "%g mm leaves no room for the cell and the kana under it", bl->line_pitch);
        ok = FALSE;
    }
    if (!ok)
        hk_braille_layout_clear(bl);
    return ok;
}

void hk_braille_layout_clear(HkBrailleLayout *bl)
{
    g_free(bl->figure_open);
    g_free(bl->figure_close);
    g_free(bl->figure_label);
    g_free(bl->toc_title);
    g_free(bl->kana_font);
    for (int i = 0; i < HK_COLOPHON_ITEMS; i++)
        g_free(bl->colophon_label[i]);
    g_free(bl->volume_label);
    g_free(bl->volume_single);
    memset(bl, 0, sizeof *bl);
}

/* ----------------------------------------------------------------- blocks */

HkBrailleBlock *hk_braille_block_new(HkBrailleBlockKind kind, const char *cells, const char *kana)
{
    HkBrailleBlock *b = g_new0(HkBrailleBlock, 1);
    b->kind = kind;
    b->cells = g_strdup(cells ? cells : "");
    b->kana = g_strdup(kana);
    return b;
}

void hk_braille_block_free(HkBrailleBlock *b)
{
    if (!b)
        return;
    g_free(b->cells);
    g_free(b->kana);
    g_free(b);
}

char *hk_braille_figure_cells(const HkBrailleLayout *bl, const char *label_cells,
                              const char *alt_cells)
{
    /* The signs attach to the words they enclose, like brackets. */
    char *alt = g_strstrip(g_strdup(alt_cells));
    char *r = g_strdup_printf("%s%s %s%s", bl->figure_open, label_cells, alt, bl->figure_close);
    g_free(alt);
    return r;
}

char *hk_braille_figure_kana(const HkBrailleLayout *bl, const char *alt_kana)
{
    char *alt = g_strstrip(g_strdup(alt_kana ? alt_kana : ""));
    char *r = g_strdup_printf("%s %s", bl->figure_label, alt);
    g_free(alt);
    return r;
}

/* ------------------------------------------------------------ kana words */

static gboolean is_space(gunichar c)
{
    return c == ' ' || c == 0x3000;
}

/* Signs after which the braille has a blank that the transcription does not
 * (the table adds it): 。 、 ・. Before a closing bracket or another sign
 * there is none. */
static gboolean spaced_after(gunichar c)
{
    return c == 0x3002 || c == 0x3001 || c == 0x30FB;
}

static gboolean no_blank_before(gunichar c)
{
    return c == 0x3002 || c == 0x3001 || c == 0x30FB || c == 0x300D || c == 0x300F || c == 0xFF09 ||
           c == ')' || c == 0x3015 || c == 0x3009 || c == 0x300B || c == 0x3011 || c == 0xFF5D ||
           c == ']' || c == 0xFF1F || c == 0xFF01 || c == '?' || c == '!';
}

/* The transcription cut where the cells have a blank. */
static GPtrArray *kana_tokens(const char *kana)
{
    GPtrArray *t = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    for (const char *p = kana ? kana : ""; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (is_space(c)) {
            if (cur->len)
                g_ptr_array_add(t, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            continue;
        }
        g_string_append_unichar(cur, c);
        const char *n = g_utf8_next_char(p);
        if (spaced_after(c) && *n && !is_space(g_utf8_get_char(n)) &&
            !no_blank_before(g_utf8_get_char(n))) {
            g_ptr_array_add(t, g_strdup(cur->str));
            g_string_truncate(cur, 0);
        }
    }
    if (cur->len)
        g_ptr_array_add(t, g_strdup(cur->str));
    g_string_free(cur, TRUE);
    return t;
}

/* Kana for each of n cell words: word i's own where the counts agree,
 * otherwise a proportional share so that all kana is shown in order. */
static char **kana_for_words(const char *kana, int n, gboolean *exact)
{
    GPtrArray *t = kana_tokens(kana);
    int m = (int)t->len;
    char **w = g_new0(char *, n + 1);
    *exact = m == n;
    for (int i = 0; i < n; i++) {
        int a = (int)((gint64)i * m / n), b = (int)((gint64)(i + 1) * m / n);
        GString *s = g_string_new(NULL);
        for (int k = a; k < b; k++) {
            if (s->len)
                g_string_append_c(s, ' ');
            g_string_append(s, g_ptr_array_index(t, k));
        }
        w[i] = g_string_free(s, FALSE);
    }
    g_ptr_array_unref(t);
    return w;
}

/* ------------------------------------------------------------------ lines */

static void mark_clear(gpointer p)
{
    g_free(((HkBrailleMark *)p)->kana);
}

static HkBrailleLine *line_new(HkBrailleLineKind kind, int block, int indent)
{
    HkBrailleLine *l = g_new0(HkBrailleLine, 1);
    l->kind = kind;
    l->block = block;
    l->indent = indent;
    l->dropped = -1;
    l->kana_exact = TRUE;
    l->marks = g_array_new(FALSE, TRUE, sizeof(HkBrailleMark));
    g_array_set_clear_func(l->marks, mark_clear);
    return l;
}

static void line_free(gpointer p)
{
    HkBrailleLine *l = p;
    if (!l)
        return;
    g_free(l->dots);
    g_array_unref(l->marks);
    g_free(l);
}

static void line_set(HkBrailleLine *l, const GByteArray *buf)
{
    int n = (int)buf->len;
    while (n > 0 && buf->data[n - 1] == 0)
        n--;
    g_free(l->dots);
    l->dots = g_memdup2(buf->data, n ? n : 1);
    l->len = n;
}

static void add_mark(HkBrailleLine *l, int col, const char *kana)
{
    HkBrailleMark m = {col, g_strdup(kana ? kana : "")};
    g_array_append_val(l->marks, m);
}

static void append_blank(GByteArray *buf, int n)
{
    static const guint8 zero = 0;
    for (int i = 0; i < n; i++)
        g_byte_array_append(buf, &zero, 1);
}

/* Cells of the 情報処理用点字 signs a long word is broken after. */
#define CELL_SLASH 0x0C  /* '/' (dots 34) */
#define CELL_PERIOD 0x32 /* '.' (dots 256) */

/* TRUE if the word d[ws, at) has opened a 情報処理用点字 span (⠠⠦) that is
 * still open at `at`. */
static gboolean in_computer_span(const guint8 *d, int ws, int at)
{
    gboolean open = FALSE;
    for (int k = ws; k + 1 < at; k++)
        if (d[k] == 0x20 && (d[k + 1] == 0x26 || d[k + 1] == 0x34)) {
            open = d[k + 1] == 0x26;
            k++;
        }
    return open;
}

/* How many cells of d[off…] a line with `room` cells takes of a
 * computer-braille word (an address, a path) too long for it: up to just
 * after the last '/' or '.' that leaves a cell for the 行継続符, else all
 * but that cell (日本点字表記法 2018 情報処理用点字: a long item goes on
 * to the next line after a separator, the line ending in the 行継続符). */
static int computer_take(const guint8 *d, int ws, int off, int room)
{
    for (int t = room - 1; t > 1; t--) {
        guint8 c = d[off + t - 1];
        if ((c == CELL_SLASH || c == CELL_PERIOD) && in_computer_span(d, ws, off + t - 1))
            return t;
    }
    return room - 1;
}

/* Text of one block broken into lines of at most `cols` cells: only at a
 * run of blank cells, which is dropped at the break (so 。's two blanks and
 * 、's one never start or end a line). A computer-braille word (⠠⠦…⠠⠴)
 * longer than the line goes on to the next line after a '/' or '.', the
 * line ending in the continuation sign `cont_sign`; any other word longer
 * than a line is cut at the line end as a last resort and the line marked
 * `split`. `d` has no leading or trailing blank. Returns the number of
 * lines appended. */
static int wrap(int cols, guint8 cont_sign, const guint8 *d, int n, int first, int cont, int block,
                char **kana, gboolean exact, HkBrailleLineKind kind, GPtrArray *out, GArray *splits)
{
    int added = 0, word = 0;
    GByteArray *buf = g_byte_array_new();
    HkBrailleLine *line = line_new(kind, block, first);
    line->kana_exact = exact;
    append_blank(buf, first);
    gboolean has_words = FALSE;
    int i = 0;
    while (i < n) {
        int gap = 0;
        while (i < n && d[i] == 0) {
            gap++;
            i++;
        }
        int ws = i;
        while (i < n && d[i] != 0)
            i++;
        int wl = i - ws;
        if (wl == 0)
            break;
        if (has_words) {
            if ((int)buf->len + gap + wl <= cols) {
                append_blank(buf, gap);
                add_mark(line, (int)buf->len, kana[word++]);
                g_byte_array_append(buf, d + ws, wl);
                continue;
            }
            line_set(line, buf);
            line->dropped = gap;
            g_ptr_array_add(out, line);
            added++;
            line = line_new(kind, block, cont);
            line->kana_exact = exact;
            g_byte_array_set_size(buf, 0);
            append_blank(buf, cont);
        }
        add_mark(line, (int)buf->len, kana[word++]);
        has_words = TRUE;
        int off = ws;
        while ((int)buf->len + (i - off) > cols) {
            int room = cols - (int)buf->len;
            gboolean computer = cont_sign && in_computer_span(d, ws, off + room);
            int take = computer ? computer_take(d, ws, off, room) : room;
            g_byte_array_append(buf, d + off, take);
            if (computer)
                g_byte_array_append(buf, &cont_sign, 1);
            off += take;
            line_set(line, buf);
            line->dropped = 0;
            line->split = !computer;
            line->continued = computer;
            if (!computer && off - take == ws) /* once per word, however many lines it takes */
                g_array_append_val(splits, block);
            g_ptr_array_add(out, line);
            added++;
            line = line_new(kind, block, cont);
            line->kana_exact = exact;
            g_byte_array_set_size(buf, 0);
            append_blank(buf, cont);
        }
        g_byte_array_append(buf, d + off, i - off);
    }
    line_set(line, buf);
    g_ptr_array_add(out, line);
    g_byte_array_unref(buf);
    return added + 1;
}

/* Dots of a block with leading and trailing blanks removed. */
static void trim(GByteArray *d)
{
    guint s = 0;
    while (s < d->len && d->data[s] == 0)
        s++;
    g_byte_array_remove_range(d, 0, s);
    while (d->len && d->data[d->len - 1] == 0)
        g_byte_array_set_size(d, d->len - 1);
}

static int count_words(const GByteArray *d)
{
    int n = 0;
    for (guint i = 0; i < d->len; i++)
        if (d->data[i] && (i == 0 || d->data[i - 1] == 0))
            n++;
    return n;
}

/* 数符 and the digits of n. */
static void number_dots(const HkBrailleLayout *bl, int n, GByteArray *out)
{
    char digits[16];
    g_snprintf(digits, sizeof digits, "%d", n);
    g_byte_array_append(out, &bl->number_sign, 1);
    for (const char *p = digits; *p; p++)
        g_byte_array_append(out, &bl->digits[*p - '0'], 1);
}

/* Wraps cells + kana as lines; returns the number of lines. */
static int wrap_text(const HkBrailleLayout *bl, GByteArray *d, const char *kana, int first,
                     int cont, int block, HkBrailleLineKind kind, GPtrArray *out, GArray *splits)
{
    trim(d);
    if (d->len == 0)
        return 0;
    int nw = count_words(d);
    gboolean exact;
    char **kw = kana_for_words(kana, nw, &exact);
    int n = wrap(bl->cols, bl->continuation, d->data, (int)d->len, first, cont, block, kw, exact,
                 kind, out, splits);
    g_strfreev(kw);
    return n;
}

/* ------------------------------------------------------------- pagination */

typedef struct {
    const HkBrailleLayout *bl;
    int levels[7]; /* rank of each heading level, -1 if unused */
    int nlevels;
    HkBrailleBook *book;
} Ctx;

static int rank_of(const Ctx *c, int level)
{
    int r = c->levels[CLAMP(level, 1, 6)];
    return MIN(MAX(r, 0), HK_BRAILLE_RANKS - 1);
}

static int heading_indent(const Ctx *c, int level)
{
    if (c->nlevels <= 1)
        return c->bl->heading_single;
    return c->bl->heading_indent[rank_of(c, level)];
}

static HkBraillePage *page_new(HkBraillePageKind kind)
{
    HkBraillePage *p = g_new0(HkBraillePage, 1);
    p->kind = kind;
    p->lines = g_ptr_array_new_with_free_func(line_free);
    g_ptr_array_add(p->lines, line_new(HK_BL_PAGE, -1, 0));
    GByteArray *empty = g_byte_array_new();
    line_set(g_ptr_array_index(p->lines, 0), empty);
    g_byte_array_unref(empty);
    return p;
}

static void page_free(gpointer p)
{
    HkBraillePage *page = p;
    g_ptr_array_unref(page->lines);
    g_free(page);
}

/* The page line: the number right-aligned at the last cell, nothing else. */
static void page_number(const HkBrailleLayout *bl, HkBraillePage *p, int number)
{
    p->number = number;
    HkBrailleLine *l = g_ptr_array_index(p->lines, 0);
    GByteArray *num = g_byte_array_new();
    number_dots(bl, number, num);
    GByteArray *buf = g_byte_array_new();
    append_blank(buf, bl->cols - (int)num->len);
    g_byte_array_append(buf, num->data, num->len);
    line_set(l, buf);
    l->indent = bl->cols - (int)num->len;
    g_array_set_size(l->marks, 0);
    char *k = g_strdup_printf("%d", number);
    add_mark(l, l->indent, k);
    g_free(k);
    g_byte_array_unref(num);
    g_byte_array_unref(buf);
}

static void page_trim(HkBraillePage *p)
{
    while (p->lines->len > 1) {
        HkBrailleLine *l = g_ptr_array_index(p->lines, p->lines->len - 1);
        if (l->kind != HK_BL_BLANK)
            break;
        g_ptr_array_set_size(p->lines, p->lines->len - 1);
    }
}

/* Lays a flow of lines onto pages of rows-1 lines. keep[i] ties line i to
 * the next one (a heading and the first line after it), blank lines are
 * dropped at the top and bottom of a page and never doubled. first_line
 * receives, for each block, the index of the page its first line is on. */
static void flow_to_pages(const HkBrailleLayout *bl, GPtrArray *flow, const GArray *keep,
                          HkBraillePageKind kind, GPtrArray *pages, int *first_page)
{
    int cap = bl->rows - 1;
    HkBraillePage *page = NULL;
    int used = 0;
    gboolean last_blank = TRUE;
    guint n = flow->len;
    for (guint i = 0; i < n; i++) {
        HkBrailleLine *l = flow->pdata[i];
        flow->pdata[i] = NULL;
        if (l->kind == HK_BL_BLANK) {
            if (!page || used == 0 || used == cap || last_blank || i + 1 == n)
                line_free(l);
            else {
                g_ptr_array_add(page->lines, l);
                used++;
                last_blank = TRUE;
            }
            continue;
        }
        if (page && used > 0 && g_array_index(keep, gboolean, i)) {
            /* The kept lines (a run of headings, with the blank lines
             * between them) and the first line of what follows must share
             * the page. */
            guint j = i;
            while (j < n && (g_array_index(keep, gboolean, j) ||
                             ((HkBrailleLine *)flow->pdata[j])->kind == HK_BL_BLANK))
                j++;
            int chain = (int)(j - i) + (j < n ? 1 : 0);
            if (used + chain > cap && chain <= cap) {
                page_trim(page);
                page = NULL;
            }
        }
        if (!page || used == cap) {
            if (page)
                page_trim(page);
            page = page_new(kind);
            g_ptr_array_add(pages, page);
            used = 0;
        }
        if (first_page && l->kind == HK_BL_TEXT && l->block >= 0 && first_page[l->block] < 0)
            first_page[l->block] = (int)pages->len - 1;
        g_ptr_array_add(page->lines, l);
        used++;
        last_blank = FALSE;
    }
    if (page)
        page_trim(page);
    g_ptr_array_set_size(flow, 0);
}

static void push(GPtrArray *flow, GArray *keep, HkBrailleLine *l, gboolean k)
{
    g_ptr_array_add(flow, l);
    g_array_append_val(keep, k);
}

static gboolean block_dots(const HkBrailleBlock *b, const char *path, GByteArray *d, GError **error)
{
    gsize bad;
    if (hk_braille_parse_cells(b->cells, d, &bad))
        return TRUE;
    hk_set_error_at(error, HK_ERROR_RENDER, path, b->line, b->col,
                    "the braille of this block is not six-dot cells (U+%04X at byte %zu)",
                    g_utf8_get_char_validated(b->cells + bad, -1), bad);
    return FALSE;
}

/* A list item's lines stay on one page (unless it is longer than a page):
 * its continuation lines start at the list's continuation cell, where the
 * item's further paragraphs start too, so at the top of a page they would
 * read as a description, not as the item's name. */
static gboolean keeps_lines(const HkBrailleBlock *b, guint line, guint lines)
{
    return b->kind == HK_BB_ITEM && line + 1 < lines;
}

/* The body: every block but the title-page items, as a flow of lines. */
static gboolean body_flow(Ctx *c, const GPtrArray *blocks, const char *path, GPtrArray *flow,
                          GArray *keep, GError **error)
{
    const HkBrailleLayout *bl = c->bl;
    for (guint i = 0; i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind == HK_BB_TITLE || b->kind == HK_BB_COLOPHON)
            continue;
        if (b->kind == HK_BB_BREAK) {
            push(flow, keep, line_new(HK_BL_BLANK, -1, 0), FALSE);
            continue;
        }
        GByteArray *d = g_byte_array_new();
        if (!block_dots(b, path, d, error)) {
            g_byte_array_unref(d);
            return FALSE;
        }
        char *kana = NULL;
        int first = 0, cont = 0, depth = MAX(b->depth, 0);
        gboolean k = FALSE;
        switch (b->kind) {
        case HK_BB_HEADING:
            first = heading_indent(c, b->level);
            cont = first + bl->heading_continue;
            k = TRUE;
            if (bl->blank_before_top && (c->nlevels <= 1 || rank_of(c, b->level) == 0))
                push(flow, keep, line_new(HK_BL_BLANK, -1, 0), FALSE);
            break;
        case HK_BB_ITEM:
        case HK_BB_ITEM_MORE:
            cont = MIN(bl->list_continue + depth * bl->list_step, bl->cols - 8);
            first =
                b->kind == HK_BB_ITEM ? MIN(bl->list_first + depth * bl->list_step, cont) : cont;
            if (b->kind == HK_BB_ITEM && b->number > 0) {
                /* An ordered item begins with its number and a blank. */
                GByteArray *num = g_byte_array_new();
                number_dots(bl, b->number, num);
                append_blank(num, 1);
                g_byte_array_prepend(d, num->data, num->len);
                g_byte_array_unref(num);
                kana = g_strdup_printf("%d %s", b->number, b->kana ? b->kana : "");
            }
            break;
        default: /* paragraph, figure */
            first = MIN(bl->para_first + 2 * depth, bl->cols - 8);
            cont = MIN(bl->para_continue + 2 * depth, bl->cols - 8);
            break;
        }
        GPtrArray *lines = g_ptr_array_new();
        wrap_text(bl, d, kana ? kana : b->kana, first, cont, (int)i, HK_BL_TEXT, lines,
                  c->book->splits);
        for (guint j = 0; j < lines->len; j++)
            push(flow, keep, g_ptr_array_index(lines, j), k || keeps_lines(b, j, lines->len));
        g_ptr_array_unref(lines);
        g_free(kana);
        g_byte_array_unref(d);
    }
    return TRUE;
}

/* The 奥付 (colophon): its lines on a page of their own after the body
 * (てびき: the transcriber's data closes the book), each a label and its
 * value from the paragraph cell, continued at the list continuation cell
 * so that a long value does not look like a new item. */
static gboolean colophon_pages(Ctx *c, const GPtrArray *blocks, const char *path, GPtrArray *pages,
                               GError **error)
{
    const HkBrailleLayout *bl = c->bl;
    GPtrArray *flow = g_ptr_array_new_with_free_func(line_free);
    GArray *keep = g_array_new(FALSE, TRUE, sizeof(gboolean));
    gboolean ok = TRUE;
    for (guint i = 0; ok && i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind != HK_BB_COLOPHON)
            continue;
        GByteArray *d = g_byte_array_new();
        ok = block_dots(b, path, d, error);
        GPtrArray *lines = g_ptr_array_new();
        if (ok)
            wrap_text(bl, d, b->kana, bl->para_first, bl->list_continue, (int)i, HK_BL_TEXT, lines,
                      c->book->splits);
        for (guint j = 0; j < lines->len; j++)
            push(flow, keep, g_ptr_array_index(lines, j), FALSE);
        g_ptr_array_unref(lines);
        g_byte_array_unref(d);
    }
    if (ok && flow->len)
        flow_to_pages(bl, flow, keep, HK_BP_BODY, pages, NULL);
    g_array_unref(keep);
    g_ptr_array_unref(flow);
    return ok;
}

/* The table of contents for body page numbers `first_page[]` + offset. */
static void toc_flow(Ctx *c, const GPtrArray *blocks, const int *first_page, int offset,
                     const GByteArray *title, GPtrArray *flow)
{
    const HkBrailleLayout *bl = c->bl;
    /* The TOC repeats the headings: their splits are counted in the body. */
    GArray *dummy = g_array_new(FALSE, FALSE, sizeof(int));
    GByteArray *t = g_byte_array_new();
    g_byte_array_append(t, title->data, title->len);
    wrap_text(bl, t, bl->toc_title, bl->toc_title_indent, bl->toc_title_indent + 2, -1, HK_BL_TOC,
              flow, dummy);
    g_byte_array_unref(t);
    for (guint i = 0; i < blocks->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind != HK_BB_HEADING || first_page[i] < 0)
            continue;
        int number = first_page[i] + offset;
        GByteArray *d = g_byte_array_new();
        hk_braille_parse_cells(b->cells, d, NULL); /* checked by body_flow */
        int indent = c->bl->toc_indent[c->nlevels <= 1 ? 0 : rank_of(c, b->level)];
        guint before = flow->len;
        wrap_text(bl, d, b->kana, indent, indent + bl->toc_continue, (int)i, HK_BL_TOC, flow,
                  dummy);
        g_byte_array_unref(d);
        if (flow->len == before)
            continue;
        /* Leader and number on the last line, or on a line of their own. */
        GByteArray *num = g_byte_array_new();
        number_dots(bl, number, num);
        HkBrailleLine *last = g_ptr_array_index(flow, flow->len - 1);
        GByteArray *buf = g_byte_array_new();
        if (last->len + 1 + bl->toc_min_leader + 1 + (int)num->len <= bl->cols) {
            g_byte_array_append(buf, last->dots, last->len);
            append_blank(buf, 1);
        } else {
            last->dropped = 0;
            last = line_new(HK_BL_TOC, (int)i, indent + bl->toc_continue);
            g_ptr_array_add(flow, last);
            append_blank(buf, last->indent);
        }
        int lead_end = bl->cols - (int)num->len - 1;
        add_mark(last, (int)buf->len, "");
        while ((int)buf->len < lead_end)
            g_byte_array_append(buf, &bl->toc_leader, 1);
        append_blank(buf, 1);
        char *k = g_strdup_printf("%d", number);
        add_mark(last, (int)buf->len, k);
        g_free(k);
        g_byte_array_append(buf, num->data, num->len);
        line_set(last, buf);
        g_byte_array_unref(buf);
        g_byte_array_unref(num);
    }
    g_array_unref(dummy);
}

/* The title page: title, subtitle and 巻数 from `top`; organization, date
 * and the producer at the foot of the page (or right after, if the page is
 * too short). */
static void title_pages(Ctx *c, const GPtrArray *blocks, const char *path, GPtrArray *pages,
                        GError **error, gboolean *ok)
{
    const HkBrailleLayout *bl = c->bl;
    GPtrArray *head = g_ptr_array_new(), *foot = g_ptr_array_new();
    for (guint i = 0; i < blocks->len && *ok; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind != HK_BB_TITLE)
            continue;
        GByteArray *d = g_byte_array_new();
        if (!block_dots(b, path, d, error))
            *ok = FALSE;
        else {
            /* てびき: 書名 and 巻数 at the top, the maker's data at the foot. */
            gboolean top = b->level <= 2 || b->level == HK_TITLE_VOLUME;
            int indent = b->level <= 1 ? bl->title_indent
                         : top         ? bl->subtitle_indent
                                       : bl->imprint_indent;
            GPtrArray *to = top ? head : foot;
            if (top && b->level > 1 && to->len)
                g_ptr_array_add(to, line_new(HK_BL_BLANK, -1, 0));
            wrap_text(bl, d, b->kana, indent, indent + 2, (int)i, HK_BL_TEXT, to, c->book->splits);
        }
        g_byte_array_unref(d);
    }
    if (*ok && (head->len || foot->len)) {
        int cap = bl->rows - 1;
        GPtrArray *flow = g_ptr_array_new_with_free_func(line_free);
        for (int i = 0; i < bl->title_top - 2; i++)
            g_ptr_array_add(flow, line_new(HK_BL_BLANK, -1, 0));
        for (guint i = 0; i < head->len; i++)
            g_ptr_array_add(flow, head->pdata[i]);
        int fill = cap - (int)flow->len - (int)foot->len;
        for (int i = 0; i < MAX(fill, 1); i++)
            g_ptr_array_add(flow, line_new(HK_BL_BLANK, -1, 0));
        for (guint i = 0; i < foot->len; i++)
            g_ptr_array_add(flow, foot->pdata[i]);
        /* Blank lines are kept here: they place the title on the page. */
        HkBraillePage *page = NULL;
        for (guint i = 0; i < flow->len; i++) {
            if (!page || (int)page->lines->len > cap) {
                page = page_new(HK_BP_TITLE);
                g_ptr_array_add(pages, page);
            }
            g_ptr_array_add(page->lines, flow->pdata[i]);
            flow->pdata[i] = NULL;
        }
        g_ptr_array_unref(flow);
    } else {
        for (guint i = 0; i < head->len; i++)
            line_free(head->pdata[i]);
        for (guint i = 0; i < foot->len; i++)
            line_free(foot->pdata[i]);
    }
    for (guint i = 0; i < pages->len; i++)
        page_trim(g_ptr_array_index(pages, i));
    g_ptr_array_unref(head);
    g_ptr_array_unref(foot);
}

/* 1 if a part that has taken `pages` pages must be followed by a blank
 * back: printed on both sides, each part (title page, 目次, body) starts
 * on the front of a sheet, as a PEF section does; the blank page is in
 * the page model so that the BRF, BES and PEF describe the same sheets. */
static int back_pad(const HkBrailleLayout *bl, int pages)
{
    return bl->duplex && pages % 2 ? 1 : 0;
}

/* A blank back of the part before it (same kind, so a PEF section ends
 * with it). `number` > 0 counts it without printing the number, as print
 * books count blank pages. */
static void add_blank_back(HkBrailleBook *book, HkBraillePageKind kind, int number)
{
    HkBraillePage *p = page_new(kind);
    p->number = number;
    g_ptr_array_add(book->pages, p);
}

/* Title pages (already in the book), TOC and body, numbered from
 * first_number on the TOC, with the blank backs duplex needs. Takes the pages of toc and body. */
static void assemble(const HkBrailleLayout *bl, HkBrailleBook *book, GPtrArray *toc,
                     GPtrArray *body, int first_number)
{
    int number = first_number;
    if (book->pages->len && toc->len + body->len && back_pad(bl, (int)book->pages->len))
        add_blank_back(book, HK_BP_TITLE, 0);
    for (guint i = 0; i < toc->len; i++) {
        page_number(bl, g_ptr_array_index(toc, i), number++);
        g_ptr_array_add(book->pages, toc->pdata[i]);
    }
    if (toc->len && back_pad(bl, (int)toc->len))
        add_blank_back(book, HK_BP_TOC, number++);
    for (guint i = 0; i < body->len; i++) {
        page_number(bl, g_ptr_array_index(body, i), number++);
        g_ptr_array_add(book->pages, body->pdata[i]);
    }
    g_ptr_array_set_free_func(toc, NULL);
    g_ptr_array_set_free_func(body, NULL);
}

/* One book (or volume) of `blocks`, numbered from first_number. Heading
 * ranks, and whether there is a TOC at all, come from `all` (the whole
 * document), so that a volume's headings keep the book's indents. */
HkBrailleBook *hk_braille_paginate_part(const HkBrailleLayout *bl, const GPtrArray *blocks,
                                        const GPtrArray *all, int first_number,
                                        const char *toc_title_cells, const char *path,
                                        GError **error)
{
    HkBrailleBook *book = g_new0(HkBrailleBook, 1);
    book->cols = bl->cols;
    book->rows = bl->rows;
    book->duplex = bl->duplex;
    book->pages = g_ptr_array_new_with_free_func(page_free);
    book->splits = g_array_new(FALSE, FALSE, sizeof(int));
    Ctx c = {.bl = bl, .book = book};
    for (int i = 0; i < 7; i++)
        c.levels[i] = -1;
    int nheadings = 0, here = 0;
    gboolean used[7] = {FALSE};
    for (guint i = 0; i < all->len; i++) {
        const HkBrailleBlock *b = g_ptr_array_index(all, i);
        if (b->kind == HK_BB_HEADING) {
            used[CLAMP(b->level, 1, 6)] = TRUE;
            nheadings++;
        }
    }
    for (guint i = 0; i < blocks->len; i++)
        here += ((const HkBrailleBlock *)g_ptr_array_index(blocks, i))->kind == HK_BB_HEADING;
    for (int lv = 1; lv <= 6; lv++)
        if (used[lv])
            c.levels[lv] = c.nlevels++;

    gboolean ok = TRUE;
    title_pages(&c, blocks, path, book->pages, error, &ok);

    GPtrArray *flow = g_ptr_array_new_with_free_func(line_free);
    GArray *keep = g_array_new(FALSE, FALSE, sizeof(gboolean));
    GPtrArray *body = g_ptr_array_new_with_free_func(page_free);
    int *first_page = g_new(int, blocks->len + 1);
    for (guint i = 0; i <= blocks->len; i++)
        first_page[i] = -1;
    ok = ok && body_flow(&c, blocks, path, flow, keep, error);
    if (ok)
        flow_to_pages(bl, flow, keep, HK_BP_BODY, body, first_page);
    ok = ok && colophon_pages(&c, blocks, path, body, error);
    if (ok && body->len == 0) /* an empty document is still a (blank) book */
        g_ptr_array_add(body, page_new(HK_BP_BODY));

    GByteArray *title = g_byte_array_new();
    if (ok && toc_title_cells && !hk_braille_parse_cells(toc_title_cells, title, NULL)) {
        hk_set_error_at(error, HK_ERROR_RENDER, path, 1, 1,
                        "the braille of the contents title is not six-dot cells");
        ok = FALSE;
    }
    GPtrArray *toc = g_ptr_array_new_with_free_func(page_free);
    if (ok && nheadings > 1 && here > 0) {
        /* TOC numbers depend on how many pages the TOC itself takes, which
         * depends on the width of those numbers: lay it out until stable. */
        int toc_pages = 0;
        for (int pass = 0; pass < 8; pass++) {
            g_ptr_array_set_size(toc, 0);
            GPtrArray *tf = g_ptr_array_new_with_free_func(line_free);
            toc_flow(&c, blocks, first_page, first_number + toc_pages + back_pad(bl, toc_pages),
                     title, tf);
            /* An entry's lines stay together. */
            GArray *tk = g_array_new(FALSE, TRUE, sizeof(gboolean));
            g_array_set_size(tk, tf->len);
            for (guint i = 0; i + 1 < tf->len; i++) {
                const HkBrailleLine *a = g_ptr_array_index(tf, i),
                                    *b = g_ptr_array_index(tf, i + 1);
                g_array_index(tk, gboolean, i) = a->block < 0 || a->block == b->block;
            }
            flow_to_pages(bl, tf, tk, HK_BP_TOC, toc, NULL);
            g_array_unref(tk);
            g_ptr_array_unref(tf);
            if ((int)toc->len == toc_pages)
                break;
            toc_pages = (int)toc->len;
        }
    }
    if (ok)
        assemble(bl, book, toc, body, first_number);
    g_ptr_array_unref(toc);
    g_ptr_array_unref(body);
    g_byte_array_unref(title);
    g_free(first_page);
    g_array_unref(keep);
    g_ptr_array_unref(flow);
    if (!ok) {
        hk_braille_book_free(book);
        return NULL;
    }
    return book;
}

HkBrailleBook *hk_braille_paginate(const HkBrailleLayout *bl, const GPtrArray *blocks,
                                   const char *toc_title_cells, const char *path, GError **error)
{
    return hk_braille_paginate_part(bl, blocks, blocks, 1, toc_title_cells, path, error);
}

void hk_braille_credits_clear(HkBrailleCredits *c)
{
    g_free(c->transcriber);
    g_free(c->proofreader);
    g_free(c->original);
    g_free(c->year);
    g_free(c->producer);
    memset(c, 0, sizeof *c);
}

void hk_braille_book_free(HkBrailleBook *book)
{
    if (!book)
        return;
    g_ptr_array_unref(book->pages);
    g_array_unref(book->splits);
    g_free(book->title);
    g_free(book->lang);
    g_free(book->date);
    g_free(book->identifier);
    if (book->title_dots)
        g_byte_array_unref(book->title_dots);
    GByteArray *dots[] = {book->author_dots, book->transcriber_dots, book->volume_dots,
                          book->remarks_dots};
    for (gsize i = 0; i < G_N_ELEMENTS(dots); i++)
        if (dots[i])
            g_byte_array_unref(dots[i]);
    g_free(book->author);
    g_free(book->subtitle);
    hk_braille_credits_clear(&book->credits);
    g_free(book);
}
