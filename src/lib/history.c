/* The user's past attempts, read from the result files in the data directory. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/result_cache.h"
#include "certsim/sign.h"

static int
cmp_attempt(const void *a, const void *b)
{
	const struct attempt *x = a, *y = b;
	int c = strcmp(x->finished_at, y->finished_at);
	return c ? c : strcmp(x->path, y->path);
}

/* What a load shares: the key and the cache (both NULL without verify). */
struct loader {
	struct sign_pubkey *pk;
	char *pk_err;
	struct result_cache *cache;
};

/*
 * The key that verifies home's results (or why there is none) and the cache
 * of verified results made with it, into l. The cache is left NULL when
 * CERTSIM_NO_CACHE is set, there is no readable secret key (the index's
 * checksum is keyed with it) or out of memory.
 */
static void
load_verify_context(const char *home, struct loader *l)
{
	char *pubpath = home_path(home, HOME_PUBKEY), *pub = NULL, *e = NULL;
	size_t plen = 0;
	unsigned char ctx[32], mac[32];
	if (pubpath == NULL) {
		l->pk_err = fsutil_asprintf("out of memory");
		return;
	}
	if (fsutil_read_file(pubpath, 64 * 1024, &pub, &plen, &e) < 0)
		l->pk_err =
		    fsutil_asprintf("no public key at %s: pass the signer's key with --pubkey FILE",
		                    pubpath);
	else if (sign_pubkey_parse(pub, &l->pk, &e) < 0)
		l->pk_err = fsutil_asprintf("%s: %s", pubpath, e);
	const char *off = getenv("CERTSIM_NO_CACHE");
	if ((off == NULL || *off == '\0') && result_cache_mac_key(home, mac) == 0) {
		result_cache_context(l->pk ? pub : NULL, plen, l->pk_err, ctx);
		l->cache = result_cache_open(home, ctx, mac);
	}
	free(e);
	free(pub);
	free(pubpath);
}

/*
 * Read the signature of the result at path: 1 and *sig (caller frees), or
 * 0 with *st and *reason (caller frees) when it is missing or unreadable.
 */
static int
read_sig(const char *path, char **sig, size_t *slen, enum attempt_sig *st, char **reason)
{
	char *sigpath = fsutil_asprintf("%s.minisig", path);
	*sig = NULL;
	*reason = NULL;
	*st = ATTEMPT_SIG_INVALID;
	if (sigpath == NULL) {
		*reason = fsutil_asprintf("out of memory");
		return 0;
	}
	int ok = fsutil_read_file(sigpath, 64 * 1024, sig, slen, reason) == 0;
	if (!ok) {
		FILE *f = fopen(sigpath, "r");
		if (f != NULL) {
			fclose(f);
		} else {
			*st = ATTEMPT_SIG_UNSIGNED;
			free(*reason);
			*reason = fsutil_asprintf("no signature file");
		}
	}
	free(sigpath);
	return ok;
}

/*
 * One result file (name in dir) as *a: 1 when it is a result, 0 when it is
 * skipped (not a certsim result, no finished_at, unreadable, out of memory).
 */
