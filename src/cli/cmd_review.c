/* certsim review: go through a finished attempt, item by item. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/pacing.h"
#include "certsim/result.h"
#include "certsim/study.h"
#include "certsim/textsafe.h"
#include "cli.h"

static const char review_help[] =
    "Usage: certsim review [RESULT|last|N] [--missed|--all|--flagged] [--bank PATH]\n"
    "\n"
    "Go through a finished attempt (default: the last one, missed items; N: the\n"
    "attempt numbered N by 'certsim history' for the same bank's exam). For\n"
    "each item: its number, domain and task, the scenario and stem, every\n"
    "option with your choice and the key marked in words, for ordering and\n"
    "matching your order or pairs and the correct ones, the explanation, the\n"
    "references and the time you spent. A pacing summary comes first.\n"
    "\n"
    "  --missed    items answered wrongly or not at all (default)\n"
    "  --all       every item\n"
    "  --flagged   items you flagged\n"
    "  --bank PATH the bank to show the questions from (default: the one the\n"
    "              attempt names, else the bundled one); any version of a bank\n"
    "              of the same exam: questions changed or removed since are\n"
    "              marked\n"
    "\n"
    "On a terminal the text goes through $PAGER (default: less -R).\n";

/* The letter an id is shown under (from the item's shown order), or '?'. */
static char
letter_of(const struct result_item *it, const char *id)
{
	return answer_letter(result_item_shown_pos(it, id));
}

static const struct choice *
find_choice(const struct choice *c, int n, const char *id)
{
	for (int i = 0; id != NULL && i < n; i++)
		if (strcmp(c[i].id, id) == 0)
			return &c[i];
	return NULL;
}

/* Answer a (the response or the key) in the letters shown, "none" when empty. */
static void
print_answer(FILE *f, const struct result_item *it, const struct result_answer *a)
{
	struct answer_letters l;
	char buf[64];
	result_item_letters(it, a, &l);
	answer_letters_text(&l, buf, sizeof buf);
	fputs(buf[0] ? buf : "none", f);
}

/* The recorded response in letters of the order shown ("none" when unanswered). */
static void
print_response(FILE *f, const struct result_item *it)
{
	print_answer(f, it, &it->response);
}

/* "you selected B; two were required" for an incomplete answer. */
static void
print_incomplete(FILE *f, const struct result_item *it)
{
	fprintf(f, "Incomplete answer: you ");
	if (it->response.kind == RESULT_ANSWER_MAP) {
		fprintf(f, "matched ");
		print_response(f, it);
		fprintf(f, "; all %zu prompts were required.\n", it->key.n);
	} else {
		fprintf(f, "selected ");
		print_response(f, it);
		fprintf(f, "; %s were required.\n", bank_number_word((int)it->key.n));
	}
}

