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
#include "certsim/sign.h"

static int
cmp_attempt(const void *a, const void *b)
{
	const struct attempt *x = a, *y = b;
	int c = strcmp(x->finished_at, y->finished_at);
	return c ? c : strcmp(x->path, y->path);
}

/* The key that verifies home's results: 0 and *pk, or -1 with *why (caller frees). */
static int
load_pubkey(const char *home, struct sign_pubkey **pk, char **why)
{
	char *pubpath = home_path(home, HOME_PUBKEY), *pub = NULL, *e = NULL;
	size_t plen;
	*pk = NULL;
	*why = NULL;
	if (pubpath == NULL) {
		*why = fsutil_asprintf("out of memory");
		return -1;
	}
	if (fsutil_read_file(pubpath, 64 * 1024, &pub, &plen, &e) < 0)
		*why = fsutil_asprintf("no public key at %s: pass the signer's key with --pubkey FILE",
		                       pubpath);
	else if (sign_pubkey_parse(pub, pk, &e) < 0)
		*why = fsutil_asprintf("%s: %s", pubpath, e);
	free(e);
	free(pub);
	free(pubpath);
	return *pk ? 0 : -1;
}

/* The signature status of a's result, read and parsed from text (len bytes). */
static void
verify_one(struct attempt *a, const char *text, size_t len, const struct sign_pubkey *pk,
           const char *pk_err)
{
	char *sigpath = fsutil_asprintf("%s.minisig", a->path), *sig = NULL;
	size_t slen;
	if (sigpath == NULL) {
		a->sig = ATTEMPT_SIG_INVALID;
		a->sig_reason = fsutil_asprintf("out of memory");
		return;
	}
	if (fsutil_read_file(sigpath, 64 * 1024, &sig, &slen, &a->sig_reason) < 0) {
		FILE *f = fopen(sigpath, "r");
		a->sig = f ? ATTEMPT_SIG_INVALID : ATTEMPT_SIG_UNSIGNED;
		if (f != NULL) {
			fclose(f);
		} else {
			free(a->sig_reason);
			a->sig_reason = fsutil_asprintf("no signature file");
		}
	} else if (result_verify_parsed(a->result, text, len, sig, slen, pk, pk_err,
	                                &a->sig_reason) < 0) {
		a->sig = ATTEMPT_SIG_INVALID;
	}
	free(sig);
	free(sigpath);
}

int
history_load(const char *home, int verify, struct history *h, char **err)
{
	char *dir = home_path(home, HOME_RESULTS), *pk_err = NULL;
	struct sign_pubkey *pk = NULL;
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
		load_pubkey(home, &pk, &pk_err);
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name), len;
		if (n < 6 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char *path = fsutil_asprintf("%s/%s", dir, e->d_name), *why = NULL, *text = NULL;
		struct result_file *r = NULL;
		if (path == NULL || fsutil_read_file(path, RESULT_FILE_LIMIT, &text, &len, &why) < 0 ||
		    result_parse(text, len, path, &r, &why) < 0 || r->finished_at == NULL) {
			free(why);
			free(path);
			free(text);
			result_file_free(r);
			continue;
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 16;
			struct attempt *v = realloc(h->v, cap * sizeof *v);
			if (v == NULL) {
				free(path);
				free(text);
				result_file_free(r);
				break;
			}
			h->v = v;
		}
		struct attempt *a = &h->v[h->n++];
		memset(a, 0, sizeof *a);
		a->path = path;
		a->result = r;
		a->finished_at = r->finished_at;
		a->sig = ATTEMPT_SIG_VALID;
		if (verify)
			verify_one(a, text, len, pk, pk_err);
		free(text);
	}
	closedir(dp);
	free(dir);
	free(pk_err);
	sign_pubkey_free(pk);
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
				last_correct[q] = (signed char)r->items[i].correct;
		}
	}
}
