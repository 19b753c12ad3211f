/*
 * libFuzzer target for the Aiken parser: any input is parsed; the status
 * must agree with the diagnostics, every diagnostic must name the file and
 * a line within the input, and every converted question must be a valid
 * single-answer question.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/aiken.h"
#include "fuzz_ix.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ix_set set = { 0 };
	struct diag d = { 0 };
	int rc = aiken_parse("fuzz.txt", (const char *)data, size, &set, &d);
	fuzz_ix_check(rc, &set, &d, "fuzz.txt:", data, size);
	for (size_t i = 0; i < set.n; i++)
		if (set.v[i].type != Q_SINGLE || set.v[i].n_key != 1)
			abort();
	interchange_set_free(&set);
	diag_free(&d);
	return 0;
}
