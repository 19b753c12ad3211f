/*
 * The full-screen exam's state, shared by tui.c (the loop, the question
 * screen, drawing), tui_answer.c (editing an answer, moving between items)
 * and tui_review.c (the review screen). Private to src/cli.
 */
#ifndef CERTSIM_TUI_EXAM_H
#define CERTSIM_TUI_EXAM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "certsim/session.h"
#include "tui.h"

#define TICK_MS 250 /* the clock is redrawn at least this often */
#define MESSAGE_MS 6000
#define NOTICE_MS 15000
#define TIMEUP_MS 2500 /* the time-up notice stays this long */
#define LOW_TIME_MS (5 * 60 * 1000)

enum tscreen { SCR_START, SCR_QUESTION, SCR_REVIEW };
enum overlay { OV_NONE, OV_HELP, OV_END, OV_QUIT };
enum filter { FILTER_ALL, FILTER_UNANSWERED, FILTER_FLAGGED };
enum outcome { OUTCOME_GO_ON, OUTCOME_QUIT, OUTCOME_ENDED };

/* What the candidate has on screen for one item (recorded only when complete). */
struct draft {
	int init;
	struct tui_marks m;
	int cursor;        /* option, ordering place or matching prompt */
	int top, scen_top; /* scroll of the question and scenario panes */
};

struct tui {
	struct session *s;
	volatile sig_atomic_t *stop;
	struct draft *drafts;
	enum tscreen screen;
	enum overlay overlay;
	int timer_hidden;
	int focus_scen;    /* Up/Down/PgUp/PgDn scroll the case-study scenario */
	int scen_rows;     /* height of the scenario pane as last drawn (a page) */
	int q_rows;        /* height of the question pane as last drawn (a page) */
	int grabbed;       /* ordering: the item under the cursor is picked up */
	int follow;        /* scroll the question pane to the cursor on the next draw */
	int show_feedback; /* scroll to the feedback on the next draw */
	char msg[256];
	int msg_role;
	int64_t msg_until;
	enum filter filter;
	int rsel, rtop; /* review: selected row of the filtered list, scroll */
	char num[8];    /* review: a question number being typed */
	size_t *list;   /* review: the filtered items */
	int nlist;
	struct tui_doc doc, scen;
};

static inline int64_t
now(const struct tui *t)
{
	return clock_now(t->s->clock);
}

static inline struct session_item *
item(const struct tui *t)
{
	return &t->s->items[t->s->cur];
}

static inline const struct question *
question(const struct tui *t)
{
	return &t->s->bank->questions[item(t)->d.q];
}

/* tui.c: show a message (for MESSAGE_MS, or NOTICE_MS for R_NOTICE). */
void tui_say(struct tui *t, int role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* tui.c: the header row (left text, the clock), the footer's two key lines, the message row. */
void tui_draw_header(struct tui *t, const char *left);
void tui_draw_footer(const char *one, const char *two);
void tui_draw_message(struct tui *t, const char *status);

/* tui.c: the draft of item i, made from its recorded answer on first use. */
struct draft *tui_draft(struct tui *t, size_t i);

/* tui_answer.c: editing the answer on screen and moving between items. */
int tui_answer_immediate(const struct tui *t);
int tui_answer_locked(struct tui *t);
int tui_answer_cursor_rows(const struct tui *t);
void tui_answer_record(struct tui *t);
void tui_answer_check(struct tui *t);
/* Immediate feedback: record (so check) an answer chosen but not checked; else nothing. */
void tui_answer_keep(struct tui *t);
void tui_answer_goto(struct tui *t, size_t i);
void tui_answer_next(struct tui *t);
void tui_answer_prev(struct tui *t);
void tui_answer_choose(struct tui *t, int j);
void tui_answer_move_order(struct tui *t, int delta);
void tui_answer_space(struct tui *t);
void tui_answer_enter(struct tui *t);
void tui_answer_clear(struct tui *t);
void tui_answer_move_cursor(struct tui *t, int delta);

/* tui_review.c: the review screen (All / Unanswered / Flagged). */
void tui_review_build_list(struct tui *t);
void tui_review_open(struct tui *t);
enum outcome tui_review_key(struct tui *t, int key);
void tui_review_draw(struct tui *t);

#endif
