/* html: the shared HTML body writer (see html.h). */
#include "html.h"

#include <string.h>

#include "braille.h"
#include "error.h"
#include "furigana.h"
#include "typeset.h"

struct HkHtml {
    xmlTextWriterPtr w;
    const HkDocument *doc;
    const GArray *ruby; /* of HkExtraRuby, or NULL */
    HkHtmlImageFn image;
    gpointer image_data;
    GHashTable *ids; /* heading block → "s<n>" */
    GPtrArray *cur;  /* the extra ruby of the text being written, by start */
    GError *error;   /* the first failure */
};

/* ---------- the writer ---------- */

static void check(HkHtml *h, int rc)
{
    if (rc < 0 && !h->error)
        g_set_error(&h->error, HK_ERROR, HK_ERROR_RENDER, "%s: cannot write the HTML",
                    h->doc->path);
}

void hk_html_start(HkHtml *h, const char *name)
{
    check(h, xmlTextWriterStartElement(h->w, BAD_CAST name));
}

void hk_html_attr(HkHtml *h, const char *name, const char *value)
{
    check(h, xmlTextWriterWriteAttribute(h->w, BAD_CAST name, BAD_CAST value));
}

static void text_n(HkHtml *h, const char *text, gsize len)
{
    if (len == 0)
        return;
    char *part = g_strndup(text, len);
    check(h, xmlTextWriterWriteString(h->w, BAD_CAST part));
    g_free(part);
}

void hk_html_text(HkHtml *h, const char *text)
{
    text_n(h, text, strlen(text));
}

void hk_html_end(HkHtml *h)
{
    check(h, xmlTextWriterFullEndElement(h->w));
}

void hk_html_end_void(HkHtml *h)
{
    check(h, xmlTextWriterEndElement(h->w));
}

void hk_html_doctype(HkHtml *h)
{
    check(h, xmlTextWriterWriteDTD(h->w, BAD_CAST "html", NULL, NULL, NULL));
}

void hk_html_raw(HkHtml *h, const char *text)
{
    check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST text));
}

void hk_html_nl(HkHtml *h)
{
    check(h, xmlTextWriterWriteRaw(h->w, BAD_CAST "\n"));
}

static void element_text(HkHtml *h, const char *name, const char *text)
{
    hk_html_start(h, name);
    hk_html_text_lang(h, text);
    hk_html_end(h);
}

HkHtml *hk_html_new(xmlTextWriterPtr w, const HkDocument *doc, const GArray *ruby,
                    HkHtmlImageFn image, gpointer image_data)
{
    HkHtml *h = g_new0(HkHtml, 1);
    h->w = w;
    h->doc = doc;
    h->ruby = ruby;
    h->image = image;
    h->image_data = image_data;
    h->ids = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    GPtrArray *heads = hk_document_headings(doc);
    for (guint i = 0; i < heads->len; i++)
        g_hash_table_insert(h->ids, heads->pdata[i], g_strdup_printf("s%u", i + 1));
    g_ptr_array_unref(heads);
    h->cur = g_ptr_array_new();
    return h;
}

gboolean hk_html_free(HkHtml *h, GError **error)
{
    gboolean ok = h->error == NULL;
    if (h->error)
        g_propagate_error(error, h->error);
    g_hash_table_unref(h->ids);
    g_ptr_array_unref(h->cur);
    g_free(h);
    return ok;
}

/* ---------- Latin script ---------- */

/* Latin letters as set in running text; full-width forms (ＤＸ) are
 * Japanese typography and stay in the page's language. */
static gboolean is_latin(gunichar c)
{
    return c < 0x2000 && g_unichar_isalpha(c) && g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
}

/* What may sit inside a Latin run ("Wi-Fi 6", "Yokohama's", the model's
 * smart apostrophe in Yokohama’s). */
static gboolean joins_latin(gunichar c)
{
    return c == ' ' || c == '-' || c == '\'' || c == 0x2019 || c == '.' || c == '&' ||
           g_ascii_isdigit(c);
}

/* Roman numerals as sections are numbered (I, II, XIV) are not words of
 * another language. (L, C, D, M are left out: DX, CD, MC are words.) */
static gboolean is_roman(const char *s, gsize len)
{
    for (gsize i = 0; i < len; i++)
        if (!strchr("IVX", s[i]))
            return FALSE;
    return TRUE;
}

/* Writes text with <span lang="en"> around each run of Latin script that
 * starts and ends with a letter (WCAG 2.2 SC 3.1.2, language of parts: the
 * screen reader switches voice for it). A single letter (A4, Aブロック)
 * and a Roman numeral are symbols read in the page's language. */
