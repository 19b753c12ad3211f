/* The terminal for the full-screen front end: curses set-up and restore, keys, drawing. */
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "tui.h"

static SCREEN *screen;
static int active;
static int colour;
static int quick_errors;
static int utf8 = 1; /* the locale's characters are UTF-8: else non-ASCII shows as '?' */

enum { PAIR_RED = 1, PAIR_GREEN, PAIR_CYAN };

static void
restore_at_exit(void)
{
	tui_term_end();
}

/* The terminal's modes before curses, for the crash handler. */
static struct termios saved_modes;
static int have_saved_modes;

/*
 * A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) must not leave the
 * terminal raw and on the alternate screen. Only async-signal-safe calls:
 * the saved modes back, the escape sequences that leave the alternate
 * screen and show the cursor, then the signal again with its default action.
 */
static void
on_crash(int sig)
{
	static const char reset[] = "\033[?1049l\033[?25h\r\n";
	if (have_saved_modes)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
	if (write(STDOUT_FILENO, reset, sizeof reset - 1) < 0) {
		/* Nothing more can be done from here. */
	}
	raise(sig); /* SA_RESETHAND restored the default action */
}

static void
install_crash_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	have_saved_modes = tcgetattr(STDIN_FILENO, &saved_modes) == 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

static int
no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v != NULL && v[0] != '\0';
}

int
tui_term_begin(void)
{
	if (active)
		return 0;
	if (screen == NULL) {
		const char *term = getenv("TERM");
		setlocale(LC_ALL, "");
		/*
		 * In a locale that is not UTF-8 (LANG=C), curses would print a
		 * bank's accents and CJK as M-x sequences of other widths and
		 * break the layout: try a UTF-8 locale for the characters, else
		 * draw each column of a non-ASCII character as '?'.
		 */
		if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
		    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "en_US.UTF-8");
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
		if (term == NULL || term[0] == '\0' || !tui_terminal_known())
			return -1;
		install_crash_handlers();
		screen = newterm(NULL, stdout, stdin);
		if (screen == NULL)
			return -1;
		atexit(restore_at_exit);
		if (!no_color() && has_colors() && start_color() == OK) {
			use_default_colors();
			init_pair(PAIR_RED, COLOR_RED, -1);
			init_pair(PAIR_GREEN, COLOR_GREEN, -1);
			init_pair(PAIR_CYAN, COLOR_CYAN, -1);
			colour = 1;
		}
	} else {
		set_term(screen);
		reset_prog_mode();
		clearok(curscr, TRUE);
	}
	/* Raw: Ctrl-C arrives as a key, so the candidate is asked before quitting. */
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	leaveok(stdscr, TRUE);
	quick_errors = 0;
	active = 1;
	erase();
	refresh();
	return 0;
}

void
tui_term_end(void)
{
	if (!active)
		return;
	active = 0;
	curs_set(1);
	erase();
	refresh();
	endwin();
	fflush(stdout);
}

int
tui_key(int ms)
{
	wint_t ch;
	const struct clock *c = clock_monotonic();
	int64_t t0 = clock_now(c);
	timeout(ms);
	int r = wget_wch(stdscr, &ch);
	if (r == ERR) {
		/* Input that fails at once, again and again, is gone (hang-up, closed tty). */
		int64_t took = clock_now(c) - t0;
		if (ms < 0 || took < ms / 4 || took < 5) {
			if (++quick_errors >= 40)
				return TK_DEAD;
		} else {
			quick_errors = 0;
		}
		return TK_NONE;
	}
	quick_errors = 0;
	if (r == KEY_CODE_YES)
		return TK((int)ch);
	return (int)ch;
}

int
tui_attr(enum tui_role r)
{
	switch (r) {
	case R_NORMAL:
		return A_NORMAL;
	case R_BAR:
		return A_REVERSE;
	case R_TITLE:
		return A_BOLD | (colour ? (int)COLOR_PAIR(PAIR_CYAN) : 0);
	case R_DIM:
		return A_DIM;
	case R_CHOSEN:
		return A_BOLD;
	case R_CURSOR:
		return A_REVERSE;
	case R_WARN:
		return A_BOLD | A_UNDERLINE | (colour ? (int)COLOR_PAIR(PAIR_RED) : 0);
	case R_GOOD:
		return A_BOLD | (colour ? (int)COLOR_PAIR(PAIR_GREEN) : 0);
	case R_BAD:
		return A_BOLD | (colour ? (int)COLOR_PAIR(PAIR_RED) : 0);
	case R_NOTICE:
		return A_BOLD | A_REVERSE;
	}
	return A_NORMAL;
}

