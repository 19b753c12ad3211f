/* certsim review|history: go through a finished attempt; attempts, trends and readiness. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/clock.h"
#include "certsim/fsutil.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "cli.h"

static const char review_help[] =
    "Usage: certsim review [RESULT|last] [--missed|--all|--flagged] [--bank PATH]\n"
    "\n"
    "Go through a finished attempt (default: the last one, missed items). For\n"
    "each item: its number, domain and task, the scenario and stem, every\n"
    "option with your choice and the key marked in words, for ordering and\n"
    "matching your order or pairs and the correct ones, the explanation, the\n"
    "references and the time you spent. A pacing summary comes first.\n"
    "\n"
    "  --missed    items answered wrongly or not at all (default)\n"
    "  --all       every item\n"
    "  --flagged   items you flagged\n"
    "  --bank PATH the bank the attempt was taken on (needed for someone\n"
    "              else's result if it used another bank; it must have the\n"
    "              same fingerprint)\n"
    "\n"
    "On a terminal the text goes through $PAGER (default: less -R).\n";

static const char history_help[] =
    "Usage: certsim history [--json]\n"
    "\n"
    "Every attempt in $CERTSIM_HOME/results: date, mode, items, correct,\n"
    "scaled score, PASS/FAIL, time used and signature status (valid, INVALID\n"
    "or unsigned); per-domain and per-task trends over the last attempts; and\n"
    "a readiness line from the study guide's checklist: ready when the last\n"
    "three full practice exams each scored at least 80% raw. Results that\n"
    "fail verification are shown as INVALID and left out of trends and\n"
    "readiness. --json prints the same as JSON.\n";

#define TREND_LEN 5
#define READY_PERCENT 80.0

static double
num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valuedouble : 0;
}

static const char *
str(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : "";
}

static const cJSON *
get(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The letter an id is shown under (from the item's shown order), or '?'. */
static char
letter_of(const cJSON *shown, const char *id)
{
	int i = 0;
	const cJSON *x;
	cJSON_ArrayForEach(x, shown) {
		if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0)
			return (char)('A' + i);
		i++;
	}
	return '?';
}

static int
array_has(const cJSON *a, const char *id)
{
	const cJSON *x;
	cJSON_ArrayForEach(x, a) if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0) return 1;
	return 0;
}

static const struct choice *
find_choice(const struct choice *c, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].id, id) == 0)
			return &c[i];
	return NULL;
}

static void
print_letters(FILE *f, const cJSON *ids, const cJSON *shown)
{
	const cJSON *x;
	int first = 1;
	cJSON_ArrayForEach(x, ids) {
		if (!cJSON_IsString(x))
			continue;
		fprintf(f, "%s%c", first ? "" : " ", letter_of(shown, x->valuestring));
		first = 0;
	}
}

