/* Unit tests of the Moodle XML reader and writer: Moodle's documented examples, errors, export. */
#include "ixutil.h"

#include "certsim/fsutil.h"
#include "certsim/interchange.h"
#include "certsim/moodle_xml.h"

static void
parse(const char *text, struct ix_set *set, struct diag *d, int *rc)
{
	memset(set, 0, sizeof *set);
	memset(d, 0, sizeof *d);
	*rc = moodle_xml_parse("t.xml", text, strlen(text), set, d);
}

static void
parse_fixture(const char *name, struct ix_set *s, struct diag *d, int *rc)
{
	char *path = fsutil_asprintf("%s/interchange/%s", FIXTURES, name), *buf, *err;
	size_t len;
	assert_int_equal(fsutil_read_file(path, 1 << 20, &buf, &len, &err), 0);
	memset(s, 0, sizeof *s);
	memset(d, 0, sizeof *d);
	*rc = moodle_xml_parse(name, buf, len, s, d);
	free(buf);
	free(path);
}

/* The docs' examples: every convertible type, CDATA and entities, the skipped types. */
static void
test_docs_examples(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse_fixture("docs-examples.xml", &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.skipped, 4);

	struct ix_question *q = &s.v[0];
	assert_string_equal(q->name, "Name of question");
	assert_string_equal(q->category, "$course$/top/MLA-C01/Domain 3/3.1");
	assert_int_equal(q->type, Q_SINGLE);
	assert_int_equal(q->n_choices, 3);
	assert_int_equal(q->key[0], 0);
	assert_int_equal(q->line, 9);

	q = &s.v[1];
	assert_string_equal(q->choices[0], "True");
	assert_int_equal(q->key[0], 0);

	q = &s.v[2];
	assert_int_equal(q->type, Q_MATCHING);
	assert_string_equal(q->stem, "Which is the capital of each country?");
	assert_int_equal(q->n_prompts, 3);
	assert_string_equal(q->prompts[1], "Italy");
	assert_int_equal(q->n_choices, 4);
	assert_string_equal(q->choices[3], "Madrid");
	assert_string_equal(q->explanation,
	                    "Paris, Rome and Berlin; Madrid is the capital of Spain.");

	q = &s.v[3];
	assert_int_equal(q->type, Q_MULTIPLE);
	assert_string_equal(q->stem, "Which two are prime numbers & odd?\n(Choose two.)");
	assert_int_equal(q->n_key, 2);
	assert_int_equal(q->key[0], 0);
	assert_int_equal(q->key[1], 2);

	q = &s.v[4];
	assert_int_equal(q->type, Q_ORDERING);
	assert_int_equal(q->n_choices, 4);
	assert_string_equal(q->choices[3], "Dynamic");
	assert_string_equal(q->explanation,
	                    "The correct answer is \"Modular Object Oriented Dynamic Learning "
	                    "Environment\".");

	q = &s.v[5];
	assert_string_equal(q->stem, "Is 1 < 2?");
	assert_string_equal(q->choices[0], "Yes, 1 < 2");
	assert_int_equal(q->n_tags, 1);
	assert_string_equal(q->tags[0], "maths");

	const char *t = diags(&d);
	assert_contains(t, "docs-examples.xml:129: warning: skipped shortanswer question \"Name of "
	                   "question\"");
	assert_contains(t, "docs-examples.xml:141: warning: skipped numerical question");
	assert_contains(t, "docs-examples.xml:153: warning: skipped essay question");
	assert_contains(t,
	                "docs-examples.xml:161: warning: skipped multichoice question \"partial\": "
	                "answer B gives partial credit (50%)");
	done(&s, &d);
}

/* truefalse as Moodle reads it: by the answers' texts, else true first. */
static void
test_truefalse(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("<quiz><question type=\"truefalse\"><name><text>f</text></name>"
	      "<questiontext><text>Q?</text></questiontext>"
	      "<answer fraction=\"0\"><text>true</text></answer>"
	      "<answer fraction=\"100\"><text>false</text></answer></question>"
	      "<question type=\"truefalse\"><questiontext><text>Old?</text></questiontext>"
	      "<answer fraction=\"100\"><text>Wahr</text></answer>"
	      "<answer fraction=\"0\"><text>Falsch</text></answer></question></quiz>",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.v[0].key[0], 1);
	assert_int_equal(s.v[1].key[0], 0);
	done(&s, &d);
}

