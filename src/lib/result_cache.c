/* The cache of verified results (cache/results.idx): history's typed results without re-parsing. */
#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/result_cache.h"
#include "certsim/strbuf.h"

/*
 * The index: a header (magic, version, entry count, body length, context,
 * BLAKE2b-256 of the body keyed with result_cache_mac_key), then the
 * entries sorted by name, each as u32 length + name, key, signature status,
 * reason, result. Integers are little-endian; a string is u32 length +
 * bytes (0xffffffff: NULL).
 */
#define MAGIC "CSIMIDX\n"
#define HEADER_BYTES (8 + 4 + 4 + 8 + 32 + 32)
#define NULL_LEN 0xffffffffu
#define INDEX_LIMIT (1024u * 1024u * 1024u)

struct entry {
	char *name;                 /* owned */
	const unsigned char *bytes; /* the whole entry (old: into c->buf; new: own) */
	size_t len;
	size_t payload; /* offset of the signature status within bytes */
	struct result_cache_key key;
	int used, owned;
};

struct result_cache {
	char *path, *home;
	unsigned char ctx[32];
	unsigned char mac[32]; /* the checksum's key, from the secret signing key */
	char *buf;             /* the index read from disk */
	struct entry *old, *add;
	size_t n_old, n_add, cap_add;
	int dirty;
};

/* --- writing --- */

static void
put_u32(struct strbuf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
		               (unsigned char)(v >> 24) };
	strbuf_add(b, (const char *)x, 4);
}

