/* Pacing: how fast the learner went against the exam's pace. */
#include <string.h>

#include "certsim/pacing.h"

int64_t
pacing_exam_pace_ms(const struct blueprint *bp)
{
	return bp->questions > 0 ? (int64_t)bp->duration_minutes * 60000 / bp->questions : 0;
}

void
pacing_compute(const int64_t *item_ms, size_t n, int64_t used_ms, int64_t pace_ms,
               struct pacing *out)
{
	memset(out, 0, sizeof *out);
	out->pace_ms = pace_ms;
	out->average_s = n ? (used_ms / (int64_t)n + 500) / 1000 : 0;
	for (size_t i = 0; i < n; i++)
		out->over += item_ms[i] > pace_ms;
	for (size_t rank = 0; rank < PACING_SLOWEST && rank < n; rank++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			int taken = 0;
			for (size_t r = 0; r < rank; r++)
				taken |= out->slowest[r] == i;
			if (!taken && (best == n || item_ms[i] > item_ms[best]))
				best = i;
		}
		out->slowest[rank] = best;
		out->n_slowest++;
	}
}
