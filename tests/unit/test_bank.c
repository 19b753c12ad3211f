/* Unit tests for the bank loader: the model built from the good fixture. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/fsutil.h"

#include "testutil.h"

#define GOOD FIXTURES "/banks/good"

/* The good bank, loaded once for the model tests. */
static struct bank *good;

static int
load_good(void **state)
{
	(void)state;
	return load_bank_dir(GOOD, 1, &good);
}

static int
free_good(void **state)
{
	(void)state;
	bank_free(good);
	good = NULL;
	return 0;
}

/* The question with this id; fails the test when there is none. */
static const struct question *
q_by_id(const char *id)
{
	long i = bank_find(good, id);
	if (i < 0)
		fail_msg("no question \"%s\"", id);
	assert_true((size_t)i < good->n_questions);
	assert_string_equal(good->questions[i].id, id);
	return &good->questions[i];
}

static void
assert_key(const struct question *q, const int *want, int n)
{
	assert_int_equal(q->n_key, n);
	for (int i = 0; i < n; i++)
		if (q->key[i] != want[i])
			fail_msg("%s: key[%d] is %d, expected %d", q->id, i,
			         q->key[i], want[i]);
}

static void
test_counts(void **state)
{
	(void)state;
	assert_int_equal(good->n_questions, 9);
	assert_int_equal(good->n_case_studies, 1);
	assert_int_equal(good->n_files, 2);
	assert_string_equal(good->files[0], "data.json");
	assert_string_equal(good->files[1], "models.json");
	assert_string_equal(good->path, GOOD);
	int types[4] = { 0 }, domains[3] = { 0 };
	for (size_t i = 0; i < good->n_questions; i++) {
		types[good->questions[i].type]++;
		assert_in_range(good->questions[i].domain_id, 1, 2);
		domains[good->questions[i].domain_id]++;
	}
	assert_int_equal(types[Q_SINGLE], 5);
	assert_int_equal(types[Q_MULTIPLE], 2);
	assert_int_equal(types[Q_ORDERING], 1);
	assert_int_equal(types[Q_MATCHING], 1);
	assert_int_equal(domains[1], 5);
	assert_int_equal(domains[2], 4);
}

static void
test_blueprint(void **state)
{
	(void)state;
	const struct blueprint *bp = &good->bp;
	assert_string_equal(bp->code, "TEST-01");
	assert_string_equal(bp->title, "Fixture Exam");
	assert_int_equal(bp->questions, 5);
	assert_int_equal(bp->duration_minutes, 10);
	assert_int_equal(bp->score_min, 100);
	assert_int_equal(bp->score_max, 1000);
	assert_int_equal(bp->score_pass, 700);
	assert_true(bp->cut > 0.6999 && bp->cut < 0.7001);
	assert_int_equal(bp->n_domains, 2);
	assert_int_equal(bp->domains[0].id, 1);
	assert_string_equal(bp->domains[0].name, "Data Preparation");
	assert_int_equal(bp->domains[0].weight, 60);
	assert_int_equal(bp->domains[1].id, 2);
	assert_string_equal(bp->domains[1].name, "Model Development");
	assert_int_equal(bp->domains[1].weight, 40);
	static const char *const ids[] = { "1.1", "1.2", "2.1", "2.2" };
	static const char *const names[] = { "Ingestion", "Transformation",
		                              "Training", "Evaluation" };
	static const int doms[] = { 1, 1, 2, 2 };
	assert_int_equal(bp->n_tasks, 4);
	for (int i = 0; i < 4; i++) {
		assert_string_equal(bp->tasks[i].id, ids[i]);
		assert_string_equal(bp->tasks[i].name, names[i]);
		assert_int_equal(bp->tasks[i].domain, doms[i]);
		assert_int_equal(bank_task_index(good, ids[i]), i);
	}
	assert_int_equal(bank_task_index(good, "1.3"), -1);
	assert_int_equal(bank_task_index(good, ""), -1);
	assert_int_equal(bank_domain_index(good, 1), 0);
	assert_int_equal(bank_domain_index(good, 2), 1);
	assert_int_equal(bank_domain_index(good, 3), -1);
	assert_int_equal(bank_domain_index(good, 0), -1);
}

