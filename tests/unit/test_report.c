/* Unit tests for report: advice from the numbers, and the page's tables matching the data. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/report.h"
#include "certsim/strbuf.h"

#include "testutil.h"

#define ND 2
#define NT 4
#define NE 3
#define NP 2

static const struct report_named domains[ND] = {
	{ "1", "Data Preparation" }, { "2", "Model Development" },
};
static const struct report_named tasks[NT] = {
	{ "1.1", "Ingestion" }, { "1.2", "Transformation" },
	{ "2.1", "Training" }, { "2.2", "Tuning" },
};

/* A small record: 3 exams of 10 items and 2 quizzes, per-task counts chosen by hand. */
struct fixture {
	struct report_data d;
	struct report_attempt exams[NE], practice[NP];
	struct report_part edom[NE][ND], etask[NE][NT], pdom[NP][ND], ptask[NP][NT];
	struct report_item items[NE][10];
	struct report_study study;
	struct report_forecast forecast;
};

static const int exam_task[NE][NT][2] = {   /* correct, total */
	{ { 2, 3 }, { 1, 2 }, { 2, 3 }, { 0, 2 } },
	{ { 3, 3 }, { 1, 2 }, { 2, 2 }, { 1, 3 } },
	{ { 2, 2 }, { 1, 3 }, { 3, 3 }, { 1, 2 } },
};
static const int quiz_task[NP][NT][2] = {
	{ { 0, 0 }, { 2, 5 }, { 0, 0 }, { 0, 0 } },
	{ { 1, 1 }, { 0, 0 }, { 1, 1 }, { 3, 4 } },
};
static const char *const finished[NE + NP] = {
	"2026-11-23T19:29:00Z", "2026-11-25T19:39:00Z", "2026-11-27T19:56:00Z",
	"2026-11-24T12:05:00Z", "2026-11-26T08:30:00Z",
};

static void
fill(struct report_attempt *a, struct report_part *dom, struct report_part *task,
     const int (*t)[2], const char *mode, const char *when)
{
	memset(a, 0, sizeof *a);
	memset(dom, 0, ND * sizeof *dom);
	for (int k = 0; k < NT; k++) {
		task[k].correct = t[k][0];
		task[k].total = t[k][1];
		dom[k / 2].correct += t[k][0];
		dom[k / 2].total += t[k][1];
		a->correct += t[k][0];
		a->scored += t[k][1];
	}
	a->mode = mode;
	a->finished_at = when;
	a->domains = dom;
	a->tasks = task;
	a->n_items = a->scored;
}

static struct fixture *
fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof *f);
	static const int scaled[NE] = { 651, 690, 776 };
	static const long used[NE] = { 1150, 1200, 1260 };

	assert_non_null(f);
	for (int e = 0; e < NE; e++) {
		fill(&f->exams[e], f->edom[e], f->etask[e], exam_task[e], "exam", finished[e]);
		f->exams[e].scaled = scaled[e];
		f->exams[e].passed = scaled[e] >= 720;
		f->exams[e].time_used_s = used[e];
		f->exams[e].time_limit_s = 1200;
		for (int i = 0; i < 10; i++) {
			f->items[e][i].id = i == 7 ? "q<7>" : "q";
			f->items[e][i].task = tasks[i % NT].id;
			f->items[e][i].seconds = 100 + 13 * ((i * 7) % 10);
			f->items[e][i].correct = i % 2;
		}
		f->exams[e].items = f->items[e];
	}
	for (int p = 0; p < NP; p++)
		fill(&f->practice[p], f->pdom[p], f->ptask[p], quiz_task[p],
		    p == 0 ? "quiz" : "study", finished[NE + p]);
	f->study = (struct report_study){ 40, 60, 5, 12 };
	f->forecast = (struct report_forecast){ 1, 35, 0.42, 610, 700, 790, NULL };
	f->d = (struct report_data){
		.exam_code = "MLA-C01", .exam_title = "Machine Learning Engineer",
		.score_min = 100, .pass_mark = 720, .score_max = 1000, .cut = 0.72,
		.questions = 10, .duration_minutes = 20,
		.domains = domains, .n_domains = ND, .tasks = tasks, .n_tasks = NT,
		.exams = f->exams, .n_exams = NE, .practice = f->practice, .n_practice = NP,
		.readiness = { 0, 3, "1 of the last 3 counting exams scored at least 80%." },
		.forecast = &f->forecast, .study = &f->study,
		.generated_at = "2026-11-28T10:00:00Z", .version = "9.9.9",
	};
	return f;
}

