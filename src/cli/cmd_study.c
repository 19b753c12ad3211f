/* certsim study: a spaced-repetition session of what is due, or the schedule (--schedule). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/clock.h"
#include "certsim/draw.h"
#include "certsim/history.h"
#include "certsim/home.h"
#include "certsim/record.h"
#include "certsim/rng.h"
#include "certsim/study.h"
#include "certsim/study_json.h"
#include "cli.h"

static const char study_help[] =
    "Usage: certsim study [--count K] [--new K] [--domain N|--task T|--tag TAG] [options]\n"
    "       certsim study --schedule [--json] [--domain N|--task T|--tag TAG] [--bank PATH]\n"
    "\n"
    "Spaced repetition (FSRS-6, as Anki schedules cards; docs/study.md): every\n"
    "answer in your signed exams, quizzes and study sessions is a review of\n"
    "that question, and each question falls due again when you are about to\n"
    "forget it. A session serves the questions due now, most overdue first,\n"
    "then questions you have never seen, with immediate feedback, and writes\n"
    "a signed result (mode \"study\") that schedules them again.\n"
    "\n"
    "Options:\n"
    "  --count K              at most K due questions (default 20)\n"
    "  --new K                then at most K never-seen questions (default 10)\n"
    "  --domain N             only domain N (1-4 for MLA-C01)\n"
    "  --task T               only task T, e.g. 2.2\n"
    "  --tag TAG              only questions tagged TAG (certsim bank search shows tags)\n"
    "  --schedule             print the schedule instead: every question you have\n"
    "                         seen, its reviews, stability, difficulty and due time,\n"
    "                         and how many are due now and within 7 days\n"
    "  --json                 with --schedule: the schedule as JSON\n"
    "  --time-limit DURATION  a time limit (default: untimed)\n"
    "  --seed N, --bank PATH, --plain, --out FILE, --discard-saved\n"
    "                         as for 'certsim quiz'\n"
    "\n"
    "Filters combine: --domain 2 --tag sagemaker is domain 2's SageMaker questions.\n"
    "Only results with a valid signature and the bank's exam code count.\n";

/* Options of study beyond start_options. */
struct study_opts {
	struct start_options start;
	int schedule, json;
};

static int
parse_count(const char *cmd, const char *opt, const char *val, int *out)
{
	char *end;
	errno = 0;
	long v = val != NULL && *val >= '0' && *val <= '9' ? strtol(val, &end, 10) : -1;
	if (v < 0 || errno || *end || v > 10000)
		return cli_usage_error(cmd, "%s takes a whole number from 0 to 10000, not '%s'",
		                       opt, val ? val : "");
	*out = (int)v;
	return 0;
}

static int
parse_study(int argc, char **argv, struct study_opts *so)
{
	struct start_options *o = &so->start;
	memset(so, 0, sizeof *so);
	cli_start_defaults(o);
	o->study = 1;
	o->new_count = 10;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i], *val = cli_opt_split(a);
#define NEED_VALUE()                                                  \
	do {                                                          \
		if (cli_opt_value("study", argc, argv, &i, &val) < 0) \
			return CLI_EXIT_USAGE;                        \
	} while (0)
		int code;
		if (strcmp(a, "--schedule") == 0) {
			so->schedule = 1;
		} else if (strcmp(a, "--json") == 0) {
			so->json = 1;
		} else if (strcmp(a, "--bank") == 0) {
			NEED_VALUE();
			o->bank = val;
		} else if (strcmp(a, "--plain") == 0) {
			o->plain = 1;
		} else if (strcmp(a, "--discard-saved") == 0) {
			o->discard = 1;
		} else if (strcmp(a, "--out") == 0) {
			NEED_VALUE();
			o->out = val;
		} else if (strcmp(a, "--tag") == 0) {
			NEED_VALUE();
			o->tag = val;
		} else if (strcmp(a, "--task") == 0) {
			NEED_VALUE();
			o->task = val;
		} else if (strcmp(a, "--domain") == 0) {
			NEED_VALUE();
			if ((code = parse_count("study", a, val, &o->domain)) != 0)
				return code;
			if (o->domain == 0)
				return cli_usage_error("study",
				                       "--domain takes a domain number, e.g. 2");
		} else if (strcmp(a, "--count") == 0) {
			NEED_VALUE();
			if ((code = parse_count("study", a, val, &o->count)) != 0)
				return code;
		} else if (strcmp(a, "--new") == 0) {
			NEED_VALUE();
			if ((code = parse_count("study", a, val, &o->new_count)) != 0)
				return code;
		} else if (strcmp(a, "--seed") == 0) {
			NEED_VALUE();
			if (cli_start_seed("study", val, o) != 0)
				return CLI_EXIT_USAGE;
		} else if (strcmp(a, "--time-limit") == 0) {
			NEED_VALUE();
			if ((o->time_limit = clock_parse_duration(val)) < 0)
				return cli_usage_error("study",
				                       "--time-limit takes a duration such as 90s, "
				                       "45m, 2h or 1h30m, not '%s'",
				                       val);
		} else {
			return cli_usage_error("study",
			                       a[0] == '-' ? "unknown option '%s'"
			                                   : "unexpected argument '%s'",
			                       a);
		}
