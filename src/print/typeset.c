#include "typeset.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "fontmetrics.h"
#include "keeps.h"
#include "langspan.h"
#include "layoutcache.h"
#include "pagemaking.h"
#include "rubyfit.h"

#define PU(x) ((int)lround((x)*PANGO_SCALE))
#define PT(x) ((double)(x) / PANGO_SCALE)

typedef struct {
    int start, end; /* bytes of the base in the unit's text */
    char *reading;
    char **parts; /* one reading per base character, or NULL */
    double shift; /* of the ruby's centre from the base's, where it overhangs one side more */
} RubyRange;

typedef struct {
    int start, end;
    char *url;
} LinkRange;

typedef enum { U_TEXT, U_FIGURE, U_RULE } UnitKind;

/* A unit is what the page breaker places: a laid-out text block (one
 * PangoLayout, several lines), a figure or a rule. */
typedef struct Unit Unit;
struct Unit {
    UnitKind kind;
    const HkTextStyle *style;
    PangoLayout *layout;
    GArray *rubies; /* RubyRange, sorted by start */
    GArray *links;  /* LinkRange, sorted by start */
    PangoFontDescription *ruby_font;
    double ruby_h;   /* logical height of a ruby line */
    double base_asc; /* ascent of the base font: the top of its em box */
    double x, width;
    double before, after;
    int nlines;
    double *line_x, *line_h, *line_base;
    int first_row; /* index into rows; -1 for labels, which are not rows */
    gboolean keep_with_next, keep_together, is_label;
    gboolean keep_as_label; /* a label or lead line: softly kept with what follows */
    gboolean new_page;      /* starts a page (a heading after 次頁以降をご覧ください) */
    const HkBlock *block;
    double img_w, img_h;
    Unit *anchor; /* labels: the unit whose first line they sit on */
    int level;    /* headings: tag level, for the bookmark */
    int nrows;    /* rows it takes, once added */
    /* a text laid out in pieces (chunked_units): the next piece, and
     * whether a piece comes before or after this one in the same text */
    Unit *next;
    gboolean cont_before, cont_after;
};

typedef HkRow Row;

typedef enum { P_BEGIN, P_END, P_UNIT, P_LABEL, P_BOOKMARK } PreKind;

/* The structure and units in reading order, waiting for their pages to be
 * known. P_UNIT and P_LABEL own their unit. */
typedef struct {
    PreKind kind;
    HkRole role;
    char *attr;
    Unit *u;
} Pre;

/* The typesetter runs as one pass: each unit is laid out, given rows and
 * placed on pages as soon as it is added, and what precedes it in reading
 * order is handed to the sink as soon as its pages can no longer change.
 * So only the units of the page being filled are alive at any time, not
 * the whole document's layouts. */
typedef struct {
    const HkDocument *doc;
    const HkPageStyle *st;
    PangoContext *ctx;
    HkFontMetrics *metrics; /* of ctx */
    HkLayoutCache *layouts; /* ruby readings and bases, list labels */
    const GArray *extra;
    GHashTable *extra_index;    /* block, or front-matter string → GArray of indices into extra */
    const HkPhraseMap *phrases; /* phrase boundaries where lines may break, or NULL */
    GArray *pre;                /* of Pre; entries before pre_head have been emitted */
    guint pre_head;
    HkPages pages; /* page making (pagemaking.c) */
    Unit *last;    /* the last unit added */
    int glue;      /* lines of the next unit that must stay with the last one */
    gboolean done; /* the walk is over: every row is final */
    int furn_next; /* the first page whose furniture is not emitted yet */
    char *title;
    HkOp staged; /* the operation being filled in (op_add) */
    gboolean has_staged;
    HkOpSink sink;
    gpointer sink_data;
    GPtrArray *pending_labels;
    double left, measure, top, bottom;
    HkOutline outline;  /* the open headings, for tag levels (keeps.h) */
    gboolean turn_page; /* the next heading starts a page (hk_keep_turns_page) */
    int depth;          /* of the block walk */
    GError **error;
    gboolean ok;
} TS;

/* ---------- text and attributes ---------- */

static void add_attr(PangoAttrList *l, PangoAttribute *a, guint s, guint e)
{
    a->start_index = s;
    a->end_index = e;
    pango_attr_list_insert(l, a);
}

static PangoFontDescription *font_desc(const char *family, gboolean bold, double size)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    return fd;
}

static PangoAttribute *colour_attr(const double rgb[3])
{
    return pango_attr_foreground_new((guint16)lround(rgb[0] * 65535),
                                     (guint16)lround(rgb[1] * 65535),
                                     (guint16)lround(rgb[2] * 65535));
}

typedef struct {
    GString *text;
    PangoAttrList *attrs;
    GArray *rubies, *links;
    const HkPageStyle *st;
} Build;

static void build_inlines(Build *b, const GPtrArray *inlines)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        const HkInline *in = g_ptr_array_index(inlines, i);
        guint s = b->text->len;
        switch (in->kind) {
        case HK_INLINE_TEXT:
            g_string_append(b->text, in->text);
            break;
        case HK_INLINE_CODE:
            g_string_append(b->text, in->text);
            add_attr(b->attrs, pango_attr_family_new(b->st->code.family), s, b->text->len);
            break;
        case HK_INLINE_BREAK:
            g_string_append_c(b->text, '\n');
            break;
        case HK_INLINE_EMPH:
        case HK_INLINE_STRONG: {
            gboolean strong = in->kind == HK_INLINE_STRONG;
            build_inlines(b, in->children);
            add_attr(b->attrs,
                     pango_attr_family_new(strong ? b->st->strong_family : b->st->emph_family), s,
                     b->text->len);
            if (strong ? b->st->strong_bold : b->st->emph_bold)
                add_attr(b->attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), s, b->text->len);
            break;
        }
        case HK_INLINE_LINK: {
            build_inlines(b, in->children);
            LinkRange lr = {(int)s, (int)b->text->len, g_strdup(in->url ? in->url : "")};
            g_array_append_val(b->links, lr);
            add_attr(b->attrs, colour_attr(b->st->link_rgb), s, b->text->len);
            if (b->st->link_underline)
                add_attr(b->attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), s,
                         b->text->len);
            break;
        }
        case HK_INLINE_RUBY: {
            g_string_append(b->text, in->text);
            RubyRange rr = {(int)s, (int)b->text->len, g_strdup(in->reading), g_strdupv(in->parts),
                            0};
            g_array_append_val(b->rubies, rr);
            break;
        }
        }
    }
}

static gboolean in_set(const char *set, gunichar c)
{
    return set && *set && g_utf8_strchr(set, -1, c) != NULL;
}

/* Pango 1.50 already keeps most kinsoku characters off line starts and
 * ends, but not all (it breaks before ～). The layout's lists are the rule:
 * forbid every break they forbid, whatever Pango would do. */
static void add_kinsoku(PangoAttrList *attrs, const char *text, const char *no_start,
                        const char *no_end)
{
    const char *prev = NULL;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        const char *next = g_utf8_next_char(p);
        if (prev && *prev != '\n' && in_set(no_start, c))
            add_attr(attrs, pango_attr_allow_breaks_new(FALSE), prev - text, next - text);
        if (*next && *next != '\n' && in_set(no_end, c))
            add_attr(attrs, pango_attr_allow_breaks_new(FALSE), p - text,
                     g_utf8_next_char(next) - text);
        prev = p;
    }
}

static double text_width(HkLayoutCache *cache, const PangoFontDescription *fd, const char *s,
                         int len)
{
    PangoRectangle r;
    pango_layout_get_extents(hk_layout_cache_get(cache, fd, s, len), NULL, &r);
    return PT(r.width);
}

static int cmp_ruby(const void *a, const void *b)
{
    return ((const RubyRange *)a)->start - ((const RubyRange *)b)->start;
}

static void ruby_clear(gpointer p)
{
    RubyRange *r = p;
    g_free(r->reading);
    g_strfreev(r->parts);
}

static void link_clear(gpointer p)
{
    g_free(((LinkRange *)p)->url);
}

/* Extra ruby (furigana from a reader) for this block's inlines or this
 * front-matter text, added where it does not overlap the author's ruby and
 * does not straddle a link edge. */
/* The first of `n` sorted, non-overlapping ranges (ruby or links, `size`
 * bytes each, starting with int start, end) that ends after `at`. */
