/* Load and validate a question bank directory (contract section 2). */
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

#include "certsim/bank.h"
#include "certsim/fsutil.h"

/* Open-addressing map from an id (borrowed from the string pool) to a number. */
struct bank_index {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

/* State shared by the checks of one bank. */
struct loader {
	struct diag *d;
	struct bank *b;
	int bp_ok;             /* blueprint valid: domain/task checks possible */
	const char *file;      /* base name of the file being read */
	size_t file_idx;
	struct bank_index ids; /* id -> file index, for duplicates */
	size_t q_cap, cs_cap;
	int oom;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Insert key; returns -1 on OOM, 1 if it was there (sets *first), 0 if new. */
static int
idset_add(struct bank_index *s, const char *key, size_t val, size_t *first)
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
static int
idset_get(const struct bank_index *s, const char *key, size_t *val)
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

static void
idset_free(struct bank_index *s)
{
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof *s);
}

/*
 * Memory for loading. The bank's strings live in a pool of large chunks
 * owned by the bank (one free for all of them); cJSON's trees are built in
 * an arena that is reset after each file, so a 20,000-question bank costs
 * a few hundred large allocations instead of millions of small ones.
 * cJSON's allocator hooks are global: bank_load is not thread-safe.
 */
struct bank_chunk {
	struct bank_chunk *next;
	size_t cap, used;
	max_align_t data[];
};

#define CHUNK_BYTES (1u << 20)

static void *
chunk_alloc(struct bank_chunk **head, size_t n, size_t align)
{
	struct bank_chunk *c = *head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (c == NULL || at + n > c->cap) {
		size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
		if ((c = malloc(sizeof *c + cap)) == NULL)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = *head;
		*head = c;
		at = 0;
	}
	c->used = at + n;
	return (char *)c->data + at;
}

static void
chunks_free(struct bank_chunk *c)
{
	while (c != NULL) {
		struct bank_chunk *next = c->next;
		free(c);
		c = next;
	}
}

static struct bank_chunk *arena;       /* cJSON nodes of the file being read */
static struct bank_chunk *arena_spare; /* emptied chunks, reused */
static struct bank_chunk **strings;    /* the bank being loaded: its string pool */
static int pool_oom;

static void *
arena_malloc(size_t n)
{
	/* Reuse a spare chunk before asking malloc for a new one. */
	if ((arena == NULL || arena->used + n + sizeof(max_align_t) > arena->cap) &&
	    arena_spare != NULL && n <= arena_spare->cap) {
		struct bank_chunk *c = arena_spare;
		arena_spare = c->next;
		c->used = 0;
		c->next = arena;
		arena = c;
	}
	return chunk_alloc(&arena, n, sizeof(max_align_t));
}

static void
arena_free(void *p)
{
	(void)p;
}

/* Drop the current tree: its chunks become spares. */
static void
arena_reset(void)
{
	while (arena != NULL) {
		struct bank_chunk *next = arena->next;
		arena->next = arena_spare;
		arena_spare = arena;
		arena = next;
	}
}

static void
arena_destroy(void)
{
	arena_reset();
	chunks_free(arena_spare);
	arena_spare = NULL;
}

/* A copy of s in the bank's string pool; NULL (and pool_oom) on failure. */
static char *
pool_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = chunk_alloc(strings, n, 1);
	if (p == NULL) {
		pool_oom = 1;
		return NULL;
	}
	memcpy(p, s, n);
	return p;
}

/* The text of a cJSON string node, copied into the bank's pool. */
static char *
take_string(cJSON *item)
{
	return pool_dup(item->valuestring);
}

static const char *
json_type_name(const cJSON *it)
{
	if (it == NULL)
		return "nothing";
	if (cJSON_IsString(it))
		return "a string";
	if (cJSON_IsNumber(it))
		return "a number";
	if (cJSON_IsBool(it))
		return "a boolean";
	if (cJSON_IsNull(it))
		return "null";
	if (cJSON_IsArray(it))
		return it->child ? "an array" : "an empty array";
	if (cJSON_IsObject(it))
		return "an object";
	return "invalid";
}

#define MAX_KEYS 16

/*
 * One pass over obj's members: out[i] is the member named allowed[i] (a
 * NULL-terminated list of at most MAX_KEYS), or NULL. Warns about keys not
 * in allowed, and reports keys that appear twice (cJSON keeps both; the
 * second would be silently ignored).
 */
static void
collect_keys(struct loader *L, const char *where, const cJSON *obj,
             const char *const *allowed, cJSON **out)
{
	size_t n = 0;
	while (allowed[n] != NULL)
		out[n++] = NULL;
	for (cJSON *c = obj->child; c != NULL; c = c->next) {
		const char *k = c->string ? c->string : "";
		size_t i = 0;
		while (i < n && strcmp(allowed[i], k) != 0)
			i++;
		if (i < n) {
			if (out[i] == NULL)
				out[i] = c;
			else
				diag_add(L->d, DIAG_ERROR, where,
				         "key \"%.60s\" appears more than once", k);
			continue;
		}
		diag_add(L->d, DIAG_WARNING, where,
		         "unknown key \"%.60s\" (ignored; a typo?)", k);
		for (const cJSON *e = obj->child; e != c; e = e->next)
			if (e->string && strcmp(e->string, k) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "key \"%.60s\" appears more than once", k);
				break;
			}
	}
}

/* collect_keys without keeping the members. */
static void
check_keys(struct loader *L, const char *where, const cJSON *obj,
           const char *const *allowed)
{
	cJSON *out[MAX_KEYS];
	collect_keys(L, where, obj, allowed, out);
}

/* A required non-empty string (the member it, named key); NULL if bad. */
static cJSON *
need_str(struct loader *L, const char *where, cJSON *it, const char *key)
{
	if (it == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsString(it)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" must be a string, not %s", key,
		         json_type_name(it));
		return NULL;
	}
	const char *s = it->valuestring;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0') {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" is empty", key);
		return NULL;
	}
	return it;
}

