#include "compose.h"

#include <math.h>
#include <string.h>

#include "datadir.h"
#include "error.h"

typedef enum {
    CL_JAPANESE, /* kanji, kana, full-width symbols: East Asian wide */
    CL_LATIN,    /* everything else that is not a space */
    CL_SPACE,    /* a Latin word space */
    CL_OPENING,
    CL_CLOSING,
    CL_MIDDLE_DOT,
    CL_FULL_STOP,
    CL_COMMA,
    CL_IDEO_SPACE,
    CL_N
} Class;

static const char *const class_group[CL_N] = {NULL,
                                              NULL,
                                              NULL,
                                              "class.opening",
                                              "class.closing",
                                              "class.middle_dot",
                                              "class.full_stop",
                                              "class.comma",
                                              "class.ideographic_space"};
static const char *const class_name[CL_N] = {"japanese",  "latin",   "space",
                                             "opening",   "closing", "middle_dot",
                                             "full_stop", "comma",   "ideographic_space"};

typedef enum {
    GAP_SOLID, /* set solid, never adjusted: inside a Latin word, after an opening bracket */
    GAP_AFTER_CLOSING,
    GAP_AFTER_COMMA,
    GAP_AFTER_FULL_STOP,
    GAP_BEFORE_OPENING,
    GAP_MIDDLE_DOT,
    GAP_JAPANESE_LATIN,
    GAP_WORD_SPACE,
    GAP_INTER_CHARACTER,
    GAP_N
} GapKind;

static const char *const gap_group[GAP_N] = {NULL,
                                             "gap.after_closing",
                                             "gap.after_comma",
                                             "gap.after_full_stop",
                                             "gap.before_opening",
                                             "gap.middle_dot",
                                             "gap.japanese_latin",
                                             "gap.word_space",
                                             "gap.inter_character"};

typedef struct {
    double natural, min, max; /* em */
    int shrink, stretch;      /* priority, 1 first; 0 never */
} GapRule;

#define PRIORITIES 9

struct HkCompose {
    GHashTable *classes; /* gunichar → Class, as the table lists them */
    guint8 *bmp;         /* the class of every character below TABLED */
    double blank_before[CL_N], blank_after[CL_N];
    GapRule gap[GAP_N];
    char **latin_from, **latin_to; /* Japanese face → the face of its Latin runs */
};

/* ---------- the table ---------- */

static Class class_lookup(const HkCompose *c, gunichar ch);
static void fill_bmp(HkCompose *c);
#define TABLED 0x3100

static gboolean read_class(HkCompose *c, const HkLayout *t, Class k, GError **error)
{
    const char *g = class_group[k];
    GError *e = NULL;
    char *chars = hk_layout_string(t, g, "chars", &e);
    if (!chars) {
        g_propagate_error(error, e);
        return FALSE;
    }
    gboolean ok = g_utf8_validate(chars, -1, NULL);
    for (const char *p = chars; ok && *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (ch == ' ')
            continue;
        if (g_hash_table_contains(c->classes, GUINT_TO_POINTER(ch))) {
            hk_layout_error(t, g, "chars", error, "U+%04X is in two classes", ch);
            ok = FALSE;
        }
        g_hash_table_insert(c->classes, GUINT_TO_POINTER(ch), GINT_TO_POINTER(k));
    }
    g_free(chars);
    return ok && hk_layout_double_or(t, g, "blank_before", 0, 1, 0, &c->blank_before[k], error) &&
           hk_layout_double_or(t, g, "blank_after", 0, 1, 0, &c->blank_after[k], error);
}

static gboolean read_gap(HkCompose *c, const HkLayout *t, GapKind k, GError **error)
{
    const char *g = gap_group[k];
    GapRule *r = &c->gap[k];
    double nat = 0;
    if (k != GAP_WORD_SPACE && !hk_layout_double(t, g, "natural", 0, 1, &nat, error))
        return FALSE;
    r->natural = nat;
    if (!hk_layout_double(t, g, "min", 0, 1, &r->min, error) ||
        !hk_layout_double(t, g, "max", 0, 2, &r->max, error) ||
        !hk_layout_int(t, g, "shrink_priority", 0, PRIORITIES, &r->shrink, error) ||
        !hk_layout_int(t, g, "stretch_priority", 0, PRIORITIES, &r->stretch, error))
        return FALSE;
    if (k != GAP_WORD_SPACE && (r->min > nat || r->max < nat)) {
        hk_layout_error(t, g, r->min > nat ? "min" : "max", error,
                        "the limits must hold the natural aki (%g <= %g <= %g)", r->min, nat,
                        r->max);
        return FALSE;
    }
    if (r->min > r->max) {
        hk_layout_error(t, g, "min", error, "min %g is above max %g", r->min, r->max);
        return FALSE;
    }
    return TRUE;
}

