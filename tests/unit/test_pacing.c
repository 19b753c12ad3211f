/* Unit tests of the pacing and time-limit rules. */
#include "testutil.h"

#include "certsim/pacing.h"
#include "certsim/timelimit.h"

static void
test_pacing_exam_pace(void **state)
{
	struct blueprint bp = { .questions = 65, .duration_minutes = 130 };
	(void)state;
	assert_int_equal(pacing_exam_pace_ms(&bp), 120000);
	bp.duration_minutes = 100; /* 92.307... s: truncated to the millisecond */
	assert_int_equal(pacing_exam_pace_ms(&bp), 92307);
	bp.questions = 0;
	assert_int_equal(pacing_exam_pace_ms(&bp), 0);
}

static void
test_pacing_compute(void **state)
{
	int64_t ms[] = { 30000, 120000, 120001, 500000, 120001, 90000 };
	struct pacing p;
	(void)state;
	pacing_compute(ms, 6, 980002, 120000, &p);
	assert_int_equal(p.pace_ms, 120000);
	/* 980002 / 6 = 163333 ms: 163 s, rounded half up. */
	assert_int_equal(p.average_s, 163);
	/* Exactly on pace is not over. */
	assert_int_equal(p.over, 3);
	assert_int_equal(p.n_slowest, 3);
	/* Ties go to the earlier item. */
	assert_int_equal(p.slowest[0], 3);
	assert_int_equal(p.slowest[1], 2);
	assert_int_equal(p.slowest[2], 4);
	/* Rounding: 1500 ms a question is 2 s, 1499 is 1 s. */
	pacing_compute(ms, 2, 3000, 120000, &p);
	assert_int_equal(p.average_s, 2);
	assert_int_equal(p.n_slowest, 2);
	pacing_compute(ms, 2, 2998, 120000, &p);
	assert_int_equal(p.average_s, 1);
	pacing_compute(NULL, 0, 5000, 120000, &p);
	assert_int_equal(p.average_s, 0);
	assert_int_equal(p.over, 0);
	assert_int_equal(p.n_slowest, 0);
}

static void
test_timelimit(void **state)
{
	struct blueprint bp = { .questions = 65, .duration_minutes = 130 };
	struct timelimit_request exam = { 0 }, quiz = { .quiz = 1, .count = 20 };
	(void)state;
	assert_int_equal(timelimit_seconds(&bp, &exam), 7800);
	exam.esl = 1;
	assert_int_equal(timelimit_seconds(&bp, &exam), 9600);
	exam.override_s = 600;
	assert_int_equal(timelimit_seconds(&bp, &exam), 2400);
	exam.untimed = 1;
	assert_int_equal(timelimit_seconds(&bp, &exam), 0);
	/* A quiz: count x the exam's pace (2 minutes), truncated. */
	assert_int_equal(timelimit_seconds(&bp, &quiz), 2400);
	bp.duration_minutes = 100;
	quiz.count = 7;
	assert_int_equal(timelimit_seconds(&bp, &quiz), 7 * 6000 / 65);
	quiz.override_s = 90;
	assert_int_equal(timelimit_seconds(&bp, &quiz), 90);
	quiz.override_s = -1;
	quiz.untimed = 1;
	assert_int_equal(timelimit_seconds(&bp, &quiz), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pacing_exam_pace),
		cmocka_unit_test(test_pacing_compute),
		cmocka_unit_test(test_timelimit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