static guint first_ending_after(const GArray *a, guint n, gsize size, int at)
{
    guint lo = 0, hi = n;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const int *range = (const int *)(a->data + (gsize)mid * size);
        if (range[1] <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void add_extra_ruby(TS *ts, const HkBlock *block, const GPtrArray *inlines,
                           const char *plain, Build *b)
{
    const void *key = inlines ? (const void *)block : block ? NULL : plain;
    GArray *mine_ix = key && ts->extra_index ? g_hash_table_lookup(ts->extra_index, key) : NULL;
    /* The author's ruby and the links are in text order and never overlap,
     * so each reading is checked against the few near it, not all. */
    guint n_author = b->rubies->len;
    for (guint k = 0; mine_ix && k < mine_ix->len; k++) {
        guint i = g_array_index(mine_ix, guint, k);
        const HkExtraRuby *x = &g_array_index(ts->extra, HkExtraRuby, i);
        gboolean mine =
            inlines ? block && x->block == block : !block && !x->block && plain && x->meta == plain;
        if (!mine || x->start < 0 || x->end > (int)b->text->len || x->start >= x->end ||
            !x->reading)
            continue;
        guint j = first_ending_after(b->rubies, n_author, sizeof(RubyRange), x->start);
        gboolean clash = j < n_author && g_array_index(b->rubies, RubyRange, j).start < x->end;
        for (j = first_ending_after(b->links, b->links->len, sizeof(LinkRange), x->start);
             j < b->links->len && !clash; j++) {
            const LinkRange *l = &g_array_index(b->links, LinkRange, j);
            if (l->start >= x->end)
                break;
            gboolean inside = x->start >= l->start && x->end <= l->end;
            clash = !inside;
        }
        if (!clash) {
            RubyRange rr = {x->start, x->end, g_strdup(x->reading), NULL, 0};
            g_array_append_val(b->rubies, rr);
        }
    }
}

/* May a ruby reach over the character at `at` (bytes; may be out of the
 * text)? Kana, Japanese punctuation and blanks that no ruby sits over;
 * not the space after the end of the text, which may be the end of a full
 * line (the reading would be pushed back onto its neighbour's). */
static gboolean can_overhang(const char *text, int len, const GArray *rubies, int at)
{
    if (at < 0 || at >= len)
        return FALSE;
    /* rubies are sorted and do not overlap: the last one starting at or
     * before `at` is the only one that can hold it */
    guint lo = 0, hi = rubies->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(rubies, RubyRange, mid).start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > 0 && at < g_array_index(rubies, RubyRange, lo - 1).end)
        return FALSE;
    gunichar c = g_utf8_get_char(text + at);
    gboolean kana =
        (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FC && c != 0x30F5 && c != 0x30F6);
    gboolean punct = c >= 0x3000 && c <= 0x303F && (c < 0x3005 || c > 0x3007);
    return kana || punct || c == ' ';
}

/* The extra ruby of each block and front-matter string, so that laying out
 * a block looks at its own readings only, not at the whole document's. */
static GHashTable *index_extra(const GArray *extra)
{
    GHashTable *ix =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
    for (guint i = 0; extra && i < extra->len; i++) {
        const HkExtraRuby *x = &g_array_index(extra, HkExtraRuby, i);
        const void *key = x->block ? (const void *)x->block : x->meta;
        if (!key)
            continue;
        GArray *a = g_hash_table_lookup(ix, key);
        if (!a) {
            a = g_array_new(FALSE, FALSE, sizeof(guint));
            g_hash_table_insert(ix, (gpointer)key, a);
        }
        g_array_append_val(a, i);
    }
    return ix;
}

/* ---------- units ---------- */

static Unit *unit_new(UnitKind kind)
{
    Unit *u = g_new0(Unit, 1);
    u->kind = kind;
    u->first_row = -1;
    return u;
}

static void unit_free(Unit *u)
{
    if (!u)
        return;
    if (u->layout)
        g_object_unref(u->layout);
    if (u->rubies)
        g_array_unref(u->rubies);
    if (u->links)
        g_array_unref(u->links);
    if (u->ruby_font)
        pango_font_description_free(u->ruby_font);
    g_free(u->line_x);
    g_free(u->line_h);
    g_free(u->line_base);
    g_free(u);
}

static gboolean line_has_ruby(const Unit *u, const PangoLayoutLine *line)
{
    for (guint i = 0; i < u->rubies->len; i++) {
        const RubyRange *r = &g_array_index(u->rubies, RubyRange, i);
        if (r->start < line->start_index + line->length && r->end > line->start_index)
            return TRUE;
    }
    return FALSE;
}

enum {
    TU_INDENT = 1 << 0,   /* first-line indent from the style */
    TU_VERBATIM = 1 << 1, /* code and labels: no kinsoku, no justification */
    TU_ONE_LINE = 1 << 2, /* furniture: one line, ellipsized if too long */
};

/* Text longer than this (about four pages of body text, far more than any
 * real paragraph) is laid out in pieces: Pango's line breaking costs the
 * square of a paragraph's length (a 400 KB paragraph took 10 s, 3 MB more
 * than five minutes), and one layout holds the whole paragraph in memory. */
#define CHUNK_BYTES (16 << 10)

static void lay_out(TS *ts, Unit *u, const char *text, int len, PangoAttrList *attrs,
                    const PangoFontDescription *fd, int flags, gboolean justify_last);
static Unit *chunked_units(TS *ts, Unit *u, GString *text, PangoAttrList *attrs,
                           const PangoFontDescription *fd, int flags);

/* The ruby bases of a unit, whose glyphs keep the spacing their readings
 * gave them (hk_compose_lines). */
static HkComposeKeep ruby_keep(const Unit *u)
{
    int *r = g_new(int, 2 * u->rubies->len + 1);
    for (guint i = 0; i < u->rubies->len; i++) {
        r[2 * i] = g_array_index(u->rubies, RubyRange, i).start;
        r[2 * i + 1] = g_array_index(u->rubies, RubyRange, i).end;
    }
    return (HkComposeKeep){r, (int)u->rubies->len};
}

/* Lays out one text block. `inlines` or `plain` gives the text; `width`
 * < 0 means unwrapped (labels). */
static Unit *text_unit(TS *ts, const HkTextStyle *style, const GPtrArray *inlines,
                       const char *plain, const HkBlock *block, double x, double width, int flags)
{
    gboolean verbatim = (flags & TU_VERBATIM) != 0;
    const HkPageStyle *st = ts->st;
    Unit *u = unit_new(U_TEXT);
    u->style = style;
    u->block = block;
    u->x = x;
    u->width = width;
    u->before = style->before * style->size;
    u->after = style->after * style->size;
    u->rubies = g_array_new(FALSE, TRUE, sizeof(RubyRange));
    g_array_set_clear_func(u->rubies, ruby_clear);
    u->links = g_array_new(FALSE, TRUE, sizeof(LinkRange));
    g_array_set_clear_func(u->links, link_clear);

    Build b = {g_string_new(NULL), pango_attr_list_new(), u->rubies, u->links, st};
    add_attr(b.attrs, colour_attr(style->rgb), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
    if (inlines)
        build_inlines(&b, inlines);
    else
        g_string_append(b.text, plain ? plain : "");
    add_extra_ruby(ts, block, inlines, plain, &b);
    g_array_sort(u->rubies, cmp_ruby);
    if (!verbatim)
        add_kinsoku(b.attrs, b.text->str, st->no_start, st->no_end);

    PangoFontDescription *fd = font_desc(style->family, style->bold, style->size);
    double rsize = MAX(style->size * st->ruby_scale, st->ruby_min);
    u->ruby_font = font_desc(style->family, style->bold, rsize);
    int asc, desc;
    hk_font_metrics_get(ts->metrics, u->ruby_font, &asc, &desc);
    u->ruby_h = PT(asc + desc);
    hk_font_metrics_get(ts->metrics, fd, &asc, NULL);
    u->base_asc = PT(asc);
    if (!verbatim && width > 0 && ts->phrases)
        hk_phrases_keep(ts->phrases,
                        inlines ? (const void *)block
                        : block ? NULL
                                : plain,
                        b.attrs, ts->ctx, fd, b.text->str, (int)b.text->len,
                        width - (flags & TU_INDENT ? style->indent * style->size : 0));

    /* A ruby base never breaks, and is spaced out where its reading is
     * wider (a one-kanji word with a three-kana reading). */
    for (guint i = 0; i < u->rubies->len; i++) {
        RubyRange *r = &g_array_index(u->rubies, RubyRange, i);
        add_attr(b.attrs, pango_attr_allow_breaks_new(FALSE), r->start, r->end);
        const char *base = b.text->str + r->start;
        glong nchars = g_utf8_strlen(base, r->end - r->start);
        double bw = text_width(ts->layouts, fd, base, r->end - r->start);
        double extra = 0;
        if (r->parts) {
            double cw = nchars ? bw / nchars : bw;
            for (int k = 0; r->parts[k]; k++)
                extra = MAX(extra, text_width(ts->layouts, u->ruby_font, r->parts[k], -1) - cw);
        } else if (nchars > 0) {
            /* A reading wider than its base reaches over the kana on
             * either side, up to the layout's overhang; only what remains
             * spaces the base out (JIS X 4051 ルビの掛け). */
            double need = text_width(ts->layouts, u->ruby_font, r->reading, -1) - bw;
            const char *before = r->start > 0 ? g_utf8_prev_char(base) : NULL;
            /* never past half the kana, which a reading on its other
             * side may be reaching over too */
            double cap = MIN(st->ruby_overhang * rsize, style->size / 2);
            double cap_l = can_overhang(b.text->str, (int)b.text->len, u->rubies,
                                        before ? (int)(before - b.text->str) : -1)
                               ? cap
                               : 0;
            double cap_r = can_overhang(b.text->str, (int)b.text->len, u->rubies, r->end) ? cap : 0;
            double half = MAX(need, 0) / 2;
            double ol = MIN(cap_l, half), orr = MIN(cap_r, half);
            double rest = MAX(need, 0) - ol - orr;
            double more = MIN(cap_l - ol, rest);
            ol += more;
            rest -= more;
            more = MIN(cap_r - orr, rest);
            orr += more;
            rest -= more;
            r->shift = (orr - ol) / 2;
            hk_ruby_keep_overhang(b.attrs, b.text->str, (int)b.text->len, r->start, r->end, ol,
                                  orr);
            extra = rest / nchars;
        }
        if (extra > 0)
            add_attr(b.attrs, pango_attr_letter_spacing_new(PU(extra)), r->start, r->end);
    }

    if (!verbatim) {
        HkComposeKeep keep = ruby_keep(u);
        hk_compose_attrs(st->compose, b.text->str, (int)b.text->len, b.attrs, style->family,
                         style->size, &keep);
        g_free((int *)keep.ranges);
    }

    Unit *first = u;
    if (width > 0 && !(flags & TU_ONE_LINE) && b.text->len > CHUNK_BYTES)
        first = chunked_units(ts, u, b.text, b.attrs, fd, flags);
    else
        lay_out(ts, u, b.text->str, (int)b.text->len, b.attrs, fd, flags, FALSE);
    pango_attr_list_unref(b.attrs);
    g_string_free(b.text, TRUE);
    pango_font_description_free(fd);
    return first;
}

/* Lays out `text` into `u` and measures its lines. */
static void lay_out(TS *ts, Unit *u, const char *text, int len, PangoAttrList *attrs,
                    const PangoFontDescription *fd, int flags, gboolean justify_last)
{
    gboolean first_indent = (flags & TU_INDENT) != 0;
    gboolean verbatim = (flags & TU_VERBATIM) != 0;
    const HkPageStyle *st = ts->st;
    const HkTextStyle *style = u->style;
    double width = u->width;
    double rsize = MAX(style->size * st->ruby_scale, st->ruby_min);
    PangoLayout *l = pango_layout_new(ts->ctx);
    pango_layout_set_font_description(l, fd);
    if (width > 0) {
        pango_layout_set_width(l, PU(width));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        /* with a composition table, hk_compose_lines justifies */
        pango_layout_set_justify(l, style->justify && !verbatim && !st->compose);
        pango_layout_set_alignment(l, style->align == HK_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                      : style->align == HK_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                       : PANGO_ALIGN_LEFT);
    }
    if (first_indent)
        pango_layout_set_indent(l, PU(style->indent * style->size));
    if (flags & TU_ONE_LINE)
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    if (justify_last && style->justify && !verbatim)
        pango_layout_set_justify_last_line(l, TRUE);
    pango_layout_set_text(l, text, len);
    pango_layout_set_attributes(l, attrs);
    u->layout = l;
    if (!verbatim) {
        HkComposeKeep keep = ruby_keep(u);
        hk_compose_lines(st->compose, l, style->justify, justify_last, &keep);
        /* each round may let the lines after a tightened one take more */
        for (int round = 0; style->justify && round < 2; round++) {
            PangoAttrList *tighter = hk_compose_pull_up(st->compose, l, &keep);
            if (!tighter)
                break;
            pango_layout_set_attributes(l, tighter);
            pango_attr_list_unref(tighter);
            hk_compose_lines(st->compose, l, style->justify, justify_last, &keep);
        }
        g_free((int *)keep.ranges);
    }

    u->nlines = pango_layout_get_line_count(l);
    u->line_x = g_new0(double, u->nlines);
    u->line_h = g_new0(double, u->nlines);
    u->line_base = g_new0(double, u->nlines);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    int i = 0;
    do {
        PangoRectangle logical, lr;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        pango_layout_line_get_extents(line, NULL, &lr);
        double asc = -PT(lr.y), h = PT(lr.height);
        double pitch = MAX(style->size * style->leading, h);
        double extra = 0;
        if (line_has_ruby(u, line)) {
            double need = u->ruby_h + st->ruby_gap * rsize;
            /* Ruby sits in the leading above the line (half of ours, half
             * of the line before); more is made only where it is short. */
            extra = MAX(0, need - (pitch - h));
        }
        u->line_x[i] = PT(logical.x);
        u->line_h[i] = pitch + extra;
        u->line_base[i] = extra + (pitch - h) / 2 + asc;
        i++;
    } while (pango_layout_iter_next_line(it) && i < u->nlines);
    pango_layout_iter_free(it);
}

/* The part [s, e) of a text as a unit of its own, with its ruby, links and
 * attributes moved to start at 0. `active` holds the attributes that may
 * overlap the part; `ruby_lo` and `link_lo` are the first ruby and link
 * that may (both lists are sorted and do not overlap, so their ends are
 * sorted too). */
static Unit *piece_unit(TS *ts, const Unit *u, const char *text, int s, int e,
                        const GPtrArray *active, guint *ruby_lo, guint *link_lo,
                        const PangoFontDescription *fd, int flags, gboolean justify_last)
{
    Unit *c = unit_new(U_TEXT);
    c->style = u->style;
    c->block = u->block;
    c->x = u->x;
    c->width = u->width;
    c->before = s == 0 ? u->before : 0;
    c->after = u->after;
    c->ruby_font = pango_font_description_copy(u->ruby_font);
    c->ruby_h = u->ruby_h;
    c->base_asc = u->base_asc;
    c->cont_before = s > 0;
    c->rubies = g_array_new(FALSE, TRUE, sizeof(RubyRange));
    g_array_set_clear_func(c->rubies, ruby_clear);
    c->links = g_array_new(FALSE, TRUE, sizeof(LinkRange));
    g_array_set_clear_func(c->links, link_clear);
    while (*ruby_lo < u->rubies->len && g_array_index(u->rubies, RubyRange, *ruby_lo).end <= s)
        (*ruby_lo)++;
    for (guint i = *ruby_lo; i < u->rubies->len; i++) {
        const RubyRange *r = &g_array_index(u->rubies, RubyRange, i);
        if (r->start >= e)
            break;
        if (r->start < s || r->end > e)
            continue; /* a ruby base never breaks, so a part never cuts one */
        RubyRange rr = {r->start - s, r->end - s, g_strdup(r->reading), g_strdupv(r->parts),
                        r->shift};
        g_array_append_val(c->rubies, rr);
    }
    while (*link_lo < u->links->len && g_array_index(u->links, LinkRange, *link_lo).end <= s)
        (*link_lo)++;
    for (guint i = *link_lo; i < u->links->len; i++) {
        const LinkRange *l = &g_array_index(u->links, LinkRange, i);
        if (l->start >= e)
            break;
        LinkRange lr = {MAX(l->start, s) - s, MIN(l->end, e) - s, g_strdup(l->url)};
        g_array_append_val(c->links, lr);
    }
    PangoAttrList *attrs = pango_attr_list_new();
    for (guint i = 0; i < active->len; i++) {
        const PangoAttribute *a = g_ptr_array_index(active, i);
        if (a->end_index <= (guint)s || a->start_index >= (guint)e)
            continue;
        PangoAttribute *k = pango_attribute_copy(a);
        k->start_index = MAX(a->start_index, (guint)s) - (guint)s;
        k->end_index = MIN(a->end_index, (guint)e) - (guint)s;
        pango_attr_list_insert(attrs, k);
    }
    lay_out(ts, c, text + s, e - s, attrs, fd, s == 0 ? flags : flags & ~TU_INDENT, justify_last);
    pango_attr_list_unref(attrs);
    return c;
}

static int cmp_attr_start(gconstpointer a, gconstpointer b)
{
    const PangoAttribute *x = *(PangoAttribute *const *)a, *y = *(PangoAttribute *const *)b;
    return x->start_index < y->start_index ? -1 : x->start_index > y->start_index;
}

/* A long text as a chain of units of about CHUNK_BYTES each, that break
 * into the same lines as one layout would: each piece is laid out, its
 * last two lines are dropped (a line's breaks may depend on a few
 * characters after it, never on a whole line) and the kept text is laid
 * out again on its own, its last line justified like any line inside a
 * paragraph; the next piece starts where the first dropped line did. Cost
 * and memory stay linear in the text's length. `u` (the first piece's
 * template) is consumed. */
static Unit *chunked_units(TS *ts, Unit *u, GString *text, PangoAttrList *attrs,
                           const PangoFontDescription *fd, int flags)
{
    GPtrArray *all = g_ptr_array_new_with_free_func((GDestroyNotify)pango_attribute_destroy);
    GSList *list = pango_attr_list_get_attributes(attrs);
    for (GSList *l = list; l; l = l->next)
        g_ptr_array_add(all, l->data);
    g_slist_free(list);
    g_ptr_array_sort(all, cmp_attr_start);
    GPtrArray *active = g_ptr_array_new();
    guint next = 0, ruby_lo = 0, link_lo = 0;
    int len = (int)text->len;
    Unit *head = NULL, *tail = NULL;
    for (int s = 0; s < len;) {
        int e = MIN(len, s + CHUNK_BYTES);
        while (e < len && e > s && (text->str[e] & 0xC0) == 0x80)
            e--; /* a character boundary */
        guint keep = 0;
        for (guint i = 0; i < active->len; i++) {
            PangoAttribute *a = g_ptr_array_index(active, i);
            if (a->end_index > (guint)s)
                g_ptr_array_index(active, keep++) = a;
        }
        g_ptr_array_set_size(active, keep);
        for (; next < all->len &&
               ((PangoAttribute *)g_ptr_array_index(all, next))->start_index < (guint)e;
             next++)
            g_ptr_array_add(active, g_ptr_array_index(all, next));
        guint r0 = ruby_lo, l0 = link_lo;
        Unit *c = piece_unit(ts, u, text->str, s, e, active, &ruby_lo, &link_lo, fd, flags, FALSE);
        int cut = e;
        if (e < len) {
            if (c->nlines >= 3)
                cut = s + pango_layout_get_line_readonly(c->layout, c->nlines - 2)->start_index;
            unit_free(c);
            ruby_lo = r0;
            link_lo = l0;
            c = piece_unit(ts, u, text->str, s, cut, active, &ruby_lo, &link_lo, fd, flags, TRUE);
            c->cont_after = TRUE;
        }
        if (tail)
            tail->next = c;
        else
            head = c;
        tail = c;
        s = cut;
    }
    g_ptr_array_unref(active);
    g_ptr_array_unref(all);
    unit_free(u);
    return head;
}

/* ---------- document walk ---------- */

static void pre_add(TS *ts, PreKind kind, HkRole role, const char *attr, Unit *u)
{
    Pre p = {kind, role, g_strdup(attr), u};
    g_array_append_val(ts->pre, p);
}

/* A unit that takes rows anchors the labels waiting for one. */
static void anchor_labels(TS *ts, Unit *u)
{
    for (guint i = 0; i < ts->pending_labels->len; i++)
        ((Unit *)g_ptr_array_index(ts->pending_labels, i))->anchor = u;
    g_ptr_array_set_size(ts->pending_labels, 0);
}

static void place_rows(TS *ts, Unit *u);
static void emit_ready(TS *ts);

/* Hands `u` over to page breaking; what can be emitted is emitted. A text
 * laid out in pieces comes as a chain (chunked_units): what the caller set
 * on the first piece applies to the whole, the space and the keep after it
 * to the last piece. */
static void add_unit(TS *ts, Unit *u)
{
    Unit *last = u;
    while (last->next)
        last = last->next;
    for (Unit *c = u->next; c; c = c->next) {
        c->keep_together = u->keep_together;
        c->level = u->level;
    }
    if (last != u) {
        last->after = u->after;
        last->keep_with_next = u->keep_with_next;
        last->keep_as_label = u->keep_as_label;
        for (Unit *c = u; c != last; c = c->next) {
            c->after = 0;
            c->keep_with_next = FALSE;
            c->keep_as_label = FALSE;
        }
    }
    while (u) {
        Unit *next = u->next;
        u->next = NULL;
        anchor_labels(ts, u);
        pre_add(ts, P_UNIT, 0, NULL, u);
        place_rows(ts, u);
        emit_ready(ts); /* may free u */
        u = next;
    }
}

static void walk_blocks(TS *ts, const GPtrArray *blocks, double x, double width, gboolean in_item);

static void walk_heading(TS *ts, const HkBlock *b, double x, double width)
{
    int level = CLAMP(b->level, 1, HK_HEADING_LEVELS);
    const HkTextStyle *style = &ts->st->heading[level - 1];
    int tag = hk_heading_tag(&ts->outline, level);
    gboolean turn = ts->turn_page;
    ts->turn_page = FALSE;
    Unit *u = text_unit(ts, style, b->inlines, NULL, b, x, width, TU_INDENT);
    u->keep_with_next = TRUE;
    u->keep_together = TRUE;
    u->level = tag;
    u->new_page = turn;
    pre_add(ts, P_BEGIN, HK_ROLE_H1 + tag - 1, NULL, NULL);
    char *text = hk_inlines_text(b->inlines);
    pre_add(ts, P_BOOKMARK, 0, text, u);
    g_free(text);
    add_unit(ts, u);
    pre_add(ts, P_END, 0, NULL, NULL);
}

/* Reads the PNG signature and the size from the IHDR chunk, which a PNG
 * file must start with; FALSE if the file is not a PNG. */
static gboolean png_size(const char *path, guint32 *w, guint32 *h)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char head[24] = {0};
    FILE *fp = fopen(path, "rb");
    size_t got = fp ? fread(head, 1, sizeof head, fp) : 0;
    if (fp)
        fclose(fp);
    if (got < sizeof sig || memcmp(head, sig, sizeof sig))
        return FALSE;
    *w = *h = 0;
    if (got == sizeof head && !memcmp(head + 12, "IHDR", 4)) {
        *w = (guint32)head[16] << 24 | (guint32)head[17] << 16 | (guint32)head[18] << 8 | head[19];
        *h = (guint32)head[20] << 24 | (guint32)head[21] << 16 | (guint32)head[22] << 8 | head[23];
    }
    return TRUE;
}

static void walk_figure(TS *ts, const HkBlock *b, double x, double width)
{
    const HkPageStyle *st = ts->st;
    /* Cairo reports a file that is not a PNG as "out of memory"; look at
     * the signature first so the message says what is wrong. The size is
     * checked before decoding: a small file can hold a 20000 x 20000 image,
     * which Cairo would decode into 1.6 GB. */
    guint32 pw = 0, ph = 0;
    gboolean png = png_size(b->path, &pw, &ph);
    double mpx = (double)pw * ph / 1e6;
    if (png && mpx > st->image_max_mpx) {
        if (ts->ok)
            hk_set_error_at(ts->error, HK_ERROR_INPUT, ts->doc->path, b->line, b->col,
                            "image '%s' is %" G_GUINT32_FORMAT " x %" G_GUINT32_FORMAT
                            " pixels (%.1f million), more than the layout's "
                            "[figure] max_megapixels = %g",
                            b->src, pw, ph, mpx, st->image_max_mpx);
        ts->ok = FALSE;
        return;
    }
    cairo_surface_t *img = NULL;
    if (png)
        img = cairo_image_surface_create_from_png(b->path);
    if (!img || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        if (ts->ok)
            hk_set_error_at(ts->error, HK_ERROR_INPUT, ts->doc->path, b->line, b->col,
                            img ? "image '%s' is a damaged PNG file"
                                : "image '%s' is not a PNG file (only PNG images are supported)",
                            b->src);
        ts->ok = FALSE;
        if (img)
            cairo_surface_destroy(img);
        return;
    }
    double w = cairo_image_surface_get_width(img) * 72.0 / st->image_dpi;
    double h = cairo_image_surface_get_height(img) * 72.0 / st->image_dpi;
    cairo_surface_destroy(img);
    double scale = MIN(1.0, MIN(width / w, MIN(st->figure_max_h, ts->bottom - ts->top) / h));
    Unit *u = unit_new(U_FIGURE);
    u->block = b;
    u->img_w = w * scale;
    u->img_h = h * scale;
    u->x = x + (width - u->img_w) / 2;
    u->width = u->img_w;
    u->before = u->after = st->body.size;
    pre_add(ts, P_BEGIN, HK_ROLE_FIGURE, b->alt, NULL);
    add_unit(ts, u);
    pre_add(ts, P_END, 0, NULL, NULL);
}

/* Where a block of width `w` wanting to start at `x` starts so that it
 * ends inside the measure, where it can (as normal nesting always does). */
static double inside_measure(const TS *ts, double x, double w)
{
    double right = ts->left + ts->measure;
    return x + w > right ? MAX(ts->left, right - w) : x;
}

static void walk_list(TS *ts, const HkBlock *list, double x, double width)
{
    const HkPageStyle *st = ts->st;
    guint n = list->children->len;
    char **labels = g_new0(char *, n + 1);
    double maxw = 0;
    PangoFontDescription *fd = font_desc(st->label.family, st->label.bold, st->label.size);
    for (guint i = 0; i < n; i++) {
        labels[i] = list->ordered ? g_strdup_printf("%d%s", list->start + (int)i, st->number_suffix)
                                  : g_strdup(st->bullet);
        maxw = MAX(maxw, text_width(ts->layouts, fd, labels[i], -1));
    }
    pango_font_description_free(fd);
    double gap = st->list_gap * st->body.size;
    double hang = MAX(st->list_indent * st->body.size, maxw + gap);
    /* On a page of whole characters an item's body starts on the body's
     * character grid: a measure a fraction of an em short would spread
     * every justified line of the item by that fraction (JLREQ 4.1: the
     * line length is a whole number of characters). */
    if (st->whole_chars)
        hang = ceil(hang / st->body.size - 1e-6) * st->body.size;
    /* Deep nesting would leave no measure at all: an item's body keeps a
     * few characters' width, as a quote does, and stays inside the
     * measure (Cairo drops what is drawn off the page, and its structure
     * tags with it). */
    double body_w = MAX(width - hang, 4 * st->body.size);
    double body_x = inside_measure(ts, x + hang, body_w);
    pre_add(ts, P_BEGIN, HK_ROLE_L, NULL, NULL);
    for (guint i = 0; i < n; i++) {
        const HkBlock *item = g_ptr_array_index(list->children, i);
        pre_add(ts, P_BEGIN, HK_ROLE_LI, NULL, NULL);
        pre_add(ts, P_BEGIN, HK_ROLE_LBL, NULL, NULL);
        Unit *lab = text_unit(ts, &st->label, NULL, labels[i], item, 0, -1, TU_VERBATIM);
        /* Labels stand right-aligned in the hanging indent. */
        PangoRectangle r;
        pango_layout_get_extents(lab->layout, NULL, &r);
        double lw = PT(r.width);
        lab->x = body_x - gap - lw;
        lab->is_label = TRUE;
        g_ptr_array_add(ts->pending_labels, lab);
        pre_add(ts, P_LABEL, 0, NULL, lab);
        pre_add(ts, P_END, 0, NULL, NULL);
        pre_add(ts, P_BEGIN, HK_ROLE_LBODY, NULL, NULL);
        if (item->children && item->children->len) {
            walk_blocks(ts, item->children, body_x, body_w, TRUE);
        } else {
            pre_add(ts, P_BEGIN, HK_ROLE_P, NULL, NULL);
            Unit *u = text_unit(ts, &st->body, NULL, "", item, body_x, body_w, 0);
            u->before = st->item_space * st->body.size;
            u->after = 0;
            add_unit(ts, u);
            pre_add(ts, P_END, 0, NULL, NULL);
        }
        pre_add(ts, P_END, 0, NULL, NULL);
        pre_add(ts, P_END, 0, NULL, NULL);
    }
    pre_add(ts, P_END, 0, NULL, NULL);
    g_strfreev(labels);
    /* Items are set tight; the list as a whole is spaced like a paragraph.
     * The last unit added is still alive: it has the last rows, which no
     * page break has passed yet. */
    if (ts->last)
        ts->last->after = MAX(ts->last->after, st->body.after * st->body.size);
}

static void walk_blocks(TS *ts, const GPtrArray *blocks, double x, double width, gboolean in_item)
{
    const HkPageStyle *st = ts->st;
    /* The source reader bounds nesting (HK_DOCUMENT_MAX_DEPTH); a model
     * built any other way is bounded here too, each level of the walk
     * (a list, its item, a quote) counted. */
    if (++ts->depth > 3 * HK_DOCUMENT_MAX_DEPTH) {
        if (ts->ok)
            hk_set_error_at(ts->error, HK_ERROR_INPUT, ts->doc->path, 1, 1,
                            "nesting deeper than %d levels", HK_DOCUMENT_MAX_DEPTH);
        ts->ok = FALSE;
    }
    for (guint i = 0; blocks && i < blocks->len && ts->ok; i++) {
        const HkBlock *b = g_ptr_array_index(blocks, i);
        switch (b->kind) {
        case HK_BLOCK_HEADING:
            walk_heading(ts, b, x, width);
            break;
        case HK_BLOCK_PARAGRAPH: {
            pre_add(ts, P_BEGIN, HK_ROLE_P, NULL, NULL);
            Unit *u =
                text_unit(ts, &st->body, b->inlines, NULL, b, x, width, in_item ? 0 : TU_INDENT);
            u->keep_as_label =
                hk_keep_is_label(b, i + 1 < blocks->len ? g_ptr_array_index(blocks, i + 1) : NULL,
                                 in_item && i == 0, st->keep_label_endings);
            if (hk_keep_turns_page(b, st->keep_next_page_phrases))
                ts->turn_page = TRUE;
            if (in_item) {
                u->before = st->item_space * st->body.size;
                u->after = 0;
            }
            add_unit(ts, u);
            pre_add(ts, P_END, 0, NULL, NULL);
            break;
        }
        case HK_BLOCK_LIST:
            walk_list(ts, b, x, width);
            break;
        case HK_BLOCK_ITEM:
            walk_blocks(ts, b->children, x, width, TRUE);
            break;
        case HK_BLOCK_FIGURE:
            walk_figure(ts, b, x, width);
            break;
        case HK_BLOCK_QUOTE: {
            double q = st->quote_indent * st->body.size;
            pre_add(ts, P_BEGIN, HK_ROLE_BLOCKQUOTE, NULL, NULL);
            double qw = MAX(width - 2 * q, 10 * st->body.size);
            walk_blocks(ts, b->children, inside_measure(ts, x + q, qw), qw, in_item);
            pre_add(ts, P_END, 0, NULL, NULL);
            break;
        }
        case HK_BLOCK_CODE: {
            char *t = g_strdup(b->text ? b->text : "");
            g_strchomp(t);
            pre_add(ts, P_BEGIN, HK_ROLE_P, NULL, NULL);
            add_unit(ts, text_unit(ts, &st->code, NULL, t, b, x, width, TU_VERBATIM));
            pre_add(ts, P_END, 0, NULL, NULL);
            g_free(t);
            break;
        }
        case HK_BLOCK_BREAK: {
            Unit *u = unit_new(U_RULE);
            u->block = b;
            u->x = x;
            u->width = width;
            u->before = u->after = st->body.size * 0.5;
            add_unit(ts, u);
            break;
        }
        }
    }
    ts->depth--;
}

static void walk_title(TS *ts)
{
    const HkPageStyle *st = ts->st;
    const HkDocument *doc = ts->doc;
    if (!doc->title)
        return;
    Unit *u = text_unit(ts, &st->title, NULL, doc->title, NULL, ts->left, ts->measure, 0);
    u->keep_with_next = TRUE;
    u->keep_together = TRUE;
    u->level = 1;
    pre_add(ts, P_BEGIN, HK_ROLE_H1, NULL, NULL);
    pre_add(ts, P_BOOKMARK, 0, doc->title, u);
    add_unit(ts, u);
    pre_add(ts, P_END, 0, NULL, NULL);
    const char *date = hk_document_date(doc, st->date_style);
    struct {
        const char *text;
        const HkTextStyle *style;
    } rest[] = {{doc->subtitle, &st->subtitle}, {doc->organization, &st->meta}, {date, &st->meta}};
    for (size_t i = 0; i < G_N_ELEMENTS(rest); i++) {
        if (!rest[i].text || !*rest[i].text)
            continue;
        pre_add(ts, P_BEGIN, HK_ROLE_P, NULL, NULL);
        u = text_unit(ts, rest[i].style, NULL, rest[i].text, NULL, ts->left, ts->measure, 0);
        u->keep_with_next = TRUE;
        u->keep_together = TRUE;
        add_unit(ts, u);
        pre_add(ts, P_END, 0, NULL, NULL);
    }
}

/* ---------- page breaking ---------- */

static Row *row_at(TS *ts, int r)
{
    return hk_pages_row(&ts->pages, r);
}

/* How line j of the n lines of `u` is held to the row before it. A
 * heading's own lines, the first line after a heading or a label, and a
 * paragraph's last lines (a widow: one line carried over alone to the top
 * of a page) are held always; the further lines kept with a heading or a
 * label, and a paragraph's first lines at a page's foot (an orphan), give
 * way where keeping them would leave too much of the page empty. */
static HkKeep row_keep(const TS *ts, const Unit *u, int j, int n)
{
    const HkPageStyle *st = ts->st;
    if (j == 0)
        return ts->glue > 0 ? HK_KEEP_HARD : HK_KEEP_NONE;
    if (u->keep_together || (!u->cont_after && n - j < st->widows))
        return HK_KEEP_HARD;
    if (j < ts->glue || (!u->cont_before && j < st->orphans))
        return HK_KEEP_SOFT;
    return HK_KEEP_NONE;
}

/* The rows of a unit just added, then page breaking as far as they go. */
static void place_rows(TS *ts, Unit *u)
{
    const HkPageStyle *st = ts->st;
    int n = u->kind == U_TEXT ? u->nlines : 1;
    /* read now, not when the previous unit was added: a list that ended
     * since has widened it */
    double prev_after = ts->last ? ts->last->after : 0;
    u->first_row = hk_pages_end(&ts->pages);
    u->nrows = n;
    for (int j = 0; j < n; j++) {
        Row r = {0};
        r.h = u->kind == U_TEXT     ? u->line_h[j]
              : u->kind == U_FIGURE ? u->img_h
                                    : st->body.size * st->body.leading;
        r.before = j == 0 ? MAX(prev_after, u->before) : 0;
        r.keep = row_keep(ts, u, j, n);
        r.new_page = j == 0 && u->new_page;
        hk_pages_add(&ts->pages, &r);
    }
    ts->glue = u->keep_with_next  ? MAX(1, MIN(st->keep_heading_lines, 1000))
               : u->keep_as_label ? st->keep_label_lines
                                  : 0;
    ts->last = u;
}

/* Are the pages of rows [first, first + n) of the unit known for good? */
static gboolean rows_final(const TS *ts, const Unit *u, int n)
{
    return ts->done || (u && u->first_row >= 0 && u->first_row + n <= hk_pages_final(&ts->pages));
}

/* ---------- emission ---------- */

static void op_clear(HkOp *op)
{
    if (op->layout)
        g_object_unref(op->layout);
    g_free(op->attr);
    g_free(op->path);
    g_free(op->text);
    memset(op, 0, sizeof *op);
}

/* Hands `op` to the sink and releases what it holds. */
static void op_sink(TS *ts, HkOp *op)
{
    if (ts->ok && !ts->sink(op, ts->sink_data, ts->error))
        ts->ok = FALSE;
    op_clear(op);
}

static void emit_furniture(TS *ts, int page);

/* Sends `op`, after the furniture of the pages before its own: those pages
 * are complete, since operations come in page order. */
static void op_send(TS *ts, HkOp *op)
{
    if (op->kind != HK_OP_BEGIN && op->kind != HK_OP_END)
        for (; ts->furn_next < op->page && ts->ok; ts->furn_next++)
            emit_furniture(ts, ts->furn_next);
    op_sink(ts, op);
}

static void op_flush(TS *ts)
{
    if (ts->has_staged) {
        ts->has_staged = FALSE;
        op_send(ts, &ts->staged);
    }
}

/* A new operation to fill in; it is sent when the next one is added. */
static HkOp *op_add(TS *ts, HkOpKind kind, int page)
{
    op_flush(ts);
    memset(&ts->staged, 0, sizeof ts->staged);
    ts->staged.kind = kind;
    ts->staged.page = page;
    ts->has_staged = TRUE;
    return &ts->staged;
}

static void op_begin(TS *ts, HkRole role, const char *attr)
{
    HkOp *op = op_add(ts, HK_OP_BEGIN, 0);
    op->role = role;
    op->attr = g_strdup(attr);
}

static void op_end(TS *ts)
{
    op_add(ts, HK_OP_END, 0);
}

static const Row *unit_row(TS *ts, const Unit *u, int line)
{
    return row_at(ts, u->first_row + line);
}

/* Lines are walked as a list: pango_layout_get_line_readonly(n) walks it
 * from the start each time. */
static gboolean range_visible(const Unit *u, int s, int e)
{
    GSList *lines = pango_layout_get_lines_readonly(u->layout);
    for (int l = 0; lines && l < u->nlines; l++, lines = lines->next) {
        PangoLayoutLine *line = lines->data;
        if (MAX(s, line->start_index) < MIN(e, line->start_index + line->length))
            return TRUE;
    }
    return FALSE;
}

static void emit_text(TS *ts, const Unit *u, int s, int e)
{
    GSList *lines = pango_layout_get_lines_readonly(u->layout);
    for (int l = 0; lines && l < u->nlines; l++, lines = lines->next) {
        PangoLayoutLine *line = lines->data;
        int a = MAX(s, line->start_index), b = MIN(e, line->start_index + line->length);
        if (a >= b)
            continue;
        const Row *row = unit_row(ts, u, l);
        HkOp *op = op_add(ts, HK_OP_TEXT, row->page);
        op->layout = g_object_ref(u->layout);
        op->line = l;
        op->start = a;
        op->end = b;
        op->x = u->x + u->line_x[l];
        op->y = row->top + u->line_base[l];
    }
}

static void emit_span(TS *ts, const Unit *u, int s, int e, const char *lang)
{
    if (s >= e || !range_visible(u, s, e))
        return;
    op_begin(ts, HK_ROLE_SPAN, lang);
    emit_text(ts, u, s, e);
    op_end(ts);
}

/* Latin-script words get a Span in their own language (langspan.h). */
static void emit_plain(TS *ts, const Unit *u, int s, int e, gboolean wrap)
{
    if (s >= e || !range_visible(u, s, e))
        return;
    if (!wrap) {
        emit_text(ts, u, s, e);
        return;
    }
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(HkLangRun));
    hk_lang_latin_runs(pango_layout_get_text(u->layout), s, e, runs);
    int pos = s;
    for (guint i = 0; i < runs->len; i++) {
        const HkLangRun *r = &g_array_index(runs, HkLangRun, i);
        emit_span(ts, u, pos, r->start, NULL);
        emit_span(ts, u, r->start, r->end, HK_LANG_LATIN);
        pos = r->end;
    }
    emit_span(ts, u, pos, e, NULL);
    g_array_unref(runs);
}

