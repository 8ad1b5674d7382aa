/* braillevolumes: a long braille book in volumes (分冊).
 *
 * Owns where a book is divided: at most `[volumes] max_pages` pages a
 * volume, split only before a heading (preferably one of the largest rank
 * once the volume is half full), each volume with the book's title page
 * plus its 巻数 line, a 目次 of its own part and the 奥付 in the last one;
 * page numbers continue across volumes or restart, as the layout says.
 * Pagination itself is brailleformat's; nothing here translates text (the
 * 巻数 line comes from the caller). */
#ifndef HK_BRAILLEVOLUMES_H
#define HK_BRAILLEVOLUMES_H

#include "brailleformat.h"

/* The 巻数 line of volume n (total 1: an undivided book) as cells and
 * kana; *cells = NULL (and TRUE) for none. FALSE with *error on failure. */
typedef gboolean (*HkBrailleVolumeLabel)(gpointer data, int n, int total, char **cells, char **kana,
                                         GError **error);

/* The books of the volumes, in order (free func hk_braille_book_free),
 * each with volume, volumes and volume_dots set, and splits and the
 * lines' blocks indexing `blocks` (the 巻数 line's block is -1). NULL
 * with *error. */
GPtrArray *hk_braille_volumes(const HkBrailleLayout *bl, const GPtrArray *blocks,
                              const char *toc_title_cells, HkBrailleVolumeLabel label,
                              gpointer data, const char *path, GError **error);

#endif