static void
put_u64(struct strbuf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

static void
put_i(struct strbuf *b, int v)
{
	put_u32(b, (uint32_t)v);
}

static void
put_f(struct strbuf *b, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	put_u64(b, v);
}

static void
put_s(struct strbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (s == NULL || n >= NULL_LEN) {
		put_u32(b, NULL_LEN);
		return;
	}
	put_u32(b, (uint32_t)n);
	strbuf_add(b, s, n);
}

static void
put_strs(struct strbuf *b, char **v, size_t n)
{
	put_u64(b, v ? n : 0);
	for (size_t i = 0; v != NULL && i < n; i++)
		put_s(b, v[i]);
}

static void
put_answer(struct strbuf *b, const struct result_answer *a)
{
	put_i(b, (int)a->kind);
	put_strs(b, a->ids, a->n);
	put_strs(b, a->keys, a->n);
}

static void
put_part(struct strbuf *b, const struct result_part *p)
{
	put_i(b, p->domain_id);
	put_s(b, p->task_id);
	put_s(b, p->name);
	put_i(b, p->correct);
	put_i(b, p->total);
	put_f(b, p->percent);
	put_s(b, p->status);
}

static void
put_item(struct strbuf *b, const struct result_item *t)
{
	put_i(b, t->n);
	put_s(b, t->id);
	put_i(b, t->domain_id);
	put_s(b, t->task_id);
	put_s(b, t->type);
	put_s(b, t->case_study);
	put_i(b, t->scored);
	put_i(b, t->unscored);
	put_i(b, t->correct);
	put_i(b, t->flagged);
	put_strs(b, t->shown, t->n_shown);
	put_strs(b, t->prompts_shown, t->n_prompts_shown);
	put_answer(b, &t->response);
	put_answer(b, &t->key);
	put_u64(b, (uint64_t)t->seconds);
	put_s(b, t->qhash);
	put_i(b, t->complete);
}

/* Every field of struct result_file but path; get_result reads them in this order. */
static void
put_result(struct strbuf *b, const struct result_file *r)
{
	put_s(b, r->mode);
	put_i(b, r->has_quiz);
	put_s(b, r->quiz_source);
	put_s(b, r->quiz_feedback);
	put_s(b, r->exam_code);
	put_s(b, r->exam_title);
	put_s(b, r->bank_fingerprint);
	put_s(b, r->bank_path);
	put_i(b, r->score_min);
	put_i(b, r->score_max);
	put_i(b, r->score_pass);
	put_f(b, r->cut);
	put_u64(b, r->seed);
	put_s(b, r->started_at);
	put_s(b, r->finished_at);
	put_u64(b, (uint64_t)r->time_limit_s);
	put_u64(b, (uint64_t)r->time_used_s);
	put_s(b, r->ended_by);
	put_i(b, r->interruptions);
	put_i(b, r->unscored);
	put_i(b, r->score.correct);
	put_i(b, r->score.scored);
	put_f(b, r->score.percent);
	put_i(b, r->score.scaled);
	put_i(b, r->score.pass_mark);
	put_i(b, r->score.passed);
	put_u64(b, r->domains ? r->n_domains : 0);
	for (size_t i = 0; r->domains != NULL && i < r->n_domains; i++)
		put_part(b, &r->domains[i]);
	put_u64(b, r->tasks ? r->n_tasks : 0);
	for (size_t i = 0; r->tasks != NULL && i < r->n_tasks; i++)
		put_part(b, &r->tasks[i]);
	put_u64(b, r->items ? r->n_items : 0);
	for (size_t i = 0; r->items != NULL && i < r->n_items; i++)
		put_item(b, &r->items[i]);
	put_s(b, r->problem);
}

static void
put_key(struct strbuf *b, const struct result_cache_key *k)
{
	put_u64(b, k->size);
	put_u64(b, (uint64_t)k->mtime_ns);
	put_u64(b, k->sig_size);
	put_u64(b, (uint64_t)k->sig_mtime_ns);
	put_i(b, k->has_sig);
	strbuf_add(b, (const char *)k->hash, 32);
	strbuf_add(b, (const char *)k->sig_hash, 32);
}

/* --- reading (every read is bounds-checked; a short or absurd entry sets bad) --- */

struct rd {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t
get_u32(struct rd *d)
{
	if (d->bad || d->end - d->p < 4) {
		d->bad = 1;
		return 0;
	}
	const unsigned char *p = d->p;
	d->p += 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t
get_u64(struct rd *d)
{
	uint64_t lo = get_u32(d);
	return lo | (uint64_t)get_u32(d) << 32;
}

static int
get_i(struct rd *d)
{
	return (int)(int32_t)get_u32(d);
}

static double
get_f(struct rd *d)
{
	uint64_t v = get_u64(d);
	double x;
	memcpy(&x, &v, sizeof x);
	return x;
}

static char *
get_s(struct rd *d)
{
	uint32_t n = get_u32(d);
	if (d->bad || n == NULL_LEN)
		return NULL;
	char *s;
	if ((size_t)(d->end - d->p) < n || (s = malloc((size_t)n + 1)) == NULL) {
		d->bad = 1;
		return NULL;
	}
	memcpy(s, d->p, n);
	s[n] = '\0';
	d->p += n;
	return s;
}

/* A count of elements of at least 4 bytes each: bad when the rest cannot hold them. */
static size_t
get_n(struct rd *d)
{
	uint64_t n = get_u64(d);
	if (d->bad || n > (uint64_t)(d->end - d->p) / 4) {
		d->bad = 1;
		return 0;
	}
	return (size_t)n;
}

static void *
get_array(struct rd *d, size_t n, size_t size)
{
	void *v = n ? calloc(n, size) : NULL;
	if (n && v == NULL)
		d->bad = 1;
	return v;
}

static char **
get_strs(struct rd *d, size_t *out_n)
{
	size_t n = get_n(d);
	char **v = get_array(d, n, sizeof *v);
	for (size_t i = 0; v != NULL && i < n; i++)
		v[i] = get_s(d);
	*out_n = v ? n : 0;
	return v;
}

static void
get_answer(struct rd *d, struct result_answer *a)
{
	size_t n_keys;
	a->kind = (enum result_answer_kind)get_i(d);
	a->ids = get_strs(d, &a->n);
	a->keys = get_strs(d, &n_keys);
	if (a->kind > RESULT_ANSWER_OTHER || (a->keys != NULL && n_keys != a->n))
		d->bad = 1;
}

static void
get_part(struct rd *d, struct result_part *p)
{
	p->domain_id = get_i(d);
	p->task_id = get_s(d);
	p->name = get_s(d);
	p->correct = get_i(d);
	p->total = get_i(d);
	p->percent = get_f(d);
	p->status = get_s(d);
}

static void
get_item(struct rd *d, struct result_item *t)
{
	t->n = get_i(d);
	t->id = get_s(d);
	t->domain_id = get_i(d);
	t->task_id = get_s(d);
	t->type = get_s(d);
	t->case_study = get_s(d);
	t->scored = get_i(d);
	t->unscored = get_i(d);
	t->correct = get_i(d);
	t->flagged = get_i(d);
	t->shown = get_strs(d, &t->n_shown);
	t->prompts_shown = get_strs(d, &t->n_prompts_shown);
	get_answer(d, &t->response);
	get_answer(d, &t->key);
	t->seconds = (int64_t)get_u64(d);
	t->qhash = get_s(d);
	t->complete = get_i(d);
}

static void
get_result(struct rd *d, struct result_file *r)
{
	r->mode = get_s(d);
	r->has_quiz = get_i(d);
	r->quiz_source = get_s(d);
	r->quiz_feedback = get_s(d);
	r->exam_code = get_s(d);
	r->exam_title = get_s(d);
	r->bank_fingerprint = get_s(d);
	r->bank_path = get_s(d);
	r->score_min = get_i(d);
	r->score_max = get_i(d);
	r->score_pass = get_i(d);
	r->cut = get_f(d);
	r->seed = get_u64(d);
	r->started_at = get_s(d);
	r->finished_at = get_s(d);
	r->time_limit_s = (int64_t)get_u64(d);
	r->time_used_s = (int64_t)get_u64(d);
	r->ended_by = get_s(d);
	r->interruptions = get_i(d);
	r->unscored = get_i(d);
	r->score.correct = get_i(d);
	r->score.scored = get_i(d);
	r->score.percent = get_f(d);
	r->score.scaled = get_i(d);
	r->score.pass_mark = get_i(d);
	r->score.passed = get_i(d);
	size_t n = get_n(d);
	if ((r->domains = get_array(d, n, sizeof *r->domains)) != NULL)
		r->n_domains = n;
	for (size_t i = 0; i < r->n_domains; i++)
		get_part(d, &r->domains[i]);
	n = get_n(d);
	if ((r->tasks = get_array(d, n, sizeof *r->tasks)) != NULL)
		r->n_tasks = n;
	for (size_t i = 0; i < r->n_tasks; i++)
		get_part(d, &r->tasks[i]);
	n = get_n(d);
	if ((r->items = get_array(d, n, sizeof *r->items)) != NULL)
		r->n_items = n;
	for (size_t i = 0; i < r->n_items; i++)
		get_item(d, &r->items[i]);
	r->problem = get_s(d);
	/* Strings the reader never leaves NULL (result.h). */
	if (!r->mode || !r->quiz_source || !r->quiz_feedback || !r->exam_code || !r->exam_title ||
	    !r->bank_fingerprint || !r->started_at || !r->finished_at || !r->ended_by)
		d->bad = 1;
}

static void
get_key(struct rd *d, struct result_cache_key *k)
{
	k->size = get_u64(d);
	k->mtime_ns = (int64_t)get_u64(d);
	k->sig_size = get_u64(d);
	k->sig_mtime_ns = (int64_t)get_u64(d);
	k->has_sig = get_i(d);
	if (d->bad || d->end - d->p < 64) {
		d->bad = 1;
		return;
	}
	memcpy(k->hash, d->p, 32);
	memcpy(k->sig_hash, d->p + 32, 32);
	d->p += 64;
}

static int
key_equal(const struct result_cache_key *a, const struct result_cache_key *b)
{
	return a->size == b->size && a->mtime_ns == b->mtime_ns && a->sig_size == b->sig_size &&
	       a->sig_mtime_ns == b->sig_mtime_ns && a->has_sig == b->has_sig &&
	       sodium_memcmp(a->hash, b->hash, 32) == 0 &&
	       sodium_memcmp(a->sig_hash, b->sig_hash, 32) == 0;
}

/*
 * s with every occurrence of from replaced by to (a new string, or NULL on
 * out of memory); NULL s gives NULL. Reasons name files by their path: the
 * index keeps them relative to the data directory, so that a copy of the
 * directory elsewhere keeps its cache.
 */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct strbuf b = { 0 };
	const char *p;
	if (s == NULL)
		return NULL;
	size_t fl = strlen(from);
	while (fl > 0 && (p = strstr(s, from)) != NULL) {
		strbuf_add(&b, s, (size_t)(p - s));
		strbuf_puts(&b, to);
		s = p + fl;
	}
	strbuf_puts(&b, s);
	return strbuf_detach(&b);
}

/* --- the index file --- */

static uint64_t
le64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void
free_entries(struct entry *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		if (v[i].owned)
			free((void *)v[i].bytes);
	}
	free(v);
}

/* Split a checked index body into entries; -1 when it is malformed or out of memory. */
static int
index_entries(struct result_cache *c, const unsigned char *body, size_t len, size_t count)
{
	struct rd d = { body, body + len, 0 };
	if (count > len / 4 || (count && (c->old = calloc(count, sizeof *c->old)) == NULL))
		return -1;
	for (size_t i = 0; i < count; i++) {
		struct entry *e = &c->old[i];
		const unsigned char *start = d.p;
		uint32_t n = get_u32(&d);
		if (d.bad || (size_t)(d.end - d.p) < n)
			return -1;
		struct rd one = { d.p, d.p + n, 0 };
		d.p += n;
		c->n_old = i + 1;
		e->name = get_s(&one);
		get_key(&one, &e->key);
		if (one.bad || e->name == NULL ||
		    (i > 0 && strcmp(c->old[i - 1].name, e->name) >= 0))
			return -1;
		e->bytes = start;
		e->len = (size_t)(d.p - start);
		e->payload = (size_t)(one.p - start);
	}
	return d.p == d.end ? 0 : -1;
}

static void
index_load(struct result_cache *c)
{
	size_t len;
	char *why = NULL;
	if (fsutil_read_file(c->path, INDEX_LIMIT, &c->buf, &len, &why) < 0) {
		free(why);
		return;
	}
	const unsigned char *p = (const unsigned char *)c->buf;
	unsigned char sum[32];
	int ok = len >= HEADER_BYTES && memcmp(p, MAGIC, 8) == 0 &&
	         (p[8] | p[9] << 8 | p[10] << 16 | (uint32_t)p[11] << 24) == RESULT_CACHE_VERSION &&
	         le64(p + 16) == len - HEADER_BYTES && memcmp(p + 24, c->ctx, 32) == 0;
	if (ok) {
		crypto_generichash(sum, 32, p + HEADER_BYTES, len - HEADER_BYTES, c->mac, 32);
		ok = sodium_memcmp(sum, p + 56, 32) == 0;
	}
	size_t count = ok ? (size_t)(p[12] | p[13] << 8 | p[14] << 16 | (uint32_t)p[15] << 24) : 0;
	if (!ok || index_entries(c, p + HEADER_BYTES, len - HEADER_BYTES, count) < 0) {
		free_entries(c->old, c->n_old);
		c->old = NULL;
		c->n_old = 0;
		c->dirty = 1;
	}
}

void
result_cache_context(const char *pub, size_t pub_len, const char *why, unsigned char ctx[32])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	if (pub != NULL) {
		crypto_generichash_update(&st, (const unsigned char *)"K", 1);
		crypto_generichash_update(&st, (const unsigned char *)pub, pub_len);
	} else {
		crypto_generichash_update(&st, (const unsigned char *)"E", 1);
		crypto_generichash_update(&st, (const unsigned char *)(why ? why : ""),
		                          why ? strlen(why) : 0);
	}
	crypto_generichash_final(&st, ctx, 32);
}

