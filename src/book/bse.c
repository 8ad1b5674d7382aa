#include "bse.h"

#include <string.h>

#include "brf.h"

/* Header fields: offset and width in bytes (the public converter's
 * layout, facts §1.2). */
enum {
    AT_SAVED = 0,         /* 10, YYYY/MM/DD */
    AT_TITLE = 10,        /* 50 */
    AT_SUBTITLE = 60,     /* 50 */
    AT_AUTHOR = 110,      /* 50 */
    AT_PUBLISHER = 160,   /* 50 */
    AT_PUBLISHED = 210,   /* 20, full-width ＹＹＹＹ／ＭＭ／ＤＤ */
    AT_CODE = 230,        /* 36 */
    AT_TRANSCRIBER = 266, /* 36 */
    AT_PROOFREADER = 302, /* 36 */
    AT_CREATED = 338,     /* 20, full-width */
    AT_REMARKS = 358,     /* 100 */
    AT_PAGES = 504,       /* 4 digits, zero-padded */
    AT_COLS = 508,        /* 2 digits */
    AT_ROWS = 510,        /* 2 digits */
};

/* Print text in CP932, whole characters only, at most `width` bytes; a
 * character CP932 lacks becomes '?'. */
static void put_sjis(guint8 *h, int at, int width, const char *utf8)
{
    int used = 0;
    for (const char *p = utf8 ? utf8 : ""; *p; p = g_utf8_next_char(p)) {
        gsize n = 0;
        char *one = g_convert_with_fallback(p, g_utf8_next_char(p) - p, "CP932", "UTF-8", "?", NULL,
                                            &n, NULL);
        if (!one)
            continue;
        if (used + (int)n > width) {
            g_free(one);
            break;
        }
        memcpy(h + at + used, one, n);
        used += (int)n;
        g_free(one);
    }
}

static void put_ascii(guint8 *h, int at, const char *s)
{
    memcpy(h + at, s, strlen(s));
}

/* YYYY-MM-DD, as YYYY/MM/DD or in full-width digits and slashes. */
static char *date_text(const char *iso, gboolean wide)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return NULL;
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 10; i++) {
        char c = i == 4 || i == 7 ? '/' : iso[i];
        if (wide)
            g_string_append_unichar(s, c == '/' ? 0xFF0F : 0xFF10 + (c - '0'));
        else
            g_string_append_c(s, c);
    }
    return g_string_free(s, FALSE);
}

static void header(const HkBrailleBook *book, guint8 h[HK_BSE_HEADER])
{
    memset(h, ' ', HK_BSE_HEADER);
    char *saved = date_text(book->date, FALSE), *wide = date_text(book->date, TRUE);
    if (saved)
        put_ascii(h, AT_SAVED, saved);
    put_sjis(h, AT_TITLE, 50, book->title);
    put_sjis(h, AT_SUBTITLE, 50, book->subtitle);
    put_sjis(h, AT_AUTHOR, 50, book->author);
    /* A ward's document is published by its author. */
    put_sjis(h, AT_PUBLISHER, 50, book->author);
    put_sjis(h, AT_PUBLISHED, 20, wide);
    put_sjis(h, AT_TRANSCRIBER, 36, book->credits.transcriber);
    put_sjis(h, AT_PROOFREADER, 36, book->credits.proofreader);
    put_sjis(h, AT_CREATED, 20, wide);
    char *remarks = NULL;
    if (book->credits.producer && book->credits.year)
        remarks = g_strdup_printf("%s %s", book->credits.producer, book->credits.year);
    put_sjis(h, AT_REMARKS, 100, remarks ? remarks : book->credits.producer);
    char num[16];
    g_snprintf(num, sizeof num, "%04u", MIN(book->pages->len, 9999u));
    put_ascii(h, AT_PAGES, num);
    g_snprintf(num, sizeof num, "%02d%02d", book->cols, book->rows);
    put_ascii(h, AT_COLS, num);
    g_free(remarks);
    g_free(saved);
    g_free(wide);
}

GBytes *hk_bse_bytes(const HkBrailleBook *book)
{
    guint8 h[HK_BSE_HEADER];
    header(book, h);
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, h, sizeof h);
    for (guint p = 0; p < book->pages->len; p++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, p);
        for (guint i = 0; i < page->lines->len; i++) {
            const HkBrailleLine *l = g_ptr_array_index(page->lines, i);
            hk_brf_append_line(out, l);
        }
        /* Pages are counted by lines: pad all but the last. */
        for (int i = (int)page->lines->len; p + 1 < book->pages->len && i < book->rows; i++)
            g_byte_array_append(out, (const guint8 *)"\r\n", 2);
    }
    return g_byte_array_free_to_bytes(out);
}
