/* The HTML progress report: one self-contained page from a struct report_data. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/chart.h"
#include "certsim/fsutil.h"
#include "certsim/html.h"
#include "certsim/report.h"
#include "report_internal.h"

/* Label of an attempt in the heat map: E3, Q2, S5 (per mode, oldest = 1). */
static char
mode_letter(const char *mode)
{
	if (mode != NULL && strcmp(mode, "exam") == 0)
		return 'E';
	if (mode != NULL && strcmp(mode, "study") == 0)
		return 'S';
	return 'Q';
}

static int
cut_pct(const struct report_data *d)
{
	return pct01(d->cut);
}

/* Heat level of correct/total against the cut: 0-3, or -1 for no answers. */
static int
heat_level(const struct report_data *d, int correct, int total)
{
	double p, a = fmin(0.5, d->cut), c = fmax(0.9, d->cut);

	if (total <= 0)
		return -1;
	p = (double)correct / total;
	if (p < a)
		return 0;
	if (below_cut(correct, total, d->cut))
		return 1;
	if (p < c)
		return 2;
	return 3;
}

static const char css[] =
    ":root{color-scheme:light dark;--bg:#ffffff;--fg:#1d232b;--muted:#5b6370;"
    "--card:#f4f6f8;--border:#d0d4da;--accent:#1f5fa8;--grid:#d0d4da;"
    "--ref:#b2182b;--pass:#1a7f37;--fail:#b2182b;--band:#6c8ebf;--bar1:#9aa5b1;"
    "--none:#eef0f3}\n"
    "@media (prefers-color-scheme:dark){:root{--bg:#14181d;--fg:#e6e9ed;"
    "--muted:#a4adb8;--card:#1e242b;--border:#3a434d;--accent:#6ea8fe;"
    "--grid:#333c46;--ref:#ff7b72;--pass:#56d364;--fail:#ff7b72;--band:#6ea8fe;"
    "--bar1:#7d8896;--none:#262d35}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0 auto;max-width:62rem;padding:1rem 1.25rem 3rem;"
    "background:var(--bg);color:var(--fg);"
    "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif}\n"
    "h1{font-size:1.6rem;margin:.5rem 0 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;"
    "padding-top:.5rem;border-top:1px solid var(--border)}\n"
    ".sub,.note,caption{color:var(--muted)}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));"
    "gap:.75rem;margin:1rem 0;padding:0}\n"
    ".card{background:var(--card);border:1px solid var(--border);border-radius:.5rem;"
    "padding:.6rem .8rem;margin:0}\n"
    ".card dt{font-size:.85rem;color:var(--muted)}.card dd{margin:0;font-size:1.35rem;"
    "font-weight:600}.card dd small{display:block;font-size:.85rem;font-weight:400;"
    "color:var(--muted)}\n"
    ".pass{color:var(--pass)}.fail{color:var(--fail)}\n"
    "ol.next li{margin:.35rem 0}ol.next code{white-space:nowrap}\n"
    "code{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.9em;"
    "background:var(--card);border:1px solid var(--border);border-radius:.25rem;"
    "padding:0 .25rem}\n"
    "figure{margin:1rem 0}svg.chart{display:block;width:100%;height:auto;max-width:46rem}\n"
    ".chart-grid{stroke:var(--grid)}.chart-axis{stroke:var(--muted)}"
    ".chart-label{fill:var(--fg)}.chart-ref{stroke:var(--ref)}"
    ".chart-ref-label{fill:var(--ref);font-weight:600}.chart-band{fill:var(--band)}"
    ".chart-line{stroke:var(--accent)}.chart-point{fill:var(--accent);stroke:var(--bg)}"
    ".chart-point-fail{fill:var(--bg);stroke:var(--fail);stroke-width:2.5}"
    ".chart-forecast{fill:var(--band);stroke:var(--fg)}"
    ".chart-bar-0{fill:var(--accent)}.chart-bar-1{fill:var(--bar1)}"
    ".chart-heat-none{fill:var(--none)}\n"
    ".legend{font-size:.9rem;color:var(--muted);margin:.25rem 0}"
    ".sw{display:inline-block;width:.9em;height:.9em;vertical-align:-.1em;"
    "margin:0 .3em 0 .8em;border-radius:2px}.sw0{background:var(--accent)}"
    ".sw1{background:var(--bar1)}.sw2{background:var(--band);opacity:.6}\n"
    ".scroll{overflow-x:auto;max-width:100%}\n"
    "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;padding:.25rem 0;font-size:.85rem}\n"
    "th,td{border:1px solid var(--border);padding:.25rem .5rem;text-align:right}\n"
    "th{background:var(--card)}td.t,th.t{text-align:left}td.d{white-space:nowrap}\n"
    "#tasks-table th,#tasks-table td{padding:.2rem .3rem}\n"
    "footer{margin-top:2.5rem;font-size:.85rem;color:var(--muted)}\n"
    "@media (max-width:480px){body{padding:.5rem .6rem 2rem;font-size:15px}"
    "h1{font-size:1.3rem}th,td{padding:.2rem .3rem}.card dd{font-size:1.15rem}"
    ".cards{grid-template-columns:1fr 1fr;gap:.5rem}.card{padding:.4rem .5rem}"
    "figure{overflow-x:auto}svg.chart{min-width:440px}svg.chart text{font-size:16px}"
    "svg.chart .chart-axis-title{display:none}"
    "svg.chart text[class^=chart-heat-text]{font-size:12px}td.t{min-width:6rem}}\n"
    "@page{size:A4;margin:14mm}\n"
    "@media print{:root{--bg:#ffffff;--fg:#000000;--muted:#444444;--card:#f2f2f2;"
    "--border:#999999;--accent:#1f5fa8;--grid:#cccccc;--ref:#b2182b;--pass:#1a7f37;"
    "--fail:#b2182b;--band:#6c8ebf;--bar1:#9aa5b1;--none:#eeeeee}"
    "body{max-width:none;padding:0;font-size:11pt}"
    "figure,table,.card,li{break-inside:avoid}h2{break-after:avoid}"
    ".scroll{overflow:visible}svg.chart{max-width:17cm}}\n";

