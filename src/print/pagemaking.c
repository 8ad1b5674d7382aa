#include "pagemaking.h"

void hk_pages_init(HkPages *p, double top, double bottom, double give_way, int last_page_lines)
{
    *p = (HkPages){0};
    p->top = top;
    p->bottom = bottom;
    p->give_way = give_way;
    p->last_page_lines = last_page_lines;
    p->rows = g_array_new(FALSE, TRUE, sizeof(HkRow));
    p->y = top;
}

void hk_pages_clear(HkPages *p)
{
    if (p->rows)
        g_array_unref(p->rows);
    p->rows = NULL;
}

HkRow *hk_pages_row(HkPages *p, int r)
{
    return &g_array_index(p->rows, HkRow, r - p->base);
}

int hk_pages_end(const HkPages *p)
{
    return p->base + (int)p->rows->len;
}

/* The first row of the run that ends at `r` and whose rows are held to
 * each other at least `strength`, not going back past the page's start. */
static int run_start(HkPages *p, int r, HkKeep strength)
{
    int b = r;
    while (b > p->first && hk_pages_row(p, b)->keep >= strength)
        b--;
    return b;
}

/* The space a break before row `b` leaves empty at the page's foot. */
static double waste(HkPages *p, int b)
{
    if (b >= p->next)
        return p->bottom - p->y;
    const HkRow *row = hk_pages_row(p, b);
    return p->bottom - (row->top - row->before);
}

/* Where the page breaks when row `r` does not fit: before the run of rows
 * kept with it. Soft keeps give way when honouring them would leave more
 * than the give-way fraction of the text block empty (a large-type page
 * a third empty reads as the end of a section). Hard keeps (a heading and
 * the lines after it) hold whenever the page can take them at all. */
static int break_before(HkPages *p, int r)
{
    int b = run_start(p, r, HK_KEEP_SOFT);
    int hard = run_start(p, r, HK_KEEP_HARD);
    if (b == p->first)
        b = hard;
    if (b == p->first) /* the keeps cannot all be honoured: break here */
        return r;
    if (waste(p, b) > p->give_way * (p->bottom - p->top) && hard > b)
        b = hard;
    return b;
}

static void place(HkPages *p)
{
    int n = hk_pages_end(p);
    while (p->next < n) {
        int r = p->next;
        HkRow *row = hk_pages_row(p, r);
        double before = r == p->first ? 0 : row->before;
        gboolean turn = row->new_page && r != p->first;
        if (!turn && (r == p->first || p->y + before + row->h <= p->bottom + 0.01)) {
            row->page = p->page;
            row->top = p->y + before;
            p->y = row->top + row->h;
            p->next++;
            continue;
        }
        int b = turn ? r : break_before(p, r);
        p->page++;
        p->prev_first = p->first;
        p->first = b;
        p->y = p->top;
        p->next = b;
    }
}

void hk_pages_add(HkPages *p, const HkRow *row)
{
    g_array_append_val(p->rows, *row);
    place(p);
}

int hk_pages_final(const HkPages *p)
{
    return p->prev_first;
}

/* Do rows [b, end) fit on one page? */
static gboolean fits(HkPages *p, int b, int end)
{
    double y = p->top;
    for (int r = b; r < end; r++) {
        const HkRow *row = hk_pages_row(p, r);
        y += (r == b ? 0 : row->before) + row->h;
        if (y > p->bottom + 0.01)
            return FALSE;
    }
    return TRUE;
}

/* The last page takes rows from the end of the page before it until it
 * has last_page_lines rows (a closing page of one or two lines is what
 * page make-up avoids above all), breaking only where nothing is kept
 * together and never so far that the page before ends up the shorter.
 * Where no such break exists, the pages stay as they are. */
static void balance(HkPages *p)
{
    int end = hk_pages_end(p);
    int want = p->last_page_lines;
    if (want <= 0 || p->page == 0 || end - p->first >= want || hk_pages_row(p, p->first)->new_page)
        return;
    for (int b = p->first - 1; b > p->prev_first && fits(p, b, end); b--) {
        if (end - b < want || hk_pages_row(p, b)->keep != HK_KEEP_NONE)
            continue;
        if (end - b > b - p->prev_first) /* the page before would be the shorter */
            return;
        p->first = b;
        p->next = b;
        p->y = p->top;
        place(p);
        return;
    }
}

void hk_pages_finish(HkPages *p)
{
    balance(p);
    p->prev_first = p->first = hk_pages_end(p);
}

void hk_pages_trim(HkPages *p, int keep)
{
    keep = MIN(keep, p->prev_first);
    if (keep - p->base >= 1024) {
        g_array_remove_range(p->rows, 0, (guint)(keep - p->base));
        p->base = keep;
    }
}

int hk_pages_count(const HkPages *p)
{
    return hk_pages_end(p) > 0 ? p->page + 1 : 1;
}
