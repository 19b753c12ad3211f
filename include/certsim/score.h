/* Scoring (docs/scoring.md): raw counts, the scaled score, per-domain and per-task status. */
#ifndef CERTSIM_SCORE_H
#define CERTSIM_SCORE_H

#include "certsim/bank.h"
#include "certsim/session.h"

struct score_part {
	int index; /* domain or task index in the blueprint */
	int correct, total;
	double percent;
	int meets; /* percent >= cut x 100 */
};

struct score {
	int correct, scored;
	double percent;
	int scaled, pass_mark, passed;
	struct score_part *domains; /* only those with scored items, blueprint order */
	int n_domains;
	struct score_part *tasks; /* likewise */
	int n_tasks;
};

/*
 * The scaled score for correct of scored items (scored 0 counts as p = 0):
 * p < cut: min + (pass - min) p / cut; else pass + (max - pass)(p - cut)/(1 - cut);
 * rounded half up.
 */
int score_scale(int min, int pass, int max, double cut, int correct, int scored);

/* Score a session. Returns 0, or -1 on out of memory. Free with score_free. */
int score_compute(const struct session *s, struct score *out);
/* Free the per-domain and per-task lists of a score filled by score_compute. */
void score_free(struct score *sc);

#endif
