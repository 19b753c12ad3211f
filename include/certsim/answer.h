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

/*
 * An answer in the letters the candidate saw, the one form in which every
 * front end prints "your answer" and "the correct answer": the full
 * screen's results pages and status line, line mode's feedback and
 * question header, and `review` (from a result file). It is filled from a
 * session (session_item_letters) or from a result file
 * (result_item_letters) and rendered by answer_letters_text.
 */
enum answer_letters_kind {
	ANSWER_LETTERS_SET,      /* single, multiple: listed in the order shown */
	ANSWER_LETTERS_SEQUENCE, /* ordering: listed as given */
	ANSWER_LETTERS_PAIRS     /* matching: pos[k] for the (k + 1)-th prompt shown */
};

#define ANSWER_LETTER_UNMATCHED (-1) /* PAIRS: this prompt was not matched */
#define ANSWER_LETTER_UNKNOWN (-2)   /* an option that was not shown: printed '?' */

struct answer_letters {
	enum answer_letters_kind kind;
	int n;                     /* entries used in pos */
	int pos[BANK_MAX_CHOICES]; /* shown positions (0 = A), or the two values above */
};

/* The letter shown at position pos (0 = 'A'), or '?' outside A-Z. */
char answer_letter(int pos);

/*
 * a as text into buf (size bytes, always terminated): "B D" (a set, in
 * the order shown, options not shown last as '?'), "C A B" (a sequence),
 * "1B 3A" (pairs by prompt number; unmatched prompts left out); "" when
 * nothing was given. Never fails; text that does not fit is cut at a
 * whole entry.
 */
void answer_letters_text(const struct answer_letters *a, char *buf, size_t size);

#endif
