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
	char *dir = home_results_dir(home);
	size_t cap = 0;
	DIR *dp;
	memset(h, 0, sizeof *h);
	*err = NULL;
	if (dir == NULL || (dp = opendir(dir)) == NULL) {
		if (dir != NULL && errno == ENOENT) {
			free(dir);
			return 0;
		}
		*err = fsutil_asprintf("cannot read %s: %s", dir ? dir : "results",
		                       strerror(errno));
		free(dir);
		return -1;
	}
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char *path = fsutil_asprintf("%s/%s", dir, e->d_name), *why = NULL;
		cJSON *r = path ? result_load(path, &why) : NULL;
		const cJSON *fin = cJSON_GetObjectItemCaseSensitive(r, "finished_at");
		if (r == NULL || !cJSON_IsString(fin)) {
			free(why);
			free(path);
			cJSON_Delete(r);
			continue;
		}
		if (h->n == cap) {
			cap = cap ? cap * 2 : 16;
			struct attempt *v = realloc(h->v, cap * sizeof *v);
			if (v == NULL) {
				free(path);
				cJSON_Delete(r);
				break;
			}
			h->v = v;
		}
		struct attempt *a = &h->v[h->n++];
		memset(a, 0, sizeof *a);
		a->path = path;
		a->json = r;
		a->finished_at = fin->valuestring;
		a->sig = SIG_VALID;
		if (verify) {
			char *summary = NULL, *sigpath = fsutil_asprintf("%s.minisig", path);
			FILE *f = sigpath ? fopen(sigpath, "r") : NULL;
			if (f == NULL) {
				a->sig = SIG_UNSIGNED;
				a->sig_reason = fsutil_asprintf("no signature file");
			} else {
				fclose(f);
				if (result_verify(path, NULL, home, &summary, &a->sig_reason) < 0)
					a->sig = SIG_INVALID;
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
		cJSON_Delete(h->v[i].json);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

void
history_exposure(const struct history *h, const struct bank *b,
                 uint64_t *last_seen, signed char *last_correct)
{
	for (size_t i = 0; i < b->n_questions; i++) {
		if (last_seen)
			last_seen[i] = 0;
		if (last_correct)
			last_correct[i] = -1;
	}
	for (size_t k = 0; k < h->n; k++) {
		const cJSON *r = h->v[k].json;
		const cJSON *exam = cJSON_GetObjectItemCaseSensitive(r, "exam");
		const cJSON *code = cJSON_GetObjectItemCaseSensitive(exam, "code");
		if (!cJSON_IsString(code) || strcmp(code->valuestring, b->bp.code) != 0)
			continue;
		const cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r, "items")) {
			const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
			long q = cJSON_IsString(id) ? bank_find(b, id->valuestring) : -1;
			if (q < 0)
				continue;
			if (last_seen)
				last_seen[q] = k + 1;
			if (last_correct)
				last_correct[q] = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "correct"));
		}
	}
}
