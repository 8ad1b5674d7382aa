/* louis: kana transcription to braille cells through liblouis and the
 * project's table tables/ja-kana.ctb (the rules live in the table; this
 * module only loads it, converts between UTF-8 and liblouis's wide chars,
 * and turns liblouis's output into the project's cell format). */
#include "louis.h"

#include <liblouis/liblouis.h>
#include <string.h>

#include "cellcache.h"
#include "datadir.h"
#include "error.h"

#define TABLE_RELATIVE "tables/ja-kana.ctb"

/* The table marks a character it does not know with virtual dot f (its
 * `undefined` rule), which never occurs in a real cell. */
#define UNDEFINED_MARK LOU_DOT_15

_Static_assert(sizeof(widechar) == sizeof(gunichar), "liblouis must use 32-bit widechar");

struct HkLouis {
    char *table;        /* absolute path, also liblouis's cache key */
    HkCellCache *words; /* cells of the words translated on their own */
};

/* Distinct words remembered (a few MiB at most); a book has fewer. */
#define MAX_CACHED_WORDS 50000

/* liblouis 3.24 writes every call's input and output as hex into a buffer
 * for a LOU_LOG_ALL message before it looks at the log level, which cost
 * a sixth of the translation time. This definition takes the place of
 * liblouis's own (the library calls it through its PLT, so the
 * executable's definition wins) and drops such messages unformatted;
 * anything at LOU_LOG_WARN or above still reaches the log, without the
 * buffer dump. */
void _lou_logMessage(logLevels level, const char *format, ...);
void _lou_logWidecharBuf(logLevels level, const char *msg, const widechar *wbuf, int wlen);
void _lou_logWidecharBuf(logLevels level, const char *msg, const widechar *wbuf, int wlen)
{
    (void)wbuf;
    (void)wlen;
    if (level >= LOU_LOG_WARN)
        _lou_logMessage(level, "%s", msg);
}

/* liblouis translates through buffers and pass variables of its own,
 * one set per process: `hiraku braille` writes cells on one thread while
 * the screen asks the table about characters on another, so every call
 * into liblouis holds this lock. */
static GMutex louis_lock;

/* liblouis keeps compiled tables in a process-wide cache; lou_free() drops
 * it, so it may only run when the last translator goes away. */
static int live_translators;

/* Compile messages go to this buffer while a table loads, so that a broken
 * table is reported through GError instead of on stderr. */
static GString *compile_log;

static void collect_log(logLevels level, const char *message)
{
    if (compile_log && level >= LOU_LOG_ERROR)
        g_string_append_printf(compile_log, "%s%s", compile_log->len ? "; " : "", message);
}

HkLouis *hk_louis_new(GError **error)
{
    if (lou_charSize() != sizeof(widechar)) {
        g_set_error(error, HK_ERROR, HK_ERROR_RENDER,
                    "liblouis was built with %d-byte characters, hiraku needs %zu", lou_charSize(),
                    sizeof(widechar));
        return NULL;
    }
    char *path = hk_data_path(TABLE_RELATIVE);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: braille table not found", path);
        g_free(path);
        return NULL;
    }
    compile_log = g_string_new(NULL);
    lou_registerLogCallback(collect_log);
    const void *compiled = lou_getTable(path);
    lou_registerLogCallback(NULL);
    if (!compiled) {
        g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: liblouis cannot compile the table: %s",
                    path, compile_log->len ? compile_log->str : "no details");
        g_string_free(compile_log, TRUE);
        compile_log = NULL;
        g_free(path);
        if (live_translators == 0)
            lou_free();
        return NULL;
    }
    g_string_free(compile_log, TRUE);
    compile_log = NULL;
    HkLouis *louis = g_new0(HkLouis, 1);
    louis->table = path;
    louis->words = hk_cellcache_new(MAX_CACHED_WORDS);
    live_translators++;
    return louis;
}

void hk_louis_free(HkLouis *louis)
{
    if (!louis)
        return;
    g_free(louis->table);
    hk_cellcache_free(louis->words);
    g_free(louis);
    if (--live_translators == 0)
        lou_free();
}

