/* Parsing question files: questions, choices, answer keys and case studies. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "certsim/bank.h"
#include "certsim/fsutil.h"
#include "certsim/textsafe.h"

void
bank_question_free(struct question *q)
{
	/* Its strings (the choices' texts too) are in the bank's string pool. */
	free(q->choices);
	free(q->prompts);
	free(q->references);
	free(q->tags);
}

/*
 * Parse a choice list (options, items or prompts): an array of {id, text}
 * with ids from first..first+max-1. Returns the count, or -1 after a
 * diagnostic. The list is stored only when it is valid.
 */
static int
parse_choices(struct loader *L, const char *where, cJSON *arr, const char *key, char first, int min,
              int max, struct choice **out)
{
	*out = NULL;
	if (arr == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return -1;
	}
	if (!cJSON_IsArray(arr)) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" must be an array, not %s", key,
		         bank_schema_type_name(arr));
		return -1;
	}
	int n = cJSON_GetArraySize(arr);
	if (n < min || n > max) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" has %d entr%s; it needs %d to %d", key, n,
		         n == 1 ? "y" : "ies", min, max);
		return -1;
	}
	static const char *const keys[] = { "id", "text", NULL };
	int bad = 0, i = 0, seen[16] = { 0 };
	size_t coff;
	unsigned ccp;
	cJSON *c;
	cJSON_ArrayForEach (c, arr) {
		char w[600];
		i++;
		/* The common case, checked without building any message. */
		cJSON *a = c->child, *bb = a ? a->next : NULL;
		if (cJSON_IsObject(c) && bb != NULL && bb->next == NULL && a->string &&
		    bb->string) {
			cJSON *id = strcmp(a->string, "id") == 0 ? a : bb;
			cJSON *tx = id == a ? bb : a;
			if (strcmp(id->string, "id") == 0 && strcmp(tx->string, "text") == 0 &&
			    cJSON_IsString(id) && cJSON_IsString(tx) &&
			    id->valuestring[0] >= first && id->valuestring[0] < first + max &&
			    id->valuestring[1] == '\0' && !seen[id->valuestring[0] - first] &&
			    strspn(tx->valuestring, " \t\r\n") != strlen(tx->valuestring) &&
			    !textsafe_find_control(tx->valuestring, TEXTSAFE_MULTILINE, &coff,
			                           &ccp)) {
				seen[id->valuestring[0] - first] = 1;
				continue;
			}
		}
		snprintf(w, sizeof w, "%s: %s[%d]", where, key, i - 1);
		if (!cJSON_IsObject(c)) {
			diag_add(L->d, DIAG_ERROR, w,
			         "must be an object {\"id\", \"text\"}, not %s",
			         bank_schema_type_name(c));
			bad = 1;
			continue;
		}
		bank_schema_check_keys(L, w, c, keys);
		cJSON *id = bank_schema_need_string(L, w, c, "id");
		if (bank_schema_need_string(L, w, c, "text") == NULL)
			bad = 1;
		if (id == NULL) {
			bad = 1;
			continue;
		}
		const char *s = id->valuestring;
		if (strlen(s) != 1 || s[0] < first || s[0] >= first + max) {
			diag_add(L->d, DIAG_ERROR, w, "id \"%.20s\" is not one of %c-%c", s, first,
			         first + max - 1);
			bad = 1;
			continue;
		}
		if (seen[s[0] - first]++) {
			diag_add(L->d, DIAG_ERROR, w, "id \"%s\" is used twice", s);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	struct choice *v = calloc((size_t)n, sizeof *v);
	if (v == NULL) {
		L->oom = 1;
		return -1;
	}
	i = 0;
	cJSON_ArrayForEach (c, arr) {
		v[i].id[0] = cJSON_GetObjectItemCaseSensitive(c, "id")->valuestring[0];
		v[i].text = bank_json_take_string(cJSON_GetObjectItemCaseSensitive(c, "text"));
		i++;
	}
	*out = v;
	return n;
}

static int
choice_index(const struct choice *c, int n, const char *id)
{
	if (id == NULL || strlen(id) != 1)
		return -1;
	for (int i = 0; i < n; i++)
		if (c[i].id[0] == id[0])
			return i;
	return -1;
}

/* Check "answer" for single/multiple/ordering and fill q->key. */
static int
parse_answer_list(struct loader *L, const char *where, cJSON *ans, struct question *q)
{
	const char *what = q->type == Q_ORDERING ? "item" : "option";
	if (!cJSON_IsArray(ans)) {
		diag_add(L->d, DIAG_ERROR, where, "\"answer\" must be an array of %s ids, not %s",
		         what, bank_schema_type_name(ans));
		return -1;
	}
	int n = cJSON_GetArraySize(ans), bad = 0, i = 0;
	int used[BANK_MAX_CHOICES] = { 0 };
	if (n > BANK_MAX_CHOICES) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"answer\" has %d entries; a question has at most %d choices", n,
		         BANK_MAX_CHOICES);
		return -1;
	}
	cJSON *a;
	cJSON_ArrayForEach (a, ans) {
		if (!cJSON_IsString(a)) {
			diag_add(L->d, DIAG_ERROR, where, "\"answer\"[%d] must be a string, not %s",
			         i, bank_schema_type_name(a));
			bad = 1;
		} else if (q->choices != NULL) {
			int k = choice_index(q->choices, q->n_choices, a->valuestring);
			if (k < 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" names %s \"%.20s\", which does not exist",
				         what, a->valuestring);
				bad = 1;
			} else if (used[k]++) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" names %s \"%s\" twice", what, a->valuestring);
				bad = 1;
			} else {
				q->key[i] = k;
			}
		}
		i++;
	}
	if (bad || q->choices == NULL)
		return -1;
	q->n_key = n;
	switch (q->type) {
	case Q_SINGLE:
		if (n != 1) {
			diag_add(
			    L->d, DIAG_ERROR, where,
			    "a single-answer question needs exactly 1 id in \"answer\", not %d", n);
			return -1;
		}
		break;
	case Q_MULTIPLE:
		if (q->n_choices < 3) {
			diag_add(L->d, DIAG_ERROR, where,
			         "a multiple-response question needs at least 3 options (2 or more "
			         "right, 1 or more wrong), not %d",
			         q->n_choices);
			return -1;
		}
		if (n < 2 || n >= q->n_choices) {
			diag_add(L->d, DIAG_ERROR, where,
			         "a multiple-response question needs 2 to %d ids in \"answer\" "
			         "(fewer than its %d options), not %d",
			         q->n_choices - 1, q->n_choices, n);
			return -1;
		}
		bank_sort_indexes(q->key, n);
		break;
	case Q_ORDERING:
		if (n != q->n_choices) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" must list all %d items in order; it lists %d",
			         q->n_choices, n);
			return -1;
		}
		break;
	case Q_MATCHING:
		break;
	}
	return 0;
}