static void ruby_outline(TS *ts, const Unit *u, const char *text, double cx, double top, int page)
{
    PangoLayout *l = g_object_ref(hk_layout_cache_get(ts->layouts, u->ruby_font, text, -1));
    PangoRectangle r;
    pango_layout_get_extents(l, NULL, &r);
    HkOp *op = op_add(ts, HK_OP_OUTLINE, page);
    op->layout = l;
    op->x = cx - PT(r.width) / 2;
    /* A reading that overhangs at the edge of the measure stays inside it. */
    if (u->width > 0)
        op->x = MAX(u->x, MIN(op->x, u->x + u->width - PT(r.width)));
    op->y = top;
    memcpy(op->rgb, u->style->rgb, sizeof op->rgb);
}

static void emit_ruby(TS *ts, const Unit *u, const RubyRange *r)
{
    op_begin(ts, HK_ROLE_RUBY, NULL);
    op_begin(ts, HK_ROLE_RB, NULL);
    emit_text(ts, u, r->start, r->end);
    op_end(ts);
    op_begin(ts, HK_ROLE_RT, r->reading);
    const char *text = pango_layout_get_text(u->layout);
    GSList *lines = pango_layout_get_lines_readonly(u->layout);
    for (int l = 0; lines && l < u->nlines; l++, lines = lines->next) {
        PangoLayoutLine *line = lines->data;
        int ls = line->start_index, le = ls + line->length;
        if (r->start < ls || r->start >= le)
            continue;
        const Row *row = unit_row(ts, u, l);
        double bx = u->x + u->line_x[l];
        double baseline = row->top + u->line_base[l];
        double rsize = pango_font_description_get_size(u->ruby_font) / (double)PANGO_SCALE;
        double top = baseline - u->base_asc - ts->st->ruby_gap * rsize - u->ruby_h;
        int end = MIN(r->end, le);
        if (r->parts) {
            const char *p = text + r->start;
            for (int k = 0; r->parts[k] && p < text + end; k++, p = g_utf8_next_char(p)) {
                int x0, x1;
                pango_layout_line_index_to_x(line, (int)(p - text), FALSE, &x0);
                pango_layout_line_index_to_x(line, (int)(p - text), TRUE, &x1);
                ruby_outline(ts, u, r->parts[k], bx + PT(x0 + x1) / 2, top, row->page);
            }
        } else {
            int x0, x1;
            const char *last = g_utf8_prev_char(text + end);
            pango_layout_line_index_to_x(line, r->start, FALSE, &x0);
            pango_layout_line_index_to_x(line, (int)(last - text), TRUE, &x1);
            ruby_outline(ts, u, r->reading, bx + PT(x0 + x1) / 2 + r->shift, top, row->page);
        }
        break;
    }
    op_end(ts);
    op_end(ts);
}