int
result_cache_mac_key(const char *home, unsigned char mac[32])
{
	char *path = home_path(home, HOME_SECKEY), *text = NULL, *err = NULL;
	size_t len = 0;
	int rc = -1;
	if (path != NULL && fsutil_read_file(path, 64 * 1024, &text, &len, &err) == 0 && len > 0) {
		crypto_generichash_state st;
		crypto_generichash_init(&st, NULL, 0, 32);
		crypto_generichash_update(&st, (const unsigned char *)"certsim result cache\n", 21);
		crypto_generichash_update(&st, (const unsigned char *)text, len);
		crypto_generichash_final(&st, mac, 32);
		rc = 0;
	}
	if (text != NULL)
		sodium_memzero(text, len);
	free(text);
	free(err);
	free(path);
	return rc;
}

struct result_cache *
result_cache_open(const char *home, const unsigned char ctx[32], const unsigned char mac[32])
{
	struct result_cache *c = calloc(1, sizeof *c);
	if (c == NULL || (c->path = home_path(home, HOME_CACHE)) == NULL ||
	    (c->home = fsutil_asprintf("%s", home)) == NULL) {
		if (c != NULL)
			free(c->path);
		free(c);
		return NULL;
	}
	memcpy(c->ctx, ctx, 32);
	memcpy(c->mac, mac, 32);
	index_load(c);
	return c;
}

