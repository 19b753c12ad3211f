/* Unit tests for result_cache: hits, stale entries, damaged indexes, and never trusting a cache. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/result_cache.h"
#include "certsim/score.h"
#include "certsim/session.h"

#include "testutil.h"

#define N_RESULTS 4

/* A signed quiz of 10 items saved in home at the time iso, the first `right` answered right. */
static void
save_quiz(const char *home, const char *iso, uint64_t seed, size_t right)
{
	struct draw_request req = { 0 };
	struct session_config cfg = { 0 };
	struct draw_item *items = NULL;
	struct session *s = NULL;
	struct score sc;
	size_t n;
	char *err = NULL, *path = NULL;
	setenv("CERTSIM_NOW", iso, 1);
	req.count = 10;
	req.seed = seed;
	cfg.mode = MODE_QUIZ;
	cfg.seed = seed;
	snprintf(cfg.source, sizeof cfg.source, "all");
	assert_int_equal(draw_items(bank, &req, &items, &n, &err), 0);
	assert_int_equal(session_new(bank, &cfg, items, n, clock_monotonic(), &s, &err), 0);
	session_start(s);
	for (size_t i = 0; i < right && i < s->n; i++) {
		const struct question *q = &bank->questions[s->items[i].d.q];
		struct response resp = { .n = q->n_key };
		const char *why;
		memcpy(resp.v, q->key, sizeof resp.v);
		session_goto(s, i);
		assert_int_equal(session_answer(s, &resp, &why), 0);
	}
	session_finish(s, SESSION_END_SUBMIT);
	assert_int_equal(score_compute(s, &sc), 0);
	if (result_save(s, &sc, home, NULL, &path, &err) != 0)
		fail_msg("result_save: %s", err);
	score_free(&sc);
	free(path);
	session_free(s);
	unsetenv("CERTSIM_NOW");
}

static int
setup(void **state)
{
	if (tmpdir_setup(state, "result-cache") < 0)
		return -1;
	unsetenv("CERTSIM_NO_CACHE");
	char *dir = home_path(*state, HOME_RESULTS);
	if (dir == NULL || mkdir(dir, 0700) != 0)
		return -1;
	free(dir);
	for (int k = 0; k < N_RESULTS; k++) {
		char iso[32];
		snprintf(iso, sizeof iso, "2026-03-0%dT10:00:00.000Z", k + 1);
		save_quiz(*state, iso, (uint64_t)(100 + k), (size_t)(3 + 2 * k));
	}
	return 0;
}

/* history --json of home, with the cache on or off (CERTSIM_NO_CACHE). Caller frees. */
static char *
history_text(const char *home, int cache)
{
	struct history h;
	char *err = NULL, *text;
	if (cache)
		unsetenv("CERTSIM_NO_CACHE");
	else
		setenv("CERTSIM_NO_CACHE", "1", 1);
	assert_int_equal(history_load(home, 1, &h, &err), 0);
	text = history_json(&h, bank);
	assert_non_null(text);
	history_free(&h);
	unsetenv("CERTSIM_NO_CACHE");
	return text;
}

/* The cache of home as history_load opens it. */
static struct result_cache *
open_cache(const char *home)
{
	char *pubpath = home_path(home, HOME_PUBKEY), *pub = NULL, *err = NULL;
	size_t len;
	unsigned char ctx[32], mac[32];
	assert_int_equal(fsutil_read_file(pubpath, 65536, &pub, &len, &err), 0);
	assert_int_equal(result_cache_mac_key(home, mac), 0);
	result_cache_context(pub, len, NULL, ctx);
	struct result_cache *c = result_cache_open(home, ctx, mac);
	assert_non_null(c);
	free(pub);
	free(pubpath);
	return c;
}

/* The key of results/name as it is on disk now. */
static void
key_of(const char *home, const char *name, struct result_cache_key *k, char **path)
{
	char *text = NULL, *sig = NULL, *sigpath, *err = NULL;
	size_t len, slen;
	char *dir = home_path(home, HOME_RESULTS);
	*path = join(dir, name);
	sigpath = fsutil_asprintf("%s.minisig", *path);
	assert_int_equal(fsutil_read_file(*path, RESULT_FILE_LIMIT, &text, &len, &err), 0);
	assert_int_equal(fsutil_read_file(sigpath, 65536, &sig, &slen, &err), 0);
	assert_int_equal(result_cache_key_of(*path, text, len, sig, slen, k), 0);
	free(text);
	free(sig);
	free(sigpath);
	free(dir);
}

/* The name of the k-th result file (sorted), caller frees. */
static char *
result_name(const char *home, int k)
{
	char *dir = home_path(home, HOME_RESULTS);
	struct dirent **v;
	int n = scandir(dir, &v, NULL, alphasort), seen = 0;
	char *name = NULL;
	assert_true(n > 0);
	for (int i = 0; i < n; i++) {
		size_t l = strlen(v[i]->d_name);
		if (name == NULL && l > 5 && strcmp(v[i]->d_name + l - 5, ".json") == 0 &&
		    seen++ == k)
			name = fsutil_asprintf("%s", v[i]->d_name);
		free(v[i]);
	}
	free(v);
	free(dir);
	assert_non_null(name);
	return name;
}

