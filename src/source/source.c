#include "source.h"

#include <string.h>
#include <yaml.h>

#include "error.h"
#include "inputfile.h"
#include "markdown.h"

static const char *const known_keys[] = {"title", "subtitle", "organization", "date", "lang", NULL};

static char **field_for(HkDocument *doc, const char *key)
{
    if (!strcmp(key, "title"))
        return &doc->title;
    if (!strcmp(key, "subtitle"))
        return &doc->subtitle;
    if (!strcmp(key, "organization"))
        return &doc->organization;
    if (!strcmp(key, "date"))
        return &doc->date;
    if (!strcmp(key, "lang"))
        return &doc->lang;
    return NULL;
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
    int depth = 0;
    char *key = NULL;
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
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = TRUE;
            break;
        case YAML_MAPPING_START_EVENT:
            if (depth++ > 0) {
                hk_set_error_at(error, HK_ERROR_INPUT, doc->path, line, col,
                                "front matter: value of '%s' must be plain text", key ? key : "?");
                ok = FALSE;
            }
            break;
        case YAML_MAPPING_END_EVENT:
            depth--;
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_ALIAS_EVENT:
            hk_set_error_at(error, HK_ERROR_INPUT, doc->path, line, col,
                            "front matter: value of '%s' must be plain text", key ? key : "?");
            ok = FALSE;
            break;
        case YAML_SCALAR_EVENT: {
            const char *v = (const char *)ev.data.scalar.value;
            if (depth == 0) {
                hk_set_error_at(error, HK_ERROR_INPUT, doc->path, line, col,
                                "front matter must be 'key: value' lines");
                ok = FALSE;
            } else if (!key) {
                if (!g_strv_contains(known_keys, v)) {
                    hk_set_error_at(error, HK_ERROR_INPUT, doc->path, line, col,
                                    "unknown front-matter key '%s' (known: title, subtitle, "
                                    "organization, date, lang)",
                                    v);
                    ok = FALSE;
                } else {
                    key = g_strdup(v);
                }
            } else {
                char **field = field_for(doc, key);
                g_free(*field);
                *field = g_strdup(v);
                g_clear_pointer(&key, g_free);
            }
            break;
        }
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    g_free(key);
    yaml_parser_delete(&parser);
    if (ok && doc->lang && !*doc->lang) {
        hk_set_error_at(error, HK_ERROR_INPUT, doc->path, first_line, 1,
                        "front matter: 'lang' must not be empty");
        ok = FALSE;
    }
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

HkDocument *hk_source_parse(const char *path, const char *data, gsize len, GError **error)
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
