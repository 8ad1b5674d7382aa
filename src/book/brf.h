/* brf: the Braille ASCII (.brf) writer.
 *
 * Owns the North American Braille ASCII mapping of the 64 six-dot cells to
 * the bytes 0x20..0x5F and the embosser framing: CR LF after every line,
 * a form feed after every page (the last too). Reads only the page model. */
#ifndef HK_BRF_H
#define HK_BRF_H

#include <glib.h>

#include "brailleformat.h"

/* The Braille ASCII byte of a cell (dot mask 0..63). */
char hk_brf_char(guint8 dots);
/* Appends one line of cells in Braille ASCII and its CR LF (BRF and BSE
 * lines are the same bytes). */
void hk_brf_append_line(GByteArray *out, const HkBrailleLine *l);
/* The cell of a Braille ASCII byte (lowercase read as uppercase), or -1. */
int hk_brf_dots(char c);

GBytes *hk_brf_bytes(const HkBrailleBook *book);

#endif
