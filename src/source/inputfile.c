#include "inputfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

static gboolean refuse(const char *path, const char *what, mode_t m, GError **error)
{
    hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "%s is %s: only regular files are read",
                    what, kind_of(m));
    return FALSE;
}

const char *hk_input_irregular(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return NULL;
    return kind_of(st.st_mode);
}

gboolean hk_input_check_regular(const char *path, const char *what, GError **error)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "cannot read %s: %s", what,
                        g_strerror(errno));
        return FALSE;
    }
    return S_ISREG(st.st_mode) ? TRUE : refuse(path, what, st.st_mode, error);
}

/* Opened without blocking, so that a FIFO with no writer does not hang the
 * open itself; it is refused on fstat, before any read. */
static int open_regular(const char *path, const char *what, GError **error)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "cannot read %s: %s", what,
                        g_strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "cannot read %s: %s", what,
                        g_strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        refuse(path, what, st.st_mode, error);
        close(fd);
        return -1;
    }
    return fd;
}

static void too_large(const char *path, const char *what, gsize max_bytes, GError **error)
{
    gsize n = max_bytes >= (1 << 20) ? max_bytes >> 20
              : max_bytes >= 1024    ? max_bytes >> 10
                                     : max_bytes;
    const char *unit = max_bytes >= (1 << 20) ? "MiB" : max_bytes >= 1024 ? "KiB" : "bytes";
    hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1,
                    "%s larger than %" G_GSIZE_FORMAT " %s (the limit for a %s file)", what, n,
                    unit, what);
}

gboolean hk_input_read(const char *path, const char *what, gsize max_bytes, char **data, gsize *len,
                       GError **error)
{
    *data = NULL;
    *len = 0;
    int fd = open_regular(path, what, error);
    if (fd < 0)
        return FALSE;
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[65536];
    gboolean ok = TRUE;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "cannot read %s: %s", what,
                            g_strerror(errno));
            ok = FALSE;
            break;
        }
        if (n == 0)
            break;
        if (buf->len + (gsize)n > max_bytes) {
            too_large(path, what, max_bytes, error);
            ok = FALSE;
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    if (!ok) {
        g_byte_array_free(buf, TRUE);
        return FALSE;
    }
    *len = buf->len;
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *data = (char *)g_byte_array_free(buf, FALSE);
    return TRUE;
}
