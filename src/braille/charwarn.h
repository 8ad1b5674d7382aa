/* charwarn: how the translator reports a character it cannot write as it
 * stands (no braille at all, a control or format character): the caller
 * decides where the warning goes and how its position is named
 * (file:line:col for the editions, stdin:line:col for `hiraku braille`). */
#ifndef HK_CHARWARN_H
#define HK_CHARWARN_H

#include <glib.h>
#include <string.h>

/* `offset` is the character's position, in characters from 0, in the text
 * the caller handed in (the spans one after the other), or -1 where only
 * the transcription knows it. `what` says what became of it ("dropped",
 * "described as …"). */
typedef void (*HkCharWarnFn)(gpointer user, glong offset, gunichar ch, const char *what);

typedef struct {
    HkCharWarnFn fn;
    gpointer user;
} HkCharWarn;

/* Calls the sink if there is one. */
static inline void hk_char_warn(const HkCharWarn *w, glong offset, gunichar ch, const char *what)
{
    if (w && w->fn)
        w->fn(w->user, offset, ch, what);
}

/* The character as text for a warning, or "" where it would show nothing
 * (a mark, a format, control or private-use character, a blank). */
static inline void hk_char_warn_glyph(gunichar ch, char out[8])
{
    memset(out, 0, 8);
    switch (g_unichar_type(ch)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
        return;
    default:
        if (ch != 0xFFFD)
            g_unichar_to_utf8(ch, out);
    }
}

#endif
