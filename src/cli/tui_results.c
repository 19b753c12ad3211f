/* The full-screen results: score, domain bars, result path, and a review of missed questions. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/clock.h"
#include "cli.h"
#include "tui.h"

struct results {
	const struct session *s;
	const struct score *sc;
	const char *path;
	size_t *missed; /* items answered wrongly or not at all */
	size_t n_missed;
	int in_review; /* 0: the score page; 1: the missed question missed[k] */
	size_t k;
	int top, review_top;
	char msg[160];
	struct tui_doc doc;
};

static void
build_score(struct results *r, int width)
{
	const struct session *s = r->s;
	const struct score *sc = r->sc;
	const struct blueprint *bp = &s->bank->bp;
	struct tui_doc *d = &r->doc;
	char used[32], limit[32], bar[32];
	tui_doc_reset(d, width);
	if (s->ended == SESSION_END_TIMEOUT)
		tui_doc_add(d, NULL, "Time is up: the attempt was submitted.", 0, R_NOTICE, -1);
	tui_doc_addf(d, NULL, 0, sc->passed ? R_GOOD : R_BAD, -1, "Result: %s",
	             sc->passed ? "PASS" : "FAIL");
	tui_doc_addf(d, NULL, 0, R_CHOSEN, -1, "Scaled score: %d   (pass mark %d; range %d-%d)",
	             sc->scaled, sc->pass_mark, bp->score_min, bp->score_max);
	tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Correct: %d of %d scored items (%.1f%%)",
	             sc->correct, sc->scored, sc->percent);
	clock_format_hms((long)((s->used_ms + 500) / 1000), used);
	clock_format_hms(s->cfg.time_limit_s, limit);
	if (s->cfg.time_limit_s > 0)
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Time used: %s of %s; ended by %s%s", used,
		             limit, session_end_name(s->ended),
		             s->interruptions ? " (interrupted and resumed)" : "");
	else
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Time used: %s (untimed); ended by %s", used,
		             session_end_name(s->ended));
	tui_doc_blank(d);
	tui_doc_addf(d, NULL, 0, R_CHOSEN, -1,
	             "By domain (meets: at least %.0f%% correct):", bp->cut * 100);
	for (int i = 0; i < sc->n_domains; i++) {
		const struct score_part *p = &sc->domains[i];
		const struct domain *dm = &bp->domains[p->index];
		layout_bar(bar, 20, p->percent);
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "%d %s", dm->id, dm->name);
		tui_doc_addf(d, NULL, 2, p->meets ? R_NORMAL : R_BAD, -1,
		             "[%s] %3.0f%%  %d of %d  %s", bar, p->percent, p->correct, p->total,
		             p->meets ? "Meets" : "NEEDS IMPROVEMENT");
	}
	if (s->cfg.unscored > 0) {
		char list[512];
		size_t used_b = 0;
		list[0] = '\0';
		for (size_t i = 0; i < s->n && used_b + 8 < sizeof list; i++)
			if (!s->items[i].scored)
				used_b += (size_t)snprintf(list + used_b, sizeof list - used_b,
				                           " %zu", i + 1);
		tui_doc_blank(d);
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1, "Unscored items (not counted):%s", list);
	}
	tui_doc_blank(d);
	tui_doc_addf(d, "Result:    ", 0, R_NORMAL, -1, "%s", r->path ? r->path : "(not written)");
	if (r->path)
		tui_doc_addf(d, "Signature: ", 0, R_NORMAL, -1, "%s.minisig", r->path);
	tui_doc_blank(d);
	tui_doc_add(d, NULL, "The scaled score is a model: AWS does not publish its scaling.", 0,
	            R_DIM, -1);
	if (r->n_missed == 0)
		tui_doc_add(d, NULL, "Nothing missed: every item is correct.", 0, R_GOOD, -1);
	else
		tui_doc_addf(d, NULL, 0, R_NORMAL, -1,
		             "%zu question%s missed or unanswered: press m to review them.",
		             r->n_missed, r->n_missed == 1 ? "" : "s");
}

static void
build_missed(struct results *r, int width)
{
	const struct session *s = r->s;
	size_t i = r->missed[r->k];
	const struct session_item *it = &s->items[i];
	const struct question *q = &s->bank->questions[it->d.q];
	const struct task *t = &s->bank->bp.tasks[q->task_idx];
	struct tui_doc *d = &r->doc;
	struct tui_marks m;
	char spent[32];
	tui_doc_reset(d, width);
	tui_doc_addf(d, NULL, 0, R_DIM, -1, "Question %zu of %zu | Domain %d | Task %s %s%s", i + 1,
	             s->n, q->domain_id, t->id, t->name, it->scored ? "" : " | unscored");
	if (q->case_study >= 0) {
		const struct case_study *cs = &s->bank->case_studies[q->case_study];
		tui_doc_addf(d, NULL, 0, R_TITLE, -1, "Case study: %s", cs->title);
		tui_doc_add(d, NULL, cs->scenario, 0, R_NORMAL, -1);
	}
	tui_doc_blank(d);
	tui_marks_from(it, q, it->answered ? &it->resp : NULL, &m);
	tui_doc_question(d, s, i, &m, DOC_KEY);
	clock_format_hms((long)((it->ms + 500) / 1000), spent);
	tui_doc_blank(d);
	tui_doc_addf(d, NULL, 0, R_DIM, -1, "Time spent on this question: %s%s", spent,
	             it->flagged ? " | you flagged it" : "");
}

