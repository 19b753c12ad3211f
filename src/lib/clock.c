/* Clocks: an injectable monotonic clock (tests run 130 minutes in ms) and UTC stamps. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certsim/clock.h"

static int64_t
monotonic_now(void *ctx)
{
	struct timespec ts;
	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const struct clock *
clock_monotonic(void)
{
	static const struct clock c = { monotonic_now, NULL };
	return &c;
}

int64_t
clock_manual_now(void *ctx)
{
	return *(int64_t *)ctx;
}

/* Now as "<date part>.mmmZ"; iso selects the punctuated form. */
static void
now_fmt(char out[32], int iso)
{
	struct timespec ts;
	struct tm tm;
	char base[24];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	if (iso)
		strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	else
		strftime(base, sizeof base, "%Y%m%dT%H%M%S", &tm);
	snprintf(out, 32, "%s.%03dZ", base, (int)(ts.tv_nsec / 1000000));
}

void
clock_utc_now_iso(char out[32])
{
	now_fmt(out, 1);
}

void
clock_utc_now_stamp(char out[32])
{
	now_fmt(out, 0);
}

long
clock_parse_duration(const char *s)
{
	long total = 0;
	int parts = 0;
	char last = 0;
	if (s == NULL || *s == '\0')
		return -1;
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return -1;
		long v = 0;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (*s++ - '0');
			if (v > 1000000)
				return -1;
		}
		char u = *s ? *s++ : 0; /* a unit is required: is "5" seconds or minutes? */
		long mult = u == 'h' ? 3600 : u == 'm' ? 60 : u == 's' ? 1 : 0;
		/* Units must be known and in h, m, s order, each at most once. */
		if (mult == 0 ||
		    (last && !((last == 'h' && u != 'h') || (last == 'm' && u == 's'))))
			return -1;
		last = u;
		total += v * mult;
		parts++;
	}
	return parts && total > 0 && total <= 100L * 3600 ? total : -1;
}

void
clock_format_hms(long seconds, char out[32])
{
	if (seconds < 0)
		seconds = 0;
	if (seconds >= 3600)
		snprintf(out, 32, "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60,
		         seconds % 60);
	else
		snprintf(out, 32, "%ld:%02ld", seconds / 60, seconds % 60);
}
