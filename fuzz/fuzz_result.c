/*
 * libFuzzer target for the result verifier. The input is a result file,
 * optionally followed by its minisign signature (from a line starting
 * "untrusted comment:"). It runs result_check_text() and the typed reader
 * result_parse() on the JSON,
 * sign_verify() on the signature as given, result_verify() on the pair as
 * files, and result_verify() again after signing the JSON afresh, so that
 * mutated results also reach the checks behind a valid signature.
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/fsutil.h"
#include "certsim/result.h"
#include "certsim/sign.h"
#include "fuzz_common.h"

/*
 * A key pair made for fuzzing only and published on purpose: it signs
 * nothing but the seeds in corpus/fuzz_result/. Never a user's key.
 */
static const char fuzz_secret_key[] =
    "untrusted comment: minisign secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "+S4WpYezcK52R8cVfDI6ajq628IqsR3j49RfgBQQLEOn0h116qNjMo5p3w1vYkqPws4AL2q"
    "eBtVobEgljsDNlSknVWBIpK3Ap/vTRZ9at1+YpM+7DMeXkBFH81Le6GCY4PehGVkACp0=\n";

static struct sign_key *key;
static struct sign_pubkey *pub;
static char result_path[512], sig_path[512], pub_path[512];

static void
cleanup(void)
{
	static const char *const names[] = { "r.json", "r.json.minisig", "certsim.key",
		                             "certsim.pub" };
	fuzz_cleanup(names, 4);
	sign_key_free(key);
	sign_pubkey_free(pub);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[512], *err = NULL, *text;
	(void)argc;
	(void)argv;
	fuzz_scratch_dir("fuzz-result");
	fuzz_path(path, sizeof path, "certsim.key");
	fuzz_write(path, fuzz_secret_key, strlen(fuzz_secret_key));
	if (sign_key_load_or_create(fuzz_dir, &key, &err) < 0 ||
	    (pub = sign_key_pubkey(key)) == NULL) {
		fprintf(stderr, "fuzz_result: %s\n", err ? err : "out of memory");
		abort();
	}
	fuzz_path(result_path, sizeof result_path, "r.json");
	fuzz_path(sig_path, sizeof sig_path, "r.json.minisig");
	fuzz_path(pub_path, sizeof pub_path, "certsim.pub");
	/* The public key file round-trips through the parser. */
	if ((text = sign_key_public_file(key)) == NULL) {
		fprintf(stderr, "fuzz_result: out of memory\n");
		abort();
	}
	fuzz_write(pub_path, text, strlen(text));
	free(text);
	atexit(cleanup);
	return 0;
}

/* Where the signature starts: the first line "untrusted comment:", or size. */
static size_t
split_at(const uint8_t *data, size_t size)
{
	static const char mark[] = "untrusted comment:";
	size_t n = sizeof mark - 1;
	for (size_t i = 0; i + n <= size; i++)
		if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, mark, n) == 0)
			return i;
	return size;
}

static const char *
str(const cJSON *o, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* The trusted comment certsim would sign for r (so it can verify), or a fixed one. */
static char *
trusted_for(const cJSON *r)
{
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(r, "score");
	const cJSON *exam = cJSON_GetObjectItemCaseSensitive(r, "exam");
	const cJSON *scaled = cJSON_GetObjectItemCaseSensitive(score, "scaled");
	const char *mode = str(r, "mode"), *code = str(exam, "code");
	const char *finished = str(r, "finished_at");
	if (mode == NULL || code == NULL || finished == NULL || !cJSON_IsNumber(scaled) ||
	    !(scaled->valuedouble > -1e9 && scaled->valuedouble < 1e9) ||
	    strlen(mode) + strlen(code) + strlen(finished) > 4000 ||
	    strpbrk(mode, "\r\n") || strpbrk(code, "\r\n") || strpbrk(finished, "\r\n"))
		return fsutil_asprintf("certsim mode:quiz exam:X scaled:0 result:fail finished:X");
	return result_trusted_comment(mode, code, (int)scaled->valuedouble,
	                              cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(score, "passed")),
	                              finished);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t mlen = split_at(data, size), slen = size - mlen;
	char *msg = malloc(mlen + 1), *sig = malloc(slen + 1);
	char *err = NULL, *trusted = NULL, *summary = NULL, *tc = NULL, *fresh = NULL;
	cJSON *r;
	int checked = -1;

	if (msg == NULL || sig == NULL)
		abort();
	memcpy(msg, data, mlen);
	msg[mlen] = '\0';
	memcpy(sig, data + mlen, slen);
	sig[slen] = '\0';

	/* 1: the consistency checks alone, and the typed reader (which agrees with them). */
	r = cJSON_ParseWithLength(msg, mlen);
	if (r != NULL) {
		checked = result_check_text(msg, mlen, &err);
		if ((checked == 0) != (err == NULL))
			abort();
		free(err);
		err = NULL;
	}
	struct result_file *typed = NULL;
	if (result_parse(msg, mlen, "fuzz.json", &typed, &err) == 0) {
		if (typed == NULL || err != NULL || r == NULL || (typed->problem == NULL) != (checked == 0))
			abort();
	} else if (err == NULL || typed != NULL) {
		abort();
	}
	result_file_free(typed);
	free(err);
	err = NULL;

	/* 2: the signature as given, from a buffer with no terminating NUL. */
	char *exact = malloc(slen ? slen : 1);
	if (exact == NULL)
		abort();
	memcpy(exact, sig, slen);
	if (sign_verify(pub, msg, mlen, exact, slen, &trusted, &err) == 0) {
		if (trusted == NULL || err != NULL)
			abort();
	} else if (err == NULL || trusted != NULL) {
		abort();
	}
	free(exact);
	free(trusted);
	free(err);
	err = NULL;

	/* 3: both as files, as certsim verify reads them. */
	fuzz_write(result_path, msg, mlen);
	fuzz_write(sig_path, sig, slen);
	if (result_verify(result_path, pub_path, NULL, &summary, &err) == 0) {
		if (summary == NULL || checked != 0)
			abort();
	} else if (err == NULL) {
		abort();
	}
	free(summary);
	free(err);
	summary = err = NULL;

	/* 4: signed afresh, so every mutation of the JSON reaches result_check. */
	if (r != NULL && (tc = trusted_for(r)) != NULL &&
	    (fresh = sign_detached(key, msg, mlen, RESULT_UNTRUSTED_COMMENT, tc, &err)) != NULL) {
		fuzz_write(sig_path, fresh, strlen(fresh));
		if (result_verify(result_path, pub_path, NULL, &summary, &err) == 0) {
			/* A verified result is one result_check accepts. */
			if (checked != 0)
				abort();
		}
	}
	free(summary);
	free(err);
	free(fresh);
	free(tc);
	cJSON_Delete(r);
	free(msg);
	free(sig);
	return 0;
}
