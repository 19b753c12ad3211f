/* A question (or any text) laid out as rows for a scrollable pane, and the candidate's marks. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/lineui.h"
#include "tui.h"

void
tui_doc_reset(struct tui_doc *d, int width)
{
	for (int i = 0; i < d->npool; i++)
		free(d->pool[i]);
	d->npool = 0;
	d->n = 0;
	d->mark = -1;
	d->oom = 0;
	d->width = width < 10 ? 10 : width;
}

void
tui_doc_free(struct tui_doc *d)
{
	if (d == NULL)
		return;
	tui_doc_reset(d, 10);
	free(d->pool);
	free(d->rows);
	layout_free(&d->tmp);
	memset(d, 0, sizeof *d);
}

static struct tui_row *
new_row(struct tui_doc *d)
{
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		struct tui_row *r = realloc(d->rows, (size_t)cap * sizeof *r);
		if (r == NULL) {
			d->oom = 1;
			return NULL;
		}
		d->rows = r;
		d->cap = cap;
	}
	struct tui_row *r = &d->rows[d->n++];
	memset(r, 0, sizeof *r);
	r->group = -1;
	r->text = "";
	return r;
}

void
tui_doc_blank(struct tui_doc *d)
{
	new_row(d);
}

void
tui_doc_add(struct tui_doc *d, const char *prefix, const char *text, int indent, int role,
            int group)
{
	int pw = prefix ? layout_width(prefix, strlen(prefix)) : 0;
	int width = d->width - indent - pw;
	layout_reset(&d->tmp);
	if (layout_wrap(&d->tmp, text, width < 8 ? 8 : width) < 0)
		d->oom = 1;
	for (size_t i = 0; i < d->tmp.n; i++) {
		struct tui_row *r = new_row(d);
		if (r == NULL)
			return;
		r->text = text + d->tmp.lines[i].off;
		r->len = d->tmp.lines[i].len;
		r->indent = indent + pw;
		if (i == 0 && prefix != NULL)
			snprintf(r->prefix, sizeof r->prefix, "%s", prefix);
		r->role = role;
		r->group = group;
	}
}

void
tui_doc_addf(struct tui_doc *d, const char *prefix, int indent, int role, int group,
             const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (s = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (s != NULL && d->npool == d->cappool) {
		int cap = d->cappool ? d->cappool * 2 : 16;
		char **p = realloc(d->pool, (size_t)cap * sizeof *p);
		if (p == NULL) {
			free(s);
			s = NULL;
		} else {
			d->pool = p;
			d->cappool = cap;
		}
	}
	if (s == NULL) {
		d->oom = 1;
		return;
	}
	d->pool[d->npool++] = s;
	tui_doc_add(d, prefix, s, indent, role, group);
}

int
tui_doc_group(const struct tui_doc *d, int g, int *count)
{
	int first = -1, n = 0;
	for (int i = 0; i < d->n; i++)
		if (d->rows[i].group == g) {
			if (first < 0)
				first = i;
			n++;
		}
	if (count != NULL)
		*count = n;
	return first;
}

void
tui_doc_draw(const struct tui_doc *d, int top, int y, int x, int h, int w, int cursor)
{
	int bar = d->n > h;
	for (int r = 0; r < h; r++) {
		int i = top + r;
		tui_fill(y + r, x, w, A_NORMAL);
		if (i < 0 || i >= d->n)
			continue;
		const struct tui_row *row = &d->rows[i];
		int attr = tui_attr((enum tui_role)row->role);
		int on = cursor >= 0 && row->group == cursor;
		if (on) {
			attr = tui_attr(R_CURSOR) | (attr & A_BOLD);
			tui_fill(y + r, x + 2, w - 4, attr);
			if (i == 0 || d->rows[i - 1].group != cursor)
				tui_puts(y + r, x, ">", 1, A_BOLD);
		}
		int pcol = row->indent - layout_width(row->prefix, strlen(row->prefix));
		if (row->prefix[0])
			tui_puts(y + r, x + 2 + pcol, row->prefix, w - 4 - pcol, attr);
		tui_put(y + r, x + 2 + row->indent, row->text, row->len, w - 4 - row->indent, attr);
	}
	if (!bar || h < 2)
		return;
	int max = d->n - h, thumb = h * h / d->n;
	if (thumb < 1)
		thumb = 1;
	int pos = max > 0 ? (int)((long)top * (h - thumb) / max) : 0;
	for (int r = 0; r < h; r++) {
		const char *c = r >= pos && r < pos + thumb ? "#" : "|";
		if (r == 0 && top > 0)
			c = "^";
		else if (r == h - 1 && top < max)
			c = "v";
		tui_puts(y + r, x + w - 1, c, 1, A_BOLD);
	}
}

void
tui_marks_from(const struct session_item *it, const struct question *q, const struct response *r,
               struct tui_marks *m)
{
	memset(m, 0, sizeof *m);
	for (int k = 0; k < BANK_MAX_CHOICES; k++)
		m->order[k] = k;
	for (int k = 0; k < BANK_MAX_ITEMS; k++)
		m->match[k] = -1;
	if (r == NULL)
		return;
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
		for (int j = 0; j < it->d.n_perm; j++)
			for (int k = 0; k < r->n; k++)
				if (it->d.perm[j] == r->v[k])
					m->sel[j] = 1;
		break;
	case Q_ORDERING:
		for (int k = 0; k < r->n && k < it->d.n_perm; k++)
			for (int j = 0; j < it->d.n_perm; j++)
				if (it->d.perm[j] == r->v[k])
					m->order[k] = j;
		break;
	case Q_MATCHING:
		for (int k = 0; k < it->d.n_pperm; k++) {
			int p = it->d.pperm[k];
			if (p >= r->n)
				continue;
			for (int j = 0; j < it->d.n_perm; j++)
				if (it->d.perm[j] == r->v[p])
					m->match[k] = j;
		}
		break;
	}
}

int
tui_marks_count(const struct question *q, const struct tui_marks *m, int n)
{
	int c = 0;
	for (int k = 0; k < n; k++)
		c += q->type == Q_MATCHING ? m->match[k] >= 0 : m->sel[k] != 0;
	return c;
}

int
tui_marks_response(const struct session_item *it, const struct question *q,
                   const struct tui_marks *m, struct response *r)
{
	memset(r, 0, sizeof *r);
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
		for (int j = 0; j < it->d.n_perm; j++)
			if (m->sel[j])
				r->v[r->n++] = it->d.perm[j];
		if (r->n == 0)
			return -1;
		return q->type == Q_SINGLE ? r->n == 1 : r->n == q->n_key;
	case Q_ORDERING:
		for (int k = 0; k < it->d.n_perm; k++)
			r->v[r->n++] = it->d.perm[m->order[k]];
		return 1;
	case Q_MATCHING: {
		int given = 0;
		r->n = q->n_prompts;
		for (int k = 0; k < q->n_prompts; k++)
			r->v[k] = -1;
		for (int k = 0; k < it->d.n_pperm; k++) {
			if (m->match[k] < 0)
				continue;
			r->v[it->d.pperm[k]] = it->d.perm[m->match[k]];
			given++;
		}
		return given == 0 ? -1 : given == it->d.n_pperm;
	}
	}
	return -1;
}

void
tui_doc_question(struct tui_doc *d, const struct session *s, size_t i, const struct tui_marks *m,
                 int flags)
{
	const struct session_item *it = &s->items[i];
	const struct question *q = &s->bank->questions[it->d.q];
	int key = flags & DOC_KEY;
	char pre[24];

	const char *hint = bank_choose_hint(q);
	if (hint != NULL)
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "%s %s", q->stem, hint);
	else
		tui_doc_add(d, NULL, q->stem, 0, R_NORMAL, -1);
	tui_doc_blank(d);
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTIPLE:
		for (int j = 0; j < it->d.n_perm; j++) {
			const char *text = q->choices[it->d.perm[j]].text;
			if (q->type == Q_SINGLE)
				snprintf(pre, sizeof pre, "(%c) %c. ", m->sel[j] ? '*' : ' ',
				         'A' + j);
			else
				snprintf(pre, sizeof pre, "[%c] %c. ", m->sel[j] ? 'x' : ' ',
				         'A' + j);
			int role = m->sel[j] ? R_CHOSEN : R_NORMAL;
			if (key && bank_key_has(q, it->d.perm[j]))
				tui_doc_addf(d, pre, 0, role, j, "%s   <- correct", text);
			else
				tui_doc_add(d, pre, text, 0, role, j);
		}
		break;
	case Q_ORDERING:
		tui_doc_add(d, NULL, "Your order, first at the top:", 0, R_DIM, -1);
		for (int k = 0; k < it->d.n_perm; k++) {
			int j = m->order[k];
			snprintf(pre, sizeof pre, "%d. (%c) ", k + 1, 'A' + j);
			tui_doc_add(d, pre, q->choices[it->d.perm[j]].text, 0, R_NORMAL, k);
		}
		if (key) {
			tui_doc_blank(d);
			tui_doc_add(d, NULL, "Correct order:", 0, R_CHOSEN, -1);
			for (int k = 0; k < q->n_key; k++) {
				int j = draw_shown_pos(&it->d, q->key[k]);
				snprintf(pre, sizeof pre, "%d. (%c) ", k + 1,
				         j >= 0 ? 'A' + j : '?');
				tui_doc_add(d, pre, q->choices[q->key[k]].text, 0, R_NORMAL, -1);
			}
		}
		break;
	case Q_MATCHING:
		tui_doc_add(d, NULL, "Prompts (each gets one option):", 0, R_DIM, -1);
		for (int k = 0; k < it->d.n_pperm; k++) {
			int p = it->d.pperm[k], j = m->match[k];
			const char *ptext = q->prompts[p].text;
			snprintf(pre, sizeof pre, "%d. [%c] ", k + 1, j >= 0 ? 'A' + j : ' ');
			int role = j >= 0 ? R_CHOSEN : R_NORMAL;
			int kj = key ? draw_shown_pos(&it->d, q->key[p]) : -1;
			if (j >= 0 && kj >= 0)
				tui_doc_addf(d, pre, 0, role, k, "%s  ->  %s   (correct: %c)",
				             ptext, q->choices[it->d.perm[j]].text, 'A' + kj);
			else if (j >= 0)
				tui_doc_addf(d, pre, 0, role, k, "%s  ->  %s", ptext,
				             q->choices[it->d.perm[j]].text);
			else if (kj >= 0)
				tui_doc_addf(d, pre, 0, role, k, "%s   (correct: %c)", ptext,
				             'A' + kj);
			else
				tui_doc_add(d, pre, ptext, 0, role, k);
		}
		tui_doc_blank(d);
		tui_doc_add(d, NULL, "Options:", 0, R_DIM, -1);
		for (int j = 0; j < it->d.n_perm; j++) {
			snprintf(pre, sizeof pre, "%c. ", 'A' + j);
			tui_doc_add(d, pre, q->choices[it->d.perm[j]].text, 4, R_NORMAL, -1);
		}
		break;
	}
	if (!key)
		return;
	char buf[128];
	struct response kr;
	memset(&kr, 0, sizeof kr);
	kr.n = q->n_key;
	memcpy(kr.v, q->key, sizeof kr.v);
	d->mark = d->n;
	tui_doc_blank(d);
	if (!it->answered)
		tui_doc_add(d, NULL, "Not answered (counts as incorrect).", 0, R_BAD, -1);
	else if (session_item_status(s, i) == ANSWER_INCOMPLETE)
		tui_doc_add(d, NULL, "Incomplete (counts as incorrect).", 0, R_BAD, -1);
	else if (session_item_correct(s, i))
		tui_doc_add(d, NULL, "Correct.", 0, R_GOOD, -1);
	else
		tui_doc_add(d, NULL, "Incorrect.", 0, R_BAD, -1);
	if (it->answered) {
		lineui_shown_answer(it, q, &it->resp, buf, sizeof buf);
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Your answer:    %s", buf);
	}
	lineui_shown_answer(it, q, &kr, buf, sizeof buf);
	tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Correct answer: %s", buf);
	if (q->explanation != NULL) {
		tui_doc_blank(d);
		tui_doc_add(d, NULL, "Explanation:", 0, R_CHOSEN, -1);
		tui_doc_add(d, NULL, q->explanation, 0, R_NORMAL, -1);
	}
	if (q->n_references > 0) {
		tui_doc_blank(d);
		tui_doc_add(d, NULL, q->n_references == 1 ? "Reference:" : "References:", 0,
		            R_CHOSEN, -1);
		for (int k = 0; k < q->n_references; k++)
			tui_doc_add(d, "- ", q->references[k], 0, R_NORMAL, -1);
	}
}
