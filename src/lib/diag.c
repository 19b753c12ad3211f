/* Diagnostics: a list of located errors and warnings for bank authors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/diag.h"
#include "certsim/fsutil.h"
#include "certsim/strbuf.h"
#include "certsim/textsafe.h"

void
diag_add(struct diag *d, enum diag_level level, const char *where, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (fsutil_grow(&d->v, &d->cap, d->n, sizeof *d->v, 16) < 0) {
		d->oom = 1;
		return;
	}
	/* File names, keys and values quoted in the message may hold control characters. */
	struct strbuf sb;
	strbuf_init(&sb);
	textsafe_append(&sb, where, 0);
	strbuf_puts(&sb, level == DIAG_ERROR ? ": error: " : ": warning: ");
	textsafe_append(&sb, msg, 0);
	char *text = strbuf_detach(&sb);
	if (text == NULL) {
		d->oom = 1;
		return;
	}
	d->v[d->n].level = level;
	d->v[d->n].text = text;
	d->n++;
}

void
diag_print(const struct diag *d, FILE *f)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(f, "%s\n", d->v[i].text);
	if (d->oom)
		fprintf(f, "certsim: out of memory: some diagnostics were lost\n");
}

void
diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}
