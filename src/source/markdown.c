#include "markdown.h"

#include <cmark.h>
#include <string.h>

#include "error.h"
#include "inputfile.h"
#include "quotes.h"
#include "reference.h"

typedef struct {
    HkDocument *doc;
    int line0; /* file line of the body's first line, minus one */
    char *dir; /* directory of the source, for images */
    GError **error;
    int elements; /* blocks, links and ruby so far */
} Ctx;

/* Each block, link and ruby becomes an element of the PDF structure tree,
 * which Cairo and qpdf hold in memory for the whole document (several
 * kilobytes each): a million list items took 11 GB. No real document comes
 * near this many; one that does is refused where it goes past. */
static gboolean count_element(Ctx *c, int line, int col)
{
    if (++c->elements <= HK_DOCUMENT_MAX_ELEMENTS)
        return TRUE;
    hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                    "more than %d blocks, links and ruby in one document (split it)",
                    HK_DOCUMENT_MAX_ELEMENTS);
    return FALSE;
}

static int node_line(Ctx *c, cmark_node *n)
{
    int l = cmark_node_get_start_line(n);
    return l > 0 ? c->line0 + l : c->line0 + 1;
}

static int node_col(cmark_node *n)
{
    int col = cmark_node_get_start_column(n);
    return col > 0 ? col : 1;
}

static gboolean is_ascii_word(gunichar ch)
{
    return ch < 0x80 && g_ascii_isalnum((char)ch);
}

static gboolean is_kana_reading(const char *s)
{
    if (!*s)
        return FALSE;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        gboolean kana = (ch >= 0x3041 && ch <= 0x3096) || (ch >= 0x30A1 && ch <= 0x30FA) ||
                        ch == 0x30FC || ch == 0x30FB || ch == 0x309D || ch == 0x309E ||
                        ch == 0x30FD || ch == 0x30FE;
        if (!kana)
            return FALSE;
    }
    return TRUE;
}

/* Splits merged text into TEXT and RUBY inlines. A "{" that does not open a
 * well-formed {base|reading} is kept as text, so braces in ordinary prose
 * need no escaping; a well-formed one with a bad reading is an error. */
static gboolean emit_text(Ctx *c, GPtrArray *out, const char *text, int line, int col)
{
    GString *plain = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open) {
            g_string_append(plain, p);
            break;
        }
        const char *close = strchr(open, '}');
        const char *bar = strchr(open, '|');
        const char *nested = strchr(open + 1, '{');
        const char *nl = strchr(open, '\n');
        if (!close || !bar || bar > close || (nested && nested < close) || bar == open + 1 ||
            (nl && nl < close)) {
            g_string_append_len(plain, p, open + 1 - p);
            p = open + 1;
            continue;
        }
        g_string_append_len(plain, p, open - p);
        if (plain->len) {
            HkInline *t = hk_inline_new(HK_INLINE_TEXT, line, col);
            t->text = g_strdup(plain->str);
            g_ptr_array_add(out, t);
            g_string_truncate(plain, 0);
        }
        char *base = g_strndup(open + 1, bar - open - 1);
        char *rest = g_strndup(bar + 1, close - bar - 1);
        char **parts = g_strsplit(rest, "|", -1);
        guint nparts = g_strv_length(parts);
        glong nbase = g_utf8_strlen(base, -1);
        gboolean ok = TRUE;
        if (nparts == 0) {
            hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                            "ruby {%s|}: the reading is empty", base);
            ok = FALSE;
        }
        for (guint i = 0; i < nparts && ok; i++) {
            if (!is_kana_reading(parts[i])) {
                hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                                "ruby {%s|%s}: the reading must be kana", base, rest);
                ok = FALSE;
            }
        }
        if (ok && nparts > 1 && (glong)nparts != nbase) {
            hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                            "ruby {%s|%s}: %u readings for %ld characters", base, rest, nparts,
                            nbase);
            ok = FALSE;
        }
        if (!ok) {
            g_free(base);
            g_free(rest);
            g_strfreev(parts);
            g_string_free(plain, TRUE);
            return FALSE;
        }
        if (!count_element(c, line, col)) {
            g_free(base);
            g_free(rest);
            g_strfreev(parts);
            g_string_free(plain, TRUE);
            return FALSE;
        }
        HkInline *r = hk_inline_new(HK_INLINE_RUBY, line, col);
        r->text = base;
        r->reading = g_strjoinv("", parts);
        if (nparts > 1)
            r->parts = parts;
        else
            g_strfreev(parts);
        g_free(rest);
        g_ptr_array_add(out, r);
        p = close + 1;
    }
    if (plain->len) {
        HkInline *t = hk_inline_new(HK_INLINE_TEXT, line, col);
        t->text = g_strdup(plain->str);
        g_ptr_array_add(out, t);
    }
    g_string_free(plain, TRUE);
    return TRUE;
}

