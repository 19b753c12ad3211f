/* An attempt in progress: answers, flags, per-item time, navigation, countdown, autosave. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "certsim/answer.h"
#include "certsim/fsutil.h"
#include "certsim/rng.h"
#include "certsim/session.h"

#include "jsonw.h"

const int session_warning_minutes[4] = { 30, 10, 5, 1 };

int
session_new(const struct bank *b, const struct session_config *cfg, struct draw_item *items,
            size_t n, const struct clock *clock, struct session **out, char **err)
{
	struct session *s;
	*out = NULL;
	if (n == 0 || items == NULL) {
		free(items);
		*err = fsutil_asprintf("an attempt needs at least one item");
		return -1;
	}
	s = calloc(1, sizeof *s);
	if (s == NULL || (s->items = calloc(n + 1, sizeof *s->items)) == NULL) {
		free(s);
		free(items);
		*err = fsutil_asprintf("out of memory");
		return -1;
	}
	s->bank = b;
	s->cfg = *cfg;
	s->n = n;
	s->clock = clock;
	s->run_start = -1;
	for (size_t i = 0; i < n; i++) {
		s->items[i].d = items[i];
		s->items[i].scored = 1;
	}
	free(items);
	if (cfg->unscored > 0) {
		/* A separate stream, so unscored choice never changes the draw. */
		struct rng r;
		rng_init(&r, cfg->seed ^ 0x756e73636f726564ull);
		size_t k = (size_t)cfg->unscored < n ? (size_t)cfg->unscored : n - 1;
		int *idx = malloc((n + 1) * sizeof *idx);
		if (idx == NULL) {
			session_free(s);
			*err = fsutil_asprintf("out of memory");
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			idx[i] = (int)i;
		rng_shuffle_int(&r, idx, n);
		for (size_t i = 0; i < k; i++)
			s->items[idx[i]].scored = 0;
		free(idx);
		s->cfg.unscored = (int)k;
	}
	*out = s;
	return 0;
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->items);
	free(s->save_path);
	free(s->save_error);
	free(s);
}

void
session_start(struct session *s)
{
	if (s->run_start >= 0)
		return;
	s->run_start = clock_now(s->clock);
	s->item_start = s->run_start;
	if (s->started_at[0] == '\0') {
		/* Saved at once: an attempt that dies before its first change still
		 * knows when its clock started. */
		clock_utc_now_iso(s->started_at);
		session_autosave(s);
	}
}

int64_t
session_used_ms(const struct session *s)
{
	int64_t used = s->used_ms;
	if (s->run_start >= 0)
		used += clock_now(s->clock) - s->run_start;
	return used;
}

int64_t
session_left_ms(const struct session *s)
{
	if (s->cfg.time_limit_s <= 0)
		return -1;
	int64_t left = s->cfg.time_limit_s * 1000 - session_used_ms(s);
	return left > 0 ? left : 0;
}

int
session_tick(struct session *s, int *warn_minutes)
{
	*warn_minutes = 0;
	if (s->ended != SESSION_END_NONE || s->cfg.time_limit_s <= 0)
		return 0;
	int64_t left = session_left_ms(s);
	if (left <= 0) {
		session_finish(s, SESSION_END_TIMEOUT);
		return 1;
	}
	for (int i = 3; i >= 0; i--) {
		int64_t at = (int64_t)session_warning_minutes[i] * 60000;
		/* Only thresholds inside the limit: a 20-minute quiz has no 30-minute warning. */
		if (left <= at && at < s->cfg.time_limit_s * 1000 && !(s->warned & (1 << i))) {
			/* Crossing several at once (after a pause) warns once, for the lowest. */
			for (int j = 0; j <= i; j++)
				s->warned |= 1 << j;
			*warn_minutes = session_warning_minutes[i];
			return 0;
		}
	}
	return 0;
}

int64_t
session_next_event_ms(const struct session *s)
{
	int64_t left = session_left_ms(s);
	if (left < 0)
		return -1;
	int64_t next = left;
	for (int i = 0; i < 4; i++) {
		int64_t at = (int64_t)session_warning_minutes[i] * 60000;
		if (!(s->warned & (1 << i)) && left > at && left - at < next)
			next = left - at;
	}
	return next;
}

