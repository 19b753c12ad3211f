/* Unit tests for study: question hashes, cards from reviews, due selection, summary, filters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsrs.h"
#include "certsim/study.h"

#include "testutil.h"

#define GOOD_BANK FIXTURES "/banks/good"
#define T0 1767268800000LL /* 2026-01-01T12:00:00Z */
#define HOUR 3600000LL
#define DAY FSRS_DAY_MS

static struct bank *good;

static int
load_good(void **state)
{
	(void)state;
	return load_bank_dir(GOOD_BANK, 1, &good);
}

static int
free_good(void **state)
{
	(void)state;
	bank_free(good);
	good = NULL;
	return 0;
}

static size_t
qi(const char *id)
{
	long i = bank_find(good, id);

	if (i < 0)
		fail_msg("no question %s in the fixture bank", id);
	return (size_t)i;
}

/* Cards are compared field by field: their padding bytes are unspecified. */
static void
assert_card_equal(const struct fsrs_card *a, const struct fsrs_card *b)
{
	assert_int_equal(a->state, b->state);
	assert_true(a->stability == b->stability);
	assert_true(a->difficulty == b->difficulty);
	assert_int_equal(a->due, b->due);
	assert_int_equal(a->last_review, b->last_review);
	assert_int_equal(a->reps, b->reps);
	assert_int_equal(a->lapses, b->lapses);
	assert_int_equal(a->scheduled_days, b->scheduled_days);
	assert_int_equal(a->elapsed_days, b->elapsed_days);
}

static struct study *
build(const struct study_review *rv, size_t n)
{
	struct study *st = NULL;

	assert_int_equal(study_build(good, rv, n, &st), 0);
	assert_non_null(st);
	assert_int_equal(st->n, good->n_questions);
	return st;
}

/*
 * Hashes of the fixture bank computed independently (Python's hashlib
 * blake2b, digest_size 16) from the encoding docs/results.md describes:
 * single, multiple (key in option order), ordering, matching (key in
 * prompt order) and a case-study question (with its scenario).
 */
static void
test_qhash_known_values(void **state)
{
	static const char *const want[][2] = {
		{ "d1-single-01", "2811353c5d54f67509aff6a95e6fb283" },
		{ "d1-multi-01", "bcb2fc6daaebf6812d66954c26715b34" },
		{ "d1-order-01", "fd6a3a36beaec08927b62f701bba4635" },
		{ "d2-match-01", "d72e4195aadcb7c6be4ab73af01e7ae3" },
		{ "cs-churn-q2", "c2ea81034cf2c2c365fe52a8397fc27b" },
	};
	char h[STUDY_QHASH_HEX + 1];

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(study_qhash(good, qi(want[i][0]), h), 0);
		assert_string_equal(h, want[i][1]);
	}
	assert_int_equal(study_qhash(good, good->n_questions, h), -1);
	assert_string_equal(h, "");
}

/* The hash follows what is asked and its key, not the explanation or tags. */
static void
test_qhash_covers_content_only(void **state)
{
	char base[STUDY_QHASH_HEX + 1], h[STUDY_QHASH_HEX + 1];
	struct question *q = &good->questions[qi("cs-churn-q2")];
	struct case_study *cs = &good->case_studies[q->case_study];
	char *keep;
	char other[] = "Something else";
	int k;

	(void)state;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), base), 0);

	keep = q->explanation;
	q->explanation = other;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	q->explanation = keep;
	assert_string_equal(h, base);

	keep = q->stem;
	q->stem = other;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	q->stem = keep;
	assert_string_not_equal(h, base);

	keep = q->choices[3].text;
	q->choices[3].text = other;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	q->choices[3].text = keep;
	assert_string_not_equal(h, base);

	keep = cs->scenario;
	cs->scenario = other;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	cs->scenario = keep;
	assert_string_not_equal(h, base);

	k = q->key[1];
	q->key[1] = 3;
	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	q->key[1] = k;
	assert_string_not_equal(h, base);

	assert_int_equal(study_qhash(good, qi("cs-churn-q2"), h), 0);
	assert_string_equal(h, base);
	/* Every question of the bank has its own hash. */
	for (size_t i = 0; i < good->n_questions; i++)
		for (size_t j = i + 1; j < good->n_questions; j++) {
			char a[STUDY_QHASH_HEX + 1], b[STUDY_QHASH_HEX + 1];
			assert_int_equal(study_qhash(good, i, a), 0);
			assert_int_equal(study_qhash(good, j, b), 0);
			assert_string_not_equal(a, b);
		}
}

