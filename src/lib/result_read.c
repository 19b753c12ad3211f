/* The reader of result files: typed parsing, consistency checks and signature verification. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "certsim/answer.h"
#include "certsim/fsutil.h"
#include "certsim/home.h"
#include "certsim/result.h"
#include "certsim/sign.h"

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
	cJSON_ArrayForEach (x, a) {
		if (!cJSON_IsString(x))
			return -1;
		n++;
	}
	return n;
}

/* The number of id s in names[0..*n), added when new; -1 when the table is full. */
static int
id_num(const char **names, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	if (*n >= 2 * BANK_MAX_CHOICES)
		return -1;
	names[*n] = s;
	return (*n)++;
}

/* A JSON array of id strings as numbers in v (at most BANK_MAX_CHOICES); count or -1. */
static int
id_array(const cJSON *a, const char **names, int *nn, int *v)
{
	int n = str_array(a);
	if (n < 0 || n > BANK_MAX_CHOICES)
		return -1;
	int i = 0;
	const cJSON *x;
	cJSON_ArrayForEach (x, a)
		if ((v[i++] = id_num(names, nn, x->valuestring)) < 0)
			return -1;
	return n;
}

/*
 * Judge an item's response against its key with answer_judge (the one
 * definition the engine uses too), the ids numbered in order of
 * appearance; -1 when the shapes are invalid.
 */
static int
item_status(const char *type, const cJSON *resp, const cJSON *key)
{
	const char *names[2 * BANK_MAX_CHOICES];
	int nn = 0, k[BANK_MAX_CHOICES], v[BANK_MAX_CHOICES], nk = 0, nr = 0;
	enum question_type t;
	if (strcmp(type, "matching") == 0) {
		const cJSON *x;
		if (!cJSON_IsObject(key))
			return -1;
		if (!cJSON_IsNull(resp) && !cJSON_IsObject(resp))
			return -1;
		cJSON_ArrayForEach (x, key) {
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(resp, x->string);
			if (!cJSON_IsString(x) || nk >= BANK_MAX_CHOICES ||
			    (k[nk] = id_num(names, &nn, x->valuestring)) < 0)
				return -1;
			v[nk] = -1;
			if (cJSON_IsString(y) && (v[nk] = id_num(names, &nn, y->valuestring)) < 0)
				return -1;
			nk++;
		}
		int n = nk;
		cJSON_ArrayForEach (x, resp) {
			if (!cJSON_IsString(x))
				return -1;
			nr++;
			/* A prompt the key does not have: judged as given, never right. */
			if (!cJSON_GetObjectItemCaseSensitive(key, x->string)) {
				if (n >= BANK_MAX_CHOICES)
					return -1;
				v[n++] = nn + BANK_MAX_CHOICES;
			}
		}
		if (nr == 0)
			return ANSWER_NONE;
		return (int)answer_judge(Q_MATCHING, k, nk, v, n);
	}
	if (strcmp(type, "single") == 0)
		t = Q_SINGLE;
	else if (strcmp(type, "multiple") == 0)
		t = Q_MULTIPLE;
	else if (strcmp(type, "ordering") == 0)
		t = Q_ORDERING;
	else
		return -1;
	if ((nk = id_array(key, names, &nn, k)) < 1)
		return -1;
	if (cJSON_IsNull(resp))
		return ANSWER_NONE;
	if ((nr = id_array(resp, names, &nn, v)) < 0)
		return -1;
	return (int)answer_judge(t, k, nk, v, nr);
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
	cJSON_ArrayForEach (p, parts) {
		int correct = 0, total = 0;
		const cJSON *it;
		double pid = getnum(p, "id");
		const char *tid = getstr(p, "id");
		cJSON_ArrayForEach (it, items) {
			if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "scored")))
				continue;
			int match = by_task ? tid && getstr(it, "task") &&
			                          strcmp(tid, getstr(it, "task")) == 0
			                    : getnum(it, "domain") == pid;
			if (match) {
				total++;
				correct +=
				    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "correct"));
			}
		}
		if (getnum(p, "correct") != correct || getnum(p, "total") != total) {
			*err = fsutil_asprintf(
			    "%s %s: totals (%g of %g) do not match its items (%d of %d)",
			    by_task ? "task" : "domain", by_task ? (tid ? tid : "?") : "",
			    getnum(p, "correct"), getnum(p, "total"), correct, total);
			return -1;
		}
		listed += total;
	}
	int scored = 0;
	const cJSON *it;
	cJSON_ArrayForEach (it, items)
		scored += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "scored"));
	if (listed != scored) {
		*err = fsutil_asprintf("the %s list %d scored items; the items say %d",
		                       by_task ? "tasks" : "domains", listed, scored);
		return -1;
	}
	return 0;
}

