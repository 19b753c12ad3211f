/* Unit tests for record (results to study reviews, cards, forecast), UTC times and draw_arrange. */
#include <cjson/cJSON.h>

#include "testutil.h"

#include "certsim/clock.h"
#include "certsim/draw.h"
#include "certsim/record.h"

/* A result of exam code on questions first..first+n-1 of the bank, correct as right(i). */
static struct result_file *
make_result(const char *code, const char *finished, size_t first, size_t n, int right_every)
{
	cJSON *r = cJSON_CreateObject(), *items;
	cJSON_AddStringToObject(r, "format", "certsim-result/1");
	cJSON_AddStringToObject(r, "mode", "exam");
	cJSON_AddStringToObject(r, "finished_at", finished);
	cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "exam"), "code", code);
	items = cJSON_AddArrayToObject(r, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *it = cJSON_CreateObject();
		cJSON_AddNumberToObject(it, "n", (double)(i + 1));
		cJSON_AddStringToObject(it, "id", bank->questions[first + i].id);
		cJSON_AddBoolToObject(it, "correct", right_every > 0 && i % right_every == 0);
		cJSON_AddItemToArray(items, it);
	}
	char *text = cJSON_Print(r), *err = NULL;
	struct result_file *out = NULL;
	assert_int_equal(result_parse(text, strlen(text), "test.json", &out, &err), 0);
	free(text);
	cJSON_Delete(r);
	return out;
}

static void
add_attempt(struct history *h, struct result_file *r, enum attempt_sig sig)
{
	h->v = realloc(h->v, (h->n + 1) * sizeof *h->v);
	assert_non_null(h->v);
	struct attempt *a = &h->v[h->n++];
	memset(a, 0, sizeof *a);
	a->path = strdup("test.json");
	a->result = r;
	a->finished_at = r->finished_at;
	a->sig = sig;
}