/* A required non-empty string member; NULL (after a diagnostic) if bad. */
static cJSON *
need_string(struct loader *L, const char *where, const cJSON *obj,
            const char *key)
{
	return need_str(L, where, cJSON_GetObjectItemCaseSensitive(obj, key), key);
}

/* A required integer (the member it, named key) in [lo, hi]; 0 and *v, or -1. */
static int
need_int_item(struct loader *L, const char *where, const cJSON *it,
              const char *key, long lo, long hi, int *v)
{
	if (it == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return -1;
	}
	if (!cJSON_IsNumber(it)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" must be a number, not %s", key,
		         json_type_name(it));
		return -1;
	}
	double x = it->valuedouble;
	if (!isfinite(x) || x != floor(x) || x < (double)lo || x > (double)hi) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" must be a whole number from %ld to %ld, not %g",
		         key, lo, hi, x);
		return -1;
	}
	*v = (int)x;
	return 0;
}

/* A required integer member in [lo, hi]; returns 0 and *v, or -1. */
static int
need_int(struct loader *L, const char *where, const cJSON *obj,
         const char *key, long lo, long hi, int *v)
{
	return need_int_item(L, where, cJSON_GetObjectItemCaseSensitive(obj, key),
	                     key, lo, hi, v);
}

/* An optional array of strings (the member arr, named key); 0 and takes them, or -1. */
static int
opt_strings(struct loader *L, const char *where, cJSON *arr, const char *key,
            char ***out, int *n)
{
	*out = NULL;
	*n = 0;
	if (arr == NULL)
		return 0;
	if (!cJSON_IsArray(arr)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" must be an array of strings, not %s", key,
		         json_type_name(arr));
		return -1;
	}
	int count = cJSON_GetArraySize(arr), i = 0, bad = 0;
	cJSON *it;
	cJSON_ArrayForEach(it, arr) {
		if (!cJSON_IsString(it)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"%s\"[%d] must be a string, not %s", key, i,
			         json_type_name(it));
			bad = 1;
		}
		i++;
	}
	if (bad || count == 0)
		return bad ? -1 : 0;
	char **v = calloc((size_t)count, sizeof *v);
	if (v == NULL) {
		L->oom = 1;
		return -1;
	}
	i = 0;
	cJSON_ArrayForEach(it, arr) v[i++] = take_string(it);
	*out = v;
	*n = count;
	return 0;
}

static void
free_choices(struct choice *c, int n)
{
	(void)n; /* the texts are in the string pool */
	free(c);
}

static void
question_free(struct question *q)
{
	/* Its strings are in the bank's string pool. */
	free_choices(q->choices, q->n_choices);
	free_choices(q->prompts, q->n_prompts);
	free(q->references);
	free(q->tags);
}

/*
 * Parse a choice list (options, items or prompts): an array of {id, text}
 * with ids from first..first+max-1. Returns the count, or -1 after a
 * diagnostic. The list is stored only when it is valid.
 */
static int
parse_choices(struct loader *L, const char *where, cJSON *arr, const char *key,
              char first, int min, int max, struct choice **out)
{
	*out = NULL;
	if (arr == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return -1;
	}
	if (!cJSON_IsArray(arr)) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" must be an array, not %s",
		         key, json_type_name(arr));
		return -1;
	}
	int n = cJSON_GetArraySize(arr);
	if (n < min || n > max) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" has %d entr%s; it needs %d to %d", key, n,
		         n == 1 ? "y" : "ies", min, max);
		return -1;
	}
	static const char *const keys[] = { "id", "text", NULL };
	int bad = 0, i = 0, seen[16] = { 0 };
	cJSON *c;
	cJSON_ArrayForEach(c, arr) {
		char w[600];
		i++;
		/* The common case, checked without building any message. */
		cJSON *a = c->child, *bb = a ? a->next : NULL;
		if (cJSON_IsObject(c) && bb != NULL && bb->next == NULL && a->string &&
		    bb->string) {
			cJSON *id = strcmp(a->string, "id") == 0 ? a : bb;
			cJSON *tx = id == a ? bb : a;
			if (strcmp(id->string, "id") == 0 && strcmp(tx->string, "text") == 0 &&
			    cJSON_IsString(id) && cJSON_IsString(tx) &&
			    id->valuestring[0] >= first && id->valuestring[0] < first + max &&
			    id->valuestring[1] == '\0' && !seen[id->valuestring[0] - first] &&
			    strspn(tx->valuestring, " \t\r\n") != strlen(tx->valuestring)) {
				seen[id->valuestring[0] - first] = 1;
				continue;
			}
		}
		snprintf(w, sizeof w, "%s: %s[%d]", where, key, i - 1);
		if (!cJSON_IsObject(c)) {
			diag_add(L->d, DIAG_ERROR, w,
			         "must be an object {\"id\", \"text\"}, not %s",
			         json_type_name(c));
			bad = 1;
			continue;
		}
		check_keys(L, w, c, keys);
		cJSON *id = need_string(L, w, c, "id");
		if (need_string(L, w, c, "text") == NULL)
			bad = 1;
		if (id == NULL) {
			bad = 1;
			continue;
		}
		const char *s = id->valuestring;
		if (strlen(s) != 1 || s[0] < first || s[0] >= first + max) {
			diag_add(L->d, DIAG_ERROR, w,
			         "id \"%.20s\" is not one of %c-%c", s, first,
			         first + max - 1);
			bad = 1;
			continue;
		}
		if (seen[s[0] - first]++) {
			diag_add(L->d, DIAG_ERROR, w, "id \"%s\" is used twice",
			         s);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	struct choice *v = calloc((size_t)n, sizeof *v);
	if (v == NULL) {
		L->oom = 1;
		return -1;
	}
	i = 0;
	cJSON_ArrayForEach(c, arr) {
		v[i].id[0] = cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring[0];
		v[i].text = take_string(cJSON_GetObjectItemCaseSensitive(c, "text"));
		i++;
	}
	*out = v;
	return n;
}

static int
choice_index(const struct choice *c, int n, const char *id)
{
	if (id == NULL || strlen(id) != 1)
		return -1;
	for (int i = 0; i < n; i++)
		if (c[i].id[0] == id[0])
			return i;
	return -1;
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Check "answer" for single/multiple/ordering and fill q->key. */
static int
parse_answer_list(struct loader *L, const char *where, cJSON *ans,
                  struct question *q)
{
	const char *what = q->type == Q_ORDERING ? "item" : "option";
	if (!cJSON_IsArray(ans)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"answer\" must be an array of %s ids, not %s", what,
		         json_type_name(ans));
		return -1;
	}
	int n = cJSON_GetArraySize(ans), bad = 0, i = 0;
	int used[BANK_MAX_CHOICES] = { 0 };
	if (n > BANK_MAX_CHOICES) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"answer\" has %d entries; a question has at most %d choices",
		         n, BANK_MAX_CHOICES);
		return -1;
	}
	cJSON *a;
	cJSON_ArrayForEach(a, ans) {
		if (!cJSON_IsString(a)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\"[%d] must be a string, not %s", i,
			         json_type_name(a));
			bad = 1;
		} else if (q->choices != NULL) {
			int k = choice_index(q->choices, q->n_choices, a->valuestring);
			if (k < 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" names %s \"%.20s\", which does not exist",
				         what, a->valuestring);
				bad = 1;
			} else if (used[k]++) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" names %s \"%s\" twice", what,
				         a->valuestring);
				bad = 1;
			} else {
				q->key[i] = k;
			}
		}
		i++;
	}
	if (bad || q->choices == NULL)
		return -1;
	q->n_key = n;
	switch (q->type) {
	case Q_SINGLE:
		if (n != 1) {
			diag_add(L->d, DIAG_ERROR, where,
			         "a single-answer question needs exactly 1 id in \"answer\", not %d",
			         n);
			return -1;
		}
		break;
	case Q_MULTIPLE:
		if (q->n_choices < 3) {
			diag_add(L->d, DIAG_ERROR, where,
			         "a multiple-response question needs at least 3 options (2 or more right, 1 or more wrong), not %d",
			         q->n_choices);
			return -1;
		}
		if (n < 2 || n >= q->n_choices) {
			diag_add(L->d, DIAG_ERROR, where,
			         "a multiple-response question needs 2 to %d ids in \"answer\" (fewer than its %d options), not %d",
			         q->n_choices - 1, q->n_choices, n);
			return -1;
		}
		qsort(q->key, (size_t)n, sizeof q->key[0], cmp_int);
		break;
	case Q_ORDERING:
		if (n != q->n_choices) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" must list all %d items in order; it lists %d",
			         q->n_choices, n);
			return -1;
		}
		break;
	case Q_MATCHING:
		break;
	}
	return 0;
}

