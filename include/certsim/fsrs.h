/* FSRS-6 spaced-repetition scheduling, as the reference ts-fsrs 5.x computes it. */
#ifndef CERTSIM_FSRS_H
#define CERTSIM_FSRS_H

#include <stdint.h>

/*
 * The parameters are fixed (docs/study.md, "The scheduler: FSRS-6"): ts-fsrs's
 * 21 default weights, request_retention 0.9, maximum_interval 36500 days,
 * no fuzz, no short-term (learning) steps. Times are Unix milliseconds
 * (UTC), as in JavaScript's Date; one day is 86,400,000 ms.
 */
#define FSRS_N_WEIGHTS 21
#define FSRS_REQUEST_RETENTION 0.9
#define FSRS_MAXIMUM_INTERVAL 36500
#define FSRS_DAY_MS 86400000LL

/* ts-fsrs's default weights w[0..20] (FSRS-6). */
extern const double fsrs_weights[FSRS_N_WEIGHTS];

/*
 * A card's state. Without short-term steps every review leaves the card in
 * FSRS_REVIEW; LEARNING and RELEARNING exist for ts-fsrs's numbering only.
 */
enum fsrs_state { FSRS_NEW = 0, FSRS_LEARNING = 1, FSRS_REVIEW = 2, FSRS_RELEARNING = 3 };

/* A review's rating; certsim rates a correct answer Good and a wrong one Again. */
enum fsrs_rating { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 };

/* A card: ts-fsrs's Card without learning_steps (always 0 here). */
struct fsrs_card {
	enum fsrs_state state;
	double stability;    /* days for retrievability to fall to 90%; 0 when new */
	double difficulty;   /* 1 to 10; 0 when new */
	int64_t due;         /* ms: when the next review is due */
	int64_t last_review; /* ms: the latest review; 0 when new */
	int reps;            /* reviews so far */
	int lapses;          /* Again ratings given in state REVIEW */
	int scheduled_days;  /* the interval set by the latest review (due - last_review) */
	int elapsed_days;    /* UTC calendar days between the last two reviews */
};

/* A new card, as ts-fsrs's createEmptyCard(now): state NEW, due now. */
void fsrs_card_init(struct fsrs_card *c, int64_t now);

/*
 * Apply one review at time at (ms) with rating, as ts-fsrs's
 * f.next(card, at, rating).card. Returns 0 with *c updated, or -1 with *c
 * unchanged when rating is not 1 to 4, or when at falls on a UTC day
 * before the card's last review (ts-fsrs throws there too).
 */
int fsrs_next(struct fsrs_card *c, int64_t at, enum fsrs_rating rating);

/*
 * The probability of recall at time at (ms), as ts-fsrs's
 * get_retrievability(card, at, false): 0 for a new card.
 */
double fsrs_retrievability(const struct fsrs_card *c, int64_t at);

/* "New", "Learning", "Review" or "Relearning" (ts-fsrs's names). Static. */
const char *fsrs_state_name(enum fsrs_state s);

#endif