static int
load_one(struct loader *l, const char *dir, const char *name, int verify, struct attempt *a)
{
	char *why = NULL, *text = NULL, *sig = NULL;
	size_t len, slen = 0;
	struct result_file *r = NULL;
	struct result_cache_key key;
	int has_sig = 0, keyed = 0, ok = 0;
	memset(a, 0, sizeof *a);
	a->sig = ATTEMPT_SIG_VALID;
	if ((a->path = fsutil_asprintf("%s/%s", dir, name)) == NULL ||
	    fsutil_read_file(a->path, RESULT_FILE_LIMIT, &text, &len, &why) < 0)
		goto done;
	if (verify) {
		has_sig = read_sig(a->path, &sig, &slen, &a->sig, &a->sig_reason);
		keyed = l->cache && (has_sig || a->sig == ATTEMPT_SIG_UNSIGNED) &&
		        result_cache_key_of(a->path, text, len, sig, slen, &key) == 0;
		if (keyed) {
			char *reason = NULL;
			if (result_cache_get(l->cache, name, a->path, &key, &r, &a->sig, &reason)) {
				free(a->sig_reason);
				a->sig_reason = reason;
				ok = 1;
				goto done;
			}
		}
	}
	if (result_parse(text, len, a->path, &r, &why) < 0 || r->finished_at == NULL)
		goto done;
	ok = 1;
	if (has_sig) {
		a->sig = ATTEMPT_SIG_VALID;
		if (result_verify_parsed(r, text, len, sig, slen, l->pk, l->pk_err,
		                         &a->sig_reason) < 0)
			a->sig = ATTEMPT_SIG_INVALID;
	}
	if (keyed)
		result_cache_put(l->cache, name, &key, r, a->sig, a->sig_reason);
done:
	free(why);
	free(text);
	free(sig);
	if (!ok) {
		result_file_free(r);
		free(a->path);
		free(a->sig_reason);
		return 0;
	}
	a->result = r;
	a->finished_at = r->finished_at;
	return 1;
}

int
history_load(const char *home, int verify, struct history *h, char **err)
{
	char *dir = home_path(home, HOME_RESULTS);
	struct loader l = { 0 };
	size_t cap = 0;
	DIR *dp;
	memset(h, 0, sizeof *h);
	*err = NULL;
	if (dir == NULL || (dp = opendir(dir)) == NULL) {
		if (dir != NULL && errno == ENOENT) {
			free(dir);
			return 0;
		}
		*err =
		    fsutil_asprintf("cannot read %s: %s", dir ? dir : "results", strerror(errno));
		free(dir);
		return -1;
	}
	if (verify)
		load_verify_context(home, &l);
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		if (h->n == cap) {
			size_t c2 = cap ? cap * 2 : 16;
			struct attempt *v = realloc(h->v, c2 * sizeof *v);
			if (v == NULL)
				break;
			h->v = v;
			cap = c2;
		}
		h->n += (size_t)load_one(&l, dir, e->d_name, verify, &h->v[h->n]);
	}
	closedir(dp);
	free(dir);
	char *why = NULL;
	if (result_cache_save(l.cache, &why) < 0)
		free(why); /* the cache is only a speed-up: the next load rebuilds it */
	result_cache_free(l.cache);
	free(l.pk_err);
	sign_pubkey_free(l.pk);
	if (h->n > 1)
		qsort(h->v, h->n, sizeof *h->v, cmp_attempt);
	return 0;
}

void
history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].path);
		free(h->v[i].sig_reason);
		result_file_free(h->v[i].result);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

const char *
history_sig_name(enum attempt_sig s)
{
	return s == ATTEMPT_SIG_VALID ? "valid" : s == ATTEMPT_SIG_INVALID ? "INVALID" : "unsigned";
}

void
history_exposure(const struct history *h, const struct bank *b, uint64_t *last_seen,
                 signed char *last_correct)
{
	for (size_t i = 0; i < b->n_questions; i++) {
		if (last_seen)
			last_seen[i] = 0;
		if (last_correct)
			last_correct[i] = -1;
	}
	for (size_t k = 0; k < h->n; k++) {
		const struct result_file *r = h->v[k].result;
		if (strcmp(r->exam_code, b->bp.code) != 0)
			continue;
		for (size_t i = 0; i < r->n_items; i++) {
			long q = bank_find(b, r->items[i].id);
			if (q < 0)
				continue;
			if (last_seen)
				last_seen[q] = k + 1;
			if (last_correct)
				last_correct[q] =
				    (signed char)!answer_missed(result_item_status(&r->items[i]));
		}
	}
}

void
history_keep_exam(struct history *h, const char *code)
{
	size_t k = 0;
	for (size_t i = 0; i < h->n; i++) {
		const char *c = h->v[i].result->exam_code;
		if (c != NULL && strcmp(c, code) == 0) {
			h->v[k++] = h->v[i];
		} else {
			result_file_free(h->v[i].result);
			free(h->v[i].path);
			free(h->v[i].sig_reason);
		}
	}
	h->n = k;
}
