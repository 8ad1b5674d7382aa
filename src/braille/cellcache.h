/* cellcache: the cells of kana words already translated, so that a word
 * that comes again (most of a book's words do) costs a hash lookup
 * instead of a pass of liblouis.
 *
 * Keys are spans of characters (UTF-32, as liblouis reads them), values
 * the UTF-8 cells louis wrote for them. Bounded: past a number of
 * entries it empties and fills again. Not thread-safe: louis.c holds its
 * lock around every use. Which spans may be cached is louis.c's
 * business (only those whose cells do not depend on what stands around
 * them). */
#ifndef HK_CELLCACHE_H
#define HK_CELLCACHE_H

#include <glib.h>

typedef struct HkCellCache HkCellCache;

HkCellCache *hk_cellcache_new(guint max_entries);
void hk_cellcache_free(HkCellCache *c);

/* The cells of `len` characters at `chars`, or NULL. Valid until the
 * next hk_cellcache_add. */
const char *hk_cellcache_get(HkCellCache *c, const gunichar *chars, int len);

/* Remembers `cells` (copied) for the span. */
void hk_cellcache_add(HkCellCache *c, const gunichar *chars, int len, const char *cells,
                      gsize cells_len);

#endif