/* Whether the entry for the k-th result is a hit for key *k (and, if so, equals the file). */
static int
is_hit(struct result_cache *c, const char *home, int idx, struct result_cache_key *alter)
{
	char *name = result_name(home, idx), *path, *reason = NULL, *err = NULL;
	struct result_cache_key k;
	struct result_file *r = NULL, *want = NULL;
	enum attempt_sig sig;
	key_of(home, name, &k, &path);
	if (alter != NULL)
		k = *alter;
	int hit = result_cache_get(c, name, path, &k, &r, &sig, &reason);
	if (hit) {
		assert_int_equal(result_read(path, &want, &err), 0);
		assert_string_equal(r->path, path);
		assert_string_equal(r->finished_at, want->finished_at);
		assert_int_equal(r->n_items, want->n_items);
		assert_int_equal(r->score.correct, want->score.correct);
		/* The fields results gained with issue 10 survive the cache too. */
		assert_true((r->bank_path == NULL) == (want->bank_path == NULL));
		if (want->bank_path != NULL)
			assert_string_equal(r->bank_path, want->bank_path);
		for (size_t i = 0; i < r->n_items; i++) {
			assert_string_equal(r->items[i].id, want->items[i].id);
			assert_int_equal(r->items[i].n_shown, want->items[i].n_shown);
			assert_int_equal(r->items[i].complete, want->items[i].complete);
			assert_true((r->items[i].qhash == NULL) == (want->items[i].qhash == NULL));
			if (want->items[i].qhash != NULL)
				assert_string_equal(r->items[i].qhash, want->items[i].qhash);
		}
		assert_int_equal(sig, ATTEMPT_SIG_VALID);
		assert_null(reason);
	}
	result_file_free(r);
	result_file_free(want);
	free(reason);
	free(path);
	free(name);
	return hit;
}

static char *
index_path(const char *home)
{
	return home_path(home, HOME_CACHE);
}

static void
test_hit_and_same_output(void **state)
{
	const char *home = *state;
	char *plain = history_text(home, 0), *ip = index_path(home);
	struct stat st0, st1;
	assert_int_equal(access(ip, F_OK), -1); /* off: no index written */
	char *first = history_text(home, 1);
	assert_int_equal(stat(ip, &st0), 0);
	char *second = history_text(home, 1);
	assert_string_equal(first, plain);
	assert_string_equal(second, plain);
	/* A load that changed nothing does not rewrite the index. */
	assert_int_equal(stat(ip, &st1), 0);
	assert_int_equal(st0.st_ino, st1.st_ino);
	struct result_cache *c = open_cache(home);
	for (int k = 0; k < N_RESULTS; k++)
		assert_true(is_hit(c, home, k, NULL));
	result_cache_free(c);
	free(plain);
	free(first);
	free(second);
	free(ip);
}

static void
test_stale_entries(void **state)
{
	const char *home = *state;
	free(history_text(home, 1));
	struct result_cache *c = open_cache(home);
	char *name = result_name(home, 1), *path;
	struct result_cache_key k, x;
	key_of(home, name, &k, &path);
	x = k;
	x.size++;
	assert_false(is_hit(c, home, 1, &x));
	x = k;
	x.mtime_ns += 1;
	assert_false(is_hit(c, home, 1, &x));
	x = k;
	x.hash[7] ^= 1;
	assert_false(is_hit(c, home, 1, &x));
	x = k;
	x.sig_hash[0] ^= 0x80;
	assert_false(is_hit(c, home, 1, &x));
	x = k;
	x.sig_mtime_ns -= 1;
	assert_false(is_hit(c, home, 1, &x));
	assert_true(is_hit(c, home, 1, &k));
	/* An entry made under another key is not used. */
	unsigned char other[32], mac[32];
	assert_int_equal(result_cache_mac_key(home, mac), 0);
	result_cache_context("key", 3, NULL, other);
	struct result_cache *c2 = result_cache_open(home, other, mac);
	assert_false(is_hit(c2, home, 1, NULL));
	result_cache_free(c2);
	result_cache_free(c);
	free(path);
	free(name);
}

/* Change the byte at off of the index (or cut it to off bytes when cut). */
static void
damage_index(const char *home, size_t off, int cut)
{
	char *ip = index_path(home), *buf = NULL, *err = NULL;
	size_t len;
	assert_int_equal(fsutil_read_file(ip, 1u << 30, &buf, &len, &err), 0);
	assert_true(off < len);
	buf[off] ^= 0x01;
	put_plain(ip, buf, cut ? off : len, 0600);
	free(buf);
	free(ip);
}