static gboolean read_table(HkCompose *c, const char *path, GError **error)
{
    HkLayout *t = hk_layout_load(path, error);
    if (!t)
        return FALSE;
    gboolean ok = TRUE;
    for (int k = CL_OPENING; k < CL_N && ok; k++)
        ok = read_class(c, t, (Class)k, error);
    for (int k = GAP_AFTER_CLOSING; k < GAP_N && ok; k++)
        ok = read_gap(c, t, (GapKind)k, error);
    ok = ok && hk_layout_check_unused(t, "the composition table", error);
    hk_layout_free(t);
    return ok;
}

/* "BIZ UDMincho = BIZ UDPMincho; BIZ UDGothic = BIZ UDPGothic" */
static gboolean read_latin_fonts(HkCompose *c, const HkLayout *l, HkFonts *fonts, GError **error)
{
    char *v = hk_layout_string_or(l, "composition", "latin_fonts", "");
    char **pairs = g_strsplit(v, ";", -1);
    g_free(v);
    guint n = g_strv_length(pairs);
    c->latin_from = g_new0(char *, n + 1);
    c->latin_to = g_new0(char *, n + 1);
    gboolean ok = TRUE;
    int k = 0;
    for (guint i = 0; i < n && ok; i++) {
        if (!*g_strstrip(pairs[i]))
            continue;
        char *eq = strchr(pairs[i], '=');
        if (!eq) {
            hk_layout_error(l, "composition", "latin_fonts", error,
                            "'%s' is not 'Japanese face = Latin face'", pairs[i]);
            ok = FALSE;
            break;
        }
        *eq = '\0';
        char *to = g_strstrip(eq + 1), *from = g_strstrip(pairs[i]);
        for (int w = 0; w < 2 && ok; w++)
            if (!hk_fonts_has(fonts, to, w ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL) &&
                hk_fonts_has(fonts, from, w ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)) {
                hk_layout_error(l, "composition", "latin_fonts", error,
                                "font '%s'%s is not available through %s", to, w ? " Bold" : "",
                                hk_fonts_config_path(fonts));
                ok = FALSE;
            }
        c->latin_from[k] = g_strdup(from);
        c->latin_to[k++] = g_strdup(to);
    }
    g_strfreev(pairs);
    return ok;
}

HkCompose *hk_compose_load(const HkLayout *layout, HkFonts *fonts, GError **error)
{
    char *name = hk_layout_string(layout, "composition", "table", error);
    if (!name)
        return NULL;
    g_strstrip(name);
    char *path = name;
    if (!g_path_is_absolute(name)) {
        /* beside the layout, else the program's own layouts/: a layout
         * kept elsewhere can still name the table hiraku ships */
        char *dir = g_path_get_dirname(hk_layout_path(layout));
        path = g_build_filename(dir, name, NULL);
        if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
            char *rel = g_build_filename("layouts", name, NULL);
            char *shipped = hk_data_path(rel);
            if (g_file_test(shipped, G_FILE_TEST_EXISTS)) {
                g_free(path);
                path = shipped;
            } else {
                g_free(shipped);
            }
            g_free(rel);
        }
        g_free(dir);
        g_free(name);
    }
    HkCompose *c = g_new0(HkCompose, 1);
    c->classes = g_hash_table_new(NULL, NULL);
    gboolean ok = read_table(c, path, error) && read_latin_fonts(c, layout, fonts, error);
    g_free(path);
    if (ok)
        fill_bmp(c);
    if (!ok) {
        hk_compose_free(c);
        return NULL;
    }
    return c;
}

void hk_compose_free(HkCompose *c)
{
    if (!c)
        return;
    g_hash_table_unref(c->classes);
    g_free(c->bmp);
    g_strfreev(c->latin_from);
    g_strfreev(c->latin_to);
    g_free(c);
}

