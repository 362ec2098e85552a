/*
 * strtab.c - a string-to-index table with open addressing.  Ids follow the
 * order of first insertion, which keeps every result built on it
 * deterministic whatever the hash.
 */
#include <stdlib.h>
#include <string.h>

#include "glosy.h"

uint64_t
hash_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

uint64_t
hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i;

	/* FNV-1a, then a final avalanche so that low bits are usable. */
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return hash_mix(h);
}

static size_t
slot_of(const struct strtab *t, const char *s, size_t n, uint64_t h)
{
	size_t mask = t->nslots - 1, i = (size_t)h & mask;
	uint32_t id;

	while ((id = t->slots[i]) != 0) {
		id--;
		if (t->hash[id] == h && t->keylen[id] == n &&
		    memcmp(t->key[id], s, n) == 0)
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

long
strtab_find(const struct strtab *t, const char *s, size_t n)
{
	size_t i;

	if (t->nslots == 0)
		return -1;
	i = slot_of(t, s, n, hash_bytes(s, n, 0));
	return t->slots[i] ? (long)t->slots[i] - 1 : -1;
}

static void
rehash(struct strtab *t)
{
	size_t i, j, mask;

	free(t->slots);
	t->nslots = t->nslots ? t->nslots * 2 : 64;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	mask = t->nslots - 1;
	for (i = 0; i < t->n; i++) {
		j = (size_t)t->hash[i] & mask;
		while (t->slots[j])
			j = (j + 1) & mask;
		t->slots[j] = (uint32_t)i + 1;
	}
}

size_t
strtab_intern(struct strtab *t, const char *s, size_t n, int *isnew)
{
	uint64_t h = hash_bytes(s, n, 0);
	size_t i;

	if (t->nslots && t->slots[i = slot_of(t, s, n, h)]) {
		if (isnew)
			*isnew = 0;
		return t->slots[i] - 1;
	}
	if ((t->n + 1) * 2 > t->nslots)
		rehash(t);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->key = xreallocarray(t->key, t->cap, sizeof(*t->key));
		t->keylen = xreallocarray(t->keylen, t->cap,
		    sizeof(*t->keylen));
		t->hash = xreallocarray(t->hash, t->cap, sizeof(*t->hash));
	}
	if (t->n >= UINT32_MAX - 1)
		glosy_die("string table full");
	t->key[t->n] = xstrndup(s, n);
	t->keylen[t->n] = n;
	t->hash[t->n] = h;
	i = slot_of(t, s, n, h);
	t->slots[i] = (uint32_t)t->n + 1;
	if (isnew)
		*isnew = 1;
	return t->n++;
}

void
strtab_release(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->key[i]);
	free(t->key);
	free(t->keylen);
	free(t->hash);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
