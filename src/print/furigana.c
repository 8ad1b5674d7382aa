/* furigana: readings over kanji words for the furigana edition (see
 * furigana.h). */
#include "furigana.h"

#include <string.h>

#include "analysis.h"
#include "braille.h"
#include "error.h"
#include "pdfedition.h"
#include "typeset.h"

/* ---------- characters ---------- */

/* Characters that are read through a reading, not as written: CJK
 * ideographs and the marks that stand for one (々 repeats a kanji, 〆 and
 * 〇 are kanji in use, ヶ/ヵ read か/が/こ in 一ヶ月). */
static gboolean is_kanji(gunichar c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3005 ||
           c == 0x3006 || c == 0x3007;
}

static gboolean is_read_as_kanji(gunichar c)
{
    return is_kanji(c) || c == 0x30F5 || c == 0x30F6;
}

/* Kana compared as hiragana (ー stays). */
static gboolean is_kana(gunichar c)
{
    return (c >= 0x3041 && c <= 0x3096) ||
           (c >= 0x30A1 && c <= 0x30FA && c != 0x30F5 && c != 0x30F6) || c == 0x30FC;
}

static gunichar to_hiragana(gunichar c)
{
    return c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c;
}

static gboolean has_kanji(const char *s, gssize len)
{
    const char *end = s + (len < 0 ? (gssize)strlen(s) : len);
    for (const char *p = s; p < end; p = g_utf8_next_char(p))
        if (is_kanji(g_utf8_get_char(p)))
            return TRUE;
    return FALSE;
}

/* The UCS-4 hiragana form of kana text (katakana folded). */
static GArray *hira(const char *s, gssize len)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(gunichar));
    const char *end = s + (len < 0 ? (gssize)strlen(s) : len);
    for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
        gunichar c = to_hiragana(g_utf8_get_char(p));
        g_array_append_val(out, c);
    }
    return out;
}

/* ---------- aligning a reading with its word ---------- */

typedef enum {
    SEG_VAR,   /* kanji (and what is read with them): takes one kana or more */
    SEG_KANA,  /* kana as written: must match the reading */
    SEG_FIXED, /* the author's ruby: must match the author's reading */
} SegKind;

typedef struct {
    SegKind kind;
    int start, end;   /* bytes in the word */
    GArray *lit;      /* KANA, FIXED: gunichar hiragana it matches */
    gboolean kanji;   /* VAR: holds a kanji (digits alone get no ruby) */
    int rstart, rend; /* the aligned part of the reading */
} Seg;

/* An author ruby base inside the word (bytes in the word). */
typedef struct {
    int start, end;
    const char *reading;
} Fixed;

static void seg_clear(gpointer p)
{
    Seg *s = p;
    if (s->lit)
        g_array_unref(s->lit);
}

/* The word as segments: author ruby bases, runs of kana, runs of
 * everything else (kanji, digits, letters), in order. */
static GArray *segments(const char *word, int len, const Fixed *fixed, guint nfixed)
{
    GArray *segs = g_array_new(FALSE, TRUE, sizeof(Seg));
    g_array_set_clear_func(segs, seg_clear);
    int p = 0;
    while (p < len) {
        const Fixed *f = NULL;
        for (guint i = 0; i < nfixed && !f; i++)
            if (fixed[i].start == p)
                f = &fixed[i];
        if (f) {
            Seg s = {SEG_FIXED, f->start, f->end, hira(f->reading, -1), FALSE, 0, 0};
            g_array_append_val(segs, s);
            p = f->end;
            continue;
        }
        gboolean kana = is_kana(g_utf8_get_char(word + p));
        Seg s = {kana ? SEG_KANA : SEG_VAR, p, p, NULL, FALSE, 0, 0};
        while (p < len && is_kana(g_utf8_get_char(word + p)) == kana) {
            gboolean at_fixed = FALSE;
            for (guint i = 0; i < nfixed; i++)
                at_fixed |= fixed[i].start == p;
            if (at_fixed)
                break;
            s.kanji |= is_read_as_kanji(g_utf8_get_char(word + p));
            p = (int)(g_utf8_next_char(word + p) - word);
        }
        s.end = p;
        if (kana)
            s.lit = hira(word + s.start, s.end - s.start);
        g_array_append_val(segs, s);
    }
    return segs;
}