static void
print_item(FILE *f, const struct bank *b, const struct result_item *it, size_t total)
{
	long qi = bank_find(b, it->id);
	const struct result_answer *resp = &it->response, *key = &it->key;
	const char *status = resp->kind == RESULT_ANSWER_NONE ? "UNANSWERED"
	                     : !it->complete                  ? "INCOMPLETE"
	                     : it->correct                    ? "CORRECT"
	                                                      : "INCORRECT";
	char t[32], qh[STUDY_QHASH_HEX + 1];
	clock_format_hms((long)it->seconds, t);
	fprintf(f,
	        "\n==========================================================================\n");
	if (qi < 0) {
		/* Removed from the bank since: what was recorded is all there is. */
		fprintf(f, "Question %d of %zu (", it->n, total);
		textsafe_fputs(it->id, 0, f);
		fputs("): no longer in the bank\n", f);
		fprintf(f, "%s | Time spent: %s%s\nYour answer: ", status, t,
		        it->flagged ? " | Flagged" : "");
		print_response(f, it);
		fputc('\n', f);
		return;
	}
	const struct question *q = &b->questions[qi];
	const struct task *tk = &b->bp.tasks[q->task_idx];
	int d = bank_domain_index(b, q->domain_id);
	fprintf(f, "Question %d of %zu (", it->n, total);
	textsafe_fputs(it->id, 0, f);
	fprintf(f, ") | Domain %d: %s | Task %s %s\n", q->domain_id, b->bp.domains[d].name, tk->id,
	        tk->name);
	fprintf(f, "%s | Time spent: %s%s%s\n", status, t, it->flagged ? " | Flagged" : "",
	        it->unscored ? " | Unscored" : "");
	if (it->qhash != NULL && study_qhash(b, (size_t)qi, qh) == 0 &&
	    strcmp(it->qhash, qh) != 0) {
		fprintf(f,
		        "Changed since this attempt: shown as it is now. Your recorded answer: ");
		print_response(f, it);
		fputc('\n', f);
	}
	if (resp->kind != RESULT_ANSWER_NONE && !it->complete)
		print_incomplete(f, it);
	if (q->case_study >= 0) {
		const struct case_study *cs = &b->case_studies[q->case_study];
		fprintf(f, "\nCase study: %s\n%s\n", cs->title, cs->scenario);
	}
	const char *hint = bank_choose_hint(q);
	fprintf(f, "\n%s%s%s\n\n", q->stem, hint ? " " : "", hint ? hint : "");
	if (q->type == Q_SINGLE || q->type == Q_MULTIPLE) {
		int i = 0;
		for (size_t k = 0; k < it->n_shown; k++) {
			const char *id = it->shown[k];
			if (id == NULL)
				continue;
			const struct choice *c = find_choice(q->choices, q->n_choices, id);
			int mine = result_answer_has(resp, id);
			int right = result_answer_has(key, id);
			fprintf(f, "  %c. %s%s\n", 'A' + i, c ? c->text : "?",
			        mine && right ? "   <- your answer, correct"
			        : mine        ? "   <- your answer, WRONG"
			        : right       ? "   <- correct answer"
			                      : "");
			i++;
		}
		fprintf(f, "\nYour answer: ");
		print_response(f, it);
		fprintf(f, "    Correct answer: ");
		print_answer(f, it, key);
		fputc('\n', f);
	} else if (q->type == Q_ORDERING) {
		for (size_t k = 0; k < it->n_shown; k++) {
			const struct choice *c =
			    find_choice(q->choices, q->n_choices, it->shown[k]);
			fprintf(f, "  %c. %s\n", 'A' + (int)k, c ? c->text : "?");
		}
		fprintf(f, "\nYour order:    ");
		print_response(f, it);
		fprintf(f, "\nCorrect order: ");
		print_answer(f, it, key);
		fprintf(f, "\nIn the correct order:\n");
		for (size_t k = 0; k < key->n; k++) {
			const struct choice *c = find_choice(q->choices, q->n_choices, key->ids[k]);
			fprintf(f, "  %d. %s\n", (int)k + 1, c ? c->text : "?");
		}
	} else {
		fprintf(f, "Options:\n");
		for (size_t k = 0; k < it->n_shown; k++) {
			const struct choice *c =
			    find_choice(q->choices, q->n_choices, it->shown[k]);
			fprintf(f, "  %c. %s\n", 'A' + (int)k, c ? c->text : "?");
		}
		fprintf(f, "Pairs:\n");
		int i = 1;
		for (size_t k = 0; k < it->n_prompts_shown; k++) {
			const char *pid = it->prompts_shown[k];
			if (pid == NULL)
				continue;
			const struct choice *p = find_choice(q->prompts, q->n_prompts, pid);
			const char *mine = result_answer_get(resp, pid);
			const char *right = result_answer_get(key, pid);
			const struct choice *rc = find_choice(q->choices, q->n_choices, right);
			fprintf(f, "  %d. %s\n     your match: %c%s   correct: %c (%s)\n", i++,
			        p ? p->text : "?", *mine ? letter_of(it, mine) : '-',
			        *mine ? (strcmp(mine, right) == 0 ? " (right)" : " (WRONG)")
			              : " (none)",
			        letter_of(it, right), rc ? rc->text : "?");
		}
	}
	if (q->explanation != NULL)
		fprintf(f, "\nExplanation: %s\n", q->explanation);
	for (int i = 0; i < q->n_references; i++)
		fprintf(f, "Reference: %s\n", q->references[i]);
}

