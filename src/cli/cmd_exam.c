/* certsim exam|quiz|resume: draw, run an attempt in a front end, score, sign, report. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/layout.h"
#include "certsim/lineui.h"
#include "certsim/pacing.h"
#include "certsim/result.h"
#include "certsim/rng.h"
#include "certsim/score.h"
#include "certsim/sign.h"
#include "certsim/source.h"
#include "certsim/timelimit.h"
#include "cli.h"
#include "cli_line.h"

static const char exam_help[] =
    "Usage: certsim exam [options]\n"
    "\n"
    "A full-length timed practice exam: the blueprint's question count (65 for\n"
    "MLA-C01) drawn by domain weight, its time limit (130 minutes), a scaled\n"
    "score against the pass mark (720), and a signed result file.\n"
    "\n"
    "Options:\n"
    "  --bank PATH            bank directory (default: bundled MLA-C01, or $CERTSIM_BANK)\n"
    "  --seed N               reproducible draw and option order (0-9007199254740991)\n"
    "  --time-limit DURATION  e.g. 90s, 45m, 2h, 1h30m (default: the blueprint's)\n"
    "  --untimed              no countdown\n"
    "  --esl                  30 extra minutes (AWS's ESL +30 accommodation)\n"
    "  --unscored N           N random items are unscored, as on the real exam\n"
    "                         (revealed in the report); default 0\n"
    "  --show-domain          show each question's domain and task (hidden by\n"
    "                         default, as on the real exam)\n"
    "  --plain                line mode even on a terminal\n"
    "  --out FILE             also write the result (and FILE.minisig) there\n"
    "  --discard-saved        throw away a saved unfinished attempt without asking\n"
    "\n"
    "On a terminal the exam is full-screen (at least 80x24). Keys (no key is\n"
    "both an option letter and a command; docs/keys.md has them all):\n"
    "  a-j                choose option A-J (multiple: tick/untick the boxes)\n"
    "  Up/Down, Space     move the cursor, choose the option under it\n"
    "  Enter              next question (never changes an answer)\n"
    "  < > or Left/Right  previous / next question\n"
    "  * (F2)             flag or unflag for review\n"
    "  # (F3)             review screen: All/Unanswered/Flagged (Tab), go to any\n"
    "  ! (F10)            end the exam (asks, showing unanswered and flagged counts)\n"
    "  @ (F4)             hide or show the time remaining\n"
    "  ? (F1)             all the keys\n"
    "  [ ] or Shift+Up/Down  ordering: move the item (Space picks it up; Enter\n"
    "                     records the order as it stands)\n"
    "  1-7 then a-j       matching: pick a prompt, then its option\n"
    "  Tab                scroll a case-study scenario; PgUp/PgDn: the question\n"
    "  Backspace          clear the answer\n"
    "  Enter              quiz with feedback: check the answer (then it is final)\n"
    "  Ctrl-C             save and quit (y/n); 'certsim resume' continues\n"
    "Results screen: m reviews the missed questions, Enter closes.\n"
    "\n"
    "Line mode (when stdin is not a terminal, or with --plain) reads one line\n"
    "per question: letters to answer (B, a c, AC), 'C A B' for ordering,\n"
    "'1B 2A 3C' for matching; n/next or Enter, p/prev, g N, flag or *, r/review,\n"
    "clear, submit, ?/help. End of input submits. Time up submits at once.\n"
    "\n"
    "The attempt is saved after every answer: if certsim is interrupted\n"
    "(Ctrl-C, a closed terminal, a crash), 'certsim resume' continues it.\n";

static const char quiz_help[] =
    "Usage: certsim quiz [source] [options]\n"
    "\n"
    "A practice quiz with a signed result (mode \"quiz\"). One source at most:\n"
    "  --domain N             only domain N (1-4 for MLA-C01)\n"
    "  --task T               only task T, e.g. 2.2\n"
    "  --missed               items whose latest answer in your history was wrong\n"
    "  --weakest              weighted toward the tasks you miss most\n"
    "  --tag TAG              questions with the tag TAG (certsim bank search shows tags)\n"
    "  --type TYPE            questions of one type: single, multiple, ordering, matching\n"
    "  --flagged              items you flagged in the latest attempt that showed them\n"
    "  (none)                 all domains, weighted as the exam\n"
    "\n"
    "Options:\n"
    "  --count K              number of items (default 20)\n"
    "  --feedback immediate|end  after each answer show right/wrong, the key and\n"
    "                         the explanation (immediate, the default), or only\n"
    "                         in the report and review (end)\n"
    "  --time-limit DURATION  default: K x 2 minutes (the exam's pace)\n"
    "  --untimed, --seed N, --bank PATH, --plain, --out FILE, --discard-saved\n"
    "                         as for 'certsim exam'\n";

static const char resume_help[] =
    "Usage: certsim resume [--plain] [--bank PATH] [--out FILE]\n"
    "\n"
    "Continue the attempt that was interrupted: the same items in the same\n"
    "order, every recorded answer and flag, and the time left as it was (time\n"
    "while certsim was not running does not count). The result records how\n"
    "many times the attempt was interrupted.\n"
    "\n"
    "  --out FILE  also write the result (and FILE.minisig) there\n";

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
	stop_signal = sig;
}

static void
install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() must return so the attempt can be saved. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static int
parse_uint(const char *s, unsigned long long max, unsigned long long *v)
{
	char *end;
	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end || *v > max ? -1 : 0;
}

int
cli_start_seed(const char *cmd, const char *val, struct start_options *o)
{
	unsigned long long u;
	if (parse_uint(val, RNG_SEED_MAX, &u) < 0)
		return cli_usage_error(cmd, "--seed takes a whole number from 0 to %llu, not '%s'",
		                       RNG_SEED_MAX, val);
	o->seed = u;
	o->have_seed = 1;
	return 0;
}

void
cli_start_defaults(struct start_options *o)
{
	memset(o, 0, sizeof *o);
	o->count = 20;
	o->feedback = FEEDBACK_IMMEDIATE;
	o->time_limit = -1;
}

/* Parse the options of exam (quiz = 0), quiz (1) or resume (2). */
static int
parse_opts(const char *cmd, int quiz, int argc, char **argv, struct start_options *o)
{
	cli_start_defaults(o);
	for (int i = 0; i < argc; i++) {
		char *a = argv[i], *val = cli_opt_split(a);
#define NEED_VALUE()                                              \
	do {                                                      \
		if (cli_opt_value(cmd, argc, argv, &i, &val) < 0) \
			return CLI_EXIT_USAGE;                    \
	} while (0)
		unsigned long long u;
		if (strcmp(a, "--bank") == 0) {
			NEED_VALUE();
			o->bank = val;
		} else if (strcmp(a, "--plain") == 0) {
			o->plain = 1;
		} else if (strcmp(a, "--out") == 0) {
			NEED_VALUE();
			o->out = val;
		} else if (quiz == 2) {
			return cli_usage_error(cmd, "unknown option '%s'", a);
		} else if (strcmp(a, "--seed") == 0) {
			NEED_VALUE();
			if (cli_start_seed(cmd, val, o) != 0)
				return CLI_EXIT_USAGE;
		} else if (strcmp(a, "--time-limit") == 0) {
			NEED_VALUE();
			if ((o->time_limit = clock_parse_duration(val)) < 0)
				return cli_usage_error(
				    cmd,
				    "--time-limit takes a duration with its unit: 90s, 45m, 2h or "
				    "1h30m (h, m and s, up to 100h), not '%s'",
				    val);
		} else if (strcmp(a, "--untimed") == 0) {
			o->untimed = 1;
		} else if (strcmp(a, "--discard-saved") == 0) {
			o->discard = 1;
		} else if (!quiz && strcmp(a, "--show-domain") == 0) {
			o->show_domain = 1;
		} else if (!quiz && strcmp(a, "--esl") == 0) {
			o->esl = 1;
		} else if (!quiz && strcmp(a, "--unscored") == 0) {
			NEED_VALUE();
			if (parse_uint(val, 1000, &u) < 0)
				return cli_usage_error(cmd,
				                       "--unscored takes a whole number, not '%s'",
				                       val);
			o->unscored = (int)u;
		} else if (quiz && strcmp(a, "--domain") == 0) {
			NEED_VALUE();
			if (parse_uint(val, 99, &u) < 0 || u == 0)
				return cli_usage_error(
				    cmd, "--domain takes a domain number, e.g. 2, not '%s'", val);
			o->domain = (int)u;
		} else if (quiz && strcmp(a, "--task") == 0) {
			NEED_VALUE();
			o->task = val;
		} else if (quiz && strcmp(a, "--missed") == 0) {
			o->missed = 1;
		} else if (quiz && strcmp(a, "--weakest") == 0) {
			o->weakest = 1;
		} else if (quiz && strcmp(a, "--flagged") == 0) {
			o->flagged = 1;
		} else if (quiz && strcmp(a, "--tag") == 0) {
			NEED_VALUE();
			o->tag = val;
		} else if (quiz && strcmp(a, "--type") == 0) {
			NEED_VALUE();
			if (strcmp(val, "single") != 0 && strcmp(val, "multiple") != 0 &&
			    strcmp(val, "ordering") != 0 && strcmp(val, "matching") != 0)
				return cli_usage_error(
				    cmd,
				    "--type is single, multiple, ordering or matching, not '%s'",
				    val);
			o->type = val;
		} else if (quiz && strcmp(a, "--count") == 0) {
			NEED_VALUE();
			if (parse_uint(val, 10000, &u) < 0 || u == 0)
				return cli_usage_error(
				    cmd, "--count takes a positive whole number, not '%s'", val);
			o->count = (int)u;
		} else if (quiz && strcmp(a, "--feedback") == 0) {
			NEED_VALUE();
			if (strcmp(val, "immediate") == 0)
				o->feedback = FEEDBACK_IMMEDIATE;
			else if (strcmp(val, "end") == 0)
				o->feedback = FEEDBACK_END;
			else
				return cli_usage_error(cmd,
				                       "--feedback is immediate or end, not '%s'",
				                       val);
		} else {
			return cli_usage_error(cmd,
			                       a[0] == '-' ? "unknown option '%s'"
			                                   : "unexpected argument '%s'",
			                       a);
		}
#undef NEED_VALUE
	}
	return 0;
}

