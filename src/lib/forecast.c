/* The pass forecast: per-domain Beta estimates, simulated exams, scaled-score percentiles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/draw.h"
#include "certsim/forecast.h"
#include "certsim/rng.h"
#include "certsim/score.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* A uniform double in (0, 1): never 0, so that logs and powers stay finite. */
static double
open_unit(struct rng *r)
{
	double u;
	do
		u = rng_unit(r);
	while (u == 0);
	return u;
}

/* A standard normal deviate (Marsaglia's polar method). */
static double
normal(struct rng *r)
{
	double x, y, s;
	do {
		x = 2 * rng_unit(r) - 1;
		y = 2 * rng_unit(r) - 1;
		s = x * x + y * y;
	} while (s >= 1 || s == 0);
	return x * sqrt(-2 * log(s) / s);
}

/* A Gamma(a, 1) deviate, a > 0 (Marsaglia and Tsang, 2000). */
static double
gamma_draw(struct rng *r, double a)
{
	if (a < 1)
		return gamma_draw(r, a + 1) * pow(open_unit(r), 1 / a);
	double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);
	for (;;) {
		double x, v, u;
		do {
			x = normal(r);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = open_unit(r);
		if (u < 1 - 0.0331 * x * x * x * x)
			return d * v;
		if (log(u) < 0.5 * x * x + d * (1 - v + log(v)))
			return d * v;
	}
}

/* A Beta(a, b) deviate from two Gamma deviates. */
static double
beta_draw(struct rng *r, double a, double b)
{
	double x = gamma_draw(r, a), y = gamma_draw(r, b);
	return x / (x + y);
}

static int
binomial_draw(struct rng *r, int n, double p)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += rng_unit(r) < p;
	return k;
}

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least q of the n sorted values at or below it. */
static int
percentile(const int *sorted, int n, double q)
{
	int rank = (int)ceil(q * n - 1e-9);
	if (rank < 1)
		rank = 1;
	return sorted[rank - 1];
}

int
forecast_run(const struct blueprint *bp, const int *correct, const int *wrong, int runs,
             uint64_t seed, struct forecast *out)
{
	int weights[BANK_MAX_DOMAINS], counts[BANK_MAX_DOMAINS];
	int total = 0, passes = 0, *scores;
	struct rng r;

	memset(out, 0, sizeof *out);
	out->reason = "not computed";
	if (bp == NULL || bp->n_domains < 1 || bp->n_domains > BANK_MAX_DOMAINS ||
	    bp->questions < 1 || runs < 1)
		return -1;
	for (int d = 0; d < bp->n_domains; d++) {
		if (correct[d] < 0 || wrong[d] < 0 || bp->domains[d].weight <= 0)
			return -1;
		total += correct[d] + wrong[d];
		weights[d] = bp->domains[d].weight;
	}
	out->based_on = total;
	if (total < FORECAST_MIN_ANSWERS) {
		out->reason = "fewer than " STR(FORECAST_MIN_ANSWERS) " first-time answers";
		return 0;
	}
	scores = malloc((size_t)runs * sizeof *scores);
	if (scores == NULL) {
		out->reason = "out of memory";
		return -1;
	}
	draw_apportion(weights, bp->n_domains, bp->questions, counts);
	rng_init(&r, seed);
	for (int k = 0; k < runs; k++) {
		int right = 0;
		for (int d = 0; d < bp->n_domains; d++) {
			double p = beta_draw(&r, 1.0 + correct[d], 1.0 + wrong[d]);
			right += binomial_draw(&r, counts[d], p);
		}
		scores[k] = score_scale(bp->score_min, bp->score_pass, bp->score_max, bp->cut,
		                        right, bp->questions);
		passes += scores[k] >= bp->score_pass;
	}
	qsort(scores, (size_t)runs, sizeof *scores, int_cmp);
	out->available = 1;
	out->reason = NULL;
	out->pass_probability = (double)passes / runs;
	out->p10 = percentile(scores, runs, 0.10);
	out->p50 = percentile(scores, runs, 0.50);
	out->p90 = percentile(scores, runs, 0.90);
	free(scores);
	return 0;
}

int
forecast_compute(const struct blueprint *bp, const int *correct, const int *wrong,
                 struct forecast *out)
{
	return forecast_run(bp, correct, wrong, FORECAST_RUNS, FORECAST_SEED, out);
}

int
forecast_format(const struct forecast *f, char *out, size_t n)
{
	char pct[8];
	double p = 100 * f->pass_probability;

	if (!f->available)
		return snprintf(out, n, "no forecast: %s (%d so far)",
		                f->reason != NULL ? f->reason : "not computed", f->based_on);
	if (p > 0 && p < 1)
		snprintf(pct, sizeof pct, "<1%%");
	else if (p > 99 && p < 100)
		snprintf(pct, sizeof pct, ">99%%");
	else
		snprintf(pct, sizeof pct, "%d%%", (int)floor(p + 0.5));
	return snprintf(out, n, "pass probability %s; predicted score %d-%d, median %d", pct,
	                f->p10, f->p90, f->p50);
}
