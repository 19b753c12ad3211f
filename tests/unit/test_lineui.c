/* Unit tests for line mode: parsing input lines (lineui.c), and whole attempts driven
 * through a pipe by its loop (src/cli/cli_line.c). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/lineui.h"
#include "certsim/session.h"
#include "cli_line.h"

#include "testutil.h"

/* A question shape for the parser (it reads no texts) and how it is shown. */
struct shape {
	struct question q;
	struct draw_item it;
};

static struct shape
shape(enum question_type type, int n_choices, int n_key, int n_prompts,
      const int *perm, const int *pperm)
{
	struct shape s;

	memset(&s, 0, sizeof s);
	s.q.type = type;
	s.q.n_choices = n_choices;
	s.q.n_key = n_key;
	s.q.n_prompts = n_prompts;
	s.q.case_study = -1;
	for (int i = 0; i < n_key; i++)
		s.q.key[i] = i;
	s.it.n_perm = n_choices;
	for (int i = 0; i < n_choices; i++)
		s.it.perm[i] = perm ? perm[i] : i;
	s.it.n_pperm = n_prompts;
	for (int i = 0; i < n_prompts; i++)
		s.it.pperm[i] = pperm ? pperm[i] : i;
	return s;
}

static const int perm4[] = { 2, 0, 3, 1 };
static const int perm5[] = { 4, 2, 0, 1, 3 };
static const int perm7[] = { 6, 5, 4, 3, 2, 1, 0 };
static const int pperm3[] = { 2, 0, 1 };

static struct line_input
parse(const char *line, const struct shape *s)
{
	struct line_input in;

	memset(&in, 0x5a, sizeof in);
	lineui_parse(line, s ? &s->q : NULL, s ? &s->it : NULL, &in);
	if (in.cmd == LINE_ERROR && (in.error[0] == '\0' ||
	    memchr(in.error, '\0', sizeof in.error) == NULL))
		fail_msg("\"%s\": an error without a message", line);
	return in;
}

static void
expect_cmd(const char *line, const struct shape *s, enum line_cmd cmd)
{
	struct line_input in = parse(line, s);

	if (in.cmd != cmd)
		fail_msg("\"%s\": command %d, expected %d (%s)", line, in.cmd,
		    cmd, in.cmd == LINE_ERROR ? in.error : "");
}

/* The answer, sorted when order does not matter. */
static void
expect_answer(const char *line, const struct shape *s, int n, ...)
{
	struct line_input in = parse(line, s);
	int want[BANK_MAX_CHOICES], got[BANK_MAX_CHOICES];
	va_list ap;

	if (in.cmd != LINE_ANSWER)
		fail_msg("\"%s\": not an answer (%s)", line,
		    in.cmd == LINE_ERROR ? in.error : "a command");
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		want[i] = va_arg(ap, int);
	va_end(ap);
	if (in.resp.n != n)
		fail_msg("\"%s\": %d choices, expected %d", line, in.resp.n, n);
	memcpy(got, in.resp.v, sizeof(int) * (size_t)n);
	if (s->q.type == Q_SINGLE || s->q.type == Q_MULTIPLE) {
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++) {
				if (got[j] < got[i]) {
					int t = got[i];
					got[i] = got[j];
					got[j] = t;
				}
				if (want[j] < want[i]) {
					int t = want[i];
					want[i] = want[j];
					want[j] = t;
				}
			}
	}
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("\"%s\": choice %d is %d, expected %d", line, i,
			    got[i], want[i]);
}

static void
expect_error(const char *line, const struct shape *s, const char *part)
{
	struct line_input in = parse(line, s);

	if (in.cmd != LINE_ERROR)
		fail_msg("\"%s\": accepted (command %d)", line, in.cmd);
	if (part != NULL)
		assert_contains(in.error, part);
}

