/* bse: the BASE (.bse) writer, the format volunteer groups ask for in
 * 32-cell, 18-line two-sided work (facts §1.2).
 *
 * Owns the BSE byte layout as the public converter reads it: a 512-byte
 * header of print text in Shift_JIS (CP932) — save date, title, subtitle,
 * author, publisher, publication date, book code, 点訳者, 校正者, creation
 * date, remarks, then the page count and the page size in ASCII digits —
 * and a body of Braille ASCII lines ending CR LF, every page but the last
 * padded with empty lines to the page's line count (pages are counted by
 * lines; there is no page code). Unverified against BASE itself. */
#ifndef HK_BSE_H
#define HK_BSE_H

#include <glib.h>

#include "brailleformat.h"

#define HK_BSE_HEADER 512

GBytes *hk_bse_bytes(const HkBrailleBook *book);

#endif
