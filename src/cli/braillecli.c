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
    fprintf(stderr, "hiraku: %s\n", err->message);
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

int hk_cli_braille(int argc, char **argv)
{
    Mode mode = MODE_CELLS;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--kana"))
            mode = MODE_KANA;
        else if (!strcmp(argv[i], "--from-kana"))
            mode = MODE_FROM_KANA;
        else {
            fprintf(stderr,
                    "hiraku braille: unknown option '%s'\n"
                    "usage: hiraku braille [--kana | --from-kana] < text\n",
                    argv[i]);
            return 2;
        }
    }
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
    while (read_line(stdin, buf, &too_long)) {
        lineno++;
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
    if (fflush(stdout) != 0 && rc == 0) {
        perror("hiraku: stdout");
        rc = 1;
    }
    return rc;
}