/*
 * The result will be signed: refuse to start (or resume) an attempt whose
 * result could not be signed, e.g. with a secret key others can read.
 */
static int
check_key(const char *home)
{
	char *keys = home_path(home, HOME_KEYS), *err = NULL;
	struct sign_key *k = NULL;
	int code = 0;
	if (keys == NULL || sign_key_load_or_create(keys, &k, &err) < 0)
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err ? err : "out of memory");
	sign_key_free(k);
	free(keys);
	free(err);
	return code;
}

static void
print_report(const struct session *s, const struct score *sc, const char *path,
             const char *out_path, FILE *f)
{
	const struct blueprint *bp = &s->bank->bp;
	char used[32], limit[32];
	clock_format_hms((long)((s->used_ms + 500) / 1000), used);
	clock_format_hms(s->cfg.time_limit_s, limit);
	fprintf(f,
	        "\n==========================================================================\n");
	fprintf(f, "%s practice %s: %s\n", bp->code, session_mode_name(s->cfg.mode),
	        sc->passed ? "PASS" : "FAIL");
	fprintf(f, "Scaled score: %d (pass mark %d; range %d-%d)\n", sc->scaled, sc->pass_mark,
	        bp->score_min, bp->score_max);
	fprintf(f, "Correct:      %d of %d scored items (%.1f%%)\n", sc->correct, sc->scored,
	        sc->percent);
	if (s->cfg.time_limit_s > 0)
		fprintf(f, "Time used:    %s of %s", used, limit);
	else
		fprintf(f, "Time used:    %s (untimed)", used);
	fprintf(f, "; ended by %s", session_end_name(s->ended));
	if (s->interruptions)
		fprintf(f, "; interrupted %d time%s", s->interruptions,
		        s->interruptions == 1 ? "" : "s");
	fprintf(f,
	        "\n--------------------------------------------------------------------------\n");
	fprintf(f, "Domain (meets = at least %.0f%% correct)\n", bp->cut * 100);
	for (int i = 0; i < sc->n_domains; i++) {
		const struct score_part *p = &sc->domains[i];
		const struct domain *d = &bp->domains[p->index];
		fprintf(f, "%d %s\n  ", d->id, d->name);
		char bar[21];
		layout_bar(bar, 20, p->percent);
		fprintf(f, "[%s]", bar);
		fprintf(f, " %3.0f%%  %2d/%-2d  %s\n", p->percent, p->correct, p->total,
		        p->meets ? "meets" : "NEEDS IMPROVEMENT");
	}
	fprintf(f, "\n%-50s %-13s %s\n", "Task", "Correct", "Status");
	for (int i = 0; i < sc->n_tasks; i++) {
		const struct score_part *p = &sc->tasks[i];
		const struct task *t = &bp->tasks[p->index];
		fprintf(f, "%-4s %-45.45s %3.0f%% %2d/%-2d  %s\n", t->id, t->name, p->percent,
		        p->correct, p->total, p->meets ? "meets" : "NEEDS IMPROVEMENT");
	}
	/* Pacing against the blueprint's pace (130/65 = 2 minutes a question). */
	struct pacing pc;
	int64_t *ms = malloc((s->n ? s->n : 1) * sizeof *ms);
	if (ms == NULL) {
		fprintf(f, "\n");
		fflush(f);
		return;
	}
	for (size_t i = 0; i < s->n; i++)
		ms[i] = s->items[i].ms;
	pacing_compute(ms, s->n, s->used_ms, pacing_exam_pace_ms(bp), &pc);
	size_t slow = pc.n_slowest ? pc.slowest[0] : 0;
	char avg[32], pace[32], slowest[32];
	clock_format_hms((long)pc.average_s, avg);
	clock_format_hms((long)(pc.pace_ms / 1000), pace);
	clock_format_hms((long)((ms[slow] + 500) / 1000), slowest);
	free(ms);
	fprintf(f,
	        "\nPacing: %s a question on average (exam pace %s); %zu over pace; slowest: "
	        "question %zu (%s)",
	        avg, pace, pc.over, slow + 1, slowest);
	if (s->cfg.time_limit_s > 0) {
		char left[32];
		clock_format_hms((long)(s->cfg.time_limit_s - (s->used_ms + 500) / 1000), left);
		fprintf(f, "; %s left", left);
	}
	fputc('\n', f);
	if (s->cfg.unscored > 0) {
		fprintf(f, "\nUnscored items (not counted, as on the real exam):");
		for (size_t i = 0; i < s->n; i++)
			if (!s->items[i].scored)
				fprintf(f, " %zu", i + 1);
		fputc('\n', f);
	}
	fprintf(f, "\nThe scaled score is a model: AWS does not publish its scaling.\n");
	fprintf(f, "Result:    %s\nSignature: %s.minisig\n", path, path);
	if (out_path)
		fprintf(f, "Copy:      %s (and %s.minisig)\n", out_path, out_path);
	fprintf(f, "Review what you missed: certsim review last\n");
	fflush(f);
}

