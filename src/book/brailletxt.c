#include "brailletxt.h"

GBytes *hk_brailletxt_bytes(const HkBrailleBook *book)
{
    GString *s = g_string_new(NULL);
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        if (p > 0)
            g_string_append(s, "\f\n");
        for (guint i = 0; i < page->lines->len; i++) {
            char *l = hk_braille_line_utf8(g_ptr_array_index(page->lines, i), "\u2800");
            g_string_append(s, l);
            g_string_append_c(s, '\n');
            g_free(l);
        }
    }
    return g_string_free_to_bytes(s);
}