/* ---------- classes and gaps ---------- */

static Class class_lookup(const HkCompose *c, gunichar ch)
{
    gpointer v;
    if (g_hash_table_lookup_extended(c->classes, GUINT_TO_POINTER(ch), NULL, &v))
        return (Class)GPOINTER_TO_INT(v);
    if (ch == ' ' || ch == 0xA0)
        return CL_SPACE;
    return g_unichar_iswide(ch) ? CL_JAPANESE : CL_LATIN;
}

/* Characters below TABLED (Latin, punctuation, kana and the CJK symbols)
 * are looked up in a table built once; kanji and the rest are computed.
 * The table is class_lookup's answer for each: the default classes, then
 * the composition table's own over them (one pass over the table's few
 * hundred characters instead of a hash lookup for each of 12,544). */
static void fill_bmp(HkCompose *c)
{
    c->bmp = g_malloc(TABLED);
    for (gunichar ch = 0; ch < TABLED; ch++)
        c->bmp[ch] = (guint8)(ch == ' ' || ch == 0xA0 ? CL_SPACE
                              : g_unichar_iswide(ch)  ? CL_JAPANESE
                                                      : CL_LATIN);
    GHashTableIter it;
    gpointer ch, k;
    g_hash_table_iter_init(&it, c->classes);
    while (g_hash_table_iter_next(&it, &ch, &k))
        if (GPOINTER_TO_UINT(ch) < TABLED)
            c->bmp[GPOINTER_TO_UINT(ch)] = (guint8)GPOINTER_TO_INT(k);
}

static Class class_of(const HkCompose *c, gunichar ch)
{
    return ch < TABLED ? (Class)c->bmp[ch] : class_lookup(c, ch);
}

const char *hk_compose_class_name(const HkCompose *c, gunichar ch)
{
    return class_name[class_of(c, ch)];
}

/* What makes the aki between a character of class a and one of class b
 * (JLREQ 3.1: the class-pair spacing). */
static GapKind gap_kind(Class a, Class b)
{
    if (a == CL_SPACE || b == CL_SPACE)
        return GAP_WORD_SPACE;
    if (a == CL_IDEO_SPACE || b == CL_IDEO_SPACE || a == CL_OPENING)
        return GAP_SOLID;
    /* a closing bracket, comma or full stop takes no blank before it:
     * after punctuation it sets solid (、」 ）） 。」) */
    if (b == CL_CLOSING || b == CL_COMMA || b == CL_FULL_STOP)
        return GAP_SOLID;
    if (a == CL_CLOSING)
        return GAP_AFTER_CLOSING;
    if (a == CL_FULL_STOP)
        return GAP_AFTER_FULL_STOP;
    /* 、「 is the opening bracket's half em: it keeps its floor */
    if (b == CL_OPENING)
        return GAP_BEFORE_OPENING;
    if (a == CL_COMMA)
        return GAP_AFTER_COMMA;
    if (a == CL_MIDDLE_DOT || b == CL_MIDDLE_DOT)
        return GAP_MIDDLE_DOT;
    if ((a == CL_JAPANESE && b == CL_LATIN) || (a == CL_LATIN && b == CL_JAPANESE))
        return GAP_JAPANESE_LATIN;
    if (a == CL_JAPANESE && b == CL_JAPANESE)
        return GAP_INTER_CHARACTER;
    return GAP_SOLID;
}

/* The aki the glyphs themselves carry between a and b, in em. */
static double carried(const HkCompose *c, Class a, Class b)
{
    return c->blank_after[a] + c->blank_before[b];
}

static double natural(const HkCompose *c, GapKind k)
{
    return k == GAP_SOLID ? 0 : c->gap[k].natural;
}

/* ---------- before breaking ---------- */

static gboolean kept(const HkComposeKeep *keep, int at)
{
    for (int i = 0; keep && i < keep->n; i++)
        if (at >= keep->ranges[2 * i] && at < keep->ranges[2 * i + 1])
            return TRUE;
    return FALSE;
}

static void insert(PangoAttrList *attrs, PangoAttribute *a, int s, int e)
{
    a->start_index = (guint)s;
    a->end_index = (guint)e;
    pango_attr_list_insert(attrs, a);
}

