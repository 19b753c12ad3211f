/* Result files (contract section 5): JSON, signed in minisign's format, verified. */
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

#define RESULT_UNTRUSTED "certsim result signature"

static double
round1(double x)
{
	return floor(x * 10 + 0.5) / 10;
}

static const char *
mode_name(enum session_mode m)
{
	return m == MODE_EXAM ? "exam" : "quiz";
}

/* One choice id as a JSON string. */
static cJSON *
id_str(const struct choice *c)
{
	return cJSON_CreateString(c->id);
}

/* An answer (response or key) in the bank's own ids; NULL for unanswered. */
static cJSON *
answer_json(const struct question *q, const int *v, int n)
{
	if (q->type == Q_MATCHING) {
		cJSON *o = cJSON_CreateObject();
		for (int i = 0; i < n && i < q->n_prompts; i++)
			cJSON_AddStringToObject(o, q->prompts[i].id, q->choices[v[i]].id);
		return o;
	}
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, id_str(&q->choices[v[i]]));
	return a;
}

static void
add_part(cJSON *arr, const struct score_part *p, int is_task,
         const struct blueprint *bp)
{
	cJSON *o = cJSON_CreateObject();
	if (is_task) {
		cJSON_AddStringToObject(o, "id", bp->tasks[p->index].id);
		cJSON_AddStringToObject(o, "name", bp->tasks[p->index].name);
	} else {
		cJSON_AddNumberToObject(o, "id", bp->domains[p->index].id);
		cJSON_AddStringToObject(o, "name", bp->domains[p->index].name);
	}
	cJSON_AddNumberToObject(o, "correct", p->correct);
	cJSON_AddNumberToObject(o, "total", p->total);
	cJSON_AddNumberToObject(o, "percent", round1(p->percent));
	cJSON_AddStringToObject(o, "status", p->meets ? "meets" : "needs-improvement");
	cJSON_AddItemToArray(arr, o);
}