/* Check a matching "answer" object and fill q->key. */
static int
parse_answer_map(struct loader *L, const char *where, cJSON *ans,
                 struct question *q)
{
	if (!cJSON_IsObject(ans)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"answer\" of a matching question must be an object mapping each prompt id to an option id, not %s",
		         json_type_name(ans));
		return -1;
	}
	int bad = 0;
	for (cJSON *a = ans->child; a != NULL; a = a->next) {
		const char *k = a->string ? a->string : "";
		if (q->prompts != NULL &&
		    choice_index(q->prompts, q->n_prompts, k) < 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" maps prompt \"%.20s\", which does not exist",
			         k);
			bad = 1;
		}
		if (!cJSON_IsString(a)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\".\"%.20s\" must be an option id string, not %s",
			         k, json_type_name(a));
			bad = 1;
		} else if (q->choices != NULL &&
		           choice_index(q->choices, q->n_choices, a->valuestring) < 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" maps prompt \"%.20s\" to option \"%.20s\", which does not exist",
			         k, a->valuestring);
			bad = 1;
		}
		for (cJSON *e = ans->child; e != a; e = e->next)
			if (e->string && strcmp(e->string, k) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" maps prompt \"%.20s\" twice", k);
				bad = 1;
				break;
			}
	}
	if (q->prompts == NULL || q->choices == NULL)
		return -1;
	/* Unmapped prompts are reported even when a mapping was bad. */
	for (int i = 0; i < q->n_prompts; i++) {
		cJSON *a = cJSON_GetObjectItemCaseSensitive(ans, q->prompts[i].id);
		if (a == NULL) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" does not map prompt \"%s\"",
			         q->prompts[i].id);
			bad = 1;
			continue;
		}
		q->key[i] = choice_index(q->choices, q->n_choices, a->valuestring);
	}
	if (bad)
		return -1;
	q->n_key = q->n_prompts;
	return 0;
}

static int
parse_type(const char *s, enum question_type *t)
{
	static const char *const names[] = { "single", "multiple", "ordering",
		                             "matching" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*t = (enum question_type)i;
			return 0;
		}
	return -1;
}

const char *
bank_choose_hint(const struct question *q)
{
	static const char *const hints[] = {
		NULL, NULL, "(Choose two.)", "(Choose three.)", "(Choose four.)",
		"(Choose five.)", "(Choose six.)", "(Choose seven.)", "(Choose eight.)",
		"(Choose nine.)"
	};
	if (q->type != Q_MULTIPLE || q->n_key < 2 || q->n_key > 9 ||
	    strstr(q->stem, "(Choose ") != NULL)
		return NULL;
	return hints[q->n_key];
}

const char *
bank_type_name(enum question_type t)
{
	switch (t) {
	case Q_SINGLE: return "single";
	case Q_MULTIPLE: return "multiple";
	case Q_ORDERING: return "ordering";
	case Q_MATCHING: return "matching";
	}
	return "?";
}

static int
valid_id(const char *s)
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