typedef struct {
    int start, end;
    const LinkRange *link;
    const RubyRange *ruby;
} Child;

static int cmp_child(const void *a, const void *b)
{
    return ((const Child *)a)->start - ((const Child *)b)->start;
}

/* Emits [s, e) of a text unit. Inline structure (links, ruby) becomes
 * child elements; an element with children has its own text wrapped in
 * Span, because Cairo only marks the content of leaf elements. */
static void emit_inline_range(TS *ts, const Unit *u, int s, int e, gboolean top)
{
    GArray *children = g_array_new(FALSE, FALSE, sizeof(Child));
    if (top)
        for (guint i = 0; i < u->links->len; i++) {
            const LinkRange *l = &g_array_index(u->links, LinkRange, i);
            Child c = {l->start, l->end, l, NULL};
            g_array_append_val(children, c);
        }
    for (guint i = 0; i < u->rubies->len; i++) {
        const RubyRange *r = &g_array_index(u->rubies, RubyRange, i);
        gboolean in_link = FALSE;
        for (guint j = 0; top && j < u->links->len && !in_link; j++) {
            const LinkRange *l = &g_array_index(u->links, LinkRange, j);
            in_link = r->start >= l->start && r->end <= l->end;
        }
        if (in_link || r->start < s || r->end > e)
            continue;
        Child c = {r->start, r->end, NULL, r};
        g_array_append_val(children, c);
    }
    g_array_sort(children, cmp_child);
    GArray *latin = g_array_new(FALSE, FALSE, sizeof(HkLangRun));
    const char *text = pango_layout_get_text(u->layout);
    gboolean wrap = children->len > 0 || hk_lang_latin_runs(text, s, e, latin) > 0;
    g_array_unref(latin);
    int pos = s;
    for (guint i = 0; i < children->len; i++) {
        const Child *c = &g_array_index(children, Child, i);
        if (c->start < pos) /* overlapping ranges: keep the first */
            continue;
        emit_plain(ts, u, pos, c->start, wrap);
        if (c->link) {
            op_begin(ts, HK_ROLE_LINK, c->link->url);
            emit_inline_range(ts, u, c->start, c->end, FALSE);
            op_end(ts);
        } else {
            emit_ruby(ts, u, c->ruby);
        }
        pos = c->end;
    }
    emit_plain(ts, u, pos, e, wrap);
    g_array_unref(children);
}