static void
test_commands(void **state)
{
	struct shape s = shape(Q_SINGLE, 4, 1, 0, perm4, NULL);
	const struct {
		const char *line;
		enum line_cmd cmd;
		long n;
	} cases[] = {
		{ "n", LINE_NEXT, 0 },       { "next", LINE_NEXT, 0 },
		{ "", LINE_NEXT, 0 },        { "   ", LINE_NEXT, 0 },
		{ "N", LINE_NEXT, 0 },       { "  Next \r", LINE_NEXT, 0 },
		{ "p", LINE_PREV, 0 },       { "prev", LINE_PREV, 0 },
		{ "PREV", LINE_PREV, 0 },    { "g 12", LINE_GOTO, 12 },
		{ "goto 3", LINE_GOTO, 3 },  { "G12", LINE_GOTO, 12 },
		{ "goto   7", LINE_GOTO, 7 }, { "GOTO 65", LINE_GOTO, 65 },
		{ "g 1", LINE_GOTO, 1 },     { "flag", LINE_FLAG, 0 },
		{ "*", LINE_FLAG, 0 },       { "FLAG", LINE_FLAG, 0 },
		{ "r", LINE_REVIEW, 0 },     { "review", LINE_REVIEW, 0 },
		{ "clear", LINE_CLEAR, 0 },  { "?", LINE_HELP, 0 },
		{ "help", LINE_HELP, 0 },    { "submit", LINE_SUBMIT, 0 },
		{ "Submit", LINE_SUBMIT, 0 }, { "\tsubmit\t", LINE_SUBMIT, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct line_input in = parse(cases[i].line, &s);

		if (in.cmd != cases[i].cmd)
			fail_msg("\"%s\": command %d, expected %d (%s)",
			    cases[i].line, in.cmd, cases[i].cmd,
			    in.cmd == LINE_ERROR ? in.error : "");
		if (in.cmd == LINE_GOTO)
			assert_int_equal(in.n, cases[i].n);
		/* Commands work where there is no question (the review list). */
		in = parse(cases[i].line, NULL);
		assert_int_equal(in.cmd, cases[i].cmd);
	}
	expect_error("goto", &s, "goto needs a question number");
	expect_error("goto x", &s, "goto needs a question number");
	expect_error("g 3x", &s, NULL);
	expect_error("g 12 13", &s, NULL);
	expect_error("submitt", &s, NULL);
	expect_error("B", NULL, NULL);   /* no question: letters are no answer */
}

static void
test_letters_single(void **state)
{
	struct shape s = shape(Q_SINGLE, 4, 1, 0, perm4, NULL);

	(void)state;
	/* Shown A-D are choices 2, 0, 3, 1. */
	expect_answer("A", &s, 1, 2);
	expect_answer("b", &s, 1, 0);
	expect_answer("  C  ", &s, 1, 3);
	expect_answer("d\r", &s, 1, 1);
	expect_answer(",D,", &s, 1, 1);
	expect_error("E", &s, "no option E");
	expect_error("e", &s, "options are A-D");
	expect_error("AB", &s, "choose one letter");
	expect_error("a b", &s, "choose one letter");
	expect_error("A A", &s, "twice");
	expect_error("1", &s, NULL);
	expect_error("A1", &s, NULL);
	expect_error("A.", &s, NULL);
	expect_error("z", &s, NULL);
}

static void
test_letters_multiple(void **state)
{
	struct shape two = shape(Q_MULTIPLE, 5, 2, 0, perm5, NULL);
	struct shape three = shape(Q_MULTIPLE, 5, 3, 0, perm5, NULL);
	struct line_input in;

	(void)state;
	/* Shown A-E are choices 4, 2, 0, 1, 3. */
	expect_answer("AC", &two, 2, 4, 0);
	expect_answer("a c", &two, 2, 4, 0);
	expect_answer("A,C", &two, 2, 4, 0);
	expect_answer("c, a", &two, 2, 4, 0);
	expect_answer(" b  E ", &two, 2, 2, 3);
	expect_answer("Ca", &two, 2, 4, 0);
	/* Fewer than asked: an incomplete answer, with a notice. */
	expect_answer("A", &two, 1, 4);
	lineui_parse("A", &two.q, &two.it, &in);
	assert_non_null(strstr(in.notice, "you chose one; two are required"));
	lineui_parse("AC", &two.q, &two.it, &in);
	assert_string_equal(in.notice, "");
	expect_error("ABC", &two, "two");
	/* No letter at all is not an answer (found by fuzz_line). */
	expect_error(",", &two, "two");
	expect_error(" , ,", &three, "three");
	expect_error("A A", &two, "A is given twice");
	expect_error("aA", &two, "twice");
	expect_error("A F", &two, "no option F");
	expect_answer("A B C", &three, 3, 4, 2, 0);
	expect_answer("A B", &three, 2, 4, 2);
	expect_error("A B C D", &three, "three");
}

static void
test_letters_ordering(void **state)
{
	struct shape s = shape(Q_ORDERING, 4, 4, 0, perm4, NULL);
	struct shape seven = shape(Q_ORDERING, 7, 7, 0, perm7, NULL);
	struct shape many = shape(Q_MULTIPLE, 8, 2, 0, NULL, NULL);
	struct shape single10 = shape(Q_SINGLE, 10, 1, 0, NULL, NULL);

	(void)state;
	/* Order kept: shown C A B D = choices 3 2 0 1. */
	expect_answer("C A B D", &s, 4, 3, 2, 0, 1);
	expect_answer("cabd", &s, 4, 3, 2, 0, 1);
	expect_answer("c,a,b,d", &s, 4, 3, 2, 0, 1);
	expect_answer("D C B A", &s, 4, 1, 3, 0, 2);
	expect_error("C A B", &s, "all 4");
	expect_error("C A B B", &s, "twice");
	expect_error("C A B D E", &s, "no option E");

	/* G is a letter when seven or more choices are shown. */
	expect_answer("G F E D C B A", &seven, 7, 0, 1, 2, 3, 4, 5, 6);
	expect_answer("g f e d c b a", &seven, 7, 0, 1, 2, 3, 4, 5, 6);
	expect_answer("gfedcba", &seven, 7, 0, 1, 2, 3, 4, 5, 6);
	expect_answer("G,F,E,D,C,B,A", &seven, 7, 0, 1, 2, 3, 4, 5, 6);
	expect_answer("A B C D E F G", &seven, 7, 6, 5, 4, 3, 2, 1, 0);
	expect_answer("g c", &many, 2, 6, 2);
	expect_answer("G", &single10, 1, 6);
	expect_answer("j", &single10, 1, 9);
	expect_error("k", &single10, "no option K");
	/* Still a goto when a number follows. */
	expect_cmd("g 7", &seven, LINE_GOTO);
	expect_cmd("g7", &many, LINE_GOTO);
}

static void
test_matching_pairs(void **state)
{
	struct shape s = shape(Q_MATCHING, 4, 3, 3, perm4, pperm3);
	struct line_input in;

	(void)state;
	/*
	 * Shown prompts 1-3 are prompts 2, 0, 1; shown options A-D are
	 * choices 2, 0, 3, 1. "1B 2A 3C": prompt 2 -> 0, prompt 0 -> 2,
	 * prompt 1 -> 3.
	 */
	expect_answer("1B 2A 3C", &s, 3, 2, 3, 0);
	expect_answer("1b,2a,3c", &s, 3, 2, 3, 0);
	expect_answer("1B2A3C", &s, 3, 2, 3, 0);
	expect_answer("3c 1b 2a", &s, 3, 2, 3, 0);
	expect_answer(" 1-B, 2=A, 3 C ", &s, 3, 2, 3, 0);
	/* One option may serve two prompts. */
	expect_answer("1A 2A 3A", &s, 3, 2, 2, 2);
	lineui_parse("1A 2A 3A", &s.q, &s.it, &in);
	assert_string_equal(in.notice, "");
	/* Unless the stem forbids it: still recorded, with a notice naming the option. */
	s.q.stem = "Match each need to a feature. " BANK_OPTIONS_ONCE;
	expect_answer("1A 2A 3C", &s, 3, 2, 3, 2);
	lineui_parse("1A 2A 3C", &s.q, &s.it, &in);
	assert_int_equal(in.cmd, LINE_ANSWER);
	assert_non_null(strstr(in.notice, "option A is used twice"));
	lineui_parse("1B 2A 3C", &s.q, &s.it, &in);
	assert_string_equal(in.notice, "");
	s.q.stem = NULL;
	/* Prompts left out: an incomplete answer (-1), with a notice. */
	expect_answer("1B 2A", &s, 3, 2, -1, 0);
	lineui_parse("1B 2A", &s.q, &s.it, &in);
	assert_non_null(strstr(in.notice, "2 of 3 prompts matched (prompt 3 is not)"));
	expect_answer("2A 3C", &s, 3, 2, 3, -1);
	lineui_parse("2A 3C", &s.q, &s.it, &in);
	assert_non_null(strstr(in.notice, "2 of 3 prompts matched (prompt 1 is not)"));
	/* Every unmatched prompt is named, in the order shown. */
	lineui_parse("2A", &s.q, &s.it, &in);
	assert_non_null(strstr(in.notice, "1 of 3 prompts matched (prompts 1 and 3 are not)"));
	expect_error("1B 1A 2C", &s, "prompt 1 is matched twice");
	expect_error("1B 2A 3C 1D", &s, "matched twice");
	expect_error("1B 2A 4C", &s, "no prompt 4");
	expect_error("0A 1B 2C", &s, "no prompt 0");
	expect_error("1E 2A 3C", &s, "no option E");
	expect_error("B1 A2 C3", &s, "number-letter pairs");
	expect_error("1 2A 3C", &s, "needs a letter");
	expect_error("1", &s, NULL);
	expect_error("ABC", &s, NULL);
	expect_error("99999999999999999999A", &s, NULL);
	/* Commands still work on a matching question. */
	expect_cmd("g 2", &s, LINE_GOTO);
	expect_cmd("n", &s, LINE_NEXT);
}

static void
test_long_line(void **state)
{
	struct shape s = shape(Q_SINGLE, 4, 1, 0, perm4, NULL);
	char line[600];

	(void)state;
	memset(line, 'a', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	expect_error(line, &s, "too long");
	/* Trailing blanks do not count against the length. */
	memset(line, ' ', sizeof line - 1);
	line[0] = 'B';
	expect_answer(line, &s, 1, 0);
}

/* Whether an answer the parser gives is one session_answer accepts. */
static void
check_valid(const char *line, const struct shape *s,
            const struct line_input *in)
{
	int seen[BANK_MAX_CHOICES] = { 0 };
	const struct response *r = &in->resp;
	int want = s->q.type == Q_SINGLE ? 1
	         : s->q.type == Q_MULTIPLE ? s->q.n_key
	         : s->q.type == Q_ORDERING ? s->q.n_choices : s->q.n_prompts;

	/* Fewer options than a multiple-response item asks for, or prompts
	 * left unmatched (-1), are incomplete answers session_answer keeps. */
	if (s->q.type == Q_MULTIPLE ? r->n < 1 || r->n > want : r->n != want)
		fail_msg("\"%s\": %d choices accepted, %d needed", line, r->n, want);
	for (int i = 0; i < r->n; i++) {
		if (s->q.type == Q_MATCHING && r->v[i] == -1)
			continue;
		if (r->v[i] < 0 || r->v[i] >= s->q.n_choices)
			fail_msg("\"%s\": choice %d out of range", line, r->v[i]);
		if (s->q.type != Q_MATCHING && seen[r->v[i]]++)
			fail_msg("\"%s\": choice %d twice", line, r->v[i]);
	}
}

static void
test_garbage_never_crashes(void **state)
{
	struct shape shapes[] = {
		shape(Q_SINGLE, 4, 1, 0, perm4, NULL),
		shape(Q_MULTIPLE, 5, 2, 0, perm5, NULL),
		shape(Q_ORDERING, 7, 7, 0, perm7, NULL),
		shape(Q_MATCHING, 4, 3, 3, perm4, pperm3),
		shape(Q_MATCHING, 7, 7, 7, perm7, perm7),
		shape(Q_SINGLE, 10, 1, 0, NULL, NULL),
	};
	static const char alphabet[] = "abcdefghijABCDEFGHIJ0123456789 ,,-=*?gnpr\t\r";
	unsigned int seed = 12345;
	char line[256];
	int answers = 0, errors = 0;

	(void)state;
	for (int round = 0; round < 6000; round++) {
		const struct shape *s = &shapes[round % 6];
		size_t len = (size_t)(rand_r(&seed) % 200);
		struct line_input in;

		if (round % 4 == 3)
			len = (size_t)(rand_r(&seed) % 16);

		for (size_t i = 0; i < len; i++) {
			int c;

			if (round % 4 == 3)
				/* Near misses: letters in range, prompt numbers. */
				c = i % 2 == 1 ? " , "[rand_r(&seed) % 3]
				    : s->q.type == Q_MATCHING && i % 4 == 0
				    ? '1' + rand_r(&seed) % s->q.n_prompts
				    : 'A' + rand_r(&seed) % s->it.n_perm;
			else if (round % 2)
				c = alphabet[rand_r(&seed) % (sizeof alphabet - 1)];
			else
				do
					c = rand_r(&seed) % 256;
				while (c == 0 || c == '\n');
			line[i] = (char)c;
		}
		/* Short lines more often: they reach the answer parser. */
		if (round % 4 != 3 && round % 3 == 0 && len > 12)
			len = 1 + len % 12;
		line[len] = '\0';
		in = parse(line, round % 50 == 49 ? NULL : s);
		assert_in_range(in.cmd, LINE_ANSWER, LINE_ERROR);
		if (in.cmd == LINE_ANSWER) {
			check_valid(line, s, &in);
			answers++;
		}
		errors += in.cmd == LINE_ERROR;
	}
	/* Both outcomes were exercised. */
	assert_true(answers > 50);
	assert_true(errors > 1000);
}

/* A four-item session (single, multiple, ordering, matching), rotated options. */
static struct session *
small_session(enum session_feedback fb)
{
	const int qs[4] = { find_q(Q_SINGLE, 0), find_q(Q_MULTIPLE, 2),
	                    find_q(Q_ORDERING, 0), find_q(Q_MATCHING, 0) };
	struct draw_item *items = calloc(4, sizeof *items);
	struct session_config cfg;
	struct session *s = NULL;
	char *err = NULL;

	assert_non_null(items);
	for (int i = 0; i < 4; i++) {
		const struct question *q = &bank->questions[qs[i]];

		items[i].q = qs[i];
		items[i].n_perm = q->n_choices;
		for (int k = 0; k < q->n_choices; k++)
			items[i].perm[k] = (k + 1 + i) % q->n_choices;
		if (q->type == Q_ORDERING &&
		    memcmp(items[i].perm, q->key, sizeof(int) * (size_t)q->n_key) == 0) {
			int t = items[i].perm[0];
			items[i].perm[0] = items[i].perm[1];
			items[i].perm[1] = t;
		}
		items[i].n_pperm = q->type == Q_MATCHING ? q->n_prompts : 0;
		for (int k = 0; k < items[i].n_pperm; k++)
			items[i].pperm[k] = (k + 2) % q->n_prompts;
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_QUIZ;
	cfg.feedback = fb;
	snprintf(cfg.source, sizeof cfg.source, "all");
	assert_int_equal(session_new(bank, &cfg, items, 4, clock_monotonic(), &s,
	    &err), 0);
	return s;
}

static int
shown_pos(const struct draw_item *it, int choice)
{
	for (int j = 0; j < it->n_perm; j++)
		if (it->perm[j] == choice)
			return j;
	fail_msg("choice %d is not shown", choice);
	return -1;
}

/* The line that answers item i with the key (right) or a wrong answer. */
static const char *
answer_line(const struct session *s, size_t i, int right)
{
	static char buf[64];
	const struct session_item *it = &s->items[i];
	const struct question *q = &bank->questions[it->d.q];
	int v[BANK_MAX_CHOICES];
	size_t n = 0;

	memcpy(v, q->key, sizeof v);
	if (!right && q->type == Q_ORDERING) {
		int t = v[0];
		v[0] = v[1];
		v[1] = t;
	} else if (!right && q->type != Q_MATCHING) {
		/* Keep the first key option, replace the last one. */
		for (int c = 0; c < q->n_choices; c++) {
			int in = 0;

			for (int k = 0; k < q->n_key; k++)
				in |= q->key[k] == c;
			if (!in) {
				v[q->n_key - 1] = c;
				break;
			}
		}
	}
	if (q->type == Q_MATCHING) {
		for (int k = 0; k < it->d.n_pperm; k++) {
			int opt = v[it->d.pperm[k]];

			if (!right && k == 0)
				opt = (opt + 1) % q->n_choices;
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%d%c",
			    k ? " " : "", k + 1, 'A' + shown_pos(&it->d, opt));
		}
		return buf;
	}
	for (int k = 0; k < q->n_key; k++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%c", k ? " " : "",
		    (k % 2 ? 'a' : 'A') + shown_pos(&it->d, v[k]));
	return buf;
}

/* Run s over the given input; returns cli_line_run's value, output in *out. */
static int
run(struct session *s, const char *input, char **out,
    volatile sig_atomic_t *stop)
{
	int fds[2];
	size_t len = 0;
	FILE *f;
	int rc;

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], input, strlen(input)),
	    (ssize_t)strlen(input));
	close(fds[1]);
	f = open_memstream(out, &len);
	assert_non_null(f);
	rc = cli_line_run(s, fds[0], f, stop);
	fclose(f);
	close(fds[0]);
	return rc;
}

