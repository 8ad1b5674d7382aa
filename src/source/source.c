#include "source.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "error.h"
#include "inputfile.h"
#include "markdown.h"
#include "quotes.h"

/* The front-matter keys: one row each. `check` validates the value (every
 * value is first checked for characters that XML 1.0 and one-line
 * messages cannot carry). */
typedef gboolean (*ValueCheck)(const char *v, GError **error, const char *path, int line, int col);

typedef struct {
    const char *key;
    size_t field; /* offset of the char * in HkDocument */
    ValueCheck check;
} FrontKey;

static gboolean check_date(const char *v, GError **error, const char *path, int line, int col);
static gboolean check_lang(const char *v, GError **error, const char *path, int line, int col);

static const FrontKey front_keys[] = {
    {"title", offsetof(HkDocument, title), NULL},
    {"subtitle", offsetof(HkDocument, subtitle), NULL},
    {"organization", offsetof(HkDocument, organization), NULL},
    {"date", offsetof(HkDocument, date), check_date},
    {"lang", offsetof(HkDocument, lang), check_lang},
    /* The transcriber's data of the braille edition (点訳のてびき: title page, 奥付). */
    {"transcriber", offsetof(HkDocument, transcriber), NULL},
    {"proofreader", offsetof(HkDocument, proofreader), NULL},
    {"original", offsetof(HkDocument, original), NULL},
    {"transcription_year", offsetof(HkDocument, transcription_year), NULL},
    {"producer", offsetof(HkDocument, producer), NULL},
};

/* A value as quoted in a message: at most 40 characters of it. */
static char *shown(const char *v)
{
    if (g_utf8_strlen(v, -1) <= 40)
        return g_strdup(v);
    char *head = g_utf8_substring(v, 0, 40);
    char *s = g_strconcat(head, "…", NULL);
    g_free(head);
    return s;
}

static const FrontKey *front_key(const char *name)
{
    for (gsize i = 0; i < G_N_ELEMENTS(front_keys); i++)
        if (!strcmp(front_keys[i].key, name))
            return &front_keys[i];
    return NULL;
}

static char *known_key_list(void)
{
    GString *s = g_string_new(NULL);
    for (gsize i = 0; i < G_N_ELEMENTS(front_keys); i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", front_keys[i].key);
    return g_string_free(s, FALSE);
}

gboolean hk_source_valid_date(const char *v)
{
    if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
        return FALSE;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit(v[i]))
            return FALSE;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 &&
           g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static gboolean check_date(const char *v, GError **error, const char *path, int line, int col)
{
    if (hk_source_valid_date(v))
        return TRUE;
    char *q = shown(v);
    hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                    "front matter: date '%s' is not a calendar date written YYYY-MM-DD "
                    "(e.g. 2025-04-01)",
                    q);
    g_free(q);
    return FALSE;
}

/* A BCP 47 tag's shape (RFC 5646 §2.1): a language of 2–8 letters, then
 * subtags of 1–8 letters or digits; it becomes the PDF's /Lang. */
static gboolean lang_shape(const char *v)
{
    if (strlen(v) > 35)
        return FALSE;
    char **sub = g_strsplit(v, "-", -1);
    gboolean ok = TRUE;
    for (int i = 0; ok && sub[i]; i++) {
        gsize n = strlen(sub[i]);
        ok = n >= (i == 0 ? 2u : 1u) && n <= 8;
        for (gsize j = 0; ok && j < n; j++)
            ok = i == 0 ? g_ascii_isalpha(sub[i][j]) : g_ascii_isalnum(sub[i][j]);
    }
    g_strfreev(sub);
    return ok;
}

static gboolean check_lang(const char *v, GError **error, const char *path, int line, int col)
{
    if (!*v) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                        "front matter: 'lang' must not be empty");
        return FALSE;
    }
    if (lang_shape(v))
        return TRUE;
    char *q = shown(v);
    hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                    "front matter: lang '%s' is not a language tag such as ja or en-US", q);
    g_free(q);
    return FALSE;
}

/* Characters XML 1.0 (§2.2) cannot carry, which would break the XMP
 * metadata, and line breaks, which would break every one-line use of the
 * value (a PDF title, a running header, a message). The message names the
 * character, never echoes the value. */
gunichar hk_source_bad_char(const char *v, gsize len)
{
    if (strlen(v) != len)
        return 0; /* a NUL, from an escape such as "\0" */
    for (const char *p = v; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF)
            return c;
    }
    return (gunichar)-1;
}

