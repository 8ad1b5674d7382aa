/* main: the command line. Parses arguments, loads sources and layouts, and
 * calls the editions; it holds no rendering logic. */
#include <locale.h>
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
        "                     [--name STEM] [--stdout] [-q] [-v]   (FILE.md may be -: stdin)\n"
        "                     [--allow-dir DIR]...\n"
        "       hiraku braille [--kana | --from-kana] [-j 1|2]   (stdin to stdout, one item a "
        "line)\n"
        "       hiraku render --help | hiraku braille --help | hiraku --help | --version\n\n"
        "editions:\n");
    for (const HkEdition *e = hk_editions; e->name; e++) {
        fprintf(f, "  %-10s %s\n  %-10s writes <stem>", e->name, e->summary, "");
        for (const char *const *suffix = e->files; *suffix; suffix++)
            fprintf(f, "%s%s", suffix == e->files ? "" : ", ", *suffix);
        fprintf(f, "; layout %s\n", e->default_layout);
    }
    fprintf(f, "\nexit status: 0 done, 1 a rendering or output failure, 2 bad input or usage\n"
               "see hiraku(1) for the source format and the environment\n");
}

int main(int argc, char **argv)
{
    /* The user's locale for GOption's and GLib's messages; but numbers stay
     * C: under a decimal-comma locale (de_DE) cairo 1.16 rejects the tag
     * attributes of every tagged PDF ("invalid tag name, attributes, or
     * nesting"), reading their numbers by the locale. tests/golden/locale.sh
     * renders every edition under ja_JP and de_DE and compares. */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
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
    /* GOption names the command in its usage line after the program. */
    if (!strcmp(argv[1], "render")) {
        g_set_prgname("hiraku render");
        return hk_cli_render(argc - 1, argv + 1);
    }
    if (!strcmp(argv[1], "braille")) {
        g_set_prgname("hiraku braille");
        return hk_cli_braille(argc - 1, argv + 1);
    }
    fprintf(stderr, "hiraku: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
