/* libFuzzer target: the source reader and Markdown parser on any bytes.
 * Any input must either give a document or a located error: no crash, no
 * leak, no undefined behaviour. */
#include <stddef.h>
#include <stdint.h>

#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("fuzz.md", (const char *)data, size, &err);
    if (doc) {
        GPtrArray *heads = hk_document_headings(doc);
        for (guint i = 0; i < heads->len; i++) {
            HkBlock *h = g_ptr_array_index(heads, i);
            g_free(hk_inlines_text(h->inlines));
            g_array_unref(hk_inlines_spans(h->inlines));
        }
        g_ptr_array_unref(heads);
        hk_document_free(doc);
    } else {
        g_clear_error(&err);
    }
    return 0;
}
