#include "render.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "edition.h"
#include "error.h"
#include "jobs.h"
#include "layout.h"
#include "output.h"
#include "preflight.h"
#include "reference.h"
#include "runio.h"

static const HkEdition *find_edition(const char *name)
{
    for (const HkEdition *e = hk_editions; e->name; e++)
        if (!strcmp(e->name, name))
            return e;
    return NULL;
}

static int exit_code(const GError *e)
{
    return e && e->domain == HK_ERROR && e->code == HK_ERROR_INPUT ? 2 : 1;
}

static void report(GError *e)
{
    char *safe = hk_error_escape(e->message);
    fprintf(stderr, "%s\n", safe);
    g_free(safe);
}

typedef struct {
    HkDocument **docs;
    GPtrArray *chosen;
    HkLayout **layouts; /* parallel to chosen */
    const char *out_dir;
} Run;

/* Renders one document in every chosen edition as one batch of outputs:
 * all of its files appear, or none. Returns the exit code. */
static int render_file(int index, gpointer data)
{
    const Run *r = data;
    GError *err = NULL;
    int rc = 0;
    hk_output_batch_begin();
    const HkDocument *doc = r->docs[index];
    for (guint i = 0; i < r->chosen->len && !rc; i++) {
        const HkEdition *e = g_ptr_array_index(r->chosen, i);
        hk_runio_progress(doc->stem, e->name);
        if (!e->render(doc, r->layouts[i], r->out_dir, &err))
            rc = exit_code(err);
    }
    if (rc)
        hk_output_batch_abort();
    else if (!hk_output_batch_commit(&err))
        rc = exit_code(err);
    /* -v names the files only once they are in place. */
    for (guint i = 0; i < r->chosen->len && !rc; i++)
        hk_runio_wrote(g_ptr_array_index(r->chosen, i), r->out_dir, doc->stem);
    if (err) {
        report(err);
        g_error_free(err);
    }
    return rc;
}

