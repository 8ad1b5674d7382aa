/* braillecli: the `hiraku braille` command. Reads UTF-8 text on stdin, one
 * item a line, and writes one line per input line: braille cells (default),
 * the kana transcription (--kana), or cells from a transcription
 * (--from-kana). The translator is initialised once per process. */
#ifndef HK_BRAILLECLI_H
#define HK_BRAILLECLI_H

/* argv[0] is "braille". Returns the exit status. */
int hk_cli_braille(int argc, char **argv);

#endif
