/* rubyfit: a reading that reaches over the characters beside its base
 * (JIS X 4051 ルビの掛け, JLREQ 3.3.7) must find them on the same line.
 *
 * Owns the line-breaking side of ruby overhang: the typesetter decides how
 * far a reading overhangs (typeset.c); no line may then break between the
 * base and a character the reading reaches over, or the reading would
 * hang outside the measure, or be pushed back onto its neighbour's reading
 * (two readings drawn over each other at a line end: じょうほう きょうゆう
 * over 情報共有 on main). */
#ifndef HK_RUBYFIT_H
#define HK_RUBYFIT_H

#include <pango/pango.h>

/* Base [start, end) of `text` (`len` bytes) has a reading overhanging by
 * `left` and `right` points: no break between the base and the character
 * before it (left > 0) or after it (right > 0). */
void hk_ruby_keep_overhang(PangoAttrList *attrs, const char *text, int len, int start, int end,
                           double left, double right);

#endif