static void emit_unit(TS *ts, const Unit *u)
{
    const HkPageStyle *st = ts->st;
    const Row *row = unit_row(ts, u, 0);
    if (u->kind == U_TEXT) {
        emit_inline_range(ts, u, 0, (int)strlen(pango_layout_get_text(u->layout)), TRUE);
    } else if (u->kind == U_FIGURE) {
        HkOp *op = op_add(ts, HK_OP_IMAGE, row->page);
        op->path = g_strdup(u->block->path);
        op->block = u->block;
        op->x = u->x;
        op->y = row->top;
        op->w = u->img_w;
        op->h = u->img_h;
    } else {
        HkOp *op = op_add(ts, HK_OP_RECT, row->page);
        op->artifact = TRUE;
        op->x = u->x;
        op->y = row->top + row->h / 2 - st->rule_width / 2;
        op->w = u->width;
        op->h = st->rule_width;
        memcpy(op->rgb, st->rule_rgb, sizeof op->rgb);
    }
}

static void emit_label(TS *ts, const Unit *lab)
{
    const Unit *a = lab->anchor;
    if (!a || a->first_row < 0 || a->nrows < 1)
        return;
    const Row *row = unit_row(ts, a, 0);
    double baseline = a->kind == U_TEXT ? row->top + a->line_base[0] : row->top + lab->line_base[0];
    HkOp *op = op_add(ts, HK_OP_TEXT, row->page);
    op->layout = g_object_ref(lab->layout);
    op->line = 0;
    op->start = 0;
    op->end = (int)strlen(pango_layout_get_text(lab->layout));
    op->x = lab->x + lab->line_x[0];
    op->y = baseline;
}

