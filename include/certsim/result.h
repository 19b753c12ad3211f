/*
 * Result files (docs/results.md): one writer (result.c) and one reader
 * (result_read.c) that parses a file into the typed structures below.
 * Nothing outside these two files reads or writes the JSON.
 */
#ifndef CERTSIM_RESULT_H
#define CERTSIM_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/score.h"
#include "certsim/session.h"

/* Largest result or signature file certsim reads. */
#define RESULT_FILE_LIMIT (16u * 1024u * 1024u)

/* The untrusted comment of every result signature (not signed: checked as text). */
#define RESULT_UNTRUSTED_COMMENT "certsim result signature"

/*
 * The typed form of a result file. The reader is lenient about the shape,
 * so that a tampered or foreign file can still be listed and explained:
 * a string that is absent or not a string reads as "" (never NULL, except
 * where noted); a number that is absent or not a number reads as 0; whole
 * numbers are clamped to their type's range (never cast unchecked); a
 * boolean is 1 only when the JSON says true. Whether the file is also
 * internally consistent is in result_file.problem.
 */
enum result_answer_kind {
	RESULT_ANSWER_NONE,  /* null: not answered */
	RESULT_ANSWER_LIST,  /* an array (single, multiple, ordering) */
	RESULT_ANSWER_MAP,   /* an object prompt id -> choice id (matching) */
	RESULT_ANSWER_OTHER, /* absent or any other JSON value */
};

struct result_answer {
	enum result_answer_kind kind;
	size_t n;
	char **ids;  /* LIST: the entries in order; MAP: the values; NULL for a non-string */
	char **keys; /* MAP: the prompt ids (names of the members); NULL otherwise */
};

struct result_item {
	int n;                                  /* 1-based position in the attempt */
	char *id;                               /* question id */
	int domain_id;                          /* the domain's number, e.g. 2 */
	char *task_id;                          /* e.g. "2.2" */
	char *type;                             /* "single", "multiple", "ordering" or "matching" */
	char *case_study;                       /* case-study id, or NULL when the item has none */
	int scored, unscored, correct, flagged; /* unscored: "scored" is false */
	char **shown; /* choice ids in the order shown; NULL for a non-string */
	size_t n_shown;
	char **prompts_shown; /* matching: prompt ids in the order shown */
	size_t n_prompts_shown;
	struct result_answer response, key;
	int64_t seconds; /* time spent on the item */
	char *qhash;  /* the question's hash when answered (study_qhash), or NULL (older results) */
	int complete; /* the response is complete ("complete"; older results: answered) */
};

/* A per-domain or per-task line of the score. */
struct result_part {
	int domain_id; /* domains: the domain's number; tasks: 0 */
	char *task_id; /* tasks: the task id; domains: NULL */
	char *name;
	int correct, total;
	double percent;
	char *status; /* "meets" or "needs-improvement" */
};

struct result_file {
	char *path;   /* as given to result_read, or the name given to result_parse */
	char *mode;   /* "exam" or "quiz" */
	int has_quiz; /* the "quiz" object is present */
	char *quiz_source, *quiz_feedback;
	char *exam_code, *exam_title, *bank_fingerprint;
	char *bank_path; /* exam.bank_path: the bank directory used, or NULL (older results) */
	int score_min, score_max, score_pass;
	double cut;
	uint64_t seed;
	char *started_at;
	char *finished_at; /* NULL when absent or not a string */
	int64_t time_limit_s, time_used_s;
	char *ended_by;
	int interruptions, unscored;
	struct {
		int correct, scored;
		double percent;
		int scaled, pass_mark, passed;
	} score;
	struct result_part *domains, *tasks;
	size_t n_domains, n_tasks;
	struct result_item *items;
	size_t n_items;
	/* NULL when the file is internally consistent (the checks of
	 * result_verify, less the signature); else why it is not. */
	char *problem;
};

/*
 * The result JSON ("certsim-result/1") of a finished session, pretty
 * printed with a final newline. Returns an allocated string (caller frees)
 * or NULL on out of memory.
 */
char *result_build(const struct session *s, const struct score *sc);

/*
 * The trusted comment signed with a result:
 * "certsim mode:exam exam:MLA-C01 scaled:723 result:pass finished:...".
 * Allocated; caller frees. NULL on out of memory.
 */
char *result_trusted_comment(const char *mode, const char *code, int scaled, int passed,
                             const char *finished);

