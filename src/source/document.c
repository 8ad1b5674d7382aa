#include "document.h"

#include <stdio.h>
#include <string.h>

HkDocument *hk_document_new(const char *path)
{
    HkDocument *doc = g_new0(HkDocument, 1);
    doc->path = g_strdup(path);
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    doc->stem = base;
    doc->lang = g_strdup("ja");
    doc->blocks = g_ptr_array_new_with_free_func((GDestroyNotify)hk_block_free);
    doc->analysis = g_new0(HkDerived, 1);
    return doc;
}

void hk_document_free(HkDocument *doc)
{
    if (!doc)
        return;
    g_free(doc->path);
    g_free(doc->stem);
    g_free(doc->title);
    g_free(doc->subtitle);
    g_free(doc->organization);
    g_free(doc->transcriber);
    g_free(doc->proofreader);
    g_free(doc->original);
    g_free(doc->transcription_year);
    g_free(doc->producer);
    g_free(doc->date);
    for (int i = 0; i < HK_DATE_STYLES; i++)
        g_free(doc->date_shown[i]);
    g_free(doc->lang);
    g_ptr_array_unref(doc->blocks);
    if (doc->analysis && doc->analysis->free)
        doc->analysis->free(doc->analysis->data);
    g_free(doc->analysis);
    g_free(doc);
}

HkBlock *hk_block_new(HkBlockKind kind, int line, int col)
{
    HkBlock *b = g_new0(HkBlock, 1);
    b->kind = kind;
    b->line = line;
    b->col = col;
    switch (kind) {
    case HK_BLOCK_HEADING:
    case HK_BLOCK_PARAGRAPH:
    case HK_BLOCK_FIGURE:
        b->inlines = g_ptr_array_new_with_free_func((GDestroyNotify)hk_inline_free);
        break;
    case HK_BLOCK_LIST:
    case HK_BLOCK_ITEM:
    case HK_BLOCK_QUOTE:
        b->children = g_ptr_array_new_with_free_func((GDestroyNotify)hk_block_free);
        break;
    default:
        break;
    }
    return b;
}

void hk_block_free(HkBlock *b)
{
    if (!b)
        return;
    if (b->inlines)
        g_ptr_array_unref(b->inlines);
    if (b->children)
        g_ptr_array_unref(b->children);
    g_free(b->text);
    g_free(b->alt);
    g_free(b->src);
    g_free(b->path);
    g_free(b);
}

HkInline *hk_inline_new(HkInlineKind kind, int line, int col)
{
    HkInline *in = g_new0(HkInline, 1);
    in->kind = kind;
    in->line = line;
    in->col = col;
    if (kind == HK_INLINE_EMPH || kind == HK_INLINE_STRONG || kind == HK_INLINE_LINK)
        in->children = g_ptr_array_new_with_free_func((GDestroyNotify)hk_inline_free);
    return in;
}

void hk_inline_free(HkInline *in)
{
    if (!in)
        return;
    g_free(in->text);
    g_free(in->reading);
    g_strfreev(in->parts);
    g_free(in->url);
    if (in->children)
        g_ptr_array_unref(in->children);
    g_free(in);
}

static void append_text(GString *out, const GPtrArray *inlines)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        const HkInline *in = g_ptr_array_index(inlines, i);
        switch (in->kind) {
        case HK_INLINE_TEXT:
        case HK_INLINE_CODE:
        case HK_INLINE_RUBY:
            g_string_append(out, in->text);
            break;
        case HK_INLINE_BREAK:
            g_string_append_c(out, '\n');
            break;
        default:
            append_text(out, in->children);
            break;
        }
    }
}

char *hk_inlines_text(const GPtrArray *inlines)
{
    GString *out = g_string_new(NULL);
    append_text(out, inlines);
    return g_string_free(out, FALSE);
}

static void span_clear(gpointer p)
{
    HkSpan *s = p;
    g_free(s->text);
    g_free(s->reading);
}

static void append_spans(GArray *spans, GString *pending, const GPtrArray *inlines)
{
    for (guint i = 0; inlines && i < inlines->len; i++) {
        const HkInline *in = g_ptr_array_index(inlines, i);
        switch (in->kind) {
        case HK_INLINE_TEXT:
        case HK_INLINE_CODE:
            g_string_append(pending, in->text);
            break;
        case HK_INLINE_BREAK:
            g_string_append_c(pending, '\n');
            break;
        case HK_INLINE_RUBY: {
            if (pending->len) {
                HkSpan s = {g_strdup(pending->str), NULL};
                g_array_append_val(spans, s);
                g_string_truncate(pending, 0);
            }
            HkSpan s = {g_strdup(in->text), g_strdup(in->reading)};
            g_array_append_val(spans, s);
            break;
        }
        default:
            append_spans(spans, pending, in->children);
            break;
        }
    }
}

GArray *hk_inlines_spans(const GPtrArray *inlines)
{
    GArray *spans = g_array_new(FALSE, TRUE, sizeof(HkSpan));
    g_array_set_clear_func(spans, span_clear);
    GString *pending = g_string_new(NULL);
    append_spans(spans, pending, inlines);
    if (pending->len) {
        HkSpan s = {g_strdup(pending->str), NULL};
        g_array_append_val(spans, s);
    }
    g_string_free(pending, TRUE);
    return spans;
}

static void collect_headings(GPtrArray *out, const GPtrArray *blocks)
{
    for (guint i = 0; blocks && i < blocks->len; i++) {
        HkBlock *b = g_ptr_array_index(blocks, i);
        if (b->kind == HK_BLOCK_HEADING)
            g_ptr_array_add(out, b);
        collect_headings(out, b->children);
    }
}

GPtrArray *hk_document_headings(const HkDocument *doc)
{
    GPtrArray *out = g_ptr_array_new();
    collect_headings(out, doc->blocks);
    return out;
}

GDateTime *hk_output_date(const char *declared)
{
    int y, m, d;
    char tail;
    if (declared && sscanf(declared, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
        g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return g_date_time_new_utc(y, m, d, 0, 0, 0);
    /* https://reproducible-builds.org/specs/source-date-epoch/ */
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        gint64 t = g_ascii_strtoll(epoch, &end, 10);
        if (!*end && t >= 0)
            return g_date_time_new_from_unix_utc(t);
    }
    return NULL;
}

const char *hk_document_date(const HkDocument *doc, HkDateStyle style)
{
    return doc->date_shown[style] ? doc->date_shown[style] : doc->date;
}

void hk_document_set_date_shown(HkDocument *doc)
{
    for (int i = 0; i < HK_DATE_STYLES; i++) {
        g_free(doc->date_shown[i]);
        doc->date_shown[i] = hk_date_display(doc->date, (HkDateStyle)i);
    }
}
