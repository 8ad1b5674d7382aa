#include "langspan.h"

#include <string.h>

static gboolean latin_letter(gunichar c)
{
    if (c >= 0xFF00 && c <= 0xFFEF) /* halfwidth and fullwidth forms */
        return FALSE;
    return g_unichar_isalpha(c) && g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
}

static gboolean word_char(gunichar c)
{
    return latin_letter(c) || (c >= '0' && c <= '9') || g_unichar_ismark(c);
}

static gboolean joiner(gunichar c)
{
    return (c < 0x80 && c && strchr("-'.&/:_~?=#%+@", (int)c)) || c == 0x2019 || c == 0xD7 ||
           c == 0x2010;
}

/* The end of the word that starts at `p` (a word character); *letter says
 * whether it holds a Latin letter. */
static const char *word_end(const char *p, const char *end, gboolean *letter)
{
    *letter = FALSE;
    while (p < end) {
        gunichar c = g_utf8_get_char(p);
        if (word_char(c)) {
            *letter = *letter || latin_letter(c);
            p = g_utf8_next_char(p);
            continue;
        }
        /* joining marks count only with a word character after them */
        const char *q = p;
        while (q < end && joiner(g_utf8_get_char(q)))
            q = g_utf8_next_char(q);
        if (q == p || q >= end || !word_char(g_utf8_get_char(q)))
            break;
        p = q;
    }
    return p;
}

static gboolean is_space(gunichar c)
{
    return c == ' ' || c == 0xA0;
}

/* Roman numerals written in ASCII capitals (## II 施策, I 証明書…) number
 * headings and items as Ⅱ does, and are read in the document's language:
 * a word of I, V and X only is one. */
static gboolean roman_numeral(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != 'I' && *p != 'V' && *p != 'X')
            return FALSE;
    return TRUE;
}

/* Whether bytes [a, b) of the text are the one space that joins two
 * words of a run. */
static gboolean one_space(const char *a, const char *b)
{
    return a < b && g_utf8_next_char(a) == b && is_space(g_utf8_get_char(a));
}

guint hk_lang_latin_runs(const char *text, int s, int e, GArray *runs)
{
    const char *p = text + s, *end = text + e;
    const char *rs = NULL, *re = NULL; /* the run being built */
    guint before = runs->len;
    while (p < end) {
        if (!word_char(g_utf8_get_char(p))) {
            p = g_utf8_next_char(p);
            continue;
        }
        gboolean letter;
        const char *w = word_end(p, end, &letter);
        letter = letter && !roman_numeral(p, w);
        if (letter && rs && one_space(re, p)) {
            re = w;
        } else {
            if (rs) {
                HkLangRun r = {(int)(rs - text), (int)(re - text)};
                g_array_append_val(runs, r);
            }
            rs = letter ? p : NULL;
            re = letter ? w : NULL;
        }
        p = w;
    }
    if (rs) {
        HkLangRun r = {(int)(rs - text), (int)(re - text)};
        g_array_append_val(runs, r);
    }
    return runs->len - before;
}
