/* louis: kana transcription to braille cells through liblouis and the
 * project's own table (tables/ja-kana.ctb).
 *
 * Input is the transcription format of the braille harness's `input` field:
 * katakana as braille spells it, words separated by one ASCII space,
 * punctuation kept, digits and Latin letters in ASCII. Output is Unicode
 * braille (U+2800–U+283F) with a blank cell written as an ASCII space. */
#ifndef HK_LOUIS_H
#define HK_LOUIS_H

#include <glib.h>

#include "charwarn.h"

typedef struct HkLouis HkLouis;

/* Loads the table from the data directory (hk_data_path("tables/...")).
 * Fails with HK_ERROR_RENDER if liblouis cannot compile it. */
HkLouis *hk_louis_new(GError **error);
void hk_louis_free(HkLouis *louis);

/* Returns newly allocated cells, or NULL with *error set. A character the
 * table does not know is left out of the cells and reported to `warn`
 * (may be NULL) with its position in the kana text: one character never
 * costs the whole text. */
char *hk_louis_cells(HkLouis *louis, const char *kana, const HkCharWarn *warn, GError **error);

/* TRUE if the table has cells for c standing alone. */
gboolean hk_louis_knows(HkLouis *louis, gunichar c);

#endif
