/* output: atomic output files.
 *
 * Every output is written to a temporary name in the target directory and
 * renamed into place only when complete, so a failure never leaves a
 * partial file under the final name. */
#ifndef HK_OUTPUT_H
#define HK_OUTPUT_H

#include <glib.h>

typedef struct {
    char *final_path;
    char *tmp_path;
} HkOutput;

/* Chooses a temporary name beside `final_path` (the file is created empty
 * so the name is reserved). Fails with HK_ERROR_RENDER if the directory is
 * not writable. */
gboolean hk_output_begin(HkOutput *out, const char *final_path, GError **error);
/* Renames the temporary file to the final name. */
gboolean hk_output_commit(HkOutput *out, GError **error);
/* Removes the temporary file (safe to call after commit: does nothing). */
void hk_output_abort(HkOutput *out);

/* Writes `len` bytes atomically. */
gboolean hk_output_write_file(const char *final_path, const void *data, gsize len, GError **error);

#endif