static gboolean set_value(HkDocument *doc, const FrontKey *k, const yaml_event_t *ev, int line,
                          int col, GError **error)
{
    const char *v = (const char *)ev->data.scalar.value;
    gunichar bad = hk_source_bad_char(v, ev->data.scalar.length);
    if (bad != (gunichar)-1) {
        hk_set_error_at(error, HK_ERROR_INPUT, doc->path, line, col,
                        "front matter: '%s' contains %s U+%04X; the value must be one line of "
                        "text",
                        k->key, bad == 0 ? "a NUL" : "the control character", bad);
        return FALSE;
    }
    if (k->check && !k->check(v, error, doc->path, line, col))
        return FALSE;
    char **field = (char **)((char *)doc + k->field);
    g_free(*field);
    *field = g_strdup(v);
    return TRUE;
}

typedef struct {
    HkDocument *doc;
    const FrontKey *key; /* the key whose value comes next */
    int depth;
    int seen_line[G_N_ELEMENTS(front_keys)]; /* 0 until the key is given */
} Front;

static gboolean front_key_event(Front *f, const char *v, int line, int col, GError **error)
{
    const FrontKey *k = front_key(v);
    if (!k) {
        char *known = known_key_list();
        hk_set_error_at(error, HK_ERROR_INPUT, f->doc->path, line, col,
                        "unknown front-matter key '%s' (known: %s)", v, known);
        g_free(known);
        return FALSE;
    }
    int *seen = &f->seen_line[k - front_keys];
    if (*seen) {
        hk_set_error_at(error, HK_ERROR_INPUT, f->doc->path, line, col,
                        "front matter: '%s' is given twice (first at line %d)", v, *seen);
        return FALSE;
    }
    *seen = line;
    f->key = k;
    return TRUE;
}

static gboolean front_event(Front *f, const yaml_event_t *ev, int line, int col, GError **error)
{
    const char *path = f->doc->path, *key = f->key ? f->key->key : "?";
    switch (ev->type) {
    case YAML_MAPPING_START_EVENT:
        if (f->depth++ == 0)
            return TRUE;
        hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                        "front matter: value of '%s' must be plain text", key);
        return FALSE;
    case YAML_MAPPING_END_EVENT:
        f->depth--;
        return TRUE;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_ALIAS_EVENT:
        hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                        "front matter: value of '%s' must be plain text", key);
        return FALSE;
    case YAML_SCALAR_EVENT:
        if (f->depth == 0) {
            hk_set_error_at(error, HK_ERROR_INPUT, path, line, col,
                            "front matter must be 'key: value' lines");
            return FALSE;
        }
        if (!f->key)
            return front_key_event(f, (const char *)ev->data.scalar.value, line, col, error);
        gboolean ok = set_value(f->doc, f->key, ev, line, col, error);
        f->key = NULL;
        return ok;
    default:
        return TRUE;
    }
}

/* Front matter is YAML, but only a flat mapping of known keys to scalars:
 * anything richer would be silently ignored by every edition, so it is an
 * error instead. `first_line` is the file line of the YAML's first line. */
static gboolean parse_front_matter(HkDocument *doc, const char *yaml, gsize len, int first_line,
                                   GError **error)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    gboolean ok = TRUE, done = FALSE;
    Front f = {.doc = doc};
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    while (ok && !done) {
        if (!yaml_parser_parse(&parser, &ev)) {
            hk_set_error_at(error, HK_ERROR_INPUT, doc->path,
                            first_line + (int)parser.problem_mark.line,
                            (int)parser.problem_mark.column + 1, "front matter: %s",
                            parser.problem ? parser.problem : "invalid YAML");
            ok = FALSE;
            break;
        }
        int line = first_line + (int)ev.start_mark.line, col = (int)ev.start_mark.column + 1;
        done = ev.type == YAML_STREAM_END_EVENT;
        ok = front_event(&f, &ev, line, col, error);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    return ok;
}

/* Returns the byte offset just past the line starting at `p`. */
static gsize line_end(const char *data, gsize len, gsize p)
{
    while (p < len && data[p] != '\n')
        p++;
    return p < len ? p + 1 : p;
}

static gboolean is_fence(const char *data, gsize start, gsize end)
{
    gsize n = end - start;
    while (n > 0 && (data[start + n - 1] == '\n' || data[start + n - 1] == '\r' ||
                     data[start + n - 1] == ' ' || data[start + n - 1] == '\t'))
        n--;
    return n == 3 && !memcmp(data + start, "---", 3);
}

gsize hk_utf8_replace_surrogates(char *data, gsize len)
{
    gsize n = 0;
    char *end = data + len;
    for (char *p = data; (p = memchr(p, 0xED, (gsize)(end - p))) && end - p >= 3; p++) {
        unsigned char b = (unsigned char)p[1], c = (unsigned char)p[2];
        if (b >= 0xA0 && b <= 0xBF && (c & 0xC0) == 0x80) {
            memcpy(p, "\xEF\xBF\xBD", 3);
            p += 2;
            n++;
        }
    }
    return n;
}

