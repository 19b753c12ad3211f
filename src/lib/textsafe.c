/* Escaping text from files (banks, results) before it reaches a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/strbuf.h"
#include "certsim/textsafe.h"

/*
 * Length of the valid UTF-8 sequence at s (1-4) and its code point, or 0
 * when the bytes at s are not one.
 */
static size_t
utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned char c = s[0];
	size_t len;
	unsigned min, v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		len = 2;
		min = 0x80;
		v = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		min = 0x800;
		v = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		min = 0x10000;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static int
is_control(unsigned cp, int multiline)
{
	if (multiline && (cp == '\n' || cp == '\t'))
		return 0;
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

int
textsafe_find_control(const char *s, int multiline, size_t *off, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (s == NULL)
		return 0;
	for (size_t i = 0; p[i] != '\0';) {
		unsigned v;
		size_t n = utf8_seq(p + i, &v);
		if (n == 0) {
			i++;
			continue;
		}
		if (is_control(v, multiline)) {
			*off = i;
			*cp = v;
			return 1;
		}
		i += n;
	}
	return 0;
}

/* Where escaped text goes: a strbuf (sb) or a stream (f); failed is sticky. */
struct sink {
	struct strbuf *sb;
	FILE *f;
	int failed;
};

static void
sink_put(struct sink *k, const char *s, size_t n)
{
	if (k->sb != NULL)
		strbuf_add(k->sb, s, n);
	else if (!k->failed && n > 0 && fwrite(s, 1, n, k->f) != n)
		k->failed = 1;
}

/* s escaped into k: clean runs as they are, each unsafe character as \xNN or \uNNNN. */
static void
walk(const char *s, int flags, struct sink *k)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0; /* p[run..i) is clean and not yet written */
	while (p[i] != '\0') {
		unsigned v;
		size_t n = utf8_seq(p + i, &v);
		if (n != 0 && !is_control(v, flags & TEXTSAFE_MULTILINE)) {
			i += n;
			continue;
		}
		char esc[16];
		int len = n == 0 || v < 0x80 ? snprintf(esc, sizeof esc, "\\x%02x", p[i])
		                             : snprintf(esc, sizeof esc, "\\u%04x", v);
		sink_put(k, s + run, i - run);
		sink_put(k, esc, (size_t)len);
		i += n ? n : 1;
		run = i;
	}
	sink_put(k, s + run, i - run);
}

int
textsafe_append(struct strbuf *sb, const char *s, int flags)
{
	struct sink k = { sb, NULL, 0 };
	if (s != NULL)
		walk(s, flags, &k);
	return sb->failed ? -1 : 0;
}

char *
textsafe_escape(const char *s, int flags)
{
	struct strbuf sb;
	strbuf_init(&sb);
	textsafe_append(&sb, s, flags);
	return strbuf_detach(&sb);
}

int
textsafe_fputs(const char *s, int flags, FILE *f)
{
	struct sink k = { NULL, f, 0 };
	if (s != NULL)
		walk(s, flags, &k);
	return k.failed ? EOF : 0;
}
