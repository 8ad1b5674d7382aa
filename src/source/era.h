/* era: the dates a Japanese document prints, in the era form (和暦,
 * 令和7年4月1日) or the Western form (西暦, 2025年4月1日).
 *
 * Owns the era table (the first day of each era, as data) and the
 * conversion of a front-matter date (YYYY-MM-DD, Gregorian) into either
 * form. The digits are Arabic (JIS X 4051 and ward documents set dates in
 * horizontal text with Arabic numerals); a vertical edition would convert
 * them itself. */
#ifndef HK_ERA_H
#define HK_ERA_H

#include <glib.h>

typedef enum {
    HK_DATE_ERA,     /* 令和7年4月1日, 令和元年5月1日 */
    HK_DATE_WESTERN, /* 2025年4月1日 */
    HK_DATE_STYLES
} HkDateStyle;

/* Parses a layout's date_style value ("era" or "western", surrounding
 * blanks ignored) into *style; FALSE if it is neither. */
gboolean hk_date_style_parse(const char *v, HkDateStyle *style);

/* `iso` (YYYY-MM-DD, a valid Gregorian date) in `style`: a new string, or
 * NULL if `iso` is not such a date. Dates before 1873-01-01 (the day Japan
 * adopted the Gregorian calendar, 明治6年1月1日) are given in the Western
 * form whatever the style: before it the era dates were those of the
 * lunisolar calendar, which a Gregorian date does not convert into by
 * counting years. */
char *hk_date_format(const char *iso, HkDateStyle style);

/* The date as an edition prints it: hk_date_format when `v` is YYYY-MM-DD,
 * else a copy of `v` (NULL for NULL). */
char *hk_date_display(const char *v, HkDateStyle style);

#endif
