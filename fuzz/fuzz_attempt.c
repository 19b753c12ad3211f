/*
 * libFuzzer target for the saved-attempt loader: the input is written as
 * attempt.json and session_restore() reads it against the fixture bank. An
 * attempt that loads is driven (every item visited, scored, its result
 * built), saved again and restored again: the round trip must keep every
 * answer, flag and the item order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/fsutil.h"
#include "certsim/result.h"
#include "certsim/score.h"
#include "certsim/session.h"
#include "fuzz_common.h"

#ifndef FUZZ_GOOD_BANK
#error "FUZZ_GOOD_BANK must name tests/fixtures/banks/good"
#endif

static struct bank *bank;
static char attempt_path[512], resaved_path[512];
static int64_t now_ms;
static struct clock manual = { clock_manual_now, &now_ms };

static void
cleanup(void)
{
	static const char *const names[] = { "attempt.json", "resaved.json" };
	fuzz_cleanup(names, 2);
	bank_free(bank);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d = { 0 };
	(void)argc;
	(void)argv;
	if (bank_load(FUZZ_GOOD_BANK, &d, &bank) < 0) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
	fuzz_scratch_dir("fuzz-attempt");
	fuzz_path(attempt_path, sizeof attempt_path, "attempt.json");
	fuzz_path(resaved_path, sizeof resaved_path, "resaved.json");
	atexit(cleanup);
	return 0;
}

static void
same_attempt(const struct session *a, const struct session *b)
{
	if (a->n != b->n || a->cfg.mode != b->cfg.mode || a->cfg.time_limit_s != b->cfg.time_limit_s)
		abort();
	for (size_t i = 0; i < a->n; i++) {
		const struct session_item *x = &a->items[i], *y = &b->items[i];
		if (x->d.q != y->d.q || x->answered != y->answered || x->flagged != y->flagged ||
		    x->scored != y->scored ||
		    memcmp(x->d.perm, y->d.perm, sizeof x->d.perm) != 0 ||
		    (x->answered && (x->resp.n != y->resp.n ||
		                     memcmp(x->resp.v, y->resp.v,
		                            (size_t)x->resp.n * sizeof *x->resp.v) != 0)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session *s = NULL, *again = NULL;
	struct score sc;
	char *err = NULL, *text;
	int warn;

	fuzz_write(attempt_path, data, size);
	now_ms = 0;
	if (session_restore(bank, attempt_path, &manual, &s, &err) < 0) {
		if (err == NULL || s != NULL)
			abort();
		free(err);
		return 0;
	}
	if (s->n == 0 || s->cur >= s->n || s->interruptions < 1)
		abort();
	session_start(s);
	for (size_t i = 0; i < s->n; i++) {
		now_ms += 1000;
		session_goto(s, i);
		session_tick(s, &warn);
		session_next_event_ms(s);
		session_left_ms(s);
	}
	/* Time may have run out on the way (the attempt then ended, unsaved). */
	if (s->ended == SESSION_END_NONE) {
		unlink(resaved_path);
		if ((s->save_path = fsutil_asprintf("%s", resaved_path)) == NULL)
			abort();
		if (session_autosave(s) < 0)
			abort();
		if (session_restore(bank, resaved_path, &manual, &again, &err) < 0) {
			fprintf(stderr, "an attempt certsim saved does not load: %s\n", err);
			abort();
		}
		same_attempt(s, again);
	}
	session_finish(s, SESSION_END_SUBMIT);
	if (score_compute(s, &sc) < 0)
		abort();
	if ((text = result_build(s, &sc)) == NULL)
		abort();
	free(text);
	score_free(&sc);
	session_free(again);
	session_free(s);
	return 0;
}
