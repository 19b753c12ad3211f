/* Unit tests for session: the countdown on a manual clock, answers, navigation, autosave and resume. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certsim/bank.h"
#include "certsim/clock.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/session.h"

#include "testutil.h"

#define MIN_MS 60000

static int
setup_tmp(void **state)
{
	return tmpdir_setup(state, "certsim-session");
}

/* A session over a fresh draw (count items; domain 0 = exam apportionment). */
static struct session *
new_session(const struct bank *b, int count, int domain, uint64_t seed,
            long limit_s, const struct clock *clk)
{
	struct draw_request req;
	struct session_config cfg;
	struct draw_item *items = NULL;
	struct session *s = NULL;
	size_t n;
	char *err = NULL;

	memset(&req, 0, sizeof req);
	req.count = count;
	req.domain = domain;
	req.seed = seed;
	if (draw_items(b, &req, &items, &n, &err) != 0)
		fail_msg("draw: %s", err);
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = count == b->bp.questions ? MODE_EXAM : MODE_QUIZ;
	cfg.seed = seed;
	cfg.time_limit_s = limit_s;
	snprintf(cfg.source, sizeof cfg.source, "all");
	if (session_new(b, &cfg, items, n, clk, &s, &err) != 0)
		fail_msg("session_new: %s", err);
	assert_int_equal(s->n, (size_t)count);
	return s;
}

/* Step a timed session second by second to its end; record the warnings. */
static int
run_by_seconds(struct session *s, int64_t *t, int *warns, int64_t *warn_at)
{
	int n = 0;

	for (int64_t sec = 1; sec <= s->cfg.time_limit_s + 5; sec++) {
		int w = -1;

		*t += 1000;
		if (session_tick(s, &w)) {
			assert_int_equal(w, 0);
			assert_int_equal(session_used_ms(s), sec * 1000);
			return n;
		}
		if (w != 0) {
			warns[n] = w;
			warn_at[n++] = sec * 1000;
		}
	}
	fail_msg("the session did not time out");
	return n;
}

/* The fail_at-th cJSON allocation fails, only that one (0: none). */
static long alloc_calls, fail_at;

static void *
failing_malloc(size_t n)
{
	if (fail_at > 0 && ++alloc_calls == fail_at)
		return NULL;
	return malloc(n);
}

/* The clock as both front ends show it: time left rounded up, or time used untimed. */
static void
test_clock_text(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 3, 0, 7, 60, &clk);
	char out[32];

	(void)state;
	session_start(s);
	assert_int_equal(session_clock_text(s, out), 1);
	assert_string_equal(out, "1:00");
	t = 1;
	assert_int_equal(session_clock_text(s, out), 1);
	assert_string_equal(out, "1:00");
	t = 1000;
	assert_int_equal(session_clock_text(s, out), 1);
	assert_string_equal(out, "0:59");
	session_free(s);

	t = 0;
	s = new_session(bank, 3, 0, 7, 0, &clk);
	session_start(s);
	t = 61999;
	assert_int_equal(session_clock_text(s, out), 0);
	assert_string_equal(out, "1:01");
	session_free(s);
}

static void
test_exam_times_out_exactly(void **state)
{
	int64_t t = 123456;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 65, 0, 7, 130 * 60, &clk);
	const int expect_min[4] = { 30, 10, 5, 1 };
	int w;

	(void)state;
	assert_int_equal(s->cfg.time_limit_s, 7800);
	session_start(s);
	assert_int_equal(session_left_ms(s), 7800000);
	assert_int_equal(session_used_ms(s), 0);
	for (int k = 0; k < 4; k++) {
		int64_t at = 7800000 - (int64_t)expect_min[k] * MIN_MS;
		int64_t next = session_next_event_ms(s);

		assert_int_equal(next, at - session_used_ms(s));
		t += next - 1;
		assert_int_equal(session_tick(s, &w), 0);
		assert_int_equal(w, 0);
		t += 1;
		assert_int_equal(session_tick(s, &w), 0);
		assert_int_equal(w, expect_min[k]);
		assert_int_equal(session_left_ms(s), expect_min[k] * MIN_MS);
		/* Once only. */
		assert_int_equal(session_tick(s, &w), 0);
		assert_int_equal(w, 0);
	}
	assert_int_equal(session_next_event_ms(s), MIN_MS);
	t += MIN_MS - 1;
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(s->ended, SESSION_END_NONE);
	assert_int_equal(session_left_ms(s), 1);
	assert_int_equal(session_used_ms(s), 7799999);
	t += 1;
	assert_int_equal(session_tick(s, &w), 1);
	assert_int_equal(w, 0);
	assert_int_equal(s->ended, SESSION_END_TIMEOUT);
	assert_int_equal(session_used_ms(s), 7800000);
	assert_int_equal(session_left_ms(s), 0);
	assert_true(s->finished_at[0] != '\0');
	/* All the time went to the only item visited. */
	assert_int_equal(s->items[0].ms, 7800000);
	/* Time after the end does not count, and the end is final. */
	t += 999999;
	assert_int_equal(session_used_ms(s), 7800000);
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(s->ended, SESSION_END_TIMEOUT);
	session_free(s);

	/* The same, second by second. */
	int warns[8];
	int64_t warn_at[8];
	t = 0;
	s = new_session(bank, 65, 0, 8, 130 * 60, &clk);
	session_start(s);
	assert_int_equal(run_by_seconds(s, &t, warns, warn_at), 4);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(warns[k], expect_min[k]);
		assert_int_equal(warn_at[k], 7800000 - expect_min[k] * MIN_MS);
	}
	assert_int_equal(s->ended, SESSION_END_TIMEOUT);
	session_free(s);
}