static const char *latin_face(const HkCompose *c, const char *family)
{
    for (int i = 0; family && c->latin_from[i]; i++)
        if (!g_ascii_strcasecmp(family, c->latin_from[i]))
            return c->latin_to[i];
    return NULL;
}

typedef struct {
    int start, end;
    const char *face;
} LatinRun;

/* The start of the character after the one at `p`, with the combining
 * marks and variation selectors that follow it (辻+U+E0101 is one glyph):
 * an attribute boundary inside such a cluster makes Pango shape its parts
 * apart, and the selector is lost from the drawing and the text. */
static const char *cluster_next(const char *p, const char *end)
{
    p = g_utf8_next_char(p);
    while (p < end && *p) {
        gunichar ch = g_utf8_get_char(p);
        if (ch == 0x200D) { /* a zero-width joiner takes the next one too */
            p = g_utf8_next_char(p);
            if (p < end && *p)
                p = g_utf8_next_char(p);
            continue;
        }
        if (!g_unichar_ismark(ch))
            break;
        p = g_utf8_next_char(p);
    }
    return MIN(p, end);
}

static gboolean latin_char(const HkCompose *c, gunichar ch)
{
    Class k = class_of(c, ch);
    /* a mark belongs to the character before it (cluster_next), never
     * starts a Latin run of its own */
    return (k == CL_LATIN || k == CL_SPACE) && ch != '\n' && !g_unichar_ismark(ch);
}

/* Latin runs (and the word spaces in them) in the proportional face of
 * the family they are set in; an inline family change splits a run. */
static void latin_runs(const HkCompose *c, const char *text, int len, PangoAttrList *attrs,
                       const char *family)
{
    PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
    GArray *add = g_array_new(FALSE, FALSE, sizeof(LatinRun));
    do {
        int s, e;
        pango_attr_iterator_range(it, &s, &e);
        e = MIN(e, len);
        PangoAttrString *f = (PangoAttrString *)pango_attr_iterator_get(it, PANGO_ATTR_FAMILY);
        const char *to = latin_face(c, f ? f->value : family);
        for (int p = s; to && p < e;) {
            if (!latin_char(c, g_utf8_get_char(text + p))) {
                p = (int)(cluster_next(text + p, text + e) - text);
                continue;
            }
            int q = p;
            while (q < e && latin_char(c, g_utf8_get_char(text + q)))
                q = (int)(cluster_next(text + q, text + e) - text);
            LatinRun r = {p, q, to};
            g_array_append_val(add, r);
            p = q;
        }
    } while (pango_attr_iterator_next(it));
    pango_attr_iterator_destroy(it);
    for (guint i = 0; i < add->len; i++) {
        const LatinRun *r = &g_array_index(add, LatinRun, i);
        insert(attrs, pango_attr_family_new(r->face), r->start, r->end);
    }
    g_array_unref(add);
}

void hk_compose_attrs(const HkCompose *c, const char *text, int len, PangoAttrList *attrs,
                      const char *family, double size, const HkComposeKeep *keep)
{
    if (!c)
        return;
    latin_runs(c, text, len, attrs, family);
    /* Where the class-pair aki differs from what the glyphs carry (、」
     * set solid, 四分アキ around Latin), the character before the gap is
     * letter-spaced by the difference, so that Pango breaks lines with
     * their JLREQ widths; the geometry itself is set after breaking. */
    const char *end = text + len;
    for (const char *p = text; p < end && *p;) {
        const char *n = cluster_next(p, end);
        if (n >= end || !*n)
            break;
        Class a = class_of(c, g_utf8_get_char(p)), b = class_of(c, g_utf8_get_char(n));
        GapKind k = gap_kind(a, b);
        double d = k == GAP_WORD_SPACE ? 0 : natural(c, k) - carried(c, a, b);
        if (fabs(d) > 1e-6 && !kept(keep, (int)(p - text)) && !kept(keep, (int)(n - text)))
            insert(attrs, pango_attr_letter_spacing_new((int)lround(d * size * PANGO_SCALE)),
                   (int)(p - text), (int)(n - text));
        p = n;
    }
}

/* ---------- after breaking ---------- */

/* One cluster on a line: its glyphs, and the ink it takes without the
 * blanks its glyphs carry (which the gaps around it now hold). */
