/* normalize: see normalize.h. Characters that are already in their final
 * form (ASCII, kana, kanji) take a fast path; only the rest goes through
 * GLib's NFKC. */
#include "normalize.h"

#include <string.h>

#include "numerals.h"
#include "utf8.h"

static gboolean keep_as_is(gunichar c)
{
    switch (c) {
    case 0xFF5E: /* ～ 波線 */
    case 0x2026: /* … */
    case 0x2025: /* ‥ */
    case 0x301C: /* 〜 */
    case 0x309B: /* ゛ */
    case 0x309C: /* ゜ */
    case 0x2015: /* ― */
    case 0x2014:
    case 0x2103: /* ℃ and ℉: one sign each in braille, not ° and a letter */
    case 0x2109:
        return TRUE;
    default:
        return FALSE;
    }
}

static gboolean fast_path(gunichar c)
{
    return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3001 && c <= 0x3002) ||
           (c >= 0x300C && c <= 0x300F) || (c >= 0x2800 && c <= 0x28FF);
}

/* Bytes from p that are in normal form already and that no rule below
 * looks at (ASCII, kana, kanji and the common Japanese punctuation; not
 * the ワ行 kana a voicing mark may follow, nor ヷ..ヺ): the loop copies
 * such a run at once instead of a character at a time. */
static gsize plain_run(const char *p, const char *end)
{
    const char *q = p;
    while (q < end) {
        if ((unsigned char)*q < 0x80) {
            q++;
            continue;
        }
        gunichar c = hk_utf8_get(q);
        if (!fast_path(c) || (c >= 0x30EF && c <= 0x30F2) || (c >= 0x30F7 && c <= 0x30FA))
            break;
        q = g_utf8_next_char(q);
    }
    return (gsize)(q - p);
}

static gboolean is_blank(gunichar c)
{
    return c == '\t' || c == 0x3000 || c == 0x200B || c == 0x00A0 || c == 0x2002 || c == 0x2003 ||
           c == 0x2009 || c == 0xFEFF || c == '\r' || c == '\v' || c == '\f';
}

/* Appends c in normal form. */
static void append_char(GString *out, gunichar c, const char *p, gsize clen)
{
    if (c < 0x80 || fast_path(c)) {
        g_string_append_len(out, p, (gssize)clen);
        return;
    }
    if (is_blank(c)) {
        g_string_append_c(out, ' ');
        return;
    }
    if (keep_as_is(c)) {
        g_string_append_len(out, p, (gssize)clen);
        return;
    }
    if (c == 0xFFFD) {
        g_string_append_c(out, '?');
        return;
    }
    /* Latin letters with accents: the letter alone. */
    if (c >= 0x00C0 && c <= 0x024F && g_unichar_isalpha(c)) {
        gunichar d[4];
        gsize nd = g_unichar_fully_decompose(c, FALSE, d, 4);
        if (nd >= 1 && d[0] < 0x80) {
            g_string_append_c(out, (char)d[0]);
            return;
        }
    }
    char *n = g_utf8_normalize(p, (gssize)clen, G_NORMALIZE_NFKC);
    if (n && *n)
        g_string_append(out, n);
    else
        g_string_append_len(out, p, (gssize)clen);
    g_free(n);
}

static gboolean halfwidth_kana(gunichar c)
{
    return c >= 0xFF61 && c <= 0xFF9F;
}

/* TRUE if the straight quote at i opens a pair: it is an odd one of the
 * line's quotes, a closing one follows and Japanese text stands between
 * them ("つながり" → “つながり”). Lone quotes and quotes around ASCII stay
 * the closing sign the harness writes. */
static gboolean opening_quote(const GString *out, gsize start, gsize i)
{
    int before = 0;
    for (gsize k = start; k < i; k++)
        before += out->str[k] == '"';
    if (before % 2)
        return FALSE;
    gboolean japanese = FALSE;
    for (gsize k = i + 1; k < out->len; k++) {
        if (out->str[k] == '"')
            return japanese;
        if (out->str[k] & 0x80)
            japanese = TRUE;
    }
    return FALSE;
}

#define LDQUO "\u201C"
#define RDQUO "\u201D"
#define RSQUO "\u2019"

/* The print editions' typographic quotes (the model's smart quotes,
 * quotes.h, or the author's own): a pair “…” around Japanese text is the
 * 第1カギ as the straight pair is (てびき第4版 第4章 カギ類: 墨字の引用符
 * “ ”はカギ類で表す); “ and 「 have the same UTF-8 length, so the pair is
 * rewritten in place. An apostrophe ’ inside a Latin word (it’s) is the
 * ASCII one, so that the word stays one foreign word. */
