/* The full-screen exam (ncursesw) over the session API, and the start menu. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/driver.h"
#include "certsim/clock.h"
#include "certsim/home.h"
#include "cli.h"
#include "tui.h"

#define TICK_MS 250       /* the clock is redrawn at least this often */
#define MESSAGE_MS 6000
#define NOTICE_MS 15000
#define TIMEUP_MS 2500    /* the time-up notice stays this long */
#define LOW_TIME_MS (5 * 60 * 1000)

enum tscreen { SCR_START, SCR_QUESTION, SCR_REVIEW };
enum overlay { OV_NONE, OV_HELP, OV_END, OV_QUIT };
enum filter { F_ALL, F_UNANSWERED, F_FLAGGED };
enum outcome { GO_ON, QUIT, ENDED };

/* What the candidate has on screen for one item (recorded only when complete). */
struct draft {
	int init;
	struct tui_marks m;
	int cursor;          /* option, ordering place or matching prompt */
	int top, scen_top;   /* scroll of the question and scenario panes */
};

struct tui {
	struct session *s;
	volatile sig_atomic_t *stop;
	struct draft *drafts;
	enum tscreen screen;
	enum overlay overlay;
	int timer_hidden;
	int focus_scen;      /* Up/Down/PgUp/PgDn scroll the case-study scenario */
	int grabbed;         /* ordering: the item under the cursor is picked up */
	int follow;          /* scroll the question pane to the cursor on the next draw */
	int show_feedback;   /* scroll to the feedback on the next draw */
	char msg[256];
	int msg_role;
	int64_t msg_until;
	enum filter filter;
	int rsel, rtop;      /* review: selected row of the filtered list, scroll */
	char num[8];         /* review: a question number being typed */
	size_t *list;        /* review: the filtered items */
	int nlist;
	struct tui_doc doc, scen;
};

static int64_t
now(const struct tui *t)
{
	return clock_now(t->s->clock);
}

static struct session_item *
item(const struct tui *t)
{
	return &t->s->items[t->s->cur];
}

static const struct question *
question(const struct tui *t)
{
	return &t->s->bank->questions[item(t)->d.q];
}

static void say(struct tui *t, int role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct tui *t, int role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_role = role;
	t->msg_until = now(t) + (role == R_NOTICE ? NOTICE_MS : MESSAGE_MS);
}

static struct draft *
draft(struct tui *t, size_t i)
{
	struct draft *d = &t->drafts[i];
	if (!d->init) {
		const struct session_item *it = &t->s->items[i];
		const struct question *q = &t->s->bank->questions[it->d.q];
		tui_marks_from(it, q, it->answered ? &it->resp : NULL, &d->m);
		d->init = 1;
	}
	return d;
}

static int
immediate(const struct tui *t)
{
	return t->s->cfg.feedback == FEEDBACK_IMMEDIATE;
}

/* In a quiz with immediate feedback a checked answer is final, as in line mode. */
static int
locked(struct tui *t)
{
	if (immediate(t) && item(t)->answered) {
		say(t, R_CHOSEN, "This answer is final (feedback was shown). > for the next question.");
		return 1;
	}
	return 0;
}

/* How many rows the cursor moves over: options, ordering places or prompts. */
static int
cursor_rows(const struct tui *t)
{
	const struct session_item *it = item(t);
	return question(t)->type == Q_MATCHING ? it->d.n_pperm : it->d.n_perm;
}

/* Record the draft when complete; an incomplete draft unrecords the item. */
static void
record(struct tui *t)
{
	struct session *s = t->s;
	struct draft *d = draft(t, s->cur);
	struct response r;
	const char *err;
	if (immediate(t))
		return;
	if (tui_marks_response(item(t), question(t), &d->m, &r)) {
		if (session_answer(s, &r, &err) < 0)
			say(t, R_BAD, "Not recorded: %s.", err);
	} else if (item(t)->answered) {
		session_clear(s);
	}
}

/* Quiz with immediate feedback: record the draft and show the key. */
static void
check(struct tui *t)
{
	const struct question *q = question(t);
	struct draft *d = draft(t, t->s->cur);
	struct response r;
	const char *err;
	if (locked(t))
		return;
	if (!tui_marks_response(item(t), q, &d->m, &r)) {
		if (q->type == Q_MULTIPLE)
			say(t, R_BAD, "Select %s first (%d selected).", tui_number_word(q->n_key),
			    tui_marks_count(q, &d->m, item(t)->d.n_perm));
		else if (q->type == Q_MATCHING)
			say(t, R_BAD, "Match every prompt first (%d of %d matched).",
			    tui_marks_count(q, &d->m, item(t)->d.n_pperm), item(t)->d.n_pperm);
		else
			say(t, R_BAD, "Choose an option first.");
		return;
	}
	if (session_answer(t->s, &r, &err) < 0) {
		say(t, R_BAD, "Not recorded: %s.", err);
		return;
	}
	t->grabbed = 0;
	t->show_feedback = 1;
}

static void
enter_item(struct tui *t, size_t i)
{
	session_goto(t->s, i);
	draft(t, i);
	t->screen = SCR_QUESTION;
	t->grabbed = 0;
	t->focus_scen = 0;
	t->msg_until = 0;
}

static void
next_item(struct tui *t)
{
	if (t->s->cur + 1 < t->s->n) {
		enter_item(t, t->s->cur + 1);
	} else {
		t->screen = SCR_REVIEW;
		t->filter = F_ALL;
		t->rsel = (int)t->s->cur;
		say(t, R_CHOSEN, "That was the last question. Review your answers, or ! to end.");
	}
}

static void
prev_item(struct tui *t)
{
	if (t->s->cur > 0)
		enter_item(t, t->s->cur - 1);
	else
		say(t, R_CHOSEN, "This is the first question.");
}