static int64_t
mtime_ns(const struct stat *st)
{
	return (int64_t)st->st_mtim.tv_sec * 1000000000 + (int64_t)st->st_mtim.tv_nsec;
}

int
result_cache_key_of(const char *path, const char *text, size_t len, const char *sig, size_t slen,
                    struct result_cache_key *k)
{
	struct stat st;
	memset(k, 0, sizeof *k);
	if (stat(path, &st) < 0)
		return -1;
	k->size = (uint64_t)st.st_size;
	k->mtime_ns = mtime_ns(&st);
	crypto_generichash(k->hash, 32, (const unsigned char *)text, len, NULL, 0);
	if (sig != NULL) {
		char *sigpath = fsutil_asprintf("%s.minisig", path);
		int rc = sigpath ? stat(sigpath, &st) : -1;
		free(sigpath);
		if (rc < 0)
			return -1;
		k->has_sig = 1;
		k->sig_size = (uint64_t)st.st_size;
		k->sig_mtime_ns = mtime_ns(&st);
		crypto_generichash(k->sig_hash, 32, (const unsigned char *)sig, slen, NULL, 0);
	}
	return k->size == len && (sig == NULL || k->sig_size == slen) ? 0 : -1;
}

static int
cmp_name(const void *key, const void *e)
{
	return strcmp(key, ((const struct entry *)e)->name);
}

