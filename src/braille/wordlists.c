/* wordlists: see wordlists.h. */
#include "wordlists.h"

#include <string.h>

#include "datadir.h"
#include "error.h"

#define WORDLISTS_RELATIVE "dict/braille-words.ini"

typedef struct {
    char *surface;
    char *reading;
    char **cues; /* NULL-terminated */
} Sense;

struct HkWordLists {
    GHashTable *attached; /* surface → itself */
    GArray *senses;       /* Sense */
    guint8 first[256];    /* first bytes of the sense surfaces: a quick no */
};

static void clear_sense(gpointer p)
{
    Sense *s = p;
    g_free(s->surface);
    g_free(s->reading);
    g_strfreev(s->cues);
}

static void load_senses(HkWordLists *wl, GKeyFile *kf)
{
    gsize nkeys = 0;
    char **keys = g_key_file_get_keys(kf, "senses", &nkeys, NULL);
    for (gsize i = 0; keys && i < nkeys; i++) {
        gsize nv = 0;
        char **v = g_key_file_get_string_list(kf, "senses", keys[i], &nv, NULL);
        if (v && nv >= 2 && *keys[i]) {
            Sense s = {g_strdup(keys[i]), g_strdup(v[0]), g_strdupv(v + 1)};
            g_array_append_val(wl->senses, s);
            wl->first[(guint8)keys[i][0]] = 1;
        }
        g_strfreev(v);
    }
    g_strfreev(keys);
}

HkWordLists *hk_wordlists_load(GError **error)
{
    char *path = hk_data_path(WORDLISTS_RELATIVE);
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &err)) {
        hk_set_error_at(error, HK_ERROR_RENDER, path, 0, 0, "%s", err->message);
        g_error_free(err);
        g_key_file_free(kf);
        g_free(path);
        return NULL;
    }
    HkWordLists *wl = g_new0(HkWordLists, 1);
    wl->attached = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    wl->senses = g_array_new(FALSE, TRUE, sizeof(Sense));
    g_array_set_clear_func(wl->senses, clear_sense);
    char **att = g_key_file_get_string_list(kf, "suffixes", "attached", NULL, NULL);
    for (char **a = att; a && *a; a++)
        if (**a)
            g_hash_table_add(wl->attached, g_strdup(*a));
    g_strfreev(att);
    load_senses(wl, kf);
    g_key_file_free(kf);
    g_free(path);
    return wl;
}

void hk_wordlists_free(HkWordLists *wl)
{
    if (!wl)
        return;
    g_hash_table_unref(wl->attached);
    g_array_unref(wl->senses);
    g_free(wl);
}

gboolean hk_wordlists_attached_suffix(const HkWordLists *wl, const char *surface)
{
    return g_hash_table_contains(wl->attached, surface);
}

const char *hk_wordlists_sense(const HkWordLists *wl, const char *text, const char *para,
                               gsize *len)
{
    if (!wl->first[(guint8)text[0]])
        return NULL;
    for (guint i = 0; i < wl->senses->len; i++) {
        const Sense *s = &g_array_index(wl->senses, Sense, i);
        if (!g_str_has_prefix(text, s->surface))
            continue;
        for (char **c = s->cues; *c; c++) {
            if (**c && strstr(para, *c)) {
                *len = strlen(s->surface);
                return s->reading;
            }
        }
    }
    return NULL;
}
