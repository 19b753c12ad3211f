/* Unit tests for draw_apportion: largest-remainder apportionment by weight. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "certsim/draw.h"

#define MAX_N 64

static void
assert_counts(const int *weights, int n, int total, const int *want)
{
	int got[MAX_N];
	draw_apportion(weights, n, total, got);
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("total %d: counts[%d] is %d, expected %d", total,
			         i, got[i], want[i]);
}

static void
test_blueprint(void **state)
{
	(void)state;
	static const int w[] = { 28, 26, 22, 24 };
	/* 65 * w / 100 = 18.2, 16.9, 14.3, 15.6: 63 by floors, then .9 and .6. */
	assert_counts(w, 4, 65, (const int[]){ 18, 17, 14, 16 });
	/* 5.6, 5.2, 4.4, 4.8: 18 by floors, then .8 and .6. */
	assert_counts(w, 4, 20, (const int[]){ 6, 5, 4, 5 });
	assert_counts(w, 4, 100, (const int[]){ 28, 26, 22, 24 });
	assert_counts(w, 4, 1, (const int[]){ 1, 0, 0, 0 });
	assert_counts(w, 4, 0, (const int[]){ 0, 0, 0, 0 });
	/* 2.8, 2.6, 2.2, 2.4: 8 by floors, then .8 and .6. */
	assert_counts(w, 4, 10, (const int[]){ 3, 3, 2, 2 });
	/* The good fixture: 5 over 60/40. */
	assert_counts((const int[]){ 60, 40 }, 2, 5, (const int[]){ 3, 2 });
}

static void
test_ties_go_to_the_earlier(void **state)
{
	(void)state;
	assert_counts((const int[]){ 1, 1, 1 }, 3, 1, (const int[]){ 1, 0, 0 });
	assert_counts((const int[]){ 1, 1, 1 }, 3, 2, (const int[]){ 1, 1, 0 });
	assert_counts((const int[]){ 1, 1, 1 }, 3, 4, (const int[]){ 2, 1, 1 });
	assert_counts((const int[]){ 50, 50 }, 2, 1, (const int[]){ 1, 0 });
	assert_counts((const int[]){ 50, 50 }, 2, 3, (const int[]){ 2, 1 });
	assert_counts((const int[]){ 25, 25, 25, 25 }, 4, 6, (const int[]){ 2, 2, 1, 1 });
	/* Equal remainders from unequal weights: 1.5 and 1.5 (2 and 6 of 16 at 12). */
	assert_counts((const int[]){ 2, 6, 8 }, 3, 12, (const int[]){ 2, 4, 6 });
	assert_counts((const int[]){ 2, 2, 12 }, 3, 4, (const int[]){ 1, 0, 3 });
	/* Quotas 0.5, 0.5 and 1: the one seat left goes to the first. */
	assert_counts((const int[]){ 1, 1, 2 }, 3, 2, (const int[]){ 1, 0, 1 });
}

static void
test_one_weight(void **state)
{
	(void)state;
	for (int total = 0; total <= 500; total++)
		assert_counts((const int[]){ 7 }, 1, total, (const int[]){ total });
}

/* A small deterministic generator: the tests must be the same everywhere. */
static uint64_t lcg_state = 88172645463325252ull;

static int
lcg(int n)
{
	lcg_state ^= lcg_state << 13;
	lcg_state ^= lcg_state >> 7;
	lcg_state ^= lcg_state << 17;
	return (int)(lcg_state % (uint64_t)n);
}

/*
 * The properties of a largest-remainder apportionment, checked exactly in
 * integers: the counts sum to total; each is the floor or the ceiling of its
 * quota total * w / sum; and an extra seat never goes to a smaller remainder,
 * nor to a later weight over an earlier one with an equal remainder.
 */
static void
check_properties(const int *w, int n, int total)
{
	int c[MAX_N];
	long sum = 0, given = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	memset(c, 0x7f, sizeof c);
	draw_apportion(w, n, total, c);
	for (int i = 0; i < n; i++) {
		long quota_floor = (long)total * w[i] / sum;
		long rem = (long)total * w[i] % sum;
		if (c[i] != quota_floor && !(rem > 0 && c[i] == quota_floor + 1))
			fail_msg("n %d total %d: counts[%d] = %d is not the floor or ceiling of %ld/%ld",
			         n, total, i, c[i], (long)total * w[i], sum);
		given += c[i];
	}
	if (given != total)
		fail_msg("n %d: counts sum to %ld, not %d", n, given, total);
	for (int i = 0; i < n; i++) {
		long ri = (long)total * w[i] % sum;
		int extra_i = c[i] > (long)total * w[i] / sum;
		for (int j = 0; j < n; j++) {
			long rj = (long)total * w[j] % sum;
			int extra_j = c[j] > (long)total * w[j] / sum;
			if (extra_i && !extra_j && (ri < rj || (ri == rj && i > j)))
				fail_msg("n %d total %d: weight %d (remainder %ld) got an extra seat before weight %d (remainder %ld)",
				         n, total, i, ri, j, rj);
		}
	}
}

static void
test_all_totals_blueprint(void **state)
{
	(void)state;
	static const int w[] = { 28, 26, 22, 24 };
	for (int total = 0; total <= 500; total++)
		check_properties(w, 4, total);
}

static void
test_random_weights(void **state)
{
	(void)state;
	int w[MAX_N];
	for (int round = 0; round < 300; round++) {
		int n = 1 + lcg(round % 10 == 0 ? MAX_N : 8);
		int max_w = round % 3 == 0 ? 5 : round % 3 == 1 ? 100 : 100000;
		for (int i = 0; i < n; i++)
			w[i] = 1 + lcg(max_w);
		for (int total = 1; total <= 500; total++)
			check_properties(w, n, total);
	}
}

static void
test_weights_summing_to_100(void **state)
{
	(void)state;
	/* Blueprint-like: 2 to 6 domains with weights adding up to 100. */
	int w[6];
	for (int round = 0; round < 500; round++) {
		int n = 2 + lcg(5), left = 100;
		for (int i = 0; i < n - 1; i++) {
			w[i] = 1 + lcg(left - (n - 1 - i));
			left -= w[i];
		}
		w[n - 1] = left;
		for (int total = 1; total <= 500; total++)
			check_properties(w, n, total);
		/* 100 seats over weights of 100: the weights themselves. */
		int c[6];
		draw_apportion(w, n, 100, c);
		assert_memory_equal(c, w, (size_t)n * sizeof *w);
	}
}

static void
test_large_totals(void **state)
{
	(void)state;
	static const int w[] = { 28, 26, 22, 24 };
	check_properties(w, 4, 10000);
	check_properties(w, 4, 1000003);
	assert_counts(w, 4, 1000003, (const int[]){ 280001, 260001, 220000, 240001 });
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blueprint),
		cmocka_unit_test(test_ties_go_to_the_earlier),
		cmocka_unit_test(test_one_weight),
		cmocka_unit_test(test_all_totals_blueprint),
		cmocka_unit_test(test_random_weights),
		cmocka_unit_test(test_weights_summing_to_100),
		cmocka_unit_test(test_large_totals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
