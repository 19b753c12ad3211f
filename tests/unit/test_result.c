/* Unit tests for result: building, saving, signing and verifying result files. */
#include <dirent.h>
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/result.h"
#include "certsim/score.h"
#include "certsim/session.h"
#include "certsim/sign.h"

#include "testutil.h"

/* A finished, saved attempt in a temporary CERTSIM home. */
struct fixture {
	char *home;
	char *path;      /* the result in home/results */
	char *sigpath;
	char *out;       /* the --out copy */
	struct session *s;
	struct score sc;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct draw_request req;
	struct session_config cfg;
	struct draw_item *items = NULL;
	size_t n;
	char *err = NULL, *results;
	const char *why;

	if (f == NULL || (f->home = tmpdir_make("certsim-result")) == NULL)
		return -1;
	results = fsutil_asprintf("%s/results", f->home);
	if (mkdir(results, 0700) != 0)
		return -1;
	free(results);

	memset(&req, 0, sizeof req);
	req.count = 5;
	req.seed = 2024;
	if (draw_items(bank, &req, &items, &n, &err) != 0 || n != 5)
		return -1;
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_QUIZ;
	cfg.seed = 2024;
	cfg.time_limit_s = 600;
	cfg.feedback = FEEDBACK_END;
	snprintf(cfg.source, sizeof cfg.source, "all");
	if (session_new(bank, &cfg, items, n, clock_monotonic(), &f->s, &err) != 0)
		return -1;
	session_start(f->s);
	/* Items 1-2 right, 3 wrong, 4 flagged and unanswered, 5 unanswered. */
	for (size_t i = 0; i < 3; i++) {
		const struct question *q = &bank->questions[f->s->items[i].d.q];
		struct response r = { { 0 }, 0 };

		r.n = q->n_key;
		memcpy(r.v, q->key, sizeof(int) * (size_t)q->n_key);
		if (i == 2) {
			if (q->type == Q_ORDERING || q->type == Q_MATCHING) {
				int t = r.v[0];
				r.v[0] = r.v[1];
				r.v[1] = t;
				if (q->type == Q_MATCHING && r.v[0] == r.v[1])
					r.v[0] = (r.v[0] + 1) % q->n_choices;
			} else {
				r.v[0] = (q->key[0] + 1) % q->n_choices;
				for (int k = 0; k < q->n_key; k++)
					if (q->key[k] == r.v[0])
						r.v[0] = -1;
				if (r.v[0] < 0)
					r.v[0] = first_outside_key(q);
			}
		}
		session_goto(f->s, i);
		if (session_answer(f->s, &r, &why) != 0)
			return -1;
	}
	session_goto(f->s, 3);
	session_toggle_flag(f->s);
	session_finish(f->s, SESSION_END_SUBMIT);
	if (score_compute(f->s, &f->sc) != 0)
		return -1;
	f->out = fsutil_asprintf("%s/copy.json", f->home);
	if (result_save(f->s, &f->sc, f->home, f->out, &f->path, &err) != 0) {
		fprintf(stderr, "result_save: %s\n", err);
		return -1;
	}
	f->sigpath = fsutil_asprintf("%s.minisig", f->path);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	rm_rf(f->home);
	free(f->home);
	free(f->path);
	free(f->sigpath);
	free(f->out);
	score_free(&f->sc);
	session_free(f->s);
	free(f);
	return 0;
}

static int
verifies(const char *path, const char *pub, const char *home, char **why)
{
	char *summary = NULL, *err = NULL;
	int rc = result_verify(path, pub, home, &summary, &err);

	if (rc == 0) {
		assert_non_null(summary);
		assert_null(err);
		free(summary);
	} else {
		assert_null(summary);
		assert_non_null(err);
		assert_true(err[0] != '\0');
	}
	if (why)
		*why = err;
	else
		free(err);
	return rc;
}

/* A result file as a raw JSON tree, for the tests that edit one. */
static cJSON *
load_tree(const char *path, char **err)
{
	char *buf = NULL;
	size_t len;
	*err = NULL;
	if (fsutil_read_file(path, RESULT_FILE_LIMIT, &buf, &len, err) < 0)
		return NULL;
	cJSON *r = cJSON_ParseWithLength(buf, len);
	free(buf);
	return r;
}

/* The reader's consistency checks on an (edited) tree. */
static int
check_tree(const cJSON *r, char **err)
{
	char *text = cJSON_PrintUnformatted(r);
	assert_non_null(text);
	int rc = result_check_text(text, strlen(text), err);
	free(text);
	return rc;
}

