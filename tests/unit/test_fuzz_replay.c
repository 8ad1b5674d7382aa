/* Replays the fuzz seed corpus and every saved crashing input through the
 * parser: each must give a document or a located error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "braille.h"
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

/* The translator on every braille seed and saved input: cells or an error,
 * never a crash or undefined behaviour (the sanitizer build aborts on it). */
static int replay_braille(const char *rel, const char *prefix)
{
    GError *err = NULL;
    HkBraille *br = hk_braille_shared(&err);
    assert_non_null(br);
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
        if (g_utf8_validate(data, (gssize)len, NULL)) {
            char **lines = g_strsplit(data, "\n", -1);
            for (int i = 0; lines[i]; i++) {
                HkSpan span = {lines[i], NULL};
                char *cells = hk_braille_cells(br, &span, 1, &err);
                assert_true(cells != NULL || err != NULL);
                g_free(cells);
                g_clear_error(&err);
            }
            g_strfreev(lines);
        }
        g_free(data);
        g_free(path);
        n++;
    }
    if (d)
        g_dir_close(d);
    g_free(dir);
    return n;
}

static void braille_corpus_and_regressions(void **state)
{
    (void)state;
    assert_true(replay_braille("fuzz/corpus/braille", NULL) > 0);
    assert_true(replay_braille("fuzz/regressions", "fuzz_braille-") > 0);
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
    const struct CMUnitTest tests[] = {cmocka_unit_test(corpus_and_regressions),
                                       cmocka_unit_test(braille_corpus_and_regressions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
