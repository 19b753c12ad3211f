/* Bank lookup, loading and error reporting shared by the commands. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * A binary run from its build tree (CMakeCache.txt beside or above it) uses
 * the bank in the source tree; an installed one uses the installed bank.
 */
static int
in_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(exe, '/');
		if (slash == NULL)
			return 0;
		*slash = '\0';
		char probe[PATH_MAX + 32];
		snprintf(probe, sizeof probe, "%s/CMakeCache.txt", exe);
		if (access(probe, F_OK) == 0)
			return 1;
	}
	return 0;
}

const char *
cli_bank_path(const char *opt)
{
	if (opt != NULL)
		return opt;
	const char *env = getenv("CERTSIM_BANK");
	if (env != NULL && *env)
		return env;
	if (in_build_tree() && is_dir(CERTSIM_SOURCE_BANK))
		return CERTSIM_SOURCE_BANK;
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
		*code = EXIT_INVALID;
	}
	diag_free(&d);
	return b;
}

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("certsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("certsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'certsim %s%s--help'.\n", cmd ? cmd : "",
	        cmd ? " " : "");
	return EXIT_USAGE;
}