static void
test_saved_result_verifies(void **state)
{
	struct fixture *f = *state;
	char *summary = NULL, *err = NULL, *pub, *key;
	cJSON *r;
	struct stat st;

	assert_int_equal(result_verify(f->path, NULL, f->home, &summary, &err), 0);
	assert_null(err);
	assert_contains(summary, "valid signature");
	assert_contains(summary, "quiz");
	assert_contains(summary, "MLA-C01");
	free(summary);
	/* The --out copy and its signature verify too. */
	assert_int_equal(verifies(f->out, NULL, f->home, NULL), 0);
	/* With the public key given explicitly. */
	pub = fsutil_asprintf("%s/keys/certsim.pub", f->home);
	assert_int_equal(verifies(f->path, pub, NULL, NULL), 0);
	key = fsutil_asprintf("%s/keys/certsim.key", f->home);
	assert_int_equal(stat(key, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
	free(key);

	/* Named results/<stamp>-quiz.json. */
	assert_contains(f->path, "/results/");
	assert_true(strlen(f->path) > 10);
	assert_string_equal(f->path + strlen(f->path) - 10, "-quiz.json");

	r = load_tree(f->path, &err);
	assert_non_null(r);
	assert_int_equal(check_tree(r, &err), 0);
	assert_null(err);
	const cJSON *score = cJSON_GetObjectItem(r, "score");
	const cJSON *items = cJSON_GetObjectItem(r, "items");
	const cJSON *exam = cJSON_GetObjectItem(r, "exam");
	assert_string_equal(cJSON_GetObjectItem(r, "mode")->valuestring, "quiz");
	assert_string_equal(cJSON_GetObjectItem(r, "ended_by")->valuestring, "submit");
	assert_string_equal(cJSON_GetObjectItem(exam, "code")->valuestring, "MLA-C01");
	assert_string_equal(cJSON_GetObjectItem(exam, "bank_fingerprint")->valuestring,
	    bank->fingerprint_hex);
	assert_int_equal(cJSON_GetObjectItem(r, "seed")->valuedouble, 2024);
	assert_int_equal(cJSON_GetObjectItem(score, "correct")->valueint, 2);
	assert_int_equal(cJSON_GetObjectItem(score, "scored")->valueint, 5);
	assert_int_equal(cJSON_GetObjectItem(score, "scaled")->valueint,
	    score_scale(100, 720, 1000, 0.72, 2, 5));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(score, "passed")));
	assert_int_equal(cJSON_GetArraySize(items), 5);
	for (int i = 0; i < 5; i++) {
		const cJSON *it = cJSON_GetArrayItem(items, i);
		const struct question *q = &bank->questions[f->s->items[i].d.q];

		assert_int_equal(cJSON_GetObjectItem(it, "n")->valueint, i + 1);
		assert_string_equal(cJSON_GetObjectItem(it, "id")->valuestring, q->id);
		assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(it, "shown")),
		    q->n_choices);
		assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(it, "correct")), i < 2);
		assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(it, "flagged")), i == 3);
		assert_int_equal(cJSON_IsNull(cJSON_GetObjectItem(it, "response")), i >= 3);
		assert_non_null(cJSON_GetObjectItem(it, "key"));
	}
	cJSON_Delete(r);

	/* The typed reader gives the same values. */
	struct result_file *t = NULL;
	assert_int_equal(result_read(f->path, &t, &err), 0);
	assert_null(err);
	assert_null(t->problem);
	assert_string_equal(t->path, f->path);
	assert_string_equal(t->mode, "quiz");
	assert_true(t->has_quiz);
	assert_string_equal(t->ended_by, "submit");
	assert_string_equal(t->exam_code, "MLA-C01");
	assert_string_equal(t->bank_fingerprint, bank->fingerprint_hex);
	assert_int_equal(t->seed, 2024);
	assert_non_null(t->finished_at);
	assert_string_equal(t->finished_at, f->s->finished_at);
	assert_int_equal(t->score.correct, 2);
	assert_int_equal(t->score.scored, 5);
	assert_int_equal(t->score.scaled, score_scale(100, 720, 1000, 0.72, 2, 5));
	assert_false(t->score.passed);
	assert_int_equal(t->score_pass, 720);
	assert_int_equal(t->n_items, 5);
	for (size_t i = 0; i < 5; i++) {
		const struct result_item *it = &t->items[i];
		const struct question *q = &bank->questions[f->s->items[i].d.q];

		assert_int_equal(it->n, (int)i + 1);
		assert_string_equal(it->id, q->id);
		assert_int_equal(it->domain_id, q->domain_id);
		assert_string_equal(it->task_id, bank->bp.tasks[q->task_idx].id);
		assert_int_equal(it->n_shown, (size_t)q->n_choices);
		assert_int_equal(it->correct, i < 2);
		assert_int_equal(it->flagged, i == 3);
		assert_int_equal(it->response.kind == RESULT_ANSWER_NONE, i >= 3);
		assert_true(it->key.kind == RESULT_ANSWER_LIST || it->key.kind == RESULT_ANSWER_MAP);
		assert_true(it->key.n > 0);
	}
	result_file_free(t);
	free(pub);
}

