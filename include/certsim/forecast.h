/* The pass forecast (docs/scoring.md, "Forecast"): simulated exams from first-time answers. */
#ifndef CERTSIM_FORECAST_H
#define CERTSIM_FORECAST_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"

#define FORECAST_RUNS 10000     /* simulated exams */
#define FORECAST_MIN_ANSWERS 20 /* fewer first-time answers: no forecast */
#define FORECAST_SEED 720u      /* fixed: the same answers give the same forecast */

struct forecast {
	int available;           /* 1: the figures below; 0: no forecast, see reason */
	const char *reason;      /* static; NULL when available */
	int based_on;            /* first-time answers used (all domains) */
	double pass_probability; /* share of simulated exams that pass, 0 to 1 */
	int p10, p50, p90;       /* percentiles of the simulated scaled scores */
};

/*
 * Forecast an exam of blueprint bp from first-time answers: correct[d] and
 * wrong[d] for each domain index d of bp->domains (bp->n_domains entries,
 * none negative). Each domain's chance of a right answer is
 * Beta(1 + correct, 1 + wrong); each of FORECAST_RUNS exams draws it per
 * domain, then the domain's right answers as Binomial(n, p) with n from
 * draw_apportion() of bp->questions, and scores the total with
 * score_scale(). The percentiles are nearest-rank (p50: the smallest score
 * that at least half of the runs reach or stay under). With fewer than
 * FORECAST_MIN_ANSWERS answers in all, *out has available 0 and a reason.
 * Returns 0, or -1 when bp has no domains or questions, a count is
 * negative, or memory runs out (*out then has available 0).
 */
int forecast_compute(const struct blueprint *bp, const int *correct, const int *wrong,
                     struct forecast *out);

/*
 * The same with runs simulated exams from seed (for tools and tests that
 * compare many learners quickly); forecast_compute is
 * forecast_run(..., FORECAST_RUNS, FORECAST_SEED, out). runs must be >= 1.
 */
int forecast_run(const struct blueprint *bp, const int *correct, const int *wrong, int runs,
                 uint64_t seed, struct forecast *out);

/*
 * The forecast in one line of plain text into out (size n, always
 * NUL-terminated when n > 0): "pass probability 64%; predicted score
 * 705-790, median 748" (percentages rounded, "<1%" and ">99%" at the
 * extremes), or "no forecast: fewer than 20 first-time answers (12 so
 * far)". Returns what snprintf returns.
 */
int forecast_format(const struct forecast *f, char *out, size_t n);

#endif
