/* The progress report's advice and the numbers behind it: task totals, weakest tasks, pace. */
#include <stdlib.h>
#include <string.h>

#include "certsim/report.h"
#include "report_internal.h"

int
report_task_totals(const struct report_data *d, struct report_part *recent)
{
	const struct report_attempt **all;
	int n, oom, from;

	for (int t = 0; t < d->n_tasks; t++)
		recent[t].correct = recent[t].total = 0;
	all = merged(d, &n, &oom);
	from = n > REPORT_RECENT ? n - REPORT_RECENT : 0;
	for (int i = from; i < n; i++) {
		if (all[i]->tasks == NULL)
			continue;
		for (int t = 0; t < d->n_tasks; t++) {
			recent[t].correct += all[i]->tasks[t].correct;
			recent[t].total += all[i]->tasks[t].total;
		}
	}
	free(all);
	return n - from;
}

int
report_weakest(const struct report_data *d, int *idx, int max)
{
	struct report_part *r;
	int n = 0;

	if (d == NULL || d->n_tasks <= 0 || max < 1)
		return 0;
	r = calloc((size_t)d->n_tasks, sizeof *r);
	if (r == NULL)
		return 0;
	report_task_totals(d, r);
	/* Insertion into a short sorted list: lowest ratio first, stable. */
	for (int t = 0; t < d->n_tasks; t++) {
		int pos;

		if (r[t].total < REPORT_MIN_ANSWERS || !below_cut(r[t].correct, r[t].total, d->cut))
			continue;
		pos = n;
		while (pos > 0) {
			const struct report_part *p = &r[idx[pos - 1]];
			double a = (double)r[t].correct * p->total;
			double b = (double)p->correct * r[t].total;

			if (a < b || (a == b && r[t].correct < p->correct))
				pos--;
			else
				break;
		}
		if (pos >= max)
			continue;
		memmove(idx + pos + 1, idx + pos,
		        (size_t)((n < max ? n : max - 1) - pos) * sizeof *idx);
		idx[pos] = t;
		if (n < max)
			n++;
	}
	free(r);
	return n;
}

double
report_seconds_per_item(const struct report_attempt *a)
{
	return a->n_items > 0 ? (double)a->time_used_s / a->n_items : 0;
}

double
report_pace(const struct report_data *d)
{
	return d->questions > 0 && d->duration_minutes > 0
	           ? d->duration_minutes * 60.0 / d->questions
	           : 0;
}

int
report_advice(const struct report_data *d, struct report_advice *out, int max)
{
	int n = 0, weak[3], nw;
	double pace;

	if (d == NULL || out == NULL || max < 1)
		return 0;
#define NEXT(k) (memset(&out[n], 0, sizeof out[n]), out[n].kind = (k), out[n].task = -1, &out[n])
	if (d->n_exams == 0 && n < max) {
		struct report_advice *a = NEXT(REPORT_ADVICE_START);

		set_text(a->text, sizeof a->text,
		         "Take a first full practice exam "
		         "(%d questions, %d minutes) to see where you stand.",
		         d->questions, d->duration_minutes);
		set_text(a->command, sizeof a->command, "certsim exam");
		n++;
	}
	nw = report_weakest(d, weak, 3);
	if (nw > 0) {
		struct report_part *r = calloc((size_t)d->n_tasks, sizeof *r);
		int looked = r != NULL ? report_task_totals(d, r) : 0;

		for (int i = 0; i < nw && r != NULL && n < max; i++) {
			int t = weak[i];
			struct report_advice *a = NEXT(REPORT_ADVICE_TASK);

			a->task = t;
			a->value = pct(r[t].correct, r[t].total);
			set_text(a->text, sizeof a->text,
			         "Practise task %s (%s): %d%% "
			         "(%d of %d) in your last %d attempts, below the %d%% cut.",
			         str(d->tasks[t].id), str(d->tasks[t].name),
			         pct(r[t].correct, r[t].total), r[t].correct, r[t].total, looked,
			         pct01(d->cut));
			set_text(a->command, sizeof a->command, "certsim quiz --task %s",
			         str(d->tasks[t].id));
			n++;
		}
		free(r);
	}
	if (d->study != NULL && d->study->due_now > 0 && n < max) {
		struct report_advice *a = NEXT(REPORT_ADVICE_DUE);

		a->value = d->study->due_now;
		set_text(a->text, sizeof a->text,
		         "Review the %d question%s due now, "
		         "before you forget them.",
		         d->study->due_now, d->study->due_now == 1 ? "" : "s");
		set_text(a->command, sizeof a->command, "certsim study");
		n++;
	}
	pace = report_pace(d);
	if (d->n_exams > 0 && n < max) {
		const struct report_attempt *last = &d->exams[d->n_exams - 1];
		double spi = report_seconds_per_item(last);
		int out_of_time = last->time_limit_s > 0 && last->time_used_s >= last->time_limit_s;

		if (out_of_time || (pace > 0 && spi > pace)) {
			struct report_advice *a = NEXT(REPORT_ADVICE_PACE);

			a->value = spi;
			set_text(a->text, sizeof a->text,
			         "%s: %.0f s per question against "
			         "a pace of %.0f s. Answer, flag the doubtful ones and move on; "
			         "practise with timed quizzes.",
			         out_of_time ? "Your last exam ran out of time"
			                     : "Your last exam was slower than the pace",
			         spi, pace);
			set_text(a->command, sizeof a->command, "certsim quiz --count 20");
			n++;
		}
	}
	if (d->n_exams > 0 && n < max) {
		struct report_advice *a = NEXT(REPORT_ADVICE_READY);

		if (d->readiness.ready) {
			set_text(a->text, sizeof a->text,
			         "Ready by the checklist: %s "
			         "Keep your level with a full exam every few days.",
			         d->readiness.reason != NULL
			             ? d->readiness.reason
			             : "the last three counting exams scored at least 80%.");
			set_text(a->command, sizeof a->command, "certsim exam");
		} else {
			set_text(
			    a->text, sizeof a->text, "Not ready yet: %s",
			    d->readiness.reason != NULL
			        ? d->readiness.reason
			        : "the last three counting exams must each score at least 80%.");
			set_text(a->command, sizeof a->command, "certsim exam");
		}
		n++;
	}
#undef NEXT
	return n;
}