static gboolean convert_inlines(Ctx *c, cmark_node *parent, GPtrArray *out, int line);

static gboolean convert_inlines(Ctx *c, cmark_node *parent, GPtrArray *out, int line)
{
    GString *text = g_string_new(NULL);
    gboolean ok = TRUE;
    for (cmark_node *n = cmark_node_first_child(parent); n && ok; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_HTML_INLINE) {
            /* Inline HTML is not interpreted: it is printed as written. */
            g_string_append(text, cmark_node_get_literal(n));
            continue;
        }
        if (t == CMARK_NODE_SOFTBREAK) {
            /* Japanese joins wrapped lines without a space; Latin words
             * still need one. */
            cmark_node *next = cmark_node_next(n);
            const char *nl = next && cmark_node_get_type(next) == CMARK_NODE_TEXT
                                 ? cmark_node_get_literal(next)
                                 : NULL;
            gunichar before =
                text->len ? g_utf8_get_char(g_utf8_prev_char(text->str + text->len)) : 0;
            gunichar after = nl && *nl ? g_utf8_get_char(nl) : 0;
            if (is_ascii_word(before) && is_ascii_word(after))
                g_string_append_c(text, ' ');
            continue;
        }
        if (text->len) {
            ok = emit_text(c, out, text->str, line, 1);
            g_string_truncate(text, 0);
            if (!ok)
                break;
        }
        HkInline *in = NULL;
        switch (t) {
        case CMARK_NODE_LINEBREAK:
            in = hk_inline_new(HK_INLINE_BREAK, line, 1);
            break;
        case CMARK_NODE_CODE:
            in = hk_inline_new(HK_INLINE_CODE, line, 1);
            in->text = g_strdup(cmark_node_get_literal(n));
            break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
            in = hk_inline_new(t == CMARK_NODE_EMPH     ? HK_INLINE_EMPH
                               : t == CMARK_NODE_STRONG ? HK_INLINE_STRONG
                                                        : HK_INLINE_LINK,
                               line, 1);
            if (t == CMARK_NODE_LINK) {
                in->url = g_strdup(cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
                const char *why = hk_reference_link_problem(in->url, c->doc->stem);
                if (why) {
                    hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, node_line(c, n),
                                    node_col(n), "link '%s' refused: %s", in->url, why);
                    hk_inline_free(in);
                    in = NULL;
                    ok = FALSE;
                    break;
                }
            }
            ok = (t != CMARK_NODE_LINK || count_element(c, line, 1)) &&
                 convert_inlines(c, n, in->children, line);
            break;
        case CMARK_NODE_IMAGE:
            hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, 1,
                            "an image must stand alone in its own paragraph");
            ok = FALSE;
            break;
        default:
            break;
        }
        if (in)
            g_ptr_array_add(out, in);
    }
    if (ok && text->len)
        ok = emit_text(c, out, text->str, line, 1);
    g_string_free(text, TRUE);
    return ok;
}

static gboolean is_blank(const char *s)
{
    for (; s && *s; s++)
        if (!g_ascii_isspace(*s))
            return FALSE;
    return TRUE;
}

/* A paragraph holding one image and nothing else is a figure. */
static cmark_node *sole_image(cmark_node *para)
{
    cmark_node *img = NULL;
    for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_IMAGE && !img)
            img = n;
        else if (t == CMARK_NODE_SOFTBREAK)
            continue;
        else if (t == CMARK_NODE_TEXT && is_blank(cmark_node_get_literal(n)))
            continue;
        else
            return NULL;
    }
    return img;
}

static gboolean convert_figure(Ctx *c, cmark_node *img, GPtrArray *out, int line, int col)
{
    HkBlock *b = hk_block_new(HK_BLOCK_FIGURE, line, col);
    g_ptr_array_add(out, b);
    if (!convert_inlines(c, img, b->inlines, line))
        return FALSE;
    char *alt = hk_inlines_text(b->inlines);
    b->alt = g_strstrip(alt);
    b->src = g_strdup(cmark_node_get_url(img) ? cmark_node_get_url(img) : "");
    if (!*b->alt) {
        hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                        "image '%s' has no alt text: write ![what it shows](%s)", b->src, b->src);
        return FALSE;
    }
    if (strstr(b->src, "://") || !*b->src) {
        hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                        "image '%s' must be a local file", b->src);
        return FALSE;
    }
    switch (hk_reference_image(c->dir, b->src, &b->path)) {
    case HK_IMAGE_OK:
        break;
    case HK_IMAGE_OUTSIDE:
        /* One message, found or not: a source must not learn what exists
         * outside the directories it may read. */
        hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                        "image '%s' is outside the document's directory (name its directory "
                        "with --allow-dir to use it)",
                        b->src);
        return FALSE;
    case HK_IMAGE_IRREGULAR: {
        /* a FIFO would block the run, a device never end */
        const char *what = hk_input_irregular(b->path);
        hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                        "image '%s' is %s: only regular files are read", b->src,
                        what ? what : "not a regular file");
        return FALSE;
    }
    case HK_IMAGE_NOT_FOUND:
        hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col, "image '%s' not found",
                        b->src);
        return FALSE;
    }
    /* The alt text is the figure's content; no separate caption. */
    g_ptr_array_set_size(b->inlines, 0);
    return TRUE;
}

