/* cellcache: see cellcache.h. */
#include "cellcache.h"

#include <string.h>

struct HkCellCache {
    GHashTable *map; /* Key* → char* (cells) */
    guint max_entries;
    GByteArray *probe; /* the key of a lookup, built in place */
};

/* A key: the span's length, then its characters. */
typedef struct {
    int len;
    gunichar chars[];
} Key;

static guint key_hash(gconstpointer p)
{
    const Key *k = p;
    guint32 h = 2166136261u; /* FNV-1a over the characters */
    for (int i = 0; i < k->len; i++) {
        h ^= k->chars[i];
        h *= 16777619u;
    }
    return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const Key *x = a, *y = b;
    return x->len == y->len && !memcmp(x->chars, y->chars, (gsize)x->len * sizeof(gunichar));
}

HkCellCache *hk_cellcache_new(guint max_entries)
{
    HkCellCache *c = g_new0(HkCellCache, 1);
    c->map = g_hash_table_new_full(key_hash, key_equal, g_free, g_free);
    c->max_entries = max_entries;
    c->probe = g_byte_array_new();
    return c;
}

void hk_cellcache_free(HkCellCache *c)
{
    if (!c)
        return;
    g_hash_table_unref(c->map);
    g_byte_array_unref(c->probe);
    g_free(c);
}

static const Key *probe_key(HkCellCache *c, const gunichar *chars, int len)
{
    g_byte_array_set_size(c->probe, (guint)(sizeof(Key) + (gsize)len * sizeof(gunichar)));
    Key *k = (Key *)c->probe->data;
    k->len = len;
    memcpy(k->chars, chars, (gsize)len * sizeof(gunichar));
    return k;
}

const char *hk_cellcache_get(HkCellCache *c, const gunichar *chars, int len)
{
    return g_hash_table_lookup(c->map, probe_key(c, chars, len));
}

void hk_cellcache_add(HkCellCache *c, const gunichar *chars, int len, const char *cells,
                      gsize cells_len)
{
    if (g_hash_table_size(c->map) >= c->max_entries)
        g_hash_table_remove_all(c->map);
    const Key *probe = probe_key(c, chars, len);
    Key *k = g_memdup2(probe, c->probe->len);
    g_hash_table_replace(c->map, k, g_strndup(cells, cells_len));
}
