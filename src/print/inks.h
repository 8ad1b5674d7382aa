/* inks: the colours a layout names, and the inks the press edition prints
 * them in.
 *
 * A layout names a colour as #RRGGBB or as cmyk(C, M, Y, K) in percent.
 * The press edition takes only CMYK: its black text and rules must print
 * on the K plate alone (0/0/0/100), which no RGB→CMYK conversion gives
 * (an ICC conversion makes four-colour black, ~295 % ink, that
 * misregisters in small type). Cairo 1.16 draws RGB only, so each ink is
 * drawn in an RGB "key" of its own, and pdfx.c rewrites every key in the
 * content streams into its ink. Crop marks are drawn in the registration
 * key and printed in registration colour (Separation /All). */
#ifndef HK_INKS_H
#define HK_INKS_H

#include <glib.h>

typedef struct {
    double rgb[3];  /* 0..1: what the screen editions draw */
    double cmyk[4]; /* 0..1: the ink, when is_cmyk */
    gboolean is_cmyk;
} HkColour;

typedef struct {
    guint8 key[3];         /* the RGB (in 1/255) the drawing uses for this ink */
    double cmyk[4];        /* 0..1 */
    gboolean registration; /* all plates: Separation /All, for crop marks */
} HkInk;

/* Parses "#RRGGBB" or "cmyk(C, M, Y, K)" (each 0..100). Returns FALSE with
 * a reason (static text) when `s` is neither. */
gboolean hk_colour_parse(const char *s, HkColour *c, const char **why);

/* Formats a colour back into the layout syntax it came in (for a style
 * that inherits its colour). Free with g_free. */
char *hk_colour_format(const HkColour *c);

/* A set of inks (an array of HkInk) holding the registration ink. */
GArray *hk_inks_new(void);
/* Gives the CMYK colour `c` an ink of its own (or the one it already has)
 * and sets c->rgb to that ink's key. */
void hk_inks_add(GArray *inks, HkColour *c);
/* The registration ink's key, 0..1. */
void hk_inks_registration_rgb(const GArray *inks, double rgb[3]);
/* The ink drawn in key (r, g, b), or NULL. */
const HkInk *hk_inks_find(const GArray *inks, guint8 r, guint8 g, guint8 b);

/* Reads the ICC profile at `path` and checks it describes a CMYK press
 * (an output-class profile), of ICC version 2 when `v2_only` (PDF/X-1a).
 * On success returns the profile's bytes (*len, and its description in
 * *desc, both g_free); else NULL with *why (g_free). */
char *hk_cmyk_profile_load(const char *path, gboolean v2_only, gsize *len, char **desc, char **why);

#endif
