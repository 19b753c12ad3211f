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
 * Now in Unix milliseconds (UTC). The one place that reads CERTSIM_NOW, a
 * testing aid: when it holds a UTC time such as "2026-12-05T09:00:00Z",
 * that is "now" for every wall-clock time certsim uses (result stamps,
 * study due dates); the countdown's monotonic clock is not affected.
 * clock_utc_now_iso and clock_utc_now_stamp use it too.
 */
int64_t clock_utc_now_ms(void);

/*
 * Parse a UTC time "YYYY-MM-DDTHH:MM:SS[.fff]Z" (as results record it) into
 * Unix milliseconds in *ms. Returns 0, or -1 (with *ms unchanged) when s is
 * NULL, not in that form, or before 1970.
 */
int clock_parse_iso_ms(const char *s, int64_t *ms);

/* Unix milliseconds as "2026-11-26T04:05:38.123Z" into out. */
void clock_format_iso_ms(int64_t ms, char out[32]);

/*
 * Parse a duration: "90s", "45m", "2h", "1h30m", "1h30m15s" (units h, m, s
 * in that order, each at most once, up to 100 hours). A number without a
 * unit ("5") is invalid. Returns seconds (> 0), or -1 if invalid.
 */
long clock_parse_duration(const char *s);

/* Format seconds as H:MM:SS (or M:SS under an hour) into out. */
void clock_format_hms(long seconds, char out[32]);

/*
 * A UTC time as certsim writes it (ISO 8601, "2026-11-26T04:24:26.223Z")
 * as local time "YYYY-MM-DD HH:MM" (TZ) into out; a text that is not such
 * a time is copied with every byte that is not printable ASCII as '?' (at
 * most 31 bytes), so a hostile file cannot reach the terminal. Never fails.
 */
void clock_local_text(const char *iso, char out[32]);

#endif