static gboolean lit_at(const GArray *lit, const gunichar *r, int rlen, int at)
{
    if (at < 0 || at + (int)lit->len > rlen)
        return FALSE;
    for (guint i = 0; i < lit->len; i++)
        if (g_array_index(lit, gunichar, i) != r[at + i])
            return FALSE;
    return TRUE;
}

/* Counts the ways (0, 1, or 2 meaning "more than one") the segments from
 * `i` on can spell the reading from `at` on; the first way found is left
 * in the segments' rstart/rend. */
static int align(Seg *segs, guint n, guint i, const gunichar *r, int rlen, int at)
{
    if (i == n)
        return at == rlen;
    Seg *s = &segs[i];
    if (s->kind != SEG_VAR) {
        if (!lit_at(s->lit, r, rlen, at))
            return 0;
        s->rstart = at;
        s->rend = at + (int)s->lit->len;
        return align(segs, n, i + 1, r, rlen, s->rend);
    }
    int ways = 0;
    int first_end = -1;
    for (int end = at + 1; end <= rlen && ways < 2; end++) {
        int w = align(segs, n, i + 1, r, rlen, end);
        if (w && first_end < 0)
            first_end = end;
        ways += w;
    }
    if (first_end >= 0) {
        /* Put the first way back: later tries overwrote the segments after. */
        s->rstart = at;
        s->rend = first_end;
        if (ways > 1)
            ways = 2;
        align(segs, n, i + 1, r, rlen, first_end);
    }
    return MIN(ways, 2);
}

static char *ucs4_to_utf8(const gunichar *r, int from, int to)
{
    return g_ucs4_to_utf8(r + from, to - from, NULL, NULL, NULL);
}

static void add_ruby(GArray *out, const HkBlock *block, const char *meta, int start, int end,
                     char *reading)
{
    HkExtraRuby x = {block, start, end, reading, meta};
    g_array_append_val(out, x);
}

/* Ruby for one word at `base` bytes of its block's text: one per kanji run
 * where the reading aligns in exactly one way; else one over what lies
 * between the kana (and author ruby) the reading starts and ends with. */
static void word_ruby(GArray *out, const HkBlock *block, const char *meta, int base,
                      const char *word, int len, const char *reading, const Fixed *fixed,
                      guint nfixed)
{
    GArray *segs = segments(word, len, fixed, nfixed);
    glong rlen = 0;
    gunichar *r = g_utf8_to_ucs4_fast(reading, -1, &rlen);
    for (glong i = 0; i < rlen; i++)
        r[i] = to_hiragana(r[i]);
    Seg *s = (Seg *)segs->data;
    guint n = segs->len;
    /* The search is exponential in the number of kanji runs; words of
     * more than a few are dictionary oddities and get one ruby. */
    if (n <= 9 && rlen <= 64 && align(s, n, 0, r, (int)rlen, 0) == 1) {
        for (guint i = 0; i < n; i++)
            if (s[i].kind == SEG_VAR && s[i].kanji)
                add_ruby(out, block, meta, base + s[i].start, base + s[i].end,
                         ucs4_to_utf8(r, s[i].rstart, s[i].rend));
    } else {
        guint a = 0, b = n;
        int ra = 0, rb = (int)rlen;
        while (a < b && s[a].kind != SEG_VAR && lit_at(s[a].lit, r, rb, ra))
            ra += (int)s[a++].lit->len;
        while (b > a && s[b - 1].kind != SEG_VAR &&
               lit_at(s[b - 1].lit, r, rb, rb - (int)s[b - 1].lit->len))
            rb -= (int)s[--b].lit->len;
        gboolean ok = a < b && ra < rb;
        for (guint i = a; i < b && ok; i++)
            ok = s[i].kind != SEG_FIXED;
        if (ok && has_kanji(word + s[a].start, s[b - 1].end - s[a].start))
            add_ruby(out, block, meta, base + s[a].start, base + s[b - 1].end,
                     ucs4_to_utf8(r, ra, rb));
    }
    g_free(r);
    g_array_unref(segs);
}

