/*
 * Private to the report's files (report.c, the HTML page; report_pacing.c,
 * its pacing section; report_advice.c, the advice and the numbers behind
 * it): the helpers they share, static inline. Not a public header.
 */
#ifndef CERTSIM_REPORT_INTERNAL_H
#define CERTSIM_REPORT_INTERNAL_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/html.h"
#include "certsim/report.h"
#include "certsim/strbuf.h"

/*
 * Percent of correct in total as every table shows it: rounded down, so that
 * a percent shown as 72 always meets a 72% cut and 71.9 never looks like it.
 */
static inline int
pct(int correct, int total)
{
	return total > 0 ? (int)((100LL * correct) / total) : 0;
}

static inline int
below_cut(int correct, int total, double cut)
{
	return total > 0 && correct < cut * total;
}

/* A fraction (0..1, clamped; not a number counts as 0) as a whole percent, half up. */
static inline int
pct01(double f)
{
	if (!(f > 0))
		return 0;
	return f >= 1 ? 100 : (int)floor(f * 100 + 0.5);
}

/*
 * Every attempt, exams and practice merged oldest first by finished_at
 * (both lists are oldest first already). Returns an allocated array of n
 * pointers (caller frees; NULL with *n 0 when there are none or on out of
 * memory, *oom says which).
 */
static inline const struct report_attempt **
merged(const struct report_data *d, int *n, int *oom)
{
	const struct report_attempt **v;
	int total = d->n_exams + d->n_practice, i = 0, j = 0, k = 0;

	*n = 0;
	*oom = 0;
	if (total <= 0)
		return NULL;
	v = malloc((size_t)total * sizeof *v);
	if (v == NULL) {
		*oom = 1;
		return NULL;
	}
	while (i < d->n_exams || j < d->n_practice) {
		const char *a = i < d->n_exams ? d->exams[i].finished_at : NULL;
		const char *b = j < d->n_practice ? d->practice[j].finished_at : NULL;
		int take_exam;

		if (i >= d->n_exams)
			take_exam = 0;
		else if (j >= d->n_practice)
			take_exam = 1;
		else
			take_exam = strcmp(a != NULL ? a : "", b != NULL ? b : "") <= 0;
		v[k++] = take_exam ? &d->exams[i++] : &d->practice[j++];
	}
	*n = k;
	return v;
}

/* snprintf into a fixed field, cut back to whole UTF-8 characters. */
static inline void set_text(char *dst, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static inline void
set_text(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(dst, size, fmt, ap);
	va_end(ap);
	if (n < 0) {
		dst[0] = '\0';
	} else if ((size_t)n >= size && size > 1) {
		/* Drop the last character if vsnprintf cut it in the middle. */
		size_t end = size - 1, lead = end - 1, need = 1;
		unsigned char c;

		while (lead > 0 && ((unsigned char)dst[lead] & 0xc0) == 0x80)
			lead--;
		c = (unsigned char)dst[lead];
		if (c >= 0xf0)
			need = 4;
		else if (c >= 0xe0)
			need = 3;
		else if (c >= 0xc0)
			need = 2;
		if (lead + need > end)
			dst[lead] = '\0';
	}
}

static inline const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/* The chart width in viewBox units; the page scales it down on a phone. */
#define CHART_W 640

static inline void
esc(struct strbuf *sb, const char *s)
{
	html_escape(sb, s);
}

/* "2026-11-25T18:02:11Z" as "2026-11-25 18:02"; anything else escaped as it is. */
static inline void
date(struct strbuf *sb, const char *iso)
{
	if (iso != NULL && strlen(iso) >= 16 && iso[10] == 'T' && iso[13] == ':') {
		html_escape_n(sb, iso, 10);
		strbuf_puts(sb, " ");
		html_escape_n(sb, iso + 11, 5);
	} else {
		esc(sb, iso);
	}
}

/* Seconds as h:mm:ss (or m:ss under an hour); negative with a sign. */
static inline void
duration(struct strbuf *sb, long secs)
{
	const char *sign = secs < 0 ? "-" : "";
	unsigned long s = secs < 0 ? 0UL - (unsigned long)secs : (unsigned long)secs;

	if (s >= 3600)
		strbuf_printf(sb, "%s%lu:%02lu:%02lu", sign, s / 3600, s / 60 % 60, s % 60);
	else
		strbuf_printf(sb, "%s%lu:%02lu", sign, s / 60, s % 60);
}

/* <section id=ID><h2>TITLE</h2> */
static inline void
section(struct strbuf *sb, const char *id, const char *title)
{
	strbuf_printf(sb, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

/* Label every k-th of n bands so that at most about 12 labels show. */
static inline int
every_for(int n)
{
	return n <= 12 ? 1 : (n + 11) / 12;
}

/*
 * Fixed-size strings for chart labels and tips, with a pointer array to
 * pass to the chart module. One allocation; NULL on out of memory.
 */
struct texts {
	char (*s)[200];
	const char **p;
	int n;
};

static inline int
texts_new(struct texts *t, int n)
{
	t->n = n;
	t->s = calloc((size_t)(n > 0 ? n : 1), sizeof *t->s);
	t->p = calloc((size_t)(n > 0 ? n : 1), sizeof *t->p);
	if (t->s == NULL || t->p == NULL) {
		free(t->s);
		free(t->p);
		t->s = NULL;
		t->p = NULL;
		return -1;
	}
	for (int i = 0; i < n; i++)
		t->p[i] = t->s[i];
	return 0;
}

static inline void
texts_free(struct texts *t)
{
	free(t->s);
	free(t->p);
}

/*
 * Appends the report's pacing section (report_pacing.c) to sb: time per
 * question against the pace, the slowest items. Out of memory is left in
 * sb's sticky state; d must be a filled report_data.
 */
void report_pacing_section(const struct report_data *d, struct strbuf *sb);

#endif
