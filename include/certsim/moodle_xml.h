/* Moodle XML format: the parser (import, with libxml2) and the writer (export). */
#ifndef CERTSIM_MOODLE_XML_H
#define CERTSIM_MOODLE_XML_H

#include <stddef.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/interchange.h"

/*
 * Parse a Moodle XML file (data, len bytes) read from file (used in
 * messages; the string must outlive set) with libxml2 (no network, no
 * external entities, no DTD). multichoice, truefalse, matching and
 * ordering questions convert (HTML texts to plain text); other types are
 * reported as skipped (a warning in d), as are questions the conversion
 * rules refuse. XML syntax errors and a document that is not a <quiz> are
 * errors "FILE:LINE: error: ..." in d. Returns 0 when there was no error,
 * else -1 (also on out of memory).
 */
int moodle_xml_parse(const char *file, const char *data, size_t len, struct ix_set *set,
                     struct diag *d);

/*
 * Write every question of b as a Moodle XML <quiz> into out: a category
 * question (CODE/Domain N/TASK) whenever the category changes; single and
 * multiple as multichoice (positive fractions sharing 100%, others
 * -100%), matching as matching (unused options as distractors), ordering
 * as the ordering question type in the key's order, all-or-nothing; texts
 * as HTML; the explanation as general feedback; tags. Counts in
 * *n_written and *n_skipped (always 0 here, so nothing goes to d, which is
 * there for the signature gift_export shares). Returns 0, or -1 on out of
 * memory.
 */
int moodle_xml_export(const struct bank *b, struct ix_buf *out, struct diag *d, size_t *n_written,
                      size_t *n_skipped);

#endif
