/*
 * glosy-dedup - marks exact and near-duplicate answers in a record stream.
 *
 * Input: a glosy record stream (glosy-records(5)) with a `tokens` column
 * (or the column named by -c), space-separated words as glosy-tokenize(1)
 * writes them.  Not `terms`: glosy-stem drops stopwords such as "nie", so
 * "nie chcę parkingów" and "chcę parkingów" have the same terms.  Output:
 * every record, in input order, plus `dup_group` (the id of
 * the first record of its group), `dup_size` (records in the group) and
 * `dup_kind` (unique, exact or near); with -C also `dup_campaign`.
 *
 * Two records are exact duplicates when their words are the same in the
 * same order.  Distinct texts are compared by MinHash with LSH banding
 * (minhash.h): the earlier texts that share at least MINBANDS band tags
 * with a new text are its candidates, and each is verified by the true Jaccard similarity J of
 * their shingle sets, computed again from their texts.  The new text joins
 * the group of its most similar candidate with J >= t (the threshold),
 * provided it also has J >= 2t - 1 with that group's first text; otherwise
 * it starts a group.  Groups never merge afterwards.  Since 1 - J is a
 * metric, the bound means that a chain of similar texts cannot drift
 * further from its first text than two steps of the threshold allow.
 *
 * Groups are only known at the end of the input, so it is read twice: the
 * first pass keeps a compact index in memory (per distinct text its words,
 * the id of its first record, counts and band tags; per record its text's
 * number) and copies each raw line to a spool, in memory up to 64 MB and
 * then in an unlinked temporary file, which the second pass reads
 * back to write the records out.
 *
 * With --sketch, it writes each record at once with a `dup_sketch` column
 * instead: the band tags of its text and a check on the text
 * (minhash_sketch_encode).  When its input has that column, made with the
 * same options, the grouping pass takes the band tags from there instead of
 * signing every text, and leaves the column out of its output, which is
 * then the same, byte for byte, as without it.  So the signing can run on
 * shards in parallel, and only the grouping on the whole stream.
 */
#include <assert.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "minhash.h"
#include "spool.h"

#define NONE		UINT32_MAX
#define MAXCHAIN	8	/* texts kept per band tag */
#define MINBANDS	2	/* band tags a candidate must share */
#define CAMPAIGN_WORDS	8	/* words of a campaign answer, at least */
#define SKETCHCOL	"dup_sketch"

/*
 * One distinct text (within one --by partition).  The arena holds the id of
 * its first record (unescaped), then the text.
 */
struct item {
	uint64_t	hash;
	uint64_t	off;		/* offset in arena */
	uint32_t	idlen;
	uint32_t	textlen;
	uint32_t	by;		/* partition */
	uint32_t	first;		/* its first record */
	uint32_t	count;		/* its records */
	uint32_t	root;		/* first item of its group */
	uint32_t	nsh;		/* shingles, 0 if not yet known */
	uint64_t	setoff;		/* its set in the cache, or none */
};

/* Open addressing over items, keyed by (partition, text). */
struct exacttab {
	uint32_t	*slot;		/* item + 1, 0 is empty */
	size_t		 nslots, n;
};

/*
 * LSH buckets: band tag -> texts.  A tag is 32 bits, which also choose the
 * slot, so the table can grow without more.  Two distinct tags look alike
 * at 16 million entries for one lookup in 270, and that only adds a
 * candidate, whose similarity is then computed.  A tag may repeat, up to
 * MAXCHAIN times, along its probe sequence.
 */
struct bandslot {
	uint32_t	tag;
	uint32_t	item;		/* item + 1, 0 is empty */
};
struct bandtab {
	struct bandslot	*slot;
	size_t		 nslots, n;
};

/*
 * The shingle sets of recently compared texts, in a ring of at most
 * CACHEMAX hashes: verification reads them from here rather than shingle
 * the text again.  w counts the hashes ever written; a set written at w0
 * is intact while w - w0 <= cap.
 */
struct setcache {
	uint32_t	*h;
	size_t		 cap;
	uint64_t	 w;
};
#define CACHEMAX	((size_t)1 << 24)	/* 64 MB */

/* Bytes of input lines held in memory (spool.h), or $GLOSY_DEDUP_MEM. */
#define SPOOLMEM	((size_t)64 << 20)

