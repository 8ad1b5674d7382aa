#include "pdfpost.h"

#include <errno.h>
#include <fcntl.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "error.h"
#include "output.h"
#include "pdfua.h"
#include "structwalk.h"

typedef struct {
    qpdf_data q;
    const HkPdfDrawing *d;
    const HkPdfPost *post;
    GHashTable *next;   /* type → TypeAttrs: the HkStructAttrs of that type, in order */
    GArray *link_elems; /* of qpdf_oh: the Link elements, in document order */
    int under_id;       /* the content stream that draws the furniture, once made */
} Post;

typedef struct {
    GPtrArray *attrs; /* borrowed HkStructAttr */
    guint used;       /* how many have been given to elements */
} TypeAttrs;

static void type_attrs_free(gpointer p)
{
    g_ptr_array_unref(((TypeAttrs *)p)->attrs);
    g_free(p);
}

/* The recorded values grouped by type once, so that each element finds
 * its own without scanning those of other types (which cost the square of
 * the number of elements in a paragraph of ruby). */
static GHashTable *index_struct_attrs(const GPtrArray *all)
{
    GHashTable *ix = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, type_attrs_free);
    for (guint i = 0; i < all->len; i++) {
        HkStructAttr *a = g_ptr_array_index(all, i);
        TypeAttrs *t = g_hash_table_lookup(ix, a->type);
        if (!t) {
            t = g_new0(TypeAttrs, 1);
            t->attrs = g_ptr_array_new();
            g_hash_table_insert(ix, a->type, t);
        }
        g_ptr_array_add(t->attrs, a);
    }
    return ix;
}

/* Messages name the file the user asked for (`name`), and carry qpdf's
 * detail without its own file name, which is the temporary one. */
static gboolean failed(qpdf_data q, const char *name, GError **error)
{
    if (!qpdf_has_error(q))
        return FALSE;
    qpdf_error e = qpdf_get_error(q);
    hk_set_error_at(error, HK_ERROR_RENDER, name, 1, 1, "PDF post-processing failed: %s",
                    qpdf_get_error_message_detail(q, e));
    return TRUE;
}

static qpdf_oh ustring(qpdf_data q, const char *utf8)
{
    return qpdf_oh_new_unicode_string(q, utf8);
}

static qpdf_oh real_array(qpdf_data q, double x0, double y0, double x1, double y1)
{
    qpdf_oh a = qpdf_oh_new_array(q);
    double v[4] = {x0, y0, x1, y1};
    for (int i = 0; i < 4; i++)
        qpdf_oh_append_item(q, a, qpdf_oh_new_real_from_double(q, v[i], 3));
    return a;
}

static qpdf_oh new_stream(qpdf_data q, const char *data, size_t len)
{
    qpdf_oh s = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, s, (const unsigned char *)data, len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    return s;
}

/* The furniture page's drawing as a form: its own content stream when
 * Cairo wrote one, which qpdf copies from Cairo's bytes when it writes
 * (a large-type page's furniture is 5 KB decompressed, 20 MB at 3,800
 * pages if it were copied out first), else the page's content
 * concatenated into a new stream. 0 for a page with nothing on it. */
static qpdf_oh furniture_form(qpdf_data f, qpdf_oh fpage)
{
    qpdf_oh contents = qpdf_oh_get_key(f, fpage, "/Contents");
    if (qpdf_oh_is_stream(f, contents))
        return contents;
    unsigned char *buf = NULL;
    size_t len = 0;
    if (qpdf_oh_get_page_content_data(f, fpage, &buf, &len) != QPDF_SUCCESS || len == 0) {
        free(buf);
        return 0;
    }
    qpdf_oh form = new_stream(f, (const char *)buf, len);
    free(buf);
    return form;
}

/* The content that draws each page's /HkFurniture: the same on every
 * page, so one stream serves them all (3,800 large-type pages had 3,800
 * copies). */
static qpdf_oh furniture_call(Post *p)
{
    static const char pre[] = "q /Artifact BMC /HkFurniture Do EMC Q\n";
    if (p->under_id)
        return qpdf_get_object_by_id(p->q, p->under_id, 0);
    qpdf_oh under = new_stream(p->q, pre, sizeof pre - 1);
    p->under_id = qpdf_oh_get_object_id(p->q, under);
    return under;
}

/* Lays the furniture page under the body page as a Form XObject wrapped
 * in /Artifact marked content, so that readers and checkers know the
 * running header and footer are not part of the document's content. */