static void
test_single(void **state)
{
	(void)state;
	const struct question *q = q_by_id("d1-single-01");
	assert_int_equal(q->type, Q_SINGLE);
	assert_int_equal(q->domain_id, 1);
	assert_int_equal(q->task_idx, bank_task_index(good, "1.1"));
	assert_int_equal(q->case_study, -1);
	assert_int_equal(q->file, 0);
	assert_string_equal(q->stem,
	                    "Which service streams records into Amazon S3 with the least operational overhead?");
	assert_int_equal(q->n_choices, 4);
	static const char *const text[] = { "Amazon EC2 with a cron job",
		                             "Amazon Data Firehose", "AWS Batch",
		                             "Amazon EMR" };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(q->choices[i].id[0], 'A' + i);
		assert_int_equal(q->choices[i].id[1], '\0');
		assert_string_equal(q->choices[i].text, text[i]);
	}
	assert_null(q->prompts);
	assert_int_equal(q->n_prompts, 0);
	static const int key[] = { 1 };
	assert_key(q, key, 1);
	assert_string_equal(q->explanation,
	                    "B is right because Firehose is managed. A, C and D need servers or jobs.");
	assert_int_equal(q->n_references, 2);
	assert_string_equal(q->references[0], "Amazon Data Firehose Developer Guide");
	assert_string_equal(q->references[1], "Amazon S3 User Guide");
	assert_int_equal(q->n_tags, 2);
	assert_string_equal(q->tags[0], "firehose");
	assert_string_equal(q->tags[1], "s3");

	/* Optional lists left out: empty. */
	q = q_by_id("d1-single-02");
	assert_int_equal(q->n_choices, 2);
	assert_int_equal(q->n_references, 0);
	assert_null(q->references);
	assert_int_equal(q->n_tags, 0);
	static const int key2[] = { 0 };
	assert_key(q, key2, 1);
	q = q_by_id("d1-single-03");
	assert_int_equal(q->n_references, 0);
	assert_int_equal(q->n_tags, 1);
	assert_string_equal(q->tags[0], "s3");
}

static void
test_multiple_key_sorted(void **state)
{
	(void)state;
	/* "answer": ["D", "B"] gives the key {1, 3}, ascending. */
	const struct question *q = q_by_id("d1-multi-01");
	assert_int_equal(q->type, Q_MULTIPLE);
	assert_int_equal(q->task_idx, bank_task_index(good, "1.2"));
	assert_int_equal(q->n_choices, 5);
	static const int key[] = { 1, 3 };
	assert_key(q, key, 2);
	assert_string_equal(q->choices[q->key[0]].text, "Mean imputation");
	assert_string_equal(q->choices[q->key[1]].text, "Median imputation");
}

static void
test_ordering_key_order(void **state)
{
	(void)state;
	/* Items A-D, "answer": ["C", "A", "D", "B"]: the order is kept. */
	const struct question *q = q_by_id("d1-order-01");
	assert_int_equal(q->type, Q_ORDERING);
	assert_int_equal(q->n_choices, 4);
	assert_null(q->prompts);
	static const int key[] = { 2, 0, 3, 1 };
	assert_key(q, key, 4);
	assert_string_equal(q->choices[q->key[0]].text, "Create the bucket");
	assert_string_equal(q->choices[q->key[3]].text, "Query with Athena");
}