static void
print_item(FILE *f, const struct bank *b, const cJSON *it, size_t total)
{
	const char *qid = str(it, "id");
	long qi = bank_find(b, qid);
	const cJSON *shown = get(it, "shown"), *resp = get(it, "response"), *key = get(it, "key");
	char t[32];
	clock_format_hms((long)num(it, "seconds"), t);
	fprintf(f, "\n==========================================================================\n");
	if (qi < 0) {
		fprintf(f, "Question %g of %zu (%s): not in this bank any more\n", num(it, "n"), total, qid);
		return;
	}
	const struct question *q = &b->questions[qi];
	const struct task *tk = &b->bp.tasks[q->task];
	int d = bank_domain_index(b, q->domain);
	int correct = cJSON_IsTrue(get(it, "correct"));
	fprintf(f, "Question %g of %zu (%s) | Domain %d: %s | Task %s %s\n", num(it, "n"), total,
	        qid, q->domain, b->bp.domains[d].name, tk->id, tk->name);
	fprintf(f, "%s | Time spent: %s%s%s\n",
	        cJSON_IsNull(resp) ? "UNANSWERED" : correct ? "CORRECT" : "INCORRECT", t,
	        cJSON_IsTrue(get(it, "flagged")) ? " | Flagged" : "",
	        cJSON_IsFalse(get(it, "scored")) ? " | Unscored" : "");
	if (q->case_study >= 0) {
		const struct case_study *cs = &b->case_studies[q->case_study];
		fprintf(f, "\nCase study: %s\n%s\n", cs->title, cs->scenario);
	}
	const char *hint = bank_choose_hint(q);
	fprintf(f, "\n%s%s%s\n\n", q->stem, hint ? " " : "", hint ? hint : "");
	if (q->type == Q_SINGLE || q->type == Q_MULTIPLE) {
		int i = 0;
		const cJSON *x;
		cJSON_ArrayForEach(x, shown) {
			if (!cJSON_IsString(x))
				continue;
			const struct choice *c = find_choice(q->choices, q->n_choices, x->valuestring);
			int mine = cJSON_IsArray(resp) && array_has(resp, x->valuestring);
			int right = array_has(key, x->valuestring);
			fprintf(f, "  %c. %s%s\n", 'A' + i, c ? c->text : "?",
			        mine && right ? "   <- your answer, correct"
			        : mine        ? "   <- your answer, WRONG"
			        : right       ? "   <- correct answer"
			                      : "");
			i++;
		}
		fprintf(f, "\nYour answer: ");
		if (cJSON_IsArray(resp))
			print_letters(f, resp, shown);
		else
			fprintf(f, "none");
		fprintf(f, "    Correct answer: ");
		print_letters(f, key, shown);
		fputc('\n', f);
	} else if (q->type == Q_ORDERING) {
		int i = 0;
		const cJSON *x;
		cJSON_ArrayForEach(x, shown) {
			const struct choice *c = cJSON_IsString(x)
			    ? find_choice(q->choices, q->n_choices, x->valuestring) : NULL;
			fprintf(f, "  %c. %s\n", 'A' + i++, c ? c->text : "?");
		}
		fprintf(f, "\nYour order:    ");
		if (cJSON_IsArray(resp))
			print_letters(f, resp, shown);
		else
			fprintf(f, "none");
		fprintf(f, "\nCorrect order: ");
		print_letters(f, key, shown);
		fprintf(f, "\nIn the correct order:\n");
		i = 1;
		cJSON_ArrayForEach(x, key) {
			const struct choice *c = cJSON_IsString(x)
			    ? find_choice(q->choices, q->n_choices, x->valuestring) : NULL;
			fprintf(f, "  %d. %s\n", i++, c ? c->text : "?");
		}
	} else {
		int i = 0;
		const cJSON *x;
		fprintf(f, "Options:\n");
		cJSON_ArrayForEach(x, shown) {
			const struct choice *c = cJSON_IsString(x)
			    ? find_choice(q->choices, q->n_choices, x->valuestring) : NULL;
			fprintf(f, "  %c. %s\n", 'A' + i++, c ? c->text : "?");
		}
		fprintf(f, "Pairs:\n");
		i = 1;
		cJSON_ArrayForEach(x, get(it, "prompts_shown")) {
			if (!cJSON_IsString(x))
				continue;
			const struct choice *p = find_choice(q->prompts, q->n_prompts, x->valuestring);
			const char *mine = cJSON_IsObject(resp) ? str(resp, x->valuestring) : "";
			const char *right = str(key, x->valuestring);
			const struct choice *rc = find_choice(q->choices, q->n_choices, right);
			fprintf(f, "  %d. %s\n     your match: %c%s   correct: %c (%s)\n", i++,
			        p ? p->text : "?", *mine ? letter_of(shown, mine) : '-',
			        *mine ? (strcmp(mine, right) == 0 ? " (right)" : " (WRONG)") : " (none)",
			        letter_of(shown, right), rc ? rc->text : "?");
		}
	}
	if (q->explanation != NULL)
		fprintf(f, "\nExplanation: %s\n", q->explanation);
	for (int i = 0; i < q->n_references; i++)
		fprintf(f, "Reference: %s\n", q->references[i]);
}