int
tui_big_enough(void)
{
	return COLS >= TUI_MIN_COLS && LINES >= TUI_MIN_ROWS;
}

int
tui_put(int y, int x, const char *s, size_t len, int max, int attr)
{
	char buf[1024];
	int w;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || max <= 0)
		return 0;
	if (max > COLS - x)
		max = COLS - x;
	size_t used = layout_cells(s, len, max, !utf8, buf, sizeof buf, &w);
	attrset(attr);
	mvaddnstr(y, x, buf, (int)used);
	attrset(A_NORMAL);
	return w;
}

int
tui_puts(int y, int x, const char *s, int max, int attr)
{
	return tui_put(y, x, s, strlen(s), max, attr);
}

void
tui_fill(int y, int x, int n, int attr)
{
	if (y < 0 || y >= LINES || x >= COLS || n <= 0)
		return;
	if (x < 0) {
		n += x;
		x = 0;
	}
	if (n > COLS - x)
		n = COLS - x;
	mvhline(y, x, ' ' | (chtype)attr, n);
}

void
tui_draw_too_small(const char *extra)
{
	char now[64];
	const char *msg[3];
	struct layout l[3];
	int n = 0, rows = 0;
	snprintf(now, sizeof now, "(it is %dx%d now)", COLS, LINES);
	msg[n++] = "Enlarge the terminal to at least 80x24";
	msg[n++] = now;
	if (extra != NULL && *extra != '\0')
		msg[n++] = extra;
	erase();
	/* Wrapped at the width there is, so the message is whole even at 20x10. */
	for (int i = 0; i < n; i++) {
		memset(&l[i], 0, sizeof l[i]);
		if (layout_wrap(&l[i], msg[i], COLS > 0 ? COLS : 1) < 0)
			l[i].n = 0;
		rows += (int)l[i].n;
	}
	int y = (LINES - rows) / 2;
	if (y < 0)
		y = 0;
	for (int i = 0; i < n; i++) {
		for (size_t k = 0; k < l[i].n && y < LINES; k++, y++) {
			const char *s = msg[i] + l[i].lines[k].off;
			size_t len = l[i].lines[k].len;
			int w = layout_width(s, len);
			int x = w < COLS ? (COLS - w) / 2 : 0;
			tui_put(y, x, s, len, COLS, i == 0 ? A_BOLD : A_NORMAL);
		}
		layout_free(&l[i]);
	}
}

void
tui_dialog(const char *title, const char *text)
{
	struct layout l = { 0 };
	int bw = COLS - 8 < 68 ? COLS - 8 : 68;
	if (bw < 20)
		bw = COLS;
	if (layout_wrap(&l, text, bw - 4) < 0) {
		layout_free(&l);
		return;
	}
	int bh = (int)l.n + 4;
	if (bh > LINES)
		bh = LINES;
	int y0 = (LINES - bh) / 2, x0 = (COLS - bw) / 2;
	for (int r = 0; r < bh; r++)
		tui_fill(y0 + r, x0, bw, A_NORMAL);
	attrset(A_BOLD);
	mvaddch(y0, x0, ACS_ULCORNER);
	mvhline(y0, x0 + 1, ACS_HLINE, bw - 2);
	mvaddch(y0, x0 + bw - 1, ACS_URCORNER);
	mvaddch(y0 + bh - 1, x0, ACS_LLCORNER);
	mvhline(y0 + bh - 1, x0 + 1, ACS_HLINE, bw - 2);
	mvaddch(y0 + bh - 1, x0 + bw - 1, ACS_LRCORNER);
	mvvline(y0 + 1, x0, ACS_VLINE, bh - 2);
	mvvline(y0 + 1, x0 + bw - 1, ACS_VLINE, bh - 2);
	attrset(A_NORMAL);
	if (title != NULL)
		tui_puts(y0, x0 + 2, title, bw - 4, A_BOLD);
	for (size_t i = 0; i < l.n && (int)i + 2 < bh - 1; i++)
		tui_put(y0 + 2 + (int)i, x0 + 2, text + l.lines[i].off, l.lines[i].len, bw - 4,
		        i == 0 ? A_BOLD : A_NORMAL);
	layout_free(&l);
}

void
tui_format_clock(const struct session *s, char *buf, size_t size)
{
	char t[32];
	if (session_clock_text(s, t))
		snprintf(buf, size, "%s", t);
	else
		snprintf(buf, size, "Untimed, %s used", t);
}
