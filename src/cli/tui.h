/*
 * Internals of the full-screen front end, shared by tui.c, tui_answer.c
 * and tui_review.c (the exam screens, see tui_exam.h), tui_menu.c (start
 * menu), tui_term.c (terminal and drawing), tui_doc.c (a question laid out
 * as rows) and tui_results.c (results and missed-question review).
 */
#ifndef CERTSIM_TUI_H
#define CERTSIM_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/layout.h"
#include "certsim/session.h"

/* Keys: characters as themselves, curses key codes offset past Unicode. */
#define TK(code) (0x110000 + (code))
#define TK_NONE (-1) /* no key before the timeout */
#define TK_DEAD (-2) /* input is gone (terminal hung up) */
#define TK_CTRL_C 3
#define TK_ESC 27

#define TUI_MIN_COLS 80
#define TUI_MIN_ROWS 24

/* Attributes by role (colour when allowed, always with a non-colour signal). */
enum tui_role {
	R_NORMAL,
	R_BAR,
	R_TITLE,
	R_DIM,
	R_CHOSEN,
	R_CURSOR,
	R_WARN,
	R_GOOD,
	R_BAD,
	R_NOTICE
};

/*
 * Start (or resume) curses on the terminal: setlocale, newterm, raw mode,
 * keypad, colours unless NO_COLOR. Returns 0, or -1 when the terminal
 * cannot be used (nothing to undo then).
 */
int tui_term_begin(void);

/* Whether terminfo knows $TERM (for standard output). */
int tui_terminal_known(void);

/* Leave curses mode and restore the terminal; safe to call twice. */
void tui_term_end(void);

/*
 * Wait up to ms milliseconds (-1: no limit) for a key. Returns the key
 * (TK() for curses codes, KEY_RESIZE included), TK_NONE on timeout or an
 * interrupting signal, TK_DEAD when input keeps failing at once (the
 * terminal is gone).
 */
int tui_key(int ms);

/* The curses attribute for a role. */
int tui_attr(enum tui_role r);

/* Whether the screen is at least TUI_MIN_COLS x TUI_MIN_ROWS. */
int tui_big_enough(void);

/* The "enlarge the terminal" screen, with an optional second line (e.g. the clock). */
void tui_draw_too_small(const char *extra);

/*
 * Draw len bytes of UTF-8 s at (y, x), at most max columns, with attr;
 * control characters are dropped, tabs become spaces and invalid bytes
 * '?'. Returns the columns used.
 */
int tui_put(int y, int x, const char *s, size_t len, int max, int attr);

/* tui_put for a NUL-terminated string. */
int tui_puts(int y, int x, const char *s, int max, int attr);

/* Fill columns [x, x + n) of row y with spaces in attr. */
void tui_fill(int y, int x, int n, int attr);

/*
 * A centred box with a border over the screen, its lines wrapped to fit,
 * the first line bold. Lines are separated by '\n' in text.
 */
void tui_dialog(const char *title, const char *text);

/* A row of a laid-out document (a question, a scenario, a help text). */
struct tui_row {
	const char *text; /* a byte range: text[0, len) */
	size_t len;
	int indent;      /* columns before the text */
	char prefix[24]; /* drawn at column 0 of the row (e.g. "(*) B. ") */
	int role;        /* enum tui_role */
	int group;       /* the choice this row belongs to, or -1 */
};

struct tui_doc {
	struct tui_row *rows;
	int n, cap;
	int width;   /* wrapping width (columns) */
	char **pool; /* formatted strings the rows point into */
	int npool, cappool;
	struct layout tmp;
	int mark; /* tui_doc_question with DOC_KEY: first row of the feedback, else -1 */
	int oom;  /* an allocation failed: rows are missing */
};

void tui_doc_reset(struct tui_doc *d, int width);
void tui_doc_free(struct tui_doc *d);
void tui_doc_blank(struct tui_doc *d);
/* Wrap text into rows: the first row gets prefix, later rows are indented by its width. */
void tui_doc_add(struct tui_doc *d, const char *prefix, const char *text, int indent, int role,
                 int group);
/* tui_doc_add of a formatted string (kept until the next reset). */
void tui_doc_addf(struct tui_doc *d, const char *prefix, int indent, int role, int group,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The first row of group g and how many rows it has; -1 if none. */
int tui_doc_group(const struct tui_doc *d, int g, int *count);

/*
 * Draw rows [top, top + h) of d in the pane at (y, x), w columns wide; rows
 * of group cursor get R_CURSOR and a '>' pointer. A scroll bar takes the
 * pane's last column when the document is taller than the pane.
 */
void tui_doc_draw(const struct tui_doc *d, int top, int y, int x, int h, int w, int cursor);

/*
 * What a candidate has chosen for an item, by shown position: the state the
 * question screen edits and the review shows.
 */
struct tui_marks {
	int sel[BANK_MAX_CHOICES];   /* single/multiple: 1 if ticked */
	int order[BANK_MAX_CHOICES]; /* ordering: shown positions, first on top */
	int match[BANK_MAX_ITEMS];   /* matching: per shown prompt, a shown option or -1 */
};

/* Marks from a recorded response (or the empty state when r is NULL). */
void tui_marks_from(const struct session_item *it, const struct question *q,
                    const struct response *r, struct tui_marks *m);

/*
 * The response marks stand for, into r: returns 1 when it is complete, 0
 * when it is incomplete (fewer options than asked, prompts unmatched as
 * -1), -1 when nothing is chosen.
 */
int tui_marks_response(const struct session_item *it, const struct question *q,
                       const struct tui_marks *m, struct response *r);

/* How many options are ticked (multiple) or prompts matched (matching). */
int tui_marks_count(const struct question *q, const struct tui_marks *m, int n);

enum tui_doc_flags {
	DOC_KEY = 1, /* mark the key and add the answer, explanation, references */
};

/*
 * Lay out item i of s as a document: the stem (with "(Choose N.)" for
 * multiple), the choices showing marks m, and with DOC_KEY the key marked,
 * "Your answer", "Correct answer", the explanation and the references.
 * Rows of choice k (shown position; ordering: place in m->order; matching:
 * shown prompt) have group k.
 */
void tui_doc_question(struct tui_doc *d, const struct session *s, size_t i,
                      const struct tui_marks *m, int flags);

/* Time as shown in the header: "1:23:45" left (rounded up), or used when untimed. */
void tui_format_clock(const struct session *s, char *buf, size_t size);

#endif