int
result_cache_get(struct result_cache *c, const char *name, const char *path,
                 const struct result_cache_key *k, struct result_file **r, enum attempt_sig *sig,
                 char **reason)
{
	*r = NULL;
	*reason = NULL;
	if (c == NULL || c->n_old == 0)
		return 0;
	struct entry *e = bsearch(name, c->old, c->n_old, sizeof *c->old, cmp_name);
	if (e == NULL || !key_equal(&e->key, k))
		return 0;
	struct rd d = { e->bytes + e->payload, e->bytes + e->len, 0 };
	int s = get_i(&d);
	char *rel = get_s(&d), *why = replace_all(rel, "\x01", c->home);
	if (rel != NULL && why == NULL)
		d.bad = 1;
	free(rel);
	struct result_file *x = calloc(1, sizeof *x);
	if (x != NULL) {
		get_result(&d, x);
		x->path = fsutil_asprintf("%s", path);
	}
	if (x == NULL || x->path == NULL || d.bad || d.p != d.end || s < ATTEMPT_SIG_VALID ||
	    s > ATTEMPT_SIG_UNSIGNED || (s != ATTEMPT_SIG_VALID) != (why != NULL)) {
		result_file_free(x);
		free(why);
		return 0;
	}
	e->used = 1;
	*r = x;
	*sig = (enum attempt_sig)s;
	*reason = why;
	return 1;
}

void
result_cache_put(struct result_cache *c, const char *name, const struct result_cache_key *k,
                 const struct result_file *r, enum attempt_sig sig, const char *reason)
{
	struct strbuf b = { 0 }, whole = { 0 };
	if (c == NULL)
		return;
	c->dirty = 1;
	char *rel = NULL;
	if (sig != ATTEMPT_SIG_VALID &&
	    (rel = replace_all(reason ? reason : "", c->home, "\x01")) == NULL)
		return;
	put_s(&b, name);
	put_key(&b, k);
	size_t payload = b.len + 4;
	put_i(&b, (int)sig);
	put_s(&b, rel);
	free(rel);
	put_result(&b, r);
	if (b.failed || b.len > 0xfffffff0u)
		goto done;
	put_u32(&whole, (uint32_t)b.len);
	strbuf_add(&whole, b.buf, b.len);
	if (whole.failed)
		goto done;
	if (fsutil_grow(&c->add, &c->cap_add, c->n_add, sizeof *c->add, 64) < 0)
		goto done;
	struct entry *e = &c->add[c->n_add];
	memset(e, 0, sizeof *e);
	if ((e->name = fsutil_asprintf("%s", name)) == NULL)
		goto done;
	e->len = whole.len;
	e->bytes = (const unsigned char *)strbuf_detach(&whole);
	e->payload = payload;
	e->key = *k;
	e->owned = 1;
	e->used = 1;
	if (e->bytes == NULL) {
		free(e->name);
		goto done;
	}
	c->n_add++;
done:
	strbuf_free(&b);
	strbuf_free(&whole);
}

