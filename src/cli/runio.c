/* runio: see runio.h. */
#include "runio.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "source.h"

static HkRunIO run;
static gboolean progress_shown, in_child;
static int files_done;

static gboolean usage_error(const char *msg)
{
    fprintf(stderr, "hiraku render: %s (see hiraku render --help)\n", msg);
    return FALSE;
}

static int files_of(const GPtrArray *editions)
{
    int n = 0;
    for (guint i = 0; i < editions->len; i++) {
        const HkEdition *e = g_ptr_array_index(editions, i);
        for (const char *const *f = e->files; *f; f++)
            n++;
    }
    return n;
}

/* A stem names files in the output directory: it must stay a file name. */
static gboolean stem_ok(const char *s)
{
    return *s && *s != '.' && !strchr(s, '/') && g_utf8_validate(s, -1, NULL);
}

gboolean hk_runio_check(const HkRunIO *io, char **sources, const GPtrArray *editions,
                        const char *out_dir)
{
    int stdin_uses = 0;
    for (int i = 0; sources[i]; i++)
        stdin_uses += !strcmp(sources[i], "-");
    if (stdin_uses > 1)
        return usage_error("standard input (-) can be read only once");
    if (io->name && io->n_files != 1)
        return usage_error("--name names the outputs of one source");
    if (io->name && !stem_ok(io->name))
        return usage_error("--name must be a file name (no '/', not starting with '.')");
    if (io->to_stdout) {
        if (out_dir)
            return usage_error("--stdout and -o exclude each other");
        if (io->n_files != 1 || files_of(editions) != 1)
            return usage_error("--stdout writes one file: give one source and an edition that "
                               "writes one file (print, large, press or furigana)");
        /* A PDF on a terminal is garbage on the screen, and maybe escapes. */
        if (isatty(STDOUT_FILENO))
            return usage_error("--stdout will not write a PDF to a terminal: redirect it");
    } else if (!out_dir) {
        return usage_error("need -o DIR (or --stdout)");
    }
    return TRUE;
}

void hk_runio_set(const HkRunIO *io)
{
    run = *io;
}

static HkDocument *load_stdin(GError **error)
{
    GByteArray *buf = g_byte_array_new();
    guint8 chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0 && buf->len <= HK_SOURCE_MAX_BYTES)
        g_byte_array_append(buf, chunk, (guint)n);
    HkDocument *doc = NULL;
    if (ferror(stdin))
        hk_set_error_at(error, HK_ERROR_INPUT, "stdin", 1, 1, "cannot read standard input");
    else if (buf->len == 0)
        hk_set_error_at(error, HK_ERROR_INPUT, "stdin", 1, 1, "empty source");
    else /* hk_source_parse reports a source over the size limit */
        doc = hk_source_parse("stdin", (const char *)buf->data, buf->len, error);
    g_byte_array_unref(buf);
    return doc;
}

HkDocument *hk_runio_load(const char *arg, GError **error)
{
    HkDocument *doc = !strcmp(arg, "-") ? load_stdin(error) : hk_source_load(arg, error);
    if (doc && run.name) {
        g_free(doc->stem);
        doc->stem = g_strdup(run.name);
    }
    return doc;
}

char *hk_runio_stdout_dir(void)
{
    GError *e = NULL;
    char *dir = g_dir_make_tmp("hiraku-XXXXXX", &e);
    if (!dir) {
        fprintf(stderr, "hiraku render: %s\n", e->message);
        g_error_free(e);
    }
    return dir;
}

static int copy_to_stdout(const char *path)
{
    char *data;
    gsize len;
    GError *e = NULL;
    if (!g_file_get_contents(path, &data, &len, &e)) {
        fprintf(stderr, "hiraku render: %s\n", e->message);
        g_error_free(e);
        return 1;
    }
    int rc = fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
    if (rc)
        perror("hiraku render: stdout");
    g_free(data);
    return rc;
}

int hk_runio_stdout_finish(char *dir, int rc)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        if (rc == 0)
            rc = copy_to_stdout(path);
        g_unlink(path);
        g_free(path);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(dir);
    g_free(dir);
    return rc;
}

static gboolean progress_wanted(void)
{
    return !in_child && run.n_files > 1 && isatty(STDERR_FILENO);
}

/* \r and erase-line redraw one line in place; the line ends in \r so that a
 * warning printed meanwhile starts at the left margin. */
void hk_runio_progress(const char *stem, const char *edition)
{
    if (!progress_wanted())
        return;
    fprintf(stderr, "\r\033[Khiraku: %d of %d files done; %s: %s\r", files_done, run.n_files, stem,
            edition);
    progress_shown = TRUE;
}

void hk_runio_file_done(void)
{
    files_done++;
    if (!progress_wanted())
        return;
    fprintf(stderr, "\r\033[Khiraku: %d of %d files done\r", files_done, run.n_files);
    progress_shown = TRUE;
}

void hk_runio_progress_end(void)
{
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = FALSE;
}

void hk_runio_in_child(void)
{
    in_child = TRUE;
}

void hk_runio_wrote(const HkEdition *e, const char *out_dir, const char *stem)
{
    if (!run.verbose)
        return;
    hk_runio_progress_end();
    for (const char *const *f = e->files; *f; f++) {
        if (run.to_stdout)
            fprintf(stderr, "hiraku: wrote %s%s to standard output\n", stem, *f);
        else {
            char *name = g_strconcat(stem, *f, NULL);
            char *path = g_build_filename(out_dir, name, NULL);
            fprintf(stderr, "hiraku: wrote %s\n", path);
            g_free(path);
            g_free(name);
        }
    }
}
