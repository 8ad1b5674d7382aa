/* editions: the registry of edition renderers that main chooses from. */
#include "edition.h"
#include "pdfedition.h"

const HkEdition hk_editions[] = {
    {"print", "layouts/print-a4.ini", hk_render_print,
     "A4 print PDF (tagged, BIZ UD Mincho body): <stem>.print.pdf"},
    {NULL, NULL, NULL, NULL},
};