/* Text formats: html, moodle_auto_format (line breaks kept), plain_text (as written). */
static void
test_formats(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse("<quiz>"
	      "<question type=\"multichoice\"><questiontext format=\"moodle_auto_format\">"
	      "<text>Line one\nline &lt;b&gt;two&lt;/b&gt;</text></questiontext>"
	      "<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer>"
	      "</question>"
	      "<question type=\"multichoice\"><questiontext format=\"plain_text\">"
	      "<text><![CDATA[Keep <this> & &amp; as is]]></text></questiontext>"
	      "<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer>"
	      "</question>"
	      "<question type=\"multichoice\"><questiontext format=\"html\">"
	      "<text><![CDATA[<p>Para&nbsp;one</p><p>Para   two <img src=\"x.png\" alt=\"a chart\">"
	      "</p><ul><li>x</li><li>y</li></ul>]]></text></questiontext>"
	      "<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer>"
	      "</question></quiz>",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].stem, "Line one\nline two");
	assert_string_equal(s.v[1].stem, "Keep <this> & &amp; as is");
	assert_string_equal(s.v[2].stem, "Para one\n\nPara two [image: a chart]\n\n- x\n- y");
	done(&s, &d);
}

static void
test_errors(void **state)
{
	struct ix_set s;
	struct diag d;
	int rc;
	(void)state;
	parse_fixture("malformed.xml", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "malformed.xml:5: error: XML: Opening and ending tag mismatch");
	done(&s, &d);

	parse_fixture("wrong-root.xml", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "wrong-root.xml:2: error: the root element is <questions>");
	done(&s, &d);

	parse("<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaa\">]>\n<quiz/>", &s, &d,
	      &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.xml:2: error: a DOCTYPE is not allowed");
	done(&s, &d);

	parse("<quiz>\n<question><name><text>x</text></name></question>\n</quiz>", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_contains(diags(&d), "t.xml:2: error: <question> without a type attribute");
	done(&s, &d);

	parse("", &s, &d, &rc);
	assert_int_equal(rc, -1);
	assert_int_equal(d.errors > 0, 1);
	done(&s, &d);

	parse("<quiz><question type=\"cloze\"><name><text>c</text></name>"
	      "<questiontext><text>{1:SA:=x}</text></questiontext></question>"
	      "<question type=\"ddwtos\"><questiontext><text>Drag</text></questiontext></question>"
	      "</quiz>",
	      &s, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(s.skipped, 2);
	assert_contains(diags(&d), "skipped cloze question \"c\": certsim has no cloze");
	assert_contains(diags(&d), "skipped ddwtos question \"Drag\": certsim cannot convert");
	done(&s, &d);
}

/* Export of the good fixture bank, then import: the same stems, choices and keys. */
static void
test_export_import(void **state)
{
	char *dir = fsutil_asprintf("%s/banks/good", FIXTURES);
	struct diag d = { 0 };
	struct bank *b = NULL;
	(void)state;
	assert_int_equal(bank_load(dir, &d, &b), 0);
	struct ix_buf out = { 0 };
	size_t written, skipped;
	assert_int_equal(moodle_xml_export(b, &out, &d, &written, &skipped), 0);
	assert_int_equal(written, b->n_questions);
	assert_int_equal(skipped, 0);
	assert_contains(out.s, "<question type=\"ordering\">");
	assert_contains(out.s, "<gradingtype>ALL_OR_NOTHING</gradingtype>");

	struct ix_set s = { 0 };
	assert_int_equal(moodle_xml_parse("x.xml", out.s, out.n, &s, &d), 0);
	assert_int_equal(s.n, b->n_questions);
	for (size_t i = 0; i < s.n; i++) {
		const struct question *q = &b->questions[i];
		const struct ix_question *x = &s.v[i];
		char *stem = interchange_export_stem(b, q);
		assert_string_equal(x->name, q->id);
		assert_string_equal(x->stem, stem);
		free(stem);
		assert_int_equal(x->type, q->type);
		assert_int_equal(x->n_choices, q->n_choices);
		assert_int_equal(x->n_key, q->n_key);
		for (int k = 0; k < q->n_key; k++)
			assert_string_equal(x->choices[x->key[k]], q->choices[q->key[k]].text);
		for (int p = 0; p < q->n_prompts; p++)
			assert_string_equal(x->prompts[p], q->prompts[p].text);
		if (q->explanation)
			assert_string_equal(x->explanation, q->explanation);
		char *last = interchange_category_last(x->category);
		assert_string_equal(last, b->bp.tasks[q->task_idx].id);
		free(last);
	}
	interchange_set_free(&s);
	free(out.s);
	diag_free(&d);
	bank_free(b);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docs_examples), cmocka_unit_test(test_truefalse),
		cmocka_unit_test(test_formats),       cmocka_unit_test(test_errors),
		cmocka_unit_test(test_export_import),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
