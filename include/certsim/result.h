/* Result files (contract section 5): JSON, signed in minisign's format, verified. */
#ifndef CERTSIM_RESULT_H
#define CERTSIM_RESULT_H

#include <cjson/cJSON.h>

#include "certsim/score.h"
#include "certsim/session.h"

/* Largest result or signature file certsim reads. */
#define RESULT_FILE_LIMIT (16u * 1024u * 1024u)

/*
 * The result JSON ("certsim-result/1") of a finished session, pretty
 * printed with a final newline. Returns an allocated string (caller frees)
 * or NULL on out of memory.
 */
char *result_build(const struct session *s, const struct score *sc);

/*
 * The trusted comment signed with a result:
 * "certsim mode:exam exam:MLA-C01 scaled:723 result:pass finished:...".
 * Allocated; caller frees.
 */
char *result_trusted_comment(const char *mode, const char *code, int scaled,
                             int passed, const char *finished);

/*
 * Write the result of a finished session to home/results/<stamp>-<mode>.json
 * and its signature beside it (<file>.minisig), both atomically, signed with
 * the key in home/keys (made on first use); with out_path also there (all
 * or nothing: if the copy fails, the file in results/ is removed too).
 * Returns 0 and *path (the file in results/, caller frees), or -1 with *err
 * (caller frees): nothing half-written is left behind.
 */
int result_save(const struct session *s, const struct score *sc,
                const char *home, const char *out_path, char **path,
                char **err);

/*
 * Verify the result at path: its signature (path + ".minisig") against the
 * public key in pubkey_path (or home/keys/certsim.pub when NULL), the
 * trusted comment against the JSON, and the JSON's internal consistency
 * (every item's correctness, the totals, the per-domain counts, the scaled
 * score). Returns 0 and *summary (one line, caller frees), or -1 with *err
 * (the reason, caller frees).
 */
int result_verify(const char *path, const char *pubkey_path, const char *home,
                  char **summary, char **err);

/*
 * Check a parsed result's internal consistency (as result_verify does).
 * Returns 0, or -1 with *err (caller frees).
 */
int result_check(const cJSON *r, char **err);

/*
 * Read and parse a result file without checking its signature. Returns the
 * tree (caller deletes) or NULL with *err (caller frees).
 */
cJSON *result_load(const char *path, char **err);

#endif
