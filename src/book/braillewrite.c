#include "braillewrite.h"

#include "bes.h"
#include "brailletxt.h"
#include "brf.h"
#include "error.h"
#include "output.h"
#include "pef.h"
#include "proof.h"

enum { BRF, BES, PEF, TXT, PROOF, NFILES };

const char *const hk_braille_suffixes[NFILES + 1] = {".brf",         ".bes",       ".pef",
                                                     ".braille.txt", ".proof.pdf", NULL};

static gboolean put(HkOutput *o, GBytes *bytes, GError **error)
{
    GError *e = NULL;
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    gboolean ok = g_file_set_contents(o->tmp_path, data ? data : "", (gssize)len, &e);
    if (!ok) {
        hk_set_error_at(error, HK_ERROR_RENDER, o->final_path, 1, 1, "cannot write output: %s",
                        e->message);
        g_error_free(e);
    }
    g_bytes_unref(bytes);
    return ok;
}

gboolean hk_braille_write_all(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                              const char *out_dir, const char *stem, GError **error)
{
    HkOutput out[NFILES] = {{0}};
    gboolean ok = TRUE;
    int begun = 0;
    for (; ok && begun < NFILES; begun++) {
        char *name = g_strconcat(stem, hk_braille_suffixes[begun], NULL);
        char *path = g_build_filename(out_dir, name, NULL);
        ok = hk_output_begin(&out[begun], path, error);
        g_free(name);
        g_free(path);
        if (!ok)
            break;
    }
    ok = ok && put(&out[BRF], hk_brf_bytes(book), error);
    ok = ok && put(&out[BES], hk_bes_bytes(book), error);
    if (ok) {
        GBytes *pef = hk_pef_bytes(book, error);
        ok = pef && put(&out[PEF], pef, error);
    }
    ok = ok && put(&out[TXT], hk_brailletxt_bytes(book), error);
    if (ok) {
        ok = hk_proof_write(book, bl, fonts, out[PROOF].tmp_path, out[PROOF].final_path, error);
    }
    for (int i = 0; i < begun; i++) {
        if (ok)
            ok = hk_output_commit(&out[i], error);
        else
            hk_output_abort(&out[i]);
    }
    return ok;
}