static void
test_tamper_sweep(void **state)
{
	struct fixture *f = *state;
	const char *paths[2] = { f->path, f->sigpath };
	size_t total = 0;

	for (int p = 0; p < 2; p++) {
		size_t len;
		char *orig = get_file(paths[p], 1 << 24, &len);
		char *buf = malloc(len + 2);

		assert_non_null(buf);
		for (size_t i = 0; i < len; i++) {
			memcpy(buf, orig, len);
			buf[i] ^= 0x01;
			put_plain(paths[p], buf, len, 0644);
			if (verifies(f->path, NULL, f->home, NULL) == 0)
				fail_msg("%s: byte %zu (0x%02x -> 0x%02x) flipped, "
				    "and it still verifies", paths[p], i,
				    (unsigned char)orig[i], (unsigned char)buf[i]);
			total++;
		}
		/* A byte more or less. */
		memcpy(buf, orig, len);
		buf[len] = '\n';
		put_plain(paths[p], buf, len + 1, 0644);
		assert_int_equal(verifies(f->path, NULL, f->home, NULL), -1);
		put_plain(paths[p], buf, len - 1, 0644);
		assert_int_equal(verifies(f->path, NULL, f->home, NULL), -1);
		put_plain(paths[p], buf, 0, 0644);
		assert_int_equal(verifies(f->path, NULL, f->home, NULL), -1);
		/* Restored: it verifies again. */
		put_plain(paths[p], orig, len, 0644);
		assert_int_equal(verifies(f->path, NULL, f->home, NULL), 0);
		free(orig);
		free(buf);
	}
	assert_true(total > 1000);
}

/* Parse the saved result, apply edit, expect result_check to refuse it. */
static void
expect_inconsistent(const struct fixture *f, void (*edit)(cJSON *),
                    const char *part)
{
	char *err = NULL;
	cJSON *r = load_tree(f->path, &err);

	assert_non_null(r);
	edit(r);
	if (check_tree(r, &err) == 0)
		fail_msg("an edited result passes result_check (%s)", part);
	assert_non_null(err);
	if (part)
		assert_contains(err, part);
	free(err);
	cJSON_Delete(r);
}

static cJSON *
item(cJSON *r, int i)
{
	return cJSON_GetArrayItem(cJSON_GetObjectItem(r, "items"), i);
}

static void
set_num(cJSON *o, const char *k, double v)
{
	cJSON_SetNumberValue(cJSON_GetObjectItem(o, k), v);
}

static double
get_num(cJSON *o, const char *k)
{
	return cJSON_GetObjectItem(o, k)->valuedouble;
}

static void
flip_correct(cJSON *r)
{
	cJSON_ReplaceItemInObject(item(r, 2), "correct", cJSON_CreateTrue());
}

static void
flip_correct_right(cJSON *r)
{
	cJSON_ReplaceItemInObject(item(r, 0), "correct", cJSON_CreateFalse());
}

static void
more_correct(cJSON *r)
{
	cJSON *s = cJSON_GetObjectItem(r, "score");

	set_num(s, "correct", get_num(s, "correct") + 1);
}

static void
fewer_scored(cJSON *r)
{
	cJSON *s = cJSON_GetObjectItem(r, "score");

	set_num(s, "scored", get_num(s, "scored") - 1);
}

static void
higher_scaled(cJSON *r)
{
	cJSON *s = cJSON_GetObjectItem(r, "score");

	set_num(s, "scaled", get_num(s, "scaled") + 1);
}

static void
passed_true(cJSON *r)
{
	cJSON_ReplaceItemInObject(cJSON_GetObjectItem(r, "score"), "passed",
	    cJSON_CreateTrue());
}

static void
domain_total(cJSON *r)
{
	cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "domains"), 0);

	set_num(d, "correct", get_num(d, "correct") + 1);
}

static void
task_total(cJSON *r)
{
	cJSON *t = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "tasks"), 0);

	set_num(t, "total", get_num(t, "total") + 1);
}

static void
response_to_key(cJSON *r)
{
	cJSON *it = item(r, 2);

	cJSON_ReplaceItemInObject(it, "response",
	    cJSON_Duplicate(cJSON_GetObjectItem(it, "key"), 1));
}

static void
unscore_item(cJSON *r)
{
	cJSON_ReplaceItemInObject(item(r, 3), "scored", cJSON_CreateFalse());
}

static void
renumber(cJSON *r)
{
	set_num(item(r, 1), "n", 7);
}

static void
no_items(cJSON *r)
{
	cJSON_DeleteItemFromObject(r, "items");
}

