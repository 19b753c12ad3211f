/* Unit tests for chart: scales, nice ticks, number formatting, SVG marks and escaping. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/chart.h"
#include "certsim/strbuf.h"

#include "testutil.h"

/* How many times needle occurs in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + len, needle))
		n++;
	return n;
}

static void
test_scale_map(void **state)
{
	struct chart_scale s = { 0, 100, 200, 0 };
	struct chart_scale flat = { 5, 5, 10, 20 };

	(void)state;
	assert_true(chart_scale_map(&s, 0) == 200);
	assert_true(chart_scale_map(&s, 100) == 0);
	assert_true(chart_scale_map(&s, 25) == 150);
	assert_true(chart_scale_map(&s, 150) == -100);  /* not clamped */
	assert_true(chart_scale_map(&s, NAN) == 200);
	assert_true(chart_scale_map(&flat, 5) == 15);
	assert_true(chart_scale_map(&flat, 7) == 15);
}

static void
check_ticks(double lo, double hi, int max, int extend, double first,
            double step, int n, int decimals)
{
	struct chart_ticks t;

	assert_int_equal(chart_ticks_nice(lo, hi, max, extend, &t), 0);
	if (fabs(t.first - first) > 1e-9 * fmax(1, fabs(first)) ||
	    fabs(t.step - step) > 1e-12 * fmax(1, step) || t.n != n ||
	    t.decimals != decimals)
		fail_msg("ticks(%g, %g, %d, %d): got first %g step %g n %d decimals %d, "
		    "want %g %g %d %d", lo, hi, max, extend, t.first, t.step, t.n,
		    t.decimals, first, step, n, decimals);
}

static void
test_ticks_examples(void **state)
{
	(void)state;
	check_ticks(0, 100, 6, 0, 0, 20, 6, 0);
	check_ticks(100, 1000, 6, 0, 200, 200, 5, 0);     /* the scaled score axis */
	check_ticks(0, 1000, 6, 1, 0, 200, 6, 0);
	check_ticks(0, 180, 6, 1, 0, 50, 5, 0);           /* pacing: 1.5 x 120 s */
	check_ticks(0.5, 9.5, 5, 1, 0, 5, 3, 0);
	check_ticks(0, 0.3, 4, 1, 0, 0.1, 4, 1);
	check_ticks(-7, 13, 6, 1, -10, 5, 6, 0);
	check_ticks(13, -7, 6, 1, -10, 5, 6, 0);          /* either order */
	check_ticks(3.2, 3.2, 5, 0, 3.0, 0.2, 3, 1);      /* one value: widened */
	check_ticks(0, 0, 5, 1, -1, 0.5, 5, 1);
	check_ticks(0, 1, 3, 1, 0, 0.5, 3, 1);
	check_ticks(-0.07, 0.06, 3, 1, -0.1, 0.1, 3, 1);  /* around zero: 3 at least */
	check_ticks(0.001, 0.0042, 5, 1, 0.001, 0.001, 5, 3);
	check_ticks(1e-9, 3e-9, 3, 1, 1e-9, 1e-9, 3, 6);     /* decimals clamped at 6 */
	check_ticks(0, 354, 5, 1, 0, 100, 5, 0);          /* study: 354 questions */
	check_ticks(0, 1, 5, 1, 0, 0.5, 3, 1);            /* 0.25 is not a 1-2-5 step */
	check_ticks(0, 1, 6, 1, 0, 0.2, 6, 1);
}

static void
test_ticks_tick_value_prints_exactly(void **state)
{
	struct chart_ticks t;
	struct strbuf sb;

	(void)state;
	assert_int_equal(chart_ticks_nice(0, 0.3, 4, 1, &t), 0);
	strbuf_init(&sb);
	for (int i = 0; i < t.n; i++) {
		chart_number(&sb, chart_tick_value(&t, i), t.decimals);
		strbuf_puts(&sb, " ");
	}
	assert_string_equal(strbuf_str(&sb), "0.0 0.1 0.2 0.3 ");
	strbuf_free(&sb);
}

