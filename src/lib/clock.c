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

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Whole digits of s[0..n) as a number, or -1 when one is not a digit. */
static long
digits(const char *s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
clock_parse_iso_ms(const char *s, int64_t *ms)
{
	if (s == NULL || strlen(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	long y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
	long h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2), frac = 0;
	const char *p = s + 19;
	if (*p == '.') {
		int n = 0;
		for (p++; isdigit((unsigned char)*p); p++, n++)
			if (n < 3)
				frac = frac * 10 + (*p - '0');
		if (n == 0)
			return -1;
		for (; n < 3; n++)
			frac *= 10;
	}
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 ||
	    mi > 59 || se < 0 || se > 60 || strcmp(p, "Z") != 0)
		return -1;
	*ms = ((days_from_civil(y, (int)mo, (int)d) * 24 + h) * 60 + mi) * 60000 + se * 1000 + frac;
	return 0;
}

int64_t
clock_utc_now_ms(void)
{
	const char *fake = getenv("CERTSIM_NOW");
	int64_t ms;
	if (fake != NULL && *fake != '\0' && clock_parse_iso_ms(fake, &ms) == 0)
		return ms;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_format_iso_ms(int64_t ms, char out[32])
{
	int64_t frac = ((ms % 1000) + 1000) % 1000;
	time_t sec = (time_t)((ms - frac) / 1000);
	struct tm tm;
	char base[24];
	gmtime_r(&sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%s.%03dZ", base, (int)frac);
}

/* Now as "<date part>.mmmZ"; iso selects the punctuated form. */
static void
now_fmt(char out[32], int iso)
{
	int64_t now = clock_utc_now_ms();
	time_t sec = (time_t)(now / 1000);
	struct tm tm;
	char base[24];
	gmtime_r(&sec, &tm);
	if (iso)
		strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	else
		strftime(base, sizeof base, "%Y%m%dT%H%M%S", &tm);
	snprintf(out, 32, "%s.%03dZ", base, (int)(now % 1000));
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

void
clock_local_text(const char *iso, char out[32])
{
	int y, mo, d, h, mi, sec;
	char tail;
	/* Not a time: its printable ASCII only, since it comes from a file. */
	size_t k = 0;
	for (const char *c = iso; c != NULL && *c != '\0' && k < 31; c++)
		out[k++] = *c >= 0x20 && *c < 0x7f ? *c : '?';
	out[k] = '\0';
	if (iso == NULL ||
	    sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &tail) < 6 ||
	    y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || h < 0 || mi < 0 || sec < 0)
		return;
	int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	time_t tt = (time_t)t;
	struct tm tm;
	if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL)
		return;
	strftime(out, 32, "%Y-%m-%d %H:%M", &tm);
}
