#include "bes.h"

#include <string.h>

#include "brf.h"
#include "document.h"

/* A header field of braille text: Braille ASCII bytes, cut at a word
 * boundary so no word is halved, padded with spaces. */
static void put_cells(guint8 *h, int at, int width, const GByteArray *cells)
{
    if (!cells)
        return;
    int n = MIN((int)cells->len, width);
    if (n < (int)cells->len)
        while (n > 0 && cells->data[n] != 0)
            n--;
    for (int i = 0; i < n; i++)
        h[at + i] = (guint8)hk_brf_char(cells->data[i]);
}

static void put_text(guint8 *h, int at, const char *s)
{
    memcpy(h + at, s, strlen(s));
}

GBytes *hk_bes_bytes(const HkBrailleBook *book)
{
    guint8 h[HK_BES_HEADER];
    memset(h, ' ', sizeof h);
    put_text(h, 0, "%BET400%");
    /* Save date: the document's date, else SOURCE_DATE_EPOCH's, else left
     * blank; never today's, so the same source gives the same file. */
    GDateTime *date = hk_document_date(book->date);
    if (date) {
        char *s = g_date_time_format(date, "%Y/%m/%d");
        put_text(h, 8, s);
        g_free(s);
        g_date_time_unref(date);
    }
    put_text(h, 18, "  E5");
    char num[32];
    g_snprintf(num, sizeof num, "%02d%02d", book->cols, book->rows);
    put_text(h, 22, num);
    g_snprintf(num, sizeof num, "%d", book->pages->len);
    put_text(h, 31, num); /* 14 digits wide, left-aligned */
    put_cells(h, 47, 50, book->title_dots);
    put_cells(h, 97, 20, book->author_dots);
    h[512] = h[513] = h[514] = 0xFF;

    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, h, sizeof h);
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        if (p > 0) {
            guint8 b = HK_BES_PAGE_END;
            g_byte_array_append(out, &b, 1);
        }
        for (guint i = 0; i < page->lines->len; i++) {
            const HkBrailleLine *l = g_ptr_array_index(page->lines, i);
            for (int c = 0; c < l->len; c++) {
                guint8 b = (guint8)(0xA0 + (l->dots[c] & 63));
                g_byte_array_append(out, &b, 1);
            }
            guint8 b = HK_BES_LINE_END;
            g_byte_array_append(out, &b, 1);
        }
    }
    guint8 b = HK_BES_END;
    g_byte_array_append(out, &b, 1);
    return g_byte_array_free_to_bytes(out);
}
