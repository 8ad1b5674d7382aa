/* layout: reads a layout file (a GLib key file under layouts/) and hands out
 * its values with range checks.
 *
 * Every number a designer might change lives in a layout file; code reads it
 * only through these getters, which fail with "file:line:col: ..." naming
 * the offending key, so a bad layout is reported where it is wrong. */
#ifndef HK_LAYOUT_H
#define HK_LAYOUT_H

#include <glib.h>

/* A layout is a page of settings; anything larger is not one. */
#define HK_LAYOUT_MAX_BYTES (1 << 20)

typedef struct HkLayout HkLayout;

HkLayout *hk_layout_load(const char *path, GError **error);
void hk_layout_free(HkLayout *layout);
const char *hk_layout_path(const HkLayout *layout);

gboolean hk_layout_has(const HkLayout *layout, const char *group, const char *key);

/* Each getter fails if the key is missing (unless a default is given with
 * the _or variant) or out of [min, max]. */
gboolean hk_layout_double(const HkLayout *layout, const char *group, const char *key, double min,
                          double max, double *out, GError **error);
gboolean hk_layout_double_or(const HkLayout *layout, const char *group, const char *key, double min,
                             double max, double dflt, double *out, GError **error);
gboolean hk_layout_int(const HkLayout *layout, const char *group, const char *key, int min, int max,
                       int *out, GError **error);
gboolean hk_layout_int_or(const HkLayout *layout, const char *group, const char *key, int min,
                          int max, int dflt, int *out, GError **error);
gboolean hk_layout_bool_or(const HkLayout *layout, const char *group, const char *key,
                           gboolean dflt, gboolean *out, GError **error);
/* Returns a newly allocated string, or NULL with *error set. */
char *hk_layout_string(const HkLayout *layout, const char *group, const char *key, GError **error);
char *hk_layout_string_or(const HkLayout *layout, const char *group, const char *key,
                          const char *dflt);
/* A colour as #RRGGBB, returned as 0..1 components. */
gboolean hk_layout_colour_or(const HkLayout *layout, const char *group, const char *key,
                             const char *dflt, double rgb[3], GError **error);

/* After an edition has read everything it reads from the layout: fails,
 * naming the file, group and key, on the first group or key it never asked
 * for (a typo would otherwise silently keep the default). `edition` names
 * the reader in the message. */
gboolean hk_layout_check_unused(const HkLayout *layout, const char *edition, GError **error);

/* Reports an error at the line of group/key (or of the group, or line 1). */
void hk_layout_error(const HkLayout *layout, const char *group, const char *key, GError **error,
                     const char *fmt, ...) G_GNUC_PRINTF(5, 6);

#endif
