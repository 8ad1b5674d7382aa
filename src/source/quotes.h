/* quotes: smart quotes in the document model. The ASCII quotes an author
 * types become the typographic pairs the print editions set: "…" → “…”,
 * '…' → ‘…’, and an apostrophe (it's, students') → ’.
 *
 * libcmark's CMARK_OPT_SMART is not used: it decides opening and closing
 * by the blanks around a quote, which Japanese does not write
 * (皆様に"ご満足"を makes both quotes closing ones), and it also turns --
 * and --- into dashes, which a ward document does not want (045--1234 and
 * the hyphens of codes stay as typed; an author who means a dash types
 * ―). Here a double quote opens and closes in turn within a block, code
 * is left alone, and the braille edition still reads the pairs as カギ
 * (normalize.c). */
#ifndef HK_QUOTES_H
#define HK_QUOTES_H

#include <glib.h>

/* Rewrites the quotes of a block's inlines (HkInline*, document.h) in
 * place: text, emphasis, strong and link text; never code or URLs. */
void hk_quotes_smarten_inlines(GPtrArray *inlines);

/* The same for one string (a front-matter value): a new string. */
char *hk_quotes_smarten(const char *s);

#endif
