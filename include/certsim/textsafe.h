/* Escaping text from files (banks, results) before it reaches a terminal. */
#ifndef CERTSIM_TEXTSAFE_H
#define CERTSIM_TEXTSAFE_H

#include <stddef.h>
#include <stdio.h>

#include "certsim/strbuf.h"

/* Keep newline and tab as they are (text that may have lines); else they are escaped. */
#define TEXTSAFE_MULTILINE 1

/*
 * The first control character of the UTF-8 string s: C0 (U+0000-U+001F,
 * except newline and tab when multiline is set), DEL (U+007F) or C1
 * (U+0080-U+009F). Returns 1 and sets *off (its byte offset) and *cp (the
 * code point) when there is one, else 0. Invalid UTF-8 is not a control
 * character here (the bank reader rejects it first). NULL s returns 0.
 */
int textsafe_find_control(const char *s, int multiline, size_t *off, unsigned *cp);

/*
 * Append s to sb with every control character (as above) and every byte
 * that is not valid UTF-8 written as an escape: C0, DEL and invalid bytes
 * as \xNN ("\x1b[31m" for ESC [31m), C1 as \u00NN; with TEXTSAFE_MULTILINE
 * newline and tab stay as they are. NULL s appends nothing. 0, or -1 when
 * sb ran out of memory.
 */
int textsafe_append(struct strbuf *sb, const char *s, int flags);

/* s escaped as textsafe_append does, in a new string (caller frees); NULL when out of memory. */
char *textsafe_escape(const char *s, int flags);

/*
 * Write s escaped as textsafe_append does to f, so nothing from a file
 * reaches a terminal raw. NULL s writes nothing. 0, or -1 (EOF) on a
 * write error.
 */
int textsafe_fputs(const char *s, int flags, FILE *f);

#endif
