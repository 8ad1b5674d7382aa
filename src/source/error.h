/* error: the project's error domain and how messages reach the terminal.
 *
 * Every module reports failures as a GError in this domain whose message is
 * already the full user-facing text ("file:line:col: what is wrong"); main
 * prints it once and maps the code to the exit status. Messages quote the
 * source, so this module also owns making them safe to print: every
 * message made here has its control characters escaped (hk_error_escape),
 * so a source cannot send ESC, BEL or a bidi override to the terminal and
 * a message is always one line. */
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
/* Sets *error to "file: message", for what has no line (an output file). */
void hk_set_error_file(GError **error, HkErrorCode code, const char *file, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);

/* A copy of UTF-8 `s` in which C0 and C1 controls, DEL and the bidi
 * embedding, override and isolate controls are written as \xHH or \u{HHHH}
 * (and a backslash stays itself). Invalid UTF-8 bytes become \xHH. */
char *hk_error_escape(const char *s);

/* Prints "file:line:col: warning: message" on stderr, escaped, unless warnings are
 * silenced (hiraku -q). A warning never stops a render: the output is
 * complete but someone should look (a split word, for instance). */
void hk_warn_at(const char *file, int line, int col, const char *fmt, ...) G_GNUC_PRINTF(4, 5);
void hk_warnings_silence(gboolean quiet);

/* Line and column (1-based, column counted in characters) of byte offset
 * `offset` in `text`. */
void hk_offset_to_line_col(const char *text, size_t offset, int *line, int *col);

#endif