static char *
render(const struct report_data *d)
{
	struct strbuf sb;

	strbuf_init(&sb);
	assert_int_equal(report_render(d, &sb), 0);
	return strbuf_detach(&sb);
}

static int
count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + len, needle))
		n++;
	return n;
}

/* The text between the first "<table id=\"ID\"" and its "</table>" (caller frees). */
static char *
table(const char *html, const char *id)
{
	char open[64];
	const char *a, *b;
	char *s;

	snprintf(open, sizeof open, "<table id=\"%s\"", id);
	a = strstr(html, open);
	if (a == NULL)
		fail_msg("no table %s", id);
	b = strstr(a, "</table>");
	assert_non_null(b);
	s = strndup(a, (size_t)(b - a));
	assert_non_null(s);
	return s;
}

/* Percents in the report are rounded down. */
static int
rounded_pct(int c, int t)
{
	return t > 0 ? 100 * c / t : 0;
}

/*
 * Check that html is well-formed as XML would be, apart from the doctype,
 * the void elements meta and br and the stylesheet's body: every tag
 * closes the element opened last, every attribute value is quoted, and
 * every '&' starts an entity. Fails the test naming the offset otherwise.
 */
static void
assert_well_formed(const char *html)
{
	char stack[64][16];
	int depth = 0;
	const char *p = html;

	if (strncmp(p, "<!DOCTYPE html>", 15) == 0)
		p += 15;
	while (*p != '\0') {
		char name[16];
		int closing, n = 0, quotes = 0;
		const char *q;

		if (*p == '&') {
			q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '#')
				q++;
			if (*q != ';' || q == p + 1)
				fail_msg("bare '&' at offset %td", p - html);
			p = q + 1;
			continue;
		}
		if (*p == '>')
			fail_msg("stray '>' at offset %td", p - html);
		if (*p != '<') {
			p++;
			continue;
		}
		closing = p[1] == '/';
		q = p + 1 + closing;
		while (isalnum((unsigned char)*q) && n < 15)
			name[n++] = *q++;
		name[n] = '\0';
		if (n == 0)
			fail_msg("'<' that starts no tag at offset %td", p - html);
		while (*q != '\0' && (*q != '>' || quotes % 2 != 0)) {
			if (*q == '<' && quotes % 2 == 0)
				fail_msg("'<' inside a tag at offset %td", q - html);
			quotes += *q == '"';
			q++;
		}
		if (*q != '>')
			fail_msg("unterminated tag at offset %td", p - html);
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
				fail_msg("</%s> closes <%s> at offset %td", name,
				    depth > 0 ? stack[depth - 1] : "(nothing)", p - html);
			depth--;
		} else if (q[-1] != '/' && strcmp(name, "meta") != 0 && strcmp(name, "br") != 0) {
			assert_true(depth < 64);
			strcpy(stack[depth++], name);
		}
		p = q + 1;
		if (!closing && strcmp(name, "style") == 0) {
			q = strstr(p, "</style>");
			assert_non_null(q);
			p = q;
		}
	}
	if (depth != 0)
		fail_msg("<%s> is never closed", stack[depth - 1]);
}