static void typographic_quotes(GString *out, gsize start)
{
    for (gsize i = start; i + 3 <= out->len; i++) {
        /* Both quotes begin with the byte E2: the others are skipped at once. */
        const char *hit = memchr(out->str + i, 0xE2, out->len - i);
        if (!hit)
            break;
        i = (gsize)(hit - out->str);
        if (i + 3 > out->len)
            break;
        char *s = out->str;
        if (!memcmp(s + i, LDQUO, 3)) {
            gboolean japanese = FALSE;
            for (gsize k = i + 3; k + 3 <= out->len; k++) {
                if (!memcmp(s + k, RDQUO, 3)) {
                    if (japanese) {
                        memcpy(s + i, "\u300C", 3);
                        memcpy(s + k, "\u300D", 3);
                    }
                    break;
                }
                if (!memcmp(s + k, LDQUO, 3))
                    break;
                japanese |= (s[k] & 0x80) != 0;
            }
        } else if (!memcmp(s + i, RSQUO, 3) && i > start && i + 3 < out->len &&
                   g_ascii_isalnum(s[i - 1]) && g_ascii_isalnum(s[i + 3])) {
            g_string_erase(out, (gssize)i, 3);
            g_string_insert_c(out, (gssize)i, '\'');
        }
    }
}

/* The ASCII signs the last pass of hk_normalize_append rewrites; every
 * other byte it passes over. */
static const gboolean ascii_sign[256] = {
    ['~'] = TRUE, ['"'] = TRUE,  ['('] = TRUE, [')'] = TRUE,
    ['`'] = TRUE, ['\''] = TRUE, ['<'] = TRUE, ['>'] = TRUE,
};

