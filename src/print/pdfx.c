#include "pdfx.h"

#include <lcms2.h>
#include <stdlib.h>
#include <string.h>

#include "contentinks.h"
#include "error.h"
#include "inks.h"

#define REG_NAME "HkAll" /* resource name of the registration colour space */

typedef struct {
    qpdf_data q;
    const HkPdfx *x;
    const char *path;
    GError **error;
    gboolean ok;
    GHashTable *done;      /* object ids of streams already converted */
    qpdf_oh registration;  /* [/Separation /All /DeviceCMYK …], made when first used */
    cmsHTRANSFORM to_cmyk; /* sRGB → output profile, made when an image needs it */
    cmsHPROFILE profile;
    GChecksum *content; /* of every converted content stream, for the document id */
} Pdfx;

static void fail(Pdfx *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(Pdfx *p, const char *fmt, ...)
{
    if (!p->ok)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    hk_set_error_at(p->error, HK_ERROR_RENDER, p->path, 1, 1, "PDF/X: %s", msg);
    g_free(msg);
    p->ok = FALSE;
}

static gboolean first_visit(Pdfx *p, qpdf_oh obj)
{
    int id = qpdf_oh_get_object_id(p->q, obj);
    if (id == 0)
        return TRUE;
    if (g_hash_table_contains(p->done, GINT_TO_POINTER(id)))
        return FALSE;
    g_hash_table_add(p->done, GINT_TO_POINTER(id));
    return TRUE;
}

static qpdf_oh dict_key(qpdf_data q, qpdf_oh dict, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(q, dict, key);
    if (!qpdf_oh_is_dictionary(q, v)) {
        v = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, dict, key, v);
    }
    return v;
}

/* Registration colour: a tint of 1 puts 100 % on every plate (ISO 32000-1
 * §8.6.6.4, the colorant name All). */
static qpdf_oh registration_space(Pdfx *p)
{
    if (!p->registration)
        p->registration = qpdf_make_indirect_object(
            p->q, qpdf_oh_parse(p->q, "[/Separation /All /DeviceCMYK << /FunctionType 2 "
                                      "/Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>]"));
    return p->registration;
}

/* A stream's data with its filters removed, or NULL. */
static unsigned char *stream_bytes(Pdfx *p, qpdf_oh s, size_t *len)
{
    unsigned char *buf = NULL;
    QPDF_BOOL filtered = QPDF_FALSE;
    /* QPDF_WARNINGS may stand over from reading Cairo's file */
    if (qpdf_oh_get_stream_data(p->q, s, qpdf_dl_generalized, &filtered, &buf, len) & QPDF_ERRORS ||
        /* a stream made in memory without a filter reports "not filtered" */
        (!filtered && qpdf_oh_has_key(p->q, qpdf_oh_get_dict(p->q, s), "/Filter"))) {
        free(buf);
        *len = 0;
        return NULL;
    }
    return buf ? buf : calloc(1, 1);
}

/* The colour operators of one content stream, whose resources are `res`. */
static void convert_content(Pdfx *p, qpdf_oh stream, qpdf_oh res)
{
    qpdf_data q = p->q;
    size_t len = 0;
    unsigned char *buf = stream_bytes(p, stream, &len);
    if (!buf) {
        fail(p, "cannot decode content stream %s", qpdf_oh_unparse(q, qpdf_oh_get_dict(q, stream)));
        return;
    }
    gboolean reg = FALSE;
    char *why = NULL;
    GString *out = hk_content_to_inks((const char *)buf, len, p->x->inks, REG_NAME, &reg, &why);
    free(buf);
    if (!out) {
        fail(p, "%s", why);
        g_free(why);
        return;
    }
    g_checksum_update(p->content, (const guchar *)out->str, (gssize)out->len);
    qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)out->str, out->len,
                                qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    g_string_free(out, TRUE);
    if (reg)
        qpdf_oh_replace_key(q, dict_key(q, res, "/ColorSpace"), "/" REG_NAME,
                            registration_space(p));
}

/* A page's or form's transparency group blends in the output's CMYK
 * (PDF/X-4 6.3.4); PDF/X-1a has no transparency, and nothing here is
 * transparent (pdfx checks every ExtGState), so the group goes. */
static void convert_group(Pdfx *p, qpdf_oh dict)
{
    qpdf_data q = p->q;
    qpdf_oh g = qpdf_oh_get_key(q, dict, "/Group");
    if (!qpdf_oh_is_dictionary(q, g))
        return;
    if (p->x->level == HK_PDFX_1A)
        qpdf_oh_remove_key(q, dict, "/Group");
    else if (qpdf_oh_has_key(q, g, "/CS"))
        qpdf_oh_replace_key(q, g, "/CS", qpdf_oh_new_name(q, "/DeviceCMYK"));
}

