/* Layout: UTF-8 text wrapped by display width, and scroll-window arithmetic. */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "certsim/fsutil.h"
#include "certsim/layout.h"

size_t
layout_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0], min;
	size_t need;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < need) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = c;
	return need;
}

int
layout_char_width(uint32_t cp)
{
	if (cp == '\t')
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
layout_width(const char *s, size_t len)
{
	int w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += layout_decode(s + i, len - i, &cp);
		w += layout_char_width(cp);
	}
	return w;
}

size_t
layout_fit(const char *s, size_t len, int max, int *width)
{
	int w = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = layout_decode(s + i, len - i, &cp);
		int cw = layout_char_width(cp);
		if (cw > 0 && w + cw > max)
			break;
		w += cw;
		i += n;
	}
	if (width != NULL)
		*width = w;
	return i;
}

static int
push(struct layout *l, size_t off, size_t len, int width)
{
	if (fsutil_grow(&l->lines, &l->cap, l->n, sizeof *l->lines, 32) < 0)
		return -1;
	l->lines[l->n].off = off;
	l->lines[l->n].len = len;
	l->lines[l->n].width = width;
	l->n++;
	return 0;
}

static int
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t';
}

/* Wrap one paragraph (no newlines) text[start, end). */
static int
wrap_paragraph(struct layout *l, const char *text, size_t start, size_t end, int width)
{
	size_t p = start;
	int first = 1;
	if (start == end)
		return push(l, start, 0, 0);
	while (p < end) {
		uint32_t cp;
		/* A continuation line does not start with the spaces of the break. */
		if (!first) {
			size_t n;
			while (p < end && (n = layout_decode(text + p, end - p, &cp), is_space(cp)))
				p += n;
			if (p >= end)
				break;
		}
		first = 0;
		size_t q = p, brk = 0, brk_next = 0;
		int w = 0, brk_w = 0, have_brk = 0, broke = 0, prev_space = 0;
		while (q < end) {
			size_t n = layout_decode(text + q, end - q, &cp);
			int cw = layout_char_width(cp);
			/* A run of spaces is one break: the line ends before its first. */
			if (is_space(cp) && q > p && !prev_space) {
				brk = q;
				brk_w = w;
				brk_next = q + n;
				have_brk = 1;
			} else if (cw == 2 && q > p && !prev_space) {
				brk = brk_next = q;
				brk_w = w;
				have_brk = 1;
			}
			prev_space = is_space(cp);
			if (cw > 0 && w + cw > width) {
				if (have_brk) {
					if (push(l, p, brk - p, brk_w) < 0)
						return -1;
					p = brk_next;
				} else {
					if (q == p) {
						/* One character wider than the line: alone on it. */
						q += n;
						w += cw;
						while (q < end) {
							size_t m =
							    layout_decode(text + q, end - q, &cp);
							if (layout_char_width(cp) != 0 ||
							    cp == '\t')
								break;
							q += m;
						}
					}
					if (push(l, p, q - p, w) < 0)
						return -1;
					p = q;
				}
				broke = 1;
				break;
			}
			w += cw;
			q += n;
			/* Combining marks stay with their base character. */
			if (cw == 0 && have_brk && brk == q - n && brk_next == brk)
				brk = brk_next = q;
			/* Break opportunities after a wide character, or a hyphen or slash in a word. */
			if (cw == 2 || ((cp == '-' || cp == '/' || cp == 0x200B) && q - n > p)) {
				brk = q;
				brk_w = w;
				brk_next = q;
				have_brk = 1;
			}
		}
		if (!broke) {
			/* The rest of the paragraph fits; trailing spaces take no room. */
			size_t e = end;
			while (e > p && (text[e - 1] == ' ' || text[e - 1] == '\t')) {
				e--;
				w--;
			}
			return push(l, p, e - p, w < 0 ? 0 : w);
		}
	}
	return 0;
}

int
layout_wrap(struct layout *l, const char *text, int width)
{
	size_t len = strlen(text), start = 0;
	if (width < 1)
		width = 1;
	if (len == 0)
		return push(l, 0, 0, 0);
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t e = end;
		if (e > start && text[e - 1] == '\r')
			e--;
		if (wrap_paragraph(l, text, start, e, width) < 0)
			return -1;
		start = end + 1;
	}
	return 0;
}

void
layout_reset(struct layout *l)
{
	l->n = 0;
}

void
layout_free(struct layout *l)
{
	if (l == NULL)
		return;
	free(l->lines);
	memset(l, 0, sizeof *l);
}

int
layout_scroll_max(int total, int visible)
{
	return total > visible ? total - visible : 0;
}

int
layout_scroll_clamp(int top, int total, int visible)
{
	int max = layout_scroll_max(total, visible);
	if (top > max)
		top = max;
	return top < 0 ? 0 : top;
}

int
layout_scroll_show(int top, int first, int count, int total, int visible)
{
	if (count < 1)
		count = 1;
	if (count >= visible || first < top)
		top = first;
	else if (first + count > top + visible)
		top = first + count - visible;
	return layout_scroll_clamp(top, total, visible);
}

int
layout_split(int avail, int want_top, int want_bottom, int max_top, int min_bottom)
{
	int top;
	if (avail <= 0 || want_top <= 0)
		return 0;
	top = want_top < max_top ? want_top : max_top;
	/* Room the lower pane does not need goes to the upper one. */
	if (want_bottom < avail - top) {
		int spare = avail - want_bottom;
		top = want_top < spare ? want_top : spare;
	}
	if (top > avail - min_bottom)
		top = avail - min_bottom;
	if (top > avail)
		top = avail;
	return top < 0 ? 0 : top;
}

void
layout_bar(char *buf, int width, double percent)
{
	if (width < 0)
		width = 0;
	if (!(percent > 0))
		percent = 0;
	if (percent > 100)
		percent = 100;
	int full = (int)(percent / 100.0 * width + 0.5);
	for (int i = 0; i < width; i++)
		buf[i] = i < full ? '#' : '.';
	buf[width] = '\0';
}

size_t
layout_cells(const char *s, size_t len, int max, int ascii_only, char *out, size_t size, int *width)
{
	size_t used = 0, i = 0;
	int w = 0;
	while (i < len && used + 4 < size) {
		uint32_t cp;
		size_t n = layout_decode(s + i, len - i, &cp);
		int cw = layout_char_width(cp);
		if (cw > 0 && w + cw > max)
			break;
		if (n == 1 && (unsigned char)s[i] >= 0x80) {
			out[used++] = '?';
		} else if (ascii_only && cp >= 0x80) {
			for (int k = 0; k < cw && used + 1 < size; k++)
				out[used++] = '?';
		} else if (cp == '\t') {
			out[used++] = ' ';
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			/* dropped: takes no room */
		} else {
			memcpy(out + used, s + i, n);
			used += n;
		}
		w += cw;
		i += n;
	}
	if (width != NULL)
		*width = w;
	return used;
}
