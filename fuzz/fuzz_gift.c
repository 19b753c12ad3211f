/*
 * libFuzzer target for the GIFT parser: any input is parsed; the status
 * must agree with the diagnostics (0 exactly when there is no error), every
 * diagnostic must name the file and a line within the input, and every
 * converted question must be one the bank format accepts (choice counts,
 * key indexes, non-empty texts).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/gift.h"
#include "fuzz_ix.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ix_set set = { 0 };
	struct diag d = { 0 };
	int rc = gift_parse("fuzz.gift", (const char *)data, size, &set, &d);
	fuzz_ix_check(rc, &set, &d, "fuzz.gift:", data, size);
	interchange_set_free(&set);
	diag_free(&d);
	return 0;
}
