/*
 * Draw sources: which questions a targeted quiz may draw, and how likely
 * each is, from the learner's history (see history_exposure).
 */
#ifndef CERTSIM_SOURCE_H
#define CERTSIM_SOURCE_H

#include <stddef.h>

#include "certsim/bank.h"
#include "certsim/history.h"

/*
 * --missed: eligible[i] = 1 for the questions of b whose latest answer was
 * wrong (last_correct[i] == 0, as history_exposure fills it), else 0.
 * Returns how many are eligible.
 */
size_t source_missed(const struct bank *b, const signed char *last_correct,
                     unsigned char *eligible);

/*
 * --weakest: weight[i] for each question of b, the error rate of its task
 * over the latest answers, smoothed ((wrong + 0.5) / (answered + 1), so a
 * task never answered counts as half wrong) with a floor of 0.05 that keeps
 * every task in the draw. Returns 1 when there is any history, 0 when there
 * is none (every task weighs the same), -1 on out of memory.
 */
int source_weakest(const struct bank *b, const signed char *last_correct, double *weight);

/*
 * --tag TAG: eligible[i] = 1 for the questions of b that carry tag
 * (compared without regard to ASCII case), else 0. Returns how many.
 */
size_t source_tag(const struct bank *b, const char *tag, unsigned char *eligible);

/*
 * --type TYPE: eligible[i] = 1 for the questions of b whose type is named
 * type ("single", "multiple", "ordering" or "matching"), else 0. Returns
 * how many, or -1 (eligible untouched) when type is not such a name.
 */
long source_type(const struct bank *b, const char *type, unsigned char *eligible);

/*
 * --flagged: eligible[i] = 1 for the questions of b flagged in the latest
 * attempt of h (same exam code as b) that showed them, else 0. Items no
 * longer in the bank are skipped. Returns how many.
 */
size_t source_flagged(const struct history *h, const struct bank *b, unsigned char *eligible);

#endif
