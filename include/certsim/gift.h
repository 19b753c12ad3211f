/* Moodle's GIFT format: the parser (import) and the writer (export). */
#ifndef CERTSIM_GIFT_H
#define CERTSIM_GIFT_H

#include <stddef.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/interchange.h"

/*
 * Parse the GIFT text data (len bytes, need not be NUL-terminated) read
 * from file (used in messages; the string must outlive set). Questions
 * that convert are appended to set; those that cannot (essay, numerical,
 * short answer, description, partial credit, too few answers, ...) are
 * reported as "FILE:LINE: warning: skipped ..." in d. Every syntax error
 * is an error "FILE:LINE: error: ..." in d. Returns 0 when the text has no
 * syntax error, -1 otherwise (or on out of memory); questions appended
 * before an error stay in set, and the caller decides.
 */
int gift_parse(const char *file, const char *data, size_t len, struct ix_set *set, struct diag *d);

/*
 * Append the GIFT escapes of text to b: \ ~ = # { } : as \\ \~ \= \# \{
 * \} \: and a line break as \n, as Moodle writes them.
 */
void gift_escape(struct ix_buf *b, const char *text);

/*
 * Write every single, multiple and matching question of b as GIFT into
 * out, with a $CATEGORY line (CODE/Domain N/TASK) whenever the category
 * changes, the question id as its name, [plain] text, and the
 * explanation as general feedback. Ordering questions (GIFT has no such
 * type) and matching prompts containing "->" are skipped with a warning
 * in d. Counts in *n_written and *n_skipped. Returns 0, or -1 on out of
 * memory.
 */
int gift_export(const struct bank *b, struct ix_buf *out, struct diag *d, size_t *n_written,
                size_t *n_skipped);

#endif
