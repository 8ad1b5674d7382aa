/* Replays the fuzz seed corpora and every saved crashing input: the parser
 * must give a document or a located error, the translator cells or an
 * error, the whole render path (fuzz_render, fuzz_layout: the same code,
 * fuzz/render_one.h) files or a located error; none may crash or hit
 * undefined behaviour (the sanitizer build aborts on it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "braille.h"
#include "datadir.h"
#include "source.h"

#include "../../fuzz/render_one.h"

typedef void (*ReplayFn)(const char *path, const char *data, gsize len);

/* Calls `fn` on each file of data directory `rel` whose name starts with
 * `prefix` (every file if NULL); returns how many there were. */
static int replay(const char *rel, const char *prefix, ReplayFn fn)
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
        fn(path, data, len);
        g_free(data);
        g_free(path);
        n++;
    }
    if (d)
        g_dir_close(d);
    g_free(dir);
    return n;
}

static void parse_one(const char *path, const char *data, gsize len)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse(path, data, len, &err);
    if (!doc) {
        assert_non_null(err);
        /* every failure names a place */
        assert_true(g_str_has_prefix(err->message, path));
        g_error_free(err);
    }
    hk_document_free(doc);
}

static void translate_one(const char *path, const char *data, gsize len)
{
    (void)path;
    if (!g_utf8_validate(data, (gssize)len, NULL))
        return;
    GError *err = NULL;
    HkBraille *br = hk_braille_shared(&err);
    assert_non_null(br);
    char *text = g_strndup(data, len);
    char **lines = g_strsplit(text, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        HkSpan span = {lines[i], NULL};
        char *cells = hk_braille_cells(br, &span, 1, &err);
        assert_true(cells != NULL || err != NULL);
        g_free(cells);
        g_clear_error(&err);
    }
    g_strfreev(lines);
    g_free(text);
}

static void source_corpus_and_regressions(void **state)
{
    (void)state;
    assert_true(replay("fuzz/corpus/source", NULL, parse_one) > 0);
    replay("fuzz/regressions", "fuzz_source-", parse_one);
}

static void braille_corpus_and_regressions(void **state)
{
    (void)state;
    assert_true(replay("fuzz/corpus/braille", NULL, translate_one) > 0);
    assert_true(replay("fuzz/regressions", "fuzz_braille-", translate_one) > 0);
}

static char *replay_out; /* the render replays' scratch directory */

static void render_one(const char *path, const char *data, gsize len)
{
    assert_true(hk_fuzz_render(path, data, len, replay_out));
}

static void layout_one(const char *path, const char *data, gsize len)
{
    (void)path;
    assert_true(hk_fuzz_layout(data, len, replay_out));
}

static void with_scratch(void (*body)(void))
{
    replay_out = g_dir_make_tmp("hiraku-replay-XXXXXX", NULL);
    assert_non_null(replay_out);
    body();
    hk_fuzz_empty_dir(replay_out);
    g_rmdir(replay_out);
    g_clear_pointer(&replay_out, g_free);
}

static void render_replays(void)
{
    assert_true(replay("fuzz/corpus/render", NULL, render_one) > 0);
    replay("fuzz/regressions", "fuzz_render-", render_one);
}

static void layout_replays(void)
{
    assert_true(replay("fuzz/corpus/layout", NULL, layout_one) > 0);
    assert_true(replay("fuzz/regressions", "fuzz_layout-", layout_one) > 0);
}

static void render_corpus_and_regressions(void **state)
{
    (void)state;
    with_scratch(render_replays);
}

static void layout_corpus_and_regressions(void **state)
{
    (void)state;
    with_scratch(layout_replays);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(source_corpus_and_regressions),
                                       cmocka_unit_test(braille_corpus_and_regressions),
                                       cmocka_unit_test(render_corpus_and_regressions),
                                       cmocka_unit_test(layout_corpus_and_regressions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
