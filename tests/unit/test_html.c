/* Unit tests for html (escaping) and strbuf (the buffer it writes into). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/html.h"
#include "certsim/strbuf.h"

#include "testutil.h"

#define FFFD "\xef\xbf\xbd"

static void
expect(const char *in, size_t n, const char *want)
{
	struct strbuf sb;

	strbuf_init(&sb);
	assert_int_equal(html_escape_n(&sb, in, n), 0);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void
test_markup_characters(void **state)
{
	(void)state;
	expect("<&\"'>", 5, "&lt;&amp;&quot;&#39;&gt;");
	expect("a < b && c > d", 14, "a &lt; b &amp;&amp; c &gt; d");
	expect("<script>alert(1)</script>", 25,
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
	expect("&amp;", 5, "&amp;amp;");
	expect("plain text", 10, "plain text");
	expect("", 0, "");
}

static void
test_control_bytes(void **state)
{
	(void)state;
	/* Tab, newline and carriage return stay; other C0, DEL and C1 do not. */
	expect("a\tb\nc\rd", 7, "a\tb\nc\rd");
	expect("a\x01" "b", 3, "a" FFFD "b");
	expect("\x1b[31mred", 8, FFFD "[31mred");
	expect("x\x7fy", 3, "x" FFFD "y");
	expect("nul\0byte", 8, "nul" FFFD "byte");
	expect("c1:\xc2\x85.", 6, "c1:" FFFD ".");
	expect("c1:\xc2\x9f.", 6, "c1:" FFFD ".");
}

static void
test_utf8(void **state)
{
	(void)state;
	/* Valid text of every length passes unchanged. */
	expect("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14,
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	expect("\xc2\xa0", 2, "\xc2\xa0");
	/* Stray, overlong, surrogate, too large and truncated sequences. */
	expect("\xff\xfe", 2, FFFD FFFD);
	expect("\x80", 1, FFFD);
	expect("\xc0\xbc", 2, FFFD FFFD);           /* overlong '<' */
	expect("\xe0\x80\xbc", 3, FFFD FFFD FFFD);  /* overlong '<' */
	expect("\xed\xa0\x80", 3, FFFD FFFD FFFD);  /* U+D800 */
	expect("\xf4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD); /* > U+10FFFF */
	expect("ab\xe2\x82", 4, "ab" FFFD FFFD);
	expect("\xc3<", 2, FFFD "&lt;");
}

static void
test_escape_str_and_null(void **state)
{
	struct strbuf sb;
	char *s;

	(void)state;
	s = html_escape_str("1 < 2");
	assert_string_equal(s, "1 &lt; 2");
	free(s);
	s = html_escape_str(NULL);
	assert_string_equal(s, "");
	free(s);
	strbuf_init(&sb);
	assert_int_equal(html_escape(&sb, NULL), 0);
	assert_int_equal(sb.len, 0);
	strbuf_free(&sb);
}

static void
test_strbuf_grows_and_detaches(void **state)
{
	struct strbuf sb;
	char *s;

	(void)state;
	strbuf_init(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		assert_int_equal(strbuf_printf(&sb, "%d,", i % 10), 0);
	assert_int_equal(sb.len, 2000);
	assert_int_equal(strlen(sb.buf), 2000);
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	assert_int_equal(strbuf_add(&sb, "x\0y", 3), 0);
	assert_int_equal(sb.len, 2003);
	s = strbuf_detach(&sb);
	assert_non_null(s);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	assert_int_equal(s[2000], 'x');
	free(s);
	s = strbuf_detach(&sb);
	assert_string_equal(s, "");
	free(s);
	strbuf_free(NULL);
}

static void
test_strbuf_sticky_failure(void **state)
{
	struct strbuf sb;

	(void)state;
	strbuf_init(&sb);
	strbuf_puts(&sb, "kept");
	/* An append that cannot fit in memory fails and stays failed. */
	assert_int_equal(strbuf_add(&sb, "", (size_t)-1), -1);
	assert_true(sb.failed);
	assert_int_equal(strbuf_puts(&sb, "more"), -1);
	assert_int_equal(strbuf_printf(&sb, "%d", 1), -1);
	assert_int_equal(html_escape(&sb, "<"), -1);
	assert_string_equal(strbuf_str(&sb), "");
	assert_null(strbuf_detach(&sb));
	assert_null(sb.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markup_characters),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_escape_str_and_null),
		cmocka_unit_test(test_strbuf_grows_and_detaches),
		cmocka_unit_test(test_strbuf_sticky_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
