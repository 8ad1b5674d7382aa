/* preflight: what `hiraku render` checks before it writes anything, so
 * that bad input stops the run with nothing written: every source parses,
 * no two sources would write the same output names, and every layout
 * satisfies its edition (values in range, no unknown group or key). */
#ifndef HK_PREFLIGHT_H
#define HK_PREFLIGHT_H

#include <glib.h>

#include "document.h"
#include "layout.h"

/* Loads every file; reports each one that fails and returns NULL (with
 * *rc the exit code) if any does. Otherwise an array of n documents. */
HkDocument **hk_preflight_sources(char *const *files, int n, int *rc);
/* Reports every pair of documents with the same output stem; FALSE if any. */
gboolean hk_preflight_stems(HkDocument *const *docs, int n, const char *out_dir);
/* Runs each chosen edition's layout check, then the unknown-key check;
 * reports the first failure and returns its exit code, else 0. `chosen`
 * holds const HkEdition *, parallel to `layouts`. */
int hk_preflight_layouts(const GPtrArray *chosen, HkLayout *const *layouts);
void hk_preflight_free(HkDocument **docs, int n);

#endif
