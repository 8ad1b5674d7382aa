/* brailleformat: the paginated braille page model.
 *
 * Owns the layout rules of a braille book (点訳のてびき conventions as read
 * from the layout file): where each kind of block starts and continues,
 * line breaking at blank cells only, the page line with its braille page
 * number, keeping headings off the last line of a page, the title page
 * (標題紙) and the table of contents (目次). Input is a list of braille
 * blocks already translated to cells; output is an HkBrailleBook of pages of
 * lines, which every braille writer (brf, bes, pef, brailletxt, proof)
 * reads so that the files cannot disagree. Nothing here translates text. */
#ifndef HK_BRAILLEFORMAT_H
#define HK_BRAILLEFORMAT_H

#include <glib.h>

#include "era.h"
#include "layout.h"

#define HK_BRAILLE_RANKS 3 /* heading indents by rank: largest, next, the rest */
#define HK_COLOPHON_ITEMS 4

/* The layout file's values, in cells counted from 0 (the file counts
 * from 1, as てびき does) and millimetres. */
typedef struct {
    int cols, rows; /* rows include the page line */
    gboolean duplex;
    int heading_indent[HK_BRAILLE_RANKS], heading_single, heading_continue;
    gboolean blank_before_top;
    int para_first, para_continue;
    int list_first, list_continue, list_step;
    char *figure_open, *figure_close, *figure_label; /* cells, cells, kana */
    char *toc_title;                                 /* kana */
    int toc_title_indent, toc_indent[HK_BRAILLE_RANKS], toc_continue, toc_min_leader;
    guint8 toc_leader;
    int title_top, title_indent, subtitle_indent, imprint_indent;
    HkDateStyle date_style; /* the date on the title page and in the 奥付 */
    guint8 number_sign, digits[10];
    /* 奥付 labels (kana): the print original, transcriber, proofreader,
     * producer, in that order. */
    char *colophon_label[HK_COLOPHON_ITEMS];
    /* 分冊: the most pages in a volume (0 = one volume), numbering from 1
     * in each volume or continued, the 巻数 line's kana ({n} = the volume
     * number) and that of an undivided book ("" = none). */
    int max_pages;
    gboolean restart_numbers;
    char *volume_label, *volume_single;
    guint8 continuation; /* 行継続符 at the end of a line a computer-braille word goes on from */
    double dot_pitch, cell_pitch, line_pitch, dot_diameter, margin, kana_size; /* mm */
    char *kana_font;
} HkBrailleLayout;

/* Reads and range-checks every value; errors name file:line:col. */
gboolean hk_braille_layout_load(const HkLayout *layout, HkBrailleLayout *out, GError **error);
void hk_braille_layout_clear(HkBrailleLayout *bl);

typedef enum {
    HK_BB_TITLE,     /* title page item; level: 1 title, 2 subtitle, 3 organization, 4 date,
                        5 (HK_TITLE_VOLUME) 巻数, 6 producer and year */
    HK_BB_HEADING,   /* level: the source heading level 1..6 */
    HK_BB_PARAGRAPH, /* depth: block-quote nesting */
    HK_BB_ITEM,      /* first paragraph of a list item; depth, number (0 = unordered) */
    HK_BB_ITEM_MORE, /* a later paragraph of a list item; depth */
    HK_BB_FIGURE,    /* cells from hk_braille_figure(); depth as PARAGRAPH */
    HK_BB_BREAK,     /* a change of section (thematic break): no cells */
    HK_BB_COLOPHON,  /* a line of the 奥付 (label and value), on a page of its own at the end */
} HkBrailleBlockKind;

#define HK_TITLE_VOLUME 5
#define HK_TITLE_PRODUCER 6

typedef struct {
    HkBrailleBlockKind kind;
    int level, depth, number;
    char *cells;   /* Unicode braille U+2800..U+283F, blank cell as ASCII space or U+2800 */
    char *kana;    /* transcription, words separated by ASCII spaces; may be NULL */
    int line, col; /* source position, for messages */
} HkBrailleBlock;

HkBrailleBlock *hk_braille_block_new(HkBrailleBlockKind kind, const char *cells, const char *kana);
void hk_braille_block_free(HkBrailleBlock *b);