/* The consistency checks of a parsed result (result_verify, less the signature). */
static int
check_tree(const cJSON *r, char **err)
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
	cJSON_ArrayForEach (it, items) {
		n++;
		const char *type = getstr(it, "type");
		const cJSON *c = cJSON_GetObjectItemCaseSensitive(it, "correct");
		const cJSON *sc = cJSON_GetObjectItemCaseSensitive(it, "scored");
		if (type == NULL || !cJSON_IsBool(c) || !cJSON_IsBool(sc) || getnum(it, "n") != n ||
		    !getstr(it, "id")) {
			*err = fsutil_asprintf("item %d is malformed", n);
			return -1;
		}
		int st = item_status(type, cJSON_GetObjectItemCaseSensitive(it, "response"),
		                     cJSON_GetObjectItemCaseSensitive(it, "key"));
		const cJSON *cp = cJSON_GetObjectItemCaseSensitive(it, "complete");
		if (st < 0) {
			*err = fsutil_asprintf("item %d: response or key is malformed", n);
			return -1;
		}
		/* "complete" is optional (older results have none); when present it
		 * must say what the response is. */
		if (cp != NULL && (!cJSON_IsBool(cp) || st == ANSWER_NONE ||
		                   cJSON_IsTrue(cp) != (st != ANSWER_INCOMPLETE))) {
			*err =
			    fsutil_asprintf("item %d: \"complete\" does not match its response", n);
			return -1;
		}
		int ok = answer_is_correct((enum answer_status)st);
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
		                       getnum(score, "correct"), getnum(score, "scored"), correct,
		                       scored);
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
		*err = fsutil_asprintf("the scaled score or pass/fail does not follow from %d of "
		                       "%d correct (expected %d)",
		                       correct, scored, scaled);
		return -1;
	}
	if (check_parts(cJSON_GetObjectItemCaseSensitive(r, "domains"), items, 0, err) < 0 ||
	    check_parts(cJSON_GetObjectItemCaseSensitive(r, "tasks"), items, 1, err) < 0)
		return -1;
	return 0;
}

