/* braillewrite: writes the five files of a braille book from one page model.
 *
 * Owns the set of braille outputs and their names: <stem>.brf, .bes, .pef,
 * .braille.txt and .proof.pdf in one directory. All five are produced into
 * temporary files first and renamed into place only when every one has
 * succeeded, so a failure leaves none of them half-written. */
#ifndef HK_BRAILLEWRITE_H
#define HK_BRAILLEWRITE_H

#include <glib.h>

#include "brailleformat.h"
#include "fonts.h"

/* The names of the five files after the stem, in the order written;
 * NULL-terminated (the edition registry lists them for -v and --stdout). */
extern const char *const hk_braille_suffixes[];

/* `fonts` provides the proof's kana font. */
gboolean hk_braille_write_all(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                              const char *out_dir, const char *stem, GError **error);

#endif
