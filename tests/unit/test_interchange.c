/* Unit tests of the interchange core: categories, tasks, ids, HTML to text, the bank writer. */
#include "testutil.h"

#include "certsim/fsutil.h"
#include "certsim/gift.h"
#include "certsim/interchange.h"

static void
check_last(const char *path, const char *want)
{
	char *got = interchange_category_last(path);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_category_last(void **state)
{
	(void)state;
	check_last("MLA-C01/Domain 1/1.1", "1.1");
	check_last("$course$/top/Default for X/Week 2 ", "Week 2");
	check_last("$course$/top", "");
	check_last("top/a", "a");
	check_last("a//b/c//d", "c/d");
	check_last("trailing/", "trailing");
	check_last("", "");
}

static void
check_html(const char *html, const char *want)
{
	char *got = interchange_html_to_text(html, strlen(html));
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_html_to_text(void **state)
{
	(void)state;
	check_html("plain", "plain");
	check_html("  a \n\t b  ", "a b");
	check_html("a<br>b<br/><br />c", "a\nb\n\nc");
	check_html("<p>one</p><p>two</p>", "one\n\ntwo");
	check_html("&lt;tag&gt; &amp; &quot;q&quot; &#233; &eacute;",
	           "<tag> & \"q\" \xC3\xA9 \xC3\xA9");
	check_html("<script>alert(1)</script>kept", "kept");
	check_html("p < 0.05 is <b>significant</b>", "p < 0.05 is significant");
	check_html("<p>unclosed <b>bold", "unclosed bold");
	check_html("", "");
}

/* Text to HTML and back is the identity for plain text. */
static void
test_text_html_round_trip(void **state)
{
	const char *texts[] = { "a < b & c > d", "\"quoted\"", "two\nlines", "x\n\ny",
		                "caf\xC3\xA9" };
	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct ix_buf b = { 0 };
		interchange_text_to_html(&b, texts[i]);
		check_html(b.s, texts[i]);
		free(b.s);
	}
}

/* Three questions from GIFT text, for the task and id tests. */
static void
three(struct ix_set *s)
{
	const char *t = "$CATEGORY: Exam/Domain 1/1.2\n\n::good-id::A?{=a ~b}\n\n"
	                "$CATEGORY: Course/Week 1\n\n::bad id::B?{=a ~b}\n\n"
	                "::good-id::C?{=a ~b}\n\n$CATEGORY: Other\n\n::imp-0001::D?{=a ~b}\n";
	struct diag d = { 0 };
	memset(s, 0, sizeof *s);
	assert_int_equal(gift_parse("t.gift", t, strlen(t), s, &d), 0);
	assert_int_equal(s->n, 4);
	diag_free(&d);
}

static void
test_assign_ids(void **state)
{
	struct ix_set s;
	(void)state;
	three(&s);
	assert_int_equal(interchange_assign_ids(&s), 0);
	assert_string_equal(s.v[0].id, "good-id");
	assert_string_equal(s.v[1].id, "imp-0002");
	assert_string_equal(s.v[2].id, "imp-0003");
	assert_string_equal(s.v[3].id, "imp-0001");
	interchange_set_free(&s);
}

static void
write_exam(const char *dir)
{
	const char *exam =
	        "{ \"format\": \"certsim-exam/1\", \"code\": \"T-01\", \"title\": \"T\","
	        " \"questions\": 2, \"duration_minutes\": 4,"
	        " \"scoring\": { \"min\": 100, \"max\": 1000, \"pass\": 700, \"cut\": 0.7 },"
	        " \"domains\": [ { \"id\": 1, \"name\": \"One\", \"weight\": 60, \"tasks\": ["
	        " { \"id\": \"1.1\", \"name\": \"a\" },"
	        " { \"id\": \"1.2\", \"name\": \"b\" } ] },"
	        " { \"id\": 2, \"name\": \"Two\", \"weight\": 40, \"tasks\": ["
	        " { \"id\": \"2.1\", \"name\": \"c\" } ] } ] }\n";
	char *p = join(dir, "exam.json");
	put_file(p, exam, strlen(exam), 0644);
	free(p);
}

static int
setup_tmp(void **state)
{
	return tmpdir_setup(state, "certsim-ix");
}

static void
test_assign_tasks(void **state)
{
	const char *dir = *state;
	struct ix_set s;
	struct ix_blueprint bp;
	struct diag d = { 0 };
	char *err = NULL, *exam = join(dir, "exam.json");
	write_exam(dir);
	assert_int_equal(interchange_blueprint_load(exam, &bp, &d, &err), 0);
	assert_string_equal(bp.code, "T-01");
	assert_int_equal(bp.n_tasks, 3);
	assert_int_equal(bp.domain[2], 2);

	three(&s);
	/* No --map, no --task: the last part "1.2" maps, the others do not. */
	assert_int_equal(interchange_assign_tasks(&s, &bp, NULL, 0, NULL, &d), -1);
	assert_string_equal(s.v[0].task, "1.2");
	assert_int_equal(s.v[0].domain, 1);
	assert_int_equal(d.errors, 2);
	assert_contains(d.v[0].text, "t.gift:7: error: category \"Course/Week 1\" maps to no task "
	                             "of T-01: add --map 'Week 1=TASK' or --task TASK");
	assert_contains(d.v[1].text, "t.gift:13: error: category \"Other\"");
	diag_free(&d);

	/* --map by last part or full path; --task for the rest. */
	struct ix_map maps[] = { { "Week 1", "2.1" } };
	assert_int_equal(interchange_assign_tasks(&s, &bp, maps, 1, "1.1", &d), 0);
	assert_string_equal(s.v[1].task, "2.1");
	assert_int_equal(s.v[1].domain, 2);
	assert_string_equal(s.v[3].task, "1.1");
	assert_int_equal(d.n, 0);

	/* Write, lint, commit: a complete bank appears at once. */
	char *out = join(dir, "out"), *tmp = NULL;
	assert_int_equal(interchange_assign_ids(&s), 0);
	assert_int_equal(interchange_write_bank(&s, exam, out, &tmp, &err), 0);
	struct stat st;
	assert_int_equal(stat(out, &st), -1);
	struct bank *b = NULL;
	assert_int_equal(bank_load(tmp, &d, &b), 0);
	assert_int_equal(b->n_questions, 4);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 4); /* no explanations */
	bank_free(b);
	diag_free(&d);
	assert_int_equal(interchange_commit_dir(tmp, out, &err), 0);
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(stat(tmp, &st), -1);
	free(tmp);

	/* A second import onto a non-empty DIR is refused and leaves DIR alone. */
	assert_int_equal(interchange_write_bank(&s, exam, out, &tmp, &err), 0);
	assert_int_equal(interchange_commit_dir(tmp, out, &err), -1);
	assert_contains(err, "exists and is not empty");
	free(err);
	err = NULL;
	interchange_remove_dir(tmp);
	assert_int_equal(stat(tmp, &st), -1);
	free(tmp);

	/* A missing exam.json: nothing left behind. */
	char *missing = join(dir, "nope.json");
	assert_int_equal(interchange_write_bank(&s, missing, out, &tmp, &err), -1);
	assert_contains(err, "nope.json");
	free(err);
	DIR *dp = opendir(dir);
	struct dirent *e;
	int entries = 0;
	while ((e = readdir(dp)) != NULL)
		entries += e->d_name[0] != '.';
	closedir(dp);
	assert_int_equal(entries, 2); /* exam.json and out */

	free(missing);
	free(out);
	free(exam);
	interchange_set_free(&s);
	interchange_blueprint_free(&bp);
}