/* The cells and kana of a figure: its alt text inside the transcriber's
 * note signs, introduced by the figure label (both from the layout). */
char *hk_braille_figure_cells(const HkBrailleLayout *bl, const char *label_cells,
                              const char *alt_cells);
char *hk_braille_figure_kana(const HkBrailleLayout *bl, const char *alt_kana);

typedef enum {
    HK_BL_PAGE,  /* the page line: the page number or nothing */
    HK_BL_TEXT,  /* a line of a block */
    HK_BL_TOC,   /* a line of the table of contents */
    HK_BL_BLANK, /* an empty line */
} HkBrailleLineKind;

/* A word starting on a line, with the kana printed under it in the proof. */
typedef struct {
    int col;
    char *kana;
} HkBrailleMark;

typedef struct {
    HkBrailleLineKind kind;
    guint8 *dots; /* one cell each: bit n-1 = dot n, 0 = blank; no trailing blank */
    int len;
    int block;          /* TEXT: index of the input block; TOC: of the heading; else -1 */
    int indent;         /* blank cells before the text */
    int dropped;        /* blank cells dropped at the break after this line; -1 = block ends here */
    gboolean split;     /* a word longer than a line was broken after this line */
    gboolean continued; /* its last cell is the 行継続符 added to break a long address */
    GArray *marks;      /* of HkBrailleMark, one per word starting on this line */
    gboolean kana_exact; /* FALSE if the kana could not be matched word by word */
} HkBrailleLine;

typedef enum {
    HK_BP_TITLE, /* 標題紙: unnumbered */
    HK_BP_TOC,
    HK_BP_BODY,
} HkBraillePageKind;

typedef struct {
    HkBraillePageKind kind;
    int number;       /* 0 = unnumbered; a blank back counts but prints no number */
    GPtrArray *lines; /* of HkBrailleLine*; [0] is the page line; at most rows */
} HkBraillePage;

/* The transcriber's data (点訳者, 校正者, 底本, year, producer), print text
 * from the front matter; any may be NULL. */
typedef struct {
    char *transcriber, *proofreader, *original, *year, *producer;
} HkBrailleCredits;

typedef struct {
    int cols, rows;
    gboolean duplex;
    GPtrArray *pages; /* of HkBraillePage* */
    /* Metadata for the writers, set by the caller (may stay NULL). */
    char *title, *lang, *date, *identifier;
    char *author, *subtitle;              /* the print original's author (organization), subtitle */
    HkBrailleCredits credits;             /* transcriber's data, print text */
    int volume, volumes;                  /* 1-based; volumes = 1 for an undivided book */
    GByteArray *title_dots, *author_dots; /* braille of the title and organization */
    GByteArray *transcriber_dots, *volume_dots, *remarks_dots; /* BES header fields */
    GArray *splits; /* of int: the block of each word broken at a line end (longer than a line) */
} HkBrailleBook;

/* Paginates the blocks. toc_title_cells is the translated layout toc title
 * (used only when there is more than one heading). `path` names the source
 * in messages (a block whose cells are not braille is an error). */
HkBrailleBook *hk_braille_paginate(const HkBrailleLayout *bl, const GPtrArray *blocks,
                                   const char *toc_title_cells, const char *path, GError **error);
/* One volume: `blocks` (a subset of `all`, in order), numbered from
 * first_number; heading ranks and whether there is a TOC come from `all`. */
HkBrailleBook *hk_braille_paginate_part(const HkBrailleLayout *bl, const GPtrArray *blocks,
                                        const GPtrArray *all, int first_number,
                                        const char *toc_title_cells, const char *path,
                                        GError **error);
void hk_braille_book_free(HkBrailleBook *book);
void hk_braille_credits_clear(HkBrailleCredits *c);

/* The line as UTF-8: blank cells (including the indent) as `blank`, which
 * is " " or "\u2800". */
char *hk_braille_line_utf8(const HkBrailleLine *line, const char *blank);

/* Parses cells (U+2800..U+283F, ASCII space or U+2800 as blank) into dot
 * masks; FALSE if a character is not a six-dot cell (*bad_offset is its
 * byte offset). */
gboolean hk_braille_parse_cells(const char *cells, GByteArray *out, gsize *bad_offset);

#endif
