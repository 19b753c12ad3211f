/* Readiness: whether the learner is ready for the real exam, by the study guide's checklist. */
#ifndef CERTSIM_READINESS_H
#define CERTSIM_READINESS_H

#include <stddef.h>

#include "certsim/history.h"

/* Ready: the last READINESS_EXAMS valid full exams each scored at least READINESS_PERCENT raw. */
#define READINESS_EXAMS 3
#define READINESS_PERCENT 80.0
/* An exam counts only when at least this percent of its items were unseen before it. */
#define READINESS_UNSEEN 80.0

/* Whether an attempt counts toward readiness, and if not, why. */
enum readiness_why {
	READINESS_COUNTS,
	READINESS_NOT_EXAM,   /* a quiz */
	READINESS_UNVERIFIED, /* its signature is not valid */
	READINESS_UNTIMED,    /* an untimed exam */
	READINESS_REPEATS     /* under READINESS_UNSEEN percent of its items unseen before */
};

struct readiness {
	int ready;
	int n;                                /* valid full exams found, at most READINESS_EXAMS */
	double last_percent[READINESS_EXAMS]; /* their raw percent, oldest first */
	char message[256];                    /* the verdict in one line, as history prints it */
	int counted;                          /* exams that count, of all in h */
	int unverified, untimed, repeats;     /* exams left out, by reason */
};

/*
 * Whether attempt a of h counts toward readiness (docs/record.md,
 * "Readiness counts fair exams only"): a full, timed exam with a valid
 * signature (verify with history_load) with at least READINESS_UNSEEN
 * percent of its items not in any earlier attempt of h of the same exam
 * code. h should hold one exam code's attempts (history_keep_exam). Cannot
 * fail.
 */
enum readiness_why readiness_exam_counts(const struct history *h, size_t a);

/* A short reason for w ("counts", "untimed", ...); static, do not free. */
const char *readiness_why_name(enum readiness_why w);

/*
 * The readiness verdict from h: the last READINESS_EXAMS attempts that
 * readiness_exam_counts accepts; also how many counted and why the others
 * did not. Fills *out; cannot fail.
 */
void readiness_compute(const struct history *h, struct readiness *out);

/* "Readiness counts N exams; left out: ..." into buf (always terminated). */
void readiness_counted_text(const struct readiness *rd, char *buf, size_t size);

#endif
