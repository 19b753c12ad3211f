/* Bank interchange: conversion rules, HTML to text, tasks and ids, the bank writer, export. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/gift.h"
#include "certsim/interchange.h"
#include "certsim/moodle_xml.h"

void
interchange_buf_add(struct ix_buf *b, const char *s, size_t len)
{
	if (b->oom)
		return;
	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + len + 1)
			cap *= 2;
		char *v = realloc(b->s, cap);
		if (v == NULL) {
			b->oom = 1;
			return;
		}
		b->s = v;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
}

void
interchange_buf_puts(struct ix_buf *b, const char *s)
{
	interchange_buf_add(b, s, strlen(s));
}

void
interchange_buf_printf(struct ix_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = fsutil_vasprintf(fmt, ap);
	va_end(ap);
	if (s == NULL) {
		b->oom = 1;
		return;
	}
	interchange_buf_puts(b, s);
	free(s);
}

static void
question_free(struct ix_question *q)
{
	free(q->name);
	free(q->category);
	free(q->stem);
	for (int i = 0; i < q->n_choices; i++)
		free(q->choices[i]);
	for (int i = 0; i < q->n_prompts; i++)
		free(q->prompts[i]);
	free(q->explanation);
	for (int i = 0; i < q->n_tags; i++)
		free(q->tags[i]);
	free(q->tags);
	free(q->id);
}

void
interchange_set_free(struct ix_set *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		question_free(&set->v[i]);
	free(set->v);
	memset(set, 0, sizeof *set);
}

void
interchange_draft_clear(struct ix_draft *dr)
{
	free(dr->name);
	free(dr->category);
	free(dr->stem);
	free(dr->explanation);
	for (int i = 0; i < dr->n_answers; i++)
		free(dr->answers[i].text);
	free(dr->answers);
	for (int i = 0; i < dr->n_sub; i++) {
		free(dr->sub_q[i]);
		free(dr->sub_a[i]);
	}
	free(dr->sub_q);
	free(dr->sub_a);
	for (int i = 0; i < dr->n_tags; i++)
		free(dr->tags[i]);
	free(dr->tags);
	const char *file = dr->file;
	memset(dr, 0, sizeof *dr);
	dr->file = file;
}

size_t
interchange_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int
interchange_check_text(const char *file, const char *data, size_t len, struct diag *d)
{
	const unsigned char *s = (const unsigned char *)data;
	int line = 1;
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		if (c == '\n')
			line++;
		if (c == 0) {
			interchange_error(d, file, line, "NUL byte in file (is this a text file?)");
			return -1;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n = c >= 0xC2 && c <= 0xDF   ? 2
		           : c >= 0xE0 && c <= 0xEF ? 3
		           : c >= 0xF0 && c <= 0xF4 ? 4
		                                    : 0;
		int ok = n > 0 && i + n <= len;
		for (size_t k = 1; ok && k < n; k++)
			ok = (s[i + k] & 0xC0) == 0x80;
		if (ok && n == 3)
			ok = !(c == 0xE0 && s[i + 1] < 0xA0) && !(c == 0xED && s[i + 1] >= 0xA0);
		if (ok && n == 4)
			ok = !(c == 0xF0 && s[i + 1] < 0x90) && !(c == 0xF4 && s[i + 1] >= 0x90);
		if (!ok) {
			interchange_error(d, file, line,
			                  "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", c);
			return -1;
		}
		i += n;
	}
	return 0;
}

void
interchange_error(struct diag *d, const char *file, int line, const char *fmt, ...)
{
	char where[512], msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(where, sizeof where, "%s:%d", file, line);
	diag_add(d, DIAG_ERROR, where, "%s", msg);
}

/* A short name for messages: the name, else the start of the text (one line, at most 40 chars). */
static void
short_name(char *out, size_t size, const char *name, const char *text)
{
	const char *s = name != NULL && *name ? name : text != NULL ? text : "";
	size_t n = 0;
	for (; *s && n + 1 < size && n < 40; s++)
		out[n++] = (*s == '\n' || *s == '\t' || *s == '\r') ? ' ' : *s;
	/* Do not cut a UTF-8 sequence in two. */
	if (*s)
		while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80 && n-- > 0)
			;
	out[n] = '\0';
	if (*s && n + 4 < size)
		strcat(out, "...");
}