/* Act on option (or ordering item) j, by shown position. */
static void
choose(struct tui *t, int j)
{
	const struct question *q = question(t);
	const struct session_item *it = item(t);
	struct draft *d = draft(t, t->s->cur);
	if (j < 0 || j >= it->d.n_perm)
		return;
	if (q->type == Q_ORDERING) {
		for (int k = 0; k < it->d.n_perm; k++)
			if (d->m.order[k] == j)
				d->cursor = k;
		t->follow = 1;
		return;
	}
	if (locked(t))
		return;
	if (q->type == Q_SINGLE) {
		memset(d->m.sel, 0, sizeof d->m.sel);
		d->m.sel[j] = 1;
		d->cursor = j;
	} else if (q->type == Q_MULTIPLE) {
		if (!d->m.sel[j] && tui_marks_count(q, &d->m, it->d.n_perm) >= q->n_key) {
			say(t, R_BAD, "Choose %s only: untick one first.", tui_number_word(q->n_key));
			return;
		}
		d->m.sel[j] = !d->m.sel[j];
		d->cursor = j;
	} else {
		/* Matching: the option for the prompt under the cursor, then the next prompt. */
		d->m.match[d->cursor] = j;
		if (d->cursor + 1 < it->d.n_pperm)
			d->cursor++;
	}
	t->follow = 1;
	record(t);
}

static void
move_order(struct tui *t, int delta)
{
	struct draft *d = draft(t, t->s->cur);
	int n = item(t)->d.n_perm, to = d->cursor + delta;
	if (question(t)->type != Q_ORDERING || locked(t))
		return;
	if (to < 0 || to >= n) {
		say(t, R_CHOSEN, to < 0 ? "Already at the top." : "Already at the bottom.");
		return;
	}
	int tmp = d->m.order[to];
	d->m.order[to] = d->m.order[d->cursor];
	d->m.order[d->cursor] = tmp;
	d->cursor = to;
	t->follow = 1;
	record(t);
}

static void
space(struct tui *t)
{
	const struct question *q = question(t);
	struct draft *d = draft(t, t->s->cur);
	if (q->type == Q_ORDERING) {
		if (!locked(t))
			t->grabbed = !t->grabbed;
	} else if (q->type == Q_MATCHING) {
		if (locked(t))
			return;
		int v = d->m.match[d->cursor] + 1;
		d->m.match[d->cursor] = v >= item(t)->d.n_perm ? -1 : v;
		t->follow = 1;
		record(t);
	} else {
		choose(t, d->cursor);
	}
}

static void
enter(struct tui *t)
{
	const struct question *q = question(t);
	if (immediate(t)) {
		check(t);
		return;
	}
	if (q->type == Q_ORDERING) {
		t->grabbed = 0;
		record(t);
		say(t, R_CHOSEN, "Order recorded.");
	} else if (q->type == Q_MATCHING) {
		if (item(t)->answered)
			say(t, R_CHOSEN, "Answer recorded.");
		else
			say(t, R_BAD, "Match every prompt to record the answer.");
	} else {
		space(t);
	}
}

static void
clear_answer(struct tui *t)
{
	struct draft *d = draft(t, t->s->cur);
	if (locked(t))
		return;
	tui_marks_from(item(t), question(t), NULL, &d->m);
	t->grabbed = 0;
	if (item(t)->answered)
		session_clear(t->s);
	say(t, R_CHOSEN, question(t)->type == Q_ORDERING
	                     ? "Answer cleared; the items are back in their first order."
	                     : "Answer cleared.");
}

static void
move_cursor(struct tui *t, int delta)
{
	struct draft *d = draft(t, t->s->cur);
	if (t->grabbed) {
		move_order(t, delta);
		return;
	}
	int n = cursor_rows(t), c = d->cursor + delta;
	d->cursor = c < 0 ? 0 : c >= n ? n - 1 : c;
	t->follow = 1;
}

/* The filtered list of the review screen. */
static void
build_list(struct tui *t)
{
	t->nlist = 0;
	for (size_t i = 0; i < t->s->n; i++) {
		const struct session_item *it = &t->s->items[i];
		if (t->filter == F_ALL || (t->filter == F_UNANSWERED && !it->answered) ||
		    (t->filter == F_FLAGGED && it->flagged))
			t->list[t->nlist++] = i;
	}
	if (t->rsel >= t->nlist)
		t->rsel = t->nlist - 1;
	if (t->rsel < 0)
		t->rsel = 0;
}

static void
open_review(struct tui *t)
{
	t->screen = SCR_REVIEW;
	t->num[0] = '\0';
	t->msg_until = 0;
	build_list(t);
	for (int k = 0; k < t->nlist; k++)
		if (t->list[k] == t->s->cur)
			t->rsel = k;
}

static enum outcome
review_key(struct tui *t, int key)
{
	size_t len = strlen(t->num);
	int page = LINES - 8 > 1 ? LINES - 8 : 1;
	if (key >= '0' && key <= '9') {
		if (len < 4) {
			t->num[len] = (char)key;
			t->num[len + 1] = '\0';
		}
	} else if (key == 127 || key == 8 || key == TK(KEY_BACKSPACE) || key == TK(KEY_DC)) {
		if (len > 0)
			t->num[len - 1] = '\0';
	} else if (key == '\r' || key == '\n' || key == TK(KEY_ENTER)) {
		if (len > 0) {
			long v = strtol(t->num, NULL, 10);
			t->num[0] = '\0';
			if (v < 1 || (size_t)v > t->s->n)
				say(t, R_BAD, "There is no question %ld (1-%zu).", v, t->s->n);
			else
				enter_item(t, (size_t)v - 1);
		} else if (t->nlist > 0) {
			enter_item(t, t->list[t->rsel]);
		}
	} else if (key == '\t' || key == TK(KEY_BTAB)) {
		t->filter = (enum filter)((t->filter + (key == '\t' ? 1 : 2)) % 3);
		t->rsel = 0;
		t->rtop = 0;
		build_list(t);
	} else if (key == TK(KEY_UP)) {
		t->rsel--;
	} else if (key == TK(KEY_DOWN)) {
		t->rsel++;
	} else if (key == TK(KEY_PPAGE)) {
		t->rsel -= page;
	} else if (key == TK(KEY_NPAGE)) {
		t->rsel += page;
	} else if (key == TK(KEY_HOME)) {
		t->rsel = 0;
	} else if (key == TK(KEY_END)) {
		t->rsel = t->nlist - 1;
	} else if (key == '#' || key == TK_ESC || key == TK(KEY_F(3))) {
		t->screen = SCR_QUESTION;
		t->num[0] = '\0';
	} else if (key == TK(KEY_LEFT) || key == '<') {
		enter_item(t, t->s->cur);
	} else {
		say(t, R_CHOSEN,
		    "Review: Enter opens a question, Tab changes the filter, ! ends, # goes back.");
	}
	if (t->rsel >= t->nlist)
		t->rsel = t->nlist - 1;
	if (t->rsel < 0)
		t->rsel = 0;
	return GO_ON;
}

