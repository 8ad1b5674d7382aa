/* error: the project's error domain and its warnings. Every module reports failures as a
 * GError in this domain whose message is already the full user-facing text
 * ("file:line:col: what is wrong"); main prints it once and maps the code to
 * the exit status. */
#ifndef HK_ERROR_H
#define HK_ERROR_H

#include <glib.h>

#define HK_ERROR (hk_error_quark())

typedef enum {
    HK_ERROR_INPUT,  /* bad source, layout or usage: exit 2 */
    HK_ERROR_RENDER, /* a rendering or output failure: exit 1 */
} HkErrorCode;

GQuark hk_error_quark(void);

/* Sets *error to "file:line:col: message". */
void hk_set_error_at(GError **error, HkErrorCode code, const char *file, int line, int col,
                     const char *fmt, ...) G_GNUC_PRINTF(6, 7);

/* Prints "file:line:col: warning: message" on stderr, unless warnings are
 * silenced (hiraku -q). A warning never stops a render: the output is
 * complete but someone should look (a split word, for instance). */
void hk_warn_at(const char *file, int line, int col, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
void hk_warnings_silence(gboolean quiet);

/* Line and column (1-based, column counted in characters) of byte offset
 * `offset` in `text`. */
void hk_offset_to_line_col(const char *text, size_t offset, int *line, int *col);

#endif
