/* Unit tests for history: reading results/ into typed attempts, exposure, and its JSON. */
#include <cjson/cJSON.h>

#include "testutil.h"

#include "certsim/history.h"
#include "certsim/home.h"

/* Write a result file (no signature) named name in home/results. */
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

/* A minimal result: mode, finish time, one item on question qid, a raw percent. */
static char *
result_json(const char *mode, const char *finished, const char *qid, int correct,
            double percent)
{
	char *s = fsutil_asprintf(
	    "{\"format\": \"certsim-result/1\", \"mode\": \"%s\", \"finished_at\": \"%s\","
	    " \"exam\": {\"code\": \"MLA-C01\"}, \"time_limit_s\": 7800, \"time_used_s\": 75,"
	    " \"score\": {\"correct\": %d, \"scored\": 1, \"percent\": %g, \"scaled\": 500,"
	    " \"passed\": false},"
	    " \"domains\": [{\"id\": 1, \"percent\": %g}], \"tasks\": [{\"id\": \"1.1\", "
	    "\"percent\": %g}],"
	    " \"items\": [{\"n\": 1, \"id\": \"%s\", \"correct\": %s, \"seconds\": 75}]}",
	    mode, finished, correct, percent, percent, percent, qid, correct ? "true" : "false");
	assert_non_null(s);
	return s;
}

static void
test_load_orders_and_skips(void **state)
{
	char *home = *state, *err = NULL, *j;
	struct history h;
	const char *q0 = bank->questions[0].id, *q1 = bank->questions[1].id;

	/* No results/ yet: an empty history, not an error. */
	assert_int_equal(history_load(home, 0, &h, &err), 0);
	assert_null(err);
	assert_int_equal(h.n, 0);
	history_free(&h);

	j = result_json("quiz", "2026-01-03T00:00:00Z", q0, 1, 100);
	put_result(home, "b.json", j);
	free(j);
	j = result_json("exam", "2026-01-01T00:00:00Z", q0, 0, 0);
	put_result(home, "a-later-name.json", j);
	free(j);
	j = result_json("exam", "2026-01-02T00:00:00Z", q1, 0, 50);
	put_result(home, "c.json", j);
	free(j);
	/* Skipped: not .json, a dot file, another format, no finished_at, not JSON. */
	put_result(home, "notes.txt", "{}");
	put_result(home, ".hidden.json", "{\"format\": \"certsim-result/1\"}");
	put_result(home, "other.json", "{\"format\": \"something-else/1\", \"finished_at\": \"x\"}");
	put_result(home, "nofinish.json", "{\"format\": \"certsim-result/1\"}");
	put_result(home, "broken.json", "{\"format\": ");

	assert_int_equal(history_load(home, 0, &h, &err), 0);
	assert_int_equal(h.n, 3);
	/* Oldest first, by finished_at (not by file name). */
	assert_string_equal(h.v[0].finished_at, "2026-01-01T00:00:00Z");
	assert_string_equal(h.v[1].finished_at, "2026-01-02T00:00:00Z");
	assert_string_equal(h.v[2].finished_at, "2026-01-03T00:00:00Z");
	assert_contains(h.v[0].path, "a-later-name.json");
	/* Typed: the reader's values, and no verification asked. */
	const struct result_file *r = h.v[2].result;
	assert_string_equal(r->mode, "quiz");
	assert_int_equal(r->time_used_s, 75);
	assert_int_equal(r->n_items, 1);
	assert_string_equal(r->items[0].id, q0);
	assert_true(r->items[0].correct);
	assert_int_equal(h.v[2].sig, ATTEMPT_SIG_VALID);
	/* Inconsistent (hand-made) results are listed, with their problem. */
	assert_non_null(r->problem);

	/* Exposure: q0 last seen in attempt 3 (right), q1 in attempt 2 (wrong). */
	uint64_t *seen = calloc(bank->n_questions, sizeof *seen);
	signed char *last = calloc(bank->n_questions, 1);
	assert_non_null(seen);
	assert_non_null(last);
	history_exposure(&h, bank, seen, last);
	assert_int_equal(seen[0], 3);
	assert_int_equal(last[0], 1);
	assert_int_equal(seen[1], 2);
	assert_int_equal(last[1], 0);
	assert_int_equal(seen[2], 0);
	assert_int_equal(last[2], -1);
	free(seen);
	free(last);

	/* With verification: unsigned, with the reason. */
	history_free(&h);
	assert_int_equal(history_load(home, 1, &h, &err), 0);
	assert_int_equal(h.n, 3);
	for (size_t i = 0; i < h.n; i++) {
		assert_int_equal(h.v[i].sig, ATTEMPT_SIG_UNSIGNED);
		assert_string_equal(history_sig_name(h.v[i].sig), "unsigned");
		assert_contains(h.v[i].sig_reason, "no signature");
	}
	history_free(&h);
	assert_int_equal(h.n, 0);
	assert_null(h.v);
}

