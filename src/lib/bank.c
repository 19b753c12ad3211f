/* Load a question bank directory (docs/bank-format.md): files, fingerprint, id index, lookups. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "certsim/bank.h"
#include "certsim/fsutil.h"

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Insert key; returns -1 on OOM, 1 if it was there (sets *first), 0 if new. */
int
bank_index_add(struct bank_index *s, const char *key, size_t val, size_t *first)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		char **k = calloc(cap, sizeof *k);
		size_t *v = calloc(cap, sizeof *v);
		if (k == NULL || v == NULL) {
			free(k);
			free(v);
			return -1;
		}
		for (size_t i = 0; i < s->cap; i++) {
			if (s->keys[i] == NULL)
				continue;
			size_t j = hash_str(s->keys[i]) & (cap - 1);
			while (k[j] != NULL)
				j = (j + 1) & (cap - 1);
			k[j] = s->keys[i];
			v[j] = s->vals[i];
		}
		free(s->keys);
		free(s->vals);
		s->keys = k;
		s->vals = v;
		s->cap = cap;
	}
	size_t j = hash_str(key) & (s->cap - 1);
	while (s->keys[j] != NULL) {
		if (strcmp(s->keys[j], key) == 0) {
			*first = s->vals[j];
			return 1;
		}
		j = (j + 1) & (s->cap - 1);
	}
	s->keys[j] = (char *)key; /* borrowed: the string pool owns it */
	s->vals[j] = val;
	s->n++;
	return 0;
}

/* Look key up; returns 0 and *val, or -1 when absent. */
int
bank_index_get(const struct bank_index *s, const char *key, size_t *val)
{
	if (s == NULL || s->cap == 0)
		return -1;
	size_t j = hash_str(key) & (s->cap - 1);
	while (s->keys[j] != NULL) {
		if (strcmp(s->keys[j], key) == 0) {
			*val = s->vals[j];
			return 0;
		}
		j = (j + 1) & (s->cap - 1);
	}
	return -1;
}

void
bank_index_free(struct bank_index *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof *s);
}

int
bank_valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 128)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!(c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
		      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return 1;
}

const char *
bank_number_word(int n)
{
	static const char *const words[] = { "zero", "one",   "two",   "three", "four", "five",
		                             "six",  "seven", "eight", "nine",  "ten" };
	return n >= 0 && n <= 10 ? words[n] : "several";
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void
bank_sort_indexes(int *v, int n)
{
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_int);
}

int
bank_key_has(const struct question *q, int c)
{
	for (int k = 0; k < q->n_key; k++)
		if (q->key[k] == c)
			return 1;
	return 0;
}

const char *
bank_choose_hint(const struct question *q)
{
	static const char *const hints[] = { NULL,
		                             NULL,
		                             "(Choose two.)",
		                             "(Choose three.)",
		                             "(Choose four.)",
		                             "(Choose five.)",
		                             "(Choose six.)",
		                             "(Choose seven.)",
		                             "(Choose eight.)",
		                             "(Choose nine.)" };
	if (q->type != Q_MULTIPLE || q->n_key < 2 || q->n_key > 9 ||
	    strstr(q->stem, "(Choose ") != NULL)
		return NULL;
	return hints[q->n_key];
}

int
bank_options_once(const struct question *q)
{
	return q->type == Q_MATCHING && q->stem != NULL &&
	       strstr(q->stem, BANK_OPTIONS_ONCE) != NULL;
}

int
bank_reused_option(const struct question *q, const int *match, int n)
{
	if (!bank_options_once(q))
		return -1;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n && match[i] >= 0; j++)
			if (match[j] == match[i])
				return match[i];
	return -1;
}

const char *
bank_type_name(enum question_type t)
{
	switch (t) {
	case Q_SINGLE:
		return "single";
	case Q_MULTIPLE:
		return "multiple";
	case Q_ORDERING:
		return "ordering";
	case Q_MATCHING:
		return "matching";
	}
	return "?";
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted list of question files in dir; -1 if dir cannot be read. */
static int
list_files(struct loader *L, const char *dir)
{
	DIR *dp = opendir(dir);
	if (dp == NULL) {
		diag_add(L->d, DIAG_ERROR, dir, "cannot open bank directory: %s", strerror(errno));
		return -1;
	}
	struct dirent *e;
	size_t cap = 0;
	struct bank *b = L->b;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0 ||
		    strcmp(e->d_name, "exam.json") == 0 || e->d_name[0] == '.')
			continue;
		if (b->n_files == cap) {
			cap = cap ? cap * 2 : 16;
			char **v = realloc(b->files, cap * sizeof *v);
			if (v == NULL) {
				L->oom = 1;
				break;
			}
			b->files = v;
		}
		if ((b->files[b->n_files] = strdup(e->d_name)) == NULL) {
			L->oom = 1;
			break;
		}
		b->n_files++;
	}
	closedir(dp);
	if (b->n_files > 1)
		qsort(b->files, b->n_files, sizeof *b->files, cmp_str);
	return L->oom ? -1 : 0;
}

