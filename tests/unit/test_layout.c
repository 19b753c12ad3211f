/* Unit tests for layout: wrapping UTF-8 by display width, and scroll windows. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/layout.h"

static int utf8_locale;

/* Wrap text at width and return the lines joined with '|' (static buffer). */
static const char *
wrap(const char *text, int width)
{
	static char out[4096];
	struct layout l = { 0 };
	size_t used = 0;
	assert_int_equal(layout_wrap(&l, text, width), 0);
	out[0] = '\0';
	for (size_t i = 0; i < l.n; i++) {
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%.*s", i ? "|" : "",
		                         (int)l.lines[i].len, text + l.lines[i].off);
		/* Every line fits, except a lone character wider than the width. */
		if (l.lines[i].width > width)
			assert_true(layout_width(text + l.lines[i].off, l.lines[i].len) ==
			            l.lines[i].width);
		else
			assert_int_equal(layout_width(text + l.lines[i].off, l.lines[i].len),
			                 l.lines[i].width);
	}
	layout_free(&l);
	return out;
}

static void
wrap_ascii(void **state)
{
	(void)state;
	assert_string_equal(wrap("the quick brown fox jumps", 10), "the quick|brown fox|jumps");
	assert_string_equal(wrap("exactly ten", 11), "exactly ten");
	assert_string_equal(wrap("exactly ten", 10), "exactly|ten");
	/* Runs of spaces are one break and leave no trailing space. */
	assert_string_equal(wrap("aaaa    bbbb", 6), "aaaa|bbbb");
	assert_string_equal(wrap("  indented start", 10), "  indented|start");
	assert_string_equal(wrap("trailing   ", 20), "trailing");
}

static void
wrap_newlines(void **state)
{
	(void)state;
	assert_string_equal(wrap("one\ntwo", 20), "one|two");
	assert_string_equal(wrap("one\n\ntwo", 20), "one||two");
	assert_string_equal(wrap("one\n", 20), "one");
	assert_string_equal(wrap("crlf\r\nline", 20), "crlf|line");
	assert_string_equal(wrap("", 20), "");
	struct layout l = { 0 };
	assert_int_equal(layout_wrap(&l, "", 5), 0);
	assert_int_equal(l.n, 1);
	layout_reset(&l);
	assert_int_equal(layout_wrap(&l, "a\n\nb", 5), 0);
	assert_int_equal(l.n, 3);
	layout_free(&l);
	layout_free(NULL);
}

static void
wrap_long_words(void **state)
{
	(void)state;
	assert_string_equal(wrap("abcdefghijkl", 5), "abcde|fghij|kl");
	assert_string_equal(wrap("go arn:aws:sagemaker:us-east-1 now", 12),
	                    "go|arn:aws:sage|maker:us-|east-1 now");
	assert_string_equal(wrap("well-known", 6), "well-|known");
	assert_string_equal(wrap("s3://bucket/prefix/key", 12), "s3://bucket/|prefix/key");
	/* Width below 1 counts as 1. */
	assert_string_equal(wrap("ab", 0), "a|b");
}

static void
wrap_accents(void **state)
{
	(void)state;
	if (!utf8_locale)
		skip();
	/* Precomposed and combining accents are one column each. */
	assert_int_equal(layout_width("caf\xc3\xa9", 5), 4);
	assert_int_equal(layout_width("cafe\xcc\x81", 6), 4);
	assert_string_equal(wrap("caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9", 10),
	                    "caf\xc3\xa9 na\xc3\xafve|r\xc3\xa9sum\xc3\xa9");
	/* A combining mark never starts a line. */
	assert_string_equal(wrap("abcde\xcc\x81" "fgh", 5), "abcde\xcc\x81|fgh");
	assert_string_equal(wrap("cafe\xcc\x81 cafe\xcc\x81", 4), "cafe\xcc\x81|cafe\xcc\x81");
}

