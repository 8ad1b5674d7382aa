#include "pdfua.h"

#include <string.h>

#include "pdf.h"

/* --- Link annotations ---------------------------------------------------- */

typedef struct {
    qpdf_data q;
    const GArray *elems; /* of qpdf_oh: the Link elements in document order */
    GHashTable *annot;   /* annotation object id → 1 + page index */
    qpdf_oh nums;        /* the parent tree's /Nums, or 0 */
    long long next_key;
} Links;

static void index_annotations(Links *l)
{
    qpdf_data q = l->q;
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n; i++) {
        qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
        int m = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        for (int k = 0; k < m; k++) {
            int id = qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, annots, k));
            g_hash_table_insert(l->annot, GINT_TO_POINTER(id), GINT_TO_POINTER(i + 1));
        }
    }
}

/* Cairo writes the parent tree as one flat /Nums array; new annotations
 * take keys after its last. */
static void find_parent_tree(Links *l, qpdf_oh str)
{
    qpdf_data q = l->q;
    qpdf_oh pt = qpdf_oh_get_key(q, str, "/ParentTree");
    qpdf_oh nums = qpdf_oh_get_key(q, pt, "/Nums");
    if (!qpdf_oh_is_array(q, nums))
        return;
    l->nums = nums;
    int n = qpdf_oh_get_array_n_items(q, nums);
    for (int i = 0; i + 1 < n; i += 2)
        l->next_key =
            MAX(l->next_key, qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, i)) + 1);
    qpdf_oh next = qpdf_oh_get_key(q, str, "/ParentTreeNextKey");
    if (qpdf_oh_is_integer(q, next))
        l->next_key = MAX(l->next_key, qpdf_oh_get_int_value(q, next));
}

static qpdf_oh number(qpdf_data q, double v)
{
    return qpdf_oh_new_real_from_double(q, v, 3);
}

/* /Rect the union of the link's boxes on `page`, /QuadPoints one
 * quadrilateral per box, counterclockwise from the lower left (ISO
 * 32000-1 12.5.6.5, Table 173). */
static gboolean set_area(qpdf_data q, qpdf_oh annot, const HkPdfLink *link, int page)
{
    qpdf_oh quads = qpdf_oh_new_array(q);
    double r[4] = {G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE};
    for (guint i = 0; i < link->boxes->len; i++) {
        const HkLinkBox *b = &g_array_index(link->boxes, HkLinkBox, i);
        if (b->page != page)
            continue;
        double v[8] = {b->x0, b->y0, b->x1, b->y0, b->x1, b->y1, b->x0, b->y1};
        for (int k = 0; k < 8; k++)
            qpdf_oh_append_item(q, quads, number(q, v[k]));
        r[0] = MIN(r[0], b->x0);
        r[1] = MIN(r[1], b->y0);
        r[2] = MAX(r[2], b->x1);
        r[3] = MAX(r[3], b->y1);
    }
    if (r[0] > r[2])
        return FALSE;
    qpdf_oh rect = qpdf_oh_new_array(q);
    for (int k = 0; k < 4; k++)
        qpdf_oh_append_item(q, rect, number(q, r[k]));
    qpdf_oh_replace_key(q, annot, "/Rect", rect);
    qpdf_oh_replace_key(q, annot, "/QuadPoints", quads);
    return TRUE;
}

/* The annotation's description for assistive technology: the words the
 * reader sees, or the address where the link has none. */
static char *link_contents(const HkPdfLink *link)
{
    char *t = g_strstrip(g_strdup(link->text->str));
    if (!*t) {
        g_free(t);
        t = g_strdup(link->uri);
    }
    return t;
}

static void append_to_key(qpdf_data q, qpdf_oh dict, const char *key, qpdf_oh item)
{
    qpdf_oh arr = qpdf_oh_get_key(q, dict, key);
    if (!qpdf_oh_is_array(q, arr)) {
        qpdf_oh old = arr;
        arr = qpdf_oh_new_array(q);
        if (!qpdf_oh_is_null(q, old))
            qpdf_oh_append_item(q, arr, old);
        qpdf_oh_replace_key(q, dict, key, arr);
    }
    qpdf_oh_append_item(q, arr, item);
}

/* A Link annotation on a page Cairo left without one (the link runs on
 * from the page before), entered in the page, the Link element and the
 * parent tree like Cairo's own. */
static qpdf_oh new_annotation(Links *l, qpdf_oh elem, const HkPdfLink *link, int page)
{
    qpdf_data q = l->q;
    qpdf_oh pg = qpdf_get_page_n(q, (size_t)page);
    qpdf_oh action = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, action, "/Type", qpdf_oh_new_name(q, "/Action"));
    qpdf_oh_replace_key(q, action, "/S", qpdf_oh_new_name(q, "/URI"));
    qpdf_oh_replace_key(q, action, "/URI", qpdf_oh_new_string(q, link->uri));
    qpdf_oh bs = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, bs, "/W", qpdf_oh_new_integer(q, 0));
    qpdf_oh d = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/Annot"));
    qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, "/Link"));
    qpdf_oh_replace_key(q, d, "/A", action);
    qpdf_oh_replace_key(q, d, "/BS", bs);
    qpdf_oh_replace_key(q, d, "/P", pg);
    qpdf_oh_replace_key(q, d, "/StructParent", qpdf_oh_new_integer(q, l->next_key));
    qpdf_oh annot = qpdf_make_indirect_object(q, d);
    append_to_key(q, pg, "/Annots", annot);
    qpdf_oh_append_item(q, l->nums, qpdf_oh_new_integer(q, l->next_key));
    /* the parent tree maps an annotation's key to its parent element */
    qpdf_oh_append_item(q, l->nums, elem);
    l->next_key++;
    qpdf_oh objr = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, objr, "/Type", qpdf_oh_new_name(q, "/OBJR"));
    qpdf_oh_replace_key(q, objr, "/Obj", annot);
    qpdf_oh_replace_key(q, objr, "/Pg", pg);
    append_to_key(q, elem, "/K", objr);
    return annot;
}

