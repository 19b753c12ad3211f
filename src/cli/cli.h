/* Shared pieces of the certsim command-line program. */
#ifndef CERTSIM_CLI_H
#define CERTSIM_CLI_H

#include <signal.h>
#include <stdint.h>

#include "certsim/bank.h"
#include "certsim/score.h"
#include "certsim/session.h"

/* Exit statuses (docs/README.md, docs/robustness.md); tested in tests/e2e. */
enum exit_code {
	CLI_EXIT_DONE = 0,
	CLI_EXIT_INVALID = 1, /* bad bank, invalid or tampered result */
	CLI_EXIT_USAGE = 2,
	CLI_EXIT_SYSTEM = 3, /* I/O, permissions, out of memory */
	CLI_EXIT_INTERRUPTED = 130,
};

/* The bank directory to use: --bank, else $CERTSIM_BANK, else the bundled one. */
const char *cli_bank_path(const char *opt);

/*
 * Load the bank at path, printing diagnostics to stderr. Returns the bank,
 * or NULL with *code set to the exit status.
 */
struct bank *cli_load_bank(const char *path, int *code);

/* Print "certsim: " and the message to stderr; returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print a usage error and the hint to run COMMAND --help; returns CLI_EXIT_USAGE. */
/*
 * Take the data directory's attempt lock (home/attempt.lock) for the rest of
 * the process: exam, quiz, resume and key hold it. Returns 0, or an exit
 * code after a message when another certsim holds it or it cannot be opened.
 */
int cli_lock_home(const char *home);
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The full-screen front end (tui.c), over the same session API as line
 * mode. tui_run runs s until it ends: returns 0 when the attempt ended, 1
 * when stopped by *stop (the caller saves and exits), -1 when the terminal
 * cannot be used (the caller falls back to line mode).
 */
int tui_run(struct session *s, volatile sig_atomic_t *stop);

/*
 * The results screen after a finished attempt (score, per-domain bars,
 * time used, the result path); from it the candidate can page through the
 * missed questions with their answer, the key and the explanation.
 * Returns when the candidate leaves it.
 */
void tui_results(const struct session *s, const struct score *sc, const char *result_path);

/*
 * The start menu (`certsim` with no arguments on a terminal): pick an exam,
 * a quiz, resume, review or history, which then runs. Returns that
 * command's exit status, or -1 when the terminal cannot be used (the
 * caller prints the usage instead).
 */
int tui_menu(void);

/* What to start: an exam or a quiz and its options, as on the command line. */
struct start_options {
	const char *bank, *out, *task;
	int have_seed, untimed, plain, esl, unscored, domain, missed, weakest;
	int count, discard, feedback_set;
	int study;        /* certsim study: due questions, then new ones (cmd_study.c) */
	int new_count;    /* study: at most this many never-seen questions */
	const char *tag;  /* study and quiz: only questions with this tag */
	const char *type; /* quiz: only questions of this type */
	int flagged;      /* quiz: items flagged in the latest attempt that showed them */
	int show_domain;  /* exam: show each question's domain and task */
	uint64_t seed;
	long time_limit;
	enum session_feedback feedback;
};

/* The options of `certsim exam` or `certsim quiz` given no arguments. */
void cli_start_defaults(struct start_options *o);

/*
 * --seed VAL of command cmd into o (seed, have_seed): 0, or CLI_EXIT_USAGE
 * after the usage error when VAL is not a whole number up to RNG_SEED_MAX.
 */
int cli_start_seed(const char *cmd, const char *val, struct start_options *o);

/*
 * Start an exam (quiz = 0) or a quiz with options o (their combination is
 * checked as on the command line), run it in a front end and report it.
 * Returns the exit status. `certsim exam|quiz` and the start menu both
 * come here.
 */
int cli_start(int quiz, const struct start_options *o);

/*
 * A study session's items (cmd_study.c): the questions o's filter allows
 * that are due now, then new ones (study_select over h's signed reviews),
 * their choices shuffled from seed; source gets the session's label
 * ("study", "study tag sagemaker"). Prints what it serves, or when nothing
 * is due when the next question is. Returns 0 with *items (caller frees)
 * and *n (0: nothing to study), or an exit code after a message.
 */
struct history;
int cli_study_draw(const struct bank *b, const struct history *h, const struct start_options *o,
                   uint64_t seed, struct draw_item **items, size_t *n, char *source, size_t len);

int cmd_bank(int argc, char **argv);
int cmd_bank_import(int argc, char **argv); /* cmd_interchange.c */
int cmd_bank_export(int argc, char **argv);
int cmd_exam(int argc, char **argv);
int cmd_quiz(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_study(int argc, char **argv);

/*
 * Option values: cli_opt_split cuts "--name=value" in a at '=' (a becomes
 * "--name") and returns "value", or NULL when a has no '=' or is not a long
 * option. cli_opt_value then, when *val is still NULL, takes the next
 * argument as the value (advancing *i); returns 0, or -1 after printing the
 * usage error "A needs a value" for command cmd when there is none.
 */
char *cli_opt_split(char *a);
int cli_opt_value(const char *cmd, int argc, char **argv, int *i, char **val);

#endif
