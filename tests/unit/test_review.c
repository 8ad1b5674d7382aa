/* The transcriber's review of the samples' braille
 * (tests/data/braille/samples-review.tsv, see tests/data/braille/README.md):
 * every sure and likely finding of the categories reading, orthography,
 * wakachi and number must be fixed. For each such row the source lines of
 * the sample (tests/data/seeds/<document>.txt) that hold the row's source
 * text are transcribed by the reader, and each transcription must contain
 * the row's correct kana. Prints the rate and fails below the floor
 * review_kana in tests/braille-floors.ini; a row whose source text is in no
 * line fails (the test cannot pass by finding nothing).
 *
 * The row's source column is the text with, at times, a reviewer's note
 * after it in parentheses (分別・リサイクル（ごみの分別）) and … for text
 * left out; both are matched after NFKC, with a trailing parenthesised
 * note tried off when the whole is not found. The seeds keep Markdown's
 * ** around bold text, which is markup, not text: it is dropped before
 * transcribing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "datadir.h"
#include "reader.h"
#include "reader_fixture.h"

static const char *const categories[] = {"reading", "orthography", "wakachi", "number", NULL};

static gboolean in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (!strcmp(*list, s))
            return TRUE;
    return FALSE;
}

static char *nfkc(const char *s)
{
    return g_utf8_normalize(s, -1, G_NORMALIZE_NFKC);
}

/* The source text without a reviewer's note: a trailing balanced
 * parenthesised group (after NFKC, so ASCII parentheses), or NULL. */
static char *without_note(const char *s)
{
    gsize len = strlen(s);
    if (len < 2 || s[len - 1] != ')')
        return NULL;
    int depth = 0;
    for (gsize k = len; k-- > 0;) {
        if (s[k] == ')')
            depth++;
        else if (s[k] == '(' && --depth == 0)
            return k > 0 ? g_strndup(s, k) : NULL;
    }
    return NULL;
}

/* TRUE if every …-separated piece of `pattern` is in `line`. */
static gboolean holds(const char *line, const char *pattern)
{
    char **pieces = g_strsplit(pattern, "…", -1);
    gboolean all = TRUE, any = FALSE;
    for (char **p = pieces; *p && all; p++) {
        if (!**p)
            continue;
        any = TRUE;
        all = strstr(line, *p) != NULL;
    }
    g_strfreev(pieces);
    return all && any;
}

static char **read_lines(const char *relative)
{
    char *path = hk_data_path(relative);
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err))
        fail_msg("%s: %s", path, err->message);
    g_free(path);
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    return lines;
}

static char *transcribe(const char *line)
{
    char **parts = g_strsplit(line, "**", -1);
    char *plain = g_strjoinv("", parts);
    g_strfreev(parts);
    HkSpan span = {plain, NULL};
    GError *err = NULL;
    char *kana = hk_reader_transcribe(reader, &span, 1, &err);
    if (!kana)
        fail_msg("%s: %s", plain, err->message);
    g_free(plain);
    return kana;
}

/* Checks one row against the seed lines of its document; prints why a
 * row fails. */
static gboolean row_fixed(char **f, char **seed, char **seed_nfkc)
{
    char *src = nfkc(f[2]);
    char *alt = without_note(src);
    const char *want = f[4];
    int found = 0;
    gboolean ok = TRUE;
    for (int pass = 0; pass < 2 && !found; pass++) {
        const char *pat = pass ? alt : src;
        if (!pat)
            continue;
        for (int k = 0; seed[k]; k++) {
            if (!holds(seed_nfkc[k], pat))
                continue;
            found++;
            char *kana = transcribe(seed[k]);
            if (!strstr(kana, want)) {
                printf("FAIL review %s:%s (%s line %d) %s\n  want %s\n  in   %s\n", f[0], f[1],
                       f[5], k + 1, f[2], want, kana);
                ok = FALSE;
            }
            g_free(kana);
        }
    }
    if (!found)
        printf("FAIL review %s:%s: source text not found in the seeds: %s\n", f[0], f[1], f[2]);
    g_free(src);
    g_free(alt);
    return ok && found > 0;
}

static double read_floor(const char *key)
{
    char *path = hk_data_path("tests/braille-floors.ini");
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err))
        fail_msg("%s: %s", path, err->message);
    double floor = g_key_file_get_double(kf, "floors", key, &err);
    if (err)
        fail_msg("%s: [floors] %s: %s", path, key, err->message);
    g_key_file_unref(kf);
    g_free(path);
    return floor;
}

static void review_rows_fixed(void **state)
{
    (void)state;
    char **rows = read_lines("tests/data/braille/samples-review.tsv");
    int total = 0, fixed = 0;
    for (int r = 1; rows[r]; r++) {
        char **f = g_strsplit(rows[r], "\t", -1);
        if (g_strv_length(f) < 7 || !in_list(categories, f[5]) ||
            (strcmp(f[6], "sure") && strcmp(f[6], "likely"))) {
            g_strfreev(f);
            continue;
        }
        char *stem = g_strndup(f[0], strlen(f[0]) - (g_str_has_suffix(f[0], ".md") ? 3 : 0));
        char *rel = g_strdup_printf("tests/data/seeds/%s.txt", stem);
        char **seed = read_lines(rel);
        guint ns = g_strv_length(seed);
        char **seed_nfkc = g_new0(char *, ns + 1);
        for (guint k = 0; k < ns; k++)
            seed_nfkc[k] = nfkc(seed[k]);
        total++;
        fixed += row_fixed(f, seed, seed_nfkc) ? 1 : 0;
        g_strfreev(seed_nfkc);
        g_strfreev(seed);
        g_free(rel);
        g_free(stem);
        g_strfreev(f);
    }
    g_strfreev(rows);
    double rate = total ? 100.0 * fixed / total : 0;
    double floor = read_floor("review_kana");
    printf("rate: review rows (reading, orthography, wakachi, number; sure and likely) fixed "
           "%d/%d (%.1f%%) floor %.1f%%\n",
           fixed, total, rate, floor);
    assert_true(total > 0);
    if (rate + 1e-9 < floor)
        fail_msg("review rows fixed %.1f%% is below the floor %.1f%%", rate, floor);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(review_rows_fixed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
