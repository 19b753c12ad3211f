/* Unit tests of the rules over the learner's history: trends, readiness, draw sources. */
#include "testutil.h"

#include "certsim/history.h"
#include "certsim/readiness.h"
#include "certsim/source.h"
#include "certsim/trend.h"

/* A hand-made attempt: mode, raw percent, one domain and one task percent. */
struct fake {
	struct result_file r;
	struct result_part dom, task;
	struct result_item item;
	char id[16];
};

/* Each fake attempt has one question of its own (never seen before) unless told. */
static int fake_serial;

static void
fake_attempt(struct fake *f, struct attempt *a, const char *mode, double percent,
             enum attempt_sig sig, double dom_percent, double task_percent)
{
	memset(f, 0, sizeof *f);
	memset(a, 0, sizeof *a);
	f->r.mode = (char *)mode;
	f->r.exam_code = "MLA-C01";
	f->r.time_limit_s = 7800;
	snprintf(f->id, sizeof f->id, "q%d", fake_serial++);
	f->item.id = f->id;
	f->r.items = &f->item;
	f->r.n_items = 1;
	f->r.score.percent = percent;
	f->dom.domain_id = 2;
	f->dom.percent = dom_percent;
	f->task.task_id = "2.2";
	f->task.percent = task_percent;
	f->r.domains = &f->dom;
	f->r.n_domains = dom_percent == -2 ? 0 : 1;
	f->r.tasks = &f->task;
	f->r.n_tasks = task_percent == -2 ? 0 : 1;
	a->result = &f->r;
	a->finished_at = "2026-01-01T00:00:00Z";
	a->sig = sig;
}

static void
test_trend_oldest_first_valid_only(void **state)
{
	struct fake f[8];
	struct attempt a[8];
	struct history h = { a, 8 };
	double v[TREND_LEN];
	(void)state;
	/* Oldest first: 10 20 (invalid 99) 30 (no domain) 40 50 60 (unsigned 77). */
	fake_attempt(&f[0], &a[0], "exam", 0, ATTEMPT_SIG_VALID, 10, 1);
	fake_attempt(&f[1], &a[1], "exam", 0, ATTEMPT_SIG_VALID, 20, 2);
	fake_attempt(&f[2], &a[2], "exam", 0, ATTEMPT_SIG_INVALID, 99, 99);
	fake_attempt(&f[3], &a[3], "quiz", 0, ATTEMPT_SIG_VALID, 30, -2);
	fake_attempt(&f[4], &a[4], "exam", 0, ATTEMPT_SIG_VALID, 40, -1);
	fake_attempt(&f[5], &a[5], "exam", 0, ATTEMPT_SIG_VALID, 50, 5);
	fake_attempt(&f[6], &a[6], "exam", 0, ATTEMPT_SIG_VALID, 60, 6);
	fake_attempt(&f[7], &a[7], "exam", 0, ATTEMPT_SIG_UNSIGNED, 77, 77);
	assert_int_equal(trend_domain(&h, 2, v), TREND_LEN);
	assert_true(v[0] == 20 && v[1] == 30 && v[2] == 40 && v[3] == 50 && v[4] == 60);
	/* Task: attempt 3 has no task list, attempt 4 a negative percent: passed over. */
	assert_int_equal(trend_task(&h, "2.2", v), 4);
	assert_true(v[0] == 1 && v[1] == 2 && v[2] == 5 && v[3] == 6);
	assert_int_equal(trend_domain(&h, 3, v), 0);
	assert_int_equal(trend_task(&h, "2.3", v), 0);
	h.n = 0;
	assert_int_equal(trend_domain(&h, 2, v), 0);
}

/* Columns: like with like, oldest first; a value per column or -1. */
static void
test_trend_columns(void **state)
{
	struct fake f[4];
	struct attempt a[4];
	struct history h = { a, 4 };
	size_t cols[TREND_LEN];
	double v[TREND_LEN];
	(void)state;
	fake_attempt(&f[0], &a[0], "exam", 0, ATTEMPT_SIG_VALID, 10, 1);
	fake_attempt(&f[1], &a[1], "quiz", 0, ATTEMPT_SIG_VALID, 99, 99);
	fake_attempt(&f[2], &a[2], "exam", 0, ATTEMPT_SIG_VALID, -2, 3);
	fake_attempt(&f[3], &a[3], "exam", 0, ATTEMPT_SIG_VALID, 40, 4);
	assert_int_equal(trend_columns(&h, "exam", cols), 3);
	assert_int_equal(cols[0], 0);
	assert_int_equal(cols[1], 2);
	assert_int_equal(cols[2], 3);
	assert_int_equal(trend_part_at(&h, cols, 3, 2, NULL, v), 2);
	assert_true(v[0] == 10 && v[1] == -1 && v[2] == 40);
	assert_int_equal(trend_columns(&h, "quiz", cols), 1);
	assert_int_equal(cols[0], 1);
}