static void
test_matching_key_per_prompt(void **state)
{
	(void)state;
	/* "answer": { "3": "A", "1": "C", "2": "B" }: key[i] is prompt i's option. */
	const struct question *q = q_by_id("d2-match-01");
	assert_int_equal(q->type, Q_MATCHING);
	assert_int_equal(q->domain_id, 2);
	assert_int_equal(q->task_idx, bank_task_index(good, "2.1"));
	assert_int_equal(q->file, 1);
	assert_int_equal(q->n_prompts, 3);
	assert_int_equal(q->n_choices, 4);
	for (int i = 0; i < 3; i++)
		assert_int_equal(q->prompts[i].id[0], '1' + i);
	assert_string_equal(q->prompts[0].text, "Forecast demand");
	static const int key[] = { 2, 1, 0 };
	assert_key(q, key, 3);
	assert_string_equal(q->choices[q->key[0]].text, "DeepAR");
	assert_string_equal(q->choices[q->key[2]].text, "Random Cut Forest");
}

static void
test_case_study(void **state)
{
	(void)state;
	const struct case_study *cs = &good->case_studies[0];
	assert_string_equal(cs->id, "cs-churn");
	assert_int_equal(cs->domain, 2);
	assert_string_equal(cs->title, "Churn model");
	assert_string_equal(cs->scenario,
	                    "A telecom company trains a churn classifier on 2 million rows.");
	assert_int_equal(cs->count, 2);
	assert_int_equal(cs->first, bank_find(good, "cs-churn-q1"));
	assert_int_equal(cs->first + 1, bank_find(good, "cs-churn-q2"));
	assert_true(cs->first + cs->count <= good->n_questions);
	/* The sub-questions inherit the domain and know their case study. */
	const struct question *q1 = &good->questions[cs->first];
	const struct question *q2 = &good->questions[cs->first + 1];
	assert_int_equal(q1->case_study, 0);
	assert_int_equal(q2->case_study, 0);
	assert_int_equal(q1->domain_id, 2);
	assert_int_equal(q2->domain_id, 2);
	assert_int_equal(q1->task_idx, bank_task_index(good, "2.1"));
	assert_int_equal(q2->task_idx, bank_task_index(good, "2.2"));
	assert_int_equal(q1->type, Q_SINGLE);
	assert_int_equal(q2->type, Q_MULTIPLE);
	static const int key1[] = { 0 }, key2[] = { 1, 2 };
	assert_key(q1, key1, 1);
	assert_key(q2, key2, 2);
	/* Nothing else is in a case study. */
	for (size_t i = 0; i < good->n_questions; i++)
		if (i < cs->first || i >= cs->first + cs->count)
			assert_int_equal(good->questions[i].case_study, -1);
	/* A case study's id is not a question's. */
	assert_int_equal(bank_find(good, "cs-churn"), -1);
}

static void
test_find(void **state)
{
	(void)state;
	for (size_t i = 0; i < good->n_questions; i++)
		assert_int_equal(bank_find(good, good->questions[i].id), (long)i);
	assert_int_equal(bank_find(good, "nope"), -1);
	assert_int_equal(bank_find(good, ""), -1);
	assert_int_equal(bank_find(good, "D1-SINGLE-01"), -1);
	assert_int_equal(bank_find(good, "d1-single-0"), -1);
	assert_int_equal(bank_find(good, NULL), -1);
	assert_string_equal(bank_type_name(Q_SINGLE), "single");
	assert_string_equal(bank_type_name(Q_MULTIPLE), "multiple");
	assert_string_equal(bank_type_name(Q_ORDERING), "ordering");
	assert_string_equal(bank_type_name(Q_MATCHING), "matching");
}

