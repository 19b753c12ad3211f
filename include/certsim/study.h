/* Study (docs/study.md): FSRS cards from past reviews, due selection, the schedule. */
#ifndef CERTSIM_STUDY_H
#define CERTSIM_STUDY_H

#include <stddef.h>
#include <stdint.h>

#include "certsim/bank.h"
#include "certsim/fsrs.h"

/* Length of a question hash in hex, without the NUL. */
#define STUDY_QHASH_HEX 32

/*
 * The question's content hash (docs/results.md, "Question hashes"; how
 * review and study use it: docs/record.md, docs/study.md): BLAKE2b-128 over
 * its type, scenario, stem, choices, prompts and key, each field
 * length-prefixed, as 32 lowercase hex digits and a NUL in out. Returns 0,
 * or -1 with out "" when qi is not a question of b.
 */
int study_qhash(const struct bank *b, size_t qi, char out[STUDY_QHASH_HEX + 1]);

/*
 * One review: an item of a result that counts for study (a valid signature,
 * the same exam code). The caller keeps the strings alive during
 * study_build; nothing points to them afterwards.
 */
struct study_review {
	const char *qid;   /* the question id */
	const char *qhash; /* the item's qhash, or NULL when the result has none */
	int64_t at;        /* Unix ms: the result's finished_at */
	int correct;       /* nonzero: rated Good; zero: rated Again */
};

/* A review as applied to a card. */
struct study_log {
	int64_t at;              /* Unix ms */
	enum fsrs_rating rating; /* FSRS_GOOD or FSRS_AGAIN */
};

/* One question's study state. */
struct study_entry {
	struct fsrs_card card;       /* state FSRS_NEW when it has no reviews */
	const struct study_log *log; /* the reviews applied to card, oldest first */
	size_t n_log;
	int restarted; /* 1: older reviews were dropped as the question changed */
};

struct study {
	size_t n;               /* the bank's questions, in bank order */
	struct study_entry *q;  /* n entries */
	size_t n_applied;       /* reviews applied to cards */
	size_t n_stale;         /* reviews dropped: the question changed after them */
	size_t n_unknown;       /* reviews of ids the bank no longer has (ignored) */
	struct study_log *logs; /* private: the storage behind every entry's log */
};

/*
 * Build every question's card from the reviews rv[0..n) (any order; NULL
 * with n 0 is fine): each question's reviews are applied oldest first (ties
 * in the order given) with fsrs_next from an empty card made at its first
 * review. A review whose qhash is not NULL and differs from the question's
 * current study_qhash drops everything before it and itself: the question
 * restarts as new. Reviews of ids not in b are counted in n_unknown and
 * otherwise ignored. Time and memory are linear in n (plus b's size) when
 * each question's reviews come in time order. Returns 0 and *out (free
 * with study_free), or -1 and *out NULL when out of memory.
 */
int study_build(const struct bank *b, const struct study_review *rv, size_t n, struct study **out);

/* Free a study; NULL is fine. */
void study_free(struct study *st);

/*
 * The questions a filter allows: domain 0 or a domain id; task -1 or an
 * index into b->bp.tasks; tag NULL or a tag the question must carry
 * (compared without regard to ASCII case). Filters combine with "and".
 */
struct study_filter {
	int domain;
	int task;
	const char *tag;
};

/*
 * Write mask[i] = 1 for each question of b that f allows, else 0 (mask
 * has b->n_questions entries). Returns how many are allowed.
 */
size_t study_mask(const struct bank *b, const struct study_filter *f, unsigned char *mask);

/* What a study session takes. */
struct study_select {
	int64_t now;   /* Unix ms */
	int count;     /* at most this many due questions (>= 0) */
	int new_count; /* then at most this many never-reviewed ones (>= 0) */
	uint64_t seed; /* the order of the never-reviewed ones */
	/* NULL: every question may be chosen; else per question, nonzero: it may. */
	const unsigned char *allowed;
};

/*
 * Choose a study session: the allowed questions due at sel->now (due <=
 * now), earliest due first (ties in bank order), at most sel->count of
 * them; then at most sel->new_count allowed questions with no review, in an
 * order shuffled by sel->seed (the same seed and inputs give the same
 * order). Returns 0 with *out (question indexes, due ones first; the caller
 * frees; NULL when *n_out is 0), *n_out and, unless n_due is NULL, *n_due
 * (how many of them are due); or -1 when out of memory or a count is
 * negative.
 */
int study_select(const struct study *st, const struct study_select *sel, int **out, size_t *n_out,
                 size_t *n_due);

/* The schedule at a moment, over the allowed questions. */
struct study_summary {
	size_t seen;      /* with at least one review */
	size_t unseen;    /* never reviewed (or restarted as new) */
	size_t due_now;   /* due <= now */
	size_t due_week;  /* due <= now + 7 days, those due now included */
	int has_next;     /* 1: some question falls due after now */
	int64_t next_due; /* Unix ms: the earliest due after now (when has_next) */
};

/* Fill *out for the questions allowed (NULL: all) at now (Unix ms). */
void study_summarize(const struct study *st, int64_t now, const unsigned char *allowed,
                     struct study_summary *out);

/*
 * First-time answers for the forecast (docs/scoring.md, "Forecast"): for
 * each question with reviews, its first review (since its last restart)
 * counts once in its domain: correct[d] or wrong[d], d an index into
 * b->bp.domains (both arrays have b->bp.n_domains entries and are
 * overwritten). st must have been built from b. Returns the total counted.
 */
int study_first_answers(const struct study *st, const struct bank *b, int *correct, int *wrong);

#endif
