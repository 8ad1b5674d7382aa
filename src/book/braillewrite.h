/* braillewrite: writes the files of a braille book from one page model.
 *
 * Owns the set of braille outputs and their names. An undivided book is
 * <stem>.brf, .bes, .bse, .pef, .braille.txt and .proof.pdf in one
 * directory; a book in volumes has one .pef holding every volume and, per
 * volume k, <stem>-k.brf, .bes, .bse, .braille.txt and .proof.pdf (k
 * zero-padded to the width of the count, so the names sort). All are
 * produced into temporary files first and renamed into place only when
 * every one has succeeded, so a failure leaves none of them half-written. */
#ifndef HK_BRAILLEWRITE_H
#define HK_BRAILLEWRITE_H

#include <glib.h>

#include "brailleformat.h"
#include "fonts.h"

/* The names of one undivided book's files after the stem, in the order
 * written; NULL-terminated (the edition registry lists them for -v and
 * --stdout). A book in volumes writes <stem>-k.* for each volume. */
extern const char *const hk_braille_suffixes[];

/* The n volumes of one book; `fonts` provides the proof's kana font. */
gboolean hk_braille_write_all(HkBrailleBook *const *books, guint n, const HkBrailleLayout *bl,
                              HkFonts *fonts, const char *out_dir, const char *stem,
                              GError **error);

#endif
