/* The start menu (`certsim` with no command on a terminal). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/record.h"
#include "certsim/study.h"
#include "cli.h"
#include "tui.h"

struct choice_list {
	const char *title;
	char label[16][128];
	char key[16]; /* the line's key ('0'-'9', a letter); 0: numbered 1-9 by position */
	int n;
};

/* The key of line k of l. */
static int
line_key(const struct choice_list *l, int k)
{
	return l->key[k] ? l->key[k] : k < 9 ? '1' + k : ' ';
}

/* Let the user pick a line of l; returns its index, or -1 to go back / quit. */
static int
pick(const struct choice_list *l, const char *foot, int sel)
{
	for (;;) {
		int W = COLS, H = LINES;
		erase();
		if (!tui_big_enough()) {
			tui_draw_too_small(NULL);
		} else {
			tui_fill(0, 0, W, tui_attr(R_BAR));
			tui_puts(0, 0, " certsim " CERTSIM_VERSION, W, tui_attr(R_BAR));
			tui_puts(2, 2, l->title, W - 4, tui_attr(R_TITLE));
			int top = layout_scroll_show(0, sel, 1, l->n, H - 7);
			for (int r = 0; r + top < l->n && r < H - 7; r++) {
				int k = top + r, attr = k == sel ? tui_attr(R_CURSOR) : 0;
				char line[160];
				snprintf(line, sizeof line, "%2c  %s", line_key(l, k), l->label[k]);
				tui_fill(4 + r, 2, W - 4, attr);
				if (k == sel)
					tui_puts(4 + r, 0, ">", 1, A_BOLD);
				tui_puts(4 + r, 3, line, W - 6, attr);
			}
			tui_fill(H - 1, 0, W, tui_attr(R_BAR));
			tui_puts(H - 1, 0, foot, W, tui_attr(R_BAR));
		}
		refresh();
		int key = tui_key(-1);
		if (key == TK_NONE || key == TK_DEAD || key == TK_CTRL_C)
			return -1;
		if (!tui_big_enough())
			continue;
		if (key == TK(KEY_UP))
			sel = sel > 0 ? sel - 1 : l->n - 1;
		else if (key == TK(KEY_DOWN))
			sel = sel + 1 < l->n ? sel + 1 : 0;
		else if (key == TK(KEY_HOME))
			sel = 0;
		else if (key == TK(KEY_END))
			sel = l->n - 1;
		else if (key == '\r' || key == '\n' || key == TK(KEY_ENTER))
			return sel;
		else if (key == TK_ESC || key == 'q' || key == 'Q' || key == TK(KEY_LEFT))
			return -1;
		else
			for (int k = 0; k < l->n; k++)
				if (key > ' ' && key < 127 && line_key(l, k) == key)
					return k;
	}
}

enum menu_action {
	M_RESUME,
	M_STUDY,
	M_EXAM,
	M_QUIZ,
	M_QUIZ_DOMAIN,
	M_QUIZ_TASK,
	M_MISSED,
	M_WEAKEST,
	M_REVIEW,
	M_HISTORY,
	M_SETTINGS,
	M_QUIT
};

/* The quiz settings the menu keeps between actions. */
struct menu_settings {
	int count_i, feedback_i, time_i;
};

static const int setting_counts[] = { 10, 20, 30, 50, 65 };
static const long setting_times[] = { -1, 0, 15 * 60, 30 * 60, 60 * 60 }; /* -1 pace, 0 untimed */
static const char *const setting_time_names[] = { "2 minutes a question (the exam's pace)",
	                                          "untimed", "15 minutes", "30 minutes", "1 hour" };
#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The settings as start options. */
static void
apply_settings(const struct menu_settings *ms, struct start_options *o)
{
	o->count = setting_counts[ms->count_i];
	o->feedback = ms->feedback_i ? FEEDBACK_END : FEEDBACK_IMMEDIATE;
	o->untimed = setting_times[ms->time_i] == 0;
	o->time_limit = setting_times[ms->time_i] > 0 ? setting_times[ms->time_i] : -1;
}

