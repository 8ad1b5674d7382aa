/* linepipe: see linepipe.h. */
#include "linepipe.h"

/* Items handed over at once, and the bytes they hold. */
typedef struct {
    GPtrArray *items;
    gsize bytes;
} Batch;

struct HkLinePipe {
    GMutex lock;
    GCond changed;  /* a batch handed over or taken, or the end */
    GQueue batches; /* Batch, oldest first */
    guint queued;   /* items in `batches` */
    gsize queued_bytes;
    guint depth;     /* most items queued */
    gsize max_bytes; /* most bytes queued */
    guint batch;     /* items handed over at once */
    gboolean closed; /* no more batches will come */
    gboolean stopped;
    Batch *pending; /* the caller's items not yet handed over */
    HkLineStageFn stage;
    GDestroyNotify free_item;
    gpointer user;
    GThread *worker;
};

static Batch *batch_new(HkLinePipe *p)
{
    Batch *b = g_new(Batch, 1);
    b->items = g_ptr_array_new_with_free_func(p->free_item);
    b->bytes = 0;
    return b;
}

/* Frees the batch and its items. */
static void batch_free(Batch *b)
{
    g_ptr_array_unref(b->items);
    g_free(b);
}

/* The next batch, or NULL once the pipe is closed and empty. */
static Batch *take(HkLinePipe *p)
{
    g_mutex_lock(&p->lock);
    while (!p->batches.length && !p->closed)
        g_cond_wait(&p->changed, &p->lock);
    Batch *b = g_queue_pop_head(&p->batches);
    if (b) {
        p->queued -= b->items->len;
        p->queued_bytes -= b->bytes;
    }
    g_cond_broadcast(&p->changed);
    g_mutex_unlock(&p->lock);
    return b;
}

static void stop(HkLinePipe *p)
{
    g_mutex_lock(&p->lock);
    p->stopped = TRUE;
    g_cond_broadcast(&p->changed);
    g_mutex_unlock(&p->lock);
}

static gpointer work(gpointer data)
{
    HkLinePipe *p = data;
    gboolean going = TRUE;
    Batch *b;
    while ((b = take(p))) {
        for (guint i = 0; i < b->items->len; i++) {
            if (going && !p->stage(b->items->pdata[i], p->user)) {
                going = FALSE;
                stop(p);
            }
        }
        batch_free(b);
    }
    return NULL;
}

HkLinePipe *hk_linepipe_new(int depth, gsize max_bytes, HkLineStageFn stage,
                            GDestroyNotify free_item, gpointer user)
{
    HkLinePipe *p = g_new0(HkLinePipe, 1);
    g_mutex_init(&p->lock);
    g_cond_init(&p->changed);
    g_queue_init(&p->batches);
    p->depth = depth > 0 ? (guint)depth : 1;
    /* Handing over wakes the other thread: a few times per `depth`, not
     * once per line (a wake-up per line cost a fifth of the run in the
     * kernel). */
    p->batch = p->depth / 4 ? p->depth / 4 : 1;
    p->max_bytes = max_bytes ? max_bytes : 1;
    p->stage = stage;
    p->free_item = free_item;
    p->user = user;
    p->pending = batch_new(p);
    p->worker = g_thread_new("hiraku-stage2", work, p);
    return p;
}

/* Queues the pending items for the worker, waiting while the queue is
 * full; FALSE (and the items freed) once the second stage has stopped. */
static gboolean hand_over(HkLinePipe *p)
{
    Batch *b = p->pending;
    g_mutex_lock(&p->lock);
    while ((p->queued + b->items->len > p->depth || p->queued_bytes + b->bytes > p->max_bytes) &&
           p->queued > 0 && !p->stopped)
        g_cond_wait(&p->changed, &p->lock);
    gboolean ok = !p->stopped;
    if (ok) {
        p->queued += b->items->len;
        p->queued_bytes += b->bytes;
        g_queue_push_tail(&p->batches, b);
        g_cond_broadcast(&p->changed);
    }
    g_mutex_unlock(&p->lock);
    if (ok) {
        p->pending = batch_new(p);
    } else {
        g_ptr_array_set_size(b->items, 0);
        b->bytes = 0;
    }
    return ok;
}

gboolean hk_linepipe_push(HkLinePipe *p, gpointer item, gsize bytes)
{
    g_ptr_array_add(p->pending->items, item);
    p->pending->bytes += bytes;
    if (p->pending->items->len < p->batch && p->pending->bytes < p->max_bytes / 4)
        return TRUE;
    return hand_over(p);
}

gboolean hk_linepipe_finish(HkLinePipe *p)
{
    if (p->pending->items->len)
        hand_over(p);
    batch_free(p->pending);
    g_mutex_lock(&p->lock);
    p->closed = TRUE;
    g_cond_broadcast(&p->changed);
    g_mutex_unlock(&p->lock);
    g_thread_join(p->worker);
    gboolean ok = !p->stopped;
    g_mutex_clear(&p->lock);
    g_cond_clear(&p->changed);
    g_free(p);
    return ok;
}
