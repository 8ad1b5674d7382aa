#include "braillewrite.h"

#include "bes.h"
#include "brailletxt.h"
#include "brf.h"
#include "bse.h"
#include "error.h"
#include "output.h"
#include "pef.h"
#include "proof.h"

/* The files of one volume, and the book's one PEF. */
enum { BRF, BES, BSE, TXT, PROOF, NVOLUME };

static const char *const suffix[NVOLUME] = {".brf", ".bes", ".bse", ".braille.txt", ".proof.pdf"};
const char *const hk_braille_suffixes[] = {".pef",         ".brf",       ".bes", ".bse",
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

static gboolean begin(HkOutput *o, const char *out_dir, const char *name, GError **error)
{
    char *path = g_build_filename(out_dir, name, NULL);
    gboolean ok = hk_output_begin(o, path, error);
    g_free(path);
    return ok;
}

/* <stem>-k (k padded to the width of n), or <stem> for one volume. */
static char *volume_stem(const char *stem, guint k, guint n)
{
    if (n < 2)
        return g_strdup(stem);
    int width = g_snprintf(NULL, 0, "%u", n);
    return g_strdup_printf("%s-%0*u", stem, width, k + 1);
}

static gboolean write_volume(HkOutput *o, const HkBrailleBook *book, const HkBrailleLayout *bl,
                             HkFonts *fonts, GError **error)
{
    return put(&o[BRF], hk_brf_bytes(book), error) && put(&o[BES], hk_bes_bytes(book), error) &&
           put(&o[BSE], hk_bse_bytes(book), error) &&
           put(&o[TXT], hk_brailletxt_bytes(book), error) &&
           hk_proof_write(book, bl, fonts, o[PROOF].tmp_path, o[PROOF].final_path, error);
}

gboolean hk_braille_write_all(HkBrailleBook *const *books, guint n, const HkBrailleLayout *bl,
                              HkFonts *fonts, const char *out_dir, const char *stem, GError **error)
{
    guint total = 1 + n * NVOLUME;
    HkOutput *out = g_new0(HkOutput, total);
    guint begun = 0;
    char *name = g_strconcat(stem, ".pef", NULL);
    gboolean ok = begin(&out[begun], out_dir, name, error);
    g_free(name);
    begun += ok;
    for (guint v = 0; ok && v < n; v++) {
        char *vs = volume_stem(stem, v, n);
        for (int f = 0; ok && f < NVOLUME; f++) {
            name = g_strconcat(vs, suffix[f], NULL);
            ok = begin(&out[begun], out_dir, name, error);
            begun += ok;
            g_free(name);
        }
        g_free(vs);
    }
    if (ok) {
        GBytes *pef = hk_pef_bytes(books, n, error);
        ok = pef && put(&out[0], pef, error);
    }
    for (guint v = 0; ok && v < n; v++)
        ok = write_volume(&out[1 + v * NVOLUME], books[v], bl, fonts, error);
    for (guint i = 0; i < begun; i++) {
        if (ok)
            ok = hk_output_commit(&out[i], error);
        else
            hk_output_abort(&out[i]);
    }
    g_free(out);
    return ok;
}
