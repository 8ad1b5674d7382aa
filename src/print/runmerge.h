/* runmerge: whole glyph runs of one line drawn with one Cairo call.
 *
 * Pango ends a run wherever an attribute that shapes changes, and the
 * JLREQ composition letter-spaces the character before each aki it sets
 * (compose.c), so a line of one font comes in five or six runs. Cairo's
 * PDF surface pays for each cairo_show_text_glyphs call: it records it,
 * replays it twice, and its analysis pass unions the call's extents into a
 * region that grows with the page. Runs that follow each other in one
 * font, colour and baseline are drawn instead as one glyph string (the
 * same glyphs at the same positions, the clusters of each run kept), one
 * call for what were five. A run the merge cannot take (right to left,
 * underlined, with an unknown glyph, another font or colour) is left to
 * the caller, after the runs gathered so far are flushed. */
#ifndef HK_RUNMERGE_H
#define HK_RUNMERGE_H

#include <cairo.h>
#include <pango/pango.h>

typedef struct HkRunMerge HkRunMerge;

/* Draws one run whose pen starts at x, on the baseline y (pdf.c's). */
typedef void (*HkRunDraw)(cairo_t *cr, const char *text, PangoGlyphItem *run, double x, double y);

HkRunMerge *hk_run_merge_new(void);
void hk_run_merge_free(HkRunMerge *m);

/* Adds `run` (of the line's text, its pen at x) after the runs gathered,
 * if it can be drawn with them; FALSE leaves it to the caller. */
gboolean hk_run_merge_add(HkRunMerge *m, PangoGlyphItem *run, double x);

/* Draws the runs gathered as one run (with `draw`), and forgets them. */
void hk_run_merge_flush(HkRunMerge *m, cairo_t *cr, const char *text, double y, HkRunDraw draw);

#endif