static void
test_score_table_matches_data(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d), *t = table(html, "scores-table");

	(void)state;
	for (int e = 0; e < NE; e++) {
		const struct report_attempt *a = &f->exams[e];
		char row[256];

		snprintf(row, sizeof row, "<tr><td>%d</td><td class=\"t d\">%.10s %.5s</td>"
		    "<td>%d</td><td class=\"t\">%s</td><td>%d of %d</td><td>%d%%</td></tr>",
		    e + 1, a->finished_at, a->finished_at + 11, a->scaled,
		    a->passed ? "pass" : "fail", a->correct, a->scored,
		    rounded_pct(a->correct, a->scored));
		assert_contains(t, row);
	}
	assert_int_equal(count(t, "<tr><td>"), NE + 1);   /* and the forecast's row */
	assert_contains(t, "<td>700</td><td class=\"t\">42% chance to pass</td>"
	    "<td colspan=\"2\">610 to 790");
	free(t);
	free(html);
	free(f);
}

static void
test_domain_table_matches_data(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d), *t = table(html, "domains-table");

	(void)state;
	for (int k = 0; k < ND; k++) {
		const struct report_part *last = &f->edom[NE - 1][k];
		int ec = 0, et = 0;
		char row[300];

		for (int e = 0; e < NE - 1; e++) {
			ec += f->edom[e][k].correct;
			et += f->edom[e][k].total;
		}
		snprintf(row, sizeof row, "<tr><td>%s</td><td class=\"t\">%s</td>"
		    "<td>%d of %d (%d%%)</td><td class=\"t\">%s</td><td>%d of %d (%d%%)</td></tr>",
		    domains[k].id, domains[k].name, last->correct, last->total,
		    rounded_pct(last->correct, last->total),
		    last->correct * 100 >= 72 * last->total ? "meets" : "needs improvement",
		    ec, et, rounded_pct(ec, et));
		assert_contains(t, row);
	}
	free(t);
	free(html);
	free(f);
}

static void
test_task_table_matches_data(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d), *t = table(html, "tasks-table");
	/* Oldest first across exams and quizzes: E1 Q1 E2 S1 E3. */
	const struct report_part *order[5] = { f->etask[0], f->ptask[0], f->etask[1],
		f->ptask[1], f->etask[2] };

	(void)state;
	assert_contains(t, ">E1</th><th title=\"2026-11-24 12:05 UTC\">Q1</th>"
	    "<th title=\"2026-11-25 19:39 UTC\">E2</th><th title=\"2026-11-26 08:30 UTC\">S1"
	    "</th><th title=\"2026-11-27 19:56 UTC\">E3</th>");
	for (int k = 0; k < NT; k++) {
		struct strbuf row;
		int c = 0, n = 0;

		strbuf_init(&row);
		strbuf_printf(&row, "<tr><td class=\"t\">%s</td><td class=\"t\">%s</td>",
		    tasks[k].id, tasks[k].name);
		for (int j = 0; j < 5; j++) {
			if (order[j][k].total > 0)
				strbuf_printf(&row, "<td>%d/%d</td>", order[j][k].correct,
				    order[j][k].total);
			else
				strbuf_puts(&row, "<td></td>");
			c += order[j][k].correct;
			n += order[j][k].total;
		}
		strbuf_printf(&row, "<td>%d of %d (%d%%)</td></tr>", c, n, rounded_pct(c, n));
		assert_contains(t, strbuf_str(&row));
		strbuf_free(&row);
	}
	free(t);
	free(html);
	free(f);
}

