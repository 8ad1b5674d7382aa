#include "layout.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "inputfile.h"

struct HkLayout {
    char *path;
    char *text;
    GKeyFile *kf;
    /* "group" and "group\nkey" of every lookup, found or not: what the
     * editions read, so that anything else in the file is a typo. */
    GHashTable *asked;
};

static void asked(const HkLayout *l, const char *group, const char *key)
{
    if (!g_hash_table_contains(l->asked, group))
        g_hash_table_add(l->asked, g_strdup(group));
    g_hash_table_add(l->asked, g_strconcat(group, "\n", key, NULL));
}

/* GKeyFile does not say where a key is; the message must, so find the line
 * of "[group]" then of "key =" after it. */
static void locate(const HkLayout *l, const char *group, const char *key, int *line, int *col)
{
    *line = 1;
    *col = 1;
    if (!l->text)
        return;
    char *hdr = g_strdup_printf("[%s]", group);
    char **lines = g_strsplit(l->text, "\n", -1);
    gboolean in_group = FALSE;
    for (int i = 0; lines[i]; i++) {
        char *s = g_strstrip(lines[i]);
        if (s[0] == '[') {
            in_group = !strcmp(s, hdr);
            if (in_group && !key)
                *line = i + 1;
            continue;
        }
        if (in_group && key) {
            size_t n = strlen(key);
            if (!strncmp(s, key, n) && (s[n] == '=' || s[n] == ' ' || s[n] == '\t')) {
                *line = i + 1;
                break;
            }
        } else if (in_group && !key) {
            break;
        }
    }
    g_strfreev(lines);
    g_free(hdr);
}

void hk_layout_error(const HkLayout *l, const char *group, const char *key, GError **error,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    int line, col;
    locate(l, group, key, &line, &col);
    if (key)
        hk_set_error_at(error, HK_ERROR_INPUT, l->path, line, col, "[%s] %s: %s", group, key, msg);
    else
        hk_set_error_at(error, HK_ERROR_INPUT, l->path, line, col, "[%s]: %s", group, msg);
    g_free(msg);
}

HkLayout *hk_layout_load(const char *path, GError **error)
{
    HkLayout *l = g_new0(HkLayout, 1);
    l->path = g_strdup(path);
    l->kf = g_key_file_new();
    l->asked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GError *e = NULL;
    gsize len;
    if (!hk_input_read(path, "layout", HK_LAYOUT_MAX_BYTES, &l->text, &len, error)) {
        hk_layout_free(l);
        return NULL;
    }
    if (!g_key_file_load_from_data(l->kf, l->text, len, G_KEY_FILE_NONE, &e)) {
        /* GKeyFile's messages carry the line number in prose; keep them. */
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "invalid layout file: %s", e->message);
        g_error_free(e);
        hk_layout_free(l);
        return NULL;
    }
    return l;
}

void hk_layout_free(HkLayout *l)
{
    if (!l)
        return;
    g_free(l->path);
    g_free(l->text);
    g_key_file_free(l->kf);
    g_hash_table_unref(l->asked);
    g_free(l);
}

const char *hk_layout_path(const HkLayout *l)
{
    return l->path;
}

gboolean hk_layout_has(const HkLayout *l, const char *group, const char *key)
{
    asked(l, group, key);
    return g_key_file_has_key(l->kf, group, key, NULL);
}

static char *raw(const HkLayout *l, const char *group, const char *key, GError **error)
{
    asked(l, group, key);
    char *v = g_key_file_get_value(l->kf, group, key, NULL);
    if (!v) {
        if (g_key_file_has_group(l->kf, group))
            hk_layout_error(l, group, NULL, error, "missing key '%s'", key);
        else
            hk_layout_error(l, group, NULL, error, "missing group (needed for '%s')", key);
        return NULL;
    }
    return g_strstrip(v);
}

gboolean hk_layout_double(const HkLayout *l, const char *group, const char *key, double min,
                          double max, double *out, GError **error)
{
    char *v = raw(l, group, key, error);
    if (!v)
        return FALSE;
    char *end;
    errno = 0;
    double d = g_ascii_strtod(v, &end);
    gboolean ok = end != v && !*end && errno == 0;
    if (!ok)
        hk_layout_error(l, group, key, error, "'%s' is not a number", v);
    /* NaN passes every range comparison, so it is refused by name. */
    else if (!isfinite(d)) {
        hk_layout_error(l, group, key, error, "'%s' is not a finite number", v);
        ok = FALSE;
    } else if (d < min || d > max) {
        hk_layout_error(l, group, key, error, "%g is out of range (%g to %g)", d, min, max);
        ok = FALSE;
    } else
        *out = d;
    g_free(v);
    return ok;
}

gboolean hk_layout_double_or(const HkLayout *l, const char *group, const char *key, double min,
                             double max, double dflt, double *out, GError **error)
{
    if (!hk_layout_has(l, group, key)) {
        *out = dflt;
        return TRUE;
    }
    return hk_layout_double(l, group, key, min, max, out, error);
}