static void
test_short_limits_warn_only_inside(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	const struct {
		long limit_s;
		int n;
		int w[4];
	} cases[] = {
		{ 20 * 60, 3, { 10, 5, 1 } },    /* a 20-question quiz */
		{ 45 * 60, 4, { 30, 10, 5, 1 } },
		{ 30 * 60, 3, { 10, 5, 1 } },    /* 30 is the limit itself */
		{ 5 * 60, 1, { 1 } },
		{ 90, 1, { 1 } },
		{ 60, 0, { 0 } },
		{ 10, 0, { 0 } },
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		int warns[8];
		int64_t warn_at[8];
		struct session *s = new_session(bank, 5, 2, c, cases[c].limit_s,
		    &clk);

		session_start(s);
		int64_t first = session_next_event_ms(s);
		int64_t expect_first = cases[c].n > 0
		    ? cases[c].limit_s * 1000 - (int64_t)cases[c].w[0] * MIN_MS
		    : cases[c].limit_s * 1000;
		assert_int_equal(first, expect_first);
		int n = run_by_seconds(s, &t, warns, warn_at);
		if (n != cases[c].n)
			fail_msg("limit %lds: %d warnings, expected %d", cases[c].limit_s,
			    n, cases[c].n);
		for (int k = 0; k < n; k++) {
			assert_int_equal(warns[k], cases[c].w[k]);
			assert_int_equal(warn_at[k],
			    cases[c].limit_s * 1000 - cases[c].w[k] * MIN_MS);
		}
		assert_int_equal(s->ended, SESSION_END_TIMEOUT);
		assert_int_equal(session_used_ms(s), cases[c].limit_s * 1000);
		session_free(s);
	}
}

static void
test_jump_warns_once_for_lowest(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 65, 0, 3, 7800, &clk);
	int w;

	(void)state;
	session_start(s);
	t = 7800000 - 4 * MIN_MS;   /* 4 minutes left: 30, 10 and 5 crossed */
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 5);
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(session_next_event_ms(s), 3 * MIN_MS);
	t += 3 * MIN_MS;
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 1);
	assert_int_equal(session_next_event_ms(s), MIN_MS);
	t += 10 * MIN_MS;   /* far past the end */
	assert_int_equal(session_tick(s, &w), 1);
	assert_int_equal(session_used_ms(s), 7800000);
	session_free(s);
}

static void
test_untimed(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 5, 1, 3, 0, &clk);
	int w;

	(void)state;
	session_start(s);
	assert_int_equal(session_left_ms(s), -1);
	assert_int_equal(session_next_event_ms(s), -1);
	t += 100LL * 3600 * 1000;
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(s->ended, SESSION_END_NONE);
	assert_int_equal(session_used_ms(s), 100LL * 3600 * 1000);
	session_finish(s, SESSION_END_SUBMIT);
	assert_int_equal(s->ended, SESSION_END_SUBMIT);
	assert_string_equal(session_end_name(s->ended), "submit");
	assert_string_equal(session_end_name(SESSION_END_TIMEOUT), "timeout");
	assert_string_equal(session_end_name(SESSION_END_EOF), "end-of-input");
	session_free(s);
}

