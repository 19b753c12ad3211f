/* Helpers shared by the unit tests: assertions, temp dirs, files, the bank. */
#ifndef CERTSIM_TESTUTIL_H
#define CERTSIM_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"

/* Fails the test unless the string hay (NULL fails too) contains needle. */
#define assert_contains(hay, needle)                                         \
	do {                                                                 \
		const char *h_ = (hay), *n_ = (needle);                      \
		if (h_ == NULL || strstr(h_, n_) == NULL)                    \
			fail_msg("\"%s\" does not contain \"%s\"",           \
			    h_ != NULL ? h_ : "(null)", n_);                 \
	} while (0)

/*
 * Remove path and, when it is a directory, everything below it (links are
 * removed, not followed). A missing path is fine; other failures are
 * ignored. Fails the test only when out of memory.
 */
static inline void
rm_rf(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	char *sub;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			sub = fsutil_asprintf("%s/%s", path, e->d_name);
			assert_non_null(sub);
			rm_rf(sub);
			free(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/*
 * A new empty directory "/tmp/PREFIX-XXXXXX" (mkdtemp, mode 0700). Returns
 * its path (the caller frees it, and removes the directory with rm_rf), or
 * NULL when it cannot be made.
 */
static inline char *
tmpdir_make(const char *prefix)
{
	char *path = fsutil_asprintf("/tmp/%s-XXXXXX", prefix);

	if (path != NULL && mkdtemp(path) == NULL) {
		free(path);
		path = NULL;
	}
	return path;
}

/*
 * The body of a per-test cmocka setup: sets *state to a new directory from
 * tmpdir_make(prefix) and returns 0, or returns -1 (the test does not run).
 * Pair it with teardown_tmp, which cmocka runs even when the test fails.
 */
static inline int
tmpdir_setup(void **state, const char *prefix)
{
	*state = tmpdir_make(prefix);
	return *state == NULL ? -1 : 0;
}

/* cmocka teardown for tmpdir_setup: removes and frees *state; returns 0. */
static inline int
teardown_tmp(void **state)
{
	rm_rf(*state);
	free(*state);
	return 0;
}

/* "dir/name" in a new string (the caller frees); fails the test on ENOMEM. */
static inline char *
join(const char *dir, const char *name)
{
	char *p = fsutil_asprintf("%s/%s", dir, name);

	assert_non_null(p);
	return p;
}

/*
 * Write len bytes of data to path with fsutil_write_atomic, the file getting
 * exactly mode. Fails the test, with fsutil's message, when that fails.
 */
static inline void
put_file(const char *path, const void *data, size_t len, mode_t mode)
{
	char *err = NULL;

	if (fsutil_write_atomic(path, data, len, mode, &err) != 0)
		fail_msg("%s", err);
}

/*
 * Write len bytes of data to path in place: created with mode (less the
 * umask) or truncated, one write, no temporary file and no fsync. For sweeps
 * that rewrite a file thousands of times, and for the tests of fsutil, whose
 * inputs must not be written by the code under test. Fails the test when
 * the file cannot be opened, written in full or closed.
 */
static inline void
put_plain(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

/*
 * The whole file at path (at most max bytes) in a new NUL-terminated buffer
 * the caller frees; its length goes to *len unless len is NULL. Fails the
 * test, with fsutil's message, when the file cannot be read or is larger.
 */
static inline char *
get_file(const char *path, size_t max, size_t *len)
{
	/*
	 * buf is an array, not a plain pointer: once this is inlined, GCC 12
	 * takes the result for a pointer to buf itself (-Wdangling-pointer).
	 */
	char *buf[1] = { NULL }, *err = NULL;
	size_t n = 0;

	if (fsutil_read_file(path, max, buf, &n, &err) != 0)
		fail_msg("%s", err);
	if (len != NULL)
		*len = n;
	return buf[0];
}

/*
 * Load the bank in dir into *out (free it with bank_free) and return 0. When
 * it does not load, or with strict when it loads with any diagnostic at
 * all, print the diagnostics to stderr, set *out to NULL and return -1. For
 * cmocka group setups, which can only report failure by their result.
 */
static inline int
load_bank_dir(const char *dir, int strict, struct bank **out)
{
	struct diag d = { 0 };

	if (bank_load(dir, &d, out) != 0 || (strict && d.n != 0)) {
		diag_print(&d, stderr);
		diag_free(&d);
		bank_free(*out);
		*out = NULL;
		return -1;
	}
	diag_free(&d);
	return 0;
}

/* The bundled bank while a group set up by load_bank runs; NULL otherwise. */
static struct bank *bank;

/* cmocka group setup: BUNDLED_BANK into bank (warnings are fine); 0 or -1. */
static inline int
load_bank(void **state)
{
	(void)state;
	return load_bank_dir(BUNDLED_BANK, 0, &bank);
}

/* cmocka group teardown for load_bank: frees bank, sets it NULL; returns 0. */
static inline int
free_bank(void **state)
{
	(void)state;
	bank_free(bank);
	bank = NULL;
	return 0;
}

/*
 * The index of the first standalone question in the bundled bank of type,
 * with n_key key entries (any number when n_key is 0). Fails the test when
 * there is none.
 */
static inline int
find_q(enum question_type type, int n_key)
{
	for (size_t i = 0; i < bank->n_questions; i++) {
		const struct question *q = &bank->questions[i];

		if (q->type == type && q->case_study < 0 &&
		    (n_key == 0 || q->n_key == n_key))
			return (int)i;
	}
	fail_msg("no %s question with %d key entries in the bundled bank",
	    bank_type_name(type), n_key);
	return -1;
}

/*
 * A draw item for question q of the bundled bank: its options shown in the
 * bank's order, or in reverse order with reversed; matching prompts always
 * in the bank's order.
 */
static inline struct draw_item
item_for(int q, int reversed)
{
	struct draw_item it;
	const struct question *qq = &bank->questions[q];

	memset(&it, 0, sizeof it);
	it.q = q;
	it.n_perm = qq->n_choices;
	for (int i = 0; i < qq->n_choices; i++)
		it.perm[i] = reversed ? qq->n_choices - 1 - i : i;
	if (qq->type == Q_MATCHING) {
		it.n_pperm = qq->n_prompts;
		for (int i = 0; i < qq->n_prompts; i++)
			it.pperm[i] = i;
	}
	return it;
}

/* The first option of q that is not in its key, or -1 when all of them are. */
static inline int
first_outside_key(const struct question *q)
{
	for (int c = 0; c < q->n_choices; c++) {
		int in = 0;

		for (int k = 0; k < q->n_key; k++)
			in |= q->key[k] == c;
		if (!in)
			return c;
	}
	return -1;
}

#endif