/* Charge the time since the item was entered to the current item. */
const char *
session_mode_name(enum session_mode m)
{
	return m == MODE_EXAM ? "exam" : m == MODE_QUIZ ? "quiz" : "study";
}

static void
charge_item(struct session *s)
{
	if (s->run_start < 0 || s->n == 0)
		return;
	int64_t now = clock_now(s->clock);
	s->items[s->cur].ms += now - s->item_start;
	s->item_start = now;
}

int
session_goto(struct session *s, size_t i)
{
	if (i >= s->n)
		return -1;
	charge_item(s);
	s->cur = i;
	session_autosave(s);
	return 0;
}

/*
 * Whether r is a valid answer for q: complete, or incomplete where
 * docs/record.md ("Partial answers") allows it (a multiple-response item with
 * fewer options than it asks for, a matching item with prompts left
 * unmatched as -1).
 */
static int
valid_response(const struct question *q, const struct response *r, const char **err)
{
	int seen[BANK_MAX_CHOICES] = { 0 };
	switch (q->type) {
	case Q_SINGLE:
		if (r->n != 1) {
			*err = "choose exactly one option";
			return 0;
		}
		break;
	case Q_MULTIPLE:
		if (r->n < 1 || r->n > q->n_key) {
			*err = "choose at most as many options as the question asks";
			return 0;
		}
		break;
	case Q_ORDERING:
		if (r->n != q->n_choices) {
			*err = "put every item in order, each exactly once";
			return 0;
		}
		break;
	case Q_MATCHING: {
		int given = 0;
		if (r->n != q->n_prompts) {
			*err = "match every numbered prompt to a lettered option";
			return 0;
		}
		for (int i = 0; i < r->n; i++) {
			if (r->v[i] < -1 || r->v[i] >= q->n_choices) {
				*err = "match every numbered prompt to a lettered option";
				return 0;
			}
			given += r->v[i] >= 0;
		}
		if (given == 0) {
			*err = "match at least one numbered prompt to a lettered option";
			return 0;
		}
		return 1;
	}
	}
	for (int i = 0; i < r->n; i++) {
		if (r->v[i] < 0 || r->v[i] >= q->n_choices || seen[r->v[i]]++) {
			*err = "each option may be given only once";
			return 0;
		}
	}
	return 1;
}

int
session_clock_text(const struct session *s, char out[32])
{
	int64_t left = session_left_ms(s);
	if (left < 0) {
		clock_format_hms((long)(session_used_ms(s) / 1000), out);
		return 0;
	}
	clock_format_hms((long)((left + 999) / 1000), out);
	return 1;
}

int
session_answer(struct session *s, const struct response *r, const char **err)
{
	struct session_item *it = &s->items[s->cur];
	const struct question *q = &s->bank->questions[it->d.q];
	if (!valid_response(q, r, err))
		return -1;
	it->resp = *r;
	if (q->type == Q_SINGLE || q->type == Q_MULTIPLE)
		bank_sort_indexes(it->resp.v, it->resp.n);
	it->answered = 1;
	charge_item(s);
	session_autosave(s);
	return 0;
}

void
session_clear(struct session *s)
{
	s->items[s->cur].answered = 0;
	memset(&s->items[s->cur].resp, 0, sizeof s->items[s->cur].resp);
	session_autosave(s);
}

void
session_toggle_flag(struct session *s)
{
	s->items[s->cur].flagged = !s->items[s->cur].flagged;
	session_autosave(s);
}

enum answer_status
session_item_status(const struct session *s, size_t i)
{
	const struct session_item *it = &s->items[i];
	const struct question *q = &s->bank->questions[it->d.q];
	if (!it->answered)
		return ANSWER_NONE;
	return answer_judge(q->type, q->key, q->n_key, it->resp.v, it->resp.n);
}

int
session_item_correct(const struct session *s, size_t i)
{
	return answer_is_correct(session_item_status(s, i));
}