static void
test_item_time_across_goto(void **state)
{
	int64_t t = 1000;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 5, 3, 11, 600, &clk);
	const char *why = NULL;
	int64_t sum = 0;

	(void)state;
	/* Before the start, nothing is charged. */
	t += 4000;
	assert_int_equal(session_goto(s, 2), 0);
	assert_int_equal(session_goto(s, 0), 0);
	assert_int_equal(s->items[2].ms, 0);
	session_start(s);
	t += 5000;
	assert_int_equal(session_goto(s, 3), 0);
	assert_int_equal(s->items[0].ms, 5000);
	t += 7000;
	assert_int_equal(session_goto(s, 0), 0);
	assert_int_equal(s->items[3].ms, 7000);
	t += 2000;
	/* Out of range: refused, nothing moves. */
	assert_int_equal(session_goto(s, 5), -1);
	assert_int_equal(s->cur, 0);
	const struct question *q = &bank->questions[s->items[0].d.q];
	struct response r = { { 0 }, 0 };
	r.n = q->n_key;
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
	assert_int_equal(session_answer(s, &r, &why), 0);
	assert_int_equal(s->items[0].ms, 7000);
	t += 1000;
	assert_int_equal(session_goto(s, 1), 0);
	assert_int_equal(s->items[0].ms, 8000);
	t += 500;
	session_finish(s, SESSION_END_SUBMIT);
	assert_int_equal(s->items[1].ms, 500);
	assert_int_equal(s->items[2].ms, 0);
	assert_int_equal(s->items[4].ms, 0);
	for (size_t i = 0; i < s->n; i++)
		sum += s->items[i].ms;
	assert_int_equal(sum, 15500);
	assert_int_equal(session_used_ms(s), 15500);
	session_free(s);
}

static struct response
resp(int n, ...)
{
	struct response r;
	va_list ap;

	memset(&r, 0, sizeof r);
	r.n = n;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		r.v[i] = va_arg(ap, int);
	va_end(ap);
	return r;
}

static void
expect_refused(struct session *s, const struct response *r)
{
	const char *why = NULL;
	const struct session_item *it = &s->items[s->cur];
	struct response before = it->resp;
	int answered = it->answered;
	int64_t ms = it->ms;

	assert_int_equal(session_answer(s, r, &why), -1);
	assert_non_null(why);
	assert_true(why[0] != '\0');
	/* The earlier state is kept. */
	assert_int_equal(it->answered, answered);
	assert_int_equal(it->resp.n, before.n);
	assert_memory_equal(it->resp.v, before.v, sizeof before.v);
	assert_int_equal(it->ms, ms);
}

static void
expect_taken(struct session *s, const struct response *r)
{
	const char *why = NULL;

	if (session_answer(s, r, &why) != 0)
		fail_msg("refused: %s", why);
	assert_true(s->items[s->cur].answered);
	assert_int_equal(s->items[s->cur].resp.n, r->n);
}

static void
test_answer_validation(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session_config cfg;
	struct session *s = NULL;
	char *err = NULL;
	int qi[5];
	struct draw_item *items = calloc(5, sizeof *items);
	struct response r;

	(void)state;
	assert_non_null(items);
	qi[0] = find_q(Q_SINGLE, 0);
	qi[1] = find_q(Q_MULTIPLE, 2);
	qi[2] = find_q(Q_MULTIPLE, 3);
	qi[3] = find_q(Q_ORDERING, 0);
	qi[4] = find_q(Q_MATCHING, 0);
	for (int i = 0; i < 5; i++)
		items[i] = item_for(qi[i], 1);
	memset(&cfg, 0, sizeof cfg);
	assert_int_equal(session_new(bank, &cfg, items, 5, &clk, &s, &err), 0);
	session_start(s);

	/* single: exactly one, in range. */
	const struct question *q = &bank->questions[qi[0]];
	r = resp(0);
	expect_refused(s, &r);
	r = resp(2, 0, 1);
	expect_refused(s, &r);
	r = resp(1, q->n_choices);
	expect_refused(s, &r);
	r = resp(1, -1);
	expect_refused(s, &r);
	r = resp(1, q->key[0]);
	expect_taken(s, &r);
	assert_true(session_item_correct(s, 0));
	/* A refused change keeps the recorded answer. */
	r = resp(2, 0, 1);
	expect_refused(s, &r);
	assert_true(session_item_correct(s, 0));

	/* multiple (two): at most n_key distinct options; stored ascending.
	 * Fewer is an incomplete answer: kept, counted as incomplete, wrong. */
	assert_int_equal(session_goto(s, 1), 0);
	q = &bank->questions[qi[1]];
	r = resp(0);
	expect_refused(s, &r);
	r = resp(1, q->key[0]);
	expect_taken(s, &r);
	assert_int_equal(session_item_status(s, 1), ANSWER_INCOMPLETE);
	assert_false(session_item_correct(s, 1));
	assert_int_equal(session_count_incomplete(s), 1);
	r = resp(3, 0, 1, 2);
	expect_refused(s, &r);
	r = resp(2, q->key[0], q->key[0]);
	expect_refused(s, &r);
	r = resp(2, q->key[1], q->key[0]);
	expect_taken(s, &r);
	assert_int_equal(s->items[1].resp.v[0], q->key[0]);
	assert_int_equal(s->items[1].resp.v[1], q->key[1]);
	assert_true(session_item_correct(s, 1));

	/* multiple (three). */
	assert_int_equal(session_goto(s, 2), 0);
	q = &bank->questions[qi[2]];
	r = resp(4, 0, 1, 2, 3);
	expect_refused(s, &r);
	r = resp(2, q->key[0], q->key[1]);
	expect_taken(s, &r);
	assert_int_equal(session_item_status(s, 2), ANSWER_INCOMPLETE);
	r = resp(3, q->key[2], q->key[0], q->key[1]);
	expect_taken(s, &r);
	assert_true(session_item_correct(s, 2));

	/* ordering: every item exactly once, order kept. */
	assert_int_equal(session_goto(s, 3), 0);
	q = &bank->questions[qi[3]];
	r.n = q->n_choices - 1;
	memcpy(r.v, q->key, sizeof(int) * (size_t)r.n);
	expect_refused(s, &r);
	r.n = q->n_choices;
	memcpy(r.v, q->key, sizeof(int) * (size_t)r.n);
	r.v[1] = r.v[0];
	expect_refused(s, &r);
	memcpy(r.v, q->key, sizeof(int) * (size_t)r.n);
	int tmp = r.v[0];
	r.v[0] = r.v[1];
	r.v[1] = tmp;
	expect_taken(s, &r);
	assert_int_equal(s->items[3].resp.v[0], q->key[1]);
	assert_false(session_item_correct(s, 3));
	memcpy(r.v, q->key, sizeof(int) * (size_t)r.n);
	expect_taken(s, &r);
	assert_true(session_item_correct(s, 3));

	/* matching: every prompt given, matched to a real option or -1
	 * (unmatched: incomplete); at least one matched. */
	assert_int_equal(session_goto(s, 4), 0);
	q = &bank->questions[qi[4]];
	r.n = q->n_prompts - 1;
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_prompts);
	expect_refused(s, &r);
	r.n = q->n_prompts;
	r.v[0] = q->n_choices;
	expect_refused(s, &r);
	r.v[0] = -2;
	expect_refused(s, &r);
	for (int k = 0; k < r.n; k++)
		r.v[k] = -1;
	expect_refused(s, &r);
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_prompts);
	r.v[0] = -1;
	expect_taken(s, &r);
	assert_int_equal(session_item_status(s, 4), ANSWER_INCOMPLETE);
	assert_false(session_item_correct(s, 4));
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_prompts);
	expect_taken(s, &r);
	assert_true(session_item_correct(s, 4));
	/* One option for every prompt is complete, just wrong. */
	for (int i = 0; i < r.n; i++)
		r.v[i] = q->key[0];
	expect_taken(s, &r);
	assert_false(session_item_correct(s, 4));

	assert_int_equal(session_count_answered(s), 5);
	session_free(s);
}