int
result_verify(const char *path, const char *pubkey_path, const char *home, char **summary,
              char **err)
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
	pubpath = pubkey_path ? fsutil_asprintf("%s", pubkey_path) : home_path(home, HOME_PUBKEY);
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
	if (strncmp(sig, "untrusted comment: " RESULT_UNTRUSTED_COMMENT "\n",
	            strlen("untrusted comment: " RESULT_UNTRUSTED_COMMENT "\n")) != 0) {
		*err = fsutil_asprintf(
		    "%s: the signature's untrusted comment is not the one certsim writes (altered)",
		    sigpath);
		goto done;
	}
	if (fsutil_read_file(pubpath, 64 * 1024, &pub, &plen, err) < 0) {
		if (pubkey_path == NULL) {
			free(*err);
			*err = fsutil_asprintf(
			    "no public key at %s: pass the signer's key with --pubkey FILE",
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
	if (check_tree(r, &why) < 0) {
		*err =
		    fsutil_asprintf("%s: the signature is valid but the result is inconsistent: %s",
		                    path, why);
		goto done;
	}
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(r, "score");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(r, "exam");
	int scaled = (int)getnum(score, "scaled");
	int passed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(score, "passed"));
	expect = result_trusted_comment(getstr(r, "mode"), getstr(exam, "code"), scaled, passed,
	                                getstr(r, "finished_at"));
	if (expect == NULL || strcmp(expect, trusted) != 0) {
		*err = fsutil_asprintf("%s: the trusted comment (%s) does not match the result",
		                       path, trusted);
		goto done;
	}
	*summary = fsutil_asprintf("%s: valid signature; %s %s: scaled %d (%s, pass mark %g), %g "
	                           "of %g correct, finished %s",
	                           path, getstr(r, "mode"), getstr(exam, "code"), scaled,
	                           passed ? "PASS" : "FAIL", getnum(score, "pass_mark"),
	                           getnum(score, "correct"), getnum(score, "scored"),
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

int
result_verify_parsed(const struct result_file *r, const char *text, size_t len, const char *sig,
                     size_t slen, const struct sign_pubkey *pk, const char *pk_err, char **err)
{
	static const char untrusted[] = "untrusted comment: " RESULT_UNTRUSTED_COMMENT "\n";
	char *trusted = NULL, *expect = NULL, *why = NULL;
	int rc = -1;
	*err = NULL;
	if (slen < strlen(untrusted) || strncmp(sig, untrusted, strlen(untrusted)) != 0) {
		*err = fsutil_asprintf("%s.minisig: the signature's untrusted comment is not the "
		                       "one certsim writes (altered)",
		                       r->path);
		return -1;
	}
	if (pk == NULL) {
		*err = fsutil_asprintf("%s", pk_err ? pk_err : "no public key");
		return -1;
	}
	if (sign_verify(pk, text, len, sig, slen, &trusted, &why) < 0) {
		*err = fsutil_asprintf("%s: signature check failed: %s", r->path, why);
		goto done;
	}
	if (r->problem != NULL) {
		*err =
		    fsutil_asprintf("%s: the signature is valid but the result is inconsistent: %s",
		                    r->path, r->problem);
		goto done;
	}
	expect = result_trusted_comment(r->mode, r->exam_code, r->score.scaled, r->score.passed,
	                                r->finished_at ? r->finished_at : "");
	if (expect == NULL || strcmp(expect, trusted) != 0) {
		*err = fsutil_asprintf("%s: the trusted comment (%s) does not match the result",
		                       r->path, trusted);
		goto done;
	}
	rc = 0;
done:
	free(why);
	free(trusted);
	free(expect);
	return rc;
}

int
result_check_text(const char *text, size_t len, char **err)
{
	cJSON *r = cJSON_ParseWithLength(text, len);
	*err = NULL;
	if (r == NULL) {
		*err = fsutil_asprintf("not JSON");
		return -1;
	}
	int rc = check_tree(r, err);
	cJSON_Delete(r);
	return rc;
}

/*
 * Typed reading. Every accessor has a default for a missing or mistyped
 * member; whole numbers are clamped before any conversion, so no untrusted
 * double is ever cast out of range.
 */

/* Largest magnitude of a whole number read into an int64_t (2^53). */
#define JSON_INT64_MAX 9007199254740992.0

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double
rd_num(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsNumber(x) && isfinite(x->valuedouble) ? x->valuedouble : 0;
}

static int
rd_int(const cJSON *o, const char *k)
{
	return (int)clamp(rd_num(o, k), -1e9, 1e9);
}

static int64_t
rd_int64(const cJSON *o, const char *k)
{
	return (int64_t)clamp(rd_num(o, k), -JSON_INT64_MAX, JSON_INT64_MAX);
}

static int
rd_true(const cJSON *o, const char *k)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, k));
}

/* A copy of a string member, "" when absent or not a string; NULL on out of memory. */
static char *
rd_str(const cJSON *o, const char *k, int *oom)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	char *s = fsutil_asprintf("%s", cJSON_IsString(x) ? x->valuestring : "");
	if (s == NULL)
		*oom = 1;
	return s;
}

