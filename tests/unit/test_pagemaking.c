/* Unit tests for pagemaking (rows into pages: hard and soft keeps, the
 * give-way fraction, the last two pages balanced) and for keeps (heading
 * tag levels from the source's levels). Rows are made up here, so each
 * rule is seen alone, without fonts or a layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "keeps.h"
#include "pagemaking.h"

/* A text block of 10 rows of height 10, no space between rows. */
static void open_pages(HkPages *p, double give_way, int last_lines)
{
    hk_pages_init(p, 0, 100, give_way, last_lines);
}

static void add(HkPages *p, int n, HkKeep first, HkKeep rest)
{
    for (int i = 0; i < n; i++) {
        HkRow r = {10, 0, i == 0 ? first : rest, FALSE, 0, 0};
        hk_pages_add(p, &r);
    }
}

static int page_of(HkPages *p, int r)
{
    return hk_pages_row(p, r)->page;
}

static void hard_keep_moves_the_run(void **state)
{
    (void)state;
    HkPages p;
    open_pages(&p, 0.25, 0);
    add(&p, 9, HK_KEEP_NONE, HK_KEEP_NONE); /* rows 0-8 */
    add(&p, 1, HK_KEEP_NONE, HK_KEEP_NONE); /* row 9: a heading */
    add(&p, 2, HK_KEEP_HARD, HK_KEEP_NONE); /* rows 10-11, the first held to it */
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 8), 0);
    assert_int_equal(page_of(&p, 9), 1); /* the heading went with its line */
    assert_int_equal(page_of(&p, 10), 1);
    hk_pages_clear(&p);
}

static void soft_keep_gives_way_past_the_fraction(void **state)
{
    (void)state;
    /* Rows 6-10 held softly: keeping them leaves 4 of 10 rows empty. */
    HkPages p;
    open_pages(&p, 0.25, 0);
    add(&p, 6, HK_KEEP_NONE, HK_KEEP_NONE);
    add(&p, 5, HK_KEEP_NONE, HK_KEEP_SOFT);
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 9), 0); /* gave way: the page is filled */
    assert_int_equal(page_of(&p, 10), 1);
    hk_pages_clear(&p);
    /* With a give-way of a half, the four rows' waste is allowed. */
    open_pages(&p, 0.5, 0);
    add(&p, 6, HK_KEEP_NONE, HK_KEEP_NONE);
    add(&p, 5, HK_KEEP_NONE, HK_KEEP_SOFT);
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 5), 0);
    assert_int_equal(page_of(&p, 6), 1);
    hk_pages_clear(&p);
}

static void hard_keep_holds_past_the_fraction(void **state)
{
    (void)state;
    HkPages p;
    open_pages(&p, 0.1, 0);
    add(&p, 6, HK_KEEP_NONE, HK_KEEP_NONE);
    add(&p, 5, HK_KEEP_NONE, HK_KEEP_HARD);
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 5), 0);
    assert_int_equal(page_of(&p, 6), 1);
    hk_pages_clear(&p);
}

static void last_page_is_balanced(void **state)
{
    (void)state;
    HkPages p;
    open_pages(&p, 0.25, 4);
    add(&p, 12, HK_KEEP_NONE, HK_KEEP_NONE); /* 10 + a last page of 2 */
    hk_pages_finish(&p);
    assert_int_equal(hk_pages_count(&p), 2);
    assert_int_equal(page_of(&p, 7), 0);
    assert_int_equal(page_of(&p, 8), 1); /* the last page took 2 rows */
    assert_true(hk_pages_row(&p, 8)->top == 0);
    assert_true(hk_pages_row(&p, 11)->top == 30);
    hk_pages_clear(&p);
    /* Without balancing the last page keeps its two rows. */
    open_pages(&p, 0.25, 0);
    add(&p, 12, HK_KEEP_NONE, HK_KEEP_NONE);
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 9), 0);
    hk_pages_clear(&p);
}

static void balance_breaks_no_keep(void **state)
{
    (void)state;
    /* Rows 3-9 held together: the only free break leaves 2 rows. */
    HkPages p;
    open_pages(&p, 1, 4);
    add(&p, 3, HK_KEEP_NONE, HK_KEEP_NONE);
    add(&p, 7, HK_KEEP_NONE, HK_KEEP_HARD);
    add(&p, 2, HK_KEEP_NONE, HK_KEEP_NONE);
    hk_pages_finish(&p);
    assert_int_equal(page_of(&p, 9), 0);
    assert_int_equal(page_of(&p, 10), 1);
    hk_pages_clear(&p);
}

static void new_page_row_turns_the_page(void **state)
{
    (void)state;
    /* A heading after 次頁以降をご覧ください: its page is not balanced back. */
    HkPages p;
    open_pages(&p, 0.25, 4);
    add(&p, 3, HK_KEEP_NONE, HK_KEEP_NONE);
    HkRow r = {10, 0, HK_KEEP_NONE, TRUE, 0, 0};
    hk_pages_add(&p, &r);
    hk_pages_finish(&p);
    assert_int_equal(hk_pages_count(&p), 2);
    assert_int_equal(page_of(&p, 2), 0);
    assert_int_equal(page_of(&p, 3), 1);
    hk_pages_clear(&p);
}

static void rows_stay_open_for_two_pages(void **state)
{
    (void)state;
    HkPages p;
    open_pages(&p, 0.25, 4);
    add(&p, 25, HK_KEEP_NONE, HK_KEEP_NONE);
    assert_int_equal(hk_pages_final(&p), 10); /* page 0 final, 1 and 2 open */
    hk_pages_finish(&p);
    assert_int_equal(hk_pages_final(&p), 25);
    hk_pages_clear(&p);
}

static void sibling_headings_share_a_level(void **state)
{
    (void)state;
    HkOutline o = {.below_title = TRUE};
    assert_int_equal(hk_heading_tag(&o, 2), 2); /* ## Ⅰ under the title */
    assert_int_equal(hk_heading_tag(&o, 3), 3);
    assert_int_equal(hk_heading_tag(&o, 2), 2); /* ## Ⅱ: not under Ⅰ */
    assert_int_equal(hk_heading_tag(&o, 4), 3); /* a skipped level, closed up */
    assert_int_equal(hk_heading_tag(&o, 4), 3); /* and its sibling with it */
    assert_int_equal(hk_heading_tag(&o, 3), 3);
    assert_int_equal(hk_heading_tag(&o, 2), 2);
    assert_int_equal(o.clamped, 2);
    HkOutline bare = {0};
    assert_int_equal(hk_heading_tag(&bare, 1), 1);
    assert_int_equal(hk_heading_tag(&bare, 2), 2);
    assert_int_equal(hk_heading_tag(&bare, 1), 1);
    assert_int_equal(bare.clamped, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hard_keep_moves_the_run),
        cmocka_unit_test(soft_keep_gives_way_past_the_fraction),
        cmocka_unit_test(hard_keep_holds_past_the_fraction),
        cmocka_unit_test(last_page_is_balanced),
        cmocka_unit_test(balance_breaks_no_keep),
        cmocka_unit_test(new_page_row_turns_the_page),
        cmocka_unit_test(rows_stay_open_for_two_pages),
        cmocka_unit_test(sibling_headings_share_a_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
