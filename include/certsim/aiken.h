/* Moodle's Aiken format: the parser (import only; Aiken has no feedback or categories). */
#ifndef CERTSIM_AIKEN_H
#define CERTSIM_AIKEN_H

#include <stddef.h>

#include "certsim/diag.h"
#include "certsim/interchange.h"

/*
 * Parse the Aiken text data (len bytes) read from file (used in messages;
 * the string must outlive set). Each question is a line of text, option
 * lines "A. text" or "A) text" (letters in sequence), and "ANSWER: X".
 * Converted questions (single answer, no category) are appended to set;
 * a question with fewer than 2 or more than 10 options is reported as
 * skipped (a warning in d). Syntax errors ("FILE:LINE: error: ...": an
 * option or ANSWER outside a question, a question not completed, an
 * ANSWER naming no option, letters out of sequence) go to d. Returns 0
 * when there was no syntax error, else -1 (also on out of memory).
 */
int aiken_parse(const char *file, const char *data, size_t len, struct ix_set *set, struct diag *d);

#endif
