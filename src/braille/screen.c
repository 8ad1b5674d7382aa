/* screen: see screen.h. The verdict for each character is computed once
 * and remembered, and the characters every Japanese text is made of (ASCII,
 * kana, kanji, braille patterns) never reach the table at all, so the
 * screen costs next to nothing on ordinary text. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "datadir.h"
#include "error.h"
#include "kana.h"
#include "normalize.h"
#include "reading.h"
#include "utf8.h"

#define NOTES_RELATIVE "tables/ja-kana-notes.tsv"

/* 点訳者挿入符 (てびき第4版 第4章 その2 囲みの記号: 点訳者が説明を挿入する
 * ときの符号, 2356-2356 before and after). */
#define NOTE_OPEN "⠶⠶"
#define NOTE_CLOSE "⠶⠶"

struct HkScreen {
    /* The text's characters are screened on one thread and the
     * transcription's on another (braille.h): each verdict table belongs
     * to one of them, but what a verdict is made from (the notes, the
     * dictionary's names) is shared, and held under this lock. */
    GMutex lock;
    HkLouis *louis;
    HkAnalyzer *an;           /* for the names of signs, created on first use */
    GHashTable *notes;        /* code point → transcription in 点訳者挿入符 */
    GHashTable *verdict;      /* code point → "" (dropped) / transcription / PASS */
    GHashTable *kana_verdict; /* the same for the transcription's characters */
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
        c = hk_utf8_get(line);
    /* "=text": the character is written as that text (a letter the
     * normalisation cannot fold, Ð → D), not described. */
    if (tab[1] == '=') {
        g_hash_table_insert(s->notes, GUINT_TO_POINTER(c), g_strdup(tab + 2));
        return TRUE;
    }
    char **words = g_strsplit(tab + 1, " ", -1);
    gboolean kana = TRUE;
    for (int i = 0; words[i]; i++)
        kana = kana && hk_kana_is_kana(words[i]);
    g_strfreev(words);
    if (!kana) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, lineno,
                        (int)g_utf8_strlen(line, tab - line) + 2,
                        "the description must be katakana words (or =text)");
        return FALSE;
    }
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
    g_mutex_init(&s->lock);
    s->louis = louis;
    s->notes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    s->verdict = g_hash_table_new(g_direct_hash, g_direct_equal);
    s->kana_verdict = g_hash_table_new(g_direct_hash, g_direct_equal);
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
    hk_analyzer_free(s->an);
    g_hash_table_unref(s->notes);
    g_hash_table_unref(s->verdict);
    g_hash_table_unref(s->kana_verdict);
    g_mutex_clear(&s->lock);
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
    /* The table uses private-use code points for its own marks (the
     * inserted つなぎ符 U+E000 …): one in the text is no such mark. */
    if (g_unichar_type(c) == G_UNICODE_PRIVATE_USE || c == 0xFFFD)
        return FALSE;
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    GString *norm = g_string_new(NULL);
    hk_normalize_append(norm, utf8, strlen(utf8));
    gboolean ok = norm->len > 0 || c == 0x3000;
    for (const char *p = norm->str; ok && *p; p = g_utf8_next_char(p)) {
        gunichar d = hk_utf8_get(p);
        ok = reader_text(d) || hk_louis_knows(s->louis, d);
    }
    g_string_free(norm, TRUE);
    return ok;
}

static gboolean katakana(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (c < 0x30A1 || c > 0x30FC)
            return FALSE;
    }
    return *s != '\0';
}

/* A reading as braille spells it: ウ after ウ段・オ段 is the 長音符
 * (ユウビンバンゴウ ユービンバンゴー), as for the author's readings. */
static char *long_vowels(const char *reading)
{
    GString *out = g_string_new(NULL);
    gunichar last = 0;
    for (const char *p = reading; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        char v = hk_kana_vowel(last);
        if (c == 0x30A6 && (v == 'u' || v == 'o'))
            c = 0x30FC;
        g_string_append_unichar(out, c);
        last = c;
    }
    return g_string_free(out, FALSE);
}

