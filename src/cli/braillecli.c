/* braillecli: see braillecli.h. */
#include "braillecli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "braille.h"
#include "error.h"
#include "linepipe.h"
#include "source.h"

/* One line of text is translated at once, and translating costs a few
 * hundred bytes of memory per byte of text (an 8 MB line took 2.9 GB): a
 * line is bounded like a line of a source file, and read in bounded
 * memory whatever its length. */
#define MAX_LINE HK_SOURCE_MAX_LINE

/* Reads one line (without its end) into `line`; FALSE at the end of the
 * input. A line longer than MAX_LINE is read no further: *too_long is set. */
static gboolean read_line(FILE *in, GString *line, gboolean *too_long)
{
    g_string_truncate(line, 0);
    *too_long = FALSE;
    int c;
    /* Only this thread reads the input: no lock per byte. */
    while ((c = getc_unlocked(in)) != EOF && c != '\n') {
        if (line->len >= MAX_LINE) {
            *too_long = TRUE;
            return TRUE;
        }
        g_string_append_c(line, (char)c);
    }
    return c != EOF || line->len > 0;
}

typedef enum { MODE_CELLS, MODE_KANA, MODE_FROM_KANA } Mode;

static int fail(GError *err)
{
    char *safe = hk_error_escape(err->message);
    fprintf(stderr, "hiraku: %s\n", safe);
    g_free(safe);
    int rc = err->code == HK_ERROR_INPUT ? 2 : 1;
    g_error_free(err);
    return rc;
}

/* Checks one line; on invalid UTF-8 names stdin:line:col (col counted in
 * characters, 1-based). */