static void
glance(const struct report_data *d, struct strbuf *sb)
{
	strbuf_puts(sb, "<dl class=\"cards\">\n");
	strbuf_puts(sb, "<div class=\"card\"><dt>Last exam</dt><dd>");
	if (d->n_exams > 0) {
		const struct report_attempt *a = &d->exams[d->n_exams - 1];

		strbuf_printf(sb, "<span class=\"%s\">%d %s</span><small>",
		              a->passed ? "pass" : "fail", a->scaled, a->passed ? "pass" : "fail");
		strbuf_printf(sb, "%d of %d correct<br>", a->correct, a->scored);
		date(sb, a->finished_at);
		strbuf_puts(sb, " UTC</small>");
	} else {
		strbuf_puts(sb, "none yet<small>take one: <code>certsim exam</code></small>");
	}
	strbuf_puts(sb, "</dd></div>\n<div class=\"card\"><dt>Readiness</dt><dd>");
	if (d->n_exams > 0) {
		strbuf_printf(sb, "<span class=\"%s\">%s</span><small>",
		              d->readiness.ready ? "pass" : "fail",
		              d->readiness.ready ? "READY" : "not ready");
		strbuf_printf(sb, "%d exam%s counted", d->readiness.counted,
		              d->readiness.counted == 1 ? "" : "s");
		strbuf_puts(sb, "</small>");
	} else {
		strbuf_puts(sb, "not yet<small>no exam yet</small>");
	}
	strbuf_puts(sb, "</dd></div>\n<div class=\"card\"><dt>Forecast</dt><dd>");
	if (d->forecast != NULL && d->forecast->available) {
		strbuf_printf(sb, "%d%% pass<small>predicted %d (%d to %d)</small>",
		              pct01(d->forecast->pass_probability), d->forecast->p50,
		              d->forecast->p10, d->forecast->p90);
	} else {
		strbuf_puts(sb, "not yet<small>not available yet: ");
		esc(sb, d->forecast != NULL && d->forecast->reason != NULL
		            ? d->forecast->reason
		            : "needs 20 first-time answers");
		strbuf_puts(sb, "</small>");
	}
	strbuf_puts(sb, "</dd></div>\n<div class=\"card\"><dt>Due for review</dt><dd>");
	if (d->study != NULL)
		strbuf_printf(sb, "%d now<small>%d within 7 days, %d seen</small>",
		              d->study->due_now, d->study->due_week, d->study->seen);
	else
		strbuf_puts(sb, "not yet<small>not available yet: it comes with "
		                "<code>certsim study</code></small>");
	strbuf_puts(sb, "</dd></div>\n</dl>\n");
}

