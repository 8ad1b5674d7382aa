/* Unit tests for linepipe: the second stage sees every item once, in the
 * order pushed, on another thread; a stage that stops makes the next
 * pushes fail and frees every item; about `depth` items, and `max_bytes`
 * bytes, wait at most. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>

#include "linepipe.h"

typedef struct {
    GMutex lock;
    GArray *seen;    /* the items' numbers, in the order staged */
    int stop_at;     /* the stage says stop at this number (-1: never) */
    int freed;       /* items freed */
    int waiting_max; /* most items pushed and not yet staged */
    int pushed;      /* pushed so far */
    gboolean other_thread;
    GThread *caller;
} Record;

static Record *record;

static void free_item(gpointer p)
{
    g_mutex_lock(&record->lock);
    record->freed++;
    g_mutex_unlock(&record->lock);
    g_free(p);
}

static gboolean stage(gpointer item, gpointer user)
{
    Record *r = user;
    int n = *(int *)item;
    g_mutex_lock(&r->lock);
    g_array_append_val(r->seen, n);
    int waiting = r->pushed - (int)r->seen->len;
    if (waiting > r->waiting_max)
        r->waiting_max = waiting;
    if (g_thread_self() == r->caller)
        r->other_thread = FALSE;
    g_mutex_unlock(&r->lock);
    /* A slow stage, so that the caller fills the pipe. */
    if (n % 64 == 0)
        g_usleep(2000);
    return n != r->stop_at;
}

static Record *new_record(int stop_at)
{
    Record *r = g_new0(Record, 1);
    g_mutex_init(&r->lock);
    r->seen = g_array_new(FALSE, FALSE, sizeof(int));
    r->stop_at = stop_at;
    r->other_thread = TRUE;
    r->caller = g_thread_self();
    record = r;
    return r;
}

static void free_record(Record *r)
{
    g_array_unref(r->seen);
    g_mutex_clear(&r->lock);
    g_free(r);
    record = NULL;
}

static gboolean push_sized(HkLinePipe *p, Record *r, int n, gsize bytes)
{
    int *item = g_new(int, 1);
    *item = n;
    g_mutex_lock(&r->lock);
    r->pushed++;
    g_mutex_unlock(&r->lock);
    return hk_linepipe_push(p, item, bytes);
}

static gboolean push(HkLinePipe *p, Record *r, int n)
{
    int *item = g_new(int, 1);
    *item = n;
    g_mutex_lock(&r->lock);
    r->pushed++;
    g_mutex_unlock(&r->lock);
    return hk_linepipe_push(p, item, 1);
}

static void test_in_order(void **state)
{
    (void)state;
    Record *r = new_record(-1);
    HkLinePipe *p = hk_linepipe_new(8, 1 << 20, stage, free_item, r);
    for (int i = 0; i < 1000; i++)
        assert_true(push(p, r, i));
    assert_true(hk_linepipe_finish(p));
    assert_int_equal(r->seen->len, 1000);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(g_array_index(r->seen, int, i), i);
    assert_int_equal(r->freed, 1000);
    assert_true(r->other_thread);
    /* At most `depth` queued, plus the caller's batch not yet handed over
     * and the worker's batch being staged (a batch is depth / 4). */
    assert_true(r->waiting_max <= 8 + 2 + 2);
    free_record(r);
}

/* Items that hold much memory are bounded by bytes, not by their count:
 * with room for 4 and a batch a quarter of that, at most 4 wait, plus the
 * one being pushed and the one being staged. */
static void test_bytes(void **state)
{
    (void)state;
    Record *r = new_record(-1);
    HkLinePipe *p = hk_linepipe_new(1000, 4000, stage, free_item, r);
    for (int i = 0; i < 300; i++)
        assert_true(push_sized(p, r, i * 64, 1000));
    assert_true(hk_linepipe_finish(p));
    assert_int_equal(r->seen->len, 300);
    assert_int_equal(r->freed, 300);
    assert_true(r->waiting_max <= 4 + 1 + 1);
    free_record(r);
}

static void test_stop(void **state)
{
    (void)state;
    Record *r = new_record(100);
    HkLinePipe *p = hk_linepipe_new(4, 1 << 20, stage, free_item, r);
    int refused = 0;
    for (int i = 0; i < 1000; i++)
        if (!push(p, r, i))
            refused++;
    assert_false(hk_linepipe_finish(p));
    /* Nothing after the item that stopped is staged; every item is freed. */
    assert_int_equal(r->seen->len, 101);
    assert_int_equal(g_array_index(r->seen, int, 100), 100);
    assert_true(refused > 0);
    assert_int_equal(r->freed, 1000);
    free_record(r);
}

static void test_empty(void **state)
{
    (void)state;
    Record *r = new_record(-1);
    HkLinePipe *p = hk_linepipe_new(4, 1 << 20, stage, free_item, r);
    assert_true(hk_linepipe_finish(p));
    assert_int_equal(r->seen->len, 0);
    assert_int_equal(r->freed, 0);
    free_record(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
