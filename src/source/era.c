#include "era.h"

#include <stdio.h>
#include <string.h>

/* The first day of each era (Gregorian), oldest first; an era's years
 * count from the calendar year it began in (that year is 元年). 明治:
 * 1868-10-23 (改元の詔; no era date is given before 1873-01-01 anyway, see
 * era.h), 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和
 * 2019-05-01 (元号を改める政令, 2019). */
static const struct {
    int y, m, d;
    const char *name;
} eras[] = {
    {1868, 10, 23, "明治"}, {1912, 7, 30, "大正"}, {1926, 12, 25, "昭和"},
    {1989, 1, 8, "平成"},   {2019, 5, 1, "令和"},
};

/* The Gregorian calendar's first day in Japan (明治5年太政官布告第337号). */
#define GREGORIAN_FROM 18730101

static int ymd(int y, int m, int d)
{
    return y * 10000 + m * 100 + d;
}

gboolean hk_date_style_parse(const char *v, HkDateStyle *style)
{
    if (!v)
        return FALSE;
    char *s = g_strstrip(g_strdup(v));
    gboolean ok = TRUE;
    if (!strcmp(s, "era"))
        *style = HK_DATE_ERA;
    else if (!strcmp(s, "western"))
        *style = HK_DATE_WESTERN;
    else
        ok = FALSE;
    g_free(s);
    return ok;
}

static gboolean parse_iso(const char *iso, int *y, int *m, int *d)
{
    if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
        return FALSE;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit(iso[i]))
            return FALSE;
    *y = atoi(iso);
    *m = atoi(iso + 5);
    *d = atoi(iso + 8);
    return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 &&
           g_date_valid_dmy((GDateDay)*d, (GDateMonth)*m, (GDateYear)*y);
}

/* The era that date `key` (ymd) falls in, or -1 before the first. */
static int era_of(int key)
{
    int e = -1;
    for (int i = 0; i < (int)G_N_ELEMENTS(eras); i++)
        if (key >= ymd(eras[i].y, eras[i].m, eras[i].d))
            e = i;
    return e;
}

char *hk_date_format(const char *iso, HkDateStyle style)
{
    int y, m, d;
    if (!parse_iso(iso, &y, &m, &d))
        return NULL;
    int key = ymd(y, m, d);
    int e = era_of(key);
    if (style == HK_DATE_WESTERN || key < GREGORIAN_FROM || e < 0)
        return g_strdup_printf("%d年%d月%d日", y, m, d);
    /* The era's first year is 元年, not 1年 (公用文の慣例). */
    int year = y - eras[e].y + 1;
    if (year == 1)
        return g_strdup_printf("%s元年%d月%d日", eras[e].name, m, d);
    return g_strdup_printf("%s%d年%d月%d日", eras[e].name, year, m, d);
}

char *hk_date_display(const char *v, HkDateStyle style)
{
    if (!v)
        return NULL;
    char *r = hk_date_format(v, style);
    return r ? r : g_strdup(v);
}
