/* The cache of verified results (cache/results.idx): history's typed results without re-parsing. */
#ifndef CERTSIM_RESULT_CACHE_H
#define CERTSIM_RESULT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/history.h"
#include "certsim/result.h"

/*
 * Bump when the index's layout, struct result_file, what result_parse
 * reads or what result_verify_parsed checks changes: an index of another
 * version is ignored and rebuilt.
 */
#define RESULT_CACHE_VERSION 2u

/*
 * What an entry is valid for: a result file and its signature as they are
 * on disk now. An entry is used only when every field matches.
 */
struct result_cache_key {
	uint64_t size, sig_size;
	int64_t mtime_ns, sig_mtime_ns; /* st_mtim in nanoseconds */
	int has_sig;                    /* the .minisig was read (else its fields are 0) */
	unsigned char hash[32];         /* BLAKE2b-256 of the result's bytes */
	unsigned char sig_hash[32];     /* BLAKE2b-256 of the signature's bytes */
};

struct result_cache;

/*
 * The key of the index's checksum: a hash of home's secret signing key
 * (keys/certsim.key), so that only who could sign results can make an
 * index that is accepted. Returns 0 and mac, or -1 when there is no
 * readable secret key (then use no cache). Nothing is created.
 */
int result_cache_mac_key(const char *home, unsigned char mac[32]);

/*
 * Open the index at home/cache/results.idx for a load whose verification
 * context hashes to ctx (result_cache_context), its checksum keyed with
 * mac (result_cache_mac_key). A missing, unreadable, damaged or forged
 * (checksum), foreign (magic, version) or other-context index is treated
 * as empty: the cache then rebuilds. Returns the cache (free with
 * result_cache_free), or NULL only on out of memory.
 */
struct result_cache *result_cache_open(const char *home, const unsigned char ctx[32],
                                       const unsigned char mac[32]);

/*
 * The verification context: a hash of the public key's text (pub, pub_len
 * bytes; NULL when there is none) or of why there is none (why). Entries
 * made under another context are not used. The data directory's own path
 * is not part of it: reasons are kept relative to it, so a copy of the
 * directory keeps its cache.
 */
void result_cache_context(const char *pub, size_t pub_len, const char *why, unsigned char ctx[32]);

/*
 * Fill *k for the result at path read as text (len bytes) and its
 * signature read as sig (slen bytes, or sig NULL when there is none).
 * Returns 0, or -1 when a file cannot be stat'ed (then do not cache it).
 */
int result_cache_key_of(const char *path, const char *text, size_t len, const char *sig,
                        size_t slen, struct result_cache_key *k);

/*
 * The cached result for file name (the base name in results/) when its
 * entry's key equals *k: returns 1 and *r (its path set to path; free with
 * result_file_free), *sig and *reason (caller frees; NULL when valid).
 * Returns 0 when there is no such entry, it is stale or it cannot be read
 * back (then verify the files). c may be NULL (always 0).
 */
int result_cache_get(struct result_cache *c, const char *name, const char *path,
                     const struct result_cache_key *k, struct result_file **r,
                     enum attempt_sig *sig, char **reason);

/*
 * Record the verified result r of file name with its signature status and
 * reason (NULL when valid) under key k. Nothing is written until
 * result_cache_save. c may be NULL; out of memory only skips the entry.
 */
void result_cache_put(struct result_cache *c, const char *name, const struct result_cache_key *k,
                      const struct result_file *r, enum attempt_sig sig, const char *reason);

/*
 * Write the index when it changed (an entry added, or one not used by this
 * load, which is dropped): to a temporary file, fsync, rename, so that a
 * crash leaves the old or the new index. Returns 0 (also when nothing
 * changed), or -1 with *err (caller frees): the cache is a speed-up, and a
 * caller may ignore the failure.
 */
int result_cache_save(struct result_cache *c, char **err);

/* Free a cache from result_cache_open; NULL is fine. */
void result_cache_free(struct result_cache *c);

#endif
