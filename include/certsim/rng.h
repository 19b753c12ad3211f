/* Seeded, portable random numbers from libsodium (ChaCha20 keystream). */
#ifndef CERTSIM_RNG_H
#define CERTSIM_RNG_H

#include <stddef.h>
#include <stdint.h>

/* Largest seed accepted: seeds are stored as JSON numbers (exact to 2^53). */
#define RNG_SEED_MAX 9007199254740991ull

struct rng {
	unsigned char key[32];
	uint64_t block;
	unsigned char buf[256];
	size_t pos;
};

/*
 * Start the stream for seed: the key is BLAKE2b-256 of "certsim-seed/1:N",
 * so the same seed gives the same numbers on every machine.
 */
void rng_init(struct rng *r, uint64_t seed);

/* A fresh random seed in [0, RNG_SEED_MAX] from the system's CSPRNG. */
uint64_t rng_random_seed(void);

/* A uniform integer in [0, n) (n >= 1), without modulo bias. */
uint32_t rng_uniform(struct rng *r, uint32_t n);

/* Shuffle v[0..n) in place (Fisher-Yates). */
void rng_shuffle_int(struct rng *r, int *v, size_t n);

/* A uniform double in [0, 1) with 53 random bits (k / 2^53). */
double rng_unit(struct rng *r);

#endif
