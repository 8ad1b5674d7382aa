/* kana: see kana.h. */
#include "kana.h"

#include <string.h>

#include "streq.h"
#include "utf8.h"

void hk_kana_to_katakana(GString *out, const char *s, gssize len)
{
    const char *end = len < 0 ? s + strlen(s) : s + len;
    for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
            c += 0x60;
        g_string_append_unichar(out, c);
    }
}

/* Rows of the katakana table by vowel. */
static const char *const vowel_rows[5] = {
    "アァカガサザタダナハバパマヤャラワヮ", "イィキギシジチヂニヒビピミリヰ",
    "ウゥクグスズツヅヌフブプムユュルヴ",   "エェケゲセゼテデネヘベペメレヱ",
    "オォコゴソゾトドノホボポモヨョロヲ",
};

char hk_kana_vowel(gunichar c)
{
    /* Built once from vowel_rows: the vowel of every katakana ァ..ヺ. */
    /* Both halves of the translator call this, on two threads: built under g_once. */
    static char table[0x30FA - 0x30A1 + 1];
    static gsize built;
    if (g_once_init_enter(&built)) {
        static const char v[5] = {'a', 'i', 'u', 'e', 'o'};
        for (int i = 0; i < 5; i++)
            for (const char *p = vowel_rows[i]; *p; p = g_utf8_next_char(p))
                table[hk_utf8_get(p) - 0x30A1] = v[i];
        g_once_init_leave(&built, 1);
    }
    if (c >= 0x3041 && c <= 0x3096)
        c += 0x60;
    if (c < 0x30A1 || c > 0x30FA)
        return 0;
    return table[c - 0x30A1];
}

static gboolean small_kana(gunichar c)
{
    switch (c) {
    case 0x30E3: /* ャ */
    case 0x30E5: /* ュ */
    case 0x30E7: /* ョ */
    case 0x30A1: /* ァ */
    case 0x30A3: /* ィ */
    case 0x30A5: /* ゥ */
    case 0x30A7: /* ェ */
    case 0x30A9: /* ォ */
    case 0x30EE: /* ヮ */
    case 0x3083:
    case 0x3085:
    case 0x3087:
    case 0x3041:
    case 0x3043:
    case 0x3045:
    case 0x3047:
    case 0x3049:
        return TRUE;
    default:
        return FALSE;
    }
}

int hk_kana_morae(const char *kata, gssize len)
{
    const char *end = len < 0 ? kata + strlen(kata) : kata + len;
    int n = 0;
    for (const char *p = kata; p < end; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (small_kana(c))
            continue;
        if ((c >= 0x30A1 && c <= 0x30FC) || (c >= 0x3041 && c <= 0x3096))
            n++;
        else if (c < 0x80 && g_ascii_isalnum((char)c))
            n++; /* a digit or a letter: at least a mora when read */
    }
    return n;
}

gboolean hk_kana_is_kana(const char *s)
{
    if (!*s)
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (!((c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC) || c == 0x309D ||
              c == 0x309E || c == 0x30FD || c == 0x30FE))
            return FALSE;
    }
    return TRUE;
}

static gboolean is_katakana_word(const char *s)
{
    gboolean any = FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if (c >= 0x30A1 && c <= 0x30FC)
            any = TRUE;
        else
            return FALSE;
    }
    return any;
}

/* TRUE if s holds kana or kanji (or 々 〆 ヶ 仝 〃). */
static gboolean has_japanese(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        if ((c >= 0x3041 && c <= 0x30FF && !(c >= 0x3099 && c <= 0x309C)) ||
            (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
            (c >= 0xF900 && c <= 0xFAFF) || c == 0x3005 || c == 0x3006 || c == 0x4EDD ||
            c == 0x3003)
            return TRUE;
    }
    return FALSE;
}

/* Decodes UTF-8 into code points (at most max). */
static gsize decode(const char *s, gunichar *buf, gsize max)
{
    gsize n = 0;
    for (const char *p = s; *p && n < max; p = g_utf8_next_char(p))
        buf[n++] = hk_utf8_get(p);
    return n;
}

static gunichar plain_kana(gunichar c, gboolean loanword)
{
    switch (c) {
    case 0x30F0: /* ヰ */
        return 0x30A4;
    case 0x30F1: /* ヱ */
        return 0x30A8;
    case 0x30C2: /* ヂ */
        return loanword ? 0x30B8 : c;
    case 0x30C5: /* ヅ */
        return loanword ? 0x30BA : c;
    default:
        return c;
    }
}

#define MAXK 256

