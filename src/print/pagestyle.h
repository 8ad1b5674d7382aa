/* pagestyle: the typographic parameters of a paged edition, read from its
 * layout file.
 *
 * Owns the mapping from layout keys to numbers (every size, margin, colour
 * and rule a designer may change) and their range checks. An edition passes
 * limits (e.g. "nothing under 18 pt" for large type) so that a layout which
 * breaks the edition's promise is rejected at the offending key. Families
 * are checked against the font configuration here, once, before rendering. */
#ifndef HK_PAGESTYLE_H
#define HK_PAGESTYLE_H

#include <glib.h>

#include "compose.h"
#include "era.h"
#include "fonts.h"
#include "inks.h"
#include "layout.h"

typedef enum { HK_PDFX_NONE, HK_PDFX_4, HK_PDFX_1A } HkPdfxLevel;

typedef enum { HK_ALIGN_LEFT, HK_ALIGN_CENTER, HK_ALIGN_RIGHT } HkAlign;

typedef struct {
    char *family;
    gboolean bold;
    double size;    /* pt */
    double leading; /* line pitch = leading × size */
    double before;  /* space above, in em of this style */
    double after;   /* space below, in em of this style */
    double indent;  /* first-line indent, em */
    HkAlign align;
    gboolean justify;
    HkColour colour; /* as the layout names it */
    double rgb[3];   /* what is drawn: colour.rgb, or on press its ink's key (inks.h) */
} HkTextStyle;

#define HK_HEADING_LEVELS 6

typedef struct {
    /* page and text block, pt */
    double page_w, page_h;
    double margin_top, margin_bottom, margin_left, margin_right;
    gboolean whole_chars; /* text block width a whole number of body em */

    HkTextStyle body, code, title, subtitle, meta, header, footer, label;
    HkTextStyle heading[HK_HEADING_LEVELS];

    /* inline */
    char *emph_family, *strong_family;
    gboolean emph_bold, strong_bold;
    HkColour link_colour;
    double link_rgb[3];
    gboolean link_underline;
    double ruby_scale, ruby_min; /* ruby size = max(scale × base, min) */
    double ruby_gap;             /* em of the ruby between ruby and base */
    double ruby_overhang;        /* ruby characters a reading may reach over kana beside its base */

    /* lists, quotes, figures, rules */
    double list_indent, list_gap, item_space; /* em of body */
    char *bullet, *number_suffix;
    double quote_indent; /* em of body */
    double figure_max_h; /* pt */
    double image_dpi;
    /* the most pixels an image may have, in millions: decoding costs 4
     * bytes a pixel, whatever the file's size */
    double image_max_mpx;
    HkColour rule_colour;
    double rule_rgb[3], rule_width;

    /* running header and footer: text templates with {title} and {page} */
    char *header_text, *footer_text;
    int header_from_page;
    double header_y, footer_y; /* baseline from the top / bottom edge, pt */

    /* line composition and page breaking */
    char *no_start, *no_end;   /* kinsoku: chars that may not start / end a line */
    HkCompose *compose;        /* JLREQ class-pair spacing ([composition]); NULL: Pango's own */
    gboolean break_at_phrases; /* lines break between 文節 only (phrases.h) */
    int orphans, widows;
    int keep_heading_lines;       /* lines of the next block kept with a heading */
    int keep_label_lines;         /* lines of the next block kept with a label */
    char *keep_label_endings;     /* a paragraph ending with one is a label */
    double keep_give_way;         /* soft keeps give way past this fraction of the page */
    int keep_last_page_lines;     /* the last page has at least these rows (0: any) */
    char *keep_next_page_phrases; /* a paragraph with one: the next heading turns the page */

    char *title_suffix;     /* appended to the title in metadata and header */
    HkDateStyle date_style; /* how the front-matter date prints */

    /* press: trim/bleed/crop marks; all 0/FALSE when the layout has no [press] */
    gboolean press;
    double bleed, slug; /* pt */
    gboolean crop_marks;
    double band_h; /* a colour band at the top edge of page 1 (0 = none), pt */
    HkColour band_colour;
    double band_rgb[3];
    /* press: the PDF/X the file conforms to, and its output intent */
    HkPdfxLevel pdfx;
    char *icc_profile;          /* path of the output intent's CMYK profile */
    char *output_id;            /* OutputConditionIdentifier, e.g. JC200103 */
    char *output_condition;     /* OutputCondition, for people */
    char *registry;             /* RegistryName of the identifier */
    GArray *inks;               /* of HkInk: every colour's ink, by its drawing key */
    double registration_rgb[3]; /* what crop marks are drawn in */
} HkPageStyle;

typedef struct {
    double min_size;           /* no type smaller than this anywhere, pt */
    double body_min, body_max; /* range of the body size, pt */
    gboolean press;            /* the layout must have a [press] group */
} HkStyleLimits;

/* Reads and checks every parameter. Errors name the layout file:line. */
HkPageStyle *hk_page_style_load(const HkLayout *layout, const HkStyleLimits *limits, HkFonts *fonts,
                                GError **error);
void hk_page_style_free(HkPageStyle *style);

/* Millimetres to points. */
#define HK_MM(x) ((x)*72.0 / 25.4)

#endif
