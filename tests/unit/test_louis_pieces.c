/* Unit tests for louis's pieces: hk_louis_cells cuts a line at the blanks
 * between two katakana and caches each piece's cells (cellcache); the
 * cells must be those liblouis writes for the whole line at once. The
 * reference here is liblouis itself, called on the whole line with the
 * same table; the lines are every kana input of the braille harness,
 * then random joins of their words and of cut words, then the marks that
 * reach across a blank (句点, 矢印, digits, Latin, quotes) at the cuts, each
 * translated cold and again from the cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <json-glib/json-glib.h>
#include <liblouis/liblouis.h>
#include <string.h>

#include "datadir.h"
#include "louis.h"

typedef struct {
    HkLouis *louis;
    char *table;
    GPtrArray *words; /* of the harness inputs */
    GPtrArray *lines; /* the harness inputs */
} Fixture;

/* liblouis on the whole line, written as louis.c writes cells. */
static char *reference(const char *table, const char *kana)
{
    glong n = 0;
    gunichar *in = g_utf8_to_ucs4_fast(kana, -1, &n);
    int cap = (int)n * 8 + 16;
    widechar *out = g_new(widechar, cap);
    int in_len = (int)n, out_len = cap;
    GString *s = g_string_new(NULL);
    if (n > 0 && lou_translate(table, (widechar *)in, &in_len, out, &out_len, NULL, NULL, NULL,
                               NULL, NULL, dotsIO)) {
        for (int i = 0; i < out_len; i++) {
            if (out[i] & LOU_DOT_15)
                continue;
            if ((out[i] & 0xFF) == 0)
                g_string_append_c(s, ' ');
            else
                g_string_append_unichar(s, 0x2800 + (out[i] & 0xFF));
        }
    }
    g_free(in);
    g_free(out);
    return g_string_free(s, FALSE);
}

static int setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    GError *err = NULL;
    f->louis = hk_louis_new(&err);
    if (!f->louis)
        return -1;
    f->table = hk_data_path("tables/ja-kana.ctb");
    f->words = g_ptr_array_new_with_free_func(g_free);
    f->lines = g_ptr_array_new_with_free_func(g_free);
    char *path = hk_data_path("tests/data/braille/harness-dev.json");
    JsonParser *p = json_parser_new();
    if (!json_parser_load_from_file(p, path, &err))
        return -1;
    JsonArray *cases = json_node_get_array(json_parser_get_root(p));
    for (guint i = 0; i < json_array_get_length(cases); i++) {
        JsonObject *o = json_array_get_object_element(cases, i);
        if (!json_object_has_member(o, "input"))
            continue;
        const char *in = json_object_get_string_member(o, "input");
        if (strchr(in, '\n'))
            continue;
        g_ptr_array_add(f->lines, g_strdup(in));
        char **ws = g_strsplit(in, " ", -1);
        for (char **w = ws; *w; w++)
            if (**w)
                g_ptr_array_add(f->words, g_strdup(*w));
        g_strfreev(ws);
    }
    g_object_unref(p);
    g_free(path);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    hk_louis_free(f->louis);
    g_free(f->table);
    g_ptr_array_unref(f->words);
    g_ptr_array_unref(f->lines);
    g_free(f);
    return 0;
}

/* The line's cells, cold or cached, against liblouis on the whole line. */
static void check_line(const Fixture *f, const char *kana)
{
    char *want = reference(f->table, kana);
    for (int round = 0; round < 2; round++) {
        GError *err = NULL;
        char *got = hk_louis_cells(f->louis, kana, NULL, &err);
        assert_non_null(got);
        if (strcmp(got, want))
            fail_msg("%s: cells %s, liblouis on the whole line %s", kana, got, want);
        g_free(got);
    }
    g_free(want);
}

static void harness_lines(void **state)
{
    Fixture *f = *state;
    assert_true(f->lines->len > 1000);
    for (guint i = 0; i < f->lines->len; i++)
        check_line(f, g_ptr_array_index(f->lines, i));
}

/* A word, or (one time in four) its first few characters. */
static GString *append_word(const Fixture *f, GRand *r, GString *s)
{
    const char *w = g_ptr_array_index(f->words, g_rand_int_range(r, 0, (gint32)f->words->len));
    glong n = g_utf8_strlen(w, -1);
    if (g_rand_int_range(r, 0, 4) == 0)
        n = g_rand_int_range(r, 1, (gint32)n + 1);
    return g_string_append_len(s, w, g_utf8_offset_to_pointer(w, n) - w);
}

static void joined_words(void **state)
{
    Fixture *f = *state;
    GRand *r = g_rand_new_with_seed(15);
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 4000; i++) {
        g_string_truncate(s, 0);
        int n = g_rand_int_range(r, 1, 9);
        for (int k = 0; k < n; k++) {
            if (k)
                g_string_append_c(s, ' ');
            append_word(f, r, s);
        }
        check_line(f, s->str);
    }
    g_string_free(s, TRUE);
    g_rand_free(r);
}

static void marks_at_the_cuts(void **state)
{
    Fixture *f = *state;
    /* Each mark next to, or a blank away from, a blank between katakana. */
    static const char *const lines[] = {
        "ア。 イ",    "ア。",     "ア イ。", "ア、 イ",  "ア ← イ",  "← ア イ",
        "ア イ →",    "ア 1 イ",  "ア1 イ",  "ア Ab イ", "A ア イ",  "ア ⠦abc⠴ イ",
        "⠦a ア⠴ イ",  "ア ⠠⠦a⠠⠴", "ア ※ イ", "ア  イ",   "ア ー イ", "ア 「イ」 ウ",
        "ア? イ",     "ア! イ",   "ア ・イ", " ア イ",   "ア イ ",   "ア〻 イ",
        "ア イ〻 ウ", "ァ ィ ヶ", "ア ｱ イ", "ア あ イ", "ヴ ヴ ヴ", "ア 1,000 イ",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++)
        check_line(f, lines[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(harness_lines),
        cmocka_unit_test(joined_words),
        cmocka_unit_test(marks_at_the_cuts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
