/* The JSON of `certsim history --json`: attempts, trends and readiness. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "certsim/history.h"
#include "certsim/readiness.h"
#include "certsim/record.h"
#include "certsim/trend.h"

static void
add_attempt(cJSON *arr, const struct history *h, size_t n)
{
	const struct attempt *a = &h->v[n];
	const struct result_file *r = a->result;
	cJSON *o = cJSON_CreateObject();
	/* n: the number history and review N use (1 = oldest). */
	cJSON_AddNumberToObject(o, "n", (double)(n + 1));
	cJSON_AddStringToObject(o, "path", a->path);
	cJSON *e = cJSON_AddObjectToObject(o, "exam");
	cJSON_AddStringToObject(e, "code", r->exam_code ? r->exam_code : "");
	cJSON_AddStringToObject(o, "readiness", readiness_why_name(readiness_exam_counts(h, n)));
	cJSON_AddStringToObject(o, "finished_at", a->finished_at);
	cJSON_AddStringToObject(o, "mode", r->mode);
	if (r->has_quiz)
		cJSON_AddStringToObject(o, "source", r->quiz_source);
	cJSON_AddNumberToObject(o, "items", (double)r->n_items);
	cJSON_AddNumberToObject(o, "correct", r->score.correct);
	cJSON_AddNumberToObject(o, "scored", r->score.scored);
	cJSON_AddNumberToObject(o, "percent", r->score.percent);
	cJSON_AddNumberToObject(o, "scaled", r->score.scaled);
	cJSON_AddBoolToObject(o, "passed", r->score.passed);
	cJSON_AddNumberToObject(o, "time_used_s", (double)r->time_used_s);
	cJSON_AddStringToObject(o, "signature", history_sig_name(a->sig));
	if (a->sig_reason)
		cJSON_AddStringToObject(o, "signature_problem", a->sig_reason);
	cJSON_AddItemToArray(arr, o);
}

/* One trend row: {"id", "name", "percent": [oldest .. newest]}. */
static void
add_trend(cJSON *arr, cJSON *id, const char *name, const double *v, size_t k)
{
	cJSON *o = cJSON_CreateObject(), *t;
	cJSON_AddItemToObject(o, "id", id);
	cJSON_AddStringToObject(o, "name", name);
	t = cJSON_AddArrayToObject(o, "percent");
	for (size_t j = 0; j < k; j++)
		cJSON_AddItemToArray(t, cJSON_CreateNumber(v[j]));
	cJSON_AddItemToArray(arr, o);
}

/*
 * One like-with-like trend row: {"id", "name", "percent": [one per
 * column, null where that attempt does not list it], "direction": "up",
 * "down", "flat", or null with fewer than two values}: the row that
 * `history` prints.
 */
static void
add_trend_row(cJSON *arr, cJSON *id, const char *name, const double *v, size_t n)
{
	cJSON *o = cJSON_CreateObject(), *t;
	enum trend_direction dir;
	cJSON_AddItemToObject(o, "id", id);
	cJSON_AddStringToObject(o, "name", name);
	t = cJSON_AddArrayToObject(o, "percent");
	for (size_t j = 0; j < n; j++)
		cJSON_AddItemToArray(t, v[j] >= 0 ? cJSON_CreateNumber(v[j]) : cJSON_CreateNull());
	if (trend_row_direction(v, n, &dir) == 0)
		cJSON_AddStringToObject(o, "direction", trend_direction_name(dir));
	else
		cJSON_AddNullToObject(o, "direction");
	cJSON_AddItemToArray(arr, o);
}

/*
 * "trends": {"exam": {...}, "quiz": {...}}: per mode, "attempts" (the
 * numbers of the columns, oldest first) and a row per domain and task, as
 * `history` prints them; a mode with no valid attempt is left out.
 */
