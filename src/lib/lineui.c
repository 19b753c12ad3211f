/* Line mode (contract section 6): one question at a time on plain text, one input line each. */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/lineui.h"

#define LINE_MAX_BYTES 4096
#define AUTOSAVE_MS 5000

static const char *const number_words[] = { "zero", "one", "two", "three", "four",
	                                    "five", "six", "seven", "eight", "nine" };

/* ASCII letters only: the locale (set for ncursesw) must not widen what counts. */
static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
set_error(struct line_input *out, const char *msg)
{
	out->cmd = LC_ERROR;
	snprintf(out->error, sizeof out->error, "%s", msg);
}

static int
word_is(const char *s, const char *a, const char *b)
{
	return strcmp(s, a) == 0 || (b != NULL && strcmp(s, b) == 0);
}

/* Parse matching pairs ("1B 2A", "1b,2a", "1B2A") into out->resp. */
static void
parse_pairs(const char *s, const struct question *q, const struct draw_item *it,
            struct line_input *out)
{
	int set[BANK_MAX_ITEMS] = { 0 };
	out->resp.n = q->n_prompts;
	for (int i = 0; i < q->n_prompts; i++)
		out->resp.v[i] = -1;
	while (*s) {
		if (*s == ' ' || *s == ',' || *s == '\t') {
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s)) {
			set_error(out, "answer with number-letter pairs, e.g. 1B 2A 3C");
			return;
		}
		long k = 0;
		while (isdigit((unsigned char)*s) && k < 1000)
			k = k * 10 + (*s++ - '0');
		while (*s == ' ' || *s == '-' || *s == '=')
			s++;
		if (!is_letter(*s)) {
			set_error(out, "each number needs a letter after it, e.g. 1B 2A 3C");
			return;
		}
		int letter = tolower((unsigned char)*s++) - 'a';
		if (k < 1 || k > it->n_pperm) {
			snprintf(out->error, sizeof out->error,
			         "there is no prompt %ld (prompts are 1-%d)", k, it->n_pperm);
			out->cmd = LC_ERROR;
			return;
		}
		if (letter < 0 || letter >= it->n_perm) {
			snprintf(out->error, sizeof out->error,
			         "there is no option %c (options are A-%c)",
			         toupper('a' + letter), 'A' + it->n_perm - 1);
			out->cmd = LC_ERROR;
			return;
		}
		int p = it->pperm[k - 1];
		if (set[p]++) {
			snprintf(out->error, sizeof out->error, "prompt %ld is matched twice", k);
			out->cmd = LC_ERROR;
			return;
		}
		out->resp.v[p] = it->perm[letter];
	}
	for (int i = 0; i < it->n_pperm; i++)
		if (!set[it->pperm[i]]) {
			snprintf(out->error, sizeof out->error,
			         "match every prompt: %d is missing (e.g. 1B 2A 3C)", i + 1);
			out->cmd = LC_ERROR;
			return;
		}
	out->cmd = LC_ANSWER;
}