/* A copy of a string member, or NULL when absent or not a string. */
static char *
rd_opt_str(const cJSON *o, const char *k, int *oom)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	if (!cJSON_IsString(x))
		return NULL;
	char *s = fsutil_asprintf("%s", x->valuestring);
	if (s == NULL)
		*oom = 1;
	return s;
}

static void
free_strings(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * The entries of an array or the values of an object as strings (NULL for
 * a non-string); with names, also the member names. Returns the count.
 */
static size_t
rd_strings(const cJSON *a, char ***out, char ***names, int *oom)
{
	size_t n = (size_t)cJSON_GetArraySize(a), i = 0;
	const cJSON *x;
	*out = NULL;
	if (names != NULL)
		*names = NULL;
	if (n == 0)
		return 0;
	*out = calloc(n, sizeof **out);
	if (names != NULL)
		*names = calloc(n, sizeof **names);
	if (*out == NULL || (names != NULL && *names == NULL)) {
		*oom = 1;
		return n;
	}
	cJSON_ArrayForEach (x, a) {
		if (cJSON_IsString(x) &&
		    ((*out)[i] = fsutil_asprintf("%s", x->valuestring)) == NULL)
			*oom = 1;
		if (names != NULL && x->string != NULL &&
		    ((*names)[i] = fsutil_asprintf("%s", x->string)) == NULL)
			*oom = 1;
		i++;
	}
	return n;
}

static void
rd_answer(const cJSON *x, struct result_answer *a, int *oom)
{
	memset(a, 0, sizeof *a);
	if (cJSON_IsNull(x)) {
		a->kind = RESULT_ANSWER_NONE;
	} else if (cJSON_IsArray(x)) {
		a->kind = RESULT_ANSWER_LIST;
		a->n = rd_strings(x, &a->ids, NULL, oom);
	} else if (cJSON_IsObject(x)) {
		a->kind = RESULT_ANSWER_MAP;
		a->n = rd_strings(x, &a->ids, &a->keys, oom);
	} else {
		a->kind = RESULT_ANSWER_OTHER;
	}
}

static void
free_answer(struct result_answer *a)
{
	free_strings(a->ids, a->n);
	free_strings(a->keys, a->n);
}

static void
rd_item(const cJSON *it, struct result_item *t, int *oom)
{
	t->n = rd_int(it, "n");
	t->id = rd_str(it, "id", oom);
	t->domain_id = rd_int(it, "domain");
	t->task_id = rd_str(it, "task", oom);
	t->type = rd_str(it, "type", oom);
	t->case_study = rd_opt_str(it, "case_study", oom);
	t->scored = rd_true(it, "scored");
	t->unscored = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(it, "scored"));
	t->correct = rd_true(it, "correct");
	t->flagged = rd_true(it, "flagged");
	t->n_shown =
	    rd_strings(cJSON_GetObjectItemCaseSensitive(it, "shown"), &t->shown, NULL, oom);
	t->n_prompts_shown = rd_strings(cJSON_GetObjectItemCaseSensitive(it, "prompts_shown"),
	                                &t->prompts_shown, NULL, oom);
	rd_answer(cJSON_GetObjectItemCaseSensitive(it, "response"), &t->response, oom);
	rd_answer(cJSON_GetObjectItemCaseSensitive(it, "key"), &t->key, oom);
	t->seconds = rd_int64(it, "seconds");
	t->qhash = rd_opt_str(it, "qhash", oom);
	const cJSON *cp = cJSON_GetObjectItemCaseSensitive(it, "complete");
	/* Absent (older results): complete exactly when answered. */
	t->complete = cJSON_IsBool(cp) ? cJSON_IsTrue(cp) : t->response.kind != RESULT_ANSWER_NONE;
}

static size_t
rd_parts(const cJSON *a, int is_task, struct result_part **out, int *oom)
{
	size_t n = (size_t)cJSON_GetArraySize(a), i = 0;
	const cJSON *p;
	*out = NULL;
	if (n == 0)
		return 0;
	if ((*out = calloc(n, sizeof **out)) == NULL) {
		*oom = 1;
		return 0;
	}
	cJSON_ArrayForEach (p, a) {
		struct result_part *t = &(*out)[i++];
		if (is_task)
			t->task_id = rd_str(p, "id", oom);
		else
			t->domain_id = rd_int(p, "id");
		t->name = rd_str(p, "name", oom);
		t->correct = rd_int(p, "correct");
		t->total = rd_int(p, "total");
		t->percent = rd_num(p, "percent");
		t->status = rd_str(p, "status", oom);
	}
	return n;
}

