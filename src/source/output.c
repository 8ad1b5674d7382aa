#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

/* Temporary files that exist on disk now. A slot is filled only with a
 * complete string and emptied before the string is freed, with the
 * termination signals blocked meanwhile, so the handler sees either a
 * whole path or NULL. One source's editions hold at most nine at once. */
enum { MAX_LIVE = 64 };
static char *volatile live[MAX_LIVE];

/* Renames queued by a batch: pairs of (temporary, final); `depth` counts
 * nested batches, and only the outermost commit renames. */
static GPtrArray *pending;
static int depth;

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, old);
}

static gboolean live_add(char *path)
{
    sigset_t old;
    block_signals(&old);
    gboolean ok = FALSE;
    for (int i = 0; i < MAX_LIVE && !ok; i++)
        if (!live[i]) {
            live[i] = path;
            ok = TRUE;
        }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return ok;
}

static void live_remove(const char *path)
{
    sigset_t old;
    block_signals(&old);
    for (int i = 0; i < MAX_LIVE; i++)
        if (live[i] == path)
            live[i] = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void hk_output_remove_temporaries(void)
{
    for (int i = 0; i < MAX_LIVE; i++) {
        char *p = live[i];
        if (p)
            unlink(p);
    }
}

static void fail(GError **error, const char *path, const char *what, int err)
{
    hk_set_error_file(error, HK_ERROR_RENDER, path, "cannot %s: %s", what, g_strerror(err));
}

/* Unlinks and forgets the temporary file (it is not renamed). */
static void drop_temporary(char *tmp)
{
    if (!tmp)
        return;
    g_unlink(tmp);
    live_remove(tmp);
    g_free(tmp);
}

gboolean hk_output_begin(HkOutput *out, const char *final_path, GError **error)
{
    out->fd = -1;
    out->tmp_path = NULL;
    out->final_path = NULL;
    char *dir = g_path_get_dirname(final_path);
    char *base = g_path_get_basename(final_path);
    char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    g_free(dir);
    g_free(base);
    /* 0666 less the umask, as for any tool's output (mkstemp alone would
     * make every output 0600). */
    int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
        fail(error, final_path, "write output", errno);
        g_free(tmpl);
        return FALSE;
    }
    if (!live_add(tmpl)) {
        close(fd);
        g_unlink(tmpl);
        g_free(tmpl);
        hk_set_error_file(error, HK_ERROR_RENDER, final_path,
                          "internal: more than %d output files open at once", MAX_LIVE);
        return FALSE;
    }
    out->fd = fd;
    out->tmp_path = tmpl;
    out->final_path = g_strdup(final_path);
    return TRUE;
}

gboolean hk_output_write(HkOutput *out, const void *data, gsize len, GError **error)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(out->fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fail(error, out->final_path, "write output", n < 0 ? errno : EIO);
            return FALSE;
        }
        p += n;
        len -= (gsize)n;
    }
    return TRUE;
}

/* The rename is durable only once the directory entry is on disk. Some
 * file systems cannot fsync a directory (EINVAL): nothing more can be done
 * there, so that is not an error. */
static gboolean sync_dir(const char *final_path, GError **error)
{
    char *dir = g_path_get_dirname(final_path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    g_free(dir);
    if (fd < 0) {
        fail(error, final_path, "open the output directory", errno);
        return FALSE;
    }
    gboolean ok = fsync(fd) == 0 || errno == EINVAL || errno == EROFS;
    int err = errno;
    close(fd);
    if (!ok)
        fail(error, final_path, "write output", err);
    return ok;
}

static gboolean publish(const char *tmp, const char *final_path, GError **error)
{
    if (g_rename(tmp, final_path) != 0) {
        fail(error, final_path, "write output", errno);
        return FALSE;
    }
    return TRUE;
}

/* fsync then close, both checked: NFS and full disks report lost writes
 * only here. */
static gboolean finish(HkOutput *out, GError **error)
{
    gboolean ok = fsync(out->fd) == 0;
    int err = errno;
    if (close(out->fd) != 0 && ok) {
        ok = FALSE;
        err = errno;
    }
    out->fd = -1;
    if (!ok)
        fail(error, out->final_path, "write output", err);
    return ok;
}

gboolean hk_output_commit(HkOutput *out, GError **error)
{
    if (!out->tmp_path)
        return FALSE;
    gboolean ok = finish(out, error);
    if (ok && pending) {
        g_ptr_array_add(pending, out->tmp_path);
        g_ptr_array_add(pending, out->final_path);
        out->tmp_path = out->final_path = NULL;
        return TRUE;
    }
    ok = ok && publish(out->tmp_path, out->final_path, error);
    if (ok) {
        live_remove(out->tmp_path);
        g_clear_pointer(&out->tmp_path, g_free);
        ok = sync_dir(out->final_path, error);
    }
    hk_output_abort(out);
    return ok;
}

void hk_output_abort(HkOutput *out)
{
    if (out->fd >= 0)
        close(out->fd);
    out->fd = -1;
    drop_temporary(out->tmp_path);
    out->tmp_path = NULL;
    g_clear_pointer(&out->final_path, g_free);
}

gboolean hk_output_write_file(const char *final_path, const void *data, gsize len, GError **error)
{
    HkOutput out;
    if (!hk_output_begin(&out, final_path, error))
        return FALSE;
    if (!hk_output_write(&out, data, len, error)) {
        hk_output_abort(&out);
        return FALSE;
    }
    return hk_output_commit(&out, error);
}

gboolean hk_output_write_bytes(const char *final_path, GBytes *bytes, GError **error)
{
    gsize len;
    const void *data = g_bytes_get_data(bytes, &len);
    return hk_output_write_file(final_path, data ? data : "", len, error);
}

void hk_output_batch_begin(void)
{
    if (depth++ == 0)
        pending = g_ptr_array_new();
}

static void batch_end(guint from)
{
    for (guint i = from; i < pending->len; i += 2) {
        drop_temporary(pending->pdata[i]);
        g_free(pending->pdata[i + 1]);
    }
    g_clear_pointer(&pending, g_ptr_array_unref);
    depth = 0;
}

gboolean hk_output_batch_commit(GError **error)
{
    if (!pending) {
        /* An inner batch was aborted, and with it this one. */
        hk_set_error_file(error, HK_ERROR_RENDER, "hiraku", "internal: output batch aborted");
        return FALSE;
    }
    if (--depth > 0)
        return TRUE;
    /* Every file is already complete on disk; only the renames are left. */
    guint i = 0;
    gboolean ok = TRUE;
    for (; ok && i < pending->len; i += 2) {
        char *tmp = pending->pdata[i], *final_path = pending->pdata[i + 1];
        ok = publish(tmp, final_path, error);
        if (!ok)
            break;
        live_remove(tmp);
        g_free(tmp);
        ok = sync_dir(final_path, error);
        g_free(final_path);
    }
    batch_end(i);
    return ok;
}

/* Aborts the whole batch, however deeply nested: an outer commit then
 * fails. */
void hk_output_batch_abort(void)
{
    if (pending)
        batch_end(0);
}

const char *hk_output_current(const char *final_path)
{
    for (guint i = 0; pending && i < pending->len; i += 2)
        if (!strcmp(pending->pdata[i + 1], final_path))
            return pending->pdata[i];
    return g_file_test(final_path, G_FILE_TEST_EXISTS) ? final_path : NULL;
}
