/* Small SVG charts written into a strbuf: scales, ticks, axes, marks. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "certsim/chart.h"
#include "certsim/html.h"

static const char *const bar_fill[4] = { "#1f5fa8", "#9aa5b1", "#e08214", "#542788" };
static const char *const heat_fill[4] = { "#b35806", "#f1a340", "#998ec3", "#542788" };
static const char *const heat_text[4] = { "#ffffff", "#1a1a1a", "#1a1a1a", "#ffffff" };

double
chart_scale_map(const struct chart_scale *s, double v)
{
	if (!isfinite(v))
		return s->r0;
	if (s->d1 == s->d0)
		return (s->r0 + s->r1) / 2;
	return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

/* Place ticks of step for [lo, hi]; returns their count. */
static int
place(double lo, double hi, double step, int extend, double *first)
{
	double a, b;

	/* The small slack keeps 0.1 * 3 from falling beside 0.3. */
	if (extend) {
		a = floor(lo / step + 1e-9) * step;
		b = ceil(hi / step - 1e-9) * step;
	} else {
		a = ceil(lo / step - 1e-9) * step;
		b = floor(hi / step + 1e-9) * step;
	}
	*first = a;
	return (int)llround((b - a) / step) + 1;
}

int
chart_ticks_nice(double lo, double hi, int max_ticks, int extend, struct chart_ticks *t)
{
	static const double mult[3] = { 1, 2, 5 };
	double raw, mag, first = 0, step = 0;
	int n = 0, e;

	if (!isfinite(lo) || !isfinite(hi) || max_ticks < 3)
		return -1;
	if (lo > hi) {
		double tmp = lo;

		lo = hi;
		hi = tmp;
	}
	if (!isfinite(hi - lo))
		return -1;
	if (hi - lo <= 1e-12 * fmax(1, fabs(hi))) {
		double pad = lo == 0 ? 1 : fabs(lo) * 0.1;

		lo -= pad;
		hi += pad;
	}
	raw = (hi - lo) / (max_ticks - 1);
	mag = pow(10, floor(log10(raw)));
	/* The first nice step at least raw that yields few enough ticks. */
	for (int k = 0; k < 12; k++) {
		step = mult[k % 3] * mag * pow(10, k / 3);
		if (step < raw * (1 - 1e-9))
			continue;
		n = place(lo, hi, step, extend, &first);
		if (n <= max_ticks)
			break;
	}
	if (n < 1) {
		first = lo;
		n = 1;
	}
	e = (int)floor(log10(step) + 1e-9);
	t->first = first;
	t->step = step;
	t->n = n;
	t->decimals = e < 0 ? -e : 0;
	if (t->decimals > 6)
		t->decimals = 6;
	t->lo = extend ? fmin(lo, first) : lo;
	t->hi = extend ? fmax(hi, first + (n - 1) * step) : hi;
	return 0;
}

double
chart_tick_value(const struct chart_ticks *t, int i)
{
	return t->first + i * t->step;
}

int
chart_number(struct strbuf *sb, double v, int decimals)
{
	long long scaled, p = 1;
	unsigned long long a;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	for (int i = 0; i < decimals; i++)
		p *= 10;
	if (!isfinite(v) || fabs(v) * (double)p > 1e15)
		v = 0;
	scaled = llround(v * (double)p);
	a = scaled < 0 ? (unsigned long long)(-scaled) : (unsigned long long)scaled;
	strbuf_printf(sb, "%s%llu", scaled < 0 ? "-" : "", a / (unsigned long long)p);
	if (decimals > 0)
		strbuf_printf(sb, ".%0*llu", decimals, a % (unsigned long long)p);
	return sb->failed ? -1 : 0;
}

/* Shorthands: a coordinate with one decimal, and an escaped <title>. */
static void
num(struct chart *c, double v)
{
	chart_number(c->out, v, 1);
}

static void
tip_title(struct chart *c, const char *tip)
{
	if (tip == NULL)
		return;
	strbuf_puts(c->out, "<title>");
	html_escape(c->out, tip);
	strbuf_puts(c->out, "</title>");
}

/*
 * The rest of a <rect> whose opening tag is written up to its x value:
 * x, y, width and height, the close of the tag, the tooltip and </rect>.
 */
