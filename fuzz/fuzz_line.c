/*
 * libFuzzer target for the line-mode input parser: every line of the input
 * goes through lineui_parse() against fixed question shapes (single,
 * multiple, ordering, matching, at their smallest and largest), and with no
 * question (the review list). Every answer the parser accepts must be one
 * the session engine accepts too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/lineui.h"
#include "certsim/session.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N_SHAPES 8

static struct choice letters[BANK_MAX_CHOICES], numbers[BANK_MAX_ITEMS];
static struct question shapes[N_SHAPES];
static struct bank bank;
static struct session *session;
static int64_t now_ms;
static struct clock manual = { clock_manual_now, &now_ms };

/* One shape: type, choices, prompts (matching), key. */
static void
shape(int i, enum question_type type, int n_choices, int n_prompts,
      const int *key, int n_key)
{
	struct question *q = &shapes[i];
	q->id = "fuzz";
	q->domain_id = 1;
	q->type = type;
	q->stem = "stem";
	q->choices = letters;
	q->n_choices = n_choices;
	q->prompts = n_prompts ? numbers : NULL;
	q->n_prompts = n_prompts;
	memcpy(q->key, key, (size_t)n_key * sizeof *key);
	q->n_key = n_key;
	q->explanation = "explanation";
	q->case_study = -1;
}

/* Shown order: reversed, so that letters and bank indexes differ. */
static void
reversed(int *v, int n)
{
	for (int i = 0; i < n; i++)
		v[i] = n - 1 - i;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const int k_single4[] = { 1 }, k_single10[] = { 9 };
	static const int k_multi5[] = { 0, 3 }, k_multi10[] = { 0, 2, 4, 9 };
	static const int k_order3[] = { 2, 0, 1 }, k_order7[] = { 6, 5, 0, 1, 2, 3, 4 };
	static const int k_match3[] = { 1, 0, 3 }, k_match7[] = { 9, 0, 1, 2, 3, 4, 5 };
	struct draw_item *items;
	struct session_config cfg;
	char *err = NULL;
	(void)argc;
	(void)argv;

	for (int i = 0; i < BANK_MAX_CHOICES; i++) {
		letters[i].id[0] = (char)('A' + i);
		letters[i].text = "option";
	}
	for (int i = 0; i < BANK_MAX_ITEMS; i++) {
		numbers[i].id[0] = (char)('1' + i);
		numbers[i].text = "prompt";
	}
	shape(0, Q_SINGLE, 4, 0, k_single4, 1);
	shape(1, Q_SINGLE, 10, 0, k_single10, 1);
	shape(2, Q_MULTIPLE, 5, 0, k_multi5, 2);
	shape(3, Q_MULTIPLE, 10, 0, k_multi10, 4);
	shape(4, Q_ORDERING, 3, 0, k_order3, 3);
	shape(5, Q_ORDERING, 7, 0, k_order7, 7);
	shape(6, Q_MATCHING, 4, 3, k_match3, 3);
	shape(7, Q_MATCHING, 10, 7, k_match7, 7);
	bank.questions = shapes;
	bank.n_questions = N_SHAPES;

	if ((items = calloc(N_SHAPES, sizeof *items)) == NULL)
		abort();
	for (int i = 0; i < N_SHAPES; i++) {
		items[i].q = i;
		items[i].n_perm = shapes[i].n_choices;
		reversed(items[i].perm, items[i].n_perm);
		items[i].n_pperm = shapes[i].n_prompts;
		reversed(items[i].pperm, items[i].n_pperm);
	}
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_QUIZ;
	cfg.feedback = FEEDBACK_END;
	if (session_new(&bank, &cfg, items, N_SHAPES, &manual, &session, &err) < 0)
		abort();
	return 0;
}

/* The parser's promises about one result. */
static void
check(const struct line_input *in, const struct question *q)
{
	if (in->cmd == LINE_ERROR) {
		if (memchr(in->error, '\0', sizeof in->error) == NULL || in->error[0] == '\0')
			abort();
		return;
	}
	if (in->cmd == LINE_GOTO && in->n < 0)
		abort();
	if (in->cmd != LINE_ANSWER)
		return;
	if (q == NULL || in->resp.n < 1 || in->resp.n > BANK_MAX_CHOICES ||
	    memchr(in->notice, '\0', sizeof in->notice) == NULL)
		abort();
	/* Matching: an unmatched prompt of an incomplete answer is -1. */
	for (int i = 0; i < in->resp.n; i++)
		if (in->resp.v[i] < (q->type == Q_MATCHING ? -1 : 0) ||
		    in->resp.v[i] >= q->n_choices)
			abort();
}

static void
parse_line(const char *line)
{
	struct line_input in;
	const char *why = NULL;

	lineui_parse(line, NULL, NULL, &in);
	check(&in, NULL);
	for (size_t i = 0; i < N_SHAPES; i++) {
		lineui_parse(line, &shapes[i], &session->items[i].d, &in);
		check(&in, &shapes[i]);
		if (in.cmd == LINE_ANSWER) {
			session->cur = i;
			if (session_answer(session, &in.resp, &why) < 0)
				abort(); /* the parser accepted what the engine refuses */
			session_item_correct(session, i);
			session_clear(session);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	/* One line at a time, as line mode hands them over (no newline). */
	for (char *line = text, *nl;; line = nl + 1) {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		parse_line(line);
		if (nl == NULL)
			break;
	}
	free(text);
	return 0;
}
