/* The full-screen exam (ncursesw) over the session API: the loop, the question screen, drawing. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "certsim/driver.h"
#include "certsim/lineui.h"
#include "cli.h"
#include "tui.h"
#include "tui_exam.h"

void
tui_say(struct tui *t, int role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_role = role;
	t->msg_until = now(t) + (role == R_NOTICE ? NOTICE_MS : MESSAGE_MS);
}

struct draft *
tui_draft(struct tui *t, size_t i)
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

static enum outcome
question_key(struct tui *t, int key)
{
	const struct question *q = question(t);
	struct draft *d = tui_draft(t, t->s->cur);
	int lower = key >= 'a' && key <= 'z', upper = key >= 'A' && key <= 'Z';
	int qpage = t->q_rows > 1 ? t->q_rows : 1;
	if (t->focus_scen) {
		/* The scenario takes the scrolling keys; every other key works as usual. */
		/* A page is the pane's height: no line is skipped. */
		int page = t->scen_rows > 1 ? t->scen_rows : 1, used = 1;
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
			return OUTCOME_GO_ON;
	}
	if (lower || upper) {
		int j = key - (lower ? 'a' : 'A');
		int n = item(t)->d.n_perm;
		if (j < n)
			tui_answer_choose(t, j);
		else
			tui_say(t, R_BAD,
			        "There is no option %c here (options are A-%c). ? shows the keys.",
			        'A' + j, 'A' + n - 1);
		return OUTCOME_GO_ON;
	}
	if (key >= '1' && key <= '9' && q->type == Q_MATCHING) {
		if (key - '1' < item(t)->d.n_pperm) {
			d->cursor = key - '1';
			t->follow = 1;
		}
		return OUTCOME_GO_ON;
	}
	switch (key) {
	case TK(KEY_UP):
		tui_answer_move_cursor(t, -1);
		return OUTCOME_GO_ON;
	case TK(KEY_DOWN):
		tui_answer_move_cursor(t, 1);
		return OUTCOME_GO_ON;
	case TK(KEY_SR):
	case '[':
		tui_answer_move_order(t, -1);
		return OUTCOME_GO_ON;
	case TK(KEY_SF):
	case ']':
		tui_answer_move_order(t, 1);
		return OUTCOME_GO_ON;
	case ' ':
		tui_answer_space(t);
		return OUTCOME_GO_ON;
	case '\r':
	case '\n':
	case TK(KEY_ENTER):
		tui_answer_enter(t);
		return OUTCOME_GO_ON;
	case 127:
	case 8:
	case TK(KEY_BACKSPACE):
	case TK(KEY_DC):
		tui_answer_clear(t);
		return OUTCOME_GO_ON;
	case TK(KEY_PPAGE):
		d->top -= qpage;
		return OUTCOME_GO_ON;
	case TK(KEY_NPAGE):
		d->top += qpage;
		return OUTCOME_GO_ON;
	case TK(KEY_HOME):
		d->top = 0;
		return OUTCOME_GO_ON;
	case TK(KEY_END):
		d->top = 1 << 20;
		return OUTCOME_GO_ON;
	case '\t':
	case TK(KEY_BTAB):
		if (q->case_study >= 0)
			t->focus_scen = 1;
		else
			tui_say(t, R_CHOSEN,
			        "Tab scrolls a case-study scenario; this question has none.");
		return OUTCOME_GO_ON;
	case TK(KEY_RIGHT):
	case '>':
		tui_answer_next(t);
		return OUTCOME_GO_ON;
	case TK(KEY_LEFT):
	case '<':
		tui_answer_prev(t);
		return OUTCOME_GO_ON;
	case '*':
	case TK(KEY_F(2)):
		session_toggle_flag(t->s);
		tui_say(t, R_CHOSEN, "Question %zu %s.", t->s->cur + 1,
		        item(t)->flagged ? "flagged for review" : "no longer flagged");
		return OUTCOME_GO_ON;
	case '#':
	case TK(KEY_F(3)):
		tui_review_open(t);
		return OUTCOME_GO_ON;
	}
	tui_say(t, R_CHOSEN, "Keys: a-j choose, < > move, * flag, # review, ! end, ? help.");
	return OUTCOME_GO_ON;
}

