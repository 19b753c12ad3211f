/* Unit tests for textsafe: finding and escaping control characters from files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/textsafe.h"

#include "testutil.h"

/* textsafe_escape(s, flags) compared with want. */
static void
check_escape(const char *s, int flags, const char *want)
{
	char *got = textsafe_escape(s, flags);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_escape_c0_c1_del(void **state)
{
	(void)state;
	check_escape("plain text", 0, "plain text");
	check_escape("\x1b[31mred\x1b[0m", 0, "\\x1b[31mred\\x1b[0m");
	check_escape("bell\a", 0, "bell\\x07");
	check_escape("del\x7f", 0, "del\\x7f");
	check_escape("csi \xc2\x9b" "31m", 0, "csi \\u009b31m");
	check_escape("osc \x1b]0;title\a", 0, "osc \\x1b]0;title\\x07");
	check_escape(NULL, 0, "");
}

static void
test_escape_keeps_utf8(void **state)
{
	(void)state;
	check_escape("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80", 0,
	             "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
	/* U+00A0 (no-break space) is not C1: C2 A0 stays. */
	check_escape("a\xc2\xa0" "b", 0, "a\xc2\xa0" "b");
}

static void
test_escape_invalid_utf8(void **state)
{
	(void)state;
	check_escape("raw \x9b byte", 0, "raw \\x9b byte");
	check_escape("cut \xe6\x97", 0, "cut \\xe6\\x97");
	check_escape("overlong \xc0\xaf", 0, "overlong \\xc0\\xaf");
}

static void
test_escape_newlines(void **state)
{
	(void)state;
	check_escape("a\nb\tc\rd", 0, "a\\x0ab\\x09c\\x0dd");
	check_escape("a\nb\tc\rd", TEXTSAFE_MULTILINE, "a\nb\tc\\x0dd");
}

static void
test_find_control(void **state)
{
	(void)state;
	size_t off = 99;
	unsigned cp = 0;
	assert_int_equal(textsafe_find_control("fine \xc3\xa9", 0, &off, &cp), 0);
	assert_int_equal(textsafe_find_control(NULL, 0, &off, &cp), 0);
	assert_int_equal(textsafe_find_control("ab\x1b[", 0, &off, &cp), 1);
	assert_int_equal(off, 2);
	assert_int_equal(cp, 0x1b);
	assert_int_equal(textsafe_find_control("\xc3\xa9\xc2\x85", 0, &off, &cp), 1);
	assert_int_equal(off, 2);
	assert_int_equal(cp, 0x85);
	assert_int_equal(textsafe_find_control("two\nlines", TEXTSAFE_MULTILINE, &off, &cp), 0);
	assert_int_equal(textsafe_find_control("two\nlines", 0, &off, &cp), 1);
	assert_int_equal(cp, '\n');
}

static void
test_fputs_matches_escape(void **state)
{
	(void)state;
	const char *in = "k\x1b[2Jey \xc2\x9b x\x7f\n\xff";
	for (int flags = 0; flags <= TEXTSAFE_MULTILINE; flags++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		assert_int_equal(textsafe_fputs(in, flags, f), 0);
		fclose(f);
		char *want = textsafe_escape(in, flags);
		assert_string_equal(buf, want);
		free(want);
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_c0_c1_del),
		cmocka_unit_test(test_escape_keeps_utf8),
		cmocka_unit_test(test_escape_invalid_utf8),
		cmocka_unit_test(test_escape_newlines),
		cmocka_unit_test(test_find_control),
		cmocka_unit_test(test_fputs_matches_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