static void
test_clear_and_flag(void **state)
{
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 6, 4, 5, 0, &clk);
	const char *why;

	(void)state;
	session_start(s);
	for (size_t i = 0; i < 3; i++) {
		const struct question *q = &bank->questions[s->items[i].d.q];
		struct response r = { { 0 }, 0 };

		r.n = q->n_key;
		memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
		assert_int_equal(session_goto(s, i), 0);
		assert_int_equal(session_answer(s, &r, &why), 0);
	}
	assert_int_equal(session_count_answered(s), 3);
	assert_int_equal(session_goto(s, 1), 0);
	session_clear(s);
	assert_false(s->items[1].answered);
	assert_false(session_item_correct(s, 1));
	assert_int_equal(session_count_answered(s), 2);
	session_clear(s);   /* clearing twice is harmless */
	assert_int_equal(session_count_answered(s), 2);

	assert_int_equal(session_count_flagged(s), 0);
	session_toggle_flag(s);
	assert_true(s->items[1].flagged);
	assert_int_equal(session_goto(s, 5), 0);
	session_toggle_flag(s);
	assert_int_equal(session_count_flagged(s), 2);
	session_toggle_flag(s);
	assert_false(s->items[5].flagged);
	assert_int_equal(session_count_flagged(s), 1);
	/* Flags and answers are independent. */
	assert_true(s->items[0].answered && !s->items[0].flagged);
	session_free(s);
}

static void
test_unscored_choice(void **state)
{
	struct draw_request req;
	struct session_config cfg;
	struct draw_item *items = NULL, *copy;
	struct session *a = NULL, *b = NULL;
	size_t n, una = 0, same = 0;
	char *err = NULL;

	(void)state;
	memset(&req, 0, sizeof req);
	req.count = 65;
	req.seed = 31;
	assert_int_equal(draw_items(bank, &req, &items, &n, &err), 0);
	copy = malloc(n * sizeof *copy);
	assert_non_null(copy);
	memcpy(copy, items, n * sizeof *copy);
	memset(&cfg, 0, sizeof cfg);
	cfg.seed = 31;
	cfg.unscored = 15;
	assert_int_equal(session_new(bank, &cfg, items, n, clock_monotonic(), &a,
	    &err), 0);
	assert_int_equal(session_new(bank, &cfg, copy, n, clock_monotonic(), &b,
	    &err), 0);
	for (size_t i = 0; i < n; i++) {
		una += !a->items[i].scored;
		same += a->items[i].scored == b->items[i].scored;
		/* The draw itself is untouched. */
		assert_memory_equal(&a->items[i].d, &b->items[i].d,
		    sizeof a->items[i].d);
	}
	assert_int_equal(una, 15);
	assert_int_equal(a->cfg.unscored, 15);
	assert_int_equal(same, n);
	session_free(a);
	session_free(b);
}

