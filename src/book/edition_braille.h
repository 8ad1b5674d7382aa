/* edition_braille: the HkRenderFn of the braille edition (BRF, BES, PEF,
 * Unicode braille text and the proof PDF, all from one page model). */
#ifndef HK_EDITION_BRAILLE_H
#define HK_EDITION_BRAILLE_H

#include "edition.h"

gboolean hk_edition_braille(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                            GError **error);

#endif
