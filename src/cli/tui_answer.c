/* The full-screen exam: editing the answer on screen, and moving between items. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "cli.h"
#include "tui.h"
#include "tui_exam.h"

int
tui_answer_immediate(const struct tui *t)
{
	return t->s->cfg.feedback == FEEDBACK_IMMEDIATE;
}

/* In a quiz with immediate feedback a checked answer is final, as in line mode. */
int
tui_answer_locked(struct tui *t)
{
	if (tui_answer_immediate(t) && item(t)->answered) {
		tui_say(t, R_CHOSEN,
		        "This answer is final (feedback was shown). > for the next question.");
		return 1;
	}
	return 0;
}

/* How many rows the cursor moves over: options, ordering places or prompts. */
int
tui_answer_cursor_rows(const struct tui *t)
{
	const struct session_item *it = item(t);
	return question(t)->type == Q_MATCHING ? it->d.n_pperm : it->d.n_perm;
}

/*
 * Record the draft, complete or incomplete (an incomplete answer is kept
 * and saved, and counts as incorrect); an empty draft unrecords the item.
 */
void
tui_answer_record(struct tui *t)
{
	struct session *s = t->s;
	struct draft *d = tui_draft(t, s->cur);
	struct response r;
	const char *err;
	if (tui_answer_immediate(t))
		return;
	if (tui_marks_response(item(t), question(t), &d->m, &r) >= 0) {
		if (session_answer(s, &r, &err) < 0)
			tui_say(t, R_BAD, "Not recorded: %s.", err);
	} else if (item(t)->answered) {
		session_clear(s);
	}
}

/* Quiz with immediate feedback: record the draft and show the key. */
void
tui_answer_check(struct tui *t)
{
	const struct question *q = question(t);
	struct draft *d = tui_draft(t, t->s->cur);
	struct response r;
	const char *err;
	if (tui_answer_locked(t))
		return;
	if (tui_marks_response(item(t), q, &d->m, &r) < 1) {
		if (q->type == Q_MULTIPLE)
			tui_say(t, R_BAD, "Select %s first (%d selected).",
			        bank_number_word(q->n_key),
			        tui_marks_count(q, &d->m, item(t)->d.n_perm));
		else if (q->type == Q_MATCHING)
			tui_say(t, R_BAD, "Match every prompt first (%d of %d matched).",
			        tui_marks_count(q, &d->m, item(t)->d.n_pperm), item(t)->d.n_pperm);
		else
			tui_say(t, R_BAD, "Choose an option first.");
		return;
	}
	if (session_answer(t->s, &r, &err) < 0) {
		tui_say(t, R_BAD, "Not recorded: %s.", err);
		return;
	}
	t->grabbed = 0;
	t->show_feedback = 1;
}

/*
 * Immediate feedback: an answer chosen but not checked is not dropped when
 * the learner moves on; it is recorded (and so checked) as it stands. An
 * ordering item's draft is its first order until moved, so it is left.
 */
void
tui_answer_keep(struct tui *t)
{
	struct response r;
	const char *err;
	const struct question *q = question(t);
	if (!tui_answer_immediate(t) || item(t)->answered || q->type == Q_ORDERING)
		return;
	if (tui_marks_response(item(t), q, &tui_draft(t, t->s->cur)->m, &r) >= 0)
		session_answer(t->s, &r, &err);
}

void
tui_answer_goto(struct tui *t, size_t i)
{
	tui_answer_keep(t);
	session_goto(t->s, i);
	tui_draft(t, i);
	t->screen = SCR_QUESTION;
	t->grabbed = 0;
	t->focus_scen = 0;
	t->msg_until = 0;
}

void
tui_answer_next(struct tui *t)
{
	if (t->s->cur + 1 < t->s->n) {
		tui_answer_goto(t, t->s->cur + 1);
	} else {
		tui_answer_keep(t);
		t->screen = SCR_REVIEW;
		t->filter = FILTER_ALL;
		t->rsel = (int)t->s->cur;
		tui_say(t, R_CHOSEN,
		        "That was the last question. Review your answers, or ! to end.");
	}
}

void
tui_answer_prev(struct tui *t)
{
	if (t->s->cur > 0)
		tui_answer_goto(t, t->s->cur - 1);
	else
		tui_say(t, R_CHOSEN, "This is the first question.");
}

/* Act on option (or ordering item) j, by shown position. */
/* Where the stem forbids it, say that an option now serves two prompts (the answer stands). */
static void
say_reuse(struct tui *t, const struct question *q, const struct draft *d, int n_prompts)
{
	int o = bank_reused_option(q, d->m.match, n_prompts);
	if (o >= 0)
		tui_say(t, R_BAD, "Option %c is now used twice; each option is used at most once.",
		        'A' + o);
}