/* Invariants every loaded bank keeps (checked on the good and bundled banks). */
static void
check_invariants(const struct bank *b)
{
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		assert_non_null(q->id);
		assert_non_null(q->stem);
		assert_non_null(q->explanation);
		assert_in_range(q->task_idx, 0, b->bp.n_tasks - 1);
		assert_int_equal(b->bp.tasks[q->task_idx].domain, q->domain_id);
		assert_in_range(bank_domain_index(b, q->domain_id), 0, b->bp.n_domains - 1);
		assert_in_range(q->file, 0, (int)b->n_files - 1);
		assert_int_equal(bank_find(b, q->id), (long)i);
		int used[BANK_MAX_CHOICES] = { 0 };
		switch (q->type) {
		case Q_SINGLE:
			assert_in_range(q->n_choices, 2, 10);
			assert_int_equal(q->n_key, 1);
			break;
		case Q_MULTIPLE:
			assert_in_range(q->n_choices, 3, 10);
			assert_in_range(q->n_key, 2, q->n_choices - 1);
			for (int k = 1; k < q->n_key; k++)
				assert_true(q->key[k - 1] < q->key[k]);
			break;
		case Q_ORDERING:
			assert_in_range(q->n_choices, 3, 7);
			assert_int_equal(q->n_key, q->n_choices);
			break;
		case Q_MATCHING:
			assert_in_range(q->n_prompts, 3, 7);
			assert_in_range(q->n_choices, 2, 10);
			assert_int_equal(q->n_key, q->n_prompts);
			break;
		}
		for (int k = 0; k < q->n_key; k++) {
			assert_in_range(q->key[k], 0, q->n_choices - 1);
			if (q->type != Q_MATCHING)
				assert_int_equal(used[q->key[k]]++, 0);
		}
		if (q->case_study >= 0) {
			const struct case_study *cs = &b->case_studies[q->case_study];
			assert_true(i >= cs->first && i < cs->first + cs->count);
			assert_int_equal(q->domain_id, cs->domain);
		}
	}
	for (size_t c = 0; c < b->n_case_studies; c++) {
		assert_true(b->case_studies[c].count > 0);
		assert_true(b->case_studies[c].first + b->case_studies[c].count <=
		            b->n_questions);
	}
}

static void
test_invariants_good(void **state)
{
	(void)state;
	check_invariants(good);
}

static void
test_bundled_bank(void **state)
{
	(void)state;
	struct diag d = { 0 };
	struct bank *b = NULL;
	int rc = bank_load(BUNDLED_BANK, &d, &b);
	if (rc != 0 || d.n != 0)
		diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 0);
	assert_non_null(b);
	assert_string_equal(b->bp.code, "MLA-C01");
	assert_int_equal(b->bp.questions, 65);
	assert_int_equal(b->bp.n_domains, 4);
	assert_true(b->n_questions > 0);
	check_invariants(b);
	bank_free(b);
	diag_free(&d);
}

