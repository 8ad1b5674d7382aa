#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <libxml/parser.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "datadir.h"
#include "error.h"

struct HkFonts {
    char *conf_path;
    FcConfig *config;
    PangoFontMap *map;
};

HkFonts *hk_fonts_open(GError **error)
{
    HkFonts *f = g_new0(HkFonts, 1);
    f->conf_path = hk_data_path("fonts/fonts.conf");
    if (!g_file_test(f->conf_path, G_FILE_TEST_IS_REGULAR)) {
        hk_set_error_at(error, HK_ERROR_RENDER, f->conf_path, 1, 1,
                        "font configuration not found (is HIRAKU_DATA_DIR right?)");
        hk_fonts_free(f);
        return NULL;
    }
    /* Fontconfig reports syntax errors on stderr in its own words; check
     * the XML first so that the user gets one file:line:col message. */
    xmlDocPtr xml =
        xmlReadFile(f->conf_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!xml) {
        const xmlError *e = xmlGetLastError();
        char *msg = g_strdup(e && e->message ? e->message : "not well-formed XML");
        g_strchomp(msg);
        hk_set_error_at(error, HK_ERROR_RENDER, f->conf_path, e ? MAX(e->line, 1) : 1,
                        e ? MAX(e->int2, 1) : 1, "invalid font configuration: %s", msg);
        g_free(msg);
        hk_fonts_free(f);
        return NULL;
    }
    xmlFreeDoc(xml);
    f->config = FcConfigCreate();
    if (!FcConfigParseAndLoad(f->config, (const FcChar8 *)f->conf_path, FcTrue) ||
        !FcConfigBuildFonts(f->config)) {
        hk_set_error_at(error, HK_ERROR_RENDER, f->conf_path, 1, 1,
                        "invalid font configuration (fontconfig could not load it)");
        hk_fonts_free(f);
        return NULL;
    }
    return f;
}

void hk_fonts_free(HkFonts *f)
{
    if (!f)
        return;
    if (f->map) {
        /* Pango 1.50 takes a reference on the configuration and does not
         * drop it when the font map is finalized; hand it back first. */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
        g_object_unref(f->map);
    }
    if (f->config)
        FcConfigDestroy(f->config);
    g_free(f->conf_path);
    g_free(f);
}

const char *hk_fonts_config_path(const HkFonts *f)
{
    return f->conf_path;
}

gboolean hk_fonts_has(HkFonts *f, const char *family, PangoWeight weight)
{
    /* FcFontList matches the family name exactly (no substitution rules
     * apply to listing), so a missing family gives an empty set instead of
     * the fallback fontconfig would pick for rendering. */
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_WEIGHT, FC_SLANT, NULL);
    FcFontSet *set = FcFontList(f->config, pat, os);
    int want = weight >= PANGO_WEIGHT_SEMIBOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    gboolean found = FALSE;
    for (int i = 0; set && i < set->nfont && !found; i++) {
        int w, s;
        if (FcPatternGetInteger(set->fonts[i], FC_WEIGHT, 0, &w) != FcResultMatch)
            continue;
        if (FcPatternGetInteger(set->fonts[i], FC_SLANT, 0, &s) == FcResultMatch &&
            s != FC_SLANT_ROMAN)
            continue;
        found = want == FC_WEIGHT_BOLD ? w >= FC_WEIGHT_DEMIBOLD : w < FC_WEIGHT_DEMIBOLD;
    }
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    return found;
}

/* The font map is made when a renderer first asks for a context, not when
 * the configuration is opened: Pango's first font map starts a thread
 * (FcInit), and the checks before rendering (preflight.h) only need the
 * configuration. Render's parent process runs those checks and then forks
 * one child a file (jobs.h); a thread alive at fork() may hold a lock
 * (fontconfig's, or ASan's allocator's) that no thread of the child will
 * ever release, and the child hangs. */
static PangoFontMap *font_map(HkFonts *f)
{
    if (f->map)
        return f->map;
    /* Pango's first font map starts a thread that runs FcInit() on the
     * default configuration, i.e. the host's; point that at ours too, so
     * nothing of the host's font setup is read (it is also faster, and
     * the host's configuration leaks memory in fontconfig 2.14). Ours is
     * made the current one as well, so that FcInit() finds it loaded and
     * returns: loading it again from FONTCONFIG_FILE also parses the 41
     * files of /usr/share/fontconfig/conf.avail (FcInitLoadConfig reads
     * the template directory), 21 M instructions, 3 % of a print run. */
    g_setenv("FONTCONFIG_FILE", f->conf_path, TRUE);
    FcConfigSetCurrent(f->config);
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    /* Debian's cairo is built with FreeType; without it nothing can be set. */
    if (!f->map)
        g_error("%s: cairo has no FreeType font support", f->conf_path);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72.0);
    return f->map;
}

PangoContext *hk_fonts_context(HkFonts *f)
{
    PangoContext *ctx = pango_font_map_create_context(font_map(f));
    pango_context_set_round_glyph_positions(ctx, FALSE);
    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, opts);
    cairo_font_options_destroy(opts);
    pango_context_set_language(ctx, pango_language_from_string("ja"));
    return ctx;
}
