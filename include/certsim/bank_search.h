/* certsim bank search: questions whose text matches, and their JSON. */
#ifndef CERTSIM_BANK_SEARCH_H
#define CERTSIM_BANK_SEARCH_H

#include <stddef.h>

#include "certsim/bank.h"

/*
 * The questions of b in which text occurs (ASCII case ignored) in the id,
 * the stem, the case-study scenario, a choice or prompt, the explanation
 * or a tag, in bank order. An empty text matches nothing. Returns 0 with
 * *out (question indexes; caller frees; NULL when *n is 0) and *n, or -1
 * when out of memory.
 */
int bank_search(const struct bank *b, const char *text, int **out, size_t *n);

/*
 * The JSON of `certsim bank search --json`: an array of the questions
 * qs[0..n) in full (id, domain, task, type, case_study, stem, choices,
 * prompts, key, explanation, references, tags). Returns an allocated
 * string without a final newline (caller frees), or NULL when out of
 * memory.
 */
char *bank_search_json(const struct bank *b, const int *qs, size_t n);

#endif