static const struct option longopts[] = {
	{ "by",		required_argument,	NULL,	'b' },
	{ "campaign",	required_argument,	NULL,	'C' },
	{ "column",	required_argument,	NULL,	'c' },
	{ "drop",	no_argument,		NULL,	'd' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "seed",	required_argument,	NULL,	's' },
	{ "sketch",	no_argument,		NULL,	'S' },
	{ "threshold",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "words",	no_argument,		NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static const char	*column = "tokens";
static const char	*bycolumn;
static long long	 campaign;
static int		 dropdups;
static int		 sketchonly;
static uint64_t		 seed = 2030;
static double		 threshold = 0.8;
static double		 chainfloor;
static int		 shmode = MINHASH_MIXED;

static uint32_t		*recitem;	/* per record: its item, or NONE */
static size_t		 nrecs, caprecs;
static struct item	*items;
static size_t		 nitems, capitems;
static struct buf	 arena = BUF_INIT;
static struct exacttab	 exact;
static struct bandtab	 bands;
static struct setcache	 cache;
static struct minhash	 mh;
static uint64_t		 hseed;		/* exact hash of a text */
static uint32_t		 params;	/* parameter tag of sketches */

static _Noreturn void	usage(FILE *, int);

static const char *
item_text(const struct item *it)
{
	return arena.data + it->off + it->idlen;
}

/* The exact table's hash of an item: its text's, moved by partition. */
static size_t
exact_home(uint64_t h, uint32_t by)
{
	return (size_t)(h ^ hash_mix(by)) & (exact.nslots - 1);
}

static void
exact_grow(void)
{
	size_t i, j, mask;

	free(exact.slot);
	exact.nslots = exact.nslots ? exact.nslots * 2 : 1024;
	exact.slot = xcalloc(exact.nslots, sizeof(*exact.slot));
	mask = exact.nslots - 1;
	for (i = 0; i < nitems; i++) {
		j = exact_home(items[i].hash, items[i].by);
		while (exact.slot[j])
			j = (j + 1) & mask;
		exact.slot[j] = (uint32_t)i + 1;
	}
}

/* Returns the item of (by, s), or NONE with *slotp where it would go. */
static uint32_t
exact_find(uint64_t h, uint32_t by, const char *s, size_t len, size_t *slotp)
{
	size_t mask = exact.nslots - 1, j = exact_home(h, by);
	const struct item *it;
	uint32_t v;

	while ((v = exact.slot[j]) != 0) {
		it = &items[v - 1];
		if (it->hash == h && it->by == by && it->textlen == len &&
		    memcmp(item_text(it), s, len) == 0)
			return v - 1;
		j = (j + 1) & mask;
	}
	*slotp = j;
	return NONE;
}

static size_t
band_home(uint32_t tag)
{
	return (size_t)hash_mix(tag) & (bands.nslots - 1);
}

static void
band_grow(void)
{
	struct bandslot *old = bands.slot;
	size_t on = bands.nslots, i, j, mask;

	bands.nslots = on ? on * 2 : 1 << 14;
	bands.slot = xcalloc(bands.nslots, sizeof(*bands.slot));
	mask = bands.nslots - 1;
	for (i = 0; i < on; i++) {
		if (old[i].item == 0)
			continue;
		j = band_home(old[i].tag);
		while (bands.slot[j].item)
			j = (j + 1) & mask;
		bands.slot[j] = old[i];
	}
	free(old);
}

/*
 * The candidates of one placement: the texts met under its band tags, each
 * once, with the number of tags it shares.  seen[] is a small hash table
 * over them (item + 1, and its index), emptied by clear().
 */
struct cands {
	uint32_t	item[MINHASH_BANDS * MAXCHAIN];
	unsigned char	hits[MINHASH_BANDS * MAXCHAIN];
	size_t		n;
	uint32_t	seen[4 * MINHASH_BANDS * MAXCHAIN][2];
};

/* The first slot of id in seen[]: 9 bits, for its 512 slots. */
#define CANDS_HOME(id)	((size_t)((uint32_t)(id) * 0x9e3779b1u >> 23))

static void
cands_add(struct cands *cs, uint32_t id)
{
	size_t mask = sizeof(cs->seen) / sizeof(cs->seen[0]) - 1, j;

	for (j = CANDS_HOME(id) & mask; cs->seen[j][0];
	    j = (j + 1) & mask)
		if (cs->seen[j][0] == id + 1) {
			cs->hits[cs->seen[j][1]]++;
			return;
		}
	cs->seen[j][0] = id + 1;
	cs->seen[j][1] = (uint32_t)cs->n;
	cs->item[cs->n] = id;
	cs->hits[cs->n++] = 1;
}

static void
cands_clear(struct cands *cs)
{
	size_t mask = sizeof(cs->seen) / sizeof(cs->seen[0]) - 1, i, j;

	for (i = 0; i < cs->n; i++) {
		for (j = CANDS_HOME(cs->item[i]) & mask;
		    cs->seen[j][0] != cs->item[i] + 1; j = (j + 1) & mask)
			;
		cs->seen[j][0] = 0;
	}
	cs->n = 0;
}

/* Adds the texts under tag to the candidates; returns how many entries the
 * tag has. */
static size_t
band_lookup(uint32_t tag, struct cands *cs)
{
	size_t mask = bands.nslots - 1, j, n = 0;
	uint32_t r;

	for (j = band_home(tag); (r = bands.slot[j].item) != 0;
	    j = (j + 1) & mask) {
		if (bands.slot[j].tag != tag)
			continue;
		n++;
		cands_add(cs, r - 1);
	}
	return n;
}

static void
band_insert(uint32_t tag, uint32_t id)
{
	size_t mask, j;

	/* Linear probing stays short up to three quarters full. */
	if ((bands.n + 1) * 4 > bands.nslots * 3)
		band_grow();
	mask = bands.nslots - 1;
	for (j = band_home(tag); bands.slot[j].item; j = (j + 1) & mask)
		;
	bands.slot[j].tag = tag;
	bands.slot[j].item = id + 1;
	bands.n++;
}

/* The band tags of the non-empty normalized text s, with its shingles left
 * in sh (unsorted). */
static void
text_tags(const char *s, size_t len, struct shingles *sh, uint32_t *tags)
{
	uint64_t sig[MINHASH_SIGLEN];

	minhash_hash(&mh, s, len, shmode, sh);
	minhash_sign(&mh, sh->h, sh->n, sig);
	minhash_bands(&mh, sig, tags);
}

/* Whether the shingle set of it is still in the cache. */
static int
cached(const struct item *it)
{
	return it->setoff != UINT64_MAX && cache.w - it->setoff <= cache.cap;
}

/*
 * Stores the sorted set sh as that of it, evicting the oldest sets when the
 * cache is full.  A set never wraps around the end of the ring.
 */
static void
cache_put(struct item *it, const struct shingles *sh)
{
	size_t n = sh->n, pos;

	if (n > CACHEMAX / 2)
		return;
	while (cache.w + n > cache.cap && cache.cap < CACHEMAX) {
		/* Not wrapped yet, so every offset is a position. */
		cache.cap = cache.cap ? cache.cap * 2 : 1 << 16;
		cache.h = xreallocarray(cache.h, cache.cap, sizeof(*cache.h));
	}
	pos = (size_t)(cache.w % cache.cap);
	if (pos + n > cache.cap)
		cache.w += cache.cap - pos;
	it->setoff = cache.w;
	memcpy(cache.h + cache.w % cache.cap, sh->h, n * sizeof(*sh->h));
	cache.w += n;
}

/*
 * Returns the sorted shingle set of it (n in *np): from the cache, or
 * computed into cs and cached.  Valid until the next call.
 */
static const uint32_t *
item_set(struct item *it, struct shingles *cs, size_t *np)
{
	if (!cached(it)) {
		minhash_shingles(&mh, item_text(it), it->textlen, shmode, cs);
		it->nsh = (uint32_t)cs->n;
		cache_put(it, cs);
		*np = cs->n;
		return cs->h;
	}
	*np = it->nsh;
	return cache.h + it->setoff % cache.cap;
}

/*
 * Whether the text whose sorted set is sh is within the chaining bound of
 * root, the first text of a group.  The roots already asked about in this
 * placement are in done[], their answers in ok[].
 */
static int
rootok(const struct shingles *sh, uint32_t root, struct shingles *cs,
    uint32_t *done, unsigned char *ok, size_t *ndone)
{
	const uint32_t *rs;
	size_t i, nr;

	for (i = 0; i < *ndone; i++)
		if (done[i] == root)
			return ok[i];
	rs = item_set(&items[root], cs, &nr);
	done[*ndone] = root;
	ok[*ndone] = minhash_jaccard_min(sh->h, sh->n, rs, nr, chainfloor) >=
	    chainfloor;
	return ok[(*ndone)++];
}

/*
 * Places a new distinct text in the group of its most similar earlier text
 * (see the top of the file), or in a group of its own, and files its band
 * tags for the texts to come.  skt holds its tags from a sketch, or is NULL
 * to compute them.  Shingle sets are needed only for the candidates that
 * share MINBANDS tags, and taken from the cache when they can be; sh and cs
 * are scratch vectors.
 */
static void
place(uint32_t id, const uint32_t *skt, struct shingles *sh,
    struct shingles *cs)
{
	struct item *it = &items[id], *y;
	const char *text = item_text(it);
	const uint32_t *ys;
	uint32_t tags[MINHASH_BANDS], salt;
	static struct cands cd;
	size_t nchain[MINHASH_BANDS], b, c, ny;
	uint32_t bestc = NONE, rdone[MINHASH_BANDS * MAXCHAIN];
	unsigned char rok[MINHASH_BANDS * MAXCHAIN];
	size_t nrdone = 0;
	double j, floor, best = -1;
	int have = 0;

	if (skt == NULL) {
		text_tags(text, it->textlen, sh, tags);
		have = 1;
	} else
		memcpy(tags, skt, sizeof(tags));
	/* Texts of other partitions must not fill the chains of this one. */
	salt = (uint32_t)hash_mix(it->by);
	for (b = 0; b < MINHASH_BANDS; b++)
		tags[b] ^= salt;
	if (bands.nslots == 0)
		band_grow();
	/* The table is larger than the caches: start every miss at once. */
	for (b = 0; b < MINHASH_BANDS; b++)
		__builtin_prefetch(&bands.slot[band_home(tags[b])]);
	for (b = 0; b < MINHASH_BANDS; b++)
		nchain[b] = band_lookup(tags[b], &cd);
	for (c = 0; c < cd.n; c++)
		if (cd.hits[c] >= MINBANDS)
			__builtin_prefetch(&items[cd.item[c]]);
	it->root = id;
	for (c = 0; c < cd.n; c++) {
		y = &items[cd.item[c]];
		if (cd.hits[c] < MINBANDS || y->by != it->by)
			continue;
		if (!have) {
			minhash_hash(&mh, text, it->textlen, shmode, sh);
			have = 1;
		}
		if (!sh->sorted) {
			minhash_sortuniq(sh);
			it->nsh = (uint32_t)sh->n;
		}
		/*
		 * Only a candidate at least as similar as the best so far can
		 * be chosen, and J <= min/max of the sizes: most are ruled out
		 * before their sets are read through.
		 */
		floor = best > threshold ? best : threshold;
		if (y->nsh != 0 && (y->nsh < floor * (double)sh->n ||
		    sh->n < floor * (double)y->nsh))
			continue;
		ys = item_set(y, cs, &ny);
		j = minhash_jaccard_min(sh->h, sh->n, ys, ny, floor);
		if (j < floor || (j == best && cd.item[c] > bestc))
			continue;
		if (y->root != cd.item[c] &&
		    !rootok(sh, y->root, cs, rdone, rok, &nrdone))
			continue;
		/* Candidates come in no meaningful order; ties go to the
		 * earlier text so the result does not depend on it. */
		best = j;
		bestc = cd.item[c];
	}
	cands_clear(&cd);
	if (sh->sorted && have)
		cache_put(it, sh);
	if (bestc != NONE)
		it->root = items[bestc].root;
	for (b = 0; b < MINHASH_BANDS; b++)
		if (nchain[b] < MAXCHAIN)
			band_insert(tags[b], id);
}

/*
 * Reads every record, spools it and groups its text as it comes.  skcol is
 * the dup_sketch column, or -1.
 */
static void
readall(struct records *in, int col, int bycol, int skcol,
    struct strtab *bytab, struct spool *sp)
{
	struct shingles sh = SHINGLES_INIT, cs = SHINGLES_INIT;
	struct buf norm = BUF_INIT;
	struct sketch sk;
	struct item *it;
	const char *v, *idv, *skv = NULL;
	size_t len, idlen, sklen = 0, slot;
	uint64_t h;
	uint32_t by = 0, id;
	int usesk = 0, warned = 0, rc;

	while (records_next(in)) {
		if (nrecs == caprecs) {
			caprecs = caprecs ? caprecs * 2 : 4096;
			recitem = xreallocarray(recitem, caprecs,
			    sizeof(*recitem));
		}
		if (nrecs >= NONE - 1)
			glosy_die("%s:%lu: too many records", in->fname,
			    in->lineno);
		spool_add(sp, in->line, in->linelen);
		if (bycol >= 0) {
			v = records_get(in, bycol, &len);
			by = (uint32_t)strtab_intern(bytab, v, len, NULL);
		}
		v = records_get(in, col, &len);
		buf_grow(&norm, len);
		len = minhash_normalize(v, len, norm.data, NULL);
		if (len > UINT32_MAX)
			glosy_die("%s:%lu: value of '%s' too long", in->fname,
			    in->lineno, column);
		if (skcol >= 0) {
			/* The raw value: a valid sketch has no escapes. */
			skv = in->raw[skcol].s;
			sklen = in->raw[skcol].len;
			rc = minhash_sketch_decode(skv, sklen, &sk);
			if (rc < 0)
				glosy_die("%s:%lu: malformed %s value",
				    in->fname, in->lineno, SKETCHCOL);
			usesk = rc == 0 && sk.params == params;
			if (!usesk && !warned) {
				glosy_warn("%s:%lu: %s made with other "
				    "options or in another format; computing "
				    "the signatures",
				    in->fname, in->lineno, SKETCHCOL);
				warned = 1;
			}
			if (usesk && sk.empty != (len == 0))
				glosy_die("%s:%lu: %s does not match column "
				    "'%s'", in->fname, in->lineno, SKETCHCOL,
				    column);
		}
		recitem[nrecs] = NONE;
		if (len == 0) {
			nrecs++;
			continue;
		}
		h = hash_bytes(norm.data, len, hseed);
		if (usesk && sk.check != (uint32_t)h)
			glosy_die("%s:%lu: %s does not match column '%s'",
			    in->fname, in->lineno, SKETCHCOL, column);
		if ((nitems + 1) * 2 > exact.nslots)
			exact_grow();
		if ((id = exact_find(h, by, norm.data, len, &slot)) != NONE) {
			items[id].count++;
			recitem[nrecs++] = id;
			continue;
		}
		if (nitems == capitems) {
			capitems = capitems ? capitems * 2 : 4096;
			items = xreallocarray(items, capitems, sizeof(*items));
		}
		id = (uint32_t)nitems++;
		exact.slot[slot] = id + 1;
		idv = records_get(in, 0, &idlen);
		if (idlen > UINT32_MAX)
			glosy_die("%s:%lu: id too long", in->fname,
			    in->lineno);
		it = &items[id];
		memset(it, 0, sizeof(*it));
		it->hash = h;
		it->off = arena.len;
		it->idlen = (uint32_t)idlen;
		it->textlen = (uint32_t)len;
		it->by = by;
		it->first = (uint32_t)nrecs;
		it->count = 1;
		it->setoff = UINT64_MAX;
		buf_add(&arena, idv, idlen);
		buf_add(&arena, norm.data, len);
		recitem[nrecs++] = id;
		place(id, usesk ? sk.tags : NULL, &sh, &cs);
	}
	shingles_release(&sh);
	shingles_release(&cs);
	buf_release(&norm);
}

/* Prints a line on stderr for each likely campaign, and their count. */
static void
campaigns(const uint32_t *gsize, const uint32_t *gexact, unsigned char *gcamp)
{
	const struct item *it;
	size_t i, ncamp = 0, ncampans = 0;

	for (i = 0; i < nitems; i++) {
		it = &items[i];
		if (it->root == i && gsize[i] >= (unsigned long long)campaign &&
		    minhash_nterms(item_text(it), it->textlen) >=
		    CAMPAIGN_WORDS) {
			gcamp[i] = 1;
			ncamp++;
			ncampans += gsize[i];
			glosy_warn("likely campaign: group '%.*s' of %u "
			    "answers (%u exact, %u near)", (int)it->idlen,
			    arena.data + it->off, gsize[i], gexact[i],
			    gsize[i] - gexact[i]);
		}
	}
	glosy_warn("%zu likely campaigns, %zu answers", ncamp, ncampans);
}

/* The dup_* values of every record, from the groups. */
struct groups {
	uint32_t	*size;		/* per root: records in the group */
	uint32_t	*exact;		/* per root: records of its text */
	unsigned char	*camp;		/* per root: a likely campaign */
};

static void
groups_init(struct groups *g)
{
	size_t i;

	g->size = xcalloc(nitems ? nitems : 1, sizeof(*g->size));
	g->exact = xcalloc(nitems ? nitems : 1, sizeof(*g->exact));
	g->camp = xcalloc(nitems ? nitems : 1, 1);
	for (i = 0; i < nitems; i++) {
		g->size[items[i].root] += items[i].count;
		if (items[i].root == i)
			g->exact[i] = items[i].count;
	}
	if (campaign > 0)
		campaigns(g->size, g->exact, g->camp);
}

static void
groups_release(struct groups *g)
{
	free(g->size);
	free(g->exact);
	free(g->camp);
}

/*
 * Fills vals[] (indexed by the output columns k[0..3]: group, size, kind,
 * campaign or -1) for record i, whose id is id[0..idlen) (unescaped);
 * num holds the size.  Returns 0 when --drop leaves the record out.
 */
static int
rowvals(const struct groups *g, size_t i, const char *id, size_t idlen,
    const int *k, struct field *vals, char *num, size_t numsize)
{
	const struct item *it;
	const char *kind;
	size_t r;
	uint32_t size, first;
	int camp;

	if (recitem[i] == NONE) {
		first = (uint32_t)i;
		size = 1;
		kind = "unique";
		camp = 0;
	} else {
		r = items[recitem[i]].root;
		it = &items[r];
		first = it->first;
		size = g->size[r];
		camp = g->camp[r];
		if (size == 1)
			kind = "unique";
		else if (recitem[i] != r)
			kind = "near";
		else if (first != i)
			kind = "exact";
		else
			kind = g->exact[r] == size ? "exact" : "near";
		id = arena.data + it->off;
		idlen = it->idlen;
	}
	if (dropdups && first != i)
		return 0;
	vals[k[0]].s = id;
	vals[k[0]].len = idlen;
	snprintf(num, numsize, "%u", size);
	vals[k[1]].s = num;
	vals[k[1]].len = strlen(num);
	vals[k[2]].s = kind;
	vals[k[2]].len = strlen(kind);
	if (k[3] >= 0) {
		vals[k[3]].s = camp ? "yes" : "no";
		vals[k[3]].len = camp ? 3 : 2;
	}
	return 1;
}

/*
 * Writes the records back from the spool through the reader in, whose
 * output columns k[] were added before the first row.
 */
static void
writesaved(struct records *in, struct spool *sp, const int *k)
{
	struct groups g;
	struct field vals[4], id;
	struct buf idbuf = BUF_INIT;
	char num[32];
	const char *line;
	size_t i, n;

	groups_init(&g);
	records_start(in);
	/* The spool gives back the lines it was given, or dies. */
	for (i = 0; (line = spool_next(sp, &n)) != NULL; i++) {
		assert(i < nrecs);
		buf_reset(&idbuf);
		if (recitem[i] == NONE) {
			record_split(line, n, &id, 1);
			record_unescape(&idbuf, id.s, id.len);
		}
		if (rowvals(&g, i, idbuf.data, idbuf.len, k, vals, num,
		    sizeof(num)))
			records_emit_saved(in, line, n, vals);
	}
	assert(i == nrecs);
	buf_release(&idbuf);
	groups_release(&g);
}

/* --sketch: writes each record at once with its dup_sketch value. */
static void
sketchall(struct records *in, int col)
{
	struct shingles sh = SHINGLES_INIT;
	struct buf norm = BUF_INIT;
	struct sketch sk;
	char val[SKETCH_MAXLEN + 1];
	const char *v;
	size_t len, n;
	int k;

	k = records_add(in, SKETCHCOL);
	memset(&sk, 0, sizeof(sk));
	sk.params = params;
	while (records_next(in)) {
		v = records_get(in, col, &len);
		buf_grow(&norm, len);
		len = minhash_normalize(v, len, norm.data, NULL);
		sk.empty = len == 0;
		if (!sk.empty) {
			sk.check = (uint32_t)hash_bytes(norm.data, len, hseed);
			text_tags(norm.data, len, &sh, sk.tags);
		}
		n = minhash_sketch_encode(&sk, val);
		records_set(in, k, val, n);
		records_emit(in);
	}
	shingles_release(&sh);
	buf_release(&norm);
}

int
main(int argc, char *argv[])
{
	struct records in;
	struct strtab bytab = STRTAB_INIT;
	struct spool sp;
	const char *errstr;
	int ch, col, bycol = -1, skcol, k[4];

	glosy_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "b:C:c:dhSs:t:Vw", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			bycolumn = optarg;
			break;
		case 'C':
			campaign = glosy_strtonum(optarg, 2, UINT32_MAX,
			    &errstr);
			if (errstr != NULL)
				glosy_die_usage("--campaign: '%s' is %s",
				    optarg, errstr);
			break;
		case 'c':
			column = optarg;
			break;
		case 'd':
			dropdups = 1;
			break;
		case 'h':
			usage(stdout, EXIT_SUCCESS);
		case 'S':
			sketchonly = 1;
			break;
		case 's':
			seed = (uint64_t)glosy_strtonum(optarg, 0, LLONG_MAX,
			    &errstr);
			if (errstr != NULL)
				glosy_die_usage("--seed: '%s' is %s", optarg,
				    errstr);
			break;
		case 't':
			threshold = glosy_strtod(optarg, 0, 1, &errstr);
			if (errstr == NULL && threshold == 0)
				errstr = "too small";
			if (errstr != NULL)
				glosy_die_usage("--threshold: '%s' is %s",
				    optarg, errstr);
			break;
		case 'V':
			glosy_version();
		case 'w':
			shmode = MINHASH_WORDS;
			break;
		default:
			usage(stderr, GLOSY_EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (strcmp(column, SKETCHCOL) == 0)
		glosy_die_usage("--column: cannot compare '%s'", SKETCHCOL);

	/* Jaccard distance obeys the triangle inequality, so 2t - 1 is the
	 * least similarity of two texts each within t of a third one. */
	chainfloor = 2 * threshold - 1;
	spool_init(&sp, "glosy-dedup", spool_limit("GLOSY_DEDUP_MEM",
	    SPOOLMEM));
	glosy_stdout_buffer();
	minhash_init(&mh, seed);
	hseed = hash_mix(seed ^ 0x5bd1e9955bd1e995ULL);
	params = minhash_params(seed, shmode, column);
	records_open(&in, argc, argv);
	col = records_need(&in, column);
	if (sketchonly) {
		sketchall(&in, col);
		records_close(&in);
		return glosy_close_stdout();
	}
	if (bycolumn != NULL)
		bycol = records_need(&in, bycolumn);
	skcol = records_col(&in, SKETCHCOL);

	/* The output leaves dup_sketch out: it served this run only. */
	if (skcol >= 0)
		records_drop(&in, skcol);
	/* The output columns must be declared before the first row, which
	 * writes the header. */
	k[0] = records_add(&in, "dup_group");
	k[1] = records_add(&in, "dup_size");
	k[2] = records_add(&in, "dup_kind");
	k[3] = campaign > 0 ? records_add(&in, "dup_campaign") : -1;
	readall(&in, col, bycol, skcol, &bytab, &sp);
	spool_done(&sp);
	writesaved(&in, &sp, k);
	records_close(&in);

	spool_release(&sp);
	strtab_release(&bytab);
	free(recitem);
	free(items);
	free(exact.slot);
	free(bands.slot);
	free(cache.h);
	buf_release(&arena);
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-dhSVw] [-b column] [-C n] [-c column] "
	    "[-s seed] [-t threshold]\n"
	    "       [file ...]\n", glosy_progname());
	if (status == EXIT_SUCCESS)
		fputs("\n"
		    "  -b, --by COLUMN        find duplicates only among"
		    " records with the\n"
		    "                         same value of COLUMN\n"
		    "  -C, --campaign N       mark groups of N or more answers"
		    " of 8 or more words\n"
		    "                         as likely campaigns"
		    " (dup_campaign)\n"
		    "  -c, --column COLUMN    compare this column (default"
		    " tokens)\n"
		    "  -d, --drop             keep only the first record of"
		    " each group\n"
		    "  -S, --sketch           only add each record's"
		    " dup_sketch, in one pass,\n"
		    "                         for a later run on the whole"
		    " stream\n"
		    "  -s, --seed N           seed of the MinHash functions"
		    " (default 2030)\n"
		    "  -t, --threshold J      least Jaccard similarity of near"
		    " duplicates\n"
		    "                         (default 0.8)\n"
		    "  -w, --words            compare word pairs only, not"
		    " character 3-grams\n"
		    "  -h, --help             show this help and exit\n"
		    "  -V, --version          show the version and exit\n", fp);
	else
		glosy_try_help();
	exit(status);
}