typedef struct {
    PangoGlyphString *gs;
    int g0, g1;        /* glyphs [g0, g1) */
    Class first, last; /* classes of its first and last character */
    double em;         /* its size, Pango units */
    double ink;        /* advance less the carried blanks, Pango units */
    double before;     /* the blank carried before the ink, Pango units */
    double space;      /* a word space: its advance, which the gap after it holds */
    gboolean keep;     /* a spaced ruby base: Pango's geometry stands */
    int end;           /* the byte after its cluster */
} Box;

typedef struct {
    double cur, min, max; /* Pango units */
    int shrink, stretch;
} Gap;

/* The last font asked about: a line's runs are mostly in one or two. */
typedef struct {
    PangoFont *font;
    double em;
} EmCache;

static double font_em(PangoFont *font, EmCache *cache)
{
    if (cache->font == font)
        return cache->em;
    PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
    double em = pango_font_description_get_size(d);
    pango_font_description_free(d);
    cache->font = font;
    cache->em = em;
    return em;
}

static int glyph_advance(PangoFont *font, const PangoGlyphInfo *gi, gboolean space)
{
    if ((space && gi->geometry.width == 0) || gi->glyph == PANGO_GLYPH_EMPTY)
        return 0; /* a space Pango zeroed at the end of a wrapped line */
    PangoRectangle logical;
    pango_font_get_glyph_extents(font, gi->glyph, NULL, &logical);
    return logical.width;
}

static gboolean letter_spaced(const PangoItem *item)
{
    for (GSList *a = item->analysis.extra_attrs; a; a = a->next)
        if (((PangoAttribute *)a->data)->klass->type == PANGO_ATTR_LETTER_SPACING)
            return TRUE;
    return FALSE;
}

/* The last character of a cluster that is not a mark: a variation
 * selector or a combining accent takes the class of what it sits on. */
static gunichar last_base(const char *s, const char *e)
{
    const char *p = g_utf8_prev_char(e);
    while (p > s && g_unichar_ismark(g_utf8_get_char(p)))
        p = g_utf8_prev_char(p);
    return g_utf8_get_char(p);
}

/* The boxes of one run. `shaped`: the glyphs still have the advances the
 * shaper gave them, which are the natural ones where no letter spacing
 * was applied (asking the font for each glyph's extents costs more). */
static void run_boxes(const HkCompose *c, const char *text, PangoGlyphItem *run,
                      const HkComposeKeep *keep, GArray *boxes, EmCache *cache, gboolean shaped)
{
    PangoItem *item = run->item;
    PangoGlyphString *gs = run->glyphs;
    double em = font_em(item->analysis.font, cache);
    gboolean natural = shaped && !letter_spaced(item);
    for (int i = 0; i < gs->num_glyphs;) {
        int cl = gs->log_clusters[i], j = i + 1;
        while (j < gs->num_glyphs && gs->log_clusters[j] == cl)
            j++;
        int s = item->offset + cl;
        int e =
            j < gs->num_glyphs ? item->offset + gs->log_clusters[j] : item->offset + item->length;
        Box b = {
            gs, i, j, class_of(c, g_utf8_get_char(text + s)), CL_LATIN, em, 0, 0, 0, kept(keep, s),
            e};
        b.last = class_of(c, last_base(text + s, text + MAX(e, s + 1)));
        double adv = 0;
        for (int k = i; k < j; k++)
            adv += b.keep || natural
                       ? gs->glyphs[k].geometry.width
                       : glyph_advance(item->analysis.font, &gs->glyphs[k], b.first == CL_SPACE);
        if (b.first == CL_SPACE && !b.keep) {
            b.space = adv;
            adv = 0;
        } else if (!b.keep && adv > 0) {
            b.before = c->blank_before[b.first] * em;
            adv -= b.before + c->blank_after[b.last] * em;
        }
        b.ink = adv;
        g_array_append_val(boxes, b);
        i = j;
    }
}