static enum outcome
handle_key(struct tui *t, int key)
{
	if (key == TK(KEY_RESIZE))
		return OUTCOME_GO_ON;
	if (t->overlay == OV_QUIT) {
		if (key == 'y' || key == 'Y')
			return OUTCOME_QUIT;
		if (key == 'n' || key == 'N' || key == TK_ESC)
			t->overlay = OV_NONE;
		return OUTCOME_GO_ON;
	}
	if (key == TK_CTRL_C) {
		t->overlay = OV_QUIT;
		return OUTCOME_GO_ON;
	}
	/* Nothing acts unseen: on a too-small screen only Ctrl-C works. */
	if (!tui_big_enough())
		return OUTCOME_GO_ON;
	if (t->overlay == OV_END) {
		if (key == 'y' || key == 'Y') {
			if (t->screen == SCR_QUESTION)
				tui_answer_keep(t);
			session_finish(t->s, SESSION_END_SUBMIT);
			return OUTCOME_ENDED;
		}
		if (key == 'n' || key == 'N' || key == TK_ESC)
			t->overlay = OV_NONE;
		return OUTCOME_GO_ON;
	}
	if (t->overlay == OV_HELP) {
		t->overlay = OV_NONE;
		return OUTCOME_GO_ON;
	}
	if (key == '?' || key == TK(KEY_F(1))) {
		t->overlay = OV_HELP;
		return OUTCOME_GO_ON;
	}
	if (t->screen == SCR_START) {
		if (key == '\r' || key == '\n' || key == TK(KEY_ENTER)) {
			session_start(t->s);
			tui_answer_goto(t, t->s->cur);
		}
		return OUTCOME_GO_ON;
	}
	if (key == '@' || key == TK(KEY_F(4))) {
		t->timer_hidden = !t->timer_hidden;
		return OUTCOME_GO_ON;
	}
	if (key == '!' || key == TK(KEY_F(10))) {
		t->overlay = OV_END;
		return OUTCOME_GO_ON;
	}
	if (t->screen == SCR_REVIEW)
		return tui_review_key(t, key);
	return question_key(t, key);
}

/* Header row: exam code and where we are on the left, the clock on the right. */
void
tui_draw_header(struct tui *t, const char *left)
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

void
tui_draw_footer(const char *one, const char *two)
{
	int bar = tui_attr(R_BAR);
	tui_fill(LINES - 2, 0, COLS, bar);
	tui_fill(LINES - 1, 0, COLS, bar);
	tui_puts(LINES - 2, 0, one, COLS, bar);
	tui_puts(LINES - 1, 0, two, COLS, bar);
}

