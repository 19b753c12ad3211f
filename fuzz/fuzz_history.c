/*
 * libFuzzer target for history over a directory of mutated results. The
 * input is split at lines "----" into up to four result files, written to
 * a scratch data directory's results/; then history_load (the typed reader
 * on each), history_keep_exam, readiness_compute, history_exposure against
 * a good bank, and history_json run over them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/history.h"
#include "certsim/readiness.h"
#include "fuzz_common.h"

#define FUZZ_FILES 4

static struct bank *bank;
static char results_dir[512];

static void
cleanup(void)
{
	static const char *const names[] = { "results/0.json", "results/1.json",
		                             "results/2.json", "results/3.json", "results" };
	for (size_t i = 0; i < 4; i++) {
		char p[512];
		fuzz_path(p, sizeof p, names[i]);
		unlink(p);
	}
	rmdir(results_dir);
	rmdir(fuzz_dir);
	bank_free(bank);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diag d = { 0 };
	(void)argc;
	(void)argv;
	if (bank_load(FUZZ_GOOD_BANK, &d, &bank) < 0) {
		diag_print(&d, stderr);
		abort();
	}
	diag_free(&d);
	fuzz_scratch_dir("fuzz-history");
	fuzz_path(results_dir, sizeof results_dir, "results");
	if (mkdir(results_dir, 0700) < 0) {
		perror(results_dir);
		abort();
	}
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char path[600];
	struct history h = { 0 };
	char *err = NULL;
	for (int k = 0; k < FUZZ_FILES; k++) {
		snprintf(path, sizeof path, "%s/%d.json", results_dir, k);
		unlink(path);
	}
	for (int k = 0; k < FUZZ_FILES && p < end; k++) {
		const char *sep = NULL;
		for (const char *q = p; q + 5 <= end; q++)
			if (memcmp(q, "\n----", 5) == 0) {
				sep = q;
				break;
			}
		const char *stop = sep != NULL && k + 1 < FUZZ_FILES ? sep : end;
		snprintf(path, sizeof path, "%s/%d.json", results_dir, k);
		fuzz_write(path, p, (size_t)(stop - p));
		p = stop == end ? end : stop + 5;
	}
	if (history_load(fuzz_dir, 0, &h, &err) == 0) {
		struct readiness rd;
		char text[256];
		uint64_t *seen = calloc(bank->n_questions, sizeof *seen);
		signed char *last = calloc(bank->n_questions, 1);
		readiness_compute(&h, &rd);
		readiness_counted_text(&rd, text, sizeof text);
		if (seen != NULL && last != NULL)
			history_exposure(&h, bank, seen, last);
		free(seen);
		free(last);
		free(history_json(&h, bank));
		history_keep_exam(&h, bank->bp.code);
		readiness_compute(&h, &rd);
		free(history_json(&h, NULL));
	}
	free(err);
	history_free(&h);
	return 0;
}
