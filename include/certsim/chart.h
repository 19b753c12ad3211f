/* Small SVG charts (scales, nice ticks, axes, bars, lines, bands, heat maps) into a strbuf. */
#ifndef CERTSIM_CHART_H
#define CERTSIM_CHART_H

#include "certsim/strbuf.h"

/*
 * Every element carries a class (chart-grid, chart-axis, chart-label,
 * chart-axis-title (with chart-label, on the titles of axes),
 * chart-ref, chart-band, chart-line, chart-point, chart-bar-0..3,
 * chart-heat-none, chart-heat-0..3 and chart-heat-text-0..3) and
 * presentation attributes for a light page, so a stylesheet can restyle it
 * (dark mode, print) and the SVG still reads on its own without one. All
 * text is escaped with html_escape. Numbers are written without the C
 * locale's help (always a '.' decimal point).
 */

/* A linear map from the domain [d0, d1] to the range [r0, r1]. */
struct chart_scale {
	double d0, d1;
	double r0, r1;
};

/* Evenly spaced tick values: first, first + step, ... (n of them). */
struct chart_ticks {
	double first, step;
	int n;
	int decimals;  /* digits after the point that show every tick exactly */
	double lo, hi; /* the domain the ticks were chosen for (extended or not) */
};

/* One chart being written; fill with chart_begin, then draw, then chart_end. */
struct chart {
	struct strbuf *out;
	double width, height;            /* the viewBox */
	double left, top, right, bottom; /* the plot area, in viewBox units */
	struct chart_scale x, y;
	int n_cats; /* categorical x: bands; 0: linear x */
};

/*
 * scale mapping v: r0 + (v - d0) (r1 - r0) / (d1 - d0); the middle of the
 * range when d0 == d1; r0 for a value that is not finite. Not clamped.
 */
double chart_scale_map(const struct chart_scale *s, double v);

/*
 * Choose at most max_ticks "nice" ticks (steps of 1, 2 or 5 times a power of
 * ten) for the range [lo, hi] (either order). With extend, the ticks cover
 * the range (first <= lo, last >= hi) and t->lo, t->hi are the extended
 * range to use as the domain; without, they lie inside it (at least one
 * tick) and t->lo, t->hi are lo and hi. A range of one value is widened
 * around it. Returns 0, or -1 (t untouched) when lo or hi is not finite,
 * the range overflows, or max_ticks < 3 (a range around zero needs three).
 */
int chart_ticks_nice(double lo, double hi, int max_ticks, int extend, struct chart_ticks *t);

/* The i-th tick value of t. */
double chart_tick_value(const struct chart_ticks *t, int i);

/*
 * Append v rounded to decimals digits (0-6, clamped) after a '.', without
 * "-0"; a value that is not finite or too large to write exactly
 * (|v| x 10^decimals > 1e15) is written as 0.
 * Returns 0 or -1 on out of memory.
 */
int chart_number(struct strbuf *sb, double v, int decimals);

/*
 * Start an <svg role="img"> of width x height viewBox units with a <title>
 * (id "<id>-title") and a <desc> ("<id>-desc") named by aria-labelledby; the
 * plot area starts with margins left 56, top 16, right 80 (room for the
 * labels of reference lines), bottom 44 and
 * both scales map [0, 1] onto it. id should be a short ASCII name unique in
 * the page (it is escaped all the same). Returns 0 or -1 on out of memory.
 */
int chart_begin(struct chart *c, struct strbuf *out, int width, int height, const char *id,
                const char *title, const char *desc);

/* Close the <svg>. Returns 0, or -1 if any append of this chart failed. */
int chart_end(struct chart *c);

/* Set the margins around the plot area (viewBox units); the scales follow. */
void chart_margins(struct chart *c, double left, double top, double right, double bottom);

/* Map y values in [lo, hi] onto the plot area, lo at the bottom. */
void chart_y_domain(struct chart *c, double lo, double hi);

/* Map x values in [lo, hi] onto the plot area, lo at the left (linear x). */
void chart_x_domain(struct chart *c, double lo, double hi);

/*
 * Make x categorical: n equal bands across the plot area (n < 1 counts as
 * 1). chart_x_center gives the middle of band i, chart_x_band its width.
 */
void chart_x_categories(struct chart *c, int n);
double chart_x_center(const struct chart *c, int i);
double chart_x_band(const struct chart *c);

/*
 * Horizontal grid lines and labels at the ticks of t (values outside the y
 * domain are skipped), each label followed by suffix (may be NULL), the
 * left axis line, and label (may be NULL) written vertically beside it.
 * Returns 0 or -1 on out of memory.
 */
int chart_y_axis(struct chart *c, const struct chart_ticks *t, const char *suffix,
                 const char *label);

/*
 * The bottom axis line and, under band i, labels[i] for every every-th band
 * (every < 1 counts as 1; the last band is always labelled); then label
 * (may be NULL) centred below. Needs chart_x_categories. 0 or -1.
 */
int chart_x_labels(struct chart *c, const char *const *labels, int n, int every, const char *label);

/*
 * A dashed horizontal reference line at y across the plot area with text
 * (may be NULL) in the right margin beside its end. 0 or -1.
 */
int chart_ref_line(struct chart *c, double y, const char *text);

/*
 * A shaded band from x0 to x1 (viewBox units) between the y values y_lo
 * and y_hi, with tip (may be NULL) as its <title>. 0 or -1.
 */
int chart_band(struct chart *c, double x0, double x1, double y_lo, double y_hi, const char *tip);

/*
 * A line through the centres of the first n bands at the y values ys
 * (a value that is not finite leaves a gap), and a point on each with
 * tips[i] (tips or tips[i] may be NULL) as its <title> and class
 * classes[i] (classes or classes[i] NULL: chart-point). 0 or -1.
 */
int chart_line(struct chart *c, const double *ys, int n, const char *const *tips,
               const char *const *classes);

/*
 * One point at x (viewBox units) and the y value y, with class cls (NULL:
 * chart-point) and tip as its <title>. 0 or -1.
 */
int chart_point(struct chart *c, double x, double y, const char *cls, const char *tip);

/*
 * Grouped bars: for each of the n_cats bands, n_series bars side by side
 * (series s gets class chart-bar-<s mod 4>) from the bottom of the y domain
 * (or 0 when the domain contains it) to v[s * n_cats + cat]; a value that is
 * not finite draws no bar. tips (may be NULL) is laid out like v. Needs
 * chart_x_categories. 0 or -1.
 */
int chart_bars(struct chart *c, const double *v, int n_series, int n_cats, const char *const *tips);

/*
 * A heat-map cell: a rectangle (viewBox units) of class chart-heat-<level>
 * for level 0-3, chart-heat-none for any other level (no data), with text
 * (may be NULL) centred in it and tip (may be NULL) as its <title>. 0 or -1.
 */
int chart_heat_cell(struct chart *c, double x, double y, double w, double h, int level,
                    const char *text, const char *tip);

/*
 * A legend of n (at most 5) swatches in a row starting at (x, y), each
 * spaced by the length of its label: level i (0..n-2) for labels[i], and
 * the last one for "no data" as labels[n-1]. 0 or -1.
 */
int chart_heat_legend(struct chart *c, double x, double y, const char *const *labels, int n);

/*
 * Text at (x, y) with anchor "start", "middle" or "end" and class cls
 * (NULL: chart-label). 0 or -1.
 */
int chart_text(struct chart *c, double x, double y, const char *anchor, const char *cls,
               const char *text);

#endif
