/* File helpers: whole-file reads and atomic writes. */
#ifndef CERTSIM_FSUTIL_H
#define CERTSIM_FSUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Read the whole file at path into a new NUL-terminated buffer.
 * Returns 0 and sets *buf (caller frees) and *len (bytes, without the NUL);
 * returns -1 on error and sets *err to an allocated message naming the path
 * and the reason (caller frees). Files larger than max bytes are refused with
 * a message that states the limit.
 */
int fsutil_read_file(const char *path, size_t max, char **buf, size_t *len, char **err);

/*
 * Write len bytes to path atomically: a temporary file "<path>.tmp.XXXXXX"
 * in the same directory, fsync, rename over path, fsync of the directory.
 * The file gets exactly permission mode (set with fchmod, so the umask does
 * not apply). On failure -1 is returned with *err set to an allocated
 * message naming the path and the reason (caller frees), and the temporary
 * file is removed; path is untouched, except when only the final fsync of
 * the directory fails (the message then says the file was written but not
 * synced). Returns 0 on success.
 */
int fsutil_write_atomic(const char *path, const void *data, size_t len, mode_t mode, char **err);

/*
 * The first half of fsutil_write_atomic: write data to a new temporary file
 * beside path (path.tmp.XXXXXX) with exactly mode, and fsync it. Returns
 * its name (caller renames or unlinks it, and frees the name), or NULL with
 * *err (caller frees) and nothing left behind.
 */
char *fsutil_write_temp(const char *path, const void *data, size_t len, mode_t mode, char **err);

/*
 * fsync the directory holding path, so that a rename into it is durable.
 * Returns 0, or -1 with *err (caller frees) saying path was written but not
 * synced.
 */
int fsutil_sync_dir(const char *path, char **err);

/*
 * Create directory path (and missing parents) with the given mode. An
 * existing directory is fine. Returns 0, or -1 with *err (caller frees).
 */
int fsutil_mkdirs(const char *path, mode_t mode, char **err);

/*
 * Room for one more element in a growing array: when n == *cap, *pv (the
 * address of the array pointer, elements of elem bytes) is reallocated to
 * twice *cap elements (first when *cap is 0). Returns 0, or -1 (out of
 * memory, or a size that would overflow) with the array and *cap
 * unchanged. The one copy of the doubling rule used by the library's
 * arrays.
 */
int fsutil_grow(void *pv, size_t *cap, size_t n, size_t elem, size_t first);

/* printf into a new allocated string; NULL on out of memory. Caller frees. */
char *fsutil_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * fsutil_asprintf with a va_list: a new allocated string (caller frees), or
 * NULL on out of memory or an encoding error. ap is left indeterminate, as
 * by vprintf: the caller still calls va_end on it and must va_copy it first
 * to use it again.
 */
char *fsutil_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * The library's way to report an error: when err is not NULL, set *err to
 * a new message (caller frees; NULL if even that allocation fails). The
 * function that fails then returns -1 (or NULL). See docs/ARCHITECTURE.md.
 */
void fsutil_set_err(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