/* Replace member k of o (a number, string, or anything) in the tree. */
static void
put(cJSON *o, const char *k, cJSON *v)
{
	if (cJSON_GetObjectItem(o, k))
		cJSON_ReplaceItemInObject(o, k, v);
	else
		cJSON_AddItemToObject(o, k, v);
}

/* The typed reader on hostile values: clamped, defaulted, never cast out of range. */
static void
test_typed_reader_hostile(void **state)
{
	struct fixture *f = *state;
	char *err = NULL, *text;
	struct result_file *t = NULL;
	cJSON *r = load_tree(f->path, &err);

	assert_non_null(r);
	cJSON *score = cJSON_GetObjectItem(r, "score"), *it = item(r, 0);
	put(r, "time_used_s", cJSON_CreateNumber(1e300));
	put(r, "time_limit_s", cJSON_CreateNumber(-1e300));
	put(r, "seed", cJSON_CreateNumber(-5));
	put(r, "interruptions", cJSON_CreateString("many"));
	put(score, "scaled", cJSON_CreateNumber(1e12));
	put(score, "correct", cJSON_CreateNumber(-1e12));
	put(it, "seconds", cJSON_CreateNumber(1e300));
	put(it, "id", cJSON_CreateNumber(7));
	put(it, "shown", cJSON_CreateString("not a list"));
	cJSON_DeleteItemFromObject(r, "finished_at");
	text = cJSON_PrintUnformatted(r);
	assert_non_null(text);
	assert_int_equal(result_parse(text, strlen(text), "hostile.json", &t, &err), 0);
	assert_null(err);
	assert_int_equal(t->time_used_s, INT64_C(9007199254740992));
	assert_int_equal(t->time_limit_s, -INT64_C(9007199254740992));
	assert_int_equal(t->seed, 0);
	assert_int_equal(t->interruptions, 0);
	assert_int_equal(t->score.scaled, 1000000000);
	assert_int_equal(t->score.correct, -1000000000);
	assert_int_equal(t->items[0].seconds, INT64_C(9007199254740992));
	assert_string_equal(t->items[0].id, "");
	assert_int_equal(t->items[0].n_shown, 0);
	assert_null(t->finished_at);
	assert_string_equal(t->path, "hostile.json");
	/* Inconsistent, and said so. */
	assert_non_null(t->problem);
	result_file_free(t);
	free(text);

	/* Not JSON, or another format: refused with the name in the message. */
	assert_int_equal(result_parse("{", 1, "broken.json", &t, &err), -1);
	assert_null(t);
	assert_contains(err, "broken.json: not a certsim result");
	free(err);
	put(r, "format", cJSON_CreateString("certsim-result/2"));
	text = cJSON_PrintUnformatted(r);
	assert_int_equal(result_parse(text, strlen(text), "v2.json", &t, &err), -1);
	assert_contains(err, "v2.json: not a certsim result");
	free(err);
	free(text);
	cJSON_Delete(r);
	result_file_free(NULL);
}

/* Missed items of a result file: wrong, incomplete and unanswered, not correct ones. */
static void
test_item_status_missed(void **state)
{
	const char *json =
	    "{\"format\": \"certsim-result/1\", \"items\": ["
	    "{\"n\": 1, \"response\": [\"a\"], \"correct\": true, \"complete\": true},"
	    "{\"n\": 2, \"response\": [\"b\"], \"correct\": false, \"complete\": true},"
	    "{\"n\": 3, \"response\": [\"a\"], \"correct\": false, \"complete\": false},"
	    "{\"n\": 4, \"response\": null, \"correct\": false, \"complete\": false}]}";
	struct result_file *r = NULL;
	char *err = NULL;
	(void)state;
	assert_int_equal(result_parse(json, strlen(json), "t.json", &r, &err), 0);
	assert_int_equal(r->n_items, 4);
	assert_int_equal(result_item_status(&r->items[0]), ANSWER_CORRECT);
	assert_int_equal(result_item_status(&r->items[1]), ANSWER_WRONG);
	assert_int_equal(result_item_status(&r->items[2]), ANSWER_INCOMPLETE);
	assert_int_equal(result_item_status(&r->items[3]), ANSWER_NONE);
	assert_false(answer_missed(result_item_status(&r->items[0])));
	for (size_t i = 1; i < 4; i++)
		assert_true(answer_missed(result_item_status(&r->items[i])));
	result_file_free(r);
}