static void
next_steps(const struct report_data *d, struct strbuf *sb)
{
	struct report_advice adv[8];
	int n = report_advice(d, adv, 8);

	section(sb, "next", "What to do next");
	if (n == 0) {
		strbuf_puts(sb, "<p>Nothing stands out: keep practising.</p>\n");
	} else {
		strbuf_puts(sb, "<ol class=\"next\">\n");
		for (int i = 0; i < n; i++) {
			strbuf_puts(sb, "<li>");
			esc(sb, adv[i].text);
			if (adv[i].command[0] != '\0') {
				strbuf_puts(sb, " <code>");
				esc(sb, adv[i].command);
				strbuf_puts(sb, "</code>");
			}
			strbuf_puts(sb, "</li>\n");
		}
		strbuf_puts(sb, "</ol>\n");
	}
	strbuf_puts(sb, "</section>\n");
}

/* A short date for tips: the first 10 characters of finished_at. */
static const char *
day(const char *iso, char buf[16])
{
	set_text(buf, 16, "%.10s", str(iso));
	return buf;
}

static void
score_table(const struct report_data *d, struct strbuf *sb)
{
	const struct report_forecast *f = d->forecast;

	strbuf_puts(sb, "<div class=\"scroll\"><table id=\"scores-table\">\n<caption>Every "
	                "exam, oldest first. Scaled score ");
	strbuf_printf(sb, "%d to %d, pass mark %d.</caption>\n", d->score_min, d->score_max,
	              d->pass_mark);
	strbuf_puts(sb, "<thead><tr><th>Exam</th><th class=\"t\">Finished (UTC)</th>"
	                "<th>Scaled</th><th class=\"t\">Result</th><th>Correct</th><th>Percent</th>"
	                "</tr></thead>\n<tbody>\n");
	for (int i = 0; i < d->n_exams; i++) {
		const struct report_attempt *a = &d->exams[i];

		strbuf_printf(sb, "<tr><td>%d</td><td class=\"t d\">", i + 1);
		date(sb, a->finished_at);
		strbuf_printf(sb,
		              "</td><td>%d</td><td class=\"t\">%s</td><td>%d of %d</td>"
		              "<td>%d%%</td></tr>\n",
		              a->scaled, a->passed ? "pass" : "fail", a->correct, a->scored,
		              pct(a->correct, a->scored));
	}
	strbuf_puts(sb, "</tbody>\n");
	if (f != NULL && f->available)
		strbuf_printf(
		    sb,
		    "<tfoot><tr><td>next</td><td class=\"t\">forecast</td>"
		    "<td>%d</td><td class=\"t\">%d%% chance to pass</td>"
		    "<td colspan=\"2\">%d to %d (10th to 90th percentile)</td></tr></tfoot>\n",
		    f->p50, pct01(f->pass_probability), f->p10, f->p90);
	strbuf_puts(sb, "</table></div>\n");
}

