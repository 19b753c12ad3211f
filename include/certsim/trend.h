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
 * The direction of a trend (v oldest first, n values): the newest against
 * the one before, up or down by more than half a point; TREND_FLAT when
 * n < 2 or within half a point.
 */
enum trend_direction trend_direction(const double *v, size_t n);

/* "up", "down" or "flat" (static; do not free). */
const char *trend_direction_name(enum trend_direction d);

#endif
