/* Unit tests for fsrs: the scheduler replays ts-fsrs's own results (tools/fsrs_fixture.mjs). */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsrs.h"

#include "testutil.h"

#define REFERENCE FIXTURES "/fsrs/reference.json"

/* Fails unless |a - b| <= eps (cmocka's float assertion is single precision). */
#define assert_near(a, b, eps)                                               \
	do {                                                                 \
		double a_ = (a), b_ = (b);                                   \
		if (!(fabs(a_ - b_) <= (eps)))                               \
			fail_msg("%.12g is not within %g of %.12g", a_,      \
			    (double)(eps), b_);                              \
	} while (0)

/* Columns of a review row in the fixture (its "columns" array says the same). */
enum { C_AT, C_RATING, C_STATE, C_STAB, C_DIFF, C_DUE, C_SCHED, C_REPS, C_LAPSES, C_N };

static cJSON *reference;

static int
load_reference(void **state)
{
	char *text;

	(void)state;
	text = get_file(REFERENCE, 8u << 20, NULL);
	reference = cJSON_Parse(text);
	free(text);
	return reference == NULL ? -1 : 0;
}

static int
free_reference(void **state)
{
	(void)state;
	cJSON_Delete(reference);
	reference = NULL;
	return 0;
}

static double
num_at(const cJSON *row, int i)
{
	const cJSON *x = cJSON_GetArrayItem(row, i);

	if (!cJSON_IsNumber(x))
		fail_msg("fixture row column %d is not a number", i);
	return x->valuedouble;
}

static double
rel_err(double got, double want)
{
	return fabs(got - want) / (fabs(want) > 1e-12 ? fabs(want) : 1e-12);
}

/* The fixture was made with exactly the weights and settings certsim uses. */
static void
test_fixture_parameters(void **state)
{
	const cJSON *p = cJSON_GetObjectItem(reference, "parameters");
	const cJSON *w = cJSON_GetObjectItem(p, "w");

	(void)state;
	assert_int_equal(cJSON_GetArraySize(w), FSRS_N_WEIGHTS);
	for (int i = 0; i < FSRS_N_WEIGHTS; i++)
		assert_true(cJSON_GetArrayItem(w, i)->valuedouble == fsrs_weights[i]);
	assert_true(cJSON_GetObjectItem(p, "request_retention")->valuedouble ==
	            FSRS_REQUEST_RETENTION);
	assert_int_equal(cJSON_GetObjectItem(p, "maximum_interval")->valueint,
	                 FSRS_MAXIMUM_INTERVAL);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(p, "enable_fuzz")));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(p, "enable_short_term")));
}

/*
 * Every sequence from an empty card made at its first review: after each
 * review, stability and difficulty within 0.1%, due within a minute, and
 * state, interval, reps and lapses exactly as ts-fsrs has them.
 */
static void
test_replay_reference(void **state)
{
	const cJSON *seqs = cJSON_GetObjectItem(reference, "sequences"), *seq;
	double worst_s = 0, worst_d = 0;
	int64_t worst_due = 0;
	int n_seq = 0, n_rev = 0, n_again = 0, n_capped = 0;

	(void)state;
	assert_true(cJSON_GetArraySize(seqs) >= 200);
	cJSON_ArrayForEach(seq, seqs) {
		struct fsrs_card c;
		const cJSON *row;
		int i = 0;

		fsrs_card_init(&c, (int64_t)num_at(cJSON_GetArrayItem(seq, 0), C_AT));
		cJSON_ArrayForEach(row, seq) {
			int64_t at = (int64_t)num_at(row, C_AT);
			int g = (int)num_at(row, C_RATING);
			int64_t due = (int64_t)num_at(row, C_DUE);
			double s = num_at(row, C_STAB), d = num_at(row, C_DIFF);
			int64_t due_err;

			assert_int_equal(cJSON_GetArraySize(row), C_N);
			if (fsrs_next(&c, at, (enum fsrs_rating)g) != 0)
				fail_msg("sequence %d review %d: fsrs_next failed", n_seq, i);
			due_err = c.due > due ? c.due - due : due - c.due;
			if (rel_err(c.stability, s) > 0.001 || rel_err(c.difficulty, d) > 0.001 ||
			    due_err > 60000)
				fail_msg("sequence %d review %d (rating %d): stability %.8f "
				         "difficulty %.8f due %lld; ts-fsrs: %.8f %.8f %lld",
				         n_seq, i, g, c.stability, c.difficulty,
				         (long long)c.due, s, d, (long long)due);
			assert_int_equal(c.state, (int)num_at(row, C_STATE));
			assert_int_equal(c.scheduled_days, (int)num_at(row, C_SCHED));
			assert_int_equal(c.reps, (int)num_at(row, C_REPS));
			assert_int_equal(c.lapses, (int)num_at(row, C_LAPSES));
			assert_int_equal(c.last_review, at);
			if (rel_err(c.stability, s) > worst_s)
				worst_s = rel_err(c.stability, s);
			if (rel_err(c.difficulty, d) > worst_d)
				worst_d = rel_err(c.difficulty, d);
			if (due_err > worst_due)
				worst_due = due_err;
			n_again += g == FSRS_AGAIN;
			n_capped += c.stability == 36500.0;
			i++;
			n_rev++;
		}
		n_seq++;
	}
	printf("fsrs: %d sequences, %d reviews (%d Again, %d at the stability cap); "
	       "worst relative error: stability %.3g, difficulty %.3g; due %lld ms\n",
	       n_seq, n_rev, n_again, n_capped, worst_s, worst_d, (long long)worst_due);
	/* The fixture must exercise lapses and the ceilings, not only easy paths. */
	assert_true(n_again > 100);
	assert_true(n_capped > 0);
}

