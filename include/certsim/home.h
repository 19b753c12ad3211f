/* The user's data directory and every path inside it: results, keys, the attempt in progress. */
#ifndef CERTSIM_HOME_H
#define CERTSIM_HOME_H

/*
 * The data directory: $CERTSIM_HOME, else $XDG_DATA_HOME/certsim, else
 * $HOME/.local/share/certsim. It is created (mode 0700) with its results/
 * and keys/ subdirectories. Returns an allocated path (caller frees), or
 * NULL with *err (caller frees).
 */
char *home_dir(char **err);

/*
 * The paths inside a data directory (home as returned by home_dir). Each
 * returns an allocated string (caller frees), or NULL on out of memory.
 * Nothing is created or checked.
 */
char *home_results_dir(const char *home);  /* home/results */
char *home_keys_dir(const char *home);     /* home/keys: the signing key pair */
char *home_attempt_path(const char *home); /* home/attempt.json: the attempt in progress */
char *home_lock_path(const char *home);    /* home/attempt.lock: held while an attempt runs */

/*
 * The public key that verifies this user's results:
 * home/keys/certsim.pub, or ./keys/certsim.pub when home is NULL.
 * Allocated (caller frees); NULL on out of memory.
 */
char *home_pubkey_path(const char *home);

/*
 * The name of a new result file: home/results/<stamp>-<mode>.json, or
 * home/results/<stamp>-<mode>-<k>.json for k > 1 (when the first is taken).
 * Allocated (caller frees); NULL on out of memory.
 */
char *home_result_path(const char *home, const char *stamp, const char *mode, int k);

#endif
