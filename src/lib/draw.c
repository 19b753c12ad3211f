/* The draw: blueprint apportionment and seeded selection of items. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/rng.h"

void
draw_apportion(const int *weights, int n, int total, int *counts)
{
	long sum = 0, given = 0;
	for (int i = 0; i < n; i++)
		sum += weights[i];
	if (sum <= 0) {
		for (int i = 0; i < n; i++)
			counts[i] = 0;
		return;
	}
	long rem[BANK_MAX_DOMAINS];
	for (int i = 0; i < n; i++) {
		counts[i] = (int)((long)total * weights[i] / sum);
		rem[i] = (long)total * weights[i] % sum;
		given += counts[i];
	}
	/* Hand out what is left to the largest remainders, earlier first. */
	for (long left = total - given; left > 0; left--) {
		int best = 0;
		for (int i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		counts[best]++;
		rem[best] = -1;
	}
}

/* A drawable unit: one question, or the (selected) questions of a case study. */
struct unit {
	int *qs;
	int n;
	int domain_idx;
	uint64_t seen; /* most recent sighting of any of its questions */
	double key;    /* random priority: smaller first */
	int taken;
};

static int
cmp_unit(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;
	if (x->seen != y->seen)
		return x->seen < y->seen ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->qs[0] > y->qs[0]) - (x->qs[0] < y->qs[0]);
}

static int
cmp_size_desc(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;
	if (x->n != y->n)
		return y->n - x->n;
	return (x->qs[0] > y->qs[0]) - (x->qs[0] < y->qs[0]);
}

static int
matches(const struct bank *b, const struct draw_request *req, size_t i)
{
	const struct question *q = &b->questions[i];
	if (req->eligible && !req->eligible[i])
		return 0;
	if (req->domain > 0 && q->domain_id != req->domain)
		return 0;
	if (req->task1 > 0 && q->task_idx != req->task1 - 1)
		return 0;
	return 1;
}

/*
 * Build the units of the questions that match req (all questions when req
 * is NULL). Returns the count, or -1 on OOM; *qbuf backs the units.
 */
static long
build_units(const struct bank *b, const struct draw_request *req, struct unit **out, int **qbuf)
{
	struct unit *u = calloc(b->n_questions + 1, sizeof *u);
	int *qs = calloc(b->n_questions + 1, sizeof *qs);
	long n = 0;
	size_t used = 0;
	if (u == NULL || qs == NULL) {
		free(u);
		free(qs);
		return -1;
	}
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		if (q->case_study >= 0 || (req && !matches(b, req, i)))
			continue;
		qs[used] = (int)i;
		u[n].qs = &qs[used++];
		u[n].n = 1;
		u[n].domain_idx = bank_domain_index(b, q->domain_id);
		u[n].seen = req && req->last_seen ? req->last_seen[i] : 0;
		n++;
	}
	for (size_t c = 0; c < b->n_case_studies; c++) {
		const struct case_study *cs = &b->case_studies[c];
		struct unit *x = &u[n];
		x->qs = &qs[used];
		for (size_t i = cs->first; i < cs->first + cs->count; i++) {
			if (req && !matches(b, req, i))
				continue;
			qs[used++] = (int)i;
			x->n++;
			uint64_t s = req && req->last_seen ? req->last_seen[i] : 0;
			if (s > x->seen)
				x->seen = s;
		}
		if (x->n == 0)
			continue;
		x->domain_idx = bank_domain_index(b, cs->domain);
		n++;
	}
	*out = u;
	*qbuf = qs;
	return n;
}

/*
 * Pick, from the units order[0..n) of domain d (any domain when d < 0),
 * taken in their priority order, a set whose sizes sum to the largest total
 * that is at most target and that some set reaches: exactly target when
 * any combination of whole case studies and single items fills it (a greedy
 * fill can miss it). A unit is taken whenever the rest can still complete
 * the total, so the order (unseen first, then random) decides among all the
 * sets that do. Appends to picked; returns the total, or -1 when out of
 * memory.
 */