static struct question *
new_question(struct loader *L)
{
	struct bank *b = L->b;
	if (b->n_questions == L->q_cap) {
		size_t cap = L->q_cap ? L->q_cap * 2 : 256;
		struct question *v = realloc(b->questions, cap * sizeof *v);
		if (v == NULL) {
			L->oom = 1;
			return NULL;
		}
		b->questions = v;
		L->q_cap = cap;
	}
	struct question *q = &b->questions[b->n_questions];
	memset(q, 0, sizeof *q);
	q->case_study = -1;
	q->task = -1;
	return q;
}

/*
 * Validate question object jq (at JSON path path) and, when it is valid,
 * append it to the bank. cs is the enclosing case study index or -1, with
 * cs_domain its domain id. Returns 0 when valid.
 */
static int
parse_question(struct loader *L, cJSON *jq, const char *path, int cs,
               int cs_domain)
{
	static const char *const keys[] = {
		"id", "domain", "task", "type", "stem", "options", "items",
		"prompts", "answer", "explanation", "references", "tags", NULL
	};
	enum { K_ID, K_DOMAIN, K_TASK, K_TYPE, K_STEM, K_OPTIONS, K_ITEMS,
	       K_PROMPTS, K_ANSWER, K_EXPLANATION, K_REFERENCES, K_TAGS };
	cJSON *f[MAX_KEYS];
	char where[512];
	snprintf(where, sizeof where, "%s: %s", L->file, path);
	if (!cJSON_IsObject(jq)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "a question must be an object, not %s", json_type_name(jq));
		return -1;
	}
	cJSON *id = cJSON_GetObjectItemCaseSensitive(jq, "id");
	/* Name the question by its id in every message, when it has a usable one. */
	if (cJSON_IsString(id) && valid_id(id->valuestring))
		snprintf(where, sizeof where, "%s: question \"%s\"", L->file,
		         id->valuestring);
	struct question *q = new_question(L);
	if (q == NULL)
		return -1;
	int bad = 0;
	char *qid = NULL;
	collect_keys(L, where, jq, keys, f);

	if (need_str(L, where, f[K_ID], "id") == NULL) {
		bad = 1;
	} else if (!valid_id(id->valuestring)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "id \"%.40s\" must be 1-128 letters, digits, '.', '_' or '-'",
		         id->valuestring);
		bad = 1;
	} else {
		size_t first;
		int r = (qid = pool_dup(id->valuestring)) == NULL
		            ? -1 : idset_add(&L->ids, qid, L->file_idx, &first);
		if (r < 0) {
			L->oom = 1;
			bad = 1;
		} else if (r > 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "duplicate id (first defined in %s)",
			         L->b->files[first]);
			bad = 1;
		}
	}

	int domain = cs_domain;
	cJSON *jd = f[K_DOMAIN];
	if (cs >= 0) {
		if (jd != NULL && !(cJSON_IsNumber(jd) && jd->valuedouble == cs_domain)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"domain\" differs from its case study's domain %d (leave it out: it is inherited)",
			         cs_domain);
			bad = 1;
		}
	} else if (need_int_item(L, where, jd, "domain", 1, INT_MAX, &domain) < 0) {
		bad = 1;
		domain = -1;
	} else if (L->bp_ok && bank_domain_index(L->b, domain) < 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "domain %d is not in exam.json", domain);
		bad = 1;
		domain = -1;
	}
	q->domain = domain;

	cJSON *jt = need_str(L, where, f[K_TASK], "task");
	if (jt == NULL) {
		bad = 1;
	} else if (L->bp_ok) {
		q->task = bank_task_index(L->b, jt->valuestring);
		if (q->task < 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "task \"%.20s\" is not in exam.json", jt->valuestring);
			bad = 1;
		} else if (domain > 0 && L->b->bp.tasks[q->task].domain != domain) {
			diag_add(L->d, DIAG_ERROR, where,
			         "task \"%s\" belongs to domain %d, not domain %d",
			         jt->valuestring, L->b->bp.tasks[q->task].domain,
			         domain);
			bad = 1;
		}
	}

	cJSON *jtype = need_str(L, where, f[K_TYPE], "type");
	int typed = 0;
	if (jtype == NULL) {
		bad = 1;
	} else if (parse_type(jtype->valuestring, &q->type) < 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "type \"%.20s\" is not single, multiple, ordering or matching",
		         jtype->valuestring);
		bad = 1;
	} else {
		typed = 1;
	}
	if (need_str(L, where, f[K_STEM], "stem") == NULL)
		bad = 1;
	/* Optional since Aiken and many Moodle questions have no feedback. */
	if (f[K_EXPLANATION] == NULL)
		diag_add(L->d, DIAG_WARNING, where,
		         "no \"explanation\" (learners see none after answering)");
	else if (need_str(L, where, f[K_EXPLANATION], "explanation") == NULL)
		bad = 1;
	char **refs = NULL, **tags = NULL;
	int nrefs = 0, ntags = 0;
	if (opt_strings(L, where, f[K_REFERENCES], "references", &refs, &nrefs) < 0)
		bad = 1;
	if (opt_strings(L, where, f[K_TAGS], "tags", &tags, &ntags) < 0)
		bad = 1;
	q->references = refs;
	q->n_references = nrefs;
	q->tags = tags;
	q->n_tags = ntags;

	if (typed) {
		int n;
		switch (q->type) {
		case Q_SINGLE:
		case Q_MULTIPLE:
			n = parse_choices(L, where, f[K_OPTIONS], "options", 'A', 2, 10, &q->choices);
			break;
		case Q_ORDERING:
			n = parse_choices(L, where, f[K_ITEMS], "items", 'A', 3, 7, &q->choices);
			break;
		default:
			n = parse_choices(L, where, f[K_OPTIONS], "options", 'A', 2, 10, &q->choices);
			int m = parse_choices(L, where, f[K_PROMPTS], "prompts", '1', 3, 7, &q->prompts);
			if (m < 0)
				bad = 1;
			else
				q->n_prompts = m;
			break;
		}
		if (n < 0)
			bad = 1;
		else
			q->n_choices = n;
		static const int foreign[4][2] = {
			{ K_ITEMS, K_PROMPTS }, { K_ITEMS, K_PROMPTS },
			{ K_OPTIONS, K_PROMPTS }, { K_ITEMS, -1 }
		};
		for (int i = 0; i < 2; i++) {
			int fk = foreign[q->type][i];
			const char *k = fk >= 0 ? keys[fk] : NULL;
			if (k && f[fk] != NULL)
				diag_add(L->d, DIAG_WARNING, where,
				         "\"%s\" is not used by %s questions (ignored)",
				         k, bank_type_name(q->type));
		}
		cJSON *ans = f[K_ANSWER];
		if (ans == NULL) {
			diag_add(L->d, DIAG_ERROR, where, "missing \"answer\"");
			bad = 1;
		} else if (q->type == Q_MATCHING) {
			if (parse_answer_map(L, where, ans, q) < 0)
				bad = 1;
		} else if (parse_answer_list(L, where, ans, q) < 0) {
			bad = 1;
		}
	}

	if (bad || L->oom) {
		question_free(q);
		return -1;
	}
	q->id = qid;
	q->stem = take_string(f[K_STEM]);
	q->explanation = f[K_EXPLANATION] ? take_string(f[K_EXPLANATION]) : NULL;
	q->case_study = cs;
	q->file = (int)L->file_idx;
	L->b->n_questions++;
	return 0;
}

