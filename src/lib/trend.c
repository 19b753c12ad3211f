/* Trends: a domain's or task's percent correct over the learner's last valid attempts. */
#include <string.h>

#include "certsim/trend.h"

/* The percent of the part of r matching domain_id or task_id, or -1 when absent. */
static double
part_percent(const struct result_file *r, int domain_id, const char *task_id)
{
	const struct result_part *v = task_id ? r->tasks : r->domains;
	size_t n = task_id ? r->n_tasks : r->n_domains;
	for (size_t i = 0; i < n; i++)
		if (task_id ? strcmp(v[i].task_id, task_id) == 0 : v[i].domain_id == domain_id)
			return v[i].percent;
	return -1;
}

static size_t
trend(const struct history *h, int domain_id, const char *task_id, double out[TREND_LEN])
{
	double newest_first[TREND_LEN];
	size_t k = 0;
	for (size_t a = h->n; a-- > 0 && k < TREND_LEN;) {
		if (h->v[a].sig != ATTEMPT_SIG_VALID)
			continue;
		double p = part_percent(h->v[a].result, domain_id, task_id);
		if (p >= 0)
			newest_first[k++] = p;
	}
	for (size_t j = 0; j < k; j++)
		out[j] = newest_first[k - 1 - j];
	return k;
}

size_t
trend_domain(const struct history *h, int domain_id, double out[TREND_LEN])
{
	return trend(h, domain_id, NULL, out);
}

size_t
trend_task(const struct history *h, const char *task_id, double out[TREND_LEN])
{
	return trend(h, 0, task_id, out);
}

enum trend_direction
trend_direction(const double *v, size_t n)
{
	/* The least-squares slope over all n points, in points per attempt:
	 * one good or bad attempt does not turn a trend. */
	double mx = 0, my = 0, sxy = 0, sxx = 0;
	if (n < 2)
		return TREND_FLAT;
	for (size_t i = 0; i < n; i++) {
		mx += (double)i;
		my += v[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += ((double)i - mx) * (v[i] - my);
		sxx += ((double)i - mx) * ((double)i - mx);
	}
	double slope = sxy / sxx;
	return slope > 0.5 ? TREND_UP : slope < -0.5 ? TREND_DOWN : TREND_FLAT;
}

size_t
trend_columns(const struct history *h, const char *mode, size_t cols[TREND_LEN])
{
	size_t newest_first[TREND_LEN], k = 0;
	for (size_t a = h->n; a-- > 0 && k < TREND_LEN;) {
		const char *m = h->v[a].result->mode;
		if (h->v[a].sig == ATTEMPT_SIG_VALID && (mode == NULL || (m && !strcmp(m, mode))))
			newest_first[k++] = a;
	}
	for (size_t j = 0; j < k; j++)
		cols[j] = newest_first[k - 1 - j];
	return k;
}

size_t
trend_part_at(const struct history *h, const size_t *cols, size_t n, int domain_id,
              const char *task_id, double out[TREND_LEN])
{
	size_t found = 0;
	for (size_t j = 0; j < n && j < TREND_LEN; j++) {
		out[j] =
		    cols[j] < h->n ? part_percent(h->v[cols[j]].result, domain_id, task_id) : -1;
		found += out[j] >= 0;
	}
	return found;
}

int
trend_row_direction(const double *v, size_t n, enum trend_direction *out)
{
	double present[TREND_LEN];
	size_t k = 0;
	for (size_t j = 0; j < n && j < TREND_LEN; j++)
		if (v[j] >= 0)
			present[k++] = v[j];
	*out = k >= 2 ? trend_direction(present, k) : TREND_FLAT;
	return k >= 2 ? 0 : -1;
}

const char *
trend_direction_name(enum trend_direction d)
{
	return d == TREND_UP ? "up" : d == TREND_DOWN ? "down" : "flat";
}
