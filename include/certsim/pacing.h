/* Pacing: how fast the learner went against the exam's pace. */
#ifndef CERTSIM_PACING_H
#define CERTSIM_PACING_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"

#define PACING_SLOWEST 3

struct pacing {
	int64_t pace_ms;                /* the exam's pace per question */
	int64_t average_s;              /* time used per item, rounded half up */
	size_t over;                    /* items that took longer than the pace */
	size_t slowest[PACING_SLOWEST]; /* indexes of the slowest items, slowest first */
	size_t n_slowest;               /* min(n, PACING_SLOWEST) */
};

/* The blueprint's pace per question in milliseconds (duration / questions, truncated). */
int64_t pacing_exam_pace_ms(const struct blueprint *bp);

/*
 * Pacing of n items that took item_ms[i] each, used_ms in all, against
 * pace_ms. Ties for slowest go to the earlier item. Fills *out; n may be 0.
 */
void pacing_compute(const int64_t *item_ms, size_t n, int64_t used_ms, int64_t pace_ms,
                    struct pacing *out);

#endif