static enum outcome
question_key(struct tui *t, int key)
{
	const struct question *q = question(t);
	struct draft *d = draft(t, t->s->cur);
	int lower = key >= 'a' && key <= 'z', upper = key >= 'A' && key <= 'Z';
	int qpage = LINES - 8 > 1 ? LINES - 8 : 1;
	if (t->focus_scen) {
		/* The scenario takes the scrolling keys; every other key works as usual. */
		int page = LINES / 3 > 1 ? LINES / 3 : 1, used = 1;
		if (key == TK(KEY_UP))
			d->scen_top--;
		else if (key == TK(KEY_DOWN))
			d->scen_top++;
		else if (key == TK(KEY_PPAGE))
			d->scen_top -= page;
		else if (key == TK(KEY_NPAGE) || key == ' ')
			d->scen_top += page;
		else if (key == TK(KEY_HOME))
			d->scen_top = 0;
		else if (key == TK(KEY_END))
			d->scen_top = 1 << 20;
		else if (key == '\t' || key == TK(KEY_BTAB) || key == TK_ESC)
			t->focus_scen = 0;
		else
			used = 0;
		if (used)
			return GO_ON;
	}
	if (lower || upper) {
		int j = key - (lower ? 'a' : 'A');
		int n = item(t)->d.n_perm;
		if (j < n)
			choose(t, j);
		else
			say(t, R_BAD, "There is no option %c here (options are A-%c). ? shows the keys.",
			    'A' + j, 'A' + n - 1);
		return GO_ON;
	}
	if (key >= '1' && key <= '9' && q->type == Q_MATCHING) {
		if (key - '1' < item(t)->d.n_pperm) {
			d->cursor = key - '1';
			t->follow = 1;
		}
		return GO_ON;
	}
	switch (key) {
	case TK(KEY_UP):
		move_cursor(t, -1);
		return GO_ON;
	case TK(KEY_DOWN):
		move_cursor(t, 1);
		return GO_ON;
	case TK(KEY_SR):
	case '[':
		move_order(t, -1);
		return GO_ON;
	case TK(KEY_SF):
	case ']':
		move_order(t, 1);
		return GO_ON;
	case ' ':
		space(t);
		return GO_ON;
	case '\r':
	case '\n':
	case TK(KEY_ENTER):
		enter(t);
		return GO_ON;
	case 127:
	case 8:
	case TK(KEY_BACKSPACE):
	case TK(KEY_DC):
		clear_answer(t);
		return GO_ON;
	case TK(KEY_PPAGE):
		d->top -= qpage;
		return GO_ON;
	case TK(KEY_NPAGE):
		d->top += qpage;
		return GO_ON;
	case TK(KEY_HOME):
		d->top = 0;
		return GO_ON;
	case TK(KEY_END):
		d->top = 1 << 20;
		return GO_ON;
	case '\t':
	case TK(KEY_BTAB):
		if (q->case_study >= 0)
			t->focus_scen = 1;
		else
			say(t, R_CHOSEN, "Tab scrolls a case-study scenario; this question has none.");
		return GO_ON;
	case TK(KEY_RIGHT):
	case '>':
		next_item(t);
		return GO_ON;
	case TK(KEY_LEFT):
	case '<':
		prev_item(t);
		return GO_ON;
	case '*':
	case TK(KEY_F(2)):
		session_toggle_flag(t->s);
		say(t, R_CHOSEN, "Question %zu %s.", t->s->cur + 1,
		    item(t)->flagged ? "flagged for review" : "no longer flagged");
		return GO_ON;
	case '#':
	case TK(KEY_F(3)):
		open_review(t);
		return GO_ON;
	}
	say(t, R_CHOSEN, "Keys: a-j choose, < > move, * flag, # review, ! end, ? help.");
	return GO_ON;
}

static enum outcome
handle_key(struct tui *t, int key)
{
	if (key == TK(KEY_RESIZE))
		return GO_ON;
	if (t->overlay == OV_QUIT) {
		if (key == 'y' || key == 'Y')
			return QUIT;
		if (key == 'n' || key == 'N' || key == TK_ESC)
			t->overlay = OV_NONE;
		return GO_ON;
	}
	if (key == TK_CTRL_C) {
		t->overlay = OV_QUIT;
		return GO_ON;
	}
	/* Nothing acts unseen: on a too-small screen only Ctrl-C works. */
	if (!tui_big_enough())
		return GO_ON;
	if (t->overlay == OV_END) {
		if (key == 'y' || key == 'Y') {
			session_finish(t->s, END_SUBMIT);
			return ENDED;
		}
		if (key == 'n' || key == 'N' || key == TK_ESC)
			t->overlay = OV_NONE;
		return GO_ON;
	}
	if (t->overlay == OV_HELP) {
		t->overlay = OV_NONE;
		return GO_ON;
	}
	if (key == '?' || key == TK(KEY_F(1))) {
		t->overlay = OV_HELP;
		return GO_ON;
	}
	if (t->screen == SCR_START) {
		if (key == '\r' || key == '\n' || key == TK(KEY_ENTER)) {
			session_start(t->s);
			enter_item(t, t->s->cur);
		}
		return GO_ON;
	}
	if (key == '@' || key == TK(KEY_F(4))) {
		t->timer_hidden = !t->timer_hidden;
		return GO_ON;
	}
	if (key == '!' || key == TK(KEY_F(10))) {
		t->overlay = OV_END;
		return GO_ON;
	}
	if (t->screen == SCR_REVIEW)
		return review_key(t, key);
	return question_key(t, key);
}