/* Run an attempt to its end and write its result. */
static int
run_session(struct session *s, const struct start_options *o, const char *home)
{
	int rc;
	install_signals();
	int full = !o->plain && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (s->ended != SESSION_END_NONE) {
		/* Ended before (its result could not be written): final, never reopened. */
		full = 0;
		rc = 0;
		printf("The attempt ended (%s) at %s; writing its result.\n",
		       session_end_name(s->ended), s->finished_at);
	} else {
		rc = full ? tui_run(s, &stop_signal) : -1;
		if (rc < 0) {
			full = 0;
			rc = cli_line_run(s, STDIN_FILENO, stdout, &stop_signal);
		}
	}
	if (rc == 1 && s->started_at[0] == '\0' && s->interruptions == 0) {
		/* Quit at the start screen, before the clock started: nothing to keep. */
		if (s->save_path)
			unlink(s->save_path);
		fprintf(stderr, "\ncertsim: quit before the clock started; nothing was kept.\n");
		return stop_signal == SIGINT || stop_signal == 0 ? CLI_EXIT_INTERRUPTED
		                                                 : 128 + stop_signal;
	}
	if (rc == 1) {
		if (session_autosave(s) < 0)
			return cli_error(
			    CLI_EXIT_SYSTEM,
			    "%s; the attempt could not be saved (the last "
			    "state that was saved, if any, is kept for 'certsim resume')",
			    s->save_error);
		fprintf(stderr,
		        "\ncertsim: the attempt is saved (%zu of %zu answered). "
		        "Continue it with: certsim resume\n",
		        session_count_answered(s), s->n);
		/* 0: the full-screen Ctrl-C key (raw mode), asked and confirmed. */
		return stop_signal == SIGINT || stop_signal == 0 ? CLI_EXIT_INTERRUPTED
		                                                 : 128 + stop_signal;
	}
	if (s->save_error)
		fprintf(stderr, "certsim: warning: %s\n", s->save_error);
	struct score sc;
	char *path = NULL, *err = NULL;
	if (score_compute(s, &sc) < 0)
		return cli_error(CLI_EXIT_SYSTEM, "out of memory");
	if (result_save(s, &sc, home, o->out, &path, &err) < 0) {
		if (s->save_error == NULL)
			rc = cli_error(CLI_EXIT_SYSTEM,
			               "%s\nThe attempt is still saved: fix the problem and run "
			               "'certsim resume' to write the result.",
			               err);
		else
			rc = cli_error(CLI_EXIT_SYSTEM,
			               "%s\nThe attempt could not be saved either; the last state "
			               "that was saved, if any, is kept for 'certsim resume'.",
			               err);
		free(err);
		score_free(&sc);
		return rc;
	}
	if (s->save_path)
		unlink(s->save_path);
	if (full)
		tui_results(s, &sc, path);
	print_report(s, &sc, path, o->out, stdout);
	free(path);
	score_free(&sc);
	return CLI_EXIT_DONE;
}