static void
test_iso_times(void **state)
{
	int64_t ms = 0;
	char out[32];
	(void)state;
	assert_int_equal(clock_parse_iso_ms("1970-01-01T00:00:00Z", &ms), 0);
	assert_true(ms == 0);
	assert_int_equal(clock_parse_iso_ms("2026-11-26T04:05:38.123Z", &ms), 0);
	assert_true(ms == 1795665938123LL);
	assert_int_equal(clock_parse_iso_ms("2024-02-29T23:59:59.5Z", &ms), 0);
	assert_true(ms == 1709251199500LL);
	clock_format_iso_ms(1795665938123LL, out);
	assert_string_equal(out, "2026-11-26T04:05:38.123Z");
	ms = 42;
	assert_int_equal(clock_parse_iso_ms("2026-11-26 04:05:38Z", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("2026-13-01T00:00:00Z", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("2026-11-26T04:05:38", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("2026-11-26T04:05:38.Z", &ms), -1);
	assert_int_equal(clock_parse_iso_ms(NULL, &ms), -1);
	assert_true(ms == 42);

	/* CERTSIM_NOW moves every wall-clock time; a bad value is ignored. */
	setenv("CERTSIM_NOW", "2030-01-02T03:04:05.006Z", 1);
	assert_true(clock_utc_now_ms() == 1893553445006LL);
	clock_utc_now_iso(out);
	assert_string_equal(out, "2030-01-02T03:04:05.006Z");
	clock_utc_now_stamp(out);
	assert_string_equal(out, "20300102T030405.006Z");
	setenv("CERTSIM_NOW", "soon", 1);
	assert_true(clock_utc_now_ms() > 1700000000000LL && clock_utc_now_ms() < 1893553445006LL);
	unsetenv("CERTSIM_NOW");
}

static void
test_reviews_valid_same_exam(void **state)
{
	struct history h = { 0 };
	struct study_review *rv = NULL;
	size_t n = 99;
	(void)state;

	assert_int_equal(record_reviews(&h, bank, &rv, &n), 0);
	assert_null(rv);
	assert_int_equal(n, 0);

	add_attempt(&h, make_result("MLA-C01", "2026-01-01T00:00:00Z", 0, 4, 2), ATTEMPT_SIG_VALID);
	add_attempt(&h, make_result("MLA-C01", "2026-01-02T00:00:00Z", 4, 3, 1),
	            ATTEMPT_SIG_INVALID);
	add_attempt(&h, make_result("OTHER-01", "2026-01-03T00:00:00Z", 0, 2, 1), ATTEMPT_SIG_VALID);
	add_attempt(&h, make_result("MLA-C01", "2026-01-04T00:00:00Z", 1, 2, 1),
	            ATTEMPT_SIG_UNSIGNED);
	add_attempt(&h, make_result("MLA-C01", "yesterday", 0, 2, 1), ATTEMPT_SIG_VALID);
	add_attempt(&h, make_result("MLA-C01", "2026-01-05T12:00:00.250Z", 0, 2, 1),
	            ATTEMPT_SIG_VALID);

	assert_int_equal(record_reviews(&h, bank, &rv, &n), 0);
	/* Only the two valid MLA-C01 results with a time: 4 + 2 reviews, in order. */
	assert_int_equal(n, 6);
	int64_t day1, day5;
	assert_int_equal(clock_parse_iso_ms("2026-01-01T00:00:00Z", &day1), 0);
	assert_int_equal(clock_parse_iso_ms("2026-01-05T12:00:00.250Z", &day5), 0);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(rv[i].qid, bank->questions[i].id);
		assert_true(rv[i].at == day1);
		assert_int_equal(rv[i].correct, i % 2 == 0);
		assert_null(rv[i].qhash);
	}
	assert_string_equal(rv[4].qid, bank->questions[0].id);
	assert_true(rv[5].at == day5 && rv[5].correct == 1);
	free(rv);

	/* The cards: question 0 reviewed Good then Good, question 1 Again then Good. */
	struct study *st = NULL;
	assert_int_equal(record_study(&h, bank, &st), 0);
	assert_int_equal(st->n_applied, 6);
	assert_int_equal(st->q[0].n_log, 2);
	assert_int_equal(st->q[0].log[0].rating, FSRS_GOOD);
	assert_int_equal(st->q[1].log[0].rating, FSRS_AGAIN);
	assert_int_equal(st->q[1].log[1].rating, FSRS_GOOD);
	assert_int_equal(st->q[2].n_log, 1);
	assert_int_equal(st->q[4].n_log, 0); /* only in the INVALID result */
	assert_true(st->q[0].card.due > day5);
	study_free(st);
	history_free(&h);
}

/* The forecast of a learner who answered n first-time questions, right every k-th (0: none). */
static struct forecast
forecast_of(size_t n, int right_every)
{
	struct history h = { 0 };
	struct forecast fc;
	add_attempt(&h, make_result("MLA-C01", "2026-01-01T00:00:00Z", 0, n, right_every),
	             ATTEMPT_SIG_VALID);
	/* A later review of the same questions changes nothing: first answers only. */
	add_attempt(&h, make_result("MLA-C01", "2026-01-09T00:00:00Z", 0, n, right_every ? 0 : 1),
	            ATTEMPT_SIG_VALID);
	assert_int_equal(record_forecast(&h, bank, &fc), 0);
	history_free(&h);
	return fc;
}

static void
test_forecast(void **state)
{
	(void)state;
	struct forecast few = forecast_of(FORECAST_MIN_ANSWERS - 1, 1);
	assert_int_equal(few.available, 0);
	assert_non_null(few.reason);
	assert_int_equal(few.based_on, FORECAST_MIN_ANSWERS - 1);

	struct forecast all = forecast_of(bank->n_questions, 1), none = forecast_of(bank->n_questions, 0);
	assert_int_equal(all.available, 1);
	assert_int_equal(all.based_on, (int)bank->n_questions);
	assert_true(all.pass_probability > 0.99);
	assert_true(all.p10 >= bank->bp.score_pass);
	assert_int_equal(none.available, 1);
	assert_true(none.pass_probability < 0.01);
	assert_true(none.p90 < bank->bp.score_pass);

	/* Monotonic in skill: right every 1st, 2nd, 3rd, 5th question. */
	struct forecast s1 = forecast_of(bank->n_questions, 3), s2 = forecast_of(bank->n_questions, 2);
	assert_true(none.p50 <= s1.p50 && s1.p50 <= s2.p50 && s2.p50 <= all.p50);
	assert_true(none.pass_probability <= s1.pass_probability &&
	            s1.pass_probability <= s2.pass_probability &&
	            s2.pass_probability <= all.pass_probability);
	assert_true(s1.p50 < all.p50);
}

static void
test_draw_arrange(void **state)
{
	int qs[3] = { 5, 0, 2 };
	struct draw_item *a = NULL, *b = NULL;
	(void)state;
	assert_int_equal(draw_arrange(bank, qs, 3, 7, &a), 0);
	assert_int_equal(draw_arrange(bank, qs, 3, 7, &b), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(a[i].q, qs[i]);
		assert_int_equal(a[i].n_perm, bank->questions[qs[i]].n_choices);
		assert_memory_equal(a[i].perm, b[i].perm, sizeof a[i].perm);
	}
	free(a);
	free(b);
	assert_int_equal(draw_arrange(bank, qs, 0, 7, &a), 0);
	assert_null(a);
	qs[1] = (int)bank->n_questions;
	assert_int_equal(draw_arrange(bank, qs, 3, 7, &a), -1);
	assert_null(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_times),
		cmocka_unit_test(test_reviews_valid_same_exam),
		cmocka_unit_test(test_forecast),
		cmocka_unit_test(test_draw_arrange),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