/* Header row: exam code and where we are on the left, the clock on the right. */
static void
draw_header(struct tui *t, const char *left)
{
	char clk[64], right[96];
	int W = COLS, bar = tui_attr(R_BAR);
	int64_t left_ms = session_left_ms(t->s);
	int low = left_ms >= 0 && left_ms < LOW_TIME_MS;
	tui_fill(0, 0, W, bar);
	tui_puts(0, 0, left, W, bar);
	tui_format_clock(t->s, clk, sizeof clk);
	if (t->timer_hidden)
		snprintf(right, sizeof right, " Time hidden (@ shows it) ");
	else if (left_ms < 0)
		snprintf(right, sizeof right, " %s ", clk);
	else if (low)
		snprintf(right, sizeof right, " ! Time remaining %s ! ", clk);
	else
		snprintf(right, sizeof right, " Time remaining %s ", clk);
	int w = layout_width(right, strlen(right));
	tui_puts(0, W - w, right, w, low && !t->timer_hidden ? tui_attr(R_WARN) : bar);
	/* As long as autosave fails, say so where the candidate always looks. */
	if (t->s->save_error != NULL) {
		static const char warn[] = " ! PROGRESS NOT SAVED ! ";
		int ww = (int)strlen(warn);
		if (W - w - ww > 0)
			tui_puts(0, W - w - ww, warn, ww, tui_attr(R_WARN));
	}
}

static void
draw_footer(const char *one, const char *two)
{
	int bar = tui_attr(R_BAR);
	tui_fill(LINES - 2, 0, COLS, bar);
	tui_fill(LINES - 1, 0, COLS, bar);
	tui_puts(LINES - 2, 0, one, COLS, bar);
	tui_puts(LINES - 1, 0, two, COLS, bar);
}

/* The message row: a recent message, else the state of the answer. */
static void
draw_message(struct tui *t, const char *status)
{
	int y = LINES - 3;
	tui_fill(y, 0, COLS, A_NORMAL);
	if (t->msg_until > now(t))
		tui_puts(y, 1, t->msg, COLS - 2, tui_attr((enum tui_role)t->msg_role));
	else if (status != NULL)
		tui_puts(y, 1, status, COLS - 2, A_NORMAL);
}

static void
status_line(struct tui *t, char *buf, size_t size)
{
	const struct session_item *it = item(t);
	const struct question *q = question(t);
	const struct draft *d = &t->drafts[t->s->cur];
	char ans[128] = "";
	if (it->answered)
		tui_shown_answer(it, q, &it->resp, ans, sizeof ans);
	if (t->focus_scen) {
		snprintf(buf, size, "Scenario: Up/Down and PgUp/PgDn scroll it; Tab goes back to the question.");
		return;
	}
	if (t->grabbed) {
		snprintf(buf, size, "Moving (%c): Up/Down moves it, Space puts it down.",
		         'A' + d->m.order[d->cursor]);
		return;
	}
	if (immediate(t)) {
		if (it->answered)
			snprintf(buf, size, "Answer checked (final): %s. > for the next question.", ans);
		else if (q->type == Q_MULTIPLE)
			snprintf(buf, size, "Select %s (%d selected), then Enter to check.",
			         tui_number_word(q->n_key), tui_marks_count(q, &d->m, it->d.n_perm));
		else if (q->type == Q_MATCHING)
			snprintf(buf, size, "Matched %d of %d; then Enter to check.",
			         tui_marks_count(q, &d->m, it->d.n_pperm), it->d.n_pperm);
		else if (q->type == Q_ORDERING)
			snprintf(buf, size, "Arrange the items, then Enter to check.");
		else
			snprintf(buf, size, "Choose one option, then Enter to check.");
		return;
	}
	switch (q->type) {
	case Q_SINGLE:
		snprintf(buf, size, it->answered ? "Answer recorded: %s." : "Not answered: choose one option.",
		         ans);
		break;
	case Q_MULTIPLE:
		if (it->answered)
			snprintf(buf, size, "Answer recorded: %s.", ans);
		else
			snprintf(buf, size, "Not answered: select %s (%d selected).",
			         tui_number_word(q->n_key), tui_marks_count(q, &d->m, it->d.n_perm));
		break;
	case Q_ORDERING:
		if (it->answered)
			snprintf(buf, size, "Order recorded: %s.", ans);
		else
			snprintf(buf, size, "Not answered: move items with [ ] or press Enter to confirm this order.");
		break;
	case Q_MATCHING:
		if (it->answered)
			snprintf(buf, size, "Answer recorded: %s.", ans);
		else
			snprintf(buf, size, "Not answered: %d of %d prompts matched.",
			         tui_marks_count(q, &d->m, it->d.n_pperm), it->d.n_pperm);
		break;
	}
}

static const char *
answer_keys(const struct tui *t)
{
	const struct question *q = question(t);
	if (immediate(t)) {
		switch (q->type) {
		case Q_SINGLE:
			return " a-j or Up/Down+Space: choose   Enter: check   PgUp/PgDn: scroll";
		case Q_MULTIPLE:
			return " a-j or Up/Down+Space: tick/untick   Enter: check   PgUp/PgDn: scroll";
		case Q_ORDERING:
			return " Up/Down: select   [ ] or Space+Up/Down: move item   Enter: check";
		case Q_MATCHING:
			return " Up/Down or 1-7: prompt   a-j: its option   Space: next option   Enter: check";
		}
	}
	switch (q->type) {
	case Q_SINGLE:
		return " a-j or Up/Down+Space: choose   PgUp/PgDn: scroll   Backspace: clear";
	case Q_MULTIPLE:
		return " a-j or Up/Down+Space: tick/untick   PgUp/PgDn: scroll   Backspace: clear";
	case Q_ORDERING:
		return " Up/Down: select   [ ] or Space+Up/Down: move item   Enter: confirm order";
	case Q_MATCHING:
		return " Up/Down or 1-7: prompt   a-j: its option   Space: next option   Bksp: clear";
	}
	return "";
}

