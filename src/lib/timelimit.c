/* Time limits: how long an exam or a quiz may take. */
#include "certsim/timelimit.h"

long
timelimit_seconds(const struct blueprint *bp, const struct timelimit_request *req)
{
	long s;
	if (!req->quiz)
		s = (long)bp->duration_minutes * 60;
	else
		s = bp->questions > 0 ? (long)req->count * bp->duration_minutes * 60 / bp->questions
		                      : 0;
	if (req->override_s > 0)
		s = req->override_s;
	if (req->esl)
		s += TIMELIMIT_ESL_S;
	if (req->untimed)
		s = 0;
	return s;
}