static void
add_trends(cJSON *out, const struct history *h, const struct bank *b)
{
	static const char *const modes[] = { "exam", "quiz" };
	cJSON *trends = cJSON_AddObjectToObject(out, "trends");
	for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
		size_t cols[TREND_LEN], n = trend_columns(h, modes[m], cols);
		double v[TREND_LEN];
		if (n == 0)
			continue;
		cJSON *o = cJSON_AddObjectToObject(trends, modes[m]);
		cJSON *arr = cJSON_AddArrayToObject(o, "attempts");
		for (size_t j = 0; j < n; j++)
			cJSON_AddItemToArray(arr, cJSON_CreateNumber((double)(cols[j] + 1)));
		arr = cJSON_AddArrayToObject(o, "domains");
		for (int i = 0; i < b->bp.n_domains; i++) {
			const struct domain *d = &b->bp.domains[i];
			trend_part_at(h, cols, n, d->id, NULL, v);
			add_trend_row(arr, cJSON_CreateNumber(d->id), d->name, v, n);
		}
		arr = cJSON_AddArrayToObject(o, "tasks");
		for (int i = 0; i < b->bp.n_tasks; i++) {
			const struct task *t = &b->bp.tasks[i];
			trend_part_at(h, cols, n, 0, t->id, v);
			add_trend_row(arr, cJSON_CreateString(t->id), t->name, v, n);
		}
	}
}

/*
 * "forecast": {based_on, pass_probability, scaled {p10, p50, p90}}, or null
 * and "forecast_reason".
 */
static void
add_forecast(cJSON *out, const struct history *h, const struct bank *b)
{
	struct forecast fc;
	record_forecast(h, b, &fc);
	if (!fc.available) {
		char why[160];
		snprintf(why, sizeof why, "%s (%d so far)", fc.reason ? fc.reason : "no forecast",
		         fc.based_on);
		cJSON_AddNullToObject(out, "forecast");
		cJSON_AddStringToObject(out, "forecast_reason", why);
		return;
	}
	cJSON *o = cJSON_AddObjectToObject(out, "forecast"), *s;
	cJSON_AddNumberToObject(o, "based_on", fc.based_on);
	cJSON_AddNumberToObject(o, "pass_probability", fc.pass_probability);
	s = cJSON_AddObjectToObject(o, "scaled");
	cJSON_AddNumberToObject(s, "p10", fc.p10);
	cJSON_AddNumberToObject(s, "p50", fc.p50);
	cJSON_AddNumberToObject(s, "p90", fc.p90);
}

char *
history_json(const struct history *h, const struct bank *b)
{
	cJSON *out = cJSON_CreateObject(), *arr;
	struct readiness rd;
	double v[TREND_LEN];
	if (out == NULL)
		return NULL;
	arr = cJSON_AddArrayToObject(out, "attempts");
	for (size_t a = 0; a < h->n; a++)
		add_attempt(arr, h, a);
	if (b != NULL) {
		arr = cJSON_AddArrayToObject(out, "domains");
		for (int i = 0; i < b->bp.n_domains; i++) {
			const struct domain *d = &b->bp.domains[i];
			size_t k = trend_domain(h, d->id, v);
			add_trend(arr, cJSON_CreateNumber(d->id), d->name, v, k);
		}
		arr = cJSON_AddArrayToObject(out, "tasks");
		for (int i = 0; i < b->bp.n_tasks; i++) {
			const struct task *t = &b->bp.tasks[i];
			size_t k = trend_task(h, t->id, v);
			add_trend(arr, cJSON_CreateString(t->id), t->name, v, k);
		}
		add_trends(out, h, b);
	}
	readiness_compute(h, &rd);
	cJSON *o = cJSON_AddObjectToObject(out, "readiness");
	cJSON_AddBoolToObject(o, "ready", rd.ready);
	arr = cJSON_AddArrayToObject(o, "last_exams_percent");
	for (int i = 0; i < rd.n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(rd.last_percent[i]));
	cJSON_AddStringToObject(o, "message", rd.message);
	cJSON_AddNumberToObject(o, "counted", rd.counted);
	cJSON *left = cJSON_AddObjectToObject(o, "left_out");
	cJSON_AddNumberToObject(left, "repeats", rd.repeats);
	cJSON_AddNumberToObject(left, "untimed", rd.untimed);
	cJSON_AddNumberToObject(left, "unverified", rd.unverified);
	if (b != NULL)
		add_forecast(out, h, b);
	char *text = cJSON_Print(out);
	cJSON_Delete(out);
	return text;
}