static Gap gap_between(const HkCompose *c, const Box *a, const Box *b)
{
    Gap g = {0, 0, 0, 0, 0};
    Class l = a->last, r = b->first;
    if (r == CL_SPACE || l == CL_SPACE || a->ink <= 0) {
        /* a word space is the advance of its space, with the blank the
         * glyph after it carries; before a space the glyph keeps its own */
        g.cur = l == CL_SPACE ? a->space + c->blank_before[r] * b->em
                : a->ink <= 0 ? 0
                              : c->blank_after[l] * a->em;
        if (l == CL_SPACE) {
            const GapRule *w = &c->gap[GAP_WORD_SPACE];
            g.min = MIN(g.cur, w->min * b->em);
            g.max = MAX(g.cur, w->max * b->em);
            g.shrink = w->shrink;
            g.stretch = w->stretch;
        } else {
            g.min = g.max = g.cur;
        }
        return g;
    }
    GapKind k = gap_kind(l, r);
    double em = k == GAP_BEFORE_OPENING ? b->em : a->em;
    if (k == GAP_SOLID) {
        g.min = g.max = 0;
        return g;
    }
    const GapRule *rule = &c->gap[k];
    g.cur = rule->natural * em;
    g.min = rule->min * em;
    g.max = rule->max * em;
    g.shrink = rule->shrink;
    g.stretch = rule->stretch;
    return g;
}

/* Moves `amount` (Pango units, > 0) into (stretch) or out of the gaps of
 * one priority, evenly, each within its limit. Returns what is left. */
static double fill(Gap *g, int n, int priority, gboolean stretch, double amount)
{
    for (int round = 0; round < n + 1 && amount > 0.5; round++) {
        int active = 0;
        for (int i = 0; i < n; i++) {
            double room = stretch ? g[i].max - g[i].cur : g[i].cur - g[i].min;
            if ((stretch ? g[i].stretch : g[i].shrink) == priority && room > 0.5)
                active++;
        }
        if (!active)
            break;
        double share = amount / active;
        for (int i = 0; i < n; i++) {
            double room = stretch ? g[i].max - g[i].cur : g[i].cur - g[i].min;
            if ((stretch ? g[i].stretch : g[i].shrink) != priority || room <= 0.5)
                continue;
            double take = MIN(share, room);
            g[i].cur += stretch ? take : -take;
            amount -= take;
        }
    }
    return amount;
}

/* JLREQ 3.8: a line too long is squeezed (word spaces, 四分アキ, middle
 * dots, then punctuation's half ems, in the table's priority order); one
 * too short is spread the same way, each step evenly over its gaps and
 * within their limits, never into one gap. A line the limits cannot spread
 * to the measure (a long URL or Latin word after a few kana) is set ragged
 * rather than letter-spaced or opened up in a few gaps; one that still
 * overflows when squeezed is left to the kinsoku Pango applied. */
static void adjust(Gap *g, int n, double slack)
{
    gboolean stretch = slack > 0;
    double room = 0;
    for (int i = 0; stretch && i < n; i++)
        room += g[i].stretch ? g[i].max - g[i].cur : 0;
    if (stretch && room < slack)
        return;
    double left = fabs(slack);
    for (int p = 1; p <= PRIORITIES && left > 0.5; p++)
        left = fill(g, n, p, stretch, left);
}

/* Writes the boxes' geometry: each ink where the gaps put it, on pen
 * positions rounded once so that the line's width is exact. */
static void place(const Box *b, int n, const Gap *g, double lead)
{
    double at = lead; /* where the current box's ink starts */
    int pen = 0;
    for (int i = 0; i < n; i++) {
        const Box *x = &b[i];
        double next_at = at + x->ink + g[i].cur;
        int next_pen = (int)lround(i + 1 < n ? next_at - b[i + 1].before : next_at);
        if (i + 1 < n && next_pen < pen)
            next_pen = pen;
        int used = 0;
        for (int k = x->g0; k < x->g1; k++) {
            PangoGlyphInfo *gi = &x->gs->glyphs[k];
            if (!x->keep)
                gi->geometry.x_offset = 0;
            if (k == x->g0)
                gi->geometry.x_offset += (int)lround(at - x->before) - pen;
            if (k + 1 < x->g1) {
                used += gi->geometry.width; /* inner glyphs of a cluster keep Pango's */
            } else {
                gi->geometry.width = next_pen - pen - used;
            }
        }
        pen = next_pen;
        at = next_at;
    }
}

