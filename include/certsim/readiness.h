/* Readiness: whether the learner is ready for the real exam, by the study guide's checklist. */
#ifndef CERTSIM_READINESS_H
#define CERTSIM_READINESS_H

#include "certsim/history.h"

/* Ready: the last READINESS_EXAMS valid full exams each scored at least READINESS_PERCENT raw. */
#define READINESS_EXAMS 3
#define READINESS_PERCENT 80.0

struct readiness {
	int ready;
	int n;                                /* valid full exams found, at most READINESS_EXAMS */
	double last_percent[READINESS_EXAMS]; /* their raw percent, oldest first */
	char message[256];                    /* the verdict in one line, as history prints it */
};

/*
 * The readiness verdict from h: only attempts with mode "exam" and a valid
 * signature count (verify them with history_load). Fills *out; cannot fail.
 */
void readiness_compute(const struct history *h, struct readiness *out);

#endif