static void
test_check_catches_edits(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	cJSON *r = load_tree(f->path, &err);

	assert_non_null(r);
	assert_int_equal(check_tree(r, &err), 0);
	cJSON_Delete(r);

	expect_inconsistent(f, flip_correct, "item 3 is marked correct");
	expect_inconsistent(f, flip_correct_right, "item 1 is marked incorrect");
	expect_inconsistent(f, response_to_key, "item 3");
	expect_inconsistent(f, more_correct, "the score says");
	expect_inconsistent(f, fewer_scored, "the score says");
	expect_inconsistent(f, higher_scaled, "scaled");
	expect_inconsistent(f, passed_true, "pass");
	expect_inconsistent(f, domain_total, "domain");
	expect_inconsistent(f, task_total, "task");
	expect_inconsistent(f, unscore_item, NULL);
	expect_inconsistent(f, renumber, "item 2");
	expect_inconsistent(f, no_items, "missing");
}

/* Redo every total, the scaled score and pass/fail from the items. */
static void
recompute(cJSON *r)
{
	cJSON *items = cJSON_GetObjectItem(r, "items"), *it, *p;
	cJSON *scoring = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "exam"), "scoring");
	cJSON *s = cJSON_GetObjectItem(r, "score");
	int correct = 0, scored = 0, scaled;

	cJSON_ArrayForEach(it, items) if (cJSON_IsTrue(cJSON_GetObjectItem(it, "scored"))) {
		scored++;
		correct += cJSON_IsTrue(cJSON_GetObjectItem(it, "correct"));
	}
	scaled = score_scale((int)get_num(scoring, "min"), (int)get_num(scoring, "pass"),
	    (int)get_num(scoring, "max"), get_num(scoring, "cut"), correct, scored);
	set_num(s, "correct", correct);
	set_num(s, "scored", scored);
	set_num(s, "scaled", scaled);
	cJSON_ReplaceItemInObject(s, "passed",
	    cJSON_CreateBool(scaled >= get_num(scoring, "pass")));
	for (int by_task = 0; by_task < 2; by_task++)
		cJSON_ArrayForEach(p, cJSON_GetObjectItem(r, by_task ? "tasks" : "domains")) {
			int c = 0, t = 0;

			cJSON_ArrayForEach(it, items) {
				int match = by_task
				    ? strcmp(cJSON_GetObjectItem(it, "task")->valuestring,
				          cJSON_GetObjectItem(p, "id")->valuestring) == 0
				    : get_num(it, "domain") == get_num(p, "id");

				if (match && cJSON_IsTrue(cJSON_GetObjectItem(it, "scored"))) {
					t++;
					c += cJSON_IsTrue(cJSON_GetObjectItem(it, "correct"));
				}
			}
			set_num(p, "correct", c);
			set_num(p, "total", t);
		}
}

static cJSON *
ids(const char *list)
{
	cJSON *a = cJSON_CreateArray();

	for (const char *c = list; *c; c++) {
		char id[2] = { *c, '\0' };

		cJSON_AddItemToArray(a, cJSON_CreateString(id));
	}
	return a;
}

/* check_tree of the saved result with item 3 made into this claim. */
static int
check_claim(const struct fixture *f, const char *type, cJSON *key, cJSON *resp,
            int correct, char **err)
{
	cJSON *r = load_tree(f->path, err), *it;
	int rc;

	assert_non_null(r);
	it = item(r, 2);
	cJSON_ReplaceItemInObject(it, "type", cJSON_CreateString(type));
	cJSON_ReplaceItemInObject(it, "key", key);
	cJSON_ReplaceItemInObject(it, "response", resp);
	cJSON_ReplaceItemInObject(it, "correct", cJSON_CreateBool(correct));
	/* As a result written before "complete" existed: only "correct" is claimed. */
	cJSON_DeleteItemFromObject(it, "complete");
	recompute(r);
	rc = check_tree(r, err);
	cJSON_Delete(r);
	return rc;
}

static cJSON *
pairs(const char *list)
{
	cJSON *o = cJSON_CreateObject();

	for (const char *c = list; c[0] && c[1]; c += 2) {
		char k[2] = { c[0], '\0' }, v[2] = { c[1], '\0' };

		cJSON_AddItemToObject(o, k, cJSON_CreateString(v));
	}
	return o;
}

