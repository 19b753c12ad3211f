/* The writer of result files (docs/results.md): JSON, signed in minisign's format. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/sign.h"
#include "certsim/study.h"

#include "jsonw.h"

static double
round1(double x)
{
	return floor(x * 10 + 0.5) / 10;
}

/* One choice id as a JSON string. */
static cJSON *
id_str(const struct choice *c)
{
	return cJSON_CreateString(c->id);
}

/*
 * An answer (response or key) in the bank's own ids; unmatched prompts of
 * an incomplete matching answer are left out. NULL when out of memory.
 */
static cJSON *
answer_json(const struct question *q, const int *v, int n)
{
	if (q->type == Q_MATCHING) {
		cJSON *o = cJSON_CreateObject();
		for (int i = 0; o != NULL && i < n && i < q->n_prompts; i++)
			if (v[i] >= 0 &&
			    !cJSON_AddStringToObject(o, q->prompts[i].id, q->choices[v[i]].id)) {
				cJSON_Delete(o);
				return NULL;
			}
		return o;
	}
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; a != NULL && i < n; i++)
		if (!cJSON_AddItemToArray(a, id_str(&q->choices[v[i]]))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

static int
add_part(cJSON *arr, const struct score_part *p, int is_task, const struct blueprint *bp)
{
	cJSON *o = cJSON_CreateObject();
	int ok = o != NULL;
	if (is_task) {
		JSON_OK(cJSON_AddStringToObject(o, "id", bp->tasks[p->index].id));
		JSON_OK(cJSON_AddStringToObject(o, "name", bp->tasks[p->index].name));
	} else {
		JSON_OK(cJSON_AddNumberToObject(o, "id", bp->domains[p->index].id));
		JSON_OK(cJSON_AddStringToObject(o, "name", bp->domains[p->index].name));
	}
	JSON_OK(cJSON_AddNumberToObject(o, "correct", p->correct));
	JSON_OK(cJSON_AddNumberToObject(o, "total", p->total));
	JSON_OK(cJSON_AddNumberToObject(o, "percent", round1(p->percent)));
	JSON_OK(cJSON_AddStringToObject(o, "status", p->meets ? "meets" : "needs-improvement"));
	if (!cJSON_AddItemToArray(arr, o)) {
		cJSON_Delete(o);
		return 0;
	}
	return ok;
}

char *
result_build(const struct session *s, const struct score *sc)
{
	const struct bank *b = s->bank;
	const struct blueprint *bp = &b->bp;
	cJSON *r = cJSON_CreateObject(), *o, *arr;
	int ok = 1;
	if (r == NULL)
		return NULL;
	JSON_OK(cJSON_AddStringToObject(r, "format", "certsim-result/1"));
	o = cJSON_AddObjectToObject(r, "program");
	JSON_OK(o);
	JSON_OK(cJSON_AddStringToObject(o, "name", "certsim"));
	JSON_OK(cJSON_AddStringToObject(o, "version", CERTSIM_VERSION));
	JSON_OK(cJSON_AddStringToObject(r, "mode", session_mode_name(s->cfg.mode)));
	if (s->cfg.mode != MODE_EXAM) {
		o = cJSON_AddObjectToObject(r, "quiz");
		JSON_OK(o);
		JSON_OK(cJSON_AddStringToObject(o, "source", s->cfg.source));
		JSON_OK(cJSON_AddStringToObject(o, "feedback",
		                                s->cfg.feedback == FEEDBACK_IMMEDIATE ? "immediate"
		                                                                      : "end"));
	}
	o = cJSON_AddObjectToObject(r, "exam");
	JSON_OK(o);
	JSON_OK(cJSON_AddStringToObject(o, "code", bp->code));
	JSON_OK(cJSON_AddStringToObject(o, "title", bp->title));
	JSON_OK(cJSON_AddStringToObject(o, "bank_fingerprint", b->fingerprint_hex));
	char *abs = realpath(b->path, NULL);
	JSON_OK(cJSON_AddStringToObject(o, "bank_path", abs != NULL ? abs : b->path));
	free(abs);
	cJSON *scoring = cJSON_AddObjectToObject(o, "scoring");
	JSON_OK(scoring);
	JSON_OK(cJSON_AddNumberToObject(scoring, "min", bp->score_min));
	JSON_OK(cJSON_AddNumberToObject(scoring, "max", bp->score_max));
	JSON_OK(cJSON_AddNumberToObject(scoring, "pass", bp->score_pass));
	JSON_OK(cJSON_AddNumberToObject(scoring, "cut", bp->cut));
	JSON_OK(cJSON_AddNumberToObject(r, "seed", (double)s->cfg.seed));
	JSON_OK(cJSON_AddStringToObject(r, "started_at", s->started_at));
	JSON_OK(cJSON_AddStringToObject(r, "finished_at", s->finished_at));
	JSON_OK(cJSON_AddNumberToObject(r, "time_limit_s", (double)s->cfg.time_limit_s));
	JSON_OK(cJSON_AddNumberToObject(r, "time_used_s", (double)((s->used_ms + 500) / 1000)));
	JSON_OK(cJSON_AddStringToObject(r, "ended_by", session_end_name(s->ended)));
	JSON_OK(cJSON_AddNumberToObject(r, "interruptions", s->interruptions));
	JSON_OK(cJSON_AddNumberToObject(r, "unscored", s->cfg.unscored));
	o = cJSON_AddObjectToObject(r, "score");
	JSON_OK(o);
	JSON_OK(cJSON_AddNumberToObject(o, "correct", sc->correct));
	JSON_OK(cJSON_AddNumberToObject(o, "scored", sc->scored));
	JSON_OK(cJSON_AddNumberToObject(o, "percent", round1(sc->percent)));
	JSON_OK(cJSON_AddNumberToObject(o, "scaled", sc->scaled));
	JSON_OK(cJSON_AddNumberToObject(o, "pass_mark", sc->pass_mark));
	JSON_OK(cJSON_AddBoolToObject(o, "passed", sc->passed));
	arr = cJSON_AddArrayToObject(r, "domains");
	JSON_OK(arr);
	for (int i = 0; i < sc->n_domains; i++)
		ok &= add_part(arr, &sc->domains[i], 0, bp);
	arr = cJSON_AddArrayToObject(r, "tasks");
	JSON_OK(arr);
	for (int i = 0; i < sc->n_tasks; i++)
		ok &= add_part(arr, &sc->tasks[i], 1, bp);
	arr = cJSON_AddArrayToObject(r, "items");
	JSON_OK(arr);
	for (size_t i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];
		const struct question *q = &b->questions[it->d.q];
		cJSON *j = cJSON_CreateObject(), *shown;
		JSON_OK(cJSON_AddNumberToObject(j, "n", (double)(i + 1)));
		JSON_OK(cJSON_AddStringToObject(j, "id", q->id));
		JSON_OK(cJSON_AddNumberToObject(j, "domain", q->domain_id));
		JSON_OK(cJSON_AddStringToObject(j, "task", bp->tasks[q->task_idx].id));
		JSON_OK(cJSON_AddStringToObject(j, "type", bank_type_name(q->type)));
		if (q->case_study >= 0)
			JSON_OK(cJSON_AddStringToObject(j, "case_study",
			                                b->case_studies[q->case_study].id));
		JSON_OK(cJSON_AddBoolToObject(j, "scored", it->scored));
		shown = cJSON_AddArrayToObject(j, "shown");
		JSON_OK(shown);
		for (int k = 0; k < it->d.n_perm; k++)
			JSON_OK(jsonw_put(shown, NULL, id_str(&q->choices[it->d.perm[k]])));
		if (q->type == Q_MATCHING) {
			shown = cJSON_AddArrayToObject(j, "prompts_shown");
			JSON_OK(shown);
			for (int k = 0; k < it->d.n_pperm; k++)
				JSON_OK(
				    jsonw_put(shown, NULL, id_str(&q->prompts[it->d.pperm[k]])));
		}
		if (it->answered)
			JSON_OK(jsonw_put(j, "response", answer_json(q, it->resp.v, it->resp.n)));
		else
			JSON_OK(cJSON_AddNullToObject(j, "response"));
		JSON_OK(jsonw_put(j, "key", answer_json(q, q->key, q->n_key)));
		if (it->answered)
			JSON_OK(
			    cJSON_AddBoolToObject(j, "complete",
			                          session_item_status(s, i) != ANSWER_INCOMPLETE));
		char qh[STUDY_QHASH_HEX + 1];
		if (study_qhash(b, (size_t)it->d.q, qh) == 0)
			JSON_OK(cJSON_AddStringToObject(j, "qhash", qh));
		JSON_OK(cJSON_AddBoolToObject(j, "correct", session_item_correct(s, i)));
		JSON_OK(cJSON_AddBoolToObject(j, "flagged", it->flagged));
		JSON_OK(cJSON_AddNumberToObject(j, "seconds", (double)((it->ms + 500) / 1000)));
		JSON_OK(jsonw_put(arr, NULL, j));
	}
	/* Any allocation that failed leaves a hole: no result at all then. */
	char *text = ok ? cJSON_Print(r) : NULL;
	cJSON_Delete(r);
	if (text == NULL)
		return NULL;
	size_t n = strlen(text);
	char *out = realloc(text, n + 2);
	if (out == NULL) {
		free(text);
		return NULL;
	}
	out[n] = '\n';
	out[n + 1] = '\0';
	return out;
}

