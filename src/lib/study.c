/* Study: question hashes, FSRS cards from reviews, due selection and the schedule summary. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "certsim/rng.h"
#include "certsim/study.h"

#define QHASH_TAG "certsim-qhash/1"

/* One field of the hash input: its length (8 bytes, little-endian), then its bytes. */
static void
hash_field(crypto_generichash_state *st, const char *s, size_t len)
{
	unsigned char lenle[8];
	for (int i = 0; i < 8; i++)
		lenle[i] = (unsigned char)((uint64_t)len >> (8 * i));
	crypto_generichash_update(st, lenle, sizeof lenle);
	crypto_generichash_update(st, (const unsigned char *)s, len);
}

static void
hash_str(crypto_generichash_state *st, const char *s)
{
	hash_field(st, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

static void
hash_int(crypto_generichash_state *st, int v)
{
	char buf[16];
	int n = snprintf(buf, sizeof buf, "%d", v);
	hash_field(st, buf, (size_t)n);
}

static void
hash_choices(crypto_generichash_state *st, const struct choice *c, int n)
{
	hash_int(st, n);
	for (int i = 0; i < n; i++) {
		hash_str(st, c[i].id);
		hash_str(st, c[i].text);
	}
}

int
study_qhash(const struct bank *b, size_t qi, char out[STUDY_QHASH_HEX + 1])
{
	unsigned char h[STUDY_QHASH_HEX / 2];
	char key[BANK_MAX_CHOICES + 1];
	crypto_generichash_state st;

	out[0] = '\0';
	if (b == NULL || qi >= b->n_questions || sodium_init() < 0)
		return -1;
	const struct question *q = &b->questions[qi];
	const char *scenario = q->case_study >= 0 ? b->case_studies[q->case_study].scenario : "";
	int nk = 0;
	for (int i = 0; i < q->n_key && i < BANK_MAX_CHOICES; i++)
		if (q->key[i] >= 0 && q->key[i] < q->n_choices)
			key[nk++] = q->choices[q->key[i]].id[0];
	key[nk] = '\0';

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	hash_str(&st, QHASH_TAG);
	hash_str(&st, bank_type_name(q->type));
	hash_str(&st, scenario);
	hash_str(&st, q->stem);
	hash_choices(&st, q->choices, q->n_choices);
	hash_choices(&st, q->prompts, q->n_prompts);
	hash_str(&st, key);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, STUDY_QHASH_HEX + 1, h, sizeof h);
	return 0;
}

/* A review in the order it is applied: time, then the order given. */
struct slot {
	int64_t at;
	size_t i;
};

static int
slot_cmp(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Apply one question's reviews, slots[0..n) in time order, to its entry. */
static void
replay(struct study *st, struct study_entry *e, const struct slot *slots, size_t n,
       const struct study_review *rv, const char *qhash, struct study_log *log)
{
	size_t first = 0;

	e->log = log;
	e->n_log = 0;
	for (size_t k = 0; k < n; k++) {
		const struct study_review *r = &rv[slots[k].i];
		if (r->qhash != NULL && strcmp(r->qhash, qhash) != 0) {
			/* The question changed after this review: start again. */
			st->n_stale += k + 1 - first;
			st->n_applied -= e->n_log;
			first = k + 1;
			e->log = log + first;
			e->n_log = 0;
			e->restarted = 1;
			continue;
		}
		if (e->n_log == 0)
			fsrs_card_init(&e->card, r->at);
		enum fsrs_rating g = r->correct ? FSRS_GOOD : FSRS_AGAIN;
		/* Sorted by time, so fsrs_next cannot refuse an earlier day. */
		if (fsrs_next(&e->card, r->at, g) != 0)
			continue;
		log[first + e->n_log].at = r->at;
		log[first + e->n_log].rating = g;
		e->n_log++;
		st->n_applied++;
	}
	if (e->n_log == 0)
		fsrs_card_init(&e->card, 0);
}

int
study_build(const struct bank *b, const struct study_review *rv, size_t n, struct study **out)
{
	struct study *st = calloc(1, sizeof *st);
	size_t nq = b->n_questions;
	size_t *start = calloc(nq + 1, sizeof *start);
	long *qof = malloc((n ? n : 1) * sizeof *qof);
	struct slot *slots = malloc((n ? n : 1) * sizeof *slots);
	char(*hash)[STUDY_QHASH_HEX + 1] = malloc((nq ? nq : 1) * sizeof *hash);

	*out = NULL;
	if (st == NULL || start == NULL || qof == NULL || slots == NULL || hash == NULL)
		goto fail;
	st->n = nq;
	st->q = calloc(nq ? nq : 1, sizeof *st->q);
	st->logs = malloc((n ? n : 1) * sizeof *st->logs);
	if (st->q == NULL || st->logs == NULL)
		goto fail;
	for (size_t i = 0; i < nq; i++)
		if (study_qhash(b, i, hash[i]) != 0)
			goto fail;

	/* Bucket the reviews by question (a counting sort, stable in input order). */
	for (size_t i = 0; i < n; i++) {
		qof[i] = rv[i].qid != NULL ? bank_find(b, rv[i].qid) : -1;
		if (qof[i] < 0)
			st->n_unknown++;
		else
			start[qof[i] + 1]++;
	}
	for (size_t q = 0; q < nq; q++)
		start[q + 1] += start[q];
	for (size_t i = 0; i < n; i++)
		if (qof[i] >= 0) {
			size_t at = start[qof[i]]++;
			slots[at].at = rv[i].at;
			slots[at].i = i;
		}
	/* start[q] is now the end of bucket q, and so the start of q + 1. */
	for (size_t q = 0, lo = 0; q < nq; q++) {
		size_t hi = start[q], sorted = 1;
		for (size_t k = lo + 1; k < hi && sorted; k++)
			sorted = slots[k - 1].at <= slots[k].at;
		if (!sorted)
			qsort(slots + lo, hi - lo, sizeof *slots, slot_cmp);
		replay(st, &st->q[q], slots + lo, hi - lo, rv, hash[q], st->logs + lo);
		lo = hi;
	}
	free(start);
	free(qof);
	free(slots);
	free(hash);
	*out = st;
	return 0;
fail:
	free(start);
	free(qof);
	free(slots);
	free(hash);
	study_free(st);
	return -1;
}

void
study_free(struct study *st)
{
	if (st == NULL)
		return;
	free(st->q);
	free(st->logs);
	free(st);
}

size_t
study_mask(const struct bank *b, const struct study_filter *f, unsigned char *mask)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_questions; i++) {
		const struct question *q = &b->questions[i];
		int ok = (f->domain == 0 || q->domain_id == f->domain) &&
		         (f->task < 0 || q->task_idx == f->task);
		if (ok && f->tag != NULL) {
			ok = 0;
			for (int t = 0; t < q->n_tags && !ok; t++)
				ok = strcasecmp(q->tags[t], f->tag) == 0;
		}
		mask[i] = (unsigned char)ok;
		n += (size_t)ok;
	}
	return n;
}