static void
test_ticks_bad_input(void **state)
{
	struct chart_ticks t = { 7, 7, 7, 7, 7, 7 };

	(void)state;
	assert_int_equal(chart_ticks_nice(NAN, 1, 5, 1, &t), -1);
	assert_int_equal(chart_ticks_nice(0, INFINITY, 5, 1, &t), -1);
	assert_int_equal(chart_ticks_nice(0, 1, 2, 1, &t), -1);
	assert_int_equal(chart_ticks_nice(-1e308, 1e308, 5, 1, &t), -1);
	assert_int_equal(t.n, 7);   /* untouched */
}

/* A fixed pseudo-random sequence for the property test. */
static double
lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return (double)(*s >> 11) / 9007199254740992.0;
}

static void
test_ticks_properties(void **state)
{
	uint64_t seed = 42;

	(void)state;
	for (int k = 0; k < 20000; k++) {
		double mag = pow(10, floor(lcg(&seed) * 12) - 6);
		double lo = (lcg(&seed) - 0.5) * 20 * mag, hi = lo + lcg(&seed) * 15 * mag;
		int max = 3 + (int)(lcg(&seed) * 10), extend = k % 2;
		struct chart_ticks t;
		double m, last, eps;

		assert_int_equal(chart_ticks_nice(lo, hi, max, extend, &t), 0);
		if (t.n < 1 || t.n > max)
			fail_msg("ticks(%.17g, %.17g, %d): %d ticks", lo, hi, max, t.n);
		/* The step is 1, 2 or 5 times a power of ten. */
		m = t.step / pow(10, floor(log10(t.step) + 1e-9));
		if (fabs(m - 1) > 1e-6 && fabs(m - 2) > 1e-6 && fabs(m - 5) > 1e-6)
			fail_msg("ticks(%.17g, %.17g, %d): step %.17g", lo, hi, max, t.step);
		last = chart_tick_value(&t, t.n - 1);
		eps = t.step * 1e-6;
		if (extend && hi - lo > 1e-12 * fmax(1, fabs(hi)) &&
		    (t.first > lo + eps || last < hi - eps))
			fail_msg("ticks(%.17g, %.17g, %d) do not cover: %.17g..%.17g",
			    lo, hi, max, t.first, last);
		if (!extend && hi - lo > 1e-12 * fmax(1, fabs(hi)) &&
		    (t.first < lo - eps || last > hi + eps))
			fail_msg("ticks(%.17g, %.17g, %d) leave the range: %.17g..%.17g",
			    lo, hi, max, t.first, last);
	}
}