static void
scores(const struct report_data *d, struct strbuf *sb)
{
	const struct report_forecast *f =
	    d->forecast != NULL && d->forecast->available ? d->forecast : NULL;
	int slots = d->n_exams + (f != NULL ? 1 : 0);
	struct texts tips, labels;
	struct chart c;
	struct chart_ticks t;
	double *ys;
	const char **classes;
	char dbuf[16];

	section(sb, "scores", "Scaled score over time");
	if (slots == 0) {
		strbuf_puts(sb, "<p>No exam yet. A full practice exam gives the first "
		                "point: <code>certsim exam</code></p>\n</section>\n");
		return;
	}
	ys = calloc((size_t)slots, sizeof *ys);
	classes = calloc((size_t)slots, sizeof *classes);
	if (ys == NULL || classes == NULL || texts_new(&tips, slots) < 0) {
		free(ys);
		free(classes);
		sb->failed = 1;
		return;
	}
	if (texts_new(&labels, slots) < 0) {
		free(ys);
		free(classes);
		texts_free(&tips);
		sb->failed = 1;
		return;
	}
	for (int i = 0; i < d->n_exams; i++) {
		const struct report_attempt *a = &d->exams[i];

		ys[i] = a->scaled;
		/* A failed exam is a hollow point: told apart without colour too. */
		classes[i] = a->passed ? "chart-point" : "chart-point chart-point-fail";
		set_text(labels.s[i], sizeof labels.s[i], "%d", i + 1);
		set_text(tips.s[i], sizeof tips.s[i], "Exam %d, %s: %d (%s)", i + 1,
		         day(a->finished_at, dbuf), a->scaled, a->passed ? "pass" : "fail");
	}
	if (f != NULL) {
		ys[slots - 1] = NAN;
		set_text(labels.s[slots - 1], sizeof labels.s[slots - 1], "next");
	}
	strbuf_puts(sb, "<figure>\n");
	{
		char desc[400];
		int best = 0;

		for (int i = 0; i < d->n_exams; i++)
			if (i == 0 || d->exams[i].scaled > best)
				best = d->exams[i].scaled;
		if (d->n_exams > 0)
			set_text(desc, sizeof desc, "%d exam%s; last %d, best %d; pass mark %d.%s",
			         d->n_exams, d->n_exams == 1 ? "" : "s",
			         d->exams[d->n_exams - 1].scaled, best, d->pass_mark,
			         f != NULL ? " The shaded band is the forecast for the next exam "
			                     "(10th to 90th percentile)."
			                   : "");
		else
			set_text(desc, sizeof desc,
			         "No exam yet; the band is the forecast "
			         "for the first one (10th to 90th percentile).");
		chart_begin(&c, sb, CHART_W, 300, "score-chart",
		            "Scaled score of every exam against the pass mark", desc);
	}
	chart_x_categories(&c, slots);
	if (chart_ticks_nice(d->score_min, d->score_max, 6, 0, &t) == 0) {
		chart_y_domain(&c, d->score_min, d->score_max);
		chart_y_axis(&c, &t, NULL, "scaled score");
	}
	chart_x_labels(&c, labels.p, slots, every_for(slots), "exam");
	if (f != NULL) {
		char tip[160];
		double x = chart_x_center(&c, slots - 1), w = chart_x_band(&c) * 0.3;

		set_text(tip, sizeof tip, "Forecast: %d (%d to %d), %d%% chance to pass", f->p50,
		         f->p10, f->p90, pct01(f->pass_probability));
		chart_band(&c, x - w, x + w, f->p10, f->p90, tip);
	}
	{
		char ref[32];

		set_text(ref, sizeof ref, "pass %d", d->pass_mark);
		chart_ref_line(&c, d->pass_mark, ref);
	}
	chart_line(&c, ys, d->n_exams, tips.p, classes);
	if (f != NULL) {
		char tip[160];

		set_text(tip, sizeof tip, "Forecast median: %d", f->p50);
		chart_point(&c, chart_x_center(&c, slots - 1), f->p50, "chart-forecast", tip);
	}
	chart_end(&c);
	strbuf_puts(sb, "</figure>\n");
	score_table(d, sb);
	strbuf_puts(sb, "</section>\n");
	free(ys);
	free(classes);
	texts_free(&tips);
	texts_free(&labels);
}

/* Correct/total "c of t (p%)" in a table cell, or a dash for none. */
static void
part_cell(struct strbuf *sb, int correct, int total)
{
	if (total > 0)
		strbuf_printf(sb, "<td>%d of %d (%d%%)</td>", correct, total, pct(correct, total));
	else
		strbuf_puts(sb, "<td>&#8212;</td>");
}

