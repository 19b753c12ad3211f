/* Readiness: whether the learner is ready for the real exam, by the study guide's checklist. */
#include <stdio.h>
#include <string.h>

#include "certsim/readiness.h"

/* Whether question id was in any attempt of h before attempt a (of the same exam). */
static int
seen_before(const struct history *h, size_t a, const char *code, const char *id)
{
	for (size_t k = 0; k < a; k++) {
		const struct result_file *r = h->v[k].result;
		if (r->exam_code == NULL || strcmp(r->exam_code, code) != 0)
			continue;
		for (size_t i = 0; i < r->n_items; i++)
			if (r->items[i].id != NULL && strcmp(r->items[i].id, id) == 0)
				return 1;
	}
	return 0;
}

enum readiness_why
readiness_exam_counts(const struct history *h, size_t a)
{
	const struct result_file *r = h->v[a].result;
	size_t unseen = 0;
	if (strcmp(r->mode, "exam") != 0)
		return READINESS_NOT_EXAM;
	if (h->v[a].sig != ATTEMPT_SIG_VALID)
		return READINESS_UNVERIFIED;
	if (r->time_limit_s <= 0)
		return READINESS_UNTIMED;
	for (size_t i = 0; i < r->n_items; i++)
		unseen += r->items[i].id != NULL && r->exam_code != NULL &&
		          !seen_before(h, a, r->exam_code, r->items[i].id);
	if (r->n_items == 0 || 100.0 * (double)unseen < READINESS_UNSEEN * (double)r->n_items)
		return READINESS_REPEATS;
	return READINESS_COUNTS;
}

void
readiness_compute(const struct history *h, struct readiness *out)
{
	double newest_first[READINESS_EXAMS];
	int n = 0, below = 0;
	memset(out, 0, sizeof *out);
	for (size_t a = 0; a < h->n; a++) {
		enum readiness_why w = readiness_exam_counts(h, a);
		out->counted += w == READINESS_COUNTS;
		out->unverified += w == READINESS_UNVERIFIED;
		out->untimed += w == READINESS_UNTIMED;
		out->repeats += w == READINESS_REPEATS;
	}
	for (size_t a = h->n; a-- > 0 && n < READINESS_EXAMS;) {
		if (readiness_exam_counts(h, a) == READINESS_COUNTS)
			newest_first[n++] = h->v[a].result->score.percent;
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

const char *
readiness_why_name(enum readiness_why w)
{
	switch (w) {
	case READINESS_COUNTS:
		return "counts";
	case READINESS_NOT_EXAM:
		return "quiz";
	case READINESS_UNVERIFIED:
		return "signature not valid";
	case READINESS_UNTIMED:
		return "untimed";
	case READINESS_REPEATS:
		return "under 80% unseen questions";
	}
	return "?";
}

void
readiness_counted_text(const struct readiness *rd, char *buf, size_t size)
{
	int left = rd->unverified + rd->untimed + rd->repeats;
	int used = snprintf(buf, size, "Readiness counts %d exam%s", rd->counted,
	                    rd->counted == 1 ? "" : "s");
	if (left > 0 && used > 0 && (size_t)used < size)
		snprintf(buf + used, size - (size_t)used,
		         "; left out: %d with under %.0f%% questions unseen before, %d untimed, "
		         "%d without a valid signature",
		         rd->repeats, READINESS_UNSEEN, rd->untimed, rd->unverified);
}
