#include "render.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "edition.h"
#include "error.h"
#include "layout.h"
#include "output.h"
#include "source.h"

#include <errno.h>

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
    fprintf(stderr, "%s\n", e->message);
}

/* Renders one source file in every chosen edition; returns the exit code. */
static int render_file(const char *path, GPtrArray *chosen, HkLayout **layouts, const char *out_dir)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_load(path, &err);
    if (!doc) {
        report(err);
        int rc = exit_code(err);
        g_error_free(err);
        return rc;
    }
    int rc = 0;
    for (guint i = 0; i < chosen->len && !rc; i++) {
        const HkEdition *e = g_ptr_array_index(chosen, i);
        if (!e->render(doc, layouts[i], out_dir, &err)) {
            report(err);
            rc = exit_code(err);
            g_clear_error(&err);
        }
    }
    hk_document_free(doc);
    return rc;
}

/* -j runs files in parallel child processes rather than threads: fontconfig,
 * Pango's font maps and MeCab each keep process-wide state, and a process
 * per file keeps one file's failure or memory from touching another's. */
static int render_parallel(char **files, int n, int jobs, GPtrArray *chosen, HkLayout **layouts,
                           const char *out_dir)
{
    int rc = 0, running = 0, next = 0;
    fflush(NULL);
    while (next < n || running > 0) {
        if (next < n && running < jobs) {
            pid_t pid = fork();
            if (pid == 0)
                _exit(render_file(files[next], chosen, layouts, out_dir));
            if (pid < 0) {
                fprintf(stderr, "hiraku render: cannot start a process: %s\n", g_strerror(errno));
                return 1;
            }
            running++;
            next++;
            continue;
        }
        int status;
        if (wait(&status) < 0)
            break;
        running--;
        int child = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
        /* Bad input (2) outranks a rendering failure (1) in the exit code. */
        if (child > rc)
            rc = child;
    }
    return rc;
}

int hk_cli_render(int argc, char **argv)
{
    char *out_dir = NULL, *editions_arg = NULL;
    char **layouts = NULL;
    int jobs = 1;
    gboolean furigana = FALSE;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "output directory", "DIR"},
        {"edition", 0, 0, G_OPTION_ARG_STRING, &editions_arg,
         "editions, comma-separated (default: all)", "LIST"},
        {"layout", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &layouts,
         "layout file, for one edition or as EDITION=FILE", "[EDITION=]FILE"},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "render N files at once, in parallel processes",
         "N"},
        {"furigana", 0, 0, G_OPTION_ARG_NONE, &furigana,
         "a reading over every kanji word in the editions that have the variant (web, epub)", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL},
    };
    GOptionContext *ctx = g_option_context_new("FILE.md... - render source files into editions");
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
    if (!out_dir || argc < 2) {
        fprintf(stderr, "hiraku render: need FILE.md... and -o DIR (see hiraku --help)\n");
        rc = 2;
        goto done;
    }
    if (jobs < 1 || jobs > 64) {
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
    if (g_mkdir_with_parents(out_dir, 0777) != 0) {
        fprintf(stderr, "%s: cannot create output directory\n", out_dir);
        rc = 1;
        goto done;
    }
    /* Layouts are checked before any rendering so that a bad layout stops
     * the run before it writes anything. */
    HkLayout **loaded = g_new0(HkLayout *, chosen->len);
    for (guint i = 0; i < chosen->len && !rc; i++) {
        loaded[i] = hk_layout_load(g_ptr_array_index(layout_for, i), &err);
        if (!loaded[i]) {
            report(err);
            rc = exit_code(err);
            g_clear_error(&err);
        }
    }
    if (!rc && jobs > 1 && argc > 2) {
        rc = render_parallel(argv + 1, argc - 1, jobs, chosen, loaded, out_dir);
    } else {
        for (int f = 1; f < argc && !rc; f++)
            rc = render_file(argv[f], chosen, loaded, out_dir);
    }
    for (guint i = 0; i < chosen->len; i++)
        hk_layout_free(loaded[i]);
    g_free(loaded);
done:
    g_ptr_array_unref(chosen);
    g_ptr_array_unref(layout_for);
    g_strfreev(layouts);
    g_free(out_dir);
    g_free(editions_arg);
    g_option_context_free(ctx);
    return rc;
}
