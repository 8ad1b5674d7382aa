/* linepipe: two stages of a line-by-line job on two threads, in order.
 *
 * The caller's thread runs the first stage of each line and pushes the
 * result; one worker thread runs the second stage on each item in the
 * order pushed. `hiraku braille` uses it to apply the rules to one line
 * and write its cells while the next lines are read and analysed (MeCab):
 * on two cores the command takes about as long as its slower stage
 * instead of both. Items are handed over a quarter of `depth` (or of
 * `max_bytes`) at a time (a wake-up of the other thread per line costs
 * more than the line); at most about `depth` items and `max_bytes` bytes
 * wait (a batch more when one item alone is larger), so memory stays
 * bounded whatever the lines' lengths. */
#ifndef HK_LINEPIPE_H
#define HK_LINEPIPE_H

#include <glib.h>

typedef struct HkLinePipe HkLinePipe;

/* Runs on the worker for each item, in order; FALSE stops the pipe (the
 * items after it are only freed). Owns nothing: `free_item` frees. */
typedef gboolean (*HkLineStageFn)(gpointer item, gpointer user);

HkLinePipe *hk_linepipe_new(int depth, gsize max_bytes, HkLineStageFn stage,
                            GDestroyNotify free_item, gpointer user);

/* Hands one item, holding about `bytes` of memory, to the worker (with the
 * next ones, a batch at a time), waiting while the queue is full. FALSE once the second stage has
 * stopped: the item and those not yet handed over are freed, unstaged. */
gboolean hk_linepipe_push(HkLinePipe *p, gpointer item, gsize bytes);

/* Hands over what is left, waits for the worker to finish every item,
 * then frees the pipe. Returns FALSE if the second stage stopped. */
gboolean hk_linepipe_finish(HkLinePipe *p);

#endif
