/* braille: the process-wide translator (see braille.h): the reader for the
 * kana transcription and the louis table for the cells, each created once
 * on first use and kept for the life of the process. */
#include "braille.h"

#include <stdlib.h>

#include "louis.h"
#include "reader.h"
#include "screen.h"

struct HkBraille {
    HkReader *reader;
    HkLouis *louis;
    HkScreen *screen;
    HkCharWarn warn;
};

static HkBraille shared;

static void free_shared(void)
{
    hk_reader_free(shared.reader);
    hk_screen_free(shared.screen);
    hk_louis_free(shared.louis);
    shared.screen = NULL;
    shared.reader = NULL;
    shared.louis = NULL;
}

HkBraille *hk_braille_shared(GError **error)
{
    static gboolean registered;
    if (!registered) {
        /* Freed at exit so that leak checkers see a clean process. */
        atexit(free_shared);
        registered = TRUE;
    }
    (void)error;
    return &shared;
}

static HkReader *reader(HkBraille *br, GError **error)
{
    if (!br->reader)
        br->reader = hk_reader_new(error);
    return br->reader;
}

static HkLouis *louis(HkBraille *br, GError **error)
{
    if (!br->louis)
        br->louis = hk_louis_new(error);
    return br->louis;
}

static HkScreen *screen(HkBraille *br, GError **error)
{
    if (!br->screen) {
        HkLouis *l = louis(br, error);
        br->screen = l ? hk_screen_new(l, error) : NULL;
    }
    return br->screen;
}

void hk_braille_set_warn(HkBraille *br, HkCharWarnFn fn, gpointer user)
{
    br->warn.fn = fn;
    br->warn.user = user;
}

HkReader *hk_braille_reader(HkBraille *br, GError **error)
{
    return reader(br, error);
}

HkBrailleText *hk_braille_analyse(HkBraille *br, const HkSpan *spans, gsize n,
                                  const HkCharWarn *warn, GError **error)
{
    HkReader *r = reader(br, error);
    HkScreen *sc = r ? screen(br, error) : NULL;
    if (!sc)
        return NULL;
    GArray *screened = hk_screen_spans(sc, spans, n, warn);
    if (screened) {
        spans = (const HkSpan *)screened->data;
        n = screened->len;
    }
    HkReaderText *t = hk_reader_analyse(r, spans, n, error);
    if (screened)
        g_array_unref(screened);
    return t;
}

char *hk_braille_kana_of(HkBraille *br, const HkBrailleText *text, const HkCharWarn *warn,
                         GError **error)
{
    HkReader *r = reader(br, error);
    HkScreen *sc = r ? screen(br, error) : NULL;
    if (!sc)
        return NULL;
    char *kana = hk_reader_transcribe_analysed(r, text);
    char *again = hk_screen_kana(sc, kana, warn);
    if (again) {
        g_free(kana);
        kana = again;
    }
    return kana;
}

gsize hk_braille_text_size(const HkBrailleText *text)
{
    return hk_reader_text_size(text);
}

void hk_braille_text_free(HkBrailleText *text)
{
    hk_reader_text_free(text);
}

char *hk_braille_kana(HkBraille *br, const HkSpan *spans, gsize n, GError **error)
{
    HkBrailleText *t = hk_braille_analyse(br, spans, n, &br->warn, error);
    if (!t)
        return NULL;
    char *kana = hk_braille_kana_of(br, t, &br->warn, error);
    hk_braille_text_free(t);
    return kana;
}

char *hk_braille_cells_from_kana(HkBraille *br, const char *kana, GError **error)
{
    HkLouis *l = louis(br, error);
    return l ? hk_louis_cells(l, kana, &br->warn, error) : NULL;
}

char *hk_braille_cells_of_kana(HkBraille *br, const char *kana, const HkCharWarn *warn,
                               GError **error)
{
    HkLouis *l = louis(br, error);
    return l ? hk_louis_cells(l, kana, warn, error) : NULL;
}

gboolean hk_braille_prepare(HkBraille *br, GError **error)
{
    return reader(br, error) && screen(br, error);
}

/* A character only the table stage finds: its kana position says nothing
 * about the caller's text. */
static void kana_offset_warn(gpointer user, glong offset, gunichar ch, const char *what)
{
    (void)offset;
    hk_char_warn(user, -1, ch, what);
}

char *hk_braille_cells(HkBraille *br, const HkSpan *spans, gsize n, GError **error)
{
    char *kana = hk_braille_kana(br, spans, n, error);
    if (!kana)
        return NULL;
    /* Offsets from here on are in the kana text, not the caller's. */
    HkCharWarn keep = br->warn;
    br->warn.fn = keep.fn ? kana_offset_warn : NULL;
    br->warn.user = &keep;
    char *cells = hk_braille_cells_from_kana(br, kana, error);
    br->warn = keep;
    g_free(kana);
    return cells;
}