/* The message row: a recent message, else the state of the answer. */
void
tui_draw_message(struct tui *t, const char *status)
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
		lineui_shown_answer(it, q, &it->resp, ans, sizeof ans);
	if (t->focus_scen) {
		snprintf(
		    buf, size,
		    "Scenario: Up/Down and PgUp/PgDn scroll it; Tab goes back to the question.");
		return;
	}
	if (t->grabbed) {
		snprintf(buf, size, "Moving (%c): Up/Down moves it, Space puts it down.",
		         'A' + d->m.order[d->cursor]);
		return;
	}
	if (tui_answer_immediate(t)) {
		if (it->answered)
			snprintf(buf, size, "Answer checked (final): %s. > for the next question.",
			         ans);
		else if (q->type == Q_MULTIPLE)
			snprintf(buf, size, "Select %s (%d selected), then Enter to check.",
			         bank_number_word(q->n_key),
			         tui_marks_count(q, &d->m, it->d.n_perm));
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
		snprintf(buf, size,
		         it->answered ? "Answer recorded: %s." : "Not answered: choose one option.",
		         ans);
		break;
	case Q_MULTIPLE:
		if (it->answered && session_item_status(t->s, t->s->cur) == ANSWER_INCOMPLETE)
			snprintf(buf, size, "Incomplete (counts as incorrect): %s; select %s.", ans,
			         bank_number_word(q->n_key));
		else if (it->answered)
			snprintf(buf, size, "Answer recorded: %s.", ans);
		else
			snprintf(buf, size, "Not answered: select %s (%d selected).",
			         bank_number_word(q->n_key),
			         tui_marks_count(q, &d->m, it->d.n_perm));
		break;
	case Q_ORDERING:
		if (it->answered)
			snprintf(buf, size, "Order recorded: %s.", ans);
		else
			snprintf(buf, size,
			         "Not answered: move items with [ ], or Enter keeps this order and "
			         "goes on.");
		break;
	case Q_MATCHING:
		if (it->answered && session_item_status(t->s, t->s->cur) == ANSWER_INCOMPLETE)
			snprintf(buf, size,
			         "Incomplete (counts as incorrect): %d of %d prompts matched.",
			         tui_marks_count(q, &d->m, it->d.n_pperm), it->d.n_pperm);
		else if (it->answered)
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
	if (tui_answer_immediate(t)) {
		switch (q->type) {
		case Q_SINGLE:
			return " a-j or Up/Down+Space: choose   Enter: check   PgUp/PgDn: scroll";
		case Q_MULTIPLE:
			return " a-j or Up/Down+Space: tick/untick   Enter: check   PgUp/PgDn: "
			       "scroll";
		case Q_ORDERING:
			return " Up/Down: select   [ ] or Space+Up/Down: move item   Enter: check";
		case Q_MATCHING:
			return " Up/Down or 1-7: prompt   a-j: its option   Space: next option   "
			       "Enter: check";
		}
	}
	switch (q->type) {
	case Q_SINGLE:
		return " a-j or Up/Down+Space: choose   PgUp/PgDn: scroll   Backspace: clear";
	case Q_MULTIPLE:
		return " a-j or Up/Down+Space: tick/untick   PgUp/PgDn: scroll   Backspace: clear";
	case Q_ORDERING:
		return " Up/Down: select   [ ] or Space+Up/Down: move item   Enter: keep order, "
		       "next";
	case Q_MATCHING:
		return " Up/Down or 1-7: prompt   a-j: its option   Space: next option   Bksp: "
		       "clear";
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
	struct draft *d = tui_draft(t, s->cur);
	int W = COLS, B = LINES - 5, body = 2;
	char line[512], status[256];

	snprintf(line, sizeof line, " %s   Question %zu of %zu   %s", b->bp.code, s->cur + 1, s->n,
	         it->flagged ? "[*] FLAGGED" : "[ ] not flagged");
	tui_draw_header(t, line);
	const struct task *tk = &b->bp.tasks[q->task_idx];
	int di = bank_domain_index(b, q->domain_id);
	size_t inc = session_count_incomplete(s);
	char inc_text[48] = "";
	if (inc > 0)
		snprintf(inc_text, sizeof inc_text, " | Incomplete %zu", inc);
	/* The real exam does not say which domain a question tests. */
	if (s->cfg.mode != MODE_EXAM || s->cfg.show_domain)
		snprintf(line, sizeof line,
		         " Domain %d: %s | Task %s | Answered %zu of %zu%s | Flagged %zu",
		         q->domain_id, di >= 0 ? b->bp.domains[di].name : "?", tk->id,
		         session_count_answered(s), s->n, inc_text, session_count_flagged(s));
	else
		snprintf(line, sizeof line, " Answered %zu of %zu%s | Flagged %zu",
		         session_count_answered(s), s->n, inc_text, session_count_flagged(s));
	tui_puts(1, 0, line, W, tui_attr(R_DIM));

	int fb = tui_answer_immediate(t) && it->answered;
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
		t->scen_rows = sh;
		d->scen_top = layout_scroll_clamp(d->scen_top, t->scen.n, sh);
		int ta = t->focus_scen ? tui_attr(R_CURSOR) : tui_attr(R_TITLE);
		tui_fill(body, 0, W, t->focus_scen ? ta : 0);
		snprintf(line, sizeof line, " Case study: %s", cs->title);
		tui_puts(body, 0, line, W - 30, ta);
		const char *hint = t->focus_scen    ? "(Tab: back to the question) "
		                   : t->scen.n > sh ? "(Tab: scroll the scenario) "
		                                    : "";
		int hw = (int)strlen(hint);
		tui_puts(body, W - hw, hint, hw, ta);
		tui_doc_draw(&t->scen, d->scen_top, body + 1, 0, sh, W, -1);
		mvhline(body + top_h - 1, 0, ACS_HLINE, W);
	}
	int qy = body + top_h, qh = B - top_h;
	t->q_rows = qh;
	if (t->follow) {
		int cnt, first = tui_doc_group(&t->doc, d->cursor, &cnt);
		if (first >= 0)
			d->top = layout_scroll_show(d->top, first, cnt, t->doc.n, qh);
		t->follow = 0;
	}
	if (t->show_feedback && t->doc.mark >= 0) {
		d->top =
		    layout_scroll_show(d->top, t->doc.mark, t->doc.n - t->doc.mark, t->doc.n, qh);
		t->show_feedback = 0;
	}
	d->top = layout_scroll_clamp(d->top, t->doc.n, qh);
	tui_doc_draw(&t->doc, d->top, qy, 0, qh, W, fb || t->focus_scen ? -1 : d->cursor);

	status_line(t, status, sizeof status);
	if (d->top < layout_scroll_max(t->doc.n, qh) && strlen(status) + 24 < sizeof status)
		strcat(status, "  (PgDn: more below)");
	tui_draw_message(t, status);
	tui_draw_footer(
	    answer_keys(t),
	    q->case_study >= 0
	        ? " < > prev/next  * flag  # review  ! end  @ timer  Tab scenario  ? help  ^C quit"
	        : " < > prev/next   * flag   # review   ! end exam   @ timer   ? help   ^C quit");
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
	else if (s->cfg.mode == MODE_STUDY)
		tui_doc_addf(d, NULL, 0, R_CHOSEN, -1,
		             "Study session (%s): due questions, then new", s->cfg.source);
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
	if (s->cfg.mode != MODE_EXAM)
		tui_doc_add(d, "Feedback:    ",
		            tui_answer_immediate(t)
		                ? "after each answer (Enter checks it; then it is final)"
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
	tui_doc_add(d, "  a-j, Up/Down+Space  ",
	            "choose an option; multiple choice: tick the boxes", 0, R_NORMAL, -1);
	tui_doc_add(d, "  < >  Left/Right     ", "previous / next question", 0, R_NORMAL, -1);
	tui_doc_add(d, "  *                   ", "flag the question for review", 0, R_NORMAL, -1);
	tui_doc_add(d, "  #                   ",
	            "review screen: every question, filters, go to one", 0, R_NORMAL, -1);
	tui_doc_add(d, "  !                   ", "end the exam (asks first)", 0, R_NORMAL, -1);
	tui_doc_add(d, "  @                   ", "hide or show the time remaining", 0, R_NORMAL,
	            -1);
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
    "Up/Down Space  move the cursor; Space chooses\n"
    "Enter          next question (never changes an answer)\n"
    "< > Left/Right previous / next question\n"
    "PgUp/PgDn      scroll the question (Home/End: top/bottom)\n"
    "Tab            scroll the case-study scenario, and back\n"
    "Backspace      clear this question's answer\n"
    "Ordering       [ ] or Shift+Up/Down move the item; Space picks\n"
    "               it up, Up/Down carry it; the order is kept as shown\n"
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
		/* The clock stays hidden if the candidate hid it. */
		if (t->timer_hidden)
			extra[0] = '\0';
		else
			snprintf(extra, sizeof extra,
			         t->screen == SCR_START || session_left_ms(t->s) < 0
			             ? "%s"
			             : "Time remaining %s (the clock keeps running)",
			         clk);
		tui_draw_too_small(extra);
		if (t->overlay == OV_QUIT)
			tui_puts(LINES - 1, 0, "Save and quit? (y/n)", COLS, tui_attr(R_NOTICE));
		refresh();
		return;
	} else if (t->screen == SCR_START) {
		draw_start(t);
	} else if (t->screen == SCR_REVIEW) {
		tui_review_draw(t);
	} else {
		draw_question(t);
	}
	if (t->overlay == OV_HELP) {
		tui_dialog(" Keys ", help_text);
	} else if (t->overlay == OV_END) {
		char text[512];
		size_t inc = session_count_incomplete(t->s);
		size_t un = t->s->n - session_count_answered(t->s) - inc;
		snprintf(text, sizeof text,
		         "End the %s?\n\n%zu unanswered, %zu incomplete, %zu flagged for review.\n"
		         "After it ends, answers cannot be changed.\n\n"
		         "y: end and see the results     n or Esc: go back",
		         session_mode_name(t->s->cfg.mode), un, inc, session_count_flagged(t->s));
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
			tui_dialog(" Time is up ",
			           "Time is up.\n\nThe attempt is submitted; your results follow.");
		else
			tui_puts(0, 0, "Time is up. The attempt is submitted.", COLS,
			         tui_attr(R_NOTICE));
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
			tui_say(t, R_NOTICE, "WARNING: progress NOT being saved: %s",
			        s->save_error);
		else if (saving == DRIVER_SAVE_RECOVERED)
			tui_say(t, R_NOTICE, "Your progress is being saved again.");
		if (t->screen != SCR_START) {
			int warn;
			if (driver_clock(&d, &warn)) {
				time_up(t);
				return 0;
			}
			if (warn) {
				tui_say(t, R_NOTICE, "Notice: %d minute%s remaining.", warn,
				        warn == 1 ? "" : "s");
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
		if (o == OUTCOME_QUIT) {
			if (t->screen == SCR_QUESTION)
				tui_answer_keep(t);
			return 1;
		}
		if (o == OUTCOME_ENDED)
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
