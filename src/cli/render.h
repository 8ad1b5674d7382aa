/* render: the `hiraku render` command: options, the job list (files ×
 * editions) and running it, in parallel processes with -j. */
#ifndef HK_RENDER_H
#define HK_RENDER_H

#include "edition.h"

int hk_cli_render(int argc, char **argv);

/* The layout `render --furigana` gives edition `e` instead of its default
 * (a reading over every kanji word), or NULL where it has no such variant
 * (editions.c). */
const char *hk_furigana_layout(const HkEdition *e);

#endif
