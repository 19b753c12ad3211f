/* certsim bank lint|stats: validate banks and describe them (import|export: cmd_interchange.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank_search.h"
#include "certsim/bank_stats.h"
#include "certsim/bank_tags.h"
#include "cli.h"

static const char bank_help[] =
    "Usage: certsim bank lint [PATH...]\n"
    "       certsim bank stats [PATH] [--json]\n"
    "       certsim bank search TEXT [--bank PATH] [--json]\n"
    "       certsim bank import --from gift|aiken|moodle-xml FILE... --exam EXAM.json\n"
    "                           --out DIR [--task T] [--map CATEGORY=T]...\n"
    "       certsim bank export --to gift|moodle-xml [--bank PATH] --out FILE\n"
    "\n"
    "lint   Check banks against the bank format (docs/bank-format.md) and\n"
    "       report every problem: syntax errors as FILE:LINE:COL: error: ...,\n"
    "       others as FILE: question \"ID\": error: ... (or a JSON path).\n"
    "       Unknown keys are warnings, and so are tags missing from the bank's\n"
    "       tags.txt vocabulary when it has one. Exit 1 if any bank has an error.\n"
    "stats  Count questions by domain, task and type, list the case studies,\n"
    "       and say how many complete exams with no repeated question the\n"
    "       bank can supply. --json prints the same as JSON.\n"
    "search Questions whose id, stem, scenario, choices, explanation or tags\n"
    "       contain TEXT (case-insensitive): one line each (id, task, type,\n"
    "       the stem's start); --json prints the matching questions in full.\n"
    "import Convert Moodle questions (GIFT, Aiken, Moodle XML) into a bank.\n"
    "export Write a bank as GIFT or Moodle XML for Moodle.\n"
    "       (certsim bank import --help, certsim bank export --help)\n"
    "\n"
    "PATH is a bank directory (exam.json plus question files). Default: the\n"
    "bundled MLA-C01 bank, or $CERTSIM_BANK.\n";

static int
lint(int argc, char **argv)
{
	int rc = CLI_EXIT_DONE, npaths = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(bank_help, stdout);
			return CLI_EXIT_DONE;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("bank", "bank lint: unknown option '%s'", argv[i]);
		npaths++;
	}
	for (int i = 0; i <= argc; i++) {
		const char *path;
		if (i == argc) {
			if (npaths > 0)
				break;
			path = cli_bank_path(NULL);
		} else {
			path = argv[i];
		}
		struct diag d = { 0 };
		struct bank *b = NULL;
		bank_load(path, &d, &b);
		char *terr = NULL;
		if (b != NULL && bank_tags_check(b, &d, &terr) < 0) {
			cli_error(CLI_EXIT_SYSTEM, "%s", terr);
			rc = CLI_EXIT_SYSTEM;
		}
		free(terr);
		diag_print(&d, stdout);
		if (b != NULL)
			printf("%s: %zu question%s, %zu case stud%s, %zu file%s: %zu errors, %zu "
			       "warning%s\n",
			       path, b->n_questions, b->n_questions == 1 ? "" : "s",
			       b->n_case_studies, b->n_case_studies == 1 ? "y" : "ies", b->n_files,
			       b->n_files == 1 ? "" : "s", d.errors, d.warnings,
			       d.warnings == 1 ? "" : "s");
		else
			printf("%s: %zu error%s, %zu warning%s\n", path, d.errors,
			       d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
		if (d.errors > 0)
			rc = CLI_EXIT_INVALID;
		diag_free(&d);
		bank_free(b);
	}
	return rc;
}

static void
stats_text(const struct bank *b, const struct bank_stats *c)
{
	printf("Bank:        %s\n", b->path);
	printf("Exam:        %s, %s\n", b->bp.code, b->bp.title);
	printf("Blueprint:   %d questions in %d minutes; pass %d on %d-%d\n", b->bp.questions,
	       b->bp.duration_minutes, b->bp.score_pass, b->bp.score_min, b->bp.score_max);
	printf("Fingerprint: %s\n", b->fingerprint_hex);
	printf("Questions:   %zu in %zu file%s\n\n", b->n_questions, b->n_files,
	       b->n_files == 1 ? "" : "s");
	printf("%-58s %6s %9s %8s\n", "Domain / task", "Weight", "Questions", "Per exam");
	for (int d = 0; d < b->bp.n_domains; d++) {
		const struct domain *dm = &b->bp.domains[d];
		printf("%d %-56.56s %5d%% %9d %8d\n", dm->id, dm->name, dm->weight, c->domain[d],
		       c->per_exam[d]);
		for (int t = 0; t < b->bp.n_tasks; t++)
			if (b->bp.tasks[t].domain == dm->id)
				printf("  %-4s %-51.51s %6s %9d\n", b->bp.tasks[t].id,
				       b->bp.tasks[t].name, "", c->task[t]);
	}
	printf("\nTypes:       single %d, multiple %d, ordering %d, matching %d\n",
	       c->type[Q_SINGLE], c->type[Q_MULTIPLE], c->type[Q_ORDERING], c->type[Q_MATCHING]);
	printf("Case studies: %zu\n", b->n_case_studies);
	for (size_t i = 0; i < b->n_case_studies; i++)
		printf("  %-28s domain %d, %zu questions: %s\n", b->case_studies[i].id,
		       b->case_studies[i].domain, b->case_studies[i].count,
		       b->case_studies[i].title);
	printf("\nComplete exams with no repeated question: %d\n", c->exams);
}

static int
stats(int argc, char **argv)
{
	const char *path = NULL;
	int json = 0, code = CLI_EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(bank_help, stdout);
			return CLI_EXIT_DONE;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("bank", "bank stats: unknown option '%s'", argv[i]);
		else if (path != NULL)
			return cli_usage_error("bank", "bank stats takes one PATH");
		else
			path = argv[i];
	}
	struct bank *b = cli_load_bank(cli_bank_path(path), &code);
	if (b == NULL)
		return code;
	struct bank_stats c;
	char *text = NULL;
	if (bank_stats_compute(b, &c) < 0 || (json && (text = bank_stats_json(b, &c)) == NULL)) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
	} else if (json) {
		puts(text);
	} else {
		stats_text(b, &c);
	}
	free(text);
	bank_stats_free(&c);
	bank_free(b);
	return code;
}

/* The first at most max bytes of s on one line, cut at a character boundary, into out. */
static void
stem_start(const char *s, char *out, size_t max)
{
	size_t n = 0;
	for (; s[n] && n < max; n++)
		out[n] = s[n] == '\n' || s[n] == '\t' ? ' ' : s[n];
	if (s[n])
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	out[n] = '\0';
	if (s[n] && n + 3 < max + 4)
		memcpy(out + n, "...", 4);
}

