/* A cmocka group fixture shared by the tests that need the MeCab reader:
 * one reader for the whole group, as the program keeps one per process. */
#ifndef HK_TEST_READER_FIXTURE_H
#define HK_TEST_READER_FIXTURE_H

#include <stdio.h>

#include "reader.h"

static HkReader *reader;

static int setup(void **state)
{
    (void)state;
    GError *err = NULL;
    reader = hk_reader_new(&err);
    if (!reader) {
        fprintf(stderr, "%s\n", err->message);
        g_error_free(err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hk_reader_free(reader);
    return 0;
}

#endif
