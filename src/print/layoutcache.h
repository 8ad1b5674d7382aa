/* layoutcache: short unwrapped texts laid out once per typesetting run.
 *
 * Ruby is measured when its paragraph is composed (the reading against its
 * base, JIS X 4051 ルビの掛け) and laid out again when it is drawn; a
 * furigana edition has thousands of readings, most of them recurring (く,
 * しえん, ちいき), and each was shaped three times. The cache keeps one
 * PangoLayout per text and font, on one line, no width, as those two steps
 * make it. It holds at most a few thousand layouts and starts again when
 * full, so its memory does not grow with the document. */
#ifndef HK_LAYOUTCACHE_H
#define HK_LAYOUTCACHE_H

#include <glib.h>
#include <pango/pango.h>

typedef struct HkLayoutCache HkLayoutCache;

/* A cache for `ctx`, which must outlive it. */
HkLayoutCache *hk_layout_cache_new(PangoContext *ctx);
void hk_layout_cache_free(HkLayoutCache *cache);

/* `len` bytes of `text` (-1: up to its NUL) in `fd`: a layout owned by the
 * cache, valid until the next call (take a reference to keep it). */
PangoLayout *hk_layout_cache_get(HkLayoutCache *cache, const PangoFontDescription *fd,
                                 const char *text, int len);

#endif