static void
rect_rest(struct chart *c, double x, double y, double w, double h, const char *tip)
{
	num(c, x);
	strbuf_puts(c->out, "\" y=\"");
	num(c, y);
	strbuf_puts(c->out, "\" width=\"");
	num(c, w);
	strbuf_puts(c->out, "\" height=\"");
	num(c, h);
	strbuf_puts(c->out, "\">");
	tip_title(c, tip);
	strbuf_puts(c->out, "</rect>\n");
}

void
chart_margins(struct chart *c, double left, double top, double right, double bottom)
{
	c->left = left;
	c->top = top;
	c->right = c->width - right;
	c->bottom = c->height - bottom;
	c->x.r0 = c->left;
	c->x.r1 = c->right;
	c->y.r0 = c->bottom;
	c->y.r1 = c->top;
}

void
chart_y_domain(struct chart *c, double lo, double hi)
{
	c->y.d0 = lo;
	c->y.d1 = hi;
}

void
chart_x_domain(struct chart *c, double lo, double hi)
{
	c->x.d0 = lo;
	c->x.d1 = hi;
	c->n_cats = 0;
}

void
chart_x_categories(struct chart *c, int n)
{
	c->n_cats = n < 1 ? 1 : n;
}

double
chart_x_band(const struct chart *c)
{
	int n = c->n_cats < 1 ? 1 : c->n_cats;

	return (c->right - c->left) / n;
}

double
chart_x_center(const struct chart *c, int i)
{
	return c->left + (i + 0.5) * chart_x_band(c);
}

int
chart_begin(struct chart *c, struct strbuf *out, int width, int height, const char *id,
            const char *title, const char *desc)
{
	memset(c, 0, sizeof *c);
	c->out = out;
	c->width = width;
	c->height = height;
	chart_margins(c, 56, 16, 80, 44);
	chart_x_domain(c, 0, 1);
	chart_y_domain(c, 0, 1);
	strbuf_printf(out,
	              "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	              "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	              "font-family=\"sans-serif\" font-size=\"13\" aria-labelledby=\"",
	              width, height, width, height);
	html_escape(out, id);
	strbuf_puts(out, "-title ");
	html_escape(out, id);
	strbuf_puts(out, "-desc\">\n<title id=\"");
	html_escape(out, id);
	strbuf_puts(out, "-title\">");
	html_escape(out, title);
	strbuf_puts(out, "</title>\n<desc id=\"");
	html_escape(out, id);
	strbuf_puts(out, "-desc\">");
	html_escape(out, desc);
	strbuf_puts(out, "</desc>\n");
	return out->failed ? -1 : 0;
}

int
chart_end(struct chart *c)
{
	strbuf_puts(c->out, "</svg>\n");
	return c->out->failed ? -1 : 0;
}

int
chart_text(struct chart *c, double x, double y, const char *anchor, const char *cls,
           const char *text)
{
	strbuf_printf(c->out, "<text class=\"%s\" fill=\"#333a44\" x=\"",
	              cls != NULL ? cls : "chart-label");
	num(c, x);
	strbuf_puts(c->out, "\" y=\"");
	num(c, y);
	strbuf_printf(c->out, "\" text-anchor=\"%s\">",
	              anchor != NULL && (!strcmp(anchor, "middle") || !strcmp(anchor, "end"))
	                  ? anchor
	                  : "start");
	html_escape(c->out, text);
	strbuf_puts(c->out, "</text>\n");
	return c->out->failed ? -1 : 0;
}

/* A line from (x1, y1) to (x2, y2) in viewBox units; extra: more attributes. */
static void
segment(struct chart *c, const char *cls, const char *stroke, double x1, double y1, double x2,
        double y2, const char *extra)
{
	strbuf_printf(c->out, "<line class=\"%s\" stroke=\"%s\" x1=\"", cls, stroke);
	num(c, x1);
	strbuf_puts(c->out, "\" y1=\"");
	num(c, y1);
	strbuf_puts(c->out, "\" x2=\"");
	num(c, x2);
	strbuf_puts(c->out, "\" y2=\"");
	num(c, y2);
	strbuf_printf(c->out, "\"%s/>\n", extra != NULL ? extra : "");
}

