/* Draw sources: which questions a targeted quiz may draw, and how likely each is. */
#include <stdlib.h>

#include "certsim/source.h"

size_t
source_missed(const struct bank *b, const signed char *last_correct, unsigned char *eligible)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n_questions; i++)
		k += eligible[i] = last_correct[i] == 0;
	return k;
}

int
source_weakest(const struct bank *b, const signed char *last_correct, double *weight)
{
	int *wrong = calloc((size_t)b->bp.n_tasks, sizeof *wrong);
	int *total = calloc((size_t)b->bp.n_tasks, sizeof *total);
	int any = 0;
	if (wrong == NULL || total == NULL) {
		free(wrong);
		free(total);
		return -1;
	}
	for (size_t i = 0; i < b->n_questions; i++)
		if (last_correct[i] >= 0) {
			total[b->questions[i].task_idx]++;
			wrong[b->questions[i].task_idx] += last_correct[i] == 0;
			any = 1;
		}
	for (size_t i = 0; i < b->n_questions; i++) {
		int t = b->questions[i].task_idx;
		double rate = (wrong[t] + 0.5) / (total[t] + 1.0);
		weight[i] = rate < 0.05 ? 0.05 : rate;
	}
	free(wrong);
	free(total);
	return any;
}