void
interchange_skip(struct ix_set *set, struct diag *d, const char *file, int line, const char *kind,
                 const char *name, const char *text, const char *fmt, ...)
{
	char where[512], msg[1024], nm[64];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	short_name(nm, sizeof nm, name, text);
	snprintf(where, sizeof where, "%s:%d", file, line);
	diag_add(d, DIAG_WARNING, where, "skipped %s question \"%s\": %s", kind, nm, msg);
	set->skipped++;
}

int
interchange_add_answer(struct ix_draft *dr, char *text, double w, int drop_empty)
{
	if (text == NULL)
		return -1;
	if (drop_empty && *text == '\0') {
		free(text);
		return 0;
	}
	struct ix_answer *v = realloc(dr->answers, (size_t)(dr->n_answers + 1) * sizeof *v);
	if (v == NULL) {
		free(text);
		return -1;
	}
	dr->answers = v;
	v[dr->n_answers].text = text;
	v[dr->n_answers].weight = w;
	dr->n_answers++;
	return 0;
}

int
interchange_add_pair(struct ix_draft *dr, char *q, char *a)
{
	char **vq = realloc(dr->sub_q, (size_t)(dr->n_sub + 1) * sizeof *vq);
	if (vq != NULL)
		dr->sub_q = vq;
	char **va = realloc(dr->sub_a, (size_t)(dr->n_sub + 1) * sizeof *va);
	if (va != NULL)
		dr->sub_a = va;
	if (q == NULL || a == NULL || vq == NULL || va == NULL) {
		free(q);
		free(a);
		return -1;
	}
	dr->sub_q[dr->n_sub] = q;
	dr->sub_a[dr->n_sub] = a;
	dr->n_sub++;
	return 0;
}

int
interchange_blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static struct ix_question *
new_question(struct ix_set *set, struct ix_draft *dr)
{
	if (fsutil_grow(&set->v, &set->cap, set->n, sizeof *set->v, 64) < 0)
		return NULL;
	struct ix_question *q = &set->v[set->n++];
	memset(q, 0, sizeof *q);
	q->file = dr->file;
	q->line = dr->line;
	q->name = dr->name;
	q->category = dr->category;
	q->stem = dr->stem;
	q->explanation = interchange_blank(dr->explanation) ? NULL : dr->explanation;
	if (q->explanation == NULL)
		free(dr->explanation);
	q->tags = dr->tags;
	q->n_tags = dr->n_tags;
	dr->name = dr->category = dr->stem = dr->explanation = NULL;
	dr->tags = NULL;
	dr->n_tags = 0;
	return q;
}

