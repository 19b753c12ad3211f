/* Unit tests for fsutil: whole-file reads, atomic writes, mkdirs, asprintf. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "certsim/fsutil.h"

#include "testutil.h"

static int
setup_tmp(void **state)
{
	return tmpdir_setup(state, "certsim-fsutil");
}

/* Number of directory entries whose name contains ".tmp.". */
static int
count_temps(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strstr(e->d_name, ".tmp.") != NULL)
			n++;
	closedir(d);
	return n;
}

static void
assert_file_is(const char *path, const char *want)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	if (fsutil_read_file(path, 1 << 24, &buf, &len, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(len, strlen(want));
	assert_string_equal(buf, want);
	free(buf);
}

static void
test_read_file_roundtrip(void **state)
{
	char *path = join(*state, "data");
	static const char data[] = "hello\0world\n";
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	put_plain(path, data, sizeof data - 1, 0666);
	assert_int_equal(fsutil_read_file(path, 100, &buf, &len, &err), 0);
	assert_null(err);
	assert_int_equal(len, sizeof data - 1);
	assert_memory_equal(buf, data, sizeof data - 1);
	assert_int_equal(buf[len], '\0');
	free(buf);
	free(path);
}

static void
test_read_file_empty(void **state)
{
	char *path = join(*state, "empty");
	char *buf = NULL, *err = NULL;
	size_t len = 99;

	put_plain(path, "", 0, 0666);
	assert_int_equal(fsutil_read_file(path, 0, &buf, &len, &err), 0);
	assert_int_equal(len, 0);
	assert_non_null(buf);
	assert_int_equal(buf[0], '\0');
	free(buf);
	free(path);
}

static void
test_read_file_big(void **state)
{
	char *path = join(*state, "big");
	size_t n = 3 * 1024 * 1024 + 7, i, len = 0;
	char *data = malloc(n), *buf = NULL, *err = NULL;

	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	put_plain(path, data, n, 0666);
	assert_int_equal(fsutil_read_file(path, n, &buf, &len, &err), 0);
	assert_int_equal(len, n);
	assert_memory_equal(buf, data, n);
	free(buf);
	free(data);
	free(path);
}

static void
test_read_file_missing(void **state)
{
	char *path = join(*state, "no-such-file");
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	assert_int_equal(fsutil_read_file(path, 100, &buf, &len, &err), -1);
	assert_null(buf);
	assert_contains(err, path);
	assert_contains(err, "No such file or directory");
	free(err);
	free(path);
}

static void
test_read_file_not_regular(void **state)
{
	char *fifo = join(*state, "fifo");
	char *buf = NULL, *err = NULL;
	size_t len = 0;

	assert_int_equal(fsutil_read_file(*state, 100, &buf, &len, &err), -1);
	assert_contains(err, *state);
	assert_contains(err, "not a regular file");
	free(err);
	err = NULL;

	/* A FIFO with no writer must be refused, not block. */
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(fsutil_read_file(fifo, 100, &buf, &len, &err), -1);
	assert_contains(err, fifo);
	assert_contains(err, "not a regular file");
	free(err);
	free(fifo);
}

static void
test_read_file_limit(void **state)
{
	char *path = join(*state, "hundred");
	char data[100], *buf = NULL, *err = NULL, *want;
	size_t len = 0;

	memset(data, 'x', sizeof data);
	put_plain(path, data, sizeof data, 0666);

	assert_int_equal(fsutil_read_file(path, 99, &buf, &len, &err), -1);
	assert_null(buf);
	want = fsutil_asprintf("%s: file is too large (100 bytes; the limit "
	    "is 99 bytes)", path);
	assert_string_equal(err, want);
	free(want);
	free(err);
	err = NULL;

	assert_int_equal(fsutil_read_file(path, 100, &buf, &len, &err), 0);
	assert_int_equal(len, 100);
	free(buf);
	free(path);
}

static void
test_write_atomic_create_replace(void **state)
{
	char *path = join(*state, "out.txt");
	char *err = NULL;
	struct stat st;

	assert_int_equal(fsutil_write_atomic(path, "first\n", 6, 0640, &err),
	    0);
	assert_null(err);
	assert_file_is(path, "first\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);

	assert_int_equal(fsutil_write_atomic(path, "second, longer\n", 15,
	    0600, &err), 0);
	assert_file_is(path, "second, longer\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	assert_int_equal(fsutil_write_atomic(path, "", 0, 0644, &err), 0);
	assert_file_is(path, "");
	assert_int_equal(count_temps(*state), 0);
	free(path);
}

static void
test_write_atomic_large(void **state)
{
	char *path = join(*state, "large");
	size_t n = 5 * 1024 * 1024, i, len = 0;
	char *data = malloc(n), *buf = NULL, *err = NULL;

	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 + i / 251);
	assert_int_equal(fsutil_write_atomic(path, data, n, 0644, &err), 0);
	assert_int_equal(fsutil_read_file(path, n, &buf, &len, &err), 0);
	assert_int_equal(len, n);
	assert_memory_equal(buf, data, n);
	assert_int_equal(count_temps(*state), 0);
	free(buf);
	free(data);
	free(path);
}

static void
test_write_atomic_bad_dir(void **state)
{
	char *file = join(*state, "file-as-dir");
	char *under_file = join(file, "out");
	char *missing = join(*state, "no-such-dir/out");
	char *err = NULL;

	put_plain(file, "x", 1, 0666);
	assert_int_equal(fsutil_write_atomic(under_file, "data", 4, 0644,
	    &err), -1);
	assert_contains(err, "cannot write ");
	assert_contains(err, under_file);
	assert_contains(err, "Not a directory");
	free(err);
	err = NULL;

	assert_int_equal(fsutil_write_atomic(missing, "data", 4, 0644, &err),
	    -1);
	assert_contains(err, missing);
	assert_contains(err, "No such file or directory");
	free(err);

	assert_file_is(file, "x");
	assert_int_equal(count_temps(*state), 0);
	free(missing);
	free(under_file);
	free(file);
}

static void
test_write_atomic_rename_fails(void **state)
{
	char *dir = join(*state, "target-is-a-dir");
	char *inner = join(dir, "keep");
	char *err = NULL;
	struct stat st;

	assert_int_equal(mkdir(dir, 0700), 0);
	put_plain(inner, "kept", 4, 0666);
	assert_int_equal(fsutil_write_atomic(dir, "data", 4, 0644, &err), -1);
	assert_contains(err, "cannot write ");
	assert_contains(err, dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_file_is(inner, "kept");
	assert_int_equal(count_temps(*state), 0);
	free(err);
	free(inner);
	free(dir);
}

/* A write that fails half way (file size limit) leaves the old file. */
static void
test_write_atomic_write_fails(void **state)
{
	char *path = join(*state, "precious");
	char big[8192], *err = NULL;
	struct rlimit old, small;
	void (*old_handler)(int);
	int rc;

	put_plain(path, "original\n", 9, 0666);
	memset(big, 'z', sizeof big);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1000;
	old_handler = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	rc = fsutil_write_atomic(path, big, sizeof big, 0644, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, old_handler);

	assert_int_equal(rc, -1);
	assert_contains(err, "cannot write ");
	assert_contains(err, path);
	assert_contains(err, strerror(EFBIG));
	assert_file_is(path, "original\n");
	assert_int_equal(count_temps(*state), 0);
	free(err);
	free(path);
}

static void
test_mkdirs(void **state)
{
	char *deep = join(*state, "a/b/c");
	char *mid = join(*state, "a/b");
	char *messy = join(*state, "x//y///z/");
	char *z = join(*state, "x/y/z");
	char *err = NULL;
	struct stat st;

	assert_int_equal(fsutil_mkdirs(deep, 0700, &err), 0);
	assert_null(err);
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(mid, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);

	assert_int_equal(fsutil_mkdirs(deep, 0700, &err), 0);
	assert_int_equal(fsutil_mkdirs(*state, 0700, &err), 0);
	assert_int_equal(fsutil_mkdirs("/", 0700, &err), 0);

	assert_int_equal(fsutil_mkdirs(messy, 0750, &err), 0);
	assert_int_equal(stat(z, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0750);
	free(z);
	free(messy);
	free(mid);
	free(deep);
}

static void
test_mkdirs_fails(void **state)
{
	char *file = join(*state, "plain-file");
	char *under = join(file, "sub/dir");
	char *err = NULL, *want;

	put_plain(file, "x", 1, 0666);
	assert_int_equal(fsutil_mkdirs(under, 0700, &err), -1);
	assert_contains(err, "cannot create directory ");
	assert_contains(err, under);
	want = fsutil_asprintf("%s exists and is not a directory", file);
	assert_contains(err, want);
	free(want);
	free(err);
	err = NULL;

	assert_int_equal(fsutil_mkdirs(file, 0700, &err), -1);
	assert_contains(err, file);
	assert_contains(err, "is not a directory");
	free(err);
	err = NULL;

	assert_int_equal(fsutil_mkdirs("", 0700, &err), -1);
	assert_non_null(err);
	free(err);
	free(under);
	free(file);
}

static void
test_asprintf(void **state)
{
	char *s, *big;
	size_t i;

	(void)state;
	s = fsutil_asprintf("%s-%d-%zu", "abc", -42, (size_t)7);
	assert_string_equal(s, "abc--42-7");
	free(s);

	s = fsutil_asprintf("%s", "");
	assert_string_equal(s, "");
	free(s);

	big = malloc(20001);
	assert_non_null(big);
	for (i = 0; i < 20000; i++)
		big[i] = (char)('0' + i % 10);
	big[20000] = '\0';
	s = fsutil_asprintf("[%s]", big);
	assert_int_equal(strlen(s), 20002);
	assert_int_equal(s[0], '[');
	assert_memory_equal(s + 1, big, 20000);
	assert_int_equal(s[20001], ']');
	free(s);
	free(big);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup_tmp, teardown_tmp)

static void
test_grow(void **state)
{
	int *v = NULL;
	size_t cap = 0, n = 0;
	(void)state;
	/* The first element allocates first entries; then the array doubles. */
	for (int i = 0; i < 100; i++) {
		assert_int_equal(fsutil_grow(&v, &cap, n, sizeof *v, 4), 0);
		assert_true(n < cap);
		v[n++] = i;
	}
	assert_int_equal(cap, 128);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i);
	/* Room left: nothing changes. */
	int *before = v;
	assert_int_equal(fsutil_grow(&v, &cap, 50, sizeof *v, 4), 0);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 128);
	/* A size that would overflow fails with the array and cap unchanged. */
	size_t huge = SIZE_MAX / 2 + 1;
	assert_int_equal(fsutil_grow(&v, &huge, huge, 1, 4), -1);
	assert_ptr_equal(v, before);
	assert_int_equal(huge, SIZE_MAX / 2 + 1);
	cap = 128;
	assert_int_equal(fsutil_grow(&v, &cap, 128, SIZE_MAX / 200, 4), -1);
	assert_int_equal(cap, 128);
	assert_ptr_equal(v, before);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_read_file_roundtrip),
		T(test_read_file_empty),
		T(test_read_file_big),
		T(test_read_file_missing),
		T(test_read_file_not_regular),
		T(test_read_file_limit),
		T(test_write_atomic_create_replace),
		T(test_write_atomic_large),
		T(test_write_atomic_bad_dir),
		T(test_write_atomic_rename_fails),
		T(test_write_atomic_write_fails),
		T(test_mkdirs),
		T(test_mkdirs_fails),
		cmocka_unit_test(test_asprintf),
		cmocka_unit_test(test_grow),
	};

	umask(022);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
