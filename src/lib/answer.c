/* Whether a response is complete and correct: one definition for scoring, verifying, restoring. */
#include <stdio.h>
#include <string.h>

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

char
answer_letter(int pos)
{
	return pos >= 0 && pos < 26 ? (char)('A' + pos) : '?';
}

/* Sort key of a set's entry: shown positions first, in order; not shown last. */
static int
set_rank(int pos)
{
	return pos >= 0 ? pos : 1000;
}

void
answer_letters_text(const struct answer_letters *a, char *buf, size_t size)
{
	int v[BANK_MAX_CHOICES], n = a->n < 0                  ? 0
	                             : a->n > BANK_MAX_CHOICES ? BANK_MAX_CHOICES
	                                                       : a->n;
	size_t used = 0;
	if (size == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < n; i++)
		v[i] = a->pos[i];
	if (a->kind == ANSWER_LETTERS_SET) /* insertion sort: stable, at most ten */
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && set_rank(v[j - 1]) > set_rank(v[j]); j--) {
				int t = v[j];
				v[j] = v[j - 1];
				v[j - 1] = t;
			}
	for (int i = 0; i < n; i++) {
		char one[8];
		int len;
		if (a->kind == ANSWER_LETTERS_PAIRS) {
			if (v[i] == ANSWER_LETTER_UNMATCHED)
				continue;
			len = snprintf(one, sizeof one, "%s%d%c", used ? " " : "", i + 1,
			               answer_letter(v[i]));
		} else {
			len =
			    snprintf(one, sizeof one, "%s%c", used ? " " : "", answer_letter(v[i]));
		}
		if (len < 0 || used + (size_t)len >= size)
			break;
		memcpy(buf + used, one, (size_t)len + 1);
		used += (size_t)len;
	}
}
