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

/* Writes `bytes` (NULL: its maker failed and set *error) and drops them. */
static gboolean put(const char *out_dir, const char *name, GBytes *bytes, GError **error)
{
    if (!bytes)
        return FALSE;
    char *path = g_build_filename(out_dir, name, NULL);
    gboolean ok = hk_output_write_bytes(path, bytes, error);
    g_free(path);
    g_bytes_unref(bytes);
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

static gboolean write_volume(const HkBrailleBook *book, const HkBrailleLayout *bl, HkFonts *fonts,
                             const char *out_dir, const char *vstem, GError **error)
{
    char *name[NVOLUME];
    for (int f = 0; f < NVOLUME; f++)
        name[f] = g_strconcat(vstem, suffix[f], NULL);
    char *proof_path = g_build_filename(out_dir, name[PROOF], NULL);
    gboolean ok =
        put(out_dir, name[BRF], hk_brf_bytes(book), error) &&
        put(out_dir, name[BES], hk_bes_bytes(book), error) &&
        put(out_dir, name[BSE], hk_bse_bytes(book), error) &&
        put(out_dir, name[TXT], hk_brailletxt_bytes(book), error) &&
        put(out_dir, name[PROOF], hk_proof_bytes(book, bl, fonts, proof_path, error), error);
    for (int f = 0; f < NVOLUME; f++)
        g_free(name[f]);
    g_free(proof_path);
    return ok;
}

gboolean hk_braille_write_all(HkBrailleBook *const *books, guint n, const HkBrailleLayout *bl,
                              HkFonts *fonts, const char *out_dir, const char *stem, GError **error)
{
    /* One batch: every file of every volume appears together or not at all. */
    hk_output_batch_begin();
    char *name = g_strconcat(stem, ".pef", NULL);
    gboolean ok = put(out_dir, name, hk_pef_bytes(books, n, error), error);
    g_free(name);
    for (guint v = 0; ok && v < n; v++) {
        char *vs = volume_stem(stem, v, n);
        ok = write_volume(books[v], bl, fonts, out_dir, vs, error);
        g_free(vs);
    }
    if (ok)
        return hk_output_batch_commit(error);
    hk_output_batch_abort();
    return FALSE;
}