/* Convert a multichoice draft: 0 with q's type, choices and key set; else *why. */
static int
convert_multichoice(struct ix_draft *dr, struct ix_question *q, char *why, size_t wn)
{
	int n = dr->n_answers, full = 0, pos = 0;
	if (n < 2) {
		snprintf(why, wn, "it has %d answer%s; certsim needs 2 to %d", n, n == 1 ? "" : "s",
		         BANK_MAX_CHOICES);
		return -1;
	}
	if (n > BANK_MAX_CHOICES) {
		snprintf(why, wn, "it has %d answers; certsim takes at most %d", n,
		         BANK_MAX_CHOICES);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		double w = dr->answers[i].weight;
		if (w > 0.9999)
			full++;
		if (w > 0.00001)
			pos++;
		if (dr->single && w > 0.00001 && w <= 0.9999) {
			snprintf(
			    why, wn,
			    "answer %c gives partial credit (%g%%); certsim scores all-or-nothing",
			    'A' + i, w * 100);
			return -1;
		}
	}
	if (dr->single && full != 1) {
		if (full == 0)
			snprintf(why, wn, "no answer is fully correct");
		else
			snprintf(
			    why, wn,
			    "%d answers are each fully correct; a single-answer question has one",
			    full);
		return -1;
	}
	if (pos == 0) {
		snprintf(why, wn, "no answer has a positive weight");
		return -1;
	}
	if (pos == n) {
		snprintf(why, wn, "every answer is right; certsim needs at least one wrong option");
		return -1;
	}
	q->type = pos == 1 ? Q_SINGLE : Q_MULTIPLE;
	for (int i = 0; i < n; i++) {
		q->choices[i] = dr->answers[i].text;
		dr->answers[i].text = NULL;
		if (dr->answers[i].weight > 0.00001)
			q->key[q->n_key++] = i;
	}
	q->n_choices = n;
	return 0;
}

static int
convert_matching(struct ix_draft *dr, struct ix_question *q, char *why, size_t wn)
{
	int np = 0;
	for (int i = 0; i < dr->n_sub; i++) {
		if (interchange_blank(dr->sub_q[i]))
			continue;
		if (interchange_blank(dr->sub_a[i])) {
			snprintf(why, wn, "a prompt has no answer");
			return -1;
		}
		np++;
	}
	if (np < 3 || np > BANK_MAX_ITEMS) {
		snprintf(why, wn, "it has %d prompt%s; certsim needs 3 to %d", np,
		         np == 1 ? "" : "s", BANK_MAX_ITEMS);
		return -1;
	}
	/* Options: the distinct answer texts in order of first appearance. */
	const char *opt[BANK_MAX_CHOICES];
	int no = 0;
	for (int i = 0; i < dr->n_sub; i++) {
		if (interchange_blank(dr->sub_a[i]))
			continue;
		int j = 0;
		while (j < no && strcmp(opt[j], dr->sub_a[i]) != 0)
			j++;
		if (j < no)
			continue;
		if (no == BANK_MAX_CHOICES) {
			snprintf(why, wn, "it has more than %d distinct answers", BANK_MAX_CHOICES);
			return -1;
		}
		opt[no++] = dr->sub_a[i];
	}
	if (no < 2) {
		snprintf(why, wn, "it has %d distinct answer%s; certsim needs 2 to %d", no,
		         no == 1 ? "" : "s", BANK_MAX_CHOICES);
		return -1;
	}
	q->type = Q_MATCHING;
	for (int i = 0; i < dr->n_sub; i++) {
		if (interchange_blank(dr->sub_q[i]))
			continue;
		int j = 0;
		while (strcmp(opt[j], dr->sub_a[i]) != 0)
			j++;
		q->key[q->n_prompts] = j;
		q->prompts[q->n_prompts++] = dr->sub_q[i];
		dr->sub_q[i] = NULL;
	}
	q->n_key = q->n_prompts;
	for (int j = 0; j < no; j++)
		for (int i = 0; i < dr->n_sub; i++)
			if (dr->sub_a[i] == opt[j]) {
				q->choices[q->n_choices++] = dr->sub_a[i];
				dr->sub_a[i] = NULL;
				break;
			}
	return 0;
}

