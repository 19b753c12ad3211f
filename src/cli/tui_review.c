/* The full-screen exam's review screen: every item, unanswered or flagged, and going to one. */
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

/* The filtered list of the review screen. */
void
tui_review_build_list(struct tui *t)
{
	t->nlist = 0;
	for (size_t i = 0; i < t->s->n; i++) {
		const struct session_item *it = &t->s->items[i];
		/* Unanswered lists incomplete answers too: both still need work. */
		int open = session_item_status(t->s, i) <= ANSWER_INCOMPLETE;
		if (t->filter == FILTER_ALL || (t->filter == FILTER_UNANSWERED && open) ||
		    (t->filter == FILTER_FLAGGED && it->flagged))
			t->list[t->nlist++] = i;
	}
	if (t->rsel >= t->nlist)
		t->rsel = t->nlist - 1;
	if (t->rsel < 0)
		t->rsel = 0;
}

void
tui_review_open(struct tui *t)
{
	t->screen = SCR_REVIEW;
	t->num[0] = '\0';
	t->msg_until = 0;
	tui_review_build_list(t);
	for (int k = 0; k < t->nlist; k++)
		if (t->list[k] == t->s->cur)
			t->rsel = k;
}

enum outcome
tui_review_key(struct tui *t, int key)
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
				tui_say(t, R_BAD, "There is no question %ld (1-%zu).", v, t->s->n);
			else
				tui_answer_goto(t, (size_t)v - 1);
		} else if (t->nlist > 0) {
			tui_answer_goto(t, t->list[t->rsel]);
		}
	} else if (key == '\t' || key == TK(KEY_BTAB)) {
		t->filter = (enum filter)((t->filter + (key == '\t' ? 1 : 2)) % 3);
		t->rsel = 0;
		t->rtop = 0;
		tui_review_build_list(t);
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
		tui_answer_goto(t, t->s->cur);
	} else {
		tui_say(
		    t, R_CHOSEN,
		    "Review: Enter opens a question, Tab changes the filter, ! ends, # goes back.");
	}
	if (t->rsel >= t->nlist)
		t->rsel = t->nlist - 1;
	if (t->rsel < 0)
		t->rsel = 0;
	return OUTCOME_GO_ON;
}

void
tui_review_draw(struct tui *t)
{
	struct session *s = t->s;
	int W = COLS, H = LINES;
	char line[512];
	size_t answered = session_count_answered(s), flagged = session_count_flagged(s);
	snprintf(line, sizeof line, " %s   Review: %zu questions", s->bank->bp.code, s->n);
	tui_draw_header(t, line);
	size_t inc = session_count_incomplete(s);
	char inc_text[48] = "";
	if (inc > 0)
		snprintf(inc_text, sizeof inc_text, " | Incomplete %zu", inc);
	snprintf(line, sizeof line,
	         " Answered %zu | Unanswered %zu%s | Flagged %zu | Now at question %zu", answered,
	         s->n - answered - inc, inc_text, flagged, s->cur + 1);
	tui_puts(1, 0, line, W, A_NORMAL);
	tui_review_build_list(t);
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
		         t->filter == FILTER_FLAGGED ? "No flagged questions."
		                                     : "No unanswered questions.",
		         W - 4, A_BOLD);
	} else {
		t->rtop = layout_scroll_show(t->rtop, t->rsel, 1, t->nlist, h);
		for (int r = 0; r < h && t->rtop + r < t->nlist; r++) {
			int k = t->rtop + r;
			size_t i = t->list[k];
			const struct session_item *it = &s->items[i];
			const struct question *q = &s->bank->questions[it->d.q];
			int attr = k == t->rsel ? tui_attr(R_CURSOR) : 0;
			snprintf(line, sizeof line, " %4zu  %-10s  %-7s  ", i + 1,
			         !it->answered                                    ? "UNANSWERED"
			         : session_item_status(s, i) == ANSWER_INCOMPLETE ? "INCOMPLETE"
			                                                          : "Answered",
			         it->flagged ? "Flagged" : "");
			tui_fill(y0 + r, 2, W - 3, attr);
			if (k == t->rsel)
				tui_puts(y0 + r, 0, ">", 1, A_BOLD);
			int used =
			    tui_puts(y0 + r, 2, line, W - 3, attr | (it->answered ? 0 : A_BOLD));
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
		snprintf(status, sizeof status,
		         "Enter opens the selected question; type a number to go to it.");
	if (t->num[0])
		t->msg_until = 0;
	tui_draw_message(t, status);
	tui_draw_footer(
	    " Up/Down select   Enter open   0-9 number   Tab filter (All/Unanswered/Flagged)",
	    " # or Esc back to the question   ! end exam   @ timer   ? help   ^C quit");
}