static void
draw_question(struct tui *t)
{
	struct session *s = t->s;
	const struct session_item *it = item(t);
	const struct question *q = question(t);
	const struct bank *b = s->bank;
	struct draft *d = draft(t, s->cur);
	int W = COLS, B = LINES - 5, body = 2;
	char line[512], status[256];

	snprintf(line, sizeof line, " %s   Question %zu of %zu   %s", b->bp.code, s->cur + 1, s->n,
	         it->flagged ? "[*] FLAGGED" : "[ ] not flagged");
	draw_header(t, line);
	const struct task *tk = &b->bp.tasks[q->task];
	int di = bank_domain_index(b, q->domain);
	snprintf(line, sizeof line, " Domain %d: %s | Task %s | Answered %zu of %zu | Flagged %zu",
	         q->domain, di >= 0 ? b->bp.domains[di].name : "?", tk->id,
	         session_count_answered(s), s->n, session_count_flagged(s));
	tui_puts(1, 0, line, W, tui_attr(R_DIM));

	int fb = immediate(t) && it->answered;
	tui_doc_reset(&t->doc, W - 4);
	tui_doc_question(&t->doc, s, s->cur, &d->m, fb ? DOC_KEY : 0);
	if (t->grabbed)
		for (int i = 0; i < t->doc.n; i++)
			if (t->doc.rows[i].group == d->cursor)
				t->doc.rows[i].role = R_CHOSEN;
	int top_h = 0;
	if (q->case_study >= 0) {
		const struct case_study *cs = &b->case_studies[q->case_study];
		tui_doc_reset(&t->scen, W - 4);
		tui_doc_add(&t->scen, NULL, cs->scenario, 0, R_NORMAL, -1);
		top_h = layout_split(B, t->scen.n + 2, t->doc.n, B * 2 / 5, 6);
		if (top_h < 3)
			top_h = 3;
		int sh = top_h - 2;
		d->scen_top = layout_scroll_clamp(d->scen_top, t->scen.n, sh);
		int ta = t->focus_scen ? tui_attr(R_CURSOR) : tui_attr(R_TITLE);
		tui_fill(body, 0, W, t->focus_scen ? ta : 0);
		snprintf(line, sizeof line, " Case study: %s", cs->title);
		tui_puts(body, 0, line, W - 30, ta);
		const char *hint = t->focus_scen ? "(Tab: back to the question) "
		                   : t->scen.n > sh ? "(Tab: scroll the scenario) "
		                                    : "";
		int hw = (int)strlen(hint);
		tui_puts(body, W - hw, hint, hw, ta);
		tui_doc_draw(&t->scen, d->scen_top, body + 1, 0, sh, W, -1);
		mvhline(body + top_h - 1, 0, ACS_HLINE, W);
	}
	int qy = body + top_h, qh = B - top_h;
	if (t->follow) {
		int cnt, first = tui_doc_group(&t->doc, d->cursor, &cnt);
		if (first >= 0)
			d->top = layout_scroll_show(d->top, first, cnt, t->doc.n, qh);
		t->follow = 0;
	}
	if (t->show_feedback && t->doc.mark >= 0) {
		d->top = layout_scroll_show(d->top, t->doc.mark, t->doc.n - t->doc.mark, t->doc.n, qh);
		t->show_feedback = 0;
	}
	d->top = layout_scroll_clamp(d->top, t->doc.n, qh);
	tui_doc_draw(&t->doc, d->top, qy, 0, qh, W, fb || t->focus_scen ? -1 : d->cursor);

	status_line(t, status, sizeof status);
	if (d->top < layout_scroll_max(t->doc.n, qh) && strlen(status) + 24 < sizeof status)
		strcat(status, "  (PgDn: more below)");
	draw_message(t, status);
	draw_footer(answer_keys(t),
	            q->case_study >= 0
	                ? " < > prev/next  * flag  # review  ! end  @ timer  Tab scenario  ? help  ^C quit"
	                : " < > prev/next   * flag   # review   ! end exam   @ timer   ? help   ^C quit");
}

static void
draw_review(struct tui *t)
{
	struct session *s = t->s;
	int W = COLS, H = LINES;
	char line[512];
	size_t answered = session_count_answered(s), flagged = session_count_flagged(s);
	snprintf(line, sizeof line, " %s   Review: %zu questions", s->bank->bp.code, s->n);
	draw_header(t, line);
	snprintf(line, sizeof line, " Answered %zu | Unanswered %zu | Flagged %zu | Now at question %zu",
	         answered, s->n - answered, flagged, s->cur + 1);
	tui_puts(1, 0, line, W, A_NORMAL);
	build_list(t);
	const char *names[3] = { "All", "Unanswered", "Flagged" };
	size_t counts[3] = { s->n, s->n - answered, flagged };
	int x = tui_puts(2, 0, " Show: ", W, A_NORMAL);
	for (int f = 0; f < 3; f++) {
		snprintf(line, sizeof line, f == (int)t->filter ? "[%s %zu]" : " %s %zu ", names[f],
		         counts[f]);
		x += tui_puts(2, x, line, W - x, f == (int)t->filter ? tui_attr(R_CURSOR) : 0);
		x += tui_puts(2, x, "  ", W - x, A_NORMAL);
	}
	x += tui_puts(2, x, "(Tab: filter)", W - x, tui_attr(R_DIM));
	int y0 = 3, h = H - 6;
	if (t->nlist == 0) {
		tui_puts(y0 + 1, 2,
		         t->filter == F_FLAGGED ? "No flagged questions." : "No unanswered questions.", W - 4,
		         A_BOLD);
	} else {
		t->rtop = layout_scroll_show(t->rtop, t->rsel, 1, t->nlist, h);
		for (int r = 0; r < h && t->rtop + r < t->nlist; r++) {
			int k = t->rtop + r;
			size_t i = t->list[k];
			const struct session_item *it = &s->items[i];
			const struct question *q = &s->bank->questions[it->d.q];
			int attr = k == t->rsel ? tui_attr(R_CURSOR) : 0;
			snprintf(line, sizeof line, " %4zu  %-10s  %-7s  ", i + 1,
			         it->answered ? "Answered" : "UNANSWERED", it->flagged ? "Flagged" : "");
			tui_fill(y0 + r, 2, W - 3, attr);
			if (k == t->rsel)
				tui_puts(y0 + r, 0, ">", 1, A_BOLD);
			int used = tui_puts(y0 + r, 2, line, W - 3, attr | (it->answered ? 0 : A_BOLD));
			/* The start of the stem helps to find a question again. */
			const char *stem = q->stem;
			size_t fit = layout_fit(stem, strcspn(stem, "\n"), W - 4 - used - 1, NULL);
			tui_put(y0 + r, 2 + used, stem, fit, W - 4 - used, attr);
		}
		if (t->nlist > h) {
			snprintf(line, sizeof line, "rows %d-%d of %d ", t->rtop + 1,
			         t->rtop + h < t->nlist ? t->rtop + h : t->nlist, t->nlist);
			int lw = (int)strlen(line);
			if (x + lw + 2 < W)
				tui_puts(2, W - lw, line, lw, A_BOLD);
		}
	}
	char status[128];
	if (t->num[0])
		snprintf(status, sizeof status, "Go to question: %s_   (Enter to go)", t->num);
	else
		snprintf(status, sizeof status, "Enter opens the selected question; type a number to go to it.");
	if (t->num[0])
		t->msg_until = 0;
	draw_message(t, status);
	draw_footer(" Up/Down select   Enter open   0-9 number   Tab filter (All/Unanswered/Flagged)",
	            " # or Esc back to the question   ! end exam   @ timer   ? help   ^C quit");
}

