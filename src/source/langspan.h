/* langspan: finds the runs of Latin-script words in Japanese text (Wi-Fi,
 * GREEN×EXPO, Kanabun, a URL), which the editions mark with a language of
 * their own: PDF/UA-1 (ISO 14289-1 7.2) asks that a change of natural
 * language be declared, so that a screen reader reading Japanese switches
 * voice for them.
 *
 * The rule: a run is made of words; a word is Latin letters (Unicode
 * script Latin, not the fullwidth forms Ａ–ｚ, which Japanese text uses as
 * its own characters), ASCII digits and combining marks, with the joining
 * marks of names and addresses (- ' ’ . × & / : _ ~ ? = # % + @) inside it,
 * never at its ends; words separated by one space join the run. A word
 * without a Latin letter is not English: digits alone (第4期, 2027) are
 * read in the document's language, and so are Roman numerals (Ⅱ, letter
 * numbers, not letters; and a word of the capitals I, V, X only, the way
 * Japanese documents write Ⅱ in ASCII). */
#ifndef HK_LANGSPAN_H
#define HK_LANGSPAN_H

#include <glib.h>

/* The language of the runs found (BCP 47). */
#define HK_LANG_LATIN "en"

typedef struct {
    int start, end; /* bytes */
} HkLangRun;

/* Appends to `runs` (of HkLangRun) the Latin runs within bytes [s, e) of
 * UTF-8 `text`, in order; returns how many it found. */
guint hk_lang_latin_runs(const char *text, int s, int e, GArray *runs);

#endif
