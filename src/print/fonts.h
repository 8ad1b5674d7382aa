/* fonts: the program's own font configuration.
 *
 * Owns the fontconfig configuration loaded from fonts/fonts.conf (only the
 * BIZ UD font directories, so output never depends on other host fonts) and
 * the PangoCairo font map built on it, with the settings a PDF needs (72
 * units per inch, no hinting, unrounded glyph positions). A renderer asks
 * for each family and weight its layout names; a missing one is an error. */
#ifndef HK_FONTS_H
#define HK_FONTS_H

#include <glib.h>
#include <pango/pango.h>

typedef struct HkFonts HkFonts;

/* Loads fonts/fonts.conf from the data directory. On failure returns NULL
 * with an HK_ERROR_RENDER error naming the configuration file. */
HkFonts *hk_fonts_open(GError **error);
void hk_fonts_free(HkFonts *fonts);

/* Whether `family` has a face of `weight` (normal or bold, upright) in the
 * configuration, matched exactly: no substitution, no synthetic bold. */
gboolean hk_fonts_has(HkFonts *fonts, const char *family, PangoWeight weight);

/* The configuration file in use (for messages). */
const char *hk_fonts_config_path(const HkFonts *fonts);

/* A new Pango context for PDF output: 1 unit = 1 pt, glyph positions not
 * rounded (rounding sets full-width text too wide), no hinting. Unref with
 * g_object_unref. */
PangoContext *hk_fonts_context(HkFonts *fonts);

#endif
