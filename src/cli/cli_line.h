/* Line mode's loop (cli_line.c): the plain-text front end over the session API. */
#ifndef CERTSIM_CLI_LINE_H
#define CERTSIM_CLI_LINE_H

#include <signal.h>
#include <stdio.h>

#include "certsim/session.h"

/*
 * Run session s in line mode, reading lines from in_fd and writing to out,
 * until it ends (submit, time up, end of input) or *stop becomes nonzero
 * (a signal). Waits with poll(): no busy waiting, and time-up ends the
 * attempt even while a line is half typed. Returns 0 when the attempt
 * ended, 1 when stopped by *stop (the attempt stays saved).
 */
int cli_line_run(struct session *s, int in_fd, FILE *out, volatile sig_atomic_t *stop);

#endif
