/* main: the command line. Parses arguments, loads sources and layouts, and
 * calls the editions; it holds no rendering logic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "braillecli.h"
#include "edition.h"
#include "error.h"
#include "layout.h"
#include "output.h"
#include "render.h"
#include "source.h"

#ifndef HK_VERSION
#define HK_VERSION "0.0.0"
#endif

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: hiraku render FILE.md... -o DIR [--edition LIST] [--layout [EDITION=]FILE] [-j N]\n"
        "                    [--furigana]\n"
        "       hiraku braille [--kana | --from-kana]   (stdin to stdout, one item a line)\n"
        "       hiraku --help | --version\n\n"
        "editions:\n");
    for (const HkEdition *e = hk_editions; e->name; e++)
        fprintf(f, "  %-10s %s (layout %s)\n", e->name, e->summary, e->default_layout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("hiraku %s\n", HK_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "render"))
        return hk_cli_render(argc - 1, argv + 1);
    if (!strcmp(argv[1], "braille"))
        return hk_cli_braille(argc - 1, argv + 1);
    fprintf(stderr, "hiraku: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
