/* Scoring (docs/scoring.md): raw counts, the scaled score, per-domain and per-task status. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/score.h"

int
score_scale(int min, int pass, int max, double cut, int correct, int scored)
{
	double p = scored > 0 ? (double)correct / scored : 0.0, s;
	if (p < cut)
		s = min + (pass - min) * p / cut;
	else
		s = pass + (max - pass) * (p - cut) / (1 - cut);
	/* Half up; the epsilon keeps exact halves from rounding down in binary. */
	return (int)floor(s + 0.5 + 1e-9);
}

static void
finish_part(struct score_part *p, double cut)
{
	p->percent = p->total ? 100.0 * p->correct / p->total : 0.0;
	p->meets = p->percent + 1e-9 >= cut * 100;
}

int
score_compute(const struct session *s, struct score *out)
{
	const struct blueprint *bp = &s->bank->bp;
	struct score_part *dom = calloc((size_t)bp->n_domains + 1, sizeof *dom);
	struct score_part *task = calloc((size_t)bp->n_tasks + 1, sizeof *task);
	memset(out, 0, sizeof *out);
	if (dom == NULL || task == NULL) {
		free(dom);
		free(task);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];
		const struct question *q = &s->bank->questions[it->d.q];
		if (!it->scored)
			continue;
		int ok = session_item_correct(s, i);
		int d = bank_domain_index(s->bank, q->domain_id);
		out->scored++;
		out->correct += ok;
		dom[d].total++;
		dom[d].correct += ok;
		task[q->task_idx].total++;
		task[q->task_idx].correct += ok;
	}
	/* Keep only the parts that were tested, in blueprint order. */
	int nd = 0, nt = 0;
	for (int d = 0; d < bp->n_domains; d++)
		if (dom[d].total > 0) {
			dom[nd] = dom[d];
			dom[nd].index = d;
			finish_part(&dom[nd++], bp->cut);
		}
	for (int t = 0; t < bp->n_tasks; t++)
		if (task[t].total > 0) {
			task[nt] = task[t];
			task[nt].index = t;
			finish_part(&task[nt++], bp->cut);
		}
	out->domains = dom;
	out->n_domains = nd;
	out->tasks = task;
	out->n_tasks = nt;
	out->percent = out->scored ? 100.0 * out->correct / out->scored : 0.0;
	out->scaled = score_scale(bp->score_min, bp->score_pass, bp->score_max, bp->cut,
	                          out->correct, out->scored);
	out->pass_mark = bp->score_pass;
	out->passed = out->scaled >= bp->score_pass;
	return 0;
}

void
score_free(struct score *sc)
{
	free(sc->domains);
	free(sc->tasks);
	memset(sc, 0, sizeof *sc);
}
