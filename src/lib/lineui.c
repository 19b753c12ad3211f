/* Line mode (docs/keys.md): parsing an input line, and the plain-text rendering of a session. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/layout.h"
#include "certsim/lineui.h"
#include "certsim/strbuf.h"
#include "certsim/textsafe.h"

/* ASCII letters only: the locale (set for ncursesw) must not widen what counts. */
static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void
set_error(struct line_input *out, const char *msg)
{
	out->cmd = LINE_ERROR;
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
			out->cmd = LINE_ERROR;
			return;
		}
		if (letter < 0 || letter >= it->n_perm) {
			snprintf(out->error, sizeof out->error,
			         "there is no option %c (options are A-%c)", toupper('a' + letter),
			         'A' + it->n_perm - 1);
			out->cmd = LINE_ERROR;
			return;
		}
		int p = it->pperm[k - 1];
		if (set[p]++) {
			snprintf(out->error, sizeof out->error, "prompt %ld is matched twice", k);
			out->cmd = LINE_ERROR;
			return;
		}
		out->resp.v[p] = it->perm[letter];
	}
	int given = 0;
	for (int i = 0; i < it->n_pperm; i++)
		given += set[it->pperm[i]] != 0;
	int n_missing = it->n_pperm - given;
	/* The unmatched prompts as shown: "3", "2 and 3", "2, 3 and 5". */
	char missing[64] = "";
	size_t len = 0;
	for (int i = 0, k = 0; i < it->n_pperm; i++) {
		if (set[it->pperm[i]])
			continue;
		const char *sep = k == 0 ? "" : k + 1 == n_missing ? " and " : ", ";
		int w = snprintf(missing + len, sizeof missing - len, "%s%d", sep, i + 1);
		if (w > 0 && (size_t)w < sizeof missing - len)
			len += (size_t)w;
		k++;
	}
	if (given == 0) {
		set_error(out, "answer with number-letter pairs, e.g. 1B 2A 3C");
		return;
	}
	int reused = bank_reused_option(q, out->resp.v, q->n_prompts);
	if (n_missing)
		snprintf(out->notice, sizeof out->notice,
		         "Incomplete answer recorded: %d of %d prompts matched (%s %s %s not); it "
		         "counts as incorrect until every prompt is matched.",
		         given, it->n_pperm, n_missing == 1 ? "prompt" : "prompts", missing,
		         n_missing == 1 ? "is" : "are");
	else if (reused >= 0)
		snprintf(out->notice, sizeof out->notice,
		         "Answer recorded, but option %c is used twice: the question says each "
		         "option is used at most once.",
		         'A' + draw_shown_pos(it, reused));
	out->cmd = LINE_ANSWER;
}

void
lineui_parse(const char *line, const struct question *q, const struct draw_item *it,
             struct line_input *out)
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
		out->cmd = LINE_NEXT;
		return;
	}
	if (word_is(s, "p", "prev") || word_is(s, "previous", NULL)) {
		out->cmd = LINE_PREV;
		return;
	}
	if (word_is(s, "flag", "*")) {
		out->cmd = LINE_FLAG;
		return;
	}
	if (word_is(s, "r", "review")) {
		out->cmd = LINE_REVIEW;
		return;
	}
	if (word_is(s, "clear", NULL)) {
		out->cmd = LINE_CLEAR;
		return;
	}
	if (word_is(s, "?", "help")) {
		out->cmd = LINE_HELP;
		return;
	}
	if (word_is(s, "submit", NULL)) {
		out->cmd = LINE_SUBMIT;
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
		out->cmd = LINE_GOTO;
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
			out->cmd = LINE_ERROR;
			return;
		}
		int k = *p - 'a';
		if (k >= it->n_perm) {
			snprintf(out->error, sizeof out->error,
			         "there is no option %c (options are A-%c); type ? for help",
			         toupper((unsigned char)*p), 'A' + it->n_perm - 1);
			out->cmd = LINE_ERROR;
			return;
		}
		if (seen[k]++) {
			snprintf(out->error, sizeof out->error, "%c is given twice",
			         toupper((unsigned char)*p));
			out->cmd = LINE_ERROR;
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
		if (r->n == 0 || r->n > q->n_key) {
			snprintf(out->error, sizeof out->error, "choose %s letters (you gave %d)",
			         bank_number_word(q->n_key), r->n);
			out->cmd = LINE_ERROR;
			return;
		}
		if (r->n < q->n_key)
			snprintf(out->notice, sizeof out->notice,
			         "Incomplete answer recorded: you chose %s; %s are required. It "
			         "counts as incorrect until complete.",
			         bank_number_word(r->n), bank_number_word(q->n_key));
		break;
	case Q_ORDERING:
		if (r->n != q->n_choices) {
			snprintf(out->error, sizeof out->error,
			         "give all %d letters in the correct order, e.g. %s", q->n_choices,
			         q->n_choices == 3 ? "C A B" : "C A D B");
			out->cmd = LINE_ERROR;
			return;
		}
		break;
	case Q_MATCHING:
		break;
	}
	out->cmd = LINE_ANSWER;
}