/* What restore must bring back, compared field by field. */
static void
assert_same_items(const struct session *a, const struct session *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct session_item *x = &a->items[i], *y = &b->items[i];

		assert_int_equal(x->d.q, y->d.q);
		assert_int_equal(x->d.n_perm, y->d.n_perm);
		assert_memory_equal(x->d.perm, y->d.perm,
		    sizeof(int) * (size_t)x->d.n_perm);
		assert_int_equal(x->d.n_pperm, y->d.n_pperm);
		assert_memory_equal(x->d.pperm, y->d.pperm,
		    sizeof(int) * (size_t)x->d.n_pperm);
		assert_int_equal(x->scored, y->scored);
		assert_int_equal(x->answered, y->answered);
		if (x->answered) {
			assert_int_equal(x->resp.n, y->resp.n);
			assert_memory_equal(x->resp.v, y->resp.v,
			    sizeof(int) * (size_t)x->resp.n);
		}
		assert_int_equal(x->flagged, y->flagged);
	}
}

static void
answer_item(struct session *s, size_t i, int right)
{
	const struct question *q = &bank->questions[s->items[i].d.q];
	struct response r = { { 0 }, 0 };
	const char *why;

	r.n = q->n_key;
	memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
	if (!right && q->type == Q_ORDERING) {
		int x = r.v[0];

		r.v[0] = r.v[1];
		r.v[1] = x;
	} else if (!right && q->type == Q_MATCHING) {
		r.v[0] = (r.v[0] + 1) % q->n_choices;
	} else if (!right) {
		int c = first_outside_key(q);

		if (c >= 0)
			r.v[0] = c;
	}
	assert_int_equal(session_goto(s, i), 0);
	if (session_answer(s, &r, &why) != 0)
		fail_msg("%s", why);
	assert_int_equal(session_item_correct(s, i), right);
}

