/* Unit tests for draw: apportionment, seeded selection, preferences, filters, shortages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certsim/bank.h"
#include "certsim/diag.h"
#include "certsim/draw.h"
#include "certsim/fsutil.h"
#include "certsim/strbuf.h"

#include "testutil.h"

/* A temporary directory per test, removed even when the test fails. */
static int
setup_tmp(void **state)
{
	return tmpdir_setup(state, "certsim-draw");
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *path = join(dir, name);

	put_file(path, text, strlen(text), 0644);
	free(path);
}

/*
 * A two-domain bank in dir: "questions" per exam, weights 60/40, and n1, n2
 * single questions in domains 1 and 2; extra (JSON objects, comma first)
 * is appended to the question list.
 */
static struct bank *
tiny_bank(const char *dir, int questions, int n1, int n2, const char *extra)
{
	char *exam, *qs = NULL;
	size_t len = 0;
	FILE *f;
	struct bank *b = NULL;
	struct diag d = { 0 };

	exam = fsutil_asprintf(
	    "{ \"format\": \"certsim-exam/1\", \"code\": \"TINY-01\",\n"
	    "  \"title\": \"Tiny\", \"questions\": %d, \"duration_minutes\": 20,\n"
	    "  \"scoring\": { \"min\": 100, \"max\": 1000, \"pass\": 720, \"cut\": 0.72 },\n"
	    "  \"domains\": [\n"
	    "    { \"id\": 1, \"name\": \"Data Preparation\", \"weight\": 60,\n"
	    "      \"tasks\": [ { \"id\": \"1.1\", \"name\": \"Ingestion\" } ] },\n"
	    "    { \"id\": 2, \"name\": \"Model Development\", \"weight\": 40,\n"
	    "      \"tasks\": [ { \"id\": \"2.1\", \"name\": \"Training\" } ] } ] }\n",
	    questions);
	assert_non_null(exam);
	put(dir, "exam.json", exam);
	free(exam);

	f = open_memstream(&qs, &len);
	assert_non_null(f);
	fprintf(f, "{ \"format\": \"certsim-bank/1\", \"questions\": [\n");
	int first = 1;
	for (int dom = 1; dom <= 2; dom++)
		for (int i = 0; i < (dom == 1 ? n1 : n2); i++) {
			fprintf(f, "%s{ \"id\": \"d%d-q%02d\", \"domain\": %d, "
			    "\"task\": \"%d.1\", \"type\": \"single\", "
			    "\"stem\": \"Question %d of domain %d?\", "
			    "\"options\": [ { \"id\": \"A\", \"text\": \"yes\" }, "
			    "{ \"id\": \"B\", \"text\": \"no\" }, "
			    "{ \"id\": \"C\", \"text\": \"maybe\" } ], "
			    "\"answer\": [\"A\"], \"explanation\": \"A.\" }\n",
			    first ? "" : ",", dom, i, dom, dom, i, dom);
			first = 0;
		}
	if (extra != NULL)
		fprintf(f, "%s%s\n", first ? "" : ",", extra);
	fprintf(f, "] }\n");
	fclose(f);
	put(dir, "questions.json", qs);
	free(qs);

	if (bank_load(dir, &d, &b) != 0) {
		diag_print(&d, stderr);
		fail_msg("the test bank in %s does not load", dir);
	}
	diag_free(&d);
	return b;
}

static struct draw_request
request(int count, uint64_t seed)
{
	struct draw_request r;

	memset(&r, 0, sizeof r);
	r.count = count;
	r.seed = seed;
	return r;
}

static struct draw_item *
draw_ok(const struct bank *b, const struct draw_request *req, size_t *n)
{
	struct draw_item *items = NULL;
	char *err = NULL;

	if (draw_items(b, req, &items, n, &err) != 0)
		fail_msg("draw failed: %s", err ? err : "(no message)");
	assert_null(err);
	assert_non_null(items);
	return items;
}

