/*
 * Terminal-free layout for the full-screen front end: UTF-8 text measured
 * and wrapped by display width (wcwidth: CJK takes 2 columns, combining
 * accents 0), and the arithmetic of scroll windows and panes. Nothing here
 * touches a terminal, so the unit tests run without one.
 *
 * Widths come from wcwidth(), which follows the caller's LC_CTYPE: the
 * program calls setlocale(); this library never does. A character that the
 * locale cannot measure counts 1 column (0 for control characters), so the
 * layout stays consistent, if not pretty, in the C locale.
 */
#ifndef CERTSIM_LAYOUT_H
#define CERTSIM_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* One display line: a byte range of the wrapped text. */
struct layout_line {
	size_t off; /* byte offset in the text */
	size_t len; /* bytes (no newline, no trailing break spaces) */
	int width;  /* display columns of those bytes */
};

/* A growing list of lines. Zero-initialise; free with layout_free. */
struct layout {
	struct layout_line *lines;
	size_t n, cap;
};

/*
 * Decode one UTF-8 character from s (len > 0 bytes available). Returns the
 * bytes used (1-4) and sets *cp; an invalid or truncated sequence uses 1
 * byte and gives U+FFFD.
 */
size_t layout_decode(const char *s, size_t len, uint32_t *cp);

/*
 * Display columns of one character: a tab counts 1 (it is drawn as a
 * space), other control characters 0, anything the locale cannot measure 1.
 */
int layout_char_width(uint32_t cp);

/*
 * The text of s[0..len) as a terminal cell row shows it, into out (at
 * most size - 1 bytes, not terminated): cut before the character that
 * would pass max columns; a tab as a space; control characters dropped;
 * a byte that is not UTF-8 as '?'; with ascii_only (a locale that cannot
 * show UTF-8) every other non-ASCII character as one '?' per column, so
 * that wrapping still matches. Returns the bytes written; *width (may be
 * NULL) gets the columns they take. Never fails.
 */
size_t layout_cells(const char *s, size_t len, int max, int ascii_only, char *out, size_t size,
                    int *width);

/* Display columns of len bytes of s. */
int layout_width(const char *s, size_t len);

/*
 * How many bytes of s (len bytes) fit in max columns without splitting a
 * character or parting a base character from its combining marks. Sets
 * *width (may be NULL) to the columns those bytes take.
 */
size_t layout_fit(const char *s, size_t len, int max, int *width);

/*
 * Wrap the NUL-terminated text to width columns (width < 1 counts as 1) and
 * append its lines to l. Newlines are hard breaks (a blank line stays
 * blank, a final newline adds no line); otherwise lines break at spaces
 * (which are dropped at the break), after a hyphen or slash inside a word,
 * and between wide (CJK) characters. A word longer than the width is split
 * at a character boundary; a character wider than the whole width gets a
 * line of its own. An empty text gives one empty line. Returns 0, or -1
 * when out of memory (l keeps the lines appended so far).
 */
int layout_wrap(struct layout *l, const char *text, int width);

/* Forget the lines (keeps the memory for reuse). */
void layout_reset(struct layout *l);

/* Free the lines; the struct can be reused (it is zeroed). NULL is fine. */
void layout_free(struct layout *l);

/*
 * Scroll windows: a window of visible rows over total rows, top = the
 * first row shown.
 *
 * layout_scroll_clamp: top limited to 0 .. max(0, total - visible).
 * layout_scroll_show: the smallest move of top that shows rows
 *   [first, first + count); when they do not fit, their first row goes to
 *   the top. The result is clamped.
 * layout_scroll_max: the largest useful top, max(0, total - visible).
 */
int layout_scroll_clamp(int top, int total, int visible);
int layout_scroll_show(int top, int first, int count, int total, int visible);
int layout_scroll_max(int total, int visible);

/*
 * Split avail rows between an upper pane that wants want_top rows (e.g. a
 * case-study scenario) and a lower pane that wants want_bottom rows (the
 * question). The upper pane gets what it wants up to max_top rows, more
 * (up to what it wants) when the lower pane needs less than the rest, and
 * always leaves the lower pane at least min_bottom rows. Returns the upper
 * pane's rows (0 .. avail).
 */
int layout_split(int avail, int want_top, int want_bottom, int max_top, int min_bottom);

/*
 * A text bar for a percentage: width cells of '#' (filled, rounded to the
 * nearest cell) then '.', NUL-terminated in buf (width + 1 bytes).
 * percent is clamped to 0-100.
 */
void layout_bar(char *buf, int width, double percent);

#endif
