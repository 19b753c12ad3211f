/* File helpers: whole-file reads, atomic writes, mkdir -p and asprintf. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "certsim/fsutil.h"

void
fsutil_set_err(char **err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	*err = fsutil_vasprintf(fmt, ap);
	va_end(ap);
}

char *
fsutil_vasprintf(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;

	/* The first pass only measures; ap is walked twice. */
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
fsutil_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = fsutil_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}

int
fsutil_read_file(const char *path, size_t max, char **buf, size_t *len, char **err)
{
	struct stat st;
	char *data = NULL, *grown;
	size_t cap, total = 0, limit;
	ssize_t n;
	int fd, flags;

	/* O_NONBLOCK so that opening a FIFO does not hang before fstat. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		fsutil_set_err(err, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		fsutil_set_err(err, "cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		fsutil_set_err(err, "cannot read %s: not a regular file", path);
		goto fail;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
		fsutil_set_err(err, "cannot read %s: %s", path, strerror(errno));
		goto fail;
	}
	if ((unsigned long long)st.st_size > (unsigned long long)max) {
		fsutil_set_err(err,
		               "%s: file is too large (%lld bytes; the limit is "
		               "%zu bytes)",
		               path, (long long)st.st_size, max);
		goto fail;
	}

	/* One spare byte, so that growth since fstat is noticed. */
	limit = max < SIZE_MAX - 1 ? max + 1 : SIZE_MAX - 1;
	cap = (size_t)st.st_size + 1;
	if ((data = malloc(cap + 1)) == NULL) {
		fsutil_set_err(err, "cannot read %s: out of memory", path);
		goto fail;
	}
	for (;;) {
		if (total == cap) {
			if (total > max) {
				fsutil_set_err(err,
				               "%s: file is too large (more than "
				               "%zu bytes; the limit is %zu bytes)",
				               path, max, max);
				goto fail;
			}
			cap = cap > limit / 2 ? limit : cap * 2;
			if ((grown = realloc(data, cap + 1)) == NULL) {
				fsutil_set_err(err, "cannot read %s: out of memory", path);
				goto fail;
			}
			data = grown;
		}
		n = read(fd, data + total, cap - total);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			fsutil_set_err(err, "cannot read %s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		total += (size_t)n;
	}
	if (total > max) {
		fsutil_set_err(err,
		               "%s: file is too large (%zu bytes; the limit is "
		               "%zu bytes)",
		               path, total, max);
		goto fail;
	}
	close(fd);
	data[total] = '\0';
	*buf = data;
	*len = total;
	return 0;

fail:
	free(data);
	close(fd);
	return -1;
}

/* The directory holding path, as a new string ("." when there is no '/'). */
static char *
parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;
	char *dir;

	if (slash == NULL)
		return fsutil_asprintf(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	n = slash == path ? 1 : (size_t)(slash - path);
	if ((dir = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(dir, path, n);
	dir[n] = '\0';
	return dir;
}

static int
write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

char *
fsutil_write_temp(const char *path, const void *data, size_t len, mode_t mode, char **err)
{
	char *tmp = NULL;
	int fd = -1, rc, saved;

	if ((tmp = fsutil_asprintf("%s.tmp.XXXXXX", path)) == NULL) {
		fsutil_set_err(err, "cannot write %s: out of memory", path);
		return NULL;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, mode) == -1 || write_all(fd, data, len) == -1 || fsync(fd) == -1) {
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		goto fail;
	}
	/* On Linux the descriptor is gone even after EINTR, and the data is
	 * already synced, so only other errors count. */
	rc = close(fd);
	fd = -1;
	if (rc == -1 && errno != EINTR) {
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		goto fail;
	}
	return tmp;

fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved;
	return NULL;
}

int
fsutil_sync_dir(const char *path, char **err)
{
	char *dir = parent_dir(path);
	int dfd, saved;

	if (dir == NULL) {
		fsutil_set_err(err, "cannot sync the directory of %s: out of memory", path);
		return -1;
	}
	/* The rename is only durable once the directory entry is synced.
	 * EINVAL means the file system cannot sync directories at all. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		fsutil_set_err(err,
		               "wrote %s but cannot open its directory %s to "
		               "sync it: %s",
		               path, dir, strerror(errno));
		free(dir);
		return -1;
	}
	if (fsync(dfd) == -1 && errno != EINVAL) {
		saved = errno;
		close(dfd);
		fsutil_set_err(err, "wrote %s but cannot sync its directory %s: %s", path, dir,
		               strerror(saved));
		free(dir);
		return -1;
	}
	close(dfd);
	free(dir);
	return 0;
}

int
fsutil_write_atomic(const char *path, const void *data, size_t len, mode_t mode, char **err)
{
	char *tmp = fsutil_write_temp(path, data, len, mode, err);
	int saved;

	if (tmp == NULL)
		return -1;
	if (rename(tmp, path) == -1) {
		saved = errno;
		fsutil_set_err(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	free(tmp);
	return fsutil_sync_dir(path, err);
}

int
fsutil_mkdirs(const char *path, mode_t mode, char **err)
{
	struct stat st;
	char *p, *s;
	int last;

	if (*path == '\0') {
		fsutil_set_err(err, "cannot create directory \"\": %s", strerror(ENOENT));
		return -1;
	}
	if ((p = fsutil_asprintf("%s", path)) == NULL) {
		fsutil_set_err(err, "cannot create directory %s: out of memory", path);
		return -1;
	}
	s = p;
	for (;;) {
		while (*s == '/')
			s++;
		while (*s != '\0' && *s != '/')
			s++;
		last = s[strspn(s, "/")] == '\0';
		*s = '\0';
		if (mkdir(p, mode) == -1) {
			if (errno != EEXIST) {
				fsutil_set_err(err, "cannot create directory %s: %s", path,
				               strerror(errno));
				goto fail;
			}
			if (stat(p, &st) == -1) {
				fsutil_set_err(err, "cannot create directory %s: %s", path,
				               strerror(errno));
				goto fail;
			}
			if (!S_ISDIR(st.st_mode)) {
				fsutil_set_err(err,
				               "cannot create directory %s: %s "
				               "exists and is not a directory",
				               path, p);
				goto fail;
			}
		}
		if (last)
			break;
		*s++ = '/';
	}
	free(p);
	return 0;

fail:
	free(p);
	return -1;
}

int
fsutil_grow(void *pv, size_t *cap, size_t n, size_t elem, size_t first)
{
	void *old, *v;
	size_t want = *cap ? *cap * 2 : first;
	if (n < *cap)
		return 0;
	if (elem == 0 || want < *cap || want > SIZE_MAX / elem)
		return -1;
	memcpy(&old, pv, sizeof old);
	if ((v = realloc(old, want * elem)) == NULL)
		return -1;
	memcpy(pv, &v, sizeof v);
	*cap = want;
	return 0;
}