/* Reviews in any order give the card fsrs_next makes from them oldest first. */
static void
test_build_replays_oldest_first(void **state)
{
	struct study_review rv[] = {
		{ "d1-single-01", NULL, T0 + 5 * DAY, 1 },
		{ "gone-01", NULL, T0, 1 },
		{ "d1-single-01", NULL, T0, 1 },
		{ "d1-single-01", NULL, T0 + 3 * DAY + HOUR, 0 },
		{ "d2-single-01", NULL, T0 + HOUR, 0 },
	};
	struct fsrs_card want;
	struct study *st = build(rv, 5);
	const struct study_entry *e = &st->q[qi("d1-single-01")];

	(void)state;
	fsrs_card_init(&want, T0);
	assert_int_equal(fsrs_next(&want, T0, FSRS_GOOD), 0);
	assert_int_equal(fsrs_next(&want, T0 + 3 * DAY + HOUR, FSRS_AGAIN), 0);
	assert_int_equal(fsrs_next(&want, T0 + 5 * DAY, FSRS_GOOD), 0);
	assert_card_equal(&e->card, &want);
	assert_int_equal(e->n_log, 3);
	assert_int_equal(e->log[0].at, T0);
	assert_int_equal(e->log[1].rating, FSRS_AGAIN);
	assert_int_equal(e->log[2].at, T0 + 5 * DAY);
	assert_int_equal(e->restarted, 0);
	assert_int_equal(st->n_applied, 4);
	assert_int_equal(st->n_unknown, 1);
	assert_int_equal(st->n_stale, 0);
	assert_int_equal(st->q[qi("d2-single-01")].card.reps, 1);
	assert_int_equal(st->q[qi("d1-multi-01")].n_log, 0);
	assert_int_equal(st->q[qi("d1-multi-01")].card.state, FSRS_NEW);
	study_free(st);
}

/* Two reviews at the same moment apply in the order given. */
static void
test_build_ties_in_input_order(void **state)
{
	struct study_review ag[] = {
		{ "d1-single-02", NULL, T0, 0 },
		{ "d1-single-02", NULL, T0, 1 },
	};
	struct study_review ga[] = {
		{ "d1-single-02", NULL, T0, 1 },
		{ "d1-single-02", NULL, T0, 0 },
	};
	struct fsrs_card want;
	struct study *st;

	(void)state;
	st = build(ag, 2);
	fsrs_card_init(&want, T0);
	fsrs_next(&want, T0, FSRS_AGAIN);
	fsrs_next(&want, T0, FSRS_GOOD);
	assert_card_equal(&st->q[qi("d1-single-02")].card, &want);
	study_free(st);

	st = build(ga, 2);
	fsrs_card_init(&want, T0);
	fsrs_next(&want, T0, FSRS_GOOD);
	fsrs_next(&want, T0, FSRS_AGAIN);
	assert_card_equal(&st->q[qi("d1-single-02")].card, &want);
	assert_int_equal(st->q[qi("d1-single-02")].card.lapses, 1);
	study_free(st);
}

