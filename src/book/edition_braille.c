/* edition_braille: the braille edition as main calls it. Wires the
 * process-wide translator (braille.h) into brailledoc, which does the rest. */
#include "edition_braille.h"

#include "braille.h"
#include "brailledoc.h"

static char *kana(gpointer data, const HkSpan *spans, gsize n, GError **error)
{
    return hk_braille_kana(data, spans, n, error);
}

static char *cells(gpointer data, const char *k, GError **error)
{
    return hk_braille_cells_from_kana(data, k, error);
}

static void set_warn(gpointer data, HkCharWarnFn fn, gpointer user)
{
    hk_braille_set_warn(data, fn, user);
}

gboolean hk_edition_braille(const HkDocument *doc, const HkLayout *layout, const char *out_dir,
                            GError **error)
{
    HkBraille *br = hk_braille_shared(error);
    if (!br)
        return FALSE;
    HkBrailleTranslator tr = {br, kana, cells, set_warn};
    return hk_braille_render(doc, layout, &tr, out_dir, error);
}