static char *
draw_fails(const struct bank *b, const struct draw_request *req)
{
	struct draw_item *items = NULL;
	char *err = NULL;
	size_t n = 99;

	assert_int_equal(draw_items(b, req, &items, &n, &err), -1);
	assert_null(items);
	assert_int_equal(n, 0);
	assert_non_null(err);
	return err;
}

/* draw_is_perm, which check_draw relies on below, on known orders. */
static void
test_is_perm(void **state)
{
	int ok[] = { 2, 0, 1 }, rep[] = { 0, 0, 1 }, out[] = { 0, 3, 1 }, neg[] = { -1, 0, 1 };
	(void)state;
	assert_true(draw_is_perm(ok, 3));
	assert_true(draw_is_perm(ok, 0));
	assert_false(draw_is_perm(rep, 3));
	assert_false(draw_is_perm(out, 3));
	assert_false(draw_is_perm(neg, 3));
	assert_false(draw_is_perm(ok, -1));
}

/*
 * No question twice, every perm a permutation of the question's choices,
 * and (when whole) each case study drawn as one contiguous, complete block.
 */
static void
check_draw(const struct bank *b, const struct draw_item *it, size_t n,
           int whole)
{
	unsigned char *seen = calloc(b->n_questions + 1, 1);

	assert_non_null(seen);
	for (size_t i = 0; i < n; i++) {
		const struct question *q;

		assert_in_range(it[i].q, 0, b->n_questions - 1);
		q = &b->questions[it[i].q];
		if (seen[it[i].q]++)
			fail_msg("question %s drawn twice", q->id);
		assert_int_equal(it[i].n_perm, q->n_choices);
		assert_true(draw_is_perm(it[i].perm, it[i].n_perm));
		if (q->type == Q_MATCHING) {
			assert_int_equal(it[i].n_pperm, q->n_prompts);
			assert_true(draw_is_perm(it[i].pperm, it[i].n_pperm));
		} else {
			assert_int_equal(it[i].n_pperm, 0);
		}
		if (q->type == Q_ORDERING &&
		    memcmp(it[i].perm, q->key, sizeof(int) * (size_t)q->n_key) == 0)
			fail_msg("ordering %s starts in key order", q->id);
	}
	for (size_t i = 0; i < n; i++) {
		const struct question *q = &b->questions[it[i].q];
		const struct case_study *cs;
		size_t k = 0;

		if (q->case_study < 0 ||
		    (i > 0 && b->questions[it[i - 1].q].case_study == q->case_study))
			continue;
		/* i starts the block of this case study. */
		cs = &b->case_studies[q->case_study];
		while (i + k < n &&
		    b->questions[it[i + k].q].case_study == q->case_study)
			k++;
		for (size_t j = i + k; j < n; j++)
			if (b->questions[it[j].q].case_study == q->case_study)
				fail_msg("case study %s is split (item %zu)",
				    cs->id, j + 1);
		if (whole) {
			if (k != cs->count)
				fail_msg("case study %s: %zu of %zu questions drawn",
				    cs->id, k, cs->count);
			for (size_t j = 0; j < k; j++)
				assert_in_range((size_t)it[i + j].q, cs->first,
				    cs->first + cs->count - 1);
		}
	}
	free(seen);
}

static int
domain_index_of(const struct bank *b, const struct draw_item *it)
{
	return bank_domain_index(b, b->questions[it->q].domain_id);
}

static void
test_apportion(void **state)
{
	const int w[4] = { 28, 26, 22, 24 };
	int c[4];

	(void)state;
	draw_apportion(w, 4, 65, c);
	assert_int_equal(c[0], 18);
	assert_int_equal(c[1], 17);
	assert_int_equal(c[2], 14);
	assert_int_equal(c[3], 16);
	draw_apportion(w, 4, 20, c);
	assert_int_equal(c[0], 6);
	assert_int_equal(c[1], 5);
	assert_int_equal(c[2], 4);
	assert_int_equal(c[3], 5);
	for (int total = 1; total <= 300; total++) {
		int sum = 0;

		draw_apportion(w, 4, total, c);
		for (int d = 0; d < 4; d++) {
			/* Each count is its quota rounded down or up. */
			assert_true(c[d] * 100 > total * w[d] - 100);
			assert_true(c[d] * 100 < total * w[d] + 100);
			sum += c[d];
		}
		assert_int_equal(sum, total);
	}
	/* Equal remainders: the earlier weight wins. */
	const int eq[3] = { 1, 1, 1 };
	draw_apportion(eq, 3, 4, c);
	assert_int_equal(c[0], 2);
	assert_int_equal(c[1], 1);
	assert_int_equal(c[2], 1);
}

