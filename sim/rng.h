/* rng — the run's only source of randomness: splitmix64 seeded from the
 * scenario, so the same seed gives the same run. */
#ifndef MAILSIM_RNG_H
#define MAILSIM_RNG_H

#include <stdint.h>

struct rng {
	uint64_t state;
};

void rng_seed(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n) for n > 0. */
uint64_t rng_below(struct rng *r, uint64_t n);

#endif
