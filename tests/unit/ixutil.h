/* Helpers shared by the unit tests of the interchange parsers (GIFT, Aiken, Moodle XML). */
#ifndef CERTSIM_IXUTIL_H
#define CERTSIM_IXUTIL_H

#include "testutil.h"

#include "certsim/diag.h"
#include "certsim/interchange.h"

/* All diagnostics in one string (static buffer). */
static inline const char *
diags(const struct diag *d)
{
	static char buf[8192];
	buf[0] = '\0';
	for (size_t i = 0; i < d->n; i++) {
		strncat(buf, d->v[i].text, sizeof buf - strlen(buf) - 2);
		strcat(buf, "\n");
	}
	return buf;
}

/* Free what a parse() of the test left. */
static inline void
done(struct ix_set *set, struct diag *d)
{
	interchange_set_free(set);
	diag_free(d);
}

#endif