static void
test_exams_available(void **state)
{
	int per[4], expect = 1 << 30;

	(void)state;
	int got = draw_exams_available(bank, per);
	assert_int_equal(per[0], 18);
	assert_int_equal(per[1], 17);
	assert_int_equal(per[2], 14);
	assert_int_equal(per[3], 16);
	for (int d = 0; d < 4; d++) {
		int have = 0;

		for (size_t i = 0; i < bank->n_questions; i++)
			have += bank->questions[i].domain_id == bank->bp.domains[d].id;
		if (have / per[d] < expect)
			expect = have / per[d];
	}
	assert_true(got >= 1);
	assert_int_equal(got, expect);
}

static void
test_exam_draw_shape(void **state)
{
	int with_cs = 0;

	(void)state;
	for (uint64_t seed = 1; seed <= 60; seed++) {
		struct draw_request req = request(65, seed * 7919);
		int per[4] = { 0 };
		size_t n;
		struct draw_item *it = draw_ok(bank, &req, &n);

		assert_int_equal(n, 65);
		check_draw(bank, it, n, 1);
		for (size_t i = 0; i < n; i++) {
			per[domain_index_of(bank, &it[i])]++;
			with_cs += bank->questions[it[i].q].case_study >= 0;
		}
		assert_int_equal(per[0], 18);
		assert_int_equal(per[1], 17);
		assert_int_equal(per[2], 14);
		assert_int_equal(per[3], 16);
		free(it);
	}
	/* Case studies do get drawn (the checks above are not vacuous). */
	assert_true(with_cs > 0);
}

static void
test_same_seed_same_draw(void **state)
{
	struct draw_request req = request(65, 424242);
	struct draw_item *a, *b, *c, *other;
	size_t na, nb, nc, no;
	int differ = 0;

	(void)state;
	a = draw_ok(bank, &req, &na);
	b = draw_ok(bank, &req, &nb);
	c = draw_ok(bank, &req, &nc);
	assert_int_equal(na, nb);
	assert_int_equal(na, nc);
	assert_memory_equal(a, b, na * sizeof *a);
	assert_memory_equal(a, c, na * sizeof *a);

	req.seed = 424243;
	other = draw_ok(bank, &req, &no);
	assert_int_equal(no, na);
	for (size_t i = 0; i < na; i++)
		differ += a[i].q != other[i].q;
	/* Another seed: another selection or order, not a near copy. */
	assert_true(differ > 30);
	free(a);
	free(b);
	free(c);
	free(other);

	/* A quiz too, and seed 0. */
	req = request(20, 0);
	req.domain = 3;
	a = draw_ok(bank, &req, &na);
	b = draw_ok(bank, &req, &nb);
	assert_int_equal(na, 20);
	assert_int_equal(nb, 20);
	assert_memory_equal(a, b, na * sizeof *a);
	free(a);
	free(b);
}

/* Option order varies with the seed, and not only the item order. */
static void
test_option_order_shuffled(void **state)
{
	size_t identity = 0, total = 0;

	(void)state;
	for (uint64_t seed = 0; seed < 20; seed++) {
		struct draw_request req = request(65, seed);
		size_t n;
		struct draw_item *it = draw_ok(bank, &req, &n);

		for (size_t i = 0; i < n; i++) {
			int id = 1;

			for (int k = 0; k < it[i].n_perm; k++)
				id &= it[i].perm[k] == k;
			identity += id;
			total++;
		}
		free(it);
	}
	/* With 4+ options, about 1 in 24 stays in bank order by chance. */
	assert_true(identity * 8 < total);
}

