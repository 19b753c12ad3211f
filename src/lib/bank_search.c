/* certsim bank search: a case-insensitive match over a question's text, and the matches as JSON. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank_search.h"

/* Whether needle (lower case, length n > 0) occurs in s, ASCII case ignored. */
static int
has(const char *s, const char *needle, size_t n)
{
	if (s == NULL)
		return 0;
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && tolower((unsigned char)s[i]) == needle[i])
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

static int
matches(const struct bank *b, const struct question *q, const char *needle, size_t n)
{
	if (has(q->id, needle, n) || has(q->stem, needle, n) || has(q->explanation, needle, n))
		return 1;
	if (q->case_study >= 0 && has(b->case_studies[q->case_study].scenario, needle, n))
		return 1;
	for (int i = 0; i < q->n_choices; i++)
		if (has(q->choices[i].text, needle, n))
			return 1;
	for (int i = 0; i < q->n_prompts; i++)
		if (has(q->prompts[i].text, needle, n))
			return 1;
	for (int i = 0; i < q->n_tags; i++)
		if (has(q->tags[i], needle, n))
			return 1;
	return 0;
}

int
bank_search(const struct bank *b, const char *text, int **out, size_t *n)
{
	size_t len = strlen(text), k = 0;
	char *needle = malloc(len + 1);
	int *v = malloc((b->n_questions ? b->n_questions : 1) * sizeof *v);
	*out = NULL;
	*n = 0;
	if (needle == NULL || v == NULL) {
		free(needle);
		free(v);
		return -1;
	}
	for (size_t i = 0; i <= len; i++)
		needle[i] = (char)tolower((unsigned char)text[i]);
	for (size_t i = 0; len > 0 && i < b->n_questions; i++)
		if (matches(b, &b->questions[i], needle, len))
			v[k++] = (int)i;
	free(needle);
	if (k == 0) {
		free(v);
		return 0;
	}
	*out = v;
	*n = k;
	return 0;
}

static cJSON *
choices_json(const struct choice *c, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", c[i].id);
		cJSON_AddStringToObject(o, "text", c[i].text);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *
strings_json(char **v, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

char *
bank_search_json(const struct bank *b, const int *qs, size_t n)
{
	cJSON *arr = cJSON_CreateArray();
	if (arr == NULL)
		return NULL;
	for (size_t k = 0; k < n; k++) {
		const struct question *q = &b->questions[qs[k]];
		cJSON *o = cJSON_CreateObject(), *key;
		cJSON_AddStringToObject(o, "id", q->id);
		cJSON_AddNumberToObject(o, "domain", q->domain_id);
		cJSON_AddStringToObject(o, "task", b->bp.tasks[q->task_idx].id);
		cJSON_AddStringToObject(o, "type", bank_type_name(q->type));
		if (q->case_study >= 0)
			cJSON_AddStringToObject(o, "case_study", b->case_studies[q->case_study].id);
		cJSON_AddStringToObject(o, "stem", q->stem);
		cJSON_AddItemToObject(o, "choices", choices_json(q->choices, q->n_choices));
		if (q->type == Q_MATCHING) {
			cJSON_AddItemToObject(o, "prompts", choices_json(q->prompts, q->n_prompts));
			key = cJSON_AddObjectToObject(o, "key");
			for (int i = 0; i < q->n_key && i < q->n_prompts; i++)
				cJSON_AddStringToObject(key, q->prompts[i].id,
				                        q->choices[q->key[i]].id);
		} else {
			key = cJSON_AddArrayToObject(o, "key");
			for (int i = 0; i < q->n_key; i++)
				cJSON_AddItemToArray(key,
				                     cJSON_CreateString(q->choices[q->key[i]].id));
		}
		if (q->explanation != NULL)
			cJSON_AddStringToObject(o, "explanation", q->explanation);
		cJSON_AddItemToObject(o, "references",
		                      strings_json(q->references, q->n_references));
		cJSON_AddItemToObject(o, "tags", strings_json(q->tags, q->n_tags));
		cJSON_AddItemToArray(arr, o);
	}
	char *text = cJSON_Print(arr);
	cJSON_Delete(arr);
	return text;
}
