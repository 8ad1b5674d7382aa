#include "braillewrite.h"

#include "bes.h"
#include "brailletxt.h"
#include "brf.h"
#include "error.h"
#include "output.h"
#include "pef.h"
#include "proof.h"

enum { BRF, BES, PEF, TXT, PROOF, NFILES };

static const char *const suffix[NFILES] = {".brf", ".bes", ".pef", ".braille.txt", ".proof.pdf"};

gboolean hk_braille_write_all(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                              const char *out_dir, const char *stem, GError **error)
{
    GBytes *bytes[NFILES] = {NULL};
    char *path[NFILES];
    for (int i = 0; i < NFILES; i++) {
        char *name = g_strconcat(stem, suffix[i], NULL);
        path[i] = g_build_filename(out_dir, name, NULL);
        g_free(name);
    }
    bytes[BRF] = hk_brf_bytes(book);
    bytes[BES] = hk_bes_bytes(book);
    bytes[PEF] = hk_pef_bytes(book, error);
    bytes[TXT] = hk_brailletxt_bytes(book);
    gboolean ok = bytes[PEF] != NULL;
    ok = ok && (bytes[PROOF] = hk_proof_bytes(book, bl, fonts, path[PROOF], error)) != NULL;
    /* One batch: the five files appear together or not at all. */
    hk_output_batch_begin();
    for (int i = 0; ok && i < NFILES; i++)
        ok = hk_output_write_bytes(path[i], bytes[i], error);
    if (ok)
        ok = hk_output_batch_commit(error);
    else
        hk_output_batch_abort();
    for (int i = 0; i < NFILES; i++) {
        if (bytes[i])
            g_bytes_unref(bytes[i]);
        g_free(path[i]);
    }
    return ok;
}