/* A review of an older version ends the history before it; NULL hashes count. */
static void
test_changed_question_restarts(void **state)
{
	char cur[STUDY_QHASH_HEX + 1];
	const char *old = "00000000000000000000000000000000";
	struct study_review rv[4];
	struct fsrs_card want;
	struct study *st;
	const struct study_entry *e;

	(void)state;
	assert_int_equal(study_qhash(good, qi("d1-order-01"), cur), 0);
	rv[0] = (struct study_review){ "d1-order-01", old, T0, 1 };
	rv[1] = (struct study_review){ "d1-order-01", old, T0 + 3 * DAY, 1 };
	rv[2] = (struct study_review){ "d1-order-01", cur, T0 + 20 * DAY, 0 };
	rv[3] = (struct study_review){ "d1-order-01", NULL, T0 + 22 * DAY, 1 };
	st = build(rv, 4);
	e = &st->q[qi("d1-order-01")];
	/* Both old-version reviews are dropped; the current ones make the card. */
	fsrs_card_init(&want, T0 + 20 * DAY);
	fsrs_next(&want, T0 + 20 * DAY, FSRS_AGAIN);
	fsrs_next(&want, T0 + 22 * DAY, FSRS_GOOD);
	assert_card_equal(&e->card, &want);
	assert_int_equal(e->n_log, 2);
	assert_int_equal(e->log[0].at, T0 + 20 * DAY);
	assert_int_equal(e->restarted, 1);
	assert_int_equal(st->n_stale, 2);
	assert_int_equal(st->n_applied, 2);
	study_free(st);

	/* Now an old-version review after the first current one. */
	rv[1].at = T0 + 21 * DAY;
	st = build(rv, 4);
	e = &st->q[qi("d1-order-01")];
	fsrs_card_init(&want, T0 + 22 * DAY);
	fsrs_next(&want, T0 + 22 * DAY, FSRS_GOOD);
	assert_card_equal(&e->card, &want);
	assert_int_equal(e->n_log, 1);
	assert_int_equal(e->log[0].at, T0 + 22 * DAY);
	assert_int_equal(e->restarted, 1);
	assert_int_equal(st->n_stale, 3);
	assert_int_equal(st->n_applied, 1);
	study_free(st);

	/* The latest review is of an old version: the question is new again. */
	rv[3].qhash = old;
	st = build(rv, 4);
	e = &st->q[qi("d1-order-01")];
	assert_int_equal(e->n_log, 0);
	assert_int_equal(e->card.state, FSRS_NEW);
	assert_int_equal(e->restarted, 1);
	assert_int_equal(st->n_stale, 4);
	assert_int_equal(st->n_applied, 0);
	study_free(st);
}

/*
 * Four reviewed questions: Good first reviews are due in 3 days, Again
 * first reviews in 1 day (test_fsrs checks those intervals).
 */
static struct study *
four_reviewed(void)
{
	static struct study_review rv[] = {
		{ "d1-single-01", NULL, T0, 1 },               /* due T0 + 3d */
		{ "d1-single-02", NULL, T0 + HOUR, 0 },        /* due T0 + 1d + 1h */
		{ "d1-single-03", NULL, T0 - 10 * DAY, 1 },    /* due T0 - 7d */
		{ "d2-single-01", NULL, T0 + 2 * DAY, 1 },     /* due T0 + 5d */
	};
	return build(rv, 4);
}

static void
test_select_due_then_new(void **state)
{
	struct study *st = four_reviewed();
	struct study_select sel = { T0 + 4 * DAY, 20, 10, 7, NULL };
	int *v, *w;
	size_t n, nd, n2;

	(void)state;
	assert_int_equal(study_select(st, &sel, &v, &n, &nd), 0);
	assert_int_equal(nd, 3);
	assert_int_equal(n, good->n_questions - 1);
	assert_int_equal(v[0], (int)qi("d1-single-03"));
	assert_int_equal(v[1], (int)qi("d1-single-02"));
	assert_int_equal(v[2], (int)qi("d1-single-01"));
	for (size_t k = nd; k < n; k++) {
		assert_int_equal(st->q[v[k]].n_log, 0);
		assert_int_not_equal(v[k], (int)qi("d2-single-01"));
		for (size_t j = 0; j < k; j++)
			assert_int_not_equal(v[j], v[k]);
	}
	/* The same seed gives the same order. */
	assert_int_equal(study_select(st, &sel, &w, &n2, NULL), 0);
	assert_int_equal(n2, n);
	assert_memory_equal(v, w, n * sizeof *v);
	free(w);

	/* Caps: 2 due (the most overdue), 1 new. */
	sel.count = 2;
	sel.new_count = 1;
	assert_int_equal(study_select(st, &sel, &w, &n2, &nd), 0);
	assert_int_equal(n2, 3);
	assert_int_equal(nd, 2);
	assert_int_equal(w[0], v[0]);
	assert_int_equal(w[1], v[1]);
	assert_int_equal(w[2], v[3]);
	free(w);
	free(v);

	/* Nothing due yet at T0 - 8d... and nothing new wanted: empty. */
	sel.now = T0 - 8 * DAY;
	sel.new_count = 0;
	assert_int_equal(study_select(st, &sel, &v, &n, &nd), 0);
	assert_int_equal(n, 0);
	assert_null(v);

	sel.count = -1;
	assert_int_equal(study_select(st, &sel, &v, &n, &nd), -1);
	study_free(st);
}

