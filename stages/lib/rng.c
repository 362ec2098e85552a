/*
 * rng.c - xoshiro256** seeded through splitmix64: fast, and the same
 * sequence for the same seed on every machine.
 */
#include "glosy.h"

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *g, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		g->s[i] = splitmix(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
rng_next(struct rng *g)
{
	uint64_t *s = g->s, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

uint64_t
rng_below(struct rng *g, uint64_t n)
{
	uint64_t x, lim;

	if (n <= 1)
		return 0;
	/* Rejection keeps the result unbiased. */
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = rng_next(g);
	while (x >= lim);
	return x % n;
}

double
rng_double(struct rng *g)
{
	return (double)(rng_next(g) >> 11) * 0x1.0p-53;
}
