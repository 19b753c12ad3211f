/* The draw: blueprint apportionment and seeded selection of items. */
#ifndef CERTSIM_DRAW_H
#define CERTSIM_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"

/*
 * Largest-remainder apportionment of total over n weights (all > 0; n from
 * 1 to BANK_MAX_DOMAINS, which the loader enforces for blueprints):
 * writes counts[0..n) that sum exactly to total. Ties in the remainder go
 * to the earlier weight. 65 over 28/26/22/24 gives 18/17/14/16.
 */
void draw_apportion(const int *weights, int n, int total, int *counts);

/*
 * How many complete exams of the bank's blueprint the bank can supply with
 * no question used twice (case studies kept whole). Also writes, when
 * per_exam is not NULL, each domain's per-exam count (n_domains entries).
 */
int draw_exams_available(const struct bank *b, int *per_exam);

/* What to draw. Zero-initialise, then set what applies. */
struct draw_request {
	int count;       /* items wanted (> 0) */
	int domain;      /* 0: all domains, apportioned by weight; else one domain id */
	int task1;       /* 0: any task; else 1 + a task index (bank->bp.tasks) */
	int allow_fewer; /* 1: a smaller pool gives a shorter draw, not an error */
	/* NULL, or per question: nonzero if it may be drawn (e.g. --missed). */
	const unsigned char *eligible;
	/*
	 * NULL, or per question: when it was last seen (0 never; larger is more
	 * recent). Unseen items are preferred, then the least recently seen.
	 */
	const uint64_t *last_seen;
	/* NULL, or per question: a positive weight for weighted sampling. */
	const double *weight;
	uint64_t seed;
};

/* One drawn item: a question and the order its choices are shown in. */
struct draw_item {
	int q;                      /* index into bank->questions */
	int perm[BANK_MAX_CHOICES]; /* shown position -> choice index */
	int n_perm;
	int pperm[BANK_MAX_ITEMS]; /* matching: shown position -> prompt */
	int n_pperm;
};

/*
 * Draw req->count items from b (docs/scoring.md, "The draw"). Returns 0 with *out
 * (an array of *n_out items in the order shown; caller frees) or -1 with
 * *err (allocated, caller frees) when the bank cannot supply the draw: the
 * message names the domain (or task), how many it has and how many are
 * needed. The same request and seed give the same result everywhere.
 */
int draw_items(const struct bank *b, const struct draw_request *req, struct draw_item **out,
               size_t *n_out, char **err);

/*
 * Items for the questions qs[0..n), in that order (a study session's list):
 * each with its choices (and matching prompts) shuffled from seed as
 * draw_items shuffles them. Returns 0 with *out (caller frees; NULL when n
 * is 0), or -1 with *out NULL when an index is not a question of b or
 * memory runs out.
 */
int draw_arrange(const struct bank *b, const int *qs, size_t n, uint64_t seed,
                 struct draw_item **out);

/* The position (0 = A) at which item it shows choice c, or -1 when it is not shown. */
int draw_shown_pos(const struct draw_item *it, int c);

/*
 * Whether v[0..n) is a permutation of 0..n-1 (an option order, drawn or read
 * back from a saved attempt). Returns 1 or 0; 0 when n is negative or over
 * BANK_MAX_CHOICES.
 */
int draw_is_perm(const int *v, int n);

#endif
