#include "structwalk.h"

/* Deeper than any tree hiraku writes (the nesting limit is 64 levels of
 * blocks, each a few elements deep). */
#define MAX_DEPTH 256

typedef struct {
    HkStructVisit visit;
    gpointer data;
    GHashTable *seen; /* object ids already visited */
} Walk;

static void walk(qpdf_data q, Walk *w, qpdf_oh node, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    if (qpdf_oh_is_indirect(q, node)) {
        gpointer id = GINT_TO_POINTER(qpdf_oh_get_object_id(q, node));
        if (g_hash_table_contains(w->seen, id))
            return;
        g_hash_table_add(w->seen, id);
    }
    if (qpdf_oh_is_array(q, node)) {
        int n = qpdf_oh_get_array_n_items(q, node);
        for (int i = 0; i < n; i++) {
            qpdf_oh item = qpdf_oh_get_array_item(q, node, i);
            walk(q, w, item, depth + 1);
            qpdf_oh_release(q, item);
        }
        return;
    }
    if (!qpdf_oh_is_dictionary(q, node))
        return;
    w->visit(q, node, w->data);
    if (qpdf_oh_has_key(q, node, "/K")) {
        qpdf_oh kids = qpdf_oh_get_key(q, node, "/K");
        walk(q, w, kids, depth + 1);
        qpdf_oh_release(q, kids);
    }
}

void hk_struct_walk(qpdf_data q, qpdf_oh kids, HkStructVisit visit, gpointer data)
{
    Walk w = {visit, data, g_hash_table_new(g_direct_hash, g_direct_equal)};
    walk(q, &w, kids, 0);
    g_hash_table_unref(w.seen);
}
