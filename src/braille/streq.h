/* streq: string equality for the rules' tests of a morpheme's fields
 * against a literal (a part of speech, a surface).
 *
 * The reader and wakachi make some sixty such tests per morpheme; most
 * fail on the first character, which for Japanese is the first three
 * bytes. Checked inline, with the literal's bytes known to the compiler,
 * a failing test costs a few instructions instead of a call to strcmp
 * (a tenth of the kana transcription). */
#ifndef HK_STREQ_H
#define HK_STREQ_H

#include <glib.h>
#include <string.h>

static inline gboolean hk_streq(const char *a, const char *b)
{
    for (int i = 0; i < 3; i++) {
        if (a[i] != b[i])
            return FALSE;
        if (a[i] == '\0')
            return TRUE;
    }
    return strcmp(a, b) == 0;
}

#endif