static void
test_pacing_and_study_tables_match_data(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d), *t = table(html, "pacing-table"), *s;

	(void)state;
	for (int e = 0; e < NE; e++) {
		const struct report_attempt *a = &f->exams[e];
		long left = a->time_used_s < a->time_limit_s ? a->time_limit_s - a->time_used_s : 0;
		char row[300];

		snprintf(row, sizeof row, "<td>%d</td><td>%ld:%02ld</td><td>%ld:%02ld</td>"
		    "<td>%ld:%02ld</td><td>%ld s</td></tr>", a->n_items,
		    a->time_used_s / 60, a->time_used_s % 60, a->time_limit_s / 60,
		    a->time_limit_s % 60, left / 60, left % 60,
		    (a->time_used_s + a->n_items / 2) / a->n_items);
		assert_contains(t, row);
	}
	free(t);
	/* The slowest items of the last exam, slowest first. */
	t = table(html, "slowest-table");
	s = strstr(t, "<tbody>");
	assert_non_null(s);
	assert_int_equal(count(s, "<tr>"), REPORT_SLOWEST);
	assert_contains(s, "<tr><td class=\"t\">q&lt;7&gt;</td><td class=\"t\">2.2</td>"
	    "<td>217</td><td class=\"t\">correct</td></tr>");
	free(t);
	t = table(html, "study-table");
	assert_contains(t, "<tr><td>40</td><td>60</td><td>5</td><td>12</td></tr>");
	free(t);
	assert_contains(html, "from 35 first-time answers");
	free(html);
	free(f);
}

static void
test_practice_table_matches_data(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d), *t = table(html, "practice-table");

	(void)state;
	for (int p = 0; p < NP; p++) {
		const struct report_attempt *a = &f->practice[p];
		char row[200];

		/* The first quiz is Q1, the first study session S1. */
		snprintf(row, sizeof row, "<tr><td class=\"t\">%s</td><td class=\"t d\">%.10s %.5s"
		    "</td><td>%d of %d</td><td>%d%%</td></tr>", p == 0 ? "Q1" : "S1",
		    a->finished_at, a->finished_at + 11, a->correct, a->scored,
		    rounded_pct(a->correct, a->scored));
		assert_contains(t, row);
	}
	assert_int_equal(count(t, "<tr><td"), NP);
	free(t);
	free(html);
	free(f);
}

