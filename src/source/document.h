/* document: the one document model every edition renders from.
 *
 * A document is metadata plus a tree of blocks; text-bearing blocks hold a
 * list of inlines. The model owns all its memory (hk_document_free). Nothing
 * here knows about Markdown or about any output format: markdown.c builds
 * the model, the editions only read it. */
#ifndef HK_DOCUMENT_H
#define HK_DOCUMENT_H

#include <glib.h>

#include "era.h"

/* How deep containers (quotes, lists, items, emphasis, links...) may nest,
 * the document node counted: markdown.c refuses deeper sources, so that the
 * recursive walks of every edition stay within the stack. */
#define HK_DOCUMENT_MAX_DEPTH 64

/* The most blocks, links and ruby one document may have (see markdown.c). */
#define HK_DOCUMENT_MAX_ELEMENTS 50000

typedef enum {
    HK_INLINE_TEXT,   /* text */
    HK_INLINE_EMPH,   /* children */
    HK_INLINE_STRONG, /* children */
    HK_INLINE_CODE,   /* text */
    HK_INLINE_LINK,   /* url, children */
    HK_INLINE_RUBY,   /* text = base, reading = whole reading, parts = per-char readings or NULL */
    HK_INLINE_BREAK,  /* a hard line break (a soft break is dropped: Japanese joins lines) */
} HkInlineKind;

typedef struct HkInline HkInline;
struct HkInline {
    HkInlineKind kind;
    char *text;
    char *reading;
    char **parts; /* NULL-terminated; only for per-character ruby {漢字|かん|じ} */
    char *url;
    GPtrArray *children; /* of HkInline*, for EMPH, STRONG, LINK */
    int line, col;       /* where it starts in the source file */
};

typedef enum {
    HK_BLOCK_HEADING,   /* level, inlines */
    HK_BLOCK_PARAGRAPH, /* inlines */
    HK_BLOCK_LIST,      /* ordered, start, children = ITEMs */
    HK_BLOCK_ITEM,      /* children = blocks */
    HK_BLOCK_FIGURE, /* alt, src (as written), path (resolved), inlines = caption (may be empty) */
    HK_BLOCK_QUOTE,  /* children = blocks */
    HK_BLOCK_CODE,   /* text (verbatim) */
    HK_BLOCK_BREAK,  /* thematic break: a change of section */
} HkBlockKind;

typedef struct HkBlock HkBlock;
struct HkBlock {
    HkBlockKind kind;
    int level;              /* HEADING: 1..6 */
    gboolean ordered;       /* LIST */
    int start;              /* LIST: first number of an ordered list */
    GPtrArray *inlines;     /* of HkInline*, for HEADING, PARAGRAPH, FIGURE */
    GPtrArray *children;    /* of HkBlock*, for LIST, ITEM, QUOTE */
    char *text;             /* CODE */
    char *alt, *src, *path; /* FIGURE */
    int line, col;
};

/* Something the editions derive from the model and share, made on first
 * use by its own module and freed with the document. The model knows only
 * how to free it: it is reached through a const document (the holder is
 * the document's, its contents the deriving module's). */
typedef struct {
    gpointer data;
    GDestroyNotify free;
} HkDerived;

typedef struct {
    char *path; /* source file as given on the command line */
    char *stem; /* file name without directory and extension: names the outputs */
    char *title, *subtitle, *organization, *date, *lang;
    /* The date as the editions print it, in each HkDateStyle (era.h):
     * made once by the loader, so that every edition and the furigana
     * readings refer to the same strings. */
    char *date_shown[HK_DATE_STYLES];
    /* The transcriber's data (braille edition): 点訳者, 校正者, 底本 (the
     * print original), year of transcription, producing organisation. */
    char *transcriber, *proofreader, *original, *transcription_year, *producer;
    GPtrArray *blocks; /* of HkBlock*, top level, in reading order */
    /* The analyser's reading of the text (analysis.h), shared by every
     * edition rendered from this document in the process. */
    HkDerived *analysis;
} HkDocument;

/* A run of text with an optional reading: what speech and braille need.
 * `reading` is set where the author gave ruby; the translator must use it
 * instead of guessing. */
typedef struct {
    char *text;
    char *reading; /* NULL where the author gave none */
} HkSpan;

HkDocument *hk_document_new(const char *path);
void hk_document_free(HkDocument *doc);

HkBlock *hk_block_new(HkBlockKind kind, int line, int col);
void hk_block_free(HkBlock *block);
HkInline *hk_inline_new(HkInlineKind kind, int line, int col);
void hk_inline_free(HkInline *in);

/* The plain text of inlines as printed (ruby gives its base, a hard break
 * gives "\n"). Free with g_free. */
char *hk_inlines_text(const GPtrArray *inlines);

/* The inlines as spans of text, each with the author's reading where ruby
 * gave one; adjacent spans without reading are merged. Free the array with
 * g_array_unref (it frees the strings). */
GArray *hk_inlines_spans(const GPtrArray *inlines);

/* Headings in order (borrowed pointers into the document). */
GPtrArray *hk_document_headings(const HkDocument *doc);

/* The date as printed in `style` (令和7年4月1日 or 2025年4月1日);
 * the front-matter value itself if the loader made none (a model built by
 * hand), NULL without a date. Borrowed from the document. */
const char *hk_document_date(const HkDocument *doc, HkDateStyle style);

/* Fills doc->date_shown from doc->date (the loader calls it). */
void hk_document_set_date_shown(HkDocument *doc);

/* The date an output records (PDF /CreationDate, XMP): `declared` (the
 * front-matter date) when it is YYYY-MM-DD, else $SOURCE_DATE_EPOCH, else
 * NULL: no date at all, since the clock of the run would make every output
 * differ from run to run. Free with g_date_time_unref. */
GDateTime *hk_output_date(const char *declared);

#endif