static char *expand(const char *tmpl, const char *title, int page)
{
    char *num = g_strdup_printf("%d", page);
    GString *s = g_string_new(NULL);
    for (const char *p = tmpl; *p;) {
        if (g_str_has_prefix(p, "{title}")) {
            g_string_append(s, title);
            p += 7;
        } else if (g_str_has_prefix(p, "{page}")) {
            g_string_append(s, num);
            p += 6;
        } else {
            g_string_append_c(s, *p++);
        }
    }
    g_free(num);
    return g_string_free(s, FALSE);
}

/* Furniture is laid out, sent and freed page by page. */
static void emit_furniture_line(TS *ts, const HkTextStyle *style, const char *text, int page,
                                double baseline)
{
    if (!*text)
        return;
    /* One line shows the start of the text; what cannot fit in it (more
     * characters than an eighth of an em each would fill) is cut before
     * layout, so that a title of megabytes is not laid out on every page. */
    glong fit = (glong)(ts->measure / style->size * 8) + 64;
    char *cut = NULL;
    if (g_utf8_strlen(text, 4 * fit + 4) > fit)
        text = cut = g_strndup(text, g_utf8_offset_to_pointer(text, fit) - text);
    Unit *u = text_unit(ts, style, NULL, text, NULL, ts->left, ts->measure, TU_ONE_LINE);
    g_free(cut);
    HkOp op = {0};
    op.kind = HK_OP_TEXT;
    op.page = page;
    op.artifact = TRUE;
    op.layout = g_object_ref(u->layout);
    PangoLayoutLine *line = pango_layout_get_line_readonly(u->layout, 0);
    op.start = line->start_index;
    op.end = line->start_index + line->length;
    op.x = u->x + u->line_x[0];
    op.y = baseline;
    unit_free(u);
    op_sink(ts, &op);
}