/* Check a matching "answer" object and fill q->key. */
static int
parse_answer_map(struct loader *L, const char *where, cJSON *ans, struct question *q)
{
	if (!cJSON_IsObject(ans)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"answer\" of a matching question must be an object mapping each prompt "
		         "id to an option id, not %s",
		         bank_schema_type_name(ans));
		return -1;
	}
	int bad = 0;
	for (cJSON *a = ans->child; a != NULL; a = a->next) {
		const char *k = a->string ? a->string : "";
		if (q->prompts != NULL && choice_index(q->prompts, q->n_prompts, k) < 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" maps prompt \"%.20s\", which does not exist", k);
			bad = 1;
		}
		if (!cJSON_IsString(a)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\".\"%.20s\" must be an option id string, not %s", k,
			         bank_schema_type_name(a));
			bad = 1;
		} else if (q->choices != NULL &&
		           choice_index(q->choices, q->n_choices, a->valuestring) < 0) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"answer\" maps prompt \"%.20s\" to option \"%.20s\", which does "
			         "not exist",
			         k, a->valuestring);
			bad = 1;
		}
		for (cJSON *e = ans->child; e != a; e = e->next)
			if (e->string && strcmp(e->string, k) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"answer\" maps prompt \"%.20s\" twice", k);
				bad = 1;
				break;
			}
	}
	if (q->prompts == NULL || q->choices == NULL)
		return -1;
	/* Unmapped prompts are reported even when a mapping was bad. */
	for (int i = 0; i < q->n_prompts; i++) {
		cJSON *a = cJSON_GetObjectItemCaseSensitive(ans, q->prompts[i].id);
		if (a == NULL) {
			diag_add(L->d, DIAG_ERROR, where, "\"answer\" does not map prompt \"%s\"",
			         q->prompts[i].id);
			bad = 1;
			continue;
		}
		q->key[i] = choice_index(q->choices, q->n_choices, a->valuestring);
	}
	if (bad)
		return -1;
	q->n_key = q->n_prompts;
	return 0;
}

static int
parse_type(const char *s, enum question_type *t)
{
	static const char *const names[] = { "single", "multiple", "ordering", "matching" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*t = (enum question_type)i;
			return 0;
		}
	return -1;
}

