/* libFuzzer target: any bytes as a layout file, used by every edition to
 * render a small document with every kind of block. See render_one.h. */
#include <stddef.h>
#include <stdint.h>

#include "render_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *out;
    if (!out) {
        GError *err = NULL;
        out = g_dir_make_tmp("hiraku-fuzz-layout-XXXXXX", &err);
        if (!out)
            g_error("%s", err->message);
    }
    if (!hk_fuzz_layout((const char *)data, size, out))
        __builtin_trap(); /* an error that does not say where */
    return 0;
}
