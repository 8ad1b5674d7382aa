/* libFuzzer target: the whole render path (source reader, every edition
 * with its default layout, output files) on any bytes. See render_one.h. */
#include <stddef.h>
#include <stdint.h>

#include "render_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *out;
    if (!out) {
        GError *err = NULL;
        out = g_dir_make_tmp("hiraku-fuzz-render-XXXXXX", &err);
        if (!out)
            g_error("%s", err->message);
    }
    if (!hk_fuzz_render("fuzz.md", (const char *)data, size, out))
        __builtin_trap(); /* an error that does not say where */
    return 0;
}