void hk_normalize_append(GString *out, const char *text, gsize len)
{
    const char *p = text, *end = text + len;
    /* Ideographic blanks closing the text are layout padding, not word
     * spaces: dropped (ASCII blanks stay as the source has them). */
    while (end - p >= 3 && !memcmp(end - 3, "\u3000", 3))
        end -= 3;
    gsize start = out->len;
    while (p < end) {
        gsize plain = plain_run(p, end);
        if (plain) {
            g_string_append_len(out, p, (gssize)plain);
            p += plain;
            continue;
        }
        gunichar c = hk_utf8_get(p);
        const char *next = g_utf8_next_char(p);
        if (halfwidth_kana(c)) {
            /* Half-width kana with its voicing marks: NFKC composes the
             * pair (ｶﾞ → ガ) only when it sees both. */
            const char *q = next;
            while (q < end) {
                gunichar d = hk_utf8_get(q);
                if (d != 0xFF9E && d != 0xFF9F)
                    break;
                q = g_utf8_next_char(q);
            }
            char *n = g_utf8_normalize(p, q - p, G_NORMALIZE_NFKC);
            g_string_append(out, n);
            g_free(n);
            p = q;
            continue;
        }
        if ((c == 0x309D || c == 0x309E || c == 0x30FD || c == 0x30FE) && out->len > start) {
            /* Kana iteration marks repeat the kana before them, ゞ ヾ
             * voiced (いすゞ → いすず). */
            const char *prev = g_utf8_find_prev_char(out->str + start, out->str + out->len);
            gunichar pc = prev ? hk_utf8_get(prev) : 0;
            gboolean kana = (pc >= 0x3041 && pc <= 0x3096) || (pc >= 0x30A1 && pc <= 0x30FA);
            if (kana) {
                gunichar rep = pc;
                if (c == 0x309E || c == 0x30FE) {
                    gunichar voiced;
                    if (g_unichar_compose(pc, 0x3099, &voiced))
                        rep = voiced;
                } else {
                    gunichar a, b;
                    /* ゝ after a voiced kana repeats it unvoiced (づゝ → づつ). */
                    if (g_unichar_decompose(pc, &a, &b) && b == 0x3099)
                        rep = a;
                }
                g_string_append_unichar(out, rep);
                p = next;
                continue;
            }
        }
        /* ワ行 with a voicing mark, which kana has no letter for: the
         * ヴ syllables it stands for (ヱ゛ルレエヌ → ヴェルレエヌ). */
        {
            static const char *const vw[4] = {"ヴァ", "ヴィ", "ヴェ", "ヴォ"};
            int w = -1;
            gunichar d = next < end ? hk_utf8_get(next) : 0;
            gboolean mark = d == 0x309B || d == 0x3099;
            if (c >= 0x30F7 && c <= 0x30FA)
                w = (int)(c - 0x30F7);
            else if (mark && c == 0x30EF)
                w = 0;
            else if (mark && c == 0x30F0)
                w = 1;
            else if (mark && c == 0x30F1)
                w = 2;
            else if (mark && c == 0x30F2)
                w = 3;
            if (w >= 0) {
                g_string_append(out, vw[w]);
                p = mark && !(c >= 0x30F7 && c <= 0x30FA) ? g_utf8_next_char(next) : next;
                continue;
            }
        }
        /* The full-width comma and period of horizontal Japanese text
         * after a Japanese word are its 読点 and 句点 (東京，大阪． →
         * 東京、大阪。); between digits and Latin letters, and before a
         * number (一，二), they stay the ASCII signs (１，０００). */
        gunichar after = next < end ? hk_utf8_get(next) : 0;
        if ((c == 0xFF0C || c == 0xFF0E) && out->len > start &&
            (unsigned char)out->str[out->len - 1] >= 0x80 && !hk_numeral_char(after) &&
            !g_unichar_isdigit(after)) {
            g_string_append(out, c == 0xFF0C ? "、" : "。");
            p = next;
            continue;
        }
        append_char(out, c, p, (gsize)(next - p));
        /* A circled number (①) is an item number: its digits stand apart
         * from what follows (③LINE → 3 LINE). */
        if (((c >= 0x2460 && c <= 0x2473) || c == 0x24EA || (c >= 0x3251 && c <= 0x325F) ||
             (c >= 0x32B1 && c <= 0x32BF)) &&
            next < end && !g_unichar_isspace(hk_utf8_get(next)) && hk_utf8_get(next) != 0x3000)
            g_string_append_c(out, ' ');
        p = next;
    }
    /* ASCII signs that Japanese text uses as its own punctuation: a ~ not
     * inside an ASCII word or path is the wave dash ～; quotes are the
     * typographic ones the braille table knows (" → ”, ` → ‘, a ' not
     * between letters → ’); < > around Japanese are the angle brackets
     * 〈 〉. */
    typographic_quotes(out, start);
    gboolean in_quote = FALSE;
    /* Parentheses open at this point; bit k set when the one at depth k
     * was written as the 第2カッコ. */
    unsigned depth = 0, second = 0;
    for (gsize i = start; i < out->len; i++) {
        char c = out->str[i];
        if (!ascii_sign[(unsigned char)c])
            continue;
        unsigned char before = i > start ? (unsigned char)out->str[i - 1] : ' ';
        unsigned char after = i + 1 < out->len ? (unsigned char)out->str[i + 1] : ' ';
        const char *rep = NULL;
        if (c == '~' && !(before < 0x80 && (g_ascii_isalnum(before) || before == '/' ||
                                            before == '.' || before == '_')))
            rep = "～";
        else if (c == '"' && in_quote) {
            rep = "」";
            in_quote = FALSE;
        } else if (c == '"' && opening_quote(out, start, i)) {
            /* Quotation marks around Japanese text are the 第1カギ
             * (てびき第4版 第4章 カギ類: 墨字の引用符“ ”はカギ類で表す). */
            rep = "「";
            in_quote = TRUE;
        } else if (c == '"')
            rep = "”";
        else if (c == '(' || c == ')') {
            /* A parenthesis inside a parenthesis of Japanese text is the
             * 第2カッコ (てびき第4版 第4章 カッコ類: 重なったカッコは書き分
             * ける; ))) would read as the 点訳者挿入符 ⠶⠶). ASCII
             * parentheses of code and addresses stay as they are. */
            if (c == '(') {
                gboolean inner = depth > 0 && depth < 32 && after >= 0x80;
                if (inner) {
                    rep = "〔";
                    second |= 1u << depth;
                }
                depth++;
            } else if (depth > 0) {
                depth--;
                if (depth < 32 && (second & (1u << depth))) {
                    rep = "〕";
                    second &= ~(1u << depth);
                }
            }
        } else if (c == '`')
            rep = "‘";
        else if (c == '\'' && !(before < 0x80 && g_ascii_isalnum(before) && after < 0x80 &&
                                g_ascii_isalnum(after)))
            rep = "’";
        else if (c == '<' && after >= 0x80)
            rep = "〈";
        else if (c == '>' && before >= 0x80)
            rep = "〉";
        if (rep) {
            g_string_erase(out, (gssize)i, 1);
            g_string_insert(out, (gssize)i, rep);
            i += strlen(rep) - 1;
        }
    }
}
