/* utf8: one character of UTF-8 decoded inline, for the braille stage's
 * character-by-character walks over its (already validated) text.
 *
 * GLib's g_utf8_get_char is an out-of-line call of some forty
 * instructions for a kana or kanji; the rules of the kana transcription
 * call it about forty times per morpheme, a tenth of the transcription.
 * Like g_utf8_get_char, this reads valid UTF-8 only; a byte that cannot
 * start a character gives (gunichar)-1, as it does there. */
#ifndef HK_UTF8_H
#define HK_UTF8_H

#include <glib.h>

static inline gunichar hk_utf8_get(const char *s)
{
    const guchar *p = (const guchar *)s;
    guchar c = p[0];
    if (c < 0x80)
        return c;
    if (c < 0xC0 || c >= 0xF8)
        return (gunichar)-1;
    if (c < 0xE0)
        return ((gunichar)(c & 0x1F) << 6) | (p[1] & 0x3F);
    if (c < 0xF0)
        return ((gunichar)(c & 0x0F) << 12) | ((gunichar)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return ((gunichar)(c & 0x07) << 18) | ((gunichar)(p[1] & 0x3F) << 12) |
           ((gunichar)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

#endif
