/* Terminfo look-up, apart from the rest: <term.h> defines macros such as `lines`. */
#include "tui.h"

#include <curses.h>
#include <term.h>
#include <unistd.h>

int
tui_terminal_known(void)
{
	int err;
	/* Asked before newterm(): a failed newterm() leaks, a failed setupterm() does not. */
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return 0;
	/*
	 * Full screen needs cursor addressing: TERM=dumb and the like have
	 * none, and get line mode.
	 */
	char *cup = tigetstr("cup");
	int ok = cup != NULL && cup != (char *)-1 && *cup != '\0';
	del_curterm(cur_term);
	return ok;
}
