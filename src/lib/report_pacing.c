/* The progress report's pacing section: time per question against the pace, the slowest items. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/chart.h"
#include "certsim/report.h"
#include "report_internal.h"

/* Indexes of the (at most REPORT_SLOWEST) slowest items of a, slowest first. */
static int
slowest(const struct report_attempt *a, int *idx)
{
	int n = 0;

	for (int i = 0; i < a->n_items && a->items != NULL; i++) {
		int pos = n;

		while (pos > 0 && a->items[idx[pos - 1]].seconds < a->items[i].seconds)
			pos--;
		if (pos >= REPORT_SLOWEST)
			continue;
		memmove(idx + pos + 1, idx + pos,
		        (size_t)((n < REPORT_SLOWEST ? n : REPORT_SLOWEST - 1) - pos) *
		            sizeof *idx);
		idx[pos] = i;
		if (n < REPORT_SLOWEST)
			n++;
	}
	return n;
}

void
report_pacing_section(const struct report_data *d, struct strbuf *sb)
{
	int from = d->n_exams > REPORT_RECENT ? d->n_exams - REPORT_RECENT : 0;
	int cols = d->n_exams - from, idx[REPORT_SLOWEST], ns;
	double pace = report_pace(d), top = pace * 1.5;
	const struct report_attempt *last;
	struct texts tips, labels;
	struct chart c;
	struct chart_ticks t;
	double *v;

	section(sb, "pacing", "Pacing");
	if (cols == 0) {
		strbuf_puts(sb, "<p>No exam yet: pacing comes with the first exam.</p>\n"
		                "</section>\n");
		return;
	}
	v = calloc((size_t)cols, sizeof *v);
	if (v == NULL || texts_new(&tips, cols) < 0) {
		free(v);
		sb->failed = 1;
		return;
	}
	if (texts_new(&labels, cols) < 0) {
		free(v);
		texts_free(&tips);
		sb->failed = 1;
		return;
	}
	for (int j = 0; j < cols; j++) {
		const struct report_attempt *a = &d->exams[from + j];

		v[j] = report_seconds_per_item(a);
		top = fmax(top, v[j]);
		set_text(labels.s[j], sizeof labels.s[j], "%d", from + j + 1);
		set_text(tips.s[j], sizeof tips.s[j], "Exam %d: %.0f s per question", from + j + 1,
		         v[j]);
	}
	strbuf_puts(sb, "<figure>\n");
	{
		char desc[200];

		set_text(desc, sizeof desc,
		         "Seconds per question in each of the last %d "
		         "exams; the line is the pace of %.0f s (%d minutes for %d questions).",
		         cols, pace, d->duration_minutes, d->questions);
		chart_begin(&c, sb, CHART_W, 260, "pacing-chart",
		            "Seconds per question against the pace", desc);
	}
	chart_x_categories(&c, cols);
	if (chart_ticks_nice(0, top > 0 ? top : 1, 6, 1, &t) == 0) {
		chart_y_domain(&c, t.lo, t.hi);
		chart_y_axis(&c, &t, NULL, "seconds per question");
	}
	chart_x_labels(&c, labels.p, cols, every_for(cols), "exam");
	chart_bars(&c, v, 1, cols, tips.p);
	if (pace > 0) {
		char ref[32];

		set_text(ref, sizeof ref, "pace %.0f s", pace);
		chart_ref_line(&c, pace, ref);
	}
	chart_end(&c);
	strbuf_puts(sb, "</figure>\n");

	strbuf_puts(sb, "<div class=\"scroll\"><table id=\"pacing-table\">\n<caption>");
	strbuf_printf(sb,
	              "Time per exam (the last %d); time left is what remained "
	              "when the exam ended.</caption>\n",
	              cols);
	strbuf_puts(sb, "<thead><tr><th>Exam</th><th class=\"t\">Finished (UTC)</th>"
	                "<th>Questions</th><th>Time used</th><th>Limit</th><th>Time left</th>"
	                "<th>Per question</th></tr></thead>\n<tbody>\n");
	for (int j = 0; j < cols; j++) {
		const struct report_attempt *a = &d->exams[from + j];

		strbuf_printf(sb, "<tr><td>%d</td><td class=\"t d\">", from + j + 1);
		date(sb, a->finished_at);
		strbuf_printf(sb, "</td><td>%d</td><td>", a->n_items);
		duration(sb, a->time_used_s);
		strbuf_puts(sb, "</td><td>");
		if (a->time_limit_s > 0) {
			duration(sb, a->time_limit_s);
			strbuf_puts(sb, "</td><td>");
			duration(sb, a->time_used_s < a->time_limit_s
			                 ? a->time_limit_s - a->time_used_s
			                 : 0);
		} else {
			strbuf_puts(sb, "untimed</td><td>&#8212;");
		}
		strbuf_puts(sb, "</td><td>");
		chart_number(sb, v[j], 0);
		strbuf_puts(sb, " s</td></tr>\n");
	}
	strbuf_puts(sb, "</tbody>\n</table></div>\n");

	last = &d->exams[d->n_exams - 1];
	ns = slowest(last, idx);
	strbuf_printf(sb, "<h3>Slowest questions of the last exam (exam %d)</h3>\n", d->n_exams);
	if (ns == 0) {
		strbuf_puts(sb, "<p>The last exam has no per-question times.</p>\n");
	} else {
		strbuf_puts(
		    sb, "<div class=\"scroll\"><table id=\"slowest-table\">\n<caption>"
		        "The questions that took longest; <code>certsim review last --all</code> "
		        "shows them again.</caption>\n<thead><tr><th class=\"t\">Question</th>"
		        "<th class=\"t\">Task</th><th>Seconds</th><th class=\"t\">Answer</th></tr>"
		        "</thead>\n<tbody>\n");
		for (int i = 0; i < ns; i++) {
			const struct report_item *it = &last->items[idx[i]];

			strbuf_puts(sb, "<tr><td class=\"t\">");
			esc(sb, it->id);
			strbuf_puts(sb, "</td><td class=\"t\">");
			esc(sb, it->task);
			strbuf_puts(sb, "</td><td>");
			chart_number(sb, it->seconds, 0);
			strbuf_printf(sb, "</td><td class=\"t\">%s</td></tr>\n",
			              it->correct ? "correct" : "wrong");
		}
		strbuf_puts(sb, "</tbody>\n</table></div>\n");
	}
	strbuf_puts(sb, "</section>\n");
	free(v);
	texts_free(&tips);
	texts_free(&labels);
}
