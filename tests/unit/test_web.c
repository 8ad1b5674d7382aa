/* Unit tests for the web body writer (src/web/html.c) and the web page
 * around it: Latin runs get lang="en" (not single letters or Roman
 * numerals), the table of contents nests by heading level even where the
 * source skips one, the author's per-character ruby, extra readings at
 * their byte offsets (and left out where markup splits the word), escaping
 * by the writer, ordered lists' start, and the links to sibling editions
 * only when those files exist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>

#include "datadir.h"
#include "document.h"
#include "edition_web.h"
#include "html.h"
#include "layout.h"
#include "output.h"
#include "source.h"
#include "typeset.h"

static HkDocument *parse(const char *md)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse("test.md", md, strlen(md), &err);
    if (!doc)
        fail_msg("%s", err->message);
    return doc;
}

/* The body (or, with toc, the table of contents) of `md` as HTML. */
static char *body_of(const HkDocument *doc, const GArray *ruby, gboolean toc)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterFlush(w);
    xmlBufferEmpty(buf);
    HkHtml *h = hk_html_new(w, doc, ruby, NULL, NULL);
    if (toc)
        hk_html_toc(h, "");
    else
        hk_html_blocks(h);
    GError *err = NULL;
    if (!hk_html_free(h, &err))
        fail_msg("%s", err->message);
    xmlFreeTextWriter(w);
    char *out = g_strdup((const char *)xmlBufferContent(buf));
    xmlBufferFree(buf);
    return out;
}

static char *html_of(const char *md)
{
    HkDocument *doc = parse(md);
    char *out = body_of(doc, NULL, FALSE);
    hk_document_free(doc);
    return out;
}

static void assert_has(const char *html, const char *part)
{
    if (!strstr(html, part))
        fail_msg("no %s in %s", part, html);
}

static void assert_lacks(const char *html, const char *part)
{
    if (strstr(html, part))
        fail_msg("%s in %s", part, html);
}

static void test_latin_runs(void **state)
{
    (void)state;
    char *h = html_of("DXの推進とWi-Fi 6、A4判、第II章、Yokohama's port。\n");
    assert_has(h, "<span lang=\"en\">DX</span>の推進");
    assert_has(h, "<span lang=\"en\">Wi-Fi</span> 6");
    assert_has(h, "、A4判");
    assert_has(h, "第II章");
    /* The model's apostrophe is the typographic one (quotes.h). */
    assert_has(h, "<span lang=\"en\">Yokohama’s port</span>。");
    assert_lacks(h, "lang=\"en\">A<");
    g_free(h);
}

static void test_toc_nesting(void **state)
{
    (void)state;
    HkDocument *doc = parse("# 一\n\n### 二\n\n## 三\n\n# 四\n");
    char *toc = body_of(doc, NULL, TRUE);
    assert_string_equal(toc, "<ol><li><a href=\"#s1\">一</a><ol><li><a href=\"#s2\">二</a></li>"
                             "<li><a href=\"#s3\">三</a></li></ol></li>"
                             "<li><a href=\"#s4\">四</a></li></ol>");
    char *body = body_of(doc, NULL, FALSE);
    assert_has(body, "<h3 id=\"s2\">二</h3>");
    g_free(body);
    g_free(toc);
    hk_document_free(doc);
}

static void test_author_ruby(void **state)
{
    (void)state;
    char *h = html_of("{漢字|かん|じ}と{金沢|かなざわ}。\n");
    assert_has(h, "<ruby><rb>漢</rb><rt>かん</rt><rb>字</rb><rt>じ</rt></ruby>と");
    assert_has(h, "<ruby><rb>金沢</rb><rt>かなざわ</rt></ruby>。");
    g_free(h);
}

static void test_extra_ruby_offsets(void **state)
{
    (void)state;
    /* bytes: 区(0-3) **民**(3-6) の(6-9) 窓口(9-15) */
    HkDocument *doc = parse("区**民**の窓口\n");
    const HkBlock *p = g_ptr_array_index(doc->blocks, 0);
    GArray *ruby = g_array_new(FALSE, TRUE, sizeof(HkExtraRuby));
    HkExtraRuby split = {p, 0, 6, "くみん", NULL}, whole = {p, 9, 15, "まどぐち", NULL};
    g_array_append_val(ruby, whole);
    g_array_append_val(ruby, split);
    char *h = body_of(doc, ruby, FALSE);
    assert_string_equal(h, "<p>区<strong>民</strong>の<ruby><rb>窓口</rb><rt>まどぐち</rt></ruby>"
                           "</p>\n");
    g_free(h);
    g_array_unref(ruby);
    hk_document_free(doc);
}

static void test_escaping_and_lists(void **state)
{
    (void)state;
    char *h = html_of("a < b & \"c\"\n\n3. 三\n4. 四\n\n- 点\n");
    /* The quotes are the model's smart ones (quotes.h). */
    assert_has(h, "a &lt; b &amp; “c”");
    assert_has(h, "<ol start=\"3\"><li>三</li><li>四</li></ol>");
    assert_has(h, "<ul><li>点</li></ul>");
    g_free(h);
}

static char *page_in(const char *dir, const HkDocument *doc)
{
    char *layout_path = hk_data_path("layouts/web.ini");
    GError *err = NULL;
    HkLayout *layout = hk_layout_load(layout_path, &err);
    if (!layout || !hk_render_web(doc, layout, dir, &err))
        fail_msg("%s", err->message);
    char *path = g_build_filename(dir, "test.html", NULL);
    char *html = NULL;
    assert_true(g_file_get_contents(path, &html, NULL, NULL));
    g_free(path);
    hk_layout_free(layout);
    g_free(layout_path);
    return html;
}

static void test_sibling_links(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("hiraku-web-XXXXXX", NULL);
    HkDocument *doc = parse("---\ntitle: 題\nlang: ja\n---\n\n## 見出し\n\n本文。\n");
    char *alone = page_in(dir, doc);
    assert_lacks(alone, "class=\"hk-editions\"");
    assert_has(alone, "<title>題</title>");
    assert_has(alone, "<html lang=\"ja\">");
    char *pdf = g_build_filename(dir, "test.print.pdf", NULL);
    assert_true(g_file_set_contents(pdf, "%PDF", 4, NULL));
    char *beside = page_in(dir, doc);
    assert_has(beside, "<nav class=\"hk-editions\" aria-label=\"ほかの版\"><ul><li>"
                       "<a href=\"test.print.pdf\">印刷用 <span lang=\"en\">PDF</span>（A4）</a>");
    assert_lacks(beside, "test.large.pdf");
    g_unlink(pdf);
    char *html = g_build_filename(dir, "test.html", NULL);
    g_unlink(html);
    g_rmdir(dir);
    g_free(html);
    g_free(pdf);
    g_free(beside);
    g_free(alone);
    g_free(dir);
    hk_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latin_runs),         cmocka_unit_test(test_toc_nesting),
        cmocka_unit_test(test_author_ruby),        cmocka_unit_test(test_extra_ruby_offsets),
        cmocka_unit_test(test_escaping_and_lists), cmocka_unit_test(test_sibling_links),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