static void
draw_start(struct tui *t)
{
	struct session *s = t->s;
	const struct blueprint *bp = &s->bank->bp;
	char clk[32], line[256];
	int W = COLS;
	int resumed = s->started_at[0] != '\0';
	snprintf(line, sizeof line, " %s   %s", bp->code, resumed ? "Resume" : "Start");
	tui_fill(0, 0, W, tui_attr(R_BAR));
	tui_puts(0, 0, line, W, tui_attr(R_BAR));
	struct tui_doc *d = &t->doc;
	tui_doc_reset(d, W - 4);
	tui_doc_addf(d, NULL, 0, R_TITLE, -1, "%s (%s)", bp->title, bp->code);
	if (s->cfg.mode == MODE_EXAM)
		tui_doc_add(d, NULL, "Practice exam", 0, R_CHOSEN, -1);
	else
		tui_doc_addf(d, NULL, 0, R_CHOSEN, -1, "Practice quiz (%s)", s->cfg.source);
	tui_doc_blank(d);
	tui_doc_addf(d, "Questions:   ", 0, R_NORMAL, -1, "%zu", s->n);
	if (s->cfg.time_limit_s > 0) {
		clock_format_hms(s->cfg.time_limit_s, clk);
		if (s->cfg.time_limit_s % 60 == 0)
			tui_doc_addf(d, "Time limit:  ", 0, R_NORMAL, -1, "%s (%ld minutes)", clk,
			             s->cfg.time_limit_s / 60);
		else
			tui_doc_addf(d, "Time limit:  ", 0, R_NORMAL, -1, "%s", clk);
	} else {
		tui_doc_add(d, "Time limit:  ", "none (untimed)", 0, R_NORMAL, -1);
	}
	tui_doc_addf(d, "Pass mark:   ", 0, R_NORMAL, -1, "%d on a scale of %d-%d", bp->score_pass,
	             bp->score_min, bp->score_max);
	if (s->cfg.mode == MODE_QUIZ)
		tui_doc_add(d, "Feedback:    ",
		            immediate(t) ? "after each answer (Enter checks it; then it is final)"
		                         : "at the end",
		            0, R_NORMAL, -1);
	if (resumed) {
		tui_format_clock(s, clk, sizeof clk);
		tui_doc_addf(d, NULL, 0, R_NOTICE, -1, "Resuming: %zu of %zu answered, %s%s",
		             session_count_answered(s), s->n, clk,
		             s->cfg.time_limit_s > 0 ? " left" : "");
	}
	tui_doc_blank(d);
	tui_doc_add(d, NULL, "Keys (option letters are never commands):", 0, R_CHOSEN, -1);
	tui_doc_add(d, "  a-j, Up/Down+Space  ", "choose an option; multiple choice: tick the boxes", 0,
	            R_NORMAL, -1);
	tui_doc_add(d, "  < >  Left/Right     ", "previous / next question", 0, R_NORMAL, -1);
	tui_doc_add(d, "  *                   ", "flag the question for review", 0, R_NORMAL, -1);
	tui_doc_add(d, "  #                   ", "review screen: every question, filters, go to one", 0,
	            R_NORMAL, -1);
	tui_doc_add(d, "  !                   ", "end the exam (asks first)", 0, R_NORMAL, -1);
	tui_doc_add(d, "  @                   ", "hide or show the time remaining", 0, R_NORMAL, -1);
	tui_doc_add(d, "  ?                   ", "all the keys", 0, R_NORMAL, -1);
	tui_doc_add(d, "  Ctrl-C              ", "save and quit ('certsim resume' continues)", 0,
	            R_NORMAL, -1);
	int h = LINES - 4;
	tui_doc_draw(d, 0, 2, 0, h, W, -1);
	tui_fill(LINES - 2, 0, W, A_NORMAL);
	tui_puts(LINES - 2, 2,
	         resumed ? "Ready to continue? (Enter)  The clock restarts when you do."
	                 : "Ready to begin? (Enter)  The clock starts when you do.",
	         W - 4, tui_attr(R_NOTICE));
	tui_fill(LINES - 1, 0, W, tui_attr(R_BAR));
	tui_puts(LINES - 1, 0, " Enter: begin   ?: keys   Ctrl-C: quit (the attempt is kept)", W,
	         tui_attr(R_BAR));
}

static const char help_text[] =
    "Keys (no key is both an option letter and a command)\n"
    "a-j            choose option A-J (multiple: tick or untick)\n"
    "Up/Down Space  move the cursor; Space chooses (Enter too)\n"
    "< > Left/Right previous / next question\n"
    "PgUp/PgDn      scroll the question (Home/End: top/bottom)\n"
    "Tab            scroll the case-study scenario, and back\n"
    "Backspace      clear this question's answer\n"
    "Ordering       [ ] or Shift+Up/Down move the item; Space picks\n"
    "               it up, Up/Down carry it; Enter confirms the order\n"
    "Matching       Up/Down or 1-7 picks a prompt, a-j its option\n"
    "Quiz feedback  choose, then Enter checks (then it is final)\n"
    "*  flag        #  review screen        !  end the exam\n"
    "@  hide/show the time    ?  this help  Ctrl-C  save and quit\n"
    "Any key closes this help.";

