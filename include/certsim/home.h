/* The user's data directory: results, keys and the attempt in progress. */
#ifndef CERTSIM_HOME_H
#define CERTSIM_HOME_H

/*
 * The data directory: $CERTSIM_HOME, else $XDG_DATA_HOME/certsim, else
 * $HOME/.local/share/certsim. It is created (mode 0700) with its results/
 * and keys/ subdirectories. Returns an allocated path (caller frees), or
 * NULL with *err (caller frees).
 */
char *home_dir(char **err);

/* dir + "/" + name, allocated (caller frees); NULL on out of memory. */
char *home_path(const char *dir, const char *name);

#endif
