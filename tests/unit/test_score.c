/* Unit tests for score: the scaled-score model and scoring a session. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/score.h"
#include "certsim/session.h"

#include "testutil.h"

static int
mla(int correct)
{
	return score_scale(100, 720, 1000, 0.72, correct, 65);
}

static void
test_mla_anchor_points(void **state)
{
	(void)state;
	assert_int_equal(mla(0), 100);
	assert_int_equal(mla(46), 709);
	assert_int_equal(mla(47), 723);
	assert_int_equal(mla(65), 1000);
}

static void
test_mla_monotonic_and_pass_line(void **state)
{
	int prev = 0;

	(void)state;
	for (int k = 0; k <= 65; k++) {
		int s = mla(k);

		if (s < prev)
			fail_msg("%d of 65 scales to %d, below %d for %d of 65",
			    k, s, prev, k - 1);
		if ((s >= 720) != (k >= 47))
			fail_msg("%d of 65 scales to %d: pass must be k >= 47",
			    k, s);
		assert_in_range(s, 100, 1000);
		prev = s;
	}
}

static void
test_scored_zero(void **state)
{
	(void)state;
	assert_int_equal(score_scale(100, 720, 1000, 0.72, 0, 0), 100);
	assert_int_equal(score_scale(0, 50, 100, 0.5, 0, 0), 0);
}

static void
test_exact_cut_is_pass(void **state)
{
	(void)state;
	/* p = 0.72 exactly: s = pass. */
	assert_int_equal(score_scale(100, 720, 1000, 0.72, 72, 100), 720);
	assert_int_equal(score_scale(100, 720, 1000, 0.72, 18, 25), 720);
	assert_int_equal(score_scale(0, 50, 100, 0.5, 2, 4), 50);
}

static void
test_half_rounds_up(void **state)
{
	(void)state;
	/* min 0, pass 50, max 100, cut 0.5: below the cut s = 100 p. */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 1, 4), 25);
	assert_int_equal(score_scale(0, 50, 100, 0.5, 1, 8), 13);   /* 12.5 */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 3, 8), 38);   /* 37.5 */
	/* Above the cut s = 50 + 100 (p - 0.5) = 100 p too. */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 5, 8), 63);   /* 62.5 */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 7, 8), 88);   /* 87.5 */
	/* Not a half: ordinary rounding both ways. */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 1, 3), 33);   /* 33.3 */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 2, 3), 67);   /* 66.7 */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 1, 6), 17);   /* 16.7 */
	assert_int_equal(score_scale(0, 50, 100, 0.5, 1, 16), 6);   /* 6.25 */
}

static void
test_formula_both_sides(void **state)
{
	(void)state;
	/* Against docs/scoring.md's formula ("The scaled score") computed here, k = 0..65. */
	for (int k = 0; k <= 65; k++) {
		double p = k / 65.0, s;

		s = p < 0.72 ? 100 + 620 * p / 0.72
		             : 720 + 280 * (p - 0.72) / 0.28;
		assert_true(fabs(mla(k) - s) <= 0.5 + 1e-9);
	}
}

/* Standalone questions of domain id d, optionally of one type (-1: any). */
static int
pick(int d, int type, int skip)
{
	for (size_t i = 0; i < bank->n_questions; i++) {
		const struct question *q = &bank->questions[i];

		if (q->domain_id != d || q->case_study >= 0 ||
		    (type >= 0 && q->type != (enum question_type)type))
			continue;
		if (skip-- == 0)
			return (int)i;
	}
	fail_msg("the bundled bank lacks questions for this test");
	return -1;
}

static void
answer(struct session *s, size_t i, const struct response *r)
{
	const char *why = NULL;

	assert_int_equal(session_goto(s, i), 0);
	if (session_answer(s, r, &why) != 0)
		fail_msg("item %zu: %s", i, why);
}

static void
answer_key(struct session *s, size_t i)
{
	const struct question *q = &bank->questions[s->items[i].d.q];
	struct response r = { { 0 }, 0 };

	r.n = q->n_key;
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
	answer(s, i, &r);
}

/* A complete but wrong answer (single, multiple or ordering). */
static void
answer_wrong(struct session *s, size_t i)
{
	const struct question *q = &bank->questions[s->items[i].d.q];
	struct response r = { { 0 }, 0 };

	r.n = q->n_key;
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
	if (q->type == Q_ORDERING) {
		int t = r.v[0];

		r.v[0] = r.v[1];
		r.v[1] = t;
	} else if (q->type == Q_MATCHING) {
		r.v[0] = (r.v[0] + 1) % q->n_choices;
	} else {
		/* Replace the last key option with one outside the key. */
		int c = first_outside_key(q);

		if (c >= 0)
			r.v[r.n - 1] = c;
	}
	answer(s, i, &r);
	assert_false(session_item_correct(s, i));
}

