/* Unit tests for reading's kept parses and sibling analysers, which
 * `hiraku braille` uses on two threads: a kept parse holds the same
 * morphemes as hk_analyzer_parse gives, still after later parses; a
 * sibling analyser (the same MeCab model) gives the same analysis; and
 * parses kept on one thread read the same on another, in order. The text
 * is the samples' lines (tests/data/seeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "datadir.h"
#include "reading.h"

typedef struct {
    HkAnalyzer *an, *sib;
    GPtrArray *lines;
    GPtrArray *want; /* each line's morphemes as one string, from the sibling */
} Fixture;

/* Every field of the morphemes, one line of text. */
static char *describe(const HkMorph *ms, gsize n)
{
    GString *s = g_string_new(NULL);
    for (gsize i = 0; i < n; i++) {
        const HkMorph *m = &ms[i];
        g_string_append_printf(s, "%zu+%zu+%zu|%s|%s,%s,%s,%s|%s|%s|%s|%s|%s|%s|%d\n", m->offset,
                               m->len, m->space_before, m->surface, m->pos[0], m->pos[1], m->pos[2],
                               m->pos[3], m->ctype, m->cform, m->base, m->reading, m->pron,
                               m->braille, m->unknown);
    }
    return g_string_free(s, FALSE);
}

static void load_seeds(GPtrArray *lines)
{
    const char *names[] = {"kanazawa-r02-policy.txt", "kanazawa-r07-policy.txt"};
    for (int i = 0; i < 2; i++) {
        char *rel = g_strconcat("tests/data/seeds/", names[i], NULL);
        char *path = hk_data_path(rel);
        char *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        char **ls = g_strsplit(text, "\n", -1);
        for (char **l = ls; *l; l++)
            if (**l)
                g_ptr_array_add(lines, g_strdup(*l));
        g_strfreev(ls);
        g_free(text);
        g_free(path);
        g_free(rel);
    }
}

static int setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    f->an = hk_analyzer_new(NULL);
    if (!f->an)
        return -1;
    f->sib = hk_analyzer_new_sibling(f->an);
    if (!f->sib)
        return -1;
    f->lines = g_ptr_array_new_with_free_func(g_free);
    f->want = g_ptr_array_new_with_free_func(g_free);
    load_seeds(f->lines);
    for (guint i = 0; i < f->lines->len; i++) {
        const char *line = f->lines->pdata[i];
        gsize n;
        const HkMorph *ms = hk_analyzer_parse(f->sib, line, strlen(line), &n, NULL);
        if (!ms)
            return -1;
        g_ptr_array_add(f->want, describe(ms, n));
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    hk_analyzer_free(f->sib);
    hk_analyzer_free(f->an);
    g_ptr_array_unref(f->lines);
    g_ptr_array_unref(f->want);
    g_free(f);
    return 0;
}

static void assert_same(const Fixture *f, guint i, HkParse *p)
{
    gsize n;
    const HkMorph *ms = hk_parse_morphs(p, &n);
    char *got = describe(ms, n);
    assert_string_equal(got, f->want->pdata[i]);
    g_free(got);
}

/* Every line kept first, then read: each kept parse outlives all the
 * parses after it, and the first analyser reads as its sibling does. */
static void test_kept_outlive(void **state)
{
    Fixture *f = *state;
    assert_true(f->lines->len > 100);
    GPtrArray *kept = g_ptr_array_new_with_free_func((GDestroyNotify)hk_parse_free);
    for (guint i = 0; i < f->lines->len; i++) {
        const char *line = f->lines->pdata[i];
        HkParse *p = hk_analyzer_parse_keep(f->an, line, strlen(line), NULL);
        assert_non_null(p);
        g_ptr_array_add(kept, p);
        /* Another parse in between, which reuses the analyser's storage. */
        gsize n;
        assert_non_null(hk_analyzer_parse(f->an, "東京都", strlen("東京都"), &n, NULL));
    }
    for (guint i = 0; i < kept->len; i++)
        assert_same(f, i, kept->pdata[i]);
    /* Read twice: the same. */
    assert_same(f, 0, kept->pdata[0]);
    g_ptr_array_unref(kept);
}

typedef struct {
    Fixture *f;
    GAsyncQueue *q;
} Producer;

static gpointer produce(gpointer data)
{
    Producer *pr = data;
    for (guint i = 0; i < pr->f->lines->len; i++) {
        const char *line = pr->f->lines->pdata[i];
        g_async_queue_push(pr->q, hk_analyzer_parse_keep(pr->f->an, line, strlen(line), NULL));
    }
    return NULL;
}

/* Parses kept on one thread, read on this one while it keeps parsing
 * (as hiraku braille's two threads do): the same, in order. */
static void test_kept_across_threads(void **state)
{
    Fixture *f = *state;
    Producer pr = {f, g_async_queue_new()};
    GThread *t = g_thread_new("keep", produce, &pr);
    for (guint i = 0; i < f->lines->len; i++) {
        HkParse *p = g_async_queue_pop(pr.q);
        assert_non_null(p);
        assert_same(f, i, p);
        hk_parse_free(p);
        /* This thread's own analyser meanwhile. */
        gsize n;
        const char *line = f->lines->pdata[i];
        assert_non_null(hk_analyzer_parse(f->sib, line, strlen(line), &n, NULL));
    }
    g_thread_join(t);
    g_async_queue_unref(pr.q);
}

static void test_empty(void **state)
{
    Fixture *f = *state;
    HkParse *p = hk_analyzer_parse_keep(f->an, "", 0, NULL);
    assert_non_null(p);
    gsize n = 99;
    hk_parse_morphs(p, &n);
    assert_int_equal(n, 0);
    hk_parse_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_outlive),
        cmocka_unit_test(test_kept_across_threads),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