#undef NEED_VALUE
	}
	if (so->json && !so->schedule)
		return cli_usage_error("study", "--json goes with --schedule");
	return 0;
}

/* The filter of o on b as a mask (caller frees). Returns 0, or an exit code after a message. */
static int
study_filter_mask(const struct bank *b, const struct start_options *o, unsigned char **mask,
                  char *label, size_t len)
{
	struct study_filter f = { o->domain, -1, o->tag };
	*mask = NULL;
	if (o->domain > 0 && bank_domain_index(b, o->domain) < 0)
		return cli_usage_error("study", "there is no domain %d in %s", o->domain,
		                       b->bp.code);
	if (o->task != NULL && (f.task = bank_task_index(b, o->task)) < 0)
		return cli_usage_error("study", "there is no task '%s' in %s (tasks look like 2.2)",
		                       o->task, b->bp.code);
	if ((*mask = malloc(b->n_questions ? b->n_questions : 1)) == NULL)
		return cli_error(CLI_EXIT_SYSTEM, "out of memory");
	if (study_mask(b, &f, *mask) == 0)
		return cli_error(CLI_EXIT_INVALID, "no question of %s matches%s%s%s%s%s%s",
		                 b->bp.code, o->domain ? " the domain" : "",
		                 o->task ? " the task " : "", o->task ? o->task : "",
		                 o->tag ? " the tag '" : "", o->tag ? o->tag : "",
		                 o->tag ? "'" : "");
	int k = snprintf(label, len, "study");
	if (o->domain > 0 && k > 0 && (size_t)k < len)
		k += snprintf(label + k, len - (size_t)k, " domain %d", o->domain);
	if (o->task != NULL && k > 0 && (size_t)k < len)
		k += snprintf(label + k, len - (size_t)k, " task %s", b->bp.tasks[f.task].id);
	if (o->tag != NULL && k > 0 && (size_t)k < len)
		snprintf(label + k, len - (size_t)k, " tag %s", o->tag);
	return 0;
}

/* "2026-12-05 09:00 UTC (in 2 days)" for a due time after now. */
static void
format_due(int64_t due, int64_t now, char *out, size_t n)
{
	char iso[32];
	int64_t min = (due - now + 59999) / 60000;
	clock_format_iso_ms(due, iso);
	iso[10] = ' ';
	iso[16] = '\0';
	if (min < 60)
		snprintf(out, n, "%s UTC (in %lld minute%s)", iso, (long long)min,
		         min == 1 ? "" : "s");
	else if (min < 48 * 60)
		snprintf(out, n, "%s UTC (in %lld hours)", iso, (long long)((min + 59) / 60));
	else
		snprintf(out, n, "%s UTC (in %lld days)", iso,
		         (long long)((min + 24 * 60 - 1) / (24 * 60)));
}

