/* The front-end driver: the countdown, the autosave cadence and the save-failure state. */
#include "certsim/driver.h"

void
driver_init(struct driver *d, struct session *s)
{
	d->s = s;
	d->last_save = clock_now(s->clock);
	d->save_failing = 0;
}

int
driver_clock(struct driver *d, int *warn_minutes)
{
	return session_tick(d->s, warn_minutes);
}

int64_t
driver_autosave(struct driver *d)
{
	if (d->s->save_path == NULL)
		return -1;
	int64_t now = clock_now(d->s->clock), due = d->last_save + DRIVER_AUTOSAVE_MS - now;
	if (due > 0)
		return due;
	session_autosave(d->s);
	d->last_save = now;
	return DRIVER_AUTOSAVE_MS;
}

enum driver_save
driver_save_state(struct driver *d)
{
	int failing = d->s->save_error != NULL;
	if (failing == d->save_failing)
		return DRIVER_SAVE_SAME;
	d->save_failing = failing;
	return failing ? DRIVER_SAVE_FAILING : DRIVER_SAVE_RECOVERED;
}
