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
 * Parse a duration: "90s", "45m", "2h", "1h30m", "1h30m15s" or a plain
 * number of minutes. Returns seconds (> 0), or -1 if invalid.
 */
long clock_parse_duration(const char *s);

/* Format seconds as H:MM:SS (or M:SS under an hour) into out. */
void clock_format_hms(long seconds, char out[32]);

/*
 * A UTC time as certsim writes it (ISO 8601, "2026-11-26T04:24:26.223Z")
 * as local time "YYYY-MM-DD HH:MM" (TZ) into out; a text that is not such
 * a time is copied as it is (at most 31 bytes). Never fails.
 */
void clock_local_text(const char *iso, char out[32]);

#endif