void hk_kana_spell(GString *out, const HkMorph *m, gunichar prev_last)
{
    gsize from = out->len;
    if (*m->braille) {
        g_string_append(out, m->braille);
        return;
    }
    gboolean loan = is_katakana_word(m->surface);
    const char *reading = m->reading;
    if (!*reading || hk_streq(reading, "*")) {
        /* Not in the dictionary: kana as written, anything else (Latin,
         * digits, symbols) as it is. */
        hk_kana_to_katakana(out, m->surface, -1);
        hk_kana_fix_small_vowels(out, from);
        return;
    }
    /* Signs, Latin, Greek, Cyrillic … are written as they are, whatever
     * the dictionary says they are called (× is not カケル). */
    if (!has_japanese(m->surface) || !hk_kana_is_kana(reading)) {
        g_string_append(out, m->surface);
        return;
    }
    gunichar r[MAXK], p[MAXK];
    gsize nr = decode(reading, r, MAXK);
    gsize np = decode(m->pron, p, MAXK);
    gboolean aligned = nr == np;
    gboolean particle = hk_streq(m->pos[0], "助詞");
    gunichar last = prev_last;
    for (gsize i = 0; i < nr; i++) {
        gunichar c = plain_kana(r[i], loan);
        if (aligned) {
            gunichar q = p[i];
            char lv = hk_kana_vowel(last);
            if (c == 0x30A6 /* ウ */ && q == 0x30FC /* ー */ && (lv == 'u' || lv == 'o'))
                c = 0x30FC;
            else if (c == 0x30CF /* ハ */ && q == 0x30EF /* ワ */)
                c = q;
            else if (c == 0x30D8 /* ヘ */ && q == 0x30A8 /* エ */)
                c = q;
        } else if (particle && nr == 1) {
            if (c == 0x30CF)
                c = 0x30EF;
            else if (c == 0x30D8)
                c = 0x30A8;
        }
        g_string_append_unichar(out, c);
        last = c;
    }
    /* The volitional う after an オ段 syllable is a long vowel
     * (遊ぼ+う → アソボー, でしょ+う → デショー). */
    if (hk_streq(m->pos[0], "助動詞") && hk_streq(m->surface, "う") && nr == 1) {
        char lv = hk_kana_vowel(prev_last);
        if (lv == 'o' || lv == 'u') {
            g_string_truncate(out, from);
            g_string_append(out, "ー");
        }
    }
    /* ウ音便 of a verb is a long vowel (買うた → コータ, 吸うたり →
     * スータリ) even where the dictionary writes it ウ. */
    if (hk_streq(m->pos[0], "動詞") && strstr(m->ctype, "ウ音便") &&
        g_str_has_prefix(m->cform, "連用タ") && g_str_has_suffix(out->str + from, "ウ") &&
        out->len - from > strlen("ウ")) {
        const char *pv = g_utf8_find_prev_char(out->str + from, out->str + out->len - strlen("ウ"));
        char v = pv ? hk_kana_vowel(hk_utf8_get(pv)) : 0;
        if (v == 'u' || v == 'o') {
            g_string_truncate(out, out->len - strlen("ウ"));
            g_string_append(out, "ー");
        }
    }
    /* The ending う of a verb stays ウ (縫う → ヌウ, 言う → イウ). */
    if (hk_streq(m->pos[0], "動詞") && g_str_has_suffix(m->surface, "う") &&
        (g_str_has_prefix(m->cform, "基本形") || hk_streq(m->cform, "連体形")) &&
        g_str_has_suffix(out->str + from, "ー")) {
        g_string_truncate(out, out->len - strlen("ー"));
        g_string_append(out, "ウ");
    }
    hk_kana_fix_small_vowels(out, from);
}

void hk_kana_fix_small_vowels(GString *out, gsize from)
{
    static const gunichar big[5] = {0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA};
    gunichar prev = 0;
    for (gsize i = from; i < out->len;) {
        const char *p = out->str + i;
        gunichar c = hk_utf8_get(p);
        gsize clen = (gsize)(g_utf8_next_char(p) - p);
        int idx = -1;
        switch (c) {
        case 0x30A1:
            idx = 0;
            break;
        case 0x30A3:
            idx = 1;
            break;
        case 0x30A5:
            idx = 2;
            break;
        case 0x30A7:
            idx = 3;
            break;
        case 0x30A9:
            idx = 4;
            break;
        default:
            break;
        }
        if (idx >= 0 && prev && hk_kana_vowel(prev) == "aiueo"[idx]) {
            char buf[8];
            int n = g_unichar_to_utf8(big[idx], buf);
            g_string_erase(out, (gssize)i, (gssize)clen);
            g_string_insert_len(out, (gssize)i, buf, n);
            clen = (gsize)n;
            c = big[idx];
        }
        prev = c;
        i += clen;
    }
}
