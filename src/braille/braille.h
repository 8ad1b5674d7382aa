/* braille: the whole translator, text to braille cells, as the editions and
 * the `hiraku braille` command use it: reader (text → kana transcription)
 * then louis (transcription → cells). One translator per process: MeCab and
 * liblouis are initialised once. */
#ifndef HK_BRAILLE_H
#define HK_BRAILLE_H

#include "charwarn.h"
#include "document.h"
#include "reader.h"

typedef struct HkBraille HkBraille;

/* The process-wide translator. Never free it. The dictionary and the
 * table are loaded when first needed (--kana never loads the table); a
 * call that needs one that cannot be loaded fails with *error. */
HkBraille *hk_braille_shared(GError **error);

/* The translator's reader, for the other users of its readings (the
 * furigana edition): one MeCab per process. */
HkReader *hk_braille_reader(HkBraille *br, GError **error);

/* Where the translator reports the characters it describes or drops
 * instead of failing (see screen.h, louis.h); NULL fn: nowhere. Offsets
 * count characters in the text of the call that reports them. */
void hk_braille_set_warn(HkBraille *br, HkCharWarnFn fn, gpointer user);

/* Text (with the author's readings) → kana transcription. A character
 * braille cannot write is described or dropped (screen.h), never an error. */
char *hk_braille_kana(HkBraille *br, const HkSpan *spans, gsize n, GError **error);
/* hk_braille_kana in two halves, for two threads (reader.h): the first
 * screens the text and analyses it (MeCab), the second applies the rules
 * and screens the transcription; each reports to its `warn`. Once
 * hk_braille_prepare has loaded everything, one thread may analyse while
 * another transcribes (and writes cells with hk_braille_cells_of_kana). */
typedef HkReaderText HkBrailleText;
HkBrailleText *hk_braille_analyse(HkBraille *br, const HkSpan *spans, gsize n,
                                  const HkCharWarn *warn, GError **error);
char *hk_braille_kana_of(HkBraille *br, const HkBrailleText *text, const HkCharWarn *warn,
                         GError **error);
gsize hk_braille_text_size(const HkBrailleText *text);
void hk_braille_text_free(HkBrailleText *text);
/* Kana transcription → cells (Unicode braille, blank cell as ASCII space). */
char *hk_braille_cells_from_kana(HkBraille *br, const char *kana, GError **error);
/* Kana transcription → cells, reporting to `warn` instead of the
 * translator's sink (offsets are the kana text's). Once
 * hk_braille_prepare has loaded the table, another thread may call this
 * while one transcribes: liblouis is only ever entered by one at a time
 * (louis.c), and nothing of the translator changes. */
char *hk_braille_cells_of_kana(HkBraille *br, const char *kana, const HkCharWarn *warn,
                               GError **error);
/* Loads the dictionary and the table now rather than on first use. */
gboolean hk_braille_prepare(HkBraille *br, GError **error);
/* Text → cells: the two above in one. */
char *hk_braille_cells(HkBraille *br, const HkSpan *spans, gsize n, GError **error);

#endif