static void text_lang_n(HkHtml *h, const char *text, gsize len)
{
    const char *end = text + len, *plain = text, *p = text;
    while (p < end) {
        if (!is_latin(g_utf8_get_char(p))) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *run = p, *last = p;
        int letters = 0;
        while (p < end) {
            gunichar c = g_utf8_get_char(p);
            if (!is_latin(c) && !joins_latin(c))
                break;
            p = g_utf8_next_char(p);
            if (is_latin(c)) {
                last = p;
                letters++;
            }
        }
        p = last;
        if (letters < 2 || is_roman(run, (gsize)(last - run)))
            continue;
        text_n(h, plain, (gsize)(run - plain));
        hk_html_start(h, "span");
        hk_html_attr(h, "lang", "en");
        text_n(h, run, (gsize)(last - run));
        hk_html_end(h);
        plain = last;
    }
    text_n(h, plain, (gsize)(end - plain));
}

void hk_html_text_lang(HkHtml *h, const char *text)
{
    text_lang_n(h, text, strlen(text));
}

/* ---------- ruby ---------- */

static void ruby(HkHtml *h, const char *base, gsize len, const char *reading)
{
    hk_html_start(h, "ruby");
    hk_html_start(h, "rb");
    text_n(h, base, len);
    hk_html_end(h);
    hk_html_start(h, "rt");
    hk_html_text(h, reading);
    hk_html_end(h);
    hk_html_end(h);
}

/* The author's ruby: one rb/rt pair per character where the author gave
 * per-character readings ({漢字|かん|じ}), else one over the whole base. */
static void author_ruby(HkHtml *h, const HkInline *in)
{
    if (!in->parts) {
        ruby(h, in->text, strlen(in->text), in->reading ? in->reading : "");
        return;
    }
    hk_html_start(h, "ruby");
    const char *p = in->text;
    for (int i = 0; in->parts[i] && *p; i++) {
        const char *next = g_utf8_next_char(p);
        hk_html_start(h, "rb");
        text_n(h, p, (gsize)(next - p));
        hk_html_end(h);
        hk_html_start(h, "rt");
        hk_html_text(h, in->parts[i]);
        hk_html_end(h);
        p = next;
    }
    hk_html_end(h);
}

static gint by_start(gconstpointer a, gconstpointer b)
{
    const HkExtraRuby *x = *(const HkExtraRuby *const *)a, *y = *(const HkExtraRuby *const *)b;
    return x->start - y->start;
}

/* Picks the extra ruby of one block (or one front-matter string). */
static void select_ruby(HkHtml *h, const HkBlock *block, const char *meta)
{
    g_ptr_array_set_size(h->cur, 0);
    for (guint i = 0; h->ruby && i < h->ruby->len; i++) {
        const HkExtraRuby *r = &g_array_index(h->ruby, HkExtraRuby, i);
        if (block ? r->block == block : (!r->block && r->meta == meta))
            g_ptr_array_add(h->cur, (gpointer)r);
    }
    g_ptr_array_sort(h->cur, by_start);
}

/* Plain text at byte `pos` of the block text, with the extra readings
 * that fall inside it. A reading over a word split by markup (half in
 * bold) has no single base to sit on and is left out. */
static void run(HkHtml *h, const char *text, int pos)
{
    int len = (int)strlen(text), done = 0;
    for (guint i = 0; i < h->cur->len; i++) {
        const HkExtraRuby *r = h->cur->pdata[i];
        if (r->start < pos + done || r->end > pos + len)
            continue;
        text_lang_n(h, text + done, (gsize)(r->start - pos - done));
        ruby(h, text + r->start - pos, (gsize)(r->end - r->start), r->reading);
        done = r->end - pos;
    }
    text_lang_n(h, text + done, (gsize)(len - done));
}

/* ---------- inlines ---------- */

/* `pos` counts bytes of hk_inlines_text() of the block, the text the
 * extra readings are measured in. */
static void inlines(HkHtml *h, const GPtrArray *list, int *pos)
{
    for (guint i = 0; list && i < list->len; i++) {
        const HkInline *in = g_ptr_array_index(list, i);
        switch (in->kind) {
        case HK_INLINE_TEXT:
            run(h, in->text, *pos);
            *pos += (int)strlen(in->text);
            break;
        case HK_INLINE_CODE:
            element_text(h, "code", in->text);
            *pos += (int)strlen(in->text);
            break;
        case HK_INLINE_RUBY:
            author_ruby(h, in);
            *pos += (int)strlen(in->text);
            break;
        case HK_INLINE_BREAK:
            hk_html_start(h, "br");
            hk_html_end_void(h);
            *pos += 1;
            break;
        case HK_INLINE_EMPH:
        case HK_INLINE_STRONG:
        case HK_INLINE_LINK:
            hk_html_start(h, in->kind == HK_INLINE_EMPH     ? "em"
                             : in->kind == HK_INLINE_STRONG ? "strong"
                                                            : "a");
            if (in->kind == HK_INLINE_LINK)
                hk_html_attr(h, "href", in->url ? in->url : "");
            inlines(h, in->children, pos);
            hk_html_end(h);
            break;
        }
    }
}