int
chart_y_axis(struct chart *c, const struct chart_ticks *t, const char *suffix, const char *label)
{
	double lo = fmin(c->y.d0, c->y.d1), hi = fmax(c->y.d0, c->y.d1);
	double slack = (hi - lo) * 1e-9;

	for (int i = 0; i < t->n; i++) {
		double v = chart_tick_value(t, i), y;
		struct strbuf *sb = c->out;

		if (v < lo - slack || v > hi + slack)
			continue;
		y = chart_scale_map(&c->y, v);
		segment(c, "chart-grid", "#d0d4da", c->left, y, c->right, y, NULL);
		strbuf_puts(sb, "<text class=\"chart-label\" fill=\"#333a44\" x=\"");
		num(c, c->left - 6);
		strbuf_puts(sb, "\" y=\"");
		num(c, y + 4);
		strbuf_puts(sb, "\" text-anchor=\"end\">");
		chart_number(sb, v, t->decimals);
		html_escape(sb, suffix);
		strbuf_puts(sb, "</text>\n");
	}
	segment(c, "chart-axis", "#5b6370", c->left, c->top, c->left, c->bottom, NULL);
	if (label != NULL) {
		strbuf_puts(c->out, "<text class=\"chart-label chart-axis-title\" fill=\"#333a44\" "
		                    "text-anchor=\"middle\" transform=\"translate(");
		num(c, 14);
		strbuf_puts(c->out, " ");
		num(c, (c->top + c->bottom) / 2);
		strbuf_puts(c->out, ") rotate(-90)\">");
		html_escape(c->out, label);
		strbuf_puts(c->out, "</text>\n");
	}
	return c->out->failed ? -1 : 0;
}

int
chart_x_labels(struct chart *c, const char *const *labels, int n, int every, const char *label)
{
	if (every < 1)
		every = 1;
	segment(c, "chart-axis", "#5b6370", c->left, c->bottom, c->right, c->bottom, NULL);
	for (int i = 0; i < n && labels != NULL; i++) {
		if (i % every != 0 && i != n - 1)
			continue;
		/* The last label wins over a regular one too close before it. */
		if (i % every == 0 && i != n - 1 && n - 1 - i < every && every > 1)
			continue;
		chart_text(c, chart_x_center(c, i), c->bottom + 16, "middle", NULL, labels[i]);
	}
	if (label != NULL)
		chart_text(c, (c->left + c->right) / 2, c->height - 6, "middle",
		           "chart-label chart-axis-title", label);
	return c->out->failed ? -1 : 0;
}

