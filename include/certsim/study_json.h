/* The JSON of `certsim study --schedule --json` (docs/study.md, "The schedule"). */
#ifndef CERTSIM_STUDY_JSON_H
#define CERTSIM_STUDY_JSON_H

#include <stdint.h>

#include "certsim/bank.h"
#include "certsim/study.h"

/*
 * The schedule at now (Unix ms) over the questions allowed (NULL: all; else
 * per question of b, nonzero: listed): "exam", "now", "summary" (seen, new,
 * due_now, due_7_days, next_due or null) and "questions", one per question
 * with reviews, in bank order: id, task, reviews [{at, rating}], stability,
 * difficulty, state, due (times as UTC "YYYY-MM-DDTHH:MM:SS.mmmZ"). st
 * must have been built from b. Returns an allocated string without a final
 * newline (caller frees), or NULL when out of memory.
 */
char *study_json_schedule(const struct study *st, const struct bank *b, int64_t now,
                          const unsigned char *allowed);

#endif