int
interchange_add_draft(struct ix_set *set, struct ix_draft *dr, struct diag *d)
{
	char why[256] = "";
	struct ix_question tmp;
	memset(&tmp, 0, sizeof tmp);
	int rc = 0;
	if (interchange_blank(dr->stem)) {
		snprintf(why, sizeof why, "it has no question text");
		rc = -1;
	} else if (strcmp(dr->kind, "truefalse") == 0) {
		tmp.type = Q_SINGLE;
		tmp.choices[0] = strdup("True");
		tmp.choices[1] = strdup("False");
		tmp.n_choices = 2;
		tmp.key[0] = dr->tf_true ? 0 : 1;
		tmp.n_key = 1;
		if (tmp.choices[0] == NULL || tmp.choices[1] == NULL)
			goto oom;
	} else if (strcmp(dr->kind, "matching") == 0) {
		rc = convert_matching(dr, &tmp, why, sizeof why);
	} else if (strcmp(dr->kind, "ordering") == 0) {
		int n = dr->n_answers;
		if (n < 3 || n > BANK_MAX_ITEMS) {
			snprintf(why, sizeof why, "it has %d item%s; certsim needs 3 to %d", n,
			         n == 1 ? "" : "s", BANK_MAX_ITEMS);
			rc = -1;
		} else {
			tmp.type = Q_ORDERING;
			for (int i = 0; i < n; i++) {
				tmp.choices[i] = dr->answers[i].text;
				dr->answers[i].text = NULL;
				tmp.key[i] = i;
			}
			tmp.n_choices = tmp.n_key = n;
		}
	} else {
		rc = convert_multichoice(dr, &tmp, why, sizeof why);
	}
	for (int i = 0; rc == 0 && i < tmp.n_choices; i++)
		if (interchange_blank(tmp.choices[i])) {
			snprintf(why, sizeof why, "choice %d is empty", i + 1);
			rc = -1;
		}
	if (rc < 0) {
		interchange_skip(set, d, dr->file, dr->line, dr->kind, dr->name, dr->stem, "%s",
		                 why);
		question_free(&tmp);
		interchange_draft_clear(dr);
		return 0;
	}
	struct ix_question *q = new_question(set, dr);
	if (q == NULL)
		goto oom;
	q->type = tmp.type;
	memcpy(q->choices, tmp.choices, sizeof q->choices);
	q->n_choices = tmp.n_choices;
	memcpy(q->prompts, tmp.prompts, sizeof q->prompts);
	q->n_prompts = tmp.n_prompts;
	memcpy(q->key, tmp.key, sizeof q->key);
	q->n_key = tmp.n_key;
	interchange_draft_clear(dr);
	return 0;
oom:
	question_free(&tmp);
	interchange_draft_clear(dr);
	interchange_error(d, dr->file, dr->line, "out of memory");
	return -1;
}

char *
interchange_category_last(const char *path)
{
	struct ix_buf part = { 0 };
	size_t nparts = 0;
	const char *s = path;
	char *last = NULL;
	for (;;) {
		/* One part: up to a "/" that is not part of "//". */
		interchange_buf_add(&part, "", 0);
		part.n = 0;
		if (part.s)
			part.s[0] = '\0';
		while (*s && !(*s == '/' && s[1] != '/')) {
			if (*s == '/' && s[1] == '/') {
				interchange_buf_add(&part, "/", 1);
				s += 2;
				continue;
			}
			interchange_buf_add(&part, s, 1);
			s++;
		}
		if (part.oom) {
			free(part.s);
			free(last);
			return NULL;
		}
		/* Trim the part. */
		char *p = part.s ? part.s : "";
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strlen(p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' ||
		                 p[n - 1] == '\r'))
			n--;
		int context = nparts == 0 && n >= 2 && p[0] == '$' && p[n - 1] == '$';
		int top = n == 3 && strncmp(p, "top", 3) == 0 && nparts <= 1;
		if (n > 0 && !context && !top) {
			free(last);
			last = strndup(p, n);
			if (last == NULL) {
				free(part.s);
				return NULL;
			}
		}
		nparts++;
		if (*s == '\0')
			break;
		s++;
	}
	free(part.s);
	return last != NULL ? last : strdup("");
}

