/* The whole render path on one input, shared by the fuzz targets
 * (fuzz_render.c, fuzz_layout.c) and their replay in the unit tests
 * (tests/unit/test_fuzz_replay.c), so that a saved input is replayed
 * exactly as it was fuzzed.
 *
 * hk_fuzz_render: the bytes as a source, rendered in every edition with
 * its default layout. hk_fuzz_layout: the bytes as a layout file, used by
 * every edition to render a small document that has every kind of block.
 * Either way any input must give files or a located error ("file:line:col:
 * ..."), never a crash, a hang or undefined behaviour. Outputs go into
 * `out_dir` and are removed after each input. */
#ifndef HK_FUZZ_RENDER_ONE_H
#define HK_FUZZ_RENDER_ONE_H

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "edition.h"
#include "layout.h"
#include "datadir.h"
#include "output.h"
#include "source.h"

static void hk_fuzz_empty_dir(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
}

/* A failure must say where: the message starts with a file name and a
 * line and column ("x:1:1: "). Returns FALSE if it does not. */
static gboolean hk_fuzz_located(const GError *err)
{
    const char *colon = err && err->message ? strchr(err->message, ':') : NULL;
    return colon && g_ascii_isdigit(colon[1]);
}

/* Every edition renders `doc`, each with `layout` or, if NULL, its own
 * default layout. Returns FALSE if a failure was not located. */
static gboolean hk_fuzz_editions(const HkDocument *doc, const HkLayout *layout, const char *out_dir)
{
    gboolean located = TRUE;
    for (const HkEdition *e = hk_editions; e->name; e++) {
        GError *err = NULL;
        HkLayout *own = NULL;
        if (!layout) {
            char *lp = hk_data_path(e->default_layout);
            own = hk_layout_load(lp, &err);
            g_free(lp);
            if (!own)
                g_error("default layout: %s", err->message);
        }
        if (!e->render(doc, layout ? layout : own, out_dir, &err)) {
            located = located && hk_fuzz_located(err);
            g_clear_error(&err);
        }
        hk_layout_free(own);
        hk_fuzz_empty_dir(out_dir);
    }
    return located;
}

static gboolean hk_fuzz_render(const char *path, const char *data, size_t size, const char *out_dir)
{
    GError *err = NULL;
    HkDocument *doc = hk_source_parse(path, data, size, &err);
    if (!doc) {
        gboolean located = hk_fuzz_located(err);
        g_clear_error(&err);
        return located;
    }
    gboolean located = hk_fuzz_editions(doc, NULL, out_dir);
    hk_document_free(doc);
    return located;
}

/* Every kind of block and inline, so that each layout group is used. */
static const char hk_fuzz_layout_doc[] =
    "---\ntitle: 区の{運営|うんえい}方針\nsubtitle: 副題\norganization: 金沢区\n"
    "date: 2025-04-01\n---\n\n# 見出し\n\n本文の段落です。{漢字|かん|じ}と*強調*と**重要**と"
    "[リンク](https://example.jp/)と`code`。\n\n## 小見出し\n\n- 項目一\n- 項目二\n\n"
    "1. 番号一\n2. 番号二\n\n> 引用の段落。\n\n```\nコード\n```\n\n***\n\n最後の段落。\n";

static gboolean hk_fuzz_layout(const char *data, size_t size, const char *out_dir)
{
    char *ini = g_build_filename(out_dir, "fuzz-layout.ini", NULL);
    GError *err = NULL;
    if (!g_file_set_contents(ini, data, (gssize)size, &err))
        g_error("%s", err->message);
    gboolean located = TRUE;
    HkLayout *layout = hk_layout_load(ini, &err);
    if (!layout) {
        located = hk_fuzz_located(err);
        g_clear_error(&err);
    } else {
        HkDocument *doc = hk_source_parse("fuzz-layout.md", hk_fuzz_layout_doc,
                                          sizeof hk_fuzz_layout_doc - 1, &err);
        if (!doc)
            g_error("%s", err->message);
        located = hk_fuzz_editions(doc, layout, out_dir);
        hk_document_free(doc);
        hk_layout_free(layout);
    }
    g_unlink(ini);
    g_free(ini);
    return located;
}

#endif
