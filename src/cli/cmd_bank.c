/* certsim bank lint|stats: validate banks and describe their contents. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/draw.h"
#include "cli.h"

static const char bank_help[] =
    "Usage: certsim bank lint [PATH...]\n"
    "       certsim bank stats [PATH] [--json]\n"
    "\n"
    "lint   Check banks against the bank format (docs/bank-format.md) and\n"
    "       report every problem: syntax errors as FILE:LINE:COL: error: ...,\n"
    "       others as FILE: question \"ID\": error: ... (or a JSON path).\n"
    "       Unknown keys are warnings. Exit 1 if any bank has an error.\n"
    "stats  Count questions by domain, task and type, list the case studies,\n"
    "       and say how many complete exams with no repeated question the\n"
    "       bank can supply. --json prints the same as JSON.\n"
    "\n"
    "PATH is a bank directory (exam.json plus question files). Default: the\n"
    "bundled MLA-C01 bank, or $CERTSIM_BANK.\n";

static int
lint(int argc, char **argv)
{
	int rc = EXIT_DONE, npaths = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(bank_help, stdout);
			return EXIT_DONE;
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
		diag_print(&d, stdout);
		if (b != NULL)
			printf("%s: %zu question%s, %zu case stud%s, %zu file%s: %zu errors, %zu warning%s\n",
			       path, b->n_questions, b->n_questions == 1 ? "" : "s",
			       b->n_case_studies, b->n_case_studies == 1 ? "y" : "ies",
			       b->n_files, b->n_files == 1 ? "" : "s", d.errors,
			       d.warnings, d.warnings == 1 ? "" : "s");
		else
			printf("%s: %zu error%s, %zu warning%s\n", path, d.errors,
			       d.errors == 1 ? "" : "s", d.warnings,
			       d.warnings == 1 ? "" : "s");
		if (d.errors > 0)
			rc = EXIT_INVALID;
		diag_free(&d);
		bank_free(b);
	}
	return rc;
}

struct counts {
	int *task;       /* per task index */
	int *domain;     /* per domain index */
	int type[4];
};

static int
count(const struct bank *b, struct counts *c)
{
	c->task = calloc((size_t)b->bp.n_tasks + 1, sizeof *c->task);
	c->domain = calloc((size_t)b->bp.n_domains + 1, sizeof *c->domain);
	memset(c->type, 0, sizeof c->type);
	if (c->task == NULL || c->domain == NULL)
		return -1;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		c->task[q->task]++;
		c->domain[bank_domain_index(b, q->domain)]++;
		c->type[q->type]++;
	}
	return 0;
}

/* A tag of one question, for counting the questions per tag. */
struct tag_use {
	const char *tag;
	size_t question;
};

static int
tag_use_cmp(const void *pa, const void *pb)
{
	const struct tag_use *a = pa, *b = pb;
	int c = strcmp(a->tag, b->tag);
	if (c != 0)
		return c;
	return (a->question > b->question) - (a->question < b->question);
}

/*
 * Add "tags": every tag of the bank once, sorted by strcmp, with the number
 * of questions that carry it (a tag listed twice on one question counts
 * once). Returns 0, or -1 on out of memory.
 */
static int
stats_json_tags(const struct bank *b, cJSON *o)
{
	size_t n = 0, k = 0;
	for (size_t i = 0; i < b->n_questions; i++)
		n += (size_t)b->questions[i].n_tags;
	struct tag_use *v = calloc(n + 1, sizeof *v);
	cJSON *tags = cJSON_AddArrayToObject(o, "tags");
	if (v == NULL || tags == NULL) {
		free(v);
		return -1;
	}
	for (size_t i = 0; i < b->n_questions; i++)
		for (int t = 0; t < b->questions[i].n_tags; t++)
			v[k++] = (struct tag_use){ b->questions[i].tags[t], i };
	qsort(v, n, sizeof *v, tag_use_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i, questions = 0;
		for (; j < n && strcmp(v[j].tag, v[i].tag) == 0; j++)
			if (j == i || v[j].question != v[j - 1].question)
				questions++;
		cJSON *jt = cJSON_CreateObject();
		cJSON_AddItemToArray(tags, jt);
		cJSON_AddStringToObject(jt, "tag", v[i].tag);
		cJSON_AddNumberToObject(jt, "questions", (double)questions);
		i = j;
	}
	free(v);
	return 0;
}

