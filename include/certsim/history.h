/* The user's past attempts, read from the result files in the data directory. */
#ifndef CERTSIM_HISTORY_H
#define CERTSIM_HISTORY_H

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"

enum sig_status { SIG_VALID, SIG_INVALID, SIG_UNSIGNED };

struct attempt {
	char *path;
	cJSON *json;            /* the parsed result (owned) */
	const char *finished_at;
	enum sig_status sig;
	char *sig_reason;       /* why INVALID/unsigned, or NULL */
};

struct history {
	struct attempt *v;      /* oldest first */
	size_t n;
};

/*
 * Read every result in home/results (files that are not certsim results
 * are skipped), oldest first. With verify, check each signature against
 * home/keys/certsim.pub and each result's consistency. Returns 0, or -1
 * with *err (caller frees) when the directory cannot be read.
 */
int history_load(const char *home, int verify, struct history *h, char **err);
void history_free(struct history *h);

/*
 * For each question of b: last_seen[i] = 1 + index of the newest attempt
 * that showed it (0: never); last_correct[i] = 1/0 for its latest answer,
 * -1 when never seen. Either array may be NULL. Attempts on other exams
 * are ignored; items no longer in the bank are skipped.
 */
void history_exposure(const struct history *h, const struct bank *b,
                      uint64_t *last_seen, signed char *last_correct);

#endif
