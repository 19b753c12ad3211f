/*
 * bench/gen_record: write a learner's record of N signed results (years of
 * daily study) into CERTSIM_HOME, through the library's own session, score
 * and result writer, with the clock moved by CERTSIM_NOW.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/clock.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/rng.h"
#include "certsim/score.h"
#include "certsim/session.h"

/* One attempt: an exam (every 20th) or a 20-item quiz; each answer right with chance skill. */
static int
one(const struct bank *b, const char *home, uint64_t seed, double skill, struct rng *r)
{
	struct draw_request req = { 0 };
	struct session_config cfg = { 0 };
	struct draw_item *items = NULL;
	struct session *s = NULL;
	struct score sc;
	size_t n;
	char *err = NULL, *path = NULL;
	int64_t t = 0;
	struct clock clk = { clock_manual_now, &t };
	int exam = seed % 20 == 0;
	req.count = exam ? b->bp.questions : 20;
	req.seed = seed;
	cfg.mode = exam ? MODE_EXAM : MODE_QUIZ;
	cfg.seed = seed;
	snprintf(cfg.source, sizeof cfg.source, "all");
	if (draw_items(b, &req, &items, &n, &err) < 0 ||
	    session_new(b, &cfg, items, n, &clk, &s, &err) < 0) {
		fprintf(stderr, "gen_record: %s\n", err ? err : "out of memory");
		return -1;
	}
	session_start(s);
	for (size_t i = 0; i < s->n; i++) {
		const struct question *q = &b->questions[s->items[i].d.q];
		struct response resp = { .n = q->n_key };
		const char *why;
		t += 60000;
		session_goto(s, i);
		if (rng_unit(r) >= skill)
			continue; /* unanswered: rated Again */
		memcpy(resp.v, q->key, sizeof resp.v);
		session_answer(s, &resp, &why);
	}
	session_finish(s, SESSION_END_SUBMIT);
	int rc = score_compute(s, &sc);
	if (rc == 0) {
		rc = result_save(s, &sc, home, NULL, &path, &err);
		score_free(&sc);
	}
	if (rc < 0)
		fprintf(stderr, "gen_record: %s\n", err ? err : "out of memory");
	free(path);
	free(err);
	session_free(s);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: gen_record BANK HOME N [START_ISO]\n");
		return 2;
	}
	struct diag d = { 0 };
	struct bank *b = NULL;
	int64_t now = 1577869200000LL; /* 2020-01-01T09:00:00Z */
	long n = strtol(argv[3], NULL, 10);
	if (argc > 4 && clock_parse_iso_ms(argv[4], &now) < 0) {
		fprintf(stderr, "gen_record: bad start time %s\n", argv[4]);
		return 2;
	}
	if (bank_load(argv[1], &d, &b) < 0) {
		diag_print(&d, stderr);
		return 1;
	}
	diag_free(&d);
	char *dir = home_path(argv[2], HOME_RESULTS), *err = NULL;
	if (dir == NULL || fsutil_mkdirs(dir, 0700, &err) < 0) {
		fprintf(stderr, "gen_record: %s\n", err ? err : "out of memory");
		return 1;
	}
	free(dir);
	struct rng r;
	rng_init(&r, 42);
	for (long k = 0; k < n; k++) {
		char iso[32];
		/* Four sessions a day, the learner improving from 50% to 85%. */
		clock_format_iso_ms(now + k * (6 * 3600000LL) + (k % 7) * 60000, iso);
		setenv("CERTSIM_NOW", iso, 1);
		if (one(b, argv[2], (uint64_t)k, 0.5 + 0.35 * (double)k / (double)n, &r) < 0)
			return 1;
	}
	bank_free(b);
	return 0;
}