/* liblouis's cells for `len` characters (no newline) as its whole input,
 * and for each cell the input character it came from; g_free both. */
static gboolean run_louis(HkLouis *louis, const gunichar *line, int len, widechar **cells,
                          int **input_pos, int *out_len, GError **error)
{
    /* The correct pass may insert a つなぎ符 and a sign may take several
     * cells; grow the buffer until liblouis has consumed the whole line. */
    int cap = len * 4 + 16;
    for (;;) {
        *cells = g_new(widechar, cap);
        *input_pos = g_new(int, cap);
        int in_len = len;
        *out_len = cap;
        g_mutex_lock(&louis_lock);
        int ok = lou_translate(louis->table, (const widechar *)line, &in_len, *cells, out_len, NULL,
                               NULL, NULL, *input_pos, NULL, dotsIO);
        g_mutex_unlock(&louis_lock);
        if (ok && in_len >= len)
            return TRUE;
        g_free(*cells);
        g_free(*input_pos);
        if (!ok) {
            g_set_error(error, HK_ERROR, HK_ERROR_RENDER, "%s: liblouis failed to translate a line",
                        louis->table);
            return FALSE;
        }
        cap *= 2;
    }
}

/* Appends one cell in the project's format (a blank as an ASCII space). */
static void append_cell(GString *out, widechar c)
{
    unsigned dots = c & 0xFF;
    if (dots == 0)
        g_string_append_c(out, ' ');
    else
        g_string_append_unichar(out, 0x2800 + dots);
}

/* Translates `len` characters (no newline) starting at character `base`
 * of the caller's text as liblouis's whole input and appends the cells to
 * `out`; a character the table does not know is reported to `warn`, left
 * out, and *dropped set. */
static gboolean translate_span(HkLouis *louis, const gunichar *line, int len, glong base,
                               const HkCharWarn *warn, GString *out, gboolean *dropped,
                               GError **error)
{
    if (len == 0)
        return TRUE;
    widechar *cells;
    int *input_pos, out_len;
    if (!run_louis(louis, line, len, &cells, &input_pos, &out_len, error))
        return FALSE;
    int last_reported = -1;
    for (int i = 0; i < out_len; i++) {
        if (cells[i] & UNDEFINED_MARK) {
            int at = input_pos[i] >= 0 && input_pos[i] < len ? input_pos[i] : 0;
            if (at != last_reported)
                hk_char_warn(warn, base + at, line[at], "dropped: no braille for it");
            *dropped = TRUE;
            last_reported = at;
            continue;
        }
        append_cell(out, cells[i]);
    }
    g_free(cells);
    g_free(input_pos);
    return TRUE;
}

/* A character whose cells, next to a blank, are the same whatever stands
 * on the blank's other side: the katakana letters and the 長音符. No
 * rule of the table reaches across a blank from one (no mode, no context
 * class, no 9 or a dot that the second pass joins with a blank or drops
 * at the ends of the line: those come from 。、・?!※ ← →, digits and
 * Latin letters). */
static gboolean stands_alone(gunichar c)
{
    return (c >= 0x30A1 && c <= 0x30F6) || c == 0x30FC;
}

/* The open-quotation state of the correct pass (#1, #2 in ja-kana.ctb)
 * changes only at the 外国語引用符 ⠦ ⠴: a line with one is translated
 * whole, as its words' cells depend on the quotes before them. */
static gboolean has_quote_marks(const gunichar *line, int len)
{
    for (int i = 0; i < len; i++)
        if (line[i] == 0x2826 || line[i] == 0x2834)
            return TRUE;
    return FALSE;
}

/* One piece of a line, as liblouis would write it inside the line: from
 * the cache, or translated and remembered if nothing was dropped (a
 * dropped character must be reported each time). */
static gboolean translate_piece(HkLouis *louis, const gunichar *piece, int len, glong base,
                                const HkCharWarn *warn, GString *out, GError **error)
{
    g_mutex_lock(&louis_lock);
    const char *known = hk_cellcache_get(louis->words, piece, len);
    if (known)
        g_string_append(out, known);
    g_mutex_unlock(&louis_lock);
    if (known)
        return TRUE;
    gsize from = out->len;
    gboolean dropped = FALSE;
    if (!translate_span(louis, piece, len, base, warn, out, &dropped, error))
        return FALSE;
    if (!dropped) {
        g_mutex_lock(&louis_lock);
        hk_cellcache_add(louis->words, piece, len, out->str + from, out->len - from);
        g_mutex_unlock(&louis_lock);
    }
    return TRUE;
}

