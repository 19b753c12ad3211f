/* The learner's record as study reviews: the one list that study, history's forecast and the
 * report use. */
#ifndef CERTSIM_RECORD_H
#define CERTSIM_RECORD_H

#include <stddef.h>

#include "certsim/bank.h"
#include "certsim/forecast.h"
#include "certsim/history.h"
#include "certsim/study.h"

/*
 * The reviews in h (docs/study.md, "Reviews come from your results"): every
 * item of every attempt whose signature is ATTEMPT_SIG_VALID (load h with
 * verify, or every attempt counts as valid) and whose exam code is b's, one
 * review at the result's finished_at, correct = Good, else Again; attempts
 * whose finished_at is not a UTC time are skipped. The reviews come oldest
 * attempt first, items in attempt order, and point into h (keep h alive
 * while they are used). qhash is the item's recorded hash when results
 * carry one, else NULL. Returns 0 with *out (caller frees; NULL when *n is
 * 0) and *n, or -1 when out of memory (*out NULL, *n 0).
 */
int record_reviews(const struct history *h, const struct bank *b, struct study_review **out,
                   size_t *n);

/*
 * Every question's study card from h: record_reviews, then study_build.
 * Returns 0 with *out (free with study_free), or -1 when out of memory.
 */
int record_study(const struct history *h, const struct bank *b, struct study **out);

/*
 * The pass forecast from h (docs/scoring.md, "Forecast"): the first-time
 * answers of record_study(h, b) (study_first_answers) through
 * forecast_compute over b's blueprint. Returns 0 with *out filled
 * (available 0 and a reason when there are too few answers), or -1 when out
 * of memory or b's blueprint has no domains (*out then has available 0).
 */
int record_forecast(const struct history *h, const struct bank *b, struct forecast *out);

#endif