static void compose_line(const HkCompose *c, const char *text, PangoLayoutLine *line, double avail,
                         gboolean justify, const HkComposeKeep *keep, GArray *boxes, GArray *gaps)
{
    g_array_set_size(boxes, 0);
    EmCache cache = {NULL, 0};
    for (GSList *r = line->runs; r; r = r->next)
        run_boxes(c, text, r->data, keep, boxes, &cache, TRUE);
    int n = (int)boxes->len;
    if (!n)
        return;
    Box *b = (Box *)(void *)boxes->data;
    g_array_set_size(gaps, n);
    Gap *g = (Gap *)(void *)gaps->data;
    double width = b[0].before, lead = b[0].before;
    for (int i = 0; i < n; i++) {
        if (i + 1 < n) {
            g[i] = gap_between(c, &b[i], &b[i + 1]);
        } else {
            /* the end of the line keeps the blank its last glyph carries, */
            double t = b[i].keep || b[i].ink <= 0 ? 0 : c->blank_after[b[i].last] * b[i].em;
            /* which may go when the line must be squeezed (JIS X 4051:
             * a closing mark at the line's end set half-width) */
            g[i] = (Gap){t, 0, t, 1, 0};
        }
        width += b[i].ink + g[i].cur;
    }
    double slack = avail - width;
    if (slack < -0.5 || (justify && slack > 0.5))
        adjust(g, n, slack);
    place(b, n, g, lead);
}

void hk_compose_lines(const HkCompose *c, PangoLayout *layout, gboolean justify,
                      gboolean justify_last, const HkComposeKeep *keep)
{
    if (!c)
        return;
    const char *text = pango_layout_get_text(layout);
    int width = pango_layout_get_width(layout);
    int indent = pango_layout_get_indent(layout);
    justify = justify && width > 0 && pango_layout_get_alignment(layout) == PANGO_ALIGN_LEFT;
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
    GArray *gaps = g_array_new(FALSE, FALSE, sizeof(Gap));
    /* pango_layout_get_lines, not _readonly: lines we change must not keep
     * the extents Pango cached for them */
    for (GSList *l = pango_layout_get_lines(layout); l; l = l->next) {
        PangoLayoutLine *line = l->data;
        PangoLayoutLine *next = l->next ? l->next->data : NULL;
        gboolean last = next == NULL || next->is_paragraph_start;
        double avail = width > 0 ? width - (line->is_paragraph_start ? MAX(indent, 0) : 0) : 1e12;
        compose_line(c, text, line, avail, justify && (!last || (justify_last && !next)), keep,
                     boxes, gaps);
    }
    g_array_unref(boxes);
    g_array_unref(gaps);
}

/* ---------- 追い込み ---------- */

/* The narrowest the boxes [0, n) can be set, their last gap aside. */
static double min_width(const Box *b, int n, const Gap *g)
{
    double w = n ? b[0].before : 0;
    for (int i = 0; i < n; i++)
        w += b[i].ink + (i + 1 < n ? g[i].min : 0);
    return w;
}

static gboolean any_kept(const Box *b, int n)
{
    for (int i = 0; i < n; i++)
        if (b[i].keep)
            return TRUE;
    return FALSE;
}

/* The first line break Pango may take after byte `from`, as a byte. */
static int next_break(PangoLayout *layout, const char *text, int from, int limit)
{
    int n = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(layout, &n);
    const char *p = g_utf8_next_char(text + from);
    for (glong k = g_utf8_pointer_to_offset(text, p); k < n && p - text < limit; k++) {
        if (la[k].is_line_break)
            return (int)(p - text);
        p = g_utf8_next_char(p);
    }
    return limit;
}

/* Gives the last character of box `a` the letter spacing that sets its
 * gap to `b` (NULL: the line's end) at its JLREQ aki in Pango's breaking,
 * as hk_compose_attrs does, less `squeeze`. Pango splits a letter spacing
 * over both sides of a character and drops the half at a line's end, so a
 * squeeze at the end counts twice. */
static void squeeze_attr(const HkCompose *c, PangoAttrList *attrs, const char *text, const Box *a,
                         const Box *b, double squeeze)
{
    double d = 0;
    if (b) {
        GapKind k = gap_kind(a->last, b->first);
        d = k == GAP_WORD_SPACE ? 0 : (natural(c, k) - carried(c, a->last, b->first)) * a->em;
    } else {
        squeeze *= 2;
    }
    int s = (int)(g_utf8_prev_char(text + a->end) - text);
    insert(attrs, pango_attr_letter_spacing_new((int)lround(d - squeeze)), s, a->end);
}