static gboolean convert_blocks(Ctx *c, cmark_node *parent, GPtrArray *out)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        int line = node_line(c, n), col = node_col(n);
        HkBlock *b = NULL;
        if (cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK && !count_element(c, line, col))
            return FALSE;
        gboolean ok = TRUE;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_HEADING:
            b = hk_block_new(HK_BLOCK_HEADING, line, col);
            b->level = cmark_node_get_heading_level(n);
            g_ptr_array_add(out, b);
            ok = convert_inlines(c, n, b->inlines, line);
            break;
        case CMARK_NODE_PARAGRAPH: {
            cmark_node *img = sole_image(n);
            if (img) {
                ok = convert_figure(c, img, out, line, col);
                break;
            }
            b = hk_block_new(HK_BLOCK_PARAGRAPH, line, col);
            g_ptr_array_add(out, b);
            ok = convert_inlines(c, n, b->inlines, line);
            break;
        }
        case CMARK_NODE_LIST:
            b = hk_block_new(HK_BLOCK_LIST, line, col);
            b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
            b->start = cmark_node_get_list_start(n);
            g_ptr_array_add(out, b);
            ok = convert_blocks(c, n, b->children);
            break;
        case CMARK_NODE_ITEM:
            b = hk_block_new(HK_BLOCK_ITEM, line, col);
            g_ptr_array_add(out, b);
            ok = convert_blocks(c, n, b->children);
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            b = hk_block_new(HK_BLOCK_QUOTE, line, col);
            g_ptr_array_add(out, b);
            ok = convert_blocks(c, n, b->children);
            break;
        case CMARK_NODE_CODE_BLOCK:
            b = hk_block_new(HK_BLOCK_CODE, line, col);
            b->text = g_strdup(cmark_node_get_literal(n));
            g_ptr_array_add(out, b);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            g_ptr_array_add(out, hk_block_new(HK_BLOCK_BREAK, line, col));
            break;
        case CMARK_NODE_HTML_BLOCK: {
            const char *html = cmark_node_get_literal(n);
            if (g_str_has_prefix(html, "<!--"))
                break; /* an author's comment: not content */
            hk_set_error_at(c->error, HK_ERROR_INPUT, c->doc->path, line, col,
                            "raw HTML blocks are not supported");
            ok = FALSE;
            break;
        }
        default:
            break;
        }
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* Leaves have no exit event in a cmark walk (cmark's own leaf list). */
static gboolean is_leaf(cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        return TRUE;
    default:
        return FALSE;
    }
}

/* Smart quotes (quotes.h) in every block's text, each block on its own. */
static void smarten_blocks(GPtrArray *blocks)
{
    for (guint i = 0; blocks && i < blocks->len; i++) {
        HkBlock *b = g_ptr_array_index(blocks, i);
        hk_quotes_smarten_inlines(b->inlines);
        smarten_blocks(b->children);
    }
}

gboolean hk_markdown_parse(HkDocument *doc, const char *body, gsize len, int first_line,
                           GError **error)
{
    /* Deep nesting is bounded so that no input can exhaust the stack of the
     * recursive walk (and of every renderer's walk after it). */
    cmark_node *root = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
    Ctx c = {doc, first_line - 1, g_path_get_dirname(doc->path), error, 0};
    int depth = 0, max_depth = 0;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    cmark_node *deep = NULL;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        /* Every container counts, empty or not: an empty one ("#",
         * "[](x)") still has an exit event, and counting only those with
         * children let the depth go negative and the limit be bypassed. */
        if (ev == CMARK_EVENT_ENTER && !is_leaf(cur)) {
            if (++depth > max_depth) {
                max_depth = depth;
                if (depth > HK_DOCUMENT_MAX_DEPTH && !deep)
                    deep = cur;
            }
        } else if (ev == CMARK_EVENT_EXIT) {
            depth--;
        }
    }
    cmark_iter_free(it);
    gboolean ok;
    if (deep) {
        hk_set_error_at(error, HK_ERROR_INPUT, doc->path, node_line(&c, deep), node_col(deep),
                        "nesting deeper than %d levels", HK_DOCUMENT_MAX_DEPTH);
        ok = FALSE;
    } else {
        ok = convert_blocks(&c, root, doc->blocks);
    }
    if (ok)
        smarten_blocks(doc->blocks);
    cmark_node_free(root);
    g_free(c.dir);
    return ok;
}
