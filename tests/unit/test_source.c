/* Unit tests for the quiz sources --tag, --type, --flagged and for bank search. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <strings.h>

#include "testutil.h"

#include "certsim/bank_search.h"
#include "certsim/source.h"

static int
has_tag(const struct question *q, const char *tag)
{
	for (int t = 0; t < q->n_tags; t++)
		if (strcasecmp(q->tags[t], tag) == 0)
			return 1;
	return 0;
}

static void
test_tag_and_type(void **state)
{
	unsigned char *e = calloc(bank->n_questions, 1);
	(void)state;
	assert_non_null(e);
	assert_true(bank->questions[0].n_tags > 0);
	const char *tag = bank->questions[0].tags[0];
	size_t want = 0;
	for (size_t i = 0; i < bank->n_questions; i++)
		want += (size_t)has_tag(&bank->questions[i], tag);
	assert_int_equal(source_tag(bank, tag, e), want);
	for (size_t i = 0; i < bank->n_questions; i++)
		assert_int_equal(e[i], has_tag(&bank->questions[i], tag));
	/* Case does not matter; an unknown tag matches nothing. */
	char upper[128];
	snprintf(upper, sizeof upper, "%s", tag);
	for (char *p = upper; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	assert_int_equal(source_tag(bank, upper, e), want);
	assert_int_equal(source_tag(bank, "no-such-tag-at-all", e), 0);

	long total = 0;
	static const char *const names[] = { "single", "multiple", "ordering", "matching" };
	for (int t = 0; t < 4; t++) {
		long k = source_type(bank, names[t], e);
		assert_true(k > 0);
		for (size_t i = 0; i < bank->n_questions; i++)
			assert_int_equal(e[i], (int)bank->questions[i].type == t);
		total += k;
	}
	assert_int_equal(total, (long)bank->n_questions);
	memset(e, 7, bank->n_questions);
	assert_int_equal(source_type(bank, "essay", e), -1);
	assert_int_equal(e[0], 7);
	free(e);
}

/* A result of one exam: items on questions qs[0..n) with flagged[i]. */
static struct result_file *
flagged_result(const char *code, const size_t *qs, const int *flagged, size_t n)
{
	cJSON *r = cJSON_CreateObject(), *items;
	cJSON_AddStringToObject(r, "format", "certsim-result/1");
	cJSON_AddStringToObject(r, "mode", "quiz");
	cJSON_AddStringToObject(r, "finished_at", "2026-01-01T00:00:00Z");
	cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "exam"), "code", code);
	items = cJSON_AddArrayToObject(r, "items");
	for (size_t i = 0; i < n; i++) {
		cJSON *it = cJSON_CreateObject();
		cJSON_AddStringToObject(it, "id", bank->questions[qs[i]].id);
		cJSON_AddBoolToObject(it, "flagged", flagged[i]);
		cJSON_AddItemToArray(items, it);
	}
	char *text = cJSON_Print(r), *err = NULL;
	struct result_file *out = NULL;
	assert_int_equal(result_parse(text, strlen(text), "t.json", &out, &err), 0);
	free(text);
	cJSON_Delete(r);
	return out;
}

static void
test_flagged_latest(void **state)
{
	struct history h = { 0 };
	unsigned char *e = calloc(bank->n_questions, 1);
	(void)state;
	assert_int_equal(source_flagged(&h, bank, e), 0);
	size_t a[3] = { 0, 1, 2 }, b[2] = { 1, 3 }, c[1] = { 2 };
	int fa[3] = { 1, 1, 1 }, fb[2] = { 0, 1 }, fc[1] = { 0 };
	h.v = calloc(3, sizeof *h.v);
	h.v[0].result = flagged_result("MLA-C01", a, fa, 3);
	h.v[1].result = flagged_result("MLA-C01", b, fb, 2);
	h.v[2].result = flagged_result("OTHER", c, fc, 1); /* another exam: ignored */
	h.n = 3;
	/* 0 flagged then not seen again; 1 unflagged later; 2 flagged; 3 flagged. */
	assert_int_equal(source_flagged(&h, bank, e), 3);
	assert_int_equal(e[0], 1);
	assert_int_equal(e[1], 0);
	assert_int_equal(e[2], 1);
	assert_int_equal(e[3], 1);
	assert_int_equal(e[4], 0);
	for (size_t i = 0; i < h.n; i++)
		result_file_free(h.v[i].result);
	free(h.v);
	free(e);
}

static void
test_search(void **state)
{
	int *qs = NULL;
	size_t n = 0;
	(void)state;
	const struct question *q0 = &bank->questions[0];
	/* The id, any case. */
	char id[64];
	snprintf(id, sizeof id, "%s", q0->id);
	for (char *p = id; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	assert_int_equal(bank_search(bank, id, &qs, &n), 0);
	assert_true(n >= 1);
	assert_int_equal(qs[0], 0);
	free(qs);
	/* A word of a choice of the last question finds it. */
	size_t last = bank->n_questions - 1;
	const char *text = bank->questions[last].choices[0].text;
	assert_int_equal(bank_search(bank, text, &qs, &n), 0);
	int found = 0;
	for (size_t k = 0; k < n; k++)
		found |= (size_t)qs[k] == last;
	assert_true(found);
	/* Every match really contains the text (a common word), in bank order. */
	free(qs);
	assert_int_equal(bank_search(bank, "latency", &qs, &n), 0);
	assert_true(n > 1);
	for (size_t k = 1; k < n; k++)
		assert_true(qs[k - 1] < qs[k]);
	char *json = bank_search_json(bank, qs, n);
	cJSON *arr = cJSON_Parse(json);
	assert_int_equal(cJSON_GetArraySize(arr), (int)n);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0), "id")->valuestring,
	                    bank->questions[qs[0]].id);
	assert_contains(json, "\"explanation\"");
	cJSON_Delete(arr);
	free(json);
	free(qs);
	/* Nothing, and the empty text. */
	assert_int_equal(bank_search(bank, "zzzz-no-such-text-zzzz", &qs, &n), 0);
	assert_int_equal(n, 0);
	assert_null(qs);
	assert_int_equal(bank_search(bank, "", &qs, &n), 0);
	assert_int_equal(n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_and_type),
		cmocka_unit_test(test_flagged_latest),
		cmocka_unit_test(test_search),
	};
	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
