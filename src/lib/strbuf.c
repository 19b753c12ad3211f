/* A growable string buffer with a sticky out-of-memory flag. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/strbuf.h"

void
strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
}

void
strbuf_free(struct strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->buf);
	strbuf_init(sb);
}

/* Make room for extra more bytes plus the NUL. */
static int
grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;
	char *p;

	if (sb->failed)
		return -1;
	if (extra > SIZE_MAX - sb->len - 1)
		goto fail;
	need = sb->len + extra + 1;
	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(sb->buf, cap);
	if (p == NULL)
		goto fail;
	sb->buf = p;
	sb->cap = cap;
	return 0;
fail:
	sb->failed = 1;
	return -1;
}

int
strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (grow(sb, n) < 0)
		return -1;
	if (n > 0)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int
strbuf_puts(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, s != NULL ? strlen(s) : 0);
}

int
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (sb->failed)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		sb->failed = 1;
		return -1;
	}
	if (grow(sb, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

const char *
strbuf_str(const struct strbuf *sb)
{
	return sb->buf != NULL && !sb->failed ? sb->buf : "";
}

char *
strbuf_detach(struct strbuf *sb)
{
	char *s;

	if (sb->failed) {
		strbuf_free(sb);
		return NULL;
	}
	s = sb->buf != NULL ? sb->buf : calloc(1, 1);
	strbuf_init(sb);
	return s;
}
