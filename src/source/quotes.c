#include "quotes.h"

#include <string.h>

#include "document.h"

/* What the quotes of one block have seen so far. */
typedef struct {
    gunichar prev; /* the character before the quote (0 at the start) */
    gboolean dq_open, sq_open;
} State;

static gboolean latin(gunichar c)
{
    return c < 0x250 && g_unichar_isalnum(c);
}

static gboolean blank(gunichar c)
{
    return c == 0 || g_unichar_isspace(c) || c == 0x3000;
}

/* An opening bracket (Ps) or an opening quote: what opens a quote after it. */
static gboolean opener(gunichar c)
{
    return g_unichar_type(c) == G_UNICODE_OPEN_PUNCTUATION || c == 0x201C || c == 0x2018;
}

static const char *double_quote(State *st, gunichar next)
{
    /* In turn; a quote after a blank or an opening bracket opens whatever
     * came before (a stray one earlier in the block), one before a blank
     * closes. */
    gboolean open = !st->dq_open;
    if (blank(st->prev) || opener(st->prev))
        open = TRUE;
    else if (blank(next))
        open = FALSE;
    st->dq_open = open;
    return open ? "\u201C" : "\u201D";
}

static const char *single_quote(State *st, gunichar next)
{
    /* it's, l'eau: an apostrophe inside a word. */
    if (latin(st->prev) && latin(next))
        return "\u2019";
    if (st->sq_open && !blank(st->prev)) {
        st->sq_open = FALSE;
        return "\u2019";
    }
    /* students', '90s: an apostrophe ending or starting a word. */
    if (latin(st->prev) || (blank(st->prev) && g_unichar_isdigit(next)))
        return "\u2019";
    st->sq_open = TRUE;
    return "\u2018";
}

/* `s` with its quotes made typographic. What follows the string is not
 * known here: a quote that ends it is taken as followed by a letter. */
static char *smarten(State *st, const char *s)
{
    GString *out = g_string_sized_new(strlen(s) + 8);
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *next_p = g_utf8_next_char(p);
        gunichar next = *next_p ? g_utf8_get_char(next_p) : 'x';
        const char *rep = c == '"'    ? double_quote(st, next)
                          : c == '\'' ? single_quote(st, next)
                                      : NULL;
        if (rep)
            g_string_append(out, rep);
        else
            g_string_append_len(out, p, next_p - p);
        st->prev = c;
    }
    return g_string_free(out, FALSE);
}

static void last_char(State *st, const char *s)
{
    if (s && *s)
        st->prev = g_utf8_get_char(g_utf8_prev_char(s + strlen(s)));
}

static void walk(State *st, GPtrArray *inlines)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        HkInline *in = g_ptr_array_index(inlines, i);
        switch (in->kind) {
        case HK_INLINE_TEXT: {
            char *t = smarten(st, in->text);
            g_free(in->text);
            in->text = t;
            break;
        }
        case HK_INLINE_EMPH:
        case HK_INLINE_STRONG:
        case HK_INLINE_LINK:
            walk(st, in->children);
            break;
        case HK_INLINE_BREAK:
            st->prev = '\n';
            break;
        default:
            /* Code and ruby are as the author wrote them. */
            last_char(st, in->text);
            break;
        }
    }
}

void hk_quotes_smarten_inlines(GPtrArray *inlines)
{
    State st = {0, FALSE, FALSE};
    walk(&st, inlines);
}

char *hk_quotes_smarten(const char *s)
{
    State st = {0, FALSE, FALSE};
    return s ? smarten(&st, s) : NULL;
}