static int
is_hex64(const char *s)
{
	if (strlen(s) != 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/* Copy the good fixture's files into a new temporary directory. */
static char *
copy_good(void)
{
	char *dir = tmpdir_make("certsim-test-bank");
	assert_non_null(dir);
	static const char *const files[] = { "exam.json", "data.json", "models.json" };
	for (int i = 0; i < 3; i++) {
		char *src = fsutil_asprintf("%s/%s", GOOD, files[i]);
		char *dst = fsutil_asprintf("%s/%s", dir, files[i]);
		char *buf = NULL, *err = NULL;
		size_t len = 0;
		assert_int_equal(fsutil_read_file(src, 1 << 20, &buf, &len, &err), 0);
		assert_int_equal(fsutil_write_atomic(dst, buf, len, 0644, &err), 0);
		free(buf);
		free(src);
		free(dst);
	}
	return dir;
}

/* Remove a directory copy_good made (it must still be there); free dir. */
static void
remove_dir(char *dir)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	closedir(dp);
	rm_rf(dir);
	free(dir);
}

/* Load dir, which must be valid, and copy its fingerprint to hex. */
static void
fingerprint_of(const char *dir, char hex[65])
{
	struct diag d = { 0 };
	struct bank *b = NULL;
	assert_int_equal(bank_load(dir, &d, &b), 0);
	assert_int_equal(d.n, 0);
	assert_true(is_hex64(b->fingerprint_hex));
	for (int i = 0; i < 32; i++) {
		char two[3];
		snprintf(two, sizeof two, "%02x", b->fingerprint[i]);
		assert_memory_equal(two, b->fingerprint_hex + 2 * i, 2);
	}
	memcpy(hex, b->fingerprint_hex, 65);
	bank_free(b);
	diag_free(&d);
}

/* Replace the first occurrence of from (same length as to) in dir/file. */
static void
edit_file(const char *dir, const char *file, const char *from, const char *to)
{
	char *path = fsutil_asprintf("%s/%s", dir, file);
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	assert_int_equal(strlen(from), strlen(to));
	assert_int_equal(fsutil_read_file(path, 1 << 20, &buf, &len, &err), 0);
	char *at = strstr(buf, from);
	assert_non_null(at);
	memcpy(at, to, strlen(to));
	assert_int_equal(fsutil_write_atomic(path, buf, len, 0644, &err), 0);
	free(buf);
	free(path);
}

static void
test_fingerprint(void **state)
{
	(void)state;
	char orig[65], again[65], copy[65], edited[65], exam[65], renamed[65];
	assert_true(is_hex64(good->fingerprint_hex));
	fingerprint_of(GOOD, orig);
	assert_string_equal(orig, good->fingerprint_hex);
	fingerprint_of(GOOD, again);
	assert_string_equal(orig, again);

	/* The contents count, not where the bank lives. */
	char *dir = copy_good();
	fingerprint_of(dir, copy);
	assert_string_equal(copy, orig);

	/* One byte of a question file (a valid edit) changes it. */
	edit_file(dir, "data.json", "Amazon EMR", "Amazon EMX");
	fingerprint_of(dir, edited);
	assert_string_not_equal(edited, orig);
	edit_file(dir, "data.json", "Amazon EMX", "Amazon EMR");
	fingerprint_of(dir, again);
	assert_string_equal(again, orig);

	/* So does one byte of exam.json. */
	edit_file(dir, "exam.json", "\"Ingestion\"", "\"Ingestiom\"");
	fingerprint_of(dir, exam);
	assert_string_not_equal(exam, orig);
	assert_string_not_equal(exam, edited);
	edit_file(dir, "exam.json", "\"Ingestiom\"", "\"Ingestion\"");

	/* And a file's name. */
	char *from = fsutil_asprintf("%s/models.json", dir);
	char *to = fsutil_asprintf("%s/models2.json", dir);
	assert_int_equal(rename(from, to), 0);
	fingerprint_of(dir, renamed);
	assert_string_not_equal(renamed, orig);
	free(from);
	free(to);
	remove_dir(dir);
}

/* bank_load on a bad bank: -1, errors counted, *out NULL. */
static void
expect_bad(const char *name, size_t min_errors)
{
	char *dir = fsutil_asprintf("%s/banks/%s", FIXTURES, name);
	static struct bank sentinel;
	struct diag d = { 0 };
	struct bank *b = &sentinel; /* must be overwritten with NULL */
	int rc = bank_load(dir, &d, &b);
	if (rc != -1 || b != NULL || d.errors < min_errors)
		fail_msg("%s: rc %d, bank %p, %zu errors", name, rc, (void *)b,
		         d.errors);
	assert_int_equal(d.n, d.errors + d.warnings);
	diag_free(&d);
	free(dir);
}

static void
test_bad_banks(void **state)
{
	(void)state;
	expect_bad("syntax-error", 1);
	expect_bad("truncated", 2);
	expect_bad("empty-file", 2);
	expect_bad("duplicate-ids", 3);
	expect_bad("wrong-types", 22);
	expect_bad("many-errors", 8);
	expect_bad("exam-missing", 1);
	expect_bad("exam-wrong-types", 14);
	expect_bad("no-question-files", 1);
	expect_bad("no-such-bank", 1);
}

static void
test_diag_accumulates(void **state)
{
	(void)state;
	/* One diag across two loads keeps both banks' problems. */
	struct diag d = { 0 };
	struct bank *b = NULL;
	assert_int_equal(bank_load(FIXTURES "/banks/unknown-keys", &d, &b), 0);
	assert_non_null(b);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 4);
	assert_int_equal(b->n_questions, 1);
	bank_free(b);
	assert_int_equal(bank_load(FIXTURES "/banks/syntax-error", &d, &b), -1);
	assert_null(b);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 4);
	assert_string_equal(d.v[4].text, "questions.json:8:7: error: syntax error near '\"'");
	/* The earlier errors do not make a good bank fail. */
	assert_int_equal(bank_load(GOOD, &d, &b), 0);
	assert_non_null(b);
	bank_free(b);
	bank_free(NULL);
	diag_free(&d);
}

