/* screen: see screen.h. The verdict for each character is computed once
 * and remembered, and the characters every Japanese text is made of (ASCII,
 * kana, kanji, braille patterns) never reach the table at all, so the
 * screen costs next to nothing on ordinary text. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "normalize.h"
#include "output.h"

#define NOTES_RELATIVE "tables/ja-kana-notes.tsv"

/* 点訳者挿入符 (てびき第4版 第4章 その2 囲みの記号: 点訳者が説明を挿入する
 * ときの符号, 2356-2356 before and after). */
#define NOTE_OPEN "⠶⠶"
#define NOTE_CLOSE "⠶⠶"

struct HkScreen {
    HkLouis *louis;
    GHashTable *notes;   /* code point → transcription in 点訳者挿入符 */
    GHashTable *verdict; /* code point → "" (dropped) / transcription / PASS */
};

static const char PASS[] = "pass";

static void span_clear(gpointer p)
{
    HkSpan *s = p;
    g_free(s->text);
    g_free(s->reading);
}

/* One line of the notes file: the character (or U+XXXX), a tab, the
 * description in katakana. */
static gboolean parse_note(HkScreen *s, const char *path, int lineno, const char *line,
                           GError **error)
{
    const char *tab = strchr(line, '\t');
    if (!tab || tab == line || !tab[1]) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, lineno, 1,
                        "expected a character, a tab and its description");
        return FALSE;
    }
    gunichar c;
    if (g_str_has_prefix(line, "U+"))
        c = (gunichar)g_ascii_strtoull(line + 2, NULL, 16);
    else
        c = g_utf8_get_char(line);
    char *note = g_strconcat(NOTE_OPEN, tab + 1, NOTE_CLOSE, NULL);
    g_hash_table_insert(s->notes, GUINT_TO_POINTER(c), note);
    return TRUE;
}

static gboolean load_notes(HkScreen *s, GError **error)
{
    char *path = hk_data_path(NOTES_RELATIVE);
    char *text = NULL;
    gboolean ok = g_file_get_contents(path, &text, NULL, error);
    if (ok && !g_utf8_validate(text, -1, NULL)) {
        g_set_error(error, HK_ERROR, HK_ERROR_INPUT, "%s: not valid UTF-8", path);
        ok = FALSE;
    }
    char **lines = ok ? g_strsplit(text, "\n", -1) : NULL;
    for (int i = 0; ok && lines[i]; i++) {
        g_strchomp(lines[i]);
        if (lines[i][0] && lines[i][0] != '#')
            ok = parse_note(s, path, i + 1, lines[i], error);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(path);
    return ok;
}

HkScreen *hk_screen_new(HkLouis *louis, GError **error)
{
    HkScreen *s = g_new0(HkScreen, 1);
    s->louis = louis;
    s->notes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    s->verdict = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (!load_notes(s, error)) {
        hk_screen_free(s);
        return NULL;
    }
    return s;
}

void hk_screen_free(HkScreen *s)
{
    if (!s)
        return;
    g_hash_table_unref(s->notes);
    g_hash_table_unref(s->verdict);
    g_free(s);
}

/* Characters the reader transcribes itself (ASCII text, kana, kanji and
 * their iteration marks, braille patterns): no table look-up. */
static gboolean reader_text(gunichar c)
{
    return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || (c >= 0x3041 && c <= 0x3096) ||
           (c >= 0x3099 && c <= 0x309F) || (c >= 0x30A1 && c <= 0x30FF) ||
           (c >= 0x3005 && c <= 0x3007) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F) || (c >= 0x2800 && c <= 0x28FF);
}

/* TRUE if every character of c's normal form is reader text or a sign the
 * table knows. */
static gboolean passes(HkScreen *s, gunichar c)
{
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    GString *norm = g_string_new(NULL);
    hk_normalize_append(norm, utf8, strlen(utf8));
    gboolean ok = norm->len > 0 || c == 0x3000;
    for (const char *p = norm->str; ok && *p; p = g_utf8_next_char(p)) {
        gunichar d = g_utf8_get_char(p);
        ok = reader_text(d) || hk_louis_knows(s->louis, d);
    }
    g_string_free(norm, TRUE);
    return ok;
}

const char *hk_screen_char(HkScreen *s, gunichar c)
{
    if (reader_text(c))
        return NULL;
    gpointer key = GUINT_TO_POINTER(c);
    const char *v = g_hash_table_lookup(s->verdict, key);
    if (!v) {
        if (passes(s, c))
            v = PASS;
        else {
            v = g_hash_table_lookup(s->notes, key);
            if (!v)
                v = "";
        }
        g_hash_table_insert(s->verdict, key, (gpointer)v);
    }
    return v == PASS ? NULL : v;
}

/* The kind of a character that is dropped, for the warning. */
static const char *kind(gunichar c)
{
    if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF))
        return "a variation selector";
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
        c == 0x200F || c == 0x061C)
        return "a bidi control";
    switch (g_unichar_type(c)) {
    case G_UNICODE_CONTROL:
        return "a control character";
    case G_UNICODE_FORMAT:
        return "a format character";
    case G_UNICODE_SURROGATE:
        return "an unpaired surrogate";
    case G_UNICODE_PRIVATE_USE:
        return "a private-use character";
    case G_UNICODE_UNASSIGNED:
        return "an unassigned code point";
    default:
        return "no braille for it";
    }
}

static void report(const HkCharWarn *warn, glong offset, gunichar c, const char *v)
{
    if (!*v) {
        char *what = g_strdup_printf("dropped: %s", kind(c));
        hk_char_warn(warn, offset, c, what);
        g_free(what);
        return;
    }
    char *what = g_strdup_printf("no braille sign; described in 点訳者挿入符 as %s", v);
    hk_char_warn(warn, offset, c, what);
    g_free(what);
}

/* Appends the screened form of text to out, counting characters from
 * *offset; TRUE if anything changed. */
static gboolean screen_text(HkScreen *s, GString *out, const char *text, glong *offset,
                            const HkCharWarn *warn)
{
    gboolean changed = FALSE;
    for (const char *p = text; *p; p = g_utf8_next_char(p), (*offset)++) {
        gunichar c = g_utf8_get_char(p);
        const char *v = hk_screen_char(s, c);
        if (!v) {
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
            continue;
        }
        report(warn, *offset, c, v);
        g_string_append(out, v);
        changed = TRUE;
    }
    return changed;
}

GArray *hk_screen_spans(HkScreen *s, const HkSpan *spans, gsize n, const HkCharWarn *warn)
{
    /* The common case: nothing to change, no copy. */
    gboolean clean = TRUE;
    for (gsize i = 0; i < n && clean; i++)
        for (const char *p = spans[i].text; p && *p && clean; p = g_utf8_next_char(p))
            clean = hk_screen_char(s, g_utf8_get_char(p)) == NULL;
    if (clean)
        return NULL;
    GArray *out = g_array_sized_new(FALSE, TRUE, sizeof(HkSpan), (guint)n);
    g_array_set_clear_func(out, span_clear);
    glong offset = 0;
    for (gsize i = 0; i < n; i++) {
        GString *t = g_string_new(NULL);
        if (spans[i].text)
            screen_text(s, t, spans[i].text, &offset, warn);
        HkSpan span = {g_string_free(t, FALSE), g_strdup(spans[i].reading)};
        g_array_append_val(out, span);
    }
    return out;
}
