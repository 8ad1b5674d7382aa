/* reference: what a source may point at outside itself.
 *
 * Links become /URI actions that a PDF reader follows when a resident
 * clicks, so only schemes that open a web page, a mail or a call are
 * allowed (http, https, mailto, tel), and relative links only to the
 * document's own editions (<stem>.large.pdf, <stem>.brf, …): javascript:,
 * file:, data:, launch: and the like are refused.
 *
 * Images are read and embedded, so a source may read only files inside its
 * own directory or a directory allowed with hk_reference_allow_dir (the
 * command line's --allow-dir); absolute paths, ../ and symbolic links that
 * lead elsewhere are refused, with one message whether or not the file
 * exists, so a source cannot probe the file system. */
#ifndef HK_REFERENCE_H
#define HK_REFERENCE_H

#include <glib.h>

/* NULL if `url` may be a link in the document whose outputs are named
 * `stem`; else why not (a static string). */
const char *hk_reference_link_problem(const char *url, const char *stem);

/* Adds a directory images may be read from besides the source's own
 * (process-wide, for the command line). */
void hk_reference_allow_dir(const char *dir);
void hk_reference_clear_allowed(void);

typedef enum {
    HK_IMAGE_OK,
    HK_IMAGE_OUTSIDE,   /* outside the allowed directories (found or not) */
    HK_IMAGE_NOT_FOUND, /* inside, but no such file */
    HK_IMAGE_IRREGULAR, /* inside, but a FIFO, device or directory: *resolved is set */
} HkImageCheck;

/* Resolves image `src` of a source in directory `source_dir`; on
 * HK_IMAGE_OK sets *resolved to the file's real path (newly allocated). */
HkImageCheck hk_reference_image(const char *source_dir, const char *src, char **resolved);

#endif
