/* proof: the proof PDF for sighted proofreaders (<stem>.proof.pdf).
 *
 * Owns the drawing of the page model with Cairo: each braille page at true
 * embossed size (dot, cell and line pitch from the layout), raised dots
 * black over faint unraised positions, and the kana transcription under
 * each line (墨字併記), word under word, with Pango through the project's
 * font configuration (fonts.h). Words broken at a line
 * end and kana that could not be matched word by word are flagged in red. */
#ifndef HK_PROOF_H
#define HK_PROOF_H

#include <glib.h>

#include "brailleformat.h"
#include "fonts.h"

/* The proof PDF's bytes; `name` is the file named in messages. */
GBytes *hk_proof_bytes(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                       const char *name, GError **error);

#endif
