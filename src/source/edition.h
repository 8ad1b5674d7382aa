/* edition: the interface every edition renderer implements.
 *
 * main looks editions up by name; each renders one document with one layout
 * into files named DIR/<stem>.<suffix>. A renderer reads the document model
 * only (never the source) and writes through output.h so that no partial
 * file is left behind. */
#ifndef HK_EDITION_H
#define HK_EDITION_H

#include "document.h"
#include "layout.h"

typedef gboolean (*HkRenderFn)(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                               GError **error);
/* Reads and checks everything the edition takes from `layout`, without a
 * document: run for every edition before any output is written. */
typedef gboolean (*HkCheckFn)(const HkLayout *layout, GError **error);

typedef struct {
    const char *name;           /* as given to --edition */
    const char *default_layout; /* relative to the data directory */
    HkRenderFn render;
    HkCheckFn check;
    const char *summary; /* one line for --help */
    /* What follows <stem> in the names of the files it writes, NULL-
     * terminated: what -v reports and --stdout counts. */
    const char *const *files;
} HkEdition;

/* The editions this build has, terminated by an entry with name NULL. */
extern const HkEdition hk_editions[];

#endif
