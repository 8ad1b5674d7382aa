#include "brf.h"

/* Braille ASCII from 0x20 upward, as Unicode cells (facts §1.2, the KGS
 * NABCC list): the byte is the index + 0x20. */
static const char *const table = "⠀⠮⠐⠼⠫⠩⠯⠄⠷⠾⠡⠬⠠⠤⠨⠌⠴⠂⠆⠒⠲⠢⠖⠶⠦⠔⠱⠰⠣⠿⠜⠹"
                                 "⠈⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵⠪⠳⠻⠘⠸";

static char by_dots[64];
static gsize by_dots_ready;

static void init(void)
{
    if (g_once_init_enter(&by_dots_ready)) {
        const char *p = table;
        for (int i = 0; i < 64; i++, p = g_utf8_next_char(p))
            by_dots[g_utf8_get_char(p) - 0x2800] = (char)(0x20 + i);
        g_once_init_leave(&by_dots_ready, 1);
    }
}

char hk_brf_char(guint8 dots)
{
    init();
    return by_dots[dots & 63];
}

int hk_brf_dots(char ch)
{
    int c = (unsigned char)ch;
    if (c >= 0x60 && c <= 0x7F)
        c -= 0x20;
    if (c < 0x20 || c > 0x5F)
        return -1;
    const char *p = table;
    for (int i = 0; i < c - 0x20; i++)
        p = g_utf8_next_char(p);
    return (int)(g_utf8_get_char(p) - 0x2800);
}

void hk_brf_append_line(GByteArray *out, const HkBrailleLine *l)
{
    for (int c = 0; c < l->len; c++) {
        guint8 b = (guint8)hk_brf_char(l->dots[c]);
        g_byte_array_append(out, &b, 1);
    }
    g_byte_array_append(out, (const guint8 *)"\r\n", 2);
}

GBytes *hk_brf_bytes(const HkBrailleBook *book)
{
    GByteArray *out = g_byte_array_new();
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        for (guint i = 0; i < page->lines->len; i++) {
            const HkBrailleLine *l = g_ptr_array_index(page->lines, i);
            hk_brf_append_line(out, l);
        }
        /* A form feed ends every page, the last one too (facts §1.6: the
         * safe choice), so an embosser ejects the last sheet. */
        g_byte_array_append(out, (const guint8 *)"\f", 1);
    }
    return g_byte_array_free_to_bytes(out);
}
