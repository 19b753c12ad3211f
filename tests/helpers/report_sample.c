/*
 * report_sample [--empty|--hostile] OUT.html: render the report of a made-up
 * but consistent week of practice (5 exams, quizzes, study sessions, study
 * status and a forecast) to OUT.html, and print one line per exam,
 * "exam N SCALED CORRECT SCORED", so a test can compare the page with the
 * data. --empty renders a record with nothing in it; --hostile puts markup
 * and control bytes into every bank string. For tests/e2e/report_browser.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "certsim/report.h"
#include "certsim/score.h"

#define N_DOMAINS 4
#define N_TASKS 12
#define N_EXAMS 5
#define N_PRACTICE 9
#define FULL_EXAM_ITEMS 65
#define MAX_ITEMS 65

static const struct report_named domains[N_DOMAINS] = {
	{ "1", "Data Preparation for Machine Learning" },
	{ "2", "ML Model Development" },
	{ "3", "Deployment and Orchestration of ML Workflows" },
	{ "4", "ML Solution Monitoring, Maintenance, and Security" },
};

static const struct report_named tasks[N_TASKS] = {
	{ "1.1", "Data Ingestion and Storage" },
	{ "1.2", "Data Transformation and Feature Engineering" },
	{ "1.3", "Data Validation and Quality" },
	{ "2.1", "Algorithm Selection and Model Training" },
	{ "2.2", "Hyperparameter Tuning" },
	{ "2.3", "Model Evaluation and Validation" },
	{ "3.1", "Model Deployment Strategies" },
	{ "3.2", "ML Pipeline Orchestration" },
	{ "3.3", "Model Versioning and Management" },
	{ "4.1", "Model Monitoring and Performance" },
	{ "4.2", "Security and Compliance" },
	{ "4.3", "Cost Optimization" },
};

static const struct report_named hostile_domains[N_DOMAINS] = {
	{ "1", "<script>alert(1)</script> Data & \"Prep\"" },
	{ "2", "Model' onmouseover='alert(2)" },
	{ "3", "</svg><img src=x onerror=alert(3)>" },
	{ "4", "Monitoring\x01\x1b[31m\x7f <b>bold</b>" },
};

static const struct report_named hostile_tasks[N_TASKS] = {
	{ "1.1", "<script>alert(11)</script>" },
	{ "1.2", "Feature \"engineering\" & <i>co</i>" },
	{ "1.3", "Validation\x02 ]]> <!-- -->" },
	{ "2.1", "</title><script>alert(21)</script>" },
	{ "2.2", "Tuning' onload='x" },
	{ "2.3", "Evaluation \xff\xfe bad UTF-8" },
	{ "3.1", "<style>body{display:none}</style>" },
	{ "3.2", "Orchestration" },
	{ "3.3", "Versioning" },
	{ "4.1", "Monitoring" },
	{ "4.2", "Security" },
	{ "4.3", "Cost" },
};

/* Items per task in an exam: the 18/17/14/16 draw split over the tasks. */
static const int exam_per_task[N_TASKS] = { 6, 6, 6, 6, 6, 5, 5, 5, 4, 6, 5, 5 };

/* How likely a first answer on each task is right, before a week of practice. */
static const double ability[N_TASKS] = {
	0.80, 0.70, 0.45, 0.75, 0.52, 0.70, 0.72, 0.55, 0.78, 0.70, 0.82, 0.74,
};

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* xorshift64*: a fixed sequence, so every run makes the same week. */
static double
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (double)((rng_state * 2685821657736338717u) >> 11) / 9007199254740992.0;
}

struct store {
	struct report_attempt exams[N_EXAMS], practice[N_PRACTICE];
	struct report_part dom[N_EXAMS + N_PRACTICE][N_DOMAINS];
	struct report_part task[N_EXAMS + N_PRACTICE][N_TASKS];
	struct report_item items[N_EXAMS + N_PRACTICE][MAX_ITEMS];
	char ids[N_EXAMS + N_PRACTICE][MAX_ITEMS][24];
	char when[N_EXAMS + N_PRACTICE][48];
};

/*
 * Fill attempt a (slot k of the store) with per_task[t] items of each task,
 * answered at the ability of day (0..6), finished on that day at hour.
 */
static void
attempt(struct store *st, int k, struct report_attempt *a, const char *mode,
        const int *per_task, int day, int hour, long limit, double pace)
{
	int n = 0;

	memset(a, 0, sizeof *a);
	for (int t = 0; t < N_TASKS; t++) {
		double p = ability[t] + 0.025 * day;

		for (int i = 0; i < per_task[t]; i++) {
			struct report_item *it = &st->items[k][n];
			int ok = rnd() < (p > 0.97 ? 0.97 : p);

			snprintf(st->ids[k][n], sizeof st->ids[k][n], "d%c-%s-%03d",
			    tasks[t].id[0], tasks[t].id, (int)(rnd() * 40) + 1);
			it->id = st->ids[k][n];
			it->task = tasks[t].id;
			it->correct = ok;
			it->seconds = (int)(pace * (0.35 + 1.3 * rnd()) + (ok ? 0 : 25));
			a->time_used_s += (long)it->seconds;
			st->task[k][t].total++;
			st->task[k][t].correct += ok;
			st->dom[k][tasks[t].id[0] - '1'].total++;
			st->dom[k][tasks[t].id[0] - '1'].correct += ok;
			a->correct += ok;
			n++;
		}
	}
	snprintf(st->when[k], sizeof st->when[k], "2026-11-%02dT%02d:%02d:00Z", 23 + day, hour,
	    (int)(rnd() * 59));
	a->mode = mode;
	a->finished_at = st->when[k];
	a->scored = n;
	a->n_items = n;
	a->items = st->items[k];
	a->domains = st->dom[k];
	a->tasks = st->task[k];
	a->time_limit_s = limit;
	if (limit > 0 && a->time_used_s > limit)
		a->time_used_s = limit;
	a->scaled = score_scale(100, 720, 1000, 0.72, a->correct, a->scored);
	a->passed = a->scaled >= 720;
}

