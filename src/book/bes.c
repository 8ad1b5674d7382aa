#include "bes.h"

#include <string.h>

#include "brf.h"
#include "document.h"
/* Offsets and widths of the header fields (docs/bes-format.md). */
enum {
    AT_DATE = 8,
    AT_KIND = 18,
    AT_COLS = 22,
    AT_ROWS = 24,
    AT_PAGES = 30, /* 3 digits, right-aligned */
    AT_TITLE = 47,
    AT_AUTHOR = 97,
    AT_VOLUME = 165,
    AT_TRANSCRIBER = 172,
    AT_REMARKS = 192,
    AT_MARK = 512,
};

/* A braille field of the header: one byte per cell, 0x20 + dot mask (the
 * body's 0xA0 + mask without the high bit), cut at a word boundary so no
 * word is halved, padded with spaces (the blank cell). */
static void put_cells(guint8 *h, int at, int width, const GByteArray *cells)
{
    if (!cells)
        return;
    int n = MIN((int)cells->len, width);
    if (n < (int)cells->len)
        while (n > 0 && cells->data[n] != 0)
            n--;
    for (int i = 0; i < n; i++)
        h[at + i] = (guint8)(0x20 + (cells->data[i] & 63));
}

static void put_text(guint8 *h, int at, const char *s)
{
    memcpy(h + at, s, strlen(s));
}

/* Save date. */
static void put_date(guint8 *h, const char *d)
{
    /* The document's date, else SOURCE_DATE_EPOCH's, else left blank;
     * never today's, so the same source gives the same file. */
    GDateTime *date = hk_output_date(d);
    if (!date)
        return;
    char *s = g_date_time_format(date, "%Y/%m/%d");
    put_text(h, AT_DATE, s);
    g_free(s);
    g_date_time_unref(date);
}

static void header(const HkBrailleBook *book, guint8 h[HK_BES_HEADER])
{
    memset(h, ' ', HK_BES_HEADER);
    put_text(h, 0, "%BET400%");
    put_date(h, book->date);
    put_text(h, AT_KIND, "  E5");
    char num[32];
    /* Every public writer stores cells per line + 1 ("33" for 32 cells)
     * and the line count as it is. */
    g_snprintf(num, sizeof num, "%02d%02d", book->cols + 1, book->rows);
    put_text(h, AT_COLS, num);
    /* Pages − 1, right-aligned in 3 digits: for 1..100 pages (a volume) the
     * same bytes as the left-aligned reading from byte 31. */
    g_snprintf(num, sizeof num, "%3u", MIN(book->pages->len, 1000u) - 1);
    put_text(h, AT_PAGES, num);
    put_cells(h, AT_TITLE, 50, book->title_dots);
    put_cells(h, AT_AUTHOR, 20, book->author_dots);
    put_cells(h, AT_VOLUME, 4, book->volume_dots);
    put_cells(h, AT_TRANSCRIBER, 20, book->transcriber_dots);
    put_cells(h, AT_REMARKS, 50, book->remarks_dots);
    h[AT_MARK] = h[AT_MARK + 1] = h[AT_MARK + 2] = 0xFF;
    h[AT_MARK + 3] = 0x54;
}

static void add(GByteArray *out, guint8 b)
{
    g_byte_array_append(out, &b, 1);
}

/* One page chunk: FF, the size (2 bytes, little-endian, counting itself,
 * FD and the lines), FD, the lines. A line that ends a block (a paragraph,
 * a heading, a TOC entry, a page line, a blank line) ends 0D FE, so an
 * editor keeps it as its own paragraph; a line broken only by the width
 * ends FE. The book's last line ends 0D alone. */
static void page_chunk(const HkBraillePage *page, gboolean last, GByteArray *out)
{
    add(out, HK_BES_PAGE);
    guint size_at = out->len;
    add(out, 0);
    add(out, 0);
    add(out, HK_BES_PAGE_START);
    for (guint i = 0; i < page->lines->len; i++) {
        const HkBrailleLine *l = g_ptr_array_index(page->lines, i);
        for (int c = 0; c < l->len; c++)
            add(out, (guint8)(0xA0 + (l->dots[c] & 63)));
        gboolean end_of_book = last && i + 1 == page->lines->len;
        if (l->dropped < 0 || end_of_book)
            add(out, HK_BES_CR);
        if (!end_of_book)
            add(out, HK_BES_LINE_END);
    }
    guint size = out->len - size_at;
    out->data[size_at] = (guint8)(size & 0xFF);
    out->data[size_at + 1] = (guint8)(size >> 8);
}

GBytes *hk_bes_bytes(const HkBrailleBook *book)
{
    guint8 h[HK_BES_HEADER];
    header(book, h);
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, h, sizeof h);
    for (guint p = 0; p < book->pages->len; p++)
        page_chunk(g_ptr_array_index(book->pages, p), p + 1 == book->pages->len, out);
    add(out, HK_BES_END);
    return g_byte_array_free_to_bytes(out);
}