static gboolean profile_transform(Pdfx *p)
{
    if (!p->to_cmyk) {
        cmsHPROFILE srgb = cmsCreate_sRGBProfile();
        /* Relative colorimetric with black point compensation: what
         * prepress applications use by default for RGB placed images. */
        p->to_cmyk =
            cmsCreateTransform(srgb, TYPE_RGB_8, p->profile, TYPE_CMYK_8,
                               INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
        cmsCloseProfile(srgb);
    }
    if (!p->to_cmyk)
        fail(p, "lcms2 cannot convert sRGB to %s", p->x->icc_profile);
    return p->to_cmyk != NULL;
}

/* PDF/X-1a has no soft masks: the image is laid on the paper white it
 * would have shown through (a figure stands alone on the page). */
static void flatten_on_white(Pdfx *p, qpdf_oh img, unsigned char *rgb, size_t n)
{
    qpdf_data q = p->q;
    qpdf_oh mask = qpdf_oh_get_key(q, img, "/SMask");
    if (!qpdf_oh_is_stream(q, mask))
        return;
    size_t len = 0;
    unsigned char *a = stream_bytes(p, mask, &len);
    if (!a || len != n) {
        free(a);
        fail(p, "cannot read an image's soft mask");
        return;
    }
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
            rgb[3 * i + c] =
                (unsigned char)((rgb[3 * i + c] * a[i] + 255 * (255 - a[i]) + 127) / 255);
    free(a);
    qpdf_oh_remove_key(q, img, "/SMask");
}

static void convert_image(Pdfx *p, qpdf_oh img)
{
    qpdf_data q = p->q;
    qpdf_oh dict = qpdf_oh_get_dict(q, img);
    qpdf_oh cs = qpdf_oh_get_key(q, dict, "/ColorSpace");
    if (p->x->level == HK_PDFX_1A && qpdf_oh_is_stream(q, qpdf_oh_get_key(q, dict, "/SMask")) &&
        !(qpdf_oh_is_name(q, cs) && !strcmp(qpdf_oh_get_name(q, cs), "/DeviceRGB")))
        fail(p, "an image with a soft mask cannot be PDF/X-1a");
    if (!qpdf_oh_is_name(q, cs) || !strcmp(qpdf_oh_get_name(q, cs), "/DeviceGray") ||
        !strcmp(qpdf_oh_get_name(q, cs), "/DeviceCMYK"))
        return;
    long long w = qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, dict, "/Width"));
    long long h = qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, dict, "/Height"));
    long long bpc = qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, dict, "/BitsPerComponent"));
    size_t len = 0;
    unsigned char *rgb =
        strcmp(qpdf_oh_get_name(q, cs), "/DeviceRGB") || bpc != 8 || w <= 0 || h <= 0
            ? NULL
            : stream_bytes(p, img, &len);
    size_t n = (size_t)w * (size_t)h;
    if (!rgb || len != 3 * n) {
        free(rgb);
        fail(p, "an image in %s that cannot be converted to CMYK", qpdf_oh_get_name(q, cs));
        return;
    }
    if (p->x->level == HK_PDFX_1A)
        flatten_on_white(p, dict, rgb, n);
    unsigned char *cmyk = g_malloc(4 * n);
    if (p->ok && profile_transform(p)) {
        cmsDoTransform(p->to_cmyk, rgb, cmyk, (cmsUInt32Number)n);
        qpdf_oh_replace_stream_data(q, img, cmyk, 4 * n, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
        qpdf_oh_replace_key(q, dict, "/ColorSpace", qpdf_oh_new_name(q, "/DeviceCMYK"));
    }
    g_free(cmyk);
    free(rgb);
}

/* PDF/X-1a: nothing may be transparent (ISO 15930-4 6.2.6). */
static void check_opaque(Pdfx *p, qpdf_oh res)
{
    qpdf_data q = p->q;
    qpdf_oh gs = qpdf_oh_get_key(q, res, "/ExtGState");
    if (p->x->level != HK_PDFX_1A || !qpdf_oh_is_dictionary(q, gs))
        return;
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    qpdf_oh_begin_dict_key_iter(q, gs);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    for (guint i = 0; i < keys->len; i++) {
        qpdf_oh g = qpdf_oh_get_key(q, gs, keys->pdata[i]);
        qpdf_oh ca = qpdf_oh_get_key(q, g, "/ca"), CA = qpdf_oh_get_key(q, g, "/CA");
        qpdf_oh sm = qpdf_oh_get_key(q, g, "/SMask"), bm = qpdf_oh_get_key(q, g, "/BM");
        if ((qpdf_oh_is_number(q, ca) && qpdf_oh_get_numeric_value(q, ca) < 1) ||
            (qpdf_oh_is_number(q, CA) && qpdf_oh_get_numeric_value(q, CA) < 1) ||
            qpdf_oh_is_dictionary(q, sm) ||
            (qpdf_oh_is_name(q, bm) && strcmp(qpdf_oh_get_name(q, bm), "/Normal") &&
             strcmp(qpdf_oh_get_name(q, bm), "/Compatible")))
            fail(p, "transparency cannot be PDF/X-1a (use pdfx = PDF/X-4)");
    }
    g_ptr_array_unref(keys);
}