void
tui_answer_choose(struct tui *t, int j)
{
	const struct question *q = question(t);
	const struct session_item *it = item(t);
	struct draft *d = tui_draft(t, t->s->cur);
	if (j < 0 || j >= it->d.n_perm)
		return;
	if (q->type == Q_ORDERING) {
		for (int k = 0; k < it->d.n_perm; k++)
			if (d->m.order[k] == j)
				d->cursor = k;
		t->follow = 1;
		return;
	}
	if (tui_answer_locked(t))
		return;
	if (q->type == Q_SINGLE) {
		memset(d->m.sel, 0, sizeof d->m.sel);
		d->m.sel[j] = 1;
		d->cursor = j;
	} else if (q->type == Q_MULTIPLE) {
		if (!d->m.sel[j] && tui_marks_count(q, &d->m, it->d.n_perm) >= q->n_key) {
			tui_say(t, R_BAD, "Choose %s only: untick one first.",
			        bank_number_word(q->n_key));
			return;
		}
		d->m.sel[j] = !d->m.sel[j];
		d->cursor = j;
	} else {
		/* Matching: the option for the prompt under the cursor, then the next prompt. */
		d->m.match[d->cursor] = j;
		if (d->cursor + 1 < it->d.n_pperm)
			d->cursor++;
		say_reuse(t, q, d, it->d.n_pperm);
	}
	t->follow = 1;
	tui_answer_record(t);
}

void
tui_answer_move_order(struct tui *t, int delta)
{
	struct draft *d = tui_draft(t, t->s->cur);
	int n = item(t)->d.n_perm, to = d->cursor + delta;
	if (question(t)->type != Q_ORDERING || tui_answer_locked(t))
		return;
	if (to < 0 || to >= n) {
		tui_say(t, R_CHOSEN, to < 0 ? "Already at the top." : "Already at the bottom.");
		return;
	}
	int tmp = d->m.order[to];
	d->m.order[to] = d->m.order[d->cursor];
	d->m.order[d->cursor] = tmp;
	d->cursor = to;
	t->follow = 1;
	tui_answer_record(t);
}

void
tui_answer_space(struct tui *t)
{
	const struct question *q = question(t);
	struct draft *d = tui_draft(t, t->s->cur);
	if (q->type == Q_ORDERING) {
		if (tui_answer_locked(t))
			return;
		/* Putting the item down records the order as it stands. */
		if (t->grabbed)
			tui_answer_record(t);
		t->grabbed = !t->grabbed;
	} else if (q->type == Q_MATCHING) {
		if (tui_answer_locked(t))
			return;
		int v = d->m.match[d->cursor] + 1;
		d->m.match[d->cursor] = v >= item(t)->d.n_perm ? -1 : v;
		say_reuse(t, q, d, item(t)->d.n_pperm);
		t->follow = 1;
		tui_answer_record(t);
	} else {
		tui_answer_choose(t, d->cursor);
	}
}

/*
 * Enter: with immediate feedback, check the answer; otherwise the next
 * question, never changing an answer (an unanswered ordering item takes the
 * order as it stands, which the learner sees and confirms with Enter).
 */
void
tui_answer_enter(struct tui *t)
{
	const struct question *q = question(t);
	if (tui_answer_immediate(t)) {
		tui_answer_check(t);
		return;
	}
	if (q->type == Q_ORDERING && (t->grabbed || !item(t)->answered)) {
		t->grabbed = 0;
		tui_answer_record(t);
	}
	tui_answer_next(t);
}

void
tui_answer_clear(struct tui *t)
{
	struct draft *d = tui_draft(t, t->s->cur);
	if (tui_answer_locked(t))
		return;
	tui_marks_from(item(t), question(t), NULL, &d->m);
	t->grabbed = 0;
	if (item(t)->answered)
		session_clear(t->s);
	tui_say(t, R_CHOSEN,
	        question(t)->type == Q_ORDERING
	            ? "Answer cleared; the items are back in their first order."
	            : "Answer cleared.");
}

void
tui_answer_move_cursor(struct tui *t, int delta)
{
	struct draft *d = tui_draft(t, t->s->cur);
	if (t->grabbed) {
		tui_answer_move_order(t, delta);
		return;
	}
	int n = tui_answer_cursor_rows(t), c = d->cursor + delta;
	d->cursor = c < 0 ? 0 : c >= n ? n - 1 : c;
	t->follow = 1;
}
