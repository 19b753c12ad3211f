/* certsim history: every attempt, per-domain and per-task trends, and readiness. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/clock.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/readiness.h"
#include "certsim/record.h"
#include "certsim/textsafe.h"
#include "certsim/trend.h"
#include "cli.h"

static const char history_help[] =
    "Usage: certsim history [--json]\n"
    "\n"
    "Every attempt in $CERTSIM_HOME/results: date, mode, items, correct,\n"
    "scaled score, PASS/FAIL, time used and signature status (valid, INVALID\n"
    "or unsigned); per-domain and per-task trends over the last attempts; and\n"
    "a readiness line from the study guide's checklist: ready when the last\n"
    "three full practice exams each scored at least 80% raw. Results that\n"
    "fail verification are shown as INVALID and left out of trends and\n"
    "readiness. A forecast follows: from your first answer to each question,\n"
    "10,000 simulated exams give the pass probability and the predicted\n"
    "scaled score (10th-90th percentile, median); docs/scoring.md explains\n"
    "the model. --json prints the same as JSON (\"forecast\", or null and\n"
    "\"forecast_reason\" with fewer than 20 first-time answers).\n";

/* "exam" or "quiz (domain 2)". */
static void
mode_label(const struct result_file *r, char *buf, size_t n)
{
	/* Both come from the result file: escape control characters. */
	char *src = textsafe_escape(r->quiz_source, 0), *mode = textsafe_escape(r->mode, 0);
	if (strcmp(r->mode, "quiz") == 0 && r->has_quiz)
		snprintf(buf, n, "quiz (%s)", src ? src : "?");
	else
		snprintf(buf, n, "%s", mode ? mode : "?");
	free(src);
	free(mode);
}

/* One trend row: label, the percents oldest first, and the direction. */
static void
print_trend(const char *label, const double *v, size_t k)
{
	if (k == 0)
		return;
	printf("%-52.52s", label);
	for (size_t j = 0; j < k; j++)
		printf(" %3.0f%%", v[j]);
	if (k >= 2)
		printf("  %s", trend_direction_name(trend_direction(v, k)));
	putchar('\n');
}

static void
print_trends(const struct history *h, const struct bank *b)
{
	double v[TREND_LEN];
	char label[80];
	printf("\nTrend by domain (percent correct, oldest to newest, last %d valid attempts):\n",
	       TREND_LEN);
	for (int i = 0; i < b->bp.n_domains; i++) {
		const struct domain *d = &b->bp.domains[i];
		snprintf(label, sizeof label, "%d %s", d->id, d->name);
		print_trend(label, v, trend_domain(h, d->id, v));
	}
	printf("\nTrend by task:\n");
	for (int i = 0; i < b->bp.n_tasks; i++) {
		const struct task *t = &b->bp.tasks[i];
		snprintf(label, sizeof label, "  %s %s", t->id, t->name);
		print_trend(label, v, trend_task(h, t->id, v));
	}
}

int
cmd_history(int argc, char **argv)
{
	int json = 0, code = EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(history_help, stdout);
			return EXIT_DONE;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else {
			return cli_usage_error("history", "unknown argument '%s'", argv[i]);
		}
	}
	char *err = NULL, *home = home_dir(&err);
	struct history h = { 0 };
	struct bank *b = NULL;
	if (home == NULL) {
		code = cli_error(EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (history_load(home, 1, &h, &err) < 0) {
		code = cli_error(EXIT_SYSTEM, "%s", err);
		goto done;
	}
	/* Trends need the blueprint's domains and tasks: the default bank's. */
	struct diag d = { 0 };
	bank_load(cli_bank_path(NULL), &d, &b);
	diag_free(&d);

	if (json) {
		char *text = history_json(&h, b);
		if (text == NULL) {
			code = cli_error(EXIT_SYSTEM, "out of memory");
			goto done;
		}
		puts(text);
		free(text);
		goto done;
	}

	struct readiness rd;
	readiness_compute(&h, &rd);
	if (h.n == 0) {
		printf(
		    "No attempts yet in %s/results. Start with: certsim exam (or certsim quiz)\n",
		    home);
		printf("%s\n", rd.message);
		goto done;
	}
	printf("%-20s %-20s %5s %7s %6s %-4s %8s  %s\n", "Finished (UTC)", "Mode", "Items",
	       "Correct", "Scaled", "", "Time", "Signature");
	for (size_t a = 0; a < h.n; a++) {
		const struct result_file *r = h.v[a].result;
		char label[64], t[32];
		mode_label(r, label, sizeof label);
		clock_format_hms((long)r->time_used_s, t);
		char *fin = textsafe_escape(h.v[a].finished_at, 0);
		printf("%-20.20s %-20.20s %5zu %3d/%-3d %6d %-4s %8s  %s\n", fin ? fin : "?", label,
		       r->n_items, r->score.correct, r->score.scored, r->score.scaled,
		       r->score.passed ? "PASS" : "FAIL", t, history_sig_name(h.v[a].sig));
		free(fin);
	}
	if (b != NULL)
		print_trends(&h, b);
	if (b != NULL) {
		struct forecast fc;
		char line[160];
		record_forecast(&h, b, &fc);
		forecast_format(&fc, line, sizeof line);
		printf("\nForecast: %s", line);
	}
	printf("\n%s\n", rd.message);
done:
	bank_free(b);
	history_free(&h);
	free(home);
	free(err);
	return code;
}