static void
domains(const struct report_data *d, struct strbuf *sb)
{
	const struct report_attempt *last;
	struct report_part *earlier;
	struct texts tips, labels;
	struct chart c;
	struct chart_ticks t;
	double *v;
	int nd = d->n_domains;

	section(sb, "domains", "Domains: last exam against the cut");
	if (d->n_exams == 0 || nd <= 0) {
		strbuf_puts(sb, "<p>No exam yet: the per-domain results come with the "
		                "first exam.</p>\n</section>\n");
		return;
	}
	last = &d->exams[d->n_exams - 1];
	earlier = calloc((size_t)nd, sizeof *earlier);
	v = calloc((size_t)nd * 2, sizeof *v);
	if (earlier == NULL || v == NULL || texts_new(&tips, 2 * nd) < 0) {
		free(earlier);
		free(v);
		sb->failed = 1;
		return;
	}
	if (texts_new(&labels, nd) < 0) {
		free(earlier);
		free(v);
		texts_free(&tips);
		sb->failed = 1;
		return;
	}
	for (int i = 0; i + 1 < d->n_exams; i++)
		for (int k = 0; k < nd && d->exams[i].domains != NULL; k++) {
			earlier[k].correct += d->exams[i].domains[k].correct;
			earlier[k].total += d->exams[i].domains[k].total;
		}
	for (int k = 0; k < nd; k++) {
		const struct report_part *p = last->domains != NULL ? &last->domains[k] : NULL;

		v[k] = p != NULL && p->total > 0 ? 100.0 * p->correct / p->total : NAN;
		v[nd + k] =
		    earlier[k].total > 0 ? 100.0 * earlier[k].correct / earlier[k].total : NAN;
		set_text(labels.s[k], sizeof labels.s[k], "Domain %s", str(d->domains[k].id));
		if (p != NULL && p->total > 0)
			set_text(tips.s[k], sizeof tips.s[k],
			         "Domain %s, last exam: %d of %d (%d%%)", str(d->domains[k].id),
			         p->correct, p->total, pct(p->correct, p->total));
		else
			tips.p[k] = NULL;
		if (earlier[k].total > 0)
			set_text(tips.s[nd + k], sizeof tips.s[nd + k],
			         "Domain %s, earlier exams: %d of %d (%d%%)", str(d->domains[k].id),
			         earlier[k].correct, earlier[k].total,
			         pct(earlier[k].correct, earlier[k].total));
		else
			tips.p[nd + k] = NULL;
	}
	strbuf_puts(sb, "<figure>\n");
	{
		char desc[200];

		set_text(desc, sizeof desc,
		         "Percent correct per domain in the last exam "
		         "and, beside it, in all earlier exams together; the line is the %d%% cut.",
		         cut_pct(d));
		chart_begin(&c, sb, CHART_W, 280, "domain-chart",
		            "Percent correct per domain: last exam and earlier exams", desc);
	}
	chart_x_categories(&c, nd);
	chart_y_domain(&c, 0, 100);
	if (chart_ticks_nice(0, 100, 6, 0, &t) == 0)
		chart_y_axis(&c, &t, "%", "percent correct");
	chart_x_labels(&c, labels.p, nd, 1, NULL);
	chart_bars(&c, v, d->n_exams > 1 ? 2 : 1, nd, tips.p);
	{
		char ref[32];

		set_text(ref, sizeof ref, "cut %d%%", cut_pct(d));
		chart_ref_line(&c, d->cut * 100, ref);
	}
	chart_end(&c);
	strbuf_puts(sb, "<p class=\"legend\"><span class=\"sw sw0\"></span>last exam");
	if (d->n_exams > 1)
		strbuf_printf(sb, "<span class=\"sw sw1\"></span>earlier exams (%d, together)",
		              d->n_exams - 1);
	strbuf_puts(sb, "</p>\n</figure>\n");

	strbuf_puts(sb, "<div class=\"scroll\"><table id=\"domains-table\">\n<caption>");
	strbuf_printf(sb,
	              "Per domain: the last exam (exam %d) and the earlier exams "
	              "added together; meets = at least %d%%.</caption>\n",
	              d->n_exams, cut_pct(d));
	strbuf_puts(sb,
	            "<thead><tr><th>Domain</th><th class=\"t\">Name</th><th>Last exam</th>"
	            "<th class=\"t\">Status</th><th>Earlier exams</th></tr></thead>\n<tbody>\n");
	for (int k = 0; k < nd; k++) {
		const struct report_part *p = last->domains != NULL ? &last->domains[k] : NULL;
		int has = p != NULL && p->total > 0;

		strbuf_puts(sb, "<tr><td>");
		esc(sb, d->domains[k].id);
		strbuf_puts(sb, "</td><td class=\"t\">");
		esc(sb, d->domains[k].name);
		strbuf_puts(sb, "</td>");
		part_cell(sb, has ? p->correct : 0, has ? p->total : 0);
		strbuf_printf(sb, "<td class=\"t\">%s</td>",
		              !has                                      ? "&#8212;"
		              : below_cut(p->correct, p->total, d->cut) ? "needs improvement"
		                                                        : "meets");
		part_cell(sb, earlier[k].correct, earlier[k].total);
		strbuf_puts(sb, "</tr>\n");
	}
	strbuf_puts(sb, "</tbody>\n</table></div>\n</section>\n");
	free(earlier);
	free(v);
	texts_free(&tips);
	texts_free(&labels);
}

/* The attempt's label in the heat map (E3, Q2, S1) into buf. */
static void
attempt_labels(const struct report_attempt *const *all, int n, char (*lab)[12])
{
	int ne = 0, nq = 0, ns = 0;

	for (int i = 0; i < n; i++) {
		char m = mode_letter(all[i]->mode);
		int k = m == 'E' ? ++ne : m == 'S' ? ++ns : ++nq;

		set_text(lab[i], sizeof lab[i], "%c%d", m, k);
	}
}

