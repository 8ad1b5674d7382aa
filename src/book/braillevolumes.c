#include "braillevolumes.h"

typedef struct {
    const HkBrailleLayout *bl;
    const GPtrArray *all;
    const char *toc, *path;
    HkBrailleVolumeLabel label;
    gpointer data;
    guint start, end; /* the body blocks: after the title items, before the 奥付 */
    int top;          /* the largest heading level used (smallest number) */
} Plan;

static HkBrailleBlockKind kind_at(const GPtrArray *a, guint i)
{
    return ((const HkBrailleBlock *)g_ptr_array_index(a, i))->kind;
}

static void plan_init(Plan *p)
{
    const GPtrArray *a = p->all;
    p->start = 0;
    while (p->start < a->len && kind_at(a, p->start) == HK_BB_TITLE)
        p->start++;
    p->end = a->len;
    while (p->end > p->start && kind_at(a, p->end - 1) == HK_BB_COLOPHON)
        p->end--;
    p->top = 7;
    for (guint i = p->start; i < p->end; i++)
        if (kind_at(a, i) == HK_BB_HEADING)
            p->top = MIN(p->top, ((const HkBrailleBlock *)g_ptr_array_index(a, i))->level);
}

/* Volume n of body blocks [s, e): the title items, the 巻数 line, the
 * blocks, and the 奥付 if e is the end. Splits are mapped back to `all`. */
static HkBrailleBook *volume(const Plan *p, guint s, guint e, int n, int total, int first_number,
                             GError **error)
{
    char *cells = NULL, *kana = NULL;
    if (!p->label(p->data, n, total, &cells, &kana, error))
        return NULL;
    GPtrArray *part = g_ptr_array_new();
    GArray *map = g_array_new(FALSE, FALSE, sizeof(int));
    HkBrailleBlock *label = NULL;
    guint ranges[3][2] = {{0, p->start}, {s, e}, {p->end, e == p->end ? p->all->len : p->end}};
    for (int r = 0; r < 3; r++) {
        if (r == 1 && cells) { /* the 巻数 line follows the other title items */
            label = hk_braille_block_new(HK_BB_TITLE, cells, kana);
            label->level = HK_TITLE_VOLUME;
            g_ptr_array_add(part, label);
            int none = -1;
            g_array_append_val(map, none);
        }
        for (guint i = ranges[r][0]; i < ranges[r][1]; i++) {
            g_ptr_array_add(part, g_ptr_array_index(p->all, i));
            int at = (int)i;
            g_array_append_val(map, at);
        }
    }
    HkBrailleBook *book =
        hk_braille_paginate_part(p->bl, part, p->all, first_number, p->toc, p->path, error);
    /* Lines name their block in `all`, as in an undivided book. */
    for (guint pg = 0; book && pg < book->pages->len; pg++) {
        const HkBraillePage *page = g_ptr_array_index(book->pages, pg);
        for (guint i = 0; i < page->lines->len; i++) {
            HkBrailleLine *l = g_ptr_array_index(page->lines, i);
            if (l->block >= 0)
                l->block = g_array_index(map, int, l->block);
        }
    }
    for (guint i = 0; book && i < book->splits->len;) {
        int *at = &g_array_index(book->splits, int, i);
        *at = g_array_index(map, int, *at);
        if (*at < 0) /* the 巻数 line is not in the source */
            g_array_remove_index(book->splits, i);
        else
            i++;
    }
    hk_braille_block_free(label);
    g_ptr_array_unref(part);
    g_array_unref(map);
    g_free(cells);
    g_free(kana);
    return book;
}

static int last_number(const HkBrailleBook *b)
{
    int n = 0;
    for (guint i = 0; i < b->pages->len; i++)
        n = MAX(n, ((const HkBraillePage *)g_ptr_array_index(b->pages, i))->number);
    return n;
}

static int volume_pages(const Plan *p, guint s, guint e, int n, int first_number, GError **error)
{
    HkBrailleBook *b = volume(p, s, e, n, 2, first_number, error);
    if (!b)
        return -1;
    int pages = (int)b->pages->len;
    hk_braille_book_free(b);
    return pages;
}

