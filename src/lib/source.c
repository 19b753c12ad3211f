/* Draw sources: which questions a targeted quiz may draw, and how likely each is. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

size_t
source_tag(const struct bank *b, const char *tag, unsigned char *eligible)
{
	size_t k = 0;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		eligible[i] = 0;
		for (int t = 0; t < q->n_tags && !eligible[i]; t++)
			eligible[i] = strcasecmp(q->tags[t], tag) == 0;
		k += eligible[i];
	}
	return k;
}

long
source_type(const struct bank *b, const char *type, unsigned char *eligible)
{
	static const enum question_type types[] = { Q_SINGLE, Q_MULTIPLE, Q_ORDERING, Q_MATCHING };
	int found = -1;
	long k = 0;
	for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
		if (strcmp(bank_type_name(types[t]), type) == 0)
			found = (int)t;
	if (found < 0)
		return -1;
	for (size_t i = 0; i < b->n_questions; i++)
		k += eligible[i] = b->questions[i].type == types[found];
	return k;
}

size_t
source_flagged(const struct history *h, const struct bank *b, unsigned char *eligible)
{
	size_t k = 0;
	memset(eligible, 0, b->n_questions);
	for (size_t a = 0; a < h->n; a++) {
		const struct result_file *r = h->v[a].result;
		if (strcmp(r->exam_code, b->bp.code) != 0)
			continue;
		for (size_t i = 0; i < r->n_items; i++) {
			long q = bank_find(b, r->items[i].id);
			if (q >= 0)
				eligible[q] = r->items[i].flagged != 0;
		}
	}
	for (size_t i = 0; i < b->n_questions; i++)
		k += eligible[i];
	return k;
}