static const struct score_part *
part_for_domain(const struct score *sc, int domain_id)
{
	for (int i = 0; i < sc->n_domains; i++)
		if (bank->bp.domains[sc->domains[i].index].id == domain_id)
			return &sc->domains[i];
	return NULL;
}

static void
test_compute_session(void **state)
{
	const struct clock *clk = clock_monotonic();
	struct session_config cfg;
	struct draw_item *items;
	struct session *s = NULL;
	struct score sc;
	char *err = NULL;
	size_t n = 0, d1, d2, d3, d4, i;
	int sum_t = 0, sum_c = 0;

	(void)state;
	items = calloc(64, sizeof *items);
	assert_non_null(items);
	/* Domain 1: 25 items; domain 2: 25; domain 3: 3 (unscored); domain 4: 4. */
	d1 = n;
	for (int k = 0; k < 25; k++)
		items[n++] = item_for(pick(1, -1, k), 0);
	d2 = n;
	for (int k = 0; k < 25; k++)
		items[n++] = item_for(pick(2, -1, k), 0);
	d3 = n;
	for (int k = 0; k < 3; k++)
		items[n++] = item_for(pick(3, -1, k), 0);
	d4 = n;
	items[n++] = item_for(pick(4, Q_MULTIPLE, 0), 0);
	items[n++] = item_for(pick(4, Q_MULTIPLE, 1), 0);
	items[n++] = item_for(pick(4, Q_SINGLE, 0), 0);
	items[n++] = item_for(pick(4, Q_SINGLE, 1), 0);

	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_EXAM;
	assert_int_equal(session_new(bank, &cfg, items, n, clk, &s, &err), 0);
	for (i = d3; i < d4; i++)
		s->items[i].scored = 0;

	/* Domain 1: 18 of 25 = 72% exactly: meets. */
	for (i = d1; i < d1 + 18; i++)
		answer_key(s, i);
	for (; i < d2; i++)
		answer_wrong(s, i);
	/* Domain 2: 17 of 25 = 68%, the rest unanswered: needs improvement. */
	for (i = d2; i < d2 + 17; i++)
		answer_key(s, i);
	/* Domain 3: all right, but unscored. */
	for (i = d3; i < d4; i++)
		answer_key(s, i);
	/* Domain 4: the multiples have one of two right, no partial credit. */
	for (i = d4; i < d4 + 2; i++) {
		const struct question *q = &bank->questions[s->items[i].d.q];

		assert_int_equal(q->type, Q_MULTIPLE);
		answer_wrong(s, i);
		/* One key option kept, one replaced. */
		assert_int_equal(s->items[i].resp.n, q->n_key);
	}
	answer_key(s, d4 + 2);
	answer_key(s, d4 + 3);
	session_finish(s, SESSION_END_SUBMIT);

	assert_int_equal(score_compute(s, &sc), 0);
	assert_int_equal(sc.scored, 54);
	assert_int_equal(sc.correct, 18 + 17 + 2);
	assert_true(fabs(sc.percent - 100.0 * 37 / 54) < 1e-9);
	assert_int_equal(sc.scaled, 690);
	assert_int_equal(sc.scaled,
	    score_scale(100, 720, 1000, 0.72, 37, 54));
	assert_int_equal(sc.pass_mark, 720);
	assert_false(sc.passed);

	assert_int_equal(sc.n_domains, 3);
	assert_null(part_for_domain(&sc, 3));
	const struct score_part *p1 = part_for_domain(&sc, 1);
	const struct score_part *p2 = part_for_domain(&sc, 2);
	const struct score_part *p4 = part_for_domain(&sc, 4);
	assert_non_null(p1);
	assert_non_null(p2);
	assert_non_null(p4);
	assert_int_equal(p1->correct, 18);
	assert_int_equal(p1->total, 25);
	assert_true(fabs(p1->percent - 72.0) < 1e-9);
	assert_true(p1->meets);
	assert_int_equal(p2->correct, 17);
	assert_int_equal(p2->total, 25);
	assert_false(p2->meets);
	assert_int_equal(p4->correct, 2);
	assert_int_equal(p4->total, 4);
	assert_false(p4->meets);
	/* Blueprint order. */
	assert_true(sc.domains[0].index < sc.domains[1].index);
	assert_true(sc.domains[1].index < sc.domains[2].index);

	for (int t = 0; t < sc.n_tasks; t++) {
		assert_true(sc.tasks[t].total > 0);
		assert_int_not_equal(bank->bp.tasks[sc.tasks[t].index].domain, 3);
		sum_t += sc.tasks[t].total;
		sum_c += sc.tasks[t].correct;
		if (t > 0)
			assert_true(sc.tasks[t - 1].index < sc.tasks[t].index);
	}
	assert_int_equal(sum_t, 54);
	assert_int_equal(sum_c, 37);

	score_free(&sc);
	session_free(s);
}