/* Pacing against the blueprint's pace: average, slowest items, time left. */
static void
print_pacing(FILE *f, const struct result_file *r, const struct bank *b)
{
	size_t n = r->n_items;
	int64_t *ms = malloc((n ? n : 1) * sizeof *ms);
	struct pacing pc;
	char a[32], p[32], l[32];
	if (ms == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		ms[i] = r->items[i].seconds * 1000;
	pacing_compute(ms, n, r->time_used_s * 1000, pacing_exam_pace_ms(&b->bp), &pc);
	free(ms);
	clock_format_hms((long)pc.average_s, a);
	clock_format_hms((long)(pc.pace_ms / 1000), p);
	fprintf(f, "Pacing: %s per question on average (exam pace %s); %zu of %zu over pace", a, p,
	        pc.over, n);
	if (r->time_limit_s > 0) {
		clock_format_hms((long)(r->time_limit_s - r->time_used_s), l);
		fprintf(f, "; %s left at the end", l);
	}
	fputc('\n', f);
	fprintf(f, "Slowest:");
	for (size_t rank = 0; rank < pc.n_slowest; rank++) {
		const struct result_item *x = &r->items[pc.slowest[rank]];
		clock_format_hms((long)x->seconds, a);
		fprintf(f, "%s question %d (%s)", rank ? "," : "", x->n, a);
	}
	fputc('\n', f);
}

/*
 * Attempt number n (1 = oldest) of exam code as `history` numbers them, or
 * the newest of all attempts when n is 0; NULL (with a message) when there
 * is none.
 */
static char *
numbered_result_path(const char *home, unsigned long n, const char *code, int *code_out)
{
	struct history h;
	char *err = NULL, *path = NULL;
	if (history_load(home, 0, &h, &err) < 0) {
		*code_out = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		free(err);
		return NULL;
	}
	if (n > 0 && code != NULL)
		history_keep_exam(&h, code);
	if (h.n == 0)
		*code_out = cli_error(CLI_EXIT_INVALID,
		                      "no finished attempts yet in %s/results: take one with "
		                      "'certsim exam' or 'certsim quiz'",
		                      home);
	else if (n > h.n)
		*code_out =
		    cli_error(CLI_EXIT_INVALID,
		              "there is no attempt %lu: 'certsim history' lists %zu (1-%zu)", n,
		              h.n, h.n);
	else
		path = fsutil_asprintf("%s", h.v[n > 0 ? n - 1 : h.n - 1].path);
	history_free(&h);
	return path;
}

/* Whether s is a whole number from 1 up (an attempt's number); its value in *n. */
static int
attempt_number(const char *s, unsigned long *n)
{
	char *end;
	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	*n = strtoul(s, &end, 10);
	return *end == '\0' && *n < 1000000;
}

/* Where the review goes: stdout, or a buffer shown through $PAGER at the end. */
struct pager {
	const char *cmd; /* NULL: straight to stdout */
	char *buf;
	size_t len;
};

/*
 * On a terminal the review is gathered in memory and shown through $PAGER
 * (default "less -R") when it is complete, so that a pager that cannot run
 * does not lose it; elsewhere (or with PAGER=cat) it goes to stdout.
 */
static FILE *
pager_open(struct pager *pg)
{
	memset(pg, 0, sizeof *pg);
	if (!isatty(STDOUT_FILENO))
		return stdout;
	const char *cmd = getenv("PAGER");
	if (cmd == NULL || *cmd == '\0')
		cmd = "less -R";
	if (strcmp(cmd, "cat") == 0)
		return stdout;
	FILE *f = open_memstream(&pg->buf, &pg->len);
	if (f == NULL)
		return stdout;
	pg->cmd = cmd;
	return f;
}

/*
 * Show what was gathered through the pager. A pager that cannot be started
 * or exits with a failure gets a warning, and the text goes to stdout
 * plainly instead.
 */
static void
pager_close(struct pager *pg, FILE *f)
{
	if (pg->cmd == NULL) {
		fflush(f);
		return;
	}
	if (fclose(f) != 0 || pg->buf == NULL) {
		free(pg->buf);
		fprintf(stderr, "certsim: out of memory while preparing the review\n");
		return;
	}
	fflush(stdout);
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	FILE *p = popen(pg->cmd, "w");
	int st = -1;
	if (p != NULL) {
		fwrite(pg->buf, 1, pg->len, p);
		st = pclose(p);
	}
	signal(SIGPIPE, old);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		if (st != -1 && WIFEXITED(st))
			fprintf(stderr,
			        "certsim: warning: the pager '%s' failed (exit %d); showing the "
			        "review without it\n",
			        pg->cmd, WEXITSTATUS(st));
		else
			fprintf(
			    stderr,
			    "certsim: warning: the pager '%s' could not run; showing the review "
			    "without it\n",
			    pg->cmd);
		fwrite(pg->buf, 1, pg->len, stdout);
		fflush(stdout);
	}
	free(pg->buf);
}