static void
test_ordering_never_in_key_order(void **state)
{
	const char *dir = *state;
	struct bank *b;
	int seen_perm[3][3][3] = { { { 0 } } }, distinct = 0, orderings = 0;

	/* The bundled bank: many exams (check_draw fails on key order). */
	for (uint64_t seed = 1000; seed < 1300; seed++) {
		struct draw_request req = request(65, seed);
		size_t n;
		struct draw_item *it = draw_ok(bank, &req, &n);

		check_draw(bank, it, n, 1);
		for (size_t i = 0; i < n; i++)
			orderings += bank->questions[it[i].q].type == Q_ORDERING;
		free(it);
	}
	assert_true(orderings > 100);

	/* One 3-item ordering question: key order (1 in 6) never shows. */
	b = tiny_bank(dir, 1, 0, 0,
	    "{ \"id\": \"ord\", \"domain\": 1, \"task\": \"1.1\", "
	    "\"type\": \"ordering\", \"stem\": \"Order them.\", "
	    "\"items\": [ { \"id\": \"A\", \"text\": \"a\" }, "
	    "{ \"id\": \"B\", \"text\": \"b\" }, { \"id\": \"C\", \"text\": \"c\" } ], "
	    "\"answer\": [\"B\", \"C\", \"A\"], \"explanation\": \"B C A.\" }");
	assert_int_equal(b->n_questions, 1);
	assert_int_equal(b->questions[0].key[0], 1);
	for (uint64_t seed = 0; seed < 600; seed++) {
		struct draw_request req = request(1, seed);
		size_t n;
		struct draw_item *it = draw_ok(b, &req, &n);

		assert_int_equal(n, 1);
		check_draw(b, it, n, 1);
		assert_false(it[0].perm[0] == 1 && it[0].perm[1] == 2 &&
		    it[0].perm[2] == 0);
		if (seen_perm[it[0].perm[0]][it[0].perm[1]][it[0].perm[2]]++ == 0)
			distinct++;
		free(it);
	}
	/* Every other order does show up. */
	assert_int_equal(distinct, 5);
	bank_free(b);
}

/* Standalone questions of each domain, in bank order. */
static int
standalone(int domain_id, int *out, int max)
{
	int n = 0;

	for (size_t i = 0; i < bank->n_questions && n < max; i++)
		if (bank->questions[i].domain_id == domain_id &&
		    bank->questions[i].case_study < 0)
			out[n++] = (int)i;
	return n;
}

static void
test_unseen_preferred_exam(void **state)
{
	uint64_t *seen = calloc(bank->n_questions, sizeof *seen);
	unsigned char *fresh = calloc(bank->n_questions, 1);
	const int extra[4][4] = { { 19, 18, 16, 17 }, { 18, 17, 14, 16 } };
	int qs[400];

	(void)state;
	assert_non_null(seen);
	assert_non_null(fresh);
	for (int round = 0; round < 2; round++) {
		/* Everything seen, except 70 (then exactly 65) questions. */
		for (size_t i = 0; i < bank->n_questions; i++) {
			seen[i] = 5 + i % 3;
			fresh[i] = 0;
		}
		for (int d = 0; d < 4; d++) {
			int n = standalone(d + 1, qs, 400);

			assert_true(n >= extra[round][d] * 2);
			/* Spread over the domain, not its first questions. */
			for (int k = 0; k < extra[round][d]; k++) {
				int q = qs[k * 2 + round];

				seen[q] = 0;
				fresh[q] = 1;
			}
		}
		for (uint64_t s = 0; s < 10; s++) {
			struct draw_request req = request(65, s * 31 + 7);
			size_t n, nfresh = 0;
			struct draw_item *it;

			req.last_seen = seen;
			it = draw_ok(bank, &req, &n);
			assert_int_equal(n, 65);
			check_draw(bank, it, n, 1);
			for (size_t i = 0; i < n; i++) {
				if (!fresh[it[i].q])
					fail_msg("seen question %s drawn while "
					    "unseen ones were left",
					    bank->questions[it[i].q].id);
				nfresh++;
			}
			assert_int_equal(nfresh, 65);
			free(it);
		}
	}
	free(seen);
	free(fresh);
}