static void
test_autosave_and_restore(void **state)
{
	const char *dir = *state;
	int64_t t = 1000;
	struct clock clk = { clock_manual_now, &t };
	struct draw_request req;
	struct session_config cfg;
	struct draw_item *items = NULL;
	struct session *s = NULL, *r = NULL;
	size_t n;
	char *err = NULL, *path = fsutil_asprintf("%s/attempt.json", dir);
	int w;
	struct stat st;

	(void)state;
	memset(&req, 0, sizeof req);
	req.count = 10;
	req.domain = 2;
	req.seed = 99;
	assert_int_equal(draw_items(bank, &req, &items, &n, &err), 0);
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_QUIZ;
	cfg.seed = 99;
	cfg.time_limit_s = 40 * 60;
	cfg.feedback = FEEDBACK_IMMEDIATE;
	cfg.unscored = 2;
	snprintf(cfg.source, sizeof cfg.source, "domain 2");
	assert_int_equal(session_new(bank, &cfg, items, n, &clk, &s, &err), 0);
	s->save_path = fsutil_asprintf("%s", path);
	session_start(s);

	t += 3000;
	answer_item(s, 0, 1);
	t += 2000;
	answer_item(s, 4, 0);
	session_toggle_flag(s);
	t += 4000;
	assert_int_equal(session_goto(s, 9), 0);
	session_toggle_flag(s);
	answer_item(s, 9, 1);
	assert_int_equal(session_goto(s, 7), 0);
	t += 1500 + 10 * MIN_MS;
	/* 30 minutes left: warned, and the warning is saved. */
	assert_int_equal(session_tick(s, &w), 0);
	assert_int_equal(w, 30);
	assert_int_equal(session_autosave(s), 0);
	assert_null(s->save_error);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	/* Out of memory while saving (issue 11): whichever cJSON allocation
	 * fails, autosave fails and the last save stays as it was. */
	{
		char *before = NULL, *after = NULL, *rerr = NULL;
		size_t blen, alen;
		cJSON_Hooks hooks = { failing_malloc, free };
		long k;
		assert_int_equal(fsutil_read_file(path, 1 << 20, &before, &blen, &rerr), 0);
		for (k = 1; k < 100000; k++) {
			alloc_calls = 0;
			fail_at = k;
			cJSON_InitHooks(&hooks);
			int rc = session_autosave(s);
			cJSON_InitHooks(NULL);
			fail_at = 0;
			if (alloc_calls < k)
				break;
			assert_int_equal(rc, -1);
			assert_non_null(strstr(s->save_error, "out of memory"));
			assert_int_equal(fsutil_read_file(path, 1 << 20, &after, &alen, &rerr), 0);
			assert_int_equal(alen, blen);
			assert_memory_equal(after, before, blen);
			free(after);
			after = NULL;
		}
		assert_true(k > 10);
		free(before);
		assert_int_equal(session_autosave(s), 0);
	}

	int64_t used = session_used_ms(s);
	assert_int_equal(used, 10500 + 10 * MIN_MS);
	/* The attempt is interrupted (no finish) and certsim is closed an hour. */
	struct session *old = s;
	s = NULL;
	t += 3600 * 1000;

	assert_int_equal(session_restore(bank, path, &clk, &r, &err), 0);
	assert_null(err);
	assert_same_items(old, r);
	assert_int_equal(r->cur, 7);
	assert_int_equal(r->interruptions, old->interruptions + 1);
	assert_int_equal(r->cfg.mode, MODE_QUIZ);
	assert_int_equal(r->cfg.seed, 99);
	assert_int_equal(r->cfg.time_limit_s, 2400);
	assert_int_equal(r->cfg.feedback, FEEDBACK_IMMEDIATE);
	assert_int_equal(r->cfg.unscored, 2);
	assert_string_equal(r->cfg.source, "domain 2");
	assert_string_equal(r->started_at, old->started_at);
	assert_int_equal(r->ended, SESSION_END_NONE);
	/* Time between actions goes to the item on screen. */
	assert_int_equal(r->items[0].ms, 5000);
	assert_int_equal(r->items[4].ms, 4000);
	assert_int_equal(r->items[9].ms, 0);
	assert_int_equal(r->items[7].ms, 1500 + 10 * MIN_MS);
	/* The hour closed does not count, nor time before the restart. */
	assert_int_equal(session_used_ms(r), used);
	t += 5 * 3600 * 1000;
	assert_int_equal(session_used_ms(r), used);
	session_free(old);

	session_start(r);
	assert_int_equal(session_used_ms(r), used);
	t += 2000;
	assert_int_equal(session_used_ms(r), used + 2000);
	/* The 30-minute warning was given before the interruption. */
	assert_int_equal(session_tick(r, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(session_next_event_ms(r),
	    2400000 - 10 * MIN_MS - (used + 2000));

	/* Resume again: one more interruption, the new time kept. */
	r->save_path = fsutil_asprintf("%s", path);
	assert_int_equal(session_goto(r, 2), 0);
	assert_int_equal(r->items[7].ms, 1500 + 10 * MIN_MS + 2000);
	struct session *r2 = NULL;
	t += 777777;
	assert_int_equal(session_restore(bank, path, &clk, &r2, &err), 0);
	assert_int_equal(r2->interruptions, 2);
	assert_int_equal(r2->cur, 2);
	assert_int_equal(session_used_ms(r2), used + 2000);
	assert_same_items(r, r2);
	session_free(r2);

	/* A finished attempt is not autosaved over. */
	session_finish(r, SESSION_END_SUBMIT);
	assert_int_equal(session_autosave(r), 0);
	session_free(r);
	free(path);
}

/* An autosave that cannot be written keeps the attempt going and says why. */
static void
test_autosave_failure(void **state)
{
	const char *dir = *state;
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	struct session *s = new_session(bank, 5, 4, 21, 600, &clk);

	/* A directory that cannot be made (a regular file stands in its place):
	 * a vanished directory would simply be made again. */
	char *blocker = fsutil_asprintf("%s/not-a-dir", dir), *e = NULL;
	assert_int_equal(fsutil_write_atomic(blocker, "x", 1, 0600, &e), 0);
	s->save_path = fsutil_asprintf("%s/attempt.json", blocker);
	free(blocker);
	session_start(s);
	answer_item(s, 0, 1);
	assert_true(s->items[0].answered);
	assert_non_null(s->save_error);
	assert_contains(s->save_error, "not-a-dir");
	assert_int_equal(session_autosave(s), -1);

	free(s->save_path);
	s->save_path = fsutil_asprintf("%s/attempt.json", dir);
	assert_int_equal(session_autosave(s), 0);
	assert_null(s->save_error);
	session_free(s);
}

static char *
write_tiny_bank(const char *dir, const char *explanation)
{
	char *bdir = fsutil_asprintf("%s/bank", dir), *p, *qs = NULL;
	size_t len = 0;
	FILE *f;
	static const char exam[] =
	    "{ \"format\": \"certsim-exam/1\", \"code\": \"TINY-01\",\n"
	    "  \"title\": \"Tiny\", \"questions\": 5, \"duration_minutes\": 10,\n"
	    "  \"scoring\": { \"min\": 100, \"max\": 1000, \"pass\": 720, \"cut\": 0.72 },\n"
	    "  \"domains\": [\n"
	    "    { \"id\": 1, \"name\": \"Data Preparation\", \"weight\": 60,\n"
	    "      \"tasks\": [ { \"id\": \"1.1\", \"name\": \"Ingestion\" } ] },\n"
	    "    { \"id\": 2, \"name\": \"Model Development\", \"weight\": 40,\n"
	    "      \"tasks\": [ { \"id\": \"2.1\", \"name\": \"Training\" } ] } ] }\n";

	mkdir(bdir, 0700);
	p = fsutil_asprintf("%s/exam.json", bdir);
	put_plain(p, exam, sizeof exam - 1, 0600);
	free(p);
	f = open_memstream(&qs, &len);
	assert_non_null(f);
	fprintf(f, "{ \"format\": \"certsim-bank/1\", \"questions\": [\n");
	for (int i = 0; i < 10; i++)
		fprintf(f, "%s{ \"id\": \"q%d\", \"domain\": %d, \"task\": \"%d.1\", "
		    "\"type\": \"single\", \"stem\": \"Question %d?\", "
		    "\"options\": [ { \"id\": \"A\", \"text\": \"yes\" }, "
		    "{ \"id\": \"B\", \"text\": \"no\" } ], \"answer\": [\"B\"], "
		    "\"explanation\": \"%s\" }\n", i ? "," : "", i, i % 2 + 1,
		    i % 2 + 1, i, explanation);
	fprintf(f, "] }\n");
	fclose(f);
	p = fsutil_asprintf("%s/questions.json", bdir);
	put_plain(p, qs, len, 0600);
	free(p);
	free(qs);
	return bdir;
}

static struct bank *
load(const char *dir)
{
	struct bank *b = NULL;
	struct diag d = { 0 };

	if (bank_load(dir, &d, &b) != 0) {
		diag_print(&d, stderr);
		fail_msg("bank %s does not load", dir);
	}
	diag_free(&d);
	return b;
}

static void
test_restore_refuses_other_bank(void **state)
{
	const char *dir = *state;
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	char *bdir = write_tiny_bank(dir, "B is right.");
	char *path = fsutil_asprintf("%s/attempt.json", dir), *err = NULL;
	struct bank *b1 = load(bdir), *b2;
	struct session *s = new_session(b1, 5, 0, 4, 600, &clk), *r = NULL;

	(void)state;
	s->save_path = fsutil_asprintf("%s", path);
	session_start(s);
	t += 1000;
	session_toggle_flag(s);
	session_free(s);

	/* The bank is edited (one explanation) after the attempt was saved. */
	bank_free(b1);
	free(write_tiny_bank(dir, "B is right, because."));
	b2 = load(bdir);
	assert_int_equal(session_restore(b2, path, &clk, &r, &err), -1);
	assert_null(r);
	assert_contains(err, "different bank");
	assert_contains(err, path);
	free(err);
	err = NULL;

	/* Another bank altogether. */
	assert_int_equal(session_restore(bank, path, &clk, &r, &err), -1);
	assert_null(r);
	assert_contains(err, "different bank");
	free(err);
	err = NULL;

	/* Back to the original text: it resumes. */
	bank_free(b2);
	free(write_tiny_bank(dir, "B is right."));
	b1 = load(bdir);
	assert_int_equal(session_restore(b1, path, &clk, &r, &err), 0);
	assert_true(r->items[0].flagged);
	session_free(r);
	bank_free(b1);
	free(bdir);
	free(path);
}

/* Load the saved attempt at path, apply edit, write it back. */
static void
edit_attempt(const char *path, void (*edit)(cJSON *items))
{
	char *text = get_file(path, 1 << 24, NULL), *out;
	cJSON *o = cJSON_Parse(text);

	assert_non_null(o);
	edit(cJSON_GetObjectItemCaseSensitive(o, "items"));
	out = cJSON_PrintUnformatted(o);
	put_plain(path, out, strlen(out), 0600);
	free(out);
	free(text);
	cJSON_Delete(o);
}

static void
dup_perm(cJSON *items)
{
	cJSON *perm = cJSON_GetObjectItemCaseSensitive(items->child, "perm");

	cJSON_ReplaceItemInArray(perm, 1, cJSON_CreateNumber(
	    cJSON_GetArrayItem(perm, 0)->valuedouble));
}

static void
short_perm(cJSON *items)
{
	cJSON_DeleteItemFromArray(
	    cJSON_GetObjectItemCaseSensitive(items->child, "perm"), 0);
}

static void
big_perm(cJSON *items)
{
	cJSON *perm = cJSON_GetObjectItemCaseSensitive(items->child, "perm");

	cJSON_ReplaceItemInArray(perm, 0, cJSON_CreateNumber(42));
}

static void
unknown_id(cJSON *items)
{
	cJSON_ReplaceItemInObject(items->child->next, "id",
	    cJSON_CreateString("no-such-question"));
}

static void
bad_response(cJSON *items)
{
	cJSON *x = items->child;
	int v = 77;

	cJSON_ReplaceItemInObject(x, "response", cJSON_CreateIntArray(&v, 1));
}

static void
test_restore_refuses_damage(void **state)
{
	const char *dir = *state;
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	char *path = fsutil_asprintf("%s/attempt.json", dir), *err = NULL;
	char *good, *buf;
	size_t len;
	struct session *s = new_session(bank, 6, 1, 12, 720, &clk), *r = NULL;
	const struct {
		void (*edit)(cJSON *);
		const char *msg;
	} edits[] = {
		{ dup_perm, "item 1 is damaged" },
		{ short_perm, "item 1 is damaged" },
		{ big_perm, "item 1 is damaged" },
		{ unknown_id, "item 2 is not in the bank" },
		{ bad_response, "answer to item 1 is damaged" },
	};

	(void)state;
	s->save_path = fsutil_asprintf("%s", path);
	session_start(s);
	t += 1000;
	answer_item(s, 0, 1);
	answer_item(s, 1, 0);
	session_toggle_flag(s);
	session_free(s);
	good = get_file(path, 1 << 24, &len);

	for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
		put_plain(path, good, len, 0600);
		edit_attempt(path, edits[e].edit);
		assert_int_equal(session_restore(bank, path, &clk, &r, &err), -1);
		assert_null(r);
		assert_contains(err, edits[e].msg);
		assert_contains(err, path);
		free(err);
		err = NULL;
	}

	/* Every truncation is refused with a message. */
	for (size_t k = 0; k < len; k++) {
		put_plain(path, good, k, 0600);
		if (session_restore(bank, path, &clk, &r, &err) != -1)
			fail_msg("truncated to %zu bytes, it still restores", k);
		assert_null(r);
		assert_non_null(err);
		assert_true(err[0] != '\0');
		free(err);
		err = NULL;
	}
	put_plain(path, good, len / 2, 0600);
	assert_int_equal(session_restore(bank, path, &clk, &r, &err), -1);
	assert_contains(err, "damaged");
	free(err);
	err = NULL;

	/* Flipped bytes: refused or restored, never a crash or a bad session. */
	buf = malloc(len + 1);
	assert_non_null(buf);
	for (size_t k = 0; k < len; k++) {
		memcpy(buf, good, len);
		buf[k] ^= 0x01;
		put_plain(path, buf, len, 0600);
		if (session_restore(bank, path, &clk, &r, &err) == 0) {
			assert_in_range(r->n, 1, bank->n_questions);
			assert_true(r->cur < r->n);
			assert_true(session_used_ms(r) >= 0);
			session_free(r);
			r = NULL;
		} else {
			assert_non_null(err);
			free(err);
			err = NULL;
		}
	}
	free(buf);

	/* Not there at all. */
	unlink(path);
	assert_int_equal(session_restore(bank, path, &clk, &r, &err), -1);
	assert_contains(err, path);
	free(err);
	free(good);
	free(path);
}

/* No items is an error (with unscored items asked for, it used to write out of bounds). */
static void
test_new_without_items(void **state)
{
	struct session_config cfg;
	struct session *s = (struct session *)&cfg;
	char *err = NULL;
	(void)state;
	memset(&cfg, 0, sizeof cfg);
	cfg.unscored = 10;
	struct draw_item *items = calloc(1, sizeof *items);
	assert_non_null(items);
	assert_int_equal(session_new(bank, &cfg, items, 0, clock_monotonic(), &s, &err), -1);
	assert_null(s);
	assert_non_null(err);
	assert_non_null(strstr(err, "at least one item"));
	free(err);
	err = NULL;
	assert_int_equal(session_new(bank, &cfg, NULL, 0, clock_monotonic(), &s, &err), -1);
	assert_null(s);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_text),
		cmocka_unit_test(test_new_without_items),
		cmocka_unit_test(test_exam_times_out_exactly),
		cmocka_unit_test(test_short_limits_warn_only_inside),
		cmocka_unit_test(test_jump_warns_once_for_lowest),
		cmocka_unit_test(test_untimed),
		cmocka_unit_test(test_item_time_across_goto),
		cmocka_unit_test(test_answer_validation),
		cmocka_unit_test(test_clear_and_flag),
		cmocka_unit_test(test_unscored_choice),
		cmocka_unit_test_setup_teardown(test_autosave_and_restore,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_autosave_failure,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_restore_refuses_other_bank,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_restore_refuses_damage,
		    setup_tmp, teardown_tmp),
	};

	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
