/* markdown: turns the Markdown body of a source file into document blocks.
 *
 * Owns the CommonMark parse (libcmark) and the project's extensions to it:
 * ruby {漢字|かんじ} / {漢字|かん|じ}, images as figures with required alt
 * text. Line numbers are shifted by `first_line` so that messages name the
 * line in the whole file (front matter included). */
#ifndef HK_MARKDOWN_H
#define HK_MARKDOWN_H

#include "document.h"

gboolean hk_markdown_parse(HkDocument *doc, const char *body, gsize len, int first_line,
                           GError **error);

#endif