/* The running header and footer of `page` (and the band, on the first). */
static void emit_furniture(TS *ts, int p)
{
    const HkPageStyle *st = ts->st;
    if (p + 1 >= st->header_from_page) {
        char *t = expand(st->header_text, ts->title, p + 1);
        emit_furniture_line(ts, &st->header, t, p, st->header_y);
        g_free(t);
    }
    char *t = expand(st->footer_text, ts->title, p + 1);
    emit_furniture_line(ts, &st->footer, t, p, st->page_h - st->footer_y);
    g_free(t);
    if (p == 0 && st->band_h > 0) {
        HkOp op = {0};
        op.kind = HK_OP_RECT;
        op.artifact = TRUE;
        op.w = st->page_w;
        op.h = st->band_h;
        memcpy(op.rgb, st->band_rgb, sizeof op.rgb);
        op_sink(ts, &op);
    }
}

static Unit *pre_unit(const Pre *p)
{
    return p->kind == P_LABEL ? p->u->anchor : p->u;
}

/* Emits the waiting structure and units, in reading order, as far as their
 * pages are final; frees what has been emitted. */
static void emit_ready(TS *ts)
{
    while (ts->ok && ts->pre_head < ts->pre->len) {
        Pre *p = &g_array_index(ts->pre, Pre, ts->pre_head);
        gboolean ready = p->kind == P_BEGIN || p->kind == P_END ||
                         rows_final(ts, pre_unit(p), p->kind == P_UNIT ? p->u->nrows : 1);
        if (!ready)
            break;
        switch (p->kind) {
        case P_BEGIN:
            op_begin(ts, p->role, p->attr);
            break;
        case P_END:
            op_end(ts);
            break;
        case P_UNIT:
            emit_unit(ts, p->u);
            break;
        case P_LABEL:
            emit_label(ts, p->u);
            break;
        case P_BOOKMARK: {
            const Row *row = unit_row(ts, p->u, 0);
            HkOp *op = op_add(ts, HK_OP_BOOKMARK, row->page);
            op->text = g_strdup(p->attr);
            op->level = p->u->level;
            op->x = p->u->x;
            op->y = row->top;
            break;
        }
        }
        g_free(p->attr);
        if (p->kind == P_UNIT || p->kind == P_LABEL)
            unit_free(p->u);
        memset(p, 0, sizeof *p);
        ts->pre_head++;
    }
    if (ts->pre_head >= 1024 && ts->pre_head * 2 >= ts->pre->len) {
        g_array_remove_range(ts->pre, 0, ts->pre_head);
        ts->pre_head = 0;
    }
    /* Rows still needed: those of the page being filled, and those of the
     * units not emitted yet (the first such unit has the first such rows). */
    int keep = hk_pages_final(&ts->pages);
    for (guint i = ts->pre_head; i < ts->pre->len; i++) {
        const Unit *u = pre_unit(&g_array_index(ts->pre, Pre, i));
        if (u && u->first_row >= 0) {
            keep = MIN(keep, u->first_row);
            break;
        }
    }
    hk_pages_trim(&ts->pages, keep);
}

