/* Schema checks for the bank format: required members, types and ranges, each with a diagnostic. */
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

const char *
bank_schema_type_name(const cJSON *it)
{
	if (it == NULL)
		return "nothing";
	if (cJSON_IsString(it))
		return "a string";
	if (cJSON_IsNumber(it))
		return "a number";
	if (cJSON_IsBool(it))
		return "a boolean";
	if (cJSON_IsNull(it))
		return "null";
	if (cJSON_IsArray(it))
		return it->child ? "an array" : "an empty array";
	if (cJSON_IsObject(it))
		return "an object";
	return "invalid";
}

/*
 * One pass over obj's members: out[i] is the member named allowed[i] (a
 * NULL-terminated list of at most MAX_KEYS), or NULL. Warns about keys not
 * in allowed, and reports keys that appear twice (cJSON keeps both; the
 * second would be silently ignored).
 */
void
bank_schema_collect_keys(struct loader *L, const char *where, const cJSON *obj,
                         const char *const *allowed, cJSON **out)
{
	size_t n = 0;
	while (allowed[n] != NULL)
		out[n++] = NULL;
	for (cJSON *c = obj->child; c != NULL; c = c->next) {
		const char *k = c->string ? c->string : "";
		size_t i = 0;
		while (i < n && strcmp(allowed[i], k) != 0)
			i++;
		if (i < n) {
			if (out[i] == NULL)
				out[i] = c;
			else
				diag_add(L->d, DIAG_ERROR, where,
				         "key \"%.60s\" appears more than once", k);
			continue;
		}
		diag_add(L->d, DIAG_WARNING, where, "unknown key \"%.60s\" (ignored; a typo?)", k);
		for (const cJSON *e = obj->child; e != c; e = e->next)
			if (e->string && strcmp(e->string, k) == 0) {
				diag_add(L->d, DIAG_ERROR, where,
				         "key \"%.60s\" appears more than once", k);
				break;
			}
	}
}

/* bank_schema_collect_keys without keeping the members. */
void
bank_schema_check_keys(struct loader *L, const char *where, const cJSON *obj,
                       const char *const *allowed)
{
	cJSON *out[MAX_KEYS];
	bank_schema_collect_keys(L, where, obj, allowed, out);
}

/*
 * Whether text may have lines: the stem, explanation, scenario and the
 * text of a choice. Everything else (ids, names, titles, tags) is one line.
 */
static int
multiline_key(const char *key)
{
	static const char *const keys[] = { "stem", "explanation", "scenario", "text", NULL };
	for (size_t i = 0; keys[i] != NULL; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Report a C0 or C1 control character in the (unescaped) string s of the
 * member named key: it would reach the terminal. Newline and tab are
 * allowed only in text that may have lines. Returns -1 when reported, else 0.
 */
int
bank_schema_check_text(struct loader *L, const char *where, const char *s, const char *key)
{
	size_t off;
	unsigned cp;
	int multi = multiline_key(key);
	if (!textsafe_find_control(s, multi, &off, &cp))
		return 0;
	if (multi)
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" contains control character U+%04X at byte %zu (only newline and "
		         "tab are allowed)",
		         key, cp, off);
	else if (cp == '\n' || cp == '\t')
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" contains %s at byte %zu (it must be one line of text)", key,
		         cp == '\n' ? "a newline" : "a tab", off);
	else
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" contains control character U+%04X at byte %zu (it must be one "
		         "line of printable text)",
		         key, cp, off);
	return -1;
}

/* A required non-empty string (the member it, named key); NULL if bad. */
cJSON *
bank_schema_need_str(struct loader *L, const char *where, cJSON *it, const char *key)
{
	if (it == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return NULL;
	}
	if (!cJSON_IsString(it)) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" must be a string, not %s", key,
		         bank_schema_type_name(it));
		return NULL;
	}
	const char *s = it->valuestring;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0') {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" is empty", key);
		return NULL;
	}
	if (bank_schema_check_text(L, where, it->valuestring, key) < 0)
		return NULL;
	return it;
}

/* A required non-empty string member; NULL (after a diagnostic) if bad. */
cJSON *
bank_schema_need_string(struct loader *L, const char *where, const cJSON *obj, const char *key)
{
	return bank_schema_need_str(L, where, cJSON_GetObjectItemCaseSensitive(obj, key), key);
}

/* A required integer (the member it, named key) in [lo, hi]; 0 and *v, or -1. */
int
bank_schema_need_int_item(struct loader *L, const char *where, const cJSON *it, const char *key,
                          long lo, long hi, int *v)
{
	if (it == NULL) {
		diag_add(L->d, DIAG_ERROR, where, "missing \"%s\"", key);
		return -1;
	}
	if (!cJSON_IsNumber(it)) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" must be a number, not %s", key,
		         bank_schema_type_name(it));
		return -1;
	}
	double x = it->valuedouble;
	if (!isfinite(x) || x != floor(x) || x < (double)lo || x > (double)hi) {
		diag_add(L->d, DIAG_ERROR, where,
		         "\"%s\" must be a whole number from %ld to %ld, not %g", key, lo, hi, x);
		return -1;
	}
	*v = (int)x;
	return 0;
}

/* A required integer member in [lo, hi]; returns 0 and *v, or -1. */
int
bank_schema_need_int(struct loader *L, const char *where, const cJSON *obj, const char *key,
                     long lo, long hi, int *v)
{
	return bank_schema_need_int_item(L, where, cJSON_GetObjectItemCaseSensitive(obj, key), key,
	                                 lo, hi, v);
}

/* An optional array of strings (the member arr, named key); 0 and takes them, or -1. */
int
bank_schema_opt_strings(struct loader *L, const char *where, cJSON *arr, const char *key,
                        char ***out, int *n)
{
	*out = NULL;
	*n = 0;
	if (arr == NULL)
		return 0;
	if (!cJSON_IsArray(arr)) {
		diag_add(L->d, DIAG_ERROR, where, "\"%s\" must be an array of strings, not %s", key,
		         bank_schema_type_name(arr));
		return -1;
	}
	int count = cJSON_GetArraySize(arr), i = 0, bad = 0;
	cJSON *it;
	cJSON_ArrayForEach (it, arr) {
		if (!cJSON_IsString(it)) {
			diag_add(L->d, DIAG_ERROR, where, "\"%s\"[%d] must be a string, not %s",
			         key, i, bank_schema_type_name(it));
			bad = 1;
		} else if (bank_schema_check_text(L, where, it->valuestring, key) < 0) {
			bad = 1;
		}
		i++;
	}
	if (bad || count == 0)
		return bad ? -1 : 0;
	char **v = calloc((size_t)count, sizeof *v);
	if (v == NULL) {
		L->oom = 1;
		return -1;
	}
	i = 0;
	cJSON_ArrayForEach (it, arr)
		v[i++] = bank_json_take_string(it);
	*out = v;
	*n = count;
	return 0;
}