static void
test_bom(void **state)
{
	(void)state;
	struct diag d = { 0 };
	struct bank *b = NULL;
	assert_int_equal(bank_load(FIXTURES "/banks/bom", &d, &b), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(b->n_questions, 1);
	assert_string_equal(b->bp.code, "TEST-01");
	assert_string_equal(b->questions[0].stem,
	                    "Does a byte order mark break the bank? Caf\xc3\xa9, na\xc3\xafve \xe2\x80\x94 no.");
	bank_free(b);
	diag_free(&d);
}

/* Ids: 1 to 128 of A-Z a-z 0-9 - _ . (the loader and import share the rule). */
static void
test_valid_id(void **state)
{
	char long_id[130];
	(void)state;
	assert_true(bank_valid_id("q-001"));
	assert_true(bank_valid_id("MLA_C01.2.3"));
	assert_false(bank_valid_id(""));
	assert_false(bank_valid_id("q 1"));
	assert_false(bank_valid_id("q/1"));
	assert_false(bank_valid_id("caf\xc3\xa9"));
	memset(long_id, 'a', 128);
	long_id[128] = '\0';
	assert_true(bank_valid_id(long_id));
	long_id[128] = 'a';
	long_id[129] = '\0';
	assert_false(bank_valid_id(long_id));
}

/* "(Choose N.)" is shown after a multiple-response stem that lacks it, never twice. */
static void
test_choose_hint(void **state)
{
	(void)state;
	long i = -1;
	for (size_t k = 0; k < good->n_questions; k++)
		if (good->questions[k].type == Q_MULTIPLE)
			i = (long)k;
	assert_true(i >= 0);
	struct question q = good->questions[i];
	assert_null(bank_choose_hint(&q)); /* the stem says "(Choose two.)" */
	q.stem = "Which two transformations handle missing numeric values?";
	q.n_key = 2;
	assert_string_equal(bank_choose_hint(&q), "(Choose two.)");
	q.n_key = 3;
	assert_string_equal(bank_choose_hint(&q), "(Choose three.)");
	q.type = Q_SINGLE;
	assert_null(bank_choose_hint(&q));
}

int
main(void)
{
	const struct CMUnitTest model[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_choose_hint),
		cmocka_unit_test(test_valid_id),
		cmocka_unit_test(test_blueprint),
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_multiple_key_sorted),
		cmocka_unit_test(test_ordering_key_order),
		cmocka_unit_test(test_matching_key_per_prompt),
		cmocka_unit_test(test_case_study),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_invariants_good),
		cmocka_unit_test(test_fingerprint),
	};
	const struct CMUnitTest other[] = {
		cmocka_unit_test(test_bundled_bank),
		cmocka_unit_test(test_bad_banks),
		cmocka_unit_test(test_diag_accumulates),
		cmocka_unit_test(test_bom),
	};
	int failed = cmocka_run_group_tests_name("bank model", model, load_good, free_good);
	failed += cmocka_run_group_tests_name("bank loading", other, NULL, NULL);
	return failed ? 1 : 0;
}
