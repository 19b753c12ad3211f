/* The learner's record as study reviews: signed results to reviews, cards and the forecast. */
#include <stdlib.h>
#include <string.h>

#include "certsim/clock.h"
#include "certsim/record.h"

int
record_reviews(const struct history *h, const struct bank *b, struct study_review **out, size_t *n)
{
	size_t total = 0, k = 0;
	*out = NULL;
	*n = 0;
	for (size_t a = 0; a < h->n; a++)
		total += h->v[a].result->n_items;
	if (total == 0)
		return 0;
	struct study_review *rv = malloc(total * sizeof *rv);
	if (rv == NULL)
		return -1;
	for (size_t a = 0; a < h->n; a++) {
		const struct result_file *r = h->v[a].result;
		int64_t at;
		if (h->v[a].sig != ATTEMPT_SIG_VALID || strcmp(r->exam_code, b->bp.code) != 0 ||
		    clock_parse_iso_ms(r->finished_at, &at) < 0)
			continue;
		for (size_t i = 0; i < r->n_items; i++) {
			rv[k].qid = r->items[i].id;
			rv[k].qhash = r->items[i].qhash; /* NULL in results older than qhash */
			rv[k].at = at;
			rv[k].correct = r->items[i].correct;
			k++;
		}
	}
	if (k == 0) {
		free(rv);
		return 0;
	}
	*out = rv;
	*n = k;
	return 0;
}

int
record_study(const struct history *h, const struct bank *b, struct study **out)
{
	struct study_review *rv;
	size_t n;
	*out = NULL;
	if (record_reviews(h, b, &rv, &n) < 0)
		return -1;
	int rc = study_build(b, rv, n, out);
	free(rv);
	return rc;
}

int
record_forecast(const struct history *h, const struct bank *b, struct forecast *out)
{
	size_t nd = (size_t)(b->bp.n_domains > 0 ? b->bp.n_domains : 1);
	int *right = calloc(nd, sizeof *right), *wrong = calloc(nd, sizeof *wrong);
	struct study *st = NULL;
	int rc = -1;
	memset(out, 0, sizeof *out);
	out->reason = "out of memory";
	if (right != NULL && wrong != NULL && record_study(h, b, &st) == 0) {
		study_first_answers(st, b, right, wrong);
		rc = forecast_compute(&b->bp, right, wrong, out);
	}
	study_free(st);
	free(right);
	free(wrong);
	return rc;
}