int
cmd_review(int argc, char **argv)
{
	const char *which = NULL, *bank_opt = NULL;
	enum { SEL_MISSED, SEL_ALL, SEL_FLAGGED } sel = SEL_MISSED;
	int nsel = 0, code = CLI_EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(review_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(argv[i], "--missed") == 0) {
			sel = SEL_MISSED;
			nsel++;
		} else if (strcmp(argv[i], "--all") == 0) {
			sel = SEL_ALL;
			nsel++;
		} else if (strcmp(argv[i], "--flagged") == 0) {
			sel = SEL_FLAGGED;
			nsel++;
		} else if (strcmp(argv[i], "--bank") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("review", "--bank needs a path");
			bank_opt = argv[++i];
		} else if (strncmp(argv[i], "--bank=", 7) == 0) {
			bank_opt = argv[i] + 7;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("review", "unknown option '%s'", argv[i]);
		} else if (which != NULL) {
			return cli_usage_error("review", "review takes one RESULT (or last)");
		} else {
			which = argv[i];
		}
	}
	if (nsel > 1)
		return cli_usage_error("review", "choose one of --missed, --all, --flagged");
	char *err = NULL, *home = NULL, *path = NULL, *summary = NULL;
	struct bank *b = NULL;
	struct result_file *r = NULL;
	if ((home = home_dir(&err)) == NULL) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err);
		goto done;
	}
	unsigned long num = 0;
	if (which == NULL || strcmp(which, "last") == 0) {
		if ((path = numbered_result_path(home, 0, NULL, &code)) == NULL)
			goto done;
	} else if (attempt_number(which, &num) && access(which, F_OK) != 0) {
		/* Numbered as history numbers the exam of the bank in use. */
		struct bank *nb = cli_load_bank(cli_bank_path(bank_opt), &code);
		if (nb == NULL)
			goto done;
		path = numbered_result_path(home, num, nb->bp.code, &code);
		bank_free(nb);
		if (path == NULL)
			goto done;
	} else {
		path = fsutil_asprintf("%s", which);
	}
	if (result_read(path, &r, &err) < 0) {
		code = cli_error(CLI_EXIT_INVALID, "%s", err);
		goto done;
	}
	if (r->problem != NULL) {
		code = cli_error(CLI_EXIT_INVALID, "%s: not a consistent result: %s", path,
		                 r->problem);
		goto done;
	}
	/* The bank the attempt names (exam.bank_path), unless --bank says
	 * otherwise or it is gone; then the usual choice. Another version of
	 * the bank is fine: items are matched by id. */
	const char *bank_path = bank_opt;
	if (bank_path == NULL && r->bank_path != NULL && access(r->bank_path, F_OK) == 0)
		bank_path = r->bank_path;
	if ((b = cli_load_bank(cli_bank_path(bank_path), &code)) == NULL)
		goto done;
	if (r->exam_code == NULL || strcmp(r->exam_code, b->bp.code) != 0) {
		code =
		    cli_error(CLI_EXIT_INVALID,
		              "%s is an attempt at %s; the bank at %s is for %s. Pass a bank for "
		              "%s with --bank PATH.",
		              path, r->exam_code ? r->exam_code : "?", b->path, b->bp.code,
		              r->exam_code ? r->exam_code : "?");
		goto done;
	}
	int other_version = strcmp(r->bank_fingerprint, b->fingerprint_hex) != 0;
	/* Review still works for an unverified result, but says so. */
	free(err);
	err = NULL;
	if (result_verify(path, NULL, home, &summary, &err) < 0)
		fprintf(stderr, "certsim: note: %s\n", err);

	struct pager pg;
	FILE *f = pager_open(&pg);
	size_t total = r->n_items, shown = 0;
	char used[32];
	clock_format_hms((long)r->time_used_s, used);
	fputs("Review of ", f);
	textsafe_fputs(path, 0, f);
	fputc('\n', f);
	/* Mode, code and time come from the result file: escaped. */
	textsafe_fputs(r->mode, 0, f);
	fputc(' ', f);
	textsafe_fputs(r->exam_code, 0, f);
	fputs(", finished ", f);
	textsafe_fputs(r->finished_at, 0, f);
	fprintf(f, ": scaled %d (%s), %d of %d correct, time used %s\n", r->score.scaled,
	        r->score.passed ? "PASS" : "FAIL", r->score.correct, r->score.scored, used);
	if (other_version)
		fprintf(f, "The bank has changed since this attempt: questions are matched by id; "
		           "changed and removed ones are marked.\n");
	print_pacing(f, r, b);
	for (size_t i = 0; i < total; i++) {
		const struct result_item *it = &r->items[i];
		int pick = sel == SEL_ALL ||
		           (sel == SEL_MISSED && answer_missed(result_item_status(it))) ||
		           (sel == SEL_FLAGGED && it->flagged);
		if (!pick)
			continue;
		print_item(f, b, it, total);
		shown++;
	}
	const char *what = sel == SEL_ALL      ? "items"
	                   : sel == SEL_MISSED ? "missed items"
	                                       : "flagged items";
	if (shown == 0)
		fprintf(f, "\nNo %s in this attempt.\n", what);
	else
		fprintf(f, "\n%zu %s shown.\n", shown, what);
	pager_close(&pg, f);
done:
	result_file_free(r);
	bank_free(b);
	free(summary);
	free(path);
	free(home);
	free(err);
	return code;
}
