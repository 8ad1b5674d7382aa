/* analysis: one parse a text, kept with the document (see analysis.h). */
#include "analysis.h"

typedef struct {
    GHashTable *texts;     /* key → HkTextAnalysis */
    GStringChunk *strings; /* the words' surfaces and readings, each once */
} Analysis;

static void text_free(gpointer p)
{
    HkTextAnalysis *t = p;
    g_array_unref(t->words);
    g_array_unref(t->starts);
    g_free(t);
}

static void analysis_free(gpointer p)
{
    Analysis *a = p;
    g_hash_table_unref(a->texts);
    g_string_chunk_free(a->strings);
    g_free(a);
}

/* The document's analysis, begun with its first analysed text. */
static Analysis *analysis_of(const HkDocument *doc)
{
    HkDerived *d = doc->analysis;
    if (!d->data) {
        Analysis *a = g_new0(Analysis, 1);
        a->texts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, text_free);
        a->strings = g_string_chunk_new(4096);
        d->data = a;
        d->free = analysis_free;
    }
    return d->data;
}

const HkTextAnalysis *hk_analysis_text(HkReader *reader, const HkDocument *doc, const void *key,
                                       const char *text, GError **error)
{
    Analysis *a = analysis_of(doc);
    HkTextAnalysis *t = g_hash_table_lookup(a->texts, key);
    if (t)
        return t;
    t = g_new0(HkTextAnalysis, 1);
    if (!hk_reader_words_and_phrases(reader, text, a->strings, &t->words, &t->starts, error)) {
        g_free(t);
        return NULL;
    }
    g_hash_table_insert(a->texts, (gpointer)key, t);
    return t;
}
