/* braillecli: see braillecli.h. */
#include "braillecli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "braille.h"
#include "error.h"
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
    while ((c = getc(in)) != EOF && c != '\n') {
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
 * the kana stage saw is named by its line). */
typedef struct {
    int lineno;
} Where;

static void warn_char(gpointer user, glong offset, gunichar ch, const char *what)
{
    const Where *w = user;
    char utf8[8];
    hk_char_warn_glyph(ch, utf8);
    fprintf(stderr, "stdin:%d:%ld: warning: braille: the character %s%s%sU+%04X %s\n", w->lineno,
            offset >= 0 ? offset + 1 : 1L, *utf8 ? "'" : "", utf8, *utf8 ? "' " : "", (unsigned)ch,
            what);
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
    GString *buf = g_string_sized_new(4096);
    gboolean too_long;
    int lineno = 0;
    int rc = 0;
    Where where = {0};
    hk_braille_set_warn(br, warn_char, &where);
    while (read_line(stdin, buf, &too_long)) {
        lineno++;
        where.lineno = lineno;
        if (too_long) {
            hk_set_error_at(&err, HK_ERROR_INPUT, "stdin", lineno, 1,
                            "line longer than %d KiB (give the text as shorter lines)",
                            MAX_LINE >> 10);
            rc = fail(err);
            break;
        }
        if (buf->len > 0 && buf->str[buf->len - 1] == '\r')
            g_string_truncate(buf, buf->len - 1);
        char *line = buf->str;
        gsize len = buf->len;
        hk_utf8_replace_surrogates(line, len);
        if (!check_utf8(line, len, lineno, &err)) {
            rc = fail(err);
            break;
        }
        HkSpan span = {line, NULL};
        char *out = mode == MODE_KANA        ? hk_braille_kana(br, &span, 1, &err)
                    : mode == MODE_FROM_KANA ? hk_braille_cells_from_kana(br, line, &err)
                                             : hk_braille_cells(br, &span, 1, &err);
        if (!out) {
            rc = fail(err);
            break;
        }
        fputs(out, stdout);
        fputc('\n', stdout);
        g_free(out);
    }
    g_string_free(buf, TRUE);
    hk_braille_set_warn(br, NULL, NULL);
    if (fflush(stdout) != 0 && rc == 0) {
        perror("hiraku: stdout");
        rc = 1;
    }
    return rc;
}
