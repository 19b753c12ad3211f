/* Unit tests for report_record: the report's data filled from result files. */
#include "testutil.h"

#include "certsim/clock.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/report_record.h"

static void
put_result(const char *home, const char *name, const char *json)
{
	char *dir = home_path(home, HOME_RESULTS), *path;
	assert_non_null(dir);
	mkdir(dir, 0700);
	path = join(dir, name);
	put_plain(path, json, strlen(json), 0644);
	free(path);
	free(dir);
}

/*
 * A result of exam code with two items (questions q0 right and q1 wrong,
 * 30 s and 90 s), domain 1 and task 1.1 counts, and one unknown task.
 */
static char *
result_json(const char *mode, const char *code, const char *finished, const char *q0,
            const char *q1, int scaled)
{
	char *s = fsutil_asprintf(
	    "{\"format\": \"certsim-result/1\", \"mode\": \"%s\", \"finished_at\": \"%s\","
	    " \"exam\": {\"code\": \"%s\", \"title\": \"T <%s>\","
	    " \"scoring\": {\"min\": 100, \"max\": 1000, \"pass\": 720, \"cut\": 0.72}},"
	    " \"time_used_s\": 120, \"time_limit_s\": 7800,"
	    " \"score\": {\"correct\": 1, \"scored\": 2, \"percent\": 50, \"scaled\": %d,"
	    " \"passed\": false},"
	    " \"domains\": [{\"id\": 1, \"name\": \"Dom one\", \"correct\": 1, \"total\": 2}],"
	    " \"tasks\": [{\"id\": \"1.1\", \"name\": \"Task one\", \"correct\": 1, \"total\": 2},"
	    " {\"id\": \"9.9\", \"name\": \"Gone\", \"correct\": 0, \"total\": 1}],"
	    " \"items\": [{\"n\": 1, \"id\": \"%s\", \"task\": \"1.1\", \"correct\": true,"
	    " \"seconds\": 30},"
	    " {\"n\": 2, \"id\": \"%s\", \"task\": \"1.1\", \"correct\": false, \"seconds\": 90}]}",
	    mode, finished, code, code, scaled, q0, q1);
	assert_non_null(s);
	return s;
}

