/* Seeded, portable random numbers from libsodium (ChaCha20 keystream). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "certsim/rng.h"

static void
refill(struct rng *r)
{
	unsigned char sub[randombytes_SEEDBYTES], ctr[8];
	for (int i = 0; i < 8; i++)
		ctr[i] = (unsigned char)(r->block >> (8 * i));
	crypto_generichash(sub, sizeof sub, ctr, sizeof ctr, r->key, sizeof r->key);
	randombytes_buf_deterministic(r->buf, sizeof r->buf, sub);
	r->block++;
	r->pos = 0;
}

void
rng_init(struct rng *r, uint64_t seed)
{
	char text[64];
	int n = snprintf(text, sizeof text, "certsim-seed/1:%llu", (unsigned long long)seed);
	if (sodium_init() < 0)
		return;
	crypto_generichash(r->key, sizeof r->key, (const unsigned char *)text, (size_t)n, NULL, 0);
	r->block = 0;
	refill(r);
}

uint64_t
rng_random_seed(void)
{
	uint64_t s;
	if (sodium_init() < 0)
		return 0;
	randombytes_buf(&s, sizeof s);
	return s & RNG_SEED_MAX;
}

static uint32_t
next32(struct rng *r)
{
	if (r->pos + 4 > sizeof r->buf)
		refill(r);
	const unsigned char *p = r->buf + r->pos;
	r->pos += 4;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t
rng_uniform(struct rng *r, uint32_t n)
{
	if (n <= 1)
		return 0;
	uint32_t limit = (uint32_t)(0x100000000ull - (0x100000000ull % n));
	for (;;) {
		uint32_t x = next32(r);
		if (limit == 0 || x < limit)
			return x % n;
	}
}

void
rng_shuffle_int(struct rng *r, int *v, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_uniform(r, (uint32_t)i);
		int t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

double
rng_unit(struct rng *r)
{
	uint64_t hi = rng_uniform(r, 1u << 26), lo = rng_uniform(r, 1u << 27);
	return (double)(hi << 27 | lo) / 9007199254740992.0;
}