/* How many items have a complete answer (what = 0), are flagged (1) or incomplete (2). */
static size_t
count_items(const struct session *s, int what)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		enum answer_status st = session_item_status(s, i);
		n += what == 1   ? s->items[i].flagged != 0
		     : what == 2 ? st == ANSWER_INCOMPLETE
		                 : st == ANSWER_WRONG || st == ANSWER_CORRECT;
	}
	return n;
}

size_t
session_count_incomplete(const struct session *s)
{
	return count_items(s, 2);
}

size_t
session_count_answered(const struct session *s)
{
	return count_items(s, 0);
}

size_t
session_count_flagged(const struct session *s)
{
	return count_items(s, 1);
}

void
session_finish(struct session *s, enum session_end how)
{
	if (s->ended != SESSION_END_NONE)
		return;
	charge_item(s);
	if (s->run_start >= 0) {
		s->used_ms += clock_now(s->clock) - s->run_start;
		s->run_start = -1;
	}
	if (s->cfg.time_limit_s > 0 && s->used_ms > s->cfg.time_limit_s * 1000)
		s->used_ms = s->cfg.time_limit_s * 1000;
	s->ended = how;
	clock_utc_now_iso(s->finished_at);
	/* Saved as ended before any result is written: if writing it fails,
	 * resume writes it from here and never reopens a question. */
	session_autosave(s);
}

const char *
session_end_name(enum session_end e)
{
	switch (e) {
	case SESSION_END_SUBMIT:
		return "submit";
	case SESSION_END_TIMEOUT:
		return "timeout";
	case SESSION_END_EOF:
		return "end-of-input";
	case SESSION_END_NONE:
		break;
	}
	return "none";
}

static cJSON *
int_array(const int *v, int n)
{
	return cJSON_CreateIntArray(v, n);
}

/* If the directory holding path no longer exists, create it (0700); whether it did. */
static int
make_vanished_dir(const char *path)
{
	struct stat st;
	const char *slash = strrchr(path, '/');
	char *dir;
	int made = 0;
	if (slash == NULL || slash == path)
		return 0;
	if ((dir = fsutil_asprintf("%.*s", (int)(slash - path), path)) == NULL)
		return 0;
	if (stat(dir, &st) == -1 && errno == ENOENT)
		made = fsutil_mkdirs(dir, 0700, NULL) == 0;
	free(dir);
	return made;
}

