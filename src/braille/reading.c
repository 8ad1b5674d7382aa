/* reading: MeCab analysis and the dictionary's feature layout (see
 * reading.h). */
#include "reading.h"

#include <mecab.h>
#include <string.h>

#include "datadir.h"
#include "error.h"

typedef enum { HK_DIC_IPADIC, HK_DIC_UNIDIC } HkDicFormat;

/* The feature fields of every dictionary entry seen, split once: MeCab
 * hands out the same feature string for each occurrence of an entry, and
 * splitting it again for each morpheme cost a tenth of the reading time.
 * Counted references: a kept parse (HkParse) points into the store its
 * morphemes came from, and may outlive a reset of the cache on another
 * thread. */
typedef struct {
    gint refs;
    GHashTable *features;       /* node->feature → Features */
    GStringChunk *feature_text; /* the split copies the cache points into */
} FeatureStore;

/* What a kept parse holds of a node until its fields are looked up. */
typedef struct {
    const char *feature; /* into MeCab's mapped dictionaries */
    unsigned short lc, rc, posid;
} NodeKey;

/* A parse kept past the next one (see reading.h): the morphemes, their
 * surfaces and, once the morphemes are first read, the store their fields
 * point into. */
struct HkParse {
    HkAnalyzer *an;
    FeatureStore *store; /* NULL until the fields are looked up */
    gsize n, size;
    HkMorph *morphs; /* n, then n NodeKey, then the surfaces, in one block */
    NodeKey *keys;
};

/* The dictionaries, loaded once and shared by an analyser and its
 * siblings (each a tagger of its own, which MeCab lets two threads use at
 * once): a second mecab_new mapped them again, and what it touched counted
 * again in the process's memory. */
typedef struct {
    gint refs;
    mecab_model_t *model;
} Model;

struct HkAnalyzer {
    Model *model;
    mecab_t *mecab;
    char *dicdir;
    HkDicFormat format;
    GStringChunk *chunk;
    GArray *morphs; /* HkMorph */
    FeatureStore *store;
};

/* One dictionary entry's fields, as hk_analyzer_parse hands them out. */
typedef struct {
    unsigned short lc, rc, posid; /* the node's, to check the key by */
    const char *pos[4];
    const char *ctype, *cform, *base, *reading, *pron, *braille;
} Features;

/* Past this many entries the cache starts again (between two parses, so
 * no morpheme still points into it): a bound on memory for a text of
 * unbounded vocabulary, far above what one book uses. */
#define MAX_FEATURES 200000

/* Splits one CSV feature line in place; quoted fields (UniDic) may hold
 * commas. Returns the number of fields. */