static void
tasks(const struct report_data *d, struct strbuf *sb)
{
	const struct report_attempt **all;
	char(*lab)[12] = NULL;
	struct report_part *recent = NULL;
	int n, oom, from, cols, nt = d->n_tasks, weak[3], nw;
	struct chart c;
	double cw, ch = 22, x0 = 44, y0 = 34, w;

	section(sb, "tasks", "Tasks across attempts");
	all = merged(d, &n, &oom);
	if (oom) {
		sb->failed = 1;
		return;
	}
	if (n == 0 || nt <= 0) {
		strbuf_puts(sb, "<p>No attempt yet: the task heat map fills in with every "
		                "exam, quiz and study session.</p>\n</section>\n");
		free(all);
		return;
	}
	lab = calloc((size_t)n, sizeof *lab);
	recent = calloc((size_t)nt, sizeof *recent);
	if (lab == NULL || recent == NULL) {
		sb->failed = 1;
		goto done;
	}
	attempt_labels(all, n, lab);
	from = n > REPORT_RECENT ? n - REPORT_RECENT : 0;
	cols = n - from;
	report_task_totals(d, recent);
	w = CHART_W - x0 - 8;
	cw = fmin(40, w / cols);
	strbuf_puts(sb, "<figure>\n");
	{
		char desc[300];

		set_text(desc, sizeof desc,
		         "Rows: the %d tasks; columns: the last %d attempts "
		         "(E = exam, Q = quiz, S = study), oldest on the left. Each cell is the "
		         "percent correct of that task in that attempt; grey: not asked.",
		         nt, cols);
		chart_begin(&c, sb, CHART_W, (int)fmin(y0 + nt * ch + 44, 1e6), "task-heatmap",
		            "Percent correct per task and attempt", desc);
	}
	for (int j = 0; j < cols; j++)
		if (cols <= 16 || j % 2 == (cols - 1) % 2)
			chart_text(&c, x0 + j * cw + cw / 2, y0 - 8, "middle", NULL, lab[from + j]);
	for (int t = 0; t < nt; t++) {
		double y = y0 + t * ch;

		chart_text(&c, x0 - 6, y + ch / 2 + 4, "end", NULL, d->tasks[t].id);
		for (int j = 0; j < cols; j++) {
			const struct report_attempt *a = all[from + j];
			int cr = a->tasks != NULL ? a->tasks[t].correct : 0;
			int tot = a->tasks != NULL ? a->tasks[t].total : 0;
			char text[8], tip[300], dbuf[16];

			set_text(text, sizeof text, "%d", pct(cr, tot));
			if (tot > 0)
				set_text(tip, sizeof tip, "%s %s, %s %s: %d of %d (%d%%)",
				         str(d->tasks[t].id), str(d->tasks[t].name), lab[from + j],
				         day(a->finished_at, dbuf), cr, tot, pct(cr, tot));
			else
				set_text(tip, sizeof tip, "%s %s, %s: not asked",
				         str(d->tasks[t].id), str(d->tasks[t].name), lab[from + j]);
			chart_heat_cell(&c, x0 + j * cw + 1, y + 1, cw - 2, ch - 2,
			                heat_level(d, cr, tot), tot > 0 && cw >= 18 ? text : NULL,
			                tip);
		}
	}
	{
		char l0[24], l1[24], l2[24], l3[24];
		const char *legend[5] = { l0, l1, l2, l3, "not asked" };
		int a = pct01(fmin(0.5, d->cut));
		int b = cut_pct(d), e = pct01(fmax(0.9, d->cut));

		set_text(l0, sizeof l0, "under %d%%", a);
		set_text(l1, sizeof l1, "under %d%% (cut)", b);
		set_text(l2, sizeof l2, "under %d%%", e);
		set_text(l3, sizeof l3, "%d%% or more", e);
		chart_heat_legend(&c, x0, y0 + nt * ch + 16, legend, 5);
	}
	chart_end(&c);
	strbuf_puts(sb, "</figure>\n");

	nw = report_weakest(d, weak, 3);
	strbuf_puts(sb, "<p id=\"weakest\">");
	if (nw == 0) {
		strbuf_printf(sb,
		              "No task is below the %d%% cut in the last %d attempts "
		              "(among tasks with at least %d answers).",
		              cut_pct(d), cols, REPORT_MIN_ANSWERS);
	} else {
		strbuf_printf(sb, "<strong>Weakest task%s</strong> in the last %d attempts: ",
		              nw == 1 ? "" : "s", cols);
		for (int i = 0; i < nw; i++) {
			int k = weak[i];

			strbuf_puts(sb, i == 0 ? "" : i + 1 == nw ? " and " : ", ");
			esc(sb, d->tasks[k].id);
			strbuf_puts(sb, " ");
			esc(sb, d->tasks[k].name);
			strbuf_printf(sb, " (%d%%, %d of %d)",
			              pct(recent[k].correct, recent[k].total), recent[k].correct,
			              recent[k].total);
		}
		strbuf_printf(sb, ", all below the %d%% cut.", cut_pct(d));
	}
	strbuf_puts(sb, "</p>\n");

	strbuf_puts(sb, "<div class=\"scroll\"><table id=\"tasks-table\">\n<caption>");
	strbuf_printf(sb,
	              "Correct of asked per task in each of the last %d attempts, and "
	              "all of them together.</caption>\n",
	              cols);
	strbuf_puts(sb, "<thead><tr><th class=\"t\">Task</th><th class=\"t\">Name</th>");
	for (int j = 0; j < cols; j++) {
		strbuf_puts(sb, "<th title=\"");
		date(sb, all[from + j]->finished_at);
		strbuf_printf(sb, " UTC\">%s</th>", lab[from + j]);
	}
	strbuf_puts(sb, "<th>Together</th></tr></thead>\n<tbody>\n");
	for (int t = 0; t < nt; t++) {
		strbuf_puts(sb, "<tr><td class=\"t\">");
		esc(sb, d->tasks[t].id);
		strbuf_puts(sb, "</td><td class=\"t\">");
		esc(sb, d->tasks[t].name);
		strbuf_puts(sb, "</td>");
		for (int j = 0; j < cols; j++) {
			const struct report_attempt *a = all[from + j];

			if (a->tasks != NULL && a->tasks[t].total > 0)
				strbuf_printf(sb, "<td>%d/%d</td>", a->tasks[t].correct,
				              a->tasks[t].total);
			else
				strbuf_puts(sb, "<td></td>");
		}
		part_cell(sb, recent[t].correct, recent[t].total);
		strbuf_puts(sb, "</tr>\n");
	}
	strbuf_puts(sb, "</tbody>\n</table></div>\n</section>\n");
done:
	free(all);
	free(lab);
	free(recent);
}

