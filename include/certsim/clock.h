/* Clocks: an injectable monotonic clock (tests run 130 minutes in ms) and UTC stamps. */
#ifndef CERTSIM_CLOCK_H
#define CERTSIM_CLOCK_H

#include <stdint.h>
#include <time.h>

struct clock {
	/* Milliseconds on a monotonic scale; only differences matter. */
	int64_t (*now_ms)(void *ctx);
	void *ctx;
};

/* The real monotonic clock (CLOCK_MONOTONIC). Static; do not free. */
const struct clock *clock_monotonic(void);

/* A manual clock for tests: now_ms returns *(int64_t *)ctx. */
int64_t clock_manual_now(void *ctx);

static inline int64_t
clock_now(const struct clock *c)
{
	return c->now_ms(c->ctx);
}

/*
 * Now, with milliseconds, so that attempts finished within one second
 * still sort in order: "2026-11-26T04:05:38.123Z" and, for file names,
 * "20261126T040538.123Z".
 */
void clock_utc_now_iso(char out[32]);
void clock_utc_now_stamp(char out[32]);

/*
 * Parse a duration: "90s", "45m", "2h", "1h30m", "1h30m15s" (units h, m, s
 * in that order, each at most once, up to 100 hours). A number without a
 * unit ("5") is invalid. Returns seconds (> 0), or -1 if invalid.
 */
long clock_parse_duration(const char *s);

/* Format seconds as H:MM:SS (or M:SS under an hour) into out. */
void clock_format_hms(long seconds, char out[32]);

#endif