static void add_furniture(Post *p, qpdf_data f, int i, qpdf_oh page)
{
    qpdf_data q = p->q;
    qpdf_oh fpage = qpdf_get_page_n(f, (size_t)i);
    qpdf_oh form = furniture_form(f, fpage);
    if (!form)
        return;
    qpdf_oh dict = qpdf_oh_get_dict(f, form);
    qpdf_oh_replace_key(f, dict, "/Type", qpdf_oh_new_name(f, "/XObject"));
    qpdf_oh_replace_key(f, dict, "/Subtype", qpdf_oh_new_name(f, "/Form"));
    qpdf_oh_replace_key(f, dict, "/BBox", real_array(f, 0, 0, p->d->media_w, p->d->media_h));
    qpdf_oh_replace_key(f, dict, "/Resources", qpdf_oh_get_key(f, fpage, "/Resources"));
    qpdf_oh copy = qpdf_oh_copy_foreign_object(q, f, form);

    qpdf_oh res = qpdf_oh_get_key(q, page, "/Resources");
    if (!qpdf_oh_is_dictionary(q, res)) {
        res = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, page, "/Resources", res);
    }
    qpdf_oh xobj = qpdf_oh_get_key(q, res, "/XObject");
    if (!qpdf_oh_is_dictionary(q, xobj)) {
        xobj = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, res, "/XObject", xobj);
    }
    qpdf_oh_replace_key(q, xobj, "/HkFurniture", copy);

    qpdf_oh under = furniture_call(p);
    qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
    qpdf_oh arr = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, arr, under);
    if (qpdf_oh_is_array(q, contents)) {
        int n = qpdf_oh_get_array_n_items(q, contents);
        for (int k = 0; k < n; k++)
            qpdf_oh_append_item(q, arr, qpdf_oh_get_array_item(q, contents, k));
    } else if (qpdf_oh_is_stream(q, contents)) {
        qpdf_oh_append_item(q, arr, contents);
    }
    qpdf_oh_replace_key(q, page, "/Contents", arr);
}

/* Gives the n-th element of each type (in document order) the n-th value
 * the drawer recorded for that type, and keeps the Link elements for
 * pdfua: one walk of the tree serves both (each walk of a furigana
 * edition's thousands of Ruby elements through libqpdf costs 3% of it). */
static void visit_struct_elem(qpdf_data q, qpdf_oh node, gpointer data)
{
    Post *p = data;
    qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
    if (qpdf_oh_is_name(q, s)) {
        const char *type = qpdf_oh_get_name(q, s) + 1;
        if (strcmp(type, "Link") == 0) {
            qpdf_oh kept = qpdf_oh_new_object(q, node);
            g_array_append_val(p->link_elems, kept);
        }
        TypeAttrs *t = g_hash_table_lookup(p->next, type);
        if (t && t->used < t->attrs->len) {
            const HkStructAttr *a = g_ptr_array_index(t->attrs, t->used++);
            if (a->value) {
                char *key = g_strconcat("/", a->key, NULL);
                qpdf_oh value = ustring(q, a->value);
                qpdf_oh_replace_key(q, node, key, value);
                qpdf_oh_release(q, value);
                g_free(key);
            }
        }
    }
    qpdf_oh_release(q, s);
}

static gboolean ua_excluded(const HkPdfPost *post)
{
    return post->pdfx && hk_pdfx_pdf_version(post->pdfx) != NULL;
}

