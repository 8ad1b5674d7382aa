/* reading: morphological analysis with MeCab, one analyser per process.
 *
 * Owns the MeCab handle and the knowledge of the dictionary's feature
 * layout. The dictionary is always named explicitly (never /etc/mecabrc):
 * by default the one the build compiles (build/dict/hiraku-naist plus the
 * project's user dictionary build/dict/hiraku-user.dic); the environment
 * variables HIRAKU_DICDIR, HIRAKU_DICFORMAT (ipadic|unidic) and
 * HIRAKU_USERDIC (empty: none) select another one for measurements. */
#ifndef HK_READING_H
#define HK_READING_H

#include <glib.h>

typedef struct HkAnalyzer HkAnalyzer;

/* One morpheme. Strings point into the analyser's per-call storage and
 * stay valid until the next hk_analyzer_parse call. Fields the dictionary
 * does not give are "" (never NULL). POS names follow IPAdic/NAIST-JDIC
 * (other layouts are mapped onto them). */
typedef struct {
    const char *surface; /* NUL-terminated copy of the surface */
    gsize offset;        /* byte offset of the surface in the parsed text */
    gsize len;           /* byte length of the surface */
    gsize space_before;  /* bytes of blank the analyser skipped before it */
    const char *pos[4];  /* 品詞, 細分類1..3 */
    const char *ctype;   /* 活用型 */
    const char *cform;   /* 活用形 */
    const char *base;    /* 原形 */
    const char *reading; /* 読み (katakana, as spelled) */
    const char *pron;    /* 発音 (katakana, long vowels as ー) */
    const char *braille; /* braille notation from the dictionary, or "" */
    gboolean unknown;    /* not in the dictionary */
} HkMorph;

HkAnalyzer *hk_analyzer_new(GError **error);
/* A second analyser on the same dictionaries (loaded once): it may parse
 * on another thread while `an` parses. NULL if MeCab cannot make one. */
HkAnalyzer *hk_analyzer_new_sibling(HkAnalyzer *an);
void hk_analyzer_free(HkAnalyzer *an);

/* Analyses `len` bytes of UTF-8 text; returns the morphemes (owned by the
 * analyser, valid until the next call) and sets *n. NULL with *error if
 * MeCab fails. */
const HkMorph *hk_analyzer_parse(HkAnalyzer *an, const char *text, gsize len, gsize *n,
                                 GError **error);

/* A parse kept past the next call, on its own: it may be read on another
 * thread while the analyser parses on (reader.h's two halves). Its
 * morphemes' dictionary fields are looked up when they are first read, in
 * the analyser's cache: one thread may keep parses while one other reads
 * them, but only one thread at a time may read them or call
 * hk_analyzer_parse on the analyser. */
typedef struct HkParse HkParse;

/* hk_analyzer_parse, its morphemes copied out of the analyser. NULL with
 * *error if MeCab fails. */
HkParse *hk_analyzer_parse_keep(HkAnalyzer *an, const char *text, gsize len, GError **error);
const HkMorph *hk_parse_morphs(HkParse *p, gsize *n);
/* About the bytes the parse holds, to bound what waits in a queue. */
gsize hk_parse_size(const HkParse *p);
void hk_parse_free(HkParse *p);

/* One dictionary word the analyser could use at a place of the text. */
typedef struct {
    gsize pos, len; /* bytes */
    char *reading;
} HkEntry;

/* Every dictionary word (every reading, not only the best path's) that
 * lies inside `len` bytes of text. Returns a new array of HkEntry; free it
 * with g_array_unref. NULL if MeCab fails. */
GArray *hk_analyzer_entries(HkAnalyzer *an, const char *text, gsize len);

/* The dictionary directory in use (for messages and the README figures). */
const char *hk_analyzer_dicdir(const HkAnalyzer *an);

#endif