static void
test_unseen_then_least_recent_domain_quiz(void **state)
{
	uint64_t *seen = calloc(bank->n_questions, sizeof *seen);
	unsigned char *want = calloc(bank->n_questions, 1);
	int qs[400], n1;

	(void)state;
	assert_non_null(seen);
	assert_non_null(want);
	n1 = standalone(1, qs, 400);
	assert_true(n1 >= 60);

	/* Other domains unseen; domain 1 seen except 20 of its questions. */
	for (size_t i = 0; i < bank->n_questions; i++)
		seen[i] = bank->questions[i].domain_id == 1 ? 50 + i : 0;
	for (int k = 0; k < 20; k++) {
		seen[qs[3 * k]] = 0;
		want[qs[3 * k]] = 1;
	}
	for (uint64_t s = 0; s < 10; s++) {
		struct draw_request req = request(20, s);
		size_t n;
		struct draw_item *it;

		req.domain = 1;
		req.last_seen = seen;
		it = draw_ok(bank, &req, &n);
		assert_int_equal(n, 20);
		check_draw(bank, it, n, 1);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(bank->questions[it[i].q].domain_id, 1);
			if (!want[it[i].q])
				fail_msg("%s drawn instead of an unseen question",
				    bank->questions[it[i].q].id);
		}
		free(it);
	}

	/* All seen: the 20 least recently seen come first. */
	memset(want, 0, bank->n_questions);
	for (size_t i = 0; i < bank->n_questions; i++)
		seen[i] = 1000 + i;
	for (int k = 0; k < 20; k++) {
		int q = qs[(k * 7 + 3) % n1];

		assert_false(want[q]);
		seen[q] = 100 + (uint64_t)k;
		want[q] = 1;
	}
	for (uint64_t s = 0; s < 10; s++) {
		struct draw_request req = request(20, s + 99);
		size_t n;
		struct draw_item *it;

		req.domain = 1;
		req.last_seen = seen;
		it = draw_ok(bank, &req, &n);
		assert_int_equal(n, 20);
		for (size_t i = 0; i < n; i++)
			if (!want[it[i].q])
				fail_msg("%s (seen at %llu) drawn before an older one",
				    bank->questions[it[i].q].id,
				    (unsigned long long)seen[it[i].q]);
		free(it);
	}

	/* Mixed: 8 unseen + the 12 oldest of the rest. */
	memset(want, 0, bank->n_questions);
	for (size_t i = 0; i < bank->n_questions; i++)
		seen[i] = 1000 + (i * 37) % 500;
	for (int k = 0; k < 20; k++) {
		int q = qs[(k * 5 + 1) % n1];

		seen[q] = k < 8 ? 0 : 10 + (uint64_t)k;
		want[q] = 1;
	}
	{
		struct draw_request req = request(20, 5);
		size_t n;
		struct draw_item *it;

		req.domain = 1;
		req.last_seen = seen;
		it = draw_ok(bank, &req, &n);
		assert_int_equal(n, 20);
		for (size_t i = 0; i < n; i++)
			assert_true(want[it[i].q]);
		free(it);
	}
	free(seen);
	free(want);
}

