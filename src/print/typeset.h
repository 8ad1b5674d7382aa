/* typeset: lays out a document model into pages of positioned lines.
 *
 * Owns Japanese line composition (Pango shaping and line breaking, kinsoku
 * added where Pango 1.50 allows a forbidden break, first-line indents,
 * hanging list labels, ruby placement); it hands its rows to pagemaking.c,
 * which breaks them into pages, with the keeps keeps.c reads off the
 * blocks (headings and labels kept with what follows, heading tag levels).
 * Everything it needs to know about sizes comes from an HkPageStyle, so the
 * print and large-type editions use the same code with different layouts.
 *
 * The result is a stream of operations in reading order, each on a page,
 * that pdf.c replays onto Cairo as they come. Structure (P, H1, L, LI,
 * Link, Ruby...) is expressed as BEGIN/END operations around the drawing
 * they contain; page furniture (running header, footer, rules) is marked
 * as artifact and is not part of the structure. Operations are handed out
 * as soon as their page is settled and released right after, so memory
 * holds the layouts of about one page, not of the whole document. */
#ifndef HK_TYPESET_H
#define HK_TYPESET_H

#include <glib.h>
#include <pango/pango.h>

#include "document.h"
#include "fonts.h"
#include "pagestyle.h"
#include "phrases.h"

typedef enum {
    HK_OP_BEGIN, /* open a structure element: role, attr (link target) */
    HK_OP_END,   /* close the innermost open element */
    HK_OP_TEXT,  /* glyphs of `layout` line `line`, bytes [start, end), baseline at x, y */
    /* Ruby: `layout` drawn as glyph outlines with its top-left at x, y. Not
     * as text, so that copying or extracting the text gives the source's
     * words without readings wedged into them; the reading reaches
     * assistive technology as /ActualText on the RT element instead. */
    HK_OP_OUTLINE,
    HK_OP_IMAGE,   /* PNG file `path` in the box x, y, w, h */
    HK_OP_RECT,    /* filled rectangle x, y, w, h in colour rgb (artifact) */
    HK_OP_BOOKMARK /* outline entry: `text` at level `level`, pointing at x, y */
} HkOpKind;

/* Structure roles; pdf.c maps them to PDF structure types. */
typedef enum {
    HK_ROLE_DOCUMENT,
    HK_ROLE_H1, /* H1..H6 are consecutive */
    HK_ROLE_H2,
    HK_ROLE_H3,
    HK_ROLE_H4,
    HK_ROLE_H5,
    HK_ROLE_H6,
    HK_ROLE_P,
    HK_ROLE_L,
    HK_ROLE_LI,
    HK_ROLE_LBL,
    HK_ROLE_LBODY,
    HK_ROLE_FIGURE,
    HK_ROLE_BLOCKQUOTE,
    HK_ROLE_LINK,
    HK_ROLE_SPAN,
    HK_ROLE_RUBY,
    HK_ROLE_RB,
    HK_ROLE_RT,
} HkRole;

/* In a stream, pages never go back: the drawing operations (TEXT, OUTLINE,
 * IMAGE, RECT, BOOKMARK) come with non-decreasing pages, artifacts too.
 * BEGIN and END carry no page there (0): an element belongs to the page of
 * the first thing drawn inside it; the plan of hk_typeset has them set. */
typedef struct {
    HkOpKind kind;
    int page; /* 0-based */
    gboolean artifact;
    HkRole role;
    char *attr; /* BEGIN: link target; BEGIN FIGURE: alt; BEGIN RT: the reading;
                 * BEGIN SPAN: its language (BCP 47), NULL for the document's */
    PangoLayout *layout;
    int line;       /* TEXT: line index in layout */
    int start, end; /* TEXT: byte range in the layout's text */
    double x, y, w, h;
    double rgb[3];
    char *path;           /* IMAGE */
    char *text;           /* BOOKMARK */
    int level;            /* BOOKMARK: 1-based nesting level */
    const HkBlock *block; /* IMAGE: for error messages */
} HkOp;

typedef struct {
    GArray *ops; /* of HkOp, in stream order */
    int n_pages;
    double page_w, page_h;
    char *title; /* as shown in the header and metadata (with the edition suffix) */
    /* what the plan had to adjust, for the report: headings whose level
     * skipped in the source and were tagged one level below the previous */
    int headings_clamped;
} HkPlan;

/* Per-word annotations an edition may add on top of the author's ruby
 * (furigana over every kanji word): byte ranges of a block's plain text with
 * their readings. Where one overlaps the author's ruby, the author's wins. */
typedef struct {
    const HkBlock *block; /* a block with inlines, or NULL for front matter: */
    int start, end;       /* bytes in hk_inlines_text(block->inlines), or in `meta` */
    char *reading;
    /* with block NULL: the front-matter string annotated (doc->title,
     * subtitle, organization or date), by pointer */
    const char *meta;
} HkExtraRuby;

/* Receives one operation; it and what it points to are valid during the
 * call only (take a reference on the layout to keep it). FALSE with *error
 * stops the typesetting. */
typedef gboolean (*HkOpSink)(const HkOp *op, gpointer data, GError **error);

typedef struct {
    int n_pages;
    /* what the typesetter had to adjust, for the report: headings whose
     * level skipped in the source and were tagged one level below the
     * previous */
    int headings_clamped;
} HkTypesetInfo;

/* The document's title as shown in the header and metadata (with the
 * style's suffix). */
char *hk_typeset_title(const HkDocument *doc, const HkPageStyle *style);

/* Lays out `doc`, handing every operation to `sink` in order; `info` (may
 * be NULL) gets the page count. `extra_ruby` may be NULL; with `phrases`
 * (phrases.h; may be NULL) lines break between phrases only. */
gboolean hk_typeset_stream(const HkDocument *doc, const HkPageStyle *style, HkFonts *fonts,
                           const GArray *extra_ruby, const HkPhraseMap *phrases, HkOpSink sink,
                           gpointer sink_data, HkTypesetInfo *info, GError **error);

/* The whole stream kept as a plan (for tests and tools: it holds every
 * page's layouts at once). */
HkPlan *hk_typeset(const HkDocument *doc, const HkPageStyle *style, HkFonts *fonts,
                   const GArray *extra_ruby, GError **error);
void hk_plan_free(HkPlan *plan);

#endif
