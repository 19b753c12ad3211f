/* Invariants shared by the interchange fuzz targets (GIFT, Aiken): checked after each parse. */
#ifndef CERTSIM_FUZZ_IX_H
#define CERTSIM_FUZZ_IX_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/interchange.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Abort unless: rc is 0 exactly when d has no error; every diagnostic
 * starts with prefix and a line from 1 to the input's line count (counting
 * \n, \r\n and \r as breaks); every question in set is valid for the bank
 * format.
 */
static inline void
fuzz_ix_check(int rc, const struct ix_set *set, const struct diag *d, const char *prefix,
              const uint8_t *data, size_t size)
{
	long lines = 1;
	for (size_t i = 0; i < size; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n')))
			lines++;
	if (!d->oom && ((rc == 0) != (d->errors == 0)))
		abort();
	for (size_t i = 0; i < d->n; i++) {
		const char *t = d->v[i].text;
		if (strncmp(t, prefix, strlen(prefix)) != 0)
			abort();
		long line = strtol(t + strlen(prefix), NULL, 10);
		if (line < 1 || line > lines)
			abort();
	}
	for (size_t i = 0; i < set->n; i++) {
		const struct ix_question *q = &set->v[i];
		if (interchange_blank(q->stem) || q->line < 1 || q->line > lines)
			abort();
		int lo = q->type == Q_MULTIPLE ? 3 : 2, hi = BANK_MAX_CHOICES;
		if (q->type == Q_ORDERING)
			lo = 3, hi = BANK_MAX_ITEMS;
		if (q->n_choices < lo || q->n_choices > hi)
			abort();
		for (int c = 0; c < q->n_choices; c++)
			if (interchange_blank(q->choices[c]))
				abort();
		if (q->type == Q_MATCHING) {
			if (q->n_prompts < 3 || q->n_prompts > BANK_MAX_ITEMS ||
			    q->n_key != q->n_prompts)
				abort();
			for (int p = 0; p < q->n_prompts; p++)
				if (interchange_blank(q->prompts[p]))
					abort();
		} else if (q->type == Q_SINGLE && q->n_key != 1) {
			abort();
		} else if (q->type == Q_MULTIPLE && (q->n_key < 2 || q->n_key >= q->n_choices)) {
			abort();
		}
		for (int k = 0; k < q->n_key; k++)
			if (q->key[k] < 0 || q->key[k] >= q->n_choices)
				abort();
	}
}

#endif