static void
test_task_filter(void **state)
{
	int t = bank_task_index(bank, "2.2"), have = 0;
	char *err;

	(void)state;
	assert_true(t >= 0);
	for (size_t i = 0; i < bank->n_questions; i++)
		have += bank->questions[i].task_idx == t;
	assert_true(have >= 10);

	for (uint64_t s = 0; s < 5; s++) {
		struct draw_request req = request(10, s);
		size_t n;
		struct draw_item *it;

		req.task1 = t + 1;
		it = draw_ok(bank, &req, &n);
		assert_int_equal(n, 10);
		check_draw(bank, it, n, 0);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(bank->questions[it[i].q].task_idx, t);
		free(it);
	}

	/* More than the task has: an error naming the task and both counts. */
	struct draw_request req = request(have + 1, 1);
	req.task1 = t + 1;
	err = draw_fails(bank, &req);
	char *has = fsutil_asprintf("has %d usable questions", have);
	char *needs = fsutil_asprintf("needs %d", have + 1);
	assert_contains(err, "task 2.2");
	assert_contains(err, has);
	assert_contains(err, needs);
	free(has);
	free(needs);
	free(err);

	/* allow_fewer: the whole task, nothing else. */
	req.allow_fewer = 1;
	size_t n;
	struct draw_item *it = draw_ok(bank, &req, &n);
	assert_int_equal(n, (size_t)have);
	check_draw(bank, it, n, 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(bank->questions[it[i].q].task_idx, t);
	free(it);
}

static void
test_eligible_allow_fewer(void **state)
{
	unsigned char *ok = calloc(bank->n_questions, 1);
	int picks[7], qs[400];
	char *err;
	size_t n;
	struct draw_item *it;

	(void)state;
	assert_non_null(ok);
	for (int k = 0; k < 7; k++) {
		int d = k % 4 + 1;

		assert_true(standalone(d, qs, 400) > 10);
		picks[k] = qs[k + 3];
		ok[picks[k]] = 1;
	}
	struct draw_request req = request(20, 77);
	req.eligible = ok;
	req.allow_fewer = 1;
	it = draw_ok(bank, &req, &n);
	assert_int_equal(n, 7);
	check_draw(bank, it, n, 0);
	for (size_t i = 0; i < n; i++)
		assert_true(ok[it[i].q]);
	free(it);

	/* A count the pool covers: exactly that many, all eligible. */
	req.count = 4;
	it = draw_ok(bank, &req, &n);
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_true(ok[it[i].q]);
	free(it);

	req.count = 20;
	req.allow_fewer = 0;
	err = draw_fails(bank, &req);
	assert_contains(err, "has 7 usable questions");
	assert_contains(err, "needs 20");
	free(err);

	/* Nothing eligible: an error even with allow_fewer. */
	memset(ok, 0, bank->n_questions);
	req.allow_fewer = 1;
	err = draw_fails(bank, &req);
	assert_contains(err, "0 usable questions");
	free(err);
	free(ok);
}

/*
 * Domain 1 needs 14 of 9 singles and three 3-item case studies: only whole
 * case studies fit, so a fill that takes singles first and then a case
 * study is left 2 short. Every seed must find an exam, and so must a draw
 * that prefers the (unseen) singles.
 */
static void
test_case_studies_fill_exactly(void **state)
{
	const char *dir = *state;
	struct bank *b = tiny_bank(dir, 23, 9, 9, NULL);
	bank_free(b);
	struct strbuf cs;
	strbuf_init(&cs);
	strbuf_puts(&cs, "{ \"format\": \"certsim-bank/1\", \"case_studies\": [\n");
	for (int c = 0; c < 3; c++) {
		strbuf_printf(&cs,
		              "%s{ \"id\": \"cs%d\", \"domain\": 1, \"title\": \"Case %d\", "
		              "\"scenario\": \"Scenario %d.\", \"questions\": [\n",
		              c ? "," : "", c, c, c);
		for (int i = 0; i < 3; i++)
			strbuf_printf(&cs,
			              "%s{ \"id\": \"cs%d-q%d\", \"task\": \"1.1\", \"type\": "
			              "\"single\", \"stem\": \"Q%d of case %d?\", \"options\": [ "
			              "{ \"id\": \"A\", \"text\": \"yes\" }, { \"id\": \"B\", "
			              "\"text\": \"no\" } ], \"answer\": [\"A\"], "
			              "\"explanation\": \"A.\" }\n",
			              i ? "," : "", c, i, i, c);
		strbuf_puts(&cs, "] }\n");
	}
	strbuf_puts(&cs, "] }\n");
	assert_false(cs.failed);
	put(dir, "z-cases.json", strbuf_str(&cs));
	strbuf_free(&cs);
	struct diag d = { 0 };
	assert_int_equal(bank_load(dir, &d, &b), 0);
	diag_free(&d);
	assert_int_equal(b->n_questions, 27);

	int per[2];
	assert_int_equal(draw_exams_available(b, per), 1);
	assert_int_equal(per[0], 14);
	assert_int_equal(per[1], 9);

	uint64_t *seen = calloc(b->n_questions, sizeof *seen);
	assert_non_null(seen);
	for (size_t i = 0; i < b->n_questions; i++)
		seen[i] = b->questions[i].case_study >= 0 ? 5 : 0;
	for (uint64_t s = 0; s < 200; s++) {
		struct draw_request req = request(23, s);
		req.last_seen = s % 2 ? seen : NULL;
		size_t n;
		struct draw_item *it = draw_ok(b, &req, &n);
		assert_int_equal(n, 23);
		check_draw(b, it, n, 0);
		int d1 = 0, singles1 = 0;
		for (size_t i = 0; i < n; i++) {
			const struct question *q = &b->questions[it[i].q];
			d1 += q->domain_id == 1;
			singles1 += q->domain_id == 1 && q->case_study < 0;
		}
		assert_int_equal(d1, 14);
		/* Unseen first: with the singles unseen, as many as fit (8 = 14 - 2 * 3). */
		if (req.last_seen != NULL)
			assert_int_equal(singles1, 8);
		free(it);
	}
	free(seen);

	/* The same seed draws the same exam. */
	struct draw_request req = request(23, 42);
	size_t n1, n2;
	struct draw_item *a = draw_ok(b, &req, &n1), *c = draw_ok(b, &req, &n2);
	assert_int_equal(n1, n2);
	for (size_t i = 0; i < n1; i++)
		assert_int_equal(a[i].q, c[i].q);
	free(a);
	free(c);
	bank_free(b);
}

/* A zero-initialised request (count set) means any task, not task 1.1. */
static void
test_zero_request_any_task(void **state)
{
	struct draw_request req;
	size_t n;
	(void)state;
	memset(&req, 0, sizeof req);
	req.count = 20;
	struct draw_item *it = draw_ok(bank, &req, &n);
	int tasks = 0, seen[64] = { 0 };
	for (size_t i = 0; i < n; i++) {
		int t = bank->questions[it[i].q].task_idx;
		assert_true(t >= 0 && t < 64);
		tasks += !seen[t]++;
	}
	assert_true(tasks > 1);
	free(it);

	req.task1 = bank->bp.n_tasks + 1;
	char *err = draw_fails(bank, &req);
	free(err);
}

static void
test_too_small_bank(void **state)
{
	const char *dir = *state;
	char *err;
	struct bank *b;
	int per[2];

	b = tiny_bank(dir, 30, 3, 12, NULL);
	assert_int_equal(draw_exams_available(b, per), 0);
	assert_int_equal(per[0], 18);
	assert_int_equal(per[1], 12);

	struct draw_request req = request(30, 1);
	err = draw_fails(b, &req);
	assert_contains(err, "domain 1");
	assert_contains(err, "Data Preparation");
	assert_contains(err, "has 3 usable questions; the draw needs 18");
	free(err);

	req = request(20, 1);
	req.domain = 2;
	err = draw_fails(b, &req);
	assert_contains(err, "domain 2");
	assert_contains(err, "has 12 usable questions; the draw needs 20");
	free(err);

	/* allow_fewer: what there is, still by domain. */
	req = request(30, 1);
	req.allow_fewer = 1;
	size_t n;
	struct draw_item *it = draw_ok(b, &req, &n);
	assert_int_equal(n, 15);
	check_draw(b, it, n, 1);
	free(it);

	/* 5 fits (3 + 2): no error. */
	req = request(5, 1);
	it = draw_ok(b, &req, &n);
	assert_int_equal(n, 5);
	free(it);

	/* Singular wording. */
	bank_free(b);
	b = tiny_bank(dir, 5, 1, 4, NULL);
	req = request(5, 1);
	err = draw_fails(b, &req);
	assert_contains(err, "has 1 usable question;");
	assert_contains(err, "needs 3");
	free(err);

	req.count = 0;
	err = draw_fails(b, &req);
	free(err);
	bank_free(b);
}

static void
test_weighted_draw(void **state)
{
	double *w = calloc(bank->n_questions, sizeof *w);
	int heavy_task = bank_task_index(bank, "1.1");
	long *freq = calloc(bank->n_questions, sizeof *freq);
	long heavy_hits = 0, draws = 200, n_heavy = 0, n_light = 0;
	long light_hits = 0, min_heavy = 1L << 30;

	(void)state;
	assert_non_null(w);
	assert_non_null(freq);
	assert_true(heavy_task >= 0);
	for (size_t i = 0; i < bank->n_questions; i++)
		w[i] = bank->questions[i].task_idx == heavy_task ? 10.0 : 1.0;
	for (long s = 0; s < draws; s++) {
		struct draw_request req = request(20, (uint64_t)s);
		size_t n;
		struct draw_item *it;

		req.weight = w;
		it = draw_ok(bank, &req, &n);
		assert_int_equal(n, 20);
		check_draw(bank, it, n, 0);
		for (size_t i = 0; i < n; i++)
			freq[it[i].q]++;
		free(it);
	}
	for (size_t i = 0; i < bank->n_questions; i++) {
		const struct question *q = &bank->questions[i];

		if (q->case_study >= 0)
			continue;
		if (q->task_idx == heavy_task) {
			n_heavy++;
			heavy_hits += freq[i];
			if (freq[i] < min_heavy)
				min_heavy = freq[i];
		} else {
			n_light++;
			light_hits += freq[i];
		}
	}
	assert_true(n_heavy >= 5);
	/*
	 * Unweighted, task 1.1 would get about n_heavy / 278 of the items
	 * (under 2 of 20); weight 10 gives it several times that.
	 */
	double heavy_share = (double)heavy_hits / (double)(draws * 20);
	double pool_share = (double)n_heavy / (double)bank->n_questions;
	if (heavy_share < 3 * pool_share)
		fail_msg("task 1.1 got %.3f of the items; its pool share is %.3f",
		    heavy_share, pool_share);
	/* Every heavy question beats the average light one by a wide margin. */
	double light_mean = (double)light_hits / (double)n_light;
	double heavy_mean = (double)heavy_hits / (double)n_heavy;
	assert_true(heavy_mean > 4 * light_mean);
	assert_true((double)min_heavy > 2 * light_mean);
	free(w);
	free(freq);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_perm),
		cmocka_unit_test(test_apportion),
		cmocka_unit_test(test_exams_available),
		cmocka_unit_test(test_exam_draw_shape),
		cmocka_unit_test(test_same_seed_same_draw),
		cmocka_unit_test(test_option_order_shuffled),
		cmocka_unit_test_setup_teardown(test_ordering_never_in_key_order,
		    setup_tmp, teardown_tmp),
		cmocka_unit_test(test_unseen_preferred_exam),
		cmocka_unit_test(test_unseen_then_least_recent_domain_quiz),
		cmocka_unit_test(test_task_filter),
		cmocka_unit_test(test_eligible_allow_fewer),
		cmocka_unit_test_setup_teardown(test_too_small_bank, setup_tmp,
		    teardown_tmp),
		cmocka_unit_test(test_weighted_draw),
		cmocka_unit_test_setup_teardown(test_case_studies_fill_exactly, setup_tmp,
		                                teardown_tmp),
		cmocka_unit_test(test_zero_request_any_task),
	};

	return cmocka_run_group_tests(tests, load_bank, free_bank);
}