static void
test_damaged_index_rebuilds(void **state)
{
	const char *home = *state;
	char *plain = history_text(home, 0);
	const size_t offs[] = { 0, 8, 12, 30, 60, 88, 200, 1000 };
	for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
		for (int cut = 0; cut < 2; cut++) {
			free(history_text(home, 1));
			damage_index(home, offs[i], cut);
			struct result_cache *c = open_cache(home);
			for (int k = 0; k < N_RESULTS; k++)
				assert_false(is_hit(c, home, k, NULL));
			result_cache_free(c);
			char *again = history_text(home, 1);
			assert_string_equal(again, plain);
			free(again);
			c = open_cache(home); /* rebuilt by that load */
			for (int k = 0; k < N_RESULTS; k++)
				assert_true(is_hit(c, home, k, NULL));
			result_cache_free(c);
		}
	}
	free(plain);
}

static void
test_wrong_version(void **state)
{
	const char *home = *state;
	char *ip = index_path(home), *buf = NULL, *err = NULL;
	size_t len;
	free(history_text(home, 1));
	assert_int_equal(fsutil_read_file(ip, 1u << 30, &buf, &len, &err), 0);
	assert_int_equal((unsigned char)buf[8], RESULT_CACHE_VERSION);
	buf[8] = (char)(RESULT_CACHE_VERSION + 1);
	put_plain(ip, buf, len, 0600);
	struct result_cache *c = open_cache(home);
	assert_false(is_hit(c, home, 0, NULL));
	result_cache_free(c);
	free(history_text(home, 1));
	c = open_cache(home);
	assert_true(is_hit(c, home, 0, NULL));
	result_cache_free(c);
	free(buf);
	free(ip);
}

/*
 * A result altered after it was cached as valid, keeping its size and
 * mtime: only the content hash differs, and the file is verified again.
 */
static void
test_tampered_result_not_trusted(void **state)
{
	const char *home = *state;
	char *name = result_name(home, 2), *path, *text = NULL, *err = NULL;
	struct result_cache_key k;
	struct stat st;
	size_t len;
	free(history_text(home, 1));
	key_of(home, name, &k, &path);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(fsutil_read_file(path, RESULT_FILE_LIMIT, &text, &len, &err), 0);
	char *p = strstr(text, "\"scaled\":");
	assert_non_null(p);
	p += strlen("\"scaled\":");
	while (*p == ' ' || *p == '\t')
		p++;
	assert_true(*p >= '0' && *p <= '9');
	*p = *p == '9' ? '8' : (char)(*p + 1); /* same length, another score */
	put_plain(path, text, len, 0644);
	struct timespec ts[2] = { st.st_atim, st.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	struct result_cache_key now;
	char *path2;
	key_of(home, name, &now, &path2);
	assert_int_equal(now.size, k.size);
	assert_int_equal(now.mtime_ns, k.mtime_ns);
	struct history h;
	assert_int_equal(history_load(home, 1, &h, &err), 0);
	int found = 0;
	for (size_t i = 0; i < h.n; i++) {
		if (strcmp(h.v[i].path, path) != 0) {
			assert_int_equal(h.v[i].sig, ATTEMPT_SIG_VALID);
			continue;
		}
		found = 1;
		assert_int_equal(h.v[i].sig, ATTEMPT_SIG_INVALID);
		assert_contains(h.v[i].sig_reason, "signature check failed");
	}
	assert_true(found);
	history_free(&h);
	char *cached = history_text(home, 1), *plain = history_text(home, 0);
	assert_string_equal(cached, plain);
	assert_contains(cached, "INVALID");
	free(cached);
	free(plain);
	free(text);
	free(path);
	free(path2);
	free(name);
}

/*
 * An index edited by someone without the secret key (here: a cached score
 * changed and the body's checksum recomputed without the key) is not
 * accepted: every entry is a miss, and the load shows the files' scores.
 */
static void
test_forged_index_not_trusted(void **state)
{
	const char *home = *state;
	char *ip = index_path(home), *buf = NULL, *err = NULL, *plain = history_text(home, 0);
	size_t len;
	free(history_text(home, 1));
	assert_int_equal(fsutil_read_file(ip, 1u << 30, &buf, &len, &err), 0);
	assert_true(len > 200);
	buf[len - 100] ^= 0x01;
	crypto_generichash((unsigned char *)buf + 56, 32, (unsigned char *)buf + 88, len - 88, NULL,
	                   0);
	put_plain(ip, buf, len, 0600);
	struct result_cache *c = open_cache(home);
	for (int k = 0; k < N_RESULTS; k++)
		assert_false(is_hit(c, home, k, NULL));
	result_cache_free(c);
	char *again = history_text(home, 1);
	assert_string_equal(again, plain);
	free(again);
	free(plain);
	free(buf);
	free(ip);
}

/* An index that cannot be written: the load still succeeds, with the same output. */
static void
test_unwritable_cache(void **state)
{
	const char *home = *state;
	char *dir = join(home, "cache"), *plain = history_text(home, 0);
	put_plain(dir, "x", 1, 0600); /* a file where the directory should be */
	char *cached = history_text(home, 1);
	assert_string_equal(cached, plain);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	free(cached);
	free(plain);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hit_and_same_output, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_stale_entries, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_damaged_index_rebuilds, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_wrong_version, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_tampered_result_not_trusted, setup,
		                                teardown_tmp),
		cmocka_unit_test_setup_teardown(test_forged_index_not_trusted, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_unwritable_cache, setup, teardown_tmp),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
