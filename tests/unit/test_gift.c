/* Unit tests of the GIFT parser and writer: one test per grammar rule, the docs' examples. */
#include "ixutil.h"

#include "certsim/fsutil.h"
#include "certsim/gift.h"
#include "certsim/interchange.h"

/* Parse text; *rc gets gift_parse's status. The caller frees set and d. */
static void
parse(const char *text, struct ix_set *set, struct diag *d, int *rc)
{
	memset(set, 0, sizeof *set);
	memset(d, 0, sizeof *d);
	*rc = gift_parse("t.gift", text, strlen(text), set, d);
}

static void
test_blank_lines_and_comments(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("// a comment\n"
	      "Q one?{=a ~b}\n"
	      "   \n"
	      "// between\n"
	      "Q two?\n"
	      "// inside a question\n"
	      "{~c =d}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].stem, "Q one?");
	assert_int_equal(s.v[0].line, 2);
	assert_string_equal(s.v[1].stem, "Q two?");
	assert_int_equal(s.v[1].line, 5);
	assert_int_equal(s.v[1].key[0], 1);
	assert_int_equal(d.n, 0);
	done(&s, &d);
}

static void
test_category(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Before?{=a ~b}\n\n$CATEGORY: $course$/top/Exam/Domain 1/1.1\n\nAfter?{=a ~b}\n", &s,
	      &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_null(s.v[0].category);
	assert_string_equal(s.v[1].category, "$course$/top/Exam/Domain 1/1.1");
	done(&s, &d);

	parse("$CATEGORY: a/b\nGlued?{=a ~b}\n", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.gift:2: error: a $CATEGORY line must be followed by a blank");
	done(&s, &d);
}

static void
test_name(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("::My name::  The text?{=a ~b}\n\n::Un\\:usual\\:\\: name::T?{=a ~b}\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.v[0].name, "My name");
	assert_string_equal(s.v[0].stem, "The text?");
	assert_string_equal(s.v[1].name, "Un:usual:: name");
	done(&s, &d);

	parse("::Not closed T?{=a ~b}\n", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.gift:1: error: the question name is not closed with ::");
	done(&s, &d);
}

static void
test_escapes(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Which \\{braces\\} \\= \\~ \\# \\: \\\\ and\\nnew line?{\n"
	      "=\\= 2 + 3 \\# \\{x\\}\n"
	      "~\\~ about \\: 4\n"
	      "}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].stem, "Which {braces} = ~ # : \\ and\nnew line?");
	assert_string_equal(s.v[0].choices[0], "= 2 + 3 # {x}");
	assert_string_equal(s.v[0].choices[1], "~ about : 4");
	done(&s, &d);
}

static void
test_multichoice_and_feedback(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Colour?{ =yellow # right; good! ~red # wrong ~blue # wrong }\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.v[0].type, Q_SINGLE);
	assert_int_equal(s.v[0].n_choices, 3);
	assert_string_equal(s.v[0].choices[0], "yellow");
	assert_string_equal(s.v[0].choices[2], "blue");
	assert_int_equal(s.v[0].n_key, 1);
	assert_int_equal(s.v[0].key[0], 0);
	assert_null(s.v[0].explanation);
	done(&s, &d);

	parse("Stray?{oops =a ~b}\n", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.gift:1: error: text before the first answer");
	done(&s, &d);
}

static void
test_weights(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Two?{\n~%-100%No one\n~%50%Grant\n~%50%Grant's wife\n~%-100%Father\n}\n\n"
	      "Three?{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-50%d}\n\n"
	      "One in multi mode?{~%100%a ~%0%b ~c}\n\n"
	      "Half?{=Right ~%50%Half ~Wrong}\n\n"
	      "All right?{~%50%a ~%50%b}\n\n"
	      "None?{~a ~b ~%-10%c}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.v[0].type, Q_MULTIPLE);
	assert_int_equal(s.v[0].n_key, 2);
	assert_int_equal(s.v[0].key[0], 1);
	assert_int_equal(s.v[0].key[1], 2);
	assert_int_equal(s.v[1].type, Q_MULTIPLE);
	assert_int_equal(s.v[1].n_key, 3);
	assert_int_equal(s.v[2].type, Q_SINGLE);
	assert_int_equal(s.v[2].key[0], 0);
	const char *t = diags(&d);
	assert_contains(t, "t.gift:12: warning: skipped multichoice question \"Half?\"");
	assert_contains(t, "answer B gives partial credit (50%); certsim scores all-or-nothing");
	assert_contains(t, "t.gift:14: warning: skipped multichoice question \"All right?\"");
	assert_contains(t, "every answer is right");
	assert_contains(t, "t.gift:16: warning: skipped multichoice question \"None?\"");
	assert_contains(t, "no answer has a positive weight");
	assert_int_equal(s.skipped, 3);
	done(&s, &d);
}

static void
test_general_feedback(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Q?{=a#fb ~b\n####General \\#1 feedback\n}\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].explanation, "General #1 feedback");
	assert_string_equal(s.v[0].choices[0], "a");
	done(&s, &d);
}

static void
test_formats(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("[html]<p>Is <b>this</b> &amp; that<br>bold?</p>{=[plain]<b> ~&lt;i&gt;"
	      "####<i>Yes</i>}\n\n"
	      "[markdown]**Bold** text?{=a ~b}\n\n"
	      "[plain]<not a tag>?{=a ~b}\n\n"
	      "[unknown]text?{=a ~b}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.v[0].stem, "Is this & that\nbold?");
	/* Answers default to the question's format; [plain] overrides it. */
	assert_string_equal(s.v[0].choices[0], "<b>");
	assert_string_equal(s.v[0].choices[1], "<i>");
	assert_string_equal(s.v[0].explanation, "Yes");
	assert_string_equal(s.v[1].stem, "**Bold** text?");
	assert_string_equal(s.v[2].stem, "<not a tag>?");
	assert_string_equal(s.v[3].stem, "[unknown]text?");
	done(&s, &d);
}

static void
test_truefalse(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("A?{T}\n\nB?{TRUE}\n\nC?{F}\n\nD?{FALSE#wrong feedback#right feedback}\n", &s, &d,
	      &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.v[i].type, Q_SINGLE);
		assert_int_equal(s.v[i].n_choices, 2);
		assert_string_equal(s.v[i].choices[0], "True");
		assert_string_equal(s.v[i].choices[1], "False");
		assert_int_equal(s.v[i].key[0], i < 2 ? 0 : 1);
	}
	done(&s, &d);
}

static void
test_matching(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Capitals?{\n=Canada -> Ottawa\n=Italy -> Rome\n=Japan -> Tokyo\n=Spain -> Rome\n"
	      "= -> Paris\n####Good to know}\n\n"
	      "Two?{=cat -> cat food =dog -> dog food}\n\n"
	      "Bad?{=cat -> food =dog}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(s.n, 1);
	struct ix_question *q = &s.v[0];
	assert_int_equal(q->type, Q_MATCHING);
	assert_int_equal(q->n_prompts, 4);
	assert_string_equal(q->prompts[3], "Spain");
	/* Options: distinct answers in order of first use, the distractor too. */
	assert_int_equal(q->n_choices, 4);
	assert_string_equal(q->choices[0], "Ottawa");
	assert_string_equal(q->choices[3], "Paris");
	assert_int_equal(q->key[1], 1);
	assert_int_equal(q->key[3], 1);
	assert_string_equal(q->explanation, "Good to know");
	const char *t = diags(&d);
	assert_contains(t,
	                "t.gift:9: warning: skipped matching question \"Two?\": it has 2 prompts");
	assert_contains(t, "t.gift:11: error: a matching pair needs the form =prompt -> answer");
	done(&s, &d);
}

static void
test_missing_word(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Grant is {~buried =entombed ~living} in Grant's tomb.\n", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.v[0].stem, "Grant is _____ in Grant's tomb.");
	assert_int_equal(s.v[0].key[0], 1);
	done(&s, &d);
}

static void
test_skipped_types(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("::Q3:: Two plus {=two =2} equals four.\n\n"
	      "::Q5:: What is a number from 1 to 5? {#3:2}\n\n"
	      "::Q8:: How are you? {}\n\n"
	      "Just some text, a description.\n",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(s.skipped, 4);
	const char *t = diags(&d);
	assert_contains(t, "t.gift:1: warning: skipped shortanswer question \"Q3\"");
	assert_contains(t, "t.gift:3: warning: skipped numerical question \"Q5\"");
	assert_contains(t, "t.gift:5: warning: skipped essay question \"Q8\"");
	assert_contains(t, "t.gift:7: warning: skipped description question \"Just some text");
	assert_int_equal(d.errors, 0);
	done(&s, &d);
}

static void
test_brace_errors(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("Open {=a ~b\n\nClose } here\n\nBackwards } then {=a ~b}\n\n"
	      "Nested {=a {~b}\n\nTwo {=a ~b} blocks {=c ~d}\n\nGood?{=a ~b}\n",
	      &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(s.n, 1);
	assert_int_equal(d.errors, 5);
	const char *t = diags(&d);
	assert_contains(t, "t.gift:1: error: '{' not closed with '}'");
	assert_contains(t, "t.gift:3: error: '}' without '{'");
	assert_contains(t, "t.gift:5: error: '}' before '{'");
	assert_contains(t, "t.gift:7: error: '{' inside the answers");
	assert_contains(t, "t.gift:9: error: a second answer block");
	done(&s, &d);
}

static void
test_line_endings_bom_and_bad_bytes(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("\xEF\xBB\xBFOne?{=a ~b}\r\n\r\nTwo?{=a ~b}\r\rThree?\r{=a ~b}\r", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].stem, "One?");
	assert_int_equal(s.v[2].line, 5);
	done(&s, &d);

	parse("Bad\xC3(?{=a ~b}\n", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.gift:1: error: invalid UTF-8 (byte 0xC3)");
	done(&s, &d);

	memset(&s, 0, sizeof s);
	memset(&d, 0, sizeof d);
	assert_int_equal(gift_parse("t.gift", "A\n\nB\0C{=a ~b}", 12, &s, &d), -1);
	assert_contains(diags(&d), "t.gift:3: error: NUL byte");
	done(&s, &d);
}

static void
test_docs_fixture(void **state)
{
	char *path = fsutil_asprintf("%s/interchange/docs-examples.gift", FIXTURES), *buf, *err;
	size_t len;
	(void)state;
	assert_int_equal(fsutil_read_file(path, 1 << 20, &buf, &len, &err), 0);
	struct ix_set s = { 0 };
	struct diag d = { 0 };
	assert_int_equal(gift_parse(path, buf, len, &s, &d), 0);
	assert_int_equal(s.n, 10);
	assert_int_equal(s.skipped, 5);
	assert_string_equal(s.v[0].name, "Q1");
	assert_string_equal(s.v[0].stem, "1+1=2");
	assert_string_equal(s.v[0].category, "$course$/top/MLA-C01/Domain 1/1.1");
	assert_string_equal(s.v[2].category, "MLA-C01/Domain 2/2.1");
	assert_string_equal(s.v[8].choices[1], "= 2 + 3");
	assert_string_equal(s.v[9].stem, "Which tag makes text bold & strong?");
	assert_string_equal(s.v[9].choices[0], "<b>");
	free(buf);
	free(path);
	done(&s, &d);
}

/* The writer's escapes come back unchanged through the parser. */
static void
test_escape_round_trip(void **state)
{
	const char *texts[] = { "plain",      "a {b} = c ~ d # e : f \\ g",
		                "two\nlines", "x->y",
		                "100% sure",  "####" };
	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct ix_buf b = { 0 };
		interchange_buf_puts(&b, "::q::[plain]");
		gift_escape(&b, texts[i]);
		interchange_buf_puts(&b, "{=");
		gift_escape(&b, texts[i]);
		interchange_buf_puts(&b, "\n~other\n####");
		gift_escape(&b, texts[i]);
		interchange_buf_puts(&b, "}\n");
		struct ix_set s = { 0 };
		struct diag d = { 0 };
		assert_int_equal(gift_parse("t.gift", b.s, b.n, &s, &d), 0);
		assert_int_equal(s.n, 1);
		assert_string_equal(s.v[0].stem, texts[i]);
		assert_string_equal(s.v[0].choices[0], texts[i]);
		assert_string_equal(s.v[0].explanation, texts[i]);
		free(b.s);
		done(&s, &d);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_lines_and_comments),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_multichoice_and_feedback),
		cmocka_unit_test(test_weights),
		cmocka_unit_test(test_general_feedback),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_truefalse),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_missing_word),
		cmocka_unit_test(test_skipped_types),
		cmocka_unit_test(test_brace_errors),
		cmocka_unit_test(test_line_endings_bom_and_bad_bytes),
		cmocka_unit_test(test_docs_fixture),
		cmocka_unit_test(test_escape_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
