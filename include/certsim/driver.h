/*
 * The front-end driver: what every front end does between two inputs, the
 * same way: advance the countdown, autosave on a fixed cadence, and notice
 * when saving starts or stops failing. Line mode (src/cli/cli_line.c) and
 * the full screen (src/cli/tui.c) each call these steps from their loop;
 * they only draw what the steps report.
 */
#ifndef CERTSIM_DRIVER_H
#define CERTSIM_DRIVER_H

#include <stdint.h>

#include "certsim/session.h"

/* The attempt is saved at least this often (and after every change). */
#define DRIVER_AUTOSAVE_MS 5000

enum driver_save {
	DRIVER_SAVE_SAME,      /* nothing to tell */
	DRIVER_SAVE_FAILING,   /* saving has started failing: s->save_error says why */
	DRIVER_SAVE_RECOVERED, /* saving works again */
};

struct driver {
	struct session *s;
	int64_t last_save; /* clock value of the last cadence autosave */
	int save_failing;  /* what the front end was last told */
};

/* Start driving s (the autosave cadence counts from now). Cannot fail. */
void driver_init(struct driver *d, struct session *s);

/*
 * Advance the countdown (session_tick). Returns 1 when the time is up (the
 * session is then finished), else 0; *warn_minutes as session_tick.
 */
int driver_clock(struct driver *d, int *warn_minutes);

/*
 * Autosave when DRIVER_AUTOSAVE_MS have passed since the last one; a
 * failure is left in s->save_error (see driver_save_state). Returns the
 * milliseconds until the next autosave is due, or -1 when the session has
 * no save_path.
 */
int64_t driver_autosave(struct driver *d);

/* Whether the front end must tell the candidate that saving failed or works again. */
enum driver_save driver_save_state(struct driver *d);

#endif
