#include "phrase.h"

#include <string.h>

#include "wakachi.h"

/* Classes that begin a phrase of their own. */
static gboolean independent(HkWClass c)
{
    return c == HK_W_WORD || c == HK_W_NOUN || c == HK_W_NUMBER || c == HK_W_LATIN ||
           c == HK_W_OPEN || c == HK_W_ANNOT || c == HK_W_PREFIX || c == HK_W_PREFIX_APART;
}

/* Classes a compound word is made of. */
static gboolean compound_part(HkWClass c)
{
    return c == HK_W_NOUN || c == HK_W_NUMBER || c == HK_W_LATIN;
}

/* Classes after which the next morpheme belongs to the same phrase: a
 * prefix binds the word after (ご協力), an opening bracket what it opens,
 * a middle dot or arrow joins its two sides (子ども・子育て). */
static gboolean binds_next(HkWClass c)
{
    return c == HK_W_PREFIX || c == HK_W_PREFIX_APART || c == HK_W_OPEN || c == HK_W_ANNOT ||
           c == HK_W_JOINER;
}

static gboolean suru_after_noun(const HkMorph *m, HkWClass prev)
{
    return prev == HK_W_NOUN && !strcmp(m->pos[0], "動詞") && !strcmp(m->base, "する");
}

/* A noun suffix (区, 者, the counters 年 月 日) keeps a compound going:
 * 横浜市金沢区, 令和7年4月1日. */
static gboolean noun_suffix(const HkMorph *m)
{
    return !strcmp(m->pos[0], "名詞") && !strcmp(m->pos[1], "接尾");
}

/* `compound`: the phrase so far ends in a compound's part or suffix. */
static gboolean starts_phrase(const HkMorph *m, HkWClass cls, HkWClass prev, gboolean compound)
{
    if (m->space_before > 0)
        return TRUE;
    if (!independent(cls) || binds_next(prev))
        return FALSE;
    if (compound_part(cls) && compound)
        return FALSE;
    return !suru_after_noun(m, prev);
}

GArray *hk_phrase_starts(const HkMorph *ms, gsize n)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(gsize));
    HkWClass prev = HK_W_PUNCT;
    gboolean compound = FALSE;
    for (gsize i = 0; i < n; i++) {
        const HkMorph *m = &ms[i];
        HkWClass cls = hk_wakachi_classify(m, i > 0 ? &ms[i - 1] : NULL, i > 1 ? &ms[i - 2] : NULL);
        if (i > 0 && starts_phrase(m, cls, prev, compound))
            g_array_append_val(out, m->offset);
        compound = compound_part(cls) || (compound && noun_suffix(m));
        prev = cls;
    }
    return out;
}