static int
cmp_entry_ptr(const void *a, const void *b)
{
	return strcmp((*(const struct entry *const *)a)->name,
	              (*(const struct entry *const *)b)->name);
}

/*
 * Remove temporary index files (results.idx.tmp.*) in dir left by a writer
 * killed mid-write: those not changed for STALE_TMP_S seconds, so that a
 * write in progress in another process is left alone.
 */
#define STALE_TMP_S 600
static void
remove_stale_tmp(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);
	while (dp != NULL && (e = readdir(dp)) != NULL) {
		struct stat st;
		if (strncmp(e->d_name, "results.idx.tmp.", 16) != 0)
			continue;
		char *p = fsutil_asprintf("%s/%s", dir, e->d_name);
		if (p != NULL && lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    now - st.st_mtime > STALE_TMP_S)
			unlink(p);
		free(p);
	}
	if (dp != NULL)
		closedir(dp);
}

int
result_cache_save(struct result_cache *c, char **err)
{
	*err = NULL;
	if (c == NULL)
		return 0;
	for (size_t i = 0; i < c->n_old; i++)
		if (!c->old[i].used)
			c->dirty = 1;
	if (!c->dirty)
		return 0;
	size_t n = 0, body = 0;
	struct entry **v = malloc((c->n_old + c->n_add + 1) * sizeof *v);
	if (v == NULL) {
		fsutil_set_err(err, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < c->n_old; i++)
		if (c->old[i].used)
			v[n++] = &c->old[i];
	for (size_t i = 0; i < c->n_add; i++)
		v[n++] = &c->add[i];
	qsort(v, n, sizeof *v, cmp_entry_ptr);
	for (size_t i = 0; i < n; i++)
		body += v[i]->len;
	unsigned char *buf = n <= 0xffffffffu ? malloc(HEADER_BYTES + body) : NULL;
	if (buf == NULL) {
		free(v);
		fsutil_set_err(err, "out of memory");
		return -1;
	}
	size_t off = HEADER_BYTES;
	for (size_t i = 0; i < n; i++) {
		memcpy(buf + off, v[i]->bytes, v[i]->len);
		off += v[i]->len;
	}
	free(v);
	memcpy(buf, MAGIC, 8);
	for (int i = 0; i < 4; i++) {
		buf[8 + i] = (unsigned char)(RESULT_CACHE_VERSION >> (8 * i));
		buf[12 + i] = (unsigned char)(n >> (8 * i));
	}
	for (int i = 0; i < 8; i++)
		buf[16 + i] = (unsigned char)((uint64_t)body >> (8 * i));
	memcpy(buf + 24, c->ctx, 32);
	crypto_generichash(buf + 56, 32, buf + HEADER_BYTES, body, c->mac, 32);
	char *dir = fsutil_asprintf("%s", c->path), *slash = dir ? strrchr(dir, '/') : NULL;
	int rc = -1;
	if (slash == NULL) {
		fsutil_set_err(err, "out of memory");
	} else {
		*slash = '\0';
		remove_stale_tmp(dir);
		if (fsutil_mkdirs(dir, 0700, err) == 0 &&
		    fsutil_write_atomic(c->path, buf, HEADER_BYTES + body, 0600, err) == 0)
			rc = 0;
	}
	free(dir);
	free(buf);
	if (rc == 0)
		c->dirty = 0;
	return rc;
}

void
result_cache_free(struct result_cache *c)
{
	if (c == NULL)
		return;
	free_entries(c->old, c->n_old);
	free_entries(c->add, c->n_add);
	free(c->buf);
	free(c->path);
	free(c->home);
	sodium_memzero(c->mac, sizeof c->mac);
	free(c);
}