int
cli_study_draw(const struct bank *b, const struct history *h, const struct start_options *o,
               uint64_t seed, struct draw_item **items, size_t *n, char *source, size_t len)
{
	struct study *st = NULL;
	unsigned char *mask = NULL;
	int *qs = NULL, code;
	size_t nq = 0, ndue = 0;
	*items = NULL;
	*n = 0;
	if ((code = study_filter_mask(b, o, &mask, source, len)) != 0)
		goto done;
	if (record_study(h, b, &st) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	int64_t now = clock_utc_now_ms();
	struct study_select sel = { now, o->count, o->new_count, seed, mask };
	if (study_select(st, &sel, &qs, &nq, &ndue) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	if (ndue == 0) {
		struct study_summary sum;
		char when[128];
		study_summarize(st, now, mask, &sum);
		if (sum.due_now > 0)
			printf("%zu question%s due now (--count 0).", sum.due_now,
			       sum.due_now == 1 ? " is" : "s are");
		else
			printf("Nothing is due now.");
		if (sum.due_now == 0 && sum.has_next) {
			format_due(sum.next_due, now, when, sizeof when);
			printf(" The next question is due %s; %zu due within 7 days.", when,
			       sum.due_week);
		} else if (sum.seen == 0) {
			printf(" You have not answered any of these questions yet.");
		}
		if (nq > 0)
			printf(" Studying %zu new question%s.\n", nq, nq == 1 ? "" : "s");
		else
			printf(" No new question is left%s.\n", sum.unseen ? " (--new 0)" : "");
	} else {
		printf("Studying %zu due question%s and %zu new.\n", ndue, ndue == 1 ? "" : "s",
		       nq - ndue);
	}
	fflush(stdout);
	if (nq > 0 && draw_arrange(b, qs, nq, seed, items) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	*n = nq;
done:
	free(qs);
	free(mask);
	study_free(st);
	return code;
}

/* Print the schedule (--schedule) as a table or JSON. */
static int
schedule(const struct study_opts *so)
{
	const struct start_options *o = &so->start;
	struct history h = { 0 };
	struct study *st = NULL;
	unsigned char *mask = NULL;
	char *home = NULL, *err = NULL, label[96];
	struct bank *b = NULL;
	int code = 0;

	if ((b = cli_load_bank(cli_bank_path(o->bank), &code)) == NULL)
		goto done;
	if ((code = study_filter_mask(b, o, &mask, label, sizeof label)) != 0)
		goto done;
	if ((home = home_dir(&err)) == NULL || history_load(home, 1, &h, &err) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "%s", err ? err : "out of memory");
		goto done;
	}
	if (record_study(&h, b, &st) < 0) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
		goto done;
	}
	int64_t now = clock_utc_now_ms();
	if (so->json) {
		char *text = study_json_schedule(st, b, now, mask);
		if (text == NULL) {
			code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
			goto done;
		}
		printf("%s\n", text);
		free(text);
		goto done;
	}
	struct study_summary sum;
	char when[128], due[32];
	study_summarize(st, now, mask, &sum);
	printf("%-16s %-5s %7s %9s %10s  %s\n", "Question", "Task", "Reviews", "Stability",
	       "Difficulty", "Due (UTC)");
	for (size_t i = 0; i < st->n; i++) {
		const struct study_entry *e = &st->q[i];
		if (e->n_log == 0 || !mask[i])
			continue;
		clock_format_iso_ms(e->card.due, due);
		due[10] = ' ';
		due[16] = '\0';
		printf("%-16s %-5s %7zu %8.2fd %10.2f  %s%s\n", b->questions[i].id,
		       b->bp.tasks[b->questions[i].task_idx].id, e->n_log, e->card.stability,
		       e->card.difficulty, due, e->card.due <= now ? "  due" : "");
	}
	printf("\n%s: %zu seen, %zu new; %zu due now, %zu due within 7 days.\n", label, sum.seen,
	       sum.unseen, sum.due_now, sum.due_week);
	if (sum.has_next) {
		format_due(sum.next_due, now, when, sizeof when);
		printf("Next due after now: %s.\n", when);
	}
done:
	study_free(st);
	history_free(&h);
	bank_free(b);
	free(mask);
	free(home);
	free(err);
	return code;
}

int
cmd_study(int argc, char **argv)
{
	struct study_opts so;
	int code;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(study_help, stdout);
			return CLI_EXIT_DONE;
		}
	if ((code = parse_study(argc, argv, &so)) != 0)
		return code;
	if (so.schedule)
		return schedule(&so);
	return cli_start(1, &so.start);
}
