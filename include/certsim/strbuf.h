/* A growable string buffer with a sticky out-of-memory flag, for renderers. */
#ifndef CERTSIM_STRBUF_H
#define CERTSIM_STRBUF_H

#include <stddef.h>

/*
 * Zero-initialise (or strbuf_init) before use. Once an allocation fails,
 * failed is set and every later append does nothing and returns -1, so a
 * renderer can append freely and check once at the end.
 */
struct strbuf {
	char *buf;  /* NUL-terminated when not NULL; owned */
	size_t len; /* bytes, without the NUL */
	size_t cap;
	int failed;
};

/* Make sb empty (no allocation). */
void strbuf_init(struct strbuf *sb);

/* Free the buffer and make sb empty again. NULL is fine. */
void strbuf_free(struct strbuf *sb);

/*
 * Append n bytes of s (NUL bytes included as they are). Returns 0, or -1
 * when out of memory or after an earlier failure (sb->failed is then set).
 */
int strbuf_add(struct strbuf *sb, const char *s, size_t n);

/* Append the NUL-terminated string s (NULL appends nothing). 0 or -1. */
int strbuf_puts(struct strbuf *sb, const char *s);

/* Append printf-formatted text. 0, or -1 on out of memory or an encoding error. */
int strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The text so far: never NULL ("" when empty or failed). Valid until the
 * next append or free.
 */
const char *strbuf_str(const struct strbuf *sb);

/*
 * Hand over the buffer: returns the NUL-terminated text (caller frees;
 * "" is allocated too) and leaves sb empty, or NULL when an append had
 * failed or on out of memory (sb is freed then).
 */
char *strbuf_detach(struct strbuf *sb);

#endif
