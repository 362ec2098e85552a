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
 * (minhash.h): the earlier texts that share a band key with a new text are
 * its candidates, and each is verified by the true Jaccard similarity J of
 * their shingle sets.  The new text joins the group of its most similar
 * candidate with J >= t (the threshold), provided it also has J >= 2t - 1
 * with that group's first text; otherwise it starts a group.  Groups never
 * merge afterwards.  Since 1 - J is a metric, the bound means that a chain
 * of similar texts cannot drift further from its first text than two steps
 * of the threshold allow.
 *
 * The whole input is held in memory, as groups are only known at its end:
 * each raw line is kept in an arena and written back with
 * records_emit_saved().
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glosy.h"
#include "minhash.h"

#define NONE		UINT32_MAX
#define MAXCHAIN	8	/* texts kept per band key */
#define MINBANDS	2	/* band keys a candidate must share */
#define CAMPAIGN_WORDS	8	/* words of a campaign answer, at least */

/* One input record. */
struct rec {
	uint64_t	line;		/* raw line, offset in lines */
	uint32_t	linelen;
	uint32_t	item;		/* its distinct text, NONE if empty */
};

/* One distinct text (within one --by partition). */
struct item {
	uint64_t	hash;
	uint64_t	text;		/* offset in texts */
	uint64_t	sh;		/* shingles, offset in pool */
	uint32_t	textlen;
	uint32_t	nsh;
	uint32_t	by;		/* partition */
	uint32_t	first;		/* its first record */
	uint32_t	count;		/* its records */
	uint32_t	root;		/* first item of its group */
	uint32_t	nwords;
};

/* Open addressing over items, keyed by (partition, text). */
struct exacttab {
	uint32_t	*slot;		/* item + 1, 0 is empty */
	size_t		 nslots, n;
};

/*
 * LSH buckets: band key -> texts.  A slot keeps the high 32 bits of the
 * key, which alone also choose the slot, so the table can grow without the
 * full keys.  Two keys with the same high half look alike; at 16 million
 * keys that happens to one lookup in 270, and it only adds a candidate,
 * whose similarity is then computed.  A key may repeat, up to MAXCHAIN
 * times, along its probe sequence.
 */
struct bandslot {
	uint32_t	tag;
	uint32_t	item;		/* item + 1, 0 is empty */
};
struct bandtab {
	struct bandslot	*slot;
	size_t		 nslots, n;
};

static const struct option longopts[] = {
	{ "by",		required_argument,	NULL,	'b' },
	{ "campaign",	required_argument,	NULL,	'C' },
	{ "column",	required_argument,	NULL,	'c' },
	{ "drop",	no_argument,		NULL,	'd' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "seed",	required_argument,	NULL,	's' },
	{ "threshold",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "words",	no_argument,		NULL,	'w' },
	{ NULL,		0,			NULL,	0 }
};

static const char	*column = "tokens";
static const char	*bycolumn;
static long long	 campaign;
static int		 dropdups;
static uint64_t		 seed = 2030;
static double		 threshold = 0.8;
static double		 chainfloor;
static int		 shmode = MINHASH_MIXED;

static struct rec	*recs;
static size_t		 nrecs, caprecs;
static struct item	*items;
static size_t		 nitems, capitems;
static struct buf	 lines = BUF_INIT;
static struct buf	 texts = BUF_INIT;
static uint32_t		*pool;
static size_t		 npool, cappool;
static struct exacttab	 exact;
static struct bandtab	 bands;
static struct minhash	 mh;

static _Noreturn void	usage(FILE *, int);

static void
exact_grow(void)
{
	size_t i, j, mask;

	free(exact.slot);
	exact.nslots = exact.nslots ? exact.nslots * 2 : 1024;
	exact.slot = xcalloc(exact.nslots, sizeof(*exact.slot));
	mask = exact.nslots - 1;
	for (i = 0; i < nitems; i++) {
		j = (size_t)items[i].hash & mask;
		while (exact.slot[j])
			j = (j + 1) & mask;
		exact.slot[j] = (uint32_t)i + 1;
	}
}

/* Returns the item of (by, s), or NONE with *slotp where it would go. */
static uint32_t
exact_find(uint64_t h, uint32_t by, const char *s, size_t len, size_t *slotp)
{
	size_t mask = exact.nslots - 1, j = (size_t)h & mask;
	const struct item *it;
	uint32_t v;

	while ((v = exact.slot[j]) != 0) {
		it = &items[v - 1];
		if (it->hash == h && it->by == by && it->textlen == len &&
		    memcmp(texts.data + it->text, s, len) == 0)
			return v - 1;
		j = (j + 1) & mask;
	}
	*slotp = j;
	return NONE;
}

