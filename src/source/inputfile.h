/* inputfile: reads an input file (source, layout, image) within a limit.
 *
 * Owns the checks made before any byte of an input is interpreted: the path
 * names a regular file, and the file is no larger than the limit for its
 * kind. A FIFO would block the run forever and a device (/dev/zero) would
 * be read until memory runs out, so anything but a regular file is refused
 * without being read; the limit is checked while reading, so a file that
 * grows, or whose size the file system misreports, cannot take more. */
#ifndef HK_INPUTFILE_H
#define HK_INPUTFILE_H

#include <glib.h>

/* Fails with an HK_ERROR_INPUT error "path:1:1: ..." unless `path` is a
 * regular file (after symbolic links). `what` names the input in the
 * message ("source", "layout", "image"). */
gboolean hk_input_check_regular(const char *path, const char *what, GError **error);

/* What `path` is when it exists and is not a regular file ("a FIFO", "a
 * device", "a directory"...); NULL for a regular file or no file. */
const char *hk_input_irregular(const char *path);

/* Reads the whole of `path` into *data (NUL-terminated, free with g_free),
 * failing with a located error when it is not a regular file, cannot be
 * read, or holds more than `max_bytes`. */
gboolean hk_input_read(const char *path, const char *what, gsize max_bytes, char **data, gsize *len,
                       GError **error);

#endif