static void
free_parts(struct result_part *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].task_id);
		free(v[i].name);
		free(v[i].status);
	}
	free(v);
}

/* Fill r from the tree; returns -1 on out of memory. */
static int
rd_result(const cJSON *j, struct result_file *r)
{
	const cJSON *quiz = cJSON_GetObjectItemCaseSensitive(j, "quiz");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(j, "exam");
	const cJSON *scoring = cJSON_GetObjectItemCaseSensitive(exam, "scoring");
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(j, "score");
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
	int oom = 0;
	r->mode = rd_str(j, "mode", &oom);
	r->has_quiz = cJSON_IsObject(quiz);
	r->quiz_source = rd_str(quiz, "source", &oom);
	r->quiz_feedback = rd_str(quiz, "feedback", &oom);
	r->exam_code = rd_str(exam, "code", &oom);
	r->exam_title = rd_str(exam, "title", &oom);
	r->bank_fingerprint = rd_str(exam, "bank_fingerprint", &oom);
	r->bank_path = rd_opt_str(exam, "bank_path", &oom);
	r->score_min = rd_int(scoring, "min");
	r->score_max = rd_int(scoring, "max");
	r->score_pass = rd_int(scoring, "pass");
	r->cut = rd_num(scoring, "cut");
	r->seed = (uint64_t)clamp(rd_num(j, "seed"), 0, JSON_INT64_MAX);
	r->started_at = rd_str(j, "started_at", &oom);
	r->finished_at = rd_opt_str(j, "finished_at", &oom);
	r->time_limit_s = rd_int64(j, "time_limit_s");
	r->time_used_s = rd_int64(j, "time_used_s");
	r->ended_by = rd_str(j, "ended_by", &oom);
	r->interruptions = rd_int(j, "interruptions");
	r->unscored = rd_int(j, "unscored");
	r->score.correct = rd_int(score, "correct");
	r->score.scored = rd_int(score, "scored");
	r->score.percent = rd_num(score, "percent");
	r->score.scaled = rd_int(score, "scaled");
	r->score.pass_mark = rd_int(score, "pass_mark");
	r->score.passed = rd_true(score, "passed");
	r->n_domains =
	    rd_parts(cJSON_GetObjectItemCaseSensitive(j, "domains"), 0, &r->domains, &oom);
	r->n_tasks = rd_parts(cJSON_GetObjectItemCaseSensitive(j, "tasks"), 1, &r->tasks, &oom);
	size_t n = (size_t)cJSON_GetArraySize(items), i = 0;
	if (n > 0 && (r->items = calloc(n, sizeof *r->items)) == NULL)
		return -1;
	const cJSON *it;
	cJSON_ArrayForEach (it, items)
		rd_item(it, &r->items[i++], &oom);
	r->n_items = n;
	return oom ? -1 : 0;
}

int
result_parse(const char *text, size_t len, const char *name, struct result_file **out, char **err)
{
	struct result_file *r = NULL;
	cJSON *j = cJSON_ParseWithLength(text, len);
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(j, "format");
	*out = NULL;
	*err = NULL;
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "certsim-result/1") != 0) {
		*err = fsutil_asprintf("%s: not a certsim result (format certsim-result/1)", name);
		cJSON_Delete(j);
		return -1;
	}
	if ((r = calloc(1, sizeof *r)) == NULL || (r->path = fsutil_asprintf("%s", name)) == NULL ||
	    rd_result(j, r) < 0) {
		*err = fsutil_asprintf("out of memory");
		goto fail;
	}
	char *why = NULL;
	if (check_tree(j, &why) < 0) {
		if (why == NULL) {
			*err = fsutil_asprintf("out of memory");
			goto fail;
		}
		r->problem = why;
	}
	cJSON_Delete(j);
	*out = r;
	return 0;
