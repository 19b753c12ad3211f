/* FSRS-6 scheduling: ts-fsrs 5.x's long-term scheduler (no short-term steps, no fuzz) in C. */
#include <math.h>

#include "certsim/fsrs.h"

/*
 * Each formula below follows ts-fsrs (dist/index.mjs, FSRSAlgorithm and
 * LongTermScheduler) operation for operation, including where it rounds to
 * 8 decimals, so that the results agree with it to the last digit in
 * almost every case (tests/unit/test_fsrs.c checks a fixture made by it).
 */

const double fsrs_weights[FSRS_N_WEIGHTS] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
	1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

#define W fsrs_weights
#define S_MIN 0.001
#define S_MAX 36500.0

/* JavaScript's Math.round: the nearest integer, halves toward +infinity. */
static double
js_round(double x)
{
	double f = floor(x);
	return x - f >= 0.5 ? f + 1 : f;
}

/* ts-fsrs's roundTo(x, 8). */
static double
round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/* ts-fsrs's clamp: Math.min(Math.max(x, lo), hi). */
static double
clamp(double x, double lo, double hi)
{
	double y = x > lo ? x : lo;
	return y < hi ? y : hi;
}

/* The UTC calendar day of a time in ms (floor division). */
static int64_t
utc_day(int64_t ms)
{
	return ms >= 0 ? ms / FSRS_DAY_MS : -((-ms + FSRS_DAY_MS - 1) / FSRS_DAY_MS);
}

static double
decay(void)
{
	return -W[20];
}

/* computeDecayFactor: 0.9^(1/decay) - 1, rounded to 8 decimals. */
static double
compute_factor(void)
{
	return round8(exp(pow(decay(), -1) * log(0.9)) - 1);
}

/* The constants of the fixed parameters, computed once (a replay has many reviews). */
static double factor_c, interval_modifier_c, d0_easy_c, exp_w8_c;
static int constants_ready;

static double init_difficulty(int g);

static void
constants(void)
{
	if (constants_ready)
		return;
	factor_c = compute_factor();
	interval_modifier_c = round8((pow(FSRS_REQUEST_RETENTION, 1 / decay()) - 1) / factor_c);
	d0_easy_c = init_difficulty(FSRS_EASY);
	exp_w8_c = exp(W[8]);
	constants_ready = 1;
}

static double
forgetting_curve(double elapsed_days, double stability)
{
	constants();
	return round8(pow(1 + factor_c * elapsed_days / stability, decay()));
}

static double
interval_modifier(void)
{
	constants();
	return interval_modifier_c;
}

static int
next_interval(double s)
{
	double ivl = js_round(s * interval_modifier());
	if (ivl < 1)
		ivl = 1;
	if (ivl > FSRS_MAXIMUM_INTERVAL)
		ivl = FSRS_MAXIMUM_INTERVAL;
	return (int)ivl;
}

static double
init_stability(int g)
{
	return W[g - 1] > 0.1 ? W[g - 1] : 0.1;
}

static double
init_difficulty(int g)
{
	return round8(W[4] - exp((g - 1) * W[5]) + 1);
}

static double
next_difficulty(double d, int g)
{
	double delta_d = -W[6] * (g - 3);
	double next_d = d + round8(delta_d * (10 - d) / 9);
	constants();
	double reverted = round8(W[7] * d0_easy_c + (1 - W[7]) * next_d);
	return clamp(reverted, 1, 10);
}

static double
next_recall_stability(double d, double s, double r, int g)
{
	double hard_penalty = g == FSRS_HARD ? W[15] : 1;
	double easy_bound = g == FSRS_EASY ? W[16] : 1;
	constants();
	return round8(clamp(s * (1 + exp_w8_c * (11 - d) * pow(s, -W[9]) *
	                                 (exp((1 - r) * W[10]) - 1) * hard_penalty * easy_bound),
	                    S_MIN, S_MAX));
}

static double
next_forget_stability(double d, double s, double r)
{
	return round8(clamp(W[11] * pow(d, -W[12]) * (pow(s + 1, W[13]) - 1) * exp((1 - r) * W[14]),
	                    S_MIN, S_MAX));
}

