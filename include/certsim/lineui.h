/* Line mode (docs/keys.md): parsing an input line, and the plain-text rendering of a session. */
#ifndef CERTSIM_LINEUI_H
#define CERTSIM_LINEUI_H

#include <stdio.h>

#include "certsim/session.h"

enum line_cmd {
	LINE_ANSWER,
	LINE_NEXT,
	LINE_PREV,
	LINE_GOTO,
	LINE_FLAG,
	LINE_REVIEW,
	LINE_CLEAR,
	LINE_HELP,
	LINE_SUBMIT,
	LINE_ERROR
};

struct line_input {
	enum line_cmd cmd;
	struct response resp; /* LINE_ANSWER: in the bank's choice indexes */
	long n;               /* LINE_GOTO: the 1-based question number */
	char error[160];      /* LINE_ERROR: what was wrong */
	char notice[192];     /* LINE_ANSWER: "" or why the answer is incomplete (one line) */
};

/*
 * Parse one input line (without its newline) for the item shown with
 * display order it of question q. Letters name shown positions (A = first
 * shown), case-insensitive, with or without spaces or commas; ordering
 * takes all letters in order; matching takes number-letter pairs ("1B 2A").
 * Never fails: bad input gives LINE_ERROR with a one-line reason.
 */
void lineui_parse(const char *line, const struct question *q, const struct draw_item *it,
                  struct line_input *out);

/*
 * The plain-text rendering of line mode (the loop is src/cli/cli_line.c).
 * Each writes to out and cannot fail.
 */

/* The current item: header, time, scenario, stem, options, the answer so far, the prompt. */
void lineui_print_question(const struct session *s, FILE *out);

/*
 * The same with the scenario, stem, choices and explanation wrapped at
 * width columns (a terminal's width), words kept whole (a word longer than
 * a line is cut); width 0 does not wrap.
 */
void lineui_print_question_wrapped(const struct session *s, FILE *out, int width);

/* Quiz with immediate feedback: right or wrong, the key, the explanation, the references. */
void lineui_print_feedback(const struct session *s, FILE *out);

/* lineui_print_feedback with the explanation wrapped at width columns (0: not wrapped). */
void lineui_print_feedback_wrapped(const struct session *s, FILE *out, int width);

/*
 * A response of a session item in the letters the candidate sees ("B D",
 * "C A B", "1B 3C") into buf (size bytes, always terminated):
 * session_item_letters rendered by answer_letters_text, the one renderer
 * that `review` uses for result files too.
 */
void lineui_shown_answer(const struct session_item *it, const struct question *q,
                         const struct response *r, char *buf, size_t size);

/* The line-mode keys. */
void lineui_print_help(FILE *out);

/* Print the status of every question (the review list). */
void lineui_print_review(const struct session *s, FILE *out);

#endif
