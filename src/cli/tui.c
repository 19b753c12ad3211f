/* The full-screen front end (ncursesw) over the session API. */
#include "cli.h"

int
tui_run(struct session *s, volatile sig_atomic_t *stop)
{
	(void)s;
	(void)stop;
	return -1;
}

void
tui_results(const struct session *s, const struct score *sc, const char *result_path)
{
	(void)s;
	(void)sc;
	(void)result_path;
}
