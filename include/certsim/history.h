/* The user's past attempts, read from the result files in the data directory. */
#ifndef CERTSIM_HISTORY_H
#define CERTSIM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"
#include "certsim/result.h"

/* What the signature check said about an attempt (always VALID without verify). */
enum attempt_sig { ATTEMPT_SIG_VALID, ATTEMPT_SIG_INVALID, ATTEMPT_SIG_UNSIGNED };

struct attempt {
	char *path;
	struct result_file *result; /* the parsed result (owned) */
	const char *finished_at;    /* result->finished_at, never NULL */
	enum attempt_sig sig;
	char *sig_reason; /* why INVALID/unsigned, or NULL */
};

struct history {
	struct attempt *v; /* oldest first */
	size_t n;
};

/*
 * Read every result in home/results (files that are not certsim results,
 * or have no finished_at, are skipped), oldest first. With verify, check
 * each signature against home/keys/certsim.pub and each result's
 * consistency. Returns 0 and fills *h (free with history_free), or -1 with
 * *err (caller frees) when the directory cannot be read.
 */
int history_load(const char *home, int verify, struct history *h, char **err);

/* Free what history_load filled in; h is left empty. */
void history_free(struct history *h);

/*
 * Keep only the attempts of exam code (every attempt belongs to its exam
 * code; docs/record.md, "History per exam"), oldest first as before; the
 * others are freed.
 * Cannot fail.
 */
void history_keep_exam(struct history *h, const char *code);

/* "valid", "INVALID" or "unsigned", as history prints and writes them (static). */
const char *history_sig_name(enum attempt_sig s);

/*
 * For each question of b: last_seen[i] = 1 + index of the newest attempt
 * that showed it (0: never); last_correct[i] = 1/0 for its latest answer,
 * -1 when never seen. Either array may be NULL. Attempts on other exams
 * are ignored; items no longer in the bank are skipped.
 */
void history_exposure(const struct history *h, const struct bank *b, uint64_t *last_seen,
                      signed char *last_correct);

/*
 * The JSON of `certsim history --json`: every attempt, the per-domain and
 * per-task trends (only when b is not NULL) and the readiness verdict.
 * Returns an allocated string without a final newline (caller frees), or
 * NULL on out of memory.
 */
char *history_json(const struct history *h, const struct bank *b);

/*
 * The CSV of `history --csv`: a header line, then one row per attempt of h
 * (n, finished_at, exam, mode, source, items, correct, scored, percent,
 * scaled, passed, time_used_s, signature, path), RFC 4180 quoting.
 * Returns the text (caller frees), or NULL on out of memory.
 */
char *history_csv(const struct history *h);

#endif