/* Where volume n starting at s ends: the last heading before which the
 * volume still fits in max_pages, preferring a heading of the largest rank
 * once the volume is at least half full; if no heading fits, the first one
 * (the volume is then longer than max_pages: a section is never cut).
 * A volume's pages grow with the headings it runs to, so the last heading
 * that still fits is found by bisection (a few paginations, not one per
 * heading: a long book has hundreds of headings). */
static gboolean split_point(const Plan *p, guint s, int n, int first_number, guint *out,
                            GError **error)
{
    GArray *heads = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint h = s + 1; h < p->end; h++)
        if (kind_at(p->all, h) == HK_BB_HEADING)
            g_array_append_val(heads, h);
    int lo = 0, hi = (int)heads->len - 1, fit = -1;
    gboolean ok = TRUE;
    while (ok && lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int pages = volume_pages(p, s, g_array_index(heads, guint, mid), n, first_number, error);
        ok = pages >= 0;
        if (ok && pages <= p->bl->max_pages) {
            fit = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    *out = heads->len == 0 ? p->end : g_array_index(heads, guint, fit >= 0 ? fit : 0);
    /* The last heading of the largest rank that fits, if the volume is at
     * least half full there. */
    for (int k = fit; ok && k >= 0; k--) {
        guint h = g_array_index(heads, guint, k);
        if (((const HkBrailleBlock *)g_ptr_array_index(p->all, h))->level != p->top)
            continue;
        int pages = volume_pages(p, s, h, n, first_number, error);
        ok = pages >= 0;
        if (ok && pages >= p->bl->max_pages / 2)
            *out = h;
        break;
    }
    g_array_free(heads, TRUE);
    return ok;
}

static void set_volume(const HkBrailleLayout *bl, HkBrailleBook *b, int n, int total)
{
    b->volume = n;
    b->volumes = total;
    if (total < 2)
        return;
    char digits[16];
    g_snprintf(digits, sizeof digits, "%d", n);
    b->volume_dots = g_byte_array_new();
    g_byte_array_append(b->volume_dots, &bl->number_sign, 1);
    for (const char *c = digits; *c; c++)
        g_byte_array_append(b->volume_dots, &bl->digits[*c - '0'], 1);
}

GPtrArray *hk_braille_volumes(const HkBrailleLayout *bl, const GPtrArray *blocks,
                              const char *toc_title_cells, HkBrailleVolumeLabel label,
                              gpointer data, const char *path, GError **error)
{
    Plan p = {.bl = bl,
              .all = blocks,
              .toc = toc_title_cells,
              .path = path,
              .label = label,
              .data = data};
    plan_init(&p);
    GPtrArray *books = g_ptr_array_new_with_free_func((GDestroyNotify)hk_braille_book_free);
    HkBrailleBook *whole = volume(&p, p.start, p.end, 1, 1, 1, error);
    gboolean ok = whole != NULL;
    if (ok && (bl->max_pages == 0 || (int)whole->pages->len <= bl->max_pages)) {
        set_volume(bl, whole, 1, 1);
        g_ptr_array_add(books, whole);
        return books;
    }
    hk_braille_book_free(whole);
    int first_number = 1;
    for (guint s = p.start; ok && s < p.end;) {
        int n = (int)books->len + 1;
        HkBrailleBook *rest = volume(&p, s, p.end, n, 2, first_number, error);
        guint e = p.end;
        ok = rest != NULL;
        if (ok && (int)rest->pages->len > bl->max_pages) {
            hk_braille_book_free(rest);
            rest = NULL;
            ok = split_point(&p, s, n, first_number, &e, error) &&
                 (rest = volume(&p, s, e, n, 2, first_number, error)) != NULL;
        }
        if (ok) {
            g_ptr_array_add(books, rest);
            first_number = bl->restart_numbers ? 1 : last_number(rest) + 1;
            s = e;
        }
    }
    for (guint i = 0; ok && i < books->len; i++)
        set_volume(bl, g_ptr_array_index(books, i), (int)i + 1, (int)books->len);
    if (!ok)
        g_clear_pointer(&books, g_ptr_array_unref);
    return books;
}