static char *xmp_packet(const HkPdfPost *post, const char *date, const char *producer,
                        const char *doc_id)
{
    GString *x =
        g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                     " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                     "  <rdf:Description rdf:about=\"\"\n"
                     "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                     "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                     "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                     "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                     "   <dc:format>application/pdf</dc:format>\n");
    /* The PDF/UA-1 identifier (ISO 14289-1 5). Not on a PDF/X-1a file:
     * PDF 1.3 has no tagged PDF, and PDF/UA-1 rests on ISO 32000-1. */
    if (!ua_excluded(post))
        g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n");
    char *t = g_markup_escape_text(post->title, -1);
    g_string_append_printf(x,
                           "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li>"
                           "</rdf:Alt></dc:title>\n",
                           t);
    g_free(t);
    if (post->author) {
        t = g_markup_escape_text(post->author, -1);
        g_string_append_printf(
            x, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", t);
        g_free(t);
    }
    if (post->subject) {
        t = g_markup_escape_text(post->subject, -1);
        g_string_append_printf(x,
                               "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s"
                               "</rdf:li></rdf:Alt></dc:description>\n",
                               t);
        g_free(t);
    }
    t = g_markup_escape_text(post->lang, -1);
    g_string_append_printf(
        x, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", t);
    g_free(t);
    t = g_markup_escape_text(post->creator, -1);
    g_string_append_printf(x, "   <xmp:CreatorTool>%s</xmp:CreatorTool>\n", t);
    g_free(t);
    if (producer) {
        /* the same as Info's (PDF/X and PDF/UA check that they agree) */
        t = g_markup_escape_text(producer, -1);
        g_string_append_printf(x, "   <pdf:Producer>%s</pdf:Producer>\n", t);
        g_free(t);
    }
    if (date)
        g_string_append_printf(x,
                               "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                               "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                               "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                               date, date, date);
    g_string_append(x, "  </rdf:Description>\n");
    if (post->pdfx)
        hk_pdfx_xmp(post->pdfx, doc_id, x);
    g_string_append(x, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    return g_string_free(x, FALSE);
}

/* Cairo's PDFs are read from memory: from a file, qpdf seeks and
 * rereads a stdio buffer for every object (a syscall each), and the
 * bytes' pages would be as resident either way. */
static gboolean read_drawing(qpdf_data q, const GByteArray *pdf, const char *what, const char *name,
                             GError **error)
{
    QPDF_ERROR_CODE rc = qpdf_read_memory(q, what, (const char *)pdf->data, pdf->len, NULL);
    return !failed(q, name, error) && !(rc & QPDF_ERRORS);
}

/* Every page: the furniture under it, tab order, and the press boxes. */
static gboolean finish_pages(Post *p, qpdf_data f, const char *name, GError **error)
{
    qpdf_data q = p->q;
    const HkPdfPost *post = p->post;
    int n = qpdf_get_num_pages(q);
    if (n != qpdf_get_num_pages(f)) {
        hk_set_error_at(error, HK_ERROR_RENDER, name, 1, 1,
                        "internal: %d body pages but %d furniture pages", n, qpdf_get_num_pages(f));
        return FALSE;
    }
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        add_furniture(p, f, i, page);
        /* Tab order follows the structure (PDF/UA, pages with links). */
        qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
        if (post->press) {
            double o = p->d->offset, b = post->bleed;
            qpdf_oh_replace_key(q, page, "/TrimBox",
                                real_array(q, o, o, o + post->trim_w, o + post->trim_h));
            qpdf_oh_replace_key(
                q, page, "/BleedBox",
                real_array(q, o - b, o - b, o + post->trim_w + b, o + post->trim_h + b));
        }
        if (failed(q, name, error) || failed(f, name, error))
            return FALSE;
        /* The C API keeps every handle it gave out until it is released:
         * a page's are not needed after it. */
        qpdf_oh_release_all(q);
        qpdf_oh_release_all(f);
    }
    return TRUE;
}

/* The document-wide keys: language, title display, structure attributes,
 * links, fonts, dates, PDF/X and the XMP packet. Returns whether a link
 * has /QuadPoints (PDF 1.6), in *quads. */
static gboolean finish_document(Post *p, const char *path, const char *name, gboolean *quads,
                                GError **error)
{
    qpdf_data q = p->q;
    const HkPdfPost *post = p->post;
    char *date_pdf = NULL, *date_xmp = NULL, *doc_id = NULL;
    gboolean ok = FALSE;
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh_replace_key(q, root, "/Lang", ustring(q, post->lang));
    qpdf_oh vp = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
    qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
    qpdf_oh str = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    p->link_elems = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
    if (qpdf_oh_is_dictionary(q, str))
        hk_struct_walk(q, qpdf_oh_get_key(q, str, "/K"), visit_struct_elem, p);
    *quads = hk_pdfua_links(q, p->d->links, p->link_elems);
    g_array_unref(p->link_elems);
    p->link_elems = NULL;
    hk_pdfua_cid_fonts(q);

    /* Cairo stamps the time of the run; the date must come from the
     * source so that the same input gives the same file. */
    if (post->date) {
        date_pdf = g_date_time_format(post->date, "D:%Y%m%d%H%M%SZ");
        date_xmp = g_date_time_format(post->date, "%Y-%m-%dT%H:%M:%SZ");
    }
    qpdf_oh info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
    if (qpdf_oh_is_dictionary(q, info)) {
        qpdf_oh_replace_key(q, info, "/Title", ustring(q, post->title));
        qpdf_oh_replace_key(q, info, "/Creator", ustring(q, post->creator));
        if (date_pdf) {
            qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, date_pdf));
            qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date_pdf));
        } else {
            qpdf_oh_remove_key(q, info, "/CreationDate");
            qpdf_oh_remove_key(q, info, "/ModDate");
        }
    }
    if (post->pdfx && !hk_pdfx_apply(q, post->pdfx, path, &doc_id, error))
        goto out;
    qpdf_oh producer = qpdf_oh_get_key(q, info, "/Producer");
    char *xmp = xmp_packet(
        post, date_xmp, qpdf_oh_is_string(q, producer) ? qpdf_oh_get_utf8_value(q, producer) : NULL,
        doc_id);
    qpdf_oh meta = new_stream(q, xmp, strlen(xmp));
    g_free(xmp);
    qpdf_oh md = qpdf_oh_get_dict(q, meta);
    qpdf_oh_replace_key(q, md, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, md, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, root, "/Metadata", meta);
    ok = !failed(q, name, error);
