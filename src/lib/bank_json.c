/* Reading the bank's JSON files: an arena for cJSON, the string pool, located syntax errors. */
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

/*
 * Memory for loading. The bank's strings live in a pool of large chunks
 * owned by the bank (one free for all of them); cJSON's trees are built in
 * an arena that is reset after each file, so a 20,000-question bank costs
 * a few hundred large allocations instead of millions of small ones.
 * cJSON's allocator hooks are global: bank_load is not thread-safe.
 */
struct bank_chunk {
	struct bank_chunk *next;
	size_t cap, used;
	max_align_t data[];
};

#define CHUNK_BYTES (1u << 20)

static void *
chunk_alloc(struct bank_chunk **head, size_t n, size_t align)
{
	struct bank_chunk *c = *head;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	if (c == NULL || at + n > c->cap) {
		size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
		if ((c = malloc(sizeof *c + cap)) == NULL)
			return NULL;
		c->cap = cap;
		c->used = 0;
		c->next = *head;
		*head = c;
		at = 0;
	}
	c->used = at + n;
	return (char *)c->data + at;
}

void
bank_json_chunks_free(struct bank_chunk *c)
{
	while (c != NULL) {
		struct bank_chunk *next = c->next;
		free(c);
		c = next;
	}
}

static struct bank_chunk *arena;       /* cJSON nodes of the file being read */
static struct bank_chunk *arena_spare; /* emptied chunks, reused */
static struct bank_chunk **strings;    /* the bank being loaded: its string pool */
static int pool_oom;

static void *
arena_malloc(size_t n)
{
	/* Reuse a spare chunk before asking malloc for a new one. */
	if ((arena == NULL || arena->used + n + sizeof(max_align_t) > arena->cap) &&
	    arena_spare != NULL && n <= arena_spare->cap) {
		struct bank_chunk *c = arena_spare;
		arena_spare = c->next;
		c->used = 0;
		c->next = arena;
		arena = c;
	}
	return chunk_alloc(&arena, n, sizeof(max_align_t));
}

static void
arena_free(void *p)
{
	(void)p;
}

/* Drop the current tree: its chunks become spares. */
void
bank_json_reset(void)
{
	while (arena != NULL) {
		struct bank_chunk *next = arena->next;
		arena->next = arena_spare;
		arena_spare = arena;
		arena = next;
	}
}

static void
arena_destroy(void)
{
	bank_json_reset();
	bank_json_chunks_free(arena_spare);
	arena_spare = NULL;
}

/* A copy of s in the bank's string pool; NULL (and pool_oom) on failure. */
char *
bank_json_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = chunk_alloc(strings, n, 1);
	if (p == NULL) {
		pool_oom = 1;
		return NULL;
	}
	memcpy(p, s, n);
	return p;
}

/* The text of a cJSON string node, copied into the bank's pool. */
char *
bank_json_take_string(cJSON *item)
{
	return bank_json_strdup(item->valuestring);
}

void
bank_json_begin(struct bank_chunk **pool)
{
	static cJSON_Hooks hooks = { arena_malloc, arena_free };
	cJSON_InitHooks(&hooks);
	strings = pool;
	pool_oom = 0;
}

int
bank_json_end(void)
{
	cJSON_InitHooks(NULL);
	arena_destroy();
	strings = NULL;
	return pool_oom;
}

int
bank_json_pool_oom(void)
{
	return pool_oom;
}

/*
 * Line and column (1-based; the column counts characters, and a byte order
 * mark at the start of the file is not one) of offset off.
 */