int
chart_ref_line(struct chart *c, double y, const char *text)
{
	double py = chart_scale_map(&c->y, y);

	segment(c, "chart-ref", "#b2182b", c->left, py, c->right, py,
	        " stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
	if (text != NULL)
		chart_text(c, c->right + 6, py + 4, "start", "chart-ref-label", text);
	return c->out->failed ? -1 : 0;
}

int
chart_band(struct chart *c, double x0, double x1, double y_lo, double y_hi, const char *tip)
{
	double a = chart_scale_map(&c->y, y_lo), b = chart_scale_map(&c->y, y_hi);

	strbuf_puts(c->out, "<rect class=\"chart-band\" fill=\"#6c8ebf\" "
	                    "fill-opacity=\"0.3\" x=\"");
	rect_rest(c, fmin(x0, x1), fmin(a, b), fabs(x1 - x0), fabs(b - a), tip);
	return c->out->failed ? -1 : 0;
}

int
chart_point(struct chart *c, double x, double y, const char *cls, const char *tip)
{
	double r = c->n_cats > 40 ? 2.5 : 4.5;

	strbuf_printf(c->out,
	              "<circle class=\"%s\" fill=\"#1f5fa8\" stroke=\"#ffffff\" "
	              "cx=\"",
	              cls != NULL ? cls : "chart-point");
	num(c, x);
	strbuf_puts(c->out, "\" cy=\"");
	num(c, chart_scale_map(&c->y, y));
	strbuf_puts(c->out, "\" r=\"");
	num(c, r);
	strbuf_puts(c->out, "\">");
	tip_title(c, tip);
	strbuf_puts(c->out, "</circle>\n");
	return c->out->failed ? -1 : 0;
}

int
chart_line(struct chart *c, const double *ys, int n, const char *const *tips,
           const char *const *classes)
{
	int open = 0;

	for (int i = 0; i < n; i++) {
		if (!isfinite(ys[i])) {
			if (open)
				strbuf_puts(c->out, "\"/>\n");
			open = 0;
			continue;
		}
		if (!open)
			strbuf_puts(c->out, "<polyline class=\"chart-line\" fill=\"none\" "
			                    "stroke=\"#1f5fa8\" stroke-width=\"2.5\" points=\"");
		else
			strbuf_puts(c->out, " ");
		num(c, chart_x_center(c, i));
		strbuf_puts(c->out, ",");
		num(c, chart_scale_map(&c->y, ys[i]));
		open = 1;
	}
	if (open)
		strbuf_puts(c->out, "\"/>\n");
	for (int i = 0; i < n; i++)
		if (isfinite(ys[i]))
			chart_point(c, chart_x_center(c, i), ys[i],
			            classes != NULL ? classes[i] : NULL,
			            tips != NULL ? tips[i] : NULL);
	return c->out->failed ? -1 : 0;
}

int
chart_bars(struct chart *c, const double *v, int n_series, int n_cats, const char *const *tips)
{
	double lo = fmin(c->y.d0, c->y.d1), hi = fmax(c->y.d0, c->y.d1);
	double base = lo <= 0 && hi >= 0 ? 0 : lo;
	double band = chart_x_band(c), inner = band * 0.8, w;

	if (n_series < 1)
		return c->out->failed ? -1 : 0;
	w = inner / n_series;
	for (int cat = 0; cat < n_cats; cat++) {
		for (int s = 0; s < n_series; s++) {
			double val = v[s * n_cats + cat], y0, y1;
			const char *tip = tips != NULL ? tips[s * n_cats + cat] : NULL;

			if (!isfinite(val))
				continue;
			y0 = chart_scale_map(&c->y, base);
			y1 = chart_scale_map(&c->y, val);
			strbuf_printf(c->out, "<rect class=\"chart-bar-%d\" fill=\"%s\" x=\"",
			              s % 4, bar_fill[s % 4]);
			rect_rest(c, chart_x_center(c, cat) - inner / 2 + s * w + w * 0.05,
			          fmin(y0, y1), w * 0.9, fabs(y1 - y0), tip);
		}
	}
	return c->out->failed ? -1 : 0;
}

int
chart_heat_cell(struct chart *c, double x, double y, double w, double h, int level,
                const char *text, const char *tip)
{
	int ok = level >= 0 && level < 4;

	if (ok)
		strbuf_printf(c->out, "<rect class=\"chart-heat-%d\" fill=\"%s\" x=\"", level,
		              heat_fill[level]);
	else
		strbuf_puts(c->out, "<rect class=\"chart-heat-none\" fill=\"#eef0f3\" x=\"");
	rect_rest(c, x, y, w, h, tip);
	if (text != NULL) {
		if (ok)
			strbuf_printf(c->out, "<text class=\"chart-heat-text-%d\" fill=\"%s\"",
			              level, heat_text[level]);
		else
			strbuf_puts(c->out, "<text class=\"chart-label\" fill=\"#333a44\"");
		strbuf_puts(c->out, " font-size=\"10\" text-anchor=\"middle\" x=\"");
		num(c, x + w / 2);
		strbuf_puts(c->out, "\" y=\"");
		num(c, y + h / 2 + 3.5);
		strbuf_puts(c->out, "\">");
		html_escape(c->out, text);
		strbuf_puts(c->out, "</text>\n");
	}
	return c->out->failed ? -1 : 0;
}

int
chart_heat_legend(struct chart *c, double x, double y, const char *const *labels, int n)
{
	if (n > 5)
		n = 5;
	for (int i = 0; i < n; i++) {
		int level = i == n - 1 ? -1 : i;

		chart_heat_cell(c, x, y, 14, 14, level, NULL, NULL);
		chart_text(c, x + 18, y + 11.5, "start", NULL, labels[i]);
		/* Room for about 8.5 units per character (font size 13 to 16). */
		x += 18 + 8.5 * (double)strlen(labels[i]) + 16;
	}
	return c->out->failed ? -1 : 0;
}