static char *
script(const char *first, ...)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	va_list ap;

	assert_non_null(f);
	va_start(ap, first);
	for (const char *l = first; l != NULL; l = va_arg(ap, const char *))
		fprintf(f, "%s\n", l);
	va_end(ap);
	fclose(f);
	return buf;
}

static void
test_run_to_submit(void **state)
{
	struct session *s = small_session(FEEDBACK_END);
	char a1[64], a2[64], a3[64], a4[64], *in, *out = NULL;

	(void)state;
	snprintf(a1, sizeof a1, "%s", answer_line(s, 0, 1));
	snprintf(a2, sizeof a2, "%s", answer_line(s, 1, 0));
	snprintf(a3, sizeof a3, "%s", answer_line(s, 2, 1));
	snprintf(a4, sizeof a4, "%s", answer_line(s, 3, 1));
	in = script(a1,          /* item 1, then item 2 */
	    "flag", a2,          /* item 2 flagged and answered wrong */
	    "xyz",               /* item 3: an error, same question */
	    "n",                 /* item 3 skipped */
	    "g 99",              /* no such question */
	    a4,                  /* item 4, then the review list */
	    "?", "r", "g 3",
	    a3,                  /* item 3, then item 4 again */
	    "submit", "no",      /* not submitted */
	    "submit", "Y",
	    "n", "n", NULL);     /* after the end: ignored */
	assert_int_equal(run(s, in, &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_SUBMIT);
	assert_true(s->items[0].answered);
	assert_true(s->items[1].answered);
	assert_true(s->items[2].answered);
	assert_true(s->items[3].answered);
	assert_true(session_item_correct(s, 0));
	assert_false(session_item_correct(s, 1));
	assert_true(session_item_correct(s, 2));
	assert_true(session_item_correct(s, 3));
	assert_false(s->items[0].flagged);
	assert_true(s->items[1].flagged);
	assert_int_equal(session_count_flagged(s), 1);
	assert_true(s->finished_at[0] != '\0');
	assert_contains(out, "Question 1 of 4");
	assert_contains(out, "Question 4 of 4");
	assert_contains(out, "Error: there is no question 99");
	assert_contains(out, "Error: ");
	assert_contains(out, "Review: 3 of 4 answered");
	assert_contains(out, "Not submitted.");
	assert_contains(out, "Submit?");
	free(in);
	free(out);
	session_free(s);
}

/* In the review list, flag and clear do not touch the last question. */
static void
test_review_list_commands(void **state)
{
	struct session *s = small_session(FEEDBACK_END);
	char a4[64], *in, *out = NULL;

	(void)state;
	snprintf(a4, sizeof a4, "%s", answer_line(s, 3, 1));
	in = script("n", "n", "n", a4, "clear", "flag", "*", "n", "A", NULL);
	assert_int_equal(run(s, in, &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	assert_true(s->items[3].answered);
	assert_true(session_item_correct(s, 3));
	assert_int_equal(session_count_flagged(s), 0);
	assert_int_equal(session_count_answered(s), 1);
	assert_contains(out, "Error: type submit, g N or r");
	free(in);
	free(out);
	session_free(s);
}

static void
test_run_end_of_input(void **state)
{
	struct session *s = small_session(FEEDBACK_END);
	char *in, *out = NULL;
	const char *last;

	(void)state;
	/* Skip item 1, answer 2, answer 3 on a last line with no newline. */
	in = script("", answer_line(s, 1, 1), NULL);
	last = answer_line(s, 2, 1);
	in = realloc(in, strlen(in) + strlen(last) + 1);
	assert_non_null(in);
	strcat(in, last);
	assert_int_equal(run(s, in, &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	assert_false(s->items[0].answered);
	assert_true(session_item_correct(s, 1));
	assert_true(session_item_correct(s, 2));
	assert_false(s->items[3].answered);
	assert_contains(out, "End of input");
	free(in);
	free(out);
	session_free(s);

	/* Nothing at all. */
	s = small_session(FEEDBACK_END);
	assert_int_equal(run(s, "", &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	assert_int_equal(session_count_answered(s), 0);
	free(out);
	session_free(s);

	/* End of input while asked to confirm: submitted as end of input. */
	s = small_session(FEEDBACK_END);
	assert_int_equal(run(s, "A\nsubmit\n", &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	free(out);
	session_free(s);
}

static void
test_run_stop(void **state)
{
	struct session *s = small_session(FEEDBACK_END);
	volatile sig_atomic_t stop = 1;
	char *out = NULL;

	(void)state;
	assert_int_equal(run(s, "A\n", &out, &stop), 1);
	assert_int_equal(s->ended, SESSION_END_NONE);
	free(out);
	session_free(s);
}

/* A manual clock: the countdown as cli_line_run sees it, without waiting. */
static void
test_run_timed(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = small_session(FEEDBACK_END);
	char *out = NULL;

	(void)state;
	s->clock = &clk;
	s->cfg.time_limit_s = 8 * 60;
	session_start(s);
	/* 4 minutes left: one warning (5), then the input, then the end. */
	t = 4 * 60000;
	assert_int_equal(run(s, "A\n", &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	assert_true(s->items[0].answered);
	assert_contains(out, "*** 5 minutes left ***");
	assert_contains(out, "Time left 4:00");
	assert_null(strstr(out, "10 minutes"));
	free(out);
	session_free(s);

	/* Time already up: the waiting line does not count. */
	t = 0;
	s = small_session(FEEDBACK_END);
	s->clock = &clk;
	s->cfg.time_limit_s = 60;
	session_start(s);
	t = 60000;
	assert_int_equal(run(s, "A\nsubmit\ny\n", &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_TIMEOUT);
	assert_int_equal(session_count_answered(s), 0);
	assert_int_equal(session_used_ms(s), 60000);
	assert_contains(out, "Time is up");
	free(out);
	session_free(s);
}

static void
test_run_immediate_feedback(void **state)
{
	struct session *s = small_session(FEEDBACK_IMMEDIATE);
	const struct question *q = &bank->questions[s->items[0].d.q];
	char wrong[64], right[64], expect[64], *in, *out = NULL;

	(void)state;
	snprintf(wrong, sizeof wrong, "%s", answer_line(s, 0, 0));
	snprintf(right, sizeof right, "%s", answer_line(s, 0, 1));
	snprintf(expect, sizeof expect, "Incorrect. The answer is: %c",
	    'A' + shown_pos(&s->items[0].d, q->key[0]));
	in = script(wrong, "p", right, "clear", NULL);
	assert_int_equal(run(s, in, &out, NULL), 0);
	assert_int_equal(s->ended, SESSION_END_EOF);
	/* The first answer stands: feedback was shown. */
	assert_true(s->items[0].answered);
	assert_false(session_item_correct(s, 0));
	assert_contains(out, expect);
	assert_contains(out, q->explanation);
	assert_contains(out, "This answer is final");
	free(in);
	free(out);
	session_free(s);
}

/* What a parsed line shows as "Your answer": the one renderer, from the session's form. */
static void
expect_shown(const char *line, const struct shape *s, const char *want)
{
	struct line_input in = parse(line, s);
	struct session_item it;
	char buf[64];

	if (in.cmd != LINE_ANSWER)
		fail_msg("\"%s\": not an answer", line);
	memset(&it, 0, sizeof it);
	it.d = s->it;
	lineui_shown_answer(&it, &s->q, &in.resp, buf, sizeof buf);
	if (strcmp(buf, want) != 0)
		fail_msg("\"%s\" is shown as \"%s\", expected \"%s\"", line, buf, want);
}

static void
test_shown_answer(void **state)
{
	struct shape multi = shape(Q_MULTIPLE, 5, 2, 0, perm5, NULL);
	struct shape order = shape(Q_ORDERING, 4, 4, 0, perm4, NULL);
	struct shape match = shape(Q_MATCHING, 4, 3, 3, perm4, pperm3);
	struct session_item it;
	struct response key;
	char buf[64], tiny[3];

	(void)state;
	/* A set in the order shown, however it was typed. */
	expect_shown("d b", &multi, "B D");
	expect_shown("B,D", &multi, "B D");
	/* A sequence as given. */
	expect_shown("d c b a", &order, "D C B A");
	/* Pairs by prompt number; a prompt left unmatched is left out. */
	expect_shown("3c 1b 2a", &match, "1B 2A 3C");
	expect_shown("1B 3C", &match, "1B 3C");
	/* The key too, in the letters shown: key 0 1 (choice indexes) of
	 * perm5 = 4 2 0 1 3 sit at C and D. */
	memset(&it, 0, sizeof it);
	it.d = multi.it;
	key.n = 2;
	key.v[0] = 1;
	key.v[1] = 0;
	lineui_shown_answer(&it, &multi.q, &key, buf, sizeof buf);
	assert_string_equal(buf, "C D");
	/* Cut at a whole letter, always terminated. */
	lineui_shown_answer(&it, &multi.q, &key, tiny, sizeof tiny);
	assert_string_equal(tiny, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_letters_single),
		cmocka_unit_test(test_letters_multiple),
		cmocka_unit_test(test_letters_ordering),
		cmocka_unit_test(test_matching_pairs),
		cmocka_unit_test(test_shown_answer),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_garbage_never_crashes),
		cmocka_unit_test(test_run_to_submit),
		cmocka_unit_test(test_review_list_commands),
		cmocka_unit_test(test_run_end_of_input),
		cmocka_unit_test(test_run_stop),
		cmocka_unit_test(test_run_timed),
		cmocka_unit_test(test_run_immediate_feedback),
	};

	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
