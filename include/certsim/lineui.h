/* Line mode (contract section 6): one question at a time on plain text, one input line each. */
#ifndef CERTSIM_LINEUI_H
#define CERTSIM_LINEUI_H

#include <signal.h>
#include <stdio.h>

#include "certsim/session.h"

enum line_cmd {
	LC_ANSWER, LC_NEXT, LC_PREV, LC_GOTO, LC_FLAG, LC_REVIEW, LC_CLEAR,
	LC_HELP, LC_SUBMIT, LC_ERROR
};

struct line_input {
	enum line_cmd cmd;
	struct response resp;   /* LC_ANSWER: in the bank's choice indexes */
	long n;                 /* LC_GOTO: the 1-based question number */
	char error[160];        /* LC_ERROR: what was wrong */
};

/*
 * Parse one input line (without its newline) for the item shown with
 * display order it of question q. Letters name shown positions (A = first
 * shown), case-insensitive, with or without spaces or commas; ordering
 * takes all letters in order; matching takes number-letter pairs ("1B 2A").
 * Never fails: bad input gives LC_ERROR with a one-line reason.
 */
void lineui_parse(const char *line, const struct question *q,
                  const struct draw_item *it, struct line_input *out);

/*
 * Run session s in line mode, reading lines from in_fd and writing to out,
 * until it ends (submit, time up, end of input) or *stop becomes nonzero
 * (a signal). Waits with poll(): no busy waiting, and time-up ends the
 * attempt even while a line is half typed. Returns 0 when the attempt
 * ended, 1 when stopped by *stop (the attempt stays saved).
 */
int lineui_run(struct session *s, int in_fd, FILE *out,
               volatile sig_atomic_t *stop);

/* Print the status of every question (the review list). */
void lineui_print_review(const struct session *s, FILE *out);

#endif