int
bank_load(const char *dir, struct diag *d, struct bank **out)
{
	struct loader L = { 0 };
	struct bank *b = calloc(1, sizeof *b);
	crypto_generichash_state fp;
	size_t errors_before = d->errors;
	*out = NULL;
	if (b == NULL || sodium_init() < 0 || (b->path = strdup(dir)) == NULL) {
		diag_add(d, DIAG_ERROR, dir, "out of memory");
		bank_free(b);
		return -1;
	}
	L.d = d;
	L.b = b;
	crypto_generichash_init(&fp, NULL, 0, sizeof b->fingerprint);

	if (list_files(&L, dir) < 0)
		goto done;
	bank_json_begin(&b->strings);
	L.file = "exam.json";
	cJSON *root = bank_json_read(&L, dir, "exam.json", &fp);
	if (root != NULL) {
		bank_blueprint_parse(&L, root);
		bank_json_reset();
	}
	/* Question files are checked even when the blueprint is broken. */
	for (size_t i = 0; i < b->n_files && !L.oom; i++) {
		L.file = b->files[i];
		L.file_idx = i;
		root = bank_json_read(&L, dir, b->files[i], &fp);
		if (root == NULL)
			continue;
		bank_parse_question_file(&L, root);
		bank_json_reset();
		L.oom |= bank_json_pool_oom();
	}
	if (!L.oom && b->n_files == 0)
		diag_add(d, DIAG_ERROR, dir,
		         "no question files (*.json besides exam.json) in the bank");
	else if (!L.oom && d->errors == errors_before && b->n_questions == 0)
		diag_add(d, DIAG_ERROR, dir, "the bank has no questions");
done:
	L.oom |= bank_json_end();
	if (L.oom)
		diag_add(d, DIAG_ERROR, dir, "out of memory while loading the bank");
	crypto_generichash_final(&fp, b->fingerprint, sizeof b->fingerprint);
	sodium_bin2hex(b->fingerprint_hex, sizeof b->fingerprint_hex, b->fingerprint,
	               sizeof b->fingerprint);
	bank_index_free(&L.ids);
	if (d->errors == errors_before) {
		/* The lookup index maps question ids to question indexes. */
		b->index = calloc(1, sizeof *b->index);
		size_t dup;
		for (size_t i = 0; b->index != NULL && i < b->n_questions; i++)
			if (bank_index_add(b->index, b->questions[i].id, i, &dup) < 0) {
				diag_add(d, DIAG_ERROR, dir, "out of memory");
				break;
			}
		if (b->index == NULL)
			diag_add(d, DIAG_ERROR, dir, "out of memory");
	}
	if (d->errors != errors_before) {
		bank_free(b);
		return -1;
	}
	*out = b;
	return 0;
}

void
bank_free(struct bank *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n_questions; i++)
		bank_question_free(&b->questions[i]);
	free(b->questions);
	free(b->case_studies);
	for (size_t i = 0; i < b->n_files; i++)
		free(b->files[i]);
	free(b->files);
	free(b->bp.domains);
	free(b->bp.tasks);
	free(b->path);
	if (b->index != NULL)
		bank_index_free(b->index);
	free(b->index);
	bank_json_chunks_free(b->strings);
	free(b);
}

int
bank_domain_index(const struct bank *b, int domain_id)
{
	for (int i = 0; i < b->bp.n_domains; i++)
		if (b->bp.domains[i].id == domain_id)
			return i;
	return -1;
}

int
bank_task_index(const struct bank *b, const char *task_id)
{
	for (int i = 0; i < b->bp.n_tasks; i++)
		if (strcmp(b->bp.tasks[i].id, task_id) == 0)
			return i;
	return -1;
}

long
bank_find(const struct bank *b, const char *qid)
{
	size_t v;
	if (qid == NULL || bank_index_get(b->index, qid, &v) < 0)
		return -1;
	return (long)v;
}