/*
 * Check a question's or case study's id and enter it in the bank's id index:
 * 0 and *out its copy in the pool, or -1 with a diagnostic at where (not a
 * valid id, a duplicate) or L->oom set. *out may be set even on -1.
 */
static int
claim_id(struct loader *L, const char *where, const char *id, char **out)
{
	size_t first;
	if (!bank_valid_id(id)) {
		diag_add(L->d, DIAG_ERROR, where,
		         "id \"%.40s\" must be 1-128 letters, digits, '.', '_' or '-'", id);
		return -1;
	}
	int r = (*out = bank_json_strdup(id)) == NULL
	            ? -1
	            : bank_index_add(&L->ids, *out, L->file_idx, &first);
	if (r < 0) {
		L->oom = 1;
		return -1;
	}
	if (r > 0) {
		diag_add(L->d, DIAG_ERROR, where, "duplicate id (first defined in %s)",
		         L->b->files[first]);
		return -1;
	}
	return 0;
}

static struct question *
new_question(struct loader *L)
{
	struct bank *b = L->b;
	if (fsutil_grow(&b->questions, &L->q_cap, b->n_questions, sizeof *b->questions, 256) < 0) {
		L->oom = 1;
		return NULL;
	}
	struct question *q = &b->questions[b->n_questions];
	memset(q, 0, sizeof *q);
	q->case_study = -1;
	q->task_idx = -1;
	return q;
}

/*
 * Validate question object jq (at JSON path path) and, when it is valid,
 * append it to the bank. cs is the enclosing case study index or -1, with
 * cs_domain its domain id. Returns 0 when valid.
 */
