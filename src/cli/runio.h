/* runio: the Unix conventions of `hiraku render`: a source read from
 * standard input ("-", its stem from --name), the one output written to
 * standard output (--stdout), the files written reported (-v), and a
 * progress line on stderr when it is a terminal and several files are
 * rendered. Holds the run's settings for the one process (and the -j
 * children it forks). */
#ifndef HK_RUNIO_H
#define HK_RUNIO_H

#include <glib.h>

#include "document.h"
#include "edition.h"

typedef struct {
    const char *name;   /* --name: the stem of the outputs, or NULL */
    gboolean to_stdout; /* --stdout */
    gboolean verbose;   /* -v */
    int n_files;        /* source files in this run */
} HkRunIO;

/* Checks the combination of sources, editions and options before anything
 * is read or written; on a usage error prints it and returns FALSE. */
gboolean hk_runio_check(const HkRunIO *io, char **sources, const GPtrArray *editions,
                        const char *out_dir);
void hk_runio_set(const HkRunIO *io);

/* Loads `arg` ("-": standard input, named "stdin" in messages) and gives it
 * the --name stem when one was set. */
HkDocument *hk_runio_load(const char *arg, GError **error);

/* --stdout: a private directory to render into, and afterwards its one file
 * copied to standard output and the directory removed. Return an exit
 * code (0 or 1). */
char *hk_runio_stdout_dir(void);
int hk_runio_stdout_finish(char *dir, int rc);

/* Progress (terminal, several files): before each edition of each file,
 * and when a file is done. */
void hk_runio_progress(const char *stem, const char *edition);
void hk_runio_file_done(void);
/* The -v report after an edition has written its files. */
void hk_runio_wrote(const HkEdition *e, const char *out_dir, const char *stem);
/* Clears the progress line (before the program exits or forks). */
void hk_runio_progress_end(void);
/* In a -j child: the parent alone draws the progress line. */
void hk_runio_in_child(void);

#endif