static size_t
band_home(uint32_t tag)
{
	return (size_t)minhash_mix(tag) & (bands.nslots - 1);
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

/* Adds the texts under key to cand[] (each once), counting in hits[] how
 * many keys each shares; returns how many entries the key has. */
static size_t
band_lookup(uint64_t key, uint32_t *cand, unsigned char *hits,
    size_t *ncand)
{
	size_t mask = bands.nslots - 1, j, k, n = 0;
	uint32_t tag = (uint32_t)(key >> 32), r;

	for (j = band_home(tag); (r = bands.slot[j].item) != 0;
	    j = (j + 1) & mask) {
		if (bands.slot[j].tag != tag)
			continue;
		n++;
		for (k = 0; k < *ncand; k++)
			if (cand[k] == r - 1)
				break;
		if (k == *ncand) {
			cand[(*ncand)++] = r - 1;
			hits[k] = 0;
		}
		hits[k]++;
	}
	return n;
}

static void
band_insert(uint64_t key, uint32_t id)
{
	size_t mask, j;
	uint32_t tag = (uint32_t)(key >> 32);

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

/*
 * Places a new distinct text in the group of its most similar earlier text
 * (see the top of the file), or in a group of its own.  Its shingles and
 * band keys are kept for the texts to come.
 */
static void
place(uint32_t id, struct shingles *sh)
{
	struct item *it = &items[id];
	uint64_t sig[MINHASH_SIGLEN], key[MINHASH_BANDS];
	uint32_t cand[MINHASH_BANDS * MAXCHAIN];
	unsigned char hits[MINHASH_BANDS * MAXCHAIN];
	size_t nchain[MINHASH_BANDS], ncand = 0, b, c;
	const struct item *r, *y;
	uint32_t bestc = NONE;
	double j, best = -1;

	minhash_shingles(&mh, texts.data + it->text, it->textlen, shmode,
	    sh);
	minhash_sign(&mh, sh->h, sh->n, sig);
	minhash_bands(&mh, sig, it->by, key);
	if (bands.nslots == 0)
		band_grow();
	for (b = 0; b < MINHASH_BANDS; b++)
		nchain[b] = band_lookup(key[b], cand, hits, &ncand);
	it->root = id;
	for (c = 0; c < ncand; c++) {
		y = &items[cand[c]];
		if (hits[c] < MINBANDS || y->by != it->by)
			continue;
		j = minhash_jaccard_min(sh->h, sh->n, pool + y->sh, y->nsh,
		    threshold);
		if (j < threshold)
			continue;
		r = &items[y->root];
		if (y->root != cand[c] && minhash_jaccard_min(sh->h, sh->n,
		    pool + r->sh, r->nsh, chainfloor) < chainfloor)
			continue;
		/* Candidates come in no meaningful order; break ties toward
		 * the earlier text so the result does not depend on it. */
		if (j > best || (j == best && cand[c] < bestc)) {
			best = j;
			bestc = cand[c];
		}
	}
	if (bestc != NONE)
		it->root = items[bestc].root;
	if (npool + sh->n > cappool) {
		while (npool + sh->n > cappool)
			cappool = cappool ? cappool * 2 : 1 << 16;
		pool = xreallocarray(pool, cappool, sizeof(*pool));
	}
	memcpy(pool + npool, sh->h, sh->n * sizeof(*pool));
	it->sh = npool;
	it->nsh = (uint32_t)sh->n;
	npool += sh->n;
	for (b = 0; b < MINHASH_BANDS; b++)
		if (nchain[b] < MAXCHAIN)
			band_insert(key[b], id);
}

/* Reads every record; groups its text as it comes. */
static void
readall(struct records *in, int col, int bycol, struct strtab *bytab)
{
	struct shingles sh = SHINGLES_INIT;
	struct buf norm = BUF_INIT;
	struct item *it;
	const char *v;
	size_t len, nwords, slot;
	uint64_t h;
	uint32_t by = 0, id;

	while (records_next(in)) {
		if (nrecs == caprecs) {
			caprecs = caprecs ? caprecs * 2 : 4096;
			recs = xreallocarray(recs, caprecs, sizeof(*recs));
		}
		if (nrecs >= NONE - 1 || in->linelen > UINT32_MAX)
			glosy_die("%s:%lu: too many records or too long a line",
			    in->fname, in->lineno);
		recs[nrecs].line = lines.len;
		recs[nrecs].linelen = (uint32_t)in->linelen;
		buf_add(&lines, in->line, in->linelen);
		if (bycol >= 0) {
			v = records_get(in, bycol, &len);
			by = (uint32_t)strtab_intern(bytab, v, len, NULL);
		}
		v = records_get(in, col, &len);
		buf_grow(&norm, len);
		len = minhash_normalize(v, len, norm.data, &nwords);
		recs[nrecs].item = NONE;
		if (len == 0) {
			nrecs++;
			continue;
		}
		h = hash_bytes(norm.data, len, by);
		if ((nitems + 1) * 2 > exact.nslots)
			exact_grow();
		if ((id = exact_find(h, by, norm.data, len, &slot)) != NONE) {
			items[id].count++;
			recs[nrecs++].item = id;
			continue;
		}
		if (nitems == capitems) {
			capitems = capitems ? capitems * 2 : 4096;
			items = xreallocarray(items, capitems, sizeof(*items));
		}
		id = (uint32_t)nitems++;
		exact.slot[slot] = id + 1;
		it = &items[id];
		memset(it, 0, sizeof(*it));
		it->hash = h;
		it->text = texts.len;
		it->textlen = (uint32_t)len;
		it->by = by;
		it->first = (uint32_t)nrecs;
		it->count = 1;
		it->nwords = (uint32_t)(nwords > UINT32_MAX ? UINT32_MAX :
		    nwords);
		buf_add(&texts, norm.data, len);
		recs[nrecs++].item = id;
		place(id, &sh);
	}
	shingles_release(&sh);
	buf_release(&norm);
}

/* Unescaped id (first field) of record i, into b. */
static void
rec_id(size_t i, struct buf *b)
{
	const char *s = lines.data + recs[i].line, *t;
	size_t len = recs[i].linelen;

	buf_reset(b);
	if ((t = memchr(s, '\t', len)) != NULL)
		len = (size_t)(t - s);
	record_unescape(b, s, len);
}

static void
writeall(struct records *in, int kgroup, int ksize, int kkind, int kcamp)
{
	struct field vals[4];
	struct buf gid = BUF_INIT;
	uint32_t *gsize, *gexact;
	unsigned char *gcamp;
	char num[32];
	const struct item *it;
	size_t i, r, ncamp = 0, ncampans = 0;
	uint32_t size, first;
	const char *kind;
	int isfirst, camp;

	/* Per root: records in the group, records equal to the root text. */
	gsize = xcalloc(nitems ? nitems : 1, sizeof(*gsize));
	gexact = xcalloc(nitems ? nitems : 1, sizeof(*gexact));
	gcamp = xcalloc(nitems ? nitems : 1, 1);
	for (i = 0; i < nitems; i++) {
		gsize[items[i].root] += items[i].count;
		if (items[i].root == i)
			gexact[i] = items[i].count;
	}
	for (i = 0; i < nitems; i++) {
		it = &items[i];
		if (campaign > 0 && it->root == i &&
		    gsize[i] >= (unsigned long long)campaign &&
		    it->nwords >= CAMPAIGN_WORDS) {
			gcamp[i] = 1;
			ncamp++;
			ncampans += gsize[i];
			rec_id(it->first, &gid);
			glosy_warn("likely campaign: group '%s' of %u answers "
			    "(%u exact, %u near)", gid.data, gsize[i],
			    gexact[i], gsize[i] - gexact[i]);
		}
	}
	if (campaign > 0)
		glosy_warn("%zu likely campaigns, %zu answers", ncamp,
		    ncampans);

	records_start(in);
	for (i = 0; i < nrecs; i++) {
		if (recs[i].item == NONE) {
			first = (uint32_t)i;
			size = 1;
			kind = "unique";
			camp = 0;
		} else {
			r = items[recs[i].item].root;
			first = items[r].first;
			size = gsize[r];
			camp = gcamp[r];
			isfirst = first == i;
			if (size == 1)
				kind = "unique";
			else if (recs[i].item != r)
				kind = "near";
			else if (!isfirst)
				kind = "exact";
			else
				kind = gexact[r] == size ? "exact" : "near";
		}
		if (dropdups && first != i)
			continue;
		rec_id(first, &gid);
		vals[kgroup].s = gid.data;
		vals[kgroup].len = gid.len;
		snprintf(num, sizeof(num), "%u", size);
		vals[ksize].s = num;
		vals[ksize].len = strlen(num);
		vals[kkind].s = kind;
		vals[kkind].len = strlen(kind);
		if (kcamp >= 0) {
			vals[kcamp].s = camp ? "yes" : "no";
			vals[kcamp].len = strlen(vals[kcamp].s);
		}
		records_emit_saved(in, lines.data + recs[i].line,
		    recs[i].linelen, vals);
	}
	free(gsize);
	free(gexact);
	free(gcamp);
	buf_release(&gid);
}

int
main(int argc, char *argv[])
{
	struct records in;
	struct strtab bytab = STRTAB_INIT;
	const char *errstr;
	int ch, col, bycol = -1, kgroup, ksize, kkind, kcamp = -1;

	glosy_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "b:C:c:dhs:t:Vw", longopts,
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

	/* Jaccard distance obeys the triangle inequality, so 2t - 1 is the
	 * least similarity of two texts each within t of a third one. */
	chainfloor = 2 * threshold - 1;
	glosy_stdout_buffer();
	minhash_init(&mh, seed);
	records_open(&in, argc, argv);
	col = records_need(&in, column);
	if (bycolumn != NULL)
		bycol = records_need(&in, bycolumn);
	kgroup = records_add(&in, "dup_group");
	ksize = records_add(&in, "dup_size");
	kkind = records_add(&in, "dup_kind");
	if (campaign > 0)
		kcamp = records_add(&in, "dup_campaign");

	readall(&in, col, bycol, &bytab);
	writeall(&in, kgroup, ksize, kkind, kcamp);

	records_close(&in);
	strtab_release(&bytab);
	free(recs);
	free(items);
	free(pool);
	free(exact.slot);
	free(bands.slot);
	buf_release(&lines);
	buf_release(&texts);
	return glosy_close_stdout();
}

static void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-dhVw] [-b column] [-C n] [-c column] "
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
