/* The report's data from the learner's record: result files to struct report_data. */
#ifndef CERTSIM_REPORT_RECORD_H
#define CERTSIM_REPORT_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"
#include "certsim/history.h"
#include "certsim/report.h"

/* A filled report_data and the storage behind it (opaque). */
struct report_record;

/*
 * Fill a report of exam code (NULL: the code of b) from the history h:
 * only attempts with a valid signature and that exam code count (verify
 * them with history_load). Exams (mode "exam") and practice (quizzes and
 * study) go apart, oldest first; each attempt's domains and tasks are
 * mapped to the blueprint's lists, its items kept for pacing. Readiness is
 * readiness_compute over those attempts. Study status and the forecast
 * (docs/study.md, "Reviews come from your results": every item of those
 * attempts is one review at the result's finished_at, study_build,
 * study_summarize at now_ms, study_first_answers, forecast_compute) need
 * the bank, so they are filled only when b's code is the exam code.
 *
 * The blueprint (names, scale, timing) is b's when b's code is the exam
 * code; else the newest result of that code supplies the names and scale,
 * and the timing is left 0. b may be NULL. generated_at is now_ms as UTC.
 *
 * Strings point into h and b, which must outlive the record. Returns 0 and
 * *out (free with report_record_free), or -1 with *err (caller frees): out
 * of memory, or no blueprint at all (b NULL or of another code, and no
 * result of that code).
 */
int report_record_build(const struct history *h, const struct bank *b, const char *code,
                        int64_t now_ms, struct report_record **out, char **err);

/* The data of a built record; lives as long as rr. */
const struct report_data *report_record_data(const struct report_record *rr);

/* Attempts of the exam code left out because their signature is not valid. */
int report_record_skipped(const struct report_record *rr);

/* Free a record; NULL is fine. */
void report_record_free(struct report_record *rr);

#endif