fail:
	cJSON_Delete(j);
	result_file_free(r);
	return -1;
}

int
result_read(const char *path, struct result_file **out, char **err)
{
	char *buf = NULL;
	size_t len;
	*out = NULL;
	*err = NULL;
	if (fsutil_read_file(path, RESULT_FILE_LIMIT, &buf, &len, err) < 0)
		return -1;
	int rc = result_parse(buf, len, path, out, err);
	free(buf);
	return rc;
}

void
result_file_free(struct result_file *r)
{
	if (r == NULL)
		return;
	free(r->path);
	free(r->mode);
	free(r->quiz_source);
	free(r->quiz_feedback);
	free(r->exam_code);
	free(r->exam_title);
	free(r->bank_fingerprint);
	free(r->bank_path);
	free(r->started_at);
	free(r->finished_at);
	free(r->ended_by);
	free_parts(r->domains, r->n_domains);
	free_parts(r->tasks, r->n_tasks);
	for (size_t i = 0; i < r->n_items; i++) {
		struct result_item *t = &r->items[i];
		free(t->id);
		free(t->task_id);
		free(t->type);
		free(t->case_study);
		free(t->qhash);
		free_strings(t->shown, t->n_shown);
		free_strings(t->prompts_shown, t->n_prompts_shown);
		free_answer(&t->response);
		free_answer(&t->key);
	}
	free(r->items);
	free(r->problem);
	free(r);
}

const char *
result_answer_get(const struct result_answer *a, const char *key)
{
	if (a->kind != RESULT_ANSWER_MAP)
		return "";
	for (size_t i = 0; i < a->n; i++)
		if (a->keys[i] != NULL && strcmp(a->keys[i], key) == 0)
			return a->ids[i] ? a->ids[i] : "";
	return "";
}

int
result_answer_has(const struct result_answer *a, const char *id)
{
	if (a->kind != RESULT_ANSWER_LIST)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->ids[i] != NULL && strcmp(a->ids[i], id) == 0)
			return 1;
	return 0;
}

enum answer_status
result_item_status(const struct result_item *it)
{
	if (it->correct)
		return ANSWER_CORRECT;
	if (it->response.kind == RESULT_ANSWER_NONE || it->response.kind == RESULT_ANSWER_OTHER)
		return ANSWER_NONE;
	return it->complete ? ANSWER_WRONG : ANSWER_INCOMPLETE;
}

int
result_item_shown_pos(const struct result_item *it, const char *id)
{
	for (size_t i = 0; id != NULL && i < it->n_shown; i++)
		if (it->shown[i] != NULL && strcmp(it->shown[i], id) == 0)
			return (int)i;
	return ANSWER_LETTER_UNKNOWN;
}

void
result_item_letters(const struct result_item *it, const struct result_answer *a,
                    struct answer_letters *out)
{
	out->n = 0;
	if (a->kind == RESULT_ANSWER_MAP) {
		out->kind = ANSWER_LETTERS_PAIRS;
		for (size_t k = 0; k < it->n_prompts_shown && out->n < BANK_MAX_CHOICES; k++) {
			const char *mine = it->prompts_shown[k] == NULL
			                       ? ""
			                       : result_answer_get(a, it->prompts_shown[k]);
			out->pos[out->n++] =
			    *mine ? result_item_shown_pos(it, mine) : ANSWER_LETTER_UNMATCHED;
		}
		return;
	}
	out->kind = it->type != NULL && strcmp(it->type, "ordering") == 0 ? ANSWER_LETTERS_SEQUENCE
	                                                                  : ANSWER_LETTERS_SET;
	for (size_t i = 0; a->kind == RESULT_ANSWER_LIST && i < a->n && out->n < BANK_MAX_CHOICES;
	     i++)
		if (a->ids[i] != NULL)
			out->pos[out->n++] = result_item_shown_pos(it, a->ids[i]);
}
