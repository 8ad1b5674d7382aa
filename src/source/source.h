/* source: reads a source file into the document model.
 *
 * Owns the checks that apply to the file as bytes (readable, valid UTF-8,
 * no NUL) and the front matter (a YAML mapping of known keys between two
 * "---" lines); hands the Markdown body to markdown.c. */
#ifndef HK_SOURCE_H
#define HK_SOURCE_H

#include "document.h"

#define HK_SOURCE_MAX_BYTES (64 << 20)
#define HK_SOURCE_MAX_LINE (256 << 10)

/* Loads and parses `path`. On bad input returns NULL and sets an
 * HK_ERROR_INPUT error naming file:line:col. */
HkDocument *hk_source_load(const char *path, GError **error);

/* The same from bytes already in memory; `path` is used for messages and to
 * resolve images. */
HkDocument *hk_source_parse(const char *path, const char *data, gsize len, GError **error);

/* TRUE if `v` is a calendar date written YYYY-MM-DD (years 1 to 9999). */
gboolean hk_source_valid_date(const char *v);
/* The first character of the `len`-byte value `v` that a front-matter
 * value may not hold (0 for a NUL, a C0 or C1 control, U+FFFE, U+FFFF),
 * or (gunichar)-1 if there is none. */
gunichar hk_source_bad_char(const char *v, gsize len);
/* An unpaired surrogate written as UTF-8 (the three bytes ED A0..BF xx that
 * strict UTF-8 refuses: text converted from UTF-16 with a broken pair) is
 * replaced in place by U+FFFD, which has the same length, so that offsets
 * and columns stay right; the editions report the U+FFFD where they cannot
 * write it (braille: one warning each). Returns the number replaced. */
gsize hk_utf8_replace_surrogates(char *data, gsize len);

#endif