static void
test_parse_time(void **state)
{
	int64_t ms = -1;

	(void)state;
	assert_int_equal(clock_parse_iso_ms("1970-01-01T00:00:00Z", &ms), 0);
	assert_int_equal(ms, 0);
	assert_int_equal(clock_parse_iso_ms("2024-02-29T00:00:01Z", &ms), 0);
	assert_int_equal(ms, 1709164801000);
	/* The stamps of results: one parser, clock_parse_iso_ms, which keeps milliseconds. */
	assert_int_equal(clock_parse_iso_ms("2026-12-02T18:28:31.967Z", &ms), 0);
	assert_int_equal(ms, 1796236111967); /* date -u -d ... +%s%3N */
	assert_int_equal(clock_parse_iso_ms("2026-13-02T18:28:31Z", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("2026-12-02 18:28:31Z", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("yesterday", &ms), -1);
	assert_int_equal(clock_parse_iso_ms("", &ms), -1);
	assert_int_equal(clock_parse_iso_ms(NULL, &ms), -1);
}

static void
test_build(void **state)
{
	char *home = *state, *err = NULL, *j;
	struct history h;
	struct report_record *rr = NULL;
	const char *q0 = bank->questions[0].id, *q1 = bank->questions[1].id;
	const char *q2 = bank->questions[2].id;
	int64_t now;

	j = result_json("exam", "MLA-C01", "2026-11-01T10:00:00Z", q0, q1, 600);
	put_result(home, "1.json", j);
	free(j);
	j = result_json("quiz", "MLA-C01", "2026-11-02T10:00:00Z", q1, q2, 0);
	put_result(home, "2.json", j);
	free(j);
	j = result_json("exam", "OTHER-C01", "2026-11-03T10:00:00Z", q0, q2, 800);
	put_result(home, "3.json", j);
	free(j);
	j = result_json("exam", "MLA-C01", "2026-11-04T10:00:00Z", q2, q0, 700);
	put_result(home, "4.json", j);
	free(j);
	assert_int_equal(history_load(home, 0, &h, &err), 0);
	assert_int_equal(h.n, 4);
	assert_int_equal(clock_parse_iso_ms("2026-11-05T10:00:00Z", &now), 0);

	/* The bank's exam: two exams and one quiz of MLA-C01, the bank's blueprint. */
	assert_int_equal(report_record_build(&h, bank, NULL, now, &rr, &err), 0);
	const struct report_data *d = report_record_data(rr);
	assert_string_equal(d->exam_code, "MLA-C01");
	assert_int_equal(d->n_domains, bank->bp.n_domains);
	assert_int_equal(d->n_tasks, bank->bp.n_tasks);
	assert_int_equal(d->questions, bank->bp.questions);
	assert_string_equal(d->domains[0].id, "1");
	assert_string_equal(d->tasks[0].id, "1.1");
	assert_int_equal(d->n_exams, 2);
	assert_int_equal(d->n_practice, 1);
	assert_int_equal(d->exams[0].scaled, 600);
	assert_int_equal(d->exams[1].scaled, 700);
	assert_string_equal(d->practice[0].mode, "quiz");
	/* Parts mapped to the blueprint's lists; task 9.9 is left out. */
	assert_int_equal(d->exams[1].domains[0].correct, 1);
	assert_int_equal(d->exams[1].domains[0].total, 2);
	assert_int_equal(d->exams[1].domains[1].total, 0);
	assert_int_equal(d->exams[1].tasks[0].total, 2);
	for (int t = 1; t < d->n_tasks; t++)
		assert_int_equal(d->exams[1].tasks[t].total, 0);
	/* Items for pacing. */
	assert_int_equal(d->exams[1].n_items, 2);
	assert_string_equal(d->exams[1].items[0].id, q2);
	assert_true(d->exams[1].items[1].seconds == 90.0);
	assert_int_equal(d->exams[1].items[1].correct, 0);
	assert_int_equal(d->exams[1].time_limit_s, 7800);
	/* Readiness over this code's exams only. */
	/* The second exam repeats questions already seen, so it does not count (fair exams only). */
	assert_int_equal(d->readiness.counted, 1);
	assert_int_equal(d->readiness.ready, 0);
	/* The verdict's reason without history's "NOT READY YET: " prefix. */
	assert_string_equal(d->readiness.reason,
	                    "1 of your last 1 full exams scored under 80% "
	                    "(latest 50%); the goal is three in a row at 80%+.");
	/* Study: q0, q1, q2 seen (OTHER-C01's answers do not count). */
	assert_non_null(d->study);
	assert_int_equal(d->study->seen, 3);
	assert_int_equal(d->study->seen + d->study->new_items, (int)bank->n_questions);
	assert_true(d->study->due_week >= d->study->due_now);
	/* Fewer than 20 first-time answers: no forecast yet, with a reason. */
	assert_non_null(d->forecast);
	assert_int_equal(d->forecast->available, 0);
	assert_int_equal(d->forecast->based_on, 3);
	assert_non_null(d->forecast->reason);
	assert_string_equal(d->generated_at, "2026-11-05T10:00:00Z");
	assert_int_equal(report_record_skipped(rr), 0);
	report_record_free(rr);

	/* Another code, no bank of it: names and scale from its newest result. */
	assert_int_equal(report_record_build(&h, bank, "OTHER-C01", now, &rr, &err), 0);
	d = report_record_data(rr);
	assert_string_equal(d->exam_title, "T <OTHER-C01>");
	assert_int_equal(d->pass_mark, 720);
	assert_int_equal(d->n_domains, 1);
	assert_string_equal(d->domains[0].name, "Dom one");
	assert_int_equal(d->n_tasks, 2);
	assert_int_equal(d->n_exams, 1);
	assert_int_equal(d->exams[0].scaled, 800);
	assert_int_equal(d->exams[0].tasks[1].total, 1);
	assert_int_equal(d->questions, 0);
	assert_null(d->study);
	assert_null(d->forecast);
	report_record_free(rr);

	/* A result whose signature is not valid is left out and counted. */
	h.v[0].sig = ATTEMPT_SIG_INVALID;
	assert_int_equal(report_record_build(&h, bank, "MLA-C01", now, &rr, &err), 0);
	d = report_record_data(rr);
	assert_int_equal(d->n_exams, 1);
	assert_int_equal(d->exams[0].scaled, 700);
	assert_int_equal(report_record_skipped(rr), 1);
	report_record_free(rr);

	/* No result of a code and no bank of it: an error that names the code. */
	assert_int_equal(report_record_build(&h, bank, "NOPE-C01", now, &rr, &err), -1);
	assert_null(rr);
	assert_contains(err, "NOPE-C01");
	free(err);
	err = NULL;
	assert_int_equal(report_record_build(&h, NULL, NULL, now, &rr, &err), -1);
	assert_non_null(err);
	free(err);
	history_free(&h);
}

static void
test_empty(void **state)
{
	char *home = *state, *err = NULL;
	struct history h;
	struct report_record *rr = NULL;

	assert_int_equal(history_load(home, 0, &h, &err), 0);
	assert_int_equal(report_record_build(&h, bank, NULL, 0, &rr, &err), 0);
	const struct report_data *d = report_record_data(rr);
	assert_int_equal(d->n_exams, 0);
	assert_int_equal(d->n_practice, 0);
	assert_int_equal(d->study->seen, 0);
	assert_int_equal(d->readiness.counted, 0);
	report_record_free(rr);
	report_record_free(NULL);
	history_free(&h);
}

static int
setup(void **state)
{
	return tmpdir_setup(state, "report_record");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test_setup_teardown(test_build, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown_tmp),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