/* Different seeds order the new questions differently (for some seed). */
static void
test_select_new_order_follows_seed(void **state)
{
	struct study *st = build(NULL, 0);
	struct study_select sel = { T0, 0, 100, 1, NULL };
	int *a, *b;
	size_t na, nb;
	int differs = 0;

	(void)state;
	assert_int_equal(study_select(st, &sel, &a, &na, NULL), 0);
	assert_int_equal(na, good->n_questions);
	for (uint64_t seed = 2; seed < 20 && !differs; seed++) {
		sel.seed = seed;
		assert_int_equal(study_select(st, &sel, &b, &nb, NULL), 0);
		assert_int_equal(nb, na);
		differs = memcmp(a, b, na * sizeof *a) != 0;
		free(b);
	}
	assert_true(differs);
	free(a);
	study_free(st);
}

static void
test_select_and_summary_honour_mask(void **state)
{
	struct study *st = four_reviewed();
	unsigned char *mask = calloc(good->n_questions, 1);
	struct study_select sel = { T0 + 4 * DAY, 20, 10, 7, NULL };
	struct study_summary sum;
	int *v;
	size_t n, nd;

	(void)state;
	assert_non_null(mask);
	mask[qi("d1-single-02")] = 1;
	mask[qi("d2-match-01")] = 1;
	sel.allowed = mask;
	assert_int_equal(study_select(st, &sel, &v, &n, &nd), 0);
	assert_int_equal(n, 2);
	assert_int_equal(nd, 1);
	assert_int_equal(v[0], (int)qi("d1-single-02"));
	assert_int_equal(v[1], (int)qi("d2-match-01"));
	free(v);
	study_summarize(st, T0 + 4 * DAY, mask, &sum);
	assert_int_equal(sum.seen, 1);
	assert_int_equal(sum.unseen, 1);
	assert_int_equal(sum.due_now, 1);
	assert_int_equal(sum.has_next, 0);
	free(mask);
	study_free(st);
}

static void
test_summary(void **state)
{
	struct study *st = four_reviewed();
	struct study_summary sum;
	int64_t due4 = st->q[qi("d2-single-01")].card.due;

	(void)state;
	assert_int_equal(due4, T0 + 5 * DAY);
	study_summarize(st, T0 + 4 * DAY, NULL, &sum);
	assert_int_equal(sum.seen, 4);
	assert_int_equal(sum.unseen, good->n_questions - 4);
	assert_int_equal(sum.due_now, 3);
	assert_int_equal(sum.due_week, 4);
	assert_int_equal(sum.has_next, 1);
	assert_int_equal(sum.next_due, due4);

	/* Before everything: none due now, the earliest is d1-single-03's. */
	study_summarize(st, T0 - 9 * DAY, NULL, &sum);
	assert_int_equal(sum.due_now, 0);
	assert_int_equal(sum.due_week, 1);
	assert_int_equal(sum.next_due, T0 - 7 * DAY);
	study_free(st);
}