/* The annotations (OBJR) among an element's kids, with their pages. */
static void elem_annotations(Links *l, qpdf_oh elem, GArray *annots, GArray *pages)
{
    qpdf_data q = l->q;
    qpdf_oh k = qpdf_oh_get_key(q, elem, "/K");
    int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
    for (int i = 0; i < n; i++) {
        qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
        if (!qpdf_oh_is_dictionary_of_type(q, kid, "/OBJR", ""))
            continue;
        qpdf_oh obj = qpdf_oh_get_key(q, kid, "/Obj");
        int page = GPOINTER_TO_INT(g_hash_table_lookup(
                       l->annot, GINT_TO_POINTER(qpdf_oh_get_object_id(q, obj)))) -
                   1;
        g_array_append_val(annots, obj);
        g_array_append_val(pages, page);
    }
}

static gboolean finish_link(Links *l, qpdf_oh elem, const HkPdfLink *link)
{
    gboolean quads = FALSE;
    qpdf_data q = l->q;
    GArray *annots = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    GArray *pages = g_array_new(FALSE, FALSE, sizeof(int));
    elem_annotations(l, elem, annots, pages);
    for (guint i = 0; i < link->boxes->len; i++) {
        int page = g_array_index(link->boxes, HkLinkBox, i).page;
        gboolean has = FALSE;
        for (guint k = 0; k < pages->len && !has; k++)
            has = g_array_index(pages, int, k) == page;
        if (has || !l->nums || page >= qpdf_get_num_pages(q))
            continue;
        qpdf_oh a = new_annotation(l, elem, link, page);
        g_array_append_val(annots, a);
        g_array_append_val(pages, page);
    }
    char *contents = link_contents(link);
    for (guint k = 0; k < annots->len; k++) {
        qpdf_oh a = g_array_index(annots, qpdf_oh, k);
        qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, contents));
        quads |= set_area(q, a, link, g_array_index(pages, int, k));
    }
    g_free(contents);
    g_array_unref(annots);
    g_array_unref(pages);
    return quads;
}

gboolean hk_pdfua_links(qpdf_data q, const GPtrArray *links, const GArray *elems)
{
    qpdf_oh str = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
    if (!links || !links->len || !qpdf_oh_is_dictionary(q, str))
        return FALSE;
    gboolean quads = FALSE;
    Links l = {q, elems, g_hash_table_new(g_direct_hash, g_direct_equal), 0, 0};
    index_annotations(&l);
    find_parent_tree(&l, str);
    for (guint i = 0; i < l.elems->len && i < links->len; i++)
        quads |= finish_link(&l, g_array_index(l.elems, qpdf_oh, i), g_ptr_array_index(links, i));
    if (l.nums)
        qpdf_oh_replace_key(q, str, "/ParentTreeNextKey", qpdf_oh_new_integer(q, l.next_key));
    g_hash_table_unref(l.annot);
    return quads;
}

/* --- CID fonts ----------------------------------------------------------- */

static void type0_map(qpdf_data q, qpdf_oh font)
{
    if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, font, "/Subtype"), "/Type0"))
        return;
    qpdf_oh desc = qpdf_oh_get_key(q, font, "/DescendantFonts");
    int n = qpdf_oh_is_array(q, desc) ? qpdf_oh_get_array_n_items(q, desc) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh cid = qpdf_oh_get_array_item(q, desc, i);
        if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, cid, "/Subtype"), "/CIDFontType2") &&
            !qpdf_oh_has_key(q, cid, "/CIDToGIDMap"))
            qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
    }
}

static void resources_fonts(qpdf_data q, qpdf_oh res, GHashTable *seen, int depth)
{
    if (!qpdf_oh_is_dictionary(q, res) || depth > 32)
        return;
    if (qpdf_oh_is_indirect(q, res)) {
        int id = qpdf_oh_get_object_id(q, res);
        if (g_hash_table_contains(seen, GINT_TO_POINTER(id)))
            return;
        g_hash_table_add(seen, GINT_TO_POINTER(id));
    }
    const char *kinds[] = {"/Font", "/XObject"};
    for (int kind = 0; kind < 2; kind++) {
        qpdf_oh dict = qpdf_oh_get_key(q, res, kinds[kind]);
        if (!qpdf_oh_is_dictionary(q, dict))
            continue;
        /* qpdf has one key iterator: the values first, then the forms. */
        GArray *vals = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
        qpdf_oh_begin_dict_key_iter(q, dict);
        while (qpdf_oh_dict_more_keys(q)) {
            qpdf_oh v = qpdf_oh_get_key(q, dict, qpdf_oh_dict_next_key(q));
            g_array_append_val(vals, v);
        }
        for (guint i = 0; i < vals->len; i++) {
            qpdf_oh v = g_array_index(vals, qpdf_oh, i);
            if (kind == 0) {
                type0_map(q, v);
            } else if (qpdf_oh_is_stream(q, v)) {
                qpdf_oh d = qpdf_oh_get_dict(q, v);
                if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, d, "/Subtype"), "/Form"))
                    resources_fonts(q, qpdf_oh_get_key(q, d, "/Resources"), seen, depth + 1);
            }
        }
        g_array_unref(vals);
    }
}

void hk_pdfua_cid_fonts(qpdf_data q)
{
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    int n = qpdf_get_num_pages(q);
    for (int i = 0; i < n; i++)
        resources_fonts(q, qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Resources"), seen,
                        0);
    g_hash_table_unref(seen);
}