void
lineui_parse(const char *line, const struct question *q,
             const struct draw_item *it, struct line_input *out)
{
	char s[128];
	size_t n = 0;
	memset(out, 0, sizeof *out);
	while (*line == ' ' || *line == '\t')
		line++;
	size_t len = strlen(line);
	while (len > 0 && strchr(" \t\r", line[len - 1]))
		len--;
	if (len >= sizeof s) {
		set_error(out, "that line is too long for an answer or a command");
		return;
	}
	for (n = 0; n < len; n++)
		s[n] = (char)tolower((unsigned char)line[n]);
	s[n] = '\0';

	if (n == 0 || word_is(s, "n", "next")) {
		out->cmd = LC_NEXT;
		return;
	}
	if (word_is(s, "p", "prev") || word_is(s, "previous", NULL)) {
		out->cmd = LC_PREV;
		return;
	}
	if (word_is(s, "flag", "*")) {
		out->cmd = LC_FLAG;
		return;
	}
	if (word_is(s, "r", "review")) {
		out->cmd = LC_REVIEW;
		return;
	}
	if (word_is(s, "clear", NULL)) {
		out->cmd = LC_CLEAR;
		return;
	}
	if (word_is(s, "?", "help")) {
		out->cmd = LC_HELP;
		return;
	}
	if (word_is(s, "submit", NULL)) {
		out->cmd = LC_SUBMIT;
		return;
	}
	const char *num = NULL;
	if (strncmp(s, "goto", 4) == 0)
		num = s + 4;
	else if (s[0] == 'g' && (s[1] == ' ' || isdigit((unsigned char)s[1]))) {
		/* "g f e ..." is an answer when G is one of the letters shown. */
		const char *t = s + 1 + strspn(s + 1, " ");
		if (isdigit((unsigned char)*t) || q == NULL || it == NULL ||
		    q->type == Q_MATCHING || it->n_perm < 7)
			num = s + 1;
	}
	if (num != NULL) {
		while (*num == ' ')
			num++;
		char *end;
		long v = *num ? strtol(num, &end, 10) : 0;
		if (*num == '\0' || !isdigit((unsigned char)*num) || *end != '\0') {
			set_error(out, "goto needs a question number, e.g. g 12");
			return;
		}
		out->cmd = LC_GOTO;
		out->n = v;
		return;
	}
	if (q == NULL || it == NULL) {
		set_error(out, "not a command here (type ? for help)");
		return;
	}
	if (q->type == Q_MATCHING) {
		parse_pairs(s, q, it, out);
		return;
	}
	int seen[26] = { 0 };
	struct response *r = &out->resp;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == ',' || *p == '\t')
			continue;
		if (!is_letter(*p)) {
			snprintf(out->error, sizeof out->error,
			         "'%.40s' is not an answer or a command (type ? for help)", line);
			out->cmd = LC_ERROR;
			return;
		}
		int k = *p - 'a';
		if (k >= it->n_perm) {
			snprintf(out->error, sizeof out->error,
			         "there is no option %c (options are A-%c); type ? for help",
			         toupper((unsigned char)*p), 'A' + it->n_perm - 1);
			out->cmd = LC_ERROR;
			return;
		}
		if (seen[k]++) {
			snprintf(out->error, sizeof out->error, "%c is given twice",
			         toupper((unsigned char)*p));
			out->cmd = LC_ERROR;
			return;
		}
		r->v[r->n++] = it->perm[k];
	}
	switch (q->type) {
	case Q_SINGLE:
		if (r->n != 1) {
			set_error(out, "choose one letter");
			return;
		}
		break;
	case Q_MULTIPLE:
		if (r->n != q->n_key) {
			snprintf(out->error, sizeof out->error, "choose %s letters (you gave %d)",
			         q->n_key < 10 ? number_words[q->n_key] : "more", r->n);
			out->cmd = LC_ERROR;
			return;
		}
		break;
	case Q_ORDERING:
		if (r->n != q->n_choices) {
			snprintf(out->error, sizeof out->error,
			         "give all %d letters in the correct order, e.g. %s",
			         q->n_choices, q->n_choices == 3 ? "C A B" : "C A D B");
			out->cmd = LC_ERROR;
			return;
		}
		break;
	case Q_MATCHING:
		break;
	}
	out->cmd = LC_ANSWER;
}

/* Letters of a response as shown (for "Your answer:"), into buf. */
static void
shown_answer(const struct session_item *it, const struct question *q,
             const struct response *r, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	if (q->type == Q_MATCHING) {
		for (int k = 0; k < it->d.n_pperm; k++) {
			int opt = r->v[it->d.pperm[k]];
			for (int j = 0; j < it->d.n_perm; j++)
				if (it->d.perm[j] == opt)
					used += (size_t)snprintf(buf + used, size - used, "%s%d%c",
					                         k ? " " : "", k + 1, 'A' + j);
			if (used >= size)
				return;
		}
		return;
	}
	/* single/multiple: in shown order; ordering: in the order given. */
	if (q->type == Q_ORDERING) {
		for (int k = 0; k < r->n; k++)
			for (int j = 0; j < it->d.n_perm; j++)
				if (it->d.perm[j] == r->v[k] && used + 3 < size)
					used += (size_t)snprintf(buf + used, size - used, "%s%c",
					                         k ? " " : "", 'A' + j);
		return;
	}
	for (int j = 0; j < it->d.n_perm; j++)
		for (int k = 0; k < r->n; k++)
			if (it->d.perm[j] == r->v[k] && used + 3 < size)
				used += (size_t)snprintf(buf + used, size - used, "%s%c",
				                         used ? " " : "", 'A' + j);
}

static void
print_time(const struct session *s, FILE *out)
{
	char t[32];
	int64_t left = session_left_ms(s);
	if (left < 0) {
		clock_format_hms((long)(session_used_ms(s) / 1000), t);
		fprintf(out, "Untimed (%s used)", t);
	} else {
		clock_format_hms((long)((left + 999) / 1000), t);
		fprintf(out, "Time left %s", t);
	}
}