/* --out must be writable before the attempt starts; 0 or the usage error's exit code. */
static int
check_out(const char *cmd, const char *out)
{
	char *err = NULL;
	if (out == NULL || result_check_out(out, &err) == 0)
		return 0;
	int code = cli_usage_error(cmd, "%s", err);
	free(err);
	return code;
}

/* A saved attempt is never dropped silently. Returns 0 to go on, else an exit code. */
static int
check_saved(const char *save, const struct start_options *o)
{
	if (access(save, F_OK) != 0 || o->discard)
		return 0;
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		char line[16] = "";
		fprintf(stdout,
		        "An unfinished attempt is saved in %s.\n"
		        "Discard it and start a new one? (No: keep it; 'certsim resume' continues "
		        "it) [y/N] ",
		        save);
		fflush(stdout);
		if (fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y'))
			return 0;
		fprintf(stdout, "Kept. Continue it with: certsim resume\n");
		return CLI_EXIT_INVALID;
	}
	return cli_error(CLI_EXIT_INVALID,
	                 "an unfinished attempt is saved (%s); continue it with 'certsim resume', "
	                 "or pass --discard-saved to throw it away and start a new one",
	                 save);
}

/* Whether the arguments ask for help (-h or --help anywhere). */
static int
wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/*
 * The data directory, locked for this process, and the path of its saved
 * attempt. Returns 0, or an exit code after a message; *home and *save are
 * the caller's to free either way.
 */
