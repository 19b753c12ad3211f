/* Whether a response is complete and correct: one definition for scoring, verifying, restoring. */
#include "certsim/answer.h"

/* Whether x occurs in v[0..n). */
static int
has(const int *v, int n, int x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

/* Whether v[0..n) holds a value twice. */
static int
repeats(const int *v, int n)
{
	for (int i = 0; i < n; i++)
		if (has(v, i, v[i]))
			return 1;
	return 0;
}

enum answer_status
answer_judge(enum question_type type, const int *key, int n_key, const int *v, int n)
{
	int given = 0;
	if (v == NULL || n <= 0)
		return ANSWER_NONE;
	if (type == Q_MATCHING) {
		int same = n == n_key;
		for (int i = 0; i < n; i++) {
			if (v[i] < 0) {
				same = 0;
				continue;
			}
			given++;
			if (i >= n_key || v[i] != key[i])
				same = 0;
		}
		if (given == 0)
			return ANSWER_NONE;
		if (given < n_key)
			return ANSWER_INCOMPLETE;
		return same ? ANSWER_CORRECT : ANSWER_WRONG;
	}
	if (type == Q_SINGLE && n > 1)
		return ANSWER_WRONG;
	if (n < n_key)
		return ANSWER_INCOMPLETE;
	if (n != n_key || repeats(v, n))
		return ANSWER_WRONG;
	for (int i = 0; i < n; i++) {
		if (type == Q_ORDERING ? v[i] != key[i] : !has(key, n_key, v[i]))
			return ANSWER_WRONG;
	}
	return ANSWER_CORRECT;
}

int
answer_is_correct(enum answer_status st)
{
	return st == ANSWER_CORRECT;
}

int
answer_missed(enum answer_status st)
{
	return !answer_is_correct(st);
}