static void block_inlines(HkHtml *h, const HkBlock *b)
{
    int pos = 0;
    select_ruby(h, b, NULL);
    inlines(h, b->inlines, &pos);
}

/* ---------- front matter and contents ---------- */

static gboolean is_iso_date(const char *s)
{
    return strlen(s) == 10 && g_ascii_isdigit(s[0]) && s[4] == '-' && s[7] == '-';
}

static void meta_text(HkHtml *h, const char *meta)
{
    select_ruby(h, NULL, meta);
    run(h, meta, 0);
}

void hk_html_front(HkHtml *h)
{
    const HkDocument *doc = h->doc;
    if (doc->title) {
        hk_html_start(h, "h1");
        hk_html_attr(h, "id", "hk-title");
        meta_text(h, doc->title);
        hk_html_end(h);
    }
    const char *rest[] = {doc->subtitle, doc->organization};
    const char *cls[] = {"hk-subtitle", "hk-organization"};
    for (size_t i = 0; i < G_N_ELEMENTS(rest); i++) {
        if (!rest[i] || !*rest[i])
            continue;
        hk_html_start(h, "p");
        hk_html_attr(h, "class", cls[i]);
        meta_text(h, rest[i]);
        hk_html_end(h);
    }
    if (doc->date && *doc->date) {
        hk_html_start(h, "p");
        hk_html_attr(h, "class", "hk-date");
        if (is_iso_date(doc->date)) {
            hk_html_start(h, "time");
            hk_html_attr(h, "datetime", doc->date);
        }
        /* The era form, as the print editions' default; the machine-readable
         * date stays in datetime. */
        meta_text(h, hk_document_date(doc, HK_DATE_ERA));
        if (is_iso_date(doc->date))
            hk_html_end(h);
        hk_html_end(h);
    }
}

static void toc_entry(HkHtml *h, const HkBlock *b, const char *href)
{
    char *target = g_strdup_printf("%s#%s", href, (char *)g_hash_table_lookup(h->ids, b));
    hk_html_start(h, "li");
    hk_html_start(h, "a");
    hk_html_attr(h, "href", target);
    block_inlines(h, b);
    hk_html_end(h);
    g_free(target);
}

/* Nested lists follow the heading levels; a level the source skipped
 * (### right after #) nests one list deeper, never an empty one. */
gboolean hk_html_toc(HkHtml *h, const char *href)
{
    GPtrArray *heads = hk_document_headings(h->doc);
    int stack[8], n = 0;
    for (guint i = 0; i < heads->len; i++) {
        const HkBlock *b = heads->pdata[i];
        int level = b->level;
        if (n == 0 || (level > stack[n - 1] && n < 8)) {
            hk_html_start(h, "ol");
            stack[n++] = level;
        } else {
            hk_html_end(h); /* li */
            while (n > 1 && level <= stack[n - 2]) {
                hk_html_end(h); /* ol */
                hk_html_end(h); /* li */
                n--;
            }
            if (level < stack[n - 1])
                stack[n - 1] = level;
        }
        toc_entry(h, b, href);
    }
    for (int i = 0; i < n; i++) {
        hk_html_end(h); /* li */
        hk_html_end(h); /* ol */
    }
    gboolean any = heads->len > 0;
    g_ptr_array_unref(heads);
    return any;
}

/* ---------- blocks ---------- */

static void blocks(HkHtml *h, const GPtrArray *list);

static void heading(HkHtml *h, const HkBlock *b)
{
    char name[3] = {'h', (char)('0' + CLAMP(b->level, 1, 6)), 0};
    hk_html_start(h, name);
    hk_html_attr(h, "id", g_hash_table_lookup(h->ids, b));
    block_inlines(h, b);
    hk_html_end(h);
}

