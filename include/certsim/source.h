/*
 * Draw sources: which questions a targeted quiz may draw, and how likely
 * each is, from the learner's history (see history_exposure).
 */
#ifndef CERTSIM_SOURCE_H
#define CERTSIM_SOURCE_H

#include <stddef.h>

#include "certsim/bank.h"

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

#endif