/* Every type's answer is all-or-nothing, with no tricks that pass for right. */
static void
test_check_item_correctness(void **state)
{
	struct fixture *f = *state;
	const struct {
		const char *type, *key, *resp;
		int right;
	} cases[] = {
		{ "single", "B", "B", 1 },
		{ "single", "B", "C", 0 },
		{ "single", "B", "BB", 0 },
		{ "multiple", "AC", "CA", 1 },
		{ "multiple", "AC", "AC", 1 },
		{ "multiple", "AC", "AB", 0 },
		{ "multiple", "AC", "A", 0 },
		{ "multiple", "AC", "ACD", 0 },
		{ "multiple", "AC", "AA", 0 },
		{ "multiple", "ACD", "AAC", 0 },
		{ "multiple", "ACD", "DDD", 0 },
		{ "ordering", "CAB", "CAB", 1 },
		{ "ordering", "CAB", "ACB", 0 },
		{ "ordering", "CAB", "CAA", 0 },
		{ "ordering", "CAB", "CA", 0 },
		{ "matching", "1B2A3C", "1B2A3C", 1 },
		{ "matching", "1B2A3C", "3C1B2A", 1 },
		{ "matching", "1B2A3C", "1B2A3D", 0 },
		{ "matching", "1B2A3C", "1B2A", 0 },
		{ "matching", "1B2A3C", "1B2A2A", 0 },
		{ "matching", "1B2A3C", "1B2A3C4D", 0 },
	};

	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		int matching = strcmp(cases[c].type, "matching") == 0;
		char *err = NULL;

		for (int claim = 0; claim < 2; claim++) {
			int rc = check_claim(f, cases[c].type,
			    matching ? pairs(cases[c].key) : ids(cases[c].key),
			    matching ? pairs(cases[c].resp) : ids(cases[c].resp),
			    claim, &err);
			int consistent = claim == cases[c].right;

			if (consistent && rc != 0)
				fail_msg("%s key %s response %s marked %s: refused: %s",
				    cases[c].type, cases[c].key, cases[c].resp,
				    claim ? "correct" : "incorrect", err);
			if (!consistent && rc == 0)
				fail_msg("%s key %s response %s marked %s: accepted",
				    cases[c].type, cases[c].key, cases[c].resp,
				    claim ? "correct" : "incorrect");
			if (!consistent)
				assert_contains(err, "item 3");
			free(err);
			err = NULL;
		}
	}
	/* Unanswered (null) is incorrect. */
	char *err = NULL;
	assert_int_equal(check_claim(f, "single", ids("B"), cJSON_CreateNull(), 0,
	    &err), 0);
	assert_int_equal(check_claim(f, "single", ids("B"), cJSON_CreateNull(), 1,
	    &err), -1);
	free(err);
}

/*
 * A forgery consistent in itself (item 3 made right, every total and the
 * scaled score redone) passes result_check; only the signature catches it.
 */
static void
test_consistent_forgery_fails_signature(void **state)
{
	struct fixture *f = *state;
	char *err = NULL, *text, *why = NULL;
	cJSON *r = load_tree(f->path, &err), *it, *s, *parts;
	const char *task;
	double dom;

	assert_non_null(r);
	it = item(r, 2);
	response_to_key(r);
	cJSON_ReplaceItemInObject(it, "correct", cJSON_CreateTrue());
	dom = get_num(it, "domain");
	task = cJSON_GetObjectItem(it, "task")->valuestring;
	s = cJSON_GetObjectItem(r, "score");
	set_num(s, "correct", 3);
	set_num(s, "scaled", score_scale(100, 720, 1000, 0.72, 3, 5));
	cJSON *e;
	parts = cJSON_GetObjectItem(r, "domains");
	cJSON_ArrayForEach(e, parts) if (get_num(e, "id") == dom)
		set_num(e, "correct", get_num(e, "correct") + 1);
	parts = cJSON_GetObjectItem(r, "tasks");
	cJSON_ArrayForEach(e, parts)
		if (strcmp(cJSON_GetObjectItem(e, "id")->valuestring, task) == 0)
			set_num(e, "correct", get_num(e, "correct") + 1);
	assert_int_equal(check_tree(r, &err), 0);

	text = cJSON_Print(r);
	put_plain(f->path, text, strlen(text), 0644);
	assert_int_equal(verifies(f->path, NULL, f->home, &why), -1);
	assert_contains(why, "signature");
	free(why);
	free(text);
	cJSON_Delete(r);
}

/* Signed with certsim's own key, but the trusted comment tells another story. */
static void
test_trusted_comment_must_match(void **state)
{
	struct fixture *f = *state;
	char *keys = fsutil_asprintf("%s/keys", f->home), *err = NULL, *why = NULL;
	struct sign_key *k = NULL;
	size_t len;
	char *text = get_file(f->path, 1 << 24, &len), *sig, *tc;

	assert_int_equal(sign_key_load_or_create(keys, &k, &err), 0);
	tc = result_trusted_comment("quiz", "MLA-C01", 1000, 1,
	    f->s->finished_at);
	sig = sign_detached(k, text, len, "certsim result signature", tc, &err);
	assert_non_null(sig);
	put_plain(f->sigpath, sig, strlen(sig), 0644);
	assert_int_equal(verifies(f->path, NULL, f->home, &why), -1);
	assert_contains(why, "trusted comment");
	free(why);
	free(sig);
	free(tc);

	/* The right comment, re-signed: valid again. */
	tc = result_trusted_comment("quiz", "MLA-C01", f->sc.scaled, f->sc.passed,
	    f->s->finished_at);
	sig = sign_detached(k, text, len, "certsim result signature", tc, &err);
	put_plain(f->sigpath, sig, strlen(sig), 0644);
	assert_int_equal(verifies(f->path, NULL, f->home, NULL), 0);
	free(sig);
	free(tc);

	/* Another untrusted comment: certsim writes a fixed one. */
	tc = result_trusted_comment("quiz", "MLA-C01", f->sc.scaled, f->sc.passed,
	    f->s->finished_at);
	sig = sign_detached(k, text, len, "signature from minisign secret key", tc,
	    &err);
	put_plain(f->sigpath, sig, strlen(sig), 0644);
	assert_int_equal(verifies(f->path, NULL, f->home, &why), -1);
	assert_contains(why, "untrusted comment");
	free(why);
	free(sig);
	free(tc);
	sign_key_free(k);
	free(text);
	free(keys);
}

