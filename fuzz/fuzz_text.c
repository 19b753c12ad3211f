/*
 * libFuzzer target for the text that reaches a terminal: any bytes go
 * through textsafe_escape, textsafe_fputs and diag_add, and the result must
 * hold no control character and no invalid UTF-8, whatever the input; the
 * escaped text is then wrapped by layout_wrap, whose lines must cover it
 * in order. Uses only the public API.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/diag.h"
#include "certsim/layout.h"
#include "certsim/textsafe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort unless s is valid UTF-8 with no control character but those flags allow. */
static void
check_clean(const char *s, int flags)
{
	size_t off;
	unsigned cp;
	if (textsafe_find_control(s, flags & TEXTSAFE_MULTILINE, &off, &cp))
		abort();
	for (size_t i = 0, n = strlen(s); i < n;) {
		uint32_t c;
		size_t k = layout_decode(s + i, n - i, &c);
		if (k == 0 || c == 0xFFFD) {
			/* U+FFFD is fine only when it was really written as EF BF BD. */
			if (k != 3 || memcmp(s + i, "\xEF\xBF\xBD", 3) != 0)
				abort();
		}
		i += k ? k : 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *in = malloc(size + 1);
	if (in == NULL)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';
	for (int flags = 0; flags <= TEXTSAFE_MULTILINE; flags++) {
		char *esc = textsafe_escape(in, flags);
		if (esc == NULL)
			abort();
		check_clean(esc, flags);
		/* Escaping is idempotent on clean text. */
		char *again = textsafe_escape(esc, flags);
		if (again == NULL || strcmp(again, esc) != 0)
			abort();
		free(again);
		/* textsafe_fputs writes exactly textsafe_escape's text. */
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (f == NULL || textsafe_fputs(in, flags, f) != 0)
			abort();
		fclose(f);
		if (len != strlen(esc) || memcmp(buf, esc, len) != 0)
			abort();
		free(buf);
		/* Wrapping the escaped text: lines in order, within the text. */
		struct layout l = { 0 };
		int width = 1 + (size ? data[0] % 100 : 0);
		if (layout_wrap(&l, esc, width) == 0) {
			size_t end = 0, n = strlen(esc);
			for (size_t i = 0; i < l.n; i++) {
				if (l.lines[i].off < end || l.lines[i].off + l.lines[i].len > n)
					abort();
				end = l.lines[i].off + l.lines[i].len;
			}
		}
		layout_free(&l);
		free(esc);
	}
	/* A diagnostic quoting the input is one clean line. */
	struct diag d = { 0 };
	diag_add(&d, DIAG_WARNING, in, "unknown key \"%.60s\"", in);
	if (d.n == 1) {
		check_clean(d.v[0].text, 0);
		if (strchr(d.v[0].text, '\n') != NULL)
			abort();
	}
	diag_free(&d);
	free(in);
	return 0;
}
