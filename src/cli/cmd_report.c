/* certsim report: the HTML progress report of the learner's record, and --open. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/report.h"
#include "certsim/report_record.h"
#include "cli.h"

extern char **environ;

static const char report_help[] =
    "Usage: certsim report [--out FILE] [--bank PATH | --exam CODE] [--open]\n"
    "\n"
    "Write the progress report of one exam's record as one self-contained HTML\n"
    "file (inline styles and charts, no script, nothing loaded from the\n"
    "network) and print its path: scaled scores over time against the pass\n"
    "mark, readiness and the forecast; per-domain percent of the last exam;\n"
    "a heat map of the tasks across attempts with the weakest named; pacing;\n"
    "study status; and what to do next. Only results with a valid signature\n"
    "count. Light and dark, A4 print, phone width.\n"
    "\n"
    "  --out FILE     write there (default: $CERTSIM_HOME/report.html)\n"
    "  --bank PATH    report on the exam of this bank (default: the bundled one)\n"
    "  --exam CODE    report on the results of another exam code\n"
    "  --open         open it with xdg-open when there is a display\n";

/* Why the report cannot be opened here, or NULL when a display is set and xdg-open found. */
static const char *
cannot_open(void)
{
	const char *x = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY"), *p = getenv("PATH");

	if ((x == NULL || *x == '\0') && (w == NULL || *w == '\0'))
		return "no display to open the report on";
	if (p == NULL)
		return "xdg-open is not installed";
	char *copy = strdup(p), *save = NULL;
	int found = 0;
	for (char *dir = copy ? strtok_r(copy, ":", &save) : NULL; dir != NULL && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char path[4096];
		snprintf(path, sizeof path, "%s/xdg-open", *dir ? dir : ".");
		found = access(path, X_OK) == 0;
	}
	free(copy);
	return found ? NULL : "xdg-open is not installed";
}

/* Open path in the desktop's browser (xdg-open, not waited for) or say where it is. */
static void
open_report(const char *path)
{
	const char *why = cannot_open();
	if (why == NULL) {
		char *argv[] = { "xdg-open", (char *)path, NULL };
		pid_t pid;
		if (posix_spawnp(&pid, "xdg-open", NULL, NULL, argv, environ) == 0)
			return;
		why = "xdg-open could not be run";
	}
	fprintf(stderr, "certsim: %s; open %s in a browser\n", why, path);
}

int
cmd_report(int argc, char **argv)
{
	const char *out = NULL, *bank_opt = NULL, *code = NULL;
	int open = 0, rc = CLI_EXIT_DONE;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(report_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(a, "--open") == 0) {
			open = 1;
		} else if (strcmp(a, "--out") == 0 || strcmp(a, "--bank") == 0 ||
		           strcmp(a, "--exam") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return cli_usage_error("report", "%s needs a value", a);
			const char **dst = a[2] == 'o' ? &out : a[2] == 'b' ? &bank_opt : &code;
			*dst = argv[++i];
		} else {
			return cli_usage_error("report", "unknown argument '%s'", a);
		}
	}
	if (bank_opt != NULL && code != NULL)
		return cli_usage_error("report", "--bank and --exam cannot be combined");

	char *err = NULL, *home = home_dir(&err), *path = NULL;
	struct history h = { 0 };
	struct bank *b = NULL;
	struct report_record *rr = NULL;
	if (home == NULL) {
		rc = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (code == NULL) {
		b = cli_load_bank(cli_bank_path(bank_opt), &rc);
		if (b == NULL)
			goto done;
	} else {
		/* Another exam's results may still match the default bank's blueprint. */
		struct diag d = { 0 };
		bank_load(cli_bank_path(NULL), &d, &b);
		diag_free(&d);
	}
	if (history_load(home, 1, &h, &err) < 0) {
		rc = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (report_record_build(&h, b, code, now_ms, &rr, &err) < 0) {
		rc = cli_error(strstr(err, "out of memory") ? CLI_EXIT_SYSTEM : CLI_EXIT_INVALID,
		               "%s", err);
		goto done;
	}
	path = out != NULL ? strdup(out) : home_path(home, HOME_REPORT);
	if (path == NULL) {
		rc = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	if (report_write(report_record_data(rr), path, &err) < 0) {
		rc = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (report_record_skipped(rr) > 0)
		fprintf(stderr,
		        "certsim: %d result(s) left out of the report: their signature is not "
		        "valid (see certsim history)\n",
		        report_record_skipped(rr));
	printf("%s\n", path);
	fflush(stdout);
	if (open)
		open_report(path);
done:
	report_record_free(rr);
	bank_free(b);
	history_free(&h);
	free(path);
	free(home);
	free(err);
	return rc;
}