static void
parse_case_study(struct loader *L, cJSON *jc, int idx)
{
	static const char *const keys[] = { "id", "domain", "title", "scenario",
		                            "questions", NULL };
	char where[512], path[64];
	snprintf(where, sizeof where, "%s: $.case_studies[%d]", L->file, idx);
	if (!cJSON_IsObject(jc)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "a case study must be an object, not %s",
		         json_type_name(jc));
		return;
	}
	cJSON *id = cJSON_GetObjectItemCaseSensitive(jc, "id");
	if (cJSON_IsString(id) && valid_id(id->valuestring))
		snprintf(where, sizeof where, "%s: case study \"%s\"", L->file,
		         id->valuestring);
	check_keys(L, where, jc, keys);
	int bad = 0, domain = -1;
	char *cid = NULL;
	if (need_string(L, where, jc, "id") == NULL) {
		bad = 1;
	} else if (!valid_id(id->valuestring)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "id \"%.40s\" must be 1-128 letters, digits, '.', '_' or '-'",
		         id->valuestring);
		bad = 1;
	} else {
		size_t first;
		cid = pool_dup(id->valuestring);
		int r = cid == NULL ? -1 : idset_add(&L->ids, cid, L->file_idx, &first);
		if (r < 0) {
			L->oom = 1;
			bad = 1;
		} else if (r > 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "duplicate id (first defined in %s)",
			         L->b->files[first]);
			bad = 1;
		}
	}
	if (need_int(L, where, jc, "domain", 1, INT_MAX, &domain) < 0) {
		bad = 1;
	} else if (L->bp_ok && bank_domain_index(L->b, domain) < 0) {
		diag_add(L->d, DIAG_ERROR, where, "domain %d is not in exam.json",
		         domain);
		bad = 1;
	}
	if (need_string(L, where, jc, "title") == NULL)
		bad = 1;
	if (need_string(L, where, jc, "scenario") == NULL)
		bad = 1;
	cJSON *qs = cJSON_GetObjectItemCaseSensitive(jc, "questions");
	if (qs == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"questions\"");
		bad = 1;
	} else if (!cJSON_IsArray(qs) || cJSON_GetArraySize(qs) == 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"questions\" must be a non-empty array, not %s",
		         json_type_name(qs));
		bad = 1;
		qs = NULL;
	}
	if (qs == NULL)
		return;

	struct bank *b = L->b;
	size_t first = b->n_questions;
	int i = 0, qbad = 0;
	cJSON *jq;
	cJSON_ArrayForEach(jq, qs) {
		snprintf(path, sizeof path, "$.case_studies[%d].questions[%d]", idx, i++);
		if (parse_question(L, jq, path, (int)b->n_case_studies,
		                   bad ? 0 : domain) < 0)
			qbad = 1;
	}
	if (bad || qbad || L->oom)
		return;
	if (b->n_case_studies == L->cs_cap) {
		size_t cap = L->cs_cap ? L->cs_cap * 2 : 16;
		struct case_study *v = realloc(b->case_studies, cap * sizeof *v);
		if (v == NULL) {
			L->oom = 1;
			return;
		}
		b->case_studies = v;
		L->cs_cap = cap;
	}
	struct case_study *c = &b->case_studies[b->n_case_studies++];
	c->id = cid;
	c->domain = domain;
	c->title = take_string(cJSON_GetObjectItemCaseSensitive(jc, "title"));
	c->scenario = take_string(cJSON_GetObjectItemCaseSensitive(jc, "scenario"));
	c->first = first;
	c->count = b->n_questions - first;
}

/*
 * Line and column (1-based; the column counts characters, and a byte order
 * mark at the start of the file is not one) of offset off.
 */