static void
test_blueprint_errors(void **state)
{
	const char *dir = *state;
	struct ix_blueprint bp;
	struct diag d = { 0 };
	char *err = NULL, *p = join(dir, "exam.json");
	put_file(p, "[1, 2]", 6, 0644);
	assert_int_equal(interchange_blueprint_load(p, &bp, &d, &err), -1);
	assert_contains(d.v[0].text, "error: not a certsim blueprint");
	diag_free(&d);
	free(p);
	p = join(dir, "missing.json");
	assert_int_equal(interchange_blueprint_load(p, &bp, &d, &err), -2);
	assert_contains(err, "missing.json");
	free(err);
	free(p);
}

/* Answers and pairs of a draft: blank answers dropped only when asked (GIFT, Moodle XML; not Aiken). */
static void
test_add_answer(void **state)
{
	struct ix_draft dr;
	(void)state;
	memset(&dr, 0, sizeof dr);
	assert_int_equal(interchange_add_answer(&dr, strdup("yes"), 1.0, 1), 0);
	assert_int_equal(interchange_add_answer(&dr, strdup(""), 0, 1), 0);
	assert_int_equal(dr.n_answers, 1);
	assert_int_equal(interchange_add_answer(&dr, strdup(""), 0, 0), 0);
	assert_int_equal(dr.n_answers, 2);
	assert_int_equal(interchange_add_answer(&dr, NULL, 0, 0), -1);
	assert_int_equal(dr.n_answers, 2);
	assert_string_equal(dr.answers[0].text, "yes");
	assert_true(dr.answers[0].weight == 1.0);
	assert_string_equal(dr.answers[1].text, "");
	for (int k = 0; k < dr.n_answers; k++)
		free(dr.answers[k].text);
	free(dr.answers);

	/* Matching pairs: both or neither. */
	assert_int_equal(interchange_add_pair(&dr, strdup("S3"), strdup("storage")), 0);
	assert_int_equal(interchange_add_pair(&dr, strdup("EC2"), NULL), -1);
	assert_int_equal(dr.n_sub, 1);
	assert_string_equal(dr.sub_q[0], "S3");
	assert_string_equal(dr.sub_a[0], "storage");
	free(dr.sub_q[0]);
	free(dr.sub_a[0]);
	free(dr.sub_q);
	free(dr.sub_a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_category_last),
		cmocka_unit_test(test_html_to_text),
		cmocka_unit_test(test_add_answer),
		cmocka_unit_test(test_text_html_round_trip),
		cmocka_unit_test(test_assign_ids),
		cmocka_unit_test_setup_teardown(test_assign_tasks, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_blueprint_errors, setup_tmp, teardown_tmp),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