static void
test_trend_direction(void **state)
{
	double up[] = { 40, 50, 45, 60 }, down[] = { 50, 49.4 }, flat[] = { 50, 50.5 }, one[] = { 9 };
	/* A slope over all of them, not the last two values: 90, 40, 50 is down. */
	double dip[] = { 90, 40, 50 }, bump[] = { 60, 60, 60, 60, 90, 60 };
	(void)state;
	assert_int_equal(trend_direction(up, 4), TREND_UP);
	assert_int_equal(trend_direction(dip, 3), TREND_DOWN);
	assert_int_equal(trend_direction(bump, 6), TREND_UP);
	assert_int_equal(trend_direction(down, 2), TREND_DOWN);
	assert_int_equal(trend_direction(flat, 2), TREND_FLAT);
	assert_int_equal(trend_direction(one, 1), TREND_FLAT);
	assert_string_equal(trend_direction_name(TREND_UP), "up");
	assert_string_equal(trend_direction_name(TREND_DOWN), "down");
	assert_string_equal(trend_direction_name(TREND_FLAT), "flat");
	/* A table row: the absent values (-1) are skipped, not read as 0. */
	double row[] = { 80, -1, 60, -1, 40 }, lone[] = { -1, 70, -1 };
	enum trend_direction d = TREND_UP;
	assert_int_equal(trend_row_direction(row, 5, &d), 0);
	assert_int_equal(d, TREND_DOWN);
	double rising[] = { -1, 10, -1, 90 };
	assert_int_equal(trend_row_direction(rising, 4, &d), 0);
	assert_int_equal(d, TREND_UP);
	d = TREND_UP;
	assert_int_equal(trend_row_direction(lone, 3, &d), -1);
	assert_int_equal(d, TREND_FLAT);
}

static void
readiness_of(const double *percent, const enum attempt_sig *sig, const char **mode, size_t n,
             struct readiness *rd)
{
	struct fake f[8];
	struct attempt a[8];
	struct history h = { a, n };
	for (size_t i = 0; i < n; i++)
		fake_attempt(&f[i], &a[i], mode ? mode[i] : "exam", percent[i],
		             sig ? sig[i] : ATTEMPT_SIG_VALID, 0, 0);
	readiness_compute(&h, rd);
}

/* Three exams at 100%, the second and third of questions already seen, one untimed. */
static void
test_readiness_fair_exams_only(void **state)
{
	struct fake f[5];
	struct attempt a[5];
	struct history h = { a, 5 };
	struct readiness rd;
	char text[256];
	(void)state;
	for (int i = 0; i < 5; i++)
		fake_attempt(&f[i], &a[i], "exam", 100, ATTEMPT_SIG_VALID, 0, 0);
	/* 2 and 3 repeat 0's question; 4 is untimed; 1 counts (new question). */
	f[2].item.id = f[0].id;
	f[3].item.id = f[0].id;
	f[4].r.time_limit_s = 0;
	assert_int_equal(readiness_exam_counts(&h, 0), READINESS_COUNTS);
	assert_int_equal(readiness_exam_counts(&h, 1), READINESS_COUNTS);
	assert_int_equal(readiness_exam_counts(&h, 2), READINESS_REPEATS);
	assert_int_equal(readiness_exam_counts(&h, 3), READINESS_REPEATS);
	assert_int_equal(readiness_exam_counts(&h, 4), READINESS_UNTIMED);
	readiness_compute(&h, &rd);
	assert_false(rd.ready);
	assert_int_equal(rd.n, 2);
	assert_int_equal(rd.counted, 2);
	assert_int_equal(rd.repeats, 2);
	assert_int_equal(rd.untimed, 1);
	readiness_counted_text(&rd, text, sizeof text);
	assert_string_equal(text, "Readiness counts 2 exams; left out: 2 with under 80% questions "
	                          "unseen before, 1 untimed, 0 without a valid signature");
	/* Another exam code's attempt does not make a question seen. */
	f[2].r.exam_code = "OTHER";
	f[2].item.id = "zz";
	f[3].item.id = "zz";
	assert_int_equal(readiness_exam_counts(&h, 3), READINESS_COUNTS);
}