/* Pacing against the blueprint's pace: average, slowest items, time left. */
static void
print_pacing(FILE *f, const cJSON *r, const struct bank *b)
{
	const cJSON *items = get(r, "items"), *it;
	int n = cJSON_GetArraySize(items);
	double pace = b->bp.duration_minutes * 60.0 / b->bp.questions;
	double used = num(r, "time_used_s"), limit = num(r, "time_limit_s");
	int over = 0;
	char a[32], p[32], l[32];
	cJSON_ArrayForEach(it, items) over += num(it, "seconds") > pace;
	clock_format_hms(n ? (long)(used / n + 0.5) : 0, a);
	clock_format_hms((long)pace, p);
	fprintf(f, "Pacing: %s per question on average (exam pace %s); %d of %d over pace", a, p,
	        over, n);
	if (limit > 0) {
		clock_format_hms((long)(limit - used), l);
		fprintf(f, "; %s left at the end", l);
	}
	fputc('\n', f);
	/* The three slowest items. */
	int best[3] = { -1, -1, -1 }, k = 0;
	for (int rank = 0; rank < 3 && rank < n; rank++) {
		double top = -1;
		k = 0;
		cJSON_ArrayForEach(it, items) {
			int taken = (k == best[0] || k == best[1]);
			if (!taken && num(it, "seconds") > top) {
				top = num(it, "seconds");
				best[rank] = k;
			}
			k++;
		}
	}
	fprintf(f, "Slowest:");
	for (int rank = 0; rank < 3 && rank < n; rank++) {
		const cJSON *x = cJSON_GetArrayItem(items, best[rank]);
		clock_format_hms((long)num(x, "seconds"), a);
		fprintf(f, "%s question %g (%s)", rank ? "," : "", num(x, "n"), a);
	}
	fputc('\n', f);
}

/* The newest result in home, or NULL (with a message). */
static char *
last_result_path(const char *home, int *code)
{
	struct history h;
	char *err = NULL, *path = NULL;
	if (history_load(home, 0, &h, &err) < 0) {
		*code = cli_error(EXIT_SYSTEM, "%s", err);
		free(err);
		return NULL;
	}
	if (h.n == 0)
		*code = cli_error(EXIT_INVALID, "no finished attempts yet in %s/results: take one with 'certsim exam' or 'certsim quiz'",
		                  home);
	else
		path = fsutil_asprintf("%s", h.v[h.n - 1].path);
	history_free(&h);
	return path;
}

/* Open $PAGER on a terminal, else stdout. */
static FILE *
open_pager(int *piped)
{
	*piped = 0;
	if (!isatty(STDOUT_FILENO))
		return stdout;
	const char *pager = getenv("PAGER");
	if (pager == NULL || *pager == '\0')
		pager = "less -R";
	if (strcmp(pager, "cat") == 0)
		return stdout;
	fflush(stdout);
	signal(SIGPIPE, SIG_IGN);
	FILE *p = popen(pager, "w");
	if (p == NULL)
		return stdout;
	*piped = 1;
	return p;
}

