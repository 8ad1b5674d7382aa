/* Unit tests for era: the era and Western date forms, at the era
 * boundaries, 元年, and the dates before the Gregorian calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "era.h"

#define CHECK(iso, style, want)                                                                    \
    do {                                                                                           \
        char *got = hk_date_format(iso, style);                                                    \
        assert_non_null(got);                                                                      \
        assert_string_equal(got, want);                                                            \
        g_free(got);                                                                               \
    } while (0)

static void boundaries(void **state)
{
    (void)state;
    CHECK("2019-04-30", HK_DATE_ERA, "平成31年4月30日");
    CHECK("2019-05-01", HK_DATE_ERA, "令和元年5月1日");
    CHECK("2019-12-31", HK_DATE_ERA, "令和元年12月31日");
    CHECK("2020-01-01", HK_DATE_ERA, "令和2年1月1日");
    CHECK("1989-01-07", HK_DATE_ERA, "昭和64年1月7日");
    CHECK("1989-01-08", HK_DATE_ERA, "平成元年1月8日");
    CHECK("1926-12-24", HK_DATE_ERA, "大正15年12月24日");
    CHECK("1926-12-25", HK_DATE_ERA, "昭和元年12月25日");
    CHECK("1912-07-29", HK_DATE_ERA, "明治45年7月29日");
    CHECK("1912-07-30", HK_DATE_ERA, "大正元年7月30日");
}

static void samples_dates(void **state)
{
    (void)state;
    CHECK("2025-04-01", HK_DATE_ERA, "令和7年4月1日");
    CHECK("2020-04-01", HK_DATE_ERA, "令和2年4月1日");
    CHECK("2025-04-01", HK_DATE_WESTERN, "2025年4月1日");
    CHECK("2019-05-01", HK_DATE_WESTERN, "2019年5月1日");
}

static void before_the_gregorian_calendar(void **state)
{
    (void)state;
    CHECK("1873-01-01", HK_DATE_ERA, "明治6年1月1日");
    /* Lunisolar dates before 1873: no era date is made up. */
    CHECK("1872-12-31", HK_DATE_ERA, "1872年12月31日");
    CHECK("1800-06-15", HK_DATE_ERA, "1800年6月15日");
    CHECK("0001-01-01", HK_DATE_ERA, "1年1月1日");
}

static void not_a_date(void **state)
{
    (void)state;
    assert_null(hk_date_format("2025-02-30", HK_DATE_ERA));
    assert_null(hk_date_format("2025-4-1", HK_DATE_ERA));
    assert_null(hk_date_format("令和7年", HK_DATE_ERA));
    assert_null(hk_date_format(NULL, HK_DATE_ERA));
    char *s = hk_date_display("令和7年春", HK_DATE_ERA);
    assert_string_equal(s, "令和7年春");
    g_free(s);
    assert_null(hk_date_display(NULL, HK_DATE_ERA));
}

static void style_names(void **state)
{
    (void)state;
    HkDateStyle st = HK_DATE_WESTERN;
    assert_true(hk_date_style_parse(" era ", &st));
    assert_int_equal(st, HK_DATE_ERA);
    assert_true(hk_date_style_parse("western", &st));
    assert_int_equal(st, HK_DATE_WESTERN);
    assert_false(hk_date_style_parse("wareki", &st));
    assert_false(hk_date_style_parse(NULL, &st));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(boundaries),
        cmocka_unit_test(samples_dates),
        cmocka_unit_test(before_the_gregorian_calendar),
        cmocka_unit_test(not_a_date),
        cmocka_unit_test(style_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