int
main(int argc, char **argv)
{
	static struct store st;
	static const struct report_study study = { 236, 118, 17, 54 };
	static const struct report_forecast forecast = { 1, 212, 0.58, 655, 731, 802, NULL };
	/* Quizzes and study sessions: which task each practises (-1: all). */
	static const int quiz_task[N_PRACTICE] = { -1, 2, 4, -1, 7, 2, -1, 4, 2 };
	static const int quiz_day[N_PRACTICE] = { 0, 1, 1, 2, 3, 3, 4, 5, 6 };
	static const int exam_day[N_EXAMS] = { 0, 2, 3, 5, 6 };
	struct report_data d;
	const char *out, *variant = "";
	char *err = NULL, reason[160];
	int good = 0;

	if (argc == 3 && argv[1][0] == '-') {
		variant = argv[1];
		out = argv[2];
	} else if (argc == 2) {
		out = argv[1];
	} else {
		fprintf(stderr, "usage: report_sample [--empty|--hostile] OUT.html\n");
		return 2;
	}
	memset(&d, 0, sizeof d);
	d.exam_code = "MLA-C01";
	d.exam_title = "AWS Certified Machine Learning Engineer - Associate";
	d.score_min = 100;
	d.pass_mark = 720;
	d.score_max = 1000;
	d.cut = 0.72;
	d.questions = 65;
	d.duration_minutes = 130;
	d.domains = domains;
	d.n_domains = N_DOMAINS;
	d.tasks = tasks;
	d.n_tasks = N_TASKS;
	d.generated_at = "2026-11-29T21:00:00Z";
	d.version = "0.1.0";
	if (strcmp(variant, "--hostile") == 0) {
		d.exam_code = "MLA<script>alert(0)</script>";
		d.exam_title = "\"Title\" & <b>markup</b>\x01";
		d.domains = hostile_domains;
		d.tasks = hostile_tasks;
	} else if (variant[0] != '\0' && strcmp(variant, "--empty") != 0) {
		fprintf(stderr, "report_sample: unknown option %s\n", variant);
		return 2;
	}
	if (strcmp(variant, "--empty") != 0) {
		int p = 0;

		for (int e = 0; e < N_EXAMS; e++) {
			/* Practice of earlier days comes first, so both lists stay in order. */
			while (p < N_PRACTICE && quiz_day[p] < exam_day[e]) {
				int per[N_TASKS] = { 0 };

				for (int t = 0; t < N_TASKS; t++)
					per[t] = quiz_task[p] < 0 ? (t % 2 == p % 2 ? 3 : 2)
					    : t == quiz_task[p] ? 20 : 0;
				attempt(&st, N_EXAMS + p, &st.practice[p],
				    p % 3 == 2 ? "study" : "quiz", per, quiz_day[p], 8 + p, 0, 75);
				p++;
			}
			attempt(&st, e, &st.exams[e], "exam", exam_per_task, exam_day[e], 19,
			    130 * 60, e == N_EXAMS - 1 ? 114 : 92);
		}
		while (p < N_PRACTICE) {
			int per[N_TASKS] = { 0 };

			for (int t = 0; t < N_TASKS; t++)
				per[t] = quiz_task[p] < 0 ? 2 : t == quiz_task[p] ? 20 : 0;
			attempt(&st, N_EXAMS + p, &st.practice[p], "quiz", per, quiz_day[p],
			    8 + p, 0, 75);
			p++;
		}
		d.exams = st.exams;
		d.n_exams = N_EXAMS;
		d.practice = st.practice;
		d.n_practice = N_PRACTICE;
		d.forecast = &forecast;
		d.study = &study;
		for (int e = N_EXAMS - 3; e < N_EXAMS; e++)
			good += st.exams[e].correct * 5 >= st.exams[e].scored * 4;
		snprintf(reason, sizeof reason, "%d of the last 3 counting exams scored at "
		    "least 80%% raw; all 3 must.", good);
		d.readiness.ready = good == 3;
		d.readiness.counted = N_EXAMS;
		d.readiness.reason = reason;
	}
	if (report_write(&d, out, &err) < 0) {
		fprintf(stderr, "report_sample: %s\n", err);
		free(err);
		return 3;
	}
	for (int e = 0; e < d.n_exams; e++)
		printf("exam %d %d %d %d\n", e + 1, d.exams[e].scaled, d.exams[e].correct,
		    d.exams[e].scored);
	return 0;
}