static void
test_page_shape(void **state)
{
	struct fixture *f = fixture_new();
	char *html = render(&f->d);
	const char *p;

	(void)state;
	assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
	assert_well_formed(html);
	assert_contains(html, "<meta charset=\"utf-8\">");
	assert_contains(html, "<meta name=\"viewport\"");
	assert_contains(html, "@media (prefers-color-scheme:dark)");
	assert_contains(html, "@media print");
	assert_contains(html, "@page{size:A4");
	assert_contains(html, "</html>\n");
	/* Five charts, each an image with a title and a description. */
	assert_int_equal(count(html, "<svg "), 5);
	assert_int_equal(count(html, "role=\"img\""), 5);
	assert_int_equal(count(html, "<title id=\""), 5);
	assert_int_equal(count(html, "<desc id=\""), 5);
	assert_int_equal(count(html, "<table "), 7);
	/* Each chart is followed by its table before the next chart. */
	p = html;
	for (int i = 0; i < 5; i++) {
		const char *svg = strstr(p, "<svg "), *tab, *next;

		assert_non_null(svg);
		tab = strstr(svg, "<table ");
		next = strstr(svg + 1, "<svg ");
		assert_non_null(tab);
		assert_true(next == NULL || tab < next);
		p = svg + 1;
	}
	/* Self-contained: no script, nothing fetched; the only URL is SVG's namespace. */
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<link"));
	assert_null(strstr(html, "src="));
	assert_null(strstr(html, "url("));
	assert_null(strstr(html, "@import"));
	assert_int_equal(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
	free(html);
	free(f);
}

static void
test_advice_order(void **state)
{
	struct fixture *f = fixture_new();
	struct report_advice a[8];
	int n;

	(void)state;
	/*
	 * Recent totals: 1.1 8/9, 1.2 5/12 (41%), 2.1 8/9, 2.2 5/11 (45%): two
	 * weak tasks; 5 due; the last exam used 1260 s of 1200 for 10 items.
	 */
	n = report_advice(&f->d, a, 8);
	assert_int_equal(n, 5);
	assert_int_equal(a[0].kind, REPORT_ADVICE_TASK);
	assert_int_equal(a[0].task, 1);
	assert_contains(a[0].text, "1.2 (Transformation): 41% (5 of 12)");
	assert_string_equal(a[0].command, "certsim quiz --task 1.2");
	assert_int_equal(a[1].kind, REPORT_ADVICE_TASK);
	assert_int_equal(a[1].task, 3);
	assert_contains(a[1].text, "45% (5 of 11) in your last 5 attempts, below the 72% cut");
	assert_int_equal(a[2].kind, REPORT_ADVICE_DUE);
	assert_contains(a[2].text, "Review the 5 questions due now");
	assert_string_equal(a[2].command, "certsim study");
	assert_int_equal(a[3].kind, REPORT_ADVICE_PACE);
	assert_contains(a[3].text, "ran out of time: 126 s per question against a pace of 120 s");
	assert_int_equal(a[4].kind, REPORT_ADVICE_READY);
	assert_contains(a[4].text, "Not ready yet: 1 of the last 3");
	/* The page lists them in the same order. */
	{
		char *html = render(&f->d);
		const char *x = strstr(html, "1.2 (Transformation)");
		const char *y = strstr(html, "2.2 (Tuning)");
		const char *z = strstr(html, "Review the 5 questions");

		assert_true(x != NULL && y != NULL && z != NULL && x < y && y < z);
		free(html);
	}
	/* max cuts the list; bad input gives nothing. */
	assert_int_equal(report_advice(&f->d, a, 2), 2);
	assert_int_equal(a[1].task, 3);
	assert_int_equal(report_advice(NULL, a, 8), 0);
	assert_int_equal(report_advice(&f->d, a, 0), 0);
	free(f);
}

static void
test_advice_pace_ready_and_nothing_due(void **state)
{
	struct fixture *f = fixture_new();
	struct report_advice a[8];
	int n;

	(void)state;
	f->exams[NE - 1].time_used_s = 1190;   /* 119 s per item: on pace */
	f->study.due_now = 0;
	f->d.readiness.ready = 1;
	f->d.readiness.reason = "the last 3 counting exams scored at least 80%.";
	n = report_advice(&f->d, a, 8);
	assert_int_equal(n, 3);
	assert_int_equal(a[2].kind, REPORT_ADVICE_READY);
	assert_contains(a[2].text, "Ready by the checklist");
	f->exams[NE - 1].time_used_s = 1210;   /* slower than the pace, within the limit */
	f->exams[NE - 1].time_limit_s = 1800;
	n = report_advice(&f->d, a, 8);
	assert_int_equal(n, 4);
	assert_int_equal(a[2].kind, REPORT_ADVICE_PACE);
	assert_contains(a[2].text, "slower than the pace: 121 s per question");
	free(f);
}

static void
test_advice_long_name_cut_at_a_character(void **state)
{
	struct fixture *f = fixture_new();
	struct report_named long_tasks[NT];
	struct report_advice a[8];
	char name[801];
	size_t len;

	(void)state;
	/*
	 * 399 two-byte characters after 0 or 1 ASCII byte (both places where
	 * the field can end): the text must end on a whole character.
	 */
	memcpy(long_tasks, tasks, sizeof long_tasks);
	for (int shift = 0; shift < 2; shift++) {
		memset(name, 'x', sizeof name);
		for (int i = 0; i < 399; i++)
			memcpy(name + shift + 2 * i, "\xc3\xa9", 2);
		name[shift + 798] = '\0';
		long_tasks[1].name = name;
		f->d.tasks = long_tasks;
		assert_true(report_advice(&f->d, a, 8) >= 1);
		assert_int_equal(a[0].task, 1);
		len = strlen(a[0].text);
		assert_true(len < sizeof a[0].text);
		assert_true(len >= sizeof a[0].text - 2);
		assert_contains(a[0].text, "Practise task 1.2 (");
		/* Ends after a whole character: a lead byte then its continuation. */
		assert_int_equal((unsigned char)a[0].text[len - 1], 0xa9);
		assert_int_equal((unsigned char)a[0].text[len - 2], 0xc3);
	}
	free(f);
}

static void
test_weakest_window_and_ties(void **state)
{
	struct report_attempt *p = calloc(30, sizeof *p);
	struct report_part (*pt)[NT] = calloc(30, sizeof *pt);
	struct report_data d = { .cut = 0.72, .tasks = tasks, .n_tasks = NT };
	int idx[3], n;

	(void)state;
	assert_non_null(p);
	assert_non_null(pt);
	/* 6 old attempts all wrong on 1.1, then 24 all right: 1.1 is not weak now. */
	for (int i = 0; i < 30; i++) {
		pt[i][0] = (struct report_part){ i < 6 ? 0 : 2, 2 };
		pt[i][1] = (struct report_part){ 1, 2 };    /* 50% */
		pt[i][2] = (struct report_part){ 1, 2 };    /* 50%: a tie, blueprint order */
		pt[i][3] = (struct report_part){ 0, i == 29 ? 3 : 0 };  /* 3 answers: too few */
		p[i].tasks = pt[i];
		p[i].mode = "quiz";
		p[i].finished_at = "2026-11-01T00:00:00Z";
	}
	d.practice = p;
	d.n_practice = 30;
	n = report_weakest(&d, idx, 3);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 1);
	assert_int_equal(idx[1], 2);
	/* With 1.1 wrong in the window too it comes first. */
	pt[29][0] = (struct report_part){ 0, 100 };   /* 46 of 146 */
	n = report_weakest(&d, idx, 3);
	assert_int_equal(n, 3);
	assert_int_equal(idx[0], 0);
	n = report_weakest(&d, idx, 1);
	assert_int_equal(n, 1);
	assert_int_equal(idx[0], 0);
	free(p);
	free(pt);
}