static void
print_question(const struct session *s, FILE *out)
{
	const struct session_item *it = &s->items[s->cur];
	const struct bank *b = s->bank;
	const struct question *q = &b->questions[it->d.q];
	const struct task *t = &b->bp.tasks[q->task];
	int d = bank_domain_index(b, q->domain);
	fprintf(out, "\n--------------------------------------------------------------------------\n");
	fprintf(out, "Question %zu of %zu | Domain %d: %s | Task %s %s\n", s->cur + 1, s->n,
	        q->domain, b->bp.domains[d].name, t->id, t->name);
	print_time(s, out);
	fprintf(out, " | Flagged: %zu | Answered: %zu of %zu%s\n", session_count_flagged(s),
	        session_count_answered(s), s->n, it->flagged ? " | THIS QUESTION IS FLAGGED" : "");
	if (q->case_study >= 0) {
		const struct case_study *cs = &b->case_studies[q->case_study];
		fprintf(out, "\nCase study: %s\n%s\n", cs->title, cs->scenario);
	}
	const char *hint = bank_choose_hint(q);
	fprintf(out, "\n%s%s%s\n\n", q->stem, hint ? " " : "", hint ? hint : "");
	if (q->type == Q_MATCHING) {
		fprintf(out, "Prompts:\n");
		for (int k = 0; k < it->d.n_pperm; k++)
			fprintf(out, "  %d. %s\n", k + 1, q->prompts[it->d.pperm[k]].text);
		fprintf(out, "Options:\n");
	} else if (q->type == Q_ORDERING) {
		fprintf(out, "Items:\n");
	}
	for (int k = 0; k < it->d.n_perm; k++)
		fprintf(out, "  %c. %s\n", 'A' + k, q->choices[it->d.perm[k]].text);
	const char *how = q->type == Q_SINGLE     ? "one letter"
	                  : q->type == Q_MULTIPLE ? "letters, e.g. A C"
	                  : q->type == Q_ORDERING ? "all letters in order, e.g. C A B"
	                                          : "number-letter pairs, e.g. 1B 2A 3C";
	if (it->answered) {
		char buf[128];
		shown_answer(it, q, &it->resp, buf, sizeof buf);
		fprintf(out, "\nYour answer: %s\n", buf);
	}
	fprintf(out, "\nAnswer (%s), or n, p, g N, flag, r, clear, submit, ? for help\n> ", how);
	fflush(out);
}

void
lineui_print_review(const struct session *s, FILE *out)
{
	size_t answered = session_count_answered(s), flagged = session_count_flagged(s);
	fprintf(out, "\nReview: %zu of %zu answered, %zu unanswered, %zu flagged. ", answered,
	        s->n, s->n - answered, flagged);
	print_time(s, out);
	fputc('\n', out);
	for (size_t i = 0; i < s->n; i++)
		fprintf(out, "  %3zu  %-10s%s\n", i + 1,
		        s->items[i].answered ? "answered" : "UNANSWERED",
		        s->items[i].flagged ? "  flagged" : "");
}

static void
print_help(FILE *out)
{
	fputs("\nLine mode keys (one line each):\n"
	      "  B, a c, AC     answer with the option letters (any case, spaces or commas)\n"
	      "  C A B          ordering: all letters in the correct order\n"
	      "  1B 2A 3C       matching: number-letter pairs\n"
	      "  n, next, Enter next question without answering\n"
	      "  p, prev        previous question\n"
	      "  g N, goto N    go to question N\n"
	      "  flag, *        flag or unflag this question for review\n"
	      "  r, review      status of every question\n"
	      "  clear          remove this question's answer\n"
	      "  submit         end the attempt (asks to confirm)\n"
	      "  ?, help        this help\n"
	      "End of input submits. The clock keeps running while you type.\n",
	      out);
}

static void
print_feedback(const struct session *s, FILE *out)
{
	const struct session_item *it = &s->items[s->cur];
	const struct question *q = &s->bank->questions[it->d.q];
	struct response key;
	char buf[128];
	key.n = q->n_key;
	memcpy(key.v, q->key, sizeof key.v);
	shown_answer(it, q, &key, buf, sizeof buf);
	if (session_item_correct(s, s->cur))
		fprintf(out, "\nCorrect. (%s)\n", buf);
	else
		fprintf(out, "\nIncorrect. The answer is: %s\n", buf);
	if (q->explanation != NULL)
		fprintf(out, "%s\n", q->explanation);
	for (int i = 0; i < q->n_references; i++)
		fprintf(out, "Reference: %s\n", q->references[i]);
}

enum ui_state { ST_QUESTION, ST_REVIEW, ST_CONFIRM };

struct ui {
	struct session *s;
	FILE *out;
	enum ui_state state, before_confirm;
};

