#include "render.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edition.h"
#include "error.h"
#include "layout.h"
#include "output.h"
#include "source.h"

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

static void report(const char *prefix, GError *e)
{
    (void)prefix;
    fprintf(stderr, "%s\n", e->message);
}

int hk_cli_render(int argc, char **argv)
{
    char *out_dir = NULL, *editions_arg = NULL;
    char **layouts = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "output directory", "DIR"},
        {"edition", 0, 0, G_OPTION_ARG_STRING, &editions_arg,
         "editions, comma-separated (default: all)", "LIST"},
        {"layout", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &layouts,
         "layout file, for one edition or as EDITION=FILE", "[EDITION=]FILE"},
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
    for (guint i = 0; i < chosen->len; i++) {
        const HkEdition *e = g_ptr_array_index(chosen, i);
        g_ptr_array_add(layout_for, hk_data_path(e->default_layout));
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
            report("", err);
            rc = exit_code(err);
            g_clear_error(&err);
        }
    }
    for (int f = 1; f < argc && !rc; f++) {
        HkDocument *doc = hk_source_load(argv[f], &err);
        if (!doc) {
            report("", err);
            rc = exit_code(err);
            g_clear_error(&err);
            break;
        }
        for (guint i = 0; i < chosen->len; i++) {
            const HkEdition *e = g_ptr_array_index(chosen, i);
            if (!e->render(doc, loaded[i], out_dir, &err)) {
                report("", err);
                rc = exit_code(err);
                g_clear_error(&err);
                break;
            }
        }
        hk_document_free(doc);
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