/* The name the dictionary gives a sign alone (━ ヨコセンダイ, ∞
 * ムゲンダイ), as a new string, or NULL. The reference translator writes
 * such a sign as its name, as a word of the text. */
static char *dictionary_name(HkScreen *s, gunichar c)
{
    if (!s->an && !(s->an = hk_analyzer_new(NULL)))
        return NULL;
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    /* Every dictionary word, not the best path: the analyser prefers its
     * unknown-symbol guess to the costly rows that name signs. */
    GArray *ents = hk_analyzer_entries(s->an, utf8, strlen(utf8));
    char *name = NULL;
    for (guint i = 0; ents && i < ents->len && !name; i++) {
        const HkEntry *e = &g_array_index(ents, HkEntry, i);
        if (e->pos == 0 && e->len == strlen(utf8) && katakana(e->reading))
            name = long_vowels(e->reading);
    }
    if (ents)
        g_array_unref(ents);
    return name;
}

/* A letter with a diacritic the table has no cell for (ά, ѐ) is written
 * as its base letter, as the normalisation does for Latin (café → cafe). */
static char *base_letter(HkScreen *s, gunichar c)
{
    gunichar d[8];
    gsize n = g_unichar_fully_decompose(c, FALSE, d, 8);
    if (n < 2 || !g_unichar_isalpha(d[0]) || !(reader_text(d[0]) || hk_louis_knows(s->louis, d[0])))
        return NULL;
    char utf8[8] = {0};
    g_unichar_to_utf8(d[0], utf8);
    return g_strdup(utf8);
}

/* What takes the place of a character that does not pass: its note, its
 * base letter, its dictionary name, or nothing. */
static const char *kind(gunichar c);

static const char *replacement(HkScreen *s, gunichar c)
{
    gpointer key = GUINT_TO_POINTER(c);
    /* Controls, format and bidi characters, variation selectors, private
     * use: nothing a reader sees, so nothing to describe (the dictionary
     * names some of them). */
    if (strcmp(kind(c), "no braille for it"))
        return "";
    const char *v = g_hash_table_lookup(s->notes, key);
    if (v)
        return v;
    char *base = base_letter(s, c);
    if (base) {
        g_hash_table_insert(s->notes, key, base);
        return base;
    }
    char *name = dictionary_name(s, c);
    if (!name)
        return "";
    /* Kept with the notes, which own their strings. */
    g_hash_table_insert(s->notes, key, name);
    return name;
}

static const char *verdict(HkScreen *s, GHashTable *table, gunichar c, gboolean kana_stage)
{
    gpointer key = GUINT_TO_POINTER(c);
    const char *v = g_hash_table_lookup(table, key);
    if (!v) {
        g_mutex_lock(&s->lock);
        gboolean ok = kana_stage ? hk_louis_knows(s->louis, c) : passes(s, c);
        v = ok ? PASS : replacement(s, c);
        g_mutex_unlock(&s->lock);
        g_hash_table_insert(table, key, (gpointer)v);
    }
    return v == PASS ? NULL : v;
}

const char *hk_screen_char(HkScreen *s, gunichar c)
{
    return reader_text(c) ? NULL : verdict(s, s->verdict, c, FALSE);
}

/* Characters of a transcription the table always knows. */
static gboolean table_text(gunichar c)
{
    return (c >= 0x20 && c < 0x7F) || (c >= 0x30A1 && c <= 0x30FC) || (c >= 0x2800 && c <= 0x28FF);
}

const char *hk_screen_kana_char(HkScreen *s, gunichar c)
{
    return table_text(c) || c == '\n' ? NULL : verdict(s, s->kana_verdict, c, TRUE);
}