/* ---------- blocks ---------- */

typedef struct {
    GArray *fixed; /* of Fixed: the author's ruby, bytes in the block text */
    GArray *code;  /* of int pairs: inline code, never annotated */
} Marks;

static void collect_marks(Marks *m, const GPtrArray *inlines, int *pos)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        const HkInline *in = g_ptr_array_index(inlines, i);
        switch (in->kind) {
        case HK_INLINE_TEXT:
            *pos += (int)strlen(in->text);
            break;
        case HK_INLINE_CODE: {
            int range[2] = {*pos, *pos + (int)strlen(in->text)};
            g_array_append_vals(m->code, range, 2);
            *pos = range[1];
            break;
        }
        case HK_INLINE_RUBY: {
            Fixed f = {*pos, *pos + (int)strlen(in->text), in->reading ? in->reading : ""};
            g_array_append_val(m->fixed, f);
            *pos = f.end;
            break;
        }
        case HK_INLINE_BREAK:
            *pos += 1;
            break;
        default:
            collect_marks(m, in->children, pos);
            break;
        }
    }
}

/* Finds the reader's next word in the text: where the last one ended,
 * after any blank the analyser skipped. */
static const char *locate(const char *cursor, const char *surface)
{
    const char *p = cursor;
    while (*p && !g_str_has_prefix(p, surface) && g_unichar_isspace(g_utf8_get_char(p)))
        p = g_utf8_next_char(p);
    return g_str_has_prefix(p, surface) ? p : strstr(cursor, surface);
}

static gboolean text_ruby(GArray *out, HkReader *reader, const HkDocument *doc,
                          const HkBlock *block, const char *meta, const char *text, const Marks *m,
                          GError **error)
{
    if (!has_kanji(text, -1))
        return TRUE;
    /* The words of the document's one analysis (analysis.h), which the
     * large type's phrases and the other furigana editions share. */
    const void *key = block ? (const void *)block : (const void *)meta;
    const HkTextAnalysis *ta = hk_analysis_text(reader, doc, key, text, error);
    if (!ta)
        return FALSE;
    const GArray *words = ta->words;
    const char *cursor = text;
    GArray *inside = g_array_new(FALSE, FALSE, sizeof(Fixed));
    for (guint i = 0; i < words->len; i++) {
        const HkWord *w = &g_array_index(words, HkWord, i);
        if (!*w->surface)
            continue;
        const char *at = locate(cursor, w->surface);
        if (!at)
            continue;
        int start = (int)(at - text), len = (int)strlen(w->surface), end = start + len;
        cursor = at + len;
        if (!*w->reading || !has_kanji(w->surface, -1))
            continue;
        gboolean skip = FALSE;
        for (guint j = 0; m && j + 1 < m->code->len && !skip; j += 2)
            skip =
                start < g_array_index(m->code, int, j + 1) && g_array_index(m->code, int, j) < end;
        /* The author's ruby inside the word is matched as written; one
         * that reaches outside it leaves the word alone (which part of the
         * author's reading belongs to the word is unknown). */
        g_array_set_size(inside, 0);
        for (guint j = 0; m && j < m->fixed->len && !skip; j++) {
            const Fixed *f = &g_array_index(m->fixed, Fixed, j);
            if (f->end <= start || f->start >= end)
                continue;
            if (f->start < start || f->end > end) {
                skip = TRUE;
                break;
            }
            Fixed rel = {f->start - start, f->end - start, f->reading};
            g_array_append_val(inside, rel);
        }
        if (!skip)
            word_ruby(out, block, meta, start, w->surface, len, w->reading,
                      (const Fixed *)inside->data, inside->len);
    }
    g_array_unref(inside);
    return TRUE;
}