static int
allowed(const unsigned char *mask, size_t i)
{
	return mask == NULL || mask[i] != 0;
}

/* Due questions in order: the earliest due first, then bank order. */
struct due {
	int64_t due;
	int q;
};

static int
due_cmp(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return (x->q > y->q) - (x->q < y->q);
}

int
study_select(const struct study *st, const struct study_select *sel, int **out, size_t *n_out,
             size_t *n_due)
{
	struct due *due = NULL;
	int *fresh = NULL, *res = NULL;
	size_t nd = 0, nf = 0, take_d, take_f;
	struct rng r;

	*out = NULL;
	*n_out = 0;
	if (n_due != NULL)
		*n_due = 0;
	if (sel->count < 0 || sel->new_count < 0)
		return -1;
	due = malloc((st->n ? st->n : 1) * sizeof *due);
	fresh = malloc((st->n ? st->n : 1) * sizeof *fresh);
	if (due == NULL || fresh == NULL)
		goto fail;
	for (size_t i = 0; i < st->n; i++) {
		const struct study_entry *e = &st->q[i];
		if (!allowed(sel->allowed, i))
			continue;
		if (e->n_log == 0)
			fresh[nf++] = (int)i;
		else if (e->card.due <= sel->now)
			due[nd++] = (struct due){ e->card.due, (int)i };
	}
	qsort(due, nd, sizeof *due, due_cmp);
	rng_init(&r, sel->seed);
	rng_shuffle_int(&r, fresh, nf);
	take_d = nd < (size_t)sel->count ? nd : (size_t)sel->count;
	take_f = nf < (size_t)sel->new_count ? nf : (size_t)sel->new_count;
	if (take_d + take_f > 0) {
		res = malloc((take_d + take_f) * sizeof *res);
		if (res == NULL)
			goto fail;
		for (size_t k = 0; k < take_d; k++)
			res[k] = due[k].q;
		memcpy(res + take_d, fresh, take_f * sizeof *res);
	}
	free(due);
	free(fresh);
	*out = res;
	*n_out = take_d + take_f;
	if (n_due != NULL)
		*n_due = take_d;
	return 0;
fail:
	free(due);
	free(fresh);
	return -1;
}

void
study_summarize(const struct study *st, int64_t now, const unsigned char *mask,
                struct study_summary *out)
{
	int64_t week = now + 7 * FSRS_DAY_MS;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < st->n; i++) {
		const struct study_entry *e = &st->q[i];
		if (!allowed(mask, i))
			continue;
		if (e->n_log == 0) {
			out->unseen++;
			continue;
		}
		out->seen++;
		if (e->card.due <= now)
			out->due_now++;
		else if (!out->has_next || e->card.due < out->next_due) {
			out->has_next = 1;
			out->next_due = e->card.due;
		}
		if (e->card.due <= week)
			out->due_week++;
	}
}

int
study_first_answers(const struct study *st, const struct bank *b, int *correct, int *wrong)
{
	int total = 0;

	for (int d = 0; d < b->bp.n_domains; d++)
		correct[d] = wrong[d] = 0;
	for (size_t i = 0; i < st->n && i < b->n_questions; i++) {
		const struct study_entry *e = &st->q[i];
		int d = bank_domain_index(b, b->questions[i].domain_id);
		if (e->n_log == 0 || d < 0)
			continue;
		if (e->log[0].rating == FSRS_AGAIN)
			wrong[d]++;
		else
			correct[d]++;
		total++;
	}
	return total;
}
