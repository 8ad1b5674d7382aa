/* editions: the registry of edition renderers that main chooses from. */
#include "brailledoc.h"
#include "braillewrite.h"
#include "edition.h"

#include <string.h>

#include "edition_braille.h"
#include "edition_web.h"
#include "epub.h"
#include "furigana.h"
#include "pdfedition.h"
#include "render.h"

static const char *const print_files[] = {".print.pdf", NULL};
static const char *const large_files[] = {".large.pdf", NULL};
static const char *const press_files[] = {".press.pdf", NULL};
static const char *const furigana_files[] = {".furigana.pdf", NULL};
static const char *const epub_files[] = {".epub", NULL};
static const char *const web_files[] = {".html", NULL};

const HkEdition hk_editions[] = {
    {"print", "layouts/print-a4.ini", hk_render_print, hk_check_print,
     "A4 print PDF (tagged, BIZ UD Mincho body)", print_files},
    {"large", "layouts/large-a4.ini", hk_render_large, hk_check_large,
     "A4 large-type PDF (BIZ UD Gothic, 22 pt, nothing under 18 pt)", large_files},
    {"press", "layouts/press-a4.ini", hk_render_press, hk_check_press,
     "print PDF for a print vendor (TrimBox, 3 mm BleedBox, crop marks)", press_files},
    {"braille", "layouts/braille-32x18.ini", hk_edition_braille, hk_braille_check_layout,
     "Japanese braille, 32 cells x 18 lines, and its proof PDF", hk_braille_suffixes},
    {"furigana", "layouts/print-a4.ini", hk_render_furigana, hk_check_furigana,
     "A4 print PDF with furigana over every kanji word (the braille readings)", furigana_files},
    /* Last, so that the page can link the editions rendered before it
     * (edition_web.h); the EPUB before the page, which links it too. */
    {"epub", "layouts/web.ini", hk_render_epub, hk_check_web,
     "EPUB 3 with accessibility metadata, navigation and ruby", epub_files},
    {"web", "layouts/web.ini", hk_render_web, hk_check_web,
     "one accessible HTML page (no script), linking the editions beside it", web_files},
    {NULL, NULL, NULL, NULL, NULL, NULL},
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