static void
draw(struct tui *t)
{
	erase();
	if (!tui_big_enough()) {
		char clk[64], extra[96];
		tui_format_clock(t->s, clk, sizeof clk);
		snprintf(extra, sizeof extra, t->screen == SCR_START || session_left_ms(t->s) < 0
		                                  ? "%s" : "Time remaining %s (the clock keeps running)",
		         clk);
		tui_draw_too_small(extra);
		if (t->overlay == OV_QUIT)
			tui_puts(LINES - 1, 0, "Save and quit? (y/n)", COLS, tui_attr(R_NOTICE));
		refresh();
		return;
	} else if (t->screen == SCR_START) {
		draw_start(t);
	} else if (t->screen == SCR_REVIEW) {
		draw_review(t);
	} else {
		draw_question(t);
	}
	if (t->overlay == OV_HELP) {
		tui_dialog(" Keys ", help_text);
	} else if (t->overlay == OV_END) {
		char text[512];
		size_t un = t->s->n - session_count_answered(t->s);
		snprintf(text, sizeof text,
		         "End the %s?\n\n%zu unanswered, %zu flagged for review.\n"
		         "After it ends, answers cannot be changed.\n\n"
		         "y: end and see the results     n or Esc: go back",
		         t->s->cfg.mode == MODE_EXAM ? "exam" : "quiz", un,
		         session_count_flagged(t->s));
		tui_dialog(" End exam ", text);
	} else if (t->overlay == OV_QUIT) {
		tui_dialog(" Quit ", "Save and quit? (y/n)\n\n"
		                     "Your answers, flags and the time left are saved; "
		                     "'certsim resume' continues the attempt.\n\n"
		                     "y: save and quit     n or Esc: go back");
	}
	refresh();
}

static void
time_up(struct tui *t)
{
	int64_t until = now(t) + TIMEUP_MS;
	t->overlay = OV_NONE;
	while (now(t) < until && !(t->stop && *t->stop)) {
		draw(t);
		if (tui_big_enough())
			tui_dialog(" Time is up ", "Time is up.\n\nThe attempt is submitted; your results follow.");
		else
			tui_puts(0, 0, "Time is up. The attempt is submitted.", COLS, tui_attr(R_NOTICE));
		refresh();
		int key = tui_key(200);
		if (key == TK_DEAD)
			break;
	}
}

static int
run(struct tui *t)
{
	struct session *s = t->s;
	struct driver d;
	driver_init(&d, s);
	for (;;) {
		if (t->stop != NULL && *t->stop)
			return 1;
		/* Tell the candidate when autosave starts failing, and when it works again. */
		enum driver_save saving = driver_save_state(&d);
		if (saving == DRIVER_SAVE_FAILING)
			say(t, R_NOTICE, "WARNING: progress NOT being saved: %s", s->save_error);
		else if (saving == DRIVER_SAVE_RECOVERED)
			say(t, R_NOTICE, "Your progress is being saved again.");
		if (t->screen != SCR_START) {
			int warn;
			if (driver_clock(&d, &warn)) {
				time_up(t);
				return 0;
			}
			if (warn) {
				say(t, R_NOTICE, "Notice: %d minute%s remaining.", warn, warn == 1 ? "" : "s");
				if (warn <= 5)
					t->timer_hidden = 0;
			}
			driver_autosave(&d);
		}
		draw(t);
		int key = tui_key(TICK_MS);
		if (key == TK_NONE)
			continue;
		if (key == TK_DEAD)
			return 1;
		/* A key pressed after time ran out does not count. */
		int warn;
		if (t->screen != SCR_START && driver_clock(&d, &warn)) {
			time_up(t);
			return 0;
		}
		enum outcome o = handle_key(t, key);
		if (o == QUIT)
			return 1;
		if (o == ENDED)
			return 0;
	}
}

int
tui_run(struct session *s, volatile sig_atomic_t *stop)
{
	struct tui t;
	if (s->n == 0)
		return -1;
	memset(&t, 0, sizeof t);
	t.s = s;
	t.stop = stop;
	t.drafts = calloc(s->n, sizeof *t.drafts);
	t.list = calloc(s->n, sizeof *t.list);
	if (t.drafts == NULL || t.list == NULL || tui_term_begin() < 0) {
		free(t.drafts);
		free(t.list);
		return -1;
	}
	if (s->cur >= s->n)
		s->cur = 0;
	t.screen = SCR_START;
	int rc = run(&t);
	tui_term_end();
	tui_doc_free(&t.doc);
	tui_doc_free(&t.scen);
	free(t.drafts);
	free(t.list);
	return rc;
}

/* The start menu (`certsim` on a terminal). */

struct choice_list {
	const char *title;
	char label[16][128];
	int n;
};

/* Let the user pick a line of l; returns its index, or -1 to go back / quit. */
static int
pick(const struct choice_list *l, const char *foot, int sel)
{
	for (;;) {
		int W = COLS, H = LINES;
		erase();
		if (!tui_big_enough()) {
			tui_draw_too_small(NULL);
		} else {
			tui_fill(0, 0, W, tui_attr(R_BAR));
			tui_puts(0, 0, " certsim " CERTSIM_VERSION, W, tui_attr(R_BAR));
			tui_puts(2, 2, l->title, W - 4, tui_attr(R_TITLE));
			int top = layout_scroll_show(0, sel, 1, l->n, H - 7);
			for (int r = 0; r + top < l->n && r < H - 7; r++) {
				int k = top + r, attr = k == sel ? tui_attr(R_CURSOR) : 0;
				char line[160];
				snprintf(line, sizeof line, "%2d  %s", k + 1, l->label[k]);
				tui_fill(4 + r, 2, W - 4, attr);
				if (k == sel)
					tui_puts(4 + r, 0, ">", 1, A_BOLD);
				tui_puts(4 + r, 3, line, W - 6, attr);
			}
			tui_fill(H - 1, 0, W, tui_attr(R_BAR));
			tui_puts(H - 1, 0, foot, W, tui_attr(R_BAR));
		}
		refresh();
		int key = tui_key(-1);
		if (key == TK_NONE || key == TK_DEAD || key == TK_CTRL_C)
			return -1;
		if (!tui_big_enough())
			continue;
		if (key == TK(KEY_UP))
			sel = sel > 0 ? sel - 1 : l->n - 1;
		else if (key == TK(KEY_DOWN))
			sel = sel + 1 < l->n ? sel + 1 : 0;
		else if (key == TK(KEY_HOME))
			sel = 0;
		else if (key == TK(KEY_END))
			sel = l->n - 1;
		else if (key >= '1' && key <= '9' && key - '1' < l->n)
			return key - '1';
		else if (key == '\r' || key == '\n' || key == TK(KEY_ENTER))
			return sel;
		else if (key == TK_ESC || key == 'q' || key == 'Q' || key == TK(KEY_LEFT))
			return -1;
	}
}