static void list(HkHtml *h, const HkBlock *b)
{
    hk_html_start(h, b->ordered ? "ol" : "ul");
    if (b->ordered && b->start != 1) {
        char start[16];
        g_snprintf(start, sizeof start, "%d", b->start);
        hk_html_attr(h, "start", start);
    }
    for (guint i = 0; b->children && i < b->children->len; i++) {
        const HkBlock *item = g_ptr_array_index(b->children, i);
        hk_html_start(h, "li");
        /* A tight item's one paragraph is the item's text, not a <p>. */
        const HkBlock *only = item->children && item->children->len == 1
                                  ? g_ptr_array_index(item->children, 0)
                                  : NULL;
        if (only && only->kind == HK_BLOCK_PARAGRAPH)
            block_inlines(h, only);
        else
            blocks(h, item->children);
        hk_html_end(h);
    }
    hk_html_end(h);
}

static void figure(HkHtml *h, const HkBlock *b)
{
    GError *err = NULL;
    char *src = h->image(b, h->image_data, &err);
    if (!src) {
        if (!h->error)
            h->error = err;
        else
            g_error_free(err);
        return;
    }
    hk_html_start(h, "figure");
    hk_html_start(h, "img");
    hk_html_attr(h, "src", src);
    hk_html_attr(h, "alt", b->alt ? b->alt : "");
    hk_html_end_void(h);
    if (b->inlines && b->inlines->len) {
        hk_html_start(h, "figcaption");
        block_inlines(h, b);
        hk_html_end(h);
    }
    hk_html_end(h);
    g_free(src);
}

static void block(HkHtml *h, const HkBlock *b)
{
    switch (b->kind) {
    case HK_BLOCK_HEADING:
        heading(h, b);
        break;
    case HK_BLOCK_PARAGRAPH:
        hk_html_start(h, "p");
        block_inlines(h, b);
        hk_html_end(h);
        break;
    case HK_BLOCK_LIST:
        list(h, b);
        break;
    case HK_BLOCK_ITEM: /* only inside a list */
        blocks(h, b->children);
        break;
    case HK_BLOCK_FIGURE:
        figure(h, b);
        break;
    case HK_BLOCK_QUOTE:
        hk_html_start(h, "blockquote");
        blocks(h, b->children);
        hk_html_end(h);
        break;
    case HK_BLOCK_CODE:
        hk_html_start(h, "pre");
        element_text(h, "code", b->text ? b->text : "");
        hk_html_end(h);
        break;
    case HK_BLOCK_BREAK:
        hk_html_start(h, "hr");
        hk_html_end_void(h);
        break;
    }
}

static void blocks(HkHtml *h, const GPtrArray *list)
{
    for (guint i = 0; list && i < list->len && !h->error; i++) {
        block(h, g_ptr_array_index(list, i));
        hk_html_nl(h);
    }
}

void hk_html_blocks(HkHtml *h)
{
    blocks(h, h->doc->blocks);
}

/* ---------- what the layout asks for ---------- */

gboolean hk_html_readings(const HkDocument *doc, const HkLayout *layout, GArray **out,
                          GError **error)
{
    gboolean furigana = FALSE;
    *out = NULL;
    if (!hk_layout_bool_or(layout, "text", "furigana", FALSE, &furigana, error))
        return FALSE;
    if (!furigana)
        return TRUE;
    HkBraille *br = hk_braille_shared(error);
    HkReader *reader = br ? hk_braille_reader(br, error) : NULL;
    if (reader)
        *out = hk_furigana_ruby(reader, doc, error);
    return *out != NULL;
}

guint8 *hk_html_png(const HkDocument *doc, const HkBlock *figure, gsize *len, GError **error)
{
    static const guint8 sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    gchar *data = NULL;
    if (!g_file_get_contents(figure->path, &data, len, NULL) || *len < 8 ||
        memcmp(data, sig, 8) != 0) {
        hk_set_error_at(error, HK_ERROR_INPUT, doc->path, figure->line, figure->col,
                        "image '%s' is not a PNG file (only PNG images are supported)",
                        figure->src);
        g_free(data);
        return NULL;
    }
    return (guint8 *)data;
}

char *hk_html_stylesheet(const HkLayout *layout, const char *key, GError **error)
{
    char *name = hk_layout_string(layout, "style", key, error);
    if (!name)
        return NULL;
    char *dir = g_path_get_dirname(hk_layout_path(layout));
    char *path = g_build_filename(dir, name, NULL);
    char *css = NULL;
    if (!g_file_get_contents(path, &css, NULL, NULL)) {
        hk_layout_error(layout, "style", key, error, "cannot read the stylesheet '%s'", path);
    } else if (!g_utf8_validate(css, -1, NULL) || strstr(css, "</")) {
        hk_layout_error(layout, "style", key, error,
                        "the stylesheet '%s' is not UTF-8 or holds \"</\"", path);
        g_clear_pointer(&css, g_free);
    }
    g_free(path);
    g_free(dir);
    g_free(name);
    return css;
}