/*
 * Whether --out path can take a result: not a directory, and its directory
 * exists. Checked before an attempt starts, so that it cannot fail only at
 * the end. Returns 0, or -1 with *err (caller frees; a usage error).
 */
int result_check_out(const char *path, char **err);

/*
 * Write the result of a finished session to home/results/<stamp>-<mode>.json
 * and its signature beside it (<file>.minisig), both atomically, signed with
 * the key in home/keys (made on first use); with out_path also there (all
 * or nothing: if the copy fails, the file in results/ is removed too).
 * Returns 0 and *path (the file in results/, caller frees), or -1 with *err
 * (caller frees): nothing half-written is left behind.
 */
int result_save(const struct session *s, const struct score *sc, const char *home,
                const char *out_path, char **path, char **err);

/*
 * Verify the result at path: its signature (path + ".minisig") against the
 * public key in pubkey_path (or home/keys/certsim.pub when NULL), the
 * trusted comment against the JSON, and the JSON's internal consistency
 * (every item's correctness, the totals, the per-domain counts, the scaled
 * score). Returns 0 and *summary (one line, caller frees), or -1 with *err
 * (the reason, caller frees).
 */
int result_verify(const char *path, const char *pubkey_path, const char *home, char **summary,
                  char **err);

struct sign_pubkey;

/*
 * The checks of result_verify on a result already read and parsed: text
 * (len bytes) is the file's content and r its result_parse (r->path names
 * it in messages), sig (slen bytes) the text of its signature file, pk the
 * key to check it with. When pk is NULL, pk_err (the reason the key could
 * not be had) is the failure once the untrusted comment is checked. Same
 * order of checks and same messages as result_verify; nothing is read
 * from disk. Returns 0, or -1 with *err (the reason, caller frees).
 */
int result_verify_parsed(const struct result_file *r, const char *text, size_t len, const char *sig,
                         size_t slen, const struct sign_pubkey *pk, const char *pk_err, char **err);

/*
 * Parse a result given as text (len bytes, no NUL needed); name is used in
 * messages and kept as ->path. It must be JSON with "format":
 * "certsim-result/1". Returns 0 and *out (free with result_file_free), or
 * -1 with *err (caller frees): not JSON, not a certsim result, or out of
 * memory. An inconsistent result is returned (0) with ->problem set.
 */
int result_parse(const char *text, size_t len, const char *name, struct result_file **out,
                 char **err);

/*
 * Read the file at path (at most RESULT_FILE_LIMIT bytes) and parse it as
 * result_parse does, without checking its signature. Returns 0 and *out
 * (free with result_file_free), or -1 with *err (caller frees).
 */
int result_read(const char *path, struct result_file **out, char **err);

/* Free a result from result_parse or result_read; NULL is fine. */
void result_file_free(struct result_file *r);

/*
 * The consistency checks of result_verify on a result given as text (the
 * format field is not required). Returns 0, or -1 with *err (caller frees):
 * not JSON, or the first inconsistency found.
 */
int result_check_text(const char *text, size_t len, char **err);

/*
 * The answer stored under key in a MAP answer (matching: the choice
 * matched to a prompt), or "" when a is not a MAP or has no such member.
 * The string belongs to a.
 */
const char *result_answer_get(const struct result_answer *a, const char *key);

/* Whether a LIST answer holds id (1) or not (0). */
int result_answer_has(const struct result_answer *a, const char *id);

/*
 * A result item's answer as an answer_status, from what the file records:
 * ANSWER_CORRECT when "correct" is true, else ANSWER_NONE when there is no
 * answer (null or absent), ANSWER_INCOMPLETE when it is not "complete",
 * else ANSWER_WRONG. Never fails.
 */
enum answer_status result_item_status(const struct result_item *it);

/*
 * Answer a of item it (its response or its key, in the bank's ids) in the
 * letters of the order shown ("shown", "prompts_shown"), for
 * answer_letters_text; an id that was not shown is ANSWER_LETTER_UNKNOWN.
 * Never fails; entries past BANK_MAX_CHOICES are left out.
 */
void result_item_letters(const struct result_item *it, const struct result_answer *a,
                         struct answer_letters *out);

/* The shown position (0 = A) of choice id in item it, or ANSWER_LETTER_UNKNOWN. */
int result_item_shown_pos(const struct result_item *it, const char *id);

#endif