char *
result_trusted_comment(const char *mode, const char *code, int scaled, int passed,
                       const char *finished)
{
	return fsutil_asprintf("certsim mode:%s exam:%s scaled:%d result:%s finished:%s", mode,
	                       code, scaled, passed ? "pass" : "fail", finished);
}

/*
 * Write text to path and its signature to path.minisig, as a pair: both
 * are written and synced to temporary files first, so a failure leaves any
 * earlier pair (--out) exactly as it was. Then the old signature goes, the
 * result and the new signature are renamed in: at no moment does a new
 * result sit beside an old signature (at worst a result is briefly
 * unsigned).
 */
static int
write_signed(const char *path, const char *text, const char *sig, char **err)
{
	char *sigpath = fsutil_asprintf("%s.minisig", path), *tmp = NULL, *sigtmp = NULL;
	int rc = -1, existed = access(path, F_OK) == 0, renamed = 0;
	if (sigpath == NULL) {
		*err = fsutil_asprintf("out of memory");
		return -1;
	}
	if ((tmp = fsutil_write_temp(path, text, strlen(text), 0644, err)) == NULL ||
	    (sigtmp = fsutil_write_temp(sigpath, sig, strlen(sig), 0644, err)) == NULL)
		goto done;
	if (unlink(sigpath) == -1 && errno != ENOENT) {
		*err = fsutil_asprintf("cannot replace %s: %s", sigpath, strerror(errno));
		goto done;
	}
	if (rename(tmp, path) == -1) {
		*err = fsutil_asprintf("cannot write %s: %s", path, strerror(errno));
		goto done;
	}
	free(tmp);
	tmp = NULL;
	renamed = 1;
	if (fsutil_sync_dir(path, err) < 0)
		goto done;
	if (rename(sigtmp, sigpath) == -1) {
		*err = fsutil_asprintf("cannot write %s: %s", sigpath, strerror(errno));
		goto done;
	}
	free(sigtmp);
	sigtmp = NULL;
	rc = fsutil_sync_dir(sigpath, err);
done:
	/* A new file that did not get all the way is removed with its
	 * signature: nothing half done is left. */
	if (rc < 0 && renamed && !existed) {
		unlink(path);
		unlink(sigpath);
	}
	if (tmp != NULL)
		unlink(tmp);
	if (sigtmp != NULL)
		unlink(sigtmp);
	free(tmp);
	free(sigtmp);
	free(sigpath);
	return rc;
}