static void
practice(const struct report_data *d, struct strbuf *sb)
{
	int from = d->n_practice > REPORT_RECENT ? d->n_practice - REPORT_RECENT : 0;
	int nq = 0, ns = 0;

	section(sb, "practice", "Quizzes and study sessions");
	if (d->n_practice <= 0) {
		strbuf_puts(sb,
		            "<p>No quiz or study session yet: <code>certsim quiz</code> "
		            "practises a domain, a task or your weakest tasks.</p>\n</section>\n");
		return;
	}
	strbuf_puts(sb, "<div class=\"scroll\"><table id=\"practice-table\">\n<caption>");
	if (from > 0)
		strbuf_printf(sb,
		              "The last %d of %d quizzes (Q) and study sessions (S), "
		              "oldest first.</caption>\n",
		              d->n_practice - from, d->n_practice);
	else
		strbuf_printf(sb,
		              "All %d quizzes (Q) and study sessions (S), oldest first."
		              "</caption>\n",
		              d->n_practice);
	strbuf_puts(sb, "<thead><tr><th class=\"t\">Session</th><th class=\"t\">Finished (UTC)"
	                "</th><th>Correct</th><th>Percent</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < d->n_practice; i++) {
		const struct report_attempt *a = &d->practice[i];
		char m = mode_letter(a->mode);
		int k = m == 'S' ? ++ns : ++nq;

		if (i < from)
			continue;
		strbuf_printf(sb, "<tr><td class=\"t\">%c%d</td><td class=\"t d\">", m, k);
		date(sb, a->finished_at);
		strbuf_printf(sb, "</td><td>%d of %d</td><td>%d%%</td></tr>\n", a->correct,
		              a->scored, pct(a->correct, a->scored));
	}
	strbuf_puts(sb, "</tbody>\n</table></div>\n</section>\n");
}