static int
parse_question(struct loader *L, cJSON *jq, const char *path, int cs, int cs_domain)
{
	static const char *const keys[] = { "id",     "domain",      "task",       "type",
		                            "stem",   "options",     "items",      "prompts",
		                            "answer", "explanation", "references", "tags",
		                            NULL };
	enum {
		K_ID,
		K_DOMAIN,
		K_TASK,
		K_TYPE,
		K_STEM,
		K_OPTIONS,
		K_ITEMS,
		K_PROMPTS,
		K_ANSWER,
		K_EXPLANATION,
		K_REFERENCES,
		K_TAGS
	};
	cJSON *f[MAX_KEYS];
	char where[512];
	snprintf(where, sizeof where, "%s: %s", L->file, path);
	if (!cJSON_IsObject(jq)) {
		diag_add(L->d, DIAG_ERROR, where, "a question must be an object, not %s",
		         bank_schema_type_name(jq));
		return -1;
	}
	cJSON *id = cJSON_GetObjectItemCaseSensitive(jq, "id");
	/* Name the question by its id in every message, when it has a usable one. */
	if (cJSON_IsString(id) && bank_valid_id(id->valuestring))
		snprintf(where, sizeof where, "%s: question \"%s\"", L->file, id->valuestring);
	struct question *q = new_question(L);
	if (q == NULL)
		return -1;
	int bad = 0;
	char *qid = NULL;
	bank_schema_collect_keys(L, where, jq, keys, f);

	if (bank_schema_need_str(L, where, f[K_ID], "id") == NULL) {
		bad = 1;
	} else if (claim_id(L, where, id->valuestring, &qid) < 0) {
		bad = 1;
	}

	int domain = cs_domain;
	cJSON *jd = f[K_DOMAIN];
	if (cs >= 0) {
		if (jd != NULL && !(cJSON_IsNumber(jd) && jd->valuedouble == cs_domain)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"domain\" differs from its case study's domain %d (leave it "
			         "out: it is inherited)",
			         cs_domain);
			bad = 1;
		}
	} else if (bank_schema_need_int_item(L, where, jd, "domain", 1, INT_MAX, &domain) < 0) {
		bad = 1;
		domain = -1;
	} else if (L->bp_ok && bank_domain_index(L->b, domain) < 0) {
		diag_add(L->d, DIAG_ERROR, where, "domain %d is not in exam.json", domain);
		bad = 1;
		domain = -1;
	}
	q->domain_id = domain;

	cJSON *jt = bank_schema_need_str(L, where, f[K_TASK], "task");
	if (jt == NULL) {
		bad = 1;
	} else if (L->bp_ok) {
		q->task_idx = bank_task_index(L->b, jt->valuestring);
		if (q->task_idx < 0) {
			diag_add(L->d, DIAG_ERROR, where, "task \"%.20s\" is not in exam.json",
			         jt->valuestring);
			bad = 1;
		} else if (domain > 0 && L->b->bp.tasks[q->task_idx].domain != domain) {
			diag_add(L->d, DIAG_ERROR, where,
			         "task \"%s\" belongs to domain %d, not domain %d", jt->valuestring,
			         L->b->bp.tasks[q->task_idx].domain, domain);
			bad = 1;
		}
	}

	cJSON *jtype = bank_schema_need_str(L, where, f[K_TYPE], "type");
	int typed = 0;
	if (jtype == NULL) {
		bad = 1;
	} else if (parse_type(jtype->valuestring, &q->type) < 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "type \"%.20s\" is not single, multiple, ordering or matching",
		         jtype->valuestring);
		bad = 1;
	} else {
		typed = 1;
	}
	if (bank_schema_need_str(L, where, f[K_STEM], "stem") == NULL)
		bad = 1;
	/* Optional since Aiken and many Moodle questions have no feedback. */
	if (f[K_EXPLANATION] == NULL)
		diag_add(L->d, DIAG_WARNING, where,
		         "no \"explanation\" (learners see none after answering)");
	else if (bank_schema_need_str(L, where, f[K_EXPLANATION], "explanation") == NULL)
		bad = 1;
	char **refs = NULL, **tags = NULL;
	int nrefs = 0, ntags = 0;
	if (bank_schema_opt_strings(L, where, f[K_REFERENCES], "references", &refs, &nrefs) < 0)
		bad = 1;
	if (bank_schema_opt_strings(L, where, f[K_TAGS], "tags", &tags, &ntags) < 0)
		bad = 1;
	q->references = refs;
	q->n_references = nrefs;
	q->tags = tags;
	q->n_tags = ntags;

	if (typed) {
		int n;
		switch (q->type) {
		case Q_SINGLE:
		case Q_MULTIPLE:
			n = parse_choices(L, where, f[K_OPTIONS], "options", 'A', 2, 10,
			                  &q->choices);
			break;
		case Q_ORDERING:
			n = parse_choices(L, where, f[K_ITEMS], "items", 'A', 3, 7, &q->choices);
			break;
		default:
			n = parse_choices(L, where, f[K_OPTIONS], "options", 'A', 2, 10,
			                  &q->choices);
			int m = parse_choices(L, where, f[K_PROMPTS], "prompts", '1', 3, 7,
			                      &q->prompts);
			if (m < 0)
				bad = 1;
			else
				q->n_prompts = m;
			break;
		}
		if (n < 0)
			bad = 1;
		else
			q->n_choices = n;
		static const int foreign[4][2] = { { K_ITEMS, K_PROMPTS },
			                           { K_ITEMS, K_PROMPTS },
			                           { K_OPTIONS, K_PROMPTS },
			                           { K_ITEMS, -1 } };
		for (int i = 0; i < 2; i++) {
			int fk = foreign[q->type][i];
			const char *k = fk >= 0 ? keys[fk] : NULL;
			if (k && f[fk] != NULL)
				diag_add(L->d, DIAG_WARNING, where,
				         "\"%s\" is not used by %s questions (ignored)", k,
				         bank_type_name(q->type));
		}
		cJSON *ans = f[K_ANSWER];
		if (ans == NULL) {
			diag_add(L->d, DIAG_ERROR, where, "missing \"answer\"");
			bad = 1;
		} else if (q->type == Q_MATCHING) {
			if (parse_answer_map(L, where, ans, q) < 0)
				bad = 1;
		} else if (parse_answer_list(L, where, ans, q) < 0) {
			bad = 1;
		}
	}

	if (bad || L->oom) {
		bank_question_free(q);
		return -1;
	}
	q->id = qid;
	q->stem = bank_json_take_string(f[K_STEM]);
	q->explanation = f[K_EXPLANATION] ? bank_json_take_string(f[K_EXPLANATION]) : NULL;
	q->case_study = cs;
	q->file = (int)L->file_idx;
	L->b->n_questions++;
	return 0;
}