static void
test_wrong_pubkey(void **state)
{
	struct fixture *f = *state;
	char *other = fsutil_asprintf("%s/other-keys", f->home);
	char *pub = fsutil_asprintf("%s/certsim.pub", other), *err = NULL;
	char *why = NULL;
	struct sign_key *k = NULL;

	assert_int_equal(sign_key_load_or_create(other, &k, &err), 0);
	sign_key_free(k);
	assert_int_equal(verifies(f->path, pub, f->home, &why), -1);
	assert_contains(why, "key id");
	free(why);

	/* Not a key at all. */
	put_plain(pub, "hello\n", 6, 0644);
	assert_int_equal(verifies(f->path, pub, f->home, &why), -1);
	assert_contains(why, pub);
	free(why);

	/* No key anywhere. */
	unlink(pub);
	assert_int_equal(verifies(f->path, pub, f->home, &why), -1);
	free(why);
	free(other);
	free(pub);
}

static void
test_unsigned(void **state)
{
	struct fixture *f = *state;
	char *why = NULL;

	assert_int_equal(unlink(f->sigpath), 0);
	assert_int_equal(verifies(f->path, NULL, f->home, &why), -1);
	assert_contains(why, "unsigned");
	free(why);

	/* Missing result. */
	assert_int_equal(unlink(f->path), 0);
	assert_int_equal(verifies(f->path, NULL, f->home, &why), -1);
	assert_contains(why, f->path);
	free(why);
}

/* A second save in the same second gets its own name. */
static void
test_second_save_new_name(void **state)
{
	struct fixture *f = *state;
	char *path = NULL, *err = NULL;

	assert_int_equal(result_save(f->s, &f->sc, f->home, NULL, &path, &err), 0);
	assert_string_not_equal(path, f->path);
	assert_int_equal(verifies(path, NULL, f->home, NULL), 0);
	assert_int_equal(verifies(f->path, NULL, f->home, NULL), 0);
	free(path);
}

/* The fail_at-th cJSON allocation fails, only that one (0: none). */
/*
 * "Your answer" and "the correct answer" read the same from a session as
 * from the result file it wrote: review and the results screen share one
 * renderer. Every type, a set typed out of order, an incomplete matching
 * answer and an unanswered item.
 */
