/* datadir: where the program's data lives (layouts/, tables/, fonts/ and the
 * compiled MeCab dictionaries).
 *
 * The data directory is fixed when the program is built (HK_DATADIR): the
 * source tree for the build in build/, $(PREFIX)/share/hiraku for the
 * binary `make install` links. $HIRAKU_DATA_DIR, when set and not empty,
 * replaces it. The current directory is never searched. */
#ifndef HK_DATADIR_H
#define HK_DATADIR_H

/* The data directory in force. */
const char *hk_data_dir(void);

/* A newly allocated path below the data directory. */
char *hk_data_path(const char *relative);

/* A newly allocated path to compiled dictionary `name`: build/dict/ below
 * the source tree, dict/ below an installed data directory (HK_DICT_SUBDIR
 * says which layout this binary was built for). */
char *hk_dict_path(const char *name);

#endif