static long
fill(struct unit **order, long n, int d, int target, struct unit **picked, size_t *npicked)
{
	size_t m = 0, row = (size_t)target / 8 + 1;
	struct unit **c = malloc(((size_t)n + 1) * sizeof *c);
	if (c == NULL)
		return -1;
	for (long i = 0; i < n; i++)
		if ((d < 0 || order[i]->domain_idx == d) && order[i]->n <= target)
			c[m++] = order[i];
	/* reach[i]: the sums, up to target, that units c[i..m) can make (a bit per sum). */
	unsigned char *reach = calloc((m + 1) * row, 1);
	if (reach == NULL) {
		free(c);
		return -1;
	}
#define REACH(i, s) (reach[(i)*row + (size_t)(s) / 8] >> ((size_t)(s) % 8) & 1)
	reach[m * row] = 1;
	for (size_t i = m; i-- > 0;) {
		int sz = c[i]->n;
		memcpy(reach + i * row, reach + (i + 1) * row, row);
		for (int s = sz; s <= target; s++)
			if (REACH(i + 1, s - sz))
				reach[i * row + (size_t)s / 8] |= (unsigned char)(1u << (s % 8));
	}
	int total = target;
	while (total > 0 && !REACH(0, total))
		total--;
	int left = total;
	for (size_t i = 0; i < m && left > 0; i++)
		if (c[i]->n <= left && REACH(i + 1, left - c[i]->n)) {
			picked[(*npicked)++] = c[i];
			left -= c[i]->n;
		}
#undef REACH
	free(reach);
	free(c);
	return total;
}

int
draw_exams_available(const struct bank *b, int *per_exam)
{
	int nd = b->bp.n_domains, need[BANK_MAX_DOMAINS] = { 0 }, w[BANK_MAX_DOMAINS] = { 0 };
	for (int d = 0; d < nd; d++)
		w[d] = b->bp.domains[d].weight;
	draw_apportion(w, nd, b->bp.questions, need);
	if (per_exam)
		memcpy(per_exam, need, (size_t)nd * sizeof *need);
	struct unit *u;
	int *qs;
	long n = build_units(b, NULL, &u, &qs);
	if (n < 0)
		return 0;
	struct unit **order = malloc(((size_t)n + 1) * sizeof *order);
	struct unit **picked = malloc(((size_t)n + 1) * sizeof *picked);
	int exams = 0;
	if (order != NULL && picked != NULL) {
		for (long i = 0; i < n; i++)
			order[i] = &u[i];
		qsort(order, (size_t)n, sizeof *order, cmp_size_desc);
		long left = n;
		for (;;) {
			int ok = 1;
			for (int d = 0; d < nd && ok; d++) {
				size_t np = 0;
				ok = fill(order, left, d, need[d], picked, &np) == need[d];
				for (size_t i = 0; i < np; i++)
					picked[i]->taken = 1;
			}
			if (!ok)
				break;
			exams++;
			long k = 0; /* keep the units not yet taken, still largest first */
			for (long i = 0; i < left; i++)
				if (!order[i]->taken)
					order[k++] = order[i];
			left = k;
		}
	}
	free(picked);
	free(order);
	free(u);
	free(qs);
	return exams;
}

/* Shuffle choices for display; ordering items never start in key order. */
static void
shuffle_item(struct rng *r, const struct question *q, struct draw_item *it)
{
	it->n_perm = q->n_choices;
	for (int i = 0; i < q->n_choices; i++)
		it->perm[i] = i;
	rng_shuffle_int(r, it->perm, (size_t)it->n_perm);
	if (q->type == Q_ORDERING &&
	    memcmp(it->perm, q->key, (size_t)q->n_choices * sizeof(int)) == 0) {
		int first = it->perm[0];
		memmove(it->perm, it->perm + 1, (size_t)(q->n_choices - 1) * sizeof(int));
		it->perm[q->n_choices - 1] = first;
	}
	it->n_pperm = 0;
	if (q->type == Q_MATCHING) {
		it->n_pperm = q->n_prompts;
		for (int i = 0; i < q->n_prompts; i++)
			it->pperm[i] = i;
		rng_shuffle_int(r, it->pperm, (size_t)it->n_pperm);
	}
}

static char *
shortage(const struct bank *b, const struct draw_request *req, int d, int have, int need)
{
	if (req->task1 > 0)
		return fsutil_asprintf(
		    "the bank has %d usable question%s for task %s \"%s\"; the draw needs %d", have,
		    have == 1 ? "" : "s", b->bp.tasks[req->task1 - 1].id,
		    b->bp.tasks[req->task1 - 1].name, need);
	if (d < 0)
		return fsutil_asprintf("the bank has %d usable question%s; the draw needs %d", have,
		                       have == 1 ? "" : "s", need);
	return fsutil_asprintf("domain %d \"%s\" has %d usable question%s; the draw needs %d%s",
	                       b->bp.domains[d].id, b->bp.domains[d].name, have,
	                       have == 1 ? "" : "s", need,
	                       have >= need ? " (case studies are drawn whole and do not fit)"
	                                    : "");
}

