/*
 * Private to the bank loader (bank.c, bank_json.c, bank_schema.c,
 * bank_parse.c, bank_blueprint.c): the state of one load and the functions
 * the loader's files share. Not a public header.
 */
#ifndef CERTSIM_BANK_INTERNAL_H
#define CERTSIM_BANK_INTERNAL_H

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stddef.h>

#include "certsim/bank.h"

/* Open-addressing map from an id (borrowed from the string pool) to a number. */
struct bank_index {
	char **keys;
	size_t *vals;
	size_t cap, n;
};

/* State shared by the checks of one bank. */
struct loader {
	struct diag *d;
	struct bank *b;
	int bp_ok;        /* blueprint valid: domain/task checks possible */
	const char *file; /* base name of the file being read */
	size_t file_idx;
	struct bank_index ids; /* id -> file index, for duplicates */
	size_t q_cap, cs_cap;
	int oom;
};

/* Most members an object of the bank format may have. */
#define MAX_KEYS 16

/*
 * bank.c: the id index. Insert key; returns -1 on OOM, 1 if it was there
 * (sets *first), 0 if new.
 */
int bank_index_add(struct bank_index *s, const char *key, size_t val, size_t *first);
/* Look key up; returns 0 and *val, or -1 when absent. */
int bank_index_get(const struct bank_index *s, const char *key, size_t *val);
/* Free the index's tables (not s itself). */
void bank_index_free(struct bank_index *s);

/*
 * bank_json.c: reading JSON files into arena-allocated trees, and the
 * bank's string pool. bank_json_begin installs the arena as cJSON's
 * allocator and makes pool the string pool; bank_json_end undoes both and
 * returns 1 if the pool ran out of memory at any point, else 0.
 */
void bank_json_begin(struct bank_chunk **pool);
int bank_json_end(void);
/* Whether the pool has run out of memory since bank_json_begin. */
int bank_json_pool_oom(void);
/* Drop the current tree (after each file). */
void bank_json_reset(void);
/* Free a chunk list (the bank's pool). */
void bank_json_chunks_free(struct bank_chunk *c);
/* A copy of s in the pool, owned by the bank; NULL (and pool out of memory) on failure. */
char *bank_json_strdup(const char *s);
/* The text of a cJSON string node, copied into the pool. */
char *bank_json_take_string(cJSON *item);
/*
 * Read and parse one JSON file. Syntax problems are reported as
 * FILE:LINE:COL. Returns the tree (freed by bank_json_reset) or NULL. The
 * raw bytes are added to the fingerprint state.
 */
cJSON *bank_json_read(struct loader *L, const char *dir, const char *name,
                      crypto_generichash_state *fp);

/* bank_schema.c: checks of members and types, each reporting what is wrong. */
const char *bank_schema_type_name(const cJSON *it);
void bank_schema_collect_keys(struct loader *L, const char *where, const cJSON *obj,
                              const char *const *allowed, cJSON **out);
void bank_schema_check_keys(struct loader *L, const char *where, const cJSON *obj,
                            const char *const *allowed);
/*
 * A C0 or C1 control character in string s of the member named key (newline
 * and tab allowed only in stem, explanation, scenario and choice text) is an
 * error naming where and key; returns -1 then, else 0.
 */
int bank_schema_check_text(struct loader *L, const char *where, const char *s, const char *key);
cJSON *bank_schema_need_str(struct loader *L, const char *where, cJSON *it, const char *key);
cJSON *bank_schema_need_string(struct loader *L, const char *where, const cJSON *obj,
                               const char *key);
int bank_schema_need_int_item(struct loader *L, const char *where, const cJSON *it, const char *key,
                              long lo, long hi, int *v);
int bank_schema_need_int(struct loader *L, const char *where, const cJSON *obj, const char *key,
                         long lo, long hi, int *v);
int bank_schema_opt_strings(struct loader *L, const char *where, cJSON *arr, const char *key,
                            char ***out, int *n);

/* bank_parse.c: questions, case studies and question files. */
void bank_question_free(struct question *q);
void bank_parse_question_file(struct loader *L, cJSON *root);

/* bank_blueprint.c: exam.json. */
void bank_blueprint_parse(struct loader *L, cJSON *root);

#endif