static gboolean blocks_ruby(GArray *out, HkReader *reader, const HkDocument *doc,
                            const GPtrArray *blocks, GError **error)
{
    for (guint i = 0; blocks && i < blocks->len; i++) {
        const HkBlock *b = g_ptr_array_index(blocks, i);
        switch (b->kind) {
        case HK_BLOCK_HEADING:
        case HK_BLOCK_PARAGRAPH: {
            Marks m = {g_array_new(FALSE, FALSE, sizeof(Fixed)),
                       g_array_new(FALSE, FALSE, sizeof(int))};
            int pos = 0;
            collect_marks(&m, b->inlines, &pos);
            char *text = hk_inlines_text(b->inlines);
            gboolean ok = text_ruby(out, reader, doc, b, NULL, text, &m, error);
            g_free(text);
            /* Each reading is a Ruby element of the structure tree, held
             * whole in memory like the source's own (document.h). */
            if (ok && out->len > HK_DOCUMENT_MAX_ELEMENTS) {
                hk_set_error_at(error, HK_ERROR_INPUT, doc->path, b->line, b->col,
                                "furigana: more than %d readings in one document (split it)",
                                HK_DOCUMENT_MAX_ELEMENTS);
                ok = FALSE;
            }
            g_array_unref(m.fixed);
            g_array_unref(m.code);
            if (!ok)
                return FALSE;
            break;
        }
        case HK_BLOCK_LIST:
        case HK_BLOCK_ITEM:
        case HK_BLOCK_QUOTE:
            if (!blocks_ruby(out, reader, doc, b->children, error))
                return FALSE;
            break;
        case HK_BLOCK_FIGURE: /* captions are not set (only the alt text is kept) */
        case HK_BLOCK_CODE:   /* verbatim */
        case HK_BLOCK_BREAK:
            break;
        }
    }
    return TRUE;
}

static void extra_clear(gpointer p)
{
    g_free(((HkExtraRuby *)p)->reading);
}

GArray *hk_furigana_ruby(HkReader *reader, const HkDocument *doc, GError **error)
{
    GArray *out = g_array_new(FALSE, TRUE, sizeof(HkExtraRuby));
    g_array_set_clear_func(out, extra_clear);
    /* The date in both forms: the layout, which the typesetter reads,
     * chooses the one printed. */
    const char *meta[] = {doc->title, doc->subtitle, doc->organization,
                          hk_document_date(doc, HK_DATE_ERA),
                          hk_document_date(doc, HK_DATE_WESTERN)};
    gboolean ok = TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(meta) && ok; i++)
        if (meta[i] && (i == 0 || meta[i] != meta[i - 1]))
            ok = text_ruby(out, reader, doc, NULL, meta[i], meta[i], NULL, error);
    if (ok)
        ok = blocks_ruby(out, reader, doc, doc->blocks, error);
    if (!ok) {
        g_array_unref(out);
        return NULL;
    }
    return out;
}

/* ---------- the edition ---------- */

static GArray *document_ruby(const HkDocument *doc, GError **error)
{
    HkReader *reader = hk_braille_reader(hk_braille_shared(error), error);
    return reader ? hk_furigana_ruby(reader, doc, error) : NULL;
}

gboolean hk_render_furigana(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                            GError **error)
{
    const HkPdfEditionSpec spec = {"furigana", hk_pdf_print_limits, "（ふりがな付き）",
                                   document_ruby};
    return hk_pdf_edition_render(doc, layout, out_dir, &spec, error);
}

gboolean hk_check_furigana(const HkLayout *layout, GError **error)
{
    const HkPdfEditionSpec spec = {"furigana", hk_pdf_print_limits, "（ふりがな付き）",
                                   document_ruby};
    return hk_pdf_edition_check(layout, &spec, error);
}
