#include "reference.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ),
 * ended by ':'. Returns the scheme's length, 0 if `url` has none. */
static gsize scheme_length(const char *url)
{
    if (!g_ascii_isalpha(url[0]))
        return 0;
    gsize n = 1;
    while (g_ascii_isalnum(url[n]) || url[n] == '+' || url[n] == '-' || url[n] == '.')
        n++;
    return url[n] == ':' ? n : 0;
}

/* The file names the editions write (editions.c), after "<stem>.". */
static const char *const edition_suffixes[] = {
    "print.pdf", "large.pdf", "press.pdf",   "furigana.pdf", "brf",
    "bes",       "pef",       "braille.txt", "proof.pdf",
};

static gboolean own_edition(const char *url, const char *stem)
{
    gsize n = strlen(stem);
    if (strncmp(url, stem, n) || url[n] != '.')
        return FALSE;
    for (gsize i = 0; i < G_N_ELEMENTS(edition_suffixes); i++)
        if (!strcmp(url + n + 1, edition_suffixes[i]))
            return TRUE;
    return FALSE;
}

const char *hk_reference_link_problem(const char *url, const char *stem)
{
    static const char *const allowed[] = {"http", "https", "mailto", "tel"};
    if (!*url)
        return "the link has no target";
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7F)
            return "a link target may not contain spaces or control characters";
    gsize n = scheme_length(url);
    if (n == 0)
        return own_edition(url, stem)
                   ? NULL
                   : "a relative link may only name one of this document's editions "
                     "(such as <stem>.large.pdf); write the full https:// address";
    for (gsize i = 0; i < G_N_ELEMENTS(allowed); i++)
        if (n == strlen(allowed[i]) && !g_ascii_strncasecmp(url, allowed[i], n))
            return NULL;
    return "links may only use http, https, mailto or tel";
}

/* Lexical and real (symbolic links resolved) forms of each allowed
 * directory other than the source's own. */
static GPtrArray *allowed_dirs;

void hk_reference_allow_dir(const char *dir)
{
    if (!allowed_dirs)
        allowed_dirs = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(allowed_dirs, g_canonicalize_filename(dir, NULL));
    char *real = realpath(dir, NULL);
    if (real) {
        g_ptr_array_add(allowed_dirs, g_strdup(real));
        free(real);
    }
}

void hk_reference_clear_allowed(void)
{
    g_clear_pointer(&allowed_dirs, g_ptr_array_unref);
}

static gboolean below(const char *path, const char *dir)
{
    gsize n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return TRUE;
    return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

static gboolean below_any(const char *path, const char *own, const char *own_real)
{
    if (below(path, own) || (own_real && below(path, own_real)))
        return TRUE;
    for (guint i = 0; allowed_dirs && i < allowed_dirs->len; i++)
        if (below(path, allowed_dirs->pdata[i]))
            return TRUE;
    return FALSE;
}

HkImageCheck hk_reference_image(const char *source_dir, const char *src, char **resolved)
{
    *resolved = NULL;
    char *own = g_canonicalize_filename(source_dir, NULL);
    char *own_real = realpath(source_dir, NULL);
    /* First the path as written (../ and absolute paths), then where its
     * symbolic links lead. */
    char *lexical = g_canonicalize_filename(src, own);
    HkImageCheck r = HK_IMAGE_OUTSIDE;
    if (below_any(lexical, own, own_real)) {
        char *real = realpath(lexical, NULL);
        if (!real)
            r = HK_IMAGE_NOT_FOUND;
        else if (!below_any(real, own, own_real))
            r = HK_IMAGE_OUTSIDE;
        else if (!g_file_test(real, G_FILE_TEST_IS_REGULAR)) {
            /* Inside the allowed tree, so saying what it is tells nothing. */
            r = HK_IMAGE_IRREGULAR;
            *resolved = g_strdup(real);
        } else {
            r = HK_IMAGE_OK;
            *resolved = g_strdup(real);
        }
        free(real);
    }
    g_free(lexical);
    free(own_real);
    g_free(own);
    return r;
}
