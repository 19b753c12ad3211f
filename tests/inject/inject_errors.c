/*
 * I/O fault injection for the end-to-end tests (LD_PRELOAD, as jq's
 * src/inject_errors.c): makes chosen file-system calls fail with a chosen
 * errno, after N calls, on paths matching a pattern, or while a trigger
 * file exists. Configured by environment variables:
 *
 *   INJECT_FUNCS    comma-separated calls to fail (default: all of them):
 *                   open (also openat, creat), mkstemp (also mkostemp),
 *                   write, fsync, fdatasync, rename (also renameat),
 *                   mkdir, fchmod
 *   INJECT_ERRNO    ENOSPC, EROFS, EACCES, EIO, ENOENT, EDQUOT, EPERM or a
 *                   number (default EIO)
 *   INJECT_PATH     fnmatch(3) pattern ('*' also matches '/') the call's
 *                   path must match; for calls on a descriptor, the path
 *                   it was opened with (/proc/self/fd). Unset: any path.
 *   INJECT_AFTER    let this many matching calls succeed first (default 0)
 *   INJECT_TIMES    fail at most this many calls, then succeed again
 *                   (default: no limit)
 *   INJECT_TRIGGER  a file: inject only while it exists (so a test can
 *                   switch faults on and off while the program runs)
 *   INJECT_LOG      append one line per injected failure to this file
 *
 * Calls on descriptors that are not regular files or directories (a
 * terminal, a pipe: the program's own output) are never failed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum fn { F_OPEN, F_MKSTEMP, F_WRITE, F_FSYNC, F_FDATASYNC, F_RENAME, F_MKDIR, F_FCHMOD, F_N };

static const char *const fn_names[F_N] = { "open", "mkstemp", "write", "fsync",
	                                   "fdatasync", "rename", "mkdir", "fchmod" };

static struct {
	int ready;
	int funcs[F_N];
	int err;
	const char *path;
	long after, times;
	const char *trigger, *log;
	long matched, failed;
} cfg;

static int (*real_open)(const char *, int, ...);
static int (*real_openat)(int, const char *, int, ...);
static int (*real_mkstemp)(char *);
static int (*real_mkostemp)(char *, int);
static ssize_t (*real_write)(int, const void *, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_rename)(const char *, const char *);
static int (*real_renameat)(int, const char *, int, const char *);
static int (*real_mkdir)(const char *, mode_t);
static int (*real_fchmod)(int, mode_t);

#define REAL(sym)                                                \
	do {                                                     \
		if (real_##sym == NULL)                          \
			*(void **)&real_##sym = dlsym(RTLD_NEXT, #sym); \
		if (real_##sym == NULL)                          \
			abort();                                 \
	} while (0)

static const struct {
	const char *name;
	int value;
} errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EROFS", EROFS }, { "EACCES", EACCES }, { "EIO", EIO },
	{ "ENOENT", ENOENT }, { "EDQUOT", EDQUOT }, { "EPERM", EPERM }, { "ENOMEM", ENOMEM },
};

static void
setup(void)
{
	const char *s;
	if (cfg.ready)
		return;
	cfg.ready = 1;
	s = getenv("INJECT_FUNCS");
	for (int i = 0; i < F_N; i++) {
		size_t n = strlen(fn_names[i]);
		const char *p = s;
		cfg.funcs[i] = s == NULL || *s == '\0';
		while (p != NULL && *p) {
			if (strncmp(p, fn_names[i], n) == 0 && (p[n] == ',' || p[n] == '\0'))
				cfg.funcs[i] = 1;
			p = strchr(p, ',');
			p = p ? p + 1 : NULL;
		}
	}
	cfg.err = EIO;
	if ((s = getenv("INJECT_ERRNO")) != NULL && *s) {
		cfg.err = atoi(s) > 0 ? atoi(s) : EIO;
		for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++)
			if (strcmp(s, errnos[i].name) == 0)
				cfg.err = errnos[i].value;
	}
	cfg.path = getenv("INJECT_PATH");
	if (cfg.path != NULL && *cfg.path == '\0')
		cfg.path = NULL;
	cfg.after = (s = getenv("INJECT_AFTER")) ? atol(s) : 0;
	cfg.times = (s = getenv("INJECT_TIMES")) && *s ? atol(s) : -1;
	cfg.trigger = getenv("INJECT_TRIGGER");
	cfg.log = getenv("INJECT_LOG");
}

/* The path a descriptor was opened with, if it is a regular file or directory. */
static int
fd_path(int fd, char *buf, size_t size)
{
	struct stat st;
	char link[64];
	ssize_t n;
	if (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
		return -1;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

static void
log_failure(enum fn f, const char *path)
{
	char line[4200];
	int fd, n;
	if (cfg.log == NULL)
		return;
	REAL(open);
	REAL(write);
	n = snprintf(line, sizeof line, "inject: %s(%s): %s\n", fn_names[f], path,
	             strerror(cfg.err));
	fd = real_open(cfg.log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (real_write(fd, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : 0) < 0)
			n = 0;
		close(fd);
	}
}

/* Whether path is one the faults apply to (the trigger file, if any, exists). */
static int
matches(enum fn f, const char *path)
{
	struct stat st;
	int saved = errno, ok;
	setup();
	ok = cfg.funcs[f] && path != NULL &&
	     (cfg.path == NULL || fnmatch(cfg.path, path, 0) == 0) &&
	     (cfg.trigger == NULL || stat(cfg.trigger, &st) == 0);
	errno = saved;
	return ok;
}

/* Count a matching call; whether it fails (then errno is set). */
static int
fail_now(enum fn f, const char *path)
{
	if (cfg.matched++ < cfg.after)
		return 0;
	if (cfg.times >= 0 && cfg.failed >= cfg.times)
		return 0;
	cfg.failed++;
	log_failure(f, path);
	errno = cfg.err;
	return 1;
}

static int
inject(enum fn f, const char *path)
{
	return matches(f, path) && fail_now(f, path);
}

static int
inject_fd(enum fn f, int fd)
{
	char path[4096];
	int saved = errno;
	setup();
	if (!cfg.funcs[f] || fd_path(fd, path, sizeof path) != 0) {
		errno = saved;
		return 0;
	}
	errno = saved;
	return inject(f, path);
}

static mode_t
mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int
open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	REAL(open);
	if (inject(F_OPEN, path))
		return -1;
	return real_open(path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	REAL(open);
	if (inject(F_OPEN, path))
		return -1;
	return real_open(path, flags | O_LARGEFILE, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;
	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	REAL(openat);
	if (inject(F_OPEN, path))
		return -1;
	return real_openat(dirfd, path, flags, mode);
}

int
creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int
mkstemp(char *tmpl)
{
	REAL(mkstemp);
	if (inject(F_MKSTEMP, tmpl))
		return -1;
	return real_mkstemp(tmpl);
}

int
mkstemp64(char *tmpl)
{
	return mkstemp(tmpl);
}

int
mkostemp(char *tmpl, int flags)
{
	REAL(mkostemp);
	if (inject(F_MKSTEMP, tmpl))
		return -1;
	return real_mkostemp(tmpl, flags);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (inject_fd(F_WRITE, fd))
		return -1;
	return real_write(fd, buf, n);
}

int
fsync(int fd)
{
	REAL(fsync);
	if (inject_fd(F_FSYNC, fd))
		return -1;
	return real_fsync(fd);
}

int
fdatasync(int fd)
{
	REAL(fdatasync);
	if (inject_fd(F_FDATASYNC, fd))
		return -1;
	return real_fdatasync(fd);
}

int
rename(const char *from, const char *to)
{
	REAL(rename);
	if (matches(F_RENAME, to) ? fail_now(F_RENAME, to) : inject(F_RENAME, from))
		return -1;
	return real_rename(from, to);
}

int
renameat(int fromfd, const char *from, int tofd, const char *to)
{
	REAL(renameat);
	if (matches(F_RENAME, to) ? fail_now(F_RENAME, to) : inject(F_RENAME, from))
		return -1;
	return real_renameat(fromfd, from, tofd, to);
}

int
mkdir(const char *path, mode_t mode)
{
	REAL(mkdir);
	if (inject(F_MKDIR, path))
		return -1;
	return real_mkdir(path, mode);
}

int
fchmod(int fd, mode_t mode)
{
	REAL(fchmod);
	if (inject_fd(F_FCHMOD, fd))
		return -1;
	return real_fchmod(fd, mode);
}