int hk_cli_render(int argc, char **argv)
{
    char *out_dir = NULL, *editions_arg = NULL;
    char **layouts = NULL, **allow_dirs = NULL;
    int jobs = G_MININT; /* not given: hk_jobs_default */
    char *name = NULL;
    gboolean to_stdout = FALSE, quiet = FALSE, verbose = FALSE;
    gboolean furigana = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "output directory", "DIR"},
        {"edition", 0, 0, G_OPTION_ARG_STRING, &editions_arg,
         "editions, comma-separated (default: all)", "LIST"},
        {"layout", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &layouts,
         "layout file, for one edition or as EDITION=FILE", "[EDITION=]FILE"},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
         "render N files at once, in parallel processes (default: one a CPU)", "N"},
        {"allow-dir", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &allow_dirs,
         "also read images from DIR (besides each source's own directory); repeatable", "DIR"},
        {"name", 0, 0, G_OPTION_ARG_STRING, &name,
         "stem of the output file names (default: the source's; 'stdin' for -)", "STEM"},
        {"stdout", 0, 0, G_OPTION_ARG_NONE, &to_stdout,
         "write the one output file to standard output (instead of -o)", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "print no warnings, only errors", NULL},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "name each file written (on stderr)",
         NULL},
        {"furigana", 0, 0, G_OPTION_ARG_NONE, &furigana,
         "a reading over every kanji word in the editions that have the variant (web, epub)", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *ctx = g_option_context_new("FILE.md... - render source files into editions");
    g_option_context_set_description(ctx, "FILE.md may be - for standard input. Editions: see "
                                          "hiraku --help.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = 0;
    GPtrArray *chosen = g_ptr_array_new();
    GPtrArray *layout_for = g_ptr_array_new_with_free_func(g_free); /* parallel to chosen */
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "hiraku render: %s\n", err->message);
        rc = 2;
        goto done;
    }
    if (argc < 2) {
        fprintf(stderr, "hiraku render: need FILE.md... and -o DIR (see hiraku --help)\n");
        rc = 2;
        goto done;
    }
    if (jobs == G_MININT)
        jobs = hk_jobs_default(argc - 1);
    else if (jobs < 1 || jobs > 64) {
        fprintf(stderr, "hiraku render: -j takes 1 to 64\n");
        rc = 2;
        goto done;
    }
    if (editions_arg) {
        char **names = g_strsplit(editions_arg, ",", -1);
        for (int i = 0; names[i]; i++) {
            const HkEdition *e = find_edition(g_strstrip(names[i]));
            if (!e) {
                fprintf(stderr, "hiraku render: unknown edition '%s' (see hiraku --help)\n",
                        names[i]);
                rc = 2;
            } else if (!g_ptr_array_find(chosen, e, NULL)) {
                g_ptr_array_add(chosen, (gpointer)e);
            }
        }
        g_strfreev(names);
        if (rc)
            goto done;
    } else {
        for (const HkEdition *e = hk_editions; e->name; e++)
            g_ptr_array_add(chosen, (gpointer)e);
    }
    if (chosen->len == 0) {
        fprintf(stderr, "hiraku render: no edition chosen\n");
        rc = 2;
        goto done;
    }
    gboolean varied = FALSE;
    for (guint i = 0; i < chosen->len; i++)
        varied |= hk_furigana_layout(g_ptr_array_index(chosen, i)) != NULL;
    if (furigana && !varied) {
        fprintf(stderr, "hiraku render: --furigana applies to the web and epub editions (the "
                        "furigana PDF is --edition furigana)\n");
        rc = 2;
        goto done;
    }
    HkRunIO io = {name, to_stdout, verbose, argc - 1};
    if (!hk_runio_check(&io, argv + 1, chosen, out_dir)) {
        rc = 2;
        goto done;
    }
    hk_runio_set(&io);
    hk_warnings_silence(quiet);
    for (guint i = 0; i < chosen->len; i++) {
        const HkEdition *e = g_ptr_array_index(chosen, i);
        const char *variant = furigana ? hk_furigana_layout(e) : NULL;
        const char *layout = variant ? variant : e->default_layout;
        g_ptr_array_add(layout_for, hk_data_path(layout));
    }
    for (int i = 0; layouts && layouts[i]; i++) {
        char *eq = strchr(layouts[i], '=');
        if (eq) {
            char *name = g_strndup(layouts[i], eq - layouts[i]);
            const HkEdition *e = find_edition(name);
            guint idx;
            if (!e || !g_ptr_array_find(chosen, e, &idx)) {
                fprintf(stderr,
                        "hiraku render: --layout names edition '%s', which is not being rendered\n",
                        name);
                rc = 2;
            } else {
                g_free(layout_for->pdata[idx]);
                layout_for->pdata[idx] = g_strdup(eq + 1);
            }
            g_free(name);
        } else if (chosen->len == 1) {
            g_free(layout_for->pdata[0]);
            layout_for->pdata[0] = g_strdup(layouts[i]);
        } else {
            fprintf(stderr, "hiraku render: with several editions, write --layout EDITION=FILE\n");
            rc = 2;
        }
        if (rc)
            goto done;
    }
    for (int i = 0; allow_dirs && allow_dirs[i] && !rc; i++) {
        if (!g_file_test(allow_dirs[i], G_FILE_TEST_IS_DIR)) {
            char *safe = hk_error_escape(allow_dirs[i]);
            fprintf(stderr, "hiraku render: --allow-dir %s: not a directory\n", safe);
            g_free(safe);
            rc = 2;
        }
        hk_reference_allow_dir(allow_dirs[i]);
    }
    /* Layouts and sources are all checked before any rendering so that bad
     * input stops the run before it writes anything (preflight.h). */
    HkLayout **loaded = g_new0(HkLayout *, chosen->len);
    for (guint i = 0; i < chosen->len && !rc; i++) {
        loaded[i] = hk_layout_load(g_ptr_array_index(layout_for, i), &err);
        if (!loaded[i]) {
            report(err);
            rc = exit_code(err);
            g_clear_error(&err);
        }
    }
    rc = rc ? rc : hk_preflight_layouts(chosen, loaded);
    if (!rc && to_stdout && !(out_dir = hk_runio_stdout_dir()))
        rc = 1;
    HkDocument **docs = rc ? NULL : hk_preflight_sources(argv + 1, argc - 1, &rc);
    if (docs && !hk_preflight_stems(docs, argc - 1, out_dir))
        rc = 2;
    if (!rc && g_mkdir_with_parents(out_dir, 0777) != 0) {
        fprintf(stderr, "%s: cannot create output directory: %s\n", out_dir, g_strerror(errno));
        rc = 1;
    }
    if (!rc) {
        Run run = {docs, chosen, loaded, out_dir};
        hk_jobs_init_signals();
        rc = hk_jobs_run(argc - 1, jobs, argv + 1, render_file, &run);
    }
    hk_runio_progress_end();
    if (to_stdout && out_dir) {
        rc = hk_runio_stdout_finish(out_dir, rc);
        out_dir = NULL;
    }
    hk_preflight_free(docs, argc - 1);
    for (guint i = 0; i < chosen->len; i++)
        hk_layout_free(loaded[i]);
    g_free(loaded);
done:
    g_ptr_array_unref(chosen);
    g_ptr_array_unref(layout_for);
    g_strfreev(layouts);
    g_strfreev(allow_dirs);
    hk_reference_clear_allowed();
    g_free(out_dir);
    g_free(editions_arg);
    g_free(name);
    g_option_context_free(ctx);
    return rc;
}
