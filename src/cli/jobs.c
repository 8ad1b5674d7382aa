#include "jobs.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "error.h"
#include "output.h"
#include "runio.h"

enum { MAX_CHILDREN = 64 };

/* Written with the termination signals blocked, read by the handler. */
static volatile pid_t child_pid[MAX_CHILDREN];
static volatile sig_atomic_t forwarding; /* this process is a -j parent */
static volatile sig_atomic_t caught;     /* the termination signal received */

static const int terminating[] = {SIGINT, SIGTERM, SIGHUP};
static const int crashing[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* Ends the process by `sig` itself (not exit(128+sig)): a shell running
 * hiraku in a loop then stops too, as it should on ^C. */
static void die_by(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

static void on_terminate(int sig)
{
    int saved = errno;
    caught = sig;
    hk_output_remove_temporaries();
    if (!forwarding)
        die_by(sig);
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (child_pid[i] > 0)
            kill(child_pid[i], sig);
    errno = saved;
}

/* A crash still removes the temporaries it can; the files it was writing
 * were never renamed into place. */
static void on_crash(int sig)
{
    hk_output_remove_temporaries();
    die_by(sig);
}

static void block(int how, sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (gsize i = 0; i < G_N_ELEMENTS(terminating); i++)
        sigaddset(&set, terminating[i]);
    sigprocmask(how, &set, old);
}

void hk_jobs_init_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: the -j parent's wait must return to see the signal. */
    sa.sa_handler = on_terminate;
    for (gsize i = 0; i < G_N_ELEMENTS(terminating); i++) {
        struct sigaction old;
        sigaction(terminating[i], NULL, &old);
        /* `nohup` and a shell's background jobs ignore some: keep that. */
        if (old.sa_handler != SIG_IGN)
            sigaction(terminating[i], &sa, NULL);
    }
    sa.sa_handler = on_crash;
    for (gsize i = 0; i < G_N_ELEMENTS(crashing); i++) {
        struct sigaction old;
        sigaction(crashing[i], NULL, &old);
        /* Only where nobody else (AddressSanitizer) handles it already. */
        if (old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO))
            sigaction(crashing[i], &sa, NULL);
    }
}

static int run_in_order(int n, HkJobFn fn, gpointer data)
{
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        rc = fn(i, data);
        hk_runio_file_done();
    }
    return rc;
}

/* Starts job `index` in slot `slot`, its stderr going to `log` when there
 * is one; returns FALSE if fork failed. */
static gboolean start(int slot, int index, FILE *log, HkJobFn fn, gpointer data)
{
    sigset_t old;
    fflush(NULL);
    block(SIG_BLOCK, &old);
#ifdef __linux__
    pid_t parent = getpid();
#endif
    pid_t pid = fork();
    if (pid == 0) {
        forwarding = 0;
        for (int i = 0; i < MAX_CHILDREN; i++)
            child_pid[i] = 0;
#ifdef __linux__
        /* A parent killed by SIGKILL cannot forward anything: the kernel
         * then sends SIGTERM, so no child writes on after it. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            raise(SIGTERM);
#endif
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (log)
            dup2(fileno(log), STDERR_FILENO);
        hk_runio_in_child();
        int rc = fn(index, data);
        fflush(NULL);
        _exit(rc);
    }
    if (pid > 0)
        child_pid[slot] = pid;
    int err = errno;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0)
        fprintf(stderr, "hiraku render: cannot start a process: %s\n", g_strerror(err));
    return pid > 0;
}

/* The exit code a finished child stands for; reports a child killed by a
 * signal other than the one being forwarded. */
static int child_result(int status, const char *name)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (sig && sig == caught)
        return 1;
    char *safe = hk_error_escape(name);
    fprintf(stderr, "%s: rendering stopped by signal %d (%s); no output was written for it\n", safe,
            sig, g_strsignal(sig));
    g_free(safe);
    return 1;
}

/* What one job said on stderr, and how it ended. Children write their
 * messages to a temporary file each; the parent passes them on in the
 * order of the files on the command line, as a serial run would print
 * them, however the children's work interleaves. */
typedef struct {
    FILE *log;     /* the child's stderr while it runs (NULL: stderr) */
    GString *said; /* its contents once the child has ended */
    int status;    /* from waitpid */
    gboolean ended;
} JobLog;

static void collect(JobLog *j, int status)
{
    j->status = status;
    j->ended = TRUE;
    if (!j->log)
        return;
    j->said = g_string_new(NULL);
    char buf[4096];
    size_t got;
    rewind(j->log);
    while ((got = fread(buf, 1, sizeof buf, j->log)) > 0)
        g_string_append_len(j->said, buf, (gssize)got);
    fclose(j->log);
    j->log = NULL;
}

/* Passes on the messages of the ended jobs from `*next` on, stopping at
 * the first job still running (or never started) unless `all`; returns
 * the highest exit code among them. */
static int pass_on(JobLog *jl, int n, int *next, gboolean all, char *const *names)
{
    int rc = 0;
    for (; *next < n && (jl[*next].ended || all); (*next)++) {
        JobLog *j = &jl[*next];
        if (!j->ended)
            continue;
        if (j->said) {
            fwrite(j->said->str, 1, j->said->len, stderr);
            g_string_free(j->said, TRUE);
            j->said = NULL;
        }
        int one = child_result(j->status, names[*next]);
        rc = MAX(rc, one);
    }
    fflush(stderr);
    return rc;
}

/* Waits for one child; FALSE when there is none left to wait for. */
static gboolean reap(JobLog *jl, const int *slot_job)
{
    int status;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0)
        return errno == EINTR;
    for (int i = 0; i < MAX_CHILDREN; i++) {
        if (child_pid[i] != pid)
            continue;
        child_pid[i] = 0;
        hk_runio_file_done();
        collect(&jl[slot_job[i]], status);
    }
    return TRUE;
}

