/*
 * The one definition of whether a response is complete and correct, used
 * by the engine (scoring), the verifier (result files) and restore.
 */
#ifndef CERTSIM_ANSWER_H
#define CERTSIM_ANSWER_H

#include "certsim/bank.h"

enum answer_status {
	ANSWER_NONE,       /* nothing given */
	ANSWER_INCOMPLETE, /* fewer options than asked, or prompts left unmatched */
	ANSWER_WRONG,      /* complete, not the key */
	ANSWER_CORRECT     /* complete and equal to the key */
};

/*
 * Judge a response against a key, both as small non-negative integers
 * (choice indexes, or any consistent numbering of ids):
 * single/multiple: v[0..n) the chosen options (any order; compared as
 * sets), key[0..n_key) likewise; ordering: sequences, complete when every
 * item is given (n == n_key); matching: v[i] = option matched to prompt i
 * or -1 when prompt i is unmatched, n = n_key = number of prompts.
 * A repeated option in single/multiple/ordering makes the answer wrong,
 * never correct. Never fails; NULL v with n = 0 is ANSWER_NONE.
 */
enum answer_status answer_judge(enum question_type type, const int *key, int n_key, const int *v,
                                int n);

/* Whether a status counts as correct (only ANSWER_CORRECT does). */
int answer_is_correct(enum answer_status st);

/*
 * Whether an item counts as missed: answered wrongly, incompletely or not
 * at all (every status but ANSWER_CORRECT). The one definition used by
 * `review --missed` (result_item_status) and the results screen's missed
 * pages (session_item_status). Never fails.
 */
int answer_missed(enum answer_status st);

#endif
