/* The report's data from the learner's record: result files to struct report_data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certsim/forecast.h"
#include "certsim/fsutil.h"
#include "certsim/readiness.h"
#include "certsim/record.h"
#include "certsim/report_record.h"
#include "certsim/study.h"

struct report_record {
	struct report_data d;
	struct report_named *domains, *tasks;
	char (*domain_ids)[16];
	struct report_attempt *exams, *practice;
	struct report_part *parts; /* per attempt: n_domains domains, then n_tasks tasks */
	struct report_item *items;
	struct report_forecast forecast;
	struct report_study study;
	char reason[320]; /* a readiness message and a final full stop */
	char forecast_reason[160];
	char generated_at[32];
	int skipped;
};

/* Whether attempt a of h counts for the report of exam code. */
static int
of_code(const struct attempt *a, const char *code)
{
	return strcmp(a->result->exam_code, code) == 0;
}

/* Fill the blueprint part of the data from b, or from the newest result of code. */
static int
blueprint(struct report_record *rr, const struct history *h, const struct bank *b, const char *code)
{
	struct report_data *d = &rr->d;

	if (b != NULL && strcmp(b->bp.code, code) == 0) {
		const struct blueprint *bp = &b->bp;
		d->exam_code = bp->code;
		d->exam_title = bp->title;
		d->score_min = bp->score_min;
		d->pass_mark = bp->score_pass;
		d->score_max = bp->score_max;
		d->cut = bp->cut;
		d->questions = bp->questions;
		d->duration_minutes = bp->duration_minutes;
		d->n_domains = bp->n_domains;
		d->n_tasks = bp->n_tasks;
		rr->domains = calloc((size_t)bp->n_domains + 1, sizeof *rr->domains);
		rr->domain_ids = calloc((size_t)bp->n_domains + 1, sizeof *rr->domain_ids);
		rr->tasks = calloc((size_t)bp->n_tasks + 1, sizeof *rr->tasks);
		if (rr->domains == NULL || rr->domain_ids == NULL || rr->tasks == NULL)
			return -1;
		for (int i = 0; i < bp->n_domains; i++) {
			snprintf(rr->domain_ids[i], sizeof rr->domain_ids[i], "%d",
			         bp->domains[i].id);
			rr->domains[i].id = rr->domain_ids[i];
			rr->domains[i].name = bp->domains[i].name;
		}
		for (int i = 0; i < bp->n_tasks; i++) {
			rr->tasks[i].id = bp->tasks[i].id;
			rr->tasks[i].name = bp->tasks[i].name;
		}
		return 0;
	}
	const struct result_file *r = NULL;
	for (size_t a = h->n; a-- > 0 && r == NULL;)
		if (h->v[a].sig == ATTEMPT_SIG_VALID && of_code(&h->v[a], code))
			r = h->v[a].result;
	if (r == NULL)
		return 1;
	d->exam_code = r->exam_code;
	d->exam_title = r->exam_title;
	d->score_min = r->score_min;
	d->pass_mark = r->score_pass;
	d->score_max = r->score_max;
	d->cut = r->cut;
	d->n_domains = (int)r->n_domains;
	d->n_tasks = (int)r->n_tasks;
	rr->domains = calloc(r->n_domains + 1, sizeof *rr->domains);
	rr->domain_ids = calloc(r->n_domains + 1, sizeof *rr->domain_ids);
	rr->tasks = calloc(r->n_tasks + 1, sizeof *rr->tasks);
	if (rr->domains == NULL || rr->domain_ids == NULL || rr->tasks == NULL)
		return -1;
	for (size_t i = 0; i < r->n_domains; i++) {
		snprintf(rr->domain_ids[i], sizeof rr->domain_ids[i], "%d",
		         r->domains[i].domain_id);
		rr->domains[i].id = rr->domain_ids[i];
		rr->domains[i].name = r->domains[i].name;
	}
	for (size_t i = 0; i < r->n_tasks; i++) {
		rr->tasks[i].id = r->tasks[i].task_id;
		rr->tasks[i].name = r->tasks[i].name;
	}
	return 0;
}

/* Index of the domain with id in the report's list, or -1. */
static int
domain_index(const struct report_record *rr, int id)
{
	char s[16];

	snprintf(s, sizeof s, "%d", id);
	for (int i = 0; i < rr->d.n_domains; i++)
		if (strcmp(rr->domains[i].id, s) == 0)
			return i;
	return -1;
}

