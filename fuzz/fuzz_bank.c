/*
 * libFuzzer target for the bank loader: the input becomes a question file
 * beside a valid exam.json (or, when it mentions "certsim-exam/1", the
 * exam.json beside a valid question file), and bank_load() reads the
 * directory. A bank that loads is checked for internal consistency and drawn
 * from. Uses only the public API.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "fuzz_common.h"

/* The fixture bank whose exam.json and models.json are the fixed halves. */
#ifndef FUZZ_GOOD_BANK
#error "FUZZ_GOOD_BANK must name tests/fixtures/banks/good"
#endif

static char *good_exam, *good_questions;
static size_t good_exam_len, good_questions_len;
static char exam_path[512], question_path[512];

static void
cleanup(void)
{
	static const char *const names[] = { "exam.json", "q.json" };
	fuzz_cleanup(names, 2);
}

static char *
read_fixture(const char *name, size_t *len)
{
	char *buf, *err = NULL;
	char *path = fsutil_asprintf("%s/%s", FUZZ_GOOD_BANK, name);
	if (path == NULL || fsutil_read_file(path, 1u << 20, &buf, len, &err) < 0) {
		fprintf(stderr, "fuzz_bank: %s\n", err ? err : "out of memory");
		abort();
	}
	free(path);
	return buf;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	good_exam = read_fixture("exam.json", &good_exam_len);
	good_questions = read_fixture("models.json", &good_questions_len);
	fuzz_scratch_dir("fuzz-bank");
	fuzz_path(exam_path, sizeof exam_path, "exam.json");
	fuzz_path(question_path, sizeof question_path, "q.json");
	atexit(cleanup);
	return 0;
}

static int
mentions(const uint8_t *data, size_t size, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(data + i, s, n) == 0)
			return 1;
	return 0;
}

/* What bank.h promises about a bank that loaded without errors. */
static void
check_bank(const struct bank *b)
{
	if (b->bp.n_domains < 1 || b->bp.questions < 1 || b->n_questions < 1)
		abort();
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		if (bank_find(b, q->id) != (long)i)
			abort();
		if (q->task_idx < 0 || q->task_idx >= b->bp.n_tasks ||
		    bank_domain_index(b, q->domain_id) < 0 ||
		    b->bp.tasks[q->task_idx].domain != q->domain_id)
			abort();
		if (q->n_choices < 1 || q->n_choices > BANK_MAX_CHOICES ||
		    q->n_key < 1 || q->n_key > BANK_MAX_CHOICES)
			abort();
		for (int k = 0; k < q->n_key; k++)
			if (q->key[k] < 0 || q->key[k] >= q->n_choices)
				abort();
		if (q->type == Q_MATCHING &&
		    (q->n_prompts < 1 || q->n_prompts > BANK_MAX_ITEMS ||
		     q->n_key != q->n_prompts))
			abort();
		if (q->case_study >= (int)b->n_case_studies || q->file < 0 ||
		    (size_t)q->file >= b->n_files)
			abort();
	}
}

/* Draw from a loaded bank: the whole blueprint, then each domain. */
static void
draw_from(const struct bank *b, uint64_t seed)
{
	struct draw_request req;
	struct draw_item *items = NULL;
	size_t n = 0;
	char *err = NULL;

	draw_exams_available(b, NULL);
	memset(&req, 0, sizeof req);
	req.count = b->bp.questions;
	req.allow_fewer = 1;
	req.seed = seed;
	if (draw_items(b, &req, &items, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			if (items[i].q < 0 || (size_t)items[i].q >= b->n_questions)
				abort();
		free(items);
	} else {
		free(err);
	}
	for (int d = 0; d < b->bp.n_domains; d++) {
		items = NULL;
		err = NULL;
		req.domain = b->bp.domains[d].id;
		req.count = 3;
		if (draw_items(b, &req, &items, &n, &err) == 0)
			free(items);
		else
			free(err);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct bank *b = NULL;

	if (mentions(data, size, "certsim-exam/1")) {
		fuzz_write(exam_path, data, size);
		fuzz_write(question_path, good_questions, good_questions_len);
	} else {
		fuzz_write(exam_path, good_exam, good_exam_len);
		fuzz_write(question_path, data, size);
	}
	if (bank_load(fuzz_dir, &d, &b) == 0) {
		if (d.errors != 0)
			abort();
		check_bank(b);
		draw_from(b, size);
		bank_free(b);
	} else if (b != NULL || d.errors == 0) {
		/* A refused bank must say why and hand back nothing. */
		abort();
	}
	diag_free(&d);
	return 0;
}
