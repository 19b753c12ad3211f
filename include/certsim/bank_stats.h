/* What a bank holds: counts by domain, task and type, and how many exams it can supply. */
#ifndef CERTSIM_BANK_STATS_H
#define CERTSIM_BANK_STATS_H

#include "certsim/bank.h"

struct bank_stats {
	int *task;                      /* questions per task index */
	int *domain;                    /* questions per domain index */
	int type[4];                    /* questions per enum question_type */
	int per_exam[BANK_MAX_DOMAINS]; /* questions per domain index in one exam */
	int exams;                      /* complete exams with no repeated question */
};

/*
 * Count b's questions. Returns 0 and fills *out (free with
 * bank_stats_free), or -1 on out of memory (*out is then safe to free).
 */
int bank_stats_compute(const struct bank *b, struct bank_stats *out);

/* Free what bank_stats_compute allocated; s is left empty. */
void bank_stats_free(struct bank_stats *s);

/*
 * The JSON of `certsim bank stats --json` (docs/bank-format.md), tags included.
 * Returns an allocated string
 * without a final newline (caller frees), or NULL on out of memory.
 */
char *bank_stats_json(const struct bank *b, const struct bank_stats *s);

#endif