static void
wrap_cjk(void **state)
{
	(void)state;
	if (!utf8_locale)
		skip();
	/* 機械学習 = four wide characters, 8 columns. */
	const char *kikai = "\xe6\xa9\x9f\xe6\xa2\xb0\xe5\xad\xa6\xe7\xbf\x92";
	assert_int_equal(layout_width(kikai, strlen(kikai)), 8);
	assert_string_equal(wrap(kikai, 4), "\xe6\xa9\x9f\xe6\xa2\xb0|\xe5\xad\xa6\xe7\xbf\x92");
	/* An odd width leaves a column empty rather than splitting a character. */
	assert_string_equal(wrap(kikai, 5), "\xe6\xa9\x9f\xe6\xa2\xb0|\xe5\xad\xa6\xe7\xbf\x92");
	/* Lines may break before and after wide characters. */
	char mixed[64];
	snprintf(mixed, sizeof mixed, "ab%s", kikai);
	assert_string_equal(wrap(mixed, 6), "ab\xe6\xa9\x9f\xe6\xa2\xb0|\xe5\xad\xa6\xe7\xbf\x92");
	/* A wide character in a 1-column window gets a line of its own. */
	assert_string_equal(wrap("\xe6\xa9\x9f\xe6\xa2\xb0", 1), "\xe6\xa9\x9f|\xe6\xa2\xb0");
	int w;
	assert_int_equal(layout_fit(kikai, strlen(kikai), 5, &w), 6);
	assert_int_equal(w, 4);
}

static void
zero_width(void **state)
{
	(void)state;
	/* Control characters take no room; a tab takes one (drawn as a space). */
	assert_int_equal(layout_width("a\x01" "b", 3), 2);
	assert_int_equal(layout_width("a\tb", 3), 3);
	assert_int_equal(layout_char_width(0x07), 0);
	assert_int_equal(layout_char_width(0x9B), 0);
	if (utf8_locale) {
		assert_int_equal(layout_char_width(0x0301), 0);
		assert_int_equal(layout_char_width(0x200B), 0);
		/* A zero-width space is a break opportunity. */
		assert_string_equal(wrap("abc\xe2\x80\x8b" "def", 4), "abc\xe2\x80\x8b|def");
	}
	int w;
	if (utf8_locale) {
		/* layout_fit never parts a base from its combining mark. */
		assert_int_equal(layout_fit("e\xcc\x81x", 4, 1, &w), 3);
		assert_int_equal(w, 1);
	}
	assert_int_equal(layout_fit("abc", 3, 0, &w), 0);
	assert_int_equal(w, 0);
}