static void
check_number(double v, int decimals, const char *want)
{
	struct strbuf sb;

	strbuf_init(&sb);
	assert_int_equal(chart_number(&sb, v, decimals), 0);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void
test_number(void **state)
{
	(void)state;
	check_number(0, 0, "0");
	check_number(720, 0, "720");
	check_number(1.25, 1, "1.3");
	check_number(-1.5, 0, "-2");
	check_number(-0.04, 1, "0.0");
	check_number(-0.4, 0, "0");
	check_number(0.05, 2, "0.05");
	check_number(1234567.891, 2, "1234567.89");
	check_number(2.5, 9, "2.500000");
	check_number(7, -3, "7");
	check_number(NAN, 1, "0.0");
	check_number(-INFINITY, 0, "0");
	check_number(1e300, 0, "0");
}

static void
test_begin_end_escapes_title_and_desc(void **state)
{
	struct strbuf sb;
	struct chart c;
	const char *s;

	(void)state;
	strbuf_init(&sb);
	assert_int_equal(chart_begin(&c, &sb, 640, 300, "x\"y",
	    "<script>alert(1)</script> & co", "desc \x01 'q' </desc>"), 0);
	assert_int_equal(chart_end(&c), 0);
	s = strbuf_str(&sb);
	assert_contains(s, "role=\"img\"");
	assert_contains(s, "viewBox=\"0 0 640 300\"");
	assert_contains(s, "aria-labelledby=\"x&quot;y-title x&quot;y-desc\"");
	assert_contains(s, "<title id=\"x&quot;y-title\">&lt;script&gt;alert(1)"
	    "&lt;/script&gt; &amp; co</title>");
	assert_contains(s, "<desc id=\"x&quot;y-desc\">desc \xef\xbf\xbd &#39;q&#39; "
	    "&lt;/desc&gt;</desc>");
	assert_null(strstr(s, "<script"));
	assert_int_equal(count(s, "<svg"), 1);
	assert_int_equal(count(s, "</svg>"), 1);
	assert_int_equal(count(s, "<title"), 1);
	strbuf_free(&sb);
}

static void
test_axes_and_reference_line(void **state)
{
	struct strbuf sb;
	struct chart c;
	struct chart_ticks t;
	const char *labels[3] = { "1", "<2>", "next" };
	const char *s;

	(void)state;
	strbuf_init(&sb);
	chart_begin(&c, &sb, 640, 300, "score", "t", "d");
	chart_x_categories(&c, 3);
	chart_y_domain(&c, 100, 1000);
	assert_int_equal(chart_ticks_nice(100, 1000, 6, 0, &t), 0);
	assert_int_equal(chart_y_axis(&c, &t, NULL, "scaled score"), 0);
	assert_int_equal(chart_x_labels(&c, labels, 3, 1, "exam"), 0);
	assert_int_equal(chart_ref_line(&c, 720, "pass 720"), 0);
	chart_end(&c);
	s = strbuf_str(&sb);
	/* Five grid lines (200..1000), one per tick, each with its label. */
	assert_int_equal(count(s, "class=\"chart-grid\""), 5);
	for (int v = 200; v <= 1000; v += 200) {
		char want[32];

		snprintf(want, sizeof want, "text-anchor=\"end\">%d</text>", v);
		assert_contains(s, want);
	}
	assert_int_equal(count(s, "class=\"chart-axis\""), 2);
	assert_contains(s, "&lt;2&gt;</text>");
	assert_contains(s, ">scaled score</text>");
	assert_contains(s, ">exam</text>");
	/* The plot spans y 16..256: 720 of 100..1000 lies at 256 - 240 * 620 / 900. */
	assert_contains(s, "class=\"chart-ref\" stroke=\"#b2182b\" x1=\"56.0\" y1=\"90.7\" "
	    "x2=\"560.0\" y2=\"90.7\"");
	assert_contains(s, ">pass 720</text>");
	/* Band centres of three categories across 56..560. */
	assert_true(fabs(chart_x_center(&c, 0) - 140) < 1e-9);
	assert_true(fabs(chart_x_center(&c, 2) - 476) < 1e-9);
	strbuf_free(&sb);
}

static void
test_bars_lines_band_counts(void **state)
{
	struct strbuf sb;
	struct chart c;
	double bars[8] = { 61, 76, 79, 88, 65, NAN, 77, 81 };
	const char *tips[8] = { "a<b", NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	double ys[5] = { 769, 670, NAN, 723, 754 };
	const char *classes[5] = { NULL, "chart-point chart-point-fail", NULL, NULL, NULL };
	const char *s;

	(void)state;
	strbuf_init(&sb);
	chart_begin(&c, &sb, 640, 300, "bars", "t", "d");
	chart_x_categories(&c, 4);
	chart_y_domain(&c, 0, 100);
	assert_int_equal(chart_bars(&c, bars, 2, 4, tips), 0);
	chart_end(&c);
	s = strbuf_str(&sb);
	assert_int_equal(count(s, "<rect"), 7);       /* one value is NAN */
	assert_int_equal(count(s, "class=\"chart-bar-0\""), 4);
	assert_int_equal(count(s, "class=\"chart-bar-1\""), 3);
	assert_contains(s, "<title>a&lt;b</title>");
	/* The first bar: band 0 of 4 over 56..560, 80% of it for 2 bars. */
	assert_contains(s, "<rect class=\"chart-bar-0\" fill=\"#1f5fa8\" x=\"71.1\" "
	    "y=\"109.6\" width=\"45.4\" height=\"146.4\">");
	strbuf_free(&sb);

	strbuf_init(&sb);
	chart_begin(&c, &sb, 640, 300, "line", "t", "d");
	chart_x_categories(&c, 6);
	chart_y_domain(&c, 100, 1000);
	assert_int_equal(chart_line(&c, ys, 5, NULL, classes), 0);
	assert_int_equal(chart_band(&c, 500, 540, 655, 802, "p10 to p90"), 0);
	chart_end(&c);
	s = strbuf_str(&sb);
	assert_int_equal(count(s, "<polyline"), 2);  /* the gap splits the line */
	assert_int_equal(count(s, "<circle"), 4);
	assert_int_equal(count(s, "<circle class=\"chart-point\""), 3);
	assert_int_equal(count(s, "<circle class=\"chart-point chart-point-fail\""), 1);
	assert_int_equal(count(s, "class=\"chart-band\""), 1);
	assert_contains(s, "<title>p10 to p90</title>");
	strbuf_free(&sb);
}

static void
test_heat_cells_and_legend(void **state)
{
	struct strbuf sb;
	struct chart c;
	const char *legend[5] = { "under 50%", "under 72% (cut)", "under 90%", "90% or more",
		"not asked" };
	const char *s;

	(void)state;
	strbuf_init(&sb);
	chart_begin(&c, &sb, 640, 200, "heat", "t", "d");
	for (int level = -1; level <= 4; level++)
		assert_int_equal(chart_heat_cell(&c, 10 + 20 * (level + 1), 10, 18, 18, level,
		    level == 0 ? "<0>" : "5", "1.3 Data & Quality"), 0);
	assert_int_equal(chart_heat_legend(&c, 44, 100, legend, 5), 0);
	chart_end(&c);
	s = strbuf_str(&sb);
	for (int level = 0; level < 4; level++) {
		char want[32];

		snprintf(want, sizeof want, "class=\"chart-heat-%d\"", level);
		assert_int_equal(count(s, want), 2);   /* the cell and its legend swatch */
	}
	/* Levels -1 and 4 are "no data", and so is the legend's last swatch. */
	assert_int_equal(count(s, "class=\"chart-heat-none\""), 3);
	assert_contains(s, "&lt;0&gt;</text>");
	assert_int_equal(count(s, "<title>1.3 Data &amp; Quality</title>"), 6);
	assert_contains(s, ">under 72% (cut)</text>");
	strbuf_free(&sb);
}

static void
test_text_anchor_is_whitelisted(void **state)
{
	struct strbuf sb;
	struct chart c;

	(void)state;
	strbuf_init(&sb);
	chart_begin(&c, &sb, 100, 100, "t", "t", "d");
	chart_text(&c, 1, 2, "\" onload=\"x", NULL, "hi");
	chart_text(&c, 1, 2, "end", "chart-label", "there");
	chart_end(&c);
	assert_null(strstr(strbuf_str(&sb), "onload"));
	assert_contains(strbuf_str(&sb), "text-anchor=\"start\">hi</text>");
	assert_contains(strbuf_str(&sb), "text-anchor=\"end\">there</text>");
	strbuf_free(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scale_map),
		cmocka_unit_test(test_ticks_examples),
		cmocka_unit_test(test_ticks_tick_value_prints_exactly),
		cmocka_unit_test(test_ticks_bad_input),
		cmocka_unit_test(test_ticks_properties),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_begin_end_escapes_title_and_desc),
		cmocka_unit_test(test_axes_and_reference_line),
		cmocka_unit_test(test_bars_lines_band_counts),
		cmocka_unit_test(test_heat_cells_and_legend),
		cmocka_unit_test(test_text_anchor_is_whitelisted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
