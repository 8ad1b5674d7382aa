#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK(hiraku - error - quark, hk_error)

/* Characters a terminal acts on rather than shows, or that reorder what
 * follows (Trojan Source, CVE-2021-42574). */
static gboolean must_escape(gunichar c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *hk_error_escape(const char *s)
{
    GString *out = g_string_sized_new(strlen(s));
    const char *end = s + strlen(s);
    for (const char *p = s; p < end;) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append_printf(out, "\\x%02X", (unsigned char)*p);
            p++;
            continue;
        }
        const char *next = g_utf8_next_char(p);
        if (c < 0x80 && must_escape(c))
            g_string_append_printf(out, "\\x%02X", c);
        else if (must_escape(c))
            g_string_append_printf(out, "\\u{%04X}", c);
        else
            g_string_append_len(out, p, next - p);
        p = next;
    }
    return g_string_free(out, FALSE);
}

static void set_escaped(GError **error, HkErrorCode code, char *msg)
{
    char *safe = hk_error_escape(msg);
    g_set_error_literal(error, HK_ERROR, code, safe);
    g_free(safe);
    g_free(msg);
}

void hk_set_error_at(GError **error, HkErrorCode code, const char *file, int line, int col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    set_escaped(error, code, g_strdup_printf("%s:%d:%d: %s", file, line, col, msg));
    g_free(msg);
}

void hk_set_error_file(GError **error, HkErrorCode code, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    set_escaped(error, code, g_strdup_printf("%s: %s", file, msg));
    g_free(msg);
}

static gboolean warnings_quiet;

void hk_warnings_silence(gboolean quiet)
{
    warnings_quiet = quiet;
}

void hk_warn_at(const char *file, int line, int col, const char *fmt, ...)
{
    if (warnings_quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *all = g_strdup_printf("%s:%d:%d: warning: %s", file, line, col, msg);
    char *safe = hk_error_escape(all);
    fprintf(stderr, "%s\n", safe);
    g_free(safe);
    g_free(all);
    g_free(msg);
}

void hk_offset_to_line_col(const char *text, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < offset && text[i];) {
        if (text[i] == '\n') {
            l++;
            c = 1;
            i++;
            continue;
        }
        /* Count characters, not bytes: editors show columns that way. Bytes
         * that are not a valid lead byte still advance by one. */
        unsigned char b = (unsigned char)text[i];
        size_t step = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        i += step;
        c++;
    }
    *line = l;
    *col = c;
}
