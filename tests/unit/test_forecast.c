/* Unit tests for forecast: simulation against exact Beta-binomial figures, extremes, monotony. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/draw.h"
#include "certsim/forecast.h"
#include "certsim/rng.h"
#include "certsim/score.h"

#include "testutil.h"

/* MLA-C01's blueprint: 65 questions, 100/720/1000, cut 0.72, weights 28/26/22/24. */
static struct domain mla_domains[] = {
	{ 1, "Data Preparation for Machine Learning (ML)", 28 },
	{ 2, "ML Model Development", 26 },
	{ 3, "Deployment and Orchestration of ML Workflows", 22 },
	{ 4, "ML Solution Monitoring, Maintenance, and Security", 24 },
};
static const struct blueprint mla = {
	.code = "MLA-C01", .questions = 65, .score_min = 100, .score_pass = 720,
	.score_max = 1000, .cut = 0.72, .domains = mla_domains, .n_domains = 4,
};

static struct forecast
fc(const int *correct, const int *wrong)
{
	struct forecast f;

	assert_int_equal(forecast_compute(&mla, correct, wrong, &f), 0);
	return f;
}

/*
 * The exact distribution the simulation estimates: per domain a
 * Beta-binomial(n, 1 + correct, 1 + wrong), convolved over the domains.
 * Writes the exact pass probability and the median scaled score.
 */
static void
exact(const int *correct, const int *wrong, double *pass, int *median)
{
	int counts[4], weights[4] = { 28, 26, 22, 24 }, top = 0;
	double dist[66] = { 1 }, next[66], cum = 0;

	draw_apportion(weights, 4, 65, counts);
	for (int d = 0; d < 4; d++) {
		double a = 1.0 + correct[d], b = 1.0 + wrong[d];
		int n = counts[d];

		memset(next, 0, sizeof next);
		for (int k = 0; k <= n; k++) {
			double lp = lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0) +
			            lgamma(k + a) + lgamma(n - k + b) - lgamma(n + a + b) -
			            (lgamma(a) + lgamma(b) - lgamma(a + b));
			for (int t = 0; t <= top; t++)
				next[t + k] += dist[t] * exp(lp);
		}
		top += n;
		memcpy(dist, next, sizeof dist);
	}
	*pass = 0;
	*median = -1;
	for (int t = 0; t <= 65; t++) {
		int s = score_scale(100, 720, 1000, 0.72, t, 65);

		if (s >= 720)
			*pass += dist[t];
		cum += dist[t];
		if (*median < 0 && cum >= 0.5)
			*median = s;
	}
}