static int split_csv(char *s, char **fields, int max)
{
    int n = 0;
    while (n < max) {
        char *out = s;
        fields[n++] = s;
        if (*s == '"') {
            char *r = s + 1;
            for (;;) {
                if (*r == '\0')
                    break;
                if (*r == '"' && r[1] == '"') {
                    *out++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else {
                    *out++ = *r++;
                }
            }
            s = r;
        } else {
            while (*s && *s != ',')
                s++;
            out = s;
        }
        if (*s == '\0') {
            *out = '\0';
            break;
        }
        /* *s == ',' */
        *out = '\0';
        s++;
    }
    return n;
}

static const char *field(char **f, int n, int i)
{
    if (i >= n || f[i] == NULL || !strcmp(f[i], "*"))
        return "";
    return f[i];
}

/* UniDic's part-of-speech names mapped onto IPAdic's, so that the rules
 * in kana.c and wakachi.c see one vocabulary. */
static void map_unidic_pos(HkMorph *m, char **f, int n)
{
    const char *p0 = field(f, n, 0), *p1 = field(f, n, 1), *p2 = field(f, n, 2),
               *p3 = field(f, n, 3);
    m->pos[0] = p0;
    m->pos[1] = p1;
    m->pos[2] = p2;
    m->pos[3] = p3;
    if (!strcmp(p0, "名詞")) {
        if (!strcmp(p1, "数詞")) {
            m->pos[1] = "数";
        } else if (!strcmp(p1, "固有名詞")) {
            if (!strcmp(p2, "地名")) {
                m->pos[2] = "地域";
                m->pos[3] = "一般";
            } else if (!strcmp(p2, "人名")) {
                m->pos[3] = !strcmp(p3, "姓") ? "姓" : !strcmp(p3, "名") ? "名" : "一般";
            }
        } else if (!strcmp(p2, "サ変可能") || !strcmp(p2, "サ変形状詞可能")) {
            m->pos[1] = "サ変接続";
            m->pos[2] = "";
        } else if (!strcmp(p2, "助数詞可能")) {
            m->pos[1] = "一般";
            m->pos[2] = "";
        } else {
            m->pos[1] = "一般";
            m->pos[2] = "";
        }
    } else if (!strcmp(p0, "代名詞")) {
        m->pos[0] = "名詞";
        m->pos[1] = "代名詞";
    } else if (!strcmp(p0, "形状詞")) {
        m->pos[0] = !strcmp(p1, "助動詞語幹") ? "助動詞" : "名詞";
        m->pos[1] = "形容動詞語幹";
    } else if (!strcmp(p0, "接尾辞")) {
        m->pos[0] = "名詞";
        m->pos[1] = "接尾";
        m->pos[2] = !strcmp(p2, "助数詞") ? "助数詞" : "一般";
    } else if (!strcmp(p0, "接頭辞")) {
        m->pos[0] = "接頭詞";
        m->pos[1] = "名詞接続";
    } else if (!strcmp(p0, "動詞") || !strcmp(p0, "形容詞")) {
        m->pos[1] = !strcmp(p1, "非自立可能") ? "非自立可能" : "自立";
    } else if (!strcmp(p0, "補助記号")) {
        m->pos[0] = "記号";
        m->pos[1] = !strcmp(p1, "句点")     ? "句点"
                    : !strcmp(p1, "読点")   ? "読点"
                    : !strcmp(p1, "括弧開") ? "括弧開"
                    : !strcmp(p1, "括弧閉") ? "括弧閉"
                    : !strcmp(p1, "ＡＡ")   ? "一般"
                                            : "一般";
    } else if (!strcmp(p0, "空白")) {
        m->pos[0] = "記号";
        m->pos[1] = "空白";
    }
}

static FeatureStore *store_new(void)
{
    FeatureStore *st = g_new(FeatureStore, 1);
    st->refs = 1;
    st->features = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    st->feature_text = g_string_chunk_new(65536);
    return st;
}

static void store_unref(FeatureStore *st)
{
    if (!st || !g_atomic_int_dec_and_test(&st->refs))
        return;
    g_hash_table_unref(st->features);
    g_string_chunk_free(st->feature_text);
    g_free(st);
}

/* Past MAX_FEATURES the cache starts again; a store a kept parse still
 * points into is left to it and a new one begun. */
static void store_bound(HkAnalyzer *an)
{
    FeatureStore *st = an->store;
    if (g_hash_table_size(st->features) <= MAX_FEATURES)
        return;
    if (g_atomic_int_get(&st->refs) > 1) {
        store_unref(st);
        an->store = store_new();
        return;
    }
    g_hash_table_remove_all(st->features);
    g_string_chunk_clear(st->feature_text);
}

/* An analyser around a tagger of `model` (whose reference it takes). */
static HkAnalyzer *analyzer_of(Model *model, mecab_t *tagger, char *dicdir, HkDicFormat format)
{
    HkAnalyzer *an = g_new0(HkAnalyzer, 1);
    an->model = model;
    an->mecab = tagger;
    an->dicdir = dicdir;
    an->format = format;
    an->chunk = g_string_chunk_new(16384);
    an->morphs = g_array_sized_new(FALSE, TRUE, sizeof(HkMorph), 64);
    an->store = store_new();
    return an;
}

HkAnalyzer *hk_analyzer_new(GError **error)
{
    const char *env_dic = g_getenv("HIRAKU_DICDIR");
    const char *env_fmt = g_getenv("HIRAKU_DICFORMAT");
    const char *env_user = g_getenv("HIRAKU_USERDIC");
    char *dicdir = env_dic && *env_dic ? g_strdup(env_dic) : hk_dict_path("hiraku-naist");
    char *userdic = NULL;
    if (env_user)
        userdic = *env_user ? g_strdup(env_user) : NULL;
    else if (!env_dic || !*env_dic)
        userdic = hk_dict_path("hiraku-user.dic");

    char *sysdic = g_build_filename(dicdir, "sys.dic", NULL);
    gboolean have = g_file_test(sysdic, G_FILE_TEST_EXISTS);
    g_free(sysdic);
    if (!have) {
        hk_set_error_at(error, HK_ERROR_RENDER, dicdir, 0, 0,
                        "no MeCab dictionary here (run make to compile it)");
        g_free(dicdir);
        g_free(userdic);
        return NULL;
    }
    if (userdic && !g_file_test(userdic, G_FILE_TEST_EXISTS)) {
        hk_set_error_at(error, HK_ERROR_RENDER, userdic, 0, 0,
                        "no user dictionary here (run make to compile it)");
        g_free(dicdir);
        g_free(userdic);
        return NULL;
    }
    /* -r /dev/null: never read /etc/mecabrc, whose dictionary follows
     * whichever package was installed last. */
    char *argv[8];
    int argc = 0;
    argv[argc++] = (char *)"mecab";
    argv[argc++] = (char *)"-d";
    argv[argc++] = dicdir;
    argv[argc++] = (char *)"-r";
    argv[argc++] = (char *)"/dev/null";
    if (userdic) {
        argv[argc++] = (char *)"-u";
        argv[argc++] = userdic;
    }
    argv[argc] = NULL;
    mecab_model_t *model = mecab_model_new(argc, argv);
    mecab_t *m = model ? mecab_model_new_tagger(model) : NULL;
    if (!m) {
        hk_set_error_at(error, HK_ERROR_RENDER, dicdir, 0, 0,
                        "MeCab cannot load the dictionary: %s", mecab_strerror(NULL));
        if (model)
            mecab_model_destroy(model);
        g_free(dicdir);
        g_free(userdic);
        return NULL;
    }
    g_free(userdic);
    Model *shared = g_new(Model, 1);
    shared->refs = 1;
    shared->model = model;
    return analyzer_of(shared, m, dicdir,
                       env_fmt && !strcmp(env_fmt, "unidic") ? HK_DIC_UNIDIC : HK_DIC_IPADIC);
}

HkAnalyzer *hk_analyzer_new_sibling(HkAnalyzer *an)
{
    mecab_t *m = mecab_model_new_tagger(an->model->model);
    if (!m)
        return NULL;
    g_atomic_int_inc(&an->model->refs);
    return analyzer_of(an->model, m, g_strdup(an->dicdir), an->format);
}

void hk_analyzer_free(HkAnalyzer *an)
{
    if (!an)
        return;
    mecab_destroy(an->mecab);
    if (g_atomic_int_dec_and_test(&an->model->refs)) {
        mecab_model_destroy(an->model->model);
        g_free(an->model);
    }
    g_free(an->dicdir);
    g_string_chunk_free(an->chunk);
    g_array_unref(an->morphs);
    store_unref(an->store);
    g_free(an);
}

const char *hk_analyzer_dicdir(const HkAnalyzer *an)
{
    return an->dicdir;
}

/* Splits one feature string into the fields hk_analyzer_parse hands out. */
static void split_features(const HkAnalyzer *an, char *feat, Features *ft)
{
    char *f[32];
    int nf = split_csv(feat, f, 32);
    HkMorph m;
    memset(&m, 0, sizeof m);
    if (an->format == HK_DIC_UNIDIC) {
        map_unidic_pos(&m, f, nf);
        ft->ctype = field(f, nf, 4);
        ft->cform = field(f, nf, 5);
        ft->base = field(f, nf, 10);
        ft->pron = field(f, nf, 9);
        ft->reading = field(f, nf, 20);
        ft->braille = "";
    } else {
        for (int i = 0; i < 4; i++)
            m.pos[i] = field(f, nf, i);
        ft->ctype = field(f, nf, 4);
        ft->cform = field(f, nf, 5);
        ft->base = field(f, nf, 6);
        ft->reading = field(f, nf, 7);
        ft->pron = field(f, nf, 8);
        ft->braille = field(f, nf, 11);
    }
    memcpy(ft->pos, m.pos, sizeof ft->pos);
}

/* The split fields of a node's feature string, from the cache or split
 * now. The cache is keyed by MeCab's pointer: a node's feature points
 * into the dictionaries MeCab keeps mapped for the life of the handle
 * (this module never asks for the partial parsing that builds features
 * on the fly). The node's connection ids and part-of-speech id are
 * checked too, so that a pointer reused for another entry is never
 * mistaken for it, without reading the feature text again (a cache
 * miss into the mapped dictionary per morpheme). */
static const Features *features_of(HkAnalyzer *an, const NodeKey *key)
{
    const char *feature = key->feature ? key->feature : "";
    FeatureStore *st = an->store;
    Features *ft = g_hash_table_lookup(st->features, feature);
    if (ft && ft->lc == key->lc && ft->rc == key->rc && ft->posid == key->posid)
        return ft;
    if (ft)
        g_hash_table_remove(st->features, feature);
    ft = g_new(Features, 1);
    ft->lc = key->lc;
    ft->rc = key->rc;
    ft->posid = key->posid;
    split_features(an, g_string_chunk_insert(st->feature_text, feature), ft);
    g_hash_table_insert(st->features, (gpointer)feature, ft);
    return ft;
}

static NodeKey key_of(const mecab_node_t *node)
{
    NodeKey k = {node->feature, node->lcAttr, node->rcAttr, node->posid};
    return k;
}

/* A node's place and surface; `surface` is the NUL-terminated copy of it
 * the caller keeps. */
static void fill_place(const mecab_node_t *node, const char *text, const char *surface, HkMorph *m)
{
    m->offset = (gsize)(node->surface - text);
    m->len = node->length;
    m->space_before = (gsize)(node->rlength - node->length);
    m->surface = surface;
    m->unknown = node->stat == MECAB_UNK_NODE;
}

/* A morpheme's dictionary fields. */
static void fill_features(HkAnalyzer *an, const NodeKey *key, HkMorph *m)
{
    const Features *ft = features_of(an, key);
    memcpy(m->pos, ft->pos, sizeof m->pos);
    m->ctype = ft->ctype;
    m->cform = ft->cform;
    m->base = *ft->base ? ft->base : m->surface;
    m->reading = ft->reading;
    m->pron = ft->pron;
    m->braille = ft->braille;
}

static gboolean is_word(const mecab_node_t *node)
{
    return node->stat != MECAB_BOS_NODE && node->stat != MECAB_EOS_NODE;
}

/* MeCab's nodes for the text (the BOS node first), or NULL with *error;
 * NULL without an error for an empty text. */
static const mecab_node_t *analyse(HkAnalyzer *an, const char *text, gsize len, GError **error)
{
    if (len == 0)
        return NULL;
    const mecab_node_t *node = mecab_sparse_tonode2(an->mecab, text, len);
    if (!node)
        hk_set_error_at(error, HK_ERROR_RENDER, "mecab", 0, 0, "%s", mecab_strerror(an->mecab));
    return node;
}

const HkMorph *hk_analyzer_parse(HkAnalyzer *an, const char *text, gsize len, gsize *n,
                                 GError **error)
{
    g_string_chunk_clear(an->chunk);
    g_array_set_size(an->morphs, 0);
    store_bound(an);
    *n = 0;
    const mecab_node_t *node = analyse(an, text, len, error);
    if (!node && len > 0)
        return NULL;
    for (; node; node = node->next) {
        if (!is_word(node))
            continue;
        HkMorph m;
        memset(&m, 0, sizeof m);
        fill_place(node, text,
                   g_string_chunk_insert_len(an->chunk, node->surface, (gssize)node->length), &m);
        NodeKey key = key_of(node);
        fill_features(an, &key, &m);
        g_array_append_val(an->morphs, m);
    }
    *n = an->morphs->len;
    return (const HkMorph *)an->morphs->data;
}

HkParse *hk_analyzer_parse_keep(HkAnalyzer *an, const char *text, gsize len, GError **error)
{
    const mecab_node_t *first = analyse(an, text, len, error);
    if (!first && len > 0)
        return NULL;
    gsize n = 0, bytes = 0;
    for (const mecab_node_t *node = first; node; node = node->next)
        if (is_word(node)) {
            n++;
            bytes += node->length + 1u;
        }
    gsize size = sizeof(HkParse) + n * (sizeof(HkMorph) + sizeof(NodeKey)) + bytes;
    HkParse *p = g_malloc(size);
    p->an = an;
    p->store = NULL;
    p->size = size;
    p->n = n;
    p->morphs = (HkMorph *)(p + 1);
    p->keys = (NodeKey *)(p->morphs + n);
    char *surface = (char *)(p->keys + n);
    gsize i = 0;
    for (const mecab_node_t *node = first; node; node = node->next) {
        if (!is_word(node))
            continue;
        memcpy(surface, node->surface, node->length);
        surface[node->length] = '\0';
        memset(&p->morphs[i], 0, sizeof p->morphs[i]);
        fill_place(node, text, surface, &p->morphs[i]);
        p->keys[i++] = key_of(node);
        surface += node->length + 1u;
    }
    return p;
}

const HkMorph *hk_parse_morphs(HkParse *p, gsize *n)
{
    if (!p->store) {
        /* Looked up here, on the thread that reads them, not on the one
         * that keeps the parse: the cache's look-ups miss the processor's
         * cache, a tenth of the analysing thread's time. */
        store_bound(p->an);
        p->store = p->an->store;
        g_atomic_int_inc(&p->store->refs);
        for (gsize i = 0; i < p->n; i++)
            fill_features(p->an, &p->keys[i], &p->morphs[i]);
    }
    *n = p->n;
    return p->morphs;
}

gsize hk_parse_size(const HkParse *p)
{
    return p->size;
}

void hk_parse_free(HkParse *p)
{
    if (!p)
        return;
    store_unref(p->store);
    g_free(p);
}

static void clear_entry(gpointer p)
{
    g_free(((HkEntry *)p)->reading);
}

GArray *hk_analyzer_entries(HkAnalyzer *an, const char *text, gsize len)
{
    mecab_lattice_t *lat = mecab_lattice_new();
    if (!lat)
        return NULL;
    mecab_lattice_set_sentence2(lat, text, len);
    mecab_lattice_set_request_type(lat, MECAB_ALL_MORPHS);
    if (!mecab_parse_lattice(an->mecab, lat)) {
        mecab_lattice_destroy(lat);
        return NULL;
    }
    GArray *out = g_array_new(FALSE, TRUE, sizeof(HkEntry));
    g_array_set_clear_func(out, clear_entry);
    int ri = an->format == HK_DIC_UNIDIC ? 20 : 7;
    for (gsize pos = 0; pos < len; pos++) {
        for (const mecab_node_t *n = mecab_lattice_get_begin_nodes(lat, pos); n; n = n->bnext) {
            if (n->stat != MECAB_NOR_NODE || !n->feature)
                continue;
            gsize start = (gsize)(n->surface - text);
            if (start != pos || start + n->length > len)
                continue;
            char *feat = g_strdup(n->feature);
            char *f[32];
            int nf = split_csv(feat, f, 32);
            const char *r = field(f, nf, ri);
            if (*r) {
                HkEntry e = {pos, n->length, g_strdup(r)};
                g_array_append_val(out, e);
            }
            g_free(feat);
        }
    }
    mecab_lattice_destroy(lat);
    return out;
}
