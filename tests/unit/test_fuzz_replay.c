/* Replays the fuzz seed corpus and every saved crashing input through the
 * parser: each must give a document or a located error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "output.h"
#include "source.h"

static int replay_dir(const char *rel, const char *prefix)
{
    char *dir = hk_data_path(rel);
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (prefix && !g_str_has_prefix(name, prefix))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        char *data;
        gsize len;
        assert_true(g_file_get_contents(path, &data, &len, NULL));
        GError *err = NULL;
        HkDocument *doc = hk_source_parse(path, data, len, &err);
        if (!doc) {
            assert_non_null(err);
            /* every failure names a place */
            assert_true(g_str_has_prefix(err->message, path));
            g_error_free(err);
        }
        hk_document_free(doc);
        g_free(data);
        g_free(path);
        n++;
    }
    if (d)
        g_dir_close(d);
    g_free(dir);
    return n;
}

static void corpus_and_regressions(void **state)
{
    (void)state;
    int seeds = replay_dir("fuzz/corpus/source", NULL);
    assert_true(seeds > 0);
    replay_dir("fuzz/regressions", "fuzz_source-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(corpus_and_regressions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
