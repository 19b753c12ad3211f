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
    "Usage: certsim history [--json|--csv] [--bank PATH | --exam CODE | --all]\n"
    "\n"
    "The attempts of one exam in $CERTSIM_HOME/results, numbered from 1 (the\n"
    "oldest; 'certsim review N' opens number N): date, mode, items, correct,\n"
    "scaled score, PASS/FAIL, time used and signature status (valid, INVALID\n"
    "or unsigned); per-domain and per-task trends over the last five exams, and\n"
    "apart over the last five quizzes (a column per attempt, the direction a\n"
    "slope over all of them); and a readiness line from the study guide's checklist: ready when "
    "the last\n"
    "three counting exams each scored at least 80% raw. An exam counts when it\n"
    "is a full, timed exam with a valid signature and at least 80% of its\n"
    "questions unseen before it; history says how many counted and why the\n"
    "others did not. A forecast follows: from your first answer to each\n"
    "question, 10,000 simulated exams give the pass probability and the\n"
    "predicted scaled score (10th-90th percentile, median); docs/scoring.md\n"
    "explains the model. Times are local. --json prints the same as JSON\n"
    "(\"trends\": the same tables per mode, a column per attempt, null where\n"
    "an attempt does not list a task; \"forecast\", or null and\n"
    "\"forecast_reason\" with fewer than 20 first-time answers), --csv one row\n"
    "per attempt.\n"
    "\n"
    "  --bank PATH  the exam of this bank (default: the bundled bank's)\n"
    "  --exam CODE  the attempts of exam CODE\n"
    "  --all        every exam, with a code column (no trends or readiness)\n";

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

/* One trend row: label, a value under each attempt's column ("-" where absent), the direction. */
static void
print_trend(const char *label, const double *v, size_t n)
{
	enum trend_direction dir;
	printf("%-44.44s", label);
	for (size_t j = 0; j < n; j++) {
		if (v[j] >= 0)
			printf(" %5.0f%%", v[j]);
		else
			printf(" %6s", "-");
	}
	if (trend_row_direction(v, n, &dir) == 0)
		printf("  %s", trend_direction_name(dir));
	putchar('\n');
}

/* The trend tables of one mode ("exam" or "quiz"): like is compared with like. */
static void
print_trends_of(const struct history *h, const struct bank *b, const char *mode)
{
	size_t cols[TREND_LEN], n = trend_columns(h, mode, cols);
	double v[TREND_LEN];
	char label[80];
	if (n == 0)
		return;
	const char *plural = strcmp(mode, "exam") == 0 ? "exams" : "quizzes";
	printf("\nTrend by domain, %s only (percent correct; the last %zu valid %s):\n", plural, n,
	       plural);
	printf("%-44s", "attempt #");
	for (size_t j = 0; j < n; j++)
		printf(" %5zu ", cols[j] + 1);
	putchar('\n');
	for (int i = 0; i < b->bp.n_domains; i++) {
		const struct domain *d = &b->bp.domains[i];
		snprintf(label, sizeof label, "%d %s", d->id, d->name);
		trend_part_at(h, cols, n, d->id, NULL, v);
		print_trend(label, v, n);
	}
	printf("Trend by task, %s only:\n", plural);
	for (int i = 0; i < b->bp.n_tasks; i++) {
		const struct task *t = &b->bp.tasks[i];
		snprintf(label, sizeof label, "  %s %s", t->id, t->name);
		if (trend_part_at(h, cols, n, 0, t->id, v) > 0)
			print_trend(label, v, n);
	}
}

static void
print_trends(const struct history *h, const struct bank *b)
{
	print_trends_of(h, b, "exam");
	print_trends_of(h, b, "quiz");
}