int
session_autosave(struct session *s)
{
	if (s->save_path == NULL)
		return 0;
	cJSON *o = cJSON_CreateObject(), *items;
	const struct bank *b = s->bank;
	int ok = o != NULL;
	JSON_OK(cJSON_AddStringToObject(o, "format", "certsim-attempt/1"));
	JSON_OK(cJSON_AddStringToObject(o, "bank", b->path));
	JSON_OK(cJSON_AddStringToObject(o, "bank_fingerprint", b->fingerprint_hex));
	JSON_OK(cJSON_AddStringToObject(o, "mode", session_mode_name(s->cfg.mode)));
	JSON_OK(cJSON_AddNumberToObject(o, "seed", (double)s->cfg.seed));
	JSON_OK(cJSON_AddNumberToObject(o, "time_limit_s", (double)s->cfg.time_limit_s));
	JSON_OK(
	    cJSON_AddStringToObject(o, "feedback",
	                            s->cfg.feedback == FEEDBACK_IMMEDIATE ? "immediate" : "end"));
	JSON_OK(cJSON_AddNumberToObject(o, "unscored", s->cfg.unscored));
	JSON_OK(cJSON_AddStringToObject(o, "source", s->cfg.source));
	JSON_OK(cJSON_AddBoolToObject(o, "show_domain", s->cfg.show_domain));
	JSON_OK(cJSON_AddStringToObject(o, "started_at", s->started_at));
	if (s->ended != SESSION_END_NONE) {
		/* Ended: final. resume writes the result without reopening it. */
		JSON_OK(cJSON_AddStringToObject(o, "ended_by", session_end_name(s->ended)));
		JSON_OK(cJSON_AddStringToObject(o, "finished_at", s->finished_at));
	}
	JSON_OK(cJSON_AddNumberToObject(o, "used_ms", (double)session_used_ms(s)));
	JSON_OK(cJSON_AddNumberToObject(o, "interruptions", s->interruptions));
	JSON_OK(cJSON_AddNumberToObject(o, "warned", s->warned));
	JSON_OK(cJSON_AddNumberToObject(o, "current", (double)s->cur));
	items = cJSON_AddArrayToObject(o, "items");
	JSON_OK(items);
	for (size_t i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];
		cJSON *j = cJSON_CreateObject();
		int64_t ms = it->ms;
		if (i == s->cur && s->run_start >= 0)
			ms += clock_now(s->clock) - s->item_start;
		JSON_OK(cJSON_AddStringToObject(j, "id", b->questions[it->d.q].id));
		JSON_OK(jsonw_put(j, "perm", int_array(it->d.perm, it->d.n_perm)));
		JSON_OK(jsonw_put(j, "pperm", int_array(it->d.pperm, it->d.n_pperm)));
		JSON_OK(cJSON_AddBoolToObject(j, "scored", it->scored));
		if (it->answered)
			JSON_OK(jsonw_put(j, "response", int_array(it->resp.v, it->resp.n)));
		else
			JSON_OK(cJSON_AddNullToObject(j, "response"));
		JSON_OK(cJSON_AddBoolToObject(j, "flagged", it->flagged));
		JSON_OK(cJSON_AddNumberToObject(j, "ms", (double)ms));
		JSON_OK(jsonw_put(items, NULL, j));
	}
	/* A failed allocation leaves a hole: nothing is written, the last save stays. */
	char *text = ok ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	char *err = NULL;
	int rc = -1;
	if (text == NULL)
		err = fsutil_asprintf("cannot save the attempt: out of memory");
	else
		rc = fsutil_write_atomic(s->save_path, text, strlen(text), 0600, &err);
	/* A data directory removed under a running attempt is made again, so
	 * the attempt stays saved (its results and keys are gone, though). */
	if (rc < 0 && text != NULL && make_vanished_dir(s->save_path)) {
		free(err);
		err = NULL;
		rc = fsutil_write_atomic(s->save_path, text, strlen(text), 0600, &err);
	}
	free(text);
	free(s->save_error);
	s->save_error = err;
	return rc;
}

/* Read an int array of at most max entries into v; -1 if malformed. */
static int
read_ints(const cJSON *a, int *v, int max, int lo, int hi)
{
	if (!cJSON_IsArray(a))
		return -1;
	int n = 0;
	const cJSON *x;
	cJSON_ArrayForEach (x, a) {
		if (n >= max || !cJSON_IsNumber(x) || x->valuedouble < lo || x->valuedouble > hi ||
		    x->valuedouble != (int)x->valuedouble)
			return -1;
		v[n++] = (int)x->valuedouble;
	}
	return n;
}

/*
 * Member k as a number clamped to [lo, hi] (a damaged file must not
 * overflow a conversion), or dflt.
 */
static double
num(const cJSON *o, const char *k, double dflt, double lo, double hi)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsNumber(x))
		return dflt;
	return x->valuedouble > hi ? hi : x->valuedouble >= lo ? x->valuedouble : lo;
}

#define NUM_MS_MAX 1e13 /* milliseconds: over 300 years */

char *
session_saved_bank(const char *path)
{
	char *buf = NULL, *err = NULL, *out = NULL;
	size_t len;
	if (fsutil_read_file(path, 64u << 20, &buf, &len, &err) < 0) {
		free(err);
		return NULL;
	}
	cJSON *saved = cJSON_ParseWithLength(buf, len);
	const cJSON *bp = cJSON_GetObjectItemCaseSensitive(saved, "bank");
	if (cJSON_IsString(bp))
		out = fsutil_asprintf("%s", bp->valuestring);
	cJSON_Delete(saved);
	free(buf);
	return out;
}

