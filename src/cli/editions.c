/* editions: the registry of edition renderers that main chooses from. */
#include "edition.h"

#include <string.h>

#include "edition_braille.h"
#include "edition_web.h"
#include "epub.h"
#include "furigana.h"
#include "pdfedition.h"
#include "render.h"

const HkEdition hk_editions[] = {
    {"print", "layouts/print-a4.ini", hk_render_print,
     "A4 print PDF (tagged, BIZ UD Mincho body): <stem>.print.pdf"},
    {"large", "layouts/large-a4.ini", hk_render_large,
     "A4 large-type PDF (BIZ UD Gothic, 22 pt, nothing under 18 pt): <stem>.large.pdf"},
    {"press", "layouts/press-a4.ini", hk_render_press,
     "print PDF for a print vendor (TrimBox, 3 mm BleedBox, crop marks): <stem>.press.pdf"},
    {"braille", "layouts/braille-32x18.ini", hk_edition_braille,
     "Japanese braille, 32 cells x 18 lines: <stem>.brf, .bes, .pef, .braille.txt, "
     ".proof.pdf"},
    {"furigana", "layouts/print-a4.ini", hk_render_furigana,
     "A4 print PDF with furigana over every kanji word (the braille readings): "
     "<stem>.furigana.pdf"},
    /* Last, so that the page can link the editions rendered before it
     * (edition_web.h); the EPUB before the page, which links it too. */
    {"epub", "layouts/web.ini", hk_render_epub,
     "EPUB 3 with accessibility metadata, navigation and ruby: <stem>.epub"},
    {"web", "layouts/web.ini", hk_render_web,
     "one accessible HTML page (no script), linking the editions beside it: <stem>.html"},
    {NULL, NULL, NULL, NULL},
};

/* The layout `render --furigana` chooses instead of the default (a
 * reading over every kanji word), for the editions that have the variant;
 * the furigana PDF is its own edition. */
const char *hk_furigana_layout(const HkEdition *e)
{
    static const char *const variants[][2] = {
        {"web", "layouts/web-furigana.ini"},
        {"epub", "layouts/web-furigana.ini"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(variants); i++)
        if (!strcmp(variants[i][0], e->name))
            return variants[i][1];
    return NULL;
}
