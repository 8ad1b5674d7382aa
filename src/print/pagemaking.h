/* pagemaking: breaks a stream of rows (the lines, figures and rules the
 * typesetter lays out) into pages.
 *
 * Owns where pages break: how strongly a row is held to the one before it
 * (a heading to what follows it is hard; a label, an item's lead line,
 * orphans and widows are soft and give way when keeping them would leave
 * more than a layout-given fraction of the page empty), and the balance of
 * the last two pages (the document does not end on a page of one or two
 * lines). Rows arrive one by one; two pages stay open (the one being
 * filled and the one before it), so the last page can still borrow rows
 * from the page before it when the stream ends. Knows nothing of units,
 * text or structure: the typesetter asks which rows are final. */
#ifndef HK_PAGEMAKING_H
#define HK_PAGEMAKING_H

#include <glib.h>

/* How strongly a row is held to the row before it. */
typedef enum {
    HK_KEEP_NONE, /* a page may break before it */
    HK_KEEP_SOFT, /* kept unless that wastes more than the give-way fraction */
    HK_KEEP_HARD  /* kept whenever the page can hold both */
} HkKeep;

typedef struct {
    double h, before; /* height, and space above it unless it starts a page */
    HkKeep keep;
    gboolean new_page; /* starts a page, whatever room is left */
    int page;          /* set by page making */
    double top;        /* of the row on its page, pt */
} HkRow;

typedef struct {
    double top, bottom;  /* of the text block, pt */
    double give_way;     /* [keep] give_way: fraction of the text block */
    int last_page_lines; /* [keep] last_page_lines: 0 = no balancing */
    GArray *rows;        /* of HkRow; rows->data[0] is row number base */
    int base;            /* rows before it were dropped (hk_pages_trim) */
    int page;            /* the page being filled, */
    int first;           /* its first row, */
    int prev_first;      /* the first row of the page before it (still open), */
    int next;            /* the next row to place, */
    double y;            /* and where the last placed row ends */
} HkPages;

void hk_pages_init(HkPages *p, double top, double bottom, double give_way, int last_page_lines);
void hk_pages_clear(HkPages *p);
/* Row number r (base <= r < hk_pages_end). */
HkRow *hk_pages_row(HkPages *p, int r);
/* One past the last row added. */
int hk_pages_end(const HkPages *p);
/* Adds a row and places as many rows as can be placed. */
void hk_pages_add(HkPages *p, const HkRow *row);
/* Rows before this one are on their final page. */
int hk_pages_final(const HkPages *p);
/* The stream has ended: balances the last two pages; every row is final. */
void hk_pages_finish(HkPages *p);
/* Forgets rows before `keep` (no longer needed by the caller). */
void hk_pages_trim(HkPages *p, int keep);
/* Pages used (1 for no rows). */
int hk_pages_count(const HkPages *p);

#endif