static void
locate(const char *buf, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	size_t i = off >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (; i < off; i++) {
		if (buf[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* What json_scan() found at the end of the text it scanned. */
struct json_pos {
	int depth;     /* arrays and objects open */
	int in_object; /* the innermost of them is an object */
	int in_str;    /* inside a string, whose opening quote is at str_at */
	size_t str_at;
	char prev; /* the last character that is not whitespace, or 0 */
};

/* Scan JSON text buf[from..to) that cJSON accepted so far. */
static void
json_scan(const char *buf, size_t from, size_t to, struct json_pos *at)
{
	unsigned char obj[CJSON_NESTING_LIMIT + 1] = { 0 };
	memset(at, 0, sizeof *at);
	for (size_t i = from; i < to; i++) {
		char c = buf[i];
		if (at->in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				at->in_str = 0;
			at->prev = '"';
			continue;
		}
		if (strchr(" \t\r\n", c) != NULL)
			continue;
		at->prev = c;
		if (c == '"') {
			at->in_str = 1;
			at->str_at = i;
		} else if ((c == '[' || c == '{') && at->depth < CJSON_NESTING_LIMIT) {
			obj[++at->depth] = c == '{';
		} else if ((c == ']' || c == '}') && at->depth > 0) {
			at->depth--;
		}
	}
	at->in_object = obj[at->depth];
}

/* Whether a string that is open at off is closed before len. */
static int
string_closes(const char *buf, size_t off, size_t len)
{
	for (size_t i = off; i < len; i++) {
		if (buf[i] == '\\')
			i++;
		else if (buf[i] == '"')
			return 1;
	}
	return 0;
}

/* Offset of the first invalid UTF-8 sequence, or (size_t)-1. */
static size_t
utf8_invalid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned min;
		unsigned cp;
		if ((c & 0xE0) == 0xC0) {
			len = 2;
			min = 0x80;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			min = 0x800;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4;
			min = 0x10000;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return (size_t)-1;
}

/*
 * Read and parse one JSON file. Syntax problems are reported as
 * FILE:LINE:COL. Returns the tree (caller deletes) or NULL. The raw bytes
 * are added to the fingerprint state.
 */
cJSON *
bank_json_read(struct loader *L, const char *dir, const char *name, crypto_generichash_state *fp)
{
	char *path = fsutil_asprintf("%s/%s", dir, name);
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	cJSON *root = NULL;
	if (path == NULL) {
		L->oom = 1;
		return NULL;
	}
	if (fsutil_read_file(path, BANK_FILE_LIMIT, &buf, &len, &err) < 0) {
		diag_add(L->d, DIAG_ERROR, name, "%s", err);
		goto out;
	}
	unsigned char lenle[8];
	for (int i = 0; i < 8; i++)
		lenle[i] = (unsigned char)((uint64_t)len >> (8 * i));
	crypto_generichash_update(fp, (const unsigned char *)name, strlen(name) + 1);
	crypto_generichash_update(fp, lenle, sizeof lenle);
	crypto_generichash_update(fp, (const unsigned char *)buf, len);

	size_t start = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3; /* a UTF-8 byte order mark is allowed and skipped */
	int line, col;
	char where[400];
	const char *nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		locate(buf, (size_t)(nul - buf), &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where, "NUL byte in file (is this a JSON text file?)");
		goto out;
	}
	size_t bad = utf8_invalid((const unsigned char *)buf, len);
	if (bad != (size_t)-1) {
		locate(buf, bad, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where,
		         "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		         (unsigned char)buf[bad]);
		goto out;
	}
	/*
	 * JSON allows no raw control character, inside strings or out (cJSON
	 * accepts them): tab, line feed and carriage return are whitespace.
	 */
	for (size_t i = start; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			locate(buf, i, &line, &col);
			snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
			diag_add(L->d, DIAG_ERROR, where,
			         "syntax error: raw control character 0x%02X (JSON allows none)",
			         c);
			goto out;
		}
	}
	const char *end = NULL;
	/*
	 * The length includes buf's terminating NUL, which cJSON skips as
	 * whitespace: input that ends too early then fails at offset len
	 * instead of at its last byte, which may well be fine.
	 */
	root = cJSON_ParseWithLengthOpts(buf + start, len - start + 1, &end, 0);
	if (root == NULL) {
		size_t off = end ? (size_t)(end - buf) : start;
		if (off > len)
			off = len;
		struct json_pos at;
		/*
		 * Where an object key should start, cJSON points one past the
		 * character that is not its opening '"'.
		 */
		if (off > start) {
			char c = buf[off - 1];
			json_scan(buf, start, off - 1, &at);
			if (!at.in_str && at.in_object && c != '"' &&
			    (at.prev == ',' || (at.prev == '{' && c != '}')) &&
			    strchr(" \t\r\n", c) == NULL)
				off--;
		}
		/* Skip whitespace to point at the offending token. */
		while (off < len && strchr(" \t\r\n", buf[off]))
			off++;
		json_scan(buf, start, off, &at);
		const char *msg = NULL;
		if (at.prev == 0 && off >= len) {
			off = start;
			msg = "syntax error: the file is empty";
		} else if (at.in_str && !string_closes(buf, off, len)) {
			off = at.str_at;
			msg = "syntax error: string not closed before the end of the file "
			      "(truncated?)";
		} else if (at.in_str) {
			msg = "syntax error: invalid escape sequence in string";
		} else if (off >= len) {
			msg = "syntax error: unexpected end of file (truncated?)";
		}
		locate(buf, off, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		if (msg != NULL)
			diag_add(L->d, DIAG_ERROR, where, "%s", msg);
		else if ((buf[off] == '[' || buf[off] == '{') && at.depth >= CJSON_NESTING_LIMIT)
			diag_add(L->d, DIAG_ERROR, where, "nesting deeper than %d levels",
			         CJSON_NESTING_LIMIT);
		else if ((unsigned char)buf[off] >= 0x20 && (unsigned char)buf[off] < 0x7F)
			diag_add(L->d, DIAG_ERROR, where, "syntax error near '%c'", buf[off]);
		else
			diag_add(L->d, DIAG_ERROR, where, "syntax error near byte 0x%02X",
			         (unsigned char)buf[off]);
		goto out;
	}
	size_t off = (size_t)(end - buf);
	while (off < len && strchr(" \t\r\n", buf[off]))
		off++;
	if (off < len) {
		locate(buf, off, &line, &col);
		snprintf(where, sizeof where, "%s:%d:%d", name, line, col);
		diag_add(L->d, DIAG_ERROR, where,
		         "syntax error: unexpected text after the end of the JSON value");
		cJSON_Delete(root);
		root = NULL;
	}
out:
	free(err);
	free(buf);
	free(path);
	return root;
}