static void convert_resources(Pdfx *p, qpdf_oh res, int depth);

static void convert_form(Pdfx *p, qpdf_oh form, int depth)
{
    qpdf_data q = p->q;
    qpdf_oh dict = qpdf_oh_get_dict(q, form);
    qpdf_oh res = dict_key(q, dict, "/Resources");
    convert_group(p, dict);
    convert_content(p, form, res);
    convert_resources(p, res, depth + 1);
}

/* Every XObject a page draws, however deeply nested in forms. */
static void convert_resources(Pdfx *p, qpdf_oh res, int depth)
{
    qpdf_data q = p->q;
    check_opaque(p, res);
    qpdf_oh xo = qpdf_oh_get_key(q, res, "/XObject");
    if (depth > 32 || !qpdf_oh_is_dictionary(q, xo))
        return;
    GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
    qpdf_oh_begin_dict_key_iter(q, xo);
    while (qpdf_oh_dict_more_keys(q))
        g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    for (guint i = 0; i < keys->len && p->ok; i++) {
        qpdf_oh s = qpdf_oh_get_key(q, xo, keys->pdata[i]);
        if (!qpdf_oh_is_stream(q, s) || !first_visit(p, s))
            continue;
        qpdf_oh sub = qpdf_oh_get_key(q, qpdf_oh_get_dict(q, s), "/Subtype");
        if (qpdf_oh_is_name_and_equals(q, sub, "/Form"))
            convert_form(p, s, depth);
        else if (qpdf_oh_is_name_and_equals(q, sub, "/Image"))
            convert_image(p, s);
    }
    g_ptr_array_unref(keys);
}

static void convert_page(Pdfx *p, qpdf_oh page)
{
    qpdf_data q = p->q;
    qpdf_oh res = dict_key(q, page, "/Resources");
    convert_group(p, page);
    /* PDF/X allows no annotation on the printed area (ISO 15930-7 6.9):
     * the links live on in the print edition. */
    qpdf_oh_remove_key(q, page, "/Annots");
    qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
    if (qpdf_oh_is_stream(q, contents)) {
        if (first_visit(p, contents))
            convert_content(p, contents, res);
    } else if (qpdf_oh_is_array(q, contents)) {
        int n = qpdf_oh_get_array_n_items(q, contents);
        for (int i = 0; i < n; i++) {
            qpdf_oh s = qpdf_oh_get_array_item(q, contents, i);
            if (qpdf_oh_is_stream(q, s) && first_visit(p, s))
                convert_content(p, s, res);
        }
    }
    convert_resources(p, res, 0);
}

/* The structure tree must not point at the annotations removed above. */
static void drop_annotation_refs(Pdfx *p, qpdf_oh node, int depth)
{
    qpdf_data q = p->q;
    if (depth > 256)
        return;
    if (qpdf_oh_is_array(q, node)) {
        for (int i = qpdf_oh_get_array_n_items(q, node) - 1; i >= 0; i--) {
            qpdf_oh k = qpdf_oh_get_array_item(q, node, i);
            if (qpdf_oh_is_dictionary(q, k) &&
                qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, k, "/Type"), "/OBJR"))
                qpdf_oh_erase_item(q, node, i);
            else
                drop_annotation_refs(p, k, depth + 1);
        }
    } else if (qpdf_oh_is_dictionary(q, node) && qpdf_oh_has_key(q, node, "/K")) {
        qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
        if (qpdf_oh_is_dictionary(q, k) &&
            qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, k, "/Type"), "/OBJR"))
            qpdf_oh_remove_key(q, node, "/K");
        else
            drop_annotation_refs(p, k, depth + 1);
    }
}

