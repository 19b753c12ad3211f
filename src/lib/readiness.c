/* Readiness: whether the learner is ready for the real exam, by the study guide's checklist. */
#include <stdio.h>
#include <string.h>

#include "certsim/readiness.h"

void
readiness_compute(const struct history *h, struct readiness *out)
{
	double newest_first[READINESS_EXAMS];
	int n = 0, below = 0;
	memset(out, 0, sizeof *out);
	for (size_t a = h->n; a-- > 0 && n < READINESS_EXAMS;) {
		const struct result_file *r = h->v[a].result;
		if (h->v[a].sig == ATTEMPT_SIG_VALID && strcmp(r->mode, "exam") == 0)
			newest_first[n++] = r->score.percent;
	}
	for (int i = 0; i < n; i++) {
		out->last_percent[i] = newest_first[n - 1 - i];
		below += newest_first[i] < READINESS_PERCENT;
	}
	out->n = n;
	out->ready = n == READINESS_EXAMS && below == 0;
	if (out->ready)
		snprintf(
		    out->message, sizeof out->message,
		    "READY: your last three full practice exams scored %.0f%%, %.0f%% and %.0f%% "
		    "(80%%+ each)",
		    out->last_percent[0], out->last_percent[1], out->last_percent[2]);
	else if (n == 0)
		snprintf(
		    out->message, sizeof out->message,
		    "NOT READY YET: no valid full practice exam yet; the goal is three in a row at "
		    "80%%+ (certsim exam)");
	else if (below == 0)
		snprintf(
		    out->message, sizeof out->message,
		    "NOT READY YET: %d of the 3 full exams needed at 80%%+ so far; take %d more", n,
		    READINESS_EXAMS - n);
	else
		snprintf(out->message, sizeof out->message,
		         "NOT READY YET: %d of your last %d full exams scored under 80%% (latest "
		         "%.0f%%); "
		         "the goal is three in a row at 80%%+",
		         below, n, newest_first[0]);
}