void
lineui_shown_answer(const struct session_item *it, const struct question *q,
                    const struct response *r, char *buf, size_t size)
{
	struct answer_letters l;
	session_item_letters(it, q, r, &l);
	answer_letters_text(&l, buf, size);
}

static void
print_time(const struct session *s, FILE *out)
{
	char t[32];
	if (session_clock_text(s, t))
		fprintf(out, "Time left %s", t);
	else
		fprintf(out, "Untimed (%s used)", t);
}

/*
 * Text from the bank, escaped, wrapped at width columns (0: not wrapped)
 * with indent spaces before every line but the first (the caller has
 * printed the first line's label), then a newline.
 */
static void
put_text(FILE *out, const char *text, int flags, int width, int indent)
{
	char *esc;
	struct layout l = { 0 };
	if (width <= 0 || (esc = textsafe_escape(text, flags)) == NULL) {
		textsafe_fputs(text, flags, out);
		fputc('\n', out);
		return;
	}
	int w = width - indent > 20 ? width - indent : 20;
	if (layout_wrap(&l, esc, w) < 0) {
		fputs(esc, out);
		fputc('\n', out);
	} else {
		for (size_t i = 0; i < l.n; i++)
			fprintf(out, "%*s%.*s\n", i ? indent : 0, "", (int)l.lines[i].len,
			        esc + l.lines[i].off);
	}
	layout_free(&l);
	free(esc);
}

/* "  LABEL. text" and a newline, the text wrapped under itself. */
static void
put_choice(FILE *out, const char *label, const char *text, int width)
{
	fprintf(out, "  %s. ", label);
	put_text(out, text, TEXTSAFE_MULTILINE, width, 4 + (int)strlen(label));
}

void
lineui_print_question(const struct session *s, FILE *out)
{
	lineui_print_question_wrapped(s, out, 0);
}

