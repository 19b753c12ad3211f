/* Line mode's loop: read lines (poll, no busy waiting), drive the session, print what happened. */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "certsim/driver.h"
#include "certsim/lineui.h"
#include "cli_line.h"

/* Longest input line; a longer one is refused as a whole. */
#define LINE_MAX_BYTES 4096

enum ui_state { ST_QUESTION, ST_REVIEW, ST_CONFIRM };

struct ui {
	struct session *s;
	FILE *out;
	enum ui_state state, before_confirm;
};

/* The terminal's width when out is one (text is wrapped to it), else 0. */
static int
term_width(FILE *out)
{
	struct winsize ws;
	int fd = fileno(out);
	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) < 0 || ws.ws_col == 0)
		return 0;
	return ws.ws_col;
}

static void
show(struct ui *u)
{
	if (u->state == ST_REVIEW) {
		lineui_print_review(u->s, u->out);
		fprintf(u->out,
		        "\nAll questions seen. Type submit to finish, g N to go to a question, "
		        "r to list again.\n> ");
		fflush(u->out);
	} else {
		lineui_print_question_wrapped(u->s, u->out, term_width(u->out));
	}
}

static void
advance(struct ui *u)
{
	struct session *s = u->s;
	if (s->cur + 1 < s->n) {
		session_goto(s, s->cur + 1);
		u->state = ST_QUESTION;
	} else {
		u->state = ST_REVIEW;
	}
}

static void
ask_submit(struct ui *u)
{
	size_t inc = session_count_incomplete(u->s);
	size_t un = u->s->n - session_count_answered(u->s) - inc;
	fprintf(u->out,
	        "Submit? %zu unanswered, %zu incomplete, %zu flagged. Submitted answers are "
	        "final. [y/N] ",
	        un, inc, session_count_flagged(u->s));
	fflush(u->out);
	u->before_confirm = u->state;
	u->state = ST_CONFIRM;
}

/* Handle one line; returns 1 when the attempt has ended. */
static int
handle_line(struct ui *u, const char *line)
{
	struct session *s = u->s;
	struct session_item *it = &s->items[s->cur];
	const struct question *q = &s->bank->questions[it->d.q];
	struct line_input in;
	if (u->state == ST_CONFIRM) {
		char c[8] = { 0 };
		size_t k = 0;
		for (const char *p = line; *p && k < sizeof c - 1; p++)
			if (!isspace((unsigned char)*p))
				c[k++] = (char)tolower((unsigned char)*p);
		if (strcmp(c, "y") == 0 || strcmp(c, "yes") == 0) {
			session_finish(s, SESSION_END_SUBMIT);
			return 1;
		}
		fprintf(u->out, "Not submitted.\n");
		u->state = u->before_confirm;
		show(u);
		return 0;
	}
	lineui_parse(line, u->state == ST_QUESTION ? q : NULL,
	             u->state == ST_QUESTION ? &it->d : NULL, &in);
	/* The review list shows no question to flag or clear. */
	if (u->state == ST_REVIEW && (in.cmd == LINE_FLAG || in.cmd == LINE_CLEAR))
		in.cmd = LINE_ERROR;
	switch (in.cmd) {
	case LINE_ANSWER: {
		const char *why;
		int locked = s->cfg.feedback == FEEDBACK_IMMEDIATE && it->answered;
		if (locked) {
			fprintf(u->out,
			        "This answer is final (feedback was shown). n for next.\n> ");
			fflush(u->out);
			return 0;
		}
		if (session_answer(s, &in.resp, &why) < 0) {
			fprintf(u->out, "Error: %s\n> ", why);
			fflush(u->out);
			return 0;
		}
		if (in.notice[0])
			fprintf(u->out, "%s\n", in.notice);
		if (s->cfg.feedback == FEEDBACK_IMMEDIATE)
			lineui_print_feedback_wrapped(s, u->out, term_width(u->out));
		advance(u);
		break;
	}
	case LINE_NEXT:
		if (u->state == ST_REVIEW)
			break;
		advance(u);
		break;
	case LINE_PREV:
		if (u->state == ST_REVIEW)
			u->state = ST_QUESTION;
		else if (s->cur > 0)
			session_goto(s, s->cur - 1);
		else
			fprintf(u->out, "This is the first question.\n");
		break;
	case LINE_GOTO:
		if (in.n < 1 || (size_t)in.n > s->n) {
			fprintf(u->out, "Error: there is no question %ld (1-%zu)\n> ", in.n, s->n);
			fflush(u->out);
			return 0;
		}
		session_goto(s, (size_t)in.n - 1);
		u->state = ST_QUESTION;
		break;
	case LINE_FLAG:
		session_toggle_flag(s);
		fprintf(u->out, "Question %zu %s.\n", s->cur + 1,
		        s->items[s->cur].flagged ? "flagged" : "unflagged");
		break;
	case LINE_REVIEW:
		lineui_print_review(s, u->out);
		break;
	case LINE_CLEAR:
		if (s->cfg.feedback == FEEDBACK_IMMEDIATE && it->answered) {
			fprintf(u->out, "This answer is final (feedback was shown).\n> ");
			fflush(u->out);
			return 0;
		}
		session_clear(s);
		fprintf(u->out, "Answer cleared.\n");
		break;
	case LINE_HELP:
		lineui_print_help(u->out);
		break;
	case LINE_SUBMIT:
		ask_submit(u);
		return 0;
	case LINE_ERROR:
		fprintf(u->out, "Error: %s\n> ",
		        u->state == ST_REVIEW ? "type submit, g N or r" : in.error);
		fflush(u->out);
		return 0;
	}
	show(u);
	return 0;
}