int
interchange_blueprint_load(const char *path, struct ix_blueprint *bp, struct diag *d, char **err)
{
	char *buf = NULL;
	size_t len;
	memset(bp, 0, sizeof *bp);
	if (fsutil_read_file(path, BANK_FILE_LIMIT, &buf, &len, err) < 0)
		return -2;
	cJSON *root = cJSON_ParseWithLength(buf, len);
	free(buf);
	const cJSON *code = cJSON_GetObjectItemCaseSensitive(root, "code");
	const cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domains");
	if (!cJSON_IsString(code) || !cJSON_IsArray(doms)) {
		diag_add(d, DIAG_ERROR, path,
		         "not a certsim blueprint (a JSON object with \"code\" and \"domains\"); "
		         "run: certsim bank lint on its bank");
		cJSON_Delete(root);
		return -1;
	}
	int cap = 0;
	const cJSON *dm;
	cJSON_ArrayForEach (dm, doms) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(dm, "id");
		const cJSON *tasks = cJSON_GetObjectItemCaseSensitive(dm, "tasks");
		const cJSON *t;
		if (!cJSON_IsNumber(id) || !cJSON_IsArray(tasks))
			continue;
		cJSON_ArrayForEach (t, tasks) {
			const cJSON *tid = cJSON_GetObjectItemCaseSensitive(t, "id");
			if (!cJSON_IsString(tid) || strlen(tid->valuestring) >= 8)
				continue;
			if (bp->n_tasks == cap) {
				cap = cap ? cap * 2 : 16;
				void *a = realloc(bp->task, (size_t)cap * sizeof *bp->task);
				if (a != NULL)
					bp->task = a;
				void *b = realloc(bp->domain, (size_t)cap * sizeof *bp->domain);
				if (b != NULL)
					bp->domain = b;
				if (a == NULL || b == NULL)
					goto oom;
			}
			strcpy(bp->task[bp->n_tasks], tid->valuestring);
			bp->domain[bp->n_tasks++] = (int)id->valuedouble;
		}
	}
	bp->code = strdup(code->valuestring);
	if (bp->code == NULL)
		goto oom;
	cJSON_Delete(root);
	if (bp->n_tasks == 0) {
		diag_add(d, DIAG_ERROR, path, "the blueprint lists no tasks");
		interchange_blueprint_free(bp);
		return -1;
	}
	return 0;
oom:
	cJSON_Delete(root);
	interchange_blueprint_free(bp);
	*err = strdup("out of memory");
	return -2;
}

void
interchange_blueprint_free(struct ix_blueprint *bp)
{
	free(bp->code);
	free(bp->task);
	free(bp->domain);
	memset(bp, 0, sizeof *bp);
}

int
interchange_blueprint_task(const struct ix_blueprint *bp, const char *t)
{
	for (int i = 0; i < bp->n_tasks; i++)
		if (strcmp(bp->task[i], t) == 0)
			return i;
	return -1;
}

int
interchange_assign_tasks(struct ix_set *set, const struct ix_blueprint *bp,
                         const struct ix_map *maps, int n_maps, const char *default_task,
                         struct diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < set->n; i++) {
		struct ix_question *q = &set->v[i];
		const char *cat = q->category ? q->category : "";
		char *last = interchange_category_last(cat);
		if (last == NULL)
			return -1;
		const char *task = NULL;
		for (int m = 0; m < n_maps && task == NULL; m++)
			if (strcmp(maps[m].category, cat) == 0 ||
			    strcmp(maps[m].category, last) == 0)
				task = maps[m].task;
		if (task == NULL && interchange_blueprint_task(bp, last) >= 0)
			task = last;
		if (task == NULL)
			task = default_task;
		int t = task ? interchange_blueprint_task(bp, task) : -1;
		if (t < 0) {
			/* Once per category: only at its first question. */
			int first = 1;
			for (size_t j = 0; j < i && first; j++)
				if (set->v[j].task[0] == '\0' &&
				    strcmp(set->v[j].category ? set->v[j].category : "", cat) == 0)
					first = 0;
			if (first && *cat)
				interchange_error(
				    d, q->file, q->line,
				    "category \"%s\" maps to no task of %s: add --map '%s=TASK' "
				    "or --task TASK",
				    cat, bp->code, last);
			else if (first)
				interchange_error(d, q->file, q->line,
				                  "the question has no category: give --task TASK");
			rc = -1;
		} else {
			snprintf(q->task, sizeof q->task, "%s", bp->task[t]);
			q->domain = bp->domain[t];
		}
		free(last);
	}
	return rc;
}

