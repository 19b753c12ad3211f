/* The JSON of `certsim study --schedule --json`: every seen question's card and reviews, and
 * a summary. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "certsim/clock.h"
#include "certsim/study_json.h"

static void
add_time(cJSON *o, const char *name, int64_t ms)
{
	char iso[32];
	clock_format_iso_ms(ms, iso);
	cJSON_AddStringToObject(o, name, iso);
}

static void
add_question(cJSON *arr, const struct bank *b, size_t i, const struct study_entry *e)
{
	const struct question *q = &b->questions[i];
	cJSON *o = cJSON_CreateObject(), *rv;
	cJSON_AddStringToObject(o, "id", q->id);
	cJSON_AddStringToObject(o, "task", b->bp.tasks[q->task_idx].id);
	rv = cJSON_AddArrayToObject(o, "reviews");
	for (size_t k = 0; k < e->n_log; k++) {
		cJSON *r = cJSON_CreateObject();
		add_time(r, "at", e->log[k].at);
		cJSON_AddNumberToObject(r, "rating", e->log[k].rating);
		cJSON_AddItemToArray(rv, r);
	}
	cJSON_AddNumberToObject(o, "stability", e->card.stability);
	cJSON_AddNumberToObject(o, "difficulty", e->card.difficulty);
	cJSON_AddStringToObject(o, "state", fsrs_state_name(e->card.state));
	add_time(o, "due", e->card.due);
	if (e->restarted)
		cJSON_AddBoolToObject(o, "restarted", 1);
	cJSON_AddItemToArray(arr, o);
}

char *
study_json_schedule(const struct study *st, const struct bank *b, int64_t now,
                    const unsigned char *allowed)
{
	struct study_summary sum;
	cJSON *out = cJSON_CreateObject(), *o, *arr;
	if (out == NULL)
		return NULL;
	study_summarize(st, now, allowed, &sum);
	cJSON_AddStringToObject(out, "exam", b->bp.code);
	add_time(out, "now", now);
	o = cJSON_AddObjectToObject(out, "summary");
	cJSON_AddNumberToObject(o, "seen", (double)sum.seen);
	cJSON_AddNumberToObject(o, "new", (double)sum.unseen);
	cJSON_AddNumberToObject(o, "due_now", (double)sum.due_now);
	cJSON_AddNumberToObject(o, "due_7_days", (double)sum.due_week);
	if (sum.has_next)
		add_time(o, "next_due", sum.next_due);
	else
		cJSON_AddNullToObject(o, "next_due");
	arr = cJSON_AddArrayToObject(out, "questions");
	for (size_t i = 0; i < st->n && i < b->n_questions; i++)
		if (st->q[i].n_log > 0 && (allowed == NULL || allowed[i]))
			add_question(arr, b, i, &st->q[i]);
	char *text = cJSON_Print(out);
	cJSON_Delete(out);
	return text;
}
