#include "preflight.h"

#include <stdio.h>

#include "edition.h"
#include "error.h"
#include "runio.h"
#include "source.h"

static int exit_code(const GError *e)
{
    return e && e->domain == HK_ERROR && e->code == HK_ERROR_INPUT ? 2 : 1;
}

static void report(const GError *e)
{
    char *safe = hk_error_escape(e->message);
    fprintf(stderr, "%s\n", safe);
    g_free(safe);
}

HkDocument **hk_preflight_sources(char *const *files, int n, int *rc)
{
    HkDocument **docs = g_new0(HkDocument *, n);
    *rc = 0;
    /* Every bad file is reported, not only the first: a batch of thirty
     * newsletters is fixed in one pass. */
    for (int i = 0; i < n; i++) {
        GError *err = NULL;
        docs[i] = hk_runio_load(files[i], &err);
        if (!docs[i]) {
            report(err);
            *rc = MAX(*rc, exit_code(err));
            g_error_free(err);
        }
    }
    if (*rc) {
        hk_preflight_free(docs, n);
        return NULL;
    }
    return docs;
}

gboolean hk_preflight_stems(HkDocument *const *docs, int n, const char *out_dir)
{
    gboolean ok = TRUE;
    GHashTable *first = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < n; i++) {
        const HkDocument *earlier = g_hash_table_lookup(first, docs[i]->stem);
        if (!earlier) {
            g_hash_table_insert(first, docs[i]->stem, (gpointer)docs[i]);
            continue;
        }
        char *msg = g_strdup_printf(
            "%s: would write the same files as %s (%s/%s.*); rename one or render them into "
            "different directories",
            docs[i]->path, earlier->path, out_dir, docs[i]->stem);
        char *safe = hk_error_escape(msg);
        fprintf(stderr, "hiraku render: %s\n", safe);
        g_free(safe);
        g_free(msg);
        ok = FALSE;
    }
    g_hash_table_unref(first);
    return ok;
}

int hk_preflight_layouts(const GPtrArray *chosen, HkLayout *const *layouts)
{
    for (guint i = 0; i < chosen->len; i++) {
        const HkEdition *e = g_ptr_array_index(chosen, i);
        GError *err = NULL;
        if (!e->check(layouts[i], &err) || !hk_layout_check_unused(layouts[i], e->name, &err)) {
            report(err);
            int rc = exit_code(err);
            g_error_free(err);
            return rc;
        }
    }
    return 0;
}

void hk_preflight_free(HkDocument **docs, int n)
{
    if (!docs)
        return;
    for (int i = 0; i < n; i++)
        hk_document_free(docs[i]);
    g_free(docs);
}
