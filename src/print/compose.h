/* compose: JLREQ character classes and line adjustment.
 *
 * Owns the spacing between adjacent characters (JLREQ 3.1 and Appendix A;
 * JIS X 4051): which class a character belongs to, the blank a full-width
 * punctuation glyph carries, the aki between two classes with its squeeze
 * and spread limits and priorities, read from a composition table
 * (layouts/jlreq.ini); and which font sets Latin runs (proportional faces,
 * not the half-width letters of the Japanese face).
 *
 * Pango still shapes and breaks lines. Before breaking, hk_compose_attrs
 * gives Latin runs their face and the characters whose aki differs from
 * what their glyphs carry a letter spacing, so that the natural widths
 * Pango breaks with are JLREQ's. After breaking, hk_compose_lines sets every
 * glyph's advance and offset on each line from scratch (natural advance +
 * class-pair aki) and distributes a justified line's slack over every
 * allowed gap in JLREQ's priority order (JLREQ 3.8), never into one space. */
#ifndef HK_COMPOSE_H
#define HK_COMPOSE_H

#include <glib.h>
#include <pango/pango.h>

#include "fonts.h"
#include "layout.h"

typedef struct HkCompose HkCompose;

/* Reads the layout's [composition] group and the table it names (a path
 * relative to the layout's folder). Errors name the file:line. */
HkCompose *hk_compose_load(const HkLayout *layout, HkFonts *fonts, GError **error);
void hk_compose_free(HkCompose *c);

/* Byte ranges whose glyphs keep the geometry Pango gives them (ruby bases
 * spaced out for their reading): pairs start, end. */
typedef struct {
    const int *ranges;
    int n; /* pairs */
} HkComposeKeep;

/* Adds the attributes the composition needs before line breaking. `family`
 * is the text's base family (inline families in `attrs` override it),
 * `size` its size in points. */
void hk_compose_attrs(const HkCompose *c, const char *text, int len, PangoAttrList *attrs,
                      const char *family, double size, const HkComposeKeep *keep);

/* Sets every line's glyph geometry. A line is spread to the layout's width
 * when `justify` and it is not the paragraph's last (or `justify_last`).
 * Call before any extents query on the layout. */
void hk_compose_lines(const HkCompose *c, PangoLayout *layout, gboolean justify,
                      gboolean justify_last, const HkComposeKeep *keep);

/* 追い込み before 追い出し (JLREQ 3.8.1): where a line's squeezable aki,
 * squeezed to their limits, would make room for the first piece of the
 * next line (「す。」 pushed down alone), returns the layout's attributes
 * with what makes Pango keep that piece on the line; NULL where no line
 * can take more. Set them, then compose the lines again. */
PangoAttrList *hk_compose_pull_up(const HkCompose *c, PangoLayout *layout,
                                  const HkComposeKeep *keep);

/* For tests: the class name of a character ("opening", "japanese", ...). */
const char *hk_compose_class_name(const HkCompose *c, gunichar ch);

#endif