/* Whether the first piece of line `next` (up to the first break Pango may
 * take in it) fits on `line` with its squeezable aki at their limits; if
 * so, adds to `attrs` what makes Pango break after that piece: no break
 * before it, and each squeezable character letter-spaced by its share of
 * what the line must lose. */
static gboolean pull_up(const HkCompose *c, PangoLayout *layout, const char *text,
                        PangoLayoutLine *line, PangoLayoutLine *next, double avail,
                        const HkComposeKeep *keep, PangoAttrList *attrs)
{
    GArray *boxes = g_array_new(FALSE, FALSE, sizeof(Box));
    EmCache cache = {NULL, 0};
    for (GSList *r = line->runs; r; r = r->next)
        run_boxes(c, text, r->data, keep, boxes, &cache, FALSE);
    int nl = (int)boxes->len;
    int piece_end = next_break(layout, text, next->start_index, next->start_index + next->length);
    for (GSList *r = next->runs; r; r = r->next)
        run_boxes(c, text, r->data, keep, boxes, &cache, FALSE);
    int n = nl;
    while (n < (int)boxes->len && g_array_index(boxes, Box, n).end <= piece_end)
        n++;
    Box *b = (Box *)(void *)boxes->data;
    gboolean ok = nl > 0 && n > nl && n - nl <= 4 && n == (int)boxes->len && !any_kept(b, n);
    Gap *g = ok ? g_new0(Gap, n) : NULL;
    for (int i = 0; ok && i < n; i++) {
        if (i + 1 < n) {
            g[i] = gap_between(c, &b[i], &b[i + 1]);
        } else {
            double t = b[i].ink <= 0 ? 0 : c->blank_after[b[i].last] * b[i].em;
            g[i] = (Gap){t, 0, t, 1, 0};
        }
    }
    ok = ok && min_width(b, n, g) <= avail;
    if (ok) {
        double nat = b[0].before, room = 0;
        for (int i = 0; i < n; i++) {
            nat += b[i].ink + g[i].cur;
            room += g[i].cur - g[i].min;
        }
        /* a hair more than the line must lose, for Pango's rounding */
        double f = room > 0 ? MIN(1, (nat - avail + 0.02 * b[0].em) / room) : 0;
        for (int i = 0; i < n; i++)
            if (g[i].cur > g[i].min)
                squeeze_attr(c, attrs, text, &b[i], i + 1 < n ? &b[i + 1] : NULL,
                             f * (g[i].cur - g[i].min));
        int s = (int)(g_utf8_prev_char(text + b[nl - 1].end) - text);
        insert(attrs, pango_attr_allow_breaks_new(FALSE), s, piece_end);
    }
    g_free(g);
    g_array_unref(boxes);
    return ok;
}

PangoAttrList *hk_compose_pull_up(const HkCompose *c, PangoLayout *layout,
                                  const HkComposeKeep *keep)
{
    int width = pango_layout_get_width(layout);
    if (!c || width <= 0)
        return NULL;
    const char *text = pango_layout_get_text(layout);
    int indent = pango_layout_get_indent(layout);
    PangoAttrList *attrs = NULL;
    gboolean pulled = FALSE;
    for (GSList *l = pango_layout_get_lines_readonly(layout); l && l->next; l = l->next) {
        PangoLayoutLine *line = l->data, *next = l->next->data;
        /* only a paragraph's short last line: pulling it up saves the
         * line (「す。」 alone); inside a paragraph Pango's push-out is
         * spread within the limits, which JLREQ allows, and a relayout
         * there would cost a paragraph's shaping for a tiny gain */
        PangoLayoutLine *after = l->next->next ? l->next->next->data : NULL;
        if (next->is_paragraph_start || !next->length || (after && !after->is_paragraph_start))
            continue;
        if (!attrs) {
            PangoAttrList *old = pango_layout_get_attributes(layout);
            attrs = old ? pango_attr_list_copy(old) : pango_attr_list_new();
        }
        double avail = width - (line->is_paragraph_start ? MAX(indent, 0) : 0);
        if (pull_up(c, layout, text, line, next, avail, keep, attrs)) {
            pulled = TRUE;
            l = l->next; /* the line after changes with this one */
        }
    }
    if (attrs && !pulled) {
        pango_attr_list_unref(attrs);
        attrs = NULL;
    }
    return attrs;
}