/* The printing condition the file's CMYK is for (ISO 15930-7 6.2.2). */
static void add_output_intent(Pdfx *p)
{
    qpdf_data q = p->q;
    char *desc = NULL, *why = NULL;
    gsize len = 0;
    char *icc =
        hk_cmyk_profile_load(p->x->icc_profile, p->x->level == HK_PDFX_1A, &len, &desc, &why);
    if (!icc) {
        fail(p, "%s", why);
        g_free(why);
        return;
    }
    p->profile = cmsOpenProfileFromMem(icc, (cmsUInt32Number)len);
    qpdf_oh prof = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, prof, (const unsigned char *)icc, len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, prof), "/N", qpdf_oh_new_integer(q, 4));
    qpdf_oh oi = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, oi, "/Type", qpdf_oh_new_name(q, "/OutputIntent"));
    qpdf_oh_replace_key(q, oi, "/S", qpdf_oh_new_name(q, "/GTS_PDFX"));
    qpdf_oh_replace_key(q, oi, "/OutputConditionIdentifier",
                        qpdf_oh_new_unicode_string(q, p->x->output_id));
    if (*p->x->output_condition)
        qpdf_oh_replace_key(q, oi, "/OutputCondition",
                            qpdf_oh_new_unicode_string(q, p->x->output_condition));
    qpdf_oh_replace_key(q, oi, "/RegistryName", qpdf_oh_new_unicode_string(q, p->x->registry));
    qpdf_oh_replace_key(q, oi, "/Info",
                        qpdf_oh_new_unicode_string(q, *desc ? desc : p->x->output_id));
    qpdf_oh_replace_key(q, oi, "/DestOutputProfile", prof);
    qpdf_oh arr = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, arr, qpdf_make_indirect_object(q, oi));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/OutputIntents", arr);
    g_free(desc);
    g_free(icc);
}

static const char *version_key(const HkPdfx *x)
{
    return x->level == HK_PDFX_1A ? "PDF/X-1:2001" : "PDF/X-4";
}

/* Info keys PDF/X requires (ISO 15930-4 6.7, 15930-7 6.7): the version,
 * and Trapped (hiraku does no trapping; the vendor's RIP may). */
static void set_info(Pdfx *p)
{
    qpdf_data q = p->q;
    qpdf_oh info = dict_key(q, qpdf_get_trailer(q), "/Info");
    qpdf_oh_replace_key(q, info, "/GTS_PDFXVersion", qpdf_oh_new_string(q, version_key(p->x)));
    if (p->x->level == HK_PDFX_1A)
        qpdf_oh_replace_key(q, info, "/GTS_PDFXConformance",
                            qpdf_oh_new_string(q, "PDF/X-1a:2001"));
    qpdf_oh_replace_key(q, info, "/Trapped", qpdf_oh_new_name(q, "/False"));
}

static char *uuid_of(GChecksum *c)
{
    /* a name-based UUID (RFC 4122 §4.3: version 5 bits, variant 10) */
    const char *h = g_checksum_get_string(c);
    return g_strdup_printf("uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s", h, h + 8, h + 13,
                           "89ab"[g_ascii_xdigit_value(h[16]) & 3], h + 17, h + 20);
}

gboolean hk_pdfx_apply(qpdf_data q, const HkPdfx *x, const char *path, char **doc_id,
                       GError **error)
{
    Pdfx p = {q,    x,
              path, error,
              TRUE, g_hash_table_new(g_direct_hash, g_direct_equal),
              0,    NULL,
              NULL, g_checksum_new(G_CHECKSUM_SHA256)};
    add_output_intent(&p);
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n && p.ok; i++)
        convert_page(&p, qpdf_get_page_n(q, (size_t)i));
    qpdf_oh str = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
    if (qpdf_oh_is_dictionary(q, str))
        drop_annotation_refs(&p, str, 0);
    set_info(&p);
    if (p.ok && qpdf_has_error(q))
        fail(&p, "%s", qpdf_get_error_full_text(q, qpdf_get_error(q)));
    if (p.ok)
        *doc_id = uuid_of(p.content);
    if (p.to_cmyk)
        cmsDeleteTransform(p.to_cmyk);
    if (p.profile)
        cmsCloseProfile(p.profile);
    g_checksum_free(p.content);
    g_hash_table_unref(p.done);
    return p.ok;
}

void hk_pdfx_xmp(const HkPdfx *x, const char *doc_id, GString *xmp)
{
    g_string_append_printf(xmp,
                           "  <rdf:Description rdf:about=\"\"\n"
                           "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                           "    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n"
                           "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n"
                           "   <pdf:Trapped>False</pdf:Trapped>\n"
                           "   <pdfxid:GTS_PDFXVersion>%s</pdfxid:GTS_PDFXVersion>\n"
                           "   <xmpMM:DocumentID>%s</xmpMM:DocumentID>\n"
                           "   <xmpMM:InstanceID>%s</xmpMM:InstanceID>\n"
                           "   <xmpMM:VersionID>1</xmpMM:VersionID>\n"
                           "   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
                           "  </rdf:Description>\n",
                           version_key(x), doc_id, doc_id);
}

const char *hk_pdfx_pdf_version(const HkPdfx *x)
{
    return x->level == HK_PDFX_1A ? "1.3" : NULL;
}