static void
parse_case_study(struct loader *L, cJSON *jc, int idx)
{
	static const char *const keys[] = {
		"id", "domain", "title", "scenario", "questions", NULL
	};
	char where[512], path[64];
	snprintf(where, sizeof where, "%s: $.case_studies[%d]", L->file, idx);
	if (!cJSON_IsObject(jc)) {
		diag_add(L->d, DIAG_ERROR, where, "a case study must be an object, not %s",
		         bank_schema_type_name(jc));
		return;
	}
	cJSON *id = cJSON_GetObjectItemCaseSensitive(jc, "id");
	if (cJSON_IsString(id) && bank_valid_id(id->valuestring))
		snprintf(where, sizeof where, "%s: case study \"%s\"", L->file, id->valuestring);
	bank_schema_check_keys(L, where, jc, keys);
	int bad = 0, domain = -1;
	char *cid = NULL;
	if (bank_schema_need_string(L, where, jc, "id") == NULL) {
		bad = 1;
	} else if (claim_id(L, where, id->valuestring, &cid) < 0) {
		bad = 1;
	}
	if (bank_schema_need_int(L, where, jc, "domain", 1, INT_MAX, &domain) < 0) {
		bad = 1;
	} else if (L->bp_ok && bank_domain_index(L->b, domain) < 0) {
		diag_add(L->d, DIAG_ERROR, where, "domain %d is not in exam.json", domain);
		bad = 1;
	}
	if (bank_schema_need_string(L, where, jc, "title") == NULL)
		bad = 1;
	if (bank_schema_need_string(L, where, jc, "scenario") == NULL)
		bad = 1;
	cJSON *qs = cJSON_GetObjectItemCaseSensitive(jc, "questions");
	if (qs == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"questions\"");
		bad = 1;
	} else if (!cJSON_IsArray(qs) || cJSON_GetArraySize(qs) == 0) {
		diag_add(L->d, DIAG_ERROR, where, "\"questions\" must be a non-empty array, not %s",
		         bank_schema_type_name(qs));
		bad = 1;
		qs = NULL;
	}
	if (qs == NULL)
		return;

	struct bank *b = L->b;
	size_t first = b->n_questions;
	int i = 0, qbad = 0;
	cJSON *jq;
	cJSON_ArrayForEach (jq, qs) {
		snprintf(path, sizeof path, "$.case_studies[%d].questions[%d]", idx, i++);
		if (parse_question(L, jq, path, (int)b->n_case_studies, bad ? 0 : domain) < 0)
			qbad = 1;
	}
	if (bad || qbad || L->oom)
		return;
	if (fsutil_grow(&b->case_studies, &L->cs_cap, b->n_case_studies, sizeof *b->case_studies,
	                16) < 0) {
		L->oom = 1;
		return;
	}
	struct case_study *c = &b->case_studies[b->n_case_studies++];
	c->id = cid;
	c->domain = domain;
	c->title = bank_json_take_string(cJSON_GetObjectItemCaseSensitive(jc, "title"));
	c->scenario = bank_json_take_string(cJSON_GetObjectItemCaseSensitive(jc, "scenario"));
	c->first = first;
	c->count = b->n_questions - first;
}

void
bank_parse_question_file(struct loader *L, cJSON *root)
{
	static const char *const keys[] = { "format", "questions", "case_studies", NULL };
	char where[400], path[64];
	snprintf(where, sizeof where, "%s: $", L->file);
	if (!cJSON_IsObject(root)) {
		diag_add(L->d, DIAG_ERROR, where, "a question file must be a JSON object, not %s",
		         bank_schema_type_name(root));
		return;
	}
	bank_schema_check_keys(L, where, root, keys);
	cJSON *fmt = bank_schema_need_string(L, where, root, "format");
	if (fmt != NULL && strcmp(fmt->valuestring, "certsim-bank/1") != 0)
		diag_add(L->d, DIAG_ERROR, where,
		         "\"format\" is \"%.40s\"; this certsim reads \"certsim-bank/1\"",
		         fmt->valuestring);
	cJSON *qs = cJSON_GetObjectItemCaseSensitive(root, "questions");
	cJSON *cs = cJSON_GetObjectItemCaseSensitive(root, "case_studies");
	if (qs == NULL && cs == NULL)
		diag_add(L->d, DIAG_ERROR, where, "has neither \"questions\" nor \"case_studies\"");
	if (qs != NULL && !cJSON_IsArray(qs)) {
		diag_add(L->d, DIAG_ERROR, where, "\"questions\" must be an array, not %s",
		         bank_schema_type_name(qs));
		qs = NULL;
	}
	if (cs != NULL && !cJSON_IsArray(cs)) {
		diag_add(L->d, DIAG_ERROR, where, "\"case_studies\" must be an array, not %s",
		         bank_schema_type_name(cs));
		cs = NULL;
	}
	int i = 0;
	cJSON *it;
	if (qs)
		cJSON_ArrayForEach (it, qs) {
			snprintf(path, sizeof path, "$.questions[%d]", i++);
			parse_question(L, it, path, -1, 0);
			if (L->oom)
				return;
		}
	i = 0;
	if (cs)
		cJSON_ArrayForEach (it, cs) {
			parse_case_study(L, it, i++);
			if (L->oom)
				return;
		}
}
