/* numerals: see numerals.h. */
#include "numerals.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

static int digit_of(gunichar c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    switch (c) {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
        return 0;
    case 0x4E00:
        return 1;
    case 0x4E8C:
        return 2;
    case 0x4E09:
        return 3;
    case 0x56DB:
        return 4;
    case 0x4E94:
        return 5;
    case 0x516D:
        return 6;
    case 0x4E03:
        return 7;
    case 0x516B:
        return 8;
    case 0x4E5D:
        return 9;
    default:
        return -1;
    }
}

static int small_unit(gunichar c)
{
    switch (c) {
    case 0x5341: /* 十 */
        return 10;
    case 0x767E: /* 百 */
        return 100;
    case 0x5343: /* 千 */
        return 1000;
    default:
        return 0;
    }
}

static const char *big_unit(gunichar c)
{
    switch (c) {
    case 0x4E07:
        return "マン";
    case 0x5104:
        return "オク";
    case 0x5146:
        return "チョー";
    default:
        return NULL;
    }
}

gboolean hk_numeral_char(gunichar c)
{
    return digit_of(c) >= 0 || small_unit(c) || big_unit(c);
}

/* One section below 万: digits written positionally (二〇二五) or with
 * units (二千二十五). */
typedef struct {
    gint64 sec;    /* value with units so far */
    gint64 run;    /* plain digit run (for 二〇二五 and 334) */
    int run_len;   /* digits in run, -1 none */
    int last_unit; /* the last unit used, to see a new number starting */
    gboolean any;
} Section;

static void section_reset(Section *s)
{
    s->sec = 0;
    s->run = 0;
    s->run_len = 0;
    s->last_unit = 100000;
    s->any = FALSE;
}

static gint64 section_value(const Section *s)
{
    return s->sec + (s->run_len > 0 ? s->run : 0);
}

gboolean hk_numerals_convert(GString *out, const char *str, gsize len, gint64 *value)
{
    const char *end = str + len;
    /* No real number is written with more than 15 numerals; a longer run
     * (a row of 〇 as decoration) is left to the analyser, and the bound
     * keeps every value below gint64's range. */
    if (g_utf8_strlen(str, (gssize)len) > 15)
        return FALSE;
    for (const char *p = str; p < end; p = g_utf8_next_char(p))
        if (!hk_numeral_char(hk_utf8_get(p)))
            return FALSE;
    gsize start = out->len;
    Section s;
    section_reset(&s);
    int numbers = 0;
    gint64 total_value = -1;
    gboolean prefixed = FALSE;   /* a big unit already written for this number */
    const char *sec_start = str; /* where the current section's text begins */
    for (const char *p = str; p < end; p = g_utf8_next_char(p)) {
        gunichar c = hk_utf8_get(p);
        int d = digit_of(c);
        int u = small_unit(c);
        const char *big = big_unit(c);
        if (d >= 0) {
            /* A digit after the ones place of a number with units is a
             * new number (二十一二 → 21 and 2). */
            if (s.any && s.run_len == 1 && s.sec > 0 && s.last_unit == 1) {
                char buf[32];
                snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, section_value(&s));
                g_string_append(out, buf);
                g_string_append(out, "⠼");
                numbers++;
                section_reset(&s);
                sec_start = p;
            }
            s.run = s.run * 10 + d;
            s.run_len++;
            s.any = TRUE;
            if (s.sec > 0)
                s.last_unit = 1;
        } else if (u) {
            gint64 m = s.run_len > 0 ? s.run : 1;
            s.sec += m * u;
            s.run = 0;
            s.run_len = 0;
            s.last_unit = u;
            s.any = TRUE;
        } else if (big) {
            gint64 v = section_value(&s);
            char buf[32];
            snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, v > 0 ? v : 1);
            if (prefixed)
                g_string_append_c(out, ' ');
            g_string_append(out, buf);
            g_string_append(out, big);
            prefixed = TRUE;
            section_reset(&s);
            sec_start = g_utf8_next_char(p);
        }
    }
    if (s.any) {
        char buf[32];
        gint64 v = section_value(&s);
        if (s.sec == 0 && s.run_len > 0) {
            /* Plain digits keep their leading zeros (04ガツ, 00150). */
            GString *digits = g_string_new(NULL);
            for (const char *p = sec_start; p < end; p = g_utf8_next_char(p)) {
                int d = digit_of(hk_utf8_get(p));
                if (d >= 0)
                    g_string_append_c(digits, (char)('0' + d));
                else
                    g_string_truncate(digits, 0);
            }
            if (prefixed)
                g_string_append_c(out, ' ');
            g_string_append(out, digits->str);
            g_string_free(digits, TRUE);
        } else {
            snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, v);
            if (prefixed)
                g_string_append_c(out, ' ');
            g_string_append(out, buf);
        }
        total_value = numbers == 0 && !prefixed ? v : -1;
    }
    if (out->len == start)
        return FALSE;
    *value = total_value;
    return TRUE;
}

const char *hk_numerals_day(gint64 n)
{
    static const char *const days[] = {NULL,     "ツイタチ", "フツカ", "ミッカ",
                                       "ヨッカ", "イツカ",   "ムイカ", "ナノカ",
                                       "ヨーカ", "ココノカ", "トオカ"};
    if (n >= 1 && n <= 10)
        return days[n];
    if (n == 20)
        return "ハツカ";
    return NULL;
}

/* Sino-Japanese readings of 0..12 as braille spells them. */
static const char *const sino[13][4] = {
    {"レイ", "ゼロ", NULL},
    {"イチ", "イッ", NULL},
    {"ニ", NULL},
    {"サン", NULL},
    {"ヨン", "シ", "ヨ", NULL},
    {"ゴ", NULL},
    {"ロク", "ロッ", NULL},
    {"ナナ", "シチ", NULL},
    {"ハチ", "ハッ", NULL},
    {"キュー", "ク", NULL},
    {"ジュー", "ジュッ", "ジッ", NULL},
    {"ジューイチ", "ジューイッ", NULL},
    {"ジューニ", NULL},
};

static gboolean is_kanji_char(gunichar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005;
}

gboolean hk_numerals_sino_word(GString *out, const char *surface, const char *kana,
                               gboolean geminate)
{
    const char *p = surface;
    int value = -1;
    if (g_ascii_isdigit(*p)) {
        value = 0;
        while (g_ascii_isdigit(*p)) {
            value = value * 10 + (*p - '0');
            if (value > 12)
                return FALSE;
            p++;
        }
    } else {
        gunichar c = hk_utf8_get(p);
        int d = digit_of(c);
        if (d >= 1)
            value = d;
        else if (c == 0x5341)
            value = 10;
        else
            return FALSE;
        p = g_utf8_next_char(p);
    }
    if (!*p || !is_kanji_char(hk_utf8_get(p)) || hk_numeral_char(hk_utf8_get(p)))
        return FALSE;
    for (int i = 0; i < 4 && sino[value][i]; i++) {
        const char *r = sino[value][i];
        if (!g_str_has_prefix(kana, r))
            continue;
        if (!geminate && !g_ascii_isdigit(*surface) && g_str_has_suffix(r, "ッ"))
            return FALSE;
        const char *rest = kana + strlen(r);
        if (!*rest)
            return FALSE;
        g_string_append_printf(out, "%d", value);
        g_string_append(out, rest);
        return TRUE;
    }
    return FALSE;
}
