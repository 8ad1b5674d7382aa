#include "output.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"

gboolean hk_output_begin(HkOutput *out, const char *final_path, GError **error)
{
    out->final_path = g_strdup(final_path);
    char *dir = g_path_get_dirname(final_path);
    char *base = g_path_get_basename(final_path);
    char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    int fd = g_mkstemp(tmpl);
    if (fd < 0) {
        hk_set_error_at(error, HK_ERROR_RENDER, final_path, 1, 1, "cannot write output: %s",
                        g_strerror(errno));
        g_free(tmpl);
        out->tmp_path = NULL;
    } else {
        close(fd);
        out->tmp_path = tmpl;
    }
    g_free(dir);
    g_free(base);
    if (!out->tmp_path) {
        g_clear_pointer(&out->final_path, g_free);
        return FALSE;
    }
    return TRUE;
}

gboolean hk_output_commit(HkOutput *out, GError **error)
{
    gboolean ok = TRUE;
    if (g_rename(out->tmp_path, out->final_path) != 0) {
        hk_set_error_at(error, HK_ERROR_RENDER, out->final_path, 1, 1, "cannot write output: %s",
                        g_strerror(errno));
        g_unlink(out->tmp_path);
        ok = FALSE;
    }
    g_clear_pointer(&out->tmp_path, g_free);
    g_clear_pointer(&out->final_path, g_free);
    return ok;
}

void hk_output_abort(HkOutput *out)
{
    if (out->tmp_path)
        g_unlink(out->tmp_path);
    g_clear_pointer(&out->tmp_path, g_free);
    g_clear_pointer(&out->final_path, g_free);
}

gboolean hk_output_write_file(const char *final_path, const void *data, gsize len, GError **error)
{
    HkOutput out;
    if (!hk_output_begin(&out, final_path, error))
        return FALSE;
    GError *e = NULL;
    if (!g_file_set_contents(out.tmp_path, data, (gssize)len, &e)) {
        hk_set_error_at(error, HK_ERROR_RENDER, final_path, 1, 1, "cannot write output: %s",
                        e->message);
        g_error_free(e);
        hk_output_abort(&out);
        return FALSE;
    }
    return hk_output_commit(&out, error);
}
