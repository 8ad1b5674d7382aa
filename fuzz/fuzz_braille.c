/* libFuzzer target: the braille translator (reader + liblouis table) on any
 * valid UTF-8 line. It must give cells or an error, never crash or leak;
 * MeCab and the table are loaded once, as in the program. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "braille.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static HkBraille *br;
    if (!br) {
        GError *err = NULL;
        br = hk_braille_shared(&err);
        if (!br)
            g_error("%s", err->message);
    }
    if (size > 4096 || !g_utf8_validate((const char *)data, (gssize)size, NULL))
        return 0;
    char *text = g_strndup((const char *)data, size);
    if (strchr(text, '\n')) {
        g_free(text);
        return 0;
    }
    HkSpan span = {text, NULL};
    GError *err = NULL;
    char *cells = hk_braille_cells(br, &span, 1, &err);
    g_free(cells);
    g_clear_error(&err);
    char *kana = hk_braille_kana(br, &span, 1, &err);
    g_clear_error(&err);
    if (kana) {
        g_free(hk_braille_cells_from_kana(br, kana, &err));
        g_clear_error(&err);
    }
    g_free(kana);
    g_free(text);
    return 0;
}