int
draw_items(const struct bank *b, const struct draw_request *req, struct draw_item **out,
           size_t *n_out, char **err)
{
	struct rng r;
	struct unit *u = NULL, **order = NULL, **picked = NULL;
	int *qs = NULL, rc = -1;
	int nd = b->bp.n_domains, need[BANK_MAX_DOMAINS] = { 0 }, have[BANK_MAX_DOMAINS] = { 0 };
	long n;
	*out = NULL;
	*n_out = 0;
	*err = NULL;
	rng_init(&r, req->seed);
	if (req->task1 < 0 || req->task1 > b->bp.n_tasks) {
		*err = fsutil_asprintf("the draw names task %d of %d", req->task1, b->bp.n_tasks);
		return -1;
	}
	if (req->count <= 0) {
		*err = fsutil_asprintf("the draw needs a positive count");
		return -1;
	}
	if ((n = build_units(b, req, &u, &qs)) < 0)
		goto oom;
	order = malloc(((size_t)n + 1) * sizeof *order);
	picked = malloc(((size_t)n + 1) * sizeof *picked);
	if (order == NULL || picked == NULL)
		goto oom;
	for (long i = 0; i < n; i++) {
		double x = (rng_uniform(&r, 0xFFFFFFFFu) + 1.0) / 4294967297.0;
		if (req->weight != NULL) {
			/* Exponential keys give weighted sampling without replacement. */
			double w = req->weight[u[i].qs[0]];
			u[i].key = -log(x) / (w > 0 ? w : 1e-9);
			u[i].seen = 0;
		} else {
			u[i].key = x;
		}
		order[i] = &u[i];
		if (u[i].domain_idx >= 0)
			have[u[i].domain_idx] += u[i].n;
	}
	qsort(order, (size_t)n, sizeof *order, cmp_unit);

	int per_domain =
	    req->domain == 0 && req->task1 == 0 && req->eligible == NULL && req->weight == NULL;
	size_t npicked = 0, total = 0;
	if (per_domain) {
		int w[BANK_MAX_DOMAINS] = { 0 };
		for (int d = 0; d < nd; d++)
			w[d] = b->bp.domains[d].weight;
		draw_apportion(w, nd, req->count, need);
		for (int d = 0; d < nd; d++) {
			long got = fill(order, n, d, need[d], picked, &npicked);
			if (got < 0)
				goto oom;
			if (got < need[d]) {
				if (req->allow_fewer)
					continue;
				*err = shortage(b, req, d, have[d], need[d]);
				goto done;
			}
		}
	} else {
		int avail = 0;
		for (long i = 0; i < n; i++)
			avail += order[i]->n;
		long got = fill(order, n, -1, req->count, picked, &npicked);
		if (got < 0)
			goto oom;
		if (got < req->count && !(req->allow_fewer && npicked > 0)) {
			int d = req->domain > 0 ? bank_domain_index(b, req->domain) : -1;
			*err = shortage(b, req, d, avail, req->count);
			goto done;
		}
	}
	/* Shown order: units shuffled, a case study's questions kept together. */
	for (size_t i = npicked; i > 1; i--) {
		size_t j = rng_uniform(&r, (uint32_t)i);
		struct unit *t = picked[i - 1];
		picked[i - 1] = picked[j];
		picked[j] = t;
	}
	for (size_t i = 0; i < npicked; i++)
		total += (size_t)picked[i]->n;
	struct draw_item *items = calloc(total + 1, sizeof *items);
	if (items == NULL)
		goto oom;
	size_t k = 0;
	for (size_t i = 0; i < npicked; i++)
		for (int j = 0; j < picked[i]->n; j++) {
			items[k].q = picked[i]->qs[j];
			shuffle_item(&r, &b->questions[items[k].q], &items[k]);
			k++;
		}
	*out = items;
	*n_out = total;
	rc = 0;
	goto done;
oom:
	*err = fsutil_asprintf("out of memory during the draw");
done:
	free(order);
	free(picked);
	free(u);
	free(qs);
	return rc;
}

int
draw_is_perm(const int *v, int n)
{
	int seen[BANK_MAX_CHOICES] = { 0 };
	if (n < 0 || n > BANK_MAX_CHOICES)
		return 0;
	for (int i = 0; i < n; i++)
		if (v[i] < 0 || v[i] >= n || seen[v[i]]++)
			return 0;
	return 1;
}

int
draw_shown_pos(const struct draw_item *it, int c)
{
	for (int j = 0; j < it->n_perm; j++)
		if (it->perm[j] == c)
			return j;
	return -1;
}

int
draw_arrange(const struct bank *b, const int *qs, size_t n, uint64_t seed, struct draw_item **out)
{
	struct rng r;
	*out = NULL;
	if (n == 0)
		return 0;
	struct draw_item *items = calloc(n, sizeof *items);
	if (items == NULL)
		return -1;
	rng_init(&r, seed);
	for (size_t i = 0; i < n; i++) {
		if (qs[i] < 0 || (size_t)qs[i] >= b->n_questions) {
			free(items);
			return -1;
		}
		items[i].q = qs[i];
		shuffle_item(&r, &b->questions[qs[i]], &items[i]);
	}
	*out = items;
	return 0;
}
