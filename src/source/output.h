/* output: durable, all-or-nothing output files and the project's data
 * directory.
 *
 * Every output is written to a temporary name beside its final name
 * (".<name>.XXXXXX", created 0666 less the umask like any Unix tool's
 * output), each write checked, then fsync'd and closed (both checked) and
 * only then renamed into place, after which the directory is fsync'd. A
 * failure at any step removes the temporary file, so no partial file is
 * ever left under the final name.
 *
 * A batch groups the outputs of one source file: inside a batch a
 * committed output is complete on disk but keeps its temporary name until
 * hk_output_batch_commit, so one edition's failure leaves none of the
 * others either.
 *
 * Live temporary names are kept in a table that a signal handler may empty
 * (hk_output_remove_temporaries), so an interrupted run leaves nothing. */
#ifndef HK_OUTPUT_H
#define HK_OUTPUT_H

#include <glib.h>

typedef struct {
    char *final_path;
    char *tmp_path;
    int fd;
} HkOutput;

/* Creates the temporary file beside `final_path`, open for writing. Fails
 * with HK_ERROR_RENDER if the directory is not writable. */
gboolean hk_output_begin(HkOutput *out, const char *final_path, GError **error);
/* Appends `len` bytes; on failure (ENOSPC, EIO, …) sets an error naming the
 * final file and the reason. The output must still be aborted. */
gboolean hk_output_write(HkOutput *out, const void *data, gsize len, GError **error);
/* Flushes the file to disk and closes it, then renames it into place (or,
 * inside a batch, queues the rename). On failure the temporary is removed. */
gboolean hk_output_commit(HkOutput *out, GError **error);
/* Closes and removes the temporary file (safe after commit: does nothing). */
void hk_output_abort(HkOutput *out);

/* Writes `len` bytes as one whole output file. */
gboolean hk_output_write_file(const char *final_path, const void *data, gsize len, GError **error);
gboolean hk_output_write_bytes(const char *final_path, GBytes *bytes, GError **error);

/* Starts a batch; outputs committed until the batch ends are renamed into
 * place together by hk_output_batch_commit, or removed by
 * hk_output_batch_abort. A batch inside a batch joins it: only the
 * outermost commit renames, and any abort discards the whole batch. */
void hk_output_batch_begin(void);
gboolean hk_output_batch_commit(GError **error);
void hk_output_batch_abort(void);

/* Where the file that will be `final_path` is now: its temporary name if
 * the current batch has written it (complete, awaiting the batch's
 * commit), else `final_path` if it exists, else NULL. An edition that
 * links its siblings (the web page) sees them before they are renamed. */
const char *hk_output_current(const char *final_path);

/* Unlinks every live temporary file. Async-signal-safe: for a SIGINT or
 * SIGTERM handler. */
void hk_output_remove_temporaries(void);

#endif