/* The settings screen: Enter on a line changes it to its next value; Esc goes back. */
static void
settings(struct menu_settings *ms)
{
	int sel = 0;
	for (;;) {
		struct choice_list l = { 0 };
		l.title = "Quiz settings (Enter changes a line; Esc: back)";
		snprintf(l.label[0], sizeof l.label[0], "Questions: %d",
		         setting_counts[ms->count_i]);
		snprintf(l.label[1], sizeof l.label[0], "Feedback:  %s",
		         ms->feedback_i ? "at the end" : "after each answer");
		snprintf(l.label[2], sizeof l.label[0], "Time:      %s",
		         setting_time_names[ms->time_i]);
		l.n = 3;
		if ((sel = pick(&l, " Up/Down: select   Enter: change   Esc: back", sel)) < 0)
			return;
		if (sel == 0)
			ms->count_i = (ms->count_i + 1) % N_OF(setting_counts);
		else if (sel == 1)
			ms->feedback_i = !ms->feedback_i;
		else
			ms->time_i = (ms->time_i + 1) % N_OF(setting_times);
	}
}

/* Questions due now in the default bank (-1 when unknown). */
static long
due_now(const struct bank *b, const char *home)
{
	struct history h = { 0 };
	struct study *st = NULL;
	struct study_summary sum;
	char *err = NULL;
	long n = -1;
	if (b != NULL && home != NULL && history_load(home, 1, &h, &err) == 0 &&
	    record_study(&h, b, &st) == 0) {
		study_summarize(st, clock_utc_now_ms(), NULL, &sum);
		n = (long)sum.due_now;
	}
	study_free(st);
	history_free(&h);
	free(err);
	return n;
}

/* Add a line with key k (0: none shown) and action a. */
static void add_line(struct choice_list *l, enum menu_action *act, char k, enum menu_action a,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void
add_line(struct choice_list *l, enum menu_action *act, char k, enum menu_action a, const char *fmt,
         ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l->label[l->n], sizeof l->label[0], fmt, ap);
	va_end(ap);
	l->key[l->n] = k;
	act[l->n++] = a;
}

/*
 * One pass of the menu: pick, run the action. Returns its exit status and
 * sets *again when the menu should come back after it.
 */