static void
test_json(void **state)
{
	char *home = *state, *err = NULL, *j, *text;
	struct history h;
	cJSON *o;

	j = result_json("exam", "2026-01-01T00:00:00Z", bank->questions[0].id, 0, 60);
	put_result(home, "a.json", j);
	free(j);
	j = result_json("quiz", "2026-01-02T00:00:00Z", bank->questions[0].id, 1, 90);
	put_result(home, "b.json", j);
	free(j);
	assert_int_equal(history_load(home, 0, &h, &err), 0);
	text = history_json(&h, bank);
	assert_non_null(text);
	o = cJSON_Parse(text);
	assert_non_null(o);
	const cJSON *att = cJSON_GetObjectItem(o, "attempts");
	assert_int_equal(cJSON_GetArraySize(att), 2);
	const cJSON *a1 = cJSON_GetArrayItem(att, 1);
	assert_string_equal(cJSON_GetObjectItem(a1, "mode")->valuestring, "quiz");
	assert_int_equal(cJSON_GetObjectItem(a1, "time_used_s")->valueint, 75);
	assert_string_equal(cJSON_GetObjectItem(a1, "signature")->valuestring, "valid");
	/* Every domain and task of the blueprint has a row; domain 1 has both attempts. */
	const cJSON *doms = cJSON_GetObjectItem(o, "domains");
	assert_int_equal(cJSON_GetArraySize(doms), bank->bp.n_domains);
	const cJSON *d1 = cJSON_GetArrayItem(doms, 0);
	assert_int_equal(cJSON_GetObjectItem(d1, "id")->valueint, bank->bp.domains[0].id);
	const cJSON *pc = cJSON_GetObjectItem(d1, "percent");
	assert_int_equal(cJSON_GetArraySize(pc), 2);
	assert_int_equal(cJSON_GetArrayItem(pc, 0)->valueint, 60);
	assert_int_equal(cJSON_GetArrayItem(pc, 1)->valueint, 90);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(o, "tasks")), bank->bp.n_tasks);
	/* "trends" compares like with like, as the text does: the exam and the
	 * quiz each in their own table, columns named by attempt number. */
	const cJSON *tr = cJSON_GetObjectItem(o, "trends");
	const cJSON *te = cJSON_GetObjectItem(tr, "exam"), *tq = cJSON_GetObjectItem(tr, "quiz");
	assert_non_null(te);
	assert_non_null(tq);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(te, "attempts")), 1);
	assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(te, "attempts"), 0)->valueint, 1);
	assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(tq, "attempts"), 0)->valueint, 2);
	d1 = cJSON_GetArrayItem(cJSON_GetObjectItem(te, "domains"), 0);
	pc = cJSON_GetObjectItem(d1, "percent");
	assert_int_equal(cJSON_GetArraySize(pc), 1);
	assert_int_equal(cJSON_GetArrayItem(pc, 0)->valueint, 60);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(d1, "direction")));
	d1 = cJSON_GetArrayItem(cJSON_GetObjectItem(tq, "domains"), 0);
	assert_int_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(d1, "percent"), 0)->valueint, 90);
	/* Every task has a row, null under an attempt that does not list it. */
	const cJSON *tasks = cJSON_GetObjectItem(te, "tasks");
	assert_int_equal(cJSON_GetArraySize(tasks), bank->bp.n_tasks);
	int nulls = 0;
	for (int i = 0; i < bank->bp.n_tasks; i++)
		nulls += cJSON_IsNull(
		    cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(tasks, i), "percent"), 0));
	assert_int_equal(nulls, bank->bp.n_tasks - 1);
	/* Readiness: one exam of three (the quiz does not count). */
	const cJSON *rd = cJSON_GetObjectItem(o, "readiness");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(rd, "ready")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(rd, "last_exams_percent")), 1);
	assert_contains(cJSON_GetObjectItem(rd, "message")->valuestring, "NOT READY YET");
	cJSON_Delete(o);
	free(text);
	/* Without a bank: no trend rows at all. */
	text = history_json(&h, NULL);
	o = cJSON_Parse(text);
	assert_null(cJSON_GetObjectItem(o, "domains"));
	assert_non_null(cJSON_GetObjectItem(o, "readiness"));
	cJSON_Delete(o);
	free(text);
	history_free(&h);
}

static int
setup(void **state)
{
	return tmpdir_setup(state, "history");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_orders_and_skips, setup, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown_tmp),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