/* The kind of a character that is dropped, for the warning. */
static const char *kind(gunichar c)
{
    if (c == 0xFFFD)
        return "a replacement character (an unpaired surrogate in the source)";
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
    if (!g_str_has_prefix(v, NOTE_OPEN) && *v) {
        char *what = g_strdup_printf("has no braille of its own: written as %s", v);
        hk_char_warn(warn, offset, c, what);
        g_free(what);
        return;
    }
    if (!*v) {
        char *what = g_strdup_printf("dropped: %s", kind(c));
        hk_char_warn(warn, offset, c, what);
        g_free(what);
        return;
    }
    char *what = g_strdup_printf("has no braille sign: written as %s", v);
    hk_char_warn(warn, offset, c, what);
    g_free(what);
}

static gboolean voicing_mark(gunichar c)
{
    return c == 0x309B || c == 0x309C || c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F;
}

/* TRUE if the voicing mark makes one kana with the kana before it (か゛
 * が, ｶﾞ ガ); ア゛ has no such kana. */
static gboolean joins(gunichar kana, gunichar mark)
{
    if (!kana)
        return FALSE;
    char pair[16] = {0};
    int n = g_unichar_to_utf8(kana, pair);
    /* The spacing marks as their combining forms. */
    gunichar m = mark == 0x309B || mark == 0xFF9E   ? 0x3099
                 : mark == 0x309C || mark == 0xFF9F ? 0x309A
                                                    : mark;
    g_unichar_to_utf8(m, pair + n);
    char *nf = g_utf8_normalize(pair, -1, G_NORMALIZE_NFKC);
    gboolean one = nf && g_utf8_strlen(nf, -1) == 1;
    g_free(nf);
    return one;
}

/* Appends the screened form of text to out, counting characters from
 * *offset; TRUE if anything changed. A voicing mark joins the kana before
 * it (the normalisation composes them); one after anything else has no
 * braille and is dropped. */
static gboolean screen_text(HkScreen *s, GString *out, const char *text, glong *offset,
                            const HkCharWarn *warn)
{
    gboolean changed = FALSE;
    gunichar prev = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p), (*offset)++) {
        gunichar c = hk_utf8_get(p), before = prev;
        prev = c;
        if (voicing_mark(c) && !joins(before, c)) {
            /* A mark alone is described where the notes say how. */
            g_mutex_lock(&s->lock);
            const char *note = g_hash_table_lookup(s->notes, GUINT_TO_POINTER(c));
            g_mutex_unlock(&s->lock);
            if (note) {
                report(warn, *offset, c, note);
                g_string_append(out, note);
            } else
                hk_char_warn(warn, *offset, c, "dropped: a voicing mark that joins no kana");
            changed = TRUE;
            continue;
        }
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
    gunichar prev = 0;
    for (gsize i = 0; i < n && clean; i++)
        for (const char *p = spans[i].text; p && *p && clean; p = g_utf8_next_char(p)) {
            if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F) {
                prev = (gunichar)*p;
                continue;
            }
            gunichar c = hk_utf8_get(p);
            clean = hk_screen_char(s, c) == NULL && !(voicing_mark(c) && !joins(prev, c));
            prev = c;
        }
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

char *hk_screen_kana(HkScreen *s, const char *kana, const HkCharWarn *warn)
{
    const char *p = kana;
    /* ASCII (most of the blanks, digits, letters) needs no decoding. */
    while (*p && (((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F) ||
                  !hk_screen_kana_char(s, hk_utf8_get(p))))
        p = g_utf8_next_char(p);
    if (!*p)
        return NULL;
    GString *out = g_string_new(NULL);
    g_string_append_len(out, kana, p - kana);
    for (; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        const char *v = hk_screen_kana_char(s, c);
        if (!v) {
            g_string_append_len(out, p, g_utf8_next_char(p) - p);
            continue;
        }
        /* The kana position says nothing about the caller's text. */
        report(warn, -1, c, v);
        g_string_append(out, v);
    }
    return g_string_free(out, FALSE);
}