static int
stats_json(const struct bank *b, const struct counts *c, const int *per_exam,
           int exams)
{
	cJSON *o = cJSON_CreateObject(), *doms, *types, *css;
	cJSON_AddStringToObject(o, "bank", b->path);
	cJSON_AddStringToObject(o, "code", b->bp.code);
	cJSON_AddStringToObject(o, "title", b->bp.title);
	cJSON_AddStringToObject(o, "fingerprint", b->fingerprint_hex);
	cJSON_AddNumberToObject(o, "files", (double)b->n_files);
	cJSON_AddNumberToObject(o, "questions", (double)b->n_questions);
	cJSON_AddNumberToObject(o, "exam_questions", b->bp.questions);
	cJSON_AddNumberToObject(o, "exams_available", exams);
	doms = cJSON_AddArrayToObject(o, "domains");
	for (int d = 0; d < b->bp.n_domains; d++) {
		cJSON *jd = cJSON_CreateObject(), *tasks;
		cJSON_AddNumberToObject(jd, "id", b->bp.domains[d].id);
		cJSON_AddStringToObject(jd, "name", b->bp.domains[d].name);
		cJSON_AddNumberToObject(jd, "weight", b->bp.domains[d].weight);
		cJSON_AddNumberToObject(jd, "questions", c->domain[d]);
		cJSON_AddNumberToObject(jd, "per_exam", per_exam[d]);
		tasks = cJSON_AddArrayToObject(jd, "tasks");
		for (int t = 0; t < b->bp.n_tasks; t++) {
			if (b->bp.tasks[t].domain != b->bp.domains[d].id)
				continue;
			cJSON *jt = cJSON_CreateObject();
			cJSON_AddStringToObject(jt, "id", b->bp.tasks[t].id);
			cJSON_AddStringToObject(jt, "name", b->bp.tasks[t].name);
			cJSON_AddNumberToObject(jt, "questions", c->task[t]);
			cJSON_AddItemToArray(tasks, jt);
		}
		cJSON_AddItemToArray(doms, jd);
	}
	types = cJSON_AddObjectToObject(o, "types");
	for (int t = 0; t < 4; t++)
		cJSON_AddNumberToObject(types, bank_type_name((enum question_type)t),
		                        c->type[t]);
	css = cJSON_AddArrayToObject(o, "case_studies");
	for (size_t i = 0; i < b->n_case_studies; i++) {
		cJSON *jc = cJSON_CreateObject();
		cJSON_AddStringToObject(jc, "id", b->case_studies[i].id);
		cJSON_AddNumberToObject(jc, "domain", b->case_studies[i].domain);
		cJSON_AddStringToObject(jc, "title", b->case_studies[i].title);
		cJSON_AddNumberToObject(jc, "questions", (double)b->case_studies[i].count);
		cJSON_AddItemToArray(css, jc);
	}
	char *s = stats_json_tags(b, o) < 0 ? NULL : cJSON_Print(o);
	cJSON_Delete(o);
	if (s == NULL)
		return cli_error(EXIT_SYSTEM, "out of memory");
	puts(s);
	free(s);
	return EXIT_DONE;
}

static void
stats_text(const struct bank *b, const struct counts *c, const int *per_exam,
           int exams)
{
	printf("Bank:        %s\n", b->path);
	printf("Exam:        %s, %s\n", b->bp.code, b->bp.title);
	printf("Blueprint:   %d questions in %d minutes; pass %d on %d-%d\n",
	       b->bp.questions, b->bp.duration_minutes, b->bp.score_pass,
	       b->bp.score_min, b->bp.score_max);
	printf("Fingerprint: %s\n", b->fingerprint_hex);
	printf("Questions:   %zu in %zu file%s\n\n", b->n_questions, b->n_files,
	       b->n_files == 1 ? "" : "s");
	printf("%-58s %6s %9s %8s\n", "Domain / task", "Weight", "Questions",
	       "Per exam");
	for (int d = 0; d < b->bp.n_domains; d++) {
		const struct domain *dm = &b->bp.domains[d];
		printf("%d %-56.56s %5d%% %9d %8d\n", dm->id, dm->name, dm->weight,
		       c->domain[d], per_exam[d]);
		for (int t = 0; t < b->bp.n_tasks; t++)
			if (b->bp.tasks[t].domain == dm->id)
				printf("  %-4s %-51.51s %6s %9d\n", b->bp.tasks[t].id,
				       b->bp.tasks[t].name, "", c->task[t]);
	}
	printf("\nTypes:       single %d, multiple %d, ordering %d, matching %d\n",
	       c->type[Q_SINGLE], c->type[Q_MULTIPLE], c->type[Q_ORDERING],
	       c->type[Q_MATCHING]);
	printf("Case studies: %zu\n", b->n_case_studies);
	for (size_t i = 0; i < b->n_case_studies; i++)
		printf("  %-28s domain %d, %zu questions: %s\n", b->case_studies[i].id,
		       b->case_studies[i].domain, b->case_studies[i].count,
		       b->case_studies[i].title);
	printf("\nComplete exams with no repeated question: %d\n", exams);
}

static int
stats(int argc, char **argv)
{
	const char *path = NULL;
	int json = 0, code = EXIT_DONE;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(bank_help, stdout);
			return EXIT_DONE;
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
	struct counts c;
	int per_exam[BANK_MAX_DOMAINS] = { 0 };
	if (count(b, &c) < 0) {
		code = cli_error(EXIT_SYSTEM, "out of memory");
	} else {
		int exams = draw_exams_available(b, per_exam);
		if (json)
			code = stats_json(b, &c, per_exam, exams);
		else
			stats_text(b, &c, per_exam, exams);
	}
	free(c.task);
	free(c.domain);
	bank_free(b);
	return code;
}

int
cmd_bank(int argc, char **argv)
{
	if (argc < 1)
		return cli_usage_error("bank", "bank: say lint or stats");
	if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
		fputs(bank_help, stdout);
		return EXIT_DONE;
	}
	if (strcmp(argv[0], "lint") == 0)
		return lint(argc - 1, argv + 1);
	if (strcmp(argv[0], "stats") == 0)
		return stats(argc - 1, argv + 1);
	return cli_usage_error("bank", "bank: unknown subcommand '%s' (lint or stats)", argv[0]);
}