/* 13 of 18 (72.2%) meets, 12 of 18 (66.7%) does not; all correct passes. */
static void
test_compute_domain_boundary_and_pass(void **state)
{
	const struct clock *clk = clock_monotonic();
	struct session_config cfg;
	struct draw_item *items;
	struct session *s = NULL;
	struct score sc;
	char *err = NULL;

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_QUIZ;

	items = calloc(36, sizeof *items);
	assert_non_null(items);
	for (int k = 0; k < 18; k++) {
		items[k] = item_for(pick(1, -1, k), 0);
		items[18 + k] = item_for(pick(4, -1, k), 0);
	}
	assert_int_equal(session_new(bank, &cfg, items, 36, clk, &s, &err), 0);
	for (size_t i = 0; i < 13; i++)
		answer_key(s, i);
	for (size_t i = 18; i < 30; i++)
		answer_key(s, i);
	assert_int_equal(score_compute(s, &sc), 0);
	assert_int_equal(sc.n_domains, 2);
	assert_int_equal(sc.domains[0].correct, 13);
	assert_true(sc.domains[0].meets);
	assert_int_equal(sc.domains[1].correct, 12);
	assert_false(sc.domains[1].meets);
	assert_int_equal(sc.correct, 25);
	assert_int_equal(sc.scored, 36);
	score_free(&sc);

	for (size_t i = 0; i < 36; i++)
		answer_key(s, i);
	assert_int_equal(score_compute(s, &sc), 0);
	assert_int_equal(sc.correct, 36);
	assert_int_equal(sc.scaled, 1000);
	assert_true(sc.passed);
	assert_true(sc.domains[0].meets && sc.domains[1].meets);
	score_free(&sc);

	/* Nothing answered: 100, failed, every domain needs improvement. */
	for (size_t i = 0; i < 36; i++) {
		assert_int_equal(session_goto(s, i), 0);
		session_clear(s);
	}
	assert_int_equal(score_compute(s, &sc), 0);
	assert_int_equal(sc.correct, 0);
	assert_int_equal(sc.scaled, 100);
	assert_false(sc.passed);
	assert_false(sc.domains[0].meets || sc.domains[1].meets);
	score_free(&sc);
	session_free(s);
}

/* All items unscored: scored 0 gives the minimum and no parts. */
static void
test_compute_all_unscored(void **state)
{
	struct session_config cfg;
	struct draw_item *items;
	struct session *s = NULL;
	struct score sc;
	char *err = NULL;

	(void)state;
	memset(&cfg, 0, sizeof cfg);
	items = calloc(2, sizeof *items);
	assert_non_null(items);
	items[0] = item_for(pick(2, -1, 0), 0);
	items[1] = item_for(pick(3, -1, 0), 0);
	assert_int_equal(session_new(bank, &cfg, items, 2, clock_monotonic(),
	    &s, &err), 0);
	s->items[0].scored = s->items[1].scored = 0;
	answer_key(s, 0);
	answer_key(s, 1);
	assert_int_equal(score_compute(s, &sc), 0);
	assert_int_equal(sc.scored, 0);
	assert_int_equal(sc.correct, 0);
	assert_int_equal(sc.scaled, 100);
	assert_int_equal(sc.n_domains, 0);
	assert_int_equal(sc.n_tasks, 0);
	score_free(&sc);
	session_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mla_anchor_points),
		cmocka_unit_test(test_mla_monotonic_and_pass_line),
		cmocka_unit_test(test_scored_zero),
		cmocka_unit_test(test_exact_cut_is_pass),
		cmocka_unit_test(test_half_rounds_up),
		cmocka_unit_test(test_formula_both_sides),
		cmocka_unit_test(test_compute_session),
		cmocka_unit_test(test_compute_domain_boundary_and_pass),
		cmocka_unit_test(test_compute_all_unscored),
	};

	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