gboolean hk_layout_int(const HkLayout *l, const char *group, const char *key, int min, int max,
                       int *out, GError **error)
{
    char *v = raw(l, group, key, error);
    if (!v)
        return FALSE;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    gboolean ok = end != v && !*end && errno == 0;
    if (!ok)
        hk_layout_error(l, group, key, error, "'%s' is not a whole number", v);
    else if (n < min || n > max) {
        hk_layout_error(l, group, key, error, "%ld is out of range (%d to %d)", n, min, max);
        ok = FALSE;
    } else
        *out = (int)n;
    g_free(v);
    return ok;
}

gboolean hk_layout_int_or(const HkLayout *l, const char *group, const char *key, int min, int max,
                          int dflt, int *out, GError **error)
{
    if (!hk_layout_has(l, group, key)) {
        *out = dflt;
        return TRUE;
    }
    return hk_layout_int(l, group, key, min, max, out, error);
}

gboolean hk_layout_bool_or(const HkLayout *l, const char *group, const char *key, gboolean dflt,
                           gboolean *out, GError **error)
{
    if (!hk_layout_has(l, group, key)) {
        *out = dflt;
        return TRUE;
    }
    char *v = raw(l, group, key, error);
    if (!v)
        return FALSE;
    gboolean ok = TRUE;
    if (!g_ascii_strcasecmp(v, "true") || !strcmp(v, "1") || !g_ascii_strcasecmp(v, "yes"))
        *out = TRUE;
    else if (!g_ascii_strcasecmp(v, "false") || !strcmp(v, "0") || !g_ascii_strcasecmp(v, "no"))
        *out = FALSE;
    else {
        hk_layout_error(l, group, key, error, "'%s' is not true or false", v);
        ok = FALSE;
    }
    g_free(v);
    return ok;
}

char *hk_layout_string(const HkLayout *l, const char *group, const char *key, GError **error)
{
    asked(l, group, key);
    char *v = g_key_file_get_string(l->kf, group, key, NULL);
    if (!v) {
        /* missing, or there but not text GKeyFile accepts (not UTF-8) */
        char *r = raw(l, group, key, error);
        if (r)
            hk_layout_error(l, group, key, error, "not valid UTF-8");
        g_free(r);
        return NULL;
    }
    return v;
}

char *hk_layout_string_or(const HkLayout *l, const char *group, const char *key, const char *dflt)
{
    asked(l, group, key);
    char *v = g_key_file_get_string(l->kf, group, key, NULL);
    return v ? v : g_strdup(dflt);
}

gboolean hk_layout_colour_or(const HkLayout *l, const char *group, const char *key,
                             const char *dflt, double rgb[3], GError **error)
{
    char *v = hk_layout_string_or(l, group, key, dflt);
    g_strstrip(v);
    gboolean ok = strlen(v) == 7 && v[0] == '#';
    for (int i = 1; ok && i < 7; i++)
        ok = g_ascii_isxdigit(v[i]);
    if (!ok)
        hk_layout_error(l, group, key, error, "'%s' is not a colour (#RRGGBB)", v);
    else
        for (int i = 0; i < 3; i++)
            rgb[i] =
                (g_ascii_xdigit_value(v[1 + 2 * i]) * 16 + g_ascii_xdigit_value(v[2 + 2 * i])) /
                255.0;
    g_free(v);
    return ok;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The keys of `group` the edition asked for, for the message. */
static char *known_keys(const HkLayout *l, const char *group)
{
    GPtrArray *names = g_ptr_array_new();
    GHashTableIter it;
    gpointer k;
    size_t n = strlen(group);
    g_hash_table_iter_init(&it, l->asked);
    while (g_hash_table_iter_next(&it, &k, NULL))
        if (!strncmp(k, group, n) && ((char *)k)[n] == '\n')
            g_ptr_array_add(names, (char *)k + n + 1);
    g_ptr_array_sort(names, by_name);
    g_ptr_array_add(names, NULL);
    char *s = g_strjoinv(", ", (char **)names->pdata);
    g_ptr_array_unref(names);
    return s;
}

gboolean hk_layout_check_unused(const HkLayout *l, const char *edition, GError **error)
{
    gboolean ok = TRUE;
    char **groups = g_key_file_get_groups(l->kf, NULL);
    for (int g = 0; ok && groups[g]; g++) {
        if (!g_hash_table_contains(l->asked, groups[g])) {
            hk_layout_error(l, groups[g], NULL, error,
                            "unknown group (the %s edition reads no such group)", edition);
            ok = FALSE;
            break;
        }
        char **keys = g_key_file_get_keys(l->kf, groups[g], NULL, NULL);
        for (int k = 0; ok && keys[k]; k++) {
            char *both = g_strconcat(groups[g], "\n", keys[k], NULL);
            if (!g_hash_table_contains(l->asked, both)) {
                char *known = known_keys(l, groups[g]);
                hk_layout_error(l, groups[g], keys[k], error,
                                "unknown key (the %s edition reads here: %s)", edition, known);
                g_free(known);
                ok = FALSE;
            }
            g_free(both);
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return ok;
}
