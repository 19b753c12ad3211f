/* Time limits: how long an exam or a quiz may take. */
#ifndef CERTSIM_TIMELIMIT_H
#define CERTSIM_TIMELIMIT_H

#include "certsim/bank.h"

/* The ESL +30 accommodation, in seconds. */
#define TIMELIMIT_ESL_S (30L * 60)

struct timelimit_request {
	int quiz;        /* 0: a full exam; 1: a quiz of count items */
	int count;       /* quiz: the number of items */
	long override_s; /* --time-limit, or <= 0 for the default */
	int esl;         /* add TIMELIMIT_ESL_S */
	int untimed;     /* no countdown: the limit is 0 */
};

/*
 * The time limit in seconds (0: untimed). An exam gets the blueprint's
 * duration; a quiz count x the exam's pace (duration / questions),
 * truncated; --time-limit replaces either; ESL adds 30 minutes; untimed
 * wins over everything. Cannot fail.
 */
long timelimit_seconds(const struct blueprint *bp, const struct timelimit_request *req);

#endif