out:
    g_free(doc_id);
    g_free(date_pdf);
    g_free(date_xmp);
    return ok;
}

/* Why a file came out short, which the lost flush did not say: a full
 * file system (less than 64 KiB left) or, failing that, an I/O error. */
static int cut_short_reason(const char *path)
{
    struct statvfs v;
    char *dir = g_path_get_dirname(path);
    gboolean full = statvfs(dir, &v) == 0 && (guint64)v.f_bavail * v.f_frsize < 65536;
    g_free(dir);
    return full ? ENOSPC : EIO;
}

/* qpdf's file writer checks each fwrite but not the last flush nor the
 * close, so a full disk can cut the file's tail silently: the file is
 * whole only if it ends with the trailer's %%EOF (qpdf writes one, and
 * nothing after it). */
static gboolean whole_pdf(const HkOutput *out, GError **error)
{
    static const char eof[] = "%%EOF\n";
    char tail[sizeof eof - 1];
    int fd = open(out->tmp_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        hk_set_error_file(error, HK_ERROR_RENDER, out->final_path, "cannot write output: %s",
                          g_strerror(errno));
        return FALSE;
    }
    off_t end = lseek(fd, 0, SEEK_END);
    gboolean ok = end >= (off_t)sizeof tail &&
                  pread(fd, tail, sizeof tail, end - (off_t)sizeof tail) == (ssize_t)sizeof tail &&
                  !memcmp(tail, eof, sizeof tail);
    close(fd);
    if (!ok)
        hk_set_error_file(error, HK_ERROR_RENDER, out->final_path, "cannot write output: %s",
                          g_strerror(cut_short_reason(out->tmp_path)));
    return ok;
}

/* A failed write is the output's failure (a full disk), said as every
 * other output says it; any other is qpdf's. */
static gboolean write_failed(qpdf_data q, const HkOutput *out, GError **error)
{
    if (!qpdf_has_error(q))
        return FALSE;
    qpdf_error e = qpdf_get_error(q);
    if (qpdf_get_error_code(q, e) == qpdf_e_system) {
        int err = errno ? errno : EIO;
        hk_set_error_file(error, HK_ERROR_RENDER, out->final_path, "cannot write output: %s",
                          g_strerror(err));
        return TRUE;
    }
    return failed(q, out->final_path, error);
}

/* qpdf writes straight into the output's temporary file (not into memory,
 * which would hold the whole file twice more); output.c then syncs,
 * closes and renames it as it does every output. */
static gboolean write_pdf(qpdf_data q, const HkPdfPost *post, gboolean quads, HkOutput *out,
                          GError **error)
{
    QPDF_ERROR_CODE rc = qpdf_init_write(q, out->tmp_path);
    if (write_failed(q, out, error) || rc & QPDF_ERRORS)
        return FALSE;
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    const char *version = post->pdfx ? hk_pdfx_pdf_version(post->pdfx) : NULL;
    if (version)
        qpdf_force_pdf_version(q, version);
    else if (quads)
        qpdf_set_minimum_pdf_version(q, "1.6"); /* Link /QuadPoints (ISO 32000-1 Table 173) */
    /* PDF 1.3 (PDF/X-1a) has no object streams. */
    qpdf_set_object_stream_mode(q, version ? qpdf_o_disable : qpdf_o_generate);
    qpdf_set_compress_streams(q, QPDF_TRUE);
    errno = 0;
    rc = qpdf_write(q);
    return !write_failed(q, out, error) && !(rc & QPDF_ERRORS) && whole_pdf(out, error);
}

gboolean hk_pdfpost_write(const HkPdfDrawing *d, const HkPdfPost *post, const char *path,
                          GError **error)
{
    const char *name = post->name ? post->name : path;
    HkOutput out = {0};
    out.fd = -1;
    qpdf_data q = qpdf_init();
    qpdf_data f = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_silence_errors(f);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    qpdf_set_suppress_warnings(f, QPDF_TRUE);
    Post p = {q, d, post, index_struct_attrs(d->struct_attrs), NULL, 0};
    gboolean quads = FALSE;
    gboolean ok = read_drawing(q, d->body, "body", name, error) &&
                  read_drawing(f, d->furniture, "furniture", name, error) &&
                  finish_pages(&p, f, name, error) &&
                  finish_document(&p, path, name, &quads, error) &&
                  hk_output_begin(&out, path, error) && write_pdf(q, post, quads, &out, error);
    g_hash_table_unref(p.next);
    qpdf_cleanup(&f);
    qpdf_cleanup(&q);
    if (ok)
        return hk_output_commit(&out, error);
    hk_output_abort(&out);
    return FALSE;
}