static void
locate(const char *buf, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	size_t i = off >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (; i < off; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* What json_scan() found at the end of the text it scanned. */
struct json_pos {
	int depth;     /* arrays and objects open */
	int in_object; /* the innermost of them is an object */
	int in_str;    /* inside a string, whose opening quote is at str_at */
	size_t str_at;
	char prev;     /* the last character that is not whitespace, or 0 */
};

/* Scan JSON text buf[from..to) that cJSON accepted so far. */
static void
json_scan(const char *buf, size_t from, size_t to, struct json_pos *at)
{
	unsigned char obj[CJSON_NESTING_LIMIT + 1] = { 0 };
	memset(at, 0, sizeof *at);
	for (size_t i = from; i < to; i++) {
		char c = buf[i];
		if (at->in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				at->in_str = 0;
			at->prev = '"';
			continue;
		}
		if (strchr(" \t\r\n", c) != NULL)
			continue;
		at->prev = c;
		if (c == '"') {
			at->in_str = 1;
			at->str_at = i;
		} else if ((c == '[' || c == '{') && at->depth < CJSON_NESTING_LIMIT) {
			obj[++at->depth] = c == '{';
		} else if ((c == ']' || c == '}') && at->depth > 0) {
			at->depth--;
		}
	}
	at->in_object = obj[at->depth];
}

/* Whether a string that is open at off is closed before len. */
static int
string_closes(const char *buf, size_t off, size_t len)
{
	for (size_t i = off; i < len; i++) {
		if (buf[i] == '\\')
			i++;
		else if (buf[i] == '"')
			return 1;
	}
	return 0;
}

/* Offset of the first invalid UTF-8 sequence, or (size_t)-1. */
static size_t
utf8_invalid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned min;
		unsigned cp;
		if ((c & 0xE0) == 0xC0) {
			len = 2; min = 0x80; cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3; min = 0x800; cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4; min = 0x10000; cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return (size_t)-1;
}

/*
 * Read and parse one JSON file. Syntax problems are reported as
 * FILE:LINE:COL. Returns the tree (caller deletes) or NULL. The raw bytes
 * are added to the fingerprint state.
 */
static cJSON *
read_json(struct loader *L, const char *dir, const char *name,
          crypto_generichash_state *fp)
{
	char *path = fsutil_asprintf("%s/%s", dir, name);
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	cJSON *root = NULL;
	if (path == NULL) {
		L->oom = 1;
		return NULL;
	}
	if (fsutil_read_file(path, BANK_FILE_LIMIT, &buf, &len, &err) < 0) {
		diag_add(L->d, DIAG_ERROR, name, "%s", err);
		goto out;
	}
	unsigned char lenle[8];
	for (int i = 0; i < 8; i++)
		lenle[i] = (unsigned char)((uint64_t)len >> (8 * i));
	crypto_generichash_update(fp, (const unsigned char *)name, strlen(name) + 1);
	crypto_generichash_update(fp, lenle, sizeof lenle);
	crypto_generichash_update(fp, (const unsigned char *)buf, len);

	size_t start = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3; /* a UTF-8 byte order mark is allowed and skipped */
	int line, col;
	char where[400];
	const char *nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		locate(buf, (size_t)(nul - buf), &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where,
		         "NUL byte in file (is this a JSON text file?)");
		goto out;
	}
	size_t bad = utf8_invalid((const unsigned char *)buf, len);
	if (bad != (size_t)-1) {
		locate(buf, bad, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where,
		         "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		         (unsigned char)buf[bad]);
		goto out;
	}
	const char *end = NULL;
	/*
	 * The length includes buf's terminating NUL, which cJSON skips as
	 * whitespace: input that ends too early then fails at offset len
	 * instead of at its last byte, which may well be fine.
	 */
	root = cJSON_ParseWithLengthOpts(buf + start, len - start + 1, &end, 0);
	if (root == NULL) {
		size_t off = end ? (size_t)(end - buf) : start;
		if (off > len)
			off = len;
		struct json_pos at;
		/*
		 * Where an object key should start, cJSON points one past the
		 * character that is not its opening '"'.
		 */
		if (off > start) {
			char c = buf[off - 1];
			json_scan(buf, start, off - 1, &at);
			if (!at.in_str && at.in_object && c != '"' &&
			    (at.prev == ',' || (at.prev == '{' && c != '}')) &&
			    strchr(" \t\r\n", c) == NULL)
				off--;
		}
		/* Skip whitespace to point at the offending token. */
		while (off < len && strchr(" \t\r\n", buf[off]))
			off++;
		json_scan(buf, start, off, &at);
		const char *msg = NULL;
		if (at.prev == 0 && off >= len) {
			off = start;
			msg = "syntax error: the file is empty";
		} else if (at.in_str && !string_closes(buf, off, len)) {
			off = at.str_at;
			msg = "syntax error: string not closed before the end of the file (truncated?)";
		} else if (at.in_str) {
			msg = "syntax error: invalid escape sequence in string";
		} else if (off >= len) {
			msg = "syntax error: unexpected end of file (truncated?)";
		}
		locate(buf, off, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		if (msg != NULL)
			diag_add(L->d, DIAG_ERROR, where, "%s", msg);
		else if ((buf[off] == '[' || buf[off] == '{') &&
		         at.depth >= CJSON_NESTING_LIMIT)
			diag_add(L->d, DIAG_ERROR, where,
			         "nesting deeper than %d levels", CJSON_NESTING_LIMIT);
		else if ((unsigned char)buf[off] >= 0x20 && (unsigned char)buf[off] < 0x7F)
			diag_add(L->d, DIAG_ERROR, where, "syntax error near '%c'",
			         buf[off]);
		else
			diag_add(L->d, DIAG_ERROR, where,
			         "syntax error near byte 0x%02X",
			         (unsigned char)buf[off]);
		goto out;
	}
	size_t off = (size_t)(end - buf);
	while (off < len && strchr(" \t\r\n", buf[off]))
		off++;
	if (off < len) {
		locate(buf, off, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where,
		         "syntax error: unexpected text after the end of the JSON value");
		cJSON_Delete(root);
		root = NULL;
	}
out:
	free(err);
	free(buf);
	free(path);
	return root;
}

static void
parse_blueprint(struct loader *L, cJSON *root)
{
	static const char *const keys[] = { "format", "code", "title", "questions",
		                            "duration_minutes", "scoring", "domains",
		                            NULL };
	static const char *const skeys[] = { "min", "max", "pass", "cut", NULL };
	static const char *const dkeys[] = { "id", "name", "weight", "tasks", NULL };
	static const char *const tkeys[] = { "id", "name", NULL };
	struct blueprint *bp = &L->b->bp;
	const char *f = "exam.json";
	char where[256];
	int bad = 0;
	if (!cJSON_IsObject(root)) {
		diag_add(L->d, DIAG_ERROR, f, "the blueprint must be a JSON object, not %s",
		         json_type_name(root));
		return;
	}
	snprintf(where, sizeof where, "%s: $", f);
	check_keys(L, where, root, keys);
	cJSON *fmt = need_string(L, where, root, "format");
	if (fmt == NULL) {
		bad = 1;
	} else if (strcmp(fmt->valuestring, "certsim-exam/1") != 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"format\" is \"%.40s\"; this certsim reads \"certsim-exam/1\"",
		         fmt->valuestring);
		bad = 1;
	}
	cJSON *code = need_string(L, where, root, "code");
	cJSON *title = need_string(L, where, root, "title");
	if (code == NULL || title == NULL)
		bad = 1;
	if (need_int(L, where, root, "questions", 1, 10000, &bp->questions) < 0)
		bad = 1;
	if (need_int(L, where, root, "duration_minutes", 1, 10000,
	             &bp->duration_minutes) < 0)
		bad = 1;

	cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scoring");
	snprintf(where, sizeof where, "%s: $.scoring", f);
	if (!cJSON_IsObject(sc)) {
		diag_add(L->d, DIAG_ERROR, where, sc ? "must be an object, not %s"
		                                     : "missing (%s)",
		         json_type_name(sc));
		bad = 1;
	} else {
		check_keys(L, where, sc, skeys);
		int sbad = 0;
		sbad |= need_int(L, where, sc, "min", 0, 1000000, &bp->score_min) < 0;
		sbad |= need_int(L, where, sc, "max", 0, 1000000, &bp->score_max) < 0;
		sbad |= need_int(L, where, sc, "pass", 0, 1000000, &bp->score_pass) < 0;
		cJSON *cut = cJSON_GetObjectItemCaseSensitive(sc, "cut");
		if (!cJSON_IsNumber(cut)) {
			diag_add(L->d, DIAG_ERROR, where, "\"cut\" must be a number, not %s",
			         json_type_name(cut));
			sbad = 1;
		} else if (!(cut->valuedouble > 0 && cut->valuedouble < 1)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"cut\" must be between 0 and 1 (exclusive), not %g",
			         cut->valuedouble);
			sbad = 1;
		} else {
			bp->cut = cut->valuedouble;
		}
		if (!sbad && !(bp->score_min < bp->score_pass &&
		               bp->score_pass <= bp->score_max)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "needs min < pass <= max (min %d, pass %d, max %d)",
			         bp->score_min, bp->score_pass, bp->score_max);
			sbad = 1;
		}
		bad |= sbad;
	}

	cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domains");
	snprintf(where, sizeof where, "%s: $.domains", f);
	if (!cJSON_IsArray(doms) || cJSON_GetArraySize(doms) == 0) {
		diag_add(L->d, DIAG_ERROR, where, "must be a non-empty array, not %s",
		         json_type_name(doms));
		bad = 1;
		doms = NULL;
	} else if (cJSON_GetArraySize(doms) > BANK_MAX_DOMAINS) {
		diag_add(L->d, DIAG_ERROR, where, "has %d domains; a blueprint has at most %d",
		         cJSON_GetArraySize(doms), BANK_MAX_DOMAINS);
		bad = 1;
		doms = NULL;
	}
	int nd = doms ? cJSON_GetArraySize(doms) : 0, nt = 0, sum = 0;
	cJSON *jd;
	if (doms)
		cJSON_ArrayForEach(jd, doms) {
			cJSON *ts = cJSON_IsObject(jd)
			                ? cJSON_GetObjectItemCaseSensitive(jd, "tasks")
			                : NULL;
			if (cJSON_IsArray(ts))
				nt += cJSON_GetArraySize(ts);
		}
	bp->domains = calloc((size_t)nd + 1, sizeof *bp->domains);
	bp->tasks = calloc((size_t)nt + 1, sizeof *bp->tasks);
	if (bp->domains == NULL || bp->tasks == NULL) {
		L->oom = 1;
		return;
	}
	int di = 0;
	unsigned char dom_seen[100] = { 0 };
	if (doms)
		cJSON_ArrayForEach(jd, doms) {
			snprintf(where, sizeof where, "%s: $.domains[%d]", f, di++);
			if (!cJSON_IsObject(jd)) {
				diag_add(L->d, DIAG_ERROR, where, "must be an object, not %s",
				         json_type_name(jd));
				bad = 1;
				continue;
			}
			check_keys(L, where, jd, dkeys);
			struct domain dom = { 0 };
			int dbad = 0;
			if (need_int(L, where, jd, "id", 1, 99, &dom.id) < 0) {
				dbad = 1;
			} else if (dom_seen[dom.id]++) {
				/* Seen also in domains that are otherwise invalid. */
				diag_add(L->d, DIAG_ERROR, where,
				         "domain id %d is used twice", dom.id);
				dbad = 1;
			}
			cJSON *name = need_string(L, where, jd, "name");
			dbad |= name == NULL;
			if (need_int(L, where, jd, "weight", 1, 100, &dom.weight) < 0)
				dbad = 1;
			else
				sum += dom.weight;
			cJSON *ts = cJSON_GetObjectItemCaseSensitive(jd, "tasks");
			if (!cJSON_IsArray(ts) || cJSON_GetArraySize(ts) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"tasks\" must be a non-empty array, not %s",
				         json_type_name(ts));
				dbad = 1;
				ts = NULL;
			}
			int ti = 0;
			cJSON *jt;
			if (ts)
				cJSON_ArrayForEach(jt, ts) {
					char tw[300];
					snprintf(tw, sizeof tw, "%s.tasks[%d]", where, ti++);
					if (!cJSON_IsObject(jt)) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "must be an object, not %s",
						         json_type_name(jt));
						dbad = 1;
						continue;
					}
					check_keys(L, tw, jt, tkeys);
					cJSON *tid = need_string(L, tw, jt, "id");
					cJSON *tname = need_string(L, tw, jt, "name");
					if (tid == NULL || tname == NULL) {
						dbad = 1;
						continue;
					}
					int td = 0, tn = 0;
					/* Short enough first: sscanf cannot overflow. */
					char canon[32];
					if (strlen(tid->valuestring) >= sizeof bp->tasks[0].id ||
					    sscanf(tid->valuestring, "%d.%d", &td, &tn) != 2 ||
					    tn <= 0 ||
					    snprintf(canon, sizeof canon, "%d.%d", td, tn) < 0 ||
					    strcmp(canon, tid->valuestring) != 0) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task id \"%.20s\" must have the form <domain>.<n>, e.g. \"%d.1\"",
						         tid->valuestring, dom.id);
						dbad = 1;
						continue;
					}
					if (dom.id > 0 && td != dom.id) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task \"%s\" is listed under domain %d; its id says domain %d",
						         tid->valuestring, dom.id, td);
						dbad = 1;
						continue;
					}
					int dup = 0;
					for (int k = 0; k < bp->n_tasks; k++)
						if (strcmp(bp->tasks[k].id, tid->valuestring) == 0)
							dup = 1;
					if (dup) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task id \"%s\" is used twice",
						         tid->valuestring);
						dbad = 1;
						continue;
					}
					struct task *t = &bp->tasks[bp->n_tasks++];
					strcpy(t->id, tid->valuestring);
					t->name = take_string(tname);
					t->domain = dom.id;
				}
			if (dbad) {
				bad = 1;
				continue;
			}
			dom.name = take_string(name);
			bp->domains[bp->n_domains++] = dom;
		}
	if (!bad && sum != 100) {
		snprintf(where, sizeof where, "%s: $.domains", f);
		diag_add(L->d, DIAG_ERROR, where,
		         "domain weights add up to %d; they must add up to 100", sum);
		bad = 1;
	}
	if (code)
		bp->code = take_string(code);
	if (title)
		bp->title = take_string(title);
	L->bp_ok = !bad;
}