static void
decode_invalid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(layout_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(layout_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	/* Truncated, overlong, surrogate and stray bytes: one byte, U+FFFD. */
	assert_int_equal(layout_decode("\xc3", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(layout_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(layout_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(layout_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	/* Wrapping invalid bytes still makes progress and covers every byte. */
	const char *bad = "\xff\xfe\xfd\xfc\xfb\xfa";
	struct layout l = { 0 };
	assert_int_equal(layout_wrap(&l, bad, 2), 0);
	size_t bytes = 0;
	for (size_t i = 0; i < l.n; i++)
		bytes += l.lines[i].len;
	assert_int_equal(bytes, 6);
	layout_free(&l);
}

static void
scroll_math(void **state)
{
	(void)state;
	assert_int_equal(layout_scroll_max(50, 10), 40);
	assert_int_equal(layout_scroll_max(5, 10), 0);
	assert_int_equal(layout_scroll_clamp(-3, 50, 10), 0);
	assert_int_equal(layout_scroll_clamp(45, 50, 10), 40);
	assert_int_equal(layout_scroll_clamp(7, 5, 10), 0);
	assert_int_equal(layout_scroll_clamp(12, 50, 10), 12);
	/* Already visible: no move. */
	assert_int_equal(layout_scroll_show(10, 12, 2, 50, 10), 10);
	/* Above: scroll up to it. Below: just enough to show its last row. */
	assert_int_equal(layout_scroll_show(10, 4, 2, 50, 10), 4);
	assert_int_equal(layout_scroll_show(10, 25, 3, 50, 10), 18);
	/* Taller than the window: its first row at the top. */
	assert_int_equal(layout_scroll_show(0, 20, 15, 50, 10), 20);
	/* Never past the end. */
	assert_int_equal(layout_scroll_show(0, 48, 2, 50, 10), 40);
	assert_int_equal(layout_scroll_show(0, 49, 5, 50, 10), 40);
	/* A window with no rows. */
	assert_int_equal(layout_scroll_show(0, 3, 1, 5, 0), 3);
}

static void
split_panes(void **state)
{
	(void)state;
	/* No scenario: no upper pane. */
	assert_int_equal(layout_split(20, 0, 10, 8, 6), 0);
	/* A long scenario is capped, the question gets the rest. */
	assert_int_equal(layout_split(20, 30, 30, 8, 6), 8);
	/* A short question leaves its spare rows to the scenario. */
	assert_int_equal(layout_split(20, 30, 6, 8, 6), 14);
	/* A short scenario takes only what it needs. */
	assert_int_equal(layout_split(20, 4, 30, 8, 6), 4);
	/* The question pane keeps its minimum. */
	assert_int_equal(layout_split(10, 30, 2, 8, 6), 4);
	assert_int_equal(layout_split(4, 30, 2, 8, 6), 0);
	assert_int_equal(layout_split(0, 3, 2, 8, 6), 0);
}

static void
bars(void **state)
{
	(void)state;
	char b[32];
	layout_bar(b, 10, 0);
	assert_string_equal(b, "..........");
	layout_bar(b, 10, 55);
	assert_string_equal(b, "######....");
	layout_bar(b, 10, 100);
	assert_string_equal(b, "##########");
	layout_bar(b, 4, 150);
	assert_string_equal(b, "####");
	layout_bar(b, 4, -5);
	assert_string_equal(b, "....");
	layout_bar(b, 0, 50);
	assert_string_equal(b, "");
}

/* What one row of the full screen shows (tui_put), UTF-8 or not. */
static void
cells(void **state)
{
	const char *s = "caf\xc3\xa9\t\x1b[2Jx\xff\xe5\xa4\xa7y"; /* café, tab, ESC, bad byte, 大 */
	char out[64];
	int w;
	size_t n;
	(void)state;
	if (!utf8_locale)
		skip();
	/* UTF-8: the characters as they are, tab a space, ESC dropped, the bad byte '?'. */
	n = layout_cells(s, strlen(s), 80, 0, out, sizeof out, &w);
	assert_int_equal(n, strlen("caf\xc3\xa9 [2Jx?\xe5\xa4\xa7y"));
	assert_memory_equal(out, "caf\xc3\xa9 [2Jx?\xe5\xa4\xa7y", n);
	assert_int_equal(w, 13);
	/* Not UTF-8: one '?' per column, so the width (and wrapping) is the same. */
	n = layout_cells(s, strlen(s), 80, 1, out, sizeof out, &w);
	assert_int_equal(n, 13);
	assert_memory_equal(out, "caf? [2Jx???y", n);
	assert_int_equal(w, 13);
	/* Cut before the character that would pass max: 大 needs two columns. */
	n = layout_cells(s, strlen(s), 11, 1, out, sizeof out, &w);
	assert_memory_equal(out, "caf? [2Jx?", n);
	assert_int_equal(w, 10);
	/* Never more than size - 1 bytes. */
	n = layout_cells("abcdefghij", 10, 80, 0, out, 6, &w);
	assert_true(n <= 5);
	assert_int_equal(w, (int)n);
	assert_int_equal(layout_cells("", 0, 80, 1, out, sizeof out, NULL), 0);
}

int
main(void)
{
	/* The program sets the locale; so does this test (the library never does). */
	const char *loc = setlocale(LC_ALL, "C.UTF-8");
	if (loc == NULL)
		loc = setlocale(LC_ALL, "en_US.UTF-8");
	utf8_locale = loc != NULL;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wrap_ascii),     cmocka_unit_test(wrap_newlines),
		cmocka_unit_test(wrap_long_words), cmocka_unit_test(wrap_accents),
		cmocka_unit_test(wrap_cjk),       cmocka_unit_test(zero_width),
		cmocka_unit_test(decode_invalid), cmocka_unit_test(scroll_math),
		cmocka_unit_test(split_panes),    cmocka_unit_test(bars),
		cmocka_unit_test(cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
