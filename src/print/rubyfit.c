#include "rubyfit.h"

static void no_break(PangoAttrList *attrs, int a, int b)
{
    PangoAttribute *at = pango_attr_allow_breaks_new(FALSE);
    at->start_index = (guint)a;
    at->end_index = (guint)b;
    pango_attr_list_insert(attrs, at);
}

void hk_ruby_keep_overhang(PangoAttrList *attrs, const char *text, int len, int start, int end,
                           double left, double right)
{
    /* A break is forbidden strictly inside an AllowBreaks(FALSE) range:
     * each range runs from the base into the neighbour, which is the one
     * the reading reaches over (a hard break is never removed). */
    if (left > 0 && start > 0 && text[start - 1] != '\n')
        no_break(attrs, (int)(g_utf8_prev_char(text + start) - text), end);
    if (right > 0 && end < len && text[end] != '\n')
        no_break(attrs, start, (int)(g_utf8_next_char(text + end) - text));
}