/* The pieces of a line: cut at each blank between two characters that
 * stand alone. Each piece is (start, length) in characters. */
static GArray *cut_line(const gunichar *line, int len)
{
    GArray *pieces = g_array_new(FALSE, FALSE, sizeof(int) * 2);
    int piece[2] = {0, 0};
    for (int i = 1; i + 1 < len; i++) {
        if (line[i] != ' ' || !stands_alone(line[i - 1]) || !stands_alone(line[i + 1]))
            continue;
        piece[1] = i - piece[0];
        g_array_append_val(pieces, piece);
        piece[0] = i + 1;
    }
    piece[1] = len - piece[0];
    g_array_append_val(pieces, piece);
    return pieces;
}

static gboolean cached(HkLouis *louis, const gunichar *chars, int len)
{
    g_mutex_lock(&louis_lock);
    gboolean known = hk_cellcache_get(louis->words, chars, len) != NULL;
    g_mutex_unlock(&louis_lock);
    return known;
}

/* Splits the cells of a batch (joined, `ends` each piece's end) into its
 * pieces' cells and caches them. Each joining blank must come out as one
 * blank cell of its own; otherwise, or with an unknown character, nothing
 * is cached. */
static void store_batch(HkLouis *louis, const gunichar *joined, const GArray *ends,
                        const widechar *cells, const int *input_pos, int out_len)
{
    GString *piece = g_string_new(NULL);
    GPtrArray *done = g_ptr_array_new_with_free_func(g_free);
    guint k = 0;
    int i = 0;
    gboolean sound = TRUE;
    for (; sound && k < ends->len; k++) {
        int start = k ? g_array_index(ends, int, k - 1) + 1 : 0;
        int end = g_array_index(ends, int, k);
        g_string_truncate(piece, 0);
        for (; i < out_len && input_pos[i] < end; i++) {
            sound = sound && !(cells[i] & UNDEFINED_MARK) && input_pos[i] >= start;
            append_cell(piece, cells[i]);
        }
        g_ptr_array_add(done, g_strdup(piece->str));
        if (k + 1 < ends->len) {
            /* the joining blank: one blank cell from exactly that character */
            sound = sound && i < out_len && input_pos[i] == end && (cells[i] & 0xFF) == 0 &&
                    !(cells[i] & UNDEFINED_MARK);
            i++;
            sound = sound && (i >= out_len || input_pos[i] > end);
        }
    }
    sound = sound && i == out_len;
    for (k = 0; sound && k < done->len; k++) {
        int start = k ? g_array_index(ends, int, k - 1) + 1 : 0;
        int end = g_array_index(ends, int, k);
        const char *c = g_ptr_array_index(done, k);
        g_mutex_lock(&louis_lock);
        hk_cellcache_add(louis->words, joined + start, end - start, c, strlen(c));
        g_mutex_unlock(&louis_lock);
    }
    g_ptr_array_unref(done);
    g_string_free(piece, TRUE);
}

/* Caches the cells of the pieces `batch` (the pieces of `line` not yet
 * cached) through ONE liblouis call: liblouis costs some fifteen
 * thousand instructions a call whatever the length (it clears buffers of
 * a thousand characters), more than a short word's translation. The
 * pieces are joined in line order by blanks, each between two characters
 * that stand alone (a piece that is not the line's last ends with one, a
 * piece that is not its first begins with one), so each piece's cells are
 * those it has in the line; they are told apart by the input position of
 * each cell. A batch with an unknown character is left to translate_piece,
 * which reports it. */
