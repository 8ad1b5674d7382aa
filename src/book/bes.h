/* bes: the 点字編集システム (BES) writer.
 *
 * Owns the BES byte layout as reverse-engineered by third parties (facts
 * §1.3): a 1024-byte header starting "%BET400%", then one byte per cell
 * (0xA0 + dot mask), 0xFE after each line, 0xFD between pages and 0xFF at
 * the end. Unverified against 点字編集システム itself. */
#ifndef HK_BES_H
#define HK_BES_H

#include <glib.h>

#include "brailleformat.h"

#define HK_BES_HEADER 1024
#define HK_BES_LINE_END 0xFE
#define HK_BES_PAGE_END 0xFD
#define HK_BES_END 0xFF

/* The header's title and author fields are book->title_dots and
 * author_dots (may be NULL). The save date is book->date (YYYY-MM-DD), or
 * today if the document has none. */
GBytes *hk_bes_bytes(const HkBrailleBook *book);

#endif