/* The simulation agrees with the exact figures (10,000 runs: sd <= 0.005). */
static void
test_matches_exact_beta_binomial(void **state)
{
	static const int cases[][2][4] = {
		{ { 20, 18, 15, 17 }, { 8, 8, 7, 7 } },
		{ { 4, 3, 5, 2 }, { 2, 3, 1, 2 } },
		{ { 30, 25, 10, 40 }, { 15, 5, 10, 8 } },
		{ { 12, 0, 0, 0 }, { 10, 0, 0, 0 } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct forecast f = fc(cases[i][0], cases[i][1]);
		double pass;
		int median;

		exact(cases[i][0], cases[i][1], &pass, &median);
		printf("case %zu: simulated %.4f (p50 %d), exact %.4f (median %d)\n", i,
		       f.pass_probability, f.p50, pass, median);
		assert_int_equal(f.available, 1);
		if (fabs(f.pass_probability - pass) > 0.02)
			fail_msg("case %zu: pass probability %.4f, exact %.4f", i,
			         f.pass_probability, pass);
		/* One question is worth about 15 points: allow one either way. */
		assert_in_range(f.p50, median - 16, median + 16);
		assert_true(f.p10 <= f.p50 && f.p50 <= f.p90);
	}
}

static void
test_all_right_and_all_wrong(void **state)
{
	int many[4] = { 280, 260, 220, 240 }, none[4] = { 0, 0, 0, 0 };
	struct forecast f;

	(void)state;
	f = fc(many, none);
	printf("all right: pass %.4f, %d-%d-%d\n", f.pass_probability, f.p10, f.p50, f.p90);
	assert_true(f.pass_probability > 0.999);
	assert_int_equal(f.p90, 1000);
	assert_true(f.p50 >= 985);
	assert_true(f.p10 >= 950);
	assert_int_equal(f.based_on, 1000);

	f = fc(none, many);
	printf("all wrong: pass %.4f, %d-%d-%d\n", f.pass_probability, f.p10, f.p50, f.p90);
	assert_true(f.pass_probability < 0.001);
	assert_int_equal(f.p10, 100);
	assert_true(f.p50 <= 115);
	assert_true(f.p90 <= 130);
}

/* A learner who is right more often never gets a worse forecast. */
static void
test_monotonic_in_skill(void **state)
{
	double prev_pass = -1;
	int prev_p50 = 0;

	(void)state;
	for (int pct = 30; pct <= 100; pct += 5) {
		int c[4], w[4];
		struct forecast f;

		for (int d = 0; d < 4; d++) {
			c[d] = 60 * pct / 100;
			w[d] = 60 - c[d];
		}
		f = fc(c, w);
		printf("skill %d%%: pass %.4f, %d-%d-%d\n", pct, f.pass_probability,
		       f.p10, f.p50, f.p90);
		if (f.pass_probability < prev_pass || f.p50 < prev_p50)
			fail_msg("skill %d%%: pass %.4f p50 %d, below %.4f %d", pct,
			         f.pass_probability, f.p50, prev_pass, prev_p50);
		prev_pass = f.pass_probability;
		prev_p50 = f.p50;
	}
	assert_true(prev_pass > 0.99);
}

/* More evidence at the same rate narrows the forecast. */
static void
test_more_answers_narrow_it(void **state)
{
	int c1[4] = { 8, 8, 8, 8 }, w1[4] = { 2, 2, 2, 2 };
	int c2[4] = { 80, 80, 80, 80 }, w2[4] = { 20, 20, 20, 20 };
	struct forecast a = fc(c1, w1), b = fc(c2, w2);

	(void)state;
	assert_true(b.p90 - b.p10 < a.p90 - a.p10);
}

static void
test_deterministic(void **state)
{
	int c[4] = { 10, 9, 8, 7 }, w[4] = { 5, 4, 3, 2 };
	struct forecast a = fc(c, w), b = fc(c, w), other;

	(void)state;
	assert_true(a.pass_probability == b.pass_probability);
	assert_int_equal(a.p10, b.p10);
	assert_int_equal(a.p50, b.p50);
	assert_int_equal(a.p90, b.p90);
	/* Another seed: a different sample (so the seed is really used). */
	assert_int_equal(forecast_run(&mla, c, w, FORECAST_RUNS, FORECAST_SEED + 1, &other), 0);
	assert_true(other.pass_probability != a.pass_probability);
}

static void
test_too_few_answers(void **state)
{
	int c[4] = { 5, 5, 5, 0 }, w[4] = { 1, 1, 1, 1 }, neg[4] = { 5, -1, 5, 5 };
	struct forecast f;

	(void)state;
	f = fc(c, w);
	assert_int_equal(f.available, 0);
	assert_int_equal(f.based_on, 19);
	assert_string_equal(f.reason, "fewer than 20 first-time answers");
	c[3] = 1;
	f = fc(c, w);
	assert_int_equal(f.available, 1);
	assert_null(f.reason);
	assert_int_equal(f.based_on, 20);

	assert_int_equal(forecast_compute(&mla, neg, w, &f), -1);
	assert_int_equal(f.available, 0);
	assert_int_equal(forecast_run(&mla, c, w, 0, 1, &f), -1);
}

static void
test_format(void **state)
{
	struct forecast f = { 1, NULL, 120, 0.6449, 705, 748, 790 };
	int c[4] = { 3, 3, 3, 3 }, w[4] = { 0, 0, 0, 0 };
	char buf[128];

	(void)state;
	forecast_format(&f, buf, sizeof buf);
	assert_string_equal(buf, "pass probability 64%; predicted score 705-790, median 748");
	f.pass_probability = 0.9993;
	forecast_format(&f, buf, sizeof buf);
	assert_contains(buf, "pass probability >99%;");
	f.pass_probability = 1;
	forecast_format(&f, buf, sizeof buf);
	assert_contains(buf, "pass probability 100%;");
	f.pass_probability = 0.004;
	forecast_format(&f, buf, sizeof buf);
	assert_contains(buf, "pass probability <1%;");
	f.pass_probability = 0;
	forecast_format(&f, buf, sizeof buf);
	assert_contains(buf, "pass probability 0%;");

	assert_int_equal(forecast_compute(&mla, c, w, &f), 0);
	forecast_format(&f, buf, sizeof buf);
	assert_string_equal(buf, "no forecast: fewer than 20 first-time answers (12 so far)");
	/* Truncated, still terminated. */
	forecast_format(&f, buf, 8);
	assert_string_equal(buf, "no fore");
}

/* rng_unit: in [0, 1), spread over it. */
static void
test_rng_unit(void **state)
{
	struct rng r;
	double sum = 0, lo = 1, hi = 0;

	(void)state;
	rng_init(&r, 42);
	for (int i = 0; i < 100000; i++) {
		double u = rng_unit(&r);

		assert_true(u >= 0 && u < 1);
		sum += u;
		lo = u < lo ? u : lo;
		hi = u > hi ? u : hi;
	}
	assert_true(fabs(sum / 100000 - 0.5) < 0.005);
	assert_true(lo < 0.001 && hi > 0.999);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_exact_beta_binomial),
		cmocka_unit_test(test_all_right_and_all_wrong),
		cmocka_unit_test(test_monotonic_in_skill),
		cmocka_unit_test(test_more_answers_narrow_it),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_too_few_answers),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_rng_unit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
