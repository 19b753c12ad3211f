/* The user's past attempts, read from the result files in the data directory. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/result.h"

static int
cmp_attempt(const void *a, const void *b)
{
	const struct attempt *x = a, *y = b;
	int c = strcmp(x->finished_at, y->finished_at);
	return c ? c : strcmp(x->path, y->path);
}

int
history_load(const char *home, int verify, struct history *h, char **err)
{
	char *dir = home_path(home, HOME_RESULTS);
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
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char *path = fsutil_asprintf("%s/%s", dir, e->d_name), *why = NULL;
		struct result_file *r = NULL;
		if (path == NULL || result_read(path, &r, &why) < 0 || r->finished_at == NULL) {
			free(why);
			free(path);
			result_file_free(r);
			continue;
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 16;
			struct attempt *v = realloc(h->v, cap * sizeof *v);
			if (v == NULL) {
				free(path);
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
		if (verify) {
			char *summary = NULL, *sigpath = fsutil_asprintf("%s.minisig", path);
			FILE *f = sigpath ? fopen(sigpath, "r") : NULL;
			if (f == NULL) {
				a->sig = ATTEMPT_SIG_UNSIGNED;
				a->sig_reason = fsutil_asprintf("no signature file");
			} else {
				fclose(f);
				if (result_verify(path, NULL, home, &summary, &a->sig_reason) < 0)
					a->sig = ATTEMPT_SIG_INVALID;
			}
			free(summary);
			free(sigpath);
		}
	}
	closedir(dp);
	free(dir);
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