static void
parse_question_file(struct loader *L, cJSON *root)
{
	static const char *const keys[] = { "format", "questions", "case_studies",
		                            NULL };
	char where[400], path[64];
	snprintf(where, sizeof where, "%s: $", L->file);
	if (!cJSON_IsObject(root)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "a question file must be a JSON object, not %s",
		         json_type_name(root));
		return;
	}
	check_keys(L, where, root, keys);
	cJSON *fmt = need_string(L, where, root, "format");
	if (fmt != NULL && strcmp(fmt->valuestring, "certsim-bank/1") != 0)
		diag_add(L->d, DIAG_ERROR, where,
		         "\"format\" is \"%.40s\"; this certsim reads \"certsim-bank/1\"",
		         fmt->valuestring);
	cJSON *qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
	cJSON *cs = cJSON_GetObjectItemCaseSensitive(root, "case_studies");
	if (qs == NULL && cs == NULL)
		diag_add(L->d, DIAG_ERROR, where,
		         "has neither \"questions\" nor \"case_studies\"");
	if (qs != NULL && !cJSON_IsArray(qs)) {
		diag_add(L->d, DIAG_ERROR, where, "\"questions\" must be an array, not %s",
		         json_type_name(qs));
		qs = NULL;
	}
	if (cs != NULL && !cJSON_IsArray(cs)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"case_studies\" must be an array, not %s",
		         json_type_name(cs));
		cs = NULL;
	}
	int i = 0;
	cJSON *it;
	if (qs)
		cJSON_ArrayForEach(it, qs) {
			snprintf(path, sizeof path, "$.questions[%d]", i++);
			parse_question(L, it, path, -1, 0);
			if (L->oom)
				return;
		}
	i = 0;
	if (cs)
		cJSON_ArrayForEach(it, cs) {
			parse_case_study(L, it, i++);
			if (L->oom)
				return;
		}
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
		diag_add(L->d, DIAG_ERROR, dir, "cannot open bank directory: %s",
		         strerror(errno));
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
	cJSON_Hooks hooks = { arena_malloc, arena_free };
	cJSON_InitHooks(&hooks);
	strings = &b->strings;
	pool_oom = 0;
	L.file = "exam.json";
	cJSON *root = read_json(&L, dir, "exam.json", &fp);
	if (root != NULL) {
		parse_blueprint(&L, root);
		arena_reset();
	}
	/* Question files are checked even when the blueprint is broken. */
	for (size_t i = 0; i < b->n_files && !L.oom; i++) {
		L.file = b->files[i];
		L.file_idx = i;
		root = read_json(&L, dir, b->files[i], &fp);
		if (root == NULL)
			continue;
		parse_question_file(&L, root);
		arena_reset();
		L.oom |= pool_oom;
	}
	if (!L.oom && b->n_files == 0)
		diag_add(d, DIAG_ERROR, dir,
		         "no question files (*.json besides exam.json) in the bank");
	else if (!L.oom && d->errors == errors_before && b->n_questions == 0)
		diag_add(d, DIAG_ERROR, dir, "the bank has no questions");
