/* Bank interchange with Moodle: the question model shared by the importers and the exporters. */
#ifndef CERTSIM_INTERCHANGE_H
#define CERTSIM_INTERCHANGE_H

#include <stdarg.h>
#include <stddef.h>

#include "certsim/bank.h"
#include "certsim/diag.h"

/* A growable text buffer. Zero-initialise ({0}); free s with free(). */
struct ix_buf {
	char *s; /* NUL-terminated (NULL while empty) */
	size_t n, cap;
	int oom; /* set when an append failed; the text is then incomplete */
};

/* Append len bytes of s. Sets b->oom on out of memory. */
void interchange_buf_add(struct ix_buf *b, const char *s, size_t len);

/* Append a NUL-terminated string. */
void interchange_buf_puts(struct ix_buf *b, const char *s);

/* Append printf-style text. */
void interchange_buf_printf(struct ix_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A converted question, in certsim's terms (choice ids are implied by position). */
struct ix_question {
	const char *file; /* the input file (not owned: the caller's string) */
	int line;         /* where the question starts in it */
	char *name;       /* the Moodle question name, or NULL */
	char *category;   /* the category in effect, or NULL */
	enum question_type type;
	char *stem;
	/* single/multiple/matching: the options (A, B, ...); ordering: the items. */
	char *choices[BANK_MAX_CHOICES];
	int n_choices;
	char *prompts[BANK_MAX_ITEMS]; /* matching only: prompts 1, 2, ... */
	int n_prompts;
	int key[BANK_MAX_CHOICES]; /* as struct question's key */
	int n_key;
	char *explanation; /* NULL when the question has no general feedback */
	char **tags;
	int n_tags;
	char *id;     /* set by interchange_assign_ids */
	char task[8]; /* set by interchange_assign_tasks */
	int domain;   /* likewise */
};

/* Converted questions, in input order. Zero-initialise ({0}); free with interchange_set_free. */
struct ix_set {
	struct ix_question *v;
	size_t n, cap;
	size_t skipped; /* questions reported as skipped */
};

/* Free every question and the array; the set can be reused after. NULL is fine. */
void interchange_set_free(struct ix_set *set);

/* One answer of a Moodle question as a parser read it. */
struct ix_answer {
	char *text;    /* plain text (owned by the draft) */
	double weight; /* multichoice: Moodle's fraction (1 = 100%) */
};

/*
 * A question as a parser read it, before the conversion rules: which
 * Moodle type, its texts and weights. Strings are malloc'ed and owned by
 * the draft; interchange_add_draft frees or takes them all.
 */
struct ix_draft {
	const char *file;
	int line;
	const char *kind; /* "multichoice", "truefalse", "matching" or "ordering" */
	char *name;       /* or NULL */
	char *category;   /* or NULL */
	char *stem;
	char *explanation;         /* or NULL (an empty one is treated as none) */
	int single;                /* multichoice: Moodle's single-answer mode */
	int tf_true;               /* truefalse: 1 when "true" is the right answer */
	struct ix_answer *answers; /* multichoice; ordering (in the right order) */
	int n_answers;
	char **sub_q, **sub_a; /* matching: prompt ("" = distractor) and its answer */
	int n_sub;
	char **tags;
	int n_tags;
};

/*
 * Convert a draft by the rules of docs/interchange.md (positive weights are
 * the key; partial credit in single-answer mode, too few or too many
 * choices, all answers right, ... are skipped) and append it to set, or
 * add "FILE:LINE: warning: skipped KIND question "NAME": WHY" to d and
 * count it in set->skipped. Frees or takes every string of dr and clears
 * it. Returns 0, or -1 on out of memory (after an error in d).
 */
int interchange_add_draft(struct ix_set *set, struct ix_draft *dr, struct diag *d);

/* Free a draft's strings and arrays and clear it (for a parser's error path). */
void interchange_draft_clear(struct ix_draft *dr);

/*
 * Report a question of a kind certsim cannot take (essay, numerical, ...):
 * "FILE:LINE: warning: skipped KIND question "NAME": WHY", and count it.
 * name may be NULL, then text (the question text) names it.
 */
void interchange_skip(struct ix_set *set, struct diag *d, const char *file, int line,
                      const char *kind, const char *name, const char *text, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/*
 * Check that data (len bytes) is text: valid UTF-8 with no NUL byte.
 * Returns 0, or -1 after one error "FILE:LINE: error: ..." naming the
 * first bad byte.
 */
int interchange_check_text(const char *file, const char *data, size_t len, struct diag *d);

/* Bytes of a UTF-8 byte order mark at the start of data (0 or 3). */
size_t interchange_bom(const char *data, size_t len);

/* Append a "FILE:LINE: error: ..." to d. */
void interchange_error(struct diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * HTML (a Moodle text in format html) to plain text with libxml2's HTML
 * parser: tags dropped, entities decoded, <br> a line break, paragraphs
 * and other blocks separated by a blank line, runs of white space one
 * space, no-break spaces plain spaces, the result trimmed. Returns a new
 * string (caller frees), or NULL on out of memory. Never fails on bad HTML.
 */
char *interchange_html_to_text(const char *html, size_t len);

/*
 * Plain text to HTML: & < > " escaped, a line break as <br>. Appended to b.
 */
void interchange_text_to_html(struct ix_buf *b, const char *text);

/*
 * The last part of a Moodle category path, as a new string (caller frees;
 * NULL on out of memory): parts are separated by "/", "//" is a slash in
 * a name, a leading "$course$"-style context and "top" are dropped.
 */
char *interchange_category_last(const char *path);

/* The tasks of a blueprint, read from exam.json for the import. */
struct ix_blueprint {
	char *code;
	int n_tasks;
	char (*task)[8]; /* task ids */
	int *domain;     /* the domain of each */
};

/*
 * Read the exam code and the task ids of exam.json at path (the blueprint
 * is fully checked later, when the imported bank is linted). Returns 0;
 * -1 when the file is not a certsim blueprint (an error "PATH: error: ..."
 * in d); -2 when it cannot be read (*err: an allocated message, caller
 * frees). Free with interchange_blueprint_free.
 */
int interchange_blueprint_load(const char *path, struct ix_blueprint *bp, struct diag *d,
                               char **err);

/* Free a blueprint read by interchange_blueprint_load and clear it. */
void interchange_blueprint_free(struct ix_blueprint *bp);

/* Index of task id t in bp, or -1. */
int interchange_blueprint_task(const struct ix_blueprint *bp, const char *t);

/* A --map CATEGORY=TASK pair. */
struct ix_map {
	const char *category;
	const char *task;
};

/*
 * Give every question a task: the --map entry whose CATEGORY is the
 * question's full category path or its last part; else the last part
 * itself when it is a task id of bp; else default_task (may be NULL).
 * A category that maps to no task is one error "FILE:LINE: error:
 * category "C" maps to no task ..." (once per category). Returns 0, or -1
 * when some question has no task.
 */
int interchange_assign_tasks(struct ix_set *set, const struct ix_blueprint *bp,
                             const struct ix_map *maps, int n_maps, const char *default_task,
                             struct diag *d);

/*
 * Give every question a unique id: its name when that is a valid certsim
 * id (1-128 letters, digits, '.', '_', '-') not used before, else
 * "imp-0001", "imp-0002", ... (skipping ids taken). Returns 0, or -1 on
 * out of memory.
 */
int interchange_assign_ids(struct ix_set *set);

/*
 * Write the certsim bank for set (ids and tasks assigned) into a new
 * temporary directory beside out ("OUT.tmp.XXXXXX"): exam.json copied from
 * exam_path and questions.json. Returns 0 with *tmpdir (caller frees), or
 * -1 with *err (caller frees); nothing is left behind on failure.
 */
int interchange_write_bank(const struct ix_set *set, const char *exam_path, const char *out,
                           char **tmpdir, char **err);

/*
 * Move a directory made by interchange_write_bank to out (which must not exist or
 * be an empty directory) and sync its parent. Returns 0, or -1 with *err
 * (caller frees).
 */
int interchange_commit_dir(const char *tmpdir, const char *out, char **err);

/* Remove a temporary bank directory made by interchange_write_bank (its files, then it). */
void interchange_remove_dir(const char *tmpdir);

/* The export formats. */
enum ix_format { IX_GIFT, IX_MOODLE_XML };

/*
 * The Moodle category of question q: "CODE/Domain N/TASK" with "/" in a
 * part doubled, as a new string (caller frees), or NULL on out of memory.
 */
char *interchange_category_of(const struct bank *b, const struct question *q);

/*
 * The question text to export for q: a case study's scenario, a blank
 * line, then the stem; else the stem. A new string (caller frees), or NULL.
 */
char *interchange_export_stem(const struct bank *b, const struct question *q);

/*
 * Moodle's weight (a percentage, as text) of each of k right answers of a
 * multiple-answer question, so that they add up to 100: "50" for two,
 * "33.33333" for three; "100" outside 1-10. Static text.
 */
const char *interchange_share(int k);

/*
 * Export every question of b in format fmt into out. Questions the format
 * cannot hold are left out with a warning "BANKFILE: question "ID":
 * warning: skipped ..." in d; *n_written and *n_skipped count them.
 * Returns 0, or -1 on out of memory.
 */
int interchange_export(const struct bank *b, enum ix_format fmt, struct ix_buf *out, struct diag *d,
                       size_t *n_written, size_t *n_skipped);

/*
 * Whether s is NULL or holds only spaces, tabs and line ends (an imported
 * stem, choice or prompt that says nothing). Returns 1 or 0.
 */
int interchange_blank(const char *s);

/*
 * Append an answer of weight w to dr, taking text (a new string; it is freed
 * on failure). With drop_empty, an empty text is freed and not added (Moodle
 * drops blank answers; GIFT and Moodle XML do so). Returns 0, or -1 when text
 * is NULL or out of memory.
 */
int interchange_add_answer(struct ix_draft *dr, char *text, double w, int drop_empty);

/*
 * Append a matching pair (prompt q, answer a) to dr, taking both (new
 * strings; both are freed on failure). Returns 0, or -1 when either is NULL
 * or out of memory.
 */
int interchange_add_pair(struct ix_draft *dr, char *q, char *a);

#endif