static void
test_empty_record(void **state)
{
	struct report_data d = {
		.exam_code = "MLA-C01", .exam_title = "t", .score_min = 100, .pass_mark = 720,
		.score_max = 1000, .cut = 0.72, .questions = 65, .duration_minutes = 130,
		.domains = domains, .n_domains = ND, .tasks = tasks, .n_tasks = NT,
	};
	struct report_advice a[4];
	char *html;

	(void)state;
	assert_int_equal(report_advice(&d, a, 4), 1);
	assert_int_equal(a[0].kind, REPORT_ADVICE_START);
	assert_string_equal(a[0].command, "certsim exam");
	assert_contains(a[0].text, "65 questions, 130 minutes");
	html = render(&d);
	assert_well_formed(html);
	assert_contains(html, "No exam yet");
	assert_contains(html, "Study status: not available yet");
	assert_contains(html, "<strong>Forecast</strong>: not available yet.");
	assert_null(strstr(html, "<svg"));
	assert_null(strstr(html, "<table"));
	assert_contains(html, "</html>\n");
	free(html);
	/* A forecast that is not there yet says why. */
	{
		struct report_forecast f = { 0, 7, 0, 0, 0, 0, "7 first-time answers; 20 needed" };

		d.forecast = &f;
		html = render(&d);
		assert_contains(html, "not available yet (7 first-time answers; 20 needed).");
		free(html);
	}
	assert_int_equal(report_render(NULL, NULL), -1);
}

static void
test_hostile_strings_stay_escaped(void **state)
{
	struct fixture *f = fixture_new();
	static const struct report_named evil_tasks[NT] = {
		{ "1.1", "<script>alert(1)</script>" },
		{ "1.2\"><img src=x onerror=alert(2)>", "</title></svg><b>x</b>" },
		{ "2.1", "ctrl\x01\x1b[2J\x7f" },
		{ "2.2", "bad \xff\xfe utf-8 & 'quotes'" },
	};
	static const struct report_named evil_domains[ND] = {
		{ "1<", "<style>*{display:none}</style>" }, { "2", "]]><!--" },
	};
	char *html;

	(void)state;
	f->d.tasks = evil_tasks;
	f->d.domains = evil_domains;
	f->d.exam_code = "<script>x</script>";
	f->d.exam_title = "\"title\"";
	f->d.readiness.reason = "<i>reason</i>";
	f->items[NE - 1][7].id = "<svg onload=alert(3)>";
	f->d.generated_at = "<b>now</b>";
	html = render(&f->d);
	assert_well_formed(html);
	for (char *p = html; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "<i>"));
	assert_null(strstr(html, "<svg onload"));
	assert_null(strstr(html, "</title></svg>"));
	assert_null(strstr(html, "<!--"));
	assert_null(strstr(html, "\x01"));
	assert_null(strstr(html, "\x1b"));
	assert_null(strstr(html, "\x7f"));
	assert_null(strstr(html, "\xff"));
	assert_contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_contains(html, "1.2&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
	assert_contains(html, "&#39;quotes&#39;");
	/* The page's own elements are all still there. */
	assert_int_equal(count(html, "<svg "), 5);
	assert_int_equal(count(html, "<table "), 7);
	assert_int_equal(count(html, "<style>"), 1);
	free(html);
	free(f);
}

