/* linepipe: see linepipe.h. */
#include "linepipe.h"

struct HkLinePipe {
    GMutex lock;
    GCond changed; /* an item queued or taken, or the end */
    GQueue items;
    int depth;
    gboolean closed;  /* no more items will come */
    gboolean stopped; /* the second stage said stop */
    HkLineStageFn stage;
    GDestroyNotify free_item;
    gpointer user;
    GThread *worker;
};

/* The next item, or NULL once the pipe is closed and empty. */
static gpointer take(HkLinePipe *p)
{
    g_mutex_lock(&p->lock);
    while (!p->items.length && !p->closed)
        g_cond_wait(&p->changed, &p->lock);
    gpointer item = g_queue_pop_head(&p->items);
    g_cond_broadcast(&p->changed);
    g_mutex_unlock(&p->lock);
    return item;
}

static gpointer work(gpointer data)
{
    HkLinePipe *p = data;
    gboolean going = TRUE;
    gpointer item;
    while ((item = take(p))) {
        if (going && !p->stage(item, p->user)) {
            going = FALSE;
            g_mutex_lock(&p->lock);
            p->stopped = TRUE;
            g_cond_broadcast(&p->changed);
            g_mutex_unlock(&p->lock);
        }
        p->free_item(item);
    }
    return NULL;
}

HkLinePipe *hk_linepipe_new(int depth, HkLineStageFn stage, GDestroyNotify free_item, gpointer user)
{
    HkLinePipe *p = g_new0(HkLinePipe, 1);
    g_mutex_init(&p->lock);
    g_cond_init(&p->changed);
    g_queue_init(&p->items);
    p->depth = depth > 0 ? depth : 1;
    p->stage = stage;
    p->free_item = free_item;
    p->user = user;
    p->worker = g_thread_new("hiraku-stage2", work, p);
    return p;
}

gboolean hk_linepipe_push(HkLinePipe *p, gpointer item)
{
    g_mutex_lock(&p->lock);
    while ((int)p->items.length >= p->depth && !p->stopped)
        g_cond_wait(&p->changed, &p->lock);
    gboolean ok = !p->stopped;
    if (ok) {
        g_queue_push_tail(&p->items, item);
        g_cond_broadcast(&p->changed);
    }
    g_mutex_unlock(&p->lock);
    if (!ok)
        p->free_item(item);
    return ok;
}

gboolean hk_linepipe_finish(HkLinePipe *p)
{
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
