/* The start menu (`certsim` with no command on a terminal). */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/home.h"
#include "cli.h"
#include "tui.h"

struct choice_list {
	const char *title;
	char label[16][128];
	int n;
};

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
				snprintf(line, sizeof line, "%2d  %s", k + 1, l->label[k]);
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
		else if (key >= '1' && key <= '9' && key - '1' < l->n)
			return key - '1';
		else if (key == '\r' || key == '\n' || key == TK(KEY_ENTER))
			return sel;
		else if (key == TK_ESC || key == 'q' || key == 'Q' || key == TK(KEY_LEFT))
			return -1;
	}
}

enum menu_action {
	M_RESUME,
	M_EXAM,
	M_QUIZ,
	M_QUIZ_DOMAIN,
	M_QUIZ_TASK,
	M_MISSED,
	M_WEAKEST,
	M_REVIEW,
	M_HISTORY,
	M_QUIT
};

static int
menu(void)
{
	struct choice_list l = { 0 };
	enum menu_action act[16];
	struct bank *b = NULL;
	char *home, *err = NULL, *save = NULL;
	int code, saved = 0;
	if ((home = home_dir(&err)) != NULL && (save = home_path(home, HOME_ATTEMPT)) != NULL)
		saved = access(save, F_OK) == 0;
	free(err);
	free(save);
	free(home);
	/* The bank gives the numbers and names on the menu; its errors show later if it is broken. */
	fflush(stderr);
	int errfd = dup(STDERR_FILENO);
	FILE *null = fopen("/dev/null", "w");
	if (null != NULL && errfd >= 0)
		dup2(fileno(null), STDERR_FILENO);
	b = cli_load_bank(cli_bank_path(NULL), &code);
	if (errfd >= 0) {
		fflush(stderr);
		dup2(errfd, STDERR_FILENO);
		close(errfd);
	}
	if (null != NULL)
		fclose(null);

	l.title = b ? b->bp.title : "certsim: practice exams";
	if (saved) {
		snprintf(l.label[l.n], sizeof l.label[0], "Resume the interrupted attempt");
		act[l.n++] = M_RESUME;
	}
	if (b)
		snprintf(l.label[l.n], sizeof l.label[0],
		         "Full practice exam (%d questions, %d minutes)", b->bp.questions,
		         b->bp.duration_minutes);
	else
		snprintf(l.label[l.n], sizeof l.label[0], "Full practice exam");
	act[l.n++] = M_EXAM;
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz: 20 questions from every domain");
	act[l.n++] = M_QUIZ;
	if (b) {
		snprintf(l.label[l.n], sizeof l.label[0], "Quiz on one domain...");
		act[l.n++] = M_QUIZ_DOMAIN;
		snprintf(l.label[l.n], sizeof l.label[0], "Quiz on one task...");
		act[l.n++] = M_QUIZ_TASK;
	}
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz on the questions you missed");
	act[l.n++] = M_MISSED;
	snprintf(l.label[l.n], sizeof l.label[0], "Quiz weighted toward your weakest tasks");
	act[l.n++] = M_WEAKEST;
	snprintf(l.label[l.n], sizeof l.label[0], "Review your last attempt");
	act[l.n++] = M_REVIEW;
	snprintf(l.label[l.n], sizeof l.label[0], "History and readiness");
	act[l.n++] = M_HISTORY;
	snprintf(l.label[l.n], sizeof l.label[0], "Quit");
	act[l.n++] = M_QUIT;

	if (tui_term_begin() < 0) {
		bank_free(b);
		return -1;
	}
	char *args[1] = { NULL };
	int nargs = 0, (*cmd)(int, char **) = NULL, quiz = -1;
	char task[sizeof b->bp.tasks[0].id];
	struct start_options o;
	cli_start_defaults(&o);
	for (;;) {
		int k = pick(&l, " Up/Down: select   Enter or 1-9: start   Esc or q: quit", 0);
		if (k < 0 || act[k] == M_QUIT)
			break;
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
	if (quiz >= 0)
		return cli_start(quiz, &o);
	return cmd ? cmd(nargs, args) : EXIT_DONE;
}

int
tui_menu(void)
{
	return menu();
}
