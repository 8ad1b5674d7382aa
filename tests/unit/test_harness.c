/* Braille harness: runs every enabled case of the braille test harness
 * (tests/data/braille/harness-dev.json, or $HIRAKU_HARNESS) through
 * each translator stage and prints the exact-match rate per stage for each
 * of the two parts of the harness (see case_part): the tuning part, whose
 * failing cases go to <build>/braille-failures.txt for rule work, and the
 * checking part, of which only the rates are printed (rules are never
 * designed on its cases, so its rate is a measure on unseen text). Fails
 * when a rate is below its floor in tests/braille-floors.ini
 * (<stage>_tuning, <stage>_checking). A stage is one row of the table
 * below. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "braille.h"
#include "datadir.h"
#include "louis.h"
#include "reader.h"

/* The split of the harness into a tuning and a checking part, made once
 * (issue 10) and fixed: a case's part is the lowest bit of the 32-bit
 * FNV-1a hash of the UTF-8 bytes of its `text` field (of its `input` field
 * where it has no text): 0 tuning, 1 checking. The hash depends on the
 * case alone, so adding or reordering cases never moves another case. */
enum { PART_TUNING, PART_CHECKING, N_PARTS };
static const char *const part_names[N_PARTS] = {"tuning", "checking"};

static guint32 fnv1a(const char *s)
{
    guint32 h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

static int case_part(JsonObject *c)
{
    const char *key = json_object_has_member(c, "text") ? json_object_get_string_member(c, "text")
                                                        : json_object_get_string_member(c, "input");
    return key ? (int)(fnv1a(key) & 1) : PART_TUNING;
}

typedef struct {
    const char *name;      /* printed: "text->input" */
    const char *floor_key; /* key in [floors] */
    const char *from, *to; /* case fields */
    gpointer (*open)(GError **error);
    void (*close)(gpointer ctx);
    char *(*run)(gpointer ctx, const char *in, GError **error);
    gboolean skip_modes; /* skip libkuraji's "mode" (NABCC screen) cases */
} Stage;

static gpointer reader_open(GError **error)
{
    return hk_reader_new(error);
}

static void reader_close(gpointer ctx)
{
    hk_reader_free(ctx);
}

static char *reader_run(gpointer ctx, const char *in, GError **error)
{
    HkSpan span = {(char *)in, NULL};
    return hk_reader_transcribe(ctx, &span, 1, error);
}

static gpointer braille_open(GError **error)
{
    return hk_braille_shared(error);
}

static void braille_close(gpointer ctx)
{
    (void)ctx; /* the shared translator lives as long as the process */
}

static char *braille_run(gpointer ctx, const char *in, GError **error)
{
    HkSpan span = {(char *)in, NULL};
    return hk_braille_cells(ctx, &span, 1, error);
}

static gpointer louis_open(GError **error)
{
    return hk_louis_new(error);
}

static void louis_close(gpointer ctx)
{
    hk_louis_free(ctx);
}

static char *louis_run(gpointer ctx, const char *in, GError **error)
{
    return hk_louis_cells(ctx, in, NULL, error);
}

static const Stage stages[] = {
    {"text->input", "text_input", "text", "input", reader_open, reader_close, reader_run, FALSE},
    {"input->output", "input_output", "input", "output", louis_open, louis_close, louis_run, TRUE},
    {"text->output", "text_output", "text", "output", braille_open, braille_close, braille_run,
     TRUE},
};

static const char *argv0;
static JsonParser *parser;
static FILE *failures;

static double floor_for(const char *stage_key, const char *part)
{
    char *key = g_strdup_printf("%s_%s", stage_key, part);
    char *path = hk_data_path("tests/braille-floors.ini");
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    double f = 0;
    if (g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err)) {
        f = g_key_file_get_double(kf, "floors", key, NULL);
    } else {
        fprintf(stderr, "%s: %s\n", path, err->message);
        g_error_free(err);
        f = 100;
    }
    g_key_file_free(kf);
    g_free(path);
    g_free(key);
    return f;
}

static void run_stage(void **state)
{
    const Stage *st = *state;
    GError *err = NULL;
    gpointer ctx = st->open(&err);
    if (!ctx)
        fail_msg("%s: %s", st->name, err->message);
    JsonArray *cases = json_node_get_array(json_parser_get_root(parser));
    guint total[N_PARTS] = {0}, pass[N_PARTS] = {0}, shown = 0;
    fprintf(failures, "== %s (tuning part)\n", st->name);
    for (guint i = 0; i < json_array_get_length(cases); i++) {
        JsonObject *c = json_array_get_object_element(cases, i);
        if (!c || !json_object_has_member(c, st->from) || !json_object_has_member(c, st->to))
            continue;
        if (st->skip_modes && json_object_has_member(c, "mode"))
            continue;
        int part = case_part(c);
        const char *in = json_object_get_string_member(c, st->from);
        const char *want = json_object_get_string_member(c, st->to);
        total[part]++;
        char *got = st->run(ctx, in, &err);
        if (!got) {
            got = g_strdup_printf("ERROR %s", err->message);
            g_clear_error(&err);
        }
        if (!strcmp(got, want)) {
            pass[part]++;
        } else if (part == PART_TUNING) {
            /* The checking part's failures are never shown: see above. */
            fprintf(failures, "%s\n  want %s\n  got  %s\n", in, want, got);
            if (shown++ < 30)
                printf("FAIL %s: %s\n  want %s\n  got  %s\n", st->name, in, want, got);
        }
        g_free(got);
    }
    st->close(ctx);
    gboolean low = FALSE;
    for (int p = 0; p < N_PARTS; p++) {
        double rate = total[p] ? 100.0 * pass[p] / total[p] : 0;
        double fl = floor_for(st->floor_key, part_names[p]);
        printf("rate: %s %s %u/%u (%.1f%%) floor %.1f%%\n", st->name, part_names[p], pass[p],
               total[p], rate, fl);
        if (rate + 1e-9 < fl) {
            printf("FAIL %s %s: rate %.1f%% is below the floor %.1f%%\n", st->name, part_names[p],
                   rate, fl);
            low = TRUE;
        }
        assert_true(total[p] > 0);
    }
    if (low)
        fail_msg("%s: a rate is below its floor", st->name);
}

int main(int argc, char **argv)
{
    (void)argc;
    argv0 = argv[0];
    const char *env = g_getenv("HIRAKU_HARNESS");
    char *path = env && *env ? g_strdup(env) : hk_data_path("tests/data/braille/harness-dev.json");
    parser = json_parser_new();
    GError *err = NULL;
    if (!json_parser_load_from_file(parser, path, &err)) {
        fprintf(stderr, "%s: %s\n", path, err->message);
        return 1;
    }
    char *dir = g_path_get_dirname(argv0);
    char *build = g_path_get_dirname(dir);
    char *fpath = g_build_filename(build, "braille-failures.txt", NULL);
    failures = fopen(fpath, "w");
    if (!failures) {
        perror(fpath);
        return 1;
    }
    printf("info: failing cases in %s\n", fpath);
    struct CMUnitTest tests[G_N_ELEMENTS(stages)];
    for (gsize i = 0; i < G_N_ELEMENTS(stages); i++) {
        struct CMUnitTest t = {stages[i].name, run_stage, NULL, NULL, (void *)&stages[i]};
        tests[i] = t;
    }
    int rc = _cmocka_run_group_tests("braille harness", tests, G_N_ELEMENTS(stages), NULL, NULL);
    fclose(failures);
    g_object_unref(parser);
    g_free(path);
    g_free(dir);
    g_free(build);
    g_free(fpath);
    return rc;
}