int
result_check_out(const char *path, char **err)
{
	struct stat st;
	char *dir;
	const char *slash = strrchr(path, '/');
	if (path[0] == '\0' || (slash != NULL && slash[1] == '\0')) {
		*err = fsutil_asprintf("--out needs a file name, not '%s'", path);
		return -1;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		*err = fsutil_asprintf("--out %s is a directory; give a file name", path);
		return -1;
	}
	dir = slash == NULL   ? fsutil_asprintf(".")
	      : slash == path ? fsutil_asprintf("/")
	                      : fsutil_asprintf("%.*s", (int)(slash - path), path);
	if (dir == NULL) {
		*err = fsutil_asprintf("out of memory");
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*err = fsutil_asprintf("--out %s: the directory %s does not exist", path, dir);
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/* Remove a result written by write_signed and its signature. */
static void
remove_signed(const char *path)
{
	char *sigpath = fsutil_asprintf("%s.minisig", path);
	unlink(path);
	if (sigpath != NULL)
		unlink(sigpath);
	free(sigpath);
}

int
result_save(const struct session *s, const struct score *sc, const char *home, const char *out_path,
            char **path, char **err)
{
	char stamp[32], *text = NULL, *sig = NULL, *tc = NULL, *keys = NULL;
	char *file = NULL;
	struct sign_key *key = NULL;
	int rc = -1;
	*path = NULL;
	*err = NULL;
	if ((text = result_build(s, sc)) == NULL)
		goto oom;
	if ((keys = home_path(home, HOME_KEYS)) == NULL)
		goto oom;
	if (sign_key_load_or_create(keys, &key, err) < 0)
		goto done;
	tc = result_trusted_comment(session_mode_name(s->cfg.mode), s->bank->bp.code, sc->scaled,
	                            sc->passed, s->finished_at);
	if (tc == NULL)
		goto oom;
	sig = sign_detached(key, text, strlen(text), RESULT_UNTRUSTED_COMMENT, tc, err);
	if (sig == NULL)
		goto done;
	clock_utc_now_stamp(stamp);
	for (int k = 1; k < 100; k++) {
		free(file);
		file = home_result_path(home, stamp, session_mode_name(s->cfg.mode), k);
		if (file == NULL)
			goto oom;
		if (access(file, F_OK) != 0)
			break;
	}
	if (write_signed(file, text, sig, err) < 0)
		goto done;
	if (out_path != NULL && write_signed(out_path, text, sig, err) < 0) {
		/* All or nothing: the attempt stays saved and resume writes both. */
		remove_signed(file);
		goto done;
	}
	*path = file;
	file = NULL;
	rc = 0;
	goto done;
oom:
	free(*err);
	*err = fsutil_asprintf("out of memory");
done:
	sign_key_free(key);
	free(keys);
	free(text);
	free(sig);
	free(tc);
	free(file);
	return rc;
}
