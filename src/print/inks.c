#include "inks.h"

#include <lcms2.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

gboolean hk_colour_parse(const char *s, HkColour *c, const char **why)
{
    memset(c, 0, sizeof *c);
    while (g_ascii_isspace(*s))
        s++;
    if (s[0] == '#') {
        for (int i = 1; i < 7; i++)
            if (!g_ascii_isxdigit(s[i])) {
                *why = "is not a colour (#RRGGBB or cmyk(C, M, Y, K))";
                return FALSE;
            }
        for (int i = 0; i < 3; i++)
            c->rgb[i] =
                (g_ascii_xdigit_value(s[1 + 2 * i]) * 16 + g_ascii_xdigit_value(s[2 + 2 * i])) /
                255.0;
        for (s += 7; g_ascii_isspace(*s); s++)
            ;
        if (*s) {
            *why = "is not a colour (#RRGGBB or cmyk(C, M, Y, K))";
            return FALSE;
        }
        return TRUE;
    }
    if (g_ascii_strncasecmp(s, "cmyk(", 5) != 0) {
        *why = "is not a colour (#RRGGBB or cmyk(C, M, Y, K))";
        return FALSE;
    }
    s += 5;
    for (int i = 0; i < 4; i++) {
        char *end;
        double v = g_ascii_strtod(s, &end);
        while (g_ascii_isspace(*end))
            end++;
        if (end == s || v < 0 || v > 100 || *end != (i < 3 ? ',' : ')')) {
            *why = "is not cmyk(C, M, Y, K) with each value a percentage 0–100";
            return FALSE;
        }
        c->cmyk[i] = v / 100.0;
        s = end + 1;
    }
    while (g_ascii_isspace(*s))
        s++;
    if (*s) {
        *why = "has text after cmyk(…)";
        return FALSE;
    }
    c->is_cmyk = TRUE;
    /* A screen approximation only (no profile): the screen editions have
     * no ink, and the press edition prints the CMYK values themselves. */
    for (int i = 0; i < 3; i++)
        c->rgb[i] = (1 - c->cmyk[i]) * (1 - c->cmyk[3]);
    return TRUE;
}

char *hk_colour_format(const HkColour *c)
{
    if (!c->is_cmyk)
        return g_strdup_printf("#%02X%02X%02X", (int)lround(c->rgb[0] * 255),
                               (int)lround(c->rgb[1] * 255), (int)lround(c->rgb[2] * 255));
    char v[4][G_ASCII_DTOSTR_BUF_SIZE];
    for (int i = 0; i < 4; i++)
        g_ascii_formatd(v[i], sizeof v[i], "%.3f", c->cmyk[i] * 100);
    return g_strdup_printf("cmyk(%s, %s, %s, %s)", v[0], v[1], v[2], v[3]);
}

GArray *hk_inks_new(void)
{
    GArray *inks = g_array_new(FALSE, TRUE, sizeof(HkInk));
    /* An odd key no layout is likely to name; a layout colour that
     * happens to have it is moved off it by hk_inks_add. */
    HkInk reg = {{1, 2, 3}, {1, 1, 1, 1}, TRUE};
    g_array_append_val(inks, reg);
    return inks;
}

const HkInk *hk_inks_find(const GArray *inks, guint8 r, guint8 g, guint8 b)
{
    for (guint i = 0; i < inks->len; i++) {
        const HkInk *k = &g_array_index(inks, HkInk, i);
        if (k->key[0] == r && k->key[1] == g && k->key[2] == b)
            return k;
    }
    return NULL;
}

static const HkInk *same_ink(const GArray *inks, const double cmyk[4])
{
    for (guint i = 0; i < inks->len; i++) {
        const HkInk *k = &g_array_index(inks, HkInk, i);
        if (!k->registration && !memcmp(k->cmyk, cmyk, sizeof k->cmyk))
            return k;
    }
    return NULL;
}

void hk_inks_add(GArray *inks, HkColour *c)
{
    const HkInk *k = same_ink(inks, c->cmyk);
    if (!k) {
        HkInk n = {{0}, {0}, FALSE};
        memcpy(n.cmyk, c->cmyk, sizeof n.cmyk);
        for (int i = 0; i < 3; i++)
            n.key[i] = (guint8)lround(c->rgb[i] * 255);
        /* Two inks whose screen colours round to the same key: move the
         * newcomer to the nearest free key (at most 255 × 255 tries). */
        for (unsigned step = 0; hk_inks_find(inks, n.key[0], n.key[1], n.key[2]); step++) {
            n.key[2] = (guint8)(n.key[2] + 1);
            if ((step & 255) == 255)
                n.key[1] = (guint8)(n.key[1] + 1);
        }
        g_array_append_val(inks, n);
        k = &g_array_index(inks, HkInk, inks->len - 1);
    }
    for (int i = 0; i < 3; i++)
        c->rgb[i] = k->key[i] / 255.0;
}

void hk_inks_registration_rgb(const GArray *inks, double rgb[3])
{
    const HkInk *k = &g_array_index(inks, HkInk, 0);
    for (int i = 0; i < 3; i++)
        rgb[i] = k->key[i] / 255.0;
}

char *hk_cmyk_profile_load(const char *path, gboolean v2_only, gsize *len, char **desc, char **why)
{
    char *data = NULL;
    GError *e = NULL;
    *why = NULL;
    *desc = NULL;
    if (!g_file_get_contents(path, &data, len, &e)) {
        *why = g_strdup(e->message);
        g_error_free(e);
        return NULL;
    }
    cmsHPROFILE p = cmsOpenProfileFromMem(data, (cmsUInt32Number)*len);
    if (!p || cmsGetColorSpace(p) != cmsSigCmykData || cmsGetDeviceClass(p) != cmsSigOutputClass)
        *why = g_strdup_printf("%s is not a CMYK output (printer) ICC profile", path);
    else if (v2_only && cmsGetEncodedICCversion(p) >= 0x3000000)
        *why = g_strdup_printf("%s is an ICC version 4 profile; PDF/X-1a needs version 2", path);
    if (p && !*why) {
        char buf[256] = "";
        cmsGetProfileInfoASCII(p, cmsInfoDescription, "en", "US", buf, sizeof buf);
        *desc = g_strdup(buf);
    }
    if (p)
        cmsCloseProfile(p);
    if (*why) {
        g_free(data);
        return NULL;
    }
    return data;
}
