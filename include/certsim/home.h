/* The user's data directory and every path inside it: results, keys, the attempt in progress. */
#ifndef CERTSIM_HOME_H
#define CERTSIM_HOME_H

/*
 * The data directory: $CERTSIM_HOME, else $XDG_DATA_HOME/certsim, else
 * $HOME/.local/share/certsim. What is missing of it and of its results/
 * and keys/ subdirectories is created (mode 0700); what exists must be a
 * directory owned by this user and not writable by group or others, else
 * it is refused with the command that fixes it (nothing is chmodded). An
 * empty CERTSIM_HOME is an error. Returns an allocated path (caller frees),
 * or NULL with *err (caller frees).
 */
char *home_dir(char **err);

/* The entries of a data directory. */
enum home_entry {
	HOME_RESULTS, /* results/: the result files and their signatures */
	HOME_KEYS,    /* keys/: the signing key pair */
	HOME_PUBKEY,  /* keys/certsim.pub: the public key that verifies this user's results */
	HOME_SECKEY,  /* keys/certsim.key: the secret key that signs them (sign.c reads it) */
	HOME_ATTEMPT, /* attempt.json: the attempt in progress */
	HOME_LOCK,    /* attempt.lock: held while an attempt runs */
	HOME_REPORT,  /* report.html: the default output of certsim report */
	HOME_CACHE,   /* cache/results.idx: the cache of verified results (result_cache) */
};

/*
 * The path of entry e inside the data directory home (as returned by
 * home_dir; NULL means "." for HOME_PUBKEY only). Returns an allocated
 * string (caller frees), or NULL on out of memory. Nothing is created.
 */
char *home_path(const char *home, enum home_entry e);

/*
 * The name of a new result file: home/results/<stamp>-<mode>.json, or
 * home/results/<stamp>-<mode>-<k>.json for k > 1 (when the first is taken).
 * Allocated (caller frees); NULL on out of memory.
 */
char *home_result_path(const char *home, const char *stamp, const char *mode, int k);

/*
 * Remove the temporary files (NAME.tmp.XXXXXX, from fsutil_write_atomic)
 * that a process killed mid-write left in home and home/results. Call it
 * only while holding the attempt lock (HOME_LOCK), so that no other certsim
 * is writing there. Returns how many were removed; never fails.
 */
int home_clean_temps(const char *home);

#endif
