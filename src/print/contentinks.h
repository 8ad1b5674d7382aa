/* contentinks: rewrites the colour operators of one PDF content stream
 * from the RGB keys Cairo drew (inks.h) into the CMYK inks they stand for.
 *
 * Owns the lexing of content streams (ISO 32000-1 §7.2, §7.8.2: strings,
 * names, dictionaries, inline images), which libqpdf's C API does not
 * offer. Only the colour operators change; every other byte is copied, so
 * text, tags (BDC/EMC) and marked content survive as Cairo wrote them. */
#ifndef HK_CONTENTINKS_H
#define HK_CONTENTINKS_H

#include <glib.h>

/* Returns the rewritten stream: `r g b rg` / `RG` become `c m y k k` / `K`,
 * or `/<reg_name> cs 1 scn` (`CS`/`SCN`) for the registration ink; sets
 * *used_registration when that happens. Fails (NULL, *why newly
 * allocated) on an RGB colour that is no ink, on an RGB or unknown colour
 * space, and on an inline image in RGB: nothing RGB may reach the press. */
GString *hk_content_to_inks(const char *data, size_t len, const GArray *inks, const char *reg_name,
                            gboolean *used_registration, char **why);

#endif