static int
task_index(const struct report_record *rr, const char *id)
{
	for (int i = 0; id != NULL && i < rr->d.n_tasks; i++)
		if (rr->tasks[i].id != NULL && strcmp(rr->tasks[i].id, id) == 0)
			return i;
	return -1;
}

/* Copy result r into attempt a, its parts at parts and its items at items. */
static void
fill_attempt(const struct report_record *rr, const struct result_file *r, struct report_attempt *a,
             struct report_part *parts, struct report_item *items)
{
	struct report_part *dom = parts, *task = parts + rr->d.n_domains;

	a->mode = r->mode;
	a->finished_at = r->finished_at;
	a->scaled = r->score.scaled;
	a->passed = r->score.passed;
	a->correct = r->score.correct;
	a->scored = r->score.scored;
	a->time_used_s = (long)r->time_used_s;
	a->time_limit_s = (long)r->time_limit_s;
	for (size_t i = 0; i < r->n_domains; i++) {
		int k = domain_index(rr, r->domains[i].domain_id);
		if (k >= 0) {
			dom[k].correct = r->domains[i].correct;
			dom[k].total = r->domains[i].total;
		}
	}
	for (size_t i = 0; i < r->n_tasks; i++) {
		int k = task_index(rr, r->tasks[i].task_id);
		if (k >= 0) {
			task[k].correct = r->tasks[i].correct;
			task[k].total = r->tasks[i].total;
		}
	}
	a->domains = rr->d.n_domains > 0 ? dom : NULL;
	a->tasks = rr->d.n_tasks > 0 ? task : NULL;
	for (size_t i = 0; i < r->n_items; i++) {
		items[i].id = r->items[i].id;
		items[i].task = r->items[i].task_id;
		items[i].seconds = (double)r->items[i].seconds;
		items[i].correct = r->items[i].correct;
	}
	a->items = r->n_items > 0 ? items : NULL;
	a->n_items = r->n_items > 0x7fffffff ? 0x7fffffff : (int)r->n_items;
}

/* Study status and forecast from the record (b is the exam's bank, rr's exam). */
static int
study_part(struct report_record *rr, const struct history *h, const struct bank *b, int64_t now_ms)
{
	struct study *st = NULL;

	/* The same reviews as study and history's forecast (record.h). */
	if (record_study(h, b, &st) < 0)
		return -1;

	struct study_summary sum;
	study_summarize(st, now_ms, NULL, &sum);
	rr->study.seen = (int)sum.seen;
	rr->study.new_items = (int)sum.unseen;
	rr->study.due_now = (int)sum.due_now;
	rr->study.due_week = (int)sum.due_week;
	rr->d.study = &rr->study;

	int nd = b->bp.n_domains;
	int *correct = calloc((size_t)nd + 1, sizeof *correct);
	int *wrong = calloc((size_t)nd + 1, sizeof *wrong);
	struct forecast f;
	int rc = -1;
	if (correct != NULL && wrong != NULL) {
		study_first_answers(st, b, correct, wrong);
		if (forecast_compute(&b->bp, correct, wrong, &f) == 0 || !f.available) {
			rr->forecast.available = f.available;
			rr->forecast.based_on = f.based_on;
			rr->forecast.pass_probability = f.pass_probability;
			rr->forecast.p10 = f.p10;
			rr->forecast.p50 = f.p50;
			rr->forecast.p90 = f.p90;
			snprintf(rr->forecast_reason, sizeof rr->forecast_reason, "%s",
			         f.reason != NULL ? f.reason : "");
			rr->forecast.reason = f.reason != NULL ? rr->forecast_reason : NULL;
			rr->d.forecast = &rr->forecast;
			rc = 0;
		}
	}
	free(correct);
	free(wrong);
	study_free(st);
	return rc;
}