static void
show(struct ui *u)
{
	if (u->state == ST_REVIEW) {
		lineui_print_review(u->s, u->out);
		fprintf(u->out, "\nAll questions seen. Type submit to finish, g N to go to a question, "
		                "r to list again.\n> ");
		fflush(u->out);
	} else {
		print_question(u->s, u->out);
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
	size_t un = u->s->n - session_count_answered(u->s);
	fprintf(u->out, "Submit? %zu unanswered, %zu flagged. Submitted answers are final. [y/N] ",
	        un, session_count_flagged(u->s));
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
			session_finish(s, END_SUBMIT);
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
	if (u->state == ST_REVIEW && (in.cmd == LC_FLAG || in.cmd == LC_CLEAR))
		in.cmd = LC_ERROR;
	switch (in.cmd) {
	case LC_ANSWER: {
		const char *why;
		int locked = s->cfg.feedback == FEEDBACK_IMMEDIATE && it->answered;
		if (locked) {
			fprintf(u->out, "This answer is final (feedback was shown). n for next.\n> ");
			fflush(u->out);
			return 0;
		}
		if (session_answer(s, &in.resp, &why) < 0) {
			fprintf(u->out, "Error: %s\n> ", why);
			fflush(u->out);
			return 0;
		}
		if (s->cfg.feedback == FEEDBACK_IMMEDIATE)
			print_feedback(s, u->out);
		advance(u);
		break;
	}
	case LC_NEXT:
		if (u->state == ST_REVIEW)
			break;
		advance(u);
		break;
	case LC_PREV:
		if (u->state == ST_REVIEW)
			u->state = ST_QUESTION;
		else if (s->cur > 0)
			session_goto(s, s->cur - 1);
		else
			fprintf(u->out, "This is the first question.\n");
		break;
	case LC_GOTO:
		if (in.n < 1 || (size_t)in.n > s->n) {
			fprintf(u->out, "Error: there is no question %ld (1-%zu)\n> ", in.n, s->n);
			fflush(u->out);
			return 0;
		}
		session_goto(s, (size_t)in.n - 1);
		u->state = ST_QUESTION;
		break;
	case LC_FLAG:
		session_toggle_flag(s);
		fprintf(u->out, "Question %zu %s.\n", s->cur + 1,
		        s->items[s->cur].flagged ? "flagged" : "unflagged");
		break;
	case LC_REVIEW:
		lineui_print_review(s, u->out);
		break;
	case LC_CLEAR:
		if (s->cfg.feedback == FEEDBACK_IMMEDIATE && it->answered) {
			fprintf(u->out, "This answer is final (feedback was shown).\n> ");
			fflush(u->out);
			return 0;
		}
		session_clear(s);
		fprintf(u->out, "Answer cleared.\n");
		break;
	case LC_HELP:
		print_help(u->out);
		break;
	case LC_SUBMIT:
		ask_submit(u);
		return 0;
	case LC_ERROR:
		fprintf(u->out, "Error: %s\n> ", u->state == ST_REVIEW
		                                     ? "type submit, g N or r" : in.error);
		fflush(u->out);
		return 0;
	}
	show(u);
	return 0;
}

/* Tell the candidate when autosave starts failing, and when it works again. */
static void
report_save(const struct session *s, FILE *out, int *failing)
{
	if (s->save_error != NULL && !*failing)
		fprintf(out, "\n*** WARNING: your progress is NOT being saved: %s\n"
		             "*** certsim keeps trying after every change and every few seconds.\n"
		             "*** Fix the cause, or stop with Ctrl-C: the last saved state is kept "
		             "for 'certsim resume'.\n> ",
		        s->save_error);
	else if (s->save_error == NULL && *failing)
		fprintf(out, "\n*** Your progress is being saved again.\n> ");
	else
		return;
	fflush(out);
	*failing = s->save_error != NULL;
}

int
lineui_run(struct session *s, int in_fd, FILE *out, volatile sig_atomic_t *stop)
{
	struct ui u = { s, out, ST_QUESTION, ST_QUESTION };
	char buf[LINE_MAX_BYTES];
	size_t len = 0;
	int overlong = 0, eof = 0, save_failing = 0;
	int64_t last_save = clock_now(s->clock);
	session_start(s);
	if (s->cur >= s->n)
		s->cur = 0;
	show(&u);
	for (;;) {
		int warn;
		if (session_tick(s, &warn)) {
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
			session_finish(s, END_EOF);
			fprintf(out, "\n\nEnd of input: the attempt is submitted.\n");
			fflush(out);
			return 0;
		}
		int64_t now = clock_now(s->clock), wait = session_next_event_ms(s);
		int64_t to_save = last_save + AUTOSAVE_MS - now;
		if (s->save_path != NULL && to_save <= 0) {
			session_autosave(s);
			last_save = now;
			to_save = AUTOSAVE_MS;
		}
		report_save(s, out, &save_failing);
		if (s->save_path != NULL && (wait < 0 || wait > to_save))
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
				if (session_tick(s, &w)) {
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
