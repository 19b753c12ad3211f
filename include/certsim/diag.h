/* Diagnostics: a list of located errors and warnings for bank authors. */
#ifndef CERTSIM_DIAG_H
#define CERTSIM_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag_entry {
	enum diag_level level;
	char *text; /* the full line, e.g. "a.json:3:7: error: ..." */
};

/* A growable list of diagnostics. Zero-initialise ({0}) before use. */
struct diag {
	struct diag_entry *v;
	size_t n, cap;
	size_t errors, warnings;
	int oom; /* set when a message could not be stored */
};

/*
 * Append a diagnostic. where is the location prefix ("FILE:LINE:COL",
 * "FILE: question \"ID\"", "FILE: $.path"); the stored line is
 * "WHERE: error: MESSAGE" or "WHERE: warning: MESSAGE", with control
 * characters and invalid UTF-8 in WHERE and MESSAGE escaped (textsafe), so
 * a key name holding an escape sequence prints as \x1b[31m.
 */
void diag_add(struct diag *d, enum diag_level level, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Write every diagnostic, one per line, to f. */
void diag_print(const struct diag *d, FILE *f);

/* Free the entries; d can be reused after. */
void diag_free(struct diag *d);

#endif
