/* layoutcache: see layoutcache.h. */
#include "layoutcache.h"

#include <string.h>

/* Enough for every distinct reading of a long document several times over
 * (a layout of a few kana is a few KiB). */
#define MAX_LAYOUTS 4096

struct HkLayoutCache {
    PangoContext *ctx;
    GHashTable *layouts;   /* "font\ntext" → PangoLayout* (a reference) */
    PangoLayout *uncached; /* the last one given out that is not in the table */
};

HkLayoutCache *hk_layout_cache_new(PangoContext *ctx)
{
    HkLayoutCache *c = g_new0(HkLayoutCache, 1);
    c->ctx = ctx;
    c->layouts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
    return c;
}

void hk_layout_cache_free(HkLayoutCache *c)
{
    if (!c)
        return;
    g_hash_table_unref(c->layouts);
    g_clear_object(&c->uncached);
    g_free(c);
}

PangoLayout *hk_layout_cache_get(HkLayoutCache *c, const PangoFontDescription *fd, const char *text,
                                 int len)
{
    gsize n = len < 0 ? strlen(text) : (gsize)len;
    char *font = pango_font_description_to_string(fd);
    GString *key = g_string_new(font);
    g_free(font);
    g_string_append_c(key, '\n');
    g_string_append_len(key, text, (gssize)n);
    PangoLayout *l = g_hash_table_lookup(c->layouts, key->str);
    if (l) {
        g_string_free(key, TRUE);
        return l;
    }
    g_clear_object(&c->uncached);
    l = pango_layout_new(c->ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, (int)n);
    /* A text with a NUL inside cannot be a key: it is given out uncached. */
    if (memchr(text, '\0', n)) {
        g_string_free(key, TRUE);
        c->uncached = l;
        return l;
    }
    if (g_hash_table_size(c->layouts) >= MAX_LAYOUTS)
        g_hash_table_remove_all(c->layouts);
    g_hash_table_insert(c->layouts, g_string_free(key, FALSE), l);
    return l;
}