char *
result_build(const struct session *s, const struct score *sc)
{
	const struct bank *b = s->bank;
	const struct blueprint *bp = &b->bp;
	cJSON *r = cJSON_CreateObject(), *o, *arr;
	if (r == NULL)
		return NULL;
	cJSON_AddStringToObject(r, "format", "certsim-result/1");
	o = cJSON_AddObjectToObject(r, "program");
	cJSON_AddStringToObject(o, "name", "certsim");
	cJSON_AddStringToObject(o, "version", CERTSIM_VERSION);
	cJSON_AddStringToObject(r, "mode", mode_name(s->cfg.mode));
	if (s->cfg.mode == MODE_QUIZ) {
		o = cJSON_AddObjectToObject(r, "quiz");
		cJSON_AddStringToObject(o, "source", s->cfg.source);
		cJSON_AddStringToObject(o, "feedback", s->cfg.feedback == FEEDBACK_IMMEDIATE
		                                           ? "immediate" : "end");
	}
	o = cJSON_AddObjectToObject(r, "exam");
	cJSON_AddStringToObject(o, "code", bp->code);
	cJSON_AddStringToObject(o, "title", bp->title);
	cJSON_AddStringToObject(o, "bank_fingerprint", b->fingerprint_hex);
	cJSON *scoring = cJSON_AddObjectToObject(o, "scoring");
	cJSON_AddNumberToObject(scoring, "min", bp->score_min);
	cJSON_AddNumberToObject(scoring, "max", bp->score_max);
	cJSON_AddNumberToObject(scoring, "pass", bp->score_pass);
	cJSON_AddNumberToObject(scoring, "cut", bp->cut);
	cJSON_AddNumberToObject(r, "seed", (double)s->cfg.seed);
	cJSON_AddStringToObject(r, "started_at", s->started_at);
	cJSON_AddStringToObject(r, "finished_at", s->finished_at);
	cJSON_AddNumberToObject(r, "time_limit_s", (double)s->cfg.time_limit_s);
	cJSON_AddNumberToObject(r, "time_used_s", (double)((s->used_ms + 500) / 1000));
	cJSON_AddStringToObject(r, "ended_by", session_end_name(s->ended));
	cJSON_AddNumberToObject(r, "interruptions", s->interruptions);
	cJSON_AddNumberToObject(r, "unscored", s->cfg.unscored);
	o = cJSON_AddObjectToObject(r, "score");
	cJSON_AddNumberToObject(o, "correct", sc->correct);
	cJSON_AddNumberToObject(o, "scored", sc->scored);
	cJSON_AddNumberToObject(o, "percent", round1(sc->percent));
	cJSON_AddNumberToObject(o, "scaled", sc->scaled);
	cJSON_AddNumberToObject(o, "pass_mark", sc->pass_mark);
	cJSON_AddBoolToObject(o, "passed", sc->passed);
	arr = cJSON_AddArrayToObject(r, "domains");
	for (int i = 0; i < sc->n_domains; i++)
		add_part(arr, &sc->domains[i], 0, bp);
	arr = cJSON_AddArrayToObject(r, "tasks");
	for (int i = 0; i < sc->n_tasks; i++)
		add_part(arr, &sc->tasks[i], 1, bp);
	arr = cJSON_AddArrayToObject(r, "items");
	for (size_t i = 0; i < s->n; i++) {
		const struct session_item *it = &s->items[i];
		const struct question *q = &b->questions[it->d.q];
		cJSON *j = cJSON_CreateObject(), *shown;
		cJSON_AddNumberToObject(j, "n", (double)(i + 1));
		cJSON_AddStringToObject(j, "id", q->id);
		cJSON_AddNumberToObject(j, "domain", q->domain);
		cJSON_AddStringToObject(j, "task", bp->tasks[q->task].id);
		cJSON_AddStringToObject(j, "type", bank_type_name(q->type));
		if (q->case_study >= 0)
			cJSON_AddStringToObject(j, "case_study", b->case_studies[q->case_study].id);
		cJSON_AddBoolToObject(j, "scored", it->scored);
		shown = cJSON_AddArrayToObject(j, "shown");
		for (int k = 0; k < it->d.n_perm; k++)
			cJSON_AddItemToArray(shown, id_str(&q->choices[it->d.perm[k]]));
		if (q->type == Q_MATCHING) {
			shown = cJSON_AddArrayToObject(j, "prompts_shown");
			for (int k = 0; k < it->d.n_pperm; k++)
				cJSON_AddItemToArray(shown, id_str(&q->prompts[it->d.pperm[k]]));
		}
		if (it->answered)
			cJSON_AddItemToObject(j, "response", answer_json(q, it->resp.v, it->resp.n));
		else
			cJSON_AddNullToObject(j, "response");
		cJSON_AddItemToObject(j, "key", answer_json(q, q->key, q->n_key));
		cJSON_AddBoolToObject(j, "correct", session_item_correct(s, i));
		cJSON_AddBoolToObject(j, "flagged", it->flagged);
		cJSON_AddNumberToObject(j, "seconds", (double)((it->ms + 500) / 1000));
		cJSON_AddItemToArray(arr, j);
	}
	char *text = cJSON_Print(r);
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
result_trusted_comment(const char *mode, const char *code, int scaled,
                       int passed, const char *finished)
{
	return fsutil_asprintf("certsim mode:%s exam:%s scaled:%d result:%s finished:%s",
	                       mode, code, scaled, passed ? "pass" : "fail", finished);
}

/* Write text to path and its signature to path.minisig. */
static int
write_signed(const char *path, const char *text, const char *sig, char **err)
{
	char *sigpath = fsutil_asprintf("%s.minisig", path);
	int rc = -1;
	if (sigpath == NULL) {
		*err = fsutil_asprintf("out of memory");
		return -1;
	}
	/* Result first: a result without its signature verifies as unsigned,
	 * never as a signature over a different file. On failure neither file
	 * is left half done; a file that was at path before (--out) is kept
	 * when the new one could not be written. */
	int existed = access(path, F_OK) == 0;
	if (fsutil_write_atomic(path, text, strlen(text), 0644, err) < 0) {
		if (!existed)
			unlink(path);
	} else if (fsutil_write_atomic(sigpath, sig, strlen(sig), 0644, err) < 0) {
		unlink(path);
		unlink(sigpath);
	} else {
		rc = 0;
	}
	free(sigpath);
	return rc;
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
result_save(const struct session *s, const struct score *sc, const char *home,
            const char *out_path, char **path, char **err)
{
	char stamp[32], *text = NULL, *sig = NULL, *tc = NULL, *keys = NULL;
	char *file = NULL;
	struct sign_key *key = NULL;
	int rc = -1;
	*path = NULL;
	*err = NULL;
	if ((text = result_build(s, sc)) == NULL)
		goto oom;
	if ((keys = home_keys_dir(home)) == NULL)
		goto oom;
	if (sign_key_load_or_create(keys, &key, err) < 0)
		goto done;
	tc = result_trusted_comment(mode_name(s->cfg.mode), s->bank->bp.code,
	                            sc->scaled, sc->passed, s->finished_at);
	if (tc == NULL)
		goto oom;
	sig = sign_detached(key, text, strlen(text), RESULT_UNTRUSTED, tc, err);
	if (sig == NULL)
		goto done;
	clock_utc_now_stamp(stamp);
	for (int k = 1; k < 100; k++) {
		free(file);
		file = home_result_path(home, stamp, mode_name(s->cfg.mode), k);
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

cJSON *
result_load(const char *path, char **err)
{
	char *buf = NULL;
	size_t len;
	*err = NULL;
	if (fsutil_read_file(path, RESULT_FILE_LIMIT, &buf, &len, err) < 0)
		return NULL;
	cJSON *r = cJSON_ParseWithLength(buf, len);
	free(buf);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(r, "format");
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "certsim-result/1") != 0) {
		*err = fsutil_asprintf("%s: not a certsim result (format certsim-result/1)", path);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* Member as a number, or NAN. */
static double
getnum(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) ? x->valuedouble : NAN;
}

static const char *
getstr(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* Whether a JSON array holds only strings; returns the count or -1. */
static int
str_array(const cJSON *a)
{
	if (!cJSON_IsArray(a))
		return -1;
	int n = 0;
	const cJSON *x;
	cJSON_ArrayForEach(x, a) {
		if (!cJSON_IsString(x))
			return -1;
		n++;
	}
	return n;
}

static int
in_array(const cJSON *a, const char *s)
{
	const cJSON *x;
	cJSON_ArrayForEach(x, a) if (strcmp(x->valuestring, s) == 0) return 1;
	return 0;
}

/*
 * Whether response equals key for an item of the given type; -1 when the
 * shapes are invalid.
 */
static int
item_correct(const char *type, const cJSON *resp, const cJSON *key)
{
	if (strcmp(type, "matching") == 0) {
		if (!cJSON_IsObject(key))
			return -1;
		if (cJSON_IsNull(resp))
			return 0;
		if (!cJSON_IsObject(resp))
			return -1;
		int nk = 0, nr = 0, same = 1;
		const cJSON *x;
		cJSON_ArrayForEach(x, key) {
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(resp, x->string);
			if (!cJSON_IsString(x))
				return -1;
			nk++;
			if (!cJSON_IsString(y) || strcmp(x->valuestring, y->valuestring) != 0)
				same = 0;
		}
		cJSON_ArrayForEach(x, resp) {
			if (!cJSON_IsString(x))
				return -1;
			nr++;
		}
		return same && nk == nr;
	}
	int nk = str_array(key);
	if (nk < 1)
		return -1;
	if (cJSON_IsNull(resp))
		return 0;
	int nr = str_array(resp);
	if (nr < 0)
		return -1;
	if (nk != nr)
		return 0;
	if (strcmp(type, "ordering") == 0) {
		const cJSON *x = key->child, *y = resp->child;
		for (; x && y; x = x->next, y = y->next)
			if (strcmp(x->valuestring, y->valuestring) != 0)
				return 0;
		return 1;
	}
	if (strcmp(type, "single") != 0 && strcmp(type, "multiple") != 0)
		return -1;
	const cJSON *x;
	cJSON_ArrayForEach(x, resp) if (!in_array(key, x->valuestring)) return 0;
	/* Both ways: ["A", "A"] has as many entries as ["A", "C"] but is not it. */
	cJSON_ArrayForEach(x, key) if (!in_array(resp, x->valuestring)) return 0;
	return 1;
}

/* Check the per-domain or per-task totals against the counts from items. */
static int
check_parts(const cJSON *parts, const cJSON *items, int by_task, char **err)
{
	if (!cJSON_IsArray(parts)) {
		*err = fsutil_asprintf("\"%s\" is missing", by_task ? "tasks" : "domains");
		return -1;
	}
	int listed = 0;
	const cJSON *p;
	cJSON_ArrayForEach(p, parts) {
		int correct = 0, total = 0;
		const cJSON *it;
		double pid = getnum(p, "id");
		const char *tid = getstr(p, "id");
		cJSON_ArrayForEach(it, items) {
			if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "scored")))
				continue;
			int match = by_task ? tid && getstr(it, "task") &&
			                          strcmp(tid, getstr(it, "task")) == 0
			                    : getnum(it, "domain") == pid;
			if (match) {
				total++;
				correct += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "correct"));
			}
		}
		if (getnum(p, "correct") != correct || getnum(p, "total") != total) {
			*err = fsutil_asprintf("%s %s: totals (%g of %g) do not match its items (%d of %d)",
			                       by_task ? "task" : "domain",
			                       by_task ? (tid ? tid : "?") : "",
			                       getnum(p, "correct"), getnum(p, "total"),
			                       correct, total);
			return -1;
		}
		listed += total;
	}
	int scored = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, items) scored +=
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "scored"));
	if (listed != scored) {
		*err = fsutil_asprintf("the %s list %d scored items; the items say %d",
		                       by_task ? "tasks" : "domains", listed, scored);
		return -1;
	}
	return 0;
}