void
lineui_print_question_wrapped(const struct session *s, FILE *out, int width)
{
	const struct session_item *it = &s->items[s->cur];
	const struct bank *b = s->bank;
	const struct question *q = &b->questions[it->d.q];
	const struct task *t = &b->bp.tasks[q->task_idx];
	int d = bank_domain_index(b, q->domain_id);
	int rule = width > 0 && width < 74 ? width : 74;
	fputc('\n', out);
	for (int i = 0; i < rule; i++)
		fputc('-', out);
	fputc('\n', out);
	/* The header as one text, so that it wraps like the rest. */
	char tm[32];
	struct strbuf hb;
	strbuf_init(&hb);
	strbuf_printf(&hb, "Question %zu of %zu", s->cur + 1, s->n);
	/* The real exam does not say which domain a question tests. */
	if (s->cfg.mode != MODE_EXAM || s->cfg.show_domain) {
		strbuf_printf(&hb, " | Domain %d: ", q->domain_id);
		textsafe_append(&hb, b->bp.domains[d].name, 0);
		strbuf_puts(&hb, " | Task ");
		textsafe_append(&hb, t->id, 0);
		strbuf_puts(&hb, " ");
		textsafe_append(&hb, t->name, 0);
	}
	if (session_clock_text(s, tm))
		strbuf_printf(&hb, "\nTime left %s", tm);
	else
		strbuf_printf(&hb, "\nUntimed (%s used)", tm);
	strbuf_printf(&hb, " | Flagged: %zu | Answered: %zu of %zu%s", session_count_flagged(s),
	              session_count_answered(s), s->n,
	              it->flagged ? " | THIS QUESTION IS FLAGGED" : "");
	put_text(out, strbuf_str(&hb), TEXTSAFE_MULTILINE, width, 0);
	strbuf_free(&hb);
	if (q->case_study >= 0) {
		const struct case_study *cs = &b->case_studies[q->case_study];
		fputs("\nCase study: ", out);
		textsafe_fputs(cs->title, 0, out);
		fputc('\n', out);
		put_text(out, cs->scenario, TEXTSAFE_MULTILINE, width, 0);
	}
	const char *hint = bank_choose_hint(q);
	fputc('\n', out);
	char *stem = fsutil_asprintf("%s%s%s", q->stem, hint ? " " : "", hint ? hint : "");
	put_text(out, stem ? stem : q->stem, TEXTSAFE_MULTILINE, width, 0);
	free(stem);
	fputc('\n', out);
	if (q->type == Q_MATCHING) {
		fprintf(out, "Prompts:\n");
		for (int k = 0; k < it->d.n_pperm; k++) {
			char label[16];
			snprintf(label, sizeof label, "%d", k + 1);
			put_choice(out, label, q->prompts[it->d.pperm[k]].text, width);
		}
		fprintf(out, "Options:\n");
	} else if (q->type == Q_ORDERING) {
		fprintf(out, "Items:\n");
	}
	for (int k = 0; k < it->d.n_perm; k++) {
		char label[2] = { (char)('A' + k), '\0' };
		put_choice(out, label, q->choices[it->d.perm[k]].text, width);
	}
	const char *how = q->type == Q_SINGLE     ? "one letter"
	                  : q->type == Q_MULTIPLE ? "letters, e.g. A C"
	                  : q->type == Q_ORDERING ? "all letters in order, e.g. C A B"
	                                          : "number-letter pairs, e.g. 1B 2A 3C";
	if (it->answered) {
		char buf[128];
		lineui_shown_answer(it, q, &it->resp, buf, sizeof buf);
		fprintf(out, "\nYour answer: %s%s\n", buf,
		        session_item_status(s, s->cur) == ANSWER_INCOMPLETE
		            ? " (incomplete: counts as incorrect until complete)"
		            : "");
	}
	char prompt[160];
	snprintf(prompt, sizeof prompt,
	         "Answer (%s), or n, p, g N, flag, r, clear, submit, ? for help", how);
	fputc('\n', out);
	put_text(out, prompt, 0, width, 0);
	fputs("> ", out);
	fflush(out);
}

void
lineui_print_review(const struct session *s, FILE *out)
{
	size_t answered = session_count_answered(s), flagged = session_count_flagged(s);
	size_t incomplete = session_count_incomplete(s);
	fprintf(out, "\nReview: %zu of %zu answered, %zu incomplete, %zu unanswered, %zu flagged. ",
	        answered, s->n, incomplete, s->n - answered - incomplete, flagged);
	print_time(s, out);
	fputc('\n', out);
	for (size_t i = 0; i < s->n; i++) {
		enum answer_status st = session_item_status(s, i);
		fprintf(out, "  %3zu  %-10s%s\n", i + 1,
		        st == ANSWER_NONE         ? "UNANSWERED"
		        : st == ANSWER_INCOMPLETE ? "INCOMPLETE"
		                                  : "answered",
		        s->items[i].flagged ? "  flagged" : "");
	}
}

void
lineui_print_help(FILE *out)
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

void
lineui_print_feedback(const struct session *s, FILE *out)
{
	lineui_print_feedback_wrapped(s, out, 0);
}

void
lineui_print_feedback_wrapped(const struct session *s, FILE *out, int width)
{
	const struct session_item *it = &s->items[s->cur];
	const struct question *q = &s->bank->questions[it->d.q];
	struct response key;
	char buf[128];
	key.n = q->n_key;
	memcpy(key.v, q->key, sizeof key.v);
	lineui_shown_answer(it, q, &key, buf, sizeof buf);
	if (session_item_correct(s, s->cur))
		fprintf(out, "\nCorrect. (%s)\n", buf);
	else
		fprintf(out, "\nIncorrect. The answer is: %s\n", buf);
	if (q->explanation != NULL)
		put_text(out, q->explanation, TEXTSAFE_MULTILINE, width, 0);
	for (int i = 0; i < q->n_references; i++) {
		fputs("Reference: ", out);
		textsafe_fputs(q->references[i], 0, out);
		fputc('\n', out);
	}
}