static int running_children(void)
{
    int running = 0;
    for (int i = 0; i < MAX_CHILDREN; i++)
        running += child_pid[i] > 0;
    return running;
}

/* -j runs files in parallel child processes rather than threads: fontconfig,
 * Pango's font maps and MeCab each keep process-wide state, and a process
 * per file keeps one file's failure or memory from touching another's. */
/* The run's logs, at file scope so that a child, which inherits them and
 * never frees them (it leaves by _exit), still holds a pointer to them. */
static JobLog *job_logs;

static int run_parallel(int n, int jobs, char *const *names, HkJobFn fn, gpointer data)
{
    int slot_job[MAX_CHILDREN];
    JobLog *jl = job_logs = g_new0(JobLog, n);
    int rc = 0, next = 0, shown = 0;
    forwarding = 1;
    while ((next < n && !caught) || running_children() > 0) {
        if (!caught && next < n && running_children() < jobs) {
            int slot = 0;
            while (child_pid[slot] > 0)
                slot++;
            /* No temporary file (a full /tmp): the child writes to stderr. */
            jl[next].log = tmpfile();
            if (!start(slot, next, jl[next].log, fn, data)) {
                if (jl[next].log)
                    fclose(jl[next].log);
                jl[next].log = NULL;
                rc = MAX(rc, 1);
                next = n; /* start nothing more; wait for the others */
                continue;
            }
            slot_job[slot] = next++;
            continue;
        }
        if (!reap(jl, slot_job))
            break;
        int said = pass_on(jl, n, &shown, FALSE, names); /* once: MAX evaluates twice */
        rc = MAX(rc, said);
    }
    int said = pass_on(jl, n, &shown, TRUE, names);
    rc = MAX(rc, said);
    g_clear_pointer(&job_logs, g_free);
    forwarding = 0;
    if (caught)
        die_by(caught);
    return rc;
}

/* The number of jobs when -j is not given: one a CPU this process may run
 * on (as ninja and `make -j$(nproc)` do), no more than the files. */
int hk_jobs_default(int n)
{
    int cpus = (int)g_get_num_processors();
    return MAX(1, MIN(MIN(cpus, n), MAX_CHILDREN));
}

/* Whether this process has one thread. fork() copies only the calling
 * thread: a lock another thread holds at that moment (fontconfig's, an
 * allocator's) stays held in the child for ever, and the child hangs.
 * Nothing before the jobs may start a thread (fonts.c makes Pango's font
 * map, which starts one, only when a renderer needs it); should something
 * do so, the files are rendered in order instead, and cli.sh, which
 * checks that several files overlap, fails. */
static gboolean single_threaded(void)
{
#ifdef __linux__
    GDir *dir = g_dir_open("/proc/self/task", 0, NULL);
    if (!dir)
        return TRUE;
    int threads = 0;
    while (g_dir_read_name(dir))
        threads++;
    g_dir_close(dir);
    return threads <= 1;
#else
    return TRUE;
#endif
}

int hk_jobs_run(int n, int jobs, char *const *names, HkJobFn fn, gpointer data)
{
    if (jobs <= 1 || n <= 1 || !single_threaded())
        return run_in_order(n, fn, data);
    return run_parallel(n, MIN(jobs, MAX_CHILDREN), names, fn, data);
}
