/* A bank's tag vocabulary (tags.txt): the tags its questions may use, checked by bank lint. */
#ifndef CERTSIM_BANK_TAGS_H
#define CERTSIM_BANK_TAGS_H

#include "certsim/bank.h"
#include "certsim/diag.h"

/* The vocabulary's file name in a bank directory. */
#define BANK_TAGS_FILE "tags.txt"

/*
 * Check every tag of b against the vocabulary in b->path/tags.txt: one
 * "tag|description" per line (the description optional), blank lines and
 * lines starting with # ignored, tags compared exactly. Each tag not in it
 * adds one warning to d, naming the first question that uses it. Returns
 * the number of unknown tags (0 also when the bank has no tags.txt: there
 * is nothing to check against), or -1 with *err (caller frees) when the
 * file exists but cannot be read or memory runs out.
 */
int bank_tags_check(const struct bank *b, struct diag *d, char **err);

#endif