int
cmd_review(int argc, char **argv)
{
	const char *which = NULL, *bank_opt = NULL;
	enum { SEL_MISSED, SEL_ALL, SEL_FLAGGED } sel = SEL_MISSED;
	int nsel = 0, code = EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(review_help, stdout);
			return EXIT_DONE;
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
	cJSON *r = NULL;
	if ((home = home_dir(&err)) == NULL) {
		code = cli_error(EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (which == NULL || strcmp(which, "last") == 0) {
		if ((path = last_result_path(home, &code)) == NULL)
			goto done;
	} else {
		path = fsutil_asprintf("%s", which);
	}
	if ((r = result_load(path, &err)) == NULL) {
		code = cli_error(EXIT_INVALID, "%s", err);
		goto done;
	}
	if (result_check(r, &err) < 0) {
		code = cli_error(EXIT_INVALID, "%s: not a consistent result: %s", path, err);
		goto done;
	}
	const cJSON *exam = get(r, "exam");
	const char *fp = str(exam, "bank_fingerprint");
	if ((b = cli_load_bank(cli_bank_path(bank_opt), &code)) == NULL)
		goto done;
	if (strcmp(fp, b->fingerprint_hex) != 0) {
		code = cli_error(EXIT_INVALID,
		                 "%s was taken on a different bank (fingerprint %.16s...); the bank at %s "
		                 "has fingerprint %.16s... Pass the bank it was taken on with --bank PATH.",
		                 path, fp, b->path, b->fingerprint_hex);
		goto done;
	}
	/* Review still works for an unverified result, but says so. */
	free(err);
	err = NULL;
	if (result_verify(path, NULL, home, &summary, &err) < 0)
		fprintf(stderr, "certsim: note: %s\n", err);

	int piped;
	FILE *f = open_pager(&piped);
	const cJSON *items = get(r, "items"), *it, *score = get(r, "score");
	size_t total = (size_t)cJSON_GetArraySize(items), shown = 0;
	char used[32];
	clock_format_hms((long)num(r, "time_used_s"), used);
	fprintf(f, "Review of %s\n", path);
	fprintf(f, "%s %s, finished %s: scaled %g (%s), %g of %g correct, time used %s\n",
	        str(r, "mode"), str(exam, "code"), str(r, "finished_at"), num(score, "scaled"),
	        cJSON_IsTrue(get(score, "passed")) ? "PASS" : "FAIL", num(score, "correct"),
	        num(score, "scored"), used);
	print_pacing(f, r, b);
	cJSON_ArrayForEach(it, items) {
		int pick = sel == SEL_ALL ||
		           (sel == SEL_MISSED && !cJSON_IsTrue(get(it, "correct"))) ||
		           (sel == SEL_FLAGGED && cJSON_IsTrue(get(it, "flagged")));
		if (!pick)
			continue;
		print_item(f, b, it, total);
		shown++;
	}
	const char *what = sel == SEL_ALL ? "items" : sel == SEL_MISSED ? "missed items" : "flagged items";
	if (shown == 0)
		fprintf(f, "\nNo %s in this attempt.\n", what);
	else
		fprintf(f, "\n%zu %s shown.\n", shown, what);
	if (piped)
		pclose(f);
	else
		fflush(f);
done:
	cJSON_Delete(r);
	bank_free(b);
	free(summary);
	free(path);
	free(home);
	free(err);
	return code;
}

static const char *
sig_name(enum sig_status s)
{
	return s == SIG_VALID ? "valid" : s == SIG_INVALID ? "INVALID" : "unsigned";
}

/* "exam" or "quiz (domain 2)". */
static void
mode_label(const cJSON *r, char *buf, size_t n)
{
	const char *mode = str(r, "mode");
	const cJSON *quiz = get(r, "quiz");
	if (strcmp(mode, "quiz") == 0 && cJSON_IsObject(quiz))
		snprintf(buf, n, "quiz (%s)", str(quiz, "source"));
	else
		snprintf(buf, n, "%s", mode);
}

/* Percent for domain/task id in a result's parts, or -1 if absent. */
static double
part_percent(const cJSON *r, const char *list, const cJSON *id)
{
	const cJSON *p;
	cJSON_ArrayForEach(p, get(r, list)) {
		const cJSON *pid = get(p, "id");
		if ((cJSON_IsNumber(id) && cJSON_IsNumber(pid) && id->valuedouble == pid->valuedouble) ||
		    (cJSON_IsString(id) && cJSON_IsString(pid) && strcmp(id->valuestring, pid->valuestring) == 0))
			return num(p, "percent");
	}
	return -1;
}

/* Trend rows for domains ("domains") or tasks ("tasks") over valid attempts. */
static void
trends(const struct history *h, const struct bank *b, const char *list, cJSON *json,
       FILE *f)
{
	int is_task = strcmp(list, "tasks") == 0;
	int n = is_task ? b->bp.n_tasks : b->bp.n_domains;
	cJSON *arr = json ? cJSON_AddArrayToObject(json, list) : NULL;
	for (int i = 0; i < n; i++) {
		cJSON *id = is_task ? cJSON_CreateString(b->bp.tasks[i].id)
		                    : cJSON_CreateNumber(b->bp.domains[i].id);
		double v[TREND_LEN];
		int k = 0;
		for (size_t a = h->n; a-- > 0 && k < TREND_LEN;) {
			if (h->v[a].sig != SIG_VALID)
				continue;
			double p = part_percent(h->v[a].json, list, id);
			if (p >= 0)
				v[k++] = p;
		}
		if (json) {
			cJSON *o = cJSON_CreateObject(), *t;
			cJSON_AddItemToObject(o, "id", cJSON_Duplicate(id, 1));
			cJSON_AddStringToObject(o, "name", is_task ? b->bp.tasks[i].name
			                                           : b->bp.domains[i].name);
			t = cJSON_AddArrayToObject(o, "percent");
			for (int j = k; j-- > 0;)
				cJSON_AddItemToArray(t, cJSON_CreateNumber(v[j]));
			cJSON_AddItemToArray(arr, o);
		} else if (k > 0) {
			char label[80];
			if (is_task)
				snprintf(label, sizeof label, "  %s %s", b->bp.tasks[i].id, b->bp.tasks[i].name);
			else
				snprintf(label, sizeof label, "%d %s", b->bp.domains[i].id, b->bp.domains[i].name);
			fprintf(f, "%-52.52s", label);
			for (int j = k; j-- > 0;)
				fprintf(f, " %3.0f%%", v[j]);
			if (k >= 2)
				fprintf(f, "  %s", v[0] > v[1] + 0.5 ? "up" : v[0] < v[1] - 0.5 ? "down" : "flat");
			fputc('\n', f);
		}
		cJSON_Delete(id);
	}
}

int
cmd_history(int argc, char **argv)
{
	int json = 0, code = EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(history_help, stdout);
			return EXIT_DONE;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else {
			return cli_usage_error("history", "unknown argument '%s'", argv[i]);
		}
	}
	char *err = NULL, *home = home_dir(&err);
	struct history h = { 0 };
	struct bank *b = NULL;
	cJSON *out = NULL;
	if (home == NULL) {
		code = cli_error(EXIT_SYSTEM, "%s", err);
		goto done;
	}
	if (history_load(home, 1, &h, &err) < 0) {
		code = cli_error(EXIT_SYSTEM, "%s", err);
		goto done;
	}
	/* Trends need the blueprint's domains and tasks: the default bank's. */
	struct diag d = { 0 };
	bank_load(cli_bank_path(NULL), &d, &b);
	diag_free(&d);

	/* Readiness: the last three valid full exams, each >= 80% raw. */
	double last[3];
	int nlast = 0, ready;
	for (size_t a = h.n; a-- > 0 && nlast < 3;) {
		const cJSON *r = h.v[a].json;
		if (h.v[a].sig == SIG_VALID && strcmp(str(r, "mode"), "exam") == 0)
			last[nlast++] = num(get(r, "score"), "percent");
	}
	ready = nlast == 3 && last[0] >= READY_PERCENT && last[1] >= READY_PERCENT &&
	        last[2] >= READY_PERCENT;
	char msg[256];
	if (ready) {
		snprintf(msg, sizeof msg,
		         "READY: your last three full practice exams scored %.0f%%, %.0f%% and %.0f%% (80%%+ each)",
		         last[2], last[1], last[0]);
	} else {
		int below = 0;
		for (int i = 0; i < nlast; i++)
			below += last[i] < READY_PERCENT;
		if (nlast == 0)
			snprintf(msg, sizeof msg,
			         "NOT READY YET: no valid full practice exam yet; the goal is three in a row at 80%%+ (certsim exam)");
		else if (below == 0)
			snprintf(msg, sizeof msg,
			         "NOT READY YET: %d of the 3 full exams needed at 80%%+ so far; take %d more",
			         nlast, 3 - nlast);
		else
			snprintf(msg, sizeof msg,
			         "NOT READY YET: %d of your last %d full exams scored under 80%% (latest %.0f%%); the goal is three in a row at 80%%+",
			         below, nlast, last[0]);
	}

	if (json) {
		out = cJSON_CreateObject();
		cJSON *arr = cJSON_AddArrayToObject(out, "attempts");
		for (size_t a = 0; a < h.n; a++) {
			const cJSON *r = h.v[a].json, *score = get(r, "score");
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "path", h.v[a].path);
			cJSON_AddStringToObject(o, "finished_at", h.v[a].finished_at);
			cJSON_AddStringToObject(o, "mode", str(r, "mode"));
			if (cJSON_IsObject(get(r, "quiz")))
				cJSON_AddStringToObject(o, "source", str(get(r, "quiz"), "source"));
			cJSON_AddNumberToObject(o, "items", cJSON_GetArraySize(get(r, "items")));
			cJSON_AddNumberToObject(o, "correct", num(score, "correct"));
			cJSON_AddNumberToObject(o, "scored", num(score, "scored"));
			cJSON_AddNumberToObject(o, "percent", num(score, "percent"));
			cJSON_AddNumberToObject(o, "scaled", num(score, "scaled"));
			cJSON_AddBoolToObject(o, "passed", cJSON_IsTrue(get(score, "passed")));
			cJSON_AddNumberToObject(o, "time_used_s", num(r, "time_used_s"));
			cJSON_AddStringToObject(o, "signature", sig_name(h.v[a].sig));
			if (h.v[a].sig_reason)
				cJSON_AddStringToObject(o, "signature_problem", h.v[a].sig_reason);
			cJSON_AddItemToArray(arr, o);
		}
		if (b != NULL) {
			trends(&h, b, "domains", out, NULL);
			trends(&h, b, "tasks", out, NULL);
		}
		cJSON *rd = cJSON_AddObjectToObject(out, "readiness");
		cJSON_AddBoolToObject(rd, "ready", ready);
		cJSON *le = cJSON_AddArrayToObject(rd, "last_exams_percent");
		for (int i = nlast; i-- > 0;)
			cJSON_AddItemToArray(le, cJSON_CreateNumber(last[i]));
		cJSON_AddStringToObject(rd, "message", msg);
		char *text = cJSON_Print(out);
		if (text == NULL) {
			code = cli_error(EXIT_SYSTEM, "out of memory");
			goto done;
		}
		puts(text);
		free(text);
		goto done;
	}

	if (h.n == 0) {
		printf("No attempts yet in %s/results. Start with: certsim exam (or certsim quiz)\n", home);
		printf("%s\n", msg);
		goto done;
	}
	printf("%-20s %-20s %5s %7s %6s %-4s %8s  %s\n", "Finished (UTC)", "Mode", "Items",
	       "Correct", "Scaled", "", "Time", "Signature");
	for (size_t a = 0; a < h.n; a++) {
		const cJSON *r = h.v[a].json, *score = get(r, "score");
		char label[64], t[32];
		mode_label(r, label, sizeof label);
		clock_format_hms((long)num(r, "time_used_s"), t);
		printf("%-20.20s %-20.20s %5d %3g/%-3g %6g %-4s %8s  %s\n", h.v[a].finished_at, label,
		       cJSON_GetArraySize(get(r, "items")), num(score, "correct"), num(score, "scored"),
		       num(score, "scaled"), cJSON_IsTrue(get(score, "passed")) ? "PASS" : "FAIL", t,
		       sig_name(h.v[a].sig));
	}
	if (b != NULL) {
		printf("\nTrend by domain (percent correct, oldest to newest, last %d valid attempts):\n",
		       TREND_LEN);
		trends(&h, b, "domains", NULL, stdout);
		printf("\nTrend by task:\n");
		trends(&h, b, "tasks", NULL, stdout);
	}
	printf("\n%s\n", msg);
done:
	cJSON_Delete(out);
	bank_free(b);
	history_free(&h);
	free(home);
	free(err);
	return code;
}
