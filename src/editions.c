/* editions: the registry of edition renderers that main chooses from. */
#include "edition.h"

const HkEdition hk_editions[] = {
    {NULL, NULL, NULL, NULL},
};
