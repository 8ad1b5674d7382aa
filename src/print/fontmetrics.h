/* fontmetrics: the ascent and descent of each font a typesetting run asks
 * for, computed once per font description.
 *
 * pango_context_get_metrics loads a fontset and lays out a sample text to
 * find the average character width (which we never use) every time it is
 * called; the typesetter asks for the same few fonts (body, ruby, headings,
 * furniture) on every block and every page, and that was a tenth of the
 * print edition's time. The cache belongs to one context: metrics depend
 * on its font map and language. */
#ifndef HK_FONTMETRICS_H
#define HK_FONTMETRICS_H

#include <glib.h>
#include <pango/pango.h>

typedef struct HkFontMetrics HkFontMetrics;

/* A cache for `ctx`, which must outlive it (and keep its language). */
HkFontMetrics *hk_font_metrics_new(PangoContext *ctx);
void hk_font_metrics_free(HkFontMetrics *cache);

/* The ascent and descent of `fd` in Pango units, as
 * pango_context_get_metrics gives them for the context's language. */
void hk_font_metrics_get(HkFontMetrics *cache, const PangoFontDescription *fd, int *ascent,
                         int *descent);

#endif