static gboolean cache_batch(HkLouis *louis, const gunichar *line, const GArray *batch,
                            GError **error)
{
    GArray *joined = g_array_new(FALSE, FALSE, sizeof(gunichar));
    GArray *ends = g_array_new(FALSE, FALSE, sizeof(int)); /* each piece's end in joined */
    for (guint k = 0; k < batch->len; k++) {
        const int *p = &g_array_index(batch, int, 2 * k);
        if (k > 0)
            g_array_append_val(joined, (gunichar){' '});
        g_array_append_vals(joined, line + p[0], (guint)p[1]);
        int end = (int)joined->len;
        g_array_append_val(ends, end);
    }
    widechar *cells;
    int *input_pos, out_len;
    gboolean ok = run_louis(louis, (const gunichar *)joined->data, (int)joined->len, &cells,
                            &input_pos, &out_len, error);
    if (ok) {
        store_batch(louis, (const gunichar *)joined->data, ends, cells, input_pos, out_len);
        g_free(cells);
        g_free(input_pos);
    }
    g_array_unref(joined);
    g_array_unref(ends);
    return ok;
}

/* Translates one line (no newline) of `len` characters starting at
 * character `base` of the caller's text and appends the cells to `out`.
 * The line is cut at each blank between two characters that stand alone
 * and the pieces (mostly single words, mostly cached) written one by
 * one: liblouis writes such a blank as one blank cell, and the cells on
 * either side as it would on their own. */
static gboolean translate_line(HkLouis *louis, const gunichar *line, int len, glong base,
                               const HkCharWarn *warn, GString *out, GError **error)
{
    if (len == 0)
        return TRUE;
    if (has_quote_marks(line, len)) {
        gboolean dropped = FALSE;
        return translate_span(louis, line, len, base, warn, out, &dropped, error);
    }
    GArray *pieces = cut_line(line, len);
    GArray *batch = g_array_new(FALSE, FALSE, sizeof(int) * 2);
    for (guint k = 0; k < pieces->len; k++) {
        const int *p = &g_array_index(pieces, int, 2 * k);
        if (!cached(louis, line + p[0], p[1]))
            g_array_append_vals(batch, p, 1);
    }
    gboolean ok = batch->len < 2 || cache_batch(louis, line, batch, error);
    for (guint k = 0; ok && k < pieces->len; k++) {
        const int *p = &g_array_index(pieces, int, 2 * k);
        if (k > 0)
            g_string_append_c(out, ' ');
        ok = translate_piece(louis, line + p[0], p[1], base + p[0], warn, out, error);
    }
    g_array_unref(batch);
    g_array_unref(pieces);
    return ok;
}

gboolean hk_louis_knows(HkLouis *louis, gunichar c)
{
    widechar in[1] = {(widechar)c}, cells[32];
    int in_len = 1, out_len = 32;
    g_mutex_lock(&louis_lock);
    int ok = lou_translate(louis->table, in, &in_len, cells, &out_len, NULL, NULL, NULL, NULL, NULL,
                           dotsIO);
    g_mutex_unlock(&louis_lock);
    if (!ok)
        return FALSE;
    for (int i = 0; i < out_len; i++)
        if (cells[i] & UNDEFINED_MARK)
            return FALSE;
    return out_len > 0 || c == ' ';
}

char *hk_louis_cells(HkLouis *louis, const char *kana, const HkCharWarn *warn, GError **error)
{
    g_return_val_if_fail(louis && kana, NULL);
    if (!g_utf8_validate(kana, -1, NULL)) {
        g_set_error(error, HK_ERROR, HK_ERROR_INPUT, "kana text is not valid UTF-8");
        return NULL;
    }
    glong n = 0;
    gunichar *text = g_utf8_to_ucs4_fast(kana, -1, &n);
    GString *out = g_string_sized_new((gsize)n * 3 + 1);
    /* liblouis treats its input as one line; lines are translated one by
     * one and the newlines kept. */
    glong start = 0;
    for (glong i = 0; i <= n; i++) {
        if (i < n && text[i] != '\n')
            continue;
        GError *line_error = NULL;
        if (!translate_line(louis, text + start, (int)(i - start), start, warn, out, &line_error)) {
            g_propagate_error(error, line_error);
            g_free(text);
            g_string_free(out, TRUE);
            return NULL;
        }
        if (i < n)
            g_string_append_c(out, '\n');
        start = i + 1;
    }
    g_free(text);
    return g_string_free(out, FALSE);
}