static void
study(const struct report_data *d, struct strbuf *sb)
{
	const struct report_study *s = d->study;
	const struct report_forecast *f = d->forecast;

	section(sb, "study", "Study status and forecast");
	if (s == NULL) {
		strbuf_puts(
		    sb,
		    "<p>Study status: not available yet. "
		    "<code>certsim study</code> schedules reviews of what you have seen.</p>\n");
	} else {
		static const char *const names[4] = { "seen", "new", "due now",
			                              "due within 7 days" };
		double v[4] = { s->seen, s->new_items, s->due_now, s->due_week };
		char tip[4][64];
		const char *tips[4];
		struct chart c;
		struct chart_ticks t;
		double top = 1;

		for (int i = 0; i < 4; i++) {
			top = fmax(top, v[i]);
			set_text(tip[i], sizeof tip[i], "%s: %.0f questions", names[i], v[i]);
			tips[i] = tip[i];
		}
		strbuf_puts(sb, "<figure>\n");
		chart_begin(
		    &c, sb, CHART_W, 220, "study-chart", "Study status",
		    "Questions seen, never seen, due for review now and due within 7 days.");
		chart_x_categories(&c, 4);
		if (chart_ticks_nice(0, top, 5, 1, &t) == 0) {
			chart_y_domain(&c, t.lo, t.hi);
			chart_y_axis(&c, &t, NULL, "questions");
		}
		chart_x_labels(&c, names, 4, 1, NULL);
		chart_bars(&c, v, 1, 4, tips);
		chart_end(&c);
		strbuf_puts(sb, "</figure>\n");
		strbuf_puts(sb,
		            "<div class=\"scroll\"><table id=\"study-table\">\n<caption>"
		            "Questions of the bank by review state.</caption>\n<thead><tr>"
		            "<th>Seen</th><th>New</th><th>Due now</th><th>Due within 7 days</th>"
		            "</tr></thead>\n<tbody>\n");
		strbuf_printf(sb, "<tr><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>\n",
		              s->seen, s->new_items, s->due_now, s->due_week);
		strbuf_puts(sb, "</tbody>\n</table></div>\n");
	}
	strbuf_puts(sb, "<p id=\"forecast\">");
	if (f != NULL && f->available) {
		strbuf_printf(
		    sb,
		    "<strong>Forecast</strong> from %d first-time answers: "
		    "a next exam would score about %d (10th to 90th percentile: %d to %d), "
		    "with a %d%% chance to pass. The score chart shows it as a band.",
		    f->based_on, f->p50, f->p10, f->p90, pct01(f->pass_probability));
	} else {
		strbuf_puts(sb, "<strong>Forecast</strong>: not available yet");
		if (f != NULL && f->reason != NULL) {
			strbuf_puts(sb, " (");
			esc(sb, f->reason);
			strbuf_puts(sb, ")");
		}
		strbuf_puts(sb, ".");
	}
	strbuf_puts(sb, "</p>\n</section>\n");
}

int
report_render(const struct report_data *d, struct strbuf *out)
{
	if (d == NULL || out == NULL)
		return -1;
	strbuf_puts(out,
	            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<meta name=\"color-scheme\" content=\"light dark\">\n"
	            "<meta name=\"generator\" content=\"certsim");
	if (d->version != NULL) {
		strbuf_puts(out, " ");
		esc(out, d->version);
	}
	strbuf_puts(out, "\">\n<title>certsim progress report: ");
	esc(out, d->exam_code);
	strbuf_puts(out, "</title>\n<style>\n");
	strbuf_puts(out, css);
	strbuf_puts(out, "</style>\n</head>\n<body>\n<header>\n<h1>Progress report: ");
	esc(out, d->exam_code);
	strbuf_puts(out, "</h1>\n<p class=\"sub\">");
	esc(out, d->exam_title);
	strbuf_printf(out, "<br>%d exam%s and %d quiz or study session%s", d->n_exams,
	              d->n_exams == 1 ? "" : "s", d->n_practice, d->n_practice == 1 ? "" : "s");
	if (d->generated_at != NULL) {
		strbuf_puts(out, "; made ");
		date(out, d->generated_at);
		strbuf_puts(out, " UTC");
	}
	strbuf_puts(out, ".</p>\n</header>\n<main>\n");
	glance(d, out);
	next_steps(d, out);
	scores(d, out);
	domains(d, out);
	tasks(d, out);
	practice(d, out);
	report_pacing_section(d, out);
	study(d, out);
	strbuf_puts(out, "</main>\n<footer><p>Scaled scores follow certsim's model "
	                 "(docs/scoring.md): AWS's real scaling is not public. Made by certsim");
	if (d->version != NULL) {
		strbuf_puts(out, " ");
		esc(out, d->version);
	}
	strbuf_puts(out, "; this page loads nothing from the network and runs no script."
	                 "</p></footer>\n</body>\n</html>\n");
	return out->failed ? -1 : 0;
}

int
report_write(const struct report_data *d, const char *path, char **err)
{
	struct strbuf sb;
	int rc;

	strbuf_init(&sb);
	if (report_render(d, &sb) < 0) {
		strbuf_free(&sb);
		*err = fsutil_asprintf("%s: out of memory while making the report", path);
		return -1;
	}
	rc = fsutil_write_atomic(path, sb.buf, sb.len, 0600, err);
	strbuf_free(&sb);
	return rc;
}