/* Tell the candidate when autosave starts failing, and when it works again. */
static void
report_save(struct driver *d, FILE *out)
{
	enum driver_save saving = driver_save_state(d);
	if (saving == DRIVER_SAVE_FAILING)
		fprintf(out,
		        "\n*** WARNING: your progress is NOT being saved: %s\n"
		        "*** certsim keeps trying after every change and every few seconds.\n"
		        "*** Fix the cause, or stop with Ctrl-C: the last saved state is kept "
		        "for 'certsim resume'.\n> ",
		        d->s->save_error);
	else if (saving == DRIVER_SAVE_RECOVERED)
		fprintf(out, "\n*** Your progress is being saved again.\n> ");
	else
		return;
	fflush(out);
}

int
cli_line_run(struct session *s, int in_fd, FILE *out, volatile sig_atomic_t *stop)
{
	struct ui u = { s, out, ST_QUESTION, ST_QUESTION };
	char buf[LINE_MAX_BYTES];
	size_t len = 0;
	int overlong = 0, eof = 0;
	struct driver d;
	driver_init(&d, s);
	session_start(s);
	if (s->cur >= s->n)
		s->cur = 0;
	show(&u);
	for (;;) {
		int warn;
		if (driver_clock(&d, &warn)) {
			fprintf(out, "\n\nTime is up. The attempt is submitted.\n");
			fflush(out);
			return 0;
		}
		if (warn) {
			fprintf(out, "\n*** %d minute%s left ***\n> ", warn, warn == 1 ? "" : "s");
			fflush(out);
		}
		if (stop != NULL && *stop)
			return 1;
		if (eof) {
			session_finish(s, SESSION_END_EOF);
			fprintf(out, "\n\nEnd of input: the attempt is submitted.\n");
			fflush(out);
			return 0;
		}
		int64_t wait = session_next_event_ms(s), to_save = driver_autosave(&d);
		report_save(&d, out);
		if (to_save >= 0 && (wait < 0 || wait > to_save))
			wait = to_save;
		struct pollfd p = { in_fd, POLLIN, 0 };
		int r = poll(&p, 1, wait < 0 ? -1 : wait > 60000 ? 60000 : (int)wait + 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			eof = 1;
			continue;
		}
		if (r == 0)
			continue;
		ssize_t got = read(in_fd, buf + len, sizeof buf - 1 - len);
		if (got < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			eof = 1;
		} else if (got == 0) {
			eof = 1;
			if (len > 0 && !overlong) {
				buf[len] = '\0';
				len = 0;
				if (handle_line(&u, buf))
					return 0;
			}
			continue;
		}
		len += got > 0 ? (size_t)got : 0;
		char *nl;
		while ((nl = memchr(buf, '\n', len)) != NULL) {
			*nl = '\0';
			size_t used = (size_t)(nl - buf) + 1;
			int ended = 0;
			if (overlong) {
				fprintf(out, "Error: that line is too long\n> ");
				fflush(out);
				overlong = 0;
			} else {
				/* A line typed after time ran out does not count. */
				int w;
				if (driver_clock(&d, &w)) {
					fprintf(out, "\n\nTime is up. The attempt is submitted.\n");
					fflush(out);
					return 0;
				}
				ended = handle_line(&u, buf);
			}
			memmove(buf, buf + used, len - used);
			len -= used;
			if (ended)
				return 0;
			if (stop != NULL && *stop)
				return 1;
		}
		if (len == sizeof buf - 1) {
			overlong = 1;
			len = 0;
		}
	}
}
