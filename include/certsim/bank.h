/* The question bank: blueprint, domains, tasks, questions, case studies. */
#ifndef CERTSIM_BANK_H
#define CERTSIM_BANK_H

#include <stddef.h>

#include "certsim/diag.h"

#define BANK_MAX_CHOICES 10                   /* options A-J */
#define BANK_MAX_ITEMS 7                      /* ordering items A-G, matching prompts 1-7 */
#define BANK_MAX_DOMAINS 64                   /* domains in a blueprint */
#define BANK_FILE_LIMIT (64u * 1024u * 1024u) /* bytes per bank file */

enum question_type { Q_SINGLE, Q_MULTIPLE, Q_ORDERING, Q_MATCHING };

/* An option, an ordering item or a matching prompt. */
struct bank_index;
struct bank_chunk;

struct choice {
	char id[2]; /* "A".."J" or "1".."7" */
	char *text;
};

struct question {
	char *id;
	int domain_id; /* domain id (inherited inside case studies) */
	int task_idx;  /* index into bank.tasks */
	enum question_type type;
	char *stem;
	/* single/multiple/matching: the options; ordering: the items. */
	struct choice *choices;
	int n_choices;
	/* matching only: the prompts. */
	struct choice *prompts;
	int n_prompts;
	/*
	 * The key, as indexes into choices: single/multiple: the correct
	 * options in ascending order (n_key of them); ordering: all items in
	 * the correct order; matching: n_key == n_prompts and key[i] is the
	 * option matched to prompts[i].
	 */
	int key[BANK_MAX_CHOICES];
	int n_key;
	char *explanation; /* NULL when the question has none */
	char **references;
	int n_references;
	char **tags;
	int n_tags;
	int case_study; /* index into bank.case_studies, or -1 */
	int file;       /* index into bank.files */
};

struct case_study {
	char *id;
	int domain;
	char *title;
	char *scenario;
	size_t first, count; /* its questions: bank.questions[first..first+count) */
};

struct task {
	char id[8]; /* "1.1" */
	char *name;
	int domain; /* domain id */
};

struct domain {
	int id;
	char *name;
	int weight;
};

struct blueprint {
	char *code;
	char *title;
	int questions;
	int duration_minutes;
	int score_min, score_max, score_pass;
	double cut;
	struct domain *domains;
	int n_domains;
	struct task *tasks;
	int n_tasks;
};

struct bank {
	char *path; /* the bank directory */
	struct blueprint bp;
	struct question *questions;
	size_t n_questions;
	struct case_study *case_studies;
	size_t n_case_studies;
	char **files; /* question files, base names, sorted */
	size_t n_files;
	/* BLAKE2b-256 over exam.json and every question file (docs/bank-format.md). */
	unsigned char fingerprint[32];
	char fingerprint_hex[65];
	struct bank_index *index;   /* private: id lookup for bank_find() */
	struct bank_chunk *strings; /* private: owns every string above */
};

/*
 * Whether s is a valid question or case-study id: 1 to 128 characters of
 * A-Z, a-z, 0-9, '-', '_' and '.' (docs/bank-format.md). Returns 1 or 0;
 * s must not be NULL.
 */
int bank_valid_id(const char *s);

/* "zero" to "ten" for 0-10, else "several" (e.g. "Choose two"). Static; never NULL. */
const char *bank_number_word(int n);

/* Sort n indexes ascending (a key or a response of single/multiple choice). */
void bank_sort_indexes(int *v, int n);

/*
 * Load the bank in directory dir. Every problem found is added to d (all of
 * them, not only the first). Returns 0 and *out (free with bank_free) when
 * the bank has no errors (warnings are fine); returns -1 when it has errors
 * or cannot be read, with *out NULL. A question file must end in ".json";
 * other files are ignored.
 */
int bank_load(const char *dir, struct diag *d, struct bank **out);

/* Free a bank; NULL is fine. */
void bank_free(struct bank *b);

/* Index of the domain with this id in b->bp.domains, or -1. */
int bank_domain_index(const struct bank *b, int domain_id);

/* Index of the task with this id ("2.2") in b->bp.tasks, or -1. */
int bank_task_index(const struct bank *b, const char *task_id);

/* Index of the question with this id (a hash lookup), or -1. */
long bank_find(const struct bank *b, const char *qid);

/*
 * For a multiple-response question whose stem does not already say so,
 * the hint to show after it: "(Choose two.)", "(Choose three.)", ...;
 * otherwise NULL. Static string.
 */
const char *bank_choose_hint(const struct question *q);

/* Whether choice index c is in q's key (1) or not (0). */
int bank_key_has(const struct question *q, int c);

/* What a matching stem says when no option may serve two prompts. */
#define BANK_OPTIONS_ONCE "(Each option is used at most once.)"

/* 1 when q is a matching question whose stem says BANK_OPTIONS_ONCE, else 0. */
int bank_options_once(const struct question *q);

/*
 * For a matching question that forbids reuse (bank_options_once), the
 * first option given to two prompts in match[0..n) (option numbers in any
 * one numbering, -1 = unmatched), so that a front end can say so; -1 when
 * none is reused or the question allows reuse.
 */
int bank_reused_option(const struct question *q, const int *match, int n);

/* "single", "multiple", "ordering" or "matching" (static; do not free). */
const char *bank_type_name(enum question_type t);

#endif
