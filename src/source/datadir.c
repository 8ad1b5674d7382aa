/* datadir: see datadir.h. */
#include "datadir.h"

#include <glib.h>

/* Only the Makefile knows where the data is: a build without the define
 * would fall back on some guess (the current directory), which is exactly
 * what an installed program must not do. */
#ifndef HK_DATADIR
#error "HK_DATADIR must name the data directory (see the Makefile)"
#endif
#ifndef HK_DICT_SUBDIR
#define HK_DICT_SUBDIR "build/dict"
#endif

const char *hk_data_dir(void)
{
    const char *dir = g_getenv("HIRAKU_DATA_DIR");
    return dir && *dir ? dir : HK_DATADIR;
}

char *hk_data_path(const char *relative)
{
    return g_build_filename(hk_data_dir(), relative, NULL);
}

char *hk_dict_path(const char *name)
{
    return g_build_filename(hk_data_dir(), HK_DICT_SUBDIR, name, NULL);
}