enum menu_action {
	M_RESUME, M_EXAM, M_QUIZ, M_QUIZ_DOMAIN, M_QUIZ_TASK, M_MISSED, M_WEAKEST, M_REVIEW,
	M_HISTORY, M_QUIT
};

static int
menu(int argc, char **argv)
{
	struct choice_list l = { 0 };
	enum menu_action act[16];
	struct bank *b = NULL;
	char *home, *err = NULL, *save = NULL;
	int code, saved = 0;
	(void)argc;
	(void)argv;
	if ((home = home_dir(&err)) != NULL && (save = home_attempt_path(home)) != NULL)
		saved = access(save, F_OK) == 0;
	free(err);
	free(save);
	free(home);
	/* The bank gives the numbers and names on the menu; its errors show later if it is broken. */
	fflush(stderr);
	int errfd = dup(STDERR_FILENO);
	FILE *null = fopen("/dev/null", "w");
	if (null != NULL && errfd >= 0)
		dup2(fileno(null), STDERR_FILENO);
	b = cli_load_bank(cli_bank_path(NULL), &code);
	if (errfd >= 0) {
		fflush(stderr);
		dup2(errfd, STDERR_FILENO);
		close(errfd);
	}
	if (null != NULL)
		fclose(null);

	l.title = b ? b->bp.title : "certsim: practice exams";
	if (saved) {
		snprintf(l.label[l.n], sizeof l.label[0], "Resume the interrupted attempt");
		act[l.n++] = M_RESUME;
	}
	if (b)
		snprintf(l.label[l.n], sizeof l.label[0], "Full practice exam (%d questions, %d minutes)",
		         b->bp.questions, b->bp.duration_minutes);
	else
		snprintf(l.label[l.n], sizeof l.label[0], "Full practice exam");
	act[l.n++] = M_EXAM;
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz: 20 questions from every domain");
	act[l.n++] = M_QUIZ;
	if (b) {
		snprintf(l.label[l.n], sizeof l.label[0], "Quiz on one domain...");
		act[l.n++] = M_QUIZ_DOMAIN;
		snprintf(l.label[l.n], sizeof l.label[0], "Quiz on one task...");
		act[l.n++] = M_QUIZ_TASK;
	}
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz on the questions you missed");
	act[l.n++] = M_MISSED;
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz weighted toward your weakest tasks");
	act[l.n++] = M_WEAKEST;
	snprintf(l.label[l.n], sizeof l.label[0], "Review your last attempt");
	act[l.n++] = M_REVIEW;
	snprintf(l.label[l.n], sizeof l.label[0], "History and readiness");
	act[l.n++] = M_HISTORY;
	snprintf(l.label[l.n], sizeof l.label[0], "Quit");
	act[l.n++] = M_QUIT;

	if (tui_term_begin() < 0) {
		bank_free(b);
		return -1;
	}
	char arg[16];
	char *args[4] = { NULL };
	int nargs = 0, (*cmd)(int, char **) = NULL;
	for (;;) {
		int k = pick(&l, " Up/Down: select   Enter or 1-9: start   Esc or q: quit", 0);
		if (k < 0 || act[k] == M_QUIT)
			break;
		if (act[k] == M_QUIZ_DOMAIN || act[k] == M_QUIZ_TASK) {
			struct choice_list sub = { 0 };
			int is_task = act[k] == M_QUIZ_TASK;
			int n = is_task ? b->bp.n_tasks : b->bp.n_domains;
			sub.title = is_task ? "Quiz on one task" : "Quiz on one domain";
			for (int i = 0; i < n && i < 16; i++) {
				if (is_task)
					snprintf(sub.label[i], sizeof sub.label[0], "Task %s %s", b->bp.tasks[i].id,
					         b->bp.tasks[i].name);
				else
					snprintf(sub.label[i], sizeof sub.label[0], "Domain %d: %s",
					         b->bp.domains[i].id, b->bp.domains[i].name);
				sub.n++;
			}
			int j = pick(&sub, " Up/Down: select   Enter or 1-9: start   Esc: back", 0);
			if (j < 0)
				continue;
			if (is_task)
				snprintf(arg, sizeof arg, "%s", b->bp.tasks[j].id);
			else
				snprintf(arg, sizeof arg, "%d", b->bp.domains[j].id);
			args[nargs++] = is_task ? "--task" : "--domain";
			args[nargs++] = arg;
			cmd = cmd_quiz;
			break;
		}
		switch (act[k]) {
		case M_RESUME:
			cmd = cmd_resume;
			break;
		case M_EXAM:
			cmd = cmd_exam;
			break;
		case M_QUIZ:
			cmd = cmd_quiz;
			break;
		case M_MISSED:
			args[nargs++] = "--missed";
			cmd = cmd_quiz;
			break;
		case M_WEAKEST:
			args[nargs++] = "--weakest";
			cmd = cmd_quiz;
			break;
		case M_REVIEW:
			args[nargs++] = "last";
			cmd = cmd_review;
			break;
		case M_HISTORY:
			cmd = cmd_history;
			break;
		default:
			break;
		}
		break;
	}
	tui_term_end();
	bank_free(b);
	return cmd ? cmd(nargs, args) : EXIT_DONE;
}

int
tui_menu(int argc, char **argv)
{
	return menu(argc, argv);
}