static void
draw(struct results *r)
{
	const struct session *s = r->s;
	char head[256];
	int H = LINES, W = COLS;
	erase();
	if (!tui_big_enough()) {
		tui_draw_too_small(NULL);
		refresh();
		return;
	}
	int h = H - 3;
	if (r->in_review) {
		build_missed(r, W - 4);
		snprintf(head, sizeof head, " %s | Missed question %zu of %zu", s->bank->bp.code,
		         r->k + 1, r->n_missed);
		r->review_top = layout_scroll_clamp(r->review_top, r->doc.n, h);
	} else {
		build_score(r, W - 4);
		snprintf(head, sizeof head, " %s practice %s: results", s->bank->bp.code,
		         session_mode_name(s->cfg.mode));
		r->top = layout_scroll_clamp(r->top, r->doc.n, h);
	}
	tui_fill(0, 0, W, tui_attr(R_BAR));
	tui_puts(0, 0, head, W, tui_attr(R_BAR));
	tui_doc_draw(&r->doc, r->in_review ? r->review_top : r->top, 1, 0, h, W, -1);
	tui_puts(H - 2, 1, r->msg, W - 2, tui_attr(R_CHOSEN));
	tui_fill(H - 1, 0, W, tui_attr(R_BAR));
	tui_puts(
	    H - 1, 0,
	    r->in_review
	        ? " < > or Left/Right: previous/next   Up/Down, PgUp/PgDn: scroll   Esc: back"
	        : " m: review missed questions   Up/Down, PgUp/PgDn: scroll   Enter or Esc: close",
	    W, tui_attr(R_BAR));
	refresh();
}

void
tui_results(const struct session *s, const struct score *sc, const char *result_path)
{
	struct results r;
	memset(&r, 0, sizeof r);
	r.s = s;
	r.sc = sc;
	r.path = result_path;
	r.missed = calloc(s->n ? s->n : 1, sizeof *r.missed);
	if (r.missed == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (answer_missed(session_item_status(s, i)))
			r.missed[r.n_missed++] = i;
	if (tui_term_begin() < 0) {
		free(r.missed);
		return;
	}
	for (;;) {
		draw(&r);
		int key = tui_key(-1);
		int page = LINES - 4 > 1 ? LINES - 4 : 1;
		int *top = r.in_review ? &r.review_top : &r.top;
		r.msg[0] = '\0';
		/* No key with no time limit: a signal (quit) or a lost terminal. */
		if (key == TK_NONE || key == TK_DEAD || key == TK_CTRL_C)
			break;
		if (key == TK(KEY_RESIZE) || !tui_big_enough())
			continue;
		if (key == TK(KEY_UP))
			(*top)--;
		else if (key == TK(KEY_DOWN))
			(*top)++;
		else if (key == TK(KEY_PPAGE))
			*top -= page;
		else if (key == TK(KEY_NPAGE) || key == ' ')
			*top += page;
		else if (key == TK(KEY_HOME))
			*top = 0;
		else if (key == TK(KEY_END))
			*top = 1 << 20;
		else if (!r.in_review) {
			if (key == 'm' || key == 'M' || key == TK(KEY_F(3))) {
				if (r.n_missed == 0) {
					snprintf(r.msg, sizeof r.msg,
					         "Nothing missed: every item is correct.");
				} else {
					r.in_review = 1;
					r.review_top = 0;
				}
			} else if (key == '\r' || key == '\n' || key == TK(KEY_ENTER) ||
			           key == TK_ESC || key == 'q' || key == 'Q') {
				break;
			}
		} else if (key == TK(KEY_RIGHT) || key == '>' || key == '.') {
			if (r.k + 1 < r.n_missed) {
				r.k++;
				r.review_top = 0;
			} else {
				snprintf(r.msg, sizeof r.msg,
				         "That was the last missed question (Esc: back).");
			}
		} else if (key == TK(KEY_LEFT) || key == '<' || key == ',') {
			if (r.k > 0) {
				r.k--;
				r.review_top = 0;
			} else {
				snprintf(r.msg, sizeof r.msg, "This is the first missed question.");
			}
		} else if (key == TK_ESC || key == 'q' || key == 'Q' || key == '\r' ||
		           key == '\n' || key == TK(KEY_ENTER) || key == 'm' || key == 'M') {
			r.in_review = 0;
		}
	}
	tui_term_end();
	tui_doc_free(&r.doc);
	free(r.missed);
}