/* An open-addressing set of strings (not owned), for unique ids. */
struct strset {
	const char **v;
	size_t cap;
};

static size_t
str_hash(const char *s)
{
	size_t h = 14695981039346656037u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* 1 if s was added, 0 if already there. */
static int
strset_add(struct strset *st, const char *s)
{
	size_t i = str_hash(s) & (st->cap - 1);
	while (st->v[i] != NULL) {
		if (strcmp(st->v[i], s) == 0)
			return 0;
		i = (i + 1) & (st->cap - 1);
	}
	st->v[i] = s;
	return 1;
}

int
interchange_assign_ids(struct ix_set *set)
{
	struct strset st;
	st.cap = 64;
	while (st.cap < set->n * 4 + 64)
		st.cap *= 2;
	st.v = calloc(st.cap, sizeof *st.v);
	if (st.v == NULL)
		return -1;
	for (size_t i = 0; i < set->n; i++) {
		struct ix_question *q = &set->v[i];
		free(q->id);
		q->id = NULL;
		if (q->name != NULL && bank_valid_id(q->name) && strset_add(&st, q->name)) {
			q->id = strdup(q->name);
			if (q->id == NULL)
				goto oom;
		}
	}
	unsigned next = 1;
	for (size_t i = 0; i < set->n; i++) {
		struct ix_question *q = &set->v[i];
		if (q->id != NULL)
			continue;
		for (;;) {
			char id[32];
			snprintf(id, sizeof id, "imp-%04u", next++);
			q->id = strdup(id);
			if (q->id == NULL)
				goto oom;
			if (strset_add(&st, q->id))
				break;
			free(q->id);
			q->id = NULL;
		}
	}
	free(st.v);
	return 0;
oom:
	free(st.v);
	return -1;
}

char *
interchange_category_of(const struct bank *b, const struct question *q)
{
	struct ix_buf out = { 0 };
	const char *task = b->bp.tasks[q->task_idx].id;
	char dom[32];
	snprintf(dom, sizeof dom, "Domain %d", q->domain_id);
	const char *parts[3] = { b->bp.code, dom, task };
	for (int i = 0; i < 3; i++) {
		if (i > 0)
			interchange_buf_add(&out, "/", 1);
		/* A slash inside a name is doubled, as Moodle writes it. */
		for (const char *s = parts[i]; *s; s++)
			interchange_buf_add(&out, *s == '/' ? "//" : s, *s == '/' ? 2 : 1);
	}
	interchange_buf_add(&out, "", 0);
	if (out.oom) {
		free(out.s);
		return NULL;
	}
	return out.s;
}

char *
interchange_export_stem(const struct bank *b, const struct question *q)
{
	if (q->case_study >= 0)
		return fsutil_asprintf("%s\n\n%s", b->case_studies[q->case_study].scenario,
		                       q->stem);
	return strdup(q->stem);
}

int
interchange_export(const struct bank *b, enum ix_format fmt, struct ix_buf *out, struct diag *d,
                   size_t *n_written, size_t *n_skipped)
{
	*n_written = *n_skipped = 0;
	if (fmt == IX_GIFT)
		return gift_export(b, out, d, n_written, n_skipped);
	return moodle_xml_export(b, out, d, n_written, n_skipped);
}

const char *
interchange_share(int k)
{
	static const char *const w[] = { "100",      "100",      "50",   "33.33333", "25", "20",
		                         "16.66667", "14.28571", "12.5", "11.11111", "10" };
	return k >= 1 && k <= 10 ? w[k] : "100";
}
