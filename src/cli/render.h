/* render: the `hiraku render` command: options, the job list (files ×
 * editions) and running it, in parallel processes with -j. */
#ifndef HK_RENDER_H
#define HK_RENDER_H

int hk_cli_render(int argc, char **argv);

#endif