done:
	cJSON_InitHooks(NULL);
	arena_destroy();
	strings = NULL;
	L.oom |= pool_oom;
	if (L.oom)
		diag_add(d, DIAG_ERROR, dir, "out of memory while loading the bank");
	crypto_generichash_final(&fp, b->fingerprint, sizeof b->fingerprint);
	sodium_bin2hex(b->fingerprint_hex, sizeof b->fingerprint_hex,
	               b->fingerprint, sizeof b->fingerprint);
	idset_free(&L.ids);
	if (d->errors == errors_before) {
		/* The lookup index maps question ids to question indexes. */
		b->index = calloc(1, sizeof *b->index);
		size_t dup;
		for (size_t i = 0; b->index != NULL && i < b->n_questions; i++)
			if (idset_add(b->index, b->questions[i].id, i, &dup) < 0) {
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
		question_free(&b->questions[i]);
	free(b->questions);
	free(b->case_studies);
	for (size_t i = 0; i < b->n_files; i++)
		free(b->files[i]);
	free(b->files);
	free(b->bp.domains);
	free(b->bp.tasks);
	free(b->path);
	if (b->index != NULL)
		idset_free(b->index);
	free(b->index);
	chunks_free(b->strings);
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
	if (qid == NULL || idset_get(b->index, qid, &v) < 0)
		return -1;
	return (long)v;
}