static gboolean check_utf8(const char *line, gsize len, int lineno, GError **error)
{
    const char *end;
    if (g_utf8_validate(line, (gssize)len, &end))
        return TRUE;
    int col = (int)g_utf8_strlen(line, end - line) + 1;
    hk_set_error_at(error, HK_ERROR_INPUT, "stdin", lineno, col, "invalid UTF-8");
    return FALSE;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, Mode *mode)
{
    gboolean kana = FALSE, from_kana = FALSE;
    GOptionEntry entries[] = {
        {"kana", 0, 0, G_OPTION_ARG_NONE, &kana, "write the kana transcription, not cells", NULL},
        {"from-kana", 0, 0, G_OPTION_ARG_NONE, &from_kana,
         "read kana transcriptions and write their cells", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *ctx = g_option_context_new("- translate text on stdin to braille on stdout");
    g_option_context_set_description(
        ctx, "One item a line in, one line out: braille cells (Unicode U+2800..U+28FF) by "
             "default.\nExit status: 0 done, 1 a translation failure, 2 bad input or usage.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = -1;
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "hiraku braille: %s (see hiraku braille --help)\n", err->message);
        g_error_free(err);
        rc = 2;
    } else if (argc > 1 || (kana && from_kana)) {
        fprintf(stderr, "hiraku braille: %s (see hiraku braille --help)\n",
                argc > 1 ? "reads standard input only: no file arguments"
                         : "--kana and --from-kana exclude each other");
        rc = 2;
    }
    *mode = kana ? MODE_KANA : from_kana ? MODE_FROM_KANA : MODE_CELLS;
    g_option_context_free(ctx);
    return rc;
}

/* A character the translator described or dropped: one warning naming
 * stdin:line:col (col in characters of the input line; a character only
 * the kana stage saw is named by its line). A line's warnings go to
 * `sink` when its cells are written on the other thread (in the order
 * they would have come), else straight to stderr. */
typedef struct {
    int lineno;
    GString *sink;
} Where;

static void warn_char(gpointer user, glong offset, gunichar ch, const char *what)
{
    const Where *w = user;
    char utf8[8];
    hk_char_warn_glyph(ch, utf8);
    char *msg = g_strdup_printf("stdin:%d:%ld: warning: braille: the character %s%s%sU+%04X %s\n",
                                w->lineno, offset >= 0 ? offset + 1 : 1L, *utf8 ? "'" : "", utf8,
                                *utf8 ? "' " : "", (unsigned)ch, what);
    if (w->sink)
        g_string_append(w->sink, msg);
    else
        fputs(msg, stderr);
    g_free(msg);
}

/* One line between the two stages of the cells mode: its kana (NULL for
 * the warnings of a line that failed) and its kana stage's warnings. */
typedef struct {
    int lineno;
    char *kana;
    GString *warnings;
} Line;

static void free_line(gpointer p)
{
    Line *l = p;
    g_free(l->kana);
    g_string_free(l->warnings, TRUE);
    g_free(l);
}

typedef struct {
    HkBraille *br;
    GError *err; /* the cells stage's failure */
} CellsStage;

/* A character only the table stage finds: its kana position says nothing
 * about the caller's text (as hk_braille_cells reports it). */
static void cells_warn(gpointer user, glong offset, gunichar ch, const char *what)
{
    (void)offset;
    warn_char(user, -1, ch, what);
}

/* The second stage, on the worker: the line's warnings, then its cells. */
static gboolean write_cells(gpointer item, gpointer user)
{
    Line *l = item;
    CellsStage *st = user;
    fputs(l->warnings->str, stderr);
    if (!l->kana)
        return TRUE;
    Where where = {l->lineno, NULL};
    HkCharWarn warn = {cells_warn, &where};
    char *cells = hk_braille_cells_of_kana(st->br, l->kana, &warn, &st->err);
    if (!cells)
        return FALSE;
    fputs(cells, stdout);
    fputc('\n', stdout);
    g_free(cells);
    return TRUE;
}

/* Lines waiting between the stages (handed over 64 at a time). */
#define PIPE_DEPTH 256

/* Reads the next line into `buf` and checks it; FALSE at the end of the
 * input or with *err (a line too long or not UTF-8). */
static gboolean next_line(GString *buf, int lineno, GError **err)
{
    gboolean too_long;
    if (!read_line(stdin, buf, &too_long))
        return FALSE;
    if (too_long) {
        hk_set_error_at(err, HK_ERROR_INPUT, "stdin", lineno, 1,
                        "line longer than %d KiB (give the text as shorter lines)", MAX_LINE >> 10);
        return FALSE;
    }
    if (buf->len > 0 && buf->str[buf->len - 1] == '\r')
        g_string_truncate(buf, buf->len - 1);
    hk_utf8_replace_surrogates(buf->str, buf->len);
    return check_utf8(buf->str, buf->len, lineno, err);
}

/* --kana and --from-kana: one stage, line by line. */
static int run_serial(HkBraille *br, Mode mode)
{
    GString *buf = g_string_sized_new(4096);
    GError *err = NULL;
    int rc = 0;
    Where where = {0, NULL};
    hk_braille_set_warn(br, warn_char, &where);
    while (rc == 0 && next_line(buf, where.lineno + 1, &err)) {
        where.lineno++;
        HkSpan span = {buf->str, NULL};
        char *out = mode == MODE_KANA ? hk_braille_kana(br, &span, 1, &err)
                                      : hk_braille_cells_from_kana(br, buf->str, &err);
        if (!out)
            break;
        fputs(out, stdout);
        fputc('\n', stdout);
        g_free(out);
    }
    if (err)
        rc = fail(err);
    hk_braille_set_warn(br, NULL, NULL);
    g_string_free(buf, TRUE);
    return rc;
}

/* Cells: the kana of each line on this thread, its cells on a worker
 * (linepipe.h); output, warnings and the failing line as run_serial's. */
static int run_cells(HkBraille *br)
{
    GError *err = NULL;
    CellsStage st = {br, NULL};
    HkLinePipe *pipe = hk_linepipe_new(PIPE_DEPTH, write_cells, free_line, &st);
    GString *buf = g_string_sized_new(4096);
    Where where = {0, NULL};
    hk_braille_set_warn(br, warn_char, &where);
    gboolean going = TRUE, prepared = FALSE;
    while (going) {
        Line *l = g_new0(Line, 1);
        l->lineno = where.lineno + 1;
        l->warnings = g_string_new(NULL);
        where.sink = l->warnings;
        if (next_line(buf, l->lineno, &err)) {
            where.lineno = l->lineno;
            HkSpan span = {buf->str, NULL};
            /* Loaded here, not on the worker's first use: the worker
             * only reads the translator. */
            if (prepared || (prepared = hk_braille_prepare(br, &err)))
                l->kana = hk_braille_kana(br, &span, 1, &err);
        }
        going = l->kana != NULL;
        if (!going && !l->warnings->len)
            free_line(l);
        else
            going = hk_linepipe_push(pipe, l) && going;
    }
    hk_braille_set_warn(br, NULL, NULL);
    gboolean cells_ok = hk_linepipe_finish(pipe);
    g_string_free(buf, TRUE);
    if (!cells_ok) {
        g_clear_error(&err);
        err = st.err;
    }
    return err ? fail(err) : 0;
}

int hk_cli_braille(int argc, char **argv)
{
    Mode mode;
    int early = parse_options(argc, argv, &mode);
    if (early >= 0)
        return early;
    GError *err = NULL;
    HkBraille *br = hk_braille_shared(&err);
    if (!br)
        return fail(err);
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    int rc = mode == MODE_CELLS ? run_cells(br) : run_serial(br, mode);
    if (fflush(stdout) != 0 && rc == 0) {
        perror("hiraku: stdout");
        rc = 1;
    }
    return rc;
}
