#include "keeps.h"

#include <string.h>

/* PDF/UA-1 (ISO 14289-1 7.4.2) wants headings nested as the document is:
 * a heading is one level below the nearest open heading of a shallower
 * source level, so every `##` of a document is at one tag level whatever
 * came before it, and a skipped source level (## then ####) is closed up
 * to the next tag level and counted. */
int hk_heading_tag(HkOutline *o, int level)
{
    while (o->nopen && o->open[o->nopen - 1] >= level)
        o->nopen--;
    if (o->nopen && o->open[o->nopen - 1] < level - 1)
        o->clamped++;
    o->open[o->nopen++] = level;
    return MIN(o->nopen + (o->below_title ? 1 : 0), HK_HEADING_LEVELS);
}

static gboolean ends_with_one_of(const char *text, const char *endings)
{
    char *t = g_strdup(text);
    g_strchomp(t);
    gboolean hit = FALSE;
    if (*t) {
        const char *last = g_utf8_find_prev_char(t, t + strlen(t));
        gunichar c = last ? g_utf8_get_char(last) : 0;
        hit = c && g_utf8_strchr(endings, -1, c) != NULL;
    }
    g_free(t);
    return hit;
}

/* A line that introduces what follows is not left as a page's last line
 * (the page make-up rule typesetters apply with keep-with-next). A paragraph introduces what
 * follows when it ends with a colon (取組例：), when a list follows it (取組例, then the list), or
 * when it is the lead of a list item that goes on (・税務課, then the item's text). */
gboolean hk_keep_is_label(const HkBlock *b, const HkBlock *next, gboolean lead, const char *endings)
{
    if (!next)
        return FALSE;
    if (next->kind == HK_BLOCK_LIST)
        return TRUE;
    if (lead)
        return TRUE;
    char *text = hk_inlines_text(b->inlines);
    gboolean hit = endings && *endings && ends_with_one_of(text, endings);
    g_free(text);
    return hit;
}

/* A paragraph that says the section is on the next page (★ 主な事業・取組は、
 * 次頁以降をご覧ください。) is wrong if that section follows on the same page. */
gboolean hk_keep_turns_page(const HkBlock *b, const char *phrases)
{
    if (!phrases || !*phrases || !b->inlines)
        return FALSE;
    char *text = hk_inlines_text(b->inlines);
    char **list = g_strsplit(phrases, ",", -1);
    gboolean hit = FALSE;
    for (int i = 0; list[i] && !hit; i++) {
        g_strstrip(list[i]);
        hit = *list[i] && strstr(text, list[i]) != NULL;
    }
    g_strfreev(list);
    g_free(text);
    return hit;
}
