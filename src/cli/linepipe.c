/* linepipe: see linepipe.h. */
#include "linepipe.h"

struct HkLinePipe {
    GMutex lock;
    GCond changed;   /* a batch handed over or taken, or the end */
    GQueue batches;  /* GPtrArray of items, oldest first */
    guint queued;    /* items in `batches` */
    guint depth;     /* most items queued */
    guint batch;     /* items handed over at once */
    gboolean closed; /* no more batches will come */
    gboolean stopped;
    GPtrArray *pending; /* the caller's items not yet handed over */
    HkLineStageFn stage;
    GDestroyNotify free_item;
    gpointer user;
    GThread *worker;
};

/* The next batch, or NULL once the pipe is closed and empty. */
static GPtrArray *take(HkLinePipe *p)
{
    g_mutex_lock(&p->lock);
    while (!p->batches.length && !p->closed)
        g_cond_wait(&p->changed, &p->lock);
    GPtrArray *b = g_queue_pop_head(&p->batches);
    if (b)
        p->queued -= b->len;
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
    GPtrArray *b;
    while ((b = take(p))) {
        for (guint i = 0; i < b->len; i++) {
            if (going && !p->stage(b->pdata[i], p->user)) {
                going = FALSE;
                stop(p);
            }
        }
        g_ptr_array_unref(b); /* frees the items */
    }
    return NULL;
}

HkLinePipe *hk_linepipe_new(int depth, HkLineStageFn stage, GDestroyNotify free_item, gpointer user)
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
    p->stage = stage;
    p->free_item = free_item;
    p->user = user;
    p->pending = g_ptr_array_new_with_free_func(free_item);
    p->worker = g_thread_new("hiraku-stage2", work, p);
    return p;
}

/* Queues the pending items for the worker, waiting while the queue is
 * full; FALSE (and the items freed) once the second stage has stopped. */
static gboolean hand_over(HkLinePipe *p)
{
    g_mutex_lock(&p->lock);
    while (p->queued + p->pending->len > p->depth && p->queued > 0 && !p->stopped)
        g_cond_wait(&p->changed, &p->lock);
    gboolean ok = !p->stopped;
    if (ok) {
        p->queued += p->pending->len;
        g_queue_push_tail(&p->batches, p->pending);
        g_cond_broadcast(&p->changed);
    }
    g_mutex_unlock(&p->lock);
    if (ok)
        p->pending = g_ptr_array_new_with_free_func(p->free_item);
    else
        g_ptr_array_set_size(p->pending, 0);
    return ok;
}

gboolean hk_linepipe_push(HkLinePipe *p, gpointer item)
{
    g_ptr_array_add(p->pending, item);
    return p->pending->len < p->batch || hand_over(p);
}

gboolean hk_linepipe_finish(HkLinePipe *p)
{
    if (p->pending->len)
        hand_over(p);
    g_ptr_array_unref(p->pending);
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
