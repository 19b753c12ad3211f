/* Bank lookup, loading and error reporting shared by the commands. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certsim/home.h"
#include "certsim/textsafe.h"
#include "cli.h"

static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory holding this executable, or "" if unknown. */
static void
exe_dir(char out[PATH_MAX])
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	out[n > 0 ? n : 0] = '\0';
	char *slash = strrchr(out, '/');
	if (slash != NULL)
		*slash = '\0';
	else
		out[0] = '\0';
}

/* A binary run from its build tree (CMakeCache.txt beside or above it). */
static int
in_build_tree(const char *dir)
{
	char d[PATH_MAX];
	snprintf(d, sizeof d, "%s", dir);
	for (int up = 0; up < 3 && d[0]; up++) {
		char probe[PATH_MAX + 32];
		snprintf(probe, sizeof probe, "%s/CMakeCache.txt", d);
		if (access(probe, F_OK) == 0)
			return 1;
		char *slash = strrchr(d, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
	}
	return 0;
}

/*
 * The bundled bank: the source tree's for a binary in its build tree; else
 * the one installed beside the binary (<prefix>/bin/../share/certsim/...),
 * so that an installed tree can move; else the configured install path.
 */
const char *
cli_bank_path(const char *opt)
{
	static char found[PATH_MAX + 64];
	char dir[PATH_MAX];
	if (opt != NULL)
		return opt;
	const char *env = getenv("CERTSIM_BANK");
	if (env != NULL && *env)
		return env;
	exe_dir(dir);
	if (dir[0] && in_build_tree(dir) && is_dir(CERTSIM_SOURCE_BANK))
		return CERTSIM_SOURCE_BANK;
	if (dir[0]) {
		snprintf(found, sizeof found, "%s/../%s/certsim/mla-c01", dir, CERTSIM_DATADIR);
		if (is_dir(found))
			return found;
	}
	if (is_dir(CERTSIM_INSTALLED_BANK))
		return CERTSIM_INSTALLED_BANK;
	return CERTSIM_SOURCE_BANK;
}

struct bank *
cli_load_bank(const char *path, int *code)
{
	struct diag d = { 0 };
	struct bank *b = NULL;
	if (bank_load(path, &d, &b) < 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "certsim: the bank %s has %zu error%s; run: certsim bank lint %s\n",
		        path, d.errors, d.errors == 1 ? "" : "s", path);
		*code = CLI_EXIT_INVALID;
	}
	diag_free(&d);
	return b;
}

/*
 * "certsim: " and the message on stderr. Messages quote file names, keys
 * and values from banks and results: control characters in them are
 * escaped (textsafe), never sent to the terminal.
 */
static void
put_message(const char *fmt, va_list ap)
{
	char *raw = NULL;
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	fputs("certsim: ", stderr);
	if (n >= 0 && (raw = malloc((size_t)n + 1)) != NULL)
		vsnprintf(raw, (size_t)n + 1, fmt, ap);
	if (raw == NULL) {
		vfprintf(stderr, fmt, ap);
		return;
	}
	textsafe_fputs(raw, TEXTSAFE_MULTILINE, stderr);
	free(raw);
}

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	put_message(fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'certsim %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
	return CLI_EXIT_USAGE;
}

int
cli_lock_home(const char *home)
{
	char *path = home_path(home, HOME_LOCK);
	int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600) : -1;
	if (fd < 0) {
		int code = cli_error(CLI_EXIT_SYSTEM, "cannot open %s: %s", path ? path : "lock",
		                     strerror(errno));
		free(path);
		return code;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		int code = cli_error(
		    CLI_EXIT_INVALID,
		    "another certsim process is running an attempt with the data directory %s; "
		    "finish that one first (or set CERTSIM_HOME to another directory)",
		    home);
		free(path);
		return code;
	}
	free(path);
	return 0;
}

char *
cli_opt_split(char *a)
{
	char *eq;
	if (strncmp(a, "--", 2) != 0 || (eq = strchr(a, '=')) == NULL)
		return NULL;
	*eq = '\0';
	return eq + 1;
}

int
cli_opt_value(const char *cmd, int argc, char **argv, int *i, char **val)
{
	if (*val != NULL)
		return 0;
	if (*i + 1 >= argc) {
		cli_usage_error(cmd, "%s needs a value", argv[*i]);
		return -1;
	}
	*val = argv[++*i];
	return 0;
}