int
cmd_history(int argc, char **argv)
{
	int json = 0, csv = 0, all = 0, code = CLI_EXIT_DONE;
	const char *bank_opt = NULL, *exam_opt = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(history_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--csv") == 0) {
			csv = 1;
		} else if (strcmp(argv[i], "--all") == 0) {
			all = 1;
		} else if (strcmp(argv[i], "--bank") == 0 || strcmp(argv[i], "--exam") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("history", "%s needs a value", argv[i]);
			*(argv[i][2] == 'b' ? &bank_opt : &exam_opt) = argv[i + 1];
			i++;
		} else {
			return cli_usage_error("history", "unknown argument '%s'", argv[i]);
		}
	}
	if (json && csv)
		return cli_usage_error("history", "choose one of --json, --csv");
	if ((bank_opt != NULL) + (exam_opt != NULL) + all > 1)
		return cli_usage_error("history", "choose one of --bank, --exam, --all");
	char *err = NULL, *home = home_dir(&err);
	struct history h = { 0 };
	struct bank *b = NULL;
	if (home == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (history_load(home, 1, &h, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	/* The exam shown: --exam, else the bank's (--bank, else the bundled
	 * one); trends need a blueprint's domains and tasks: that bank's. */
	if (bank_opt != NULL) {
		if ((b = cli_load_bank(cli_bank_path(bank_opt), &code)) == NULL)
			goto done;
	} else {
		struct diag d = { 0 };
		bank_load(cli_bank_path(NULL), &d, &b);
		diag_free(&d);
	}
	const char *exam = exam_opt != NULL ? exam_opt : b != NULL ? b->bp.code : NULL;
	if (!all && exam != NULL)
		history_keep_exam(&h, exam);
	/* Trends by the bank's blueprint only for its own exam. */
	if (b != NULL && (all || strcmp(b->bp.code, exam) != 0)) {
		bank_free(b);
		b = NULL;
	}

	if (json || csv) {
		char *text = csv ? history_csv(&h) : history_json(&h, b);
		if (text == NULL) {
			code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
			goto done;
		}
		fputs(text, stdout);
		if (json)
			putchar('\n');
		free(text);
		goto done;
	}

	struct readiness rd;
	readiness_compute(&h, &rd);
	if (h.n == 0) {
		printf("No attempts %s%s yet in %s/results. Start with: certsim exam (or certsim "
		       "quiz)\n",
		       all || exam == NULL ? "" : "at ", all || exam == NULL ? "" : exam, home);
		if (!all)
			printf("%s\n", rd.message);
		goto done;
	}
	if (!all && exam != NULL)
		printf("Exam %s\n", exam);
	printf("%4s %-20s %s%-20s %5s %7s %6s %-4s %8s  %s\n", "#", "Finished (local)",
	       all ? "Exam       " : "", "Mode", "Items", "Correct", "Scaled", "", "Time",
	       "Signature");
	for (size_t a = 0; a < h.n; a++) {
		const struct result_file *r = h.v[a].result;
		char label[64], t[32], when[32], codecol[16] = "";
		clock_local_text(h.v[a].finished_at, when);
		mode_label(r, label, sizeof label);
		clock_format_hms((long)r->time_used_s, t);
		if (all) {
			/* The code comes from the result file: escaped. */
			char *ecode = textsafe_escape(r->exam_code ? r->exam_code : "?", 0);
			snprintf(codecol, sizeof codecol, "%-10.10s ", ecode ? ecode : "?");
			free(ecode);
		}
		printf("%4zu %-20.20s %s%-20.20s %5zu %3d/%-3d %6d %-4s %8s  %s\n", a + 1, when,
		       codecol, label, r->n_items, r->score.correct, r->score.scored,
		       r->score.scaled, r->score.passed ? "PASS" : "FAIL", t,
		       history_sig_name(h.v[a].sig));
	}
	if (all)
		goto done;
	if (b != NULL)
		print_trends(&h, b);
	if (b != NULL) {
		struct forecast fc;
		char line[160];
		record_forecast(&h, b, &fc);
		forecast_format(&fc, line, sizeof line);
		printf("\nForecast: %s", line);
	}
	char counted[256];
	readiness_counted_text(&rd, counted, sizeof counted);
	printf("\n%s\n%s.\n", rd.message, counted);
done:
	bank_free(b);
	history_free(&h);
	free(home);
	free(err);
	return code;
}