int
result_check(const cJSON *r, char **err)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(r, "items");
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(r, "score");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(r, "exam");
	const cJSON *scoring = cJSON_GetObjectItemCaseSensitive(exam, "scoring");
	*err = NULL;
	if (!cJSON_IsArray(items) || !cJSON_IsObject(score) || !cJSON_IsObject(scoring) ||
	    !getstr(r, "mode") || !getstr(exam, "code") || !getstr(r, "finished_at")) {
		*err = fsutil_asprintf("required fields (mode, exam, score, items) are missing");
		return -1;
	}
	int correct = 0, scored = 0, n = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, items) {
		n++;
		const char *type = getstr(it, "type");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(it, "correct");
		const cJSON *sc = cJSON_GetObjectItemCaseSensitive(it, "scored");
		if (type == NULL || !cJSON_IsBool(c) || !cJSON_IsBool(sc) ||
		    getnum(it, "n") != n || !getstr(it, "id")) {
			*err = fsutil_asprintf("item %d is malformed", n);
			return -1;
		}
		int ok = item_correct(type, cJSON_GetObjectItemCaseSensitive(it, "response"),
		                      cJSON_GetObjectItemCaseSensitive(it, "key"));
		if (ok < 0) {
			*err = fsutil_asprintf("item %d: response or key is malformed", n);
			return -1;
		}
		if (ok != cJSON_IsTrue(c)) {
			*err = fsutil_asprintf("item %d is marked %s, but its response %s the key",
			                       n, cJSON_IsTrue(c) ? "correct" : "incorrect",
			                       ok ? "matches" : "does not match");
			return -1;
		}
		if (cJSON_IsTrue(sc)) {
			scored++;
			correct += ok;
		}
	}
	if (getnum(score, "correct") != correct || getnum(score, "scored") != scored) {
		*err = fsutil_asprintf("the score says %g of %g; the items say %d of %d",
		                       getnum(score, "correct"), getnum(score, "scored"),
		                       correct, scored);
		return -1;
	}
	double min = getnum(scoring, "min"), max = getnum(scoring, "max");
	double pass = getnum(scoring, "pass"), cut = getnum(scoring, "cut");
	if (!(min < pass && pass <= max && cut > 0 && cut < 1 && max <= 1e6 && min >= 0)) {
		*err = fsutil_asprintf("the scoring block is invalid");
		return -1;
	}
	int scaled = score_scale((int)min, (int)pass, (int)max, cut, correct, scored);
	if (getnum(score, "scaled") != scaled || getnum(score, "pass_mark") != pass ||
	    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(score, "passed")) != (scaled >= pass)) {
		*err = fsutil_asprintf("the scaled score or pass/fail does not follow from %d of %d correct (expected %d)",
		                       correct, scored, scaled);
		return -1;
	}
	if (check_parts(cJSON_GetObjectItemCaseSensitive(r, "domains"), items, 0, err) < 0 ||
	    check_parts(cJSON_GetObjectItemCaseSensitive(r, "tasks"), items, 1, err) < 0)
		return -1;
	return 0;
}

