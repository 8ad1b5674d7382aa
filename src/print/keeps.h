/* keeps: what the source's blocks ask of page making and of the outline.
 *
 * Owns three rules read off the document model: the tag level of a heading
 * (the levels the source has, a skipped level closed up, never the order
 * the headings came in); whether a paragraph is a label that stays with
 * what follows it (it ends with a colon, introduces a list, or is the lead
 * of a list item that goes on); and whether a paragraph sends the
 * reader to the next page, so the next heading must start one. */
#ifndef HK_KEEPS_H
#define HK_KEEPS_H

#include <glib.h>

#include "document.h"
#include "pagestyle.h"

typedef struct {
    gboolean below_title;        /* the document title is H1 */
    int open[HK_HEADING_LEVELS]; /* source levels of the open headings, */
    int nopen;                   /* outermost first */
    int clamped;                 /* headings whose source skipped a level */
} HkOutline;

/* The tag level (1..HK_HEADING_LEVELS) of the next heading, of source
 * level `level` (1..HK_HEADING_LEVELS). */
int hk_heading_tag(HkOutline *o, int level);

/* Is paragraph `b` (followed by `next` or NULL; `lead`: the first block of
 * a list item) a label kept with what follows? `endings` are the
 * characters that make a paragraph ending with one a label. */
gboolean hk_keep_is_label(const HkBlock *b, const HkBlock *next, gboolean lead,
                          const char *endings);

/* Does paragraph `b` send the reader to the next page (次頁以降をご覧
 * ください)? `phrases`: comma-separated, from [keep] next_page_phrases. */
gboolean hk_keep_turns_page(const HkBlock *b, const char *phrases);

#endif
