/*
 * flipsweep [-m MASK] FILE COMMAND [ARG...]: for every byte of FILE in turn,
 * XOR it with MASK (default 0xff), run COMMAND (its output discarded), put
 * the byte back, and print "OFFSET STATUS" (the exit status, or 128 + the
 * signal) on one line. For the tamper sweep in tests/e2e/tamper.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int
put_byte(int fd, off_t at, unsigned char c)
{
	return pwrite(fd, &c, 1, at) == 1 ? 0 : -1;
}

static int
run(char **argv)
{
	int status;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
main(int argc, char **argv)
{
	unsigned long mask = 0xff;
	struct stat st;
	int fd, arg = 1;

	if (argc > 2 && strcmp(argv[1], "-m") == 0) {
		mask = strtoul(argv[2], NULL, 0);
		arg = 3;
	}
	if (argc - arg < 2 || mask == 0 || mask > 0xff) {
		fprintf(stderr, "usage: flipsweep [-m MASK] FILE COMMAND [ARG...]\n");
		return 2;
	}
	if ((fd = open(argv[arg], O_RDWR)) < 0 || fstat(fd, &st) < 0) {
		perror(argv[arg]);
		return 2;
	}
	for (off_t at = 0; at < st.st_size; at++) {
		unsigned char c;
		int status;
		if (pread(fd, &c, 1, at) != 1 || put_byte(fd, at, (unsigned char)(c ^ mask)) < 0) {
			perror(argv[arg]);
			return 2;
		}
		status = run(argv + arg + 1);
		if (put_byte(fd, at, c) < 0) {
			perror(argv[arg]);
			return 2;
		}
		if (status < 0) {
			perror("fork");
			return 2;
		}
		printf("%lld %d\n", (long long)at, status);
	}
	fflush(stdout);
	close(fd);
	return 0;
}
