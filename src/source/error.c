#include "error.h"

#include <stdarg.h>
#include <stdio.h>

G_DEFINE_QUARK(hiraku - error - quark, hk_error)

void hk_set_error_at(GError **error, HkErrorCode code, const char *file, int line, int col,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, HK_ERROR, code, "%s:%d:%d: %s", file, line, col, msg);
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
    fprintf(stderr, "%s:%d:%d: warning: %s\n", file, line, col, msg);
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