int
result_verify(const char *path, const char *pubkey_path, const char *home,
              char **summary, char **err)
{
	char *text = NULL, *sig = NULL, *pub = NULL, *sigpath = NULL;
	char *pubpath = NULL, *trusted = NULL, *expect = NULL, *why = NULL;
	size_t len, slen, plen;
	struct sign_pubkey *pk = NULL;
	cJSON *r = NULL;
	int rc = -1;
	*summary = NULL;
	*err = NULL;
	sigpath = fsutil_asprintf("%s.minisig", path);
	pubpath = pubkey_path ? fsutil_asprintf("%s", pubkey_path)
	                      : home_pubkey_path(home);
	if (sigpath == NULL || pubpath == NULL) {
		*err = fsutil_asprintf("out of memory");
		goto done;
	}
	if (fsutil_read_file(path, RESULT_FILE_LIMIT, &text, &len, err) < 0)
		goto done;
	if (access(sigpath, F_OK) != 0) {
		*err = fsutil_asprintf("%s: no signature (%s is missing): the result is unsigned",
		                       path, sigpath);
		goto done;
	}
	if (fsutil_read_file(sigpath, 64 * 1024, &sig, &slen, err) < 0)
		goto done;
	/* minisign does not sign the untrusted comment; certsim writes a fixed
	 * one, so any change to it is a change to the signature file. */
	if (strncmp(sig, "untrusted comment: " RESULT_UNTRUSTED "\n",
	            strlen("untrusted comment: " RESULT_UNTRUSTED "\n")) != 0) {
		*err = fsutil_asprintf("%s: the signature's untrusted comment is not the one certsim writes (altered)",
		                       sigpath);
		goto done;
	}
	if (fsutil_read_file(pubpath, 64 * 1024, &pub, &plen, err) < 0) {
		if (pubkey_path == NULL) {
			free(*err);
			*err = fsutil_asprintf("no public key at %s: pass the signer's key with --pubkey FILE",
			                       pubpath);
		}
		goto done;
	}
	if (sign_pubkey_parse(pub, &pk, &why) < 0) {
		*err = fsutil_asprintf("%s: %s", pubpath, why);
		goto done;
	}
	if (sign_verify(pk, text, len, sig, slen, &trusted, &why) < 0) {
		*err = fsutil_asprintf("%s: signature check failed: %s", path, why);
		goto done;
	}
	r = cJSON_ParseWithLength(text, len);
	if (r == NULL) {
		*err = fsutil_asprintf("%s: the signature is valid but the file is not JSON", path);
		goto done;
	}
	if (result_check(r, &why) < 0) {
		*err = fsutil_asprintf("%s: the signature is valid but the result is inconsistent: %s",
		                       path, why);
		goto done;
	}
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(r, "score");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(r, "exam");
	int scaled = (int)getnum(score, "scaled");
	int passed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(score, "passed"));
	expect = result_trusted_comment(getstr(r, "mode"), getstr(exam, "code"), scaled,
	                                passed, getstr(r, "finished_at"));
	if (expect == NULL || strcmp(expect, trusted) != 0) {
		*err = fsutil_asprintf("%s: the trusted comment (%s) does not match the result",
		                       path, trusted);
		goto done;
	}
	*summary = fsutil_asprintf(
	    "%s: valid signature; %s %s: scaled %d (%s, pass mark %g), %g of %g correct, finished %s",
	    path, getstr(r, "mode"), getstr(exam, "code"), scaled, passed ? "PASS" : "FAIL",
	    getnum(score, "pass_mark"), getnum(score, "correct"), getnum(score, "scored"),
	    getstr(r, "finished_at"));
	rc = *summary ? 0 : -1;
done:
	free(why);
	free(text);
	free(sig);
	free(pub);
	free(sigpath);
	free(pubpath);
	free(trusted);
	free(expect);
	sign_pubkey_free(pk);
	cJSON_Delete(r);
	return rc;
}
