/* What a bank holds: counts by domain, task and type, and how many exams it can supply. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank_stats.h"
#include "certsim/draw.h"

int
bank_stats_compute(const struct bank *b, struct bank_stats *out)
{
	memset(out, 0, sizeof *out);
	out->task = calloc((size_t)b->bp.n_tasks + 1, sizeof *out->task);
	out->domain = calloc((size_t)b->bp.n_domains + 1, sizeof *out->domain);
	if (out->task == NULL || out->domain == NULL)
		return -1;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		out->task[q->task_idx]++;
		out->domain[bank_domain_index(b, q->domain_id)]++;
		out->type[q->type]++;
	}
	out->exams = draw_exams_available(b, out->per_exam);
	return 0;
}

void
bank_stats_free(struct bank_stats *s)
{
	free(s->task);
	free(s->domain);
	memset(s, 0, sizeof *s);
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
		if (jt == NULL || !cJSON_AddItemToArray(tags, jt) ||
		    cJSON_AddStringToObject(jt, "tag", v[i].tag) == NULL ||
		    cJSON_AddNumberToObject(jt, "questions", (double)questions) == NULL) {
			free(v);
			return -1;
		}
		i = j;
	}
	free(v);
	return 0;
}

char *
bank_stats_json(const struct bank *b, const struct bank_stats *s)
{
	cJSON *o = cJSON_CreateObject(), *doms, *types, *css;
	cJSON_AddStringToObject(o, "bank", b->path);
	cJSON_AddStringToObject(o, "code", b->bp.code);
	cJSON_AddStringToObject(o, "title", b->bp.title);
	cJSON_AddStringToObject(o, "fingerprint", b->fingerprint_hex);
	cJSON_AddNumberToObject(o, "files", (double)b->n_files);
	cJSON_AddNumberToObject(o, "questions", (double)b->n_questions);
	cJSON_AddNumberToObject(o, "exam_questions", b->bp.questions);
	cJSON_AddNumberToObject(o, "exams_available", s->exams);
	doms = cJSON_AddArrayToObject(o, "domains");
	for (int d = 0; d < b->bp.n_domains; d++) {
		cJSON *jd = cJSON_CreateObject(), *tasks;
		cJSON_AddNumberToObject(jd, "id", b->bp.domains[d].id);
		cJSON_AddStringToObject(jd, "name", b->bp.domains[d].name);
		cJSON_AddNumberToObject(jd, "weight", b->bp.domains[d].weight);
		cJSON_AddNumberToObject(jd, "questions", s->domain[d]);
		cJSON_AddNumberToObject(jd, "per_exam", s->per_exam[d]);
		tasks = cJSON_AddArrayToObject(jd, "tasks");
		for (int t = 0; t < b->bp.n_tasks; t++) {
			if (b->bp.tasks[t].domain != b->bp.domains[d].id)
				continue;
			cJSON *jt = cJSON_CreateObject();
			cJSON_AddStringToObject(jt, "id", b->bp.tasks[t].id);
			cJSON_AddStringToObject(jt, "name", b->bp.tasks[t].name);
			cJSON_AddNumberToObject(jt, "questions", s->task[t]);
			cJSON_AddItemToArray(tasks, jt);
		}
		cJSON_AddItemToArray(doms, jd);
	}
	types = cJSON_AddObjectToObject(o, "types");
	for (int t = 0; t < 4; t++)
		cJSON_AddNumberToObject(types, bank_type_name((enum question_type)t), s->type[t]);
	css = cJSON_AddArrayToObject(o, "case_studies");
	for (size_t i = 0; i < b->n_case_studies; i++) {
		cJSON *jc = cJSON_CreateObject();
		cJSON_AddStringToObject(jc, "id", b->case_studies[i].id);
		cJSON_AddNumberToObject(jc, "domain", b->case_studies[i].domain);
		cJSON_AddStringToObject(jc, "title", b->case_studies[i].title);
		cJSON_AddNumberToObject(jc, "questions", (double)b->case_studies[i].count);
		cJSON_AddItemToArray(css, jc);
	}
	char *text = stats_json_tags(b, o) < 0 ? NULL : cJSON_Print(o);
	cJSON_Delete(o);
	return text;
}