static int
menu(struct menu_settings *ms, int *again)
{
	struct choice_list l = { 0 };
	enum menu_action act[16];
	struct bank *b = NULL;
	char *home, *err = NULL, *save = NULL;
	int code, saved = 0;
	*again = 0;
	if ((home = home_dir(&err)) != NULL && (save = home_path(home, HOME_ATTEMPT)) != NULL)
		saved = access(save, F_OK) == 0;
	free(err);
	free(save);
	/* The bank gives the numbers and names on the menu; its errors show later if it is broken. */
	fflush(stderr);
	int errfd = dup(STDERR_FILENO);
	FILE *null = fopen("/dev/null", "w");
	if (null != NULL && errfd >= 0)
		dup2(fileno(null), STDERR_FILENO);
	b = cli_load_bank(cli_bank_path(NULL), &code);
	long due = due_now(b, home);
	if (errfd >= 0) {
		fflush(stderr);
		dup2(errfd, STDERR_FILENO);
		close(errfd);
	}
	if (null != NULL)
		fclose(null);
	free(home);

	/* Fixed keys: the lines keep their numbers whether Resume is shown or not. */
	l.title = b ? b->bp.title : "certsim: practice exams";
	if (saved)
		add_line(&l, act, '0', M_RESUME, "Resume the interrupted attempt");
	if (due >= 0)
		add_line(&l, act, '1', M_STUDY, "Study: %ld question%s due now, then new ones", due,
		         due == 1 ? "" : "s");
	else
		add_line(&l, act, '1', M_STUDY, "Study what is due (spaced repetition)");
	int first = l.n;
	if (b)
		add_line(&l, act, '2', M_EXAM, "Full practice exam (%d questions, %d minutes)",
		         b->bp.questions, b->bp.duration_minutes);
	else
		add_line(&l, act, '2', M_EXAM, "Full practice exam");
	add_line(&l, act, '3', M_QUIZ, "Quiz: %d questions from every domain",
	         setting_counts[ms->count_i]);
	if (b) {
		add_line(&l, act, '4', M_QUIZ_DOMAIN, "Quiz on one domain...");
		add_line(&l, act, '5', M_QUIZ_TASK, "Quiz on one task...");
	}
	add_line(&l, act, '6', M_MISSED, "Quiz on the questions you missed");
	add_line(&l, act, '7', M_WEAKEST, "Quiz weighted toward your weakest tasks");
	add_line(&l, act, '8', M_REVIEW, "Review your last attempt");
	add_line(&l, act, '9', M_HISTORY, "History, readiness and forecast");
	add_line(&l, act, 's', M_SETTINGS, "Quiz settings: %d questions, feedback %s, %s",
	         setting_counts[ms->count_i], ms->feedback_i ? "at the end" : "immediate",
	         ms->time_i == 0 ? "2 min a question" : setting_time_names[ms->time_i]);
	add_line(&l, act, 'q', M_QUIT, "Quit");

	if (tui_term_begin() < 0) {
		bank_free(b);
		return -1;
	}
	char *args[1] = { NULL };
	int nargs = 0, (*cmd)(int, char **) = NULL, quiz = -1, sel = first;
	char task[sizeof b->bp.tasks[0].id];
	struct start_options o;
	cli_start_defaults(&o);
	for (;;) {
		int k =
		    pick(&l, " Up/Down: select   Enter or its key: start   Esc or q: quit", sel);
		if (k < 0 || act[k] == M_QUIT)
			break;
		sel = k;
		if (act[k] == M_SETTINGS) {
			settings(ms);
			snprintf(l.label[k], sizeof l.label[0],
			         "Quiz settings: %d questions, feedback %s, %s",
			         setting_counts[ms->count_i],
			         ms->feedback_i ? "at the end" : "immediate",
			         ms->time_i == 0 ? "2 min a question"
			                         : setting_time_names[ms->time_i]);
			for (int i = 0; i < l.n; i++)
				if (act[i] == M_QUIZ)
					snprintf(l.label[i], sizeof l.label[0],
					         "Quiz: %d questions from every domain",
					         setting_counts[ms->count_i]);
			continue;
		}
		if (act[k] == M_QUIZ_DOMAIN || act[k] == M_QUIZ_TASK) {
			struct choice_list sub = { 0 };
			int is_task = act[k] == M_QUIZ_TASK;
			int n = is_task ? b->bp.n_tasks : b->bp.n_domains;
			sub.title = is_task ? "Quiz on one task" : "Quiz on one domain";
			for (int i = 0; i < n && i < 16; i++) {
				if (is_task)
					snprintf(sub.label[i], sizeof sub.label[0], "Task %s %s",
					         b->bp.tasks[i].id, b->bp.tasks[i].name);
				else
					snprintf(sub.label[i], sizeof sub.label[0], "Domain %d: %s",
					         b->bp.domains[i].id, b->bp.domains[i].name);
				sub.n++;
			}
			int j = pick(&sub, " Up/Down: select   Enter or 1-9: start   Esc: back", 0);
			if (j < 0)
				continue;
			if (is_task) {
				snprintf(task, sizeof task, "%s", b->bp.tasks[j].id);
				o.task = task;
			} else
				o.domain = b->bp.domains[j].id;
			quiz = 1;
			break;
		}
		switch (act[k]) {
		case M_RESUME:
			cmd = cmd_resume;
			break;
		case M_STUDY:
			o.study = 1;
			o.new_count = 10;
			quiz = 1;
			break;
		case M_EXAM:
			quiz = 0;
			break;
		case M_QUIZ:
			quiz = 1;
			break;
		case M_MISSED:
			o.missed = 1;
			quiz = 1;
			break;
		case M_WEAKEST:
			o.weakest = 1;
			quiz = 1;
			break;
		case M_REVIEW:
			args[nargs++] = "last";
			cmd = cmd_review;
			break;
		case M_HISTORY:
			cmd = cmd_history;
			break;
		default:
			break;
		}
		break;
	}
	tui_term_end();
	bank_free(b);
	if (quiz == 1 && !o.study)
		apply_settings(ms, &o);
	if (quiz >= 0 || cmd != NULL) {
		code = quiz >= 0 ? cli_start(quiz, &o) : cmd(nargs, args);
		*again = code != CLI_EXIT_INTERRUPTED && code < 128;
		return code;
	}
	return CLI_EXIT_DONE;
}

int
tui_menu(void)
{
	struct menu_settings ms = { 1, 0, 0 };
	for (;;) {
		int again, code = menu(&ms, &again);
		if (!again)
			return code;
		/* Back to the menu after the action, once its output has been read. */
		char line[16];
		fputs("\nPress Enter to return to the menu (q and Enter to quit). ", stdout);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) == NULL || line[0] == 'q' || line[0] == 'Q')
			return code;
	}
}