char *hk_typeset_title(const HkDocument *doc, const HkPageStyle *st)
{
    char *base = NULL;
    if (doc->title && *doc->title) {
        base = g_strdup(doc->title);
    } else {
        GPtrArray *hs = hk_document_headings(doc);
        if (hs->len)
            base = hk_inlines_text(((HkBlock *)g_ptr_array_index(hs, 0))->inlines);
        g_ptr_array_unref(hs);
    }
    if (!base)
        base = g_strdup(doc->stem);
    char *t = g_strconcat(base, st->title_suffix, NULL);
    g_free(base);
    return t;
}

gboolean hk_typeset_stream(const HkDocument *doc, const HkPageStyle *st, HkFonts *fonts,
                           const GArray *extra_ruby, const HkPhraseMap *phrases, HkOpSink sink,
                           gpointer sink_data, HkTypesetInfo *info, GError **error)
{
    TS ts = {0};
    ts.doc = doc;
    ts.st = st;
    ts.ctx = hk_fonts_context(fonts);
    pango_context_set_language(ts.ctx, pango_language_from_string(doc->lang ? doc->lang : "ja"));
    ts.metrics = hk_font_metrics_new(ts.ctx);
    ts.layouts = hk_layout_cache_new(ts.ctx);
    ts.extra = extra_ruby;
    ts.extra_index = extra_ruby ? index_extra(extra_ruby) : NULL;
    ts.phrases = phrases;
    ts.pre = g_array_new(FALSE, TRUE, sizeof(Pre));
    ts.pending_labels = g_ptr_array_new();
    ts.title = hk_typeset_title(doc, st);
    ts.sink = sink;
    ts.sink_data = sink_data;
    ts.error = error;
    ts.ok = TRUE;

    double avail = st->page_w - st->margin_left - st->margin_right;
    ts.measure = st->whole_chars ? floor(avail / st->body.size + 1e-6) * st->body.size : avail;
    ts.left = st->margin_left + (avail - ts.measure) / 2;
    ts.top = st->margin_top;
    ts.bottom = st->page_h - st->margin_bottom;
    hk_pages_init(&ts.pages, ts.top, ts.bottom, st->keep_give_way, st->keep_last_page_lines);
    ts.outline.below_title = doc->title != NULL;

    pre_add(&ts, P_BEGIN, HK_ROLE_DOCUMENT, NULL, NULL);
    walk_title(&ts);
    walk_blocks(&ts, doc->blocks, ts.left, ts.measure, FALSE);
    pre_add(&ts, P_END, 0, NULL, NULL);
    hk_pages_finish(&ts.pages);
    ts.done = TRUE;
    emit_ready(&ts);
    op_flush(&ts);
    int n_pages = hk_pages_count(&ts.pages);
    for (; ts.furn_next < n_pages && ts.ok; ts.furn_next++)
        emit_furniture(&ts, ts.furn_next);
    if (info) {
        info->n_pages = n_pages;
        info->headings_clamped = ts.outline.clamped;
    }

    /* What is left when the walk stopped on an error. */
    for (guint i = ts.pre_head; i < ts.pre->len; i++) {
        Pre *p = &g_array_index(ts.pre, Pre, i);
        g_free(p->attr);
        if (p->kind == P_UNIT || p->kind == P_LABEL)
            unit_free(p->u);
    }
    if (ts.has_staged)
        op_clear(&ts.staged);
    g_array_unref(ts.pre);
    hk_pages_clear(&ts.pages);
    g_ptr_array_unref(ts.pending_labels);
    if (ts.extra_index)
        g_hash_table_unref(ts.extra_index);
    g_free(ts.title);
    hk_font_metrics_free(ts.metrics);
    hk_layout_cache_free(ts.layouts);
    g_object_unref(ts.ctx);
    return ts.ok;
}

static gboolean collect_op(const HkOp *op, gpointer data, GError **error)
{
    (void)error;
    HkPlan *plan = data;
    HkOp copy = *op;
    if (copy.layout)
        g_object_ref(copy.layout);
    copy.attr = g_strdup(op->attr);
    copy.path = g_strdup(op->path);
    copy.text = g_strdup(op->text);
    g_array_append_val(plan->ops, copy);
    return TRUE;
}

HkPlan *hk_typeset(const HkDocument *doc, const HkPageStyle *st, HkFonts *fonts,
                   const GArray *extra_ruby, GError **error)
{
    HkPlan *plan = g_new0(HkPlan, 1);
    plan->ops = g_array_new(FALSE, TRUE, sizeof(HkOp));
    plan->page_w = st->page_w;
    plan->page_h = st->page_h;
    plan->title = hk_typeset_title(doc, st);
    HkTypesetInfo info = {0};
    if (!hk_typeset_stream(doc, st, fonts, extra_ruby, NULL, collect_op, plan, &info, error)) {
        hk_plan_free(plan);
        return NULL;
    }
    plan->n_pages = info.n_pages;
    plan->headings_clamped = info.headings_clamped;
    /* A BEGIN belongs to the page of the first thing drawn inside it, an
     * END to the page of what precedes it. */
    int next = plan->n_pages - 1;
    for (guint i = plan->ops->len; i-- > 0;) {
        HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->artifact)
            continue;
        if (op->kind == HK_OP_TEXT || op->kind == HK_OP_OUTLINE || op->kind == HK_OP_IMAGE)
            next = op->page;
        else if (op->kind == HK_OP_BEGIN || op->kind == HK_OP_END)
            op->page = next;
    }
    int prev = 0;
    for (guint i = 0; i < plan->ops->len; i++) {
        HkOp *op = &g_array_index(plan->ops, HkOp, i);
        if (op->artifact)
            continue;
        if (op->kind == HK_OP_END)
            op->page = prev;
        else if (op->kind != HK_OP_BOOKMARK)
            prev = op->page;
    }
    return plan;
}

void hk_plan_free(HkPlan *plan)
{
    if (!plan)
        return;
    for (guint i = 0; i < plan->ops->len; i++)
        op_clear(&g_array_index(plan->ops, HkOp, i));
    g_array_unref(plan->ops);
    g_free(plan->title);
    g_free(plan);
}
