/* bes: the 点字編集システム (BES) writer.
 *
 * Owns the BES byte layout. There is no published specification: every
 * field follows the public writers and readers compared in
 * docs/bes-format.md (facts §1.3), and the file has not been opened in
 * 点字編集システム itself. Header: 1024 bytes, "%BET400%", the layout and
 * the book's data; body: per page FF, a 2-byte little-endian chunk size,
 * FD, the lines (one byte per cell, 0xA0 + dot mask), each ending 0D FE
 * where a paragraph, heading or other logical line ends and FE alone where
 * only the width broke it; 0D after the last line and FF at the end. */
#ifndef HK_BES_H
#define HK_BES_H

#include <glib.h>

#include "brailleformat.h"

#define HK_BES_HEADER 1024
#define HK_BES_PAGE 0xFF /* before each page chunk, and once at the end */
#define HK_BES_PAGE_START 0xFD
#define HK_BES_LINE_END 0xFE
#define HK_BES_CR 0x0D /* before FE: the end of a logical line */
#define HK_BES_END 0xFF

/* The header's braille fields come from book->title_dots, author_dots,
 * transcriber_dots, volume_dots and remarks_dots (any may be NULL). The
 * save date is book->date (YYYY-MM-DD), or today if the document has none. */
GBytes *hk_bes_bytes(const HkBrailleBook *book);

#endif