int
session_restore(const struct bank *b, const char *path, const struct clock *clock,
                struct session **out, char **err)
{
	char *buf = NULL, *rerr = NULL;
	size_t len;
	cJSON *o = NULL;
	struct session *s = NULL;
	struct draw_item *items = NULL;
	*out = NULL;
	*err = NULL;
	if (fsutil_read_file(path, 64u << 20, &buf, &len, &rerr) < 0) {
		*err = rerr;
		return -1;
	}
	o = cJSON_ParseWithLength(buf, len);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(o, "format");
	const cJSON *fp = cJSON_GetObjectItemCaseSensitive(o, "bank_fingerprint");
	const cJSON *ji = cJSON_GetObjectItemCaseSensitive(o, "items");
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(o, "mode");
	if (o == NULL || !cJSON_IsString(fmt) ||
	    strcmp(fmt->valuestring, "certsim-attempt/1") != 0 || !cJSON_IsArray(ji) ||
	    !cJSON_IsString(mode)) {
		*err = fsutil_asprintf("%s: not a saved certsim attempt (damaged?)", path);
		goto fail;
	}
	if (!cJSON_IsString(fp) || strcmp(fp->valuestring, b->fingerprint_hex) != 0) {
		const cJSON *bp = cJSON_GetObjectItemCaseSensitive(o, "bank");
		*err =
		    fsutil_asprintf("%s: the saved attempt was taken on a different bank (%s); "
		                    "its bank has changed since, so it cannot be resumed with %s",
		                    path, cJSON_IsString(bp) ? bp->valuestring : "?", b->path);
		goto fail;
	}
	size_t n = (size_t)cJSON_GetArraySize(ji);
	if (n == 0 || n > b->n_questions) {
		*err = fsutil_asprintf("%s: the saved attempt has no valid items", path);
		goto fail;
	}
	items = calloc(n, sizeof *items);
	if (items == NULL) {
		*err = fsutil_asprintf("out of memory");
		goto fail;
	}
	struct session_config cfg = { 0 };
	cfg.mode = strcmp(mode->valuestring, "quiz") == 0    ? MODE_QUIZ
	           : strcmp(mode->valuestring, "study") == 0 ? MODE_STUDY
	                                                     : MODE_EXAM;
	cfg.seed = (uint64_t)num(o, "seed", 0, 0, (double)RNG_SEED_MAX);
	cfg.time_limit_s = (long)num(o, "time_limit_s", 0, 0, NUM_MS_MAX / 1000);
	const cJSON *fb = cJSON_GetObjectItemCaseSensitive(o, "feedback");
	cfg.feedback = cJSON_IsString(fb) && strcmp(fb->valuestring, "immediate") == 0
	                   ? FEEDBACK_IMMEDIATE
	                   : FEEDBACK_END;
	cfg.show_domain = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "show_domain"));
	const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "source");
	if (cJSON_IsString(src))
		snprintf(cfg.source, sizeof cfg.source, "%s", src->valuestring);
	size_t i = 0;
	const cJSON *x;
	cJSON_ArrayForEach (x, ji) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "id");
		long q = cJSON_IsString(id) ? bank_find(b, id->valuestring) : -1;
		if (q < 0) {
			*err = fsutil_asprintf("%s: item %zu is not in the bank", path, i + 1);
			goto fail;
		}
		const struct question *qq = &b->questions[q];
		items[i].q = (int)q;
		items[i].n_perm = read_ints(cJSON_GetObjectItemCaseSensitive(x, "perm"),
		                            items[i].perm, BANK_MAX_CHOICES, 0, 9);
		items[i].n_pperm = read_ints(cJSON_GetObjectItemCaseSensitive(x, "pperm"),
		                             items[i].pperm, BANK_MAX_ITEMS, 0, 6);
		if (items[i].n_perm != qq->n_choices ||
		    !draw_is_perm(items[i].perm, items[i].n_perm) ||
		    items[i].n_pperm != (qq->type == Q_MATCHING ? qq->n_prompts : 0) ||
		    !draw_is_perm(items[i].pperm, items[i].n_pperm)) {
			*err = fsutil_asprintf("%s: item %zu is damaged", path, i + 1);
			goto fail;
		}
		i++;
	}
	if (session_new(b, &cfg, items, n, clock, &s, err) < 0) {
		items = NULL;
		goto fail;
	}
	items = NULL;
	s->cfg.unscored = (int)num(o, "unscored", 0, 0, (double)n);
	i = 0;
	cJSON_ArrayForEach (x, ji) {
		struct session_item *it = &s->items[i];
		const struct question *qq = &b->questions[it->d.q];
		it->scored = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(x, "scored"));
		it->flagged = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "flagged"));
		it->ms = (int64_t)num(x, "ms", 0, 0, NUM_MS_MAX);
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(x, "response");
		if (cJSON_IsArray(r)) {
			const char *why;
			struct response resp;
			resp.n = read_ints(r, resp.v, BANK_MAX_CHOICES,
			                   qq->type == Q_MATCHING ? -1 : 0, 9);
			if (resp.n < 0 || !valid_response(qq, &resp, &why)) {
				*err = fsutil_asprintf("%s: the answer to item %zu is damaged",
				                       path, i + 1);
				goto fail;
			}
			it->resp = resp;
			if (qq->type == Q_SINGLE || qq->type == Q_MULTIPLE)
				bank_sort_indexes(it->resp.v, it->resp.n);
			it->answered = 1;
		}
		i++;
	}
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(o, "started_at");
	if (cJSON_IsString(st))
		snprintf(s->started_at, sizeof s->started_at, "%s", st->valuestring);
	s->used_ms = (int64_t)num(o, "used_ms", 0, 0, NUM_MS_MAX);
	const cJSON *eb = cJSON_GetObjectItemCaseSensitive(o, "ended_by");
	const cJSON *fa = cJSON_GetObjectItemCaseSensitive(o, "finished_at");
	if (cJSON_IsString(eb)) {
		enum session_end e = SESSION_END_NONE;
		for (int k = SESSION_END_SUBMIT; k <= SESSION_END_EOF; k++)
			if (strcmp(eb->valuestring, session_end_name((enum session_end)k)) == 0)
				e = (enum session_end)k;
		if (e == SESSION_END_NONE || !cJSON_IsString(fa)) {
			*err = fsutil_asprintf("%s: the end of the attempt is damaged", path);
			goto fail;
		}
		s->ended = e;
		snprintf(s->finished_at, sizeof s->finished_at, "%s", fa->valuestring);
	}
	if (s->used_ms < 0)
		s->used_ms = 0;
	/* An ended attempt was not interrupted: only its result is missing. */
	s->interruptions = (int)num(o, "interruptions", 0, 0, 1e6) + (s->ended == SESSION_END_NONE);
	s->warned = (int)num(o, "warned", 0, 0, 15) & 0xF;
	double cur = num(o, "current", 0, 0, (double)n);
	s->cur = cur >= 0 && cur < (double)n ? (size_t)cur : 0;
	cJSON_Delete(o);
	free(buf);
	*out = s;
	return 0;
fail:
	free(items);
	session_free(s);
	cJSON_Delete(o);
	free(buf);
	return -1;
}

void
session_item_letters(const struct session_item *it, const struct question *q,
                     const struct response *r, struct answer_letters *out)
{
	out->n = 0;
	if (q->type == Q_MATCHING) {
		out->kind = ANSWER_LETTERS_PAIRS;
		for (int k = 0; k < it->d.n_pperm && k < BANK_MAX_CHOICES; k++) {
			int p = it->d.pperm[k], c = p < r->n ? r->v[p] : -1;
			int j = c >= 0 ? draw_shown_pos(&it->d, c) : ANSWER_LETTER_UNMATCHED;
			out->pos[out->n++] = c >= 0 && j < 0 ? ANSWER_LETTER_UNKNOWN : j;
		}
		return;
	}
	out->kind = q->type == Q_ORDERING ? ANSWER_LETTERS_SEQUENCE : ANSWER_LETTERS_SET;
	for (int k = 0; k < r->n && k < BANK_MAX_CHOICES; k++) {
		int j = draw_shown_pos(&it->d, r->v[k]);
		out->pos[out->n++] = j >= 0 ? j : ANSWER_LETTER_UNKNOWN;
	}
}