static void
test_readiness(void **state)
{
	struct readiness rd;
	(void)state;
	readiness_of(NULL, NULL, NULL, 0, &rd);
	assert_false(rd.ready);
	assert_int_equal(rd.n, 0);
	assert_string_equal(rd.message, "NOT READY YET: no valid full practice exam yet; the goal is "
	                                "three in a row at 80%+ (certsim exam)");

	double two[] = { 85, 90 };
	readiness_of(two, NULL, NULL, 2, &rd);
	assert_false(rd.ready);
	assert_string_equal(rd.message,
	                    "NOT READY YET: 2 of the 3 full exams needed at 80%+ so far; take 1 more");

	/* The last three valid exams count: the quiz and the invalid one do not. */
	double four[] = { 50, 81, 82, 99, 100, 83 };
	enum attempt_sig sig[] = { ATTEMPT_SIG_VALID, ATTEMPT_SIG_VALID, ATTEMPT_SIG_VALID,
		                   ATTEMPT_SIG_INVALID, ATTEMPT_SIG_VALID, ATTEMPT_SIG_VALID };
	const char *mode[] = { "exam", "exam", "exam", "exam", "quiz", "exam" };
	readiness_of(four, sig, mode, 6, &rd);
	assert_true(rd.ready);
	assert_int_equal(rd.n, 3);
	assert_true(rd.last_percent[0] == 81 && rd.last_percent[1] == 82 &&
	            rd.last_percent[2] == 83);
	assert_string_equal(rd.message, "READY: your last three full practice exams scored 81%, 82% "
	                                "and 83% (80%+ each)");

	double below[] = { 90, 79.9, 85 };
	readiness_of(below, NULL, NULL, 3, &rd);
	assert_false(rd.ready);
	assert_string_equal(rd.message, "NOT READY YET: 1 of your last 3 full exams scored under 80% "
	                                "(latest 85%); the goal is three in a row at 80%+");
}

/* A bank of n questions over 3 tasks: question i is on task task_of[i]. */
static struct bank *
fake_bank(const int *task_of, size_t n)
{
	struct bank *b = calloc(1, sizeof *b);
	assert_non_null(b);
	b->questions = calloc(n, sizeof *b->questions);
	assert_non_null(b->questions);
	b->n_questions = n;
	b->bp.n_tasks = 3;
	for (size_t i = 0; i < n; i++)
		b->questions[i].task_idx = task_of[i];
	return b;
}

static void
free_fake_bank(struct bank *b)
{
	free(b->questions);
	free(b);
}

static void
test_source_missed(void **state)
{
	int task_of[] = { 0, 0, 1, 1, 2 };
	signed char last[] = { -1, 0, 1, 0, -1 };
	unsigned char eligible[5];
	struct bank *b = fake_bank(task_of, 5);
	(void)state;
	assert_int_equal(source_missed(b, last, eligible), 2);
	assert_memory_equal(eligible, ((unsigned char[]){ 0, 1, 0, 1, 0 }), 5);
	signed char none[] = { -1, 1, 1, -1, 1 };
	assert_int_equal(source_missed(b, none, eligible), 0);
	free_fake_bank(b);
}

static void
test_source_weakest(void **state)
{
	/* Task 0: 1 wrong of 2; task 1: 0 wrong of 3 (floor); task 2: never seen. */
	int task_of[] = { 0, 0, 1, 1, 1, 2 };
	signed char last[] = { 0, 1, 1, 1, 1, -1 };
	double w[6];
	struct bank *b = fake_bank(task_of, 6);
	(void)state;
	assert_int_equal(source_weakest(b, last, w), 1);
	assert_float_equal(w[0], 1.5 / 3.0, 1e-12);
	assert_float_equal(w[1], 1.5 / 3.0, 1e-12);
	assert_float_equal(w[2], 0.5 / 4.0, 1e-12);
	assert_float_equal(w[5], 0.5, 1e-12);
	signed char many_right[] = { 1, 1, 1, 1, 1, 1 };
	int task_one[] = { 1, 1, 1, 1, 1, 1 };
	struct bank *b2 = fake_bank(task_one, 6);
	assert_int_equal(source_weakest(b2, many_right, w), 1);
	assert_float_equal(w[0], 0.5 / 7.0, 1e-12);
	/* 0.5 / 11 < 0.05: the floor. */
	b2->questions = realloc(b2->questions, 10 * sizeof *b2->questions);
	assert_non_null(b2->questions);
	signed char ten_right[10];
	for (int i = 0; i < 10; i++) {
		b2->questions[i].task_idx = 1;
		ten_right[i] = 1;
	}
	b2->n_questions = 10;
	double w10[10];
	assert_int_equal(source_weakest(b2, ten_right, w10), 1);
	assert_float_equal(w10[0], 0.05, 1e-12);
	signed char never[] = { -1, -1, -1, -1, -1, -1 };
	assert_int_equal(source_weakest(b, never, w), 0);
	for (int i = 0; i < 6; i++)
		assert_float_equal(w[i], 0.5, 1e-12);
	free_fake_bank(b);
	free_fake_bank(b2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trend_oldest_first_valid_only),
		cmocka_unit_test(test_trend_direction),
		cmocka_unit_test(test_trend_columns),
		cmocka_unit_test(test_readiness),
		cmocka_unit_test(test_readiness_fair_exams_only),
		cmocka_unit_test(test_source_missed),
		cmocka_unit_test(test_source_weakest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
