/* Unit tests for answer: the one definition of a complete and correct response. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/answer.h"

#include "testutil.h"

static void
test_single(void **state)
{
	int key[] = { 2 }, v[] = { 2, 1 };
	(void)state;
	assert_int_equal(answer_judge(Q_SINGLE, key, 1, NULL, 0), ANSWER_NONE);
	assert_int_equal(answer_judge(Q_SINGLE, key, 1, v, 1), ANSWER_CORRECT);
	assert_int_equal(answer_judge(Q_SINGLE, key, 1, v + 1, 1), ANSWER_WRONG);
	assert_int_equal(answer_judge(Q_SINGLE, key, 1, v, 2), ANSWER_WRONG);
}

static void
test_multiple_is_a_set(void **state)
{
	int key[] = { 0, 3 }, same[] = { 3, 0 }, twice[] = { 0, 0 }, part[] = { 3 };
	int over[] = { 0, 3, 1 };
	(void)state;
	/* Order does not matter (a restored answer need not be sorted). */
	assert_int_equal(answer_judge(Q_MULTIPLE, key, 2, same, 2), ANSWER_CORRECT);
	assert_int_equal(answer_judge(Q_MULTIPLE, key, 2, twice, 2), ANSWER_WRONG);
	assert_int_equal(answer_judge(Q_MULTIPLE, key, 2, part, 1), ANSWER_INCOMPLETE);
	assert_int_equal(answer_judge(Q_MULTIPLE, key, 2, over, 3), ANSWER_WRONG);
	assert_false(answer_is_correct(ANSWER_INCOMPLETE));
	assert_true(answer_is_correct(ANSWER_CORRECT));
}

static void
test_missed(void **state)
{
	(void)state;
	/* Missed is everything but a correct answer: wrong, incomplete, none. */
	assert_true(answer_missed(ANSWER_NONE));
	assert_true(answer_missed(ANSWER_INCOMPLETE));
	assert_true(answer_missed(ANSWER_WRONG));
	assert_false(answer_missed(ANSWER_CORRECT));
}

static void
test_ordering_is_a_sequence(void **state)
{
	int key[] = { 2, 0, 1 }, swap[] = { 0, 2, 1 }, rep[] = { 2, 0, 0 };
	(void)state;
	assert_int_equal(answer_judge(Q_ORDERING, key, 3, key, 3), ANSWER_CORRECT);
	assert_int_equal(answer_judge(Q_ORDERING, key, 3, swap, 3), ANSWER_WRONG);
	assert_int_equal(answer_judge(Q_ORDERING, key, 3, rep, 3), ANSWER_WRONG);
}

static void
test_matching_partial(void **state)
{
	int key[] = { 1, 0, 2 }, part[] = { 1, -1, 2 }, none[] = { -1, -1, -1 };
	int wrong[] = { 1, 1, 1 };
	(void)state;
	assert_int_equal(answer_judge(Q_MATCHING, key, 3, key, 3), ANSWER_CORRECT);
	assert_int_equal(answer_judge(Q_MATCHING, key, 3, part, 3), ANSWER_INCOMPLETE);
	assert_int_equal(answer_judge(Q_MATCHING, key, 3, none, 3), ANSWER_NONE);
	assert_int_equal(answer_judge(Q_MATCHING, key, 3, wrong, 3), ANSWER_WRONG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_multiple_is_a_set),
		cmocka_unit_test(test_missed),
		cmocka_unit_test(test_ordering_is_a_sequence),
		cmocka_unit_test(test_matching_partial),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