/* FSRSAlgorithm.next_state for a card that has been reviewed before. */
static void
next_memory(const struct fsrs_card *c, double r, int g, double *d_out, double *s_out)
{
	double d = c->difficulty, s = c->stability;
	if (g == FSRS_AGAIN) {
		/* Without short-term steps the floor is s / e^0 = s. */
		double after_fail = next_forget_stability(d, s, r);
		*s_out = clamp(round8(s), S_MIN, after_fail);
	} else {
		*s_out = next_recall_stability(d, s, r, g);
	}
	*d_out = next_difficulty(d, g);
}

void
fsrs_card_init(struct fsrs_card *c, int64_t now)
{
	c->state = FSRS_NEW;
	c->stability = 0;
	c->difficulty = 0;
	c->due = now;
	c->last_review = 0;
	c->reps = 0;
	c->lapses = 0;
	c->scheduled_days = 0;
	c->elapsed_days = 0;
}

int
fsrs_next(struct fsrs_card *c, int64_t at, enum fsrs_rating rating)
{
	double d[5], s[5];
	int ivl[5], elapsed = 0;
	int g = (int)rating;

	if (g < FSRS_AGAIN || g > FSRS_EASY)
		return -1;
	if (c->state != FSRS_NEW) {
		int64_t days = utc_day(at) - utc_day(c->last_review);
		if (days < 0)
			return -1;
		elapsed = days > 0x7fffffff ? 0x7fffffff : (int)days;
	}
	/*
	 * ts-fsrs computes all four outcomes, then forces their intervals
	 * apart (again <= hard < good < easy): the one rated depends on those
	 * below it (and Again on Hard), so compute those, up to the rating.
	 */
	int top = g > FSRS_HARD ? g : FSRS_HARD;
	if (c->state == FSRS_NEW || (c->difficulty == 0 && c->stability == 0)) {
		for (int k = FSRS_AGAIN; k <= top; k++) {
			d[k] = clamp(init_difficulty(k), 1, 10);
			s[k] = init_stability(k);
		}
	} else {
		double r = forgetting_curve(elapsed, c->stability);
		for (int k = FSRS_AGAIN; k <= top; k++)
			next_memory(c, r, k, &d[k], &s[k]);
	}
	for (int k = FSRS_AGAIN; k <= top; k++)
		ivl[k] = next_interval(s[k]);
	if (ivl[FSRS_HARD] < ivl[FSRS_AGAIN])
		ivl[FSRS_AGAIN] = ivl[FSRS_HARD];
	if (ivl[FSRS_HARD] < ivl[FSRS_AGAIN] + 1)
		ivl[FSRS_HARD] = ivl[FSRS_AGAIN] + 1;
	if (top >= FSRS_GOOD && ivl[FSRS_GOOD] < ivl[FSRS_HARD] + 1)
		ivl[FSRS_GOOD] = ivl[FSRS_HARD] + 1;
	if (top >= FSRS_EASY && ivl[FSRS_EASY] < ivl[FSRS_GOOD] + 1)
		ivl[FSRS_EASY] = ivl[FSRS_GOOD] + 1;

	if (c->state != FSRS_NEW && g == FSRS_AGAIN)
		c->lapses++;
	c->state = FSRS_REVIEW;
	c->difficulty = d[g];
	c->stability = s[g];
	c->scheduled_days = ivl[g];
	c->elapsed_days = elapsed;
	c->due = at + (int64_t)ivl[g] * FSRS_DAY_MS;
	c->last_review = at;
	c->reps++;
	return 0;
}

double
fsrs_retrievability(const struct fsrs_card *c, int64_t at)
{
	if (c->state == FSRS_NEW || c->stability <= 0)
		return 0;
	int64_t diff = at - c->last_review;
	int64_t t = diff >= 0 ? diff / FSRS_DAY_MS : 0;
	return forgetting_curve((double)t, round8(c->stability));
}

const char *
fsrs_state_name(enum fsrs_state s)
{
	switch (s) {
	case FSRS_NEW:
		return "New";
	case FSRS_LEARNING:
		return "Learning";
	case FSRS_REVIEW:
		return "Review";
	case FSRS_RELEARNING:
		return "Relearning";
	}
	return "New";
}
