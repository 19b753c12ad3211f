/* Helpers shared by the libFuzzer targets: a private scratch directory and whole-file writes. */
#ifndef CERTSIM_FUZZ_COMMON_H
#define CERTSIM_FUZZ_COMMON_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch directory, made once per process by fuzz_scratch_dir(). */
static char fuzz_dir[256];

/* Create the scratch directory under $TMPDIR (or /tmp); aborts on failure. */
static inline void
fuzz_scratch_dir(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(fuzz_dir, sizeof fuzz_dir, "%s/certsim-%s.XXXXXX",
	         tmp != NULL && *tmp ? tmp : "/tmp", name);
	if (mkdtemp(fuzz_dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
}

/* fuzz_dir + "/" + name into out (size bytes). */
static inline void
fuzz_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", fuzz_dir, name);
}

/* Replace the file at path with len bytes of data (mode 0600); aborts on failure. */
static inline void
fuzz_write(const char *path, const void *data, size_t len)
{
	const unsigned char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) < 0) {
		perror(path);
		abort();
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			perror(path);
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
	close(fd);
}

/* Remove the named files and the scratch directory (best effort). */
static inline void
fuzz_cleanup(const char *const *names, size_t n)
{
	char path[512];
	for (size_t i = 0; i < n; i++) {
		fuzz_path(path, sizeof path, names[i]);
		unlink(path);
	}
	rmdir(fuzz_dir);
}

#endif