static int
search(int argc, char **argv)
{
	const char *text = NULL, *path = NULL;
	int json = 0, code = CLI_EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(bank_help, stdout);
			return CLI_EXIT_DONE;
		} else if (strcmp(argv[i], "--bank") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("bank", "bank search: --bank needs a value");
			path = argv[++i];
		} else if (strncmp(argv[i], "--bank=", 7) == 0) {
			path = argv[i] + 7;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return cli_usage_error("bank", "bank search: unknown option '%s'", argv[i]);
		} else if (text != NULL) {
			return cli_usage_error("bank", "bank search takes one TEXT (quote it)");
		} else {
			text = argv[i];
		}
	}
	if (text == NULL || text[0] == '\0')
		return cli_usage_error("bank", "bank search: say what to look for");
	struct bank *b = cli_load_bank(cli_bank_path(path), &code);
	int *qs = NULL;
	size_t n = 0;
	char *out = NULL;
	if (b == NULL)
		return code;
	if (bank_search(b, text, &qs, &n) < 0 ||
	    (json && (out = bank_search_json(b, qs, n)) == NULL)) {
		code = cli_error(CLI_EXIT_SYSTEM, "out of memory");
	} else if (json) {
		puts(out);
	} else if (n == 0) {
		printf("No question of %s matches '%s'.\n", b->bp.code, text);
	} else {
		char line[80];
		for (size_t k = 0; k < n; k++) {
			const struct question *q = &b->questions[qs[k]];
			stem_start(q->stem, line, 60);
			printf("%-16s %-4s %-9s %s\n", q->id, b->bp.tasks[q->task_idx].id,
			       bank_type_name(q->type), line);
		}
		printf("%zu question%s of %s match '%s'.\n", n, n == 1 ? "" : "s", b->bp.code,
		       text);
	}
	free(out);
	free(qs);
	bank_free(b);
	return code;
}

int
cmd_bank(int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error("bank", "bank: say lint, stats, search, import or export");
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
		fputs(bank_help, stdout);
		return CLI_EXIT_DONE;
	}
	if (strcmp(argv[0], "lint") == 0)
		return lint(argc - 1, argv + 1);
	if (strcmp(argv[0], "stats") == 0)
		return stats(argc - 1, argv + 1);
	if (strcmp(argv[0], "search") == 0)
		return search(argc - 1, argv + 1);
	if (strcmp(argv[0], "import") == 0)
		return cmd_bank_import(argc - 1, argv + 1);
	if (strcmp(argv[0], "export") == 0)
		return cmd_bank_export(argc - 1, argv + 1);
	return cli_usage_error(
	    "bank", "bank: unknown subcommand '%s' (lint, stats, search, import or export)",
	    argv[0]);
}
