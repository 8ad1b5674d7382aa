#include "phrases.h"

#include "analysis.h"

struct HkPhraseMap {
    /* block or front-matter string → GArray of gsize, borrowed from the
     * document's analysis (analysis.h), which outlives the map */
    GHashTable *starts;
};

static gboolean add_text(HkPhraseMap *map, HkReader *reader, const HkDocument *doc, const void *key,
                         const char *text, GError **error)
{
    if (!text || !*text || g_hash_table_contains(map->starts, key))
        return TRUE;
    const HkTextAnalysis *ta = hk_analysis_text(reader, doc, key, text, error);
    if (!ta)
        return FALSE;
    g_hash_table_insert(map->starts, (gpointer)key, ta->starts);
    return TRUE;
}

static gboolean add_blocks(HkPhraseMap *map, HkReader *reader, const HkDocument *doc,
                           const GPtrArray *blocks, GError **error)
{
    gboolean ok = TRUE;
    for (guint i = 0; blocks && i < blocks->len && ok; i++) {
        const HkBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind == HK_BLOCK_HEADING || b->kind == HK_BLOCK_PARAGRAPH) {
            char *text = hk_inlines_text(b->inlines);
            ok = add_text(map, reader, doc, b, text, error);
            g_free(text);
        } else if (b->kind == HK_BLOCK_LIST || b->kind == HK_BLOCK_ITEM ||
                   b->kind == HK_BLOCK_QUOTE) {
            ok = add_blocks(map, reader, doc, b->children, error);
        }
    }
    return ok;
}

HkPhraseMap *hk_phrases_of_document(HkReader *reader, const HkDocument *doc, GError **error)
{
    HkPhraseMap *map = g_new0(HkPhraseMap, 1);
    map->starts = g_hash_table_new(g_direct_hash, g_direct_equal);
    const char *meta[] = {doc->title, doc->subtitle, doc->organization,
                          hk_document_date(doc, HK_DATE_ERA),
                          hk_document_date(doc, HK_DATE_WESTERN)};
    gboolean ok = TRUE;
    for (gsize i = 0; i < G_N_ELEMENTS(meta) && ok; i++)
        ok = add_text(map, reader, doc, meta[i], meta[i], error);
    if (ok)
        ok = add_blocks(map, reader, doc, doc->blocks, error);
    if (!ok) {
        hk_phrase_map_free(map);
        return NULL;
    }
    return map;
}

void hk_phrase_map_free(HkPhraseMap *map)
{
    if (!map)
        return;
    g_hash_table_unref(map->starts);
    g_free(map);
}

const GArray *hk_phrases_starts(const HkPhraseMap *map, const void *key)
{
    return map && key ? g_hash_table_lookup(map->starts, key) : NULL;
}

/* Does text[a, b) fit in `width`? Every glyph of the BIZ UD faces is at
 * most one em wide, so a phrase of few enough characters fits without
 * being measured; only the longer ones are shaped. */
static gboolean fits(PangoContext *ctx, const PangoFontDescription *fd, const char *s, int len,
                     double width)
{
    double em = pango_font_description_get_size(fd) / (double)PANGO_SCALE;
    if (g_utf8_strlen(s, len) * em <= width)
        return TRUE;
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, s, len);
    int w = 0;
    pango_layout_get_size(l, &w, NULL);
    g_object_unref(l);
    return w / (double)PANGO_SCALE <= width;
}

static void keep(PangoAttrList *attrs, int a, int b)
{
    PangoAttribute *at = pango_attr_allow_breaks_new(FALSE);
    at->start_index = (guint)a;
    at->end_index = (guint)b;
    pango_attr_list_insert(attrs, at);
}

void hk_phrases_keep(const HkPhraseMap *map, const void *key, PangoAttrList *attrs,
                     PangoContext *ctx, const PangoFontDescription *fd, const char *text, int len,
                     double width)
{
    const GArray *starts = hk_phrases_starts(map, key);
    if (!starts || width <= 0)
        return;
    int a = 0;
    for (guint i = 0; i <= starts->len; i++) {
        int b = i < starts->len ? (int)g_array_index(starts, gsize, i) : len;
        if (b > len)
            break;
        /* A hard line break inside ends the phrase there anyway. */
        if (b > a && fits(ctx, fd, text + a, b - a, width))
            keep(attrs, a, b);
        a = b;
    }
}