/* First review: ts-fsrs's initial stability w[g-1] and difficulty w4 - e^((g-1)w5) + 1. */
static void
test_first_review(void **state)
{
	struct fsrs_card c;
	int64_t t0 = 1767225600000LL; /* 2026-01-01T00:00:00Z */

	(void)state;
	fsrs_card_init(&c, t0);
	assert_int_equal(c.state, FSRS_NEW);
	assert_int_equal(c.due, t0);
	assert_int_equal(fsrs_next(&c, t0, FSRS_GOOD), 0);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_near(c.stability, fsrs_weights[2], 1e-12);
	assert_near(c.difficulty,
	    fsrs_weights[4] - exp(2 * fsrs_weights[5]) + 1, 1e-8);
	/*
	 * S = 2.3065 days alone would round to 2 days, but the intervals are
	 * forced apart (Again 1 <= Hard 2 < Good): Good gets 3 days...
	 */
	assert_int_equal(c.scheduled_days, 3);
	assert_int_equal(c.due, t0 + 3 * FSRS_DAY_MS);

	fsrs_card_init(&c, t0);
	assert_int_equal(fsrs_next(&c, t0, FSRS_AGAIN), 0);
	assert_near(c.stability, fsrs_weights[0], 1e-12);
	assert_int_equal(c.scheduled_days, 1);
	/* ...and a first Again is no lapse: the card was never learnt. */
	assert_int_equal(c.lapses, 0);
}

/* Good keeps stability growing; Again drops it and counts a lapse. */
static void
test_again_after_good(void **state)
{
	struct fsrs_card c;
	int64_t t = 1767225600000LL;
	double s;

	(void)state;
	fsrs_card_init(&c, t);
	assert_int_equal(fsrs_next(&c, t, FSRS_GOOD), 0);
	t = c.due;
	assert_int_equal(fsrs_next(&c, t, FSRS_GOOD), 0);
	s = c.stability;
	assert_true(s > fsrs_weights[2]);
	t = c.due;
	assert_int_equal(fsrs_next(&c, t, FSRS_AGAIN), 0);
	assert_true(c.stability < s);
	assert_int_equal(c.lapses, 1);
	assert_int_equal(c.reps, 3);
}

static void
test_bad_input(void **state)
{
	struct fsrs_card c, before;
	int64_t t = 1767225600000LL + 12 * 3600000LL;

	(void)state;
	fsrs_card_init(&c, t);
	assert_int_equal(fsrs_next(&c, t, (enum fsrs_rating)0), -1);
	assert_int_equal(fsrs_next(&c, t, (enum fsrs_rating)5), -1);
	assert_int_equal(c.state, FSRS_NEW);
	assert_int_equal(fsrs_next(&c, t, FSRS_GOOD), 0);
	before = c;
	/* The UTC day before the last review: refused, the card unchanged. */
	assert_int_equal(fsrs_next(&c, t - FSRS_DAY_MS, FSRS_GOOD), -1);
	assert_memory_equal(&c, &before, sizeof c);
	/* Earlier the same UTC day is elapsed 0 days, as in ts-fsrs. */
	assert_int_equal(fsrs_next(&c, t - 3600000LL, FSRS_GOOD), 0);
	assert_int_equal(c.elapsed_days, 0);
}

static void
test_retrievability(void **state)
{
	struct fsrs_card c;
	int64_t t = 1767225600000LL;
	double r0, r1, rs;

	(void)state;
	fsrs_card_init(&c, t);
	assert_true(fsrs_retrievability(&c, t) == 0);
	assert_int_equal(fsrs_next(&c, t, FSRS_GOOD), 0);
	r0 = fsrs_retrievability(&c, t);
	r1 = fsrs_retrievability(&c, t + FSRS_DAY_MS);
	rs = fsrs_retrievability(&c, t + 10 * FSRS_DAY_MS);
	assert_near(r0, 1.0, 1e-9);
	assert_true(r1 < r0 && rs < r1);
	/* By definition, recall is 90% after "stability" days (here 2.3065). */
	c.stability = 10;
	assert_near(fsrs_retrievability(&c, t + 10 * FSRS_DAY_MS), 0.9, 1e-6);
}

static void
test_state_names(void **state)
{
	(void)state;
	assert_string_equal(fsrs_state_name(FSRS_NEW), "New");
	assert_string_equal(fsrs_state_name(FSRS_REVIEW), "Review");
	assert_string_equal(fsrs_state_name(FSRS_RELEARNING), "Relearning");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_parameters),
		cmocka_unit_test(test_replay_reference),
		cmocka_unit_test(test_first_review),
		cmocka_unit_test(test_again_after_good),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_retrievability),
		cmocka_unit_test(test_state_names),
	};
	return cmocka_run_group_tests(tests, load_reference, free_reference);
}
