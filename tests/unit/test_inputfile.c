/* inputfile: only regular files are read, never past their limit, and a
 * FIFO or a device is refused without blocking or reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "inputfile.h"

static char *dir;

static char *path_in(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static void expect_refused(const char *path, gsize max, const char *what_is_wrong)
{
    char *data = (char *)"untouched";
    gsize len = 7;
    GError *err = NULL;
    assert_false(hk_input_read(path, "source", max, &data, &len, &err));
    assert_null(data);
    assert_int_equal(len, 0);
    assert_non_null(err);
    assert_int_equal(err->code, HK_ERROR_INPUT);
    char *head = g_strconcat(path, ":1:1: ", NULL);
    assert_true(g_str_has_prefix(err->message, head));
    assert_non_null(strstr(err->message, what_is_wrong));
    g_free(head);
    g_error_free(err);
}

static void reads_a_file_up_to_its_limit(void **state)
{
    (void)state;
    char *p = path_in("ten.md");
    assert_true(g_file_set_contents(p, "0123456789", 10, NULL));
    char *data;
    gsize len;
    assert_true(hk_input_read(p, "source", 10, &data, &len, NULL));
    assert_int_equal(len, 10);
    assert_string_equal(data, "0123456789"); /* NUL-terminated */
    g_free(data);
    expect_refused(p, 9, "source larger than 9 bytes");
    g_unlink(p);
    g_free(p);
}

static void refuses_a_fifo_without_blocking(void **state)
{
    (void)state;
    char *p = path_in("fifo.md");
    assert_int_equal(mkfifo(p, 0600), 0);
    /* no writer: a blocking open or read would hang the test */
    expect_refused(p, 1 << 20, "is a FIFO: only regular files are read");
    assert_false(hk_input_check_regular(p, "layout", NULL));
    assert_string_equal(hk_input_irregular(p), "a FIFO");
    g_unlink(p);
    g_free(p);
}

static void refuses_devices_and_directories(void **state)
{
    (void)state;
    expect_refused("/dev/zero", 1 << 20, "is a device");
    expect_refused(dir, 1 << 20, "is a directory");
    expect_refused("/nonexistent/x.md", 1 << 20, "cannot read source");
    assert_null(hk_input_irregular("/nonexistent/x.md"));
    assert_string_equal(hk_input_irregular("/dev/null"), "a device");
}

int main(void)
{
    dir = g_dir_make_tmp("hiraku-inputfile-XXXXXX", NULL);
    const struct CMUnitTest tests[] = {cmocka_unit_test(reads_a_file_up_to_its_limit),
                                       cmocka_unit_test(refuses_a_fifo_without_blocking),
                                       cmocka_unit_test(refuses_devices_and_directories)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    g_rmdir(dir);
    g_free(dir);
    return rc;
}