static int
open_home(char **home, char **save)
{
	char *err = NULL;
	int code;
	*save = NULL;
	if ((*home = home_dir(&err)) == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		free(err);
		return code;
	}
	if ((code = cli_lock_home(*home)) != 0)
		return code;
	/* Leftovers of a kill -9 in the middle of a write. */
	home_clean_temps(*home);
	if ((*save = home_path(*home, HOME_ATTEMPT)) == NULL)
		return cli_error(CLI_EXIT_SYSTEM, "out of memory");
	return 0;
}

int
cli_start(int quiz, const struct start_options *opts)
{
	const char *cmd = quiz ? "quiz" : "exam";
	struct start_options o = *opts;
	char *home = NULL, *err = NULL, *save = NULL;
	struct bank *b = NULL;
	struct history h = { 0 };
	uint64_t *seen = NULL;
	signed char *last = NULL;
	double *weight = NULL;
	unsigned char *eligible = NULL;
	struct draw_item *items = NULL;
	struct session *s = NULL;
	size_t n = 0;
	int code;

	if (quiz && !o.study &&
	    (o.domain > 0) + (o.task != NULL) + o.missed + o.weakest + (o.tag != NULL) +
	            (o.type != NULL) + o.flagged >
	        1)
		return cli_usage_error(cmd, "choose one source: --domain, --task, --missed, "
		                            "--weakest, --tag, --type or --flagged");
	if (o.untimed && o.time_limit > 0)
		return cli_usage_error(cmd, "--untimed and --time-limit contradict each other");
	if (o.untimed && o.esl)
		return cli_usage_error(cmd, "--untimed and --esl contradict each other");
	if ((code = check_out(cmd, o.out)) != 0)
		return code;
	if ((code = open_home(&home, &save)) != 0 || (code = check_saved(save, &o)) != 0 ||
	    (code = check_key(home)) != 0)
		goto done;
	if ((b = cli_load_bank(cli_bank_path(o.bank), &code)) == NULL)
		goto done;

	struct draw_request req = { 0 };
	struct session_config cfg = { 0 };
	req.seed = o.have_seed ? o.seed : rng_random_seed();
	seen = calloc(b->n_questions, sizeof *seen);
	last = calloc(b->n_questions, sizeof *last);
	if (seen == NULL || last == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	if (history_load(home, o.study, &h, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	history_exposure(&h, b, seen, last);
	req.last_seen = seen;
	cfg.mode = o.study ? MODE_STUDY : quiz ? MODE_QUIZ : MODE_EXAM;
	cfg.seed = req.seed;
	cfg.feedback = o.study ? FEEDBACK_IMMEDIATE : quiz ? o.feedback : FEEDBACK_END;
	cfg.show_domain = !quiz && o.show_domain;
	snprintf(cfg.source, sizeof cfg.source, "all");
	if (!quiz) {
		req.count = b->bp.questions;
		if (o.unscored >= req.count) {
			code = cli_usage_error(cmd, "--unscored %d leaves no scored item of %d",
			                       o.unscored, req.count);
			goto done;
		}
		cfg.unscored = o.unscored;
	} else if (o.study) {
		code =
		    cli_study_draw(b, &h, &o, req.seed, &items, &n, cfg.source, sizeof cfg.source);
		if (code != 0 || n == 0)
			goto done;
	} else {
		req.count = o.count;
		req.allow_fewer = 0;
		if (o.domain > 0) {
			if (bank_domain_index(b, o.domain) < 0) {
				code = cli_usage_error(cmd, "there is no domain %d in %s", o.domain,
				                       b->bp.code);
				goto done;
			}
			req.domain = o.domain;
			snprintf(cfg.source, sizeof cfg.source, "domain %d", o.domain);
		} else if (o.task != NULL) {
			int t = bank_task_index(b, o.task);
			if (t < 0) {
				code = cli_usage_error(
				    cmd, "there is no task '%s' in %s (tasks look like 2.2)",
				    o.task, b->bp.code);
				goto done;
			}
			req.task1 = t + 1;
			snprintf(cfg.source, sizeof cfg.source, "task %s", b->bp.tasks[t].id);
		} else if (o.missed) {
			eligible = calloc(b->n_questions, 1);
			if (eligible == NULL) {
				code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
				goto done;
			}
			if (source_missed(b, last, eligible) == 0) {
				printf("Nothing to practise: no question's latest answer in your "
				       "history is wrong%s.\n",
				       h.n ? "" : " (you have no attempts yet)");
				code = CLI_EXIT_DONE;
				goto done;
			}
			req.eligible = eligible;
			req.allow_fewer = 1;
			req.last_seen = NULL;
			snprintf(cfg.source, sizeof cfg.source, "missed");
		} else if (o.tag != NULL || o.type != NULL || o.flagged) {
			eligible = calloc(b->n_questions ? b->n_questions : 1, 1);
			if (eligible == NULL) {
				code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
				goto done;
			}
			long k = o.tag    ? (long)source_tag(b, o.tag, eligible)
			         : o.type ? source_type(b, o.type, eligible)
			                  : (long)source_flagged(&h, b, eligible);
			if (k <= 0) {
				if (o.flagged)
					printf("Nothing to practise: no question is flagged in the "
					       "latest attempt that showed it.\n");
				else
					printf("Nothing to practise: no question of %s has the %s "
					       "'%s'.\n",
					       b->bp.code, o.tag ? "tag" : "type",
					       o.tag ? o.tag : o.type);
				code = o.flagged ? CLI_EXIT_DONE : CLI_EXIT_INVALID;
				goto done;
			}
			req.eligible = eligible;
			req.allow_fewer = 1;
			if (o.flagged)
				req.last_seen = NULL;
			snprintf(cfg.source, sizeof cfg.source, "%s%s",
			         o.tag    ? "tag "
			         : o.type ? "type "
			                  : "flagged",
			         o.tag    ? o.tag
			         : o.type ? o.type
			                  : "");
		} else if (o.weakest) {
			int any;
			weight = calloc(b->n_questions, sizeof *weight);
			if (weight == NULL || (any = source_weakest(b, last, weight)) < 0) {
				code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
				goto done;
			}
			if (!any)
				printf("No history yet: drawing from every task evenly. "
				       "Take an exam or quiz first to target your weak spots.\n");
			req.weight = weight;
			snprintf(cfg.source, sizeof cfg.source, "weakest");
		}
	}
	struct timelimit_request tl = { .quiz = quiz,
		                        .count = o.study ? (int)n : o.count,
		                        .override_s = o.time_limit,
		                        .esl = o.esl,
		                        .untimed = o.untimed || (o.study && o.time_limit <= 0) };
	cfg.time_limit_s = timelimit_seconds(&b->bp, &tl);
	if (!o.study && draw_items(b, &req, &items, &n, &err) < 0) {
		code = cli_error(CLI_EXIT_INVALID, "%s: %s", b->path, err);
		goto done;
	}
	if (session_new(b, &cfg, items, n, clock_monotonic(), &s, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	s->save_path = save;
	save = NULL;
	if (session_autosave(s) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", s->save_error);
		goto done;
	}
	code = run_session(s, &o, home);
done:
	session_free(s);
	history_free(&h);
	free(seen);
	free(last);
	free(weight);
	free(eligible);
	bank_free(b);
	free(save);
	free(err);
	free(home);
	return code;
}

static int
start(int quiz, int argc, char **argv)
{
	struct start_options o;
	int code;
	if (wants_help(argc, argv)) {
		fputs(quiz ? quiz_help : exam_help, stdout);
		return CLI_EXIT_DONE;
	}
	if ((code = parse_opts(quiz ? "quiz" : "exam", quiz, argc, argv, &o)) != 0)
		return code;
	return cli_start(quiz, &o);
}

int
cmd_exam(int argc, char **argv)
{
	return start(0, argc, argv);
}

int
cmd_quiz(int argc, char **argv)
{
	return start(1, argc, argv);
}

int
cmd_resume(int argc, char **argv)
{
	struct start_options o;
	char *home = NULL, *err = NULL, *save = NULL, *saved_bank = NULL;
	struct bank *b = NULL;
	struct session *s = NULL;
	int code;
	if (wants_help(argc, argv)) {
		fputs(resume_help, stdout);
		return CLI_EXIT_DONE;
	}
	if ((code = parse_opts("resume", 2, argc, argv, &o)) != 0 ||
	    (code = check_out("resume", o.out)) != 0)
		return code;
	if ((code = open_home(&home, &save)) != 0)
		goto done;
	if (access(save, F_OK) != 0) {
		code = cli_error(CLI_EXIT_INVALID,
		                 "there is no interrupted attempt to resume in %s", home);
		goto done;
	}
	if ((code = check_key(home)) != 0)
		goto done;
	/* The saved attempt names its bank; --bank overrides (e.g. a moved bank). */
	const char *bank_path = o.bank;
	if (bank_path == NULL) /* an unreadable attempt is reported by session_restore below */
		bank_path = saved_bank = session_saved_bank(save);
	b = cli_load_bank(cli_bank_path(bank_path), &code);
	if (b == NULL)
		goto done;
	if (session_restore(b, save, clock_monotonic(), &s, &err) < 0) {
		code = cli_error(CLI_EXIT_INVALID, "%s", err);
		goto done;
	}
	s->save_path = save;
	save = NULL;
	if (s->ended == SESSION_END_NONE)
		fprintf(stdout, "Resuming the %s started %s: %zu of %zu answered.\n",
		        session_mode_name(s->cfg.mode), s->started_at, session_count_answered(s),
		        s->n);
	code = run_session(s, &o, home);
done:
	session_free(s);
	bank_free(b);
	free(saved_bank);
	free(save);
	free(err);
	free(home);
	return code;
}