/* Only each question's first review counts, in its own domain. */
static void
test_first_answers(void **state)
{
	struct study_review rv[] = {
		{ "d1-single-01", NULL, T0, 0 },
		{ "d1-single-01", NULL, T0 + DAY, 1 },
		{ "d1-single-01", NULL, T0 + 2 * DAY, 1 },
		{ "d1-multi-01", NULL, T0, 1 },
		{ "d2-single-01", NULL, T0, 1 },
		{ "d2-single-01", NULL, T0 + DAY, 0 },
		{ "cs-churn-q1", NULL, T0, 0 },
		{ "gone-02", NULL, T0, 1 },
	};
	struct study *st = build(rv, 8);
	int correct[2], wrong[2];
	int d1 = bank_domain_index(good, 1), d2 = bank_domain_index(good, 2);

	(void)state;
	assert_int_equal(good->bp.n_domains, 2);
	assert_int_equal(study_first_answers(st, good, correct, wrong), 4);
	assert_int_equal(correct[d1], 1);
	assert_int_equal(wrong[d1], 1);
	assert_int_equal(correct[d2], 1);
	assert_int_equal(wrong[d2], 1);
	study_free(st);
}

static void
test_mask(void **state)
{
	unsigned char *m = calloc(good->n_questions, 1);
	struct study_filter f = { 2, -1, NULL };
	size_t n;

	(void)state;
	assert_non_null(m);
	n = study_mask(good, &f, m);
	assert_true(n > 0 && n < good->n_questions);
	for (size_t i = 0; i < good->n_questions; i++)
		assert_int_equal(m[i], good->questions[i].domain_id == 2);

	f = (struct study_filter){ 0, bank_task_index(good, "1.1"), NULL };
	n = study_mask(good, &f, m);
	assert_int_equal(n, 3);
	assert_int_equal(m[qi("d1-single-01")], 1);
	assert_int_equal(m[qi("d1-order-01")], 1);
	assert_int_equal(m[qi("d1-single-03")], 1);

	f = (struct study_filter){ 0, -1, "S3" };
	assert_int_equal(study_mask(good, &f, m), 2);
	assert_int_equal(m[qi("d1-single-01")], 1);
	assert_int_equal(m[qi("d1-single-03")], 1);

	f.domain = 2;
	assert_int_equal(study_mask(good, &f, m), 0);
	f = (struct study_filter){ 0, -1, NULL };
	assert_int_equal(study_mask(good, &f, m), good->n_questions);
	free(m);
}

/*
 * Many reviews: in time order (the linear path) and reversed (sorted per
 * question) give the same cards as replaying each question by hand.
 */
static void
test_many_reviews_any_order(void **state)
{
	size_t nq = good->n_questions, per = 400, n = nq * per;
	struct study_review *fwd = malloc(n * sizeof *fwd), *rev = malloc(n * sizeof *rev);
	struct study *a, *b;

	(void)state;
	assert_non_null(fwd);
	assert_non_null(rev);
	for (size_t k = 0; k < n; k++) {
		size_t q = k % nq, r = k / nq;
		fwd[k] = (struct study_review){ good->questions[q].id, NULL,
		                                T0 + (int64_t)r * 9 * HOUR, (r * 7 + q) % 5 != 0 };
	}
	for (size_t k = 0; k < n; k++)
		rev[k] = fwd[n - 1 - k];
	a = build(fwd, n);
	b = build(rev, n);
	assert_int_equal(a->n_applied, n);
	assert_int_equal(b->n_applied, n);
	for (size_t q = 0; q < nq; q++) {
		struct fsrs_card want;

		fsrs_card_init(&want, T0);
		for (size_t r = 0; r < per; r++)
			fsrs_next(&want, T0 + (int64_t)r * 9 * HOUR,
			          (r * 7 + q) % 5 != 0 ? FSRS_GOOD : FSRS_AGAIN);
		assert_card_equal(&a->q[q].card, &want);
		assert_card_equal(&b->q[q].card, &want);
		for (size_t r = 0; r < per; r++) {
			assert_int_equal(a->q[q].log[r].at, b->q[q].log[r].at);
			assert_int_equal(a->q[q].log[r].rating, b->q[q].log[r].rating);
		}
	}
	study_free(a);
	study_free(b);
	free(fwd);
	free(rev);
}

/*
 * A simulated week on the bundled bank: an exam on day 0, then a study
 * session every morning. Each day the session serves exactly the
 * questions due (at most 20, the most overdue first) and then 10 new ones;
 * the test keeps its own cards with fsrs_next and compares.
 */
