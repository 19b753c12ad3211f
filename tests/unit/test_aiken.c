/* Unit tests of the Aiken parser: each grammar rule, Moodle's documented examples and errors. */
#include "ixutil.h"

#include "certsim/aiken.h"
#include "certsim/fsutil.h"
#include "certsim/interchange.h"

static void
parse(const char *text, struct ix_set *set, struct diag *d, int *rc)
{
	memset(set, 0, sizeof *set);
	memset(d, 0, sizeof *d);
	*rc = aiken_parse("t.txt", text, strlen(text), set, d);
}

/* Both option forms, A. and A), and the ANSWER line. */
static void
test_option_forms(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Dot form?\nA. one\nB. two\nANSWER: B\n\nBracket form?\nA) one\nB) two\nC) three\n"
	      "ANSWER: C\n\nNo space?\nA)one\nB)two\nANSWER:A\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].stem, "Dot form?");
	assert_string_equal(s.v[0].choices[1], "two");
	assert_int_equal(s.v[0].key[0], 1);
	assert_int_equal(s.v[1].n_choices, 3);
	assert_int_equal(s.v[1].key[0], 2);
	assert_string_equal(s.v[2].choices[0], "one");
	assert_int_equal(s.v[2].key[0], 0);
	for (size_t i = 0; i < s.n; i++) {
		assert_int_equal(s.v[i].type, Q_SINGLE);
		assert_null(s.v[i].explanation);
		assert_null(s.v[i].category);
		assert_null(s.v[i].name);
	}
	assert_int_equal(d.n, 0);
	done(&s, &d);
}

/* Lines shorter than 2 characters are ignored; no blank line is needed between questions. */
static void
test_short_lines_and_no_blank(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("First?\nx\nA. a\n\nB. b\nANSWER: A\nSecond?\nA. a\nB. b\nANSWER: B\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[1].line, 7);
	done(&s, &d);
}

static void
test_line_endings_and_bom(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("\xEF\xBB\xBFWindows?\r\nA. a\r\nB. b\r\nANSWER: A\r\nOld Mac?\rA. a\rB. b\rANSWER: B\r",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].stem, "Windows?");
	assert_string_equal(s.v[1].choices[1], "b");
	assert_int_equal(s.v[1].line, 5);
	done(&s, &d);
}

static void
test_errors(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("A) orphan option\nANSWER: A\nStarted?\nA. a\nB. b\nNext?\nA. a\nC. c\nANSWER: Z\n"
	      "Unfinished?\nA. a\n",
	      &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(s.n, 0);
	const char *t = diags(&d);
	assert_contains(t, "t.txt:1: error: option A) outside a question");
	assert_contains(t, "t.txt:2: error: ANSWER line outside a question");
	assert_contains(t, "t.txt:3: error: question not completed: no ANSWER line before the next "
	                   "question (line 6)");
	assert_contains(t, "t.txt:8: error: option C out of sequence (expected B)");
	assert_contains(t, "t.txt:9: error: ANSWER: Z names no option (options A to B)");
	assert_contains(t, "t.txt:10: error: question not completed: no ANSWER line");
	assert_int_equal(d.errors, 6);
	done(&s, &d);
}

static void
test_option_counts(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Only one?\nA. a\nANSWER: A\n\nEleven?\nA. a\nB. b\nC. c\nD. d\nE. e\nF. f\nG. g\n"
	      "H. h\nI. i\nJ. j\nK. k\nANSWER: K\n\nTen?\nA. a\nB. b\nC. c\nD. d\nE. e\nF. f\n"
	      "G. g\nH. h\nI. i\nJ. j\nANSWER: J\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].n_choices, 10);
	assert_int_equal(s.v[0].key[0], 9);
	assert_int_equal(s.skipped, 2);
	const char *t = diags(&d);
	assert_contains(t, "t.txt:1: warning: skipped multichoice question \"Only one?\": it has 1 "
	                   "answer; certsim needs 2 to 10");
	assert_contains(t, "t.txt:5: warning: skipped multichoice question \"Eleven?\": it has 11 "
	                   "answers; certsim takes at most 10");
	done(&s, &d);
}

/* Text is plain: markup characters stay as written. */
static void
test_plain_text(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Is 1 < 2 & 3 > 2?\nA. <yes>\nB. &no;\nANSWER: A\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(s.v[0].stem, "Is 1 < 2 & 3 > 2?");
	assert_string_equal(s.v[0].choices[1], "&no;");
	done(&s, &d);
}

static void
read_fixture(const char *name, struct ix_set *s, struct diag *d, int *rc)
{
	char *path = fsutil_asprintf("%s/interchange/%s", FIXTURES, name), *buf, *err;
	size_t len;
	assert_int_equal(fsutil_read_file(path, 1 << 20, &buf, &len, &err), 0);
	memset(s, 0, sizeof *s);
	memset(d, 0, sizeof *d);
	*rc = aiken_parse(name, buf, len, s, d);
	free(buf);
	free(path);
}

static void
test_fixtures(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	read_fixture("docs-examples.aiken.txt", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].stem, "What is the correct answer to this question?");
	assert_int_equal(s.v[0].key[0], 3);
	assert_int_equal(s.v[1].n_choices, 6);
	assert_string_equal(s.v[1].choices[5], "Ilias");
	assert_int_equal(s.v[1].key[0], 0);
	done(&s, &d);

	read_fixture("errors.aiken.txt", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors, 5);
	assert_int_equal(d.warnings, 1);
	const char *t = diags(&d);
	assert_contains(t, "errors.aiken.txt:1: warning: skipped");
	assert_contains(t, "errors.aiken.txt:5: error: option A) outside a question");
	assert_contains(t, "errors.aiken.txt:7: error: ANSWER line outside a question");
	assert_contains(t, "errors.aiken.txt:14: error: question not completed");
	assert_contains(t, "errors.aiken.txt:20: error: option C out of sequence");
	assert_contains(t, "errors.aiken.txt:26: error: ANSWER: E names no option");
	done(&s, &d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_forms),
		cmocka_unit_test(test_short_lines_and_no_blank),
		cmocka_unit_test(test_line_endings_and_bom),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_option_counts),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
