/* brailletxt: the Unicode braille text writer (<stem>.braille.txt).
 *
 * Owns the plain-text form of the pages for braille displays and diffing:
 * one line per braille line, blank cells as U+2800 (a braille display shows
 * them as cells, and the indents survive editors that strip spaces), and a
 * line holding only a form feed between pages. */
#ifndef HK_BRAILLETXT_H
#define HK_BRAILLETXT_H

#include <glib.h>

#include "brailleformat.h"

GBytes *hk_brailletxt_bytes(const HkBrailleBook *book);

#endif
