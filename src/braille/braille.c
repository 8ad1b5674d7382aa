/* braille: the process-wide translator (see braille.h): the reader for the
 * kana transcription and the louis table for the cells, each created once
 * on first use and kept for the life of the process. */
#include "braille.h"

#include <stdlib.h>

#include "louis.h"
#include "reader.h"

struct HkBraille {
    HkReader *reader;
    HkLouis *louis;
};

static HkBraille shared;

static void free_shared(void)
{
    hk_reader_free(shared.reader);
    hk_louis_free(shared.louis);
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

HkReader *hk_braille_reader(HkBraille *br, GError **error)
{
    return reader(br, error);
}

char *hk_braille_kana(HkBraille *br, const HkSpan *spans, gsize n, GError **error)
{
    HkReader *r = reader(br, error);
    return r ? hk_reader_transcribe(r, spans, n, error) : NULL;
}

char *hk_braille_cells_from_kana(HkBraille *br, const char *kana, GError **error)
{
    HkLouis *l = louis(br, error);
    return l ? hk_louis_cells(l, kana, error) : NULL;
}

char *hk_braille_cells(HkBraille *br, const HkSpan *spans, gsize n, GError **error)
{
    char *kana = hk_braille_kana(br, spans, n, error);
    if (!kana)
        return NULL;
    char *cells = hk_braille_cells_from_kana(br, kana, error);
    g_free(kana);
    return cells;
}
