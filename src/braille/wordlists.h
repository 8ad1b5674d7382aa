/* wordlists: the braille reader's word lists, kept as data in
 * dict/braille-words.ini (a GLib key file) rather than in code.
 *
 * Owns loading and looking up:
 * - [suffixes] attached: words the dictionary has as nouns of their own
 *   that braille writes as suffixes joined to the word before (同士:
 *   ショクインドーシ, てびき 第4版 第3章 接尾語);
 * - [senses]: words with two readings where the paragraph decides
 *   (分別 ブンベツ "sorting" beside フンベツ "discretion"): each key is a
 *   surface, its value the reading to use and the cue words, any of which
 *   in the same paragraph selects it. */
#ifndef HK_WORDLISTS_H
#define HK_WORDLISTS_H

#include <glib.h>

typedef struct HkWordLists HkWordLists;

/* Loads hk_data_path("dict/braille-words.ini"); NULL with *error if it
 * cannot be read. */
HkWordLists *hk_wordlists_load(GError **error);
void hk_wordlists_free(HkWordLists *wl);

/* TRUE if `surface` is written as a suffix of the word before. */
gboolean hk_wordlists_attached_suffix(const HkWordLists *wl, const char *surface);

/* The reading of the sense word that `text` begins with, if a cue of it
 * occurs in `para`; *len gets the surface's byte length. NULL if none. */
const char *hk_wordlists_sense(const HkWordLists *wl, const char *text, const char *para,
                               gsize *len);

#endif