/* The attempts of the record: exams and practice apart, and readiness over them. */
static int
attempts(struct report_record *rr, const struct history *h)
{
	size_t n_ex = 0, n_pr = 0, n_items = 0, n_all;
	int np = rr->d.n_domains + rr->d.n_tasks;
	const char *code = rr->d.exam_code;

	for (size_t a = 0; a < h->n; a++) {
		if (!of_code(&h->v[a], code))
			continue;
		if (h->v[a].sig != ATTEMPT_SIG_VALID) {
			rr->skipped++;
			continue;
		}
		if (strcmp(h->v[a].result->mode, "exam") == 0)
			n_ex++;
		else
			n_pr++;
		n_items += h->v[a].result->n_items;
	}
	n_all = n_ex + n_pr;
	rr->exams = calloc(n_ex + 1, sizeof *rr->exams);
	rr->practice = calloc(n_pr + 1, sizeof *rr->practice);
	rr->parts = calloc(n_all * (size_t)np + 1, sizeof *rr->parts);
	rr->items = calloc(n_items + 1, sizeof *rr->items);
	struct attempt *sel = calloc(n_all + 1, sizeof *sel);
	if (rr->exams == NULL || rr->practice == NULL || rr->parts == NULL || rr->items == NULL ||
	    sel == NULL) {
		free(sel);
		return -1;
	}
	size_t e = 0, p = 0, k = 0, it = 0;
	for (size_t a = 0; a < h->n; a++) {
		const struct result_file *r = h->v[a].result;
		struct report_attempt *at;
		if (!of_code(&h->v[a], code) || h->v[a].sig != ATTEMPT_SIG_VALID)
			continue;
		at = strcmp(r->mode, "exam") == 0 ? &rr->exams[e++] : &rr->practice[p++];
		fill_attempt(rr, r, at, rr->parts + k * (size_t)np, rr->items + it);
		sel[k++] = h->v[a];
		it += r->n_items;
	}
	rr->d.exams = rr->exams;
	rr->d.n_exams = (int)n_ex;
	rr->d.practice = rr->practice;
	rr->d.n_practice = (int)n_pr;

	struct history only = { sel, n_all };
	struct readiness rd;
	readiness_compute(&only, &rd);
	free(sel);
	/* The report says "Ready" or "Not ready yet" itself: the reason is the rest. */
	const char *why = rd.message;
	if (strncmp(why, "READY: ", 7) == 0)
		why += 7;
	else if (strncmp(why, "NOT READY YET: ", 15) == 0)
		why += 15;
	size_t len = strlen(why);
	snprintf(rr->reason, sizeof rr->reason, "%s%s", why,
	         len > 0 && why[len - 1] != '.' ? "." : "");
	rr->d.readiness.ready = rd.ready;
	rr->d.readiness.counted = rd.n;
	rr->d.readiness.reason = rr->reason;
	return 0;
}

int
report_record_build(const struct history *h, const struct bank *b, const char *code, int64_t now_ms,
                    struct report_record **out, char **err)
{
	struct report_record *rr = calloc(1, sizeof *rr);
	int rc;

	*out = NULL;
	if (code == NULL)
		code = b != NULL ? b->bp.code : NULL;
	if (rr == NULL)
		goto oom;
	if (code == NULL) {
		fsutil_set_err(err, "no exam to report on: no bank and no exam code");
		report_record_free(rr);
		return -1;
	}
	rc = blueprint(rr, h, b, code);
	rr->d.domains = rr->domains;
	rr->d.tasks = rr->tasks;
	if (rc > 0) {
		fsutil_set_err(err, "no results of exam %s and the bank in use is %s", code,
		               b != NULL ? b->bp.code : "not loaded");
		report_record_free(rr);
		return -1;
	}
	if (rc < 0 || attempts(rr, h) < 0)
		goto oom;
	if (b != NULL && strcmp(b->bp.code, rr->d.exam_code) == 0 &&
	    study_part(rr, h, b, now_ms) < 0)
		goto oom;

	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;
	if (gmtime_r(&t, &tm) != NULL &&
	    strftime(rr->generated_at, sizeof rr->generated_at, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
		rr->d.generated_at = rr->generated_at;
	rr->d.version = CERTSIM_VERSION;
	*out = rr;
	return 0;
oom:
	report_record_free(rr);
	fsutil_set_err(err, "out of memory while reading the record for the report");
	return -1;
}

const struct report_data *
report_record_data(const struct report_record *rr)
{
	return &rr->d;
}

int
report_record_skipped(const struct report_record *rr)
{
	return rr->skipped;
}

void
report_record_free(struct report_record *rr)
{
	if (rr == NULL)
		return;
	free(rr->domains);
	free(rr->domain_ids);
	free(rr->tasks);
	free(rr->exams);
	free(rr->practice);
	free(rr->parts);
	free(rr->items);
	free(rr);
}