static void
test_large_record(void **state)
{
	int n = 10000;
	struct report_attempt *p = calloc((size_t)n, sizeof *p);
	struct report_part *pt = calloc((size_t)n * NT, sizeof *pt);
	struct fixture *f = fixture_new();
	char *html, (*when)[24] = calloc((size_t)n, sizeof *when);

	(void)state;
	assert_non_null(p);
	assert_non_null(pt);
	assert_non_null(when);
	for (int i = 0; i < n; i++) {
		snprintf(when[i], sizeof when[i], "2027-%02d-%02dT%02d:00:00Z", 1 + i / 800,
		    1 + i / 30 % 25, i % 24);
		pt[i * NT + i % NT] = (struct report_part){ 3, 5 };
		p[i] = (struct report_attempt){ .mode = "study", .finished_at = when[i],
			.tasks = &pt[i * NT], .correct = 3, .scored = 5 };
	}
	f->d.practice = p;
	f->d.n_practice = n;
	html = render(&f->d);
	assert_well_formed(html);
	/* The heat map and its table show the latest REPORT_RECENT attempts only. */
	assert_int_equal(count(html, "<th title="), REPORT_RECENT);
	assert_contains(html, ">S10000</th>");
	assert_null(strstr(html, ">S9976</th>"));
	free(html);
	free(when);
	free(p);
	free(pt);
	free(f);
}

static void
test_write_file(void **state)
{
	struct fixture *f = fixture_new();
	char *dir = tmpdir_make("report"), *path, *bad, *html, *buf = NULL, *err = NULL;
	size_t len = 0;
	struct stat st;

	(void)state;
	assert_non_null(dir);
	path = join(dir, "report.html");
	assert_int_equal(report_write(&f->d, path, &err), 0);
	assert_int_equal(fsutil_read_file(path, 1 << 24, &buf, &len, &err), 0);
	html = render(&f->d);
	assert_string_equal(buf, html);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	free(buf);
	/* A missing directory: an error naming the path, and nothing written. */
	bad = join(dir, "missing/report.html");
	assert_int_equal(report_write(&f->d, bad, &err), -1);
	assert_non_null(err);
	assert_contains(err, bad);
	assert_int_not_equal(stat(bad, &st), 0);
	free(err);
	free(bad);
	free(html);
	free(path);
	rm_rf(dir);
	free(dir);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score_table_matches_data),
		cmocka_unit_test(test_domain_table_matches_data),
		cmocka_unit_test(test_task_table_matches_data),
		cmocka_unit_test(test_pacing_and_study_tables_match_data),
		cmocka_unit_test(test_practice_table_matches_data),
		cmocka_unit_test(test_page_shape),
		cmocka_unit_test(test_advice_order),
		cmocka_unit_test(test_advice_pace_ready_and_nothing_due),
		cmocka_unit_test(test_advice_long_name_cut_at_a_character),
		cmocka_unit_test(test_weakest_window_and_ties),
		cmocka_unit_test(test_empty_record),
		cmocka_unit_test(test_hostile_strings_stay_escaped),
		cmocka_unit_test(test_large_record),
		cmocka_unit_test(test_write_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
