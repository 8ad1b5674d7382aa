/* jobs: runs one job per source file, in this process or in child
 * processes (by default one a CPU), and owns what signals do meanwhile.
 * Children's messages reach stderr in the order of the files, whatever
 * order they finish in, so a run says the same whatever its -j.
 *
 * SIGINT, SIGTERM and SIGHUP remove every temporary output file
 * (output.h) and end the process by the same signal, so a shell sees 130,
 * 143 or 129. Under -j the parent forwards the signal to its children,
 * waits for every one of them, and only then dies itself, so nothing
 * writes after it has gone. A child that dies by a signal (a crash) is
 * reported with the file it was rendering and the signal. */
#ifndef HK_JOBS_H
#define HK_JOBS_H

#include <glib.h>

/* Renders job `index`; returns its exit code (0, 1 or 2). */
typedef int (*HkJobFn)(int index, gpointer data);

/* Installs the handlers described above; call once before any output. */
void hk_jobs_init_signals(void);

/* The jobs `render` runs at once when -j is not given, for n files: the
 * CPUs this process may use, at most n. */
int hk_jobs_default(int n);

/* Runs fn for 0..n-1: in order in this process, stopping at the first
 * failure, when jobs == 1; otherwise in up to `jobs` child processes at
 * once, every job run. `names[i]` names job i in messages. Returns the
 * highest exit code (bad input, 2, outranks a rendering failure, 1). */
int hk_jobs_run(int n, int jobs, char *const *names, HkJobFn fn, gpointer data);

#endif
