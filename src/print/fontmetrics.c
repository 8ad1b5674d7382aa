/* fontmetrics: see fontmetrics.h. */
#include "fontmetrics.h"

typedef struct {
    int ascent, descent;
} Metrics;

struct HkFontMetrics {
    PangoContext *ctx;
    GHashTable *by_font; /* PangoFontDescription* (owned) → Metrics* */
};

HkFontMetrics *hk_font_metrics_new(PangoContext *ctx)
{
    HkFontMetrics *c = g_new0(HkFontMetrics, 1);
    c->ctx = ctx;
    c->by_font = g_hash_table_new_full((GHashFunc)pango_font_description_hash,
                                       (GEqualFunc)pango_font_description_equal,
                                       (GDestroyNotify)pango_font_description_free, g_free);
    return c;
}

void hk_font_metrics_free(HkFontMetrics *c)
{
    if (!c)
        return;
    g_hash_table_unref(c->by_font);
    g_free(c);
}

void hk_font_metrics_get(HkFontMetrics *c, const PangoFontDescription *fd, int *ascent,
                         int *descent)
{
    Metrics *m = g_hash_table_lookup(c->by_font, fd);
    if (!m) {
        PangoFontMetrics *pm = pango_context_get_metrics(c->ctx, fd, NULL);
        m = g_new(Metrics, 1);
        m->ascent = pango_font_metrics_get_ascent(pm);
        m->descent = pango_font_metrics_get_descent(pm);
        pango_font_metrics_unref(pm);
        g_hash_table_insert(c->by_font, pango_font_description_copy(fd), m);
    }
    if (ascent)
        *ascent = m->ascent;
    if (descent)
        *descent = m->descent;
}