static void
test_simulated_week(void **state)
{
	size_t nq = bank->n_questions, n = 0, cap = 65 + 7 * 30;
	struct study_review *rv = calloc(cap, sizeof *rv);
	struct fsrs_card *mine = calloc(nq, sizeof *mine);
	int64_t exam_at = T0 - 2 * HOUR; /* day 0, 10:00 UTC */

	(void)state;
	assert_non_null(rv);
	assert_non_null(mine);
	for (size_t i = 0; i < 65; i++) {
		int ok = i % 3 != 0;

		rv[n++] = (struct study_review){ bank->questions[i].id, NULL, exam_at, ok };
		fsrs_card_init(&mine[i], exam_at);
		fsrs_next(&mine[i], exam_at, ok ? FSRS_GOOD : FSRS_AGAIN);
	}
	for (int day = 1; day <= 7; day++) {
		int64_t now = T0 + day * DAY - 3 * HOUR; /* 09:00 UTC */
		struct study_select sel = { now, 20, 10, (uint64_t)day, NULL };
		struct study *st;
		size_t got, n_due, want_due = 0;
		int64_t prev_due = INT64_MIN;
		int *v;

		assert_int_equal(study_build(bank, rv, n, &st), 0);
		for (size_t i = 0; i < nq; i++) {
			if (mine[i].reps == 0) {
				assert_int_equal(st->q[i].n_log, 0);
				continue;
			}
			assert_card_equal(&st->q[i].card, &mine[i]);
			want_due += mine[i].due <= now;
		}
		assert_int_equal(study_select(st, &sel, &v, &got, &n_due), 0);
		assert_int_equal(n_due, want_due < 20 ? want_due : 20);
		assert_int_equal(got, n_due + 10);
		/* Day 1 at 09:00: day 0's Again items fall due at 10:00, not yet. */
		if (day == 1)
			assert_int_equal(n_due, 0);
		/*
		 * Day 2: the 22 missed in the exam are due (and so may be day 1's
		 * new items answered Again, which depends on the bank); the exam's
		 * misses are the most overdue, so the 20 served are from them.
		 */
		if (day == 2) {
			size_t missed_due = 0;

			for (size_t i = 0; i < 65; i += 3)
				missed_due += mine[i].due <= now;
			assert_int_equal(missed_due, 22);
			assert_true(want_due >= 22);
			for (size_t k = 0; k < n_due; k++)
				assert_true(v[k] < 65 && v[k] % 3 == 0);
		}
		for (size_t k = 0; k < got; k++) {
			int q = v[k], ok = (q + day) % 5 != 0;
			int64_t at = now + (int64_t)k * 60000;

			if (k < n_due) {
				assert_true(mine[q].due <= now);
				assert_true(prev_due <= mine[q].due);
				prev_due = mine[q].due;
			} else {
				assert_int_equal(mine[q].reps, 0);
				fsrs_card_init(&mine[q], at);
			}
			assert_true(n < cap);
			rv[n++] = (struct study_review){ bank->questions[q].id, NULL, at, ok };
			fsrs_next(&mine[q], at, ok ? FSRS_GOOD : FSRS_AGAIN);
		}
		/* Nothing served is due again the same day. */
		for (size_t k = 0; k < got; k++)
			assert_true(mine[v[k]].due > now + 12 * HOUR);
		free(v);
		study_free(st);
	}
	free(rv);
	free(mine);
}

static void
test_free_null(void **state)
{
	(void)state;
	study_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qhash_known_values),
		cmocka_unit_test(test_qhash_covers_content_only),
		cmocka_unit_test(test_build_replays_oldest_first),
		cmocka_unit_test(test_build_ties_in_input_order),
		cmocka_unit_test(test_changed_question_restarts),
		cmocka_unit_test(test_select_due_then_new),
		cmocka_unit_test(test_select_new_order_follows_seed),
		cmocka_unit_test(test_select_and_summary_honour_mask),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_first_answers),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_many_reviews_any_order),
		cmocka_unit_test(test_free_null),
	};
	const struct CMUnitTest bundled[] = {
		cmocka_unit_test(test_simulated_week),
	};
	int failed = cmocka_run_group_tests(tests, load_good, free_good);

	return failed + cmocka_run_group_tests(bundled, load_bank, free_bank);
}