static void
test_letters_match_session(void **state)
{
	struct draw_request req;
	struct session_config cfg;
	struct draw_item *items = NULL;
	struct session *s = NULL;
	struct result_file *r = NULL;
	struct score sc;
	size_t n;
	char *err = NULL, *path = NULL, *results, *home = tmpdir_make("certsim-letters");
	const char *why;
	int seen[4] = { 0 };

	(void)state;
	assert_non_null(home);
	memset(&req, 0, sizeof req);
	req.count = 200; /* a third of the bank: every type, many times */
	req.seed = 7;
	assert_int_equal(draw_items(bank, &req, &items, &n, &err), 0);
	memset(&cfg, 0, sizeof cfg);
	cfg.mode = MODE_EXAM;
	cfg.seed = 7;
	cfg.time_limit_s = 600;
	snprintf(cfg.source, sizeof cfg.source, "all");
	assert_int_equal(session_new(bank, &cfg, items, n, clock_monotonic(), &s, &err), 0);
	session_start(s);
	for (size_t i = 1; i < n; i++) { /* item 1 stays unanswered */
		const struct question *q = &bank->questions[s->items[i].d.q];
		struct response resp = { { 0 }, q->n_key };
		for (int k = 0; k < q->n_key; k++) /* reversed: a set typed out of order */
			resp.v[k] = q->type == Q_MATCHING ? q->key[k] : q->key[q->n_key - 1 - k];
		if (q->type == Q_MATCHING)
			resp.v[0] = -1; /* the first prompt left unmatched */
		session_goto(s, i);
		assert_int_equal(session_answer(s, &resp, &why), 0);
	}
	session_finish(s, SESSION_END_SUBMIT);
	assert_int_equal(score_compute(s, &sc), 0);
	results = fsutil_asprintf("%s/results", home);
	assert_int_equal(mkdir(results, 0700), 0);
	free(results);
	if (result_save(s, &sc, home, NULL, &path, &err) != 0)
		fail_msg("result_save: %s", err);
	assert_int_equal(result_read(path, &r, &err), 0);
	assert_null(r->problem);
	assert_int_equal(r->n_items, n);
	for (size_t i = 0; i < n; i++) {
		const struct session_item *it = &s->items[i];
		const struct question *q = &bank->questions[it->d.q];
		struct response key = { { 0 }, q->n_key };
		struct answer_letters a, b;
		char from_session[64], from_file[64];
		memcpy(key.v, q->key, sizeof key.v);
		seen[q->type]++;
		session_item_letters(it, q, &key, &a);
		result_item_letters(&r->items[i], &r->items[i].key, &b);
		answer_letters_text(&a, from_session, sizeof from_session);
		answer_letters_text(&b, from_file, sizeof from_file);
		assert_string_equal(from_session, from_file);
		assert_true(from_file[0] != '\0');
		session_item_letters(it, q, &it->resp, &a);
		result_item_letters(&r->items[i], &r->items[i].response, &b);
		answer_letters_text(&a, from_session, sizeof from_session);
		answer_letters_text(&b, from_file, sizeof from_file);
		assert_string_equal(from_session, from_file);
		assert_int_equal(from_file[0] == '\0', i == 0);
		if (q->type == Q_MULTIPLE) /* a set reads in the order shown */
			for (size_t c = 2; c < strlen(from_file); c += 2)
				assert_true(from_file[c] > from_file[c - 2]);
		if (q->type == Q_MATCHING && i > 0) /* prompt 1, 2 or 3 left out, not "?" */
			assert_null(strchr(from_file, '?'));
	}
	for (int t = 0; t < 4; t++)
		if (seen[t] == 0)
			fail_msg("the draw has no item of type %d", t);
	result_file_free(r);
	score_free(&sc);
	session_free(s);
	rm_rf(home);
	free(home);
	free(path);
}

static long alloc_calls, fail_at;

static void *
failing_malloc(size_t n)
{
	if (fail_at > 0 && ++alloc_calls == fail_at)
		return NULL;
	return malloc(n);
}

/*
 * Out of memory while building a result (issue 11): every failed cJSON
 * allocation, wherever it falls, gives no result at all, never one with a
 * hole; and saving writes nothing (the attempt and results/ untouched).
 */
static void
test_out_of_memory_builds_nothing(void **state)
{
	struct fixture *f = *state;
	cJSON_Hooks hooks = { failing_malloc, free };
	char *want = result_build(f->s, &f->sc), *path = NULL, *err = NULL;
	long k;
	assert_non_null(want);
	for (k = 1; k < 100000; k++) {
		alloc_calls = 0;
		fail_at = k;
		cJSON_InitHooks(&hooks);
		char *got = result_build(f->s, &f->sc);
		cJSON_InitHooks(NULL);
		fail_at = 0;
		/* No result, or exactly the normal one (the failure came after the
		 * last allocation): never one with a hole. */
		if (got != NULL)
			assert_string_equal(got, want);
		free(got);
		if (alloc_calls < k)
			break;
	}
	assert_true(k > 10);
	/* result_save under the same failure writes no file. */
	char *results = fsutil_asprintf("%s/results", f->home);
	unlink(f->path);
	unlink(f->sigpath);
	alloc_calls = 0;
	fail_at = 5;
	cJSON_InitHooks(&hooks);
	int rc = result_save(f->s, &f->sc, f->home, NULL, &path, &err);
	cJSON_InitHooks(NULL);
	fail_at = 0;
	assert_int_equal(rc, -1);
	assert_contains(err, "out of memory");
	DIR *d = opendir(results);
	int files = 0;
	struct dirent *e;
	while (d != NULL && (e = readdir(d)) != NULL)
		files += e->d_name[0] != '.';
	if (d != NULL)
		closedir(d);
	assert_int_equal(files, 0);
	free(results);
	free(path);
	free(err);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_saved_result_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_memory_builds_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typed_reader_hostile, setup, teardown),
		cmocka_unit_test(test_item_status_missed),
		cmocka_unit_test(test_letters_match_session),
		cmocka_unit_test_setup_teardown(test_tamper_sweep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_catches_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_item_correctness, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_consistent_forgery_fails_signature,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_trusted_comment_must_match, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_wrong_pubkey, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsigned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_save_new_name, setup, teardown),
	};

	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
