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

/* Standard input, read a block at a time (a call per byte cost a tenth of
 * the reading thread's own work). Only the reading thread reads it. */
typedef struct {
    FILE *file;
    gsize pos, len;
    char buf[1 << 16];
} Input;

/* Reads one line (without its end) into `line`; FALSE at the end of the
 * input. A line longer than MAX_LINE is read no further: *too_long is set. */
static gboolean read_line(Input *in, GString *line, gboolean *too_long)
{
    g_string_truncate(line, 0);
    *too_long = FALSE;
    for (;;) {
        if (in->pos == in->len) {
            in->pos = 0;
            in->len = fread(in->buf, 1, sizeof in->buf, in->file);
            if (in->len == 0)
                return line->len > 0;
        }
        const char *from = in->buf + in->pos;
        gsize avail = in->len - in->pos;
        const char *nl = memchr(from, '\n', avail);
        gsize take = nl ? (gsize)(nl - from) : avail;
        if (line->len + take > MAX_LINE) {
            *too_long = TRUE;
            return TRUE;
        }
        g_string_append_len(line, from, (gssize)take);
        in->pos += take + (nl != NULL);
        if (nl)
            return TRUE;
    }
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
static int parse_options(int argc, char **argv, Mode *mode, int *threads)
{
    gboolean kana = FALSE, from_kana = FALSE;
    *threads = 2;
    GOptionEntry entries[] = {
        {"kana", 0, 0, G_OPTION_ARG_NONE, &kana, "write the kana transcription, not cells", NULL},
        {"from-kana", 0, 0, G_OPTION_ARG_NONE, &from_kana,
         "read kana transcriptions and write their cells", NULL},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, threads,
         "threads: 2 (default) analyses the next lines while the rules and cells of the last "
         "ones are done, 1 does one line at a time (the same output)",
         "N"},
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
    } else if (argc > 1 || (kana && from_kana) || *threads < 1 || *threads > 2) {
        fprintf(stderr, "hiraku braille: %s (see hiraku braille --help)\n",
                argc > 1              ? "reads standard input only: no file arguments"
                : (kana && from_kana) ? "--kana and --from-kana exclude each other"
                                      : "-j takes 1 or 2");
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

/* One line between the two stages: its analysis (NULL for the warnings
 * of a line that failed) and the warnings of its first stage. */
typedef struct {
    int lineno;
    HkBrailleText *text;
    GString *warnings;
} Line;

static void free_line(gpointer p)
{
    Line *l = p;
    hk_braille_text_free(l->text);
    g_string_free(l->warnings, TRUE);
    g_free(l);
}

typedef struct {
    HkBraille *br;
    Mode mode;
    GError *err; /* the second stage's failure */
} SecondStage;

/* A character only the table stage finds: its kana position says nothing
 * about the caller's text (as hk_braille_cells reports it). */
static void cells_warn(gpointer user, glong offset, gunichar ch, const char *what)
{
    (void)offset;
    warn_char(user, -1, ch, what);
}

/* The second stage, on the worker: the line's first warnings, then its
 * kana (the rules) and, unless --kana, its cells. */
static gboolean write_line(gpointer item, gpointer user)
{
    Line *l = item;
    SecondStage *st = user;
    fputs(l->warnings->str, stderr);
    if (!l->text)
        return TRUE;
    Where where = {l->lineno, NULL};
    HkCharWarn kana_warn = {warn_char, &where};
    char *out = hk_braille_kana_of(st->br, l->text, &kana_warn, &st->err);
    if (out && st->mode == MODE_CELLS) {
        HkCharWarn warn = {cells_warn, &where};
        char *cells = hk_braille_cells_of_kana(st->br, out, &warn, &st->err);
        g_free(out);
        out = cells;
    }
    if (!out)
        return FALSE;
    fputs(out, stdout);
    fputc('\n', stdout);
    g_free(out);
    return TRUE;
}

/* Lines waiting between the stages (handed over 64 at a time), and the
 * most bytes their analyses may hold: a line of MAX_LINE bytes holds a
 * few MiB of morphemes, and 256 of them must not wait at once. */
#define PIPE_DEPTH 256
#define PIPE_BYTES (8u << 20)

/* Reads the next line into `buf` and checks it; FALSE at the end of the
 * input or with *err (a line too long or not UTF-8). */
static gboolean next_line(Input *in, GString *buf, int lineno, GError **err)
{
    gboolean too_long;
    if (!read_line(in, buf, &too_long))
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

/* One line on one thread: its transcription, or its cells. */
static char *translate_line(HkBraille *br, Mode mode, const char *line, Where *where, GError **err)
{
    if (mode == MODE_FROM_KANA)
        return hk_braille_cells_from_kana(br, line, err);
    HkSpan span = {(char *)line, NULL};
    char *kana = hk_braille_kana(br, &span, 1, err);
    if (!kana || mode == MODE_KANA)
        return kana;
    HkCharWarn warn = {cells_warn, where};
    char *cells = hk_braille_cells_of_kana(br, kana, &warn, err);
    g_free(kana);
    return cells;
}

/* --from-kana, and -j 1: one line at a time on this thread. */
static int run_serial(HkBraille *br, Mode mode, Input *in)
{
    GString *buf = g_string_sized_new(4096);
    GError *err = NULL;
    int rc = 0;
    Where where = {0, NULL};
    hk_braille_set_warn(br, warn_char, &where);
    while (rc == 0 && next_line(in, buf, where.lineno + 1, &err)) {
        where.lineno++;
        char *out = translate_line(br, mode, buf->str, &where, &err);
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

/* Cells and --kana: each line read and analysed (MeCab) on this thread,
 * its rules and cells on a worker (linepipe.h), so that MeCab on the next
 * lines overlaps the rest; output, warnings and the failing line as one
 * thread would give them. */
static int run_pipelined(HkBraille *br, Mode mode, Input *in)
{
    GError *err = NULL;
    SecondStage st = {br, mode, NULL};
    HkLinePipe *pipe = hk_linepipe_new(PIPE_DEPTH, PIPE_BYTES, write_line, free_line, &st);
    GString *buf = g_string_sized_new(4096);
    int lineno = 0;
    gboolean going = TRUE, prepared = FALSE;
    while (going) {
        Line *l = g_new0(Line, 1);
        l->lineno = lineno + 1;
        l->warnings = g_string_new(NULL);
        Where where = {l->lineno, l->warnings};
        HkCharWarn warn = {warn_char, &where};
        if (next_line(in, buf, l->lineno, &err)) {
            lineno = l->lineno;
            HkSpan span = {buf->str, NULL};
            /* Loaded here, not on the worker's first use: the worker
             * only reads what the first stage loaded. */
            if (prepared || (prepared = hk_braille_prepare(br, &err)))
                l->text = hk_braille_analyse(br, &span, 1, &warn, &err);
        }
        going = l->text != NULL;
        gsize bytes = sizeof *l + l->warnings->allocated_len;
        if (l->text)
            bytes += hk_braille_text_size(l->text);
        if (!going && !l->warnings->len)
            free_line(l);
        else
            going = hk_linepipe_push(pipe, l, bytes) && going;
    }
    gboolean second_ok = hk_linepipe_finish(pipe);
    g_string_free(buf, TRUE);
    if (!second_ok) {
        g_clear_error(&err);
        err = st.err;
    }
    return err ? fail(err) : 0;
}

int hk_cli_braille(int argc, char **argv)
{
    Mode mode;
    int threads;
    int early = parse_options(argc, argv, &mode, &threads);
    if (early >= 0)
        return early;
    GError *err = NULL;
    HkBraille *br = hk_braille_shared(&err);
    if (!br)
        return fail(err);
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    /* Reading kana needs no MeCab: nothing to overlap. */
    static Input in;
    in.file = stdin;
    int rc = mode == MODE_FROM_KANA || threads == 1 ? run_serial(br, mode, &in)
                                                    : run_pipelined(br, mode, &in);
    if (fflush(stdout) != 0 && rc == 0) {
        perror("hiraku: stdout");
        rc = 1;
    }
    return rc;
}
