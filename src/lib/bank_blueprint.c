/* Parsing exam.json: the blueprint (code, timing, scoring, domains and tasks). */
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

void
bank_blueprint_parse(struct loader *L, cJSON *root)
{
	static const char *const keys[] = { "format",           "code",    "title",   "questions",
		                            "duration_minutes", "scoring", "domains", NULL };
	static const char *const skeys[] = { "min", "max", "pass", "cut", NULL };
	static const char *const dkeys[] = { "id", "name", "weight", "tasks", NULL };
	static const char *const tkeys[] = { "id", "name", NULL };
	struct blueprint *bp = &L->b->bp;
	const char *f = "exam.json";
	char where[256];
	int bad = 0;
	if (!cJSON_IsObject(root)) {
		diag_add(L->d, DIAG_ERROR, f, "the blueprint must be a JSON object, not %s",
		         bank_schema_type_name(root));
		return;
	}
	snprintf(where, sizeof where, "%s: $", f);
	bank_schema_check_keys(L, where, root, keys);
	cJSON *fmt = bank_schema_need_string(L, where, root, "format");
	if (fmt == NULL) {
		bad = 1;
	} else if (strcmp(fmt->valuestring, "certsim-exam/1") != 0) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"format\" is \"%.40s\"; this certsim reads \"certsim-exam/1\"",
		         fmt->valuestring);
		bad = 1;
	}
	cJSON *code = bank_schema_need_string(L, where, root, "code");
	cJSON *title = bank_schema_need_string(L, where, root, "title");
	if (code == NULL || title == NULL)
		bad = 1;
	if (bank_schema_need_int(L, where, root, "questions", 1, 10000, &bp->questions) < 0)
		bad = 1;
	if (bank_schema_need_int(L, where, root, "duration_minutes", 1, 10000,
	                         &bp->duration_minutes) < 0)
		bad = 1;

	cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scoring");
	snprintf(where, sizeof where, "%s: $.scoring", f);
	if (!cJSON_IsObject(sc)) {
		diag_add(L->d, DIAG_ERROR, where, sc ? "must be an object, not %s" : "missing (%s)",
		         bank_schema_type_name(sc));
		bad = 1;
	} else {
		bank_schema_check_keys(L, where, sc, skeys);
		int sbad = 0;
		sbad |= bank_schema_need_int(L, where, sc, "min", 0, 1000000, &bp->score_min) < 0;
		sbad |= bank_schema_need_int(L, where, sc, "max", 0, 1000000, &bp->score_max) < 0;
		sbad |= bank_schema_need_int(L, where, sc, "pass", 0, 1000000, &bp->score_pass) < 0;
		cJSON *cut = cJSON_GetObjectItemCaseSensitive(sc, "cut");
		if (!cJSON_IsNumber(cut)) {
			diag_add(L->d, DIAG_ERROR, where, "\"cut\" must be a number, not %s",
			         bank_schema_type_name(cut));
			sbad = 1;
		} else if (!(cut->valuedouble > 0 && cut->valuedouble < 1)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "\"cut\" must be between 0 and 1 (exclusive), not %g",
			         cut->valuedouble);
			sbad = 1;
		} else {
			bp->cut = cut->valuedouble;
		}
		if (!sbad && !(bp->score_min < bp->score_pass && bp->score_pass <= bp->score_max)) {
			diag_add(L->d, DIAG_ERROR, where,
			         "needs min < pass <= max (min %d, pass %d, max %d)", bp->score_min,
			         bp->score_pass, bp->score_max);
			sbad = 1;
		}
		bad |= sbad;
	}

	cJSON *doms = cJSON_GetObjectItemCaseSensitive(root, "domains");
	snprintf(where, sizeof where, "%s: $.domains", f);
	if (!cJSON_IsArray(doms) || cJSON_GetArraySize(doms) == 0) {
		diag_add(L->d, DIAG_ERROR, where, "must be a non-empty array, not %s",
		         bank_schema_type_name(doms));
		bad = 1;
		doms = NULL;
	} else if (cJSON_GetArraySize(doms) > BANK_MAX_DOMAINS) {
		diag_add(L->d, DIAG_ERROR, where, "has %d domains; a blueprint has at most %d",
		         cJSON_GetArraySize(doms), BANK_MAX_DOMAINS);
		bad = 1;
		doms = NULL;
	}
	int nd = doms ? cJSON_GetArraySize(doms) : 0, nt = 0, sum = 0;
	cJSON *jd;
	if (doms)
		cJSON_ArrayForEach (jd, doms) {
			cJSON *ts = cJSON_IsObject(jd)
			                ? cJSON_GetObjectItemCaseSensitive(jd, "tasks")
			                : NULL;
			if (cJSON_IsArray(ts))
				nt += cJSON_GetArraySize(ts);
		}
	bp->domains = calloc((size_t)nd + 1, sizeof *bp->domains);
	bp->tasks = calloc((size_t)nt + 1, sizeof *bp->tasks);
	if (bp->domains == NULL || bp->tasks == NULL) {
		L->oom = 1;
		return;
	}
	int di = 0;
	unsigned char dom_seen[100] = { 0 };
	if (doms)
		cJSON_ArrayForEach (jd, doms) {
			snprintf(where, sizeof where, "%s: $.domains[%d]", f, di++);
			if (!cJSON_IsObject(jd)) {
				diag_add(L->d, DIAG_ERROR, where, "must be an object, not %s",
				         bank_schema_type_name(jd));
				bad = 1;
				continue;
			}
			bank_schema_check_keys(L, where, jd, dkeys);
			struct domain dom = { 0 };
			int dbad = 0;
			if (bank_schema_need_int(L, where, jd, "id", 1, 99, &dom.id) < 0) {
				dbad = 1;
			} else if (dom_seen[dom.id]++) {
				/* Seen also in domains that are otherwise invalid. */
				diag_add(L->d, DIAG_ERROR, where, "domain id %d is used twice",
				         dom.id);
				dbad = 1;
			}
			cJSON *name = bank_schema_need_string(L, where, jd, "name");
			dbad |= name == NULL;
			if (bank_schema_need_int(L, where, jd, "weight", 1, 100, &dom.weight) < 0)
				dbad = 1;
			else
				sum += dom.weight;
			cJSON *ts = cJSON_GetObjectItemCaseSensitive(jd, "tasks");
			if (!cJSON_IsArray(ts) || cJSON_GetArraySize(ts) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "\"tasks\" must be a non-empty array, not %s",
				         bank_schema_type_name(ts));
				dbad = 1;
				ts = NULL;
			}
			int ti = 0;
			cJSON *jt;
			if (ts)
				cJSON_ArrayForEach (jt, ts) {
					char tw[300];
					snprintf(tw, sizeof tw, "%s.tasks[%d]", where, ti++);
					if (!cJSON_IsObject(jt)) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "must be an object, not %s",
						         bank_schema_type_name(jt));
						dbad = 1;
						continue;
					}
					bank_schema_check_keys(L, tw, jt, tkeys);
					cJSON *tid = bank_schema_need_string(L, tw, jt, "id");
					cJSON *tname = bank_schema_need_string(L, tw, jt, "name");
					if (tid == NULL || tname == NULL) {
						dbad = 1;
						continue;
					}
					int td = 0, tn = 0;
					/* Short enough first: sscanf cannot overflow. */
					char canon[32];
					if (strlen(tid->valuestring) >= sizeof bp->tasks[0].id ||
					    sscanf(tid->valuestring, "%d.%d", &td, &tn) != 2 ||
					    tn <= 0 ||
					    snprintf(canon, sizeof canon, "%d.%d", td, tn) < 0 ||
					    strcmp(canon, tid->valuestring) != 0) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task id \"%.20s\" must have the form "
						         "<domain>.<n>, e.g. \"%d.1\"",
						         tid->valuestring, dom.id);
						dbad = 1;
						continue;
					}
					if (dom.id > 0 && td != dom.id) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task \"%s\" is listed under domain %d; "
						         "its id says domain %d",
						         tid->valuestring, dom.id, td);
						dbad = 1;
						continue;
					}
					int dup = 0;
					for (int k = 0; k < bp->n_tasks; k++)
						if (strcmp(bp->tasks[k].id, tid->valuestring) == 0)
							dup = 1;
					if (dup) {
						diag_add(L->d, DIAG_ERROR, tw,
						         "task id \"%s\" is used twice",
						         tid->valuestring);
						dbad = 1;
						continue;
					}
					struct task *t = &bp->tasks[bp->n_tasks++];
					strcpy(t->id, tid->valuestring);
					t->name = bank_json_take_string(tname);
					t->domain = dom.id;
				}
			if (dbad) {
				bad = 1;
				continue;
			}
			dom.name = bank_json_take_string(name);
			bp->domains[bp->n_domains++] = dom;
		}
	if (!bad && sum != 100) {
		snprintf(where, sizeof where, "%s: $.domains", f);
		diag_add(L->d, DIAG_ERROR, where,
		         "domain weights add up to %d; they must add up to 100", sum);
		bad = 1;
	}
	if (code)
		bp->code = bank_json_take_string(code);
	if (title)
		bp->title = bank_json_take_string(title);
	L->bp_ok = !bad;
}