/* CRLF (Windows) and a lone CR (classic Mac OS, some exports) end lines as
 * LF does; one form for everything after, so front matter and line
 * numbers come out the same. Returns a copy or NULL if there is no CR. */
static char *normalize_newlines(const char *data, gsize *len)
{
    if (!memchr(data, '\r', *len))
        return NULL;
    char *out = g_malloc(*len + 1);
    gsize n = 0;
    for (gsize i = 0; i < *len; i++) {
        if (data[i] == '\r') {
            out[n++] = '\n';
            if (i + 1 < *len && data[i + 1] == '\n')
                i++;
        } else {
            out[n++] = data[i];
        }
    }
    out[n] = '\0';
    *len = n;
    return out;
}

static HkDocument *parse_normalized(const char *path, const char *data, gsize len, GError **error);

HkDocument *hk_source_parse(const char *path, const char *data, gsize len, GError **error)
{
    char *copy = normalize_newlines(data, &len);
    if (!copy && memchr(data, 0xED, len)) {
        copy = g_malloc(len + 1);
        memcpy(copy, data, len);
        copy[len] = '\0';
    }
    if (copy)
        hk_utf8_replace_surrogates(copy, len);
    HkDocument *doc = parse_normalized(path, copy ? copy : data, len, error);
    g_free(copy);
    return doc;
}

/* The front matter's printed values get the body's smart quotes. */
static void smarten_front(HkDocument *doc)
{
    char **v[] = {&doc->title, &doc->subtitle, &doc->organization};
    for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
        char *s = hk_quotes_smarten(*v[i]);
        g_free(*v[i]);
        *v[i] = s;
    }
}

static HkDocument *parse_normalized(const char *path, const char *data, gsize len, GError **error)
{
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        int line, col;
        hk_offset_to_line_col(data, (size_t)(nul - data), &line, &col);
        hk_set_error_at(error, HK_ERROR_INPUT, path, line, col, "NUL byte in source");
        return NULL;
    }
    const char *bad = NULL;
    if (!g_utf8_validate(data, (gssize)len, &bad)) {
        int line, col;
        hk_offset_to_line_col(data, (size_t)(bad - data), &line, &col);
        hk_set_error_at(error, HK_ERROR_INPUT, path, line, col, "invalid UTF-8 (byte 0x%02X)",
                        (unsigned char)*bad);
        return NULL;
    }
    /* Limits keep a runaway input from costing minutes and gigabytes in
     * layout: no real document has a line of a megabyte. */
    if (len > HK_SOURCE_MAX_BYTES) {
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "source larger than %d MiB",
                        HK_SOURCE_MAX_BYTES >> 20);
        return NULL;
    }
    for (gsize start = 0, i = 0, line = 1; i <= len; i++) {
        if (i == len || data[i] == '\n') {
            if (i - start > HK_SOURCE_MAX_LINE) {
                hk_set_error_at(error, HK_ERROR_INPUT, path, (int)line, 1,
                                "line longer than %d KiB", HK_SOURCE_MAX_LINE >> 10);
                return NULL;
            }
            start = i + 1;
            line++;
        }
    }
    gsize body = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        body = 3; /* a BOM some editors write */
    int body_line = 1;
    HkDocument *doc = hk_document_new(path);
    gsize first_end = line_end(data, len, body);
    if (is_fence(data, body, first_end)) {
        gsize p = first_end, close = 0;
        int line = 2;
        gboolean found = FALSE;
        while (p < len) {
            gsize e = line_end(data, len, p);
            if (is_fence(data, p, e)) {
                close = p;
                found = TRUE;
                body = e;
                break;
            }
            p = e;
            line++;
        }
        if (!found) {
            hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1,
                            "front matter opened with '---' is never closed");
            hk_document_free(doc);
            return NULL;
        }
        if (!parse_front_matter(doc, data + first_end, close - first_end, 2, error)) {
            hk_document_free(doc);
            return NULL;
        }
        hk_document_set_date_shown(doc);
        smarten_front(doc);
        body_line = line + 1;
    }
    if (!hk_markdown_parse(doc, data + body, len - body, body_line, error)) {
        hk_document_free(doc);
        return NULL;
    }
    return doc;
}

HkDocument *hk_source_load(const char *path, GError **error)
{
    char *data = NULL;
    gsize len = 0;
    if (!hk_input_read(path, "source", HK_SOURCE_MAX_BYTES, &data, &len, error))
        return NULL;
    if (len == 0) {
        g_free(data);
        hk_set_error_at(error, HK_ERROR_INPUT, path, 1, 1, "empty source file");
        return NULL;
    }
    HkDocument *doc = hk_source_parse(path, data, len, error);
    g_free(data);
    return doc;
}
