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

static void
expect_text(enum answer_letters_kind kind, int n, const int *pos, const char *want)
{
	struct answer_letters a;
	char buf[64];
	a.kind = kind;
	a.n = n;
	memcpy(a.pos, pos, sizeof(int) * (size_t)n);
	answer_letters_text(&a, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static void
test_letters_text(void **state)
{
	int set[] = { 3, ANSWER_LETTER_UNKNOWN, 0, 2 }, seq[] = { 2, 0, 1 };
	int pairs[] = { 1, ANSWER_LETTER_UNMATCHED, ANSWER_LETTER_UNKNOWN, 9 };
	int ten[] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 };
	struct answer_letters a = { ANSWER_LETTERS_SET, 10, { 0 } };
	char small[6], none[1] = { 'x' };
	(void)state;
	/* A set in the order shown, an option not shown last as '?'. */
	expect_text(ANSWER_LETTERS_SET, 4, set, "A C D ?");
	/* A sequence as given. */
	expect_text(ANSWER_LETTERS_SEQUENCE, 3, seq, "C A B");
	/* Pairs by prompt number, unmatched ones left out. */
	expect_text(ANSWER_LETTERS_PAIRS, 4, pairs, "1B 3? 4J");
	expect_text(ANSWER_LETTERS_SET, 0, set, "");
	expect_text(ANSWER_LETTERS_PAIRS, 2, (const int[]){ -1, -1 }, "");
	expect_text(ANSWER_LETTERS_SET, 10, ten, "A B C D E F G H I J");
	/* Cut at a whole entry; a one-byte buffer holds only the terminator. */
	memcpy(a.pos, ten, sizeof ten);
	answer_letters_text(&a, small, sizeof small);
	assert_string_equal(small, "A B C");
	answer_letters_text(&a, none, sizeof none);
	assert_int_equal(none[0], '\0');
	/* A count out of range is clamped, not trusted. */
	a.n = 1000;
	answer_letters_text(&a, small, sizeof small);
	assert_string_equal(small, "A B C");
	assert_int_equal(answer_letter(25), 'Z');
	assert_int_equal(answer_letter(26), '?');
	assert_int_equal(answer_letter(-1), '?');
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
		cmocka_unit_test(test_letters_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
