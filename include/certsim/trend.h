/* Trends: a domain's or task's percent correct over the learner's last valid attempts. */
#ifndef CERTSIM_TREND_H
#define CERTSIM_TREND_H

#include <stddef.h>

#include "certsim/history.h"

/* How many attempts a trend looks back over. */
#define TREND_LEN 5

enum trend_direction { TREND_FLAT, TREND_UP, TREND_DOWN };

/*
 * The percent correct of domain domain_id (or task task_id) in the newest
 * TREND_LEN attempts of h that have a valid signature and list it, into
 * out[] oldest first. Attempts that do not list it (or list a negative
 * percent) are passed over. Returns how many were found (0 to TREND_LEN).
 */
size_t trend_domain(const struct history *h, int domain_id, double out[TREND_LEN]);
size_t trend_task(const struct history *h, const char *task_id, double out[TREND_LEN]);

/*
 * The direction of a trend (v oldest first, n values): the least-squares
 * slope over all of them, up or down by more than half a point per
 * attempt; TREND_FLAT when n < 2 or within half a point.
 */
enum trend_direction trend_direction(const double *v, size_t n);

/*
 * The direction of a row of trend_part_at (n values, -1 where absent)
 * over its present values into *out: 0, or -1 (and *out TREND_FLAT) when
 * fewer than two are present, where a table shows no direction.
 */
int trend_row_direction(const double *v, size_t n, enum trend_direction *out);

/* "up", "down" or "flat" (static; do not free). */
const char *trend_direction_name(enum trend_direction d);

/*
 * The columns of a like-with-like trend table: the indexes into h of the
 * newest TREND_LEN attempts with a valid signature and mode mode ("exam",
 * "quiz"; NULL: any), oldest first, into cols. Returns how many.
 */
size_t trend_columns(const struct history *h, const char *mode, size_t cols[TREND_LEN]);

/*
 * For each of the n attempts cols[] (from trend_columns), the percent
 * correct of domain domain_id (or task task_id when not NULL) into out[],
 * or -1 where that attempt does not list it: column j describes attempt
 * cols[j]. Returns how many are not -1.
 */
size_t trend_part_at(const struct history *h, const size_t *cols, size_t n, int domain_id,
                     const char *task_id, double out[TREND_LEN]);

#endif
